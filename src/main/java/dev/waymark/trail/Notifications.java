// SPDX-License-Identifier: Apache-2.0
package dev.waymark.trail;

import dev.waymark.sns.Topics;
import dev.waymark.store.Store;
import dev.waymark.store.Tx;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The SNS notifications of trails (cloudtrail.md §5): {@code {"s3Bucket": …, "s3ObjectKey": [key]}} for each
 * delivered log file, and {@code CloudTrail validation message.} when a topic is set. A notification is queued in
 * the transaction that delivers its file, so none is lost or sent for a file that was not delivered; it is then
 * handed, in order, to the trail's topic — an embedded topic (in one transaction with its removal from the queue,
 * so exactly once) or an external SNS through the SDK (removed after SNS took it, so at least once). A failure stops
 * the trail's queue until the next pass and is GetTrailStatus's LatestNotificationError.
 */
final class Notifications {
    static final String VALIDATION_MESSAGE = "CloudTrail validation message.";
    private static final Logger LOG = LoggerFactory.getLogger(Notifications.class);

    private final Store store;
    private final Topics topics;
    private final Optional<ExternalTopics> external;

    Notifications(Store store, Topics topics, Optional<ExternalTopics> external) {
        this.store = store;
        this.topics = topics;
        this.external = external;
    }

    /** Queues a message for the trail's topic, if it has one (inside the caller's transaction). */
    static void enqueue(Tx tx, Trail trail, String message, long now) throws SQLException {
        if (trail.snsTopicArn().isEmpty()) {
            return;
        }
        tx.update("INSERT INTO trail_notification (account_id, home_region, trail_name, topic_arn, message, created_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?)", trail.accountId(), trail.homeRegion(), trail.name(),
                trail.snsTopicArn().get(), message, now);
    }

    /** The notification of one delivered log file. */
    static String logFileMessage(String bucket, String key) {
        return TrailsApi.MAPPER.createObjectNode().put("s3Bucket", bucket).<com.fasterxml.jackson.databind.node.ObjectNode>set(
                "s3ObjectKey", TrailsApi.MAPPER.createArrayNode().add(key)).toString();
    }

    /** Drops what is queued for a trail that is deleted. */
    static void discard(Tx tx, Trail trail) throws SQLException {
        tx.update("DELETE FROM trail_notification WHERE account_id = ? AND home_region = ? AND trail_name = ?",
                trail.accountId(), trail.homeRegion(), trail.name());
    }

    private record Pending(long id, String topicArn, String message) {
    }

    /** What an embedded topic made of a notification: whether the topic exists, and why it refused it if it did. */
    private record Embedded(boolean exists, Optional<String> refusal) {
    }

    /** Hands the trail's queued notifications to its topic, oldest first; returns how many were sent. */
    int send(Trail trail, long now) {
        List<Pending> pending = store.read(tx -> tx.query("SELECT id, topic_arn, message FROM trail_notification "
                        + "WHERE account_id = ? AND home_region = ? AND trail_name = ? ORDER BY id LIMIT 1000",
                rs -> new Pending(rs.getLong(1), rs.getString(2), rs.getString(3)),
                trail.accountId(), trail.homeRegion(), trail.name()));
        int sent = 0;
        for (Pending notification : pending) {
            Optional<String> error = sendOne(trail, notification, now);
            store.write(tx -> {
                if (error.isPresent()) {
                    tx.update("UPDATE trail SET latest_notification_attempt = ?, latest_notification_error = ? "
                            + "WHERE account_id = ? AND home_region = ? AND name = ?", now, error.get(),
                            trail.accountId(), trail.homeRegion(), trail.name());
                } else {
                    tx.update("UPDATE trail SET latest_notification_attempt = ?, latest_notification_time = ?, "
                            + "latest_notification_error = NULL WHERE account_id = ? AND home_region = ? AND name = ?",
                            now, now, trail.accountId(), trail.homeRegion(), trail.name());
                }
                return null;
            });
            if (error.isPresent()) {
                LOG.warn("notification of trail {} to {} failed ({}); retried at the next pass", trail.arn(),
                        notification.topicArn(), error.get());
                break;
            }
            sent++;
        }
        return sent;
    }

    /**
     * Sends one notification and removes it from the queue; returns the error code when it could not be sent. An
     * embedded topic's policy is checked at every send, as SNS checks each Publish: a topic whose owner stopped
     * letting CloudTrail publish refuses with {@code AuthorizationError}.
     */
    private Optional<String> sendOne(Trail trail, Pending notification, long now) {
        Embedded embedded = store.write(tx -> {
            Optional<dev.waymark.sns.TopicInfo> topic = Topics.find(tx, notification.topicArn());
            if (topic.isEmpty()) {
                return new Embedded(false, Optional.empty());
            }
            if (!PolicyCheck.allowsPublish(topic.get().policy(), topic.get().arn(), trail.accountId(), trail.arn())) {
                return new Embedded(true, Optional.of("AuthorizationError"));
            }
            topics.publish(tx, notification.topicArn(), notification.message(), Optional.empty(), now);
            remove(tx, notification);
            return new Embedded(true, Optional.empty());
        });
        if (embedded.exists()) {
            return embedded.refusal();
        }
        if (external.isEmpty()) {
            return Optional.of("NotFound");
        }
        try {
            external.get().publish(notification.topicArn(), notification.message());
        } catch (SdkException e) {
            return Optional.of(ExternalTopics.errorCode(e));
        }
        store.write(tx -> {
            remove(tx, notification);
            return null;
        });
        return Optional.empty();
    }

    private static void remove(Tx tx, Pending notification) throws SQLException {
        tx.update("DELETE FROM trail_notification WHERE id = ?", notification.id());
    }
}
