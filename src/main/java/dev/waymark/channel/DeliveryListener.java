// SPDX-License-Identifier: Apache-2.0
package dev.waymark.channel;

import dev.waymark.store.Tx;
import java.sql.SQLException;

/**
 * Told when a message of its kind reaches a final outcome, inside the transaction that records it, so that what
 * follows from it (a voice call's ANSWERED and COMPLETED_CALL events, an e-mail's DELIVERY or BOUNCE) commits with
 * the outcome or not at all.
 */
@FunctionalInterface
public interface DeliveryListener {
    void finished(Tx tx, Message message, Outcome outcome, long now) throws SQLException;
}
