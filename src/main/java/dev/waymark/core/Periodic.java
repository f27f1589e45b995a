// SPDX-License-Identifier: Apache-2.0
package dev.waymark.core;

import dev.waymark.store.Store;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A background job run every so often on its own daemon thread. A failed run is logged and the job goes on at its
 * next time: housekeeping must never stop because of one bad pass. A job given a store runs only while this node
 * holds the job's lease in it ({@link Store#lease}): on a store shared by several nodes, one node at a time runs
 * each job, and another takes over when that node has been silent for the lease's time. Thread-safe.
 */
public final class Periodic implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Periodic.class);

    private final String name;
    private final Duration every;
    private final Runnable task;
    private final ScheduledExecutorService scheduler;

    public Periodic(String name, Duration every, Runnable task) {
        this(name, every, null, task);
    }

    /** A job of the given store: run only while this node holds its lease there. */
    public Periodic(String name, Duration every, Store store, Runnable task) {
        this.name = name;
        this.every = every;
        this.task = store == null ? task : () -> {
            if (store.lease(name)) {
                task.run();
            }
        };
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts the job: first run after a second, then every period after the previous run ended. */
    public void start() {
        scheduler.scheduleWithFixedDelay(this::runSafely, 1_000, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void runSafely() {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.error("{} failed; it runs again in {}", name, every, e);
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
