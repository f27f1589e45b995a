// SPDX-License-Identifier: Apache-2.0
package dev.waymark.smsvoice;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.channel.Channels;
import dev.waymark.channel.DeliveryListener;
import dev.waymark.channel.DestinationTable;
import dev.waymark.channel.Message;
import dev.waymark.channel.Outcome;
import dev.waymark.store.Tx;
import java.sql.SQLException;
import java.util.List;

/**
 * The events of a voice call, emitted when the voice channel has taken the call or given up on it: INITIATED_CALL,
 * RINGING, ANSWERED and COMPLETED_CALL for a call the channel took (Waymark has no telephone network: handing the
 * call over is its completion), INITIATED_CALL and FAILED for one it refused. Each enabled event destination of the
 * call's configuration set receives the events its MatchingEventTypes name, as JSON:
 * {@code {"eventType", "eventVersion": "1.0", "eventTimestamp" (epoch ms), "isFinal", "messageId",
 * "destinationPhoneNumber", "originationPhoneNumber", "callerId", "configurationSetName", "eventDestinationName",
 * "voiceId", "languageCode"}} (the members the call has).
 */
final class VoiceEvents implements DeliveryListener {
    private static final List<String> ANSWERED = List.of("INITIATED_CALL", "RINGING", "ANSWERED", "COMPLETED_CALL");
    private static final List<String> FAILED = List.of("INITIATED_CALL", "FAILED");
    private static final List<String> CALL_MEMBERS = List.of("destinationPhoneNumber", "originationPhoneNumber",
            "callerId", "configurationSetName", "voiceId", "languageCode");

    private final Channels channels;

    VoiceEvents(Channels channels) {
        this.channels = channels;
    }

    @Override
    public void finished(Tx tx, Message message, Outcome outcome, long now) throws SQLException {
        String set = message.payload().path("configurationSetName").asText("");
        if (set.isEmpty()) {
            return;
        }
        List<String> sequence = outcome.result() == Outcome.Result.FAILED ? FAILED : ANSWERED;
        for (DestinationTable.Destination destination : ConfigurationSets.DESTINATIONS.of(tx, message.accountId(),
                message.region(), set)) {
            emit(tx, message, destination, sequence, now);
        }
    }

    private void emit(Tx tx, Message message, DestinationTable.Destination destination, List<String> sequence,
                      long now) throws SQLException {
        for (int i = 0; i < sequence.size(); i++) {
            String type = sequence.get(i);
            if (DestinationTable.wants(destination, type)) {
                ObjectNode event = event(message, destination.name(), type, i == sequence.size() - 1, now);
                channels.emit(tx, message.accountId(), message.region(), DestinationDefinition.target(destination.definition()),
                        type + " of " + message.id() + " for " + destination.name(), event, now);
            }
        }
    }

    private static ObjectNode event(Message message, String destination, String type, boolean last, long now) {
        ObjectNode event = ConfigurationSets.MAPPER.createObjectNode();
        event.put("eventType", type).put("eventVersion", "1.0").put("eventTimestamp", now).put("isFinal", last)
                .put("messageId", message.id());
        for (String member : CALL_MEMBERS) {
            if (message.payload().hasNonNull(member)) {
                event.set(member, message.payload().get(member));
            }
        }
        return event.put("eventDestinationName", destination);
    }
}
