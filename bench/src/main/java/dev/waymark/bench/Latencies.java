// SPDX-License-Identifier: Apache-2.0
package dev.waymark.bench;

import java.util.Arrays;
import java.util.List;

/**
 * Latencies in nanoseconds, recorded by one thread into a growable array (no sharing on the hot path), merged and
 * sorted once at the end for exact percentiles.
 */
final class Latencies {
    private long[] values = new long[16_384];
    private int size;

    void add(long nanos) {
        if (size == values.length) {
            values = Arrays.copyOf(values, values.length * 2);
        }
        values[size++] = nanos;
    }

    int size() {
        return size;
    }

    /** All the given recorders' values, sorted. */
    static long[] mergeSorted(List<Latencies> parts) {
        int total = parts.stream().mapToInt(Latencies::size).sum();
        long[] all = new long[total];
        int at = 0;
        for (Latencies part : parts) {
            System.arraycopy(part.values, 0, all, at, part.size);
            at += part.size;
        }
        Arrays.sort(all);
        return all;
    }

    /** The nearest-rank percentile ({@code p} in 0..100) of sorted values; 0 when there are none. */
    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
