// SPDX-License-Identifier: Apache-2.0
package dev.waymark.pinpoint;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Set;

/**
 * Checks an endpoint update against Pinpoint's endpoint quotas and value sets
 * (https://docs.aws.amazon.com/pinpoint/latest/developerguide/quotas.html#quotas-endpoint): attribute names up to
 * 50 characters, values up to 100, at most 100 attribute values and 50 user attribute values per endpoint, endpoints
 * of at most 15 KB; ChannelType, OptOut and EndpointStatus from their value sets. Failures are BadRequestException.
 */
final class EndpointLimits {
    static final int MAX_NAME = 50;
    static final int MAX_VALUE = 100;
    static final int MAX_ATTRIBUTE_VALUES = 100;
    static final int MAX_USER_ATTRIBUTE_VALUES = 50;
    static final int MAX_ENDPOINT_BYTES = 15 * 1024;
    static final Set<String> CHANNEL_TYPES = Set.of("PUSH", "GCM", "APNS", "APNS_SANDBOX", "APNS_VOIP",
            "APNS_VOIP_SANDBOX", "ADM", "SMS", "VOICE", "EMAIL", "BAIDU", "CUSTOM", "IN_APP");

    private EndpointLimits() {
    }

    /** An endpoint id: not empty, and without the characters Pinpoint refuses ($, { and }). */
    static void checkId(String id) {
        if (id.isEmpty() || id.chars().anyMatch(c -> c == '$' || c == '{' || c == '}')) {
            throw PinpointErrors.badRequest("Invalid endpoint id: '" + id + "'; it must not be empty or contain $, { or }");
        }
    }

    /** The members of an EndpointRequest (or EndpointBatchItem, PublicEndpoint) before they are merged. */
    static void checkRequest(JsonNode request) {
        checkOneOf(request, "ChannelType", CHANNEL_TYPES);
        checkOneOf(request, "OptOut", Set.of("ALL", "NONE"));
        checkOneOf(request, "EndpointStatus", Set.of("ACTIVE", "INACTIVE"));
        if (request.has("EffectiveDate") && Dates.parse(request.get("EffectiveDate").asText()).isEmpty()) {
            throw PinpointErrors.badRequest("EffectiveDate must be an ISO 8601 date: " + request.get("EffectiveDate").asText());
        }
        checkAttributes("Attributes", request.path("Attributes"));
        checkAttributes("UserAttributes", request.path("User").path("UserAttributes"));
        for (Map.Entry<String, JsonNode> metric : request.path("Metrics").properties()) {
            checkName("Metrics", metric.getKey());
        }
        JsonNode location = request.path("Location");
        checkRange(location, "Latitude", 90);
        checkRange(location, "Longitude", 180);
    }

    /** The merged endpoint: value counts and size. */
    static void checkMerged(JsonNode document, String json) {
        checkCount("Attributes", document.path("Attributes"), MAX_ATTRIBUTE_VALUES);
        checkCount("UserAttributes", document.path("User").path("UserAttributes"), MAX_USER_ATTRIBUTE_VALUES);
        if (json.length() > MAX_ENDPOINT_BYTES) {
            throw PinpointErrors.badRequest("An endpoint can be at most 15 KB");
        }
    }

    private static void checkOneOf(JsonNode request, String member, Set<String> allowed) {
        if (request.has(member) && !allowed.contains(request.get(member).asText())) {
            throw PinpointErrors.badRequest(member + " '" + request.get(member).asText() + "' is not one of "
                    + String.join(", ", allowed.stream().sorted().toList()));
        }
    }

    private static void checkAttributes(String member, JsonNode attributes) {
        for (Map.Entry<String, JsonNode> attribute : attributes.properties()) {
            checkName(member, attribute.getKey());
            for (JsonNode value : attribute.getValue()) {
                if (value.asText().length() > MAX_VALUE) {
                    throw PinpointErrors.badRequest(member + " " + attribute.getKey() + ": a value can be at most "
                            + MAX_VALUE + " characters");
                }
            }
        }
    }

    private static void checkName(String member, String name) {
        if (name.isEmpty() || name.length() > MAX_NAME) {
            throw PinpointErrors.badRequest(member + ": an attribute name must be 1 to " + MAX_NAME + " characters: " + name);
        }
    }

    private static void checkCount(String member, JsonNode attributes, int max) {
        int values = 0;
        for (JsonNode list : attributes) {
            values += list.size();
        }
        if (values > max) {
            throw PinpointErrors.badRequest(member + ": an endpoint can have at most " + max + " values, not " + values);
        }
    }

    private static void checkRange(JsonNode location, String member, double limit) {
        if (location.has(member) && Math.abs(location.get(member).asDouble()) > limit) {
            throw PinpointErrors.badRequest("Location " + member + " must be between -" + (int) limit + " and " + (int) limit);
        }
    }
}
