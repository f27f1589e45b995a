// SPDX-License-Identifier: Apache-2.0
package dev.waymark.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The SQLite engine on a real file: group commit, per-work rollback, nested attempts, durability across reopen. */
class SqliteStoreTest {
    private Path file;
    private GroupCommitStore store;

    @BeforeEach
    void open() throws Exception {
        file = Files.createTempDirectory("store").resolve("test.db");
        store = GroupCommitStore.sqlite(file, 2);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private long tags() {
        return store.read(tx -> tx.queryLong("SELECT COUNT(*) FROM resource_tag"));
    }

    @Test
    void concurrentWritesAreAllCommittedAndSurviveReopen() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            String key = "k" + i;
            results.add(pool.submit(() -> store.write(tx -> tx.update(
                    "INSERT INTO resource_tag (arn, tag_key, value) VALUES ('arn:x', ?, 'v')", key))));
        }
        for (Future<Integer> result : results) {
            assertEquals(1, result.get());
        }
        pool.shutdown();
        store.close();
        store = GroupCommitStore.sqlite(file, 2);
        assertEquals(500, tags());
    }

    @Test
    void failingWorkRollsBackOnlyItselfAndRethrows() {
        store.write(tx -> tx.update("INSERT INTO resource_tag (arn, tag_key, value) VALUES ('arn:x', 'kept', 'v')"));
        IllegalStateException failure = new IllegalStateException("boom");
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> store.write(tx -> {
            tx.update("INSERT INTO resource_tag (arn, tag_key, value) VALUES ('arn:x', 'lost', 'v')");
            throw failure;
        }));
        assertSame(failure, thrown);
        assertEquals(1, tags());
    }

    @Test
    void submittedWorkCompletesOnItsCommitOrWithItsFailure() throws Exception {
        CompletableFuture<Integer> kept = store.submit(tx -> tx.update(
                "INSERT INTO resource_tag (arn, tag_key, value) VALUES ('arn:x', 'kept', 'v')"));
        IllegalStateException failure = new IllegalStateException("boom");
        CompletableFuture<Integer> failed = store.submit(tx -> {
            tx.update("INSERT INTO resource_tag (arn, tag_key, value) VALUES ('arn:x', 'lost', 'v')");
            throw failure;
        });
        assertEquals(1, kept.get(10, TimeUnit.SECONDS));
        ExecutionException thrown = assertThrows(ExecutionException.class, () -> failed.get(10, TimeUnit.SECONDS));
        assertSame(failure, thrown.getCause());
        store.close();
        store = GroupCommitStore.sqlite(file, 2);
        assertEquals(List.of("kept"), store.read(tx -> tx.query("SELECT tag_key FROM resource_tag", rs -> rs.getString(1))),
                "what completed is durable, what failed rolled back");
        store.close();
        CompletableFuture<Object> closed = store.submit(tx -> null);
        assertTrue(closed.isCompletedExceptionally(), "a closed store refuses work without throwing");
        assertThrows(ExecutionException.class, closed::get);
        store = GroupCommitStore.sqlite(file, 2);
    }

    @Test
    void attemptRollsBackTheInnerWorkButKeepsTheOuter() {
        store.write(tx -> {
            tx.update("INSERT INTO resource_tag (arn, tag_key, value) VALUES ('arn:x', 'outer', 'v')");
            assertThrows(IllegalArgumentException.class, () -> tx.attempt(inner -> {
                inner.update("INSERT INTO resource_tag (arn, tag_key, value) VALUES ('arn:x', 'inner', 'v')");
                throw new IllegalArgumentException("inner failure");
            }));
            return null;
        });
        assertEquals(List.of("outer"), store.read(tx -> tx.query("SELECT tag_key FROM resource_tag", rs -> rs.getString(1))));
    }

    @Test
    void anotherConnectionCanWriteBetweenGroups() throws Exception {
        store.write(tx -> tx.update("INSERT INTO resource_tag (arn, tag_key, value) VALUES ('arn:x', 'server', 'v')"));
        try (GroupCommitStore other = GroupCommitStore.sqlite(file, 1)) {
            other.write(tx -> tx.update("INSERT INTO resource_tag (arn, tag_key, value) VALUES ('arn:x', 'admin', 'v')"));
        }
        assertEquals(2, tags());
    }
}
