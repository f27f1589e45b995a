// SPDX-License-Identifier: Apache-2.0
package dev.waymark.pinpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.store.Tx;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Import and export jobs (table {@code pinpoint_job}); a job's document is its ImportJobResponse or
 * ExportJobResponse. Stateless.
 */
final class JobRepository {
    static final String IMPORT = "IMPORT";
    static final String EXPORT = "EXPORT";
    private static final String BY_APP = " WHERE account_id = ? AND region = ? AND app_id = ?";

    /** A job as the runner sees it. */
    record Job(long seq, String accountId, String region, String appId, String id, String type, ObjectNode document) {
    }

    void insert(Tx tx, App app, String type, String segmentId, ObjectNode document) throws SQLException {
        tx.update("INSERT INTO pinpoint_job (account_id, region, app_id, id, type, segment_id, status, document) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", app.accountId(), app.region(), app.id(),
                document.get("Id").asText(), type, segmentId, document.get("JobStatus").asText(), document.toString());
    }

    Optional<ObjectNode> find(Tx tx, App app, String type, String id) throws SQLException {
        return tx.queryOne("SELECT document FROM pinpoint_job" + BY_APP + " AND id = ? AND type = ?",
                rs -> parse(rs.getString(1)), app.accountId(), app.region(), app.id(), id, type);
    }

    /** The application's jobs of a type (of one segment when given), newest first, before the given position. */
    List<Pages.Entry> page(Tx tx, App app, String type, Optional<String> segmentId, long before, int limit) throws SQLException {
        List<Object> args = new java.util.ArrayList<>(List.of(app.accountId(), app.region(), app.id(), type));
        segmentId.ifPresent(args::add);
        args.addAll(List.of(before, limit));
        return tx.query("SELECT seq, document FROM pinpoint_job" + BY_APP + " AND type = ?"
                        + (segmentId.isPresent() ? " AND segment_id = ?" : "") + " AND seq < ? ORDER BY seq DESC LIMIT ?",
                rs -> new Pages.Entry(rs.getLong(1), parse(rs.getString(2))), args.toArray());
    }

    /** Jobs not finished yet, oldest first. */
    List<Job> pending(Tx tx, int limit) throws SQLException {
        return tx.query("SELECT seq, account_id, region, app_id, id, type, document FROM pinpoint_job "
                + "WHERE status IN ('CREATED', 'PROCESSING') ORDER BY seq LIMIT ?", JobRepository::job, limit);
    }

    void save(Tx tx, Job job, ObjectNode document) throws SQLException {
        tx.update("UPDATE pinpoint_job SET status = ?, document = ? WHERE seq = ?", document.get("JobStatus").asText(),
                document.toString(), job.seq());
    }

    /** Deletes the jobs of applications that no longer exist and the members of segments that no longer exist. */
    void sweep(Tx tx) throws SQLException {
        tx.update("DELETE FROM pinpoint_job WHERE NOT EXISTS (SELECT 1 FROM pinpoint_app a WHERE a.account_id = "
                + "pinpoint_job.account_id AND a.region = pinpoint_job.region AND a.id = pinpoint_job.app_id)");
        tx.update("DELETE FROM pinpoint_segment_member WHERE NOT EXISTS (SELECT 1 FROM pinpoint_segment s WHERE "
                + "s.account_id = pinpoint_segment_member.account_id AND s.region = pinpoint_segment_member.region "
                + "AND s.app_id = pinpoint_segment_member.app_id AND s.id = pinpoint_segment_member.segment_id)");
    }

    private static Job job(ResultSet rs) throws SQLException {
        return new Job(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), parse(rs.getString(7)));
    }

    private static ObjectNode parse(String json) {
        try {
            return (ObjectNode) AppsApi.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored job is corrupt", e);
        }
    }
}
