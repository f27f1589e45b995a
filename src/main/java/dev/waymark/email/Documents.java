// SPDX-License-Identifier: Apache-2.0
package dev.waymark.email;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.store.Tx;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * A table of named resources of an account and region, each with its state as a JSON document (configuration
 * sets, dedicated IP pools, deliverability test reports), listed in name order, at most {@code max} per region.
 */
final class Documents {
    private final String table;
    private final String key;
    private final Optional<String> document;
    private final String what;
    private final long max;

    /** An entry: the resource's name and its document ({@code {}} for a table without one). */
    record Entry(String name, ObjectNode document) {
    }

    /** @param what the resource in error messages ("Configuration set") */
    Documents(String table, String key, Optional<String> document, String what, long max) {
        this.table = table;
        this.key = key;
        this.document = document;
        this.what = what;
        this.max = max;
    }

    /** The document of the named resource; NotFoundException when there is none. */
    ObjectNode require(Tx tx, String accountId, String region, String name) throws SQLException {
        return find(tx, accountId, region, name)
                .orElseThrow(() -> EmailErrors.notFound(what + " <" + name + "> does not exist."));
    }

    /** Creates the resource: AlreadyExistsException if it exists, LimitExceededException if the region is full. */
    void create(Tx tx, String accountId, String region, String name, ObjectNode state, long now) throws SQLException {
        if (exists(tx, accountId, region, name)) {
            throw EmailErrors.alreadyExists(what + " <" + name + "> already exists.");
        }
        if (count(tx, accountId, region) >= max) {
            throw EmailErrors.limitExceeded("Maximum number of " + what.toLowerCase(java.util.Locale.ROOT) + "s (" + max
                    + ") reached");
        }
        insert(tx, accountId, region, name, state, now);
    }

    Optional<ObjectNode> find(Tx tx, String accountId, String region, String name) throws SQLException {
        return tx.queryOne("SELECT " + document.orElse("'{}'") + " FROM " + table + " WHERE account_id = ? AND region = ? "
                + "AND " + key + " = ?", rs -> Json.parse(rs.getString(1)), accountId, region, name);
    }

    boolean exists(Tx tx, String accountId, String region, String name) throws SQLException {
        return find(tx, accountId, region, name).isPresent();
    }

    long count(Tx tx, String accountId, String region) throws SQLException {
        return tx.queryLong("SELECT COUNT(*) FROM " + table + " WHERE account_id = ? AND region = ?", accountId, region);
    }

    private void insert(Tx tx, String accountId, String region, String name, ObjectNode state, long now) throws SQLException {
        if (document.isPresent()) {
            tx.update("INSERT INTO " + table + " (account_id, region, " + key + ", " + document.get() + ", created_at) "
                    + "VALUES (?, ?, ?, ?, ?)", accountId, region, name, state.toString(), now);
        } else {
            tx.update("INSERT INTO " + table + " (account_id, region, " + key + ", created_at) VALUES (?, ?, ?, ?)",
                    accountId, region, name, now);
        }
    }

    void update(Tx tx, String accountId, String region, String name, ObjectNode state) throws SQLException {
        tx.update("UPDATE " + table + " SET " + document.orElseThrow() + " = ? WHERE account_id = ? AND region = ? AND "
                + key + " = ?", state.toString(), accountId, region, name);
    }

    void delete(Tx tx, String accountId, String region, String name) throws SQLException {
        tx.update("DELETE FROM " + table + " WHERE account_id = ? AND region = ? AND " + key + " = ?",
                accountId, region, name);
    }

    /** Entries after {@code after} in name order. */
    List<Entry> page(Tx tx, String accountId, String region, String after, int limit) throws SQLException {
        return tx.query("SELECT " + key + ", " + document.orElse("'{}'") + " FROM " + table + " WHERE account_id = ? "
                        + "AND region = ? AND " + key + " > ? ORDER BY " + key + " LIMIT ?",
                rs -> new Entry(rs.getString(1), Json.parse(rs.getString(2))), accountId, region, after, limit);
    }
}
