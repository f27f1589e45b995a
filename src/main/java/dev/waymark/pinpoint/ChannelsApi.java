// SPDX-License-Identifier: Apache-2.0
package dev.waymark.pinpoint;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.core.Invocation;
import dev.waymark.core.OperationHandler;
import dev.waymark.store.Tx;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Channels: Get, Update and Delete of each kind in {@link ChannelKind#ALL} (31 operations with GetChannels), all
 * through one path. Update creates or merges ({@link ChannelUpdate}); Get and Delete of a channel the application
 * does not have fail with NotFoundException; Delete returns the channel as it was. Credentials are never returned.
 */
final class ChannelsApi {
    private static final List<String> SUMMARY = List.of("ApplicationId", "CreationDate", "Enabled", "HasCredential", "Id",
            "IsArchived", "LastModifiedBy", "LastModifiedDate", "Version");

    private final AppsApi appsApi;
    private final ChannelRepository channels;

    private ChannelsApi(AppsApi appsApi, ChannelRepository channels) {
        this.appsApi = appsApi;
        this.channels = channels;
    }

    static Map<String, OperationHandler> handlers(AppsApi appsApi, ChannelRepository channels) {
        ChannelsApi api = new ChannelsApi(appsApi, channels);
        Map<String, OperationHandler> handlers = new HashMap<>();
        for (ChannelKind kind : ChannelKind.ALL) {
            handlers.put("Get" + kind.operation() + "Channel", (inv, tx) -> api.get(kind, inv, tx));
            handlers.put("Update" + kind.operation() + "Channel", (inv, tx) -> api.update(kind, inv, tx));
            handlers.put("Delete" + kind.operation() + "Channel", (inv, tx) -> api.delete(kind, inv, tx));
        }
        handlers.put("GetChannels", api::getChannels);
        return Map.copyOf(handlers);
    }

    private ObjectNode get(ChannelKind kind, Invocation inv, Tx tx) throws SQLException {
        return AppsApi.wrap(kind.responseMember(), require(kind, appsApi.require(inv, tx), tx));
    }

    private ObjectNode update(ChannelKind kind, Invocation inv, Tx tx) throws SQLException {
        App app = appsApi.require(inv, tx);
        ChannelRepository.StoredChannel channel = ChannelUpdate.apply(kind, channels.load(tx, app, kind.platform()),
                inv.input().path(kind.requestMember()), app, inv);
        channels.save(tx, app, kind.platform(), channel);
        return AppsApi.wrap(kind.responseMember(), channel.document());
    }

    private ObjectNode delete(ChannelKind kind, Invocation inv, Tx tx) throws SQLException {
        App app = appsApi.require(inv, tx);
        ObjectNode document = require(kind, app, tx);
        channels.delete(tx, app, kind.platform());
        return AppsApi.wrap(kind.responseMember(), document);
    }

    private ObjectNode getChannels(Invocation inv, Tx tx) throws SQLException {
        App app = appsApi.require(inv, tx);
        ObjectNode result = AppsApi.MAPPER.createObjectNode();
        ObjectNode map = result.putObject("Channels");
        for (ObjectNode document : channels.documents(tx, app)) {
            map.set(document.path("Platform").asText(), document.deepCopy().retain(SUMMARY));
        }
        return AppsApi.wrap("ChannelsResponse", result);
    }

    private ObjectNode require(ChannelKind kind, App app, Tx tx) throws SQLException {
        return channels.find(tx, app, kind.platform()).orElseThrow(() -> PinpointErrors.notFound("Resource not found"));
    }
}
