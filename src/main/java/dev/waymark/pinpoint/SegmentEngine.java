// SPDX-License-Identifier: Apache-2.0
package dev.waymark.pinpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.store.Tx;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The one segment evaluator: compiles a segment (its Dimensions and SegmentGroups, as SegmentResponse or
 * WriteSegmentRequest members) into a predicate over endpoints, then tests the endpoints of the application with
 * it in one pass over the endpoint rows, after SQL has set aside the rows the top-level set dimensions and recency
 * rule out ({@link SqlNarrowing}). Dimensions and SegmentGroups, when both are given, must both hold.
 * SegmentGroups combine their groups by Include (ALL, ANY, NONE; default ALL); a group holds for an endpoint when
 * its base population (SourceSegments combined by SourceType, default ALL; every endpoint when there are none)
 * holds and its Dimensions combined by Type (default ALL; true when there are none) hold. A base segment is the
 * given or current version of another segment of the same application, evaluated the same way; one that does not
 * exist (deleted) holds for no endpoint. An IMPORT segment holds for exactly its stored members (the endpoints its
 * import jobs imported, as of its version) that still exist. Campaigns and export jobs call {@link #evaluate}.
 * Stateless and thread-safe; the transaction given is only read.
 */
public final class SegmentEngine {
    private static final int MAX_DEPTH = 10;

    private final SegmentRepository segments;
    private final EndpointRepository endpoints;
    private final SegmentMembers members = new SegmentMembers();

    SegmentEngine(SegmentRepository segments, EndpointRepository endpoints) {
        this.segments = segments;
        this.endpoints = endpoints;
    }

    /** The ids of the application's endpoints in the segment at the given time, in endpoint creation order. */
    public List<String> evaluate(Tx tx, String accountId, String region, String appId, JsonNode segment, Instant now)
            throws SQLException {
        List<String> ids = new ArrayList<>();
        for (Member member : members(tx, accountId, region, appId, segment, now, 0, Integer.MAX_VALUE)) {
            ids.add(member.document().path("Id").asText());
        }
        return ids;
    }

    /** A member of a segment: its endpoint's row number (creation order) and EndpointResponse members. */
    record Member(long seq, ObjectNode document) {
    }

    /**
     * Up to {@code limit} members of the segment whose row number is above {@code afterSeq}, in row order: campaign
     * runs page through their segment with this, keeping the last row number as their place.
     */
    List<Member> members(Tx tx, String accountId, String region, String appId, JsonNode segment, Instant now,
                         long afterSeq, int limit) throws SQLException {
        Predicate<Candidate> test = compile(tx, new Scope(accountId, region, appId, now, false), segment, new HashSet<>(), 0);
        SqlNarrowing narrowing = SqlNarrowing.of(segment, now);
        List<Object> arguments = new ArrayList<>(narrowing.arguments());
        arguments.add(afterSeq);
        List<Member> found = new ArrayList<>();
        endpoints.scan(tx, accountId, region, appId, "(" + narrowing.condition() + ") AND seq > ?", arguments,
                (seq, activeAt, document) -> {
                    Candidate candidate = new Candidate(EndpointRepository.parse(document), activeAt);
                    if (test.test(candidate)) {
                        found.add(new Member(seq, (ObjectNode) candidate.document()));
                    }
                    return found.size() < limit;
                });
        return found;
    }

    /** Whether one endpoint (its EndpointResponse members, and when it was last active) is in the segment. */
    boolean holds(Tx tx, String accountId, String region, String appId, JsonNode segment, Instant now, JsonNode endpoint,
                  long activeAt) throws SQLException {
        return compile(tx, new Scope(accountId, region, appId, now, false), segment, new HashSet<>(), 0)
                .test(new Candidate(endpoint, activeAt));
    }

    /** Checks a segment's criteria, and that its base segments exist, without evaluating it. */
    void check(Tx tx, String accountId, String region, String appId, JsonNode segment, Instant now) throws SQLException {
        compile(tx, new Scope(accountId, region, appId, now, true), segment, new HashSet<>(), 0);
    }

    /** Where and when a segment is evaluated; strict when missing base segments are errors (checking a write). */
    private record Scope(String accountId, String region, String appId, Instant now, boolean strict) {
    }

    private Predicate<Candidate> compile(Tx tx, Scope scope, JsonNode segment, Set<String> path, int depth)
            throws SQLException {
        if ("IMPORT".equals(segment.path("SegmentType").asText())) {
            Set<String> keys = members.keys(tx, scope.accountId(), scope.region(), scope.appId(),
                    segment.path("Id").asText(), segment.path("Version").asInt(1));
            return c -> keys.contains(EndpointWriter.key(c.document().path("Id").asText()));
        }
        Predicate<Candidate> dimensions = segment.has("Dimensions")
                ? DimensionCompiler.compile(segment.get("Dimensions"), scope.now()) : c -> true;
        if (!segment.has("SegmentGroups")) {
            return dimensions;
        }
        JsonNode groupList = segment.get("SegmentGroups");
        List<Predicate<Candidate>> groups = new ArrayList<>();
        for (JsonNode group : groupList.path("Groups")) {
            groups.add(group(tx, scope, group, path, depth));
        }
        Predicate<Candidate> combined = combine(groupList.path("Include").asText("ALL"), groups, "Include");
        return dimensions.and(combined);
    }

    private Predicate<Candidate> group(Tx tx, Scope scope, JsonNode group, Set<String> path, int depth) throws SQLException {
        List<Predicate<Candidate>> sources = new ArrayList<>();
        for (JsonNode reference : group.path("SourceSegments")) {
            sources.add(source(tx, scope, reference, path, depth));
        }
        List<Predicate<Candidate>> dimensions = new ArrayList<>();
        for (JsonNode dimension : group.path("Dimensions")) {
            dimensions.add(DimensionCompiler.compile(dimension, scope.now()));
        }
        Predicate<Candidate> base = sources.isEmpty() ? c -> true : combine(group.path("SourceType").asText("ALL"), sources, "SourceType");
        Predicate<Candidate> filter = dimensions.isEmpty() ? c -> true : combine(group.path("Type").asText("ALL"), dimensions, "Type");
        return base.and(filter);
    }

    private Predicate<Candidate> source(Tx tx, Scope scope, JsonNode reference, Set<String> path, int depth)
            throws SQLException {
        String id = reference.path("Id").asText();
        if (depth >= MAX_DEPTH || path.contains(id)) {
            throw PinpointErrors.badRequest("Base segments nest too deeply or refer back to themselves: " + id);
        }
        Optional<? extends JsonNode> source = reference.has("Version")
                ? segments.findVersion(tx, scope.accountId(), scope.region(), scope.appId(), id, reference.get("Version").asInt())
                : segments.find(tx, scope.accountId(), scope.region(), scope.appId(), id);
        if (source.isEmpty() && scope.strict()) {
            throw PinpointErrors.badRequest("Base segment " + id + (reference.has("Version")
                    ? " version " + reference.get("Version").asInt() : "") + " does not exist");
        }
        if (source.isEmpty()) {
            return c -> false;
        }
        Set<String> inner = new HashSet<>(path);
        inner.add(id);
        return compile(tx, scope, source.get(), inner, depth + 1);
    }

    private static Predicate<Candidate> combine(String how, List<Predicate<Candidate>> parts, String member) {
        return switch (how) {
            case "ALL" -> c -> parts.stream().allMatch(p -> p.test(c));
            case "ANY" -> c -> parts.stream().anyMatch(p -> p.test(c));
            case "NONE" -> c -> parts.stream().noneMatch(p -> p.test(c));
            default -> throw PinpointErrors.badRequest(member + " '" + how + "' is not one of ALL, ANY, NONE");
        };
    }
}
