// SPDX-License-Identifier: Apache-2.0
package dev.waymark.trail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.waymark.testing.Moto;
import dev.waymark.testing.Policies;
import dev.waymark.testing.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.GetTrailStatusResponse;
import software.amazon.awssdk.services.cloudtrail.model.InsufficientSnsTopicPolicyException;
import software.amazon.awssdk.services.cloudtrail.model.InvalidSnsTopicNameException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A trail notifying an external SNS through the SDK (cloudtrail.md §5): moto plays SNS, with an SQS queue subscribed
 * that the test reads back. One message per delivered log file, the validation message first, and a topic that
 * goes away and comes back loses no notification.
 */
class ExternalNotificationIT {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static Moto moto;
    private static SnsClient sns;
    private static SqsClient sqs;
    private static TestServer server;
    private static CloudTrailClient cloudTrail;
    private static S3Client s3;

    @BeforeAll
    static void start() throws Exception {
        moto = Moto.start();
        sns = moto.client(SnsClient.builder());
        sqs = moto.client(SqsClient.builder());
        server = TestServer.start(moto.flags("sns", "--delivery-interval=300ms"));
        cloudTrail = server.cloudTrail(server.rootCredentials(), Region.US_EAST_1);
        s3 = server.s3();
        s3.createBucket(r -> r.bucket("notified"));
        s3.putBucketPolicy(r -> r.bucket("notified").policy(TrailsApiIT.policy("notified", server.accountId())));
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (moto != null) {
            moto.close();
        }
    }

    /** A topic in moto that CloudTrail may publish to, with a queue subscribed; returns the queue's URL. */
    private static String topicWithQueue(String topic) {
        String arn = sns.createTopic(r -> r.name(topic)).topicArn();
        sns.setTopicAttributes(r -> r.topicArn(arn).attributeName("Policy").attributeValue(Policies.cloudTrailTopic(arn)));
        String queue = sqs.createQueue(r -> r.queueName(topic + "-queue")).queueUrl();
        String queueArn = sqs.getQueueAttributes(r -> r.queueUrl(queue).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        sns.subscribe(r -> r.topicArn(arn).protocol("sqs").endpoint(queueArn));
        return queue;
    }

    /** The SNS Message of every notification the queue has received so far. */
    private static List<String> received(String queue, List<String> into) throws Exception {
        for (Message message : sqs.receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(0)).messages()) {
            JsonNode envelope = MAPPER.readTree(message.body());
            assertEquals("Notification", envelope.get("Type").asText());
            assertTrue(envelope.path("Subject").isMissingNode() || envelope.path("Subject").isNull(), "CloudTrail sends no Subject");
            into.add(envelope.get("Message").asText());
            sqs.deleteMessage(r -> r.queueUrl(queue).receiptHandle(message.receiptHandle()));
        }
        return into;
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (!condition.getAsBoolean()) {
            assertTrue(Instant.now().isBefore(deadline), "timed out waiting for " + what);
            Thread.sleep(150);
        }
    }

    @Test
    void oneNotificationPerDeliveredFileAndNoneLostWhileTheTopicIsGone() throws Exception {
        String queue = topicWithQueue("trail-topic");
        String topicArn = "arn:aws:sns:us-east-1:" + Moto.ACCOUNT + ":trail-topic";
        String arn = cloudTrail.createTrail(r -> r.name("notifying").s3BucketName("notified").snsTopicName(topicArn)
                .isMultiRegionTrail(true)).snsTopicARN();
        assertEquals(topicArn, arn);
        assertEquals("trail-topic", cloudTrail.getTrail(r -> r.name("notifying")).trail().snsTopicName());
        List<String> messages = new ArrayList<>();
        await(() -> !uncheckedReceived(queue, messages).isEmpty(), "the validation message");
        assertEquals(Notifications.VALIDATION_MESSAGE, messages.get(0));

        cloudTrail.startLogging(r -> r.name("notifying"));
        server.pinpoint().createApp(r -> r.createApplicationRequest(a -> a.name("east")));
        server.pinpoint(server.rootCredentials(), Region.EU_WEST_1).createApp(r -> r.createApplicationRequest(a -> a.name("west")));
        await(() -> keysIn(uncheckedReceived(queue, messages)).containsAll(deliveredKeys())
                && deliveredKeys().size() >= 2, "a notification for each delivered file");
        GetTrailStatusResponse status = cloudTrail.getTrailStatus(r -> r.name("notifying"));
        assertNotNull(status.latestNotificationTime());
        assertNull(status.latestNotificationError());

        sns.deleteTopic(r -> r.topicArn(topicArn));
        server.pinpoint().createApp(r -> r.createApplicationRequest(a -> a.name("while-gone")));
        await(() -> cloudTrail.getTrailStatus(r -> r.name("notifying")).latestNotificationError() != null,
                "LatestNotificationError");
        assertEquals("NotFound", cloudTrail.getTrailStatus(r -> r.name("notifying")).latestNotificationError());
        topicWithQueue("trail-topic");
        await(() -> keysIn(uncheckedReceived(queue, messages)).containsAll(deliveredKeys())
                && cloudTrail.getTrailStatus(r -> r.name("notifying")).latestNotificationError() == null,
                "the notifications queued while the topic was gone");
        Map<String, Long> perKey = keyCounts(messages);
        assertEquals(perKey.keySet(), deliveredKeys(), "a notification names exactly the delivered files");
        assertTrue(perKey.values().stream().allMatch(count -> count == 1), "one notification per file: " + perKey);
    }

    @Test
    void aTopicMustExistLetCloudTrailPublishAndHaveAValidName() {
        String closed = sns.createTopic(r -> r.name("closed-topic")).topicArn();
        assertThrows(InsufficientSnsTopicPolicyException.class,
                () -> cloudTrail.createTrail(r -> r.name("closed").s3BucketName("notified").snsTopicName(closed)));
        assertThrows(InsufficientSnsTopicPolicyException.class, () -> cloudTrail.createTrail(r -> r.name("missing")
                .s3BucketName("notified").snsTopicName("arn:aws:sns:us-east-1:" + Moto.ACCOUNT + ":no-such-topic")));
        assertThrows(InvalidSnsTopicNameException.class,
                () -> cloudTrail.createTrail(r -> r.name("badname").s3BucketName("notified").snsTopicName("not a topic!")));
        assertTrue(cloudTrail.describeTrails(r -> r.trailNameList("closed", "missing", "badname")).trailList().isEmpty());
    }

    private static List<String> uncheckedReceived(String queue, List<String> into) {
        try {
            return received(queue, into);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static Set<String> deliveredKeys() {
        return s3.listObjectsV2Paginator(r -> r.bucket("notified")).contents().stream().map(S3Object::key)
                .collect(Collectors.toSet());
    }

    private static Set<String> keysIn(List<String> messages) {
        return keyCounts(messages).keySet();
    }

    /** How often each object key was notified; checks each message's shape. */
    private static Map<String, Long> keyCounts(List<String> messages) {
        Map<String, Long> counts = new HashMap<>();
        for (String message : messages) {
            if (message.equals(Notifications.VALIDATION_MESSAGE)) {
                continue;
            }
            try {
                JsonNode body = MAPPER.readTree(message);
                assertEquals("notified", body.get("s3Bucket").asText(), message);
                assertTrue(body.get("s3ObjectKey").isArray(), message);
                body.get("s3ObjectKey").forEach(key -> counts.merge(key.asText(), 1L, Long::sum));
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        }
        return counts;
    }
}
