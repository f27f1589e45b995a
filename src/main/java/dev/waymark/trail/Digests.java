// SPDX-License-Identifier: Apache-2.0
package dev.waymark.trail;

import static java.util.Objects.requireNonNull;

import dev.waymark.core.Hashes;
import dev.waymark.s3.BucketDirectory;
import dev.waymark.s3.ObjectWriter;
import dev.waymark.store.Store;
import dev.waymark.store.Tx;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

/**
 * Signed, chained digest files (cloudtrail.md §4): for each trail with log file validation and each region it has
 * delivered files for (for an organization trail, each member account and region), one digest per period, each
 * signed with the region's key and chained to the previous one.
 *
 * <p>A log file belongs to the period that holds its newest event. The standard digest of [start, end) is written
 * once {@code end} has passed, after the trail's delivery pass has caught up, and lists every waiting file whose
 * newest event is before {@code end} (so after an outage or a restart each overdue digest lists its own period's
 * files). A file delivered after the digest of its period was written — its record committed after that digest (a
 * call in flight at the period's end), or its events were stamped by a clock behind the digest writer's — is late:
 * it goes into the region's next backfill digest ({@code …_backfill.json.gz}), which AWS CLI validates in a second
 * pass. Backfill digests form a chain of their own with contiguous windows, each ending at the end of the latest
 * standard digest (so their keys, windows and links run in the order the CLI walks them), at most one per standard
 * period; a late file waits for the next period when that one's backfill is already written.
 *
 * <p>Never signed twice: a digest is decided (files, content, key, signature) in one transaction with its chain's
 * new link and the assignment of its files, stored with its exact JSON, and only then written to the bucket, from the
 * stored bytes, until that succeeds. Decided digests not yet written are written first at every pass. Not
 * thread-safe: one delivery thread runs it.
 */
final class Digests {
    private final Store store;
    private final SigningKeys keys;
    private final ObjectWriter writer;
    private final Optional<ExternalBuckets> external;
    private final long period;
    private final BucketDirectory buckets = new BucketDirectory();
    /** The rows of one chain: its trail, member account and region. */
    private static final String CHAIN = "account_id = ? AND home_region = ? AND trail_name = ? AND member_account = ? "
            + "AND source_region = ?";

    /** A chain's newest digest: where it is, the SHA-256 of its JSON and its signature. */
    record Link(String bucket, String key, String hash, String signature) {
        Link {
            requireNonNull(bucket, "bucket is null");
            requireNonNull(key, "key is null");
        }
    }

    /**
     * The chains of one member account's files in one region (the member is the trail's own account except for an
     * organization trail): standard digests up to {@code lastEnd}, backfill digests up to {@code backfillEnd}.
     */
    record Chain(String member, String region, long lastEnd, Optional<Link> last, Optional<Long> backfillEnd,
                 Optional<Link> lastBackfill) {
        Chain withStandard(DigestDocument digest) {
            return new Chain(member, region, digest.end(), Optional.of(digest.link()), backfillEnd, lastBackfill);
        }

        Chain withBackfill(DigestDocument digest) {
            return new Chain(member, region, lastEnd, last, Optional.of(digest.end()), Optional.of(digest.link()));
        }
    }

    /** A member account and region whose files a trail digests. */
    private record Source(String member, String region) {
    }

    record LogFile(String bucket, String key, String hash, long newest, long oldest) {
    }

    /** The period is taken in whole seconds, at least one: digest names and times have a resolution of a second. */
    Digests(Store store, SigningKeys keys, ObjectWriter writer, Optional<ExternalBuckets> external, Duration period) {
        this.store = store;
        this.keys = keys;
        this.writer = writer;
        this.external = external;
        this.period = Math.max(1, (period.toMillis() + 999) / 1000) * 1000;
    }

    /**
     * Notes a delivered log file for a digest of its region (inside the delivery's transaction): the next standard
     * digest, or the next backfill digest when the digest of the file's period has already been written.
     */
    static void noteLogFile(Tx tx, Trail trail, String member, String region, LogFile file, long deliveredAt)
            throws SQLException {
        boolean late = tx.queryOne("SELECT last_end FROM digest_chain WHERE account_id = ? AND home_region = ? AND "
                        + "trail_name = ? AND member_account = ? AND source_region = ? AND last_key IS NOT NULL",
                rs -> rs.getLong(1), trail.accountId(), trail.homeRegion(), trail.name(), member, region)
                .map(end -> file.newest() < end).orElse(false);
        tx.update("INSERT INTO digest_file (account_id, home_region, trail_name, member_account, source_region, s3_bucket, "
                        + "s3_key, hash, newest, oldest, delivered_at, backfill) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                        + "ON CONFLICT DO NOTHING", trail.accountId(), trail.homeRegion(), trail.name(), member, region,
                file.bucket(), file.key(), file.hash(), file.newest(), file.oldest(), deliveredAt, late ? 1 : 0);
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

    /**
     * Drops a deleted trail's digest state, so that a new trail of the same name starts a chain of its own instead of
     * continuing (and back-filling) the old one.
     */
    static void forget(Tx tx, Trail trail) throws SQLException {
        for (String table : List.of("digest_file", "digest_chain", "digest")) {
            tx.update("DELETE FROM " + table + " WHERE account_id = ? AND home_region = ? AND trail_name = ?",
                    trail.accountId(), trail.homeRegion(), trail.name());
        }
    }

    static void failed(Tx tx, Trail trail, String error) throws SQLException {
        tx.update("UPDATE trail SET latest_digest_error = ? WHERE account_id = ? AND home_region = ? AND name = ?",
                error, trail.accountId(), trail.homeRegion(), trail.name());
    }

    /**
     * Writes the decided digests not yet in the bucket, then every standard digest that is due, then a backfill
     * digest when late files wait; returns how many digests were written.
     */
    int digest(Trail trail, Optional<Organizations.Organization> organization, boolean embedded, long now) {
        int written = 0;
        for (Source source : sources(trail)) {
            String folder = Organizations.logsFolder(organization, source.member());
            Chain chain = store.write(tx -> chain(tx, trail, source, now));
            written += flush(trail, embedded, chain);
            while (chain.lastEnd() + period <= now) {
                chain = chain.withStandard(decide(trail, folder, chain, false, now));
                written += flush(trail, embedded, chain);
            }
            if (backfillDue(trail, chain)) {
                decide(trail, folder, chain, true, now);
                written += flush(trail, embedded, chain);
            }
        }
        return written;
    }

    /**
     * The member accounts and regions to digest: every one with files waiting or digests not yet written, and every
     * chain of an account the trail still delivers for (its own, or its organization's members) — a former member's
     * chain stops once its last files are digested — and always the trail's own account in its home region.
     */
    private List<Source> sources(Trail trail) {
        return store.read(tx -> {
            java.util.Set<String> accounts = new java.util.HashSet<>(List.of(trail.accountId()));
            Optional<Organizations.Organization> organization = Organizations.ofTrail(tx, trail);
            if (organization.isPresent()) {
                accounts.addAll(Organizations.members(tx, organization.get().id()));
            }
            List<Source> sources = new java.util.ArrayList<>(tx.query("SELECT member_account, source_region FROM digest_file "
                            + "WHERE account_id = ? AND home_region = ? AND trail_name = ? UNION SELECT member_account, "
                            + "source_region FROM digest WHERE account_id = ? AND home_region = ? AND trail_name = ? AND "
                            + "written_at IS NULL UNION SELECT ?, ?", rs -> new Source(rs.getString(1), rs.getString(2)),
                    trail.accountId(), trail.homeRegion(), trail.name(), trail.accountId(), trail.homeRegion(),
                    trail.name(), trail.accountId(), trail.homeRegion()));
            for (Source chain : tx.query("SELECT member_account, source_region FROM digest_chain WHERE account_id = ? AND "
                            + "home_region = ? AND trail_name = ?", rs -> new Source(rs.getString(1), rs.getString(2)),
                    trail.accountId(), trail.homeRegion(), trail.name())) {
                if (accounts.contains(chain.member()) && !sources.contains(chain)) {
                    sources.add(chain);
                }
            }
            return sources;
        });
    }

    private static Chain chain(Tx tx, Trail trail, Source source, long now) throws SQLException {
        Optional<Chain> chain = tx.queryOne("SELECT last_end, last_bucket, last_key, last_hash, last_signature, "
                        + "backfill_end, backfill_bucket, backfill_key, backfill_hash, backfill_signature FROM digest_chain "
                        + "WHERE account_id = ? AND home_region = ? AND trail_name = ? AND member_account = ? "
                        + "AND source_region = ?",
                rs -> new Chain(source.member(), source.region(), rs.getLong(1), link(rs, 2),
                        Optional.ofNullable(nullableLong(rs, 6)), link(rs, 7)),
                trail.accountId(), trail.homeRegion(), trail.name(), source.member(), source.region());
        if (chain.isPresent()) {
            return chain.get();
        }
        long start = now - now % 1000;
        tx.update("INSERT INTO digest_chain (account_id, home_region, trail_name, member_account, source_region, last_end) "
                + "VALUES (?, ?, ?, ?, ?, ?)", trail.accountId(), trail.homeRegion(), trail.name(), source.member(),
                source.region(), start);
        return new Chain(source.member(), source.region(), start, Optional.empty(), Optional.empty(), Optional.empty());
    }

    private static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private static Optional<Link> link(ResultSet rs, int first) throws SQLException {
        String key = rs.getString(first + 1);
        return key == null ? Optional.empty()
                : Optional.of(new Link(rs.getString(first), key, rs.getString(first + 2), rs.getString(first + 3)));
    }

    /** Late files wait, a standard digest exists, and this period's backfill digest is not written yet. */
    private boolean backfillDue(Trail trail, Chain chain) {
        if (chain.last().isEmpty() || chain.backfillEnd().map(end -> end >= chain.lastEnd()).orElse(false)) {
            return false;
        }
        return store.read(tx -> tx.queryLong("SELECT COUNT(*) FROM digest_file WHERE account_id = ? AND home_region = ? "
                + "AND trail_name = ? AND member_account = ? AND source_region = ? AND backfill = 1 AND digest_key IS NULL",
                trail.accountId(), trail.homeRegion(), trail.name(), chain.member(), chain.region())) > 0;
    }

    /**
     * Decides the next digest of a chain: standard for [lastEnd, lastEnd + period) signed with the key of its end,
     * or backfill for [end of the previous backfill or start of the latest standard digest, lastEnd) signed with the
     * key of now; stores it, assigns its files and moves the chain, in one transaction.
     */
    private DigestDocument decide(Trail trail, String folder, Chain chain, boolean backfill, long now) {
        long start = backfill ? chain.backfillEnd().orElseGet(() -> latestStart(chain)) : chain.lastEnd();
        long end = backfill ? chain.lastEnd() : chain.lastEnd() + period;
        List<LogFile> files = store.read(tx -> waiting(tx, trail, chain, backfill, end));
        SigningKeys.Key signingKey = store.write(tx -> keys.current(tx, chain.region(), backfill ? now : end));
        DigestDocument digest = DigestDocument.of(trail, chain.member(), folder, chain.region(), start, end, backfill,
                backfill ? chain.lastBackfill() : chain.last(), files, keys, signingKey, now);
        store.write(tx -> {
            record(tx, trail, chain, digest, files.size());
            return null;
        });
        return digest;
    }

    /** The start of the chain's latest standard digest (one period before its end for digests older than V7). */
    private long latestStart(Chain chain) {
        String key = chain.last().orElseThrow().key();
        return store.read(tx -> tx.queryOne("SELECT start_time FROM digest WHERE s3_bucket = ? AND s3_key = ?",
                rs -> rs.getLong(1), chain.last().get().bucket(), key)).orElse(chain.lastEnd() - period);
    }

    /** The files waiting for the next digest of the chain: late ones for a backfill digest. */
    private static List<LogFile> waiting(Tx tx, Trail trail, Chain chain, boolean backfill, long end) throws SQLException {
        return tx.query("SELECT s3_bucket, s3_key, hash, newest, oldest FROM digest_file WHERE account_id = ? AND "
                        + "home_region = ? AND trail_name = ? AND member_account = ? AND source_region = ? AND digest_key IS NULL "
                        + "AND backfill = ? AND (backfill = 1 OR newest < ?) ORDER BY delivered_at, s3_key",
                rs -> new LogFile(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5)),
                trail.accountId(), trail.homeRegion(), trail.name(), chain.member(), chain.region(), backfill ? 1 : 0, end);
    }

    /** Stores a decided digest, assigns its files to it and moves its chain; refuses if the chain moved meanwhile. */
    private static void record(Tx tx, Trail trail, Chain chain, DigestDocument digest, int files) throws SQLException {
        Optional<Long> end = tx.queryOne("SELECT " + (digest.backfill() ? "backfill_end" : "last_end")
                        + " FROM digest_chain WHERE " + CHAIN, rs -> nullableLong(rs, 1),
                trail.accountId(), trail.homeRegion(), trail.name(), chain.member(), chain.region());
        Optional<Long> expected = digest.backfill() ? chain.backfillEnd() : Optional.of(chain.lastEnd());
        int assigned = tx.update("UPDATE digest_file SET digest_key = ? WHERE " + CHAIN + " AND digest_key IS NULL "
                        + "AND backfill = ? AND (backfill = 1 OR newest < ?)", digest.key(), trail.accountId(),
                trail.homeRegion(), trail.name(), chain.member(), chain.region(), digest.backfill() ? 1 : 0, digest.end());
        if (!end.equals(expected) || assigned != files) {
            throw new IllegalStateException("the digest chain of " + trail.arn() + " in " + chain.region()
                    + " changed while its next digest was prepared");
        }
        tx.update("INSERT INTO digest (account_id, home_region, trail_name, member_account, source_region, backfill, "
                        + "s3_bucket, s3_key, start_time, end_time, hash, signature, generated_at, body) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                trail.accountId(), trail.homeRegion(), trail.name(), chain.member(), chain.region(), digest.backfill() ? 1 : 0,
                digest.bucket(), digest.key(), digest.start(), digest.end(), digest.hash(), digest.signature(),
                digest.generatedAt(), digest.json());
        String link = digest.backfill() ? "backfill" : "last";
        tx.update("UPDATE digest_chain SET " + link + "_end = ?, " + link + "_bucket = ?, " + link + "_key = ?, " + link
                        + "_hash = ?, " + link + "_signature = ? WHERE " + CHAIN, digest.end(), digest.bucket(), digest.key(),
                digest.hash(), digest.signature(), trail.accountId(), trail.homeRegion(), trail.name(), chain.member(),
                chain.region());
    }

    /** Writes the chain's decided digests that are not in their bucket yet, oldest first; returns how many. */
    private int flush(Trail trail, boolean embedded, Chain chain) {
        List<DigestDocument> unwritten = store.read(tx -> tx.query("SELECT s3_bucket, s3_key, backfill, start_time, "
                        + "end_time, body, hash, signature, generated_at FROM digest WHERE " + CHAIN
                        + " AND written_at IS NULL ORDER BY id",
                rs -> new DigestDocument(rs.getString(1), rs.getString(2), rs.getInt(3) == 1, rs.getLong(4), rs.getLong(5),
                        rs.getString(6), rs.getString(7), rs.getString(8), rs.getLong(9)),
                trail.accountId(), trail.homeRegion(), trail.name(), chain.member(), chain.region()));
        for (DigestDocument digest : unwritten) {
            write(trail, embedded && digest.bucket().equals(trail.bucket())
                    || store.read(tx -> buckets.find(tx, digest.bucket())).isPresent(), chain, digest);
        }
        return unwritten.size();
    }

    /** Puts a decided digest into its bucket, then marks it written and releases its files. */
    private void write(Trail trail, boolean embedded, Chain chain, DigestDocument digest) {
        byte[] body = gzip(digest.json().getBytes(StandardCharsets.UTF_8));
        Optional<ObjectWriter.Prepared> prepared = Optional.empty();
        if (embedded) {
            prepared = Optional.of(writer.prepare(digest.bucket(), digest.key(), body, "application/json",
                    Optional.of("gzip"), trail.kmsKeyId(), digest.metadata(), Instant.ofEpochMilli(digest.generatedAt())));
        } else {
            external.orElseThrow(() -> new Delivery.DeliveryFailure("NoSuchBucket"))
                    .put(digest.bucket(), digest.key(), body, trail.kmsKeyId(), digest.metadata());
        }
        Optional<ObjectWriter.Prepared> object = prepared;
        long now = System.currentTimeMillis();
        store.write(tx -> {
            if (object.isPresent()) {
                writer.commit(tx, object.get());
            }
            written(tx, trail, chain, digest, now);
            return null;
        });
    }

    private static void written(Tx tx, Trail trail, Chain chain, DigestDocument digest, long now) throws SQLException {
        tx.update("DELETE FROM digest_file WHERE account_id = ? AND home_region = ? AND trail_name = ? AND digest_key = ?",
                trail.accountId(), trail.homeRegion(), trail.name(), digest.key());
        tx.update("UPDATE digest SET body = NULL, written_at = ? WHERE s3_bucket = ? AND s3_key = ?", now,
                digest.bucket(), digest.key());
        tx.update("UPDATE digest_chain SET last_written = ? WHERE " + CHAIN, now, trail.accountId(), trail.homeRegion(),
                trail.name(), chain.member(), chain.region());
        tx.update("UPDATE trail SET latest_digest_error = NULL WHERE account_id = ? AND home_region = ? AND name = ?",
                trail.accountId(), trail.homeRegion(), trail.name());
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
