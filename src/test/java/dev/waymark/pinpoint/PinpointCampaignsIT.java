// SPDX-License-Identifier: Apache-2.0
package dev.waymark.pinpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.waymark.testing.TestServer;
import jakarta.mail.internet.MimeMessage;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.pinpoint.PinpointClient;
import software.amazon.awssdk.services.pinpoint.model.ActivityResponse;
import software.amazon.awssdk.services.pinpoint.model.BadRequestException;
import software.amazon.awssdk.services.pinpoint.model.CampaignResponse;
import software.amazon.awssdk.services.pinpoint.model.CampaignStatus;
import software.amazon.awssdk.services.pinpoint.model.EndpointRequest;
import software.amazon.awssdk.services.pinpoint.model.MessageConfiguration;
import software.amazon.awssdk.services.pinpoint.model.NotFoundException;
import software.amazon.awssdk.services.pinpoint.model.WriteCampaignRequest;
import software.amazon.awssdk.services.pinpoint.model.WriteTreatmentResource;

/**
 * Campaigns end to end through the AWS SDK for Java v2 (issue 8): every operation and its errors, and campaigns that
 * really run — a ONCE campaign a few seconds ahead delivering personalised e-mail to its segment over SMTP to
 * GreenMail with the holdout respected, A/B treatments, templates, local time and quiet time.
 */
class PinpointCampaignsIT {
    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("waymark", "s3cret"))
            .withPerMethodLifecycle(false);
    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private static TestServer server;
    private static PinpointClient pinpoint;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("--smtp-host=127.0.0.1", "--smtp-port=" + SMTP.getSmtp().getPort(), "--smtp-tls=none",
                "--smtp-username=waymark", "--smtp-password=s3cret");
        pinpoint = server.pinpoint();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @BeforeEach
    void empty() throws Exception {
        dev.waymark.channel.OutboxProbe.settled(server, dev.waymark.channel.Kind.EMAIL);
        SMTP.purgeEmailFromAllMailboxes();
    }

    /** An application with an e-mail channel, {@code count} e-mail endpoints e0… in Paris, and a segment of them. */
    private record Audience(String app, String segment, List<String> endpoints) {
    }

    private static Audience audience(String name, int count) {
        String app = pinpoint.createApp(r -> r.createApplicationRequest(a -> a.name(name))).applicationResponse().id();
        pinpoint.updateEmailChannel(r -> r.applicationId(app).emailChannelRequest(e -> e.fromAddress("news@example.com")
                .identity("arn:aws:ses:us-east-1:111122223333:identity/example.com")));
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = name + "-e" + i;
            String address = name + i + "@example.net";
            int n = i;
            pinpoint.updateEndpoint(r -> r.applicationId(app).endpointId(id).endpointRequest(e -> e.channelType("EMAIL")
                    .address(address).attributes(Map.of("City", List.of("Paris")))
                    .user(u -> u.userId("u" + n).userAttributes(Map.of("FirstName", List.of("Ann" + n))))));
            ids.add(id);
        }
        String segment = pinpoint.createSegment(r -> r.applicationId(app).writeSegmentRequest(s -> s.name("parisians")
                .dimensions(d -> d.attributes(Map.of("City", software.amazon.awssdk.services.pinpoint.model.AttributeDimension
                        .builder().values("Paris").build()))))).segmentResponse().id();
        return new Audience(app, segment, ids);
    }

    private static String soon(int seconds) {
        return Instant.now().plusSeconds(seconds).truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC).format(ISO);
    }

    private static MessageConfiguration email(String subject, String html) {
        return MessageConfiguration.builder().emailMessage(m -> m.title(subject).htmlBody(html)).build();
    }

    private static CampaignResponse create(String app, WriteCampaignRequest request) {
        var created = pinpoint.createCampaign(r -> r.applicationId(app).writeCampaignRequest(request));
        assertEquals(201, created.sdkHttpResponse().statusCode());
        return created.campaignResponse();
    }

    private static CampaignResponse get(String app, String campaign) {
        return pinpoint.getCampaign(r -> r.applicationId(app).campaignId(campaign)).campaignResponse();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
            Thread.sleep(100);
        }
    }

    private static CampaignStatus status(String app, String campaign) {
        return get(app, campaign).state().campaignStatus();
    }

    /** The received messages by recipient, each recipient at most once. */
    private static Map<String, MimeMessage> received() throws Exception {
        Map<String, MimeMessage> byRecipient = new HashMap<>();
        for (MimeMessage message : SMTP.getReceivedMessages()) {
            String to = message.getHeader("To", ",");
            assertTrue(byRecipient.put(to, message) == null, "a second message to " + to);
        }
        return byRecipient;
    }

    /** The documented split, computed independently: SHA-256 of "campaignId/endpointId", first 8 bytes, mod 100. */
    private static int bucket(String campaign, String endpoint) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest((campaign + "/" + endpoint).getBytes(StandardCharsets.UTF_8));
        return (int) Math.floorMod(ByteBuffer.wrap(digest).getLong(), 100L);
    }

    @Test
    void aOnceCampaignDeliversPersonalisedMailToItsSegmentAndHoldsOutItsShare() throws Exception {
        Audience audience = audience("once", 40);
        pinpoint.updateEndpoint(r -> r.applicationId(audience.app()).endpointId("once-e0").endpointRequest(e -> e.optOut("ALL")));
        pinpoint.updateEndpoint(r -> r.applicationId(audience.app()).endpointId("once-e1")
                .endpointRequest(e -> e.endpointStatus("INACTIVE")));
        CampaignResponse campaign = create(audience.app(), WriteCampaignRequest.builder().name("Spring sale")
                .description("for Paris").segmentId(audience.segment()).holdoutPercent(25)
                .schedule(s -> s.frequency("ONCE").startTime(soon(3)))
                .messageConfiguration(email("Hello {{User.UserAttributes.FirstName}}", "<p>News from {{Attributes.City}}</p>"))
                .build());
        assertEquals(CampaignStatus.SCHEDULED, campaign.state().campaignStatus());
        assertEquals(1, campaign.segmentVersion());
        assertEquals(1, campaign.version());
        assertEquals("arn:aws:mobiletargeting:us-east-1:" + server.accountId() + ":apps/" + audience.app() + "/campaigns/"
                + campaign.id(), campaign.arn());
        Thread.sleep(1000);
        assertEquals(0, SMTP.getReceivedMessages().length, "sent before its start time");

        await("the campaign to complete", () -> status(audience.app(), campaign.id()) == CampaignStatus.COMPLETED);
        Set<String> expected = new HashSet<>();
        for (int i = 2; i < 40; i++) {
            if (bucket(campaign.id(), "once-e" + i) >= 25) {
                expected.add("once" + i + "@example.net");
            }
        }
        assertTrue(expected.size() > 15 && expected.size() < 38, "holdout share implausible: " + expected.size());
        await("the mail to arrive", () -> SMTP.getReceivedMessages().length >= expected.size());
        Thread.sleep(500);
        Map<String, MimeMessage> received = received();
        assertEquals(expected, received.keySet());
        MimeMessage third = received.values().stream().filter(m -> {
            try {
                return m.getHeader("To", ",").equals("once3@example.net");
            } catch (Exception e) {
                return false;
            }
        }).findFirst().orElse(null);
        if (third != null) {
            assertEquals("Hello Ann3", third.getSubject());
            assertTrue(String.valueOf(third.getContent()).contains("News from Paris"), String.valueOf(third.getContent()));
        }
        for (MimeMessage message : received.values()) {
            assertEquals("news@example.com", message.getFrom()[0].toString());
            assertTrue(message.getSubject().startsWith("Hello Ann"), message.getSubject());
        }

        List<ActivityResponse> activities = pinpoint.getCampaignActivities(r -> r.applicationId(audience.app())
                .campaignId(campaign.id())).activitiesResponse().item();
        assertEquals(1, activities.size());
        ActivityResponse activity = activities.get(0);
        assertEquals("COMPLETED", activity.state());
        assertEquals("0", activity.treatmentId());
        assertEquals(expected.size(), activity.successfulEndpointCount());
        assertEquals(expected.size() + (bucket(campaign.id(), "once-e0") >= 25 ? 1 : 0), activity.totalEndpointCount(),
                "the opted-out endpoint is targeted but not sent to; the inactive one is not targeted");
        assertEquals(campaign.schedule().startTime().replace("Z", ".000Z"), activity.scheduledStart());

        var kpi = pinpoint.getCampaignDateRangeKpi(r -> r.applicationId(audience.app()).campaignId(campaign.id())
                .kpiName("successful-deliveries")).campaignDateRangeKpiResponse();
        assertEquals(campaign.id(), kpi.campaignId());
        double today = kpi.kpiResult().rows().get(kpi.kpiResult().rows().size() - 1).values().get(0).value().transform(Double::parseDouble);
        assertEquals(expected.size(), today, 0.0);
        assertThrows(BadRequestException.class, () -> pinpoint.getCampaignDateRangeKpi(r -> r.applicationId(audience.app())
                .campaignId(campaign.id()).kpiName("email-open-rate")));
    }

    @Test
    void anEventTriggeredCampaignSendsWhenAMatchingEventArrives() throws Exception {
        Audience audience = audience("event", 2);
        CampaignResponse campaign = create(audience.app(), WriteCampaignRequest.builder().name("on purchase")
                .segmentId(audience.segment())
                .schedule(s -> s.frequency("EVENT").startTime("IMMEDIATE").endTime(soon(3600))
                        .eventFilter(f -> f.filterType("ENDPOINT").dimensions(d -> d
                                .eventType(t -> t.dimensionType("INCLUSIVE").values("purchase"))
                                .metrics(Map.of("total", software.amazon.awssdk.services.pinpoint.model.MetricDimension
                                        .builder().comparisonOperator("GREATER_THAN").value(10.0).build())))))
                .messageConfiguration(email("Thanks {{User.UserAttributes.FirstName}}", "<p>x</p>")).build());
        assertEquals(CampaignStatus.SCHEDULED, campaign.state().campaignStatus());
        java.util.function.BiConsumer<String, Double> purchase = (endpoint, total) -> pinpoint.putEvents(r -> r
                .applicationId(audience.app()).eventsRequest(e -> e.batchItem(Map.of(endpoint,
                        software.amazon.awssdk.services.pinpoint.model.EventsBatch.builder()
                                .endpoint(p -> p.channelType("EMAIL"))
                                .events(Map.of("ev" + System.nanoTime(), software.amazon.awssdk.services.pinpoint.model.Event
                                        .builder().eventType("purchase").timestamp(Instant.now().toString())
                                        .metrics(Map.of("total", total)).build())).build()))));
        purchase.accept("event-e0", 5.0);
        purchase.accept("event-e1", 25.0);
        await("the triggered mail", () -> SMTP.getReceivedMessages().length >= 1);
        Thread.sleep(500);
        Map<String, MimeMessage> received = received();
        assertEquals(Set.of("event1@example.net"), received.keySet(), "only the matching event triggers");
        assertEquals("Thanks Ann1", received.get("event1@example.net").getSubject());
        ActivityResponse activity = pinpoint.getCampaignActivities(r -> r.applicationId(audience.app())
                .campaignId(campaign.id())).activitiesResponse().item().get(0);
        assertEquals(1, activity.successfulEndpointCount());
    }

    @Test
    void treatmentsSplitTheSegmentAndEachGetsItsOwnMessage() throws Exception {
        Audience audience = audience("ab", 30);
        CampaignResponse campaign = create(audience.app(), WriteCampaignRequest.builder().name("A/B")
                .segmentId(audience.segment()).schedule(s -> s.frequency("ONCE").startTime("IMMEDIATE"))
                .messageConfiguration(email("Variant A", "<p>A</p>"))
                .additionalTreatments(WriteTreatmentResource.builder().sizePercent(50).treatmentName("B")
                        .messageConfiguration(email("Variant B", "<p>B</p>")).build())
                .build());
        assertEquals("1", campaign.additionalTreatments().get(0).id());
        await("the campaign to complete", () -> status(audience.app(), campaign.id()) == CampaignStatus.COMPLETED);
        await("the mail to arrive", () -> SMTP.getReceivedMessages().length >= 30);
        Thread.sleep(300);
        Map<String, MimeMessage> received = received();
        assertEquals(30, received.size());
        for (int i = 0; i < 30; i++) {
            String expected = bucket(campaign.id(), "ab-e" + i) < 50 ? "Variant B" : "Variant A";
            assertEquals(expected, received.get("ab" + i + "@example.net").getSubject(), "ab-e" + i);
        }
        List<ActivityResponse> activities = pinpoint.getCampaignActivities(r -> r.applicationId(audience.app())
                .campaignId(campaign.id())).activitiesResponse().item();
        assertEquals(Set.of("0", "1"), new HashSet<>(activities.stream().map(ActivityResponse::treatmentId).toList()));
        assertEquals(30, activities.stream().mapToInt(ActivityResponse::successfulEndpointCount).sum());
    }

    @Test
    void aCampaignRendersItsTemplateWithTheTemplatesDefaults() throws Exception {
        Audience audience = audience("tpl", 3);
        pinpoint.createEmailTemplate(r -> r.templateName("welcome-campaign").emailTemplateRequest(t -> t
                .subject("Welcome {{User.UserAttributes.Nickname}}").htmlPart("<p>{{Attributes.City}}</p>")
                .defaultSubstitutions("{\"User.UserAttributes.Nickname\":\"friend\"}")));
        CampaignResponse campaign = create(audience.app(), WriteCampaignRequest.builder().name("templated")
                .segmentId(audience.segment()).schedule(s -> s.frequency("ONCE").startTime("IMMEDIATE"))
                .templateConfiguration(t -> t.emailTemplate(e -> e.name("welcome-campaign"))).build());
        await("the mail to arrive", () -> SMTP.getReceivedMessages().length >= 3);
        for (MimeMessage message : received().values()) {
            assertEquals("Welcome friend", message.getSubject());
            assertTrue(String.valueOf(message.getContent()).contains("<p>Paris</p>"));
        }
        await("the campaign to complete", () -> status(audience.app(), campaign.id()) == CampaignStatus.COMPLETED);
        assertThrows(NotFoundException.class, () -> pinpoint.createCampaign(r -> r.applicationId(audience.app())
                .writeCampaignRequest(w -> w.segmentId(audience.segment()).schedule(s -> s.startTime("IMMEDIATE"))
                        .templateConfiguration(t -> t.emailTemplate(e -> e.name("no-such-template")))))
                .campaignResponse());
    }

    @Test
    void aLocalTimeCampaignReachesEachTimeZoneAtItsOwnClockAndQuietTimeHoldsBack() throws Exception {
        Audience audience = audience("local", 0);
        String app = audience.app();
        Map<String, String> zones = Map.of("east", "Etc/GMT-1", "west", "Etc/GMT+1", "none", "");
        zones.forEach((name, zone) -> pinpoint.updateEndpoint(r -> r.applicationId(app).endpointId(name)
                .endpointRequest(EndpointRequest.builder().channelType("EMAIL").address(name + "@example.net")
                        .attributes(Map.of("City", List.of("Paris")))
                        .demographic(d -> d.timezone(zone.isEmpty() ? null : zone)).build())));
        // a wall-clock time three seconds ahead in UTC: UTC+1 reached it an hour ago, UTC-1 reaches it in an hour
        CampaignResponse campaign = create(app, WriteCampaignRequest.builder().name("local").segmentId(audience.segment())
                .schedule(s -> s.frequency("ONCE").isLocalTime(true).startTime(soon(3)).timezone("UTC"))
                .messageConfiguration(email("Local", "<p>x</p>")).build());
        await("east and none to be reached", () -> SMTP.getReceivedMessages().length >= 2);
        Thread.sleep(1000);
        assertEquals(Set.of("east@example.net", "none@example.net"), received().keySet());
        ActivityResponse activity = pinpoint.getCampaignActivities(r -> r.applicationId(app).campaignId(campaign.id()))
                .activitiesResponse().item().get(0);
        assertEquals("EXECUTING", activity.state());
        assertEquals(3, activity.timezonesTotalCount());
        assertEquals(2, activity.timezonesCompletedCount());
        assertEquals(CampaignStatus.EXECUTING, status(app, campaign.id()));

        SMTP.purgeEmailFromAllMailboxes();
        String quietStart = Instant.now().minus(1, ChronoUnit.HOURS).atOffset(ZoneOffset.ofHours(1)).toLocalTime()
                .truncatedTo(ChronoUnit.MINUTES).toString();
        String quietEnd = Instant.now().plus(1, ChronoUnit.HOURS).atOffset(ZoneOffset.ofHours(1)).toLocalTime()
                .truncatedTo(ChronoUnit.MINUTES).toString();
        CampaignResponse quiet = create(app, WriteCampaignRequest.builder().name("quiet").segmentId(audience.segment())
                .schedule(s -> s.frequency("ONCE").startTime("IMMEDIATE").quietTime(q -> q.start(quietStart).end(quietEnd)))
                .messageConfiguration(email("Quiet", "<p>x</p>")).build());
        await("the quiet campaign to complete", () -> status(app, quiet.id()) == CampaignStatus.COMPLETED);
        Thread.sleep(500);
        assertFalse(received().containsKey("east@example.net"), "sent in the endpoint's quiet time");
        assertTrue(received().containsKey("none@example.net"), "an endpoint without a time zone has no quiet time");
    }

    @Test
    void everyOperationAndItsErrors() throws Exception {
        Audience audience = audience("crud", 1);
        String app = audience.app();
        CampaignResponse created = create(app, WriteCampaignRequest.builder().name("later").segmentId(audience.segment())
                .schedule(s -> s.frequency("DAILY").startTime(soon(3600)).endTime(soon(86_400 * 3)))
                .messageConfiguration(email("s", "<p>b</p>")).tags(Map.of("team", "growth")).build());
        assertEquals(Map.of("team", "growth"), created.tags());
        assertEquals(CampaignStatus.SCHEDULED, created.defaultState().campaignStatus());

        var updated = pinpoint.updateCampaign(r -> r.applicationId(app).campaignId(created.id())
                .writeCampaignRequest(w -> w.isPaused(true).name("later, paused")));
        assertEquals(200, updated.sdkHttpResponse().statusCode());
        assertEquals(2, updated.campaignResponse().version());
        assertEquals(CampaignStatus.PAUSED, updated.campaignResponse().state().campaignStatus());
        assertEquals("DAILY", updated.campaignResponse().schedule().frequencyAsString(), "members left out are kept");

        assertEquals("later", pinpoint.getCampaignVersion(r -> r.applicationId(app).campaignId(created.id()).version("1"))
                .campaignResponse().name());
        var versions = pinpoint.getCampaignVersions(r -> r.applicationId(app).campaignId(created.id()).pageSize("1"))
                .campaignsResponse();
        assertEquals(1, versions.item().size());
        assertNotNull(versions.nextToken());
        assertEquals(2, pinpoint.getCampaignVersions(r -> r.applicationId(app).campaignId(created.id())
                .pageSize("1").token(versions.nextToken())).campaignsResponse().item().get(0).version());

        create(app, WriteCampaignRequest.builder().name("second").segmentId(audience.segment())
                .schedule(s -> s.startTime(soon(7200))).messageConfiguration(email("s", "<p>b</p>")).build());
        var page = pinpoint.getCampaigns(r -> r.applicationId(app).pageSize("1")).campaignsResponse();
        assertEquals("later, paused", page.item().get(0).name());
        assertEquals("second", pinpoint.getCampaigns(r -> r.applicationId(app).pageSize("1").token(page.nextToken()))
                .campaignsResponse().item().get(0).name());
        assertTrue(pinpoint.getCampaignActivities(r -> r.applicationId(app).campaignId(created.id()))
                .activitiesResponse().item().isEmpty());

        var deleted = pinpoint.deleteCampaign(r -> r.applicationId(app).campaignId(created.id())).campaignResponse();
        assertEquals(CampaignStatus.DELETED, deleted.state().campaignStatus());
        assertThrows(NotFoundException.class, () -> get(app, created.id()));
        assertThrows(NotFoundException.class, () -> pinpoint.deleteCampaign(r -> r.applicationId(app).campaignId(created.id())));
        assertThrows(NotFoundException.class, () -> pinpoint.getCampaignVersion(r -> r.applicationId(app)
                .campaignId(created.id()).version("1")));

        Map<String, WriteCampaignRequest> bad = Map.of(
                "no segment", WriteCampaignRequest.builder().schedule(s -> s.startTime("IMMEDIATE"))
                        .messageConfiguration(email("s", "b")).build(),
                "no schedule", WriteCampaignRequest.builder().segmentId(audience.segment())
                        .messageConfiguration(email("s", "b")).build(),
                "no message", WriteCampaignRequest.builder().segmentId(audience.segment())
                        .schedule(s -> s.startTime("IMMEDIATE")).build(),
                "bad start", WriteCampaignRequest.builder().segmentId(audience.segment())
                        .schedule(s -> s.startTime("tomorrow")).messageConfiguration(email("s", "b")).build(),
                "bad frequency", WriteCampaignRequest.builder().segmentId(audience.segment())
                        .schedule(s -> s.startTime("IMMEDIATE").frequency("FORTNIGHTLY")).messageConfiguration(email("s", "b")).build(),
                "holdout", WriteCampaignRequest.builder().segmentId(audience.segment()).holdoutPercent(101)
                        .schedule(s -> s.startTime("IMMEDIATE")).messageConfiguration(email("s", "b")).build(),
                "over 100", WriteCampaignRequest.builder().segmentId(audience.segment()).holdoutPercent(60)
                        .additionalTreatments(WriteTreatmentResource.builder().sizePercent(50).build())
                        .schedule(s -> s.startTime("IMMEDIATE")).messageConfiguration(email("s", "b")).build(),
                "limits", WriteCampaignRequest.builder().segmentId(audience.segment()).limits(l -> l.daily(101))
                        .schedule(s -> s.startTime("IMMEDIATE")).messageConfiguration(email("s", "b")).build());
        bad.forEach((what, request) -> assertThrows(BadRequestException.class,
                () -> pinpoint.createCampaign(r -> r.applicationId(app).writeCampaignRequest(request)), what));
        assertThrows(NotFoundException.class, () -> pinpoint.createCampaign(r -> r.applicationId(app)
                .writeCampaignRequest(w -> w.segmentId("nosuchsegment").schedule(s -> s.startTime("IMMEDIATE"))
                        .messageConfiguration(email("s", "b")))));
        assertThrows(NotFoundException.class, () -> pinpoint.getCampaigns(r -> r.applicationId("nosuchapp")));
        assertThrows(BadRequestException.class, () -> pinpoint.getCampaigns(r -> r.applicationId(app).token("bogus")));

        TestServer.AccountKey other = server.createAccount("other");
        PinpointClient stranger = server.pinpoint(other.credentials(), software.amazon.awssdk.regions.Region.US_EAST_1);
        assertThrows(software.amazon.awssdk.services.pinpoint.model.PinpointException.class,
                () -> stranger.getCampaigns(r -> r.applicationId(app)));
    }
}
