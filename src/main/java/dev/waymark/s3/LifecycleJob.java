// SPDX-License-Identifier: Apache-2.0
package dev.waymark.s3;

import dev.waymark.core.Periodic;
import dev.waymark.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bucket store's housekeeping, every ten minutes: deletes the objects that the buckets' lifecycle rules have
 * expired (as S3 does, without a CloudTrail record: expiration is not an API call), then sweeps the files no
 * committed row refers to (replaced and deleted objects, and files of writes that never committed) once they are
 * older than ten minutes. {@link #runOnce()} runs one pass, for tests with an injected {@link Clock}.
 */
public final class LifecycleJob implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LifecycleJob.class);
    private static final int BATCH = 500;
    /** A file younger than this may belong to a PutObject whose row is not committed yet. */
    static final Duration SWEEP_AGE = Duration.ofMinutes(10);

    private final Store store;
    private final ObjectFiles files;
    private final Clock clock;
    private final BucketRepository buckets = new BucketRepository();
    private final ObjectRepository objects = new ObjectRepository();
    private final Periodic periodic;

    public LifecycleJob(Store store, ObjectFiles files, Clock clock) {
        this.store = store;
        this.periodic = new Periodic("bucket-lifecycle", Duration.ofMinutes(10), store, this::run);
        this.files = files;
        this.clock = clock;
    }

    /** What one pass did. */
    public record Result(int expired, int swept) {
    }

    public void start() {
        periodic.start();
    }

    private void run() {
        Result result = runOnce();
        if (result.expired() > 0 || result.swept() > 0) {
            LOG.info("bucket housekeeping: {} objects expired, {} unreferenced files removed",
                    result.expired(), result.swept());
        }
    }

    /** One pass: expire, then sweep. */
    public Result runOnce() {
        Instant now = clock.instant();
        int expired = 0;
        for (BucketRepository.Configured configured : store.read(buckets::withLifecycle)) {
            List<LifecycleRule> rules;
            try {
                rules = LifecycleRule.parse(BucketConfigApi.parse(configured.document()));
            } catch (RuntimeException e) {
                LOG.error("the lifecycle configuration of bucket {} cannot be read; skipped", configured.bucket(), e);
                continue;
            }
            for (LifecycleRule rule : rules) {
                if (rule.expires()) {
                    expired += expire(configured.bucket(), rule, now);
                }
            }
        }
        Map<String, Set<String>> referenced = store.read(tx -> {
            Map<String, Set<String>> result = new HashMap<>();
            for (String bucket : buckets.names(tx)) {
                result.put(bucket, objects.fileIds(tx, bucket));
            }
            return result;
        });
        return new Result(expired, files.sweep(referenced, now.minus(SWEEP_AGE)));
    }

    private int expire(String bucket, LifecycleRule rule, Instant now) {
        Optional<Instant> cutoff = rule.cutoff(now);
        if (cutoff.isEmpty()) {
            return 0;
        }
        int expired = 0;
        String after = "";
        while (true) {
            String from = after;
            List<StoredObject> batch = store.read(tx -> objects.modifiedUpTo(tx, bucket, cutoff.get(), from, BATCH));
            if (batch.isEmpty()) {
                return expired;
            }
            List<StoredObject> due = batch.stream().filter(rule::matches).toList();
            expired += store.write(tx -> {
                int deleted = 0;
                for (StoredObject object : due) {
                    deleted += objects.deleteVersion(tx, bucket, object.key(), object.fileId()) ? 1 : 0;
                }
                return deleted;
            });
            after = batch.get(batch.size() - 1).key();
        }
    }

    @Override
    public void close() {
        periodic.close();
    }
}
