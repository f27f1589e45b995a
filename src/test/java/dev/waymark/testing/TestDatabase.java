// SPDX-License-Identifier: Apache-2.0
package dev.waymark.testing;

import dev.waymark.core.Hashes;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

/**
 * The engine the end-to-end tests run their servers on. By default the embedded SQLite file of each server's data
 * directory; with the system property {@code waymark.test.postgresql} (a PostgreSQL server,
 * {@code jdbc:postgresql://host:port/?user=…&password=…}, which the build passes from the environment variable
 * {@code WAYMARK_TEST_POSTGRESQL}) every data directory gets its own database on that server instead, named after
 * the directory, so that a test restarting a server on the same directory finds its data again.
 */
public final class TestDatabase {
    private static final String PROPERTY = "waymark.test.postgresql";

    private TestDatabase() {
    }

    /** The PostgreSQL server the tests use, if any. */
    public static Optional<String> postgres() {
        return Optional.ofNullable(System.getProperty(PROPERTY)).filter(url -> !url.isBlank());
    }

    /** The flags a server on this data directory needs: none on SQLite, the directory's database's URL otherwise. */
    public static List<String> flags(Path dataDir) {
        return postgres().map(server -> List.of("--database-url=" + url(server, create(server, dataDir)))).orElse(List.of());
    }

    /** The JDBC URL of the data directory's own PostgreSQL database (created when missing). */
    public static String url(Path dataDir) {
        String server = postgres().orElseThrow(() -> new IllegalStateException("no PostgreSQL server for the tests"));
        return url(server, create(server, dataDir));
    }

    /** A command line with the database flags of the data directory it names ({@code --data-dir=…}) added. */
    public static List<String> commandLine(List<String> arguments) {
        List<String> all = new java.util.ArrayList<>(arguments);
        for (String argument : arguments) {
            if (argument.startsWith("--data-dir=")) {
                all.addAll(flags(Path.of(argument.substring("--data-dir=".length()))));
            }
        }
        return all;
    }

    /** A connection to the store of the data directory, for tests that look inside it. */
    public static Connection connect(Path dataDir) throws SQLException {
        Optional<String> server = postgres();
        if (server.isEmpty()) {
            return DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("waymark.db"));
        }
        return DriverManager.getConnection(url(server.get(), name(dataDir)));
    }

    private static String name(Path dataDir) {
        return "waymark_" + Hashes.sha256Hex(dataDir.toAbsolutePath().normalize().toString()).substring(0, 20);
    }

    /** The URL of a database on the server: the server URL with its path replaced by the database name. */
    private static String url(String server, String database) {
        int query = server.indexOf('?');
        String base = query < 0 ? server : server.substring(0, query);
        String parameters = query < 0 ? "" : server.substring(query);
        int slash = base.indexOf('/', "jdbc:postgresql://".length());
        return (slash < 0 ? base : base.substring(0, slash)) + "/" + database + parameters;
    }

    private static synchronized String create(String server, Path dataDir) {
        String database = name(dataDir);
        try (Connection admin = DriverManager.getConnection(url(server, "postgres"));
             Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            if (!"42P04".equals(e.getSQLState())) {
                throw new IllegalStateException("cannot create the test database " + database + ": " + e.getMessage(), e);
            }
        }
        return database;
    }
}
