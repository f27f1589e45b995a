// SPDX-License-Identifier: Apache-2.0
package dev.waymark.store;

/**
 * The transactional store. Thread-safe.
 *
 * <p>{@link #write} runs the work in a transaction and returns only after that transaction is durably committed;
 * if the work throws, its changes are rolled back and the exception is rethrown unchanged; if the commit itself
 * fails, {@link StoreException} is thrown and nothing of the work persists. {@link #read} runs the work on a
 * reader connection that sees the last committed state.
 */
public interface Store extends AutoCloseable {
    <T> T write(Work<T> work);

    <T> T read(Work<T> work);

    /**
     * Like {@link #write}, without waiting: the future completes once the transaction is durably committed (or
     * fails with what {@link #write} would throw; never throws itself). Actions chained on it without an executor
     * may run on the store's writer thread, so they must be short and must not block.
     */
    <T> java.util.concurrent.CompletableFuture<T> submit(Work<T> work);

    /**
     * Whether this node may run the named background job now: always on a store of one node; on a shared store,
     * when this node holds the job's lease (taken when free or expired, renewed while held).
     */
    default boolean lease(String job) {
        return true;
    }

    /** Whether the store is PostgreSQL (whose event history is partitioned by day) rather than SQLite. */
    default boolean postgres() {
        return false;
    }

    @Override
    void close();
}
