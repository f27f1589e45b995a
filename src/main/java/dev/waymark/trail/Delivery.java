// SPDX-License-Identifier: Apache-2.0
package dev.waymark.trail;

import dev.waymark.core.Backoff;
import dev.waymark.core.Hashes;
import dev.waymark.core.Periodic;
import dev.waymark.s3.BucketDirectory;
import dev.waymark.s3.ObjectWriter;
import dev.waymark.store.Store;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers trails' events as CloudTrail log files into the embedded bucket store, every interval (cloudtrail.md
 * §3): for each trail, the account's events (for an organization trail, every member account's) after its checkpoint
 * that fall in a logging period, are of a region the trail covers and pass its selectors, grouped by account and
 * region into gzip {@code {"Records":[...]}} files under
 * {@code [prefix/]AWSLogs/[o-id/]<account>/CloudTrail/<region>/YYYY/MM/DD/<account>_CloudTrail_<region>_<YYYYMMDDTHHmmZ>_<16>.json.gz}.
 *
 * <p>Exactly once: the files are written first (invisible), then their object rows and the trail's new checkpoint
 * commit in one transaction. A crash before that commit leaves invisible files that are swept, and the next pass
 * delivers the same events again; after it, the checkpoint has moved past them. In an external store, where files
 * are visible as soon as they are written, the step's last event is fixed in the store before the first file goes
 * out, so a retry after a partial failure or a crash takes the same events and rewrites the same keys, never a
 * second copy under new ones. A failure is recorded as the
 * trail's LatestDeliveryError and retried with exponential backoff (interval, 2×, 4×, … up to 5 minutes), losing
 * nothing.
 */
public final class Delivery implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Delivery.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter FOLDERS = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final Store store;
    private final ObjectWriter writer;
    private final Optional<ExternalBuckets> external;
    private final Digests digests;
    private final Clock clock;
    private final TrailRepository trails = new TrailRepository();
    private final BucketDirectory buckets = new BucketDirectory();
    private final Periodic periodic;
    private final Duration interval;
    private final Map<String, Failing> backoffs = new java.util.concurrent.ConcurrentHashMap<>();
    private final Notifications notifications;
    private final int maxEventsPerFile;

    public Delivery(Store store, ObjectWriter writer, Optional<ExternalBuckets> external, Clock clock, Duration interval,
                    dev.waymark.core.SecretBox secrets, Duration digestPeriod, Duration keyRotation,
                    dev.waymark.sns.Topics topics, Optional<ExternalTopics> externalTopics, int maxEventsPerFile) {
        if (maxEventsPerFile < 1) {
            throw new IllegalArgumentException("maxEventsPerFile must be at least 1");
        }
        this.maxEventsPerFile = maxEventsPerFile;
        this.store = store;
        this.notifications = new Notifications(store, topics, externalTopics);
        this.writer = writer;
        this.external = external;
        this.digests = new Digests(store, new SigningKeys(secrets, keyRotation), writer, external, digestPeriod);
        this.clock = clock;
        this.interval = interval;
        this.periodic = new Periodic("trail-delivery", interval, store, this::deliverAll);
    }

    public void start() {
        periodic.start();
    }

    /**
     * The lowest event sequence number some trail still has to deliver (Long.MAX_VALUE when none): retention keeps
     * every event from there on.
     */
    public long oldestUndelivered() {
        return store.read(tx -> {
            long oldest = Long.MAX_VALUE;
            for (Trail trail : trails.all(tx)) {
                TrailRepository.DeliveryState state = trails.deliveryState(tx, trail);
                if (!state.caughtUp()) {
                    oldest = Math.min(oldest, state.deliveredSeq() + 1);
                }
            }
            return oldest;
        });
    }

    /** One pass over every trail; returns the number of files delivered. */
    public int deliverAll() {
        int files = 0;
        long now = clock.millis();
        for (Trail trail : store.read(trails::all)) {
            Failing backoff = backoffs.get(trail.arn());
            if (backoff != null && now < backoff.retryAt()) {
                continue;
            }
            try {
                Pass pass;
                do {
                    pass = deliver(trail);
                    files += pass.files();
                } while (pass.more());
                digestIfDue(trail, now);
                backoffs.remove(trail.arn());
            } catch (RuntimeException e) {
                LOG.warn("delivery of trail {} failed ({}); retried at the next pass", trail.arn(), errorCode(e),
                        e instanceof DeliveryFailure ? null : e);
                int failures = backoff == null ? 1 : backoff.failures() + 1;
                backoffs.put(trail.arn(), new Failing(failures, now + backoffMillis(failures)));
                store.write(tx -> {
                    trails.deliveryFailed(tx, trail, errorCode(e), now);
                    return null;
                });
            }
            try {
                notifications.send(trail, clock.millis());
            } catch (RuntimeException e) {
                LOG.warn("notifications of trail {} failed; retried at the next pass", trail.arn(), e);
            }
            removeIfFinished(trail);
        }
        return files;
    }

    /**
     * Removes a retired (deleted) trail once every event of its logging windows is delivered and every delivered
     * file is in a written digest: the last digest of its chain covers its last files, as CloudTrail's does after
     * DeleteTrail.
     */
    private void removeIfFinished(Trail trail) {
        boolean finished = store.read(tx -> trails.retired(tx, trail) && trails.deliveryState(tx, trail).caughtUp()
                && (!trail.logFileValidation() || pendingDigests(tx, trail) == 0));
        if (finished) {
            store.write(tx -> {
                trails.removeRetired(tx, trail.accountId(), trail.homeRegion(), trail.name());
                return null;
            });
            LOG.info("deleted trail {} delivered and digested to its end; removed", trail.arn());
        }
    }

    /** The trail's delivered files not yet in a digest, and its decided digests not yet written. */
    private static long pendingDigests(dev.waymark.store.Tx tx, Trail trail) throws java.sql.SQLException {
        return tx.queryLong("SELECT (SELECT COUNT(*) FROM digest_file WHERE account_id = ? AND "
                + "home_region = ? AND trail_name = ?) + (SELECT COUNT(*) FROM digest WHERE account_id = ? AND "
                + "home_region = ? AND trail_name = ? AND written_at IS NULL)", trail.accountId(), trail.homeRegion(),
                trail.name(), trail.accountId(), trail.homeRegion(), trail.name());
    }

    private record Event(long seq, String account, String region, long time, String record) {
        /** The file an event goes into: one per account and region. */
        String file() {
            return account + "|" + region;
        }
    }

    /** Failed trails wait twice as long after each failure, up to five minutes, before they are tried again. */
    private record Failing(int failures, long retryAt) {
    }

    private long backoffMillis(int failures) {
        return Backoff.after(failures, interval).toMillis();
    }

    /**
     * Writes the digests due for a trail with log file validation that is logging, has files to digest or has
     * decided digests whose write failed.
     */
    private void digestIfDue(Trail trail, long now) {
        if (!trail.logFileValidation()) {
            return;
        }
        long pending = store.read(tx -> pendingDigests(tx, trail));
        if (trail.logging() || pending > 0) {
            boolean embedded = store.read(tx -> buckets.find(tx, trail.bucket())).isPresent();
            try {
                digests.digest(trail, store.read(tx -> Organizations.ofTrail(tx, trail)), embedded, now);
            } catch (RuntimeException e) {
                String code = e instanceof DeliveryFailure ? e.getMessage()
                        : e instanceof software.amazon.awssdk.core.exception.SdkException sdk
                        ? ExternalBuckets.errorCode(sdk) : "InternalError";
                LOG.warn("digest of trail {} failed ({}); retried at the next pass", trail.arn(), code);
                store.write(tx -> {
                    Digests.failed(tx, trail, code);
                    return null;
                });
            }
        }
    }

    /** A log file written by a delivery step: whose events of which region it holds. */
    private record Delivered(String account, String region, Digests.LogFile log) {
    }

    /** What one delivery step did: the files it delivered, and whether more events are waiting. */
    private record Pass(int files, boolean more) {
    }

    /** Delivers up to the size cap of events of a trail (so no file holds more). */
    private Pass deliver(Trail trail) {
        Optional<Organizations.Organization> organization = store.read(tx -> Organizations.ofTrail(tx, trail));
        boolean embedded = checkBucket(trail);
        TrailRepository.DeliveryState state = store.read(tx -> trails.deliveryState(tx, trail));
        LoggingWindows windows = LoggingWindows.parse(state.windows());
        SelectorFilter selectors = SelectorFilter.of(trail);
        List<Event> events = new ArrayList<>();
        long[] lastSeen = {state.deliveredSeq()};
        int[] fetched = {0};
        // An organization's events are read in seq order off the primary key (the expression keeps SQLite from
        // sorting every member's backlog through the account index before LIMIT applies).
        String accounts = organization.isPresent()
                ? "account_id || '' IN (SELECT account_id FROM organization_account WHERE organization_id = ?)" : "account_id = ?";
        store.read(tx -> tx.query("SELECT seq, region, event_source, event_name, read_only, record, event_time, account_id "
                        + "FROM event WHERE " + accounts + " AND seq > ? AND seq <= ? ORDER BY seq LIMIT ?", rs -> {
                    long seq = rs.getLong(1);
                    lastSeen[0] = seq;
                    fetched[0]++;
                    String region = rs.getString(2);
                    if (windows.contains(seq) && (trail.multiRegion() || region.equals(trail.homeRegion()))
                            && selectors.takes(rs.getString(3), rs.getString(4), rs.getInt(5) == 1)) {
                        events.add(new Event(seq, rs.getString(8), region, rs.getLong(7), rs.getString(6)));
                    }
                    return null;
                }, organization.map(Organizations.Organization::id).orElse(trail.accountId()), state.deliveredSeq(),
                state.inflightSeq().orElse(windows.end()), maxEventsPerFile));
        if (lastSeen[0] == state.deliveredSeq()) {
            return new Pass(0, false);
        }
        Instant now = clock.instant();
        long checkpoint = lastSeen[0];
        if (!embedded && state.inflightSeq().isEmpty()) {
            store.write(tx -> {
                trails.inflight(tx, trail, checkpoint);
                return null;
            });
        }
        List<ObjectWriter.Prepared> prepared = new ArrayList<>();
        List<Delivered> delivered = new ArrayList<>();
        Map<String, List<Event>> files = byFile(events);
        for (List<Event> batch : files.values()) {
            String key = key(trail, organization, batch);
            byte[] plain = records(batch);
            byte[] body = Digests.gzip(plain);
            delivered.add(new Delivered(batch.get(0).account(), batch.get(0).region(), new Digests.LogFile(trail.bucket(),
                    key, Digests.sha256(plain), batch.stream().mapToLong(Event::time).max().orElseThrow(),
                    batch.stream().mapToLong(Event::time).min().orElseThrow())));
            if (embedded) {
                prepared.add(writer.prepare(trail.bucket(), key, body, "application/json", Optional.of("gzip"),
                        trail.kmsKeyId(), Map.of(), now));
            } else {
                putExternal(trail, key, body);
            }
        }
        store.write(tx -> {
            for (ObjectWriter.Prepared object : prepared) {
                writer.commit(tx, object);
            }
            trails.delivered(tx, trail, checkpoint, now.toEpochMilli());
            for (Delivered file : delivered) {
                Notifications.enqueue(tx, trail, Notifications.logFileMessage(trail.bucket(), file.log().key()),
                        now.toEpochMilli());
                if (trail.logFileValidation()) {
                    Digests.noteLogFile(tx, trail, file.account(), file.region(), file.log(), now.toEpochMilli());
                }
            }
            return null;
        });
        return new Pass(files.size(), fetched[0] == maxEventsPerFile);
    }

    /**
     * An embedded bucket must still exist and still let CloudTrail write, as S3 would check each PutObject; returns
     * false when the trail's bucket is not embedded and goes to the external store (which checks for itself).
     */
    private boolean checkBucket(Trail trail) {
        Optional<BucketDirectory.BucketInfo> bucket = store.read(tx -> buckets.find(tx, trail.bucket()));
        if (bucket.isEmpty() && external.isPresent()) {
            return false;
        }
        if (bucket.isEmpty()) {
            throw new DeliveryFailure("NoSuchBucket");
        }
        if (bucket.get().policy().isEmpty() || !PolicyCheck.allowsDeliveryToAll(bucket.get().policy().get(),
                trail.bucket(), trail.prefix().orElse(""), store.read(tx -> Organizations.logsFolders(tx, trail)),
                trail.accountId(), trail.arn())) {
            throw new DeliveryFailure("AccessDenied");
        }
        return true;
    }

    /**
     * Writes a file to the external store before the checkpoint moves. Its key depends only on the events it holds,
     * so a retry after a crash or a failure rewrites the same object instead of adding a second one.
     */
    private void putExternal(Trail trail, String key, byte[] body) {
        try {
            external.orElseThrow().put(trail.bucket(), key, body, trail.kmsKeyId());
        } catch (software.amazon.awssdk.core.exception.SdkException e) {
            throw new DeliveryFailure(ExternalBuckets.errorCode(e));
        }
    }

    /** A delivery refused the way S3 would refuse it; the code is what GetTrailStatus shows. */
    static final class DeliveryFailure extends RuntimeException {
        DeliveryFailure(String code) {
            super(code, null, false, false);
        }
    }

    /** The events grouped into files: one per account and region, in the order they first appear. */
    private static Map<String, List<Event>> byFile(List<Event> events) {
        Map<String, List<Event>> groups = new LinkedHashMap<>();
        for (Event event : events) {
            groups.computeIfAbsent(event.file(), f -> new ArrayList<>()).add(event);
        }
        return groups;
    }

    /**
     * The file's key. Its time is that of the newest event it holds, to the minute (at most one delivery interval
     * before the delivery), so the key depends only on the file's content and a retry rewrites the same key.
     */
    static String key(Trail trail, Optional<Organizations.Organization> organization, List<Event> events) {
        Instant now = Instant.ofEpochMilli(events.stream().mapToLong(Event::time).max().orElseThrow());
        String account = events.get(0).account();
        String region = events.get(0).region();
        String prefix = trail.prefix().map(p -> p + "/").orElse("");
        return prefix + "AWSLogs/" + Organizations.logsFolder(organization, account) + "/CloudTrail/" + region + "/"
                + FOLDERS.format(now) + "/" + account + "_CloudTrail_" + region + "_" + STAMP.format(now) + "_"
                + unique(trail.arn() + "|" + events.get(0).file() + "|" + events.get(0).seq() + "|"
                + events.get(events.size() - 1).seq()) + ".json.gz";
    }

    /** 16 characters of [A-Za-z0-9] derived from what the file holds. */
    private static String unique(String content) {
        byte[] digest = Hashes.sha256(content.getBytes(StandardCharsets.UTF_8));
        StringBuilder out = new StringBuilder(16);
        for (int i = 0; i < 16; i++) {
            out.append(ALPHABET.charAt((digest[i] & 0xFF) % ALPHABET.length()));
        }
        return out.toString();
    }

    /** The uncompressed log file: {@code {"Records":[...]}}. */
    private static byte[] records(List<Event> events) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("{\"Records\":[".getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < events.size(); i++) {
            if (i > 0) {
                bytes.write(',');
            }
            bytes.writeBytes(events.get(i).record().getBytes(StandardCharsets.UTF_8));
        }
        bytes.writeBytes("]}".getBytes(StandardCharsets.UTF_8));
        return bytes.toByteArray();
    }

    /** The S3-style code shown as LatestDeliveryError. */
    private static String errorCode(RuntimeException e) {
        if (e instanceof DeliveryFailure) {
            return e.getMessage();
        }
        String message = String.valueOf(e.getMessage());
        if (message.contains("FOREIGN KEY") || message.contains("NoSuchBucket")) {
            return "NoSuchBucket";
        }
        return "InternalError";
    }

    @Override
    public void close() {
        periodic.close();
    }
}
