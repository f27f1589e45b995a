// SPDX-License-Identifier: Apache-2.0
package dev.waymark.pinpoint;

import com.fasterxml.jackson.databind.JsonNode;
import dev.waymark.store.Tx;
import java.sql.SQLException;

/** Stores the events PutEvents accepts (table {@code pinpoint_event}), for segment recency and metrics. */
final class EventRepository {
    void insert(Tx tx, App app, String endpointKey, String eventId, long occurredAt, JsonNode event) throws SQLException {
        tx.update("INSERT INTO pinpoint_event (account_id, region, app_id, endpoint_key, event_id, event_type, occurred_at, "
                        + "session_id, document) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                app.accountId(), app.region(), app.id(), endpointKey, eventId, event.path("EventType").asText(), occurredAt,
                event.path("Session").path("Id").asText(null), event.toString());
    }
}
