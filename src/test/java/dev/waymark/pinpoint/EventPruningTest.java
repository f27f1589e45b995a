// SPDX-License-Identifier: Apache-2.0
package dev.waymark.pinpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.waymark.store.GroupCommitStore;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The events PutEvents stored are pruned past 90 days, per application, in batches; newer ones stay. */
class EventPruningTest {
    @Test
    void eventsOlderThanNinetyDaysGoAndTheRestStay() throws Exception {
        Instant now = Instant.parse("2026-12-01T12:00:00Z");
        try (GroupCommitStore store = GroupCommitStore.sqlite(Files.createTempDirectory("events").resolve("db"), 1)) {
            App first = new App("111111111111", "us-east-1", "a1", "one", "2026-01-01T00:00:00.000Z");
            App second = new App("111111111111", "eu-west-1", "a2", "two", "2026-01-01T00:00:00.000Z");
            AppRepository apps = new AppRepository();
            EventRepository events = new EventRepository();
            store.write(tx -> {
                apps.insert(tx, first);
                apps.insert(tx, second);
                for (int i = 0; i < 2_500; i++) {
                    events.insert(tx, first, "e", "old" + i, now.minus(Duration.ofDays(91)).toEpochMilli(),
                            AppsApi.MAPPER.createObjectNode().put("EventType", "old"));
                }
                for (long days : List.of(89L, 1L)) {
                    events.insert(tx, first, "e", "new" + days, now.minus(Duration.ofDays(days)).toEpochMilli(),
                            AppsApi.MAPPER.createObjectNode().put("EventType", "new"));
                }
                events.insert(tx, second, "e", "old-second", now.minus(Duration.ofDays(200)).toEpochMilli(),
                        AppsApi.MAPPER.createObjectNode().put("EventType", "old"));
                return null;
            });
            JobRunner runner = new JobRunner(store, Clock.fixed(now, ZoneOffset.UTC), Duration.ofSeconds(1),
                    new JobRepository(), null, null, null, null);
            runner.pruneEvents();
            assertEquals(List.of("new", "new"), store.read(tx -> tx.query("SELECT event_type FROM pinpoint_event ORDER BY seq",
                    rs -> rs.getString(1))));
        }
    }
}
