// SPDX-License-Identifier: Apache-2.0
package dev.waymark.s3;

import dev.waymark.store.Tx;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Buckets and their configuration documents (policy, lifecycle, default encryption, each JSON or null). */
final class BucketRepository {
    private static final String COLUMNS = "name, account_id, region, created_at";

    /** A bucket configuration kept as one JSON document. */
    enum Document {
        POLICY("policy"), LIFECYCLE("lifecycle"), ENCRYPTION("encryption");

        private final String column;

        Document(String column) {
            this.column = column;
        }
    }

    void insert(Tx tx, Bucket bucket) throws SQLException {
        tx.update("INSERT INTO s3_bucket (name, account_id, region, created_at) VALUES (?, ?, ?, ?)",
                bucket.name(), bucket.accountId(), bucket.region(), bucket.createdAt().toEpochMilli());
    }

    Optional<Bucket> find(Tx tx, String name) throws SQLException {
        return tx.queryOne("SELECT " + COLUMNS + " FROM s3_bucket WHERE name = ?", BucketRepository::bucket, name);
    }

    /** The account's buckets in name order, after {@code after}, starting with {@code prefix}, at most {@code limit}. */
    List<Bucket> list(Tx tx, String accountId, String prefix, String after, int limit) throws SQLException {
        return tx.query("SELECT " + COLUMNS + " FROM s3_bucket WHERE account_id = ? AND name > ? AND name >= ? "
                        + "AND substr(name, 1, ?) = ? ORDER BY name LIMIT ?", BucketRepository::bucket,
                accountId, after, prefix, prefix.length(), prefix, limit);
    }

    void delete(Tx tx, String name) throws SQLException {
        tx.update("DELETE FROM s3_bucket WHERE name = ?", name);
    }

    Optional<String> document(Tx tx, String name, Document document) throws SQLException {
        return tx.queryOne("SELECT " + document.column + " FROM s3_bucket WHERE name = ?", rs -> rs.getString(1), name);
    }

    void saveDocument(Tx tx, String name, Document document, String json) throws SQLException {
        tx.update("UPDATE s3_bucket SET " + document.column + " = ? WHERE name = ?", json, name);
    }

    /** Buckets that have a lifecycle configuration, with it. */
    List<Configured> withLifecycle(Tx tx) throws SQLException {
        return tx.query("SELECT name, lifecycle FROM s3_bucket WHERE lifecycle IS NOT NULL ORDER BY name",
                rs -> new Configured(rs.getString(1), rs.getString(2)));
    }

    /** Every bucket name, for the sweep of orphaned files. */
    List<String> names(Tx tx) throws SQLException {
        return tx.query("SELECT name FROM s3_bucket", rs -> rs.getString(1));
    }

    record Configured(String bucket, String document) {
    }

    private static Bucket bucket(ResultSet rs) throws SQLException {
        return new Bucket(rs.getString(1), rs.getString(2), rs.getString(3), Instant.ofEpochMilli(rs.getLong(4)));
    }
}
