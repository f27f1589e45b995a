// SPDX-License-Identifier: Apache-2.0
package dev.waymark.sns;

import dev.waymark.store.Tx;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The messages still to be POSTed to subscription endpoints. Rows are written inside the transaction of the call
 * that produced them (Publish, Subscribe), so what a call acknowledged is never lost, and deleted only once the
 * endpoint answered 2xx.
 */
final class Outbox {
    static final String NOTIFICATION = "Notification";
    static final String CONFIRMATION = "SubscriptionConfirmation";

    /**
     * A message due to be sent, with what its envelope needs of its subscription and topic.
     *
     * @param attempts        attempts before this one
     * @param topicAttributes the topic's settable attributes JSON (its SignatureVersion)
     */
    record Due(String subscriptionArn, String messageId, String kind, Optional<String> subject, String message,
               Optional<String> attributes, long publishedAt, int attempts, String topicArn, String endpoint,
               String waymarkUrl, String topicAttributes) {
    }

    /** Queues a notification for every confirmed subscription of the topic; returns how many. */
    int enqueueNotification(Tx tx, String topicArn, String messageId, Optional<String> subject, String message,
                            Optional<String> attributes, long now) throws SQLException {
        return tx.update("INSERT INTO sns_outbox (subscription_arn, message_id, kind, subject, message, attributes, "
                        + "published_at, next_attempt) SELECT arn, ?, ?, ?, ?, ?, ?, ? FROM sns_subscription "
                        + "WHERE topic_arn = ? AND confirmed = 1",
                messageId, NOTIFICATION, subject.orElse(null), message, attributes.orElse(null), now, now, topicArn);
    }

    void enqueueConfirmation(Tx tx, String subscriptionArn, String messageId, String message, long now)
            throws SQLException {
        tx.update("INSERT INTO sns_outbox (subscription_arn, message_id, kind, message, published_at, next_attempt) "
                + "VALUES (?, ?, ?, ?, ?, ?)", subscriptionArn, messageId, CONFIRMATION, message, now, now);
    }

    /**
     * Takes up to {@code limit} due messages and leases them until {@code leaseUntil}: until then no other pass
     * (nor another node) sends them, and a crash mid-send only delays them.
     */
    List<Due> lease(Tx tx, long now, int limit, long leaseUntil) throws SQLException {
        List<Due> due = tx.query("SELECT o.subscription_arn, o.message_id, o.kind, o.subject, o.message, o.attributes, "
                        + "o.published_at, o.attempts, s.topic_arn, s.endpoint, s.waymark_url, t.attributes "
                        + "FROM sns_outbox o JOIN sns_subscription s ON s.arn = o.subscription_arn "
                        + "JOIN sns_topic t ON t.arn = s.topic_arn WHERE o.next_attempt <= ? "
                        + "ORDER BY o.next_attempt LIMIT ?",
                rs -> new Due(rs.getString(1), rs.getString(2), rs.getString(3), Optional.ofNullable(rs.getString(4)),
                        rs.getString(5), Optional.ofNullable(rs.getString(6)), rs.getLong(7), rs.getInt(8),
                        rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12)),
                now, limit);
        for (Due message : due) {
            tx.update("UPDATE sns_outbox SET next_attempt = ?, attempts = attempts + 1 WHERE subscription_arn = ? "
                    + "AND message_id = ?", leaseUntil, message.subscriptionArn(), message.messageId());
        }
        return new ArrayList<>(due);
    }

    boolean anyDue(Tx tx, long now) throws SQLException {
        return tx.queryOne("SELECT 1 FROM sns_outbox WHERE next_attempt <= ? LIMIT 1", rs -> true, now).isPresent();
    }

    void delivered(Tx tx, String subscriptionArn, String messageId) throws SQLException {
        tx.update("DELETE FROM sns_outbox WHERE subscription_arn = ? AND message_id = ?", subscriptionArn, messageId);
    }

    void retryAt(Tx tx, String subscriptionArn, String messageId, long nextAttempt, String error) throws SQLException {
        tx.update("UPDATE sns_outbox SET next_attempt = ?, last_error = ? WHERE subscription_arn = ? AND message_id = ?",
                nextAttempt, error, subscriptionArn, messageId);
    }

    void deleteOfSubscription(Tx tx, String subscriptionArn) throws SQLException {
        tx.update("DELETE FROM sns_outbox WHERE subscription_arn = ?", subscriptionArn);
    }

    void deleteConfirmations(Tx tx, String subscriptionArn) throws SQLException {
        tx.update("DELETE FROM sns_outbox WHERE subscription_arn = ? AND kind = ?", subscriptionArn, CONFIRMATION);
    }

    void deleteOfTopic(Tx tx, String topicArn) throws SQLException {
        tx.update("DELETE FROM sns_outbox WHERE subscription_arn IN (SELECT arn FROM sns_subscription WHERE topic_arn = ?)",
                topicArn);
    }
}
