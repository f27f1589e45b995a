// SPDX-License-Identifier: Apache-2.0
package dev.waymark.pinpoint;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;

/**
 * Checks one event of a PutEvents batch against Pinpoint's event ingestion quotas
 * (https://docs.aws.amazon.com/pinpoint/latest/developerguide/quotas.html#quotas-events): event type names up to
 * 50 characters, at most 40 attributes (names 50, values 200 characters) and 40 metrics; a timestamp and, for
 * session events ({@code _session.*}), a session with a start timestamp. Returns the event's time.
 */
final class EventLimits {
    static final int MAX_EVENTS_PER_REQUEST = 100;
    private static final int MAX_TYPE = 50;
    private static final int MAX_ATTRIBUTES = 40;
    private static final int MAX_NAME = 50;
    private static final int MAX_VALUE = 200;

    private EventLimits() {
    }

    static Instant check(JsonNode event) {
        String type = event.path("EventType").asText("");
        if (type.isEmpty() || type.length() > MAX_TYPE) {
            throw PinpointErrors.badRequest("EventType must be 1 to " + MAX_TYPE + " characters");
        }
        Instant time = Dates.parse(event.path("Timestamp").asText(""))
                .orElseThrow(() -> PinpointErrors.badRequest("Timestamp must be an ISO 8601 date: " + event.path("Timestamp").asText("")));
        checkMembers("Attributes", event.path("Attributes"), true);
        checkMembers("Metrics", event.path("Metrics"), false);
        checkSession(type, event.path("Session"));
        return time;
    }

    private static void checkMembers(String member, JsonNode members, boolean text) {
        if (members.size() > MAX_ATTRIBUTES) {
            throw PinpointErrors.badRequest(member + ": an event can have at most " + MAX_ATTRIBUTES);
        }
        for (Map.Entry<String, JsonNode> entry : members.properties()) {
            if (entry.getKey().isEmpty() || entry.getKey().length() > MAX_NAME) {
                throw PinpointErrors.badRequest(member + ": a name must be 1 to " + MAX_NAME + " characters: " + entry.getKey());
            }
            if (text && entry.getValue().asText().length() > MAX_VALUE) {
                throw PinpointErrors.badRequest(member + " " + entry.getKey() + ": a value can be at most " + MAX_VALUE + " characters");
            }
        }
    }

    private static void checkSession(String type, JsonNode session) {
        if (session.isMissingNode()) {
            if (type.startsWith("_session.")) {
                throw PinpointErrors.badRequest("A " + type + " event needs a Session");
            }
            return;
        }
        for (String member : new String[] {"StartTimestamp", "StopTimestamp"}) {
            if (session.has(member) && Dates.parse(session.get(member).asText()).isEmpty()) {
                throw PinpointErrors.badRequest("Session " + member + " must be an ISO 8601 date");
            }
        }
        if (session.path("Duration").asLong(0) < 0) {
            throw PinpointErrors.badRequest("Session Duration must not be negative");
        }
    }
}
