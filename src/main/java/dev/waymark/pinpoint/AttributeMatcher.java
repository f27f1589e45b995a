// SPDX-License-Identifier: Apache-2.0
package dev.waymark.pinpoint;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Compiles an AttributeDimension into a test of an endpoint's values for one attribute (absent: no values).
 * INCLUSIVE: a value equals one of the criteria values; EXCLUSIVE: none does (endpoints without the attribute
 * included); CONTAINS: a value contains one of them; BEFORE, AFTER, ON: a value, read as an ISO 8601 date, is
 * before, after, or on the same UTC day as the first criteria value; BETWEEN: a value lies between the first and
 * the second, both included. Values that are not dates never match a date criterion.
 */
final class AttributeMatcher {
    static final List<String> TYPES = List.of("INCLUSIVE", "EXCLUSIVE", "CONTAINS", "BEFORE", "AFTER", "ON", "BETWEEN");

    private AttributeMatcher() {
    }

    static Predicate<JsonNode> compile(JsonNode dimension) {
        String type = dimension.path("AttributeType").asText("INCLUSIVE");
        List<String> criteria = new ArrayList<>();
        dimension.path("Values").forEach(value -> criteria.add(value.asText()));
        return switch (type) {
            case "INCLUSIVE" -> values -> any(values, criteria::contains);
            case "EXCLUSIVE" -> values -> !any(values, criteria::contains);
            case "CONTAINS" -> values -> any(values, v -> criteria.stream().anyMatch(v::contains));
            case "BEFORE" -> dated(date(criteria, 0), (value, bound) -> value.isBefore(bound));
            case "AFTER" -> dated(date(criteria, 0), (value, bound) -> value.isAfter(bound));
            case "ON" -> dated(date(criteria, 0), AttributeMatcher::sameDay);
            case "BETWEEN" -> between(date(criteria, 0), date(criteria, 1));
            default -> throw PinpointErrors.badRequest("AttributeType '" + type + "' is not one of " + String.join(", ", TYPES));
        };
    }

    /** Checks a dimension's values fit its type, as CreateSegment and UpdateSegment require. */
    static void check(String where, JsonNode dimension) {
        if (dimension.path("Values").isEmpty()) {
            throw PinpointErrors.badRequest(where + ": Values must not be empty");
        }
        compile(dimension);
    }

    private static boolean any(JsonNode values, Predicate<String> test) {
        for (JsonNode value : values) {
            if (test.test(value.asText())) {
                return true;
            }
        }
        return false;
    }

    private static Instant date(List<String> criteria, int index) {
        if (criteria.size() <= index) {
            throw PinpointErrors.badRequest("A date dimension needs " + (index + 1) + " value" + (index == 0 ? "" : "s"));
        }
        return Dates.parse(criteria.get(index))
                .orElseThrow(() -> PinpointErrors.badRequest("Not an ISO 8601 date: " + criteria.get(index)));
    }

    private interface DateTest {
        boolean test(Instant value, Instant bound);
    }

    private static Predicate<JsonNode> dated(Instant bound, DateTest test) {
        return values -> any(values, v -> Dates.parse(v).map(date -> test.test(date, bound)).orElse(false));
    }

    private static Predicate<JsonNode> between(Instant from, Instant to) {
        if (from.isAfter(to)) {
            throw PinpointErrors.badRequest("BETWEEN needs its first date before its second");
        }
        return values -> any(values, v -> {
            Optional<Instant> date = Dates.parse(v);
            return date.isPresent() && !date.get().isBefore(from) && !date.get().isAfter(to);
        });
    }

    private static boolean sameDay(Instant value, Instant bound) {
        return value.atZone(ZoneOffset.UTC).toLocalDate().equals(bound.atZone(ZoneOffset.UTC).toLocalDate());
    }
}
