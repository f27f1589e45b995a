// SPDX-License-Identifier: Apache-2.0
package dev.waymark.email;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.channel.Channels;
import dev.waymark.channel.DeliveryListener;
import dev.waymark.channel.DestinationTable;
import dev.waymark.channel.Message;
import dev.waymark.channel.Outcome;
import dev.waymark.store.Tx;
import java.sql.SQLException;
import java.time.Instant;

/**
 * The events of an e-mail sent with a configuration set, in SES's event-publishing form
 * ({@code {"eventType", "mail": {timestamp, source, sendingAccountId, messageId, destination, headersTruncated,
 * commonHeaders, tags}, "send"|"delivery"|"bounce": {…}}}): Send when SendEmail accepts it, Delivery when the SMTP
 * server accepted it, Bounce (Permanent, General) when it refused it for good or retries ran out. Each enabled event
 * destination whose MatchingEventTypes name the type receives it. A message kept in the local outbox (no SMTP
 * server configured) has only its Send event. Reject, Complaint, Open, Click and Rendering Failure never occur.
 */
final class EmailEvents implements DeliveryListener {
    private final Channels channels;

    EmailEvents(Channels channels) {
        this.channels = channels;
    }

    /** The Send event of a message just accepted, in the accepting call's transaction. */
    void sent(Tx tx, String accountId, String region, ObjectNode payload, long now) throws SQLException {
        emit(tx, accountId, region, payload, "SEND", Json.object(), now);
    }

    @Override
    public void finished(Tx tx, Message message, Outcome outcome, long now) throws SQLException {
        String at = Instant.ofEpochMilli(now).toString();
        if (outcome.result() == Outcome.Result.DELIVERED) {
            ObjectNode delivery = Json.object().put("timestamp", at).put("processingTimeMillis", now - message.createdAt())
                    .put("smtpResponse", outcome.detail()).put("reportingMTA", "waymark");
            delivery.set("recipients", message.payload().path("recipients").deepCopy());
            emit(tx, message.accountId(), message.region(), message.payload(), "DELIVERY", delivery, now);
        } else if (outcome.result() == Outcome.Result.FAILED) {
            ObjectNode bounce = Json.object().put("bounceType", "Permanent").put("bounceSubType", "General")
                    .put("timestamp", at).put("feedbackId", message.id()).put("reportingMTA", "waymark");
            var bounced = bounce.putArray("bouncedRecipients");
            message.payload().path("recipients").forEach(recipient -> bounced.addObject()
                    .put("emailAddress", recipient.asText()).put("diagnosticCode", outcome.detail()));
            emit(tx, message.accountId(), message.region(), message.payload(), "BOUNCE", bounce, now);
        }
    }

    private void emit(Tx tx, String accountId, String region, JsonNode payload, String type, ObjectNode detail,
                      long now) throws SQLException {
        String set = payload.path("configurationSetName").asText("");
        if (set.isEmpty()) {
            return;
        }
        for (DestinationTable.Destination destination : ConfigurationSetsApi.DESTINATIONS.of(tx, accountId, region, set)) {
            if (DestinationTable.wants(destination, type)) {
                String name = type.charAt(0) + type.substring(1).toLowerCase(java.util.Locale.ROOT);
                ObjectNode event = Json.object().put("eventType", name);
                event.set("mail", payload.path("mail").deepCopy());
                event.set(name.toLowerCase(java.util.Locale.ROOT), detail);
                channels.emit(tx, accountId, region, DestinationDefinition.target(destination.name(), destination.definition()),
                        name + " of " + payload.path("mail").path("messageId").asText() + " for " + destination.name(),
                        event, now);
            }
        }
    }
}
