// SPDX-License-Identifier: Apache-2.0
package dev.waymark.core;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Random (version 4) UUIDs for request ids and resource ids, time-ordered (version 7) ones for event ids. They must
 * be unique, not secret, so they come from {@link ThreadLocalRandom} instead of the shared SecureRandom behind
 * {@link UUID#randomUUID()}, which every request thread would otherwise contend for.
 */
public final class Uuids {
    private Uuids() {
    }

    /**
     * A version 7 UUID (RFC 9562): 48 bits of Unix time in milliseconds, then 74 random bits. Event ids are these:
     * the same 36-character form as CloudTrail's, and the index that finds an event by its id grows at its end
     * instead of at a random page for every record (with random ids that page was a write per call).
     */
    public static UUID timeOrdered(long epochMillis) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long most = (epochMillis << 16) | 0x7000L | (random.nextInt() & 0x0FFF);
        long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(most, least);
    }

    public static UUID random() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long most = (random.nextLong() & 0xFFFFFFFFFFFF0FFFL) | 0x0000000000004000L;
        long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(most, least);
    }
}
