// SPDX-License-Identifier: Apache-2.0
package dev.waymark.core;

import java.time.Duration;

/**
 * The retry schedule of Waymark's background senders (trail delivery, SNS and channel deliveries): the first wait
 * after the first failure, doubling after each further one, never more than five minutes.
 */
public final class Backoff {
    public static final Duration MAX = Duration.ofMinutes(5);

    private Backoff() {
    }

    /** The wait after {@code failures} failed attempts in a row (1 or more). */
    public static Duration after(int failures, Duration first) {
        int doublings = Math.min(Math.max(failures - 1, 0), 20);
        Duration wait = first.multipliedBy(1L << doublings);
        return wait.compareTo(MAX) > 0 ? MAX : wait;
    }
}
