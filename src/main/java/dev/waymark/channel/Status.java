// SPDX-License-Identifier: Apache-2.0
package dev.waymark.channel;

/** Where a message is: waiting for its provider, taken by it, kept in the store for good, or given up on. */
public enum Status {
    /** Accepted and durable; the dispatcher has not handed it over yet, or will retry. */
    PENDING,
    /** The provider took it: the SMTP server accepted it, the webhook answered 2xx, the topic was published to. */
    DELIVERED,
    /** The local outbox or event log keeps it: nothing leaves Waymark ({@code waymark outbox list} shows it). */
    KEPT,
    /** Refused for good, or still failing when retries ran out; the message's last error says why. */
    FAILED
}
