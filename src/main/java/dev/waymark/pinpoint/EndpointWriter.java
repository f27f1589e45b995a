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
import java.util.Set;

/**
 * Creates or updates one endpoint from an EndpointRequest, EndpointBatchItem or PublicEndpoint: checks the limits,
 * merges, registers attribute names against the application's quota, enforces at most 15 endpoints per user id,
 * and makes the application's other endpoints with the same address INACTIVE. Shared by UpdateEndpoint,
 * UpdateEndpointsBatch and PutEvents.
 */
final class EndpointWriter {
    static final int MAX_ENDPOINTS_PER_USER = 15;

    private final EndpointRepository endpoints;
    private final AttributeNames names;

    EndpointWriter(EndpointRepository endpoints, AttributeNames names) {
        this.endpoints = endpoints;
        this.names = names;
    }

    static String key(String id) {
        return id.toLowerCase(Locale.ROOT);
    }

    /** The names RemoveAttributes removed in the application, to hand to {@link #write} for a whole request. */
    Set<String> removed(Tx tx, App app) throws SQLException {
        return names.removed(tx, app);
    }

    StoredEndpoint write(Tx tx, App app, String id, JsonNode request, String requestId, Instant now,
                         Set<String> removed) throws SQLException {
        EndpointLimits.checkId(id);
        EndpointLimits.checkRequest(request);
        String key = key(id);
        Optional<StoredEndpoint> existing = endpoints.find(tx, app, key);
        ObjectNode document = EndpointMerge.merge(existing, id, request, requestId, now, removed);
        EndpointLimits.checkMerged(document);
        registerNames(tx, app, request, removed);
        checkUser(tx, app, key, document);
        if (request.hasNonNull("Address")) {
            deactivateOthers(tx, app, key, request.get("Address").asText());
        }
        long effective = Dates.parse(document.path("EffectiveDate").asText()).map(Instant::toEpochMilli).orElse(now.toEpochMilli());
        long activeAt = Math.max(existing.map(StoredEndpoint::activeAt).orElse(0L), effective);
        long seq = endpoints.save(tx, app, key, activeAt, document);
        return new StoredEndpoint(seq, key, activeAt, document);
    }

    private void registerNames(Tx tx, App app, JsonNode request, Set<String> removed) throws SQLException {
        register(tx, app, AttributeNames.CUSTOM, request.path("Attributes"), removed);
        register(tx, app, AttributeNames.METRIC, request.path("Metrics"), removed);
        register(tx, app, AttributeNames.USER, request.path("User").path("UserAttributes"), removed);
    }

    private void register(Tx tx, App app, String kind, JsonNode members, Set<String> removed) throws SQLException {
        for (Map.Entry<String, JsonNode> member : members.properties()) {
            if (!removed.contains(kind + "/" + member.getKey())) {
                names.use(tx, app, kind, member.getKey());
            }
        }
    }

    private void checkUser(Tx tx, App app, String key, ObjectNode document) throws SQLException {
        String userId = document.path("User").path("UserId").asText("");
        if (userId.isEmpty()) {
            return;
        }
        long others = endpoints.byUser(tx, app, userId).stream().filter(e -> !e.idKey().equals(key)).count();
        if (others >= MAX_ENDPOINTS_PER_USER) {
            throw PinpointErrors.badRequest("User " + userId + " already has the maximum of " + MAX_ENDPOINTS_PER_USER
                    + " endpoints");
        }
    }

    private void deactivateOthers(Tx tx, App app, String key, String address) throws SQLException {
        for (StoredEndpoint other : endpoints.byAddress(tx, app, address)) {
            if (!other.idKey().equals(key) && "ACTIVE".equals(other.document().path("EndpointStatus").asText())) {
                ObjectNode document = other.document().deepCopy();
                document.put("EndpointStatus", "INACTIVE");
                endpoints.save(tx, app, other.idKey(), other.activeAt(), document);
            }
        }
    }
}
