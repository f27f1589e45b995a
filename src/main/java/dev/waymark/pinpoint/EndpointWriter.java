// SPDX-License-Identifier: Apache-2.0
package dev.waymark.pinpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.store.Tx;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Creates or updates one endpoint from an EndpointRequest, EndpointBatchItem or PublicEndpoint: checks the limits,
 * merges, registers attribute names against the application's quota, enforces at most 15 endpoints per user id
 * (retiring the oldest push endpoint for a new push endpoint, as Pinpoint does),
 * and makes the application's other endpoints with the same address INACTIVE. Shared by UpdateEndpoint,
 * UpdateEndpointsBatch and PutEvents.
 */
final class EndpointWriter {
    static final int MAX_ENDPOINTS_PER_USER = 15;
    private static final java.util.Set<String> PUSH_CHANNELS = java.util.Set.of("ADM", "GCM", "APNS", "APNS_VOIP",
            "APNS_VOIP_SANDBOX", "BAIDU");

    private final EndpointRepository endpoints;
    private final AttributeNames names;

    EndpointWriter(EndpointRepository endpoints, AttributeNames names) {
        this.endpoints = endpoints;
        this.names = names;
    }

    static String key(String id) {
        return id.toLowerCase(Locale.ROOT);
    }

    /** The application's attribute names, read once per request and handed to {@link #write}. */
    AttributeNames.State names(Tx tx, App app) throws SQLException {
        return names.state(tx, app);
    }

    StoredEndpoint write(Tx tx, App app, String id, JsonNode request, String requestId, Instant now,
                         AttributeNames.State state) throws SQLException {
        EndpointLimits.checkId(id);
        EndpointLimits.checkRequest(request);
        String key = key(id);
        Optional<StoredEndpoint> existing = endpoints.find(tx, app, key);
        ObjectNode document = EndpointMerge.merge(existing, id, request, requestId, now, state);
        String json = document.toString();
        EndpointLimits.checkMerged(document, json);
        registerNames(tx, app, request, state);
        checkUser(tx, app, key, existing, document);
        if (request.hasNonNull("Address")) {
            deactivateOthers(tx, app, key, request.get("Address").asText());
        }
        long effective = request.hasNonNull("EffectiveDate")
                ? Dates.parse(request.get("EffectiveDate").asText()).map(Instant::toEpochMilli).orElse(now.toEpochMilli())
                : now.toEpochMilli();
        long activeAt = Math.max(existing.map(StoredEndpoint::activeAt).orElse(0L), effective);
        long seq = endpoints.save(tx, app, key, activeAt, document, json);
        return new StoredEndpoint(seq, key, activeAt, document);
    }

    private void registerNames(Tx tx, App app, JsonNode request, AttributeNames.State state) throws SQLException {
        register(tx, app, AttributeNames.CUSTOM, request.path("Attributes"), state);
        register(tx, app, AttributeNames.METRIC, request.path("Metrics"), state);
        register(tx, app, AttributeNames.USER, request.path("User").path("UserAttributes"), state);
    }

    private void register(Tx tx, App app, String kind, JsonNode members, AttributeNames.State state) throws SQLException {
        for (Map.Entry<String, JsonNode> member : members.properties()) {
            names.use(tx, app, state, kind, member.getKey());
        }
    }

    /**
     * A user id an endpoint newly takes must have fewer than 15 other endpoints, except that a push endpoint (ADM,
     * GCM, APNS, APNS_VOIP, APNS_VOIP_SANDBOX, BAIDU) takes the place of the user's push endpoint with the oldest
     * EffectiveDate, which becomes INACTIVE and loses the user id
     * (https://docs.aws.amazon.com/pinpoint/latest/developerguide/audience-define-auto-inactive.html).
     */
    private void checkUser(Tx tx, App app, String key, Optional<StoredEndpoint> existing, ObjectNode document)
            throws SQLException {
        String userId = document.path("User").path("UserId").asText("");
        boolean joins = existing.map(e -> !userId.equals(e.document().path("User").path("UserId").asText(""))).orElse(true);
        if (userId.isEmpty() || !joins || endpoints.countUser(tx, app, userId, key) < MAX_ENDPOINTS_PER_USER) {
            return;
        }
        Optional<StoredEndpoint> oldestPush = PUSH_CHANNELS.contains(document.path("ChannelType").asText())
                ? endpoints.byUser(tx, app, userId).stream()
                        .filter(e -> !e.idKey().equals(key) && PUSH_CHANNELS.contains(e.document().path("ChannelType").asText()))
                        .min(java.util.Comparator.comparing(e -> Dates.parse(e.document().path("EffectiveDate").asText()).orElse(Instant.MIN)))
                : Optional.empty();
        if (oldestPush.isEmpty()) {
            throw PinpointErrors.badRequest("User " + userId + " already has the maximum of " + MAX_ENDPOINTS_PER_USER
                    + " endpoints");
        }
        ObjectNode retired = oldestPush.get().document().deepCopy();
        retired.put("EndpointStatus", "INACTIVE");
        retired.with("User").remove("UserId");
        endpoints.save(tx, app, oldestPush.get().idKey(), oldestPush.get().activeAt(), retired, retired.toString());
    }

    private void deactivateOthers(Tx tx, App app, String key, String address) throws SQLException {
        for (StoredEndpoint other : endpoints.byAddress(tx, app, address)) {
            if (!other.idKey().equals(key) && "ACTIVE".equals(other.document().path("EndpointStatus").asText())) {
                ObjectNode document = other.document().deepCopy();
                document.put("EndpointStatus", "INACTIVE");
                endpoints.save(tx, app, other.idKey(), other.activeAt(), document, document.toString());
            }
        }
    }
}
