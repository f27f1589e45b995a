// SPDX-License-Identifier: Apache-2.0
package dev.waymark.core;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Random (version 4) UUIDs for request ids, event ids and resource ids. They must be unique, not secret, so they
 * come from {@link ThreadLocalRandom} instead of the shared SecureRandom behind {@link UUID#randomUUID()}, which
 * every request thread would otherwise contend for.
 */
public final class Uuids {
    private Uuids() {
    }

    public static UUID random() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long most = (random.nextLong() & 0xFFFFFFFFFFFF0FFFL) | 0x0000000000004000L;
        long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(most, least);
    }
}
