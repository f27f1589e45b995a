// SPDX-License-Identifier: Apache-2.0
package dev.waymark.pinpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.store.Tx;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Stores endpoints per application (table {@code pinpoint_endpoint}). Not thread-safe; one per service. */
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

    List<StoredEndpoint> byAddress(Tx tx, App app, String address) throws SQLException {
        return tx.query("SELECT " + COLUMNS + " FROM pinpoint_endpoint" + BY_APP + " AND address = ? ORDER BY seq",
                EndpointRepository::endpoint, app.accountId(), app.region(), app.id(), address);
    }

    /** Inserts or replaces the endpoint with this id; returns its row number. */
    long save(Tx tx, App app, String idKey, long activeAt, ObjectNode document) throws SQLException {
        String userId = document.path("User").path("UserId").asText(null);
        String address = document.path("Address").asText(null);
        return tx.queryLong("INSERT INTO pinpoint_endpoint (account_id, region, app_id, id_key, user_id, address, "
                        + "active_at, document) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                        + "ON CONFLICT (account_id, region, app_id, id_key) DO UPDATE SET user_id = excluded.user_id, "
                        + "address = excluded.address, active_at = excluded.active_at, document = excluded.document "
                        + "RETURNING seq",
                app.accountId(), app.region(), app.id(), idKey, userId, address, activeAt, document.toString());
    }

    /** Moves the endpoint's last activity forward to the given time (never back). */
    void touch(Tx tx, App app, String idKey, long activeAt) throws SQLException {
        tx.update("UPDATE pinpoint_endpoint SET active_at = MAX(active_at, ?)" + BY_APP + " AND id_key = ?",
                activeAt, app.accountId(), app.region(), app.id(), idKey);
    }

    void delete(Tx tx, App app, String idKey) throws SQLException {
        tx.update("DELETE FROM pinpoint_endpoint" + BY_APP + " AND id_key = ?", app.accountId(), app.region(), app.id(), idKey);
    }

    /** Every endpoint of the application in row order, handed to the visitor one at a time. */
    void scan(Tx tx, String accountId, String region, String appId, Visitor visitor) throws SQLException {
        tx.query("SELECT seq, active_at, document FROM pinpoint_endpoint" + BY_APP + " ORDER BY seq",
                rs -> {
                    visitor.visit(rs.getLong(1), rs.getLong(2), rs.getString(3));
                    return Boolean.TRUE;
                }, accountId, region, appId).clear();
    }

    /** Receives endpoint rows from {@link #scan}. */
    @FunctionalInterface
    interface Visitor {
        void visit(long seq, long activeAt, String document) throws SQLException;
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
