// SPDX-License-Identifier: Apache-2.0
package dev.waymark.pinpoint;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Compiles one SegmentDimensions into a predicate over endpoints; every dimension given must hold. Demographic
 * AppVersion, Make, Model and Platform test the endpoint's Demographic, Channel its ChannelType, DeviceType a
 * device type endpoints do not carry (so INCLUSIVE never holds); Location Country tests Location.Country and
 * GPSPoint the great-circle distance from the coordinates (at most RangeInKilometers, default 0); Attributes and
 * UserAttributes as {@link AttributeMatcher}; Metrics compare the endpoint's metric (absent: no match);
 * Behavior.Recency whether the endpoint was active within the duration before {@code now}. Invalid criteria are
 * BadRequestException, so compiling is also how segments are validated.
 */
final class DimensionCompiler {
    private static final double EARTH_RADIUS_KM = 6371.0088;
    static final Map<String, Duration> RECENCY = Map.of("HR_24", Duration.ofHours(24), "DAY_7", Duration.ofDays(7),
            "DAY_14", Duration.ofDays(14), "DAY_30", Duration.ofDays(30));
    private static final Set<String> OPERATORS = Set.of("GREATER_THAN", "LESS_THAN", "GREATER_THAN_OR_EQUAL",
            "LESS_THAN_OR_EQUAL", "EQUAL");

    private DimensionCompiler() {
    }

    static Predicate<Candidate> compile(JsonNode dimensions, Instant now) {
        List<Predicate<Candidate>> all = new ArrayList<>();
        JsonNode demographic = dimensions.path("Demographic");
        set(all, demographic.path("AppVersion"), c -> c.document().path("Demographic").path("AppVersion"));
        set(all, demographic.path("Channel"), c -> c.document().path("ChannelType"));
        set(all, demographic.path("DeviceType"), c -> c.document().path("Demographic").path("DeviceType"));
        set(all, demographic.path("Make"), c -> c.document().path("Demographic").path("Make"));
        set(all, demographic.path("Model"), c -> c.document().path("Demographic").path("Model"));
        set(all, demographic.path("Platform"), c -> c.document().path("Demographic").path("Platform"));
        set(all, dimensions.path("Location").path("Country"), c -> c.document().path("Location").path("Country"));
        gps(all, dimensions.path("Location").path("GPSPoint"));
        attributes(all, dimensions.path("Attributes"), c -> c.document().path("Attributes"));
        attributes(all, dimensions.path("UserAttributes"), c -> c.document().path("User").path("UserAttributes"));
        metrics(all, dimensions.path("Metrics"));
        recency(all, dimensions.path("Behavior").path("Recency"), now);
        return candidate -> {
            for (Predicate<Candidate> test : all) {
                if (!test.test(candidate)) {
                    return false;
                }
            }
            return true;
        };
    }

    /**
     * The EventDimensions of an event-triggered campaign's EventFilter, over a candidate whose document is an event
     * ({@code EventType}, {@code Attributes} as lists of values, {@code Metrics}).
     */
    static Predicate<Candidate> compileEvent(JsonNode dimensions) {
        List<Predicate<Candidate>> all = new ArrayList<>();
        set(all, dimensions.path("EventType"), c -> c.document().path("EventType"));
        attributes(all, dimensions.path("Attributes"), c -> c.document().path("Attributes"));
        metrics(all, dimensions.path("Metrics"));
        return candidate -> all.stream().allMatch(test -> test.test(candidate));
    }

    private static void set(List<Predicate<Candidate>> all, JsonNode dimension, Function<Candidate, JsonNode> field) {
        if (dimension.isMissingNode()) {
            return;
        }
        String type = dimension.path("DimensionType").asText("INCLUSIVE");
        if (!type.equals("INCLUSIVE") && !type.equals("EXCLUSIVE")) {
            throw PinpointErrors.badRequest("DimensionType '" + type + "' is not one of INCLUSIVE, EXCLUSIVE");
        }
        Set<String> values = new HashSet<>();
        dimension.path("Values").forEach(value -> values.add(value.asText()));
        if (values.isEmpty()) {
            throw PinpointErrors.badRequest("A SetDimension needs Values");
        }
        boolean inclusive = type.equals("INCLUSIVE");
        all.add(c -> {
            JsonNode value = field.apply(c);
            return inclusive == (value.isTextual() && values.contains(value.asText()));
        });
    }

    private static void gps(List<Predicate<Candidate>> all, JsonNode point) {
        if (point.isMissingNode()) {
            return;
        }
        double latitude = point.path("Coordinates").path("Latitude").asDouble(Double.NaN);
        double longitude = point.path("Coordinates").path("Longitude").asDouble(Double.NaN);
        double range = point.path("RangeInKilometers").asDouble(0);
        if (!(Math.abs(latitude) <= 90) || !(Math.abs(longitude) <= 180) || !(range >= 0)) {
            throw PinpointErrors.badRequest("GPSPoint needs Coordinates (Latitude -90 to 90, Longitude -180 to 180) "
                    + "and a RangeInKilometers of 0 or more");
        }
        all.add(c -> {
            JsonNode location = c.document().path("Location");
            return location.path("Latitude").isNumber() && location.path("Longitude").isNumber()
                    && kilometres(latitude, longitude, location.get("Latitude").asDouble(), location.get("Longitude").asDouble()) <= range;
        });
    }

    /** The haversine great-circle distance between two points, in kilometres. */
    static double kilometres(double lat1, double lon1, double lat2, double lon2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double a = Math.pow(Math.sin(dLat / 2), 2)
                + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.pow(Math.sin(dLon / 2), 2);
        return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
    }

    private static void attributes(List<Predicate<Candidate>> all, JsonNode dimensions, Function<Candidate, JsonNode> values) {
        for (Map.Entry<String, JsonNode> dimension : dimensions.properties()) {
            AttributeMatcher.check(dimension.getKey(), dimension.getValue());
            Predicate<JsonNode> test = AttributeMatcher.compile(dimension.getValue());
            String name = dimension.getKey();
            all.add(c -> test.test(values.apply(c).path(name)));
        }
    }

    private static void metrics(List<Predicate<Candidate>> all, JsonNode dimensions) {
        for (Map.Entry<String, JsonNode> dimension : dimensions.properties()) {
            String operator = dimension.getValue().path("ComparisonOperator").asText();
            if (!OPERATORS.contains(operator) || !dimension.getValue().path("Value").isNumber()) {
                throw PinpointErrors.badRequest("Metric " + dimension.getKey() + " needs a Value and a ComparisonOperator of "
                        + String.join(", ", OPERATORS.stream().sorted().toList()));
            }
            double bound = dimension.getValue().get("Value").asDouble();
            String name = dimension.getKey();
            all.add(c -> {
                JsonNode metric = c.document().path("Metrics").path(name);
                return metric.isNumber() && compare(operator, metric.asDouble(), bound);
            });
        }
    }

    private static boolean compare(String operator, double value, double bound) {
        return switch (operator) {
            case "GREATER_THAN" -> value > bound;
            case "LESS_THAN" -> value < bound;
            case "GREATER_THAN_OR_EQUAL" -> value >= bound;
            case "LESS_THAN_OR_EQUAL" -> value <= bound;
            default -> value == bound;
        };
    }

    private static void recency(List<Predicate<Candidate>> all, JsonNode recency, Instant now) {
        if (recency.isMissingNode()) {
            return;
        }
        Duration duration = RECENCY.get(recency.path("Duration").asText());
        String type = recency.path("RecencyType").asText();
        if (duration == null || !(type.equals("ACTIVE") || type.equals("INACTIVE"))) {
            throw PinpointErrors.badRequest("Recency needs a Duration of HR_24, DAY_7, DAY_14 or DAY_30 and a RecencyType "
                    + "of ACTIVE or INACTIVE");
        }
        long since = now.minus(duration).toEpochMilli();
        boolean active = type.equals("ACTIVE");
        all.add(c -> active == (c.activeAt() >= since));
    }
}
