// SPDX-License-Identifier: Apache-2.0
package dev.waymark.email;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.waymark.channel.AwsCli;
import dev.waymark.channel.OutboxProbe;
import dev.waymark.channel.WaymarkCommand;
import dev.waymark.testing.TestServer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code aws pinpoint-email} against Waymark (botocore serializes the requests, parses the epoch-second timestamps
 * and the {@code {"message"}} errors), and {@code waymark outbox list} showing the e-mail it sent.
 */
class EmailCliIT {
    @Test
    void theAwsCliManagesIdentitiesAndConfigurationSetsAndSendsEmail() throws Exception {
        try (TestServer server = TestServer.start()) {
            AwsCli aws = new AwsCli(server);
            JsonNode identity = aws.ok("pinpoint-email", "create-email-identity", "--email-identity", "cli.example");
            assertEquals("DOMAIN", identity.path("IdentityType").asText());
            assertTrue(identity.path("VerifiedForSendingStatus").asBoolean());
            assertEquals("cli.example", aws.ok("pinpoint-email", "list-email-identities").path("EmailIdentities").get(0)
                    .path("IdentityName").asText());
            aws.ok("pinpoint-email", "create-configuration-set", "--configuration-set-name", "cli-set",
                    "--reputation-options", "ReputationMetricsEnabled=true");
            JsonNode set = aws.ok("pinpoint-email", "get-configuration-set", "--configuration-set-name", "cli-set");
            assertTrue(set.path("ReputationOptions").path("ReputationMetricsEnabled").asBoolean());
            assertTrue(set.path("SendingOptions").path("SendingEnabled").asBoolean());
            assertEquals(List.of("cli-set"), List.of(aws.ok("pinpoint-email", "list-configuration-sets")
                    .path("ConfigurationSets").get(0).asText()));

            String id = aws.ok("pinpoint-email", "send-email", "--from-email-address", "me@cli.example",
                    "--destination", "ToAddresses=friend@example.net", "--configuration-set-name", "cli-set",
                    "--content", "{\"Simple\":{\"Subject\":{\"Data\":\"From the CLI\"},\"Body\":{\"Text\":{\"Data\":\"hello\"}}}}")
                    .path("MessageId").asText();
            OutboxProbe.finished(server, id);
            assertEquals(1.0, aws.ok("pinpoint-email", "get-account").path("SendQuota").path("SentLast24Hours").asDouble());

            AwsCli.Result missing = aws.run("pinpoint-email", "get-configuration-set", "--configuration-set-name", "none");
            assertNotEquals(0, missing.exit());
            assertTrue(missing.err().contains("NotFoundException") && missing.err().contains("does not exist"), missing.err());
            AwsCli.Result rejected = aws.run("pinpoint-email", "send-email", "--from-email-address", "me@elsewhere.example",
                    "--destination", "ToAddresses=friend@example.net", "--content",
                    "{\"Simple\":{\"Subject\":{\"Data\":\"x\"},\"Body\":{\"Text\":{\"Data\":\"x\"}}}}");
            assertTrue(rejected.err().contains("MessageRejected") && rejected.err().contains("not verified"), rejected.err());

            WaymarkCommand.Result listing = WaymarkCommand.run("outbox", "list", "--kind=email", "--account="
                    + server.accountId(), "--data-dir=" + server.dataDir());
            assertEquals(0, listing.exit(), listing.err());
            String[] row = listing.rows().get(0);
            assertEquals(List.of(id, "EMAIL", "outbox", "KEPT"), List.of(row[1], row[4], row[5], row[6]));
            assertTrue(row[8].contains("friend@example.net") && row[8].contains("From the CLI"), row[8]);
        }
    }
}
