// SPDX-License-Identifier: Apache-2.0
package dev.waymark.trail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.waymark.s3.ObjectReader;
import dev.waymark.store.Store;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * {@code waymark validate-logs}: checks a trail's digests and log files in the embedded bucket store as
 * {@code aws cloudtrail validate-logs} does (cloudtrail.md §4.6) — every digest in the time range is signed by a
 * known key of its region over the right string, sits where it says, and lists log files whose SHA-256 matches —
 * and, beyond the CLI, that each digest's previousDigestHashValue matches the previous digest and that no listed
 * digest is outside the chain.
 */
public final class LogValidator {
    private static final DateTimeFormatter KEY_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Store store;
    private final ObjectReader objects;
    private final PrintStream out;
    private final PrintStream err;
    private int digestsValid;
    private int digestsInvalid;
    private int logsValid;
    private int logsInvalid;

    public LogValidator(Store store, ObjectReader objects, PrintStream out, PrintStream err) {
        this.store = store;
        this.objects = objects;
        this.out = out;
        this.err = err;
    }

    /** Validates and prints the results; returns true when nothing is invalid or missing. */
    public boolean validate(String trailArn, Instant start, Instant end, boolean verbose, boolean progress) {
        String[] parts = trailArn.split(":", 6);
        if (parts.length != 6 || !parts[5].startsWith("trail/")) {
            throw new IllegalArgumentException("Invalid trail ARN provided: " + trailArn);
        }
        String region = parts[3];
        String account = parts[4];
        String name = parts[5].substring("trail/".length());
        Trail trail = store.read(tx -> new TrailRepository().find(tx, account, region, name))
                .orElseThrow(() -> new IllegalArgumentException("A trail could not be found for " + trailArn));
        out.println("Validating log files for trail " + trailArn + " between " + start + " and " + end);
        String prefix = trail.prefix().map(p -> p + "/").orElse("") + "AWSLogs/" + account + "/CloudTrail-Digest/" + region + "/";
        List<String> digestKeys = new ArrayList<>();
        for (String key : objects.keys(trail.bucket(), prefix)) {
            Instant time = keyTime(key);
            if (key.endsWith(".json.gz") && !time.isBefore(start) && !time.isAfter(end)) {
                digestKeys.add(key);
            }
        }
        digestKeys.sort((a, b) -> keyTime(b).compareTo(keyTime(a)));
        walk(trail, region, digestKeys, verbose, progress);
        if (progress) {
            err.print("\r");
        }
        out.println();
        out.println(summary("digest", digestsValid, digestsInvalid));
        out.println(summary("log", logsValid, logsInvalid));
        return digestsInvalid == 0 && logsInvalid == 0;
    }

    private void walk(Trail trail, String region, List<String> digestKeys, boolean verbose, boolean progress) {
        List<String> unreached = new ArrayList<>(digestKeys);
        Optional<String> next = digestKeys.isEmpty() ? Optional.empty() : Optional.of(digestKeys.get(0));
        String expectedHash = null;
        while (next.isPresent()) {
            String key = next.get();
            unreached.remove(key);
            Optional<ObjectReader.Content> content = objects.get(trail.bucket(), key);
            if (content.isEmpty()) {
                invalidDigest(trail, key, "not found");
                break;
            }
            byte[] plain = gunzip(content.get().bytes());
            String hash = Digests.sha256(plain);
            JsonNode digest = parse(plain);
            Optional<String> problem = digest == null ? Optional.of("invalid format") : check(trail, region, key, digest,
                    content.get().metadata(), hash, expectedHash);
            if (problem.isPresent()) {
                invalidDigest(trail, key, problem.get());
            } else {
                digestsValid++;
                if (verbose) {
                    out.println("Digest file\ts3://" + trail.bucket() + "/" + key + "\tvalid");
                }
                for (JsonNode file : digest.path("logFiles")) {
                    checkLog(file, verbose);
                }
            }
            if (progress) {
                err.print("\rChecked " + (digestsValid + digestsInvalid) + " of " + digestKeys.size() + " digests");
            }
            if (digest == null || digest.path("previousDigestS3Object").isNull()
                    || !digestKeys.contains(digest.path("previousDigestS3Object").asText())) {
                next = unreached.isEmpty() ? Optional.empty() : Optional.of(unreached.get(0));
                expectedHash = null;
            } else {
                next = Optional.of(digest.path("previousDigestS3Object").asText());
                expectedHash = digest.path("previousDigestHashValue").asText();
            }
        }
    }

    private Optional<String> check(Trail trail, String region, String key, JsonNode digest, Map<String, String> metadata,
                                   String hash, String expectedHash) {
        if (!digest.path("digestS3Bucket").asText().equals(trail.bucket()) || !digest.path("digestS3Object").asText().equals(key)) {
            return Optional.of("has been moved from its original location");
        }
        if (expectedHash != null && !expectedHash.equals(hash)) {
            return Optional.of("hash value doesn't match the next digest's previousDigestHashValue");
        }
        String signature = metadata.get("signature");
        Optional<SigningKeys.Key> signingKey = store.read(tx -> SigningKeys.overlapping(tx, region, 0, Long.MAX_VALUE)).stream()
                .filter(k -> k.fingerprint().equals(digest.path("digestPublicKeyFingerprint").asText())).findFirst();
        if (signingKey.isEmpty()) {
            return Optional.of("public key not found in region " + region + " for fingerprint "
                    + digest.path("digestPublicKeyFingerprint").asText());
        }
        String previous = digest.path("previousDigestSignature").isNull() ? "null" : digest.path("previousDigestSignature").asText();
        String signed = digest.path("digestEndTime").asText() + "\n" + trail.bucket() + "/" + key + "\n" + hash + "\n" + previous;
        if (signature == null || !verify(signingKey.get().publicDer(), signed, signature)) {
            return Optional.of("signature verification failed");
        }
        return Optional.empty();
    }

    private void checkLog(JsonNode file, boolean verbose) {
        String location = "s3://" + file.path("s3Bucket").asText() + "/" + file.path("s3Object").asText();
        Optional<ObjectReader.Content> log = objects.get(file.path("s3Bucket").asText(), file.path("s3Object").asText());
        String problem = null;
        if (log.isEmpty()) {
            problem = "not found";
        } else if (!Digests.sha256(gunzip(log.get().bytes())).equals(file.path("hashValue").asText())) {
            problem = "hash value doesn't match";
        }
        if (problem == null) {
            logsValid++;
            if (verbose) {
                out.println("Log file\t" + location + "\tvalid");
            }
        } else {
            logsInvalid++;
            err.println("Log file\t" + location + "\tINVALID: " + problem);
        }
    }

    private void invalidDigest(Trail trail, String key, String problem) {
        digestsInvalid++;
        err.println("Digest file\ts3://" + trail.bucket() + "/" + key + "\tINVALID: " + problem);
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

    private static Instant keyTime(String key) {
        try {
            return Instant.from(KEY_TIME.parse(key.substring(key.length() - 24, key.length() - 8)));
        } catch (RuntimeException e) {
            return Instant.EPOCH;
        }
    }

    private static byte[] gunzip(byte[] bytes) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }

    private static JsonNode parse(byte[] plain) {
        try {
            JsonNode node = TrailsApi.MAPPER.readTree(plain);
            return node != null && node.has("digestS3Object") && node.has("logFiles") ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String summary(String kind, int valid, int invalid) {
        int total = valid + invalid;
        return valid + "/" + total + " " + kind + " files valid" + (invalid > 0 ? ", " + invalid + "/" + total + " "
                + kind + " files INVALID" : "");
    }
}
