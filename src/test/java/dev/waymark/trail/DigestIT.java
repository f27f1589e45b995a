// SPDX-License-Identifier: Apache-2.0
package dev.waymark.trail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waymark.core.SecretBox;
import dev.waymark.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * Log file integrity with a tool we did not write: digests signed and chained by Waymark are checked by
 * {@code aws cloudtrail validate-logs} against Waymark's own CloudTrail and S3, and by {@code waymark validate-logs};
 * then each kind of tampering — a changed log file, an edited digest, a deleted log file, a deleted digest, a digest
 * re-signed with another region's key — is made, reported by both with the same line and exit 1, and undone.
 */
class DigestIT {
    private static final String BUCKET = "validated";
    private static TestServer server;
    private static CloudTrailClient cloudTrail;
    private static S3Client s3;
    private static String trailArn;
    private static Instant started;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("--delivery-interval=300ms", "--digest-period=4s");
        cloudTrail = server.cloudTrail(server.rootCredentials(), Region.US_EAST_1);
        s3 = server.s3();
        s3.createBucket(r -> r.bucket(BUCKET));
        s3.putBucketPolicy(r -> r.bucket(BUCKET).policy(TrailsApiIT.policy(BUCKET, server.accountId())));
        started = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
        trailArn = cloudTrail.createTrail(r -> r.name("validated").s3BucketName(BUCKET).enableLogFileValidation(true))
                .trailARN();
        cloudTrail.startLogging(r -> r.name("validated"));
        for (int i = 0; i < 3; i++) {
            int n = i;
            server.pinpoint().createApp(r -> r.createApplicationRequest(a -> a.name("validated-" + n)));
        }
        Thread.sleep(10_000);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static Validators.Run awsCli() throws Exception {
        return Validators.awsCli(server.endpoint(), Optional.empty(), server.rootCredentials(), trailArn, started);
    }

    private static Validators.Run waymark() throws Exception {
        return Validators.waymark(server.dataDir(), trailArn, started);
    }

    /** The keys that {@code waymark validate-logs} reports valid, newest digest first. */
    private static List<String> valid(String kind) throws Exception {
        Validators.Run run = waymark();
        assertEquals(0, run.exit(), run.toString());
        return Pattern.compile(kind + " file\ts3://" + BUCKET + "/(\\S+)\tvalid").matcher(run.out()).results()
                .map(m -> m.group(1)).toList();
    }

    /** Both validators report exactly this line and exit 1. */
    private static void bothReport(String line) throws Exception {
        Validators.Run cli = awsCli();
        assertEquals(1, cli.exit(), cli.toString());
        assertTrue(cli.reports(line), line + "\n" + cli);
        Validators.Run ours = waymark();
        assertEquals(1, ours.exit(), ours.toString());
        assertTrue(ours.reports(line), line + "\n" + ours);
    }

    @Test
    void bothValidatorsAcceptTheDigestsAndLogFiles() throws Exception {
        Validators.Run ours = waymark();
        assertEquals(0, ours.exit(), ours.toString());
        assertTrue(ours.out().matches("(?s).*\\d+/\\d+ digest files valid.*") && ours.out().contains("log files valid"),
                ours.out());
        var status = cloudTrail.getTrailStatus(r -> r.name("validated"));
        assertTrue(status.latestDigestDeliveryTime() != null, status.toString());
        assertTrue(status.latestDigestDeliveryError() == null, status.toString());
        assertEquals(1, cloudTrail.listPublicKeys(r -> { }).publicKeyList().size());
        Validators.Run cli = awsCli();
        assertEquals(0, cli.exit(), cli.toString());
        Matcher digests = Pattern.compile("(?m)^(\\d+)/(\\d+) digest files valid$").matcher(cli.out());
        assertTrue(digests.find() && digests.group(1).equals(digests.group(2)), cli.toString());
        assertTrue(cli.out().matches("(?s).*[1-9]\\d*/\\d+ log files valid.*"), cli.toString());
        assertFalse(cli.anyInvalid(), cli.toString());
    }

    @Test
    void aChangedLogFileIsReported() throws Exception {
        String logFile = valid("Log").get(0);
        Restorable original = Restorable.of(logFile);
        try {
            s3.putObject(r -> r.bucket(BUCKET).key(logFile).contentEncoding("gzip"),
                    RequestBody.fromBytes(Digests.gzip("{\"Records\":[]}".getBytes(StandardCharsets.UTF_8))));
            bothReport("Log file\ts3://" + BUCKET + "/" + logFile + "\tINVALID: hash value doesn't match");
        } finally {
            original.restore();
        }
    }

    @Test
    void anEditedDigestIsReported() throws Exception {
        String newest = valid("Digest").get(0);
        Restorable original = Restorable.of(newest);
        try {
            String edited = original.text().replaceFirst("\"digestStartTime\":\"[^\"]+\"",
                    "\"digestStartTime\":\"2020-01-01T00:00:00Z\"");
            original.replace(edited, original.metadata());
            bothReport("Digest file\ts3://" + BUCKET + "/" + newest + "\tINVALID: signature verification failed");
        } finally {
            original.restore();
        }
    }

    @Test
    void aDeletedLogFileIsReported() throws Exception {
        String logFile = valid("Log").get(0);
        Restorable original = Restorable.of(logFile);
        try {
            s3.deleteObject(r -> r.bucket(BUCKET).key(logFile));
            bothReport("Log file\ts3://" + BUCKET + "/" + logFile + "\tINVALID: not found");
        } finally {
            original.restore();
        }
    }

    /** A digest that a newer one links to: the CLI follows the link and finds nothing; so does Waymark's. */
    @Test
    void aDeletedDigestIsReported() throws Exception {
        List<String> digests = valid("Digest");
        assertTrue(digests.size() >= 2, digests.toString());
        String linked = digests.get(1);
        Restorable original = Restorable.of(linked);
        try {
            s3.deleteObject(r -> r.bucket(BUCKET).key(linked));
            bothReport("Digest file\ts3://" + BUCKET + "/" + linked + "\tINVALID: not found");
        } finally {
            original.restore();
        }
        assertEquals(0, waymark().exit());
    }

    /**
     * A digest edited and re-signed with a genuine Waymark key of another region (ListPublicKeys in us-west-2
     * returns it, and the signature holds for it): not the trail region's key, so both refuse it.
     */
    @Test
    void aDigestResignedWithAnotherRegionsKeyIsReported() throws Exception {
        SigningKeys signer = new SigningKeys(SecretBox.fromKeyFile(server.dataDir().resolve("master.key")), Duration.ofDays(30));
        SigningKeys.Key west = server.server().store().write(tx -> signer.current(tx, "us-west-2", System.currentTimeMillis()));
        assertTrue(server.cloudTrail(server.rootCredentials(), Region.US_WEST_2).listPublicKeys(r -> { }).publicKeyList()
                .stream().anyMatch(k -> k.fingerprint().equals(west.fingerprint())));
        String key = valid("Digest").get(0);
        Restorable original = Restorable.of(key);
        try {
            String json = original.text().replaceFirst("\"digestPublicKeyFingerprint\":\"[0-9a-f]+\"",
                    "\"digestPublicKeyFingerprint\":\"" + west.fingerprint() + "\"");
            var digest = TrailsApi.MAPPER.readTree(json);
            String previous = digest.path("previousDigestSignature").isNull() ? "null" : digest.path("previousDigestSignature").asText();
            String signed = digest.path("digestEndTime").asText() + "\n" + BUCKET + "/" + key + "\n"
                    + Digests.sha256(json.getBytes(StandardCharsets.UTF_8)) + "\n" + previous;
            String signature = signer.sign(west, signed);
            assertTrue(DigestCheck.verify(west.publicDer(), signed, signature));
            original.replace(json, Map.of("signature", signature, "signature-algorithm", "SHA256withRSA"));
            bothReport("Digest file\ts3://" + BUCKET + "/" + key + "\tINVALID: public key not found in region us-east-1 "
                    + "for fingerprint " + west.fingerprint());
        } finally {
            original.restore();
        }
    }

    /** An object as it was, to put back after tampering with it. */
    private record Restorable(String key, byte[] bytes, Map<String, String> metadata) {
        static Restorable of(String key) {
            ResponseBytes<GetObjectResponse> object = s3.getObjectAsBytes(r -> r.bucket(BUCKET).key(key));
            return new Restorable(key, object.asByteArray(), object.response().metadata());
        }

        String text() throws Exception {
            return new String(new GZIPInputStream(new java.io.ByteArrayInputStream(bytes)).readAllBytes(), StandardCharsets.UTF_8);
        }

        void replace(String json, Map<String, String> newMetadata) {
            s3.putObject(r -> r.bucket(BUCKET).key(key).contentEncoding("gzip").metadata(newMetadata),
                    RequestBody.fromBytes(Digests.gzip(json.getBytes(StandardCharsets.UTF_8))));
        }

        void restore() {
            s3.putObject(r -> r.bucket(BUCKET).key(key).contentEncoding("gzip").metadata(metadata), RequestBody.fromBytes(bytes));
        }
    }
}
