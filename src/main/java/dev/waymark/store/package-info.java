// SPDX-License-Identifier: Apache-2.0
/**
 * The transactional store: one interface ({@link dev.waymark.store.Store}) on one of two engines
 * ({@link dev.waymark.store.Engine}): the embedded SQLite file (WAL, synchronous=FULL) or PostgreSQL shared by
 * several nodes. A single writer thread per node commits concurrent transactions in groups, each durably before any
 * of them is acknowledged; on PostgreSQL the groups of all nodes take turns under an advisory lock, and background
 * jobs hold row leases ({@link dev.waymark.store.Store#lease}). Schema changes are Flyway migrations under
 * {@code db/migration/<engine>}, the same versions in each engine's dialect.
 */
package dev.waymark.store;
