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
        return write(tx, app, id, request, requestId, now, state, null);
    }

    /** The limits an endpoint id and its request must keep whatever is stored. */
    static void check(String id, JsonNode request) {
        EndpointLimits.checkId(id);
        EndpointLimits.checkRequest(request);
    }

    /**
     * The stored endpoints of a batch's ids, read in one query before its items are written ({@link #write} with
     * it keeps it current), for a batch whose items were {@linkplain #check checked} before the transaction, which
     * {@link #write} then does not repeat. Only for work that fails as a whole: a rolled-back item would leave it
     * stale.
     */
    static final class Known {
        private final Map<String, Optional<StoredEndpoint>> byKey = new java.util.HashMap<>();

        static Known read(Tx tx, EndpointRepository endpoints, App app, java.util.Collection<String> ids)
                throws SQLException {
            Known known = new Known();
            java.util.Set<String> keys = new java.util.LinkedHashSet<>();
            ids.forEach(id -> keys.add(key(id)));
            Map<String, StoredEndpoint> found = endpoints.findAll(tx, app, keys);
            keys.forEach(key -> known.byKey.put(key, Optional.ofNullable(found.get(key))));
            return known;
        }
    }

    /**
     * As {@link #write(Tx, App, String, JsonNode, String, Instant, AttributeNames.State)}, with a batch's known
     * endpoints (or null).
     */
    StoredEndpoint write(Tx tx, App app, String id, JsonNode request, String requestId, Instant now,
                         AttributeNames.State state, Known known) throws SQLException {
        if (known == null) {
            check(id, request);
        }
        String key = key(id);
        Optional<StoredEndpoint> existing = known != null && known.byKey.containsKey(key)
                ? known.byKey.get(key) : endpoints.find(tx, app, key);
        ObjectNode document = EndpointMerge.merge(existing, id, request, requestId, now, state);
        String json = document.toString();
        EndpointLimits.checkMerged(document, json);
        registerNames(tx, app, request, state);
        checkUser(tx, app, key, existing, document, known);
        if (request.hasNonNull("Address")) {
            deactivateOthers(tx, app, key, request.get("Address").asText(), known);
        }
        long effective = request.hasNonNull("EffectiveDate")
                ? Dates.parse(request.get("EffectiveDate").asText()).map(Instant::toEpochMilli).orElse(now.toEpochMilli())
                : now.toEpochMilli();
        long activeAt = Math.max(existing.map(StoredEndpoint::activeAt).orElse(0L), effective);
        long seq = endpoints.save(tx, app, key, activeAt, document, json);
        StoredEndpoint stored = new StoredEndpoint(seq, key, activeAt, document);
        if (known != null) {
            known.byKey.put(key, Optional.of(stored));
        }
        return stored;
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
    private void checkUser(Tx tx, App app, String key, Optional<StoredEndpoint> existing, ObjectNode document,
                           Known known) throws SQLException {
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
        forget(known, oldestPush.get().idKey());
    }

    /** A batch's endpoint changed behind its known copy: read it again when the batch comes to it. */
    private static void forget(Known known, String key) {
        if (known != null) {
            known.byKey.remove(key);
        }
    }

    private void deactivateOthers(Tx tx, App app, String key, String address, Known known) throws SQLException {
        for (StoredEndpoint other : endpoints.byAddress(tx, app, address, key)) {
            if ("ACTIVE".equals(other.document().path("EndpointStatus").asText())) {
                ObjectNode document = other.document().deepCopy();
                document.put("EndpointStatus", "INACTIVE");
                endpoints.save(tx, app, other.idKey(), other.activeAt(), document, document.toString());
                forget(known, other.idKey());
            }
        }
    }
}
