// SPDX-License-Identifier: Apache-2.0
/**
 * The transactional store: one interface ({@link dev.waymark.store.Store}) and its embedded SQLite engine with a
 * single writer thread that commits concurrent transactions in groups, each durably (WAL, synchronous=FULL)
 * before any of them is acknowledged. Schema changes are Flyway migrations under {@code db/migration}.
 */
package dev.waymark.store;
