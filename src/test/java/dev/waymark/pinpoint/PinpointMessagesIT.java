// SPDX-License-Identifier: Apache-2.0
package dev.waymark.pinpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.waymark.channel.Kind;
import dev.waymark.channel.Message;
import dev.waymark.channel.OutboxProbe;
import dev.waymark.channel.AwsCli;
import dev.waymark.testing.TestServer;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.pinpoint.PinpointClient;
import software.amazon.awssdk.services.pinpoint.model.AddressConfiguration;
import software.amazon.awssdk.services.pinpoint.model.BadRequestException;
import software.amazon.awssdk.services.pinpoint.model.ChannelType;
import software.amazon.awssdk.services.pinpoint.model.DeliveryStatus;
import software.amazon.awssdk.services.pinpoint.model.DirectMessageConfiguration;
import software.amazon.awssdk.services.pinpoint.model.EndpointMessageResult;
import software.amazon.awssdk.services.pinpoint.model.EndpointSendConfiguration;
import software.amazon.awssdk.services.pinpoint.model.MessageRequest;
import software.amazon.awssdk.services.pinpoint.model.MessageResponse;
import software.amazon.awssdk.services.pinpoint.model.MessageResult;
import software.amazon.awssdk.services.pinpoint.model.NotFoundException;
import software.amazon.awssdk.services.pinpoint.model.SendUsersMessageResponse;
import software.amazon.awssdk.services.pinpoint.model.TemplateConfiguration;

/**
 * Direct messages end to end through the AWS SDK for Java v2 (and boto3): SendMessages to addresses on every channel
 * kind (e-mail over SMTP to GreenMail, SMS, voice and push into the outbox), to endpoints with personalisation,
 * substitutions, overrides and templates, the per-recipient failures that never fail the others, the whole-request
 * errors, SendUsersMessages, and the audit trail (not recorded by default, masked when recorded).
 */
class PinpointMessagesIT {
    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("waymark", "s3cret"))
            .withPerMethodLifecycle(false);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static TestServer server;
    private static PinpointClient pinpoint;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(smtpFlags());
        pinpoint = server.pinpoint();
    }

    private static String[] smtpFlags(String... more) {
        List<String> flags = new java.util.ArrayList<>(List.of("--smtp-host=127.0.0.1",
                "--smtp-port=" + SMTP.getSmtp().getPort(), "--smtp-tls=none", "--smtp-username=waymark",
                "--smtp-password=s3cret"));
        flags.addAll(List.of(more));
        return flags.toArray(String[]::new);
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

    // ---- helpers ---------------------------------------------------------------------------------------------

    /** An application with the e-mail, SMS, voice, GCM and APNs channels. */
    private static String app(PinpointClient client, String name) {
        String app = client.createApp(r -> r.createApplicationRequest(a -> a.name(name))).applicationResponse().id();
        client.updateEmailChannel(r -> r.applicationId(app).emailChannelRequest(e -> e.fromAddress("team@example.com")
                .identity("arn:aws:ses:us-east-1:111122223333:identity/example.com")));
        client.updateSmsChannel(r -> r.applicationId(app).smsChannelRequest(s -> s.senderId("Waymark")));
        client.updateVoiceChannel(r -> r.applicationId(app).voiceChannelRequest(v -> v.enabled(true)));
        client.updateGcmChannel(r -> r.applicationId(app).gcmChannelRequest(g -> g.apiKey("gcm-key")));
        client.updateApnsChannel(r -> r.applicationId(app).apnsChannelRequest(a -> a.tokenKey("k").tokenKeyId("id")
                .teamId("team").bundleId("com.example")));
        return app;
    }

    private static String app(String name) {
        return app(pinpoint, name);
    }

    private static void endpoint(String app, String id, String channel, String address, String city, String firstName,
                                 String userId) {
        pinpoint.updateEndpoint(r -> r.applicationId(app).endpointId(id).endpointRequest(e -> e.channelType(channel)
                .address(address).attributes(Map.of("City", List.of(city)))
                .user(u -> u.userId(userId).userAttributes(Map.of("FirstName", List.of(firstName))))));
    }

    private static MessageResponse send(String app, MessageRequest request) {
        var response = pinpoint.sendMessages(r -> r.applicationId(app).messageRequest(request));
        assertEquals(200, response.sdkHttpResponse().statusCode());
        MessageResponse message = response.messageResponse();
        assertEquals(app, message.applicationId());
        assertNotNull(message.requestId());
        assertTrue(message.requestId().length() >= 16, message.requestId());
        return message;
    }

    private static DirectMessageConfiguration email(String subject, String html, String text) {
        return DirectMessageConfiguration.builder().emailMessage(m -> m.simpleEmail(s -> {
            s.subject(p -> p.data(subject).charset("UTF-8"));
            if (html != null) {
                s.htmlPart(p -> p.data(html));
            }
            if (text != null) {
                s.textPart(p -> p.data(text));
            }
        })).build();
    }

    private static AddressConfiguration to(ChannelType channel) {
        return AddressConfiguration.builder().channelType(channel).build();
    }

    private static void assertSuccessful(MessageResult result) {
        assertEquals(DeliveryStatus.SUCCESSFUL, result.deliveryStatus(), result.toString());
        assertEquals(200, result.statusCode());
        assertTrue(result.messageId().matches("[0-9a-f-]{36}"), result.messageId());
        assertEquals("MessageId: " + result.messageId(), result.statusMessage());
    }

    private static void assertSuccessful(EndpointMessageResult result) {
        assertEquals(DeliveryStatus.SUCCESSFUL, result.deliveryStatus(), result.toString());
        assertEquals(200, result.statusCode());
        assertTrue(result.messageId().matches("[0-9a-f-]{36}"), result.messageId());
    }

    private static void assertFailed(DeliveryStatus status, int code, EndpointMessageResult result) {
        assertEquals(status, result.deliveryStatus(), result.toString());
        assertEquals(code, result.statusCode(), result.toString());
        assertTrue(result.messageId() == null, result.toString());
        assertFalse(result.statusMessage() == null || result.statusMessage().isBlank(), result.toString());
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
            Thread.sleep(50);
        }
    }

    /** The received messages by their (single) recipient, once {@code count} have arrived. */
    private static Map<String, MimeMessage> received(int count) throws Exception {
        await(count + " messages to arrive", () -> SMTP.getReceivedMessages().length >= count);
        Thread.sleep(200);
        Map<String, MimeMessage> byRecipient = new HashMap<>();
        for (MimeMessage message : SMTP.getReceivedMessages()) {
            String to = message.getHeader("To", ",");
            assertTrue(byRecipient.put(to, message) == null, "a second message to " + to);
        }
        assertEquals(count, byRecipient.size(), byRecipient.keySet().toString());
        return byRecipient;
    }

    /** The text of the message's part of the given type (text/plain or text/html), or null. */
    private static String part(Part part, String type) throws Exception {
        if (part.isMimeType(type)) {
            return String.valueOf(part.getContent()).replace("\r\n", "\n");
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                String found = part(child, type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static Message outbox(String id, Kind kind) throws InterruptedException {
        Message message = OutboxProbe.find(server, id).orElseThrow(() -> new AssertionError("no outbox message " + id));
        assertEquals(kind, message.kind());
        assertEquals(server.accountId(), message.accountId());
        assertEquals("us-east-1", message.region());
        return message;
    }

    // ---- SendMessages to addresses ---------------------------------------------------------------------------

    @Test
    void emailToAddressesArrivesOverSmtpFromTheMessagesOrTheChannelsFromAddress() throws Exception {
        String app = app("mail-addresses");
        MessageResponse fromChannel = send(app, MessageRequest.builder()
                .addresses(Map.of("ann@example.net", to(ChannelType.EMAIL)))
                .messageConfiguration(email("Hello Ann", "<p>Hi <b>there</b></p>", "Hi there")).build());
        assertEquals(List.of("ann@example.net"), List.copyOf(fromChannel.result().keySet()));
        assertFalse(fromChannel.hasEndpointResult() && !fromChannel.endpointResult().isEmpty());
        MessageResult result = fromChannel.result().get("ann@example.net");
        assertSuccessful(result);
        Message queued = outbox(result.messageId(), Kind.EMAIL);
        assertEquals("team@example.com", queued.payload().path("from").asText());

        MimeMessage mail = received(1).get("ann@example.net");
        assertEquals("Hello Ann", mail.getSubject());
        assertEquals("team@example.com", mail.getFrom()[0].toString());
        assertEquals("<p>Hi <b>there</b></p>", part(mail, "text/html").trim());
        assertEquals("Hi there", part(mail, "text/plain").trim());
        assertEquals("<" + result.messageId() + "@email.waymark>", mail.getMessageID());

        SMTP.purgeEmailFromAllMailboxes();
        MessageResponse fromMessage = send(app, MessageRequest.builder()
                .addresses(Map.of("bob@example.net", to(ChannelType.EMAIL), "cy@example.net", to(ChannelType.EMAIL)))
                .messageConfiguration(c -> c.emailMessage(m -> m.fromAddress("Sales <sales@example.com>")
                        .replyToAddresses("replies@example.com")
                        .simpleEmail(s -> s.subject(p -> p.data("Offer")).textPart(p -> p.data("Only text")))))
                .build());
        assertEquals(2, fromMessage.result().size());
        fromMessage.result().values().forEach(PinpointMessagesIT::assertSuccessful);
        assertFalse(fromMessage.result().get("bob@example.net").messageId()
                .equals(fromMessage.result().get("cy@example.net").messageId()));
        Map<String, MimeMessage> mails = received(2);
        MimeMessage bob = mails.get("bob@example.net");
        assertEquals("Offer", bob.getSubject());
        assertEquals("Sales <sales@example.com>", bob.getFrom()[0].toString());
        assertEquals("replies@example.com", bob.getReplyTo()[0].toString());
        assertEquals("Only text", part(bob, "text/plain").trim());
        assertEquals(null, part(bob, "text/html"));
    }

    @Test
    void smsVoiceAndPushToAddressesLandInTheOutboxWithTheirPayloads() throws Exception {
        String app = app("other-addresses");
        Map<String, AddressConfiguration> addresses = new LinkedHashMap<>();
        addresses.put("+15550100", to(ChannelType.SMS));
        addresses.put("+15550101", to(ChannelType.VOICE));
        addresses.put("gcm-token-1", to(ChannelType.GCM));
        addresses.put("apns-token-1", AddressConfiguration.builder().channelType(ChannelType.APNS)
                .titleOverride("Just for you").build());
        MessageResponse response = send(app, MessageRequest.builder().addresses(addresses)
                .context(Map.of("campaign", "spring"))
                .messageConfiguration(c -> c
                        .smsMessage(s -> s.body("Your code is {{code}} {n:{{code}}}").messageType("TRANSACTIONAL")
                                .originationNumber("+15559999").substitutions(Map.of("code", List.of("1234"))))
                        .voiceMessage(v -> v.body("Hello caller").voiceId("Matthew").languageCode("en-GB"))
                        .gcmMessage(g -> g.title("GCM title").body("GCM body").action("OPEN_APP")
                                .data(Map.of("k", "v")))
                        .apnsMessage(a -> a.title("APNs title").body("APNs body").badge(3).sound("default")))
                .build());
        assertEquals(4, response.result().size());
        response.result().values().forEach(PinpointMessagesIT::assertSuccessful);

        JsonNode sms = outbox(response.result().get("+15550100").messageId(), Kind.SMS).payload();
        assertEquals("+15550100", sms.path("destinationPhoneNumber").asText());
        assertEquals("Your code is 1234 {n:1234}", sms.path("body").asText(), "a brace after a variable is kept");
        assertEquals("+15559999", sms.path("originationPhoneNumber").asText());
        assertEquals("Waymark", sms.path("senderId").asText(), "the channel's sender id when the message names none");
        assertEquals("TRANSACTIONAL", sms.path("messageType").asText());
        assertEquals(app, sms.path("applicationId").asText());
        assertEquals("spring", sms.path("context").path("campaign").asText());

        JsonNode voice = outbox(response.result().get("+15550101").messageId(), Kind.VOICE).payload();
        assertEquals("+15550101", voice.path("destinationPhoneNumber").asText());
        assertEquals("Hello caller", voice.path("text").asText());
        assertEquals("Matthew", voice.path("voiceId").asText());
        assertEquals("en-GB", voice.path("languageCode").asText());

        JsonNode gcm = outbox(response.result().get("gcm-token-1").messageId(), Kind.PUSH).payload();
        assertEquals("GCM", gcm.path("channelType").asText());
        assertEquals("gcm-token-1", gcm.path("token").asText());
        assertEquals("GCM title", gcm.path("notification").path("Title").asText());
        assertEquals("GCM body", gcm.path("notification").path("Body").asText());
        assertEquals("OPEN_APP", gcm.path("notification").path("Action").asText());
        assertEquals("v", gcm.path("notification").path("Data").path("k").asText());

        JsonNode apns = outbox(response.result().get("apns-token-1").messageId(), Kind.PUSH).payload();
        assertEquals("APNS", apns.path("channelType").asText());
        assertEquals("apns-token-1", apns.path("token").asText());
        assertEquals("Just for you", apns.path("notification").path("Title").asText(), "TitleOverride");
        assertEquals("APNs body", apns.path("notification").path("Body").asText());
        assertEquals(3, apns.path("notification").path("Badge").asInt());
    }

    @Test
    void pushFallsBackToTheDefaultPushMessageAndThenToTheDefaultMessage() throws Exception {
        String app = app("push-defaults");
        MessageResponse response = send(app, MessageRequest.builder()
                .addresses(Map.of("gcm-token-2", to(ChannelType.GCM), "+15550102", to(ChannelType.SMS)))
                .messageConfiguration(c -> c.defaultPushNotificationMessage(p -> p.title("Default title")
                                .body("Push for {{who}}").substitutions(Map.of("who", List.of("pushers"))))
                        .defaultMessage(d -> d.body("Default for {{who}}").substitutions(Map.of("who", List.of("all")))))
                .build());
        JsonNode gcm = outbox(response.result().get("gcm-token-2").messageId(), Kind.PUSH).payload();
        assertEquals("Default title", gcm.path("notification").path("Title").asText());
        assertEquals("Push for pushers", gcm.path("notification").path("Body").asText());
        JsonNode sms = outbox(response.result().get("+15550102").messageId(), Kind.SMS).payload();
        assertEquals("Default for all", sms.path("body").asText(),
                "a push message's substitutions do not apply to a text message");
    }

    @Test
    void anAddressWithoutChannelTypeOrOnAChannelWaymarkCannotSendOnFailsAlone() {
        String app = app("bad-addresses");
        MessageResponse response = send(app, MessageRequest.builder()
                .addresses(Map.of("dana@example.net", to(ChannelType.EMAIL),
                        "nochannel@example.net", AddressConfiguration.builder().build(),
                        "custom-address", to(ChannelType.CUSTOM),
                        "not an address", to(ChannelType.EMAIL)))
                .messageConfiguration(email("S", "<p>b</p>", null)).build());
        assertSuccessful(response.result().get("dana@example.net"));
        for (String failed : List.of("nochannel@example.net", "custom-address", "not an address")) {
            MessageResult result = response.result().get(failed);
            assertEquals(DeliveryStatus.PERMANENT_FAILURE, result.deliveryStatus(), failed);
            assertEquals(400, result.statusCode(), failed);
            assertTrue(result.messageId() == null, failed);
            assertFalse(result.statusMessage().isBlank(), failed);
        }
    }

    // ---- SendMessages to endpoints ---------------------------------------------------------------------------

    @Test
    void endpointsArePersonalisedWithTheirAttributesSubstitutionsAndOverrides() throws Exception {
        String app = app("endpoints");
        endpoint(app, "e-ann", "EMAIL", "ann@example.org", "Paris", "Ann", "u-ann");
        endpoint(app, "e-bob", "EMAIL", "bob@example.org", "Lyon", "Bob & <Co>", "u-bob");
        endpoint(app, "e-cy", "EMAIL", "cy@example.org", "Nice", "Cy", "u-cy");
        endpoint(app, "e-sms", "SMS", "+15550200", "Rome", "Dee", "u-dee");
        Map<String, EndpointSendConfiguration> endpoints = new LinkedHashMap<>();
        endpoints.put("e-ann", EndpointSendConfiguration.builder().build());
        endpoints.put("e-bob", EndpointSendConfiguration.builder()
                .substitutions(Map.of("Greeting", List.of("Howdy"))).build());
        endpoints.put("e-cy", EndpointSendConfiguration.builder().titleOverride("Special for {{User.UserAttributes.FirstName}}")
                .bodyOverride("Overridden body in {{Attributes.City}}").build());
        endpoints.put("e-sms", EndpointSendConfiguration.builder().bodyOverride("Ciao {{User.UserAttributes.FirstName}}")
                .build());
        MessageResponse response = send(app, MessageRequest.builder().endpoints(endpoints)
                .messageConfiguration(c -> c.emailMessage(m -> m.substitutions(Map.of("Greeting", List.of("Hello")))
                                .simpleEmail(s -> s.subject(p -> p.data("{{Greeting}} {{User.UserAttributes.FirstName}}"))
                                        .htmlPart(p -> p.data("<p>News from {{Attributes.City}} for {{User.UserAttributes.FirstName}}</p>"
                                                + "<i>{{{ User.UserAttributes.FirstName }}}</i>"))
                                        .textPart(p -> p.data("News from {{Attributes.City}}"))))
                        .smsMessage(s -> s.body("not used")))
                .build());
        assertFalse(response.hasResult() && !response.result().isEmpty(), "no Result for endpoints");
        assertEquals(List.of("e-ann", "e-bob", "e-cy", "e-sms"), List.copyOf(response.endpointResult().keySet()));
        response.endpointResult().values().forEach(PinpointMessagesIT::assertSuccessful);
        assertEquals("ann@example.org", response.endpointResult().get("e-ann").address());
        assertEquals("+15550200", response.endpointResult().get("e-sms").address());

        Map<String, MimeMessage> mails = received(3);
        MimeMessage ann = mails.get("ann@example.org");
        assertEquals("Hello Ann", ann.getSubject());
        assertEquals("<p>News from Paris for Ann</p><i>Ann</i>", part(ann, "text/html").trim());
        assertEquals("News from Paris", part(ann, "text/plain").trim());
        MimeMessage bob = mails.get("bob@example.org");
        assertEquals("Howdy Bob & <Co>", bob.getSubject(), "the recipient's substitutions win; text is not escaped");
        assertEquals("<p>News from Lyon for Bob &amp; &lt;Co&gt;</p><i>Bob & <Co></i>", part(bob, "text/html").trim(),
                "{{x}} is escaped in HTML, {{{x}}} is not");
        MimeMessage cy = mails.get("cy@example.org");
        assertEquals("Special for Cy", cy.getSubject());
        assertEquals("Overridden body in Nice", part(cy, "text/plain").trim());
        assertEquals(null, part(cy, "text/html"), "BodyOverride replaces the whole body");

        JsonNode sms = outbox(response.endpointResult().get("e-sms").messageId(), Kind.SMS).payload();
        assertEquals("Ciao Dee", sms.path("body").asText());
        assertEquals("+15550200", sms.path("destinationPhoneNumber").asText());
    }

    @Test
    void badEndpointsFailAloneWithTheirOwnStatus() throws Exception {
        String app = app("bad-endpoints");
        endpoint(app, "ok", "EMAIL", "ok@example.org", "Paris", "Ok", "u1");
        endpoint(app, "opted-out", "EMAIL", "out@example.org", "Paris", "Out", "u2");
        pinpoint.updateEndpoint(r -> r.applicationId(app).endpointId("opted-out").endpointRequest(e -> e.optOut("ALL")));
        endpoint(app, "inactive", "EMAIL", "gone@example.org", "Paris", "Gone", "u3");
        pinpoint.updateEndpoint(r -> r.applicationId(app).endpointId("inactive")
                .endpointRequest(e -> e.endpointStatus("INACTIVE")));
        endpoint(app, "bad-address", "EMAIL", "not-an-address", "Paris", "Bad", "u4");
        endpoint(app, "no-channel", "BAIDU", "baidu-token", "Paris", "Baidu", "u5");
        Map<String, EndpointSendConfiguration> endpoints = new LinkedHashMap<>();
        for (String id : List.of("ok", "missing", "opted-out", "inactive", "bad-address", "no-channel")) {
            endpoints.put(id, EndpointSendConfiguration.builder().build());
        }
        MessageResponse response = send(app, MessageRequest.builder().endpoints(endpoints)
                .messageConfiguration(c -> c.emailMessage(m -> m.simpleEmail(s -> s.subject(p -> p.data("S"))
                        .textPart(p -> p.data("T")))).defaultPushNotificationMessage(p -> p.body("push")))
                .build());
        Map<String, EndpointMessageResult> results = response.endpointResult();
        assertEquals(6, results.size());
        assertSuccessful(results.get("ok"));
        assertFailed(DeliveryStatus.PERMANENT_FAILURE, 404, results.get("missing"));
        assertFailed(DeliveryStatus.OPT_OUT, 400, results.get("opted-out"));
        assertEquals("out@example.org", results.get("opted-out").address());
        assertFailed(DeliveryStatus.PERMANENT_FAILURE, 400, results.get("inactive"));
        assertFailed(DeliveryStatus.PERMANENT_FAILURE, 400, results.get("bad-address"));
        assertFailed(DeliveryStatus.PERMANENT_FAILURE, 400, results.get("no-channel"));
        assertTrue(results.get("no-channel").statusMessage().contains("BAIDU"), results.get("no-channel").statusMessage());
        assertEquals(1, received(1).size());
    }

    @Test
    void aDisabledOrMissingChannelIsAPermanentFailurePerRecipient() throws Exception {
        String app = pinpoint.createApp(r -> r.createApplicationRequest(a -> a.name("no-channels"))).applicationResponse().id();
        endpoint(app, "mail", "EMAIL", "mail@example.org", "Paris", "M", "u1");
        MessageResponse missing = send(app, MessageRequest.builder()
                .addresses(Map.of("x@example.org", to(ChannelType.EMAIL), "+15550300", to(ChannelType.SMS)))
                .endpoints(Map.of("mail", EndpointSendConfiguration.builder().build()))
                .messageConfiguration(email("S", null, "T")).build());
        for (MessageResult result : missing.result().values()) {
            assertEquals(DeliveryStatus.PERMANENT_FAILURE, result.deliveryStatus());
            assertEquals(400, result.statusCode());
            assertTrue(result.statusMessage().contains("not enabled"), result.statusMessage());
        }
        assertEquals(DeliveryStatus.PERMANENT_FAILURE, missing.endpointResult().get("mail").deliveryStatus());

        pinpoint.updateEmailChannel(r -> r.applicationId(app).emailChannelRequest(e -> e.fromAddress("a@example.com")
                .identity("arn:aws:ses:us-east-1:111122223333:identity/example.com").enabled(false)));
        MessageResponse disabled = send(app, MessageRequest.builder()
                .addresses(Map.of("x@example.org", to(ChannelType.EMAIL)))
                .messageConfiguration(email("S", null, "T")).build());
        MessageResult result = disabled.result().get("x@example.org");
        assertEquals(DeliveryStatus.PERMANENT_FAILURE, result.deliveryStatus());
        assertEquals(400, result.statusCode());

        pinpoint.updateEmailChannel(r -> r.applicationId(app).emailChannelRequest(e -> e.fromAddress("a@example.com")
                .identity("arn:aws:ses:us-east-1:111122223333:identity/example.com").enabled(true)));
        assertSuccessful(send(app, MessageRequest.builder().addresses(Map.of("x@example.org", to(ChannelType.EMAIL)))
                .messageConfiguration(email("S", null, "T")).build()).result().get("x@example.org"));
        assertEquals("a@example.com", received(1).get("x@example.org").getFrom()[0].toString());
    }

    // ---- templates -------------------------------------------------------------------------------------------

    @Test
    void templatesFillTheMessageWithTheirDefaultsAndANamedVersion() throws Exception {
        String app = app("templates");
        endpoint(app, "t-ann", "EMAIL", "t-ann@example.org", "Paris", "Ann", "u1");
        pinpoint.updateEndpoint(r -> r.applicationId(app).endpointId("t-nick").endpointRequest(e -> e.channelType("EMAIL")
                .address("t-nick@example.org").user(u -> u.userId("u2")
                        .userAttributes(Map.of("Nickname", List.of("Nicky"))))));
        pinpoint.createEmailTemplate(r -> r.templateName("direct-welcome").emailTemplateRequest(t -> t
                .subject("Welcome {{User.UserAttributes.Nickname}}").htmlPart("<p>From {{Attributes.City}}</p>")
                .textPart("v1 text").defaultSubstitutions("{\"User.UserAttributes.Nickname\":\"friend\","
                        + "\"Attributes.City\":\"nowhere\"}")));
        pinpoint.updateEmailTemplate(r -> r.templateName("direct-welcome").createNewVersion(true)
                .emailTemplateRequest(t -> t.subject("Version two").textPart("v2 text")));
        pinpoint.createSmsTemplate(r -> r.templateName("direct-sms").smsTemplateRequest(t -> t.body("Code {{code}}")
                .defaultSubstitutions("{\"code\":\"0000\"}")));

        MessageResponse active = send(app, MessageRequest.builder()
                .endpoints(Map.of("t-ann", EndpointSendConfiguration.builder().build(),
                        "t-nick", EndpointSendConfiguration.builder().build()))
                .addresses(Map.of("+15550400", to(ChannelType.SMS)))
                .messageConfiguration(DirectMessageConfiguration.builder().build())
                .templateConfiguration(t -> t.emailTemplate(e -> e.name("direct-welcome")).smsTemplate(s -> s.name("direct-sms")))
                .build());
        active.endpointResult().values().forEach(PinpointMessagesIT::assertSuccessful);
        Map<String, MimeMessage> mails = received(2);
        assertEquals("Welcome friend", mails.get("t-ann@example.org").getSubject(), "DefaultSubstitutions fill the gap");
        assertEquals("<p>From Paris</p>", part(mails.get("t-ann@example.org"), "text/html").trim());
        assertEquals("Welcome Nicky", mails.get("t-nick@example.org").getSubject());
        assertEquals("<p>From nowhere</p>", part(mails.get("t-nick@example.org"), "text/html").trim());
        JsonNode sms = outbox(active.result().get("+15550400").messageId(), Kind.SMS).payload();
        assertEquals("Code 0000", sms.path("body").asText());

        SMTP.purgeEmailFromAllMailboxes();
        MessageResponse overridden = send(app, MessageRequest.builder()
                .addresses(Map.of("t-direct@example.org", to(ChannelType.EMAIL)))
                .messageConfiguration(c -> c.emailMessage(m -> m.simpleEmail(s -> s.subject(p -> p.data("Mine")))))
                .templateConfiguration(t -> t.emailTemplate(e -> e.name("direct-welcome").version("2"))).build());
        assertSuccessful(overridden.result().get("t-direct@example.org"));
        MimeMessage direct = received(1).get("t-direct@example.org");
        assertEquals("Mine", direct.getSubject(), "the message's own subject wins over its template's");
        assertEquals("v2 text", part(direct, "text/plain").trim(), "the named version");

        NotFoundException missing = assertThrows(NotFoundException.class, () -> pinpoint.sendMessages(r -> r
                .applicationId(app).messageRequest(m -> m.addresses(Map.of("t-direct@example.org", to(ChannelType.EMAIL)))
                        .messageConfiguration(DirectMessageConfiguration.builder().build())
                        .templateConfiguration(TemplateConfiguration.builder().emailTemplate(e -> e.name("no-such")).build()))));
        assertEquals(404, missing.statusCode());
        assertThrows(NotFoundException.class, () -> pinpoint.sendMessages(r -> r.applicationId(app)
                .messageRequest(m -> m.addresses(Map.of("t-direct@example.org", to(ChannelType.EMAIL)))
                        .messageConfiguration(DirectMessageConfiguration.builder().build())
                        .templateConfiguration(t -> t.emailTemplate(e -> e.name("direct-welcome").version("9"))))));
    }

    // ---- SendUsersMessages -----------------------------------------------------------------------------------

    @Test
    void usersMessagesGoToEveryEndpointOfEachUser() throws Exception {
        String app = app("users");
        endpoint(app, "u1-mail", "EMAIL", "u1@example.org", "Paris", "Uma", "user-1");
        endpoint(app, "u1-sms", "SMS", "+15550500", "Paris", "Uma", "user-1");
        var response = pinpoint.sendUsersMessages(r -> r.applicationId(app).sendUsersMessageRequest(s -> s
                .users(Map.of("user-1", EndpointSendConfiguration.builder()
                                .substitutions(Map.of("Greeting", List.of("Dear"))).build(),
                        "user-without-endpoints", EndpointSendConfiguration.builder().build()))
                .messageConfiguration(c -> c.emailMessage(m -> m.simpleEmail(e -> e
                                .subject(p -> p.data("{{Greeting}} {{User.UserAttributes.FirstName}}"))
                                .textPart(p -> p.data("mail"))))
                        .smsMessage(m -> m.body("{{Greeting}} {{User.UserAttributes.FirstName}}, from {{Attributes.City}}")))));
        assertEquals(200, response.sdkHttpResponse().statusCode());
        SendUsersMessageResponse users = response.sendUsersMessageResponse();
        assertEquals(app, users.applicationId());
        assertNotNull(users.requestId());
        assertEquals(2, users.result().size());
        Map<String, EndpointMessageResult> first = users.result().get("user-1");
        assertEquals(2, first.size());
        first.values().forEach(PinpointMessagesIT::assertSuccessful);
        assertEquals("u1@example.org", first.get("u1-mail").address());
        assertEquals("+15550500", first.get("u1-sms").address());
        assertTrue(users.result().get("user-without-endpoints").isEmpty());

        assertEquals("Dear Uma", received(1).get("u1@example.org").getSubject());
        JsonNode sms = outbox(first.get("u1-sms").messageId(), Kind.SMS).payload();
        assertEquals("Dear Uma, from Paris", sms.path("body").asText());

        assertThrows(BadRequestException.class, () -> pinpoint.sendUsersMessages(r -> r.applicationId(app)
                .sendUsersMessageRequest(s -> s.users(Map.of()).messageConfiguration(email("S", null, "T")))));
        assertThrows(BadRequestException.class, () -> pinpoint.sendUsersMessages(r -> r.applicationId(app)
                .sendUsersMessageRequest(s -> s.users(Map.of("user-1", EndpointSendConfiguration.builder().build())))));
    }

    // ---- whole-request errors --------------------------------------------------------------------------------

    @Test
    void whatIsWrongWithTheWholeRequestFailsTheCall() {
        String app = app("errors");
        Map<String, AddressConfiguration> one = Map.of("a@example.org", to(ChannelType.EMAIL));
        BadRequestException noConfiguration = assertThrows(BadRequestException.class, () -> pinpoint.sendMessages(r -> r
                .applicationId(app).messageRequest(m -> m.addresses(one))));
        assertEquals(400, noConfiguration.statusCode());
        assertTrue(noConfiguration.awsErrorDetails().errorMessage().toLowerCase(java.util.Locale.ROOT)
                        .contains("messageconfiguration"),
                noConfiguration.awsErrorDetails().errorMessage());
        assertThrows(BadRequestException.class, () -> pinpoint.sendMessages(r -> r.applicationId(app)
                .messageRequest(m -> m.messageConfiguration(email("S", null, "T")))));
        Map<String, AddressConfiguration> many = new HashMap<>();
        for (int i = 0; i < 101; i++) {
            many.put("r" + i + "@example.org", to(ChannelType.EMAIL));
        }
        BadRequestException tooMany = assertThrows(BadRequestException.class, () -> pinpoint.sendMessages(r -> r
                .applicationId(app).messageRequest(m -> m.addresses(many).messageConfiguration(email("S", null, "T")))));
        assertTrue(tooMany.awsErrorDetails().errorMessage().contains("100"), tooMany.awsErrorDetails().errorMessage());
        Map<String, EndpointSendConfiguration> fifty = new HashMap<>();
        for (int i = 0; i < 50; i++) {
            fifty.put("e" + i, EndpointSendConfiguration.builder().build());
        }
        Map<String, AddressConfiguration> fiftyOne = new HashMap<>();
        for (int i = 0; i < 51; i++) {
            fiftyOne.put("r" + i + "@example.org", to(ChannelType.EMAIL));
        }
        assertThrows(BadRequestException.class, () -> pinpoint.sendMessages(r -> r.applicationId(app)
                .messageRequest(m -> m.addresses(fiftyOne).endpoints(fifty).messageConfiguration(email("S", null, "T")))),
                "addresses and endpoints count together");
        assertEquals(0, SMTP.getReceivedMessages().length, "nothing is sent when the call fails");

        NotFoundException unknownApp = assertThrows(NotFoundException.class, () -> pinpoint.sendMessages(r -> r
                .applicationId("0123456789abcdef0123456789abcdef").messageRequest(m -> m.addresses(one)
                        .messageConfiguration(email("S", null, "T")))));
        assertEquals(404, unknownApp.statusCode());
        assertThrows(NotFoundException.class, () -> pinpoint.sendUsersMessages(r -> r
                .applicationId("0123456789abcdef0123456789abcdef").sendUsersMessageRequest(s -> s
                        .users(Map.of("u", EndpointSendConfiguration.builder().build()))
                        .messageConfiguration(email("S", null, "T")))));

        TestServer.AccountKey other = server.createAccount("other");
        try (PinpointClient stranger = server.pinpoint(other.credentials(), Region.US_EAST_1)) {
            assertThrows(NotFoundException.class, () -> stranger.sendMessages(r -> r.applicationId(app)
                    .messageRequest(m -> m.addresses(one).messageConfiguration(email("S", null, "T")))),
                    "an application is looked up in the caller's own account");
            assertThrows(NotFoundException.class, () -> stranger.sendUsersMessages(r -> r.applicationId(app)
                    .sendUsersMessageRequest(s -> s.users(Map.of("u", EndpointSendConfiguration.builder().build()))
                            .messageConfiguration(email("S", null, "T")))));
        }
        assertEquals(0, SMTP.getReceivedMessages().length);
    }

    // ---- audit -----------------------------------------------------------------------------------------------

    @Test
    void sendCallsAreNotRecordedByDefaultAndMaskedWhenTheyAre() throws Exception {
        String app = app("audit-default");
        endpoint(app, "a-mail", "EMAIL", "a-mail@example.org", "Paris", "A", "audit-user");
        send(app, MessageRequest.builder().addresses(Map.of("+15550600", to(ChannelType.SMS)))
                .messageConfiguration(c -> c.smsMessage(s -> s.body("hi"))).build());
        pinpoint.sendUsersMessages(r -> r.applicationId(app).sendUsersMessageRequest(s -> s
                .users(Map.of("audit-user", EndpointSendConfiguration.builder().build()))
                .messageConfiguration(email("S", null, "T"))));
        assertTrue(server.records("SendMessages").isEmpty());
        assertTrue(server.records("SendUsersMessages").isEmpty());
        assertFalse(server.records("CreateApp").isEmpty(), "other calls are recorded");

        try (TestServer recorded = TestServer.start(smtpFlags("--not-recorded=PutEvents"));
             PinpointClient client = recorded.pinpoint()) {
            String recordedApp = app(client, "audit-recorded");
            client.updateEndpoint(r -> r.applicationId(recordedApp).endpointId("r-mail").endpointRequest(e -> e
                    .channelType("EMAIL").address("r-mail@example.org").user(u -> u.userId("r-user"))));
            MessageResponse sent = client.sendMessages(r -> r.applicationId(recordedApp).messageRequest(m -> m
                    .addresses(Map.of("+15550601", to(ChannelType.SMS)))
                    .endpoints(Map.of("r-mail", EndpointSendConfiguration.builder().bodyOverride("secret body").build()))
                    .messageConfiguration(c -> c.smsMessage(s -> s.body("secret sms")).emailMessage(e -> e
                            .simpleEmail(s -> s.subject(p -> p.data("S")).textPart(p -> p.data("T"))))))).messageResponse();
            client.sendUsersMessages(r -> r.applicationId(recordedApp).sendUsersMessageRequest(s -> s
                    .users(Map.of("r-user", EndpointSendConfiguration.builder().build()))
                    .messageConfiguration(email("S", null, "T"))));

            List<JsonNode> records = recorded.records("SendMessages");
            assertEquals(1, records.size());
            JsonNode record = records.get(0);
            assertEquals("pinpoint.amazonaws.com", record.path("eventSource").asText());
            assertFalse(record.path("readOnly").asBoolean(true));
            assertEquals(sent.requestId(), record.path("requestID").asText());
            JsonNode parameters = record.path("requestParameters");
            assertEquals(recordedApp, parameters.path("application-id").asText(), parameters.toString());
            assertEquals("***", parameters.path("Addresses").asText(), parameters.toString());
            assertEquals("***", parameters.path("MessageConfiguration").asText(), parameters.toString());
            assertEquals("***", parameters.path("Endpoints").path("r-mail").path("BodyOverride").asText(),
                    parameters.toString());
            assertFalse(record.toString().contains("secret"), record.toString());
            assertEquals("***", record.path("responseElements").path("Result").asText(), "results are keyed by address");
            assertFalse(record.toString().contains("+15550601") || record.toString().contains("r-mail@example.org"),
                    record.toString());

            List<JsonNode> users = recorded.records("SendUsersMessages");
            assertEquals(1, users.size());
            JsonNode userParameters = users.get(0).path("requestParameters");
            assertEquals("***", userParameters.path("Users").asText(), userParameters.toString());
            assertEquals("***", userParameters.path("MessageConfiguration").asText(), userParameters.toString());
            assertTrue(recorded.records("PutEvents").isEmpty());
        }
    }

    // ---- boto3 -----------------------------------------------------------------------------------------------

    @Test
    void boto3SendsMessagesAndReadsTheResponse() throws Exception {
        String app = app("boto3");
        endpoint(app, "b-sms", "SMS", "+15550700", "Oslo", "Bo", "b-user");
        String script = String.join("\n",
                "import boto3, json, sys",
                "pp = boto3.client('pinpoint')",
                "app = sys.argv[1]",
                "r = pp.send_messages(ApplicationId=app, MessageRequest={",
                "    'Addresses': {'+15550701': {'ChannelType': 'SMS'}, 'boto@example.org': {'ChannelType': 'EMAIL'}},",
                "    'Endpoints': {'b-sms': {'BodyOverride': 'Hi {{User.UserAttributes.FirstName}}'}},",
                "    'MessageConfiguration': {'SMSMessage': {'Body': 'Hello from boto3', 'MessageType': 'PROMOTIONAL'},",
                "        'EmailMessage': {'SimpleEmail': {'Subject': {'Data': 'boto3'}, 'TextPart': {'Data': 'text'}}}}})",
                "try:",
                "    pp.send_messages(ApplicationId=app, MessageRequest={'Addresses': {},",
                "        'MessageConfiguration': {'SMSMessage': {'Body': 'x'}}})",
                "    error = None",
                "except pp.exceptions.BadRequestException as e:",
                "    error = e.response['Error']['Code']",
                "u = pp.send_users_messages(ApplicationId=app, SendUsersMessageRequest={'Users': {'b-user': {}},",
                "    'MessageConfiguration': {'SMSMessage': {'Body': 'users'}}})",
                "print(json.dumps({'send': r['MessageResponse'], 'users': u['SendUsersMessageResponse'], 'error': error}))");
        JsonNode out = JSON.readTree(python(script, app));
        JsonNode send = out.path("send");
        assertEquals(app, send.path("ApplicationId").asText());
        assertFalse(send.path("RequestId").asText().isEmpty());
        JsonNode sms = send.path("Result").path("+15550701");
        assertEquals("SUCCESSFUL", sms.path("DeliveryStatus").asText(), send.toString());
        assertEquals(200, sms.path("StatusCode").asInt());
        assertEquals("MessageId: " + sms.path("MessageId").asText(), sms.path("StatusMessage").asText());
        assertEquals("SUCCESSFUL", send.path("Result").path("boto@example.org").path("DeliveryStatus").asText());
        JsonNode endpoint = send.path("EndpointResult").path("b-sms");
        assertEquals("+15550700", endpoint.path("Address").asText());
        assertEquals("SUCCESSFUL", endpoint.path("DeliveryStatus").asText());
        assertEquals("BadRequestException", out.path("error").asText());
        assertEquals("SUCCESSFUL", out.path("users").path("Result").path("b-user").path("b-sms").path("DeliveryStatus").asText(),
                out.toString());

        JsonNode outboxSms = outbox(sms.path("MessageId").asText(), Kind.SMS).payload();
        assertEquals("Hello from boto3", outboxSms.path("body").asText());
        assertEquals("PROMOTIONAL", outboxSms.path("messageType").asText());
        assertEquals("Hi Bo", outbox(endpoint.path("MessageId").asText(), Kind.SMS).payload().path("body").asText());
        assertEquals("boto3", received(1).get("boto@example.org").getSubject());
    }

    private static String python(String script, String... arguments) throws Exception {
        AwsCli.Result result = new AwsCli(server).python(script, arguments);
        assertEquals(0, result.exit(), result.out() + result.err());
        return result.out();
    }

}
