// SPDX-License-Identifier: Apache-2.0
package dev.waymark.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.waymark.testing.ServerProcess;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.pinpoint.PinpointClient;

/**
 * No change without its record, and nothing acknowledged lost: the server process is killed with SIGKILL in the
 * middle of a write load; after a restart every call the clients saw succeed has its record and its change, and
 * every record of a successful CreateApp describes an application that exists (and every application has one);
 * every GetApps the readers were answered has its record too.
 */
class DurabilityIT {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void killDuringWriteLoadLosesNothingAcknowledged() throws Exception {
        Path dataDir = Files.createTempDirectory("waymark-durability");
        Map<String, String> acknowledged = new ConcurrentHashMap<>();
        Set<String> reads = ConcurrentHashMap.newKeySet();
        try (ServerProcess server = ServerProcess.start(dataDir)) {
            PinpointClient client = server.pinpoint(dataDir);
            AtomicBoolean running = new AtomicBoolean(true);
            ExecutorService writers = Executors.newFixedThreadPool(10);
            for (int r = 0; r < 2; r++) {
                writers.submit(() -> {
                    while (running.get()) {
                        try {
                            reads.add(client.getApps(g -> g.pageSize("5")).responseMetadata().requestId());
                        } catch (RuntimeException e) {
                            return;
                        }
                    }
                });
            }
            for (int w = 0; w < 8; w++) {
                int writer = w;
                writers.submit(() -> {
                    for (int i = 0; running.get(); i++) {
                        String name = "w" + writer + "-" + i;
                        try {
                            var response = client.createApp(r -> r.createApplicationRequest(a -> a.name(name)));
                            acknowledged.put(response.responseMetadata().requestId(), response.applicationResponse().id());
                        } catch (RuntimeException e) {
                            return;
                        }
                    }
                });
            }
            Thread.sleep(2500);
            server.kill();
            running.set(false);
            writers.shutdown();
            assertTrue(writers.awaitTermination(60, TimeUnit.SECONDS));
        }
        assertTrue(acknowledged.size() > 50, "load too small: " + acknowledged.size());
        assertTrue(reads.size() > 20, "read load too small: " + reads.size());
        try (ServerProcess restarted = ServerProcess.start(dataDir)) {
            assertTrue(restarted.pinpoint(dataDir).getApps(r -> r.pageSize("1")).applicationsResponse() != null);
        }
        Map<String, String> recorded = new HashMap<>();
        Set<String> apps = new HashSet<>();
        try (Connection db = dev.waymark.testing.TestDatabase.connect(dataDir);
             Statement statement = db.createStatement()) {
            try (ResultSet rs = statement.executeQuery("SELECT record FROM event WHERE event_name = 'CreateApp'")) {
                while (rs.next()) {
                    JsonNode record = MAPPER.readTree(rs.getString(1));
                    assertTrue(record.path("errorCode").isMissingNode(), record.toString());
                    recorded.put(record.get("requestID").asText(), record.get("responseElements").get("Id").asText());
                }
            }
            Set<String> readRecords = new HashSet<>();
            try (ResultSet rs = statement.executeQuery("SELECT record FROM event WHERE event_name = 'GetApps'")) {
                while (rs.next()) {
                    readRecords.add(MAPPER.readTree(rs.getString(1)).get("requestID").asText());
                }
            }
            Set<String> unrecorded = new HashSet<>(reads);
            unrecorded.removeAll(readRecords);
            assertEquals(Set.of(), unrecorded, "answered reads without their records");
            try (ResultSet rs = statement.executeQuery("SELECT id FROM pinpoint_app")) {
                while (rs.next()) {
                    apps.add(rs.getString(1));
                }
            }
        }
        for (Map.Entry<String, String> call : acknowledged.entrySet()) {
            assertEquals(call.getValue(), recorded.get(call.getKey()), "acknowledged call without its record");
            assertTrue(apps.contains(call.getValue()), "acknowledged change lost: " + call.getValue());
        }
        assertEquals(apps, new HashSet<>(recorded.values()), "every record describes an app that exists, and back");
    }

}
