// SPDX-License-Identifier: Apache-2.0
package dev.waymark.trail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.waymark.s3.ObjectReader;
import dev.waymark.store.Store;
import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;

/**
 * {@code waymark validate-logs}: checks a trail's digests and log files as {@code aws cloudtrail validate-logs} does
 * (cloudtrail.md §4.6), in the embedded bucket store or in the external S3 store — standard digests, then backfill
 * digests, each chain walked newest first along its links: every digest is signed by a key of its region over the
 * right string, sits where it says, and lists log files whose SHA-256 matches. Beyond the CLI it checks that each
 * digest's previousDigestHashValue and previousDigestSignature match the previous digest, and reports as not found a
 * digest Waymark wrote that is no longer in the bucket (the CLI cannot see a deleted newest digest). Prints the
 * CLI's lines (INVALID ones on standard error) and its summary. Not thread-safe: one validation per instance.
 */
public final class LogValidator {
    private static final DateTimeFormatter KEY_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final int READERS = 8;

    private final Store store;
    private final LogSources objects;
    private final PrintStream out;
    private final PrintStream err;
    private int digestsValid;
    private int digestsInvalid;
    private int backfillsValid;
    private int backfillsInvalid;
    private int logsValid;
    private int logsInvalid;

    /** What is validated: a trail's digests of one source region in a time range. */
    private record Scope(Trail trail, String region, Instant start, boolean verbose, boolean progress,
                         DigestCheck check, ExecutorService readers) {
    }

    /** What the next digest of a chain must match: the previous-digest fields of the digest that links to it. */
    private record Expected(String hash, String signature) {
    }

    public LogValidator(Store store, ObjectReader embedded, Optional<ExternalBuckets> external, PrintStream out,
                        PrintStream err) {
        this.store = store;
        this.objects = new LogSources(store, embedded, external);
        this.out = out;
        this.err = err;
    }

    /**
     * Validates the digests of a source region (the trail's home region when empty) whose key time is in
     * [start, end + 1 hour], as the CLI selects them, and prints the results; returns true when nothing is invalid
     * or missing.
     */
    public boolean validate(String trailArn, Optional<String> sourceRegion, Optional<String> accountId, Instant start,
                            Instant end, boolean verbose, boolean progress) {
        Trail trail = trail(trailArn);
        String region = sourceRegion.orElse(trail.homeRegion());
        String member = accountId.orElse(trail.accountId());
        out.println("Validating log files for trail " + trailArn + " between " + start.truncatedTo(ChronoUnit.SECONDS)
                + " and " + end.truncatedTo(ChronoUnit.SECONDS));
        out.println();
        List<String> keys = digestKeys(trail, member, region, start, end);
        ExecutorService readers = Executors.newFixedThreadPool(READERS, runnable -> {
            Thread thread = new Thread(runnable, "validate-logs");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Scope scope = new Scope(trail, region, start, verbose, progress,
                    new DigestCheck(store, region, trail.bucket()), readers);
            walk(scope, keys.stream().filter(k -> !DigestCheck.isBackfill(k)).toList(), false);
            walk(scope, keys.stream().filter(DigestCheck::isBackfill).toList(), true);
        } finally {
            readers.shutdownNow();
        }
        summary(progress);
        return digestsInvalid == 0 && backfillsInvalid == 0 && logsInvalid == 0;
    }

    private Trail trail(String trailArn) {
        String[] parts = trailArn.split(":", 6);
        if (parts.length != 6 || !parts[4].matches("\\d{12}") || !parts[5].startsWith("trail/")) {
            throw new IllegalArgumentException("Invalid trail ARN provided: " + trailArn);
        }
        return store.read(tx -> new TrailRepository().find(tx, parts[4], parts[3], parts[5].substring("trail/".length())))
                .orElseThrow(() -> new IllegalArgumentException("A trail could not be found for " + trailArn));
    }

    /**
     * The trail's digest keys in the bucket, and those Waymark wrote there, with a key time in [start, end + 1 h],
     * newest first.
     */
    private List<String> digestKeys(Trail trail, String member, String region, Instant start, Instant end) {
        String folder = trail.prefix().map(p -> p + "/").orElse("") + "AWSLogs/"
                + Organizations.logsFolder(store.read(tx -> Organizations.ofTrail(tx, trail)), member)
                + "/CloudTrail-Digest/" + region + "/";
        Pattern ours = Pattern.compile(Pattern.quote(folder) + "\\d+/\\d+/\\d+/" + Pattern.quote(member
                + "_CloudTrail-Digest_" + region + "_" + trail.name() + "_" + trail.homeRegion() + "_")
                + "\\d{8}T\\d{6}Z(_backfill)?\\.json\\.gz");
        Set<String> keys = new HashSet<>(objects.keys(trail.bucket(), folder));
        keys.addAll(store.read(tx -> tx.query("SELECT s3_key FROM digest WHERE account_id = ? AND home_region = ? AND "
                        + "trail_name = ? AND member_account = ? AND source_region = ? AND s3_bucket = ? "
                        + "AND written_at IS NOT NULL", rs -> rs.getString(1), trail.accountId(), trail.homeRegion(),
                trail.name(), member, region, trail.bucket())));
        Instant last = end.plusSeconds(3600);
        return keys.stream().filter(k -> ours.matcher(k).matches())
                .filter(k -> !keyTime(k).isBefore(start) && !keyTime(k).isAfter(last))
                .sorted(Comparator.comparing(LogValidator::keyTime).thenComparing(Comparator.naturalOrder()).reversed())
                .toList();
    }

    /**
     * Walks one chain newest first: follows each valid digest's link to the previous one (also when that one is not
     * listed any more but should be, to report it missing), and takes the newest digest not reached yet when the
     * chain breaks.
     */
    private void walk(Scope scope, List<String> keys, boolean backfill) {
        Set<String> remaining = new LinkedHashSet<>(keys);
        Set<String> visited = new HashSet<>();
        Optional<String> next = keys.stream().findFirst();
        Optional<Expected> expected = Optional.empty();
        int checked = 0;
        while (next.isPresent()) {
            String key = next.get();
            remaining.remove(key);
            visited.add(key);
            Optional<JsonNode> digest = checkDigest(scope, key, backfill, expected);
            progress(scope, ++checked, keys.size(), backfill);
            Optional<String> previous = digest.flatMap(d -> previousKey(scope, d, remaining, visited));
            expected = previous.isEmpty() ? Optional.empty() : digest.map(d -> new Expected(
                    d.path("previousDigestHashValue").asText(), d.path("previousDigestSignature").asText()));
            next = previous.isPresent() ? previous : remaining.stream().findFirst();
        }
    }

    /** The previous digest to go to: listed and not reached yet, or missing although inside the range. */
    private static Optional<String> previousKey(Scope scope, JsonNode digest, Set<String> remaining, Set<String> visited) {
        JsonNode key = digest.path("previousDigestS3Object");
        if (key.isNull() || key.isMissingNode() || !digest.path("previousDigestS3Bucket").asText().equals(scope.trail().bucket())) {
            return Optional.empty();
        }
        boolean inRange = !DigestCheck.time(digest, "digestStartTime").isBefore(scope.start());
        return remaining.contains(key.asText()) || inRange && !visited.contains(key.asText())
                ? Optional.of(key.asText()) : Optional.empty();
    }

    /** Checks one digest and, when it is valid, its log files; returns it when valid. */
    private Optional<JsonNode> checkDigest(Scope scope, String key, boolean backfill, Optional<Expected> expected) {
        String label = (backfill ? "(backfill) " : "") + "Digest file\ts3://" + scope.trail().bucket() + "/" + key;
        DigestCheck.Result result = scope.check().check(key, backfill, objects.get(scope.trail().bucket(), key),
                expected.map(Expected::hash), expected.map(Expected::signature));
        if (result.problem().isPresent()) {
            if (backfill) {
                backfillsInvalid++;
            } else {
                digestsInvalid++;
            }
            err.println(label + "\tINVALID: " + result.problem().get());
            return Optional.empty();
        }
        if (backfill) {
            backfillsValid++;
        } else {
            digestsValid++;
        }
        if (scope.verbose()) {
            out.println(label + "\tvalid");
        }
        checkLogs(scope, result.digest().path("logFiles"));
        return Optional.of(result.digest());
    }

    /** Reads and hashes a digest's log files concurrently; prints their results in the digest's order. */
    private void checkLogs(Scope scope, JsonNode files) {
        List<Future<Optional<String>>> results = new ArrayList<>();
        for (JsonNode file : files) {
            results.add(scope.readers().submit(() -> DigestCheck.logProblem(file, objects.get(file.path("s3Bucket").asText(),
                    file.path("s3Object").asText()))));
        }
        for (int i = 0; i < results.size(); i++) {
            JsonNode file = files.get(i);
            String location = "Log file\ts3://" + file.path("s3Bucket").asText() + "/" + file.path("s3Object").asText();
            Optional<String> problem = outcome(results.get(i));
            if (problem.isEmpty()) {
                logsValid++;
                if (scope.verbose()) {
                    out.println(location + "\tvalid");
                }
            } else {
                logsInvalid++;
                err.println(location + "\tINVALID: " + problem.get());
            }
        }
    }

    private static Optional<String> outcome(Future<Optional<String>> result) {
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("validation interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private void progress(Scope scope, int checked, int total, boolean backfill) {
        if (scope.progress()) {
            err.print("\rChecked " + checked + " of " + total + (backfill ? " backfill" : "") + " digests");
        }
    }

    private void summary(boolean progress) {
        if (progress) {
            err.print("\r");
        }
        out.println();
        out.println(ratio("digest", digestsValid, digestsInvalid));
        if (backfillsValid + backfillsInvalid > 0) {
            out.println(ratio("backfill digest", backfillsValid, backfillsInvalid));
        }
        out.println(ratio("log", logsValid, logsInvalid));
    }

    static Instant keyTime(String key) {
        int end = key.length() - (DigestCheck.isBackfill(key) ? 17 : 8);
        try {
            return Instant.from(KEY_TIME.parse(key.substring(end - 16, end)));
        } catch (RuntimeException e) {
            return Instant.EPOCH;
        }
    }

    private static String ratio(String kind, int valid, int invalid) {
        int total = valid + invalid;
        return valid + "/" + total + " " + kind + " files valid" + (invalid > 0 ? ", " + invalid + "/" + total + " "
                + kind + " files INVALID" : "");
    }
}
