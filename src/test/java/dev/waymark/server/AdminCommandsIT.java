// SPDX-License-Identifier: Apache-2.0
package dev.waymark.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waymark.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.pinpoint.model.PinpointException;
import software.amazon.awssdk.services.sts.model.StsException;

/** The {@code waymark} admin commands and the identities file, used while a server runs on the same data. */
class AdminCommandsIT {
    private record Run(int exit, String out, String err) {
    }

    private static Run waymark(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(dev.waymark.testing.TestDatabase.commandLine(List.of(args)), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Map<String, String> fields(String out) {
        return Stream.of(out.split("\n")).filter(l -> l.contains("\t"))
                .collect(Collectors.toMap(l -> l.split("\t")[0], l -> l.split("\t")[1]));
    }

    @Test
    void commandsCreateIdentitiesTheServerAccepts() throws Exception {
        try (TestServer server = TestServer.start()) {
            String dir = "--data-dir=" + server.dataDir();
            Run account = waymark("account", "create", "--name=prod", "--id=111122223333", dir);
            assertEquals(0, account.exit(), account.err());
            assertEquals("111122223333", fields(account.out()).get("account"));
            assertEquals(0, waymark("user", "create", "--account=111122223333", "--name=alice", dir).exit());
            Run key = waymark("key", "create", "--account=111122223333", "--user=alice", dir);
            Map<String, String> keyFields = fields(key.out());
            var alice = AwsBasicCredentials.create(keyFields.get("aws_access_key_id"), keyFields.get("aws_secret_access_key"));
            assertEquals("arn:aws:iam::111122223333:user/alice",
                    server.sts(alice).getCallerIdentity(r -> { }).arn());
            PinpointException denied = org.junit.jupiter.api.Assertions.assertThrows(PinpointException.class,
                    () -> server.pinpoint(alice, Region.US_EAST_1).getApps(r -> { }));
            assertEquals(403, denied.statusCode());
            Path policy = Files.createTempFile("policy", ".json");
            Files.writeString(policy, TestServer.ALLOW_ALL);
            assertEquals(0, waymark("policy", "put", "--account=111122223333", "--user=alice", "--name=all",
                    "--document=@" + policy, dir).exit());
            Thread.sleep(1100); // policies are cached for one second
            assertTrue(server.pinpoint(alice, Region.US_EAST_1).getApps(r -> { }).applicationsResponse().item().isEmpty());
            assertEquals(0, waymark("key", "deactivate", "--access-key-id=" + alice.accessKeyId(), dir).exit());
            Thread.sleep(1100);
            StsException unknown = org.junit.jupiter.api.Assertions.assertThrows(StsException.class,
                    () -> server.sts(alice).getCallerIdentity(r -> { }));
            assertEquals("InvalidClientTokenId", unknown.awsErrorDetails().errorCode());
        }
    }

    @Test
    void identitiesFileIsAppliedAtStart() throws Exception {
        Path file = Files.createTempFile("identities", ".json");
        Files.writeString(file, """
                {"accounts": [{"id": "444455556666", "name": "declared", "alias": "declared-alias",
                  "rootKeys": [{"accessKeyId": "AKIADECLAREDROOT0001", "secretAccessKey": "root-secret-declared"}],
                  "users": [{"name": "erin", "keys": [{"accessKeyId": "AKIADECLAREDERIN0001", "secretAccessKey": "erin-secret"}],
                             "policies": {"all": %s}}]}]}
                """.formatted(TestServer.ALLOW_ALL));
        try (TestServer server = TestServer.start("--identities-file=" + file)) {
            var root = AwsBasicCredentials.create("AKIADECLAREDROOT0001", "root-secret-declared");
            assertEquals("arn:aws:iam::444455556666:root", server.sts(root).getCallerIdentity(r -> { }).arn());
            var erin = AwsBasicCredentials.create("AKIADECLAREDERIN0001", "erin-secret");
            assertTrue(server.pinpoint(erin, Region.US_EAST_1).getApps(r -> { }).applicationsResponse().item().isEmpty());
        }
    }

    @Test
    void helpAndBadArguments() throws Exception {
        assertEquals(0, waymark("--help").exit());
        Run serveHelp = waymark("serve", "--help");
        assertEquals(0, serveHelp.exit());
        assertTrue(serveHelp.out().contains("--data-dir"), serveHelp.out());
        assertTrue(waymark("user", "create", "--help").out().contains("--account=ID"));
        assertEquals(2, waymark("frobnicate").exit());
        Run missing = waymark("user", "create", "--data-dir=" + Files.createTempDirectory("waymark-none"));
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("--account is required"), missing.err());
    }
}
