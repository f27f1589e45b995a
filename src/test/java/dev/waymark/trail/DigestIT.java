// SPDX-License-Identifier: Apache-2.0
package dev.waymark.trail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waymark.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Log file integrity with a tool we did not write: digests signed and chained by Waymark are checked by
 * {@code aws cloudtrail validate-logs} against Waymark's own CloudTrail and S3, and a tampered log file is caught.
 */
class DigestIT {
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
        s3.createBucket(r -> r.bucket("validated"));
        s3.putBucketPolicy(r -> r.bucket("validated").policy(TrailsApiIT.policy("validated", server.accountId())));
        started = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
        trailArn = cloudTrail.createTrail(r -> r.name("validated").s3BucketName("validated").enableLogFileValidation(true))
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

    private record Run(int exit, String out, String err) {
    }

    private static Run validateLogs() throws Exception {
        List<String> command = List.of("aws", "cloudtrail", "validate-logs", "--trail-arn", trailArn, "--start-time",
                started.toString(), "--region", "us-east-1", "--verbose");
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command));
        Map<String, String> env = builder.environment();
        env.put("AWS_ENDPOINT_URL", server.endpoint().toString());
        env.put("AWS_ACCESS_KEY_ID", server.rootCredentials().accessKeyId());
        env.put("AWS_SECRET_ACCESS_KEY", server.rootCredentials().secretAccessKey());
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.remove("AWS_PROFILE");
        env.put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
        env.put("AWS_CONFIG_FILE", "/dev/null");
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS));
        return new Run(process.exitValue(), out, err);
    }

    /** Waymark's own validator, {@code waymark validate-logs}, run as the command line runs it. */
    private static Run waymarkValidateLogs() throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.lang.reflect.Method run = Class.forName("dev.waymark.server.Main").getDeclaredMethod("run", List.class,
                java.io.PrintStream.class, java.io.PrintStream.class);
        run.setAccessible(true);
        int exit = (int) run.invoke(null, List.of("validate-logs", "--trail-arn=" + trailArn, "--start-time=" + started,
                "--verbose", "--data-dir=" + server.dataDir()), new java.io.PrintStream(out, true, StandardCharsets.UTF_8),
                new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void validateLogsAcceptsTheDigestsThenCatchesATamperedLogFile() throws Exception {
        Run ours = waymarkValidateLogs();
        assertEquals(0, ours.exit(), ours.out() + ours.err());
        assertTrue(ours.out().matches("(?s).*\\d+/\\d+ digest files valid.*") && ours.out().contains("log files valid"),
                ours.out());
        var status = cloudTrail.getTrailStatus(r -> r.name("validated"));
        assertTrue(status.latestDigestDeliveryTime() != null, status.toString());
        assertTrue(status.latestDigestDeliveryError() == null, status.toString());
        var keys = cloudTrail.listPublicKeys(r -> { }).publicKeyList();
        assertEquals(1, keys.size());
        Run valid = validateLogs();
        assertEquals(0, valid.exit(), valid.out() + valid.err());
        assertTrue(valid.out().matches("(?s).*\\d+/\\d+ digest files valid.*"), valid.out());
        assertTrue(valid.out().matches("(?s).*[1-9]\\d*/\\d+ log files valid.*"), valid.out());
        assertTrue(!valid.out().contains("INVALID") && !valid.err().contains("INVALID"), valid.out() + valid.err());

        var listed = java.util.regex.Pattern.compile("Log file\ts3://validated/(\\S+)\tvalid").matcher(valid.out());
        assertTrue(listed.find(), valid.out());
        String logFile = listed.group(1);
        s3.putObject(r -> r.bucket("validated").key(logFile).contentEncoding("gzip"),
                RequestBody.fromBytes(Digests.gzip("{\"Records\":[]}".getBytes(StandardCharsets.UTF_8))));
        Run tampered = validateLogs();
        assertEquals(1, tampered.exit(), tampered.out() + tampered.err());
        assertTrue(tampered.err().contains("hash value doesn't match"), tampered.err());
        Run oursTampered = waymarkValidateLogs();
        assertEquals(1, oursTampered.exit(), oursTampered.out() + oursTampered.err());
        assertTrue(oursTampered.err().contains("INVALID: hash value doesn't match"), oursTampered.err());

        var digests = java.util.regex.Pattern.compile("Digest file\ts3://validated/(\\S+)\tvalid").matcher(valid.out());
        assertTrue(digests.find(), valid.out());
        String newest = digests.group(1);
        var original = s3.getObject(r -> r.bucket("validated").key(newest));
        String json = new String(new java.util.zip.GZIPInputStream(original).readAllBytes(), StandardCharsets.UTF_8);
        String edited = json.replaceFirst("\"digestStartTime\":\"[^\"]+\"", "\"digestStartTime\":\"2020-01-01T00:00:00Z\"");
        s3.putObject(r -> r.bucket("validated").key(newest).contentEncoding("gzip").metadata(original.response().metadata()),
                RequestBody.fromBytes(Digests.gzip(edited.getBytes(StandardCharsets.UTF_8))));
        Run editedDigest = validateLogs();
        assertEquals(1, editedDigest.exit(), editedDigest.out() + editedDigest.err());
        assertTrue(editedDigest.err().contains("signature verification failed"), editedDigest.err());
        Run oursEdited = waymarkValidateLogs();
        assertEquals(1, oursEdited.exit());
        // A newer digest may have been written since: then the edit is caught by its previousDigestHashValue first.
        assertTrue(oursEdited.err().lines().anyMatch(line -> line.contains(newest) && (line.contains("INVALID: signature "
                + "verification failed") || line.contains("INVALID: hash value doesn't match the next digest"))), oursEdited.err());

        s3.deleteObject(r -> r.bucket("validated").key(logFile));
        Run deletedLog = validateLogs();
        assertEquals(1, deletedLog.exit());
        assertTrue(deletedLog.err().contains("not found"), deletedLog.err());
    }
}
