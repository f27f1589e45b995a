// SPDX-License-Identifier: Apache-2.0
package dev.waymark.trail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;


/**
 * Whether a trail's event selectors take an event (cloudtrail.md §7.6). Every event Waymark records is a
 * management event. No selectors: every event. Basic selectors: IncludeManagementEvents, ReadWriteType and
 * ExcludeManagementEventSources. Advanced selectors: all field conditions of one selector hold, on eventCategory,
 * readOnly, eventSource and eventName; a selector on data-event fields takes no management event.
 */
final class SelectorFilter {
    private final JsonNode basic;
    private final JsonNode advanced;

    private SelectorFilter(JsonNode basic, JsonNode advanced) {
        this.basic = basic;
        this.advanced = advanced;
    }

    static SelectorFilter of(Trail trail) {
        return new SelectorFilter(parse(trail.eventSelectors().orElse(null)), parse(trail.advancedSelectors().orElse(null)));
    }

    boolean takes(String eventSource, String eventName, boolean readOnly) {
        if (advanced != null) {
            for (JsonNode selector : advanced) {
                if (advancedTakes(selector, eventSource, eventName, readOnly)) {
                    return true;
                }
            }
            return false;
        }
        if (basic == null) {
            return true;
        }
        for (JsonNode selector : basic) {
            String readWrite = selector.path("ReadWriteType").asText("All");
            boolean typeMatches = readWrite.equals("All") || (readWrite.equals("ReadOnly") == readOnly);
            boolean excluded = false;
            for (JsonNode source : selector.path("ExcludeManagementEventSources")) {
                excluded |= source.asText().equals(eventSource);
            }
            if (selector.path("IncludeManagementEvents").asBoolean(true) && typeMatches && !excluded) {
                return true;
            }
        }
        return false;
    }

    private static boolean advancedTakes(JsonNode selector, String eventSource, String eventName, boolean readOnly) {
        for (JsonNode field : selector.path("FieldSelectors")) {
            String value = switch (field.path("Field").asText()) {
                case "eventCategory" -> "Management";
                case "readOnly" -> Boolean.toString(readOnly);
                case "eventSource" -> eventSource;
                case "eventName" -> eventName;
                default -> null;
            };
            if (value == null || !holds(field, value)) {
                return false;
            }
        }
        return true;
    }

    private static boolean holds(JsonNode field, String value) {
        return any(field, "Equals", value::equals, true) && any(field, "StartsWith", value::startsWith, true)
                && any(field, "EndsWith", value::endsWith, true) && !any(field, "NotEquals", value::equals, false)
                && !any(field, "NotStartsWith", value::startsWith, false) && !any(field, "NotEndsWith", value::endsWith, false);
    }

    /** Whether any listed value passes the test; {@code absent} when the operator is not used. */
    private static boolean any(JsonNode field, String operator, java.util.function.Predicate<String> test, boolean absent) {
        if (!field.has(operator)) {
            return absent;
        }
        for (JsonNode candidate : field.get(operator)) {
            if (test.test(candidate.asText())) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode parse(String json) {
        if (json == null) {
            return null;
        }
        try {
            return TrailsApi.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
