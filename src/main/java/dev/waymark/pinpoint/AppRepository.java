// SPDX-License-Identifier: Apache-2.0
package dev.waymark.pinpoint;

import dev.waymark.store.Tx;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Stores applications, their settings and event streams (both as JSON), per account and region. */
final class AppRepository {
    private static final String COLUMNS = "account_id, region, id, name, created_at";

    void insert(Tx tx, App app) throws SQLException {
        long sequence = tx.queryLong("SELECT COALESCE(MAX(created_seq), 0) + 1 FROM pinpoint_app WHERE account_id = ? AND region = ?",
                app.accountId(), app.region());
        tx.update("INSERT INTO pinpoint_app (account_id, region, id, name, created_at, created_seq) VALUES (?, ?, ?, ?, ?, ?)",
                app.accountId(), app.region(), app.id(), app.name(), app.creationDate(), sequence);
    }

    Optional<App> find(Tx tx, String accountId, String region, String id) throws SQLException {
        return tx.queryOne("SELECT " + COLUMNS + " FROM pinpoint_app WHERE account_id = ? AND region = ? AND id = ?",
                AppRepository::app, accountId, region, id);
    }

    /** One page of applications in creation order, starting after the given sequence number. */
    List<Page> page(Tx tx, String accountId, String region, long afterSequence, int limit) throws SQLException {
        return tx.query("SELECT " + COLUMNS + ", created_seq FROM pinpoint_app WHERE account_id = ? AND region = ? "
                        + "AND created_seq > ? ORDER BY created_seq LIMIT ?",
                rs -> new Page(app(rs), rs.getLong(6)), accountId, region, afterSequence, limit);
    }

    record Page(App app, long sequence) {
    }

    /** The application's tables: what a deleted application takes with it. */
    private static final List<String> APP_DATA = List.of("pinpoint_endpoint", "pinpoint_attribute_name", "pinpoint_event",
            "pinpoint_segment", "pinpoint_segment_version", "pinpoint_segment_member", "pinpoint_job", "pinpoint_channel",
            "pinpoint_campaign", "pinpoint_campaign_version", "pinpoint_campaign_activity", "pinpoint_campaign_wave",
            "pinpoint_campaign_sent", "pinpoint_otp");

    /** Deletes the application with its endpoints, events, segments, campaigns, jobs, channels, and the tags of its segments and campaigns. */
    void delete(Tx tx, App app) throws SQLException {
        for (String table : APP_DATA) {
            tx.update("DELETE FROM " + table + " WHERE account_id = ? AND region = ? AND app_id = ?", app.accountId(),
                    app.region(), app.id());
        }
        tx.update("DELETE FROM resource_tag WHERE arn LIKE ? ESCAPE '\\'", app.arn().replace("_", "\\_") + "/%");
        tx.update("DELETE FROM pinpoint_app WHERE account_id = ? AND region = ? AND id = ?", app.accountId(), app.region(), app.id());
    }

    Optional<String> settings(Tx tx, App app) throws SQLException {
        return tx.queryOne("SELECT settings FROM pinpoint_app WHERE account_id = ? AND region = ? AND id = ?",
                rs -> rs.getString(1), app.accountId(), app.region(), app.id());
    }

    void saveSettings(Tx tx, App app, String json) throws SQLException {
        tx.update("UPDATE pinpoint_app SET settings = ? WHERE account_id = ? AND region = ? AND id = ?",
                json, app.accountId(), app.region(), app.id());
    }

    Optional<String> eventStream(Tx tx, App app) throws SQLException {
        return tx.queryOne("SELECT event_stream FROM pinpoint_app WHERE account_id = ? AND region = ? AND id = ?",
                rs -> rs.getString(1), app.accountId(), app.region(), app.id());
    }

    void saveEventStream(Tx tx, App app, String json) throws SQLException {
        tx.update("UPDATE pinpoint_app SET event_stream = ? WHERE account_id = ? AND region = ? AND id = ?",
                json, app.accountId(), app.region(), app.id());
    }

    private static App app(ResultSet rs) throws SQLException {
        return new App(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5));
    }
}
