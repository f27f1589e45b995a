// SPDX-License-Identifier: Apache-2.0
package dev.waymark.iam;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A small cache whose entries live for a fixed number of milliseconds, so that changes made by the admin command
 * line (another process writing the same store) are seen within that time. Thread-safe.
 */
final class TtlCache<K, V> {
    private static final int MAX_ENTRIES = 100_000;

    private final long ttlMillis;
    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();

    private record Entry<V>(V value, long expiresAt) {
    }

    TtlCache(long ttlMillis) {
        this.ttlMillis = ttlMillis;
    }

    V get(K key, Function<K, V> loader) {
        long now = System.currentTimeMillis();
        Entry<V> entry = entries.get(key);
        if (entry != null && entry.expiresAt() > now) {
            return entry.value();
        }
        V value = loader.apply(key);
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(key, new Entry<>(value, now + ttlMillis));
        return value;
    }

    void clear() {
        entries.clear();
    }
}
