// SPDX-License-Identifier: Apache-2.0
package dev.waymark.audit;

import dev.waymark.store.Tx;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The day partitions of PostgreSQL's event history ({@code event_pYYYYMMDD} and {@code event_resource_pYYYYMMDD},
 * ranges of event_time in epoch milliseconds, UTC days): created a few days ahead, so that events land in their
 * day's partition rather than the default one, and dropped whole once a day lies entirely before the retention
 * cutoff and holds no event a trail still has to deliver.
 */
final class EventPartitions {
    private static final Logger LOG = LoggerFactory.getLogger(EventPartitions.class);
    private static final DateTimeFormatter SUFFIX = DateTimeFormatter.BASIC_ISO_DATE;
    static final int DAYS_AHEAD = 3;

    private EventPartitions() {
    }

    /** Creates the partitions of the given days that do not exist yet. */
    static void create(Tx tx, LocalDate from, LocalDate to) throws Exception {
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            long start = millis(day);
            long end = millis(day.plusDays(1));
            for (String table : List.of("event", "event_resource")) {
                String name = table + "_p" + day.format(SUFFIX);
                try {
                    tx.attempt(t -> t.update("CREATE TABLE IF NOT EXISTS " + name + " PARTITION OF " + table
                            + " FOR VALUES FROM (" + start + ") TO (" + end + ")"));
                } catch (SQLException e) {
                    // the default partition already holds rows of that day: they stay there, pruned row by row
                    LOG.warn("partition {} not created: {}", name, e.getMessage());
                }
            }
        }
    }

    /**
     * Drops the day partitions that end at or before the cutoff and whose events all come before {@code keep}
     * (the lowest sequence number a trail still needs); returns how many days were dropped.
     */
    static int dropBefore(Tx tx, long cutoff, long keep) throws SQLException {
        List<String> days = tx.query("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
                + "JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = 'event' AND c.relname LIKE 'event\\_p%' "
                + "ORDER BY c.relname", rs -> rs.getString(1));
        int dropped = 0;
        for (String partition : days) {
            LocalDate day = LocalDate.parse(partition.substring("event_p".length()), SUFFIX);
            if (millis(day.plusDays(1)) > cutoff
                    || tx.queryLong("SELECT COALESCE(MAX(seq), -1) FROM " + partition) >= keep) {
                continue;
            }
            tx.update("DROP TABLE " + partition);
            tx.update("DROP TABLE IF EXISTS event_resource_p" + day.format(SUFFIX));
            dropped++;
        }
        return dropped;
    }

    private static long millis(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }
}
