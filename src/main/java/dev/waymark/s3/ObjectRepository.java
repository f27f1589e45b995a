// SPDX-License-Identifier: Apache-2.0
package dev.waymark.s3;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.waymark.store.Tx;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.HashSet;

/** Object metadata rows. Keys compare by their UTF-8 bytes, as S3 lists them. */
final class ObjectRepository {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
    };
    private static final String COLUMNS = "bucket, object_key, file_id, size, etag, last_modified, content_type, "
            + "content_encoding, headers, metadata, sse, kms_key_id, data_key, checksum_algorithm, checksum";

    /**
     * Inserts or replaces the object's row. The file of a replaced object is left to {@link ObjectFiles#sweep}: it
     * may be deleted only once this transaction has committed, which the handler cannot see.
     */
    void put(Tx tx, StoredObject object) throws SQLException {
        tx.update("INSERT INTO s3_object (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                        + "ON CONFLICT (bucket, object_key) DO UPDATE SET file_id = excluded.file_id, size = excluded.size, "
                        + "etag = excluded.etag, last_modified = excluded.last_modified, "
                        + "content_type = excluded.content_type, content_encoding = excluded.content_encoding, "
                        + "headers = excluded.headers, metadata = excluded.metadata, sse = excluded.sse, "
                        + "kms_key_id = excluded.kms_key_id, data_key = excluded.data_key, "
                        + "checksum_algorithm = excluded.checksum_algorithm, checksum = excluded.checksum",
                object.bucket(), object.key(), object.fileId(), object.size(), object.etag(),
                object.lastModified().toEpochMilli(), object.contentType().orElse(null),
                object.contentEncoding().orElse(null), json(object.headers()), json(object.metadata()),
                object.encryption().algorithm(), object.encryption().kmsKeyId().orElse(null),
                object.encryption().sealedDataKey(), object.checksum().map(StoredObject.Checksum::member).orElse(null),
                object.checksum().map(StoredObject.Checksum::value).orElse(null));
    }

    Optional<StoredObject> find(Tx tx, String bucket, String key) throws SQLException {
        return tx.queryOne("SELECT " + COLUMNS + " FROM s3_object WHERE bucket = ? AND object_key = ?",
                ObjectRepository::object, bucket, key);
    }

    boolean delete(Tx tx, String bucket, String key) throws SQLException {
        return tx.update("DELETE FROM s3_object WHERE bucket = ? AND object_key = ?", bucket, key) > 0;
    }

    /** Deletes the object only if it is still the version stored in {@code fileId} (not overwritten since). */
    boolean deleteVersion(Tx tx, String bucket, String key, String fileId) throws SQLException {
        return tx.update("DELETE FROM s3_object WHERE bucket = ? AND object_key = ? AND file_id = ?",
                bucket, key, fileId) > 0;
    }

    boolean isEmpty(Tx tx, String bucket) throws SQLException {
        return tx.queryOne("SELECT 1 FROM s3_object WHERE bucket = ? LIMIT 1", rs -> 1, bucket).isEmpty();
    }

    /** Up to {@code limit} objects with keys greater than {@code after} and at least {@code from}, in key order. */
    List<StoredObject> page(Tx tx, String bucket, String after, String from, int limit) throws SQLException {
        return tx.query("SELECT " + COLUMNS + " FROM s3_object WHERE bucket = ? AND object_key > ? AND object_key >= ? "
                + "ORDER BY object_key LIMIT ?", ObjectRepository::object, bucket, after, from, limit);
    }

    /** Objects last modified at or before {@code cutoff}, in key order after {@code after}. */
    List<StoredObject> modifiedUpTo(Tx tx, String bucket, Instant cutoff, String after, int limit) throws SQLException {
        return tx.query("SELECT " + COLUMNS + " FROM s3_object WHERE bucket = ? AND last_modified <= ? "
                        + "AND object_key > ? ORDER BY object_key LIMIT ?", ObjectRepository::object,
                bucket, cutoff.toEpochMilli(), after, limit);
    }

    /** The files the bucket's rows refer to. */
    Set<String> fileIds(Tx tx, String bucket) throws SQLException {
        return new HashSet<>(tx.query("SELECT file_id FROM s3_object WHERE bucket = ?", rs -> rs.getString(1), bucket));
    }

    private static StoredObject object(ResultSet rs) throws SQLException {
        String checksumMember = rs.getString(14);
        return new StoredObject(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5),
                Instant.ofEpochMilli(rs.getLong(6)), Optional.ofNullable(rs.getString(7)),
                Optional.ofNullable(rs.getString(8)), map(rs.getString(9)), map(rs.getString(10)),
                new StoredObject.Encryption(rs.getString(11), Optional.ofNullable(rs.getString(12)), rs.getString(13)),
                checksumMember == null ? Optional.empty()
                        : Optional.of(new StoredObject.Checksum(checksumMember, rs.getString(15))));
    }

    private static String json(Map<String, String> map) {
        try {
            return MAPPER.writeValueAsString(map);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a map of strings", e);
        }
    }

    private static Map<String, String> map(String json) throws SQLException {
        try {
            return MAPPER.readValue(json, STRING_MAP);
        } catch (JsonProcessingException e) {
            throw new SQLException("unreadable stored map", e);
        }
    }
}
