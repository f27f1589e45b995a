// SPDX-License-Identifier: Apache-2.0
package dev.waymark.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A connection inside a transaction, with prepared statements cached per connection (the hot paths run the same
 * few statements thousands of times a second). Not thread-safe: a Tx belongs to the thread running the work.
 */
public final class Tx {
    private final Connection connection;
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    private static final Object[] NO_ARGS = new Object[0];
    private int depth;

    Tx(Connection connection) {
        this.connection = connection;
    }

    public Connection connection() {
        return connection;
    }

    /**
     * Runs work in a nested savepoint: if it throws, its changes are rolled back and the exception rethrown, while
     * the enclosing transaction goes on (the pipeline records a failed call this way).
     */
    public <T> T attempt(Work<T> work) throws Exception {
        String savepoint = "s" + (++depth);
        try {
            execute("SAVEPOINT " + savepoint);
            try {
                T result = work.run(this);
                execute("RELEASE SAVEPOINT " + savepoint);
                return result;
            } catch (Exception | Error e) {
                execute("ROLLBACK TO SAVEPOINT " + savepoint);
                execute("RELEASE SAVEPOINT " + savepoint);
                throw e;
            }
        } finally {
            depth--;
        }
    }

    /**
     * Runs a transaction-control statement. Savepoints are named by nesting depth, so the same few statements
     * recur and stay prepared.
     */
    void execute(String sql) throws SQLException {
        prepare(sql, NO_ARGS).execute();
    }

    public int update(String sql, Object... args) throws SQLException {
        PreparedStatement statement = prepare(sql, args);
        return statement.executeUpdate();
    }

    public <T> List<T> query(String sql, Row<T> row, Object... args) throws SQLException {
        PreparedStatement statement = prepare(sql, args);
        List<T> result = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                result.add(row.map(rs));
            }
        }
        return result;
    }

    public <T> Optional<T> queryOne(String sql, Row<T> row, Object... args) throws SQLException {
        PreparedStatement statement = prepare(sql, args);
        try (ResultSet rs = statement.executeQuery()) {
            return rs.next() ? Optional.ofNullable(row.map(rs)) : Optional.empty();
        }
    }

    public long queryLong(String sql, Object... args) throws SQLException {
        return queryOne(sql, rs -> rs.getLong(1), args).orElse(0L);
    }

    private PreparedStatement prepare(String sql, Object[] args) throws SQLException {
        PreparedStatement statement = statements.get(sql);
        if (statement == null) {
            statement = connection.prepareStatement(sql);
            statements.put(sql, statement);
        }
        statement.clearParameters();
        for (int i = 0; i < args.length; i++) {
            statement.setObject(i + 1, args[i]);
        }
        return statement;
    }

    void closeStatements() {
        for (PreparedStatement statement : statements.values()) {
            try {
                statement.close();
            } catch (SQLException ignored) {
                // closing: nothing left to do with it
            }
        }
        statements.clear();
    }
}
