// SPDX-License-Identifier: Apache-2.0
package dev.waymark.smsvoice;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.channel.Channels;
import dev.waymark.channel.Kind;
import dev.waymark.core.Invocation;
import dev.waymark.core.Uuids;
import dev.waymark.store.Tx;
import java.sql.SQLException;

/**
 * SendVoiceMessage: renders the call, checks that its configuration set (if any) exists, and accepts it for the
 * voice channel in the call's transaction; the MessageId it returns is the outbox message's id.
 */
final class VoiceMessageApi {
    private final ConfigurationSets sets;
    private final Channels channels;

    VoiceMessageApi(ConfigurationSets sets, Channels channels) {
        this.sets = sets;
        this.channels = channels;
    }

    ObjectNode send(Invocation inv, Tx tx) throws SQLException {
        ObjectNode call = VoiceCall.render(inv.input());
        String set = call.path("configurationSetName").asText("");
        if (!set.isEmpty() && !sets.exists(tx, inv.accountId(), inv.region(), set)) {
            throw SmsVoiceErrors.badRequest("Configuration set " + set + " does not exist");
        }
        String id = Uuids.random().toString();
        String summary = "call " + call.path("destinationPhoneNumber").asText() + " (" + call.path("contentType").asText()
                + call.path("voiceId").asText("").transform(v -> v.isEmpty() ? "" : ", " + v) + ")";
        channels.accept(tx, id, inv.accountId(), inv.region(), Kind.VOICE, summary, call, inv.time().toEpochMilli());
        return ConfigurationSets.MAPPER.createObjectNode().put("MessageId", id);
    }
}
