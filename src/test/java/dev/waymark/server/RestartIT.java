// SPDX-License-Identifier: Apache-2.0
package dev.waymark.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waymark.testing.ServerProcess;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.pinpoint.PinpointClient;

/** The built server, run as a process: first start, what it prints, and data surviving a stop and a kill -9. */
class RestartIT {
    @Test
    void dataSurvivesRestartAndKill() throws Exception {
        Path dataDir = Files.createTempDirectory("waymark-restart");
        String appId;
        String credentials;
        try (ServerProcess first = ServerProcess.start(dataDir)) {
            credentials = Files.readString(dataDir.resolve("credentials"));
            String expected = "AWS_SHARED_CREDENTIALS_FILE=" + dataDir.resolve("credentials").toAbsolutePath()
                    + " AWS_PROFILE=waymark AWS_ENDPOINT_URL=http://127.0.0.1:" + first.port();
            assertTrue(first.printed(expected), String.join("\n", first.output()));
            assertTrue(credentials.startsWith("[waymark]\n"), credentials);
            appId = first.pinpoint(dataDir).createApp(r -> r.createApplicationRequest(a -> a.name("durable")))
                    .applicationResponse().id();
        }
        try (ServerProcess second = ServerProcess.start(dataDir)) {
            assertEquals(credentials, Files.readString(dataDir.resolve("credentials")), "no second default account");
            assertEquals("durable", second.pinpoint(dataDir).getApp(r -> r.applicationId(appId))
                    .applicationResponse().name());
            second.pinpoint(dataDir).createApp(r -> r.createApplicationRequest(a -> a.name("acknowledged")));
            second.kill();
        }
        try (ServerProcess third = ServerProcess.start(dataDir)) {
            var names = third.pinpoint(dataDir).getApps(r -> { }).applicationsResponse().item().stream()
                    .map(a -> a.name()).toList();
            assertTrue(names.contains("durable") && names.contains("acknowledged"), names.toString());
        }
    }

}
