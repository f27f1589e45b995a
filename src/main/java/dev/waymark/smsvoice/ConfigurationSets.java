// SPDX-License-Identifier: Apache-2.0
package dev.waymark.smsvoice;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.store.Tx;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Stores configuration sets and their event destinations, per account and region. */
final class ConfigurationSets {
    static final ObjectMapper MAPPER = new ObjectMapper();

    /** An event destination: its name and its definition (model member names). */
    record Destination(String name, ObjectNode definition) {
    }

    boolean exists(Tx tx, String accountId, String region, String name) throws SQLException {
        return tx.queryLong("SELECT COUNT(*) FROM smsvoice_configuration_set WHERE account_id = ? AND region = ? "
                + "AND name = ?", accountId, region, name) > 0;
    }

    void create(Tx tx, String accountId, String region, String name, long now) throws SQLException {
        tx.update("INSERT INTO smsvoice_configuration_set (account_id, region, name, created_at) VALUES (?, ?, ?, ?)",
                accountId, region, name, now);
    }

    void delete(Tx tx, String accountId, String region, String name) throws SQLException {
        tx.update("DELETE FROM smsvoice_event_destination WHERE account_id = ? AND region = ? AND configuration_set = ?",
                accountId, region, name);
        tx.update("DELETE FROM smsvoice_configuration_set WHERE account_id = ? AND region = ? AND name = ?",
                accountId, region, name);
    }

    /** Names after {@code after} in name order, at most {@code limit}. */
    List<String> names(Tx tx, String accountId, String region, String after, int limit) throws SQLException {
        return tx.query("SELECT name FROM smsvoice_configuration_set WHERE account_id = ? AND region = ? AND name > ? "
                + "ORDER BY name LIMIT ?", rs -> rs.getString(1), accountId, region, after, limit);
    }

    List<Destination> destinations(Tx tx, String accountId, String region, String set) throws SQLException {
        return tx.query("SELECT name, definition FROM smsvoice_event_destination WHERE account_id = ? AND region = ? "
                        + "AND configuration_set = ? ORDER BY created_at, name",
                rs -> new Destination(rs.getString(1), parse(rs.getString(2))), accountId, region, set);
    }

    Optional<Destination> destination(Tx tx, String accountId, String region, String set, String name)
            throws SQLException {
        return destinations(tx, accountId, region, set).stream().filter(d -> d.name().equals(name)).findFirst();
    }

    void putDestination(Tx tx, String accountId, String region, String set, Destination destination, long now)
            throws SQLException {
        tx.update("INSERT INTO smsvoice_event_destination (account_id, region, configuration_set, name, definition, "
                        + "created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (account_id, region, configuration_set, name) "
                        + "DO UPDATE SET definition = excluded.definition",
                accountId, region, set, destination.name(), destination.definition().toString(), now);
    }

    void deleteDestination(Tx tx, String accountId, String region, String set, String name) throws SQLException {
        tx.update("DELETE FROM smsvoice_event_destination WHERE account_id = ? AND region = ? AND configuration_set = ? "
                + "AND name = ?", accountId, region, set, name);
    }

    private static ObjectNode parse(String json) {
        try {
            return (ObjectNode) MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored event destination is not JSON", e);
        }
    }
}
