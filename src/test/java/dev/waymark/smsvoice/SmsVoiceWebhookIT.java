// SPDX-License-Identifier: Apache-2.0
package dev.waymark.smsvoice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.waymark.channel.Kind;
import dev.waymark.channel.Message;
import dev.waymark.channel.OutboxProbe;
import dev.waymark.channel.Status;
import dev.waymark.channel.WebhookReceiver;
import dev.waymark.testing.TestServer;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.pinpointsmsvoice.PinpointSmsVoiceClient;
import software.amazon.awssdk.services.pinpointsmsvoice.model.EventType;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * SendVoiceMessage with {@code --webhook-url}: the call is POSTed to a real HTTP receiver (retried after a 503),
 * and its events reach the event destinations of its configuration set: CloudWatch Logs and Firehose destinations
 * through the same webhook, in order and as their MatchingEventTypes select; an SNS destination through the
 * embedded topic; a destination whose topic does not exist is recorded as failed; a disabled one gets nothing.
 */
class SmsVoiceWebhookIT {
    private static final String ROLE = "arn:aws:iam::111122223333:role/voice";

    @Test
    void aCallAndItsEventsReachTheWebhookAndTheTopic() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.failingFirst(1);
             TestServer server = TestServer.start("--webhook-url=" + receiver.url())) {
            PinpointSmsVoiceClient client = SmsVoiceClients.of(server);
            String topic = sns(server).createTopic(r -> r.name("voice-events")).topicArn();
            client.createConfigurationSet(r -> r.configurationSetName("calls"));
            client.createConfigurationSetEventDestination(r -> r.configurationSetName("calls").eventDestinationName("logs")
                    .eventDestination(d -> d.enabled(true).matchingEventTypes(EventType.knownValues())
                            .cloudWatchLogsDestination(c -> c.iamRoleArn(ROLE)
                                    .logGroupArn("arn:aws:logs:us-east-1:111122223333:log-group:calls"))));
            client.createConfigurationSetEventDestination(r -> r.configurationSetName("calls").eventDestinationName("answers")
                    .eventDestination(d -> d.enabled(true).matchingEventTypes(EventType.ANSWERED)
                            .kinesisFirehoseDestination(k -> k.iamRoleArn(ROLE)
                                    .deliveryStreamArn("arn:aws:firehose:us-east-1:111122223333:deliverystream/calls"))));
            client.createConfigurationSetEventDestination(r -> r.configurationSetName("calls").eventDestinationName("topic")
                    .eventDestination(d -> d.enabled(true).matchingEventTypes(EventType.COMPLETED_CALL)
                            .snsDestination(s -> s.topicArn(topic))));
            client.createConfigurationSetEventDestination(r -> r.configurationSetName("calls").eventDestinationName("lost")
                    .eventDestination(d -> d.enabled(true).matchingEventTypes(EventType.COMPLETED_CALL)
                            .snsDestination(s -> s.topicArn(topic + "-missing"))));
            client.createConfigurationSetEventDestination(r -> r.configurationSetName("calls").eventDestinationName("off")
                    .eventDestination(d -> d.enabled(false).matchingEventTypes(EventType.knownValues())
                            .cloudWatchLogsDestination(c -> c.iamRoleArn(ROLE)
                                    .logGroupArn("arn:aws:logs:us-east-1:111122223333:log-group:off"))));

            String id = client.sendVoiceMessage(r -> r.destinationPhoneNumber("+12065550142")
                    .originationPhoneNumber("+12065550199").configurationSetName("calls")
                    .content(c -> c.ssmlMessage(s -> s.text("<speak>Hi</speak>").voiceId("Joanna")))).messageId();

            List<JsonNode> posted = receiver.take(6);
            JsonNode call = posted.get(0);
            assertEquals("VOICE", call.path("kind").asText());
            assertEquals(id, call.path("id").asText());
            assertEquals(server.accountId(), call.path("accountId").asText());
            assertEquals("+12065550142", call.path("payload").path("destinationPhoneNumber").asText());
            assertEquals("<speak>Hi</speak>", call.path("payload").path("ssml").asText());
            Message delivered = OutboxProbe.finished(server, id);
            assertEquals(Status.DELIVERED, delivered.status());
            assertEquals(2, delivered.attempts(), "the first POST was answered 503 and retried");

            List<String> logs = posted.subList(1, 6).stream().map(p -> p.path("payload"))
                    .filter(p -> p.path("target").path("type").asText().equals("CLOUDWATCH"))
                    .map(p -> p.path("event").path("eventType").asText()).toList();
            assertEquals(List.of("INITIATED_CALL", "RINGING", "ANSWERED", "COMPLETED_CALL"), logs);
            JsonNode answered = posted.subList(1, 6).stream().map(p -> p.path("payload"))
                    .filter(p -> p.path("target").path("type").asText().equals("FIREHOSE")).findFirst().orElseThrow();
            assertEquals("ANSWERED", answered.path("event").path("eventType").asText());
            assertEquals("answers", answered.path("event").path("eventDestinationName").asText());
            assertEquals(id, answered.path("event").path("messageId").asText());
            assertEquals("+12065550199", answered.path("event").path("originationPhoneNumber").asText());
            assertEquals("Joanna", answered.path("event").path("voiceId").asText());
            for (JsonNode event : posted.subList(1, 6)) {
                assertEquals("EVENT", event.path("kind").asText());
                assertEquals(event.path("payload").path("event").path("eventType").asText().equals("COMPLETED_CALL"),
                        event.path("payload").path("event").path("isFinal").asBoolean());
            }

            List<Message> topicEvents = OutboxProbe.all(server, Kind.EVENT, events -> events.stream()
                    .filter(e -> e.provider().equals("sns")).filter(e -> e.status() != Status.PENDING).count() == 2);
            Message published = byTarget(topicEvents, topic).orElseThrow();
            assertEquals(Status.DELIVERED, published.status());
            Message lost = byTarget(topicEvents, topic + "-missing").orElseThrow();
            assertEquals(Status.FAILED, lost.status());
            assertTrue(lost.lastError().orElseThrow().contains("no embedded SNS topic"), lost.lastError().toString());
            assertEquals(7, topicEvents.size(), "4 + 1 webhook events and 2 topic events; none for the disabled one");
        }
    }

    @Test
    void aCallTheWebhookRefusesEmitsFailed() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(body -> body.path("kind").asText().equals("VOICE") ? 400 : 200);
             TestServer server = TestServer.start("--webhook-url=" + receiver.url())) {
            PinpointSmsVoiceClient client = SmsVoiceClients.of(server);
            client.createConfigurationSet(r -> r.configurationSetName("refused"));
            client.createConfigurationSetEventDestination(r -> r.configurationSetName("refused").eventDestinationName("logs")
                    .eventDestination(d -> d.enabled(true).matchingEventTypes(EventType.knownValues())
                            .cloudWatchLogsDestination(c -> c.iamRoleArn(ROLE)
                                    .logGroupArn("arn:aws:logs:us-east-1:111122223333:log-group:calls"))));
            String id = client.sendVoiceMessage(r -> r.destinationPhoneNumber("+12065550142").configurationSetName("refused")
                    .content(c -> c.plainTextMessage(p -> p.text("hello")))).messageId();
            List<String> events = receiver.take(2).stream()
                    .map(p -> p.path("payload").path("event").path("eventType").asText()).toList();
            assertEquals(List.of("INITIATED_CALL", "FAILED"), events);
            Message refused = OutboxProbe.finished(server, id);
            assertEquals(Status.FAILED, refused.status());
            assertTrue(refused.lastError().orElseThrow().contains("400"), refused.lastError().toString());
        }
    }

    private static Optional<Message> byTarget(List<Message> events, String topic) {
        return events.stream().filter(e -> e.payload().path("target").path("address").asText().equals(topic)).findFirst();
    }

    private static SnsClient sns(TestServer server) {
        return SnsClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(server.rootCredentials()))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }
}
