// SPDX-License-Identifier: Apache-2.0
package dev.waymark.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waymark.store.Engine;
import dev.waymark.store.GroupCommitStore;
import dev.waymark.testing.TestDatabase;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * On PostgreSQL the event history is partitioned by day (issue 10): retention creates the coming days' partitions,
 * drops the days wholly past the window — unless a trail has not delivered an event of theirs yet — and deletes the
 * remaining old rows one by one. Runs in the build's PostgreSQL pass only.
 */
class PartitionRetentionPostgresIT {
    @Test
    void dropsWholeDaysPastTheWindowAndKeepsWhatATrailStillNeeds() throws Exception {
        assertTrue(TestDatabase.postgres().isPresent(), "needs PostgreSQL (waymark.test.postgresql)");
        Instant now = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofHours(12));
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        Engine engine = new Engine.Postgres(TestDatabase.url(Files.createTempDirectory("partitions")), Optional.empty(),
                Optional.empty());
        try (GroupCommitStore store = new GroupCommitStore(engine, 1)) {
            store.write(tx -> {
                EventPartitions.create(tx, today.minusDays(100), today.minusDays(98));
                return null;
            });
            long[] ages = {100, 99, 98, 1};
            long[] seqs = new long[ages.length];
            for (int i = 0; i < ages.length; i++) {
                long time = now.minus(Duration.ofDays(ages[i])).toEpochMilli();
                String id = "event-" + i;
                seqs[i] = store.write(tx -> {
                    long seq = tx.queryLong("INSERT INTO event (event_id, account_id, region, event_time, event_name, "
                            + "event_source, read_only, record) VALUES (?, '111111111111', 'us-east-1', ?, 'GetApp', "
                            + "'pinpoint.amazonaws.com', 1, '{}') RETURNING seq", id, time);
                    tx.update("INSERT INTO event_resource (seq, account_id, region, event_time, resource_type, "
                            + "resource_name) VALUES (?, '111111111111', 'us-east-1', ?, 't', 'n')", seq, time);
                    return seq;
                });
            }
            // a trail has delivered everything before the 98-day-old event
            Retention retention = new Retention(store, Duration.ofDays(90), Clock.fixed(now, ZoneOffset.UTC), () -> seqs[2]);
            assertEquals(0, retention.pruneOnce(), "whole days are dropped, not deleted row by row");
            List<String> partitions = store.read(tx -> tx.query("SELECT c.relname FROM pg_inherits i JOIN pg_class c "
                    + "ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = 'event' "
                    + "ORDER BY c.relname", rs -> rs.getString(1)));
            String suffix = today.minusDays(98).toString().replace("-", "");
            assertEquals(List.of("event_default", "event_p" + suffix,
                    "event_p" + today.toString().replace("-", ""),
                    "event_p" + today.plusDays(1).toString().replace("-", ""),
                    "event_p" + today.plusDays(2).toString().replace("-", ""),
                    "event_p" + today.plusDays(3).toString().replace("-", "")), partitions,
                    "the two oldest days dropped, the undelivered one kept, the coming days created");
            assertEquals(List.of(seqs[2], seqs[3]), store.read(tx -> tx.query("SELECT seq FROM event ORDER BY seq",
                    rs -> rs.getLong(1))));
            assertEquals(2L, (long) store.read(tx -> tx.queryLong("SELECT COUNT(*) FROM event_resource")));

            Retention delivered = new Retention(store, Duration.ofDays(90), Clock.fixed(now, ZoneOffset.UTC));
            delivered.pruneOnce();
            assertEquals(List.of(seqs[3]), store.read(tx -> tx.query("SELECT seq FROM event ORDER BY seq",
                    rs -> rs.getLong(1))), "once delivered, the last old day goes too");
        }
    }

    @Test
    void aFreshServersFirstCallsLandInTheirDaysPartition() throws Exception {
        assertTrue(TestDatabase.postgres().isPresent(), "needs PostgreSQL (waymark.test.postgresql)");
        try (dev.waymark.testing.TestServer server = dev.waymark.testing.TestServer.start()) {
            server.pinpoint().getApps(r -> r.pageSize("1"));
            // the day of the call, or the next one if midnight (UTC) passed in between
            String today = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString().replace("-", "");
            String next = LocalDate.now(ZoneOffset.UTC).toString().replace("-", "");
            try (java.sql.Connection db = TestDatabase.connect(server.dataDir());
                 java.sql.ResultSet rs = db.createStatement().executeQuery(
                         "SELECT tableoid::regclass::text, COUNT(*) FROM event GROUP BY 1 ORDER BY 1")) {
                List<String> counts = new java.util.ArrayList<>();
                while (rs.next()) {
                    counts.add(rs.getString(1) + "=" + rs.getLong(2));
                }
                assertTrue(counts.equals(List.of("event_p" + next + "=1")) || counts.equals(List.of("event_p" + today + "=1")),
                        "the partitions of today exist before the first call, so nothing lands in event_default: " + counts);
            }
        }
    }
}
