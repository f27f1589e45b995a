// SPDX-License-Identifier: Apache-2.0
package dev.waymark.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.core.AwsException;
import dev.waymark.core.Invocation;
import dev.waymark.core.SecretBox;
import dev.waymark.store.Tx;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * LookupEvents over the event history of the caller's account and region (cloudtrail.md §6): at most one lookup
 * attribute, an inclusive time range within the retention window, newest first, MaxResults 1–50, and an opaque
 * NextToken that is sealed with the master key and bound to the other parameters of the request.
 */
public final class LookupEventsApi {
    private static final Map<String, String> COLUMNS = Map.of(
            "EventId", "e.event_id", "EventName", "e.event_name", "ReadOnly", "e.read_only",
            "Username", "e.username", "EventSource", "e.event_source", "AccessKeyId", "e.access_key_id");
    private static final String SELECT = "SELECT e.seq, e.event_id, e.event_name, e.read_only, e.access_key_id, "
            + "e.event_time, e.event_source, e.username, e.record FROM event e ";
    private static final String SELECT_BY_RESOURCE = "SELECT e.seq, e.event_id, e.event_name, e.read_only, "
            + "e.access_key_id, e.event_time, e.event_source, e.username, e.record FROM event_resource r "
            + "JOIN event e ON e.seq = r.seq WHERE r.account_id = ? AND r.region = ? AND ";

    private final SecretBox tokens;
    private final Duration retention;

    public LookupEventsApi(SecretBox tokens, Duration retention) {
        this.tokens = tokens;
        this.retention = retention;
    }

    public ObjectNode lookupEvents(Invocation inv, Tx tx) throws SQLException {
        JsonNode input = inv.input();
        Query query = query(inv, input);
        List<Row> rows = fetch(tx, inv, query);
        ObjectNode output = RecordBuilder.MAPPER.createObjectNode();
        ArrayNode events = output.putArray("Events");
        for (Row row : rows.subList(0, Math.min(query.limit(), rows.size()))) {
            events.add(event(tx, row));
        }
        if (rows.size() > query.limit()) {
            Row last = rows.get(query.limit() - 1);
            output.put("NextToken", token(query.fingerprint(), last.eventTime(), last.seq()));
        }
        return output;
    }

    private record Query(String column, Object value, boolean resource, long start, long end, int limit,
                         String fingerprint, long afterTime, long afterSeq, boolean insight) {
    }

    private record Row(long seq, String eventId, String eventName, boolean readOnly, String accessKeyId,
                       long eventTime, String eventSource, String username, String record) {
    }

    private Query query(Invocation inv, JsonNode input) {
        JsonNode attributes = input.path("LookupAttributes");
        if (attributes.size() > 1) {
            throw error("InvalidLookupAttributesException", "You can only specify one lookup attribute.");
        }
        String column = null;
        Object value = null;
        boolean resource = false;
        if (attributes.size() == 1) {
            String key = attributes.get(0).path("AttributeKey").asText();
            String text = attributes.get(0).path("AttributeValue").asText();
            resource = key.equals("ResourceType") || key.equals("ResourceName");
            column = resource ? (key.equals("ResourceType") ? "r.resource_type" : "r.resource_name") : COLUMNS.get(key);
            if (column == null) {
                throw error("InvalidLookupAttributesException", "Invalid attribute key: " + key);
            }
            value = text;
            if (key.equals("ReadOnly")) {
                if (!text.equals("true") && !text.equals("false")) {
                    throw error("InvalidLookupAttributesException", "ReadOnly must be true or false.");
                }
                value = text.equals("true") ? 1 : 0;
            }
        }
        long now = inv.time().toEpochMilli();
        long earliest = now - retention.toMillis();
        long start = input.has("StartTime") ? Instant.parse(input.get("StartTime").asText()).toEpochMilli() : earliest;
        long end = input.has("EndTime") ? Instant.parse(input.get("EndTime").asText()).toEpochMilli() : now;
        if (start > end) {
            throw error("InvalidTimeRangeException", "Start time must be before or equal to end time.");
        }
        int limit = input.has("MaxResults") ? input.get("MaxResults").asInt() : 50;
        if (limit < 1 || limit > 50) {
            throw error("InvalidMaxResultsException", "MaxResults must be between 1 and 50.");
        }
        String category = input.path("EventCategory").asText("");
        if (!category.isEmpty() && !category.equals("insight")) {
            throw error("InvalidEventCategoryException", "Invalid event category: " + category);
        }
        ObjectNode parameters = input.deepCopy();
        parameters.remove("NextToken");
        String fingerprint = sha256(inv.accountId() + "|" + inv.region() + "|" + parameters);
        long afterTime = Long.MAX_VALUE;
        long afterSeq = Long.MAX_VALUE;
        if (input.hasNonNull("NextToken")) {
            long[] position = position(input.get("NextToken").asText(), fingerprint);
            afterTime = position[0];
            afterSeq = position[1];
        }
        return new Query(column, value, resource, Math.max(start, earliest), end, limit, fingerprint, afterTime,
                afterSeq, category.equals("insight"));
    }

    private static List<Row> fetch(Tx tx, Invocation inv, Query query) throws SQLException {
        if (query.insight()) {
            return List.of();
        }
        if (query.resource()) {
            return tx.query(SELECT_BY_RESOURCE + query.column() + " = ? AND r.event_time >= ? AND r.event_time <= ? "
                            + "AND (r.event_time < ? OR (r.event_time = ? AND r.seq < ?)) "
                            + "ORDER BY r.event_time DESC, r.seq DESC LIMIT ?", LookupEventsApi::row,
                    inv.accountId(), inv.region(), query.value(), query.start(), query.end(), query.afterTime(),
                    query.afterTime(), query.afterSeq(), query.limit() + 1);
        }
        List<Object> args = new ArrayList<>(List.of(inv.accountId(), inv.region()));
        StringBuilder sql = new StringBuilder(SELECT).append("WHERE e.account_id = ? AND e.region = ? ");
        if (query.column() != null) {
            sql.append("AND ").append(query.column()).append(" = ? ");
            args.add(query.value());
        }
        sql.append("AND e.event_time >= ? AND e.event_time <= ? AND (e.event_time < ? OR (e.event_time = ? AND e.seq < ?)) ")
                .append("ORDER BY e.event_time DESC, e.seq DESC LIMIT ?");
        args.addAll(List.of(query.start(), query.end(), query.afterTime(), query.afterTime(), query.afterSeq(),
                query.limit() + 1));
        return tx.query(sql.toString(), LookupEventsApi::row, args.toArray());
    }

    private static Row row(java.sql.ResultSet rs) throws SQLException {
        return new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4) == 1, rs.getString(5),
                rs.getLong(6), rs.getString(7), rs.getString(8), rs.getString(9));
    }

    private static ObjectNode event(Tx tx, Row row) throws SQLException {
        ObjectNode event = RecordBuilder.MAPPER.createObjectNode();
        event.put("EventId", row.eventId()).put("EventName", row.eventName())
                .put("ReadOnly", Boolean.toString(row.readOnly()));
        if (row.accessKeyId() != null && !row.accessKeyId().isEmpty()) {
            event.put("AccessKeyId", row.accessKeyId());
        }
        event.put("EventTime", Instant.ofEpochMilli(row.eventTime()).toString());
        event.put("EventSource", row.eventSource());
        if (row.username() != null) {
            event.put("Username", row.username());
        }
        ArrayNode resources = event.putArray("Resources");
        tx.query("SELECT resource_type, resource_name FROM event_resource WHERE seq = ?",
                rs -> resources.addObject().put("ResourceType", rs.getString(1)).put("ResourceName", rs.getString(2)),
                row.seq());
        event.put("CloudTrailEvent", row.record());
        return event;
    }

    private String token(String fingerprint, long eventTime, long seq) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                tokens.seal((fingerprint + "|" + eventTime + "|" + seq).getBytes(StandardCharsets.UTF_8)));
    }

    private long[] position(String token, String fingerprint) {
        try {
            String[] parts = new String(tokens.open(Base64.getUrlDecoder().decode(token)), StandardCharsets.UTF_8)
                    .split("\\|");
            if (parts.length != 3 || !parts[0].equals(fingerprint)) {
                throw new IllegalArgumentException("token issued for other parameters");
            }
            return new long[] {Long.parseLong(parts[1]), Long.parseLong(parts[2])};
        } catch (IllegalArgumentException | java.security.GeneralSecurityException e) {
            throw error("InvalidNextTokenException", "Invalid NextToken. The token is malformed, expired, or was "
                    + "issued for different request parameters.");
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static AwsException error(String code, String message) {
        return AwsException.modelled(code, message);
    }
}
