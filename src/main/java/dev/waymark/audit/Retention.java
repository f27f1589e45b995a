// SPDX-License-Identifier: Apache-2.0
package dev.waymark.audit;

import dev.waymark.core.Periodic;
import dev.waymark.store.Store;
import dev.waymark.store.Tx;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prunes event history older than the retention window, in small batches so that it never holds the writer for
 * long. Runs every ten minutes. Nothing a trail has not delivered yet is pruned.
 */
public final class Retention implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);
    private static final int BATCH = 5_000;

    private final Store store;
    private final Duration window;
    private final Clock clock;
    private final java.util.function.LongSupplier keepFrom;
    private final Periodic periodic;

    public Retention(Store store, Duration window, Clock clock) {
        this(store, window, clock, () -> Long.MAX_VALUE);
    }

    /**
     * @param keepFrom the lowest event sequence number something still needs (a trail that has not delivered it);
     *                 events from there on are kept whatever their age
     */
    public Retention(Store store, Duration window, Clock clock, java.util.function.LongSupplier keepFrom) {
        this.store = store;
        this.periodic = new Periodic("retention", Duration.ofMinutes(10), store, this::run);
        this.window = window;
        this.clock = clock;
        this.keepFrom = keepFrom;
    }

    public void start() {
        periodic.start();
    }

    private void run() {
        long pruned = pruneOnce();
        if (pruned > 0) {
            LOG.info("pruned {} events older than {} days", pruned, window.toDays());
        }
    }

    /**
     * Deletes every event older than the window; returns how many rows it deleted. On PostgreSQL it first creates
     * the next days' partitions and drops the days wholly past the window ({@link EventPartitions}), then deletes
     * the rest row by row as on SQLite.
     */
    public long pruneOnce() {
        long cutoff = clock.millis() - window.toMillis();
        long keep = keepFrom.getAsLong();
        if (store.postgres()) {
            int dropped = store.write(tx -> {
                createPartitions(tx, clock);
                return EventPartitions.dropBefore(tx, cutoff, keep);
            });
            if (dropped > 0) {
                LOG.info("dropped {} day partitions of events older than {} days", dropped, window.toDays());
            }
        }
        long total = 0;
        while (true) {
            int deleted = store.write(tx -> {
                tx.update("DELETE FROM event_resource WHERE seq IN (SELECT seq FROM event WHERE event_time < ? "
                        + "AND seq < ? ORDER BY seq LIMIT ?)", cutoff, keep, BATCH);
                return tx.update("DELETE FROM event WHERE seq IN (SELECT seq FROM event WHERE event_time < ? "
                        + "AND seq < ? ORDER BY seq LIMIT ?)", cutoff, keep, BATCH);
            });
            total += deleted;
            if (deleted < BATCH) {
                return total;
            }
        }
    }

    /**
     * On PostgreSQL, creates today's and the coming days' partitions now. Called at start-up before the listener
     * takes calls: a day whose first events land in the default partition can no longer get its own partition (it
     * would then stay in the default one, pruned row by row instead of dropped whole).
     */
    public static void preparePartitions(Store store, Clock clock) {
        if (store.postgres()) {
            store.write(tx -> {
                createPartitions(tx, clock);
                return null;
            });
        }
    }

    private static void createPartitions(Tx tx, Clock clock) throws Exception {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        EventPartitions.create(tx, today, today.plusDays(EventPartitions.DAYS_AHEAD));
    }

    @Override
    public void close() {
        periodic.close();
    }
}
