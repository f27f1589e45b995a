// SPDX-License-Identifier: Apache-2.0
package dev.waymark.pinpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.waymark.testing.ServerProcess;
import dev.waymark.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.pinpoint.PinpointClient;
import software.amazon.awssdk.services.pinpoint.model.CampaignStatus;
import software.amazon.awssdk.services.pinpoint.model.EndpointBatchItem;

/**
 * A campaign run survives a crash: the server process is killed with SIGKILL while a paced campaign is half way
 * through its segment; after a restart the run goes on from where it stopped, and in the end every endpoint of the
 * segment has exactly one message in the outbox — none sent twice, none missed.
 */
class CampaignRestartIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ENDPOINTS = 1500;

    @Test
    void aRunKilledHalfWayFinishesAfterARestartWithNoDuplicateAndNoGap() throws Exception {
        Path dataDir = Files.createTempDirectory("waymark-campaign-restart");
        String app;
        String campaign;
        try (ServerProcess server = ServerProcess.start(dataDir)) {
            PinpointClient pinpoint = server.pinpoint(dataDir);
            app = pinpoint.createApp(r -> r.createApplicationRequest(a -> a.name("restart"))).applicationResponse().id();
            pinpoint.updateEmailChannel(r -> r.applicationId(app).emailChannelRequest(e -> e.fromAddress("news@example.com")
                    .identity("arn:aws:ses:us-east-1:111122223333:identity/example.com")));
            for (int batch = 0; batch < ENDPOINTS / 100; batch++) {
                List<EndpointBatchItem> items = new ArrayList<>();
                for (int i = batch * 100; i < (batch + 1) * 100; i++) {
                    items.add(EndpointBatchItem.builder().id("e" + i).channelType("EMAIL").address("r" + i + "@example.net")
                            .attributes(Map.of("Plan", List.of("pro"))).build());
                }
                pinpoint.updateEndpointsBatch(r -> r.applicationId(app).endpointBatchRequest(b -> b.item(items)));
            }
            String segment = pinpoint.createSegment(r -> r.applicationId(app).writeSegmentRequest(s -> s.name("pro")
                    .dimensions(d -> d.attributes(Map.of("Plan", software.amazon.awssdk.services.pinpoint.model
                            .AttributeDimension.builder().values("pro").build()))))).segmentResponse().id();
            campaign = pinpoint.createCampaign(r -> r.applicationId(app).writeCampaignRequest(w -> w.name("paced")
                    .segmentId(segment).holdoutPercent(10).limits(l -> l.messagesPerSecond(400))
                    .schedule(s -> s.frequency("ONCE").startTime("IMMEDIATE"))
                    .messageConfiguration(m -> m.emailMessage(e -> e.title("Hi").htmlBody("<p>x</p>")))))
                    .campaignResponse().id();
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (messages(dataDir).size() < 300) {
                assertTrue(System.nanoTime() < deadline, "the run did not start");
                Thread.sleep(20);
            }
            server.kill();
        }
        int atKill = messages(dataDir).values().stream().mapToInt(Integer::intValue).sum();
        assertTrue(atKill < ENDPOINTS * 0.8, "killed too late to prove anything: " + atKill + " messages");

        try (ServerProcess restarted = ServerProcess.start(dataDir)) {
            PinpointClient pinpoint = restarted.pinpoint(dataDir);
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (pinpoint.getCampaign(r -> r.applicationId(app).campaignId(campaign)).campaignResponse().state()
                    .campaignStatus() != CampaignStatus.COMPLETED) {
                assertTrue(System.nanoTime() < deadline, "the run did not complete after the restart");
                Thread.sleep(200);
            }
            var activity = pinpoint.getCampaignActivities(r -> r.applicationId(app).campaignId(campaign))
                    .activitiesResponse().item();
            assertEquals(1, activity.size());
            Map<String, Integer> sent = messages(dataDir);
            int expected = 0;
            for (int i = 0; i < ENDPOINTS; i++) {
                boolean heldOut = CampaignAudience.bucket(campaign, "e" + i) < 10;
                assertEquals(heldOut ? null : Integer.valueOf(1), sent.get("r" + i + "@example.net"), "endpoint e" + i);
                expected += heldOut ? 0 : 1;
            }
            assertEquals(expected, sent.size());
            assertEquals(expected, activity.get(0).successfulEndpointCount());
            assertTrue(expected > ENDPOINTS * 0.8 && expected < ENDPOINTS, "holdout share implausible: " + expected);
        }
    }

    /** Messages in the outbox per recipient. */
    private static Map<String, Integer> messages(Path dataDir) throws Exception {
        Map<String, Integer> byRecipient = new HashMap<>();
        try (Connection db = TestDatabase.connect(dataDir); Statement statement = db.createStatement()) {
            if (TestDatabase.postgres().isEmpty()) {
                statement.execute("PRAGMA busy_timeout = 5000");
            }
            try (ResultSet rs = statement.executeQuery("SELECT payload FROM channel_message WHERE kind = 'EMAIL'")) {
                while (rs.next()) {
                    JsonNode payload = JSON.readTree(rs.getString(1));
                    String recipient = payload.path("recipients").get(0).asText();
                    byRecipient.merge(recipient, 1, Integer::sum);
                }
            }
        } catch (java.sql.SQLException e) {
            if (!String.valueOf(e.getMessage()).contains("no such table") && !"42P01".equals(e.getSQLState())
                    && !"3D000".equals(e.getSQLState())) {
                throw e;
            }
        }
        return byRecipient;
    }
}
