// SPDX-License-Identifier: Apache-2.0
package dev.waymark.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.waymark.store.GroupCommitStore;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Retention deletes events (and their resources) older than the window, and nothing newer. */
class RetentionTest {
    @Test
    void prunesOnlyEventsPastTheWindow() throws Exception {
        Instant now = Instant.parse("2026-11-24T12:00:00Z");
        try (GroupCommitStore store = GroupCommitStore.sqlite(Files.createTempDirectory("retention").resolve("db"), 1)) {
            long[] ages = {91, 90, 89, 1};
            for (int i = 0; i < ages.length; i++) {
                long time = now.minus(Duration.ofDays(ages[i])).minusSeconds(1).toEpochMilli();
                String id = "event-" + i;
                store.write(tx -> {
                    tx.update("INSERT INTO event (event_id, account_id, region, event_time, event_name, event_source, "
                            + "read_only, record) VALUES (?, '111111111111', 'us-east-1', ?, 'GetApp', 'pinpoint.amazonaws.com', 1, '{}')",
                            id, time);
                    return tx.update("INSERT INTO event_resource (seq, account_id, region, event_time, resource_type, "
                            + "resource_name) VALUES (last_insert_rowid(), '111111111111', 'us-east-1', ?, 't', 'n')", time);
                });
            }
            Retention retention = new Retention(store, Duration.ofDays(90), Clock.fixed(now, ZoneOffset.UTC));
            assertEquals(2, retention.pruneOnce());
            assertEquals(2L, (long) store.read(tx -> tx.queryLong("SELECT COUNT(*) FROM event")));
            assertEquals(2L, (long) store.read(tx -> tx.queryLong("SELECT COUNT(*) FROM event_resource")));
            assertEquals(0, retention.pruneOnce());
        }
    }

    @Test
    void keepsWhatATrailHasNotDelivered() throws Exception {
        Instant now = Instant.parse("2026-11-24T12:00:00Z");
        try (GroupCommitStore store = GroupCommitStore.sqlite(Files.createTempDirectory("retention").resolve("db"), 1)) {
            for (int i = 0; i < 4; i++) {
                long time = now.minus(Duration.ofDays(100)).toEpochMilli();
                String id = "old-" + i;
                store.write(tx -> tx.update("INSERT INTO event (event_id, account_id, region, event_time, event_name, "
                        + "event_source, read_only, record) VALUES (?, '111111111111', 'us-east-1', ?, 'GetApp', "
                        + "'pinpoint.amazonaws.com', 1, '{}')", id, time));
            }
            long firstUndelivered = store.read(tx -> tx.queryLong("SELECT MIN(seq) FROM event")) + 2;
            Retention retention = new Retention(store, Duration.ofDays(90), Clock.fixed(now, ZoneOffset.UTC),
                    () -> firstUndelivered);
            assertEquals(2, retention.pruneOnce());
            assertEquals(2L, (long) store.read(tx -> tx.queryLong("SELECT COUNT(*) FROM event")));
        }
    }
}
