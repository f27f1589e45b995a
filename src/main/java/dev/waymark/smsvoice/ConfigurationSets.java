// SPDX-License-Identifier: Apache-2.0
package dev.waymark.smsvoice;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.waymark.channel.DestinationTable;
import dev.waymark.store.Tx;
import java.sql.SQLException;
import java.util.List;

/** Stores configuration sets, per account and region; their event destinations are {@link #DESTINATIONS}. */
final class ConfigurationSets {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final DestinationTable DESTINATIONS = new DestinationTable("smsvoice_event_destination");

    boolean exists(Tx tx, String accountId, String region, String name) throws SQLException {
        return tx.queryLong("SELECT COUNT(*) FROM smsvoice_configuration_set WHERE account_id = ? AND region = ? "
                + "AND name = ?", accountId, region, name) > 0;
    }

    void create(Tx tx, String accountId, String region, String name, long now) throws SQLException {
        tx.update("INSERT INTO smsvoice_configuration_set (account_id, region, name, created_at) VALUES (?, ?, ?, ?)",
                accountId, region, name, now);
    }

    /** Deletes the set and its event destinations. */
    void delete(Tx tx, String accountId, String region, String name) throws SQLException {
        DESTINATIONS.deleteAll(tx, accountId, region, name);
        tx.update("DELETE FROM smsvoice_configuration_set WHERE account_id = ? AND region = ? AND name = ?",
                accountId, region, name);
    }

    /** Names after {@code after} in name order, at most {@code limit}. */
    List<String> names(Tx tx, String accountId, String region, String after, int limit) throws SQLException {
        return tx.query("SELECT name FROM smsvoice_configuration_set WHERE account_id = ? AND region = ? AND name > ? "
                + "ORDER BY name LIMIT ?", rs -> rs.getString(1), accountId, region, after, limit);
    }

}
