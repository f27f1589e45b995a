// SPDX-License-Identifier: Apache-2.0
package dev.waymark.channel;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.core.Uuids;
import dev.waymark.store.Tx;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What services use to send: {@link #accept} puts a message in the outbox inside the caller's transaction (so it is
 * durable, with the call's audit record, before the response), choosing its provider by kind and by what the
 * server is configured with; {@link #emit} does the same for an event of an event destination. Thread-safe.
 *
 * <p>Routing: e-mail goes over SMTP when {@code --smtp-host} is set, else it is kept in the local outbox; voice
 * calls, text messages and push notifications go to the webhook when {@code --webhook-url} is set, else to the local outbox; events go
 * to their SNS topic when the destination is a topic, else to the webhook when one is set, else to the local event
 * log.
 *
 * <p>Payloads: an e-mail is {@code {"from": envelope sender, "recipients": [...], "mime": base64 of the message}};
 * a voice call is the rendered call the smsvoice package describes; an event is {@code {"target": {"type",
 * "address"}, "event": {...}}}.
 */
public final class Channels {
    public static final String SMTP = "smtp";
    public static final String WEBHOOK = "webhook";
    public static final String SNS = "sns";
    public static final String OUTBOX = "outbox";
    public static final String LOG = "log";

    private static final java.util.concurrent.atomic.AtomicLong COUNTER = new java.util.concurrent.atomic.AtomicLong();

    private final Outbox outbox = new Outbox();
    private final boolean smtp;
    private final boolean webhook;
    private final Map<Kind, DeliveryListener> listeners = new ConcurrentHashMap<>();

    public Channels(boolean smtpConfigured, boolean webhookConfigured) {
        this.smtp = smtpConfigured;
        this.webhook = webhookConfigured;
    }

    public Outbox outbox() {
        return outbox;
    }

    /** Accepts a message for delivery: it is pending in the outbox when the caller's transaction commits. */
    public void accept(Tx tx, String id, String accountId, String region, Kind kind, String summary,
                       ObjectNode payload, long now) throws SQLException {
        outbox.insert(tx, Message.accepted(id, accountId, region, kind, provider(kind), summary, payload, now));
    }

    /** Accepts an event for an event destination; returns the event's id. */
    public String emit(Tx tx, String accountId, String region, EventTarget target, String summary, ObjectNode event,
                       long now) throws SQLException {
        String id = orderedId(now);
        ObjectNode payload = Outbox.MAPPER.createObjectNode();
        payload.set("target", target.toJson());
        payload.set("event", event);
        String provider = target.type() == EventTarget.Type.TOPIC ? SNS : webhook ? WEBHOOK : LOG;
        outbox.insert(tx, Message.accepted(id, accountId, region, Kind.EVENT, provider, summary, payload, now));
        return id;
    }

    /**
     * A version 7 UUID: the time, then a counter, then random bits, so that events emitted together (a call's
     * INITIATED_CALL … COMPLETED_CALL) sort, and are dispatched, in the order they were emitted.
     */
    static String orderedId(long now) {
        long counter = COUNTER.incrementAndGet() & 0x0FFF;
        long most = (now << 16) | 0x7000 | counter;
        long least = (Uuids.random().getLeastSignificantBits() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new java.util.UUID(most, least).toString();
    }

    /** Registers who hears the final outcome of the messages of a kind (one listener per kind). */
    public void listen(Kind kind, DeliveryListener listener) {
        if (listeners.putIfAbsent(kind, listener) != null) {
            throw new IllegalStateException("a listener for " + kind + " is already registered");
        }
    }

    Optional<DeliveryListener> listener(Kind kind) {
        return Optional.ofNullable(listeners.get(kind));
    }

    private String provider(Kind kind) {
        return switch (kind) {
            case EMAIL -> smtp ? SMTP : OUTBOX;
            case VOICE, SMS, PUSH -> webhook ? WEBHOOK : OUTBOX;
            case EVENT -> webhook ? WEBHOOK : LOG;
        };
    }
}
