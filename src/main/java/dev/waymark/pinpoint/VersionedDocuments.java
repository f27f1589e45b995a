// SPDX-License-Identifier: Apache-2.0
package dev.waymark.pinpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.store.Tx;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Stores documents of an application that keep every version — segments, campaigns — in two tables: the current
 * version of each ({@code <table>}: id, creation order, version) and each version's document
 * ({@code <table>_version}). A version's document is its response without tags. Stateless: safe to share.
 */
class VersionedDocuments {
    private static final String BY_APP = " WHERE account_id = ? AND region = ? AND app_id = ?";

    private final String table;
    private final String versions;
    private final String what;

    VersionedDocuments(String table, String what) {
        this.table = table;
        this.versions = table + "_version";
        this.what = what;
    }

    void insert(Tx tx, App app, String id, ObjectNode document) throws SQLException {
        long sequence = tx.queryLong("SELECT COALESCE(MAX(created_seq), 0) + 1 FROM " + table + BY_APP,
                app.accountId(), app.region(), app.id());
        tx.update("INSERT INTO " + table + " (account_id, region, app_id, id, created_seq, version) VALUES (?, ?, ?, ?, ?, ?)",
                app.accountId(), app.region(), app.id(), id, sequence, document.path("Version").asInt());
        saveVersion(tx, app, id, document);
    }

    void update(Tx tx, App app, String id, ObjectNode document) throws SQLException {
        tx.update("UPDATE " + table + " SET version = ?" + BY_APP + " AND id = ?",
                document.path("Version").asInt(), app.accountId(), app.region(), app.id(), id);
        saveVersion(tx, app, id, document);
    }

    private void saveVersion(Tx tx, App app, String id, ObjectNode document) throws SQLException {
        tx.update("INSERT INTO " + versions + " (account_id, region, app_id, id, version, document) VALUES (?, ?, ?, ?, ?, ?)",
                app.accountId(), app.region(), app.id(), id, document.path("Version").asInt(), document.toString());
    }

    /** The current version of the segment. */
    Optional<ObjectNode> find(Tx tx, String accountId, String region, String appId, String id) throws SQLException {
        return tx.queryOne("SELECT v.document FROM " + table + " s JOIN " + versions + " v ON v.account_id = s.account_id "
                        + "AND v.region = s.region AND v.app_id = s.app_id AND v.id = s.id AND v.version = s.version "
                        + "WHERE s.account_id = ? AND s.region = ? AND s.app_id = ? AND s.id = ?",
                rs -> parse(rs.getString(1)), accountId, region, appId, id);
    }

    Optional<ObjectNode> findVersion(Tx tx, String accountId, String region, String appId, String id, int version)
            throws SQLException {
        return tx.queryOne("SELECT document FROM " + versions + BY_APP + " AND id = ? AND version = ?",
                rs -> parse(rs.getString(1)), accountId, region, appId, id, version);
    }

    /** Current versions of the application's segments in creation order, after the given position. */
    List<Pages.Entry> page(Tx tx, App app, long after, int limit) throws SQLException {
        return tx.query("SELECT s.created_seq, v.document FROM " + table + " s JOIN " + versions + " v "
                        + "ON v.account_id = s.account_id AND v.region = s.region AND v.app_id = s.app_id AND v.id = s.id "
                        + "AND v.version = s.version WHERE s.account_id = ? AND s.region = ? AND s.app_id = ? "
                        + "AND s.created_seq > ? ORDER BY s.created_seq LIMIT ?",
                rs -> new Pages.Entry(rs.getLong(1), parse(rs.getString(2))), app.accountId(), app.region(), app.id(), after, limit);
    }

    /** Versions of one segment in version order, after the given version. */
    List<Pages.Entry> versions(Tx tx, App app, String id, long after, int limit) throws SQLException {
        return tx.query("SELECT version, document FROM " + versions + BY_APP + " AND id = ? AND version > ? "
                        + "ORDER BY version LIMIT ?",
                rs -> new Pages.Entry(rs.getLong(1), parse(rs.getString(2))), app.accountId(), app.region(), app.id(), id, after, limit);
    }

    void delete(Tx tx, App app, String id) throws SQLException {
        tx.update("DELETE FROM " + table + BY_APP + " AND id = ?", app.accountId(), app.region(), app.id(), id);
        tx.update("DELETE FROM " + versions + BY_APP + " AND id = ?", app.accountId(), app.region(), app.id(), id);
    }

    private ObjectNode parse(String json) {
        try {
            return (ObjectNode) AppsApi.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored " + what + " is corrupt", e);
        }
    }
}
