// SPDX-License-Identifier: Apache-2.0
package dev.waymark.smsvoice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.waymark.channel.Message;
import dev.waymark.channel.OutboxProbe;
import dev.waymark.channel.ServiceErrors;
import dev.waymark.channel.Status;
import dev.waymark.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.services.pinpointsmsvoice.PinpointSmsVoiceClient;
import software.amazon.awssdk.services.pinpointsmsvoice.model.AlreadyExistsException;
import software.amazon.awssdk.services.pinpointsmsvoice.model.BadRequestException;
import software.amazon.awssdk.services.pinpointsmsvoice.model.EventDestination;
import software.amazon.awssdk.services.pinpointsmsvoice.model.EventDestinationDefinition;
import software.amazon.awssdk.services.pinpointsmsvoice.model.EventType;
import software.amazon.awssdk.services.pinpointsmsvoice.model.LimitExceededException;
import software.amazon.awssdk.services.pinpointsmsvoice.model.ListConfigurationSetsResponse;
import software.amazon.awssdk.services.pinpointsmsvoice.model.NotFoundException;
import software.amazon.awssdk.services.pinpointsmsvoice.model.PinpointSmsVoiceException;
import software.amazon.awssdk.services.pinpointsmsvoice.model.VoiceMessageContent;

/**
 * All eight SMS and Voice v1 operations through the SDK's own client: shapes, validation, every modelled error with
 * its status and its {@code {"Message"}} body, account isolation, the audit records, and SendVoiceMessage reaching
 * the local outbox (the default voice channel).
 */
class SmsVoiceIT {
    private static final String ROLE = "arn:aws:iam::111122223333:role/voice-logs";
    private static final String LOG_GROUP = "arn:aws:logs:us-east-1:111122223333:log-group:voice";

    private static TestServer server;
    private static PinpointSmsVoiceClient client;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        client = SmsVoiceClients.of(server);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static EventDestinationDefinition logs(EventType... types) {
        return EventDestinationDefinition.builder().enabled(true).matchingEventTypes(types)
                .cloudWatchLogsDestination(d -> d.iamRoleArn(ROLE).logGroupArn(LOG_GROUP)).build();
    }

    /** The error a call fails with, after checking its status, code and the API's {@code {"Message"}} body. */
    private static <T extends PinpointSmsVoiceException> T fails(Class<T> type, int status, Executable call) {
        T error = ServiceErrors.fails(type, status, "Message", call);
        assertEquals(type.getSimpleName(), error.awsErrorDetails().errorCode());
        return error;
    }

    @Test
    void configurationSetsAreCreatedListedInPagesAndDeleted() {
        for (String name : List.of("pages-c", "pages-a", "pages-b")) {
            client.createConfigurationSet(r -> r.configurationSetName(name));
        }
        List<String> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String next = token;
            ListConfigurationSetsResponse page = client.listConfigurationSets(r -> r.pageSize("2").nextToken(next));
            assertTrue(page.configurationSets().size() <= 2);
            seen.addAll(page.configurationSets());
            token = page.nextToken();
            pages++;
        } while (token != null);
        assertTrue(pages >= 2);
        assertTrue(seen.containsAll(List.of("pages-a", "pages-b", "pages-c")), seen.toString());
        assertEquals(seen.stream().sorted().toList(), seen);
        client.deleteConfigurationSet(r -> r.configurationSetName("pages-b"));
        assertFalse(client.listConfigurationSets(r -> { }).configurationSets().contains("pages-b"));
    }

    @Test
    void configurationSetErrors() {
        client.createConfigurationSet(r -> r.configurationSetName("twice"));
        assertTrue(fails(AlreadyExistsException.class, 409,
                () -> client.createConfigurationSet(r -> r.configurationSetName("twice"))).getMessage().contains("twice"));
        fails(BadRequestException.class, 400, () -> client.createConfigurationSet(r -> r.configurationSetName("no spaces")));
        fails(BadRequestException.class, 400, () -> client.createConfigurationSet(r -> r.configurationSetName("x".repeat(65))));
        fails(BadRequestException.class, 400, () -> client.createConfigurationSet(r -> { }));
        fails(NotFoundException.class, 404, () -> client.deleteConfigurationSet(r -> r.configurationSetName("never")));
        fails(BadRequestException.class, 400, () -> client.listConfigurationSets(r -> r.pageSize("0")));
        fails(BadRequestException.class, 400, () -> client.listConfigurationSets(r -> r.pageSize("ten")));
        fails(BadRequestException.class, 400, () -> client.listConfigurationSets(r -> r.nextToken("not-a-token")));
    }

    @Test
    void eventDestinationsAreCreatedReadUpdatedAndDeleted() {
        client.createConfigurationSet(r -> r.configurationSetName("destinations"));
        client.createConfigurationSetEventDestination(r -> r.configurationSetName("destinations")
                .eventDestinationName("logs").eventDestination(logs(EventType.RINGING, EventType.ANSWERED)));
        List<EventDestination> destinations = client.getConfigurationSetEventDestinations(
                r -> r.configurationSetName("destinations")).eventDestinations();
        assertEquals(1, destinations.size());
        EventDestination logs = destinations.get(0);
        assertEquals("logs", logs.name());
        assertTrue(logs.enabled());
        assertEquals(List.of(EventType.RINGING, EventType.ANSWERED), logs.matchingEventTypes());
        assertEquals(LOG_GROUP, logs.cloudWatchLogsDestination().logGroupArn());
        assertEquals(ROLE, logs.cloudWatchLogsDestination().iamRoleArn());

        client.updateConfigurationSetEventDestination(r -> r.configurationSetName("destinations")
                .eventDestinationName("logs").eventDestination(d -> d.matchingEventTypes(EventType.FAILED)
                        .snsDestination(s -> s.topicArn("arn:aws:sns:us-east-1:111122223333:voice"))));
        EventDestination updated = client.getConfigurationSetEventDestinations(
                r -> r.configurationSetName("destinations")).eventDestinations().get(0);
        assertFalse(updated.enabled(), "Enabled defaults to false");
        assertNull(updated.cloudWatchLogsDestination());
        assertEquals("arn:aws:sns:us-east-1:111122223333:voice", updated.snsDestination().topicArn());
        assertEquals(List.of(EventType.FAILED), updated.matchingEventTypes());

        client.deleteConfigurationSetEventDestination(r -> r.configurationSetName("destinations").eventDestinationName("logs"));
        assertTrue(client.getConfigurationSetEventDestinations(r -> r.configurationSetName("destinations"))
                .eventDestinations().isEmpty());
    }

    @Test
    void eventDestinationErrors() {
        client.createConfigurationSet(r -> r.configurationSetName("bad-destinations"));
        fails(NotFoundException.class, 404, () -> client.createConfigurationSetEventDestination(r -> r
                .configurationSetName("missing").eventDestinationName("d").eventDestination(logs(EventType.RINGING))));
        fails(NotFoundException.class, 404, () -> client.getConfigurationSetEventDestinations(r -> r.configurationSetName("missing")));
        fails(NotFoundException.class, 404, () -> client.updateConfigurationSetEventDestination(r -> r
                .configurationSetName("bad-destinations").eventDestinationName("none").eventDestination(logs(EventType.RINGING))));
        fails(NotFoundException.class, 404, () -> client.deleteConfigurationSetEventDestination(r -> r
                .configurationSetName("bad-destinations").eventDestinationName("none")));
        fails(BadRequestException.class, 400, () -> client.createConfigurationSetEventDestination(r -> r
                .configurationSetName("bad-destinations").eventDestination(logs(EventType.RINGING))));
        fails(BadRequestException.class, 400, () -> client.createConfigurationSetEventDestination(r -> r
                .configurationSetName("bad-destinations").eventDestinationName("d")));
        fails(BadRequestException.class, 400, () -> client.createConfigurationSetEventDestination(r -> r
                .configurationSetName("bad-destinations").eventDestinationName("d").eventDestination(d -> d
                        .matchingEventTypesWithStrings("DELIVERED")
                        .cloudWatchLogsDestination(c -> c.iamRoleArn(ROLE).logGroupArn(LOG_GROUP)))));
        fails(BadRequestException.class, 400, () -> client.createConfigurationSetEventDestination(r -> r
                .configurationSetName("bad-destinations").eventDestinationName("d").eventDestination(d -> d
                        .cloudWatchLogsDestination(c -> c.iamRoleArn(ROLE).logGroupArn(LOG_GROUP)))));
        fails(BadRequestException.class, 400, () -> client.createConfigurationSetEventDestination(r -> r
                .configurationSetName("bad-destinations").eventDestinationName("d").eventDestination(d -> d
                        .matchingEventTypes(EventType.BUSY))));
        fails(BadRequestException.class, 400, () -> client.createConfigurationSetEventDestination(r -> r
                .configurationSetName("bad-destinations").eventDestinationName("d").eventDestination(d -> d
                        .matchingEventTypes(EventType.BUSY).snsDestination(s -> s.topicArn("arn:aws:sns:us-east-1:1:t"))
                        .kinesisFirehoseDestination(k -> k.iamRoleArn(ROLE)
                                .deliveryStreamArn("arn:aws:firehose:us-east-1:111122223333:deliverystream/s")))));
        fails(BadRequestException.class, 400, () -> client.createConfigurationSetEventDestination(r -> r
                .configurationSetName("bad-destinations").eventDestinationName("d").eventDestination(d -> d
                        .matchingEventTypes(EventType.BUSY).kinesisFirehoseDestination(k -> k.iamRoleArn("not-a-role")
                                .deliveryStreamArn("arn:aws:firehose:us-east-1:111122223333:deliverystream/s")))));
        client.createConfigurationSetEventDestination(r -> r.configurationSetName("bad-destinations")
                .eventDestinationName("d").eventDestination(logs(EventType.BUSY)));
        fails(AlreadyExistsException.class, 409, () -> client.createConfigurationSetEventDestination(r -> r
                .configurationSetName("bad-destinations").eventDestinationName("d").eventDestination(logs(EventType.BUSY))));
    }

    @Test
    void aConfigurationSetHoldsAtMostTenEventDestinations() {
        client.createConfigurationSet(r -> r.configurationSetName("full"));
        for (int i = 0; i < 10; i++) {
            String name = "d" + i;
            client.createConfigurationSetEventDestination(r -> r.configurationSetName("full").eventDestinationName(name)
                    .eventDestination(logs(EventType.COMPLETED_CALL)));
        }
        LimitExceededException error = fails(LimitExceededException.class, 412, () -> client
                .createConfigurationSetEventDestination(r -> r.configurationSetName("full").eventDestinationName("d10")
                        .eventDestination(logs(EventType.COMPLETED_CALL))));
        assertTrue(error.getMessage().contains("10"), error.getMessage());
        client.deleteConfigurationSet(r -> r.configurationSetName("full"));
        client.createConfigurationSet(r -> r.configurationSetName("full"));
        assertTrue(client.getConfigurationSetEventDestinations(r -> r.configurationSetName("full"))
                .eventDestinations().isEmpty(), "deleting a set deletes its destinations");
    }

    @Test
    void aVoiceMessageIsKeptInTheLocalOutboxWithItsRenderedCall() throws Exception {
        String id = client.sendVoiceMessage(r -> r.destinationPhoneNumber("+12065550142")
                .originationPhoneNumber("+12065550199").callerId("Front desk")
                .content(c -> c.plainTextMessage(p -> p.text("Your table is <ready> & waiting").voiceId("Matthew")
                        .languageCode("en-GB")))).messageId();
        Message message = OutboxProbe.finished(server, id);
        assertEquals(Status.KEPT, message.status());
        assertEquals("outbox", message.provider());
        JsonNode call = message.payload();
        assertEquals("+12065550142", call.path("destinationPhoneNumber").asText());
        assertEquals("+12065550199", call.path("originationPhoneNumber").asText());
        assertEquals("Front desk", call.path("callerId").asText());
        assertEquals("PlainText", call.path("contentType").asText());
        assertEquals("Matthew", call.path("voiceId").asText());
        assertEquals("en-GB", call.path("languageCode").asText());
        assertEquals("<speak>Your table is &lt;ready&gt; &amp; waiting</speak>", call.path("ssml").asText());

        String ssml = "<speak>Hello <break time=\"1s\"/> world</speak>";
        String second = client.sendVoiceMessage(r -> r.destinationPhoneNumber("+442071838750")
                .content(c -> c.ssmlMessage(s -> s.text(ssml)))).messageId();
        JsonNode rendered = OutboxProbe.finished(server, second).payload();
        assertEquals(ssml, rendered.path("ssml").asText());
        assertEquals("Joanna", rendered.path("voiceId").asText());
        assertEquals("en-US", rendered.path("languageCode").asText());
        String third = client.sendVoiceMessage(r -> r.destinationPhoneNumber("+442071838750")
                .content(c -> c.callInstructionsMessage(s -> s.text("Press one")))).messageId();
        assertEquals("CallInstructions", OutboxProbe.finished(server, third).payload().path("contentType").asText());
    }

    @Test
    void sendVoiceMessageErrors() {
        VoiceMessageContent hello = VoiceMessageContent.builder().plainTextMessage(p -> p.text("hello")).build();
        fails(BadRequestException.class, 400, () -> client.sendVoiceMessage(r -> r.content(hello)));
        fails(BadRequestException.class, 400, () -> client.sendVoiceMessage(r -> r.destinationPhoneNumber("2065550142")
                .content(hello)));
        fails(BadRequestException.class, 400, () -> client.sendVoiceMessage(r -> r.destinationPhoneNumber("+12065550142")
                .originationPhoneNumber("call me").content(hello)));
        fails(BadRequestException.class, 400, () -> client.sendVoiceMessage(r -> r.destinationPhoneNumber("+12065550142")));
        fails(BadRequestException.class, 400, () -> client.sendVoiceMessage(r -> r.destinationPhoneNumber("+12065550142")
                .content(c -> c.plainTextMessage(p -> p.text("a")).ssmlMessage(s -> s.text("<speak>b</speak>")))));
        fails(BadRequestException.class, 400, () -> client.sendVoiceMessage(r -> r.destinationPhoneNumber("+12065550142")
                .content(c -> c.ssmlMessage(s -> s.text("<speak>unclosed")))));
        fails(BadRequestException.class, 400, () -> client.sendVoiceMessage(r -> r.destinationPhoneNumber("+12065550142")
                .content(c -> c.ssmlMessage(s -> s.text("<p>not speak</p>")))));
        fails(BadRequestException.class, 400, () -> client.sendVoiceMessage(r -> r.destinationPhoneNumber("+12065550142")
                .content(c -> c.plainTextMessage(p -> p.text("x".repeat(3001))))));
        fails(BadRequestException.class, 400, () -> client.sendVoiceMessage(r -> r.destinationPhoneNumber("+12065550142")
                .content(c -> c.plainTextMessage(p -> p.text("hi").languageCode("english")))));
        fails(BadRequestException.class, 400, () -> client.sendVoiceMessage(r -> r.destinationPhoneNumber("+12065550142")
                .configurationSetName("no-such-set").content(hello)));
    }

    @Test
    void accountsDoNotSeeEachOthersConfigurationSets() {
        client.createConfigurationSet(r -> r.configurationSetName("private-set"));
        TestServer.AccountKey other = server.createAccount("other");
        PinpointSmsVoiceClient otherClient = SmsVoiceClients.of(server, other.credentials());
        assertFalse(otherClient.listConfigurationSets(r -> { }).configurationSets().contains("private-set"));
        fails(NotFoundException.class, 404, () -> otherClient.getConfigurationSetEventDestinations(
                r -> r.configurationSetName("private-set")));
        otherClient.createConfigurationSet(r -> r.configurationSetName("private-set"));
    }

    @Test
    void callsAreRecordedAsSmsVoiceEventsAndSendVoiceMessageIsNot() throws Exception {
        client.createConfigurationSet(r -> r.configurationSetName("recorded"));
        client.listConfigurationSets(r -> r.pageSize("5"));
        fails(NotFoundException.class, 404, () -> client.deleteConfigurationSet(r -> r.configurationSetName("gone")));
        String id = client.sendVoiceMessage(r -> r.destinationPhoneNumber("+12065550100")
                .content(c -> c.plainTextMessage(p -> p.text("not recorded")))).messageId();
        OutboxProbe.finished(server, id);

        JsonNode created = last("CreateConfigurationSet");
        assertEquals("sms-voice.amazonaws.com", created.path("eventSource").asText());
        assertFalse(created.path("readOnly").asBoolean());
        assertEquals("recorded", created.path("requestParameters").path("ConfigurationSetName").asText());
        assertTrue(created.path("responseElements").isNull());
        JsonNode listed = last("ListConfigurationSets");
        assertTrue(listed.path("readOnly").asBoolean());
        assertEquals("5", listed.path("requestParameters").path("PageSize").asText());
        assertTrue(listed.path("responseElements").isNull());
        JsonNode failed = last("DeleteConfigurationSet");
        assertEquals("NotFoundException", failed.path("errorCode").asText());
        assertTrue(server.records("SendVoiceMessage").isEmpty(), "SendVoiceMessage is not recorded by default");
    }

    @Test
    void whenSendVoiceMessageIsRecordedItsContentAndNumbersAreMasked() throws Exception {
        try (TestServer recording = TestServer.start("--not-recorded=GetApps")) {
            SmsVoiceClients.of(recording).sendVoiceMessage(r -> r.destinationPhoneNumber("+12065550142")
                    .originationPhoneNumber("+12065550199").callerId("Clinic")
                    .content(c -> c.plainTextMessage(p -> p.text("Your results are ready"))));
            JsonNode record = recording.records("SendVoiceMessage").get(0);
            for (String member : List.of("DestinationPhoneNumber", "OriginationPhoneNumber", "CallerId", "Content")) {
                assertEquals("***", record.path("requestParameters").path(member).asText(), member);
            }
            assertFalse(record.toString().contains("+12065550142") || record.toString().contains("results"),
                    record.toString());
            assertTrue(record.path("responseElements").path("MessageId").isTextual());
        }
    }

    private static JsonNode last(String eventName) {
        List<JsonNode> records = server.records(eventName);
        assertFalse(records.isEmpty(), "no record of " + eventName);
        return records.get(records.size() - 1);
    }
}
