// SPDX-License-Identifier: Apache-2.0
package dev.waymark.pinpoint;

import com.fasterxml.jackson.databind.JsonNode;
import dev.waymark.store.Tx;
import java.sql.SQLException;

/**
 * Stores the events PutEvents accepts (table {@code pinpoint_event}), for metrics, and prunes them past the
 * 90 days the KPIs can ask for.
 */
final class EventRepository {
    /** How long events are kept: Pinpoint's KPI ranges start less than 90 days ago. */
    static final java.time.Duration KEPT = java.time.Duration.ofDays(90);
    void insert(Tx tx, App app, String endpointKey, String eventId, long occurredAt, JsonNode event) throws SQLException {
        tx.update("INSERT INTO pinpoint_event (account_id, region, app_id, endpoint_key, event_id, event_type, occurred_at, "
                        + "session_id, document) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                app.accountId(), app.region(), app.id(), endpointKey, eventId, event.path("EventType").asText(), occurredAt,
                event.path("Session").path("Id").asText(null), event.toString());
    }

    /** The applications that have events older than the given time (one index probe per application). */
    java.util.List<App> withEventsBefore(Tx tx, long before) throws SQLException {
        return tx.query("SELECT a.account_id, a.region, a.id FROM pinpoint_app a WHERE EXISTS (SELECT 1 FROM pinpoint_event e "
                        + "WHERE e.account_id = a.account_id AND e.region = a.region AND e.app_id = a.id AND e.occurred_at < ?)",
                rs -> new App(rs.getString(1), rs.getString(2), rs.getString(3), "", ""), before);
    }

    /** Deletes up to {@code limit} of the application's events older than the given time; returns how many. */
    int prune(Tx tx, App app, long before, int limit) throws SQLException {
        return tx.update("DELETE FROM pinpoint_event WHERE seq IN (SELECT seq FROM pinpoint_event WHERE account_id = ? "
                + "AND region = ? AND app_id = ? AND occurred_at < ? LIMIT ?)", app.accountId(), app.region(), app.id(),
                before, limit);
    }
}
