// SPDX-License-Identifier: Apache-2.0
package dev.waymark.pinpoint;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The part of a segment SQL can test on the endpoint columns, so that the engine reads and tests the JSON of only
 * the rows that can match: the set dimensions and the recency of the segment's top-level Dimensions, which every
 * member must satisfy. It states exactly what {@link DimensionCompiler} tests for those dimensions (which still
 * tests every row the SQL lets through), so it only saves work and never changes a result.
 */
record SqlNarrowing(String condition, List<Object> arguments) {
    private static final Map<String, String> SET_COLUMNS = Map.of("Channel", "channel_type", "Platform", "platform",
            "Make", "make", "Model", "model", "AppVersion", "app_version");

    SqlNarrowing {
        arguments = List.copyOf(arguments);
    }

    /** Narrowing for a segment whose criteria have already compiled (so they are valid). */
    static SqlNarrowing of(JsonNode segment, Instant now) {
        JsonNode dimensions = segment.path("Dimensions");
        List<String> parts = new ArrayList<>();
        List<Object> arguments = new ArrayList<>();
        for (Map.Entry<String, String> set : SET_COLUMNS.entrySet()) {
            set(parts, arguments, set.getValue(), dimensions.path("Demographic").path(set.getKey()));
        }
        set(parts, arguments, "country", dimensions.path("Location").path("Country"));
        JsonNode recency = dimensions.path("Behavior").path("Recency");
        Duration duration = DimensionCompiler.RECENCY.get(recency.path("Duration").asText());
        if (duration != null) {
            parts.add(recency.path("RecencyType").asText().equals("ACTIVE") ? "active_at >= ?" : "active_at < ?");
            arguments.add(now.minus(duration).toEpochMilli());
        }
        return new SqlNarrowing(parts.isEmpty() ? "1 = 1" : String.join(" AND ", parts), arguments);
    }

    private static void set(List<String> parts, List<Object> arguments, String column, JsonNode dimension) {
        if (dimension.path("Values").isEmpty()) {
            return;
        }
        StringBuilder list = new StringBuilder();
        for (JsonNode value : dimension.get("Values")) {
            list.append(list.length() == 0 ? "?" : ", ?");
            arguments.add(value.asText());
        }
        boolean exclusive = dimension.path("DimensionType").asText("INCLUSIVE").equals("EXCLUSIVE");
        parts.add(exclusive ? "(" + column + " IS NULL OR " + column + " NOT IN (" + list + "))" : column + " IN (" + list + ")");
    }
}
