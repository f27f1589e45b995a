// SPDX-License-Identifier: Apache-2.0
package dev.waymark.smsvoice;

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
 * {@code aws pinpoint-sms-voice} (botocore's own serializers and error parser) against Waymark, and
 * {@code waymark outbox list} showing the voice message the CLI sent.
 */
class SmsVoiceCliIT {
    @Test
    void theAwsCliManagesConfigurationSetsAndSendsAVoiceMessage() throws Exception {
        try (TestServer server = TestServer.start()) {
            AwsCli aws = new AwsCli(server);
            aws.ok("pinpoint-sms-voice", "create-configuration-set", "--configuration-set-name", "cli-set");
            JsonNode sets = aws.ok("pinpoint-sms-voice", "list-configuration-sets");
            assertEquals(List.of("cli-set"), List.of(sets.path("ConfigurationSets").get(0).asText()));
            aws.ok("pinpoint-sms-voice", "create-configuration-set-event-destination", "--configuration-set-name",
                    "cli-set", "--event-destination-name", "ringing", "--event-destination",
                    "{\"Enabled\":true,\"MatchingEventTypes\":[\"RINGING\"],"
                            + "\"SnsDestination\":{\"TopicArn\":\"arn:aws:sns:us-east-1:111122223333:calls\"}}");
            JsonNode destinations = aws.ok("pinpoint-sms-voice", "get-configuration-set-event-destinations",
                    "--configuration-set-name", "cli-set");
            assertEquals("ringing", destinations.path("EventDestinations").get(0).path("Name").asText());
            assertEquals("RINGING", destinations.path("EventDestinations").get(0).path("MatchingEventTypes").get(0).asText());

            String id = aws.ok("pinpoint-sms-voice", "send-voice-message", "--destination-phone-number", "+12065550142",
                    "--content", "{\"PlainTextMessage\":{\"Text\":\"Hello from the CLI\"}}").path("MessageId").asText();
            OutboxProbe.finished(server, id);

            AwsCli.Result missing = aws.run("pinpoint-sms-voice", "delete-configuration-set",
                    "--configuration-set-name", "no-such-set");
            assertNotEquals(0, missing.exit());
            assertTrue(missing.err().contains("NotFoundException"), missing.err());
            AwsCli.Result limit = aws.run("pinpoint-sms-voice", "create-configuration-set", "--configuration-set-name",
                    "cli-set");
            assertTrue(limit.err().contains("AlreadyExistsException"), limit.err());

            WaymarkCommand.Result listing = WaymarkCommand.run("outbox", "list", "--kind=voice",
                    "--data-dir=" + server.dataDir());
            assertEquals(0, listing.exit(), listing.err());
            String[] row = listing.rows().get(0);
            assertEquals(id, row[1]);
            assertEquals(List.of("VOICE", "outbox", "KEPT"), List.of(row[4], row[5], row[6]));
            assertTrue(row[8].contains("+12065550142"), String.join("|", row));
            assertEquals(2, WaymarkCommand.run("outbox", "list", "--kind=fax", "--data-dir=" + server.dataDir()).exit());
        }
    }
}
