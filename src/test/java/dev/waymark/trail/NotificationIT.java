// SPDX-License-Identifier: Apache-2.0
package dev.waymark.trail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.waymark.testing.TestServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.InsufficientSnsTopicPolicyException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * A trail notifying an embedded topic (cloudtrail.md §5), received by a real HTTP subscriber that confirmed its
 * subscription by a plain GET: the validation message, then exactly one notification per delivered log file.
 */
class NotificationIT {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TestServer server;
    private HttpServer subscriber;
    private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    private SnsClient sns;
    private CloudTrailClient cloudTrail;
    private S3Client s3;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start("--delivery-interval=300ms");
        subscriber = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        subscriber.createContext("/", exchange -> {
            received.add(MAPPER.readTree(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        subscriber.start();
        sns = SnsClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(server.rootCredentials()))
                .httpClient(UrlConnectionHttpClient.create()).build();
        cloudTrail = server.cloudTrail(server.rootCredentials(), Region.US_EAST_1);
        s3 = server.s3();
        s3.createBucket(r -> r.bucket("notified"));
        s3.putBucketPolicy(r -> r.bucket("notified").policy(TrailsApiIT.policy("notified", server.accountId())));
    }

    @AfterEach
    void stop() throws Exception {
        subscriber.stop(0);
        server.close();
    }

    private JsonNode next() throws InterruptedException {
        JsonNode next = received.poll(10, TimeUnit.SECONDS);
        assertNotNull(next, "nothing reached the subscriber");
        return next;
    }

    /** A topic with a confirmed HTTP subscription of the test's subscriber; returns its ARN. */
    private String subscribedTopic(String name, boolean cloudTrailMayPublish) throws Exception {
        String arn = sns.createTopic(r -> r.name(name)).topicArn();
        if (cloudTrailMayPublish) {
            sns.setTopicAttributes(r -> r.topicArn(arn).attributeName("Policy")
                    .attributeValue(dev.waymark.testing.Policies.cloudTrailTopic(arn)));
        }
        sns.subscribe(r -> r.topicArn(arn).protocol("http").endpoint("http://127.0.0.1:" + subscriber.getAddress().getPort() + "/"));
        JsonNode confirmation = next();
        assertEquals("SubscriptionConfirmation", confirmation.get("Type").asText());
        HttpResponse<String> confirmed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(confirmation.get("SubscribeURL").asText())).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, confirmed.statusCode(), confirmed.body());
        return arn;
    }

    @Test
    void theValidationMessageThenOneNotificationPerDeliveredFile() throws Exception {
        String topicArn = subscribedTopic("trail-events", true);
        cloudTrail.createTrail(r -> r.name("notifying").s3BucketName("notified").snsTopicName("trail-events")
                .isMultiRegionTrail(true));
        assertEquals(topicArn, cloudTrail.getTrail(r -> r.name("notifying")).trail().snsTopicARN());
        JsonNode validation = next();
        assertEquals("Notification", validation.get("Type").asText());
        assertEquals(topicArn, validation.get("TopicArn").asText());
        assertEquals(Notifications.VALIDATION_MESSAGE, validation.get("Message").asText());
        assertTrue(validation.path("Subject").isMissingNode(), "CloudTrail sends no Subject");

        cloudTrail.startLogging(r -> r.name("notifying"));
        server.pinpoint().createApp(r -> r.createApplicationRequest(a -> a.name("east")));
        server.pinpoint(server.rootCredentials(), Region.EU_WEST_1).createApp(r -> r.createApplicationRequest(a -> a.name("west")));
        Map<String, Integer> notified = new HashMap<>();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (notified.size() < 2 || !notified.keySet().equals(deliveredKeys())) {
            assertTrue(Instant.now().isBefore(deadline), "notified " + notified.keySet() + ", delivered " + deliveredKeys());
            JsonNode envelope = received.poll(200, TimeUnit.MILLISECONDS);
            if (envelope != null) {
                JsonNode message = MAPPER.readTree(envelope.get("Message").asText());
                assertEquals("notified", message.get("s3Bucket").asText());
                message.get("s3ObjectKey").forEach(key -> notified.merge(key.asText(), 1, Integer::sum));
            }
        }
        assertTrue(notified.values().stream().allMatch(count -> count == 1), "one notification per file: " + notified);
        assertNotNull(cloudTrail.getTrailStatus(r -> r.name("notifying")).latestNotificationTime());

        sns.setTopicAttributes(r -> r.topicArn(topicArn).attributeName("Policy").attributeValue(
                "{\"Version\":\"2012-10-17\",\"Statement\":[]}"));
        server.pinpoint().createApp(r -> r.createApplicationRequest(a -> a.name("while-closed")));
        Instant refusedBy = Instant.now().plus(Duration.ofSeconds(20));
        while (!"AuthorizationError".equals(cloudTrail.getTrailStatus(r -> r.name("notifying")).latestNotificationError())) {
            assertTrue(Instant.now().isBefore(refusedBy), "a topic that no longer lets CloudTrail publish took a message");
            Thread.sleep(200);
        }
        assertTrue(received.poll(500, TimeUnit.MILLISECONDS) == null, "a notification went through a closed topic");
        sns.setTopicAttributes(r -> r.topicArn(topicArn).attributeName("Policy")
                .attributeValue(dev.waymark.testing.Policies.cloudTrailTopic(topicArn)));
        JsonNode resumed = MAPPER.readTree(next().get("Message").asText());
        assertTrue(deliveredKeys().contains(resumed.get("s3ObjectKey").get(0).asText()), resumed.toString());
    }

    @Test
    void aTopicWhosePolicyDoesNotLetCloudTrailPublishIsRefused() throws Exception {
        subscribedTopic("owner-only", false);
        assertThrows(InsufficientSnsTopicPolicyException.class,
                () -> cloudTrail.createTrail(r -> r.name("refused").s3BucketName("notified").snsTopicName("owner-only")));
        assertThrows(InsufficientSnsTopicPolicyException.class,
                () -> cloudTrail.createTrail(r -> r.name("refused").s3BucketName("notified").snsTopicName("no-such-topic")));
        cloudTrail.createTrail(r -> r.name("quiet").s3BucketName("notified"));
        assertThrows(InsufficientSnsTopicPolicyException.class,
                () -> cloudTrail.updateTrail(r -> r.name("quiet").snsTopicName("owner-only")));
    }

    private Set<String> deliveredKeys() {
        return s3.listObjectsV2Paginator(r -> r.bucket("notified")).contents().stream().map(S3Object::key)
                .collect(Collectors.toSet());
    }
}
