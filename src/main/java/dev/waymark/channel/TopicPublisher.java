// SPDX-License-Identifier: Apache-2.0
package dev.waymark.channel;

import dev.waymark.store.Tx;
import java.sql.SQLException;
import java.util.Optional;

/** Publishing to Waymark's embedded SNS topics, inside a transaction, for events whose destination is a topic. */
@FunctionalInterface
public interface TopicPublisher {
    /**
     * Publishes the message to the topic of the given account; returns why it could not (no such embedded topic),
     * or empty when it was published.
     */
    Optional<String> publish(Tx tx, String accountId, String topicArn, String message, long now) throws SQLException;

    /** For a server without embedded topics: every topic is unreachable, and says so. */
    static TopicPublisher unavailable() {
        return (tx, accountId, topicArn, message, now) -> Optional.of(
                "embedded SNS topics are not available in this Waymark; " + topicArn + " cannot be reached");
    }
}
