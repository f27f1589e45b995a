// SPDX-License-Identifier: Apache-2.0
package dev.waymark.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.audit.EventHistory.Attribute;
import dev.waymark.audit.EventHistory.Filter;
import dev.waymark.audit.EventHistory.Position;
import dev.waymark.audit.EventHistory.StoredEvent;
import dev.waymark.core.AwsException;
import dev.waymark.core.Hashes;
import dev.waymark.core.Invocation;
import dev.waymark.core.SecretBox;
import dev.waymark.store.Tx;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * LookupEvents over the event history of the caller's account and region (cloudtrail.md §6): at most one lookup
 * attribute, an inclusive time range within the retention window, newest first, MaxResults 1–50, and an opaque
 * NextToken that is sealed with the master key and bound to the other parameters of the request.
 */
public final class LookupEventsApi {
    private final EventHistory history = new EventHistory();
    private final SecretBox tokens;
    private final Duration retention;
    private final LookupRateLimit rateLimit;

    public LookupEventsApi(SecretBox tokens, Duration retention, LookupRateLimit rateLimit) {
        this.tokens = tokens;
        this.retention = retention;
        this.rateLimit = rateLimit;
    }

    public ObjectNode lookupEvents(Invocation inv, Tx tx) throws SQLException {
        rateLimit.acquire(inv.accountId(), inv.region());
        JsonNode input = inv.input();
        Filter filter = filter(inv, input);
        int limit = maxResults(input);
        String fingerprint = fingerprint(inv, input);
        Position after = input.hasNonNull("NextToken") ? position(input.get("NextToken").asText(), fingerprint)
                : Position.NEWEST;
        boolean insight = category(input);
        List<StoredEvent> rows = insight ? List.of() : history.page(tx, filter, after, limit + 1);
        ObjectNode output = RecordBuilder.MAPPER.createObjectNode();
        ArrayNode events = output.putArray("Events");
        List<StoredEvent> page = rows.subList(0, Math.min(limit, rows.size()));
        java.util.Map<Long, List<EventHistory.StoredResource>> resources = history.resources(tx, page);
        for (StoredEvent row : page) {
            events.add(event(row, resources.getOrDefault(row.seq(), List.of())));
        }
        if (rows.size() > limit) {
            output.put("NextToken", token(fingerprint, rows.get(limit - 1).position()));
        }
        return output;
    }

    private Filter filter(Invocation inv, JsonNode input) {
        JsonNode attributes = input.path("LookupAttributes");
        if (attributes.size() > 1) {
            throw error("InvalidLookupAttributesException", "You can only specify one lookup attribute.");
        }
        Optional<Attribute> attribute = Optional.empty();
        if (attributes.size() == 1) {
            try {
                attribute = Optional.of(new Attribute(attributes.get(0).path("AttributeKey").asText(),
                        attributes.get(0).path("AttributeValue").asText()));
            } catch (IllegalArgumentException e) {
                throw error("InvalidLookupAttributesException", e.getMessage());
            }
        }
        long now = inv.time().toEpochMilli();
        long earliest = now - retention.toMillis();
        long start = input.has("StartTime") ? Instant.parse(input.get("StartTime").asText()).toEpochMilli() : earliest;
        long end = input.has("EndTime") ? Instant.parse(input.get("EndTime").asText()).toEpochMilli() : now;
        if (start > end) {
            throw error("InvalidTimeRangeException", "Start time must be before or equal to end time.");
        }
        return new Filter(inv.accountId(), inv.region(), attribute, Math.max(start, earliest), end);
    }

    private static int maxResults(JsonNode input) {
        int limit = input.has("MaxResults") ? input.get("MaxResults").asInt() : 50;
        if (limit < 1 || limit > 50) {
            throw error("InvalidMaxResultsException", "MaxResults must be between 1 and 50.");
        }
        return limit;
    }

    private static boolean category(JsonNode input) {
        String category = input.path("EventCategory").asText("");
        if (!category.isEmpty() && !category.equals("insight")) {
            throw error("InvalidEventCategoryException", "Invalid event category: " + category);
        }
        return category.equals("insight");
    }

    private static ObjectNode event(StoredEvent row, List<EventHistory.StoredResource> stored) {
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
        for (EventHistory.StoredResource resource : stored) {
            resources.addObject().put("ResourceType", resource.type()).put("ResourceName", resource.name());
        }
        event.put("CloudTrailEvent", row.record());
        return event;
    }

    /** A digest of everything but the token: a token is only good with the parameters it was issued for. */
    private static String fingerprint(Invocation inv, JsonNode input) {
        ObjectNode parameters = input.deepCopy();
        parameters.remove("NextToken");
        return Hashes.sha256Hex(inv.accountId() + "|" + inv.region() + "|" + inv.principal().arn() + "|" + parameters);
    }

    private String token(String fingerprint, Position position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(tokens.seal(
                (fingerprint + "|" + position.eventTime() + "|" + position.seq()).getBytes(StandardCharsets.UTF_8)));
    }

    private Position position(String token, String fingerprint) {
        try {
            String[] parts = new String(tokens.open(Base64.getUrlDecoder().decode(token)), StandardCharsets.UTF_8)
                    .split("\\|");
            if (parts.length != 3 || !parts[0].equals(fingerprint)) {
                throw new IllegalArgumentException("token issued for other parameters");
            }
            return new Position(Long.parseLong(parts[1]), Long.parseLong(parts[2]));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw error("InvalidNextTokenException", "Invalid NextToken. The token is malformed, or was issued for "
                    + "different request parameters.");
        }
    }

    private static AwsException error(String code, String message) {
        return AwsException.modelled(code, message);
    }
}
