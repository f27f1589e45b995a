// SPDX-License-Identifier: Apache-2.0
package dev.waymark.channel;

import dev.waymark.store.Tx;
import java.sql.SQLException;

/**
 * Hands messages of the outbox over to where they go. A {@link Remote} provider talks to another system outside
 * any transaction (the message is leased meanwhile); a {@link Local} one only writes to the store, inside the
 * transaction that records its outcome. Implementations are thread-safe.
 */
public sealed interface Provider permits Provider.Remote, Provider.Local {
    /** The name messages are routed by ({@code smtp}, {@code webhook}, {@code sns}, {@code outbox}, {@code log}). */
    String name();

    /** SMTP, the webhook: network calls, never inside a transaction. */
    non-sealed interface Remote extends Provider {
        Outcome send(Message message);
    }

    /** The local outbox and event log, embedded SNS topics: writes to the store in the caller's transaction. */
    non-sealed interface Local extends Provider {
        Outcome deliver(Tx tx, Message message, long now) throws SQLException;
    }
}
