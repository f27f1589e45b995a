// SPDX-License-Identifier: Apache-2.0
package dev.waymark.pinpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * Applies a partial endpoint update the way Pinpoint does: members the request carries replace the stored ones,
 * members it leaves out are kept. Attributes, Metrics and User.UserAttributes merge by name (a name given replaces
 * that name's values, an empty list of values removes the name); Demographic and Location merge by field.
 * EndpointStatus becomes ACTIVE unless the request says otherwise, EffectiveDate the request's or now, RequestId the
 * request's or the call's. Names RemoveAttributes removed are not captured.
 */
final class EndpointMerge {
    private EndpointMerge() {
    }

    /** The stored document after the update. */
    static ObjectNode merge(Optional<StoredEndpoint> existing, String id, JsonNode request, String requestId,
                            Instant now, AttributeNames.State names) {
        ObjectNode document = existing.map(e -> e.document().deepCopy())
                .orElseGet(() -> created(id, now));
        for (String scalar : new String[] {"Address", "ChannelType", "OptOut"}) {
            if (request.hasNonNull(scalar)) {
                document.put(scalar, request.get(scalar).asText());
            }
        }
        document.put("EndpointStatus", request.path("EndpointStatus").asText("ACTIVE"));
        document.put("EffectiveDate", request.path("EffectiveDate").asText(Timestamps.iso(now)));
        document.put("RequestId", request.path("RequestId").asText(requestId));
        mergeAttributes(document.with("Attributes"), request.path("Attributes"), AttributeNames.CUSTOM, names);
        mergeMetrics(document.with("Metrics"), request.path("Metrics"), names);
        mergeFields(document, "Demographic", request.path("Demographic"));
        mergeFields(document, "Location", request.path("Location"));
        mergeUser(document, request.path("User"), names);
        return document;
    }

    private static ObjectNode created(String id, Instant now) {
        ObjectNode document = AppsApi.MAPPER.createObjectNode();
        document.put("Id", id);
        document.put("CohortId", Integer.toString(cohort(id)));
        document.put("CreationDate", Timestamps.iso(now));
        document.put("OptOut", "NONE");
        return document;
    }

    /** Pinpoint's cohort: 0 to 99, about 1 % of an application's endpoints each, stable for an endpoint id. */
    static int cohort(String id) {
        CRC32 crc = new CRC32();
        crc.update(id.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % 100);
    }

    private static void mergeAttributes(ObjectNode target, JsonNode update, String kind, AttributeNames.State names) {
        for (Map.Entry<String, JsonNode> attribute : update.properties()) {
            if (names.removed(kind, attribute.getKey())) {
                continue;
            }
            if (attribute.getValue().isEmpty()) {
                target.remove(attribute.getKey());
            } else {
                target.set(attribute.getKey(), attribute.getValue().deepCopy());
            }
        }
    }

    private static void mergeMetrics(ObjectNode target, JsonNode update, AttributeNames.State names) {
        for (Map.Entry<String, JsonNode> metric : update.properties()) {
            if (!names.removed(AttributeNames.METRIC, metric.getKey())) {
                target.put(metric.getKey(), metric.getValue().asDouble());
            }
        }
    }

    private static void mergeFields(ObjectNode document, String member, JsonNode update) {
        if (update.isObject()) {
            ObjectNode target = document.with(member);
            update.properties().forEach(field -> target.set(field.getKey(), field.getValue()));
        }
    }

    private static void mergeUser(ObjectNode document, JsonNode user, AttributeNames.State names) {
        ObjectNode target = document.with("User");
        if (user.hasNonNull("UserId")) {
            target.put("UserId", user.get("UserId").asText());
        }
        mergeAttributes(target.with("UserAttributes"), user.path("UserAttributes"), AttributeNames.USER, names);
    }
}
