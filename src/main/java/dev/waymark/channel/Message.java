// SPDX-License-Identifier: Apache-2.0
package dev.waymark.channel;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * A message in the outbox.
 *
 * @param id          the message id the accepting call returned (SendEmail's and SendVoiceMessage's MessageId), or
 *                    an event's own id
 * @param provider    who delivers it: {@code smtp}, {@code webhook}, {@code sns}, {@code outbox} or {@code log}
 * @param summary     one line for {@code waymark outbox list}: recipients and subject, or the event type
 * @param payload     what the provider needs, as JSON (see {@link Channels} for each kind)
 * @param attempts    how many times the provider was tried
 * @param nextAttempt when the dispatcher tries next (epoch milliseconds)
 */
public record Message(String id, String accountId, String region, Kind kind, String provider, String summary,
                      ObjectNode payload, Status status, int attempts, long nextAttempt, Optional<String> lastError,
                      long createdAt) {
    public Message {
        requireNonNull(id, "id is null");
        requireNonNull(accountId, "accountId is null");
        requireNonNull(region, "region is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(provider, "provider is null");
        requireNonNull(summary, "summary is null");
        requireNonNull(payload, "payload is null");
        requireNonNull(status, "status is null");
        requireNonNull(lastError, "lastError is null");
    }

    /** A new message, pending, to be tried at once. */
    public static Message accepted(String id, String accountId, String region, Kind kind, String provider,
                                   String summary, ObjectNode payload, long now) {
        return new Message(id, accountId, region, kind, provider, summary, payload, Status.PENDING, 0, now,
                Optional.empty(), now);
    }
}
