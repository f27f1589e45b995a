// SPDX-License-Identifier: Apache-2.0
package dev.waymark.audit;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.waymark.store.Tx;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the event history of one account and region, newest first, one page at a time from a position, filtered
 * by at most one lookup attribute and an inclusive time range. LookupEvents and the export read it alike; every
 * page is read straight off an index ending in (event_time, seq).
 */
public final class EventHistory {
    private static final com.fasterxml.jackson.databind.ObjectMapper RECORDS = new com.fasterxml.jackson.databind.ObjectMapper();
    private static final Map<String, String> COLUMNS = Map.of(
            "EventId", "e.event_id", "EventName", "e.event_name", "ReadOnly", "e.read_only",
            "Username", "e.username", "EventSource", "e.event_source", "AccessKeyId", "e.access_key_id",
            "ResourceType", "r.resource_type", "ResourceName", "r.resource_name");
    private static final String COLUMNS_SELECTED = "SELECT e.seq, e.event_id, e.event_name, e.read_only, "
            + "e.access_key_id, e.event_time, e.event_source, e.username, e.error_code, e.record ";
    private static final String AFTER = "(%1$s.event_time < ? OR (%1$s.event_time = ? AND %1$s.seq < ?)) ";

    /** A lookup attribute, checked: the key is one of the eight, ReadOnly is "true" or "false". */
    public record Attribute(String key, String value) {
        public Attribute {
            requireNonNull(key, "key is null");
            requireNonNull(value, "value is null");
            if (!COLUMNS.containsKey(key)) {
                throw new IllegalArgumentException("Invalid attribute key: " + key);
            }
            if (key.equals("ReadOnly") && !value.equals("true") && !value.equals("false")) {
                throw new IllegalArgumentException("ReadOnly must be true or false.");
            }
        }

        boolean onResources() {
            return key.startsWith("Resource");
        }

        Object sqlValue() {
            return key.equals("ReadOnly") ? (value.equals("true") ? 1 : 0) : value;
        }
    }

    /** What to read: an account and region, an optional attribute, and the time range in epoch milliseconds. */
    public record Filter(String accountId, String region, Optional<Attribute> attribute, long start, long end) {
    }

    /** Where a page starts: strictly older than this (time, seq). */
    public record Position(long eventTime, long seq) {
        public static final Position NEWEST = new Position(Long.MAX_VALUE, Long.MAX_VALUE);
    }

    /** An event as stored. */
    public record StoredEvent(long seq, String eventId, String eventName, boolean readOnly, String accessKeyId,
                              long eventTime, String eventSource, String username, String errorCode, String record) {
        public Position position() {
            return new Position(eventTime, seq);
        }
    }

    /** A resource of an event. */
    public record StoredResource(String type, String name) {
    }

    public List<StoredEvent> page(Tx tx, Filter filter, Position after, int limit) throws SQLException {
        Optional<Attribute> attribute = filter.attribute();
        if (attribute.isPresent() && attribute.get().onResources()) {
            return tx.query(COLUMNS_SELECTED + "FROM event_resource r JOIN event e ON e.seq = r.seq "
                            + "WHERE r.account_id = ? AND r.region = ? AND " + COLUMNS.get(attribute.get().key())
                            + " = ? AND r.event_time >= ? AND r.event_time <= ? AND " + AFTER.formatted("r")
                            + "ORDER BY r.event_time DESC, r.seq DESC LIMIT ?", EventHistory::event,
                    filter.accountId(), filter.region(), attribute.get().sqlValue(), filter.start(), filter.end(),
                    after.eventTime(), after.eventTime(), after.seq(), limit);
        }
        List<Object> args = new ArrayList<>(List.of(filter.accountId(), filter.region()));
        StringBuilder sql = new StringBuilder(COLUMNS_SELECTED).append("FROM event e WHERE e.account_id = ? AND e.region = ? ");
        if (attribute.isPresent()) {
            sql.append("AND ").append(COLUMNS.get(attribute.get().key())).append(" = ? ");
            args.add(attribute.get().sqlValue());
        }
        sql.append("AND e.event_time >= ? AND e.event_time <= ? AND ").append(AFTER.formatted("e"))
                .append("ORDER BY e.event_time DESC, e.seq DESC LIMIT ?");
        args.addAll(List.of(filter.start(), filter.end(), after.eventTime(), after.eventTime(), after.seq(), limit));
        return tx.query(sql.toString(), EventHistory::event, args.toArray());
    }

    /**
     * The resources of a page of events, by event sequence number: each record's {@code resources} (type and ARN),
     * in the record's order — the rows of {@code event_resource} are only the index LookupEvents searches by.
     */
    public Map<Long, List<StoredResource>> resources(Tx tx, List<StoredEvent> events) {
        Map<Long, List<StoredResource>> result = new java.util.HashMap<>();
        for (StoredEvent event : events) {
            JsonNode listed;
            try {
                listed = RECORDS.readTree(event.record()).path("resources");
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("stored record " + event.eventId() + " is not JSON", e);
            }
            List<StoredResource> resources = new ArrayList<>();
            listed.forEach(r -> resources.add(new StoredResource(r.path("type").asText(), r.path("ARN").asText())));
            if (!resources.isEmpty()) {
                result.put(event.seq(), resources);
            }
        }
        return result;
    }

    private static StoredEvent event(ResultSet rs) throws SQLException {
        return new StoredEvent(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4) == 1, rs.getString(5),
                rs.getLong(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10));
    }
}
