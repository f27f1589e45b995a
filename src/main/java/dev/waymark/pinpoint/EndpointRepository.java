// SPDX-License-Identifier: Apache-2.0
package dev.waymark.pinpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.store.Tx;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Stores endpoints per application (table {@code pinpoint_endpoint}). Stateless: safe to share; the Tx is not. */
final class EndpointRepository {
    private static final String COLUMNS = "seq, id_key, active_at, document";
    private static final String BY_APP = " WHERE account_id = ? AND region = ? AND app_id = ?";

    Optional<StoredEndpoint> find(Tx tx, App app, String idKey) throws SQLException {
        return tx.queryOne("SELECT " + COLUMNS + " FROM pinpoint_endpoint" + BY_APP + " AND id_key = ?",
                EndpointRepository::endpoint, app.accountId(), app.region(), app.id(), idKey);
    }

    List<StoredEndpoint> byUser(Tx tx, App app, String userId) throws SQLException {
        return tx.query("SELECT " + COLUMNS + " FROM pinpoint_endpoint" + BY_APP + " AND user_id = ? ORDER BY seq",
                EndpointRepository::endpoint, app.accountId(), app.region(), app.id(), userId);
    }

    /** The application's other endpoints with this address (the one with the given id left out). */
    List<StoredEndpoint> byAddress(Tx tx, App app, String address, String exceptKey) throws SQLException {
        return tx.query("SELECT " + COLUMNS + " FROM pinpoint_endpoint" + BY_APP + " AND address = ? AND id_key <> ? ORDER BY seq",
                EndpointRepository::endpoint, app.accountId(), app.region(), app.id(), address, exceptKey);
    }

    /**
     * The stored endpoints with these ids, in one query (a batch's ids read one by one cost a statement each on
     * the store's single writer); ids not stored are absent from the map.
     */
    Map<String, StoredEndpoint> findAll(Tx tx, App app, java.util.Collection<String> idKeys) throws SQLException {
        Map<String, StoredEndpoint> found = new java.util.HashMap<>();
        if (idKeys.isEmpty()) {
            return found;
        }
        List<Object> arguments = new java.util.ArrayList<>(List.of(app.accountId(), app.region(), app.id()));
        arguments.addAll(idKeys);
        String sql = "SELECT " + COLUMNS + " FROM pinpoint_endpoint" + BY_APP + " AND id_key IN ("
                + "?,".repeat(idKeys.size() - 1) + "?)";
        tx.query(sql, rs -> found.put(rs.getString(2), endpoint(rs)), arguments.toArray());
        return found;
    }

    /**
     * The fields segments' set dimensions test, kept as columns beside the document: column, then the member path
     * in the document (Demographic.Channel tests ChannelType).
     */
    static final Map<String, List<String>> FACETS = facets();

    private static Map<String, List<String>> facets() {
        Map<String, List<String>> facets = new LinkedHashMap<>();
        facets.put("channel_type", List.of("ChannelType"));
        facets.put("platform", List.of("Demographic", "Platform"));
        facets.put("make", List.of("Demographic", "Make"));
        facets.put("model", List.of("Demographic", "Model"));
        facets.put("app_version", List.of("Demographic", "AppVersion"));
        facets.put("country", List.of("Location", "Country"));
        return Map.copyOf(facets);
    }

    /** The text at a member path of a document, or null when it is absent or not text. */
    static String text(JsonNode document, List<String> path) {
        JsonNode node = document;
        for (String member : path) {
            node = node.path(member);
        }
        return node.isTextual() ? node.asText() : null;
    }

    /** Inserts or replaces the endpoint with this id; returns its row number. */
    long save(Tx tx, App app, String idKey, long activeAt, ObjectNode document, String json) throws SQLException {
        String userId = document.path("User").path("UserId").asText(null);
        String address = document.path("Address").asText(null);
        return tx.queryLong("INSERT INTO pinpoint_endpoint (account_id, region, app_id, id_key, user_id, address, "
                        + "channel_type, platform, make, model, app_version, country, active_at, document) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                        + "ON CONFLICT (account_id, region, app_id, id_key) DO UPDATE SET user_id = excluded.user_id, "
                        + "address = excluded.address, channel_type = excluded.channel_type, platform = excluded.platform, "
                        + "make = excluded.make, model = excluded.model, app_version = excluded.app_version, "
                        + "country = excluded.country, active_at = excluded.active_at, document = excluded.document "
                        + "RETURNING seq",
                app.accountId(), app.region(), app.id(), idKey, userId, address,
                text(document, FACETS.get("channel_type")), text(document, FACETS.get("platform")),
                text(document, FACETS.get("make")), text(document, FACETS.get("model")),
                text(document, FACETS.get("app_version")), text(document, FACETS.get("country")),
                activeAt, json);
    }

    /** How many other endpoints of the application carry this user id. */
    long countUser(Tx tx, App app, String userId, String exceptKey) throws SQLException {
        return tx.queryLong("SELECT COUNT(*) FROM pinpoint_endpoint" + BY_APP + " AND user_id = ? AND id_key <> ?",
                app.accountId(), app.region(), app.id(), userId, exceptKey);
    }

    /** Moves the endpoint's last activity forward to the given time (never back). */
    void touch(Tx tx, App app, String idKey, long activeAt) throws SQLException {
        tx.update("UPDATE pinpoint_endpoint SET active_at = ?" + BY_APP + " AND id_key = ? AND active_at < ?",
                activeAt, app.accountId(), app.region(), app.id(), idKey, activeAt);
    }

    void delete(Tx tx, App app, String idKey) throws SQLException {
        tx.update("DELETE FROM pinpoint_endpoint" + BY_APP + " AND id_key = ?", app.accountId(), app.region(), app.id(), idKey);
    }

    /**
     * The endpoints of the application that pass the SQL condition (over the columns; {@code 1 = 1} for all) in row
     * order, handed to the visitor one at a time until it asks to stop. The statement is prepared for this scan
     * only: conditions vary.
     */
    void scan(Tx tx, String accountId, String region, String appId, String condition, List<Object> arguments,
              Visitor visitor) throws SQLException {
        String sql = "SELECT seq, active_at, document FROM pinpoint_endpoint" + BY_APP + " AND (" + condition + ") ORDER BY seq";
        try (PreparedStatement statement = tx.connection().prepareStatement(sql)) {
            statement.setString(1, accountId);
            statement.setString(2, region);
            statement.setString(3, appId);
            for (int i = 0; i < arguments.size(); i++) {
                statement.setObject(i + 4, arguments.get(i));
            }
            try (ResultSet rs = statement.executeQuery()) {
                boolean more = true;
                while (more && rs.next()) {
                    more = visitor.visit(rs.getLong(1), rs.getLong(2), rs.getString(3));
                }
            }
        }
    }

    /** Receives endpoint rows from {@link #scan}; answers whether it wants the next. */
    @FunctionalInterface
    interface Visitor {
        boolean visit(long seq, long activeAt, String document) throws SQLException;
    }

    private static StoredEndpoint endpoint(ResultSet rs) throws SQLException {
        return new StoredEndpoint(rs.getLong(1), rs.getString(2), rs.getLong(3), parse(rs.getString(4)));
    }

    static ObjectNode parse(String json) {
        try {
            return (ObjectNode) AppsApi.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored endpoint is corrupt", e);
        }
    }
}
