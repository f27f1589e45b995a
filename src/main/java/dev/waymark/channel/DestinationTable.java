// SPDX-License-Identifier: Apache-2.0
package dev.waymark.channel;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.store.Tx;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * The event destinations of a messaging service's configuration sets (Pinpoint Email's, SMS and Voice's), each a
 * name and its EventDestinationDefinition as JSON, kept in a table of the service's ({@code account_id, region,
 * configuration_set, name, definition, created_at}). Listed in the order they were created.
 */
public final class DestinationTable {
    private final String table;

    /** An event destination of a configuration set. */
    public record Destination(String name, ObjectNode definition) {
    }

    public DestinationTable(String table) {
        this.table = table;
    }

    public List<Destination> of(Tx tx, String accountId, String region, String set) throws SQLException {
        return tx.query("SELECT name, definition FROM " + table + " WHERE account_id = ? AND region = ? "
                        + "AND configuration_set = ? ORDER BY created_at, name",
                rs -> new Destination(rs.getString(1), Outbox.parse(rs.getString(2))),
                accountId, region, set);
    }

    public Optional<Destination> find(Tx tx, String accountId, String region, String set, String name)
            throws SQLException {
        return of(tx, accountId, region, set).stream().filter(d -> d.name().equals(name)).findFirst();
    }

    /** Creates the destination, or replaces the definition of the one of that name. */
    public void put(Tx tx, String accountId, String region, String set, Destination destination, long now)
            throws SQLException {
        tx.update("INSERT INTO " + table + " (account_id, region, configuration_set, name, definition, created_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (account_id, region, configuration_set, name) "
                        + "DO UPDATE SET definition = excluded.definition",
                accountId, region, set, destination.name(), destination.definition().toString(), now);
    }

    public void delete(Tx tx, String accountId, String region, String set, String name) throws SQLException {
        tx.update("DELETE FROM " + table + " WHERE account_id = ? AND region = ? AND configuration_set = ? AND name = ?",
                accountId, region, set, name);
    }

    public void deleteAll(Tx tx, String accountId, String region, String set) throws SQLException {
        tx.update("DELETE FROM " + table + " WHERE account_id = ? AND region = ? AND configuration_set = ?",
                accountId, region, set);
    }

    /** Whether a stored definition is enabled and its MatchingEventTypes name the type. */
    public static boolean wants(Destination destination, String eventType) {
        boolean matching = false;
        for (var type : destination.definition().path("MatchingEventTypes")) {
            matching |= type.asText().equals(eventType);
        }
        return matching && destination.definition().path("Enabled").asBoolean(false);
    }
}
