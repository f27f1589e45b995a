// SPDX-License-Identifier: Apache-2.0
package dev.waymark.sns;

import dev.waymark.store.Tx;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** The subscription rows. */
final class SubscriptionRepository {
    private static final String COLUMNS = "arn, topic_arn, account_id, region, protocol, endpoint, waymark_url, confirmed, "
            + "authenticate_unsubscribe";

    /**
     * A stored subscription.
     *
     * @param accountId  the subscriber, who owns the subscription
     * @param waymarkUrl scheme and host the subscribing client addressed Waymark at
     */
    record Subscription(String arn, String topicArn, String accountId, String region, String protocol, String endpoint,
                        String waymarkUrl, boolean confirmed, boolean authenticateUnsubscribe) {
    }

    /** Confirmed and pending subscriptions of a topic. */
    record Counts(long confirmed, long pending) {
    }

    Optional<Subscription> find(Tx tx, String arn) throws SQLException {
        return tx.queryOne("SELECT " + COLUMNS + " FROM sns_subscription WHERE arn = ?", SubscriptionRepository::row, arn);
    }

    Optional<Subscription> findByEndpoint(Tx tx, String topicArn, String protocol, String endpoint) throws SQLException {
        return tx.queryOne("SELECT " + COLUMNS + " FROM sns_subscription WHERE topic_arn = ? AND protocol = ? AND endpoint = ?",
                SubscriptionRepository::row, topicArn, protocol, endpoint);
    }

    void insert(Tx tx, Subscription subscription, long now) throws SQLException {
        tx.update("INSERT INTO sns_subscription (" + COLUMNS + ", created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                subscription.arn(), subscription.topicArn(), subscription.accountId(), subscription.region(),
                subscription.protocol(), subscription.endpoint(), subscription.waymarkUrl(),
                subscription.confirmed() ? 1 : 0, subscription.authenticateUnsubscribe() ? 1 : 0, now);
    }

    void confirm(Tx tx, String arn, boolean authenticateUnsubscribe) throws SQLException {
        tx.update("UPDATE sns_subscription SET confirmed = 1, authenticate_unsubscribe = ? WHERE arn = ?",
                authenticateUnsubscribe ? 1 : 0, arn);
    }

    void delete(Tx tx, String arn) throws SQLException {
        tx.update("DELETE FROM sns_subscription WHERE arn = ?", arn);
    }

    void deleteOfTopic(Tx tx, String topicArn) throws SQLException {
        tx.update("DELETE FROM sns_subscription WHERE topic_arn = ?", topicArn);
    }

    List<Subscription> ofAccount(Tx tx, String accountId, String region, String after, int limit) throws SQLException {
        return tx.query("SELECT " + COLUMNS + " FROM sns_subscription WHERE account_id = ? AND region = ? AND arn > ? "
                + "ORDER BY arn LIMIT ?", SubscriptionRepository::row, accountId, region, after, limit);
    }

    List<Subscription> ofTopic(Tx tx, String topicArn, String after, int limit) throws SQLException {
        return tx.query("SELECT " + COLUMNS + " FROM sns_subscription WHERE topic_arn = ? AND arn > ? ORDER BY arn LIMIT ?",
                SubscriptionRepository::row, topicArn, after, limit);
    }

    Counts counts(Tx tx, String topicArn) throws SQLException {
        long confirmed = tx.queryLong("SELECT COUNT(*) FROM sns_subscription WHERE topic_arn = ? AND confirmed = 1", topicArn);
        long pending = tx.queryLong("SELECT COUNT(*) FROM sns_subscription WHERE topic_arn = ? AND confirmed = 0", topicArn);
        return new Counts(confirmed, pending);
    }

    private static Subscription row(ResultSet rs) throws SQLException {
        return new Subscription(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getInt(8) == 1, rs.getInt(9) == 1);
    }
}
