// SPDX-License-Identifier: Apache-2.0
package dev.waymark.trail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waymark.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The digest chain goes on across StopLogging/StartLogging and across a restart of the server on the same data
 * directory: same signing key, the first digest after each links to the last one before, and both validators find
 * one unbroken chain (the AWS CLI prints no "No log files were delivered" gap).
 */
class DigestRestartIT {
    private static final String FLAGS = "--digest-period=2s";
    private static final String BUCKET = "restarted";

    @Test
    void theChainContinuesAcrossStopStartAndRestart() throws Exception {
        Path dataDir = Files.createTempDirectory("waymark-test");
        Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
        String trailArn;
        List<String> before;
        String key;
        try (TestServer server = TestServer.start(dataDir, "--delivery-interval=300ms", FLAGS)) {
            CloudTrailClient cloudTrail = server.cloudTrail(server.rootCredentials(), Region.US_EAST_1);
            S3Client s3 = server.s3();
            s3.createBucket(r -> r.bucket(BUCKET));
            s3.putBucketPolicy(r -> r.bucket(BUCKET).policy(TrailsApiIT.policy(BUCKET, server.accountId())));
            trailArn = cloudTrail.createTrail(r -> r.name("restarted").s3BucketName(BUCKET).enableLogFileValidation(true))
                    .trailARN();
            cloudTrail.startLogging(r -> r.name("restarted"));
            server.pinpoint().createApp(r -> r.createApplicationRequest(a -> a.name("before-stop")));
            awaitDigests(s3, server, 2);
            cloudTrail.stopLogging(r -> r.name("restarted"));
            Thread.sleep(2_500);
            cloudTrail.startLogging(r -> r.name("restarted"));
            server.pinpoint().createApp(r -> r.createApplicationRequest(a -> a.name("after-start")));
            before = awaitDigests(s3, server, digests(s3, server).size() + 2);
            key = cloudTrail.listPublicKeys(r -> { }).publicKeyList().get(0).fingerprint();
        }
        try (TestServer server = TestServer.start(dataDir, "--delivery-interval=300ms", FLAGS)) {
            S3Client s3 = server.s3();
            server.pinpoint().createApp(r -> r.createApplicationRequest(a -> a.name("after-restart")));
            List<String> after = awaitDigests(s3, server, before.size() + 2);
            String firstAfter = after.get(before.size());
            assertEquals(before.get(before.size() - 1), json(s3, firstAfter).path("previousDigestS3Object").asText());
            var keys = server.cloudTrail(server.rootCredentials(), Region.US_EAST_1).listPublicKeys(r -> { }).publicKeyList();
            assertEquals(List.of(key), keys.stream().map(k -> k.fingerprint()).toList());

            Validators.Run cli = Validators.awsCli(server.endpoint(), Optional.empty(), server.rootCredentials(), trailArn,
                    started);
            Validators.Run ours = Validators.waymark(server.dataDir(), trailArn, started);
            for (Validators.Run run : List.of(cli, ours)) {
                assertEquals(0, run.exit(), run.toString());
                assertFalse(run.anyInvalid() || run.err().contains("No log files were delivered"), run.toString());
                for (String digest : after) {
                    assertTrue(run.reports("Digest file\ts3://" + BUCKET + "/" + digest + "\tvalid"), digest + "\n" + run);
                }
            }
        }
    }

    /** Waits until the bucket holds at least this many digests of the trail; returns them, oldest first. */
    private static List<String> awaitDigests(S3Client s3, TestServer server, int count) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            List<String> digests = digests(s3, server);
            if (digests.size() >= count) {
                return digests;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("fewer than " + count + " digests were written");
    }

    private static List<String> digests(S3Client s3, TestServer server) {
        return s3.listObjectsV2Paginator(r -> r.bucket(BUCKET).prefix("AWSLogs/" + server.accountId() + "/CloudTrail-Digest/"))
                .contents().stream().map(o -> o.key()).sorted().toList();
    }

    private static com.fasterxml.jackson.databind.JsonNode json(S3Client s3, String key) throws Exception {
        byte[] gzip = s3.getObjectAsBytes(r -> r.bucket(BUCKET).key(key)).asByteArray();
        return TrailsApi.MAPPER.readTree(new GZIPInputStream(new java.io.ByteArrayInputStream(gzip)).readAllBytes());
    }
}
