// SPDX-License-Identifier: Apache-2.0
package dev.waymark.bench;

import java.lang.management.ManagementFactory;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * What a thread hand-off costs on this machine: one thread hands a {@link CompletableFuture} to another through a
 * {@link LinkedBlockingQueue} (as the pipeline hands work to the store's writer) and waits for it to be completed
 * (as a blocked HTTP thread waited for its commit). Prints the wall time and the process CPU per round trip, five
 * rounds of 100,000. {@code java -cp bench/target/waymark-bench.jar dev.waymark.bench.HandoffBench}
 */
public final class HandoffBench {
    private static final int ROUND_TRIPS = 100_000;

    private HandoffBench() {
    }

    public static void main(String[] args) throws Exception {
        LinkedBlockingQueue<CompletableFuture<Object>> queue = new LinkedBlockingQueue<>();
        Thread completer = new Thread(() -> {
            try {
                while (true) {
                    queue.take().complete(null);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "completer");
        completer.setDaemon(true);
        completer.start();
        for (int round = 1; round <= 5; round++) {
            long cpu = processCpuNanos();
            long start = System.nanoTime();
            for (int i = 0; i < ROUND_TRIPS; i++) {
                CompletableFuture<Object> future = new CompletableFuture<>();
                queue.add(future);
                future.get();
            }
            double wall = (System.nanoTime() - start) / 1e3 / ROUND_TRIPS;
            double used = (processCpuNanos() - cpu) / 1e3 / ROUND_TRIPS;
            System.out.printf("round %d: %.1f us wall, %.1f us CPU per round trip%n", round, wall, used);
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
