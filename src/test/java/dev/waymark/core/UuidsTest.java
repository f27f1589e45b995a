// SPDX-License-Identifier: Apache-2.0
package dev.waymark.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Time-ordered UUIDs: version 7, RFC variant, the time in the first 48 bits, ordered by it as text, unique. */
class UuidsTest {
    @Test
    void timeOrderedCarriesTheTimeAndSortsByIt() {
        long time = 1_764_654_000_123L;
        UUID id = Uuids.timeOrdered(time);
        assertEquals(7, id.version());
        assertEquals(2, id.variant());
        assertEquals(time, id.getMostSignificantBits() >>> 16);
        assertEquals(String.format("%012x", time), id.toString().replace("-", "").substring(0, 12));
        String earlier = Uuids.timeOrdered(time).toString();
        String later = Uuids.timeOrdered(time + 1).toString();
        assertTrue(earlier.compareTo(later) < 0, earlier + " sorts before " + later);
    }

    @Test
    void timeOrderedIdsOfOneMillisecondDiffer() {
        Set<UUID> ids = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            ids.add(Uuids.timeOrdered(42L));
        }
        assertEquals(100_000, ids.size());
    }

    @Test
    void randomIsVersion4() {
        UUID id = Uuids.random();
        assertEquals(4, id.version());
        assertEquals(2, id.variant());
    }
}
