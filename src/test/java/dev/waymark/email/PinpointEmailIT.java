// SPDX-License-Identifier: Apache-2.0
package dev.waymark.email;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.waymark.channel.OutboxProbe;
import dev.waymark.channel.ServiceErrors;
import dev.waymark.channel.Status;
import dev.waymark.testing.TestServer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.services.pinpointemail.PinpointEmailClient;
import software.amazon.awssdk.services.pinpointemail.model.AlreadyExistsException;
import software.amazon.awssdk.services.pinpointemail.model.BadRequestException;
import software.amazon.awssdk.services.pinpointemail.model.BehaviorOnMxFailure;
import software.amazon.awssdk.services.pinpointemail.model.DimensionValueSource;
import software.amazon.awssdk.services.pinpointemail.model.DkimStatus;
import software.amazon.awssdk.services.pinpointemail.model.EventDestination;
import software.amazon.awssdk.services.pinpointemail.model.EventDestinationDefinition;
import software.amazon.awssdk.services.pinpointemail.model.EventType;
import software.amazon.awssdk.services.pinpointemail.model.GetAccountResponse;
import software.amazon.awssdk.services.pinpointemail.model.GetConfigurationSetResponse;
import software.amazon.awssdk.services.pinpointemail.model.GetDeliverabilityTestReportResponse;
import software.amazon.awssdk.services.pinpointemail.model.GetDomainStatisticsReportResponse;
import software.amazon.awssdk.services.pinpointemail.model.GetEmailIdentityResponse;
import software.amazon.awssdk.services.pinpointemail.model.IdentityType;
import software.amazon.awssdk.services.pinpointemail.model.LimitExceededException;
import software.amazon.awssdk.services.pinpointemail.model.ListEmailIdentitiesResponse;
import software.amazon.awssdk.services.pinpointemail.model.MessageRejectedException;
import software.amazon.awssdk.services.pinpointemail.model.NotFoundException;
import software.amazon.awssdk.services.pinpointemail.model.PinpointEmailException;
import software.amazon.awssdk.services.pinpointemail.model.SendingPausedException;
import software.amazon.awssdk.services.pinpointemail.model.Tag;
import software.amazon.awssdk.services.pinpointemail.model.TlsPolicy;

/**
 * The 42 Pinpoint Email operations through the SDK's own client (SendEmail's delivery over SMTP is SendEmailIT's):
 * shapes, defaults, validation, every modelled error with its status and {@code {"message"}} body, paging, tags,
 * account isolation, and the audit records (eventSource ses.amazonaws.com, resources, SendEmail not recorded).
 */
class PinpointEmailIT {
    private static final String ROLE = "arn:aws:iam::111122223333:role/ses";
    private static final String STREAM = "arn:aws:firehose:us-east-1:111122223333:deliverystream/mail";

    private static TestServer server;
    private static PinpointEmailClient client;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        client = EmailClients.of(server);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static <T extends PinpointEmailException> T fails(Class<T> type, int status, Executable call) {
        return ServiceErrors.fails(type, status, "message", call);
    }

    private static String arn(String type, String name) {
        return "arn:aws:ses:us-east-1:" + server.accountId() + ":" + type + "/" + name;
    }

    private static EventDestinationDefinition firehose(EventType... types) {
        return EventDestinationDefinition.builder().enabled(true).matchingEventTypes(types)
                .kinesisFirehoseDestination(k -> k.iamRoleArn(ROLE).deliveryStreamArn(STREAM)).build();
    }

    @Test
    void emailIdentitiesAreCreatedVerifiedListedConfiguredAndDeleted() {
        var address = client.createEmailIdentity(r -> r.emailIdentity("team@identities.example").tags(Tag.builder()
                .key("owner").value("ops").build()));
        assertEquals(IdentityType.EMAIL_ADDRESS, address.identityType());
        assertTrue(address.verifiedForSendingStatus());
        assertEquals(DkimStatus.NOT_STARTED, address.dkimAttributes().status());
        var domain = client.createEmailIdentity(r -> r.emailIdentity("Identities.Example"));
        assertEquals(IdentityType.DOMAIN, domain.identityType());
        assertEquals(DkimStatus.SUCCESS, domain.dkimAttributes().status());
        assertTrue(domain.dkimAttributes().signingEnabled());
        assertEquals(3, domain.dkimAttributes().tokens().size());

        client.putEmailIdentityDkimAttributes(r -> r.emailIdentity("identities.example").signingEnabled(false));
        client.putEmailIdentityFeedbackAttributes(r -> r.emailIdentity("identities.example").emailForwardingEnabled(false));
        client.putEmailIdentityMailFromAttributes(r -> r.emailIdentity("identities.example")
                .mailFromDomain("bounce.identities.example").behaviorOnMxFailure(BehaviorOnMxFailure.REJECT_MESSAGE));
        GetEmailIdentityResponse got = client.getEmailIdentity(r -> r.emailIdentity("identities.example"));
        assertFalse(got.dkimAttributes().signingEnabled());
        assertFalse(got.feedbackForwardingStatus());
        assertEquals("bounce.identities.example", got.mailFromAttributes().mailFromDomain());
        assertEquals("SUCCESS", got.mailFromAttributes().mailFromDomainStatusAsString());
        assertEquals(BehaviorOnMxFailure.REJECT_MESSAGE, got.mailFromAttributes().behaviorOnMxFailure());
        assertEquals(List.of(Tag.builder().key("owner").value("ops").build()),
                client.getEmailIdentity(r -> r.emailIdentity("team@identities.example")).tags());

        List<String> names = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            ListEmailIdentitiesResponse page = client.listEmailIdentities(r -> r.pageSize(1).nextToken(next));
            page.emailIdentities().forEach(i -> names.add(i.identityName()));
            assertTrue(page.emailIdentities().stream().allMatch(i -> i.sendingEnabled()));
            token = page.nextToken();
        } while (token != null);
        assertTrue(names.containsAll(List.of("identities.example", "team@identities.example")), names.toString());

        client.deleteEmailIdentity(r -> r.emailIdentity("team@identities.example"));
        fails(NotFoundException.class, 404, () -> client.getEmailIdentity(r -> r.emailIdentity("team@identities.example")));
    }

    @Test
    void emailIdentityErrors() {
        client.createEmailIdentity(r -> r.emailIdentity("errors.example"));
        fails(AlreadyExistsException.class, 400, () -> client.createEmailIdentity(r -> r.emailIdentity("errors.example")));
        fails(BadRequestException.class, 400, () -> client.createEmailIdentity(r -> r.emailIdentity("not an identity")));
        fails(BadRequestException.class, 400, () -> client.createEmailIdentity(r -> r.emailIdentity("Name <a@b.example>")));
        fails(NotFoundException.class, 404, () -> client.deleteEmailIdentity(r -> r.emailIdentity("never.example")));
        fails(NotFoundException.class, 404, () -> client.putEmailIdentityDkimAttributes(r -> r.emailIdentity("never.example")));
        fails(NotFoundException.class, 404, () -> client.putEmailIdentityFeedbackAttributes(r -> r.emailIdentity("never.example")));
        fails(BadRequestException.class, 400, () -> client.putEmailIdentityMailFromAttributes(r -> r
                .emailIdentity("errors.example").mailFromDomain("bounce.elsewhere.example")));
        fails(BadRequestException.class, 400, () -> client.putEmailIdentityMailFromAttributes(r -> r
                .emailIdentity("errors.example").mailFromDomain("m.errors.example").behaviorOnMxFailure("IGNORE")));
        fails(BadRequestException.class, 400, () -> client.listEmailIdentities(r -> r.pageSize(0)));
        fails(BadRequestException.class, 400, () -> client.listEmailIdentities(r -> r.nextToken("garbage")));
    }

    @Test
    void configurationSetsCarryTheirOptions() {
        client.createDedicatedIpPool(r -> r.poolName("transactional"));
        client.createConfigurationSet(r -> r.configurationSetName("options")
                .trackingOptions(t -> t.customRedirectDomain("track.example.com"))
                .deliveryOptions(d -> d.tlsPolicy(TlsPolicy.REQUIRE).sendingPoolName("transactional"))
                .tags(Tag.builder().key("team").value("mail").build()));
        GetConfigurationSetResponse created = client.getConfigurationSet(r -> r.configurationSetName("options"));
        assertEquals("options", created.configurationSetName());
        assertEquals("track.example.com", created.trackingOptions().customRedirectDomain());
        assertEquals(TlsPolicy.REQUIRE, created.deliveryOptions().tlsPolicy());
        assertEquals("transactional", created.deliveryOptions().sendingPoolName());
        assertTrue(created.sendingOptions().sendingEnabled());
        assertFalse(created.reputationOptions().reputationMetricsEnabled());
        assertEquals("mail", created.tags().get(0).value());

        client.putConfigurationSetDeliveryOptions(r -> r.configurationSetName("options").tlsPolicy(TlsPolicy.OPTIONAL));
        client.putConfigurationSetReputationOptions(r -> r.configurationSetName("options").reputationMetricsEnabled(true));
        client.putConfigurationSetSendingOptions(r -> r.configurationSetName("options").sendingEnabled(false));
        client.putConfigurationSetTrackingOptions(r -> r.configurationSetName("options"));
        GetConfigurationSetResponse updated = client.getConfigurationSet(r -> r.configurationSetName("options"));
        assertEquals(TlsPolicy.OPTIONAL, updated.deliveryOptions().tlsPolicy());
        assertNull(updated.deliveryOptions().sendingPoolName());
        assertTrue(updated.reputationOptions().reputationMetricsEnabled());
        assertFalse(updated.sendingOptions().sendingEnabled());
        assertNull(updated.trackingOptions());

        client.createConfigurationSet(r -> r.configurationSetName("options-b"));
        List<String> sets = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            var page = client.listConfigurationSets(r -> r.pageSize(1).nextToken(next));
            sets.addAll(page.configurationSets());
            token = page.nextToken();
        } while (token != null);
        assertTrue(sets.containsAll(List.of("options", "options-b")), sets.toString());
        client.deleteConfigurationSet(r -> r.configurationSetName("options-b"));
        fails(NotFoundException.class, 404, () -> client.getConfigurationSet(r -> r.configurationSetName("options-b")));
    }

    @Test
    void configurationSetErrors() {
        client.createConfigurationSet(r -> r.configurationSetName("twice"));
        fails(AlreadyExistsException.class, 400, () -> client.createConfigurationSet(r -> r.configurationSetName("twice")));
        fails(BadRequestException.class, 400, () -> client.createConfigurationSet(r -> r.configurationSetName("bad name")));
        fails(BadRequestException.class, 400, () -> client.createConfigurationSet(r -> { }));
        fails(NotFoundException.class, 404, () -> client.createConfigurationSet(r -> r.configurationSetName("pool-less")
                .deliveryOptions(d -> d.sendingPoolName("no-such-pool"))));
        fails(BadRequestException.class, 400, () -> client.createConfigurationSet(r -> r.configurationSetName("tls")
                .deliveryOptions(d -> d.tlsPolicy("NEVER"))));
        fails(BadRequestException.class, 400, () -> client.putConfigurationSetTrackingOptions(r -> r
                .configurationSetName("twice").customRedirectDomain("not a domain")));
        fails(NotFoundException.class, 404, () -> client.deleteConfigurationSet(r -> r.configurationSetName("never")));
        fails(NotFoundException.class, 404, () -> client.putConfigurationSetSendingOptions(r -> r.configurationSetName("never")));
        fails(NotFoundException.class, 404, () -> client.putConfigurationSetReputationOptions(r -> r.configurationSetName("never")));
        fails(NotFoundException.class, 404, () -> client.putConfigurationSetDeliveryOptions(r -> r.configurationSetName("never")));
        fails(NotFoundException.class, 404, () -> client.putConfigurationSetTrackingOptions(r -> r.configurationSetName("never")));
        fails(BadRequestException.class, 400, () -> client.createConfigurationSet(r -> r.configurationSetName("tagged")
                .tags(Tag.builder().key("aws:reserved").value("x").build())));
    }

    @Test
    void eventDestinationsAreCreatedReadUpdatedAndDeleted() {
        client.createConfigurationSet(r -> r.configurationSetName("events"));
        client.createConfigurationSetEventDestination(r -> r.configurationSetName("events").eventDestinationName("stream")
                .eventDestination(firehose(EventType.SEND, EventType.BOUNCE)));
        client.createConfigurationSetEventDestination(r -> r.configurationSetName("events").eventDestinationName("metrics")
                .eventDestination(d -> d.matchingEventTypes(EventType.DELIVERY).cloudWatchDestination(c -> c
                        .dimensionConfigurations(x -> x.dimensionName("campaign")
                                .dimensionValueSource(DimensionValueSource.MESSAGE_TAG).defaultDimensionValue("none")))));
        List<EventDestination> destinations = client.getConfigurationSetEventDestinations(r -> r
                .configurationSetName("events")).eventDestinations();
        assertEquals(List.of("stream", "metrics"), destinations.stream().map(EventDestination::name).toList());
        assertEquals(STREAM, destinations.get(0).kinesisFirehoseDestination().deliveryStreamArn());
        assertTrue(destinations.get(0).enabled());
        assertFalse(destinations.get(1).enabled());
        assertEquals("campaign", destinations.get(1).cloudWatchDestination().dimensionConfigurations().get(0).dimensionName());

        client.updateConfigurationSetEventDestination(r -> r.configurationSetName("events").eventDestinationName("stream")
                .eventDestination(d -> d.enabled(true).matchingEventTypes(EventType.COMPLAINT)
                        .snsDestination(s -> s.topicArn("arn:aws:sns:us-east-1:111122223333:complaints"))));
        EventDestination updated = client.getConfigurationSetEventDestinations(r -> r.configurationSetName("events"))
                .eventDestinations().get(0);
        assertNull(updated.kinesisFirehoseDestination());
        assertEquals(List.of(EventType.COMPLAINT), updated.matchingEventTypes());
        client.deleteConfigurationSetEventDestination(r -> r.configurationSetName("events").eventDestinationName("stream"));
        assertEquals(1, client.getConfigurationSetEventDestinations(r -> r.configurationSetName("events"))
                .eventDestinations().size());
    }

    @Test
    void eventDestinationErrors() {
        client.createConfigurationSet(r -> r.configurationSetName("bad-events"));
        fails(NotFoundException.class, 404, () -> client.createConfigurationSetEventDestination(r -> r
                .configurationSetName("missing").eventDestinationName("d").eventDestination(firehose(EventType.SEND))));
        fails(NotFoundException.class, 404, () -> client.getConfigurationSetEventDestinations(r -> r.configurationSetName("missing")));
        fails(NotFoundException.class, 404, () -> client.updateConfigurationSetEventDestination(r -> r
                .configurationSetName("bad-events").eventDestinationName("none").eventDestination(firehose(EventType.SEND))));
        fails(NotFoundException.class, 404, () -> client.deleteConfigurationSetEventDestination(r -> r
                .configurationSetName("bad-events").eventDestinationName("none")));
        fails(BadRequestException.class, 400, () -> client.createConfigurationSetEventDestination(r -> r
                .configurationSetName("bad-events").eventDestinationName("d").eventDestination(d -> d
                        .matchingEventTypesWithStrings("OPENED").kinesisFirehoseDestination(k -> k.iamRoleArn(ROLE)
                                .deliveryStreamArn(STREAM)))));
        fails(BadRequestException.class, 400, () -> client.createConfigurationSetEventDestination(r -> r
                .configurationSetName("bad-events").eventDestinationName("d").eventDestination(d -> d
                        .matchingEventTypes(EventType.SEND))));
        fails(BadRequestException.class, 400, () -> client.createConfigurationSetEventDestination(r -> r
                .configurationSetName("bad-events").eventDestinationName("d").eventDestination(d -> d
                        .matchingEventTypes(EventType.SEND).snsDestination(s -> s.topicArn("topic")))));
        fails(BadRequestException.class, 400, () -> client.createConfigurationSetEventDestination(r -> r
                .configurationSetName("bad-events").eventDestinationName("d").eventDestination(d -> d
                        .matchingEventTypes(EventType.SEND).pinpointDestination(p -> p.applicationArn("arn:aws:sns:x"))
                        .snsDestination(s -> s.topicArn("arn:aws:sns:us-east-1:111122223333:t")))));
        for (int i = 0; i < 10; i++) {
            String name = "d" + i;
            client.createConfigurationSetEventDestination(r -> r.configurationSetName("bad-events")
                    .eventDestinationName(name).eventDestination(firehose(EventType.SEND)));
        }
        fails(AlreadyExistsException.class, 400, () -> client.createConfigurationSetEventDestination(r -> r
                .configurationSetName("bad-events").eventDestinationName("d0").eventDestination(firehose(EventType.SEND))));
        fails(LimitExceededException.class, 400, () -> client.createConfigurationSetEventDestination(r -> r
                .configurationSetName("bad-events").eventDestinationName("d10").eventDestination(firehose(EventType.SEND))));
    }

    @Test
    void dedicatedIpPoolsAreStateAndThereAreNoDedicatedIps() {
        client.createDedicatedIpPool(r -> r.poolName("marketing"));
        fails(AlreadyExistsException.class, 400, () -> client.createDedicatedIpPool(r -> r.poolName("marketing")));
        fails(BadRequestException.class, 400, () -> client.createDedicatedIpPool(r -> r.poolName("bad pool")));
        assertTrue(client.listDedicatedIpPools(r -> { }).dedicatedIpPools().contains("marketing"));
        assertTrue(client.getDedicatedIps(r -> r.poolName("marketing")).dedicatedIps().isEmpty());
        assertTrue(client.getDedicatedIps(r -> { }).dedicatedIps().isEmpty());
        fails(NotFoundException.class, 404, () -> client.getDedicatedIps(r -> r.poolName("nowhere")));
        fails(NotFoundException.class, 404, () -> client.getDedicatedIp(r -> r.ip("198.51.100.7")));
        fails(NotFoundException.class, 404, () -> client.putDedicatedIpInPool(r -> r.ip("198.51.100.7")
                .destinationPoolName("marketing")));
        fails(NotFoundException.class, 404, () -> client.putDedicatedIpInPool(r -> r.ip("198.51.100.7")
                .destinationPoolName("nowhere")));
        fails(NotFoundException.class, 404, () -> client.putDedicatedIpWarmupAttributes(r -> r.ip("198.51.100.7")
                .warmupPercentage(50)));
        fails(BadRequestException.class, 400, () -> client.putDedicatedIpWarmupAttributes(r -> r.ip("198.51.100.7")
                .warmupPercentage(150)));
        client.deleteDedicatedIpPool(r -> r.poolName("marketing"));
        fails(NotFoundException.class, 404, () -> client.deleteDedicatedIpPool(r -> r.poolName("marketing")));
    }

    @Test
    void theAccountCanPauseSendingAndCountsWhatWasSent() throws Exception {
        TestServer.AccountKey own = server.createAccount("account-test");
        PinpointEmailClient account = EmailClients.of(server, own.credentials());
        GetAccountResponse fresh = account.getAccount(r -> { });
        assertTrue(fresh.sendingEnabled());
        assertTrue(fresh.productionAccessEnabled());
        assertTrue(fresh.dedicatedIpAutoWarmupEnabled());
        assertEquals("HEALTHY", fresh.enforcementStatus());
        assertEquals(50_000.0, fresh.sendQuota().max24HourSend());
        assertEquals(14.0, fresh.sendQuota().maxSendRate());
        assertEquals(0.0, fresh.sendQuota().sentLast24Hours());

        account.createEmailIdentity(r -> r.emailIdentity("account.example"));
        String id = account.sendEmail(r -> r.fromEmailAddress("me@account.example").destination(d -> d.toAddresses("you@example.net"))
                .content(c -> c.simple(m -> m.subject(s -> s.data("kept")).body(b -> b.text(t -> t.data("kept")))))).messageId();
        assertTrue(id.startsWith("0100") && id.endsWith("-000000"), id);
        assertEquals(Status.KEPT, OutboxProbe.finished(server, id).status(), "without --smtp-host e-mail stays in the outbox");
        assertEquals(1.0, account.getAccount(r -> { }).sendQuota().sentLast24Hours());

        account.putAccountDedicatedIpWarmupAttributes(r -> r.autoWarmupEnabled(false));
        account.putAccountSendingAttributes(r -> r.sendingEnabled(false));
        GetAccountResponse paused = account.getAccount(r -> { });
        assertFalse(paused.sendingEnabled());
        assertFalse(paused.dedicatedIpAutoWarmupEnabled());
        fails(SendingPausedException.class, 400, () -> account.sendEmail(r -> r.fromEmailAddress("me@account.example")
                .destination(d -> d.toAddresses("you@example.net"))
                .content(c -> c.simple(m -> m.subject(s -> s.data("x")).body(b -> b.text(t -> t.data("x")))))));
        account.putAccountSendingAttributes(r -> r.sendingEnabled(true));
    }

    @Test
    void sendEmailRefusals() {
        client.createEmailIdentity(r -> r.emailIdentity("refusals.example"));
        client.createConfigurationSet(r -> r.configurationSetName("paused")
                .sendingOptions(s -> s.sendingEnabled(false)));
        fails(SendingPausedException.class, 400, () -> send("me@refusals.example", "paused"));
        fails(NotFoundException.class, 404, () -> send("me@refusals.example", "no-such-set"));
        fails(MessageRejectedException.class, 400, () -> send("me@unverified.example", null));
        fails(BadRequestException.class, 400, () -> client.sendEmail(r -> r.fromEmailAddress("me@refusals.example")
                .destination(d -> { }).content(c -> c.simple(m -> m.subject(s -> s.data("s")).body(b -> b.text(t -> t.data("b")))))));
        fails(BadRequestException.class, 400, () -> client.sendEmail(r -> r.fromEmailAddress("me@refusals.example")
                .destination(d -> d.toAddresses("not an address"))
                .content(c -> c.simple(m -> m.subject(s -> s.data("s")).body(b -> b.text(t -> t.data("b")))))));
        fails(BadRequestException.class, 400, () -> client.sendEmail(r -> r.fromEmailAddress("me@refusals.example")
                .destination(d -> d.toAddresses("a@example.net"))
                .content(c -> c.simple(m -> m.subject(s -> s.data("s")).body(b -> { })))));
        fails(BadRequestException.class, 400, () -> client.sendEmail(r -> r.fromEmailAddress("me@refusals.example")
                .destination(d -> d.toAddresses("a@example.net")).emailTags(t -> t.name("bad name").value("v"))
                .content(c -> c.simple(m -> m.subject(s -> s.data("s")).body(b -> b.text(t -> t.data("b")))))));
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            many.add("r" + i + "@example.net");
        }
        fails(BadRequestException.class, 400, () -> client.sendEmail(r -> r.fromEmailAddress("me@refusals.example")
                .destination(d -> d.toAddresses(many))
                .content(c -> c.simple(m -> m.subject(s -> s.data("s")).body(b -> b.text(t -> t.data("b")))))));
        fails(BadRequestException.class, 400, () -> client.sendEmail(r -> r
                .fromEmailAddress("me@refusals.example").destination(d -> d.toAddresses("a@example.net"))
                .content(c -> c.template(t -> t.templateArn("arn:aws:ses:us-east-1:111122223333:template/t")))));
    }

    private static void send(String from, String set) {
        client.sendEmail(r -> r.fromEmailAddress(from).configurationSetName(set).destination(d -> d.toAddresses("a@example.net"))
                .content(c -> c.simple(m -> m.subject(s -> s.data("s")).body(b -> b.text(t -> t.data("b"))))));
    }

    @Test
    void theDeliverabilityDashboardKeepsStateAndGivesEmptyReports() {
        client.createEmailIdentity(r -> r.emailIdentity("dashboard.example"));
        assertFalse(client.getDeliverabilityDashboardOptions(r -> { }).dashboardEnabled());
        fails(NotFoundException.class, 404, () -> client.putDeliverabilityDashboardOption(r -> r.dashboardEnabled(true)
                .subscribedDomains(d -> d.domain("unknown.example"))));
        client.putDeliverabilityDashboardOption(r -> r.dashboardEnabled(true).subscribedDomains(d -> d
                .domain("dashboard.example").inboxPlacementTrackingOption(o -> o.global(true))));
        var options = client.getDeliverabilityDashboardOptions(r -> { });
        assertTrue(options.dashboardEnabled());
        assertEquals("ACTIVE", options.accountStatusAsString());
        assertEquals("dashboard.example", options.activeSubscribedDomains().get(0).domain());
        assertTrue(options.activeSubscribedDomains().get(0).inboxPlacementTrackingOption().global());
        assertTrue(options.pendingExpirationSubscribedDomains().isEmpty());

        var created = client.createDeliverabilityTestReport(r -> r.reportName("launch").fromEmailAddress("me@dashboard.example")
                .content(c -> c.simple(m -> m.subject(s -> s.data("Launch")).body(b -> b.text(t -> t.data("hello"))))));
        assertEquals("IN_PROGRESS", created.deliverabilityTestStatusAsString());
        GetDeliverabilityTestReportResponse report = client.getDeliverabilityTestReport(r -> r.reportId(created.reportId()));
        assertEquals("launch", report.deliverabilityTestReport().reportName());
        assertEquals("Launch", report.deliverabilityTestReport().subject());
        assertEquals("COMPLETED", report.deliverabilityTestReport().deliverabilityTestStatusAsString());
        assertEquals(0.0, report.overallPlacement().inboxPercentage());
        assertTrue(report.ispPlacements().isEmpty());
        assertTrue(report.message().contains("Subject: Launch"), report.message());
        assertTrue(client.listDeliverabilityTestReports(r -> { }).deliverabilityTestReports().stream()
                .anyMatch(t -> t.reportId().equals(created.reportId())));
        fails(MessageRejectedException.class, 400, () -> client.createDeliverabilityTestReport(r -> r
                .fromEmailAddress("me@unverified.example")
                .content(c -> c.simple(m -> m.subject(s -> s.data("x")).body(b -> b.text(t -> t.data("x")))))));
        fails(NotFoundException.class, 404, () -> client.getDeliverabilityTestReport(r -> r.reportId("nope")));

        assertEquals(Map.of("192.0.2.1", List.of(), "dashboard.example", List.of()),
                client.getBlacklistReports(r -> r.blacklistItemNames("192.0.2.1", "dashboard.example")).blacklistReport());
        fails(NotFoundException.class, 404, () -> client.getDomainDeliverabilityCampaign(r -> r.campaignId("c-1")));
        Instant start = Instant.parse("2026-11-01T00:00:00Z");
        GetDomainStatisticsReportResponse statistics = client.getDomainStatisticsReport(r -> r.domain("dashboard.example")
                .startDate(start).endDate(start.plus(2, ChronoUnit.DAYS)));
        assertEquals(3, statistics.dailyVolumes().size());
        assertEquals(start, statistics.dailyVolumes().get(0).startDate());
        assertEquals(0L, statistics.overallVolume().volumeStatistics().inboxRawCount());
        fails(BadRequestException.class, 400, () -> client.getDomainStatisticsReport(r -> r.domain("dashboard.example")
                .startDate(start).endDate(start.plus(40, ChronoUnit.DAYS))));
        fails(NotFoundException.class, 404, () -> client.getDomainStatisticsReport(r -> r.domain("other.example")
                .startDate(start).endDate(start)));
        assertTrue(client.listDomainDeliverabilityCampaigns(r -> r.subscribedDomain("dashboard.example").startDate(start)
                .endDate(start.plus(1, ChronoUnit.DAYS))).domainDeliverabilityCampaigns().isEmpty());
        client.putDeliverabilityDashboardOption(r -> r.dashboardEnabled(false));
        assertEquals("DISABLED", client.getDeliverabilityDashboardOptions(r -> { }).accountStatusAsString());
    }

    @Test
    void resourcesAreTaggedByArn() {
        client.createConfigurationSet(r -> r.configurationSetName("tagged-set"));
        client.createEmailIdentity(r -> r.emailIdentity("tagged.example"));
        client.createDedicatedIpPool(r -> r.poolName("tagged-pool"));
        for (String arn : List.of(arn("configuration-set", "tagged-set"), arn("identity", "tagged.example"),
                arn("dedicated-ip-pool", "tagged-pool"))) {
            client.tagResource(r -> r.resourceArn(arn).tags(Tag.builder().key("a").value("1").build(),
                    Tag.builder().key("b").value("2").build()));
            client.untagResource(r -> r.resourceArn(arn).tagKeys("a"));
            assertEquals(Map.of("b", "2"), client.listTagsForResource(r -> r.resourceArn(arn)).tags().stream()
                    .collect(Collectors.toMap(Tag::key, Tag::value)), arn);
        }
        fails(NotFoundException.class, 404, () -> client.listTagsForResource(r -> r.resourceArn(arn("configuration-set", "none"))));
        fails(BadRequestException.class, 400, () -> client.listTagsForResource(r -> r.resourceArn("arn:aws:sns:us-east-1:1:x")));
        fails(BadRequestException.class, 400, () -> client.tagResource(r -> r.resourceArn(arn("configuration-set", "tagged-set"))
                .tags(List.of())));
        List<Tag> tooMany = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            tooMany.add(Tag.builder().key("k" + i).value("v").build());
        }
        fails(BadRequestException.class, 400, () -> client.tagResource(r -> r.resourceArn(arn("configuration-set", "tagged-set"))
                .tags(tooMany)));
        PinpointEmailException denied = assertThrows(PinpointEmailException.class, () -> client.listTagsForResource(r -> r
                .resourceArn("arn:aws:ses:us-east-1:111122223333:configuration-set/tagged-set")));
        assertEquals(403, denied.statusCode(), "another account's resource is denied before any handler runs");
    }

    @Test
    void accountsDoNotSeeEachOthersResources() {
        client.createConfigurationSet(r -> r.configurationSetName("mine-only"));
        client.createEmailIdentity(r -> r.emailIdentity("mine-only.example"));
        PinpointEmailClient other = EmailClients.of(server, server.createAccount("neighbour").credentials());
        assertFalse(other.listConfigurationSets(r -> { }).configurationSets().contains("mine-only"));
        assertTrue(other.listEmailIdentities(r -> { }).emailIdentities().isEmpty());
        fails(NotFoundException.class, 404, () -> other.getConfigurationSet(r -> r.configurationSetName("mine-only")));
        fails(MessageRejectedException.class, 400, () -> other.sendEmail(r -> r.fromEmailAddress("me@mine-only.example")
                .destination(d -> d.toAddresses("a@example.net"))
                .content(c -> c.simple(m -> m.subject(s -> s.data("s")).body(b -> b.text(t -> t.data("b")))))));
    }

    @Test
    void callsAreRecordedAsSesEventsWithTheirResources() throws Exception {
        client.createConfigurationSet(r -> r.configurationSetName("audited"));
        client.getConfigurationSet(r -> r.configurationSetName("audited"));
        client.createEmailIdentity(r -> r.emailIdentity("audited.example"));
        String id = client.sendEmail(r -> r.fromEmailAddress("me@audited.example").destination(d -> d.toAddresses("a@example.net"))
                .content(c -> c.simple(m -> m.subject(s -> s.data("s")).body(b -> b.text(t -> t.data("b")))))).messageId();
        OutboxProbe.finished(server, id);

        JsonNode created = last("CreateConfigurationSet", "audited");
        assertEquals("ses.amazonaws.com", created.path("eventSource").asText());
        assertFalse(created.path("readOnly").asBoolean());
        assertEquals("AWS::SES::ConfigurationSet", created.path("resources").get(0).path("type").asText());
        assertEquals(arn("configuration-set", "audited"), created.path("resources").get(0).path("ARN").asText());
        JsonNode read = last("GetConfigurationSet", "audited");
        assertTrue(read.path("readOnly").asBoolean());
        assertTrue(read.path("responseElements").isNull());
        JsonNode identity = last("CreateEmailIdentity", null);
        assertEquals("DOMAIN", identity.path("responseElements").path("IdentityType").asText());
        assertEquals("AWS::SES::EmailIdentity", identity.path("resources").get(0).path("type").asText());
        assertTrue(server.records("SendEmail").isEmpty(), "SendEmail is not recorded by default");
    }

    @Test
    void whenSendEmailIsRecordedItsContentAndAddressesAreMasked() throws Exception {
        try (TestServer recording = TestServer.start("--not-recorded=GetAccount")) {
            PinpointEmailClient own = EmailClients.of(recording);
            own.createEmailIdentity(r -> r.emailIdentity("masked.example"));
            own.sendEmail(r -> r.fromEmailAddress("me@masked.example").replyToAddresses("reply@masked.example")
                    .destination(d -> d.toAddresses("secret@example.net")).emailTags(t -> t.name("kind").value("test"))
                    .content(c -> c.simple(m -> m.subject(s -> s.data("private")).body(b -> b.text(t -> t.data("private"))))));
            JsonNode parameters = recording.records("SendEmail").get(0).path("requestParameters");
            for (String member : List.of("FromEmailAddress", "ReplyToAddresses", "Destination", "Content")) {
                assertEquals("***", parameters.path(member).asText(), member);
            }
            assertEquals("test", parameters.path("EmailTags").get(0).path("Value").asText());
            assertFalse(recording.records("SendEmail").get(0).toString().contains("secret@example.net"));
        }
    }

    private static JsonNode last(String eventName, String configurationSet) {
        List<JsonNode> records = server.records(eventName).stream().filter(r -> configurationSet == null
                || r.path("requestParameters").path("ConfigurationSetName").asText().equals(configurationSet)).toList();
        assertFalse(records.isEmpty(), "no record of " + eventName);
        return records.get(records.size() - 1);
    }
}
