// SPDX-License-Identifier: Apache-2.0
package dev.waymark.store;

import java.nio.file.Path;
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
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The embedded engine: one SQLite file in WAL mode with {@code synchronous=FULL}.
 *
 * <p>Writes go through one writer thread. It takes every transaction waiting in its queue (up to
 * {@value #MAX_GROUP}), runs each inside its own savepoint so that one failing piece of work rolls back only
 * itself, then commits the group with one fsync and only then completes the callers' futures: many concurrent
 * durable writes for the price of one fsync (group commit). Reads run on a small pool of reader connections,
 * which WAL lets proceed while the writer commits.
 */
public final class SqliteStore implements Store {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteStore.class);
    static final int MAX_GROUP = 512;
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

    public SqliteStore(Path file, int readerCount) {
        SQLiteDataSource dataSource = dataSource(file);
        migrate(dataSource);
        try {
            writer = new Tx(dataSource.getConnection());
            readers = new ArrayBlockingQueue<>(readerCount);
            for (int i = 0; i < readerCount; i++) {
                readers.add(new Tx(dataSource.getConnection()));
            }
        } catch (SQLException e) {
            throw new StoreException("cannot open " + file, e);
        }
        writerThread = new Thread(this::writeLoop, "store-writer");
        writerThread.setDaemon(true);
        writerThread.start();
    }

    private static SQLiteDataSource dataSource(Path file) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(10_000);
        config.enforceForeignKeys(true);
        config.setTempStore(SQLiteConfig.TempStore.MEMORY);
        config.setGetGeneratedKeys(false);
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        return dataSource;
    }

    private static void migrate(SQLiteDataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration/sqlite")
                .load()
                .migrate();
    }

    @Override
    public <T> T write(Work<T> work) {
        if (closed) {
            throw new StoreException("store is closed", null);
        }
        Task task = new Task(work);
        queue.add(task);
        return await(task.result());
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
            queue.drainTo(group, MAX_GROUP - 1);
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
        try {
            writer.execute("BEGIN IMMEDIATE");
        } catch (SQLException e) {
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
