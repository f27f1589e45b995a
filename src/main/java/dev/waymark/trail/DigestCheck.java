// SPDX-License-Identifier: Apache-2.0
package dev.waymark.trail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.waymark.s3.ObjectReader;
import dev.waymark.store.Store;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

/**
 * The checks of one digest file, in the order and with the words of {@code aws cloudtrail validate-logs}
 * (cloudtrail.md §4.6 step 7), then the chain checks the CLI leaves out; and the check of one log file. The keys
 * are the digest-signing keys of one region only, as ListPublicKeys in that region returns them: a digest signed
 * with any other key, even another region's, is refused. Thread-safe.
 */
final class DigestCheck {
    private static final List<String> REQUIRED = List.of("digestPublicKeyFingerprint", "digestS3Bucket",
            "digestS3Object", "previousDigestSignature", "digestEndTime", "digestStartTime");

    private final Map<String, SigningKeys.Key> keys;
    private final String region;
    private final String bucket;

    /** A digest that passed (problem empty) or the CLI's words for why it did not. */
    record Result(JsonNode digest, Optional<String> problem) {
        static Result invalid(String problem) {
            return new Result(null, Optional.of(problem));
        }
    }

    DigestCheck(Store store, String region, String bucket) {
        this.keys = store.read(tx -> SigningKeys.overlapping(tx, region, 0, Long.MAX_VALUE)).stream()
                .collect(Collectors.toMap(SigningKeys.Key::fingerprint, Function.identity(), (a, b) -> a));
        this.region = region;
        this.bucket = bucket;
    }

    /** Checks a digest found (or not) at this key against what the digest linking to it expects. */
    Result check(String key, boolean backfill, Optional<ObjectReader.Content> content, Optional<String> expectedHash,
                 Optional<String> expectedSignature) {
        if (content.isEmpty()) {
            return Result.invalid("not found");
        }
        byte[] plain = gunzip(content.get().bytes());
        JsonNode digest = plain == null ? null : parse(plain);
        Map<String, String> metadata = content.get().metadata();
        if (digest == null) {
            return Result.invalid("invalid format");
        }
        if (!metadata.containsKey("signature") || !metadata.containsKey("signature-algorithm")) {
            return Result.invalid("signature verification failed");
        }
        if (backfill && !metadata.containsKey("backfill-generation-timestamp")
                || REQUIRED.stream().anyMatch(field -> !digest.has(field))) {
            return Result.invalid("invalid format");
        }
        Optional<String> problem = signed(key, digest, plain, metadata.get("signature"));
        if (problem.isEmpty()) {
            problem = chained(plain, metadata.get("signature"), expectedHash, expectedSignature);
        }
        return new Result(digest, problem);
    }

    /** Where it is, which key signed it, and whether the signature holds. */
    private Optional<String> signed(String key, JsonNode digest, byte[] plain, String signature) {
        if (!digest.path("digestS3Bucket").asText().equals(bucket) || !digest.path("digestS3Object").asText().equals(key)) {
            return Optional.of("has been moved from its original location");
        }
        String fingerprint = digest.path("digestPublicKeyFingerprint").asText();
        SigningKeys.Key signingKey = keys.get(fingerprint);
        if (signingKey == null) {
            return Optional.of("public key not found in region " + region + " for fingerprint " + fingerprint);
        }
        JsonNode previous = digest.path("previousDigestSignature");
        String signed = digest.path("digestEndTime").asText() + "\n" + bucket + "/" + key + "\n" + Digests.sha256(plain)
                + "\n" + (previous.isNull() ? "null" : previous.asText());
        return verify(signingKey.publicDer(), signed, signature) ? Optional.empty()
                : Optional.of("signature verification failed");
    }

    /** Whether the digest is the one the next digest names by hash and signature. */
    private static Optional<String> chained(byte[] plain, String signature, Optional<String> expectedHash,
                                            Optional<String> expectedSignature) {
        if (expectedHash.isPresent() && !expectedHash.get().equals(Digests.sha256(plain))) {
            return Optional.of("hash value doesn't match the next digest's previousDigestHashValue");
        }
        if (expectedSignature.isPresent() && !expectedSignature.get().equals(signature)) {
            return Optional.of("signature doesn't match the next digest's previousDigestSignature");
        }
        return Optional.empty();
    }

    /** Why a listed log file is not valid, in the CLI's words; empty when it is. */
    static Optional<String> logProblem(JsonNode file, Optional<ObjectReader.Content> content) {
        if (content.isEmpty()) {
            return Optional.of("not found");
        }
        byte[] plain = gunzip(content.get().bytes());
        if (plain == null) {
            return Optional.of("invalid format");
        }
        return Digests.sha256(plain).equals(file.path("hashValue").asText()) ? Optional.empty()
                : Optional.of("hash value doesn't match");
    }

    static boolean isBackfill(String key) {
        return key.endsWith("_backfill.json.gz");
    }

    /** A time field of a digest; the epoch when it is missing or malformed. */
    static Instant time(JsonNode digest, String field) {
        try {
            return Instant.parse(digest.path(field).asText());
        } catch (RuntimeException e) {
            return Instant.EPOCH;
        }
    }

    /** SHA256withRSA with a DER PKCS#1 public key (wrapped into X.509 SubjectPublicKeyInfo for the JDK). */
    static boolean verify(byte[] pkcs1, String text, String hexSignature) {
        try {
            byte[] algorithm = HexFormat.of().parseHex("300d06092a864886f70d0101010500");
            byte[] bitString = new byte[pkcs1.length + 1];
            System.arraycopy(pkcs1, 0, bitString, 1, pkcs1.length);
            java.io.ByteArrayOutputStream spki = new java.io.ByteArrayOutputStream();
            spki.writeBytes(algorithm);
            spki.writeBytes(SigningKeys.tlv(0x03, bitString));
            PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(
                    SigningKeys.tlv(0x30, spki.toByteArray())));
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initVerify(key);
            signature.update(text.getBytes(StandardCharsets.UTF_8));
            return signature.verify(HexFormat.of().parseHex(hexSignature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** The inflated bytes; null when they are not gzip. */
    private static byte[] gunzip(byte[] bytes) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        } catch (IOException e) {
            return null;
        }
    }

    private static JsonNode parse(byte[] plain) {
        try {
            JsonNode node = TrailsApi.MAPPER.readTree(plain);
            return node != null && node.isObject() && node.has("logFiles") ? node : null;
        } catch (IOException e) {
            return null;
        }
    }
}
