// SPDX-License-Identifier: Apache-2.0
package dev.waymark.trail;

import dev.waymark.store.Tx;
import java.sql.SQLException;
import java.util.Optional;

/** The embedded topics (the sns package) as trails use them: a topic's policy, and publishing inside a transaction. */
public interface EmbeddedTopics {
    /** The policy of the embedded topic with this ARN; empty when there is no such topic. */
    Optional<String> policy(Tx tx, String topicArn) throws SQLException;

    /** Publishes to an embedded topic inside the caller's transaction. */
    void publish(Tx tx, String topicArn, String message, long now) throws SQLException;
}
