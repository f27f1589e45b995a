// SPDX-License-Identifier: Apache-2.0
package dev.waymark.trail;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.core.Hashes;
import dev.waymark.s3.ObjectWriter;
import dev.waymark.store.Store;
import dev.waymark.store.Tx;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

/**
 * Signed, chained digest files (cloudtrail.md §4): for each trail with log file validation and each region it has
 * delivered files for, one digest per period listing the files delivered in it (possibly none), each signed with
 * the region's key over {@code digestEndTime\nbucket/key\nsha256(digest)\nprevious signature or "null"} and chained
 * to the previous one. A digest, its chain link and the removal of the files it lists commit together.
 */
final class Digests {
    private static final DateTimeFormatter JSON_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter KEY_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter FOLDERS = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);

    private final Store store;
    private final SigningKeys keys;
    private final ObjectWriter writer;
    private final Optional<ExternalBuckets> external;
    private final Duration period;

    record Chain(String region, long lastEnd, Optional<String> lastBucket, Optional<String> lastKey,
                 Optional<String> lastHash, Optional<String> lastSignature) {
    }

    record LogFile(String bucket, String key, String hash, long newest, long oldest) {
    }

    Digests(Store store, SigningKeys keys, ObjectWriter writer, Optional<ExternalBuckets> external, Duration period) {
        this.store = store;
        this.keys = keys;
        this.writer = writer;
        this.external = external;
        this.period = period;
    }

    /** Notes a delivered log file for the next digest of its region (inside the delivery's transaction). */
    static void noteLogFile(Tx tx, Trail trail, String region, LogFile file, long deliveredAt) throws SQLException {
        tx.update("INSERT INTO digest_file (account_id, home_region, trail_name, source_region, s3_bucket, s3_key, hash, "
                        + "newest, oldest, delivered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                trail.accountId(), trail.homeRegion(), trail.name(), region, file.bucket(), file.key(), file.hash(),
                file.newest(), file.oldest(), deliveredAt);
    }

    /** When the trail's latest digest was written, and the error of its latest failed digest, if any. */
    static Optional<Long> latestWritten(Tx tx, Trail trail) throws SQLException {
        return tx.queryOne("SELECT MAX(last_written) FROM digest_chain WHERE account_id = ? AND home_region = ? "
                + "AND trail_name = ?", rs -> {
                    long value = rs.getLong(1);
                    return rs.wasNull() ? null : value;
                }, trail.accountId(), trail.homeRegion(), trail.name());
    }

    static Optional<String> latestError(Tx tx, Trail trail) throws SQLException {
        return tx.queryOne("SELECT latest_digest_error FROM trail WHERE account_id = ? AND home_region = ? AND name = ?",
                rs -> rs.getString(1), trail.accountId(), trail.homeRegion(), trail.name());
    }

    static void failed(Tx tx, Trail trail, String error) throws SQLException {
        tx.update("UPDATE trail SET latest_digest_error = ? WHERE account_id = ? AND home_region = ? AND name = ?",
                error, trail.accountId(), trail.homeRegion(), trail.name());
    }

    /** Writes every digest that is due for the trail; returns how many. */
    int digest(Trail trail, boolean embedded, long now) {
        int written = 0;
        for (String region : regions(trail)) {
            Chain chain = store.write(tx -> chain(tx, trail, region, now));
            while (chain.lastEnd() + period.toMillis() <= now) {
                chain = writeDigest(trail, embedded, chain);
                written++;
            }
        }
        return written;
    }

    private List<String> regions(Trail trail) {
        return store.read(tx -> tx.query("SELECT source_region FROM digest_file WHERE account_id = ? AND home_region = ? "
                        + "AND trail_name = ? UNION SELECT source_region FROM digest_chain WHERE account_id = ? AND "
                        + "home_region = ? AND trail_name = ? UNION SELECT ?", rs -> rs.getString(1),
                trail.accountId(), trail.homeRegion(), trail.name(), trail.accountId(), trail.homeRegion(), trail.name(),
                trail.homeRegion()));
    }

    private static Chain chain(Tx tx, Trail trail, String region, long now) throws SQLException {
        Optional<Chain> chain = tx.queryOne("SELECT source_region, last_end, last_bucket, last_key, last_hash, "
                        + "last_signature FROM digest_chain WHERE account_id = ? AND home_region = ? AND trail_name = ? "
                        + "AND source_region = ?",
                rs -> new Chain(rs.getString(1), rs.getLong(2), Optional.ofNullable(rs.getString(3)),
                        Optional.ofNullable(rs.getString(4)), Optional.ofNullable(rs.getString(5)),
                        Optional.ofNullable(rs.getString(6))),
                trail.accountId(), trail.homeRegion(), trail.name(), region);
        if (chain.isPresent()) {
            return chain.get();
        }
        long start = now - now % 1000;
        tx.update("INSERT INTO digest_chain (account_id, home_region, trail_name, source_region, last_end) VALUES (?, ?, ?, ?, ?)",
                trail.accountId(), trail.homeRegion(), trail.name(), region, start);
        return new Chain(region, start, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    private Chain writeDigest(Trail trail, boolean embedded, Chain chain) {
        long start = chain.lastEnd();
        long end = start + period.toMillis();
        List<LogFile> files = store.read(tx -> tx.query("SELECT s3_bucket, s3_key, hash, newest, oldest FROM digest_file "
                        + "WHERE account_id = ? AND home_region = ? AND trail_name = ? AND source_region = ? AND delivered_at < ? "
                        + "ORDER BY delivered_at, s3_key", rs -> new LogFile(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getLong(4), rs.getLong(5)),
                trail.accountId(), trail.homeRegion(), trail.name(), chain.region(), end));
        String key = trail.prefix().map(p -> p + "/").orElse("") + "AWSLogs/" + trail.accountId() + "/CloudTrail-Digest/"
                + chain.region() + "/" + FOLDERS.format(Instant.ofEpochMilli(end)) + "/" + trail.accountId()
                + "_CloudTrail-Digest_" + chain.region() + "_" + trail.name() + "_" + trail.homeRegion() + "_"
                + KEY_TIME.format(Instant.ofEpochMilli(end)) + ".json.gz";
        SigningKeys.Key signingKey = store.write(tx -> keys.current(tx, chain.region(), end));
        byte[] json = json(trail, chain, start, end, key, signingKey.fingerprint(), files);
        String hash = sha256(json);
        String endTime = JSON_TIME.format(Instant.ofEpochMilli(end));
        String signature = keys.sign(signingKey, endTime + "\n" + trail.bucket() + "/" + key + "\n" + hash + "\n"
                + chain.lastSignature().orElse("null"));
        Map<String, String> metadata = Map.of("signature", signature, "signature-algorithm", "SHA256withRSA");
        byte[] body = gzip(json);
        Optional<ObjectWriter.Prepared> prepared = Optional.empty();
        if (embedded) {
            prepared = Optional.of(writer.prepare(trail.bucket(), key, body, "application/json", Optional.of("gzip"),
                    trail.kmsKeyId(), metadata, Instant.ofEpochMilli(end)));
        } else {
            external.orElseThrow().put(trail.bucket(), key, body, trail.kmsKeyId(), metadata);
        }
        Optional<ObjectWriter.Prepared> object = prepared;
        store.write(tx -> {
            if (object.isPresent()) {
                writer.commit(tx, object.get());
            }
            for (LogFile file : files) {
                tx.update("DELETE FROM digest_file WHERE account_id = ? AND home_region = ? AND trail_name = ? AND s3_key = ?",
                        trail.accountId(), trail.homeRegion(), trail.name(), file.key());
            }
            tx.update("UPDATE digest_chain SET last_end = ?, last_bucket = ?, last_key = ?, last_hash = ?, last_signature = ?, "
                            + "last_written = ? WHERE account_id = ? AND home_region = ? AND trail_name = ? AND source_region = ?",
                    end, trail.bucket(), key, hash, signature, System.currentTimeMillis(), trail.accountId(),
                    trail.homeRegion(), trail.name(), chain.region());
            tx.update("UPDATE trail SET latest_digest_error = NULL WHERE account_id = ? AND home_region = ? AND name = ?",
                    trail.accountId(), trail.homeRegion(), trail.name());
            return null;
        });
        return new Chain(chain.region(), end, Optional.of(trail.bucket()), Optional.of(key), Optional.of(hash),
                Optional.of(signature));
    }

    /** The digest JSON, fields in AWS's order (cloudtrail.md §4.2). */
    private static byte[] json(Trail trail, Chain chain, long start, long end, String key, String fingerprint,
                               List<LogFile> files) {
        ObjectNode digest = TrailsApi.MAPPER.createObjectNode();
        digest.put("awsAccountId", trail.accountId());
        digest.put("digestStartTime", JSON_TIME.format(Instant.ofEpochMilli(start)));
        digest.put("digestEndTime", JSON_TIME.format(Instant.ofEpochMilli(end)));
        digest.put("digestS3Bucket", trail.bucket());
        digest.put("digestS3Object", key);
        digest.put("digestPublicKeyFingerprint", fingerprint);
        digest.put("digestSignatureAlgorithm", "SHA256withRSA");
        long newest = files.stream().mapToLong(LogFile::newest).max().orElse(-1);
        long oldest = files.stream().mapToLong(LogFile::oldest).min().orElse(-1);
        putTime(digest, "newestEventTime", newest);
        putTime(digest, "oldestEventTime", oldest);
        digest.put("previousDigestS3Bucket", chain.lastBucket().orElse(null));
        digest.put("previousDigestS3Object", chain.lastKey().orElse(null));
        digest.put("previousDigestHashValue", chain.lastHash().orElse(null));
        digest.put("previousDigestHashAlgorithm", chain.lastHash().isPresent() ? "SHA-256" : null);
        digest.put("previousDigestSignature", chain.lastSignature().orElse(null));
        ArrayNode list = digest.putArray("logFiles");
        for (LogFile file : files) {
            ObjectNode entry = list.addObject().put("s3Bucket", file.bucket()).put("s3Object", file.key())
                    .put("hashValue", file.hash()).put("hashAlgorithm", "SHA-256");
            putTime(entry, "newestEventTime", file.newest());
            putTime(entry, "oldestEventTime", file.oldest());
        }
        return digest.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void putTime(ObjectNode node, String field, long millis) {
        if (millis < 0) {
            node.putNull(field);
        } else {
            node.put(field, JSON_TIME.format(Instant.ofEpochMilli(millis)));
        }
    }

    static String sha256(byte[] bytes) {
        return Hashes.sha256Hex(bytes);
    }

    static byte[] gzip(byte[] plain) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(plain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

}
