// SPDX-License-Identifier: Apache-2.0
package dev.waymark.store;

import java.nio.file.Path;
import javax.sql.DataSource;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store on one database engine ({@link Engine}: the embedded SQLite file, or PostgreSQL).
 *
 * <p>Writes go through one writer thread and one connection. It takes every transaction waiting in its queue (up to
 * {@link Engine#maxGroup()}), runs each inside its own savepoint so that one failing piece of work rolls back only
 * itself, then commits the group with one fsync and only then completes the callers' futures: many concurrent
 * durable writes for the price of one fsync (group commit). Each group begins as its engine says: SQLite takes the
 * database's write lock ({@code BEGIN IMMEDIATE}); PostgreSQL takes a transaction-scoped advisory lock, so that the
 * groups of all the nodes on one database commit one after the other and event sequence numbers become visible in
 * the order they were given (trails read past them as checkpoints). Reads run on a small pool of reader
 * connections, which both engines let proceed while the writer commits.
 */
public final class GroupCommitStore implements Store {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitStore.class);
    private static final int MAX_GROUP = 512;
    private static final Task POISON = new Task(tx -> null);

    private final BlockingQueue<Task> queue = new LinkedBlockingQueue<>();
    private final BlockingQueue<Tx> readers;
    private final Tx writer;
    private final Thread writerThread;
    private volatile boolean closed;

    private record Task(Work<?> work, CompletableFuture<Object> result) {
        Task(Work<?> work) {
            this(work, new CompletableFuture<>());
        }
    }

    private final Engine engine;
    /** This node, as the holder of job leases. */
    private final String node = java.util.UUID.randomUUID().toString();
    /** The leases this node holds: job name to the time (epoch milliseconds) each runs out. */
    private final java.util.Map<String, Long> leases = new java.util.concurrent.ConcurrentHashMap<>();
    static final long LEASE_MILLIS = 30_000;

    public GroupCommitStore(Engine engine, int readerCount) {
        this.engine = engine;
        DataSource dataSource = engine.dataSource();
        Flyway.configure().dataSource(dataSource).locations(engine.migrations()).load().migrate();
        try {
            writer = new Tx(dataSource.getConnection());
            readers = new ArrayBlockingQueue<>(readerCount);
            for (int i = 0; i < readerCount; i++) {
                readers.add(new Tx(dataSource.getConnection()));
            }
        } catch (SQLException e) {
            throw new StoreException("cannot open " + engine.describe(), e);
        }
        writerThread = new Thread(this::writeLoop, "store-writer");
        writerThread.setDaemon(true);
        writerThread.start();
    }

    /** The embedded engine on the given file, with the given number of reader connections. */
    public static GroupCommitStore sqlite(Path file, int readerCount) {
        return new GroupCommitStore(new Engine.Sqlite(file), readerCount);
    }

    @Override
    public <T> T write(Work<T> work) {
        return await(enqueue(work));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> CompletableFuture<T> submit(Work<T> work) {
        try {
            return (CompletableFuture<T>) enqueue(work);
        } catch (StoreException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private CompletableFuture<Object> enqueue(Work<?> work) {
        if (closed) {
            throw new StoreException("store is closed", null);
        }
        Task task = new Task(work);
        queue.add(task);
        return task.result();
    }

    /**
     * Takes or renews the job's lease on a shared engine: the row is this node's when it was free, already this
     * node's, or expired. A held lease is renewed when half its time is gone, so a running node writes a job's
     * lease every 15 s and a silent node's jobs are taken over within 30 s (node clocks are assumed to agree).
     */
    @Override
    public boolean lease(String job) {
        if (!engine.shared()) {
            return true;
        }
        long now = System.currentTimeMillis();
        Long until = leases.get(job);
        if (until != null && now < until - LEASE_MILLIS / 2) {
            return true;
        }
        boolean held = write(tx -> tx.update("INSERT INTO job_lease (name, holder, expires_at) VALUES (?, ?, ?) "
                + "ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at "
                + "WHERE job_lease.holder = excluded.holder OR job_lease.expires_at < ?", job, node, now + LEASE_MILLIS, now) == 1);
        if (held) {
            if (until == null) {
                LOG.info("node {} now runs {}", node, job);
            }
            leases.put(job, now + LEASE_MILLIS);
        } else {
            leases.remove(job);
        }
        return held;
    }

    /** Gives this node's leases back, so that another node (or this one restarted) takes the jobs over at once. */
    private void releaseLeases() {
        if (!engine.shared() || leases.isEmpty()) {
            return;
        }
        try {
            write(tx -> tx.update("DELETE FROM job_lease WHERE holder = ?", node));
        } catch (RuntimeException e) {
            LOG.warn("the leases of node {} could not be given back; they run out within {} s", node, LEASE_MILLIS / 1000, e);
        }
        leases.clear();
    }

    @Override
    public boolean postgres() {
        return engine instanceof Engine.Postgres;
    }

    @Override
    public <T> T read(Work<T> work) {
        Tx reader;
        try {
            reader = readers.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted", e);
        }
        try {
            return work.run(reader);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new StoreException("read failed", e);
        } finally {
            readers.add(reader);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T await(CompletableFuture<Object> future) {
        try {
            return (T) future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for commit", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new StoreException("write failed", cause);
        }
    }

    private void writeLoop() {
        List<Task> group = new ArrayList<>(MAX_GROUP);
        List<Object> results = new ArrayList<>(MAX_GROUP);
        while (true) {
            try {
                group.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(group, engine.maxGroup() - 1);
            boolean stop = group.remove(POISON);
            if (!group.isEmpty()) {
                runGroup(group, results);
            }
            group.clear();
            results.clear();
            if (stop) {
                return;
            }
        }
    }

    /**
     * Runs a group in one transaction, controlled with explicit SQL (the connection stays in auto-commit mode so
     * that no lock is held between groups, and other processes such as the admin command line can write).
     */
    private void runGroup(List<Task> group, List<Object> results) {
        int begun = 0;
        try {
            for (String statement : engine.begin()) {
                writer.execute(statement);
                begun++;
            }
        } catch (SQLException e) {
            if (begun > 0) {
                rollbackQuietly();
            }
            LOG.error("cannot begin a transaction for {} pieces of work", group.size(), e);
            StoreException failure = new StoreException("cannot begin a transaction", e);
            group.forEach(task -> task.result().completeExceptionally(failure));
            return;
        }
        for (Task task : group) {
            results.add(runInSavepoint(task));
        }
        try {
            writer.execute("COMMIT");
        } catch (SQLException e) {
            LOG.error("commit of {} transactions failed; none of them is acknowledged", group.size(), e);
            rollbackQuietly();
            StoreException failure = new StoreException("commit failed", e);
            group.forEach(task -> task.result().completeExceptionally(failure));
            return;
        }
        for (int i = 0; i < group.size(); i++) {
            Object result = results.get(i);
            if (result instanceof Failure failure) {
                group.get(i).result().completeExceptionally(failure.cause());
            } else {
                group.get(i).result().complete(result);
            }
        }
    }

    private record Failure(Throwable cause) {
    }

    private Object runInSavepoint(Task task) {
        try {
            return writer.attempt(task.work());
        } catch (RuntimeException | Error e) {
            return new Failure(e);
        } catch (Exception e) {
            return new Failure(new StoreException("write failed", e));
        }
    }

    private void rollbackQuietly() {
        try {
            writer.execute("ROLLBACK");
        } catch (SQLException e) {
            LOG.error("rollback failed", e);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        releaseLeases();
        closed = true;
        queue.add(POISON);
        try {
            writerThread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeQuietly(writer);
        Tx reader;
        while ((reader = readers.poll()) != null) {
            closeQuietly(reader);
        }
    }

    private static void closeQuietly(Tx tx) {
        tx.closeStatements();
        try {
            tx.connection().close();
        } catch (SQLException e) {
            LOG.warn("closing a connection failed", e);
        }
    }
}
