// SPDX-License-Identifier: Apache-2.0
package dev.waymark.pinpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.core.AwsException;
import dev.waymark.core.Invocation;
import dev.waymark.store.Tx;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * PutEvents: per endpoint id, an endpoint update and a batch of events. Each endpoint and each event is checked
 * and applied on its own (an invalid one is answered 400 with its message in the results, the rest go on, and the
 * call is 202); only a request with no items or more than 100 events fails whole. Accepted events are stored and
 * move their endpoint's last activity forward. Not recorded in CloudTrail by default (the operation table).
 */
final class EventsApi {
    private final AppsApi appsApi;
    private final EndpointWriter writer;
    private final EndpointRepository endpoints;
    private final EventRepository events;

    private final CampaignTriggers triggers;

    EventsApi(AppsApi appsApi, EndpointWriter writer, EndpointRepository endpoints, EventRepository events,
              CampaignTriggers triggers) {
        this.triggers = triggers;
        this.appsApi = appsApi;
        this.writer = writer;
        this.endpoints = endpoints;
        this.events = events;
    }

    ObjectNode putEvents(Invocation inv, Tx tx) throws Exception {
        App app = appsApi.require(inv, tx);
        JsonNode batch = inv.input().path("EventsRequest").path("BatchItem");
        checkSize(batch);
        AttributeNames.State names = writer.names(tx, app);
        CampaignTriggers.Session campaigns = triggers.session(tx, app, inv.time());
        ObjectNode results = AppsApi.MAPPER.createObjectNode();
        for (Map.Entry<String, JsonNode> item : batch.properties()) {
            ObjectNode result = results.putObject(item.getKey());
            ObjectNode endpointResult = endpoint(inv, tx, app, item.getKey(), item.getValue().path("Endpoint"), names);
            if (endpointResult.get("StatusCode").asInt() != 202) {
                names = writer.names(tx, app);
            }
            result.set("EndpointItemResponse", endpointResult);
            ObjectNode eventResults = result.putObject("EventsItemResponse");
            for (Map.Entry<String, JsonNode> event : item.getValue().path("Events").properties()) {
                eventResults.set(event.getKey(), event(tx, app, item.getKey(), event.getKey(), event.getValue(), campaigns));
            }
        }
        ObjectNode response = AppsApi.MAPPER.createObjectNode();
        response.set("Results", results);
        return AppsApi.wrap("EventsResponse", response);
    }

    private static void checkSize(JsonNode batch) {
        int count = 0;
        for (JsonNode item : batch) {
            count += item.path("Events").size();
        }
        if (batch.isEmpty() || count > EventLimits.MAX_EVENTS_PER_REQUEST) {
            throw PinpointErrors.badRequest("A PutEvents request must have 1 or more items and at most "
                    + EventLimits.MAX_EVENTS_PER_REQUEST + " events, not " + count);
        }
    }

    private ObjectNode endpoint(Invocation inv, Tx tx, App app, String id, JsonNode endpoint, AttributeNames.State names)
            throws Exception {
        if (endpoint.isEmpty()) {
            return status(202, "Accepted");
        }
        try {
            tx.attempt(t -> writer.write(t, app, id, endpoint, inv.requestId(), inv.time(), names));
            return status(202, "Accepted");
        } catch (AwsException e) {
            return status(400, e.getMessage());
        }
    }

    private ObjectNode event(Tx tx, App app, String endpointId, String eventId, JsonNode event,
                             CampaignTriggers.Session campaigns) throws Exception {
        Instant time;
        try {
            EndpointLimits.checkId(endpointId);
            time = EventLimits.check(event);
        } catch (AwsException e) {
            return status(400, e.getMessage());
        }
        String key = EndpointWriter.key(endpointId);
        events.insert(tx, app, key, eventId, time.toEpochMilli(), event);
        endpoints.touch(tx, app, key, time.toEpochMilli());
        if (campaigns.armed()) {
            Optional<StoredEndpoint> endpoint = endpoints.find(tx, app, key);
            if (endpoint.isPresent()) {
                campaigns.fire(endpoint.get(), event);
            }
        }
        return status(202, "Accepted");
    }

    private static ObjectNode status(int code, String message) {
        ObjectNode node = AppsApi.MAPPER.createObjectNode();
        node.put("Message", message).put("StatusCode", code);
        return node;
    }
}
