// SPDX-License-Identifier: Apache-2.0
package dev.waymark.pinpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.store.Tx;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Stores segments and every version of each (tables {@code pinpoint_segment}, {@code pinpoint_segment_version}); a
 * version's document is its SegmentResponse without tags.
 */
final class SegmentRepository {
    private static final String BY_APP = " WHERE account_id = ? AND region = ? AND app_id = ?";

    /** A page entry: the position it pages by (creation order or version number) and the document. */
    record Entry(long position, ObjectNode document) {
    }

    void insert(Tx tx, App app, String id, ObjectNode document) throws SQLException {
        long sequence = tx.queryLong("SELECT COALESCE(MAX(created_seq), 0) + 1 FROM pinpoint_segment" + BY_APP,
                app.accountId(), app.region(), app.id());
        tx.update("INSERT INTO pinpoint_segment (account_id, region, app_id, id, created_seq, version) VALUES (?, ?, ?, ?, ?, ?)",
                app.accountId(), app.region(), app.id(), id, sequence, document.path("Version").asInt());
        saveVersion(tx, app, id, document);
    }

    void update(Tx tx, App app, String id, ObjectNode document) throws SQLException {
        tx.update("UPDATE pinpoint_segment SET version = ?" + BY_APP + " AND id = ?",
                document.path("Version").asInt(), app.accountId(), app.region(), app.id(), id);
        saveVersion(tx, app, id, document);
    }

    private void saveVersion(Tx tx, App app, String id, ObjectNode document) throws SQLException {
        tx.update("INSERT INTO pinpoint_segment_version (account_id, region, app_id, id, version, document) VALUES (?, ?, ?, ?, ?, ?)",
                app.accountId(), app.region(), app.id(), id, document.path("Version").asInt(), document.toString());
    }

    /** The current version of the segment. */
    Optional<ObjectNode> find(Tx tx, String accountId, String region, String appId, String id) throws SQLException {
        return tx.queryOne("SELECT v.document FROM pinpoint_segment s JOIN pinpoint_segment_version v ON v.account_id = s.account_id "
                        + "AND v.region = s.region AND v.app_id = s.app_id AND v.id = s.id AND v.version = s.version "
                        + "WHERE s.account_id = ? AND s.region = ? AND s.app_id = ? AND s.id = ?",
                rs -> parse(rs.getString(1)), accountId, region, appId, id);
    }

    Optional<ObjectNode> findVersion(Tx tx, String accountId, String region, String appId, String id, int version)
            throws SQLException {
        return tx.queryOne("SELECT document FROM pinpoint_segment_version" + BY_APP + " AND id = ? AND version = ?",
                rs -> parse(rs.getString(1)), accountId, region, appId, id, version);
    }

    /** Current versions of the application's segments in creation order, after the given position. */
    List<Entry> page(Tx tx, App app, long after, int limit) throws SQLException {
        return tx.query("SELECT s.created_seq, v.document FROM pinpoint_segment s JOIN pinpoint_segment_version v "
                        + "ON v.account_id = s.account_id AND v.region = s.region AND v.app_id = s.app_id AND v.id = s.id "
                        + "AND v.version = s.version WHERE s.account_id = ? AND s.region = ? AND s.app_id = ? "
                        + "AND s.created_seq > ? ORDER BY s.created_seq LIMIT ?",
                rs -> new Entry(rs.getLong(1), parse(rs.getString(2))), app.accountId(), app.region(), app.id(), after, limit);
    }

    /** Versions of one segment in version order, after the given version. */
    List<Entry> versions(Tx tx, App app, String id, long after, int limit) throws SQLException {
        return tx.query("SELECT version, document FROM pinpoint_segment_version" + BY_APP + " AND id = ? AND version > ? "
                        + "ORDER BY version LIMIT ?",
                rs -> new Entry(rs.getLong(1), parse(rs.getString(2))), app.accountId(), app.region(), app.id(), id, after, limit);
    }

    void delete(Tx tx, App app, String id) throws SQLException {
        tx.update("DELETE FROM pinpoint_segment" + BY_APP + " AND id = ?", app.accountId(), app.region(), app.id(), id);
        tx.update("DELETE FROM pinpoint_segment_version" + BY_APP + " AND id = ?", app.accountId(), app.region(), app.id(), id);
    }

    private static ObjectNode parse(String json) {
        try {
            return (ObjectNode) AppsApi.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored segment is corrupt", e);
        }
    }
}
