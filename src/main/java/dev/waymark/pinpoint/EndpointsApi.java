// SPDX-License-Identifier: Apache-2.0
package dev.waymark.pinpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.core.Invocation;
import dev.waymark.store.Tx;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Endpoints and users: UpdateEndpoint, UpdateEndpointsBatch, GetEndpoint, DeleteEndpoint, GetUserEndpoints,
 * DeleteUserEndpoints, RemoveAttributes. Updates answer 202 with {@code MessageBody{Message: "Accepted",
 * RequestID}}; a batch of more than 100 items, or with any invalid item, is refused whole.
 */
final class EndpointsApi {
    static final int MAX_BATCH = 100;

    private final AppsApi appsApi;
    private final EndpointRepository endpoints;
    private final EndpointWriter writer;
    private final AttributeNames names;

    EndpointsApi(AppsApi appsApi, EndpointRepository endpoints, EndpointWriter writer, AttributeNames names) {
        this.appsApi = appsApi;
        this.endpoints = endpoints;
        this.writer = writer;
        this.names = names;
    }

    ObjectNode updateEndpoint(Invocation inv, Tx tx) throws SQLException {
        App app = appsApi.require(inv, tx);
        String id = inv.input().path("EndpointId").asText();
        writer.write(tx, app, id, inv.input().path("EndpointRequest"), inv.requestId(), inv.time(), writer.names(tx, app));
        return accepted(inv);
    }

    /** The batch's size, and each item's id and request limits, before the transaction (see {@link #updateEndpointsBatch}). */
    void checkBatch(Invocation inv) {
        JsonNode items = inv.input().path("EndpointBatchRequest").path("Item");
        if (items.isEmpty() || items.size() > MAX_BATCH) {
            throw PinpointErrors.badRequest("Item must hold 1 to " + MAX_BATCH + " endpoints, not " + items.size());
        }
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            if (item.path("Id").asText("").isEmpty()) {
                throw PinpointErrors.badRequest("Item[" + i + "]: Id is required");
            }
            try {
                EndpointWriter.check(item.get("Id").asText(), item);
            } catch (dev.waymark.core.AwsException e) {
                throw itemError(i, item, e);
            }
        }
    }

    /** Writes the items checked by {@link #checkBatch}, the batch's stored endpoints read in one query. */
    ObjectNode updateEndpointsBatch(Invocation inv, Tx tx) throws SQLException {
        App app = appsApi.require(inv, tx);
        JsonNode items = inv.input().path("EndpointBatchRequest").path("Item");
        AttributeNames.State names = writer.names(tx, app);
        java.util.List<String> ids = new java.util.ArrayList<>();
        items.forEach(item -> ids.add(item.get("Id").asText()));
        EndpointWriter.Known known = EndpointWriter.Known.read(tx, endpoints, app, ids);
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            try {
                writer.write(tx, app, item.get("Id").asText(), item, inv.requestId(), inv.time(), names, known);
            } catch (dev.waymark.core.AwsException e) {
                throw itemError(i, item, e);
            }
        }
        return accepted(inv);
    }

    private static dev.waymark.core.AwsException itemError(int index, JsonNode item, dev.waymark.core.AwsException e) {
        return PinpointErrors.badRequest("Item[" + index + "] (" + item.get("Id").asText() + "): " + e.getMessage());
    }

    ObjectNode getEndpoint(Invocation inv, Tx tx) throws SQLException {
        App app = appsApi.require(inv, tx);
        return AppsApi.wrap("EndpointResponse", require(inv, tx, app).response(app.id()));
    }

    /**
     * The in-app messages for an endpoint: always none, because Waymark runs no in-app campaigns (CreateCampaign
     * refuses Frequency IN_APP_EVENT), so a client that syncs in-app messages (Amplify's) gets the truthful empty
     * answer for an endpoint that exists, and Pinpoint's 404 for one that does not.
     */
    ObjectNode getInAppMessages(Invocation inv, Tx tx) throws SQLException {
        App app = appsApi.require(inv, tx);
        require(inv, tx, app);
        ObjectNode response = AppsApi.MAPPER.createObjectNode();
        response.putArray("InAppMessageCampaigns");
        return AppsApi.wrap("InAppMessagesResponse", response);
    }

    ObjectNode deleteEndpoint(Invocation inv, Tx tx) throws SQLException {
        App app = appsApi.require(inv, tx);
        StoredEndpoint endpoint = require(inv, tx, app);
        endpoints.delete(tx, app, endpoint.idKey());
        return AppsApi.wrap("EndpointResponse", endpoint.response(app.id()));
    }

    ObjectNode getUserEndpoints(Invocation inv, Tx tx) throws SQLException {
        App app = appsApi.require(inv, tx);
        return AppsApi.wrap("EndpointsResponse", items(app, requireUser(inv, tx, app)));
    }

    ObjectNode deleteUserEndpoints(Invocation inv, Tx tx) throws SQLException {
        App app = appsApi.require(inv, tx);
        List<StoredEndpoint> owned = requireUser(inv, tx, app);
        for (StoredEndpoint endpoint : owned) {
            endpoints.delete(tx, app, endpoint.idKey());
        }
        return AppsApi.wrap("EndpointsResponse", items(app, owned));
    }

    ObjectNode removeAttributes(Invocation inv, Tx tx) throws SQLException {
        App app = appsApi.require(inv, tx);
        String kind = inv.input().path("AttributeType").asText();
        if (!AttributeNames.KINDS.contains(kind)) {
            throw PinpointErrors.badRequest("Attribute type must be one of " + String.join(", ", AttributeNames.KINDS));
        }
        List<String> removed = new ArrayList<>();
        inv.input().path("UpdateAttributesRequest").path("Blacklist").forEach(name -> removed.add(name.asText()));
        names.remove(tx, app, kind, removed);
        ObjectNode resource = AppsApi.MAPPER.createObjectNode();
        resource.put("ApplicationId", app.id()).put("AttributeType", kind);
        ArrayNode attributes = resource.putArray("Attributes");
        removed.forEach(attributes::add);
        return AppsApi.wrap("AttributesResource", resource);
    }

    private StoredEndpoint require(Invocation inv, Tx tx, App app) throws SQLException {
        String id = inv.input().path("EndpointId").asText();
        return endpoints.find(tx, app, EndpointWriter.key(id))
                .orElseThrow(() -> PinpointErrors.notFound("Resource not found"));
    }

    private List<StoredEndpoint> requireUser(Invocation inv, Tx tx, App app) throws SQLException {
        List<StoredEndpoint> owned = endpoints.byUser(tx, app, inv.input().path("UserId").asText());
        if (owned.isEmpty()) {
            throw PinpointErrors.notFound("Resource not found");
        }
        return owned;
    }

    private static ObjectNode items(App app, List<StoredEndpoint> list) {
        ObjectNode response = AppsApi.MAPPER.createObjectNode();
        ArrayNode items = response.putArray("Item");
        list.forEach(endpoint -> items.add(endpoint.response(app.id())));
        return response;
    }

    static ObjectNode accepted(Invocation inv) {
        ObjectNode body = AppsApi.MAPPER.createObjectNode();
        body.put("Message", "Accepted").put("RequestID", inv.requestId());
        return AppsApi.wrap("MessageBody", body);
    }
}
