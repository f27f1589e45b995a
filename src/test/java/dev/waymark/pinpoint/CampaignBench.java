// SPDX-License-Identifier: Apache-2.0
package dev.waymark.pinpoint;

import dev.waymark.channel.Status;
import dev.waymark.testing.TestServer;
import software.amazon.awssdk.services.pinpoint.PinpointClient;
import software.amazon.awssdk.services.pinpoint.model.CampaignStatus;

/**
 * Issue 8's benchmark, not a test: the send rate of a campaign through the local outbox provider. A real server
 * (no SMTP configured, so e-mail is kept in the outbox), {@code endpoints} e-mail endpoints ingested with
 * UpdateEndpointsBatch, then one IMMEDIATE campaign to a segment of all of them with a personalised subject. Two
 * figures: how fast the campaign runner puts the messages into the outbox (from CreateCampaign to COMPLETED), and
 * how fast they are through the outbox provider (until the dispatcher has recorded every one as kept). Run:
 * {@code java -cp target/test-classes:target/classes:<dependencies> dev.waymark.pinpoint.CampaignBench [endpoints]}.
 */
public final class CampaignBench {
    private CampaignBench() {
    }

    public static void main(String[] args) throws Exception {
        int total = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        try (TestServer server = TestServer.start()) {
            PinpointClient pinpoint = server.pinpoint();
            String app = pinpoint.createApp(r -> r.createApplicationRequest(a -> a.name("bench"))).applicationResponse().id();
            pinpoint.updateEmailChannel(r -> r.applicationId(app).emailChannelRequest(e -> e.fromAddress("news@example.com")
                    .identity("arn:aws:ses:us-east-1:111122223333:identity/example.com")));
            AudienceBench.ingest(server, app, total, 4);
            String segment = pinpoint.createSegment(r -> r.applicationId(app).writeSegmentRequest(w -> w.name("all")
                    .dimensions(d -> d.demographic(g -> g.channel(c -> c.values("EMAIL")))))).segmentResponse().id();
            long started = System.nanoTime();
            String campaign = pinpoint.createCampaign(r -> r.applicationId(app).writeCampaignRequest(w -> w.name("bench")
                    .segmentId(segment).schedule(s -> s.frequency("ONCE").startTime("IMMEDIATE"))
                    .messageConfiguration(m -> m.emailMessage(e -> e.title("Hello {{User.UserAttributes.plan}}")
                            .htmlBody("<p>News for {{Attributes.tier}} in {{Location.City}}</p>")))))
                    .campaignResponse().id();
            while (pinpoint.getCampaign(r -> r.applicationId(app).campaignId(campaign)).campaignResponse().state()
                    .campaignStatus() != CampaignStatus.COMPLETED) {
                Thread.sleep(50);
            }
            double run = (System.nanoTime() - started) / 1e9;
            long kept;
            do {
                Thread.sleep(50);
                kept = server.server().store().read(tx -> tx.queryLong(
                        "SELECT COUNT(*) FROM channel_message WHERE status = ?", Status.KEPT.name()));
            } while (kept < total);
            double through = (System.nanoTime() - started) / 1e9;
            System.out.printf("campaign run: %d messages into the outbox in %.1f s = %.0f messages/s%n", total, run, total / run);
            System.out.printf("through the outbox provider: %d messages kept in %.1f s = %.0f messages/s%n", total,
                    through, total / through);
        }
    }
}
