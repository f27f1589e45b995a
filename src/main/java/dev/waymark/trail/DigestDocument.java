// SPDX-License-Identifier: Apache-2.0
package dev.waymark.trail;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One digest file as decided: where it goes, its exact JSON (cloudtrail.md §4.2), the SHA-256 of those bytes and the
 * signature over {@code digestEndTime\nbucket/key\nsha256(json)\nprevious signature or "null"} (§4.3). A backfill
 * digest is named {@code …_<end>_backfill.json.gz} (the AWS CLI reads its time at {@code key[-33:-17]}) and carries
 * the time it was generated as {@code backfill-generation-timestamp}, which the CLI requires and uses to find the
 * key that signed it.
 */
record DigestDocument(String bucket, String key, boolean backfill, long start, long end, String json, String hash,
                      String signature, long generatedAt) {
    static final DateTimeFormatter JSON_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter KEY_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter FOLDERS = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);

    DigestDocument {
        requireNonNull(bucket, "bucket is null");
        requireNonNull(key, "key is null");
        requireNonNull(json, "json is null");
        requireNonNull(hash, "hash is null");
        requireNonNull(signature, "signature is null");
    }

    /** Builds, hashes and signs the digest of these files for [start, end], chained to the previous link. */
    /**
     * @param member the account whose files it lists (the trail's own, or a member account of an organization trail)
     * @param folder the folder under {@code AWSLogs/}: the member account, or {@code <o-id>/<member>}
     */
    static DigestDocument of(Trail trail, String member, String folder, String region, long start, long end,
                             boolean backfill, Optional<Digests.Link> previous, List<Digests.LogFile> files,
                             SigningKeys keys, SigningKeys.Key signingKey, long now) {
        String key = key(trail, member, folder, region, end, backfill);
        String json = json(trail, member, key, start, end, previous, signingKey.fingerprint(), files);
        String hash = Digests.sha256(json.getBytes(StandardCharsets.UTF_8));
        String signature = keys.sign(signingKey, JSON_TIME.format(Instant.ofEpochMilli(end)) + "\n" + trail.bucket()
                + "/" + key + "\n" + hash + "\n" + previous.map(Digests.Link::signature).orElse("null"));
        return new DigestDocument(trail.bucket(), key, backfill, start, end, json, hash, signature, now);
    }

    /** The object's user metadata: the signature, and for a backfill digest the time it was generated. */
    Map<String, String> metadata() {
        if (!backfill) {
            return Map.of("signature", signature, "signature-algorithm", "SHA256withRSA");
        }
        return Map.of("signature", signature, "signature-algorithm", "SHA256withRSA", "backfill-generation-timestamp",
                JSON_TIME.format(Instant.ofEpochMilli(generatedAt)));
    }

    Digests.Link link() {
        return new Digests.Link(bucket, key, hash, signature);
    }

    /** {@code [prefix/]AWSLogs/[o-id/]<account>/CloudTrail-Digest/<region>/YYYY/MM/DD/<account>_CloudTrail-Digest_…}. */
    static String key(Trail trail, String member, String folder, String region, long end, boolean backfill) {
        Instant time = Instant.ofEpochMilli(end);
        return trail.prefix().map(p -> p + "/").orElse("") + "AWSLogs/" + folder + "/CloudTrail-Digest/"
                + region + "/" + FOLDERS.format(time) + "/" + member + "_CloudTrail-Digest_" + region + "_"
                + trail.name() + "_" + trail.homeRegion() + "_" + KEY_TIME.format(time)
                + (backfill ? "_backfill" : "") + ".json.gz";
    }

    /** The digest JSON, fields in AWS's order (cloudtrail.md §4.2). */
    private static String json(Trail trail, String member, String key, long start, long end,
                               Optional<Digests.Link> previous, String fingerprint, List<Digests.LogFile> files) {
        ObjectNode digest = TrailsApi.MAPPER.createObjectNode();
        digest.put("awsAccountId", member);
        digest.put("digestStartTime", JSON_TIME.format(Instant.ofEpochMilli(start)));
        digest.put("digestEndTime", JSON_TIME.format(Instant.ofEpochMilli(end)));
        digest.put("digestS3Bucket", trail.bucket());
        digest.put("digestS3Object", key);
        digest.put("digestPublicKeyFingerprint", fingerprint);
        digest.put("digestSignatureAlgorithm", "SHA256withRSA");
        putTime(digest, "newestEventTime", files.stream().mapToLong(Digests.LogFile::newest).max().orElse(-1));
        putTime(digest, "oldestEventTime", files.stream().mapToLong(Digests.LogFile::oldest).min().orElse(-1));
        digest.put("previousDigestS3Bucket", previous.map(Digests.Link::bucket).orElse(null));
        digest.put("previousDigestS3Object", previous.map(Digests.Link::key).orElse(null));
        digest.put("previousDigestHashValue", previous.map(Digests.Link::hash).orElse(null));
        digest.put("previousDigestHashAlgorithm", previous.isPresent() ? "SHA-256" : null);
        digest.put("previousDigestSignature", previous.map(Digests.Link::signature).orElse(null));
        ArrayNode list = digest.putArray("logFiles");
        for (Digests.LogFile file : files) {
            ObjectNode entry = list.addObject().put("s3Bucket", file.bucket()).put("s3Object", file.key())
                    .put("hashValue", file.hash()).put("hashAlgorithm", "SHA-256");
            putTime(entry, "newestEventTime", file.newest());
            putTime(entry, "oldestEventTime", file.oldest());
        }
        return digest.toString();
    }

    private static void putTime(ObjectNode node, String field, long millis) {
        if (millis < 0) {
            node.putNull(field);
        } else {
            node.put(field, JSON_TIME.format(Instant.ofEpochMilli(millis)));
        }
    }
}
