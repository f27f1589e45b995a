// SPDX-License-Identifier: Apache-2.0
package dev.waymark.pinpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.store.GroupCommitStore;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Property test of {@link SegmentEngine}: on seeded random endpoint sets and random segments (every dimension kind,
 * groups with base segments and their versions), the engine's members equal those of a brute-force evaluator
 * written here from the Pinpoint semantics, over plain Java values rather than the stored JSON.
 */
class SegmentEngineTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final List<String> CHANNELS = List.of("SMS", "EMAIL", "APNS", "GCM");
    private static final List<String> PLATFORMS = List.of("ios", "android", "web");
    private static final List<String> MAKES = List.of("Apple", "Samsung", "Google");
    private static final List<String> COUNTRIES = List.of("USA", "DEU", "FRA", "JPN");
    private static final List<String> COLOURS = List.of("red", "green", "blue", "dark-red");
    private static final List<String> DAYS = List.of("2026-03-01", "2026-03-15", "2026-06-30", "2026-11-01");
    private static final List<String> KINDS = List.of("INCLUSIVE", "EXCLUSIVE", "CONTAINS", "BEFORE", "AFTER", "ON", "BETWEEN");
    private static final List<String> OPERATORS = List.of("GREATER_THAN", "LESS_THAN", "GREATER_THAN_OR_EQUAL",
            "LESS_THAN_OR_EQUAL", "EQUAL");
    private static final Map<String, Duration> RECENCY = Map.of("HR_24", Duration.ofHours(24), "DAY_7", Duration.ofDays(7),
            "DAY_14", Duration.ofDays(14), "DAY_30", Duration.ofDays(30));
    private static final List<String> HOW = List.of("ALL", "ANY", "NONE");

    record Ep(String id, String channel, String platform, String make, String country, Double lat, Double lon,
              Map<String, List<String>> attributes, Map<String, List<String>> userAttributes, Map<String, Double> metrics,
              long activeAt) {
    }

    sealed interface Crit permits SetCrit, AttrCrit, MetricCrit, GpsCrit, RecencyCrit {
    }

    record SetCrit(String field, boolean inclusive, List<String> values) implements Crit {
    }

    record AttrCrit(boolean user, String name, String type, List<String> values) implements Crit {
    }

    record MetricCrit(String name, String operator, double value) implements Crit {
    }

    record GpsCrit(double lat, double lon, double range) implements Crit {
    }

    record RecencyCrit(boolean active, String duration) implements Crit {
    }

    record Ref(String id, Integer version) {
    }

    record Group(List<Ref> sources, String sourceType, List<List<Crit>> dimensions, String type) {
    }

    record Seg(List<Crit> dimensions, List<Group> groups, String include) {
    }

    @Test
    void engineAgreesWithBruteForceOnRandomSegments() throws Exception {
        Random random = new Random(20261201L);
        try (GroupCommitStore store = GroupCommitStore.sqlite(Files.createTempDirectory("segments").resolve("db"), 1)) {
            EndpointRepository endpoints = new EndpointRepository();
            SegmentRepository segments = new SegmentRepository();
            SegmentEngine engine = new SegmentEngine(segments, endpoints);
            int partial = 0;
            for (int round = 0; round < 300; round++) {
                partial += runCase(random, round, store, endpoints, segments, engine) ? 1 : 0;
            }
            assertTrue(partial > 100, "only " + partial + " of 300 segments held for some but not all endpoints");
        }
    }

    /** Runs one case; true when the segment held for some endpoints but not all (an informative case). */
    private static boolean runCase(Random random, int round, GroupCommitStore store, EndpointRepository endpoints,
                                SegmentRepository segments, SegmentEngine engine) {
        App app = new App("123456789012", "us-east-1", "app" + round, "p", "2026-01-01T00:00:00.000Z");
        List<Ep> population = new ArrayList<>();
        for (int i = 0, n = 20 + random.nextInt(60); i < n; i++) {
            population.add(endpoint(random, i));
        }
        Map<String, Map<Integer, Seg>> bases = new HashMap<>();
        for (int b = 0; b < 2; b++) {
            Map<Integer, Seg> versions = new HashMap<>();
            versions.put(1, new Seg(dimensions(random), null, "ALL"));
            if (random.nextBoolean()) {
                versions.put(2, new Seg(dimensions(random), null, "ALL"));
            }
            bases.put("base" + b, versions);
        }
        Seg segment = segment(random, bases);
        List<String> actual = store.write(tx -> {
            for (Ep ep : population) {
                ObjectNode document = document(ep);
                endpoints.save(tx, app, ep.id().toLowerCase(java.util.Locale.ROOT), ep.activeAt(), document, document.toString());
            }
            for (Map.Entry<String, Map<Integer, Seg>> base : bases.entrySet()) {
                segments.insert(tx, app, base.getKey(), json(base.getKey(), 1, base.getValue().get(1)));
                if (base.getValue().containsKey(2)) {
                    segments.update(tx, app, base.getKey(), json(base.getKey(), 2, base.getValue().get(2)));
                }
            }
            return engine.evaluate(tx, app.accountId(), app.region(), app.id(), json("s", 1, segment), NOW);
        });
        Set<String> expected = new TreeSet<>();
        for (Ep ep : population) {
            if (matches(segment, ep, bases)) {
                expected.add(ep.id());
            }
        }
        assertEquals(expected, new TreeSet<>(actual), "round " + round + ": " + segment);
        return !expected.isEmpty() && expected.size() < population.size();
    }

    // ---- random endpoints and segments

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static <T> T maybe(Random random, T value) {
        return random.nextInt(5) == 0 ? null : value;
    }

    private static Ep endpoint(Random random, int i) {
        Map<String, List<String>> attributes = new HashMap<>();
        if (random.nextBoolean()) {
            attributes.put("colour", random.nextBoolean() ? List.of(pick(random, COLOURS)) : List.of(pick(random, COLOURS), pick(random, COLOURS)));
        }
        if (random.nextBoolean()) {
            String day = pick(random, DAYS);
            attributes.put("signup", List.of(random.nextInt(4) == 0 ? "soon" : random.nextBoolean() ? day : day + "T10:30:00Z"));
        }
        Map<String, List<String>> user = new HashMap<>();
        if (random.nextBoolean()) {
            user.put("plan", List.of(pick(random, List.of("free", "gold", "platinum"))));
        }
        Map<String, Double> metrics = new HashMap<>();
        if (random.nextBoolean()) {
            metrics.put("visits", (double) random.nextInt(5));
        }
        boolean located = random.nextInt(4) != 0;
        long activeAt = NOW.minus(Duration.ofHours(random.nextInt(24 * 40))).toEpochMilli();
        return new Ep("E-" + i, maybe(random, pick(random, CHANNELS)), maybe(random, pick(random, PLATFORMS)),
                maybe(random, pick(random, MAKES)), maybe(random, pick(random, COUNTRIES)),
                located ? 40 + random.nextDouble() * 10 : null, located ? -5 + random.nextDouble() * 10 : null,
                attributes, user, metrics, activeAt);
    }

    private static List<Crit> dimensions(Random random) {
        List<Crit> crits = new ArrayList<>();
        if (random.nextInt(3) == 0) {
            crits.add(new SetCrit("Channel", random.nextBoolean(), List.of(pick(random, CHANNELS), pick(random, CHANNELS))));
        }
        if (random.nextInt(3) == 0) {
            crits.add(new SetCrit(pick(random, List.of("Platform", "Make", "Country")), random.nextBoolean(),
                    List.of(pick(random, PLATFORMS), pick(random, MAKES), pick(random, COUNTRIES))));
        }
        if (random.nextInt(3) == 0) {
            String kind = pick(random, List.of("INCLUSIVE", "EXCLUSIVE", "CONTAINS"));
            crits.add(new AttrCrit(false, "colour", kind, kind.equals("CONTAINS") ? List.of("red") : List.of(pick(random, COLOURS))));
        }
        if (random.nextInt(3) == 0) {
            String kind = pick(random, KINDS.subList(3, 7));
            List<String> days = new ArrayList<>(List.of(pick(random, DAYS), pick(random, DAYS)));
            days.sort(null);
            crits.add(new AttrCrit(false, "signup", kind, kind.equals("BETWEEN") ? days : List.of(days.get(0))));
        }
        if (random.nextInt(4) == 0) {
            crits.add(new AttrCrit(true, "plan", pick(random, KINDS.subList(0, 3)), List.of(pick(random, List.of("gold", "free", "plat")))));
        }
        if (random.nextInt(4) == 0) {
            crits.add(new MetricCrit("visits", pick(random, OPERATORS), random.nextInt(5)));
        }
        if (random.nextInt(4) == 0) {
            crits.add(new GpsCrit(45, 0, random.nextInt(800)));
        }
        if (random.nextInt(4) == 0) {
            crits.add(new RecencyCrit(random.nextBoolean(), pick(random, List.copyOf(new TreeSet<>(RECENCY.keySet())))));
        }
        return crits;
    }

    private static Seg segment(Random random, Map<String, Map<Integer, Seg>> bases) {
        int shape = random.nextInt(3);
        List<Crit> dimensions = shape == 1 ? null : dimensions(random);
        if (shape == 0) {
            return new Seg(dimensions, null, "ALL");
        }
        List<Group> groups = new ArrayList<>();
        for (int g = 0, n = 1 + random.nextInt(2); g < n; g++) {
            List<Ref> sources = new ArrayList<>();
            for (int s = 0, m = random.nextInt(3); s < m; s++) {
                String id = random.nextInt(8) == 0 ? "gone" : pick(random, List.copyOf(new TreeSet<>(bases.keySet())));
                Integer version = random.nextBoolean() ? null : 1 + random.nextInt(bases.getOrDefault(id, Map.of(1, new Seg(null, null, "ALL"))).size());
                sources.add(new Ref(id, version));
            }
            List<List<Crit>> groupDimensions = new ArrayList<>();
            for (int d = 0, m = random.nextInt(3); d < m; d++) {
                groupDimensions.add(dimensions(random));
            }
            groups.add(new Group(sources, pick(random, HOW), groupDimensions, pick(random, HOW)));
        }
        return new Seg(dimensions, groups, pick(random, HOW));
    }

    // ---- the brute-force evaluator

    private static boolean matches(Seg segment, Ep ep, Map<String, Map<Integer, Seg>> bases) {
        boolean dimensions = segment.dimensions() == null || segment.dimensions().stream().allMatch(c -> holds(c, ep));
        if (segment.groups() == null) {
            return dimensions;
        }
        List<Boolean> groups = new ArrayList<>();
        for (Group group : segment.groups()) {
            List<Boolean> sources = new ArrayList<>();
            for (Ref ref : group.sources()) {
                Map<Integer, Seg> versions = bases.get(ref.id());
                Seg base = versions == null ? null : versions.get(ref.version() == null ? versions.size() : ref.version());
                sources.add(base != null && matches(base, ep, bases));
            }
            List<Boolean> filters = new ArrayList<>();
            for (List<Crit> crits : group.dimensions()) {
                filters.add(crits.stream().allMatch(c -> holds(c, ep)));
            }
            groups.add((sources.isEmpty() || combine(group.sourceType(), sources)) && (filters.isEmpty() || combine(group.type(), filters)));
        }
        return dimensions && combine(segment.include(), groups);
    }

    private static boolean combine(String how, List<Boolean> values) {
        long yes = values.stream().filter(v -> v).count();
        return switch (how) {
            case "ALL" -> yes == values.size();
            case "ANY" -> yes > 0;
            default -> yes == 0;
        };
    }

    private static boolean holds(Crit crit, Ep ep) {
        if (crit instanceof SetCrit set) {
            String value = field(set.field(), ep);
            return set.inclusive() == (value != null && set.values().contains(value));
        }
        if (crit instanceof AttrCrit attr) {
            return attribute(attr, (attr.user() ? ep.userAttributes() : ep.attributes()).getOrDefault(attr.name(), List.of()));
        }
        if (crit instanceof MetricCrit metric) {
            return ep.metrics().containsKey(metric.name()) && compare(metric, ep.metrics().get(metric.name()));
        }
        if (crit instanceof GpsCrit gps) {
            return ep.lat() != null && distance(gps.lat(), gps.lon(), ep.lat(), ep.lon()) <= gps.range();
        }
        RecencyCrit recency = (RecencyCrit) crit;
        return recency.active() == (ep.activeAt() >= NOW.minus(RECENCY.get(recency.duration())).toEpochMilli());
    }

    private static String field(String name, Ep ep) {
        return switch (name) {
            case "Channel" -> ep.channel();
            case "Platform" -> ep.platform();
            case "Make" -> ep.make();
            default -> ep.country();
        };
    }

    private static boolean attribute(AttrCrit crit, List<String> values) {
        for (String value : values) {
            if (valueMatches(crit, value)) {
                return !crit.type().equals("EXCLUSIVE");
            }
        }
        return crit.type().equals("EXCLUSIVE");
    }

    private static boolean valueMatches(AttrCrit crit, String value) {
        if (crit.type().equals("INCLUSIVE") || crit.type().equals("EXCLUSIVE")) {
            return crit.values().contains(value);
        }
        if (crit.type().equals("CONTAINS")) {
            return crit.values().stream().anyMatch(value::contains);
        }
        Instant date = date(value);
        if (date == null) {
            return false;
        }
        Instant first = date(crit.values().get(0));
        return switch (crit.type()) {
            case "BEFORE" -> date.compareTo(first) < 0;
            case "AFTER" -> date.compareTo(first) > 0;
            case "ON" -> LocalDate.ofInstant(date, ZoneOffset.UTC).equals(LocalDate.ofInstant(first, ZoneOffset.UTC));
            default -> date.compareTo(first) >= 0 && date.compareTo(date(crit.values().get(1))) <= 0;
        };
    }

    private static Instant date(String text) {
        try {
            return text.contains("T") ? OffsetDateTime.parse(text).toInstant() : LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static boolean compare(MetricCrit crit, double value) {
        return switch (crit.operator()) {
            case "GREATER_THAN" -> value > crit.value();
            case "LESS_THAN" -> value < crit.value();
            case "GREATER_THAN_OR_EQUAL" -> value >= crit.value();
            case "LESS_THAN_OR_EQUAL" -> value <= crit.value();
            default -> value == crit.value();
        };
    }

    /** Spherical law of cosines (not the engine's haversine), in kilometres. */
    private static double distance(double lat1, double lon1, double lat2, double lon2) {
        double p1 = Math.toRadians(lat1);
        double p2 = Math.toRadians(lat2);
        double cos = Math.sin(p1) * Math.sin(p2) + Math.cos(p1) * Math.cos(p2) * Math.cos(Math.toRadians(lon2 - lon1));
        return 6371.0088 * Math.acos(Math.max(-1, Math.min(1, cos)));
    }

    // ---- the wire shapes the engine reads

    private static ObjectNode document(Ep ep) {
        ObjectNode node = JSON.createObjectNode();
        node.put("Id", ep.id());
        if (ep.channel() != null) {
            node.put("ChannelType", ep.channel());
        }
        ObjectNode demographic = node.putObject("Demographic");
        if (ep.platform() != null) {
            demographic.put("Platform", ep.platform());
        }
        if (ep.make() != null) {
            demographic.put("Make", ep.make());
        }
        ObjectNode location = node.putObject("Location");
        if (ep.country() != null) {
            location.put("Country", ep.country());
        }
        if (ep.lat() != null) {
            location.put("Latitude", ep.lat()).put("Longitude", ep.lon());
        }
        node.set("Attributes", JSON.valueToTree(ep.attributes()));
        node.putObject("User").set("UserAttributes", JSON.valueToTree(ep.userAttributes()));
        node.set("Metrics", JSON.valueToTree(ep.metrics()));
        return node;
    }

    private static ObjectNode json(String id, int version, Seg segment) {
        ObjectNode node = JSON.createObjectNode();
        node.put("Id", id).put("Version", version);
        if (segment.dimensions() != null) {
            node.set("Dimensions", dimensionsJson(segment.dimensions()));
        }
        if (segment.groups() != null) {
            ObjectNode groupList = node.putObject("SegmentGroups");
            groupList.put("Include", segment.include());
            ArrayNode groups = groupList.putArray("Groups");
            for (Group group : segment.groups()) {
                ObjectNode g = groups.addObject();
                g.put("SourceType", group.sourceType()).put("Type", group.type());
                ArrayNode sources = g.putArray("SourceSegments");
                for (Ref ref : group.sources()) {
                    ObjectNode r = sources.addObject().put("Id", ref.id());
                    if (ref.version() != null) {
                        r.put("Version", ref.version());
                    }
                }
                ArrayNode dimensions = g.putArray("Dimensions");
                group.dimensions().forEach(d -> dimensions.add(dimensionsJson(d)));
            }
        }
        return node;
    }

    private static ObjectNode dimensionsJson(List<Crit> crits) {
        ObjectNode node = JSON.createObjectNode();
        for (Crit crit : crits) {
            if (crit instanceof SetCrit set) {
                ObjectNode parent = set.field().equals("Country") ? node.with("Location") : node.with("Demographic");
                ObjectNode dimension = parent.putObject(set.field());
                dimension.put("DimensionType", set.inclusive() ? "INCLUSIVE" : "EXCLUSIVE");
                dimension.set("Values", JSON.valueToTree(set.values()));
            } else if (crit instanceof AttrCrit attr) {
                ObjectNode dimension = node.with(attr.user() ? "UserAttributes" : "Attributes").putObject(attr.name());
                dimension.put("AttributeType", attr.type()).set("Values", JSON.valueToTree(attr.values()));
            } else if (crit instanceof MetricCrit metric) {
                node.with("Metrics").putObject(metric.name()).put("ComparisonOperator", metric.operator()).put("Value", metric.value());
            } else if (crit instanceof GpsCrit gps) {
                ObjectNode point = node.with("Location").putObject("GPSPoint");
                point.putObject("Coordinates").put("Latitude", gps.lat()).put("Longitude", gps.lon());
                point.put("RangeInKilometers", gps.range());
            } else {
                RecencyCrit recency = (RecencyCrit) crit;
                node.putObject("Behavior").putObject("Recency")
                        .put("Duration", recency.duration()).put("RecencyType", recency.active() ? "ACTIVE" : "INACTIVE");
            }
        }
        return node;
    }
}
