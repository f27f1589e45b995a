// SPDX-License-Identifier: Apache-2.0
package dev.waymark.store;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * A database engine the store runs on: where its connections come from, its migrations (the same versions in each
 * engine's dialect, {@code db/migration/<engine>}), and how a write group begins.
 */
public sealed interface Engine permits Engine.Sqlite, Engine.Postgres {
    DataSource dataSource();

    String migrations();

    /** The statements that begin a write group's transaction and take what makes groups commit one at a time. */
    List<String> begin();

    String describe();

    /** Whether several nodes share the database (their background jobs then take leases). */
    boolean shared();

    /** The most pieces of work one group commits (each runs in a savepoint of the group's transaction). */
    int maxGroup();

    /** The embedded engine: one SQLite file in WAL mode, {@code synchronous=FULL}, foreign keys enforced. */
    record Sqlite(Path file) implements Engine {
        public Sqlite {
            requireNonNull(file, "file is null");
        }

        @Override
        public DataSource dataSource() {
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

        @Override
        public String migrations() {
            return "classpath:db/migration/sqlite";
        }

        @Override
        public List<String> begin() {
            return List.of("BEGIN IMMEDIATE");
        }

        @Override
        public String describe() {
            return file.toString();
        }

        @Override
        public boolean shared() {
            return false;
        }

        @Override
        public int maxGroup() {
            return 512;
        }
    }

    /**
     * PostgreSQL, shared by the nodes of a cluster. A write group holds a transaction-scoped advisory lock from its
     * first statement to its commit, so the groups of every node commit one after the other: rows numbered by an
     * identity column (the event table's {@code seq}) become visible in number order, which is what lets a trail
     * keep "delivered up to seq N" as a checkpoint. Commits are durable with PostgreSQL's defaults
     * ({@code synchronous_commit=on}).
     */
    record Postgres(String url, Optional<String> user, Optional<String> password) implements Engine {
        /** The advisory lock key of write groups: "waymark" in ASCII. */
        static final long WRITE_LOCK = 0x7761796d61726bL;

        public Postgres {
            requireNonNull(url, "url is null");
            requireNonNull(user, "user is null");
            requireNonNull(password, "password is null");
            if (!url.startsWith("jdbc:postgresql:")) {
                throw new IllegalArgumentException("--database-url must be a jdbc:postgresql: URL, got '" + url + "'");
            }
        }

        @Override
        public DataSource dataSource() {
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setURL(url);
            user.ifPresent(dataSource::setUser);
            password.ifPresent(dataSource::setPassword);
            dataSource.setReWriteBatchedInserts(true);
            dataSource.setApplicationName("waymark");
            return dataSource;
        }

        @Override
        public String migrations() {
            return "classpath:db/migration/postgresql";
        }

        @Override
        public List<String> begin() {
            return List.of("BEGIN", "SELECT pg_advisory_xact_lock(" + WRITE_LOCK + ")");
        }

        @Override
        public String describe() {
            return url.replaceAll("password=[^&]*", "password=***");
        }

        @Override
        public boolean shared() {
            return true;
        }

        /**
         * 60: each piece of work is a subtransaction, and past 64 in one transaction PostgreSQL overflows its
         * per-backend subtransaction cache, which slows every snapshot taken while the group runs.
         */
        @Override
        public int maxGroup() {
            return 60;
        }
    }
}
