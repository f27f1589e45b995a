// SPDX-License-Identifier: Apache-2.0
package dev.waymark.s3;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The expiration part of a lifecycle rule, as Waymark acts on it: an enabled rule, its filter (prefix and object
 * size bounds), and when its objects expire: {@code Days} after they were last written, rounded up to the next
 * midnight UTC as S3 rounds, or on a {@code Date}. Transitions are accepted and kept but do nothing (there is one
 * storage class); filters on object tags are refused, since objects have no tags here.
 */
record LifecycleRule(String id, boolean enabled, String prefix, OptionalLong largerThan, OptionalLong smallerThan,
                     OptionalLong days, Optional<Instant> date) {
    private static final int MAX_RULES = 1000;
    private static final int MAX_ID_LENGTH = 255;

    LifecycleRule {
        requireNonNull(id, "id is null");
        requireNonNull(prefix, "prefix is null");
        requireNonNull(largerThan, "largerThan is null");
        requireNonNull(smallerThan, "smallerThan is null");
        requireNonNull(days, "days is null");
        requireNonNull(date, "date is null");
    }

    /** Validates a lifecycle configuration (model member names) and reads its rules; S3's errors when invalid. */
    static List<LifecycleRule> parse(JsonNode configuration) {
        JsonNode rules = configuration.path("Rules");
        if (!rules.isArray() || rules.isEmpty() || rules.size() > MAX_RULES) {
            throw S3Errors.malformedXml();
        }
        List<LifecycleRule> result = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (JsonNode rule : rules) {
            LifecycleRule parsed = rule(rule);
            if (!parsed.id().isEmpty() && !ids.add(parsed.id())) {
                throw S3Errors.invalidArgument("Rule ID must be unique. Found same ID for more than one rule");
            }
            result.add(parsed);
        }
        return List.copyOf(result);
    }

    private static LifecycleRule rule(JsonNode rule) {
        String id = rule.path("ID").asText("");
        if (id.length() > MAX_ID_LENGTH) {
            throw S3Errors.invalidArgument("ID length should not exceed allowed limit of 255");
        }
        String status = rule.path("Status").asText("");
        if (!status.equals("Enabled") && !status.equals("Disabled")) {
            throw S3Errors.malformedXml();
        }
        if (rule.has("Filter") == rule.has("Prefix")) {
            // A rule names its objects with a Filter, or with the older Prefix: exactly one of them.
            throw S3Errors.malformedXml();
        }
        boolean anyAction = rule.has("Expiration") || rule.has("Transitions") || rule.has("NoncurrentVersionExpiration")
                || rule.has("NoncurrentVersionTransitions") || rule.has("AbortIncompleteMultipartUpload");
        if (!anyAction) {
            throw S3Errors.invalidRequest("At least one action needs to be specified in a rule");
        }
        JsonNode filter = rule.has("Filter") ? rule.get("Filter") : rule;
        JsonNode bounds = filter.has("And") ? filter.get("And") : filter;
        if (filter.has("Tag") || bounds.has("Tags")) {
            throw S3Errors.notImplemented("Waymark does not implement lifecycle filters on object tags");
        }
        JsonNode expiration = rule.path("Expiration");
        OptionalLong days = expiration.has("Days") ? OptionalLong.of(expiration.get("Days").asLong()) : OptionalLong.empty();
        Optional<Instant> date = expiration.has("Date") ? Optional.of(Instant.parse(expiration.get("Date").asText()))
                : Optional.empty();
        if (days.isPresent() && days.getAsLong() <= 0) {
            throw S3Errors.invalidArgument("'Days' for Expiration action must be a positive integer");
        }
        if (date.isPresent() && !date.get().equals(date.get().truncatedTo(ChronoUnit.DAYS))) {
            throw S3Errors.invalidArgument("'Date' must be at midnight GMT");
        }
        if (days.isPresent() && date.isPresent()) {
            throw S3Errors.malformedXml();
        }
        return new LifecycleRule(id, status.equals("Enabled"), bounds.path("Prefix").asText(""),
                optionalLong(bounds, "ObjectSizeGreaterThan"), optionalLong(bounds, "ObjectSizeLessThan"), days, date);
    }

    private static OptionalLong optionalLong(JsonNode node, String field) {
        return node.has(field) ? OptionalLong.of(node.get(field).asLong()) : OptionalLong.empty();
    }

    /** Whether the rule expires objects at all. */
    boolean expires() {
        return enabled && (days.isPresent() || date.isPresent());
    }

    boolean matches(StoredObject object) {
        return object.key().startsWith(prefix)
                && (largerThan.isEmpty() || object.size() > largerThan.getAsLong())
                && (smallerThan.isEmpty() || object.size() < smallerThan.getAsLong());
    }

    /**
     * The latest last-modified time of an object that has expired by {@code now}: an object expires at the
     * midnight UTC following last-modified + Days, so it has expired when last-modified + Days is at or before
     * the last midnight. For a Date rule, every object has expired once the date has come.
     */
    Optional<Instant> cutoff(Instant now) {
        if (date.isPresent()) {
            return now.isBefore(date.get()) ? Optional.empty() : Optional.of(now);
        }
        Instant lastMidnight = now.truncatedTo(ChronoUnit.DAYS);
        return Optional.of(lastMidnight.minus(Duration.ofDays(days.getAsLong())));
    }
}
