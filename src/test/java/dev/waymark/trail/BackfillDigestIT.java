// SPDX-License-Identifier: Apache-2.0
package dev.waymark.trail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.waymark.core.SecretBox;
import dev.waymark.s3.ObjectFiles;
import dev.waymark.s3.ObjectWriter;
import dev.waymark.store.Tx;
import dev.waymark.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * Backfill digests. The trail's delivery runs on a clock of its own, set 30 s ahead of the clock that stamps the
 * events (as when the digest writer's clock runs ahead, or the API's clock is stepped back) and moved by the test, so
 * after its first digest every log file it delivers belongs to a period whose digest is already written. Such late files go into backfill digests —
 * one per standard period, chained to each other, named after the period's end with {@code _backfill} — and
 * {@code aws cloudtrail validate-logs} and {@code waymark validate-logs} both validate them in their backfill pass.
 * The server's own delivery is idle here (1 h interval); this test drives a {@link Delivery} of its own.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BackfillDigestIT {
    private static final String BUCKET = "backfilled";
    private static final Duration PERIOD = Duration.ofSeconds(2);
    private static TestServer server;
    private static S3Client s3;
    private static String trailArn;
    private static Instant started;
    private static Delivery delivery;
    private static final SteppedClock CLOCK = new SteppedClock();

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("--delivery-interval=1h");
        Thread.sleep(1_500);
        CloudTrailClient cloudTrail = server.cloudTrail(server.rootCredentials(), Region.US_EAST_1);
        s3 = server.s3();
        s3.createBucket(r -> r.bucket(BUCKET));
        s3.putBucketPolicy(r -> r.bucket(BUCKET).policy(TrailsApiIT.policy(BUCKET, server.accountId())));
        started = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
        trailArn = cloudTrail.createTrail(r -> r.name("backfilled").s3BucketName(BUCKET).enableLogFileValidation(true))
                .trailARN();
        cloudTrail.startLogging(r -> r.name("backfilled"));
        CLOCK.set(Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(30));
        SecretBox secrets = SecretBox.fromKeyFile(server.dataDir().resolve("master.key"));
        delivery = new Delivery(server.server().store(), new ObjectWriter(new ObjectFiles(server.dataDir().resolve("buckets"),
                secrets)), Optional.empty(), CLOCK, Duration.ofHours(1),
                secrets, PERIOD, Duration.ofDays(30), new dev.waymark.sns.Topics(), Optional.empty(), 10_000);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    /** A recorded call; returns its request id, which its record carries. */
    private static String call(String name) {
        return server.pinpoint().createApp(r -> r.createApplicationRequest(a -> a.name(name))).responseMetadata().requestId();
    }

    /**
     * On time: the first file, then the first digest. Late: a file for that digest's period (into the first backfill
     * digest), another one while that backfill is written (it waits), then the next period's digest and backfill.
     */
    @Test
    @Order(1)
    void lateLogFilesGoIntoChainedBackfillDigestsThatBothValidatorsAccept() throws Exception {
        Instant start = CLOCK.instant();
        String onTime = call("on-time");
        deliverAt(start);
        deliverAt(start.plus(PERIOD));
        String late1 = call("late-1");
        deliverAt(start.plus(PERIOD).plusMillis(100));
        String late2 = call("late-2");
        deliverAt(start.plus(PERIOD).plusMillis(200));
        deliverAt(start.plus(PERIOD.multipliedBy(2)));

        List<String> standard = digests(false);
        List<String> backfill = digests(true);
        assertEquals(2, standard.size(), standard.toString());
        assertEquals(List.of(standard.get(0).replace(".json.gz", "_backfill.json.gz"),
                standard.get(1).replace(".json.gz", "_backfill.json.gz")), backfill);
        JsonNode first = json(standard.get(0));
        JsonNode firstBackfill = json(backfill.get(0));
        JsonNode secondBackfill = json(backfill.get(1));
        assertEquals(1, first.path("logFiles").size(), first.toString());
        assertTrue(holds(first, onTime), first.toString());
        assertEquals(0, json(standard.get(1)).path("logFiles").size());
        assertTrue(holds(firstBackfill, late1) && !holds(firstBackfill, late2), firstBackfill.toString());
        assertTrue(holds(secondBackfill, late2), secondBackfill.toString());
        assertEquals(first.path("digestStartTime"), firstBackfill.path("digestStartTime"));
        assertEquals(first.path("digestEndTime"), firstBackfill.path("digestEndTime"));
        assertTrue(firstBackfill.path("previousDigestS3Object").isNull(), firstBackfill.toString());
        assertEquals(backfill.get(0), secondBackfill.path("previousDigestS3Object").asText());
        assertEquals(metadata(backfill.get(0)).get("signature"), secondBackfill.path("previousDigestSignature").asText());
        assertEquals(firstBackfill.path("digestEndTime"), secondBackfill.path("digestStartTime"));
        assertEquals(secondBackfill.path("digestEndTime").asText(), metadata(backfill.get(1)).get("backfill-generation-timestamp"));
        assertEquals(0L, (long) server.server().store().read(tx -> pending(tx)));

        for (Validators.Run run : List.of(awsCli(), Validators.waymark(server.dataDir(), trailArn, started))) {
            assertEquals(0, run.exit(), run.toString());
            assertFalse(run.anyInvalid() || run.err().contains("No log files were delivered"), run.toString());
            for (String key : backfill) {
                assertTrue(run.reports("(backfill) Digest file\ts3://" + BUCKET + "/" + key + "\tvalid"), run.toString());
            }
            assertTrue(run.reports("2/2 digest files valid") && run.out().contains("2/2 backfill digest files valid")
                    && run.out().contains("3/3 log files valid"), run.toString());
        }
    }

    /** A changed log file listed by a backfill digest is caught by both validators' backfill pass. */
    @Test
    @Order(2)
    void aChangedLogFileOfABackfillDigestIsReported() throws Exception {
        String logFile = json(digests(true).get(0)).path("logFiles").get(0).path("s3Object").asText();
        ResponseBytes<GetObjectResponse> original = s3.getObjectAsBytes(r -> r.bucket(BUCKET).key(logFile));
        try {
            s3.putObject(r -> r.bucket(BUCKET).key(logFile).contentEncoding("gzip"),
                    RequestBody.fromBytes(Digests.gzip("{\"Records\":[]}".getBytes(StandardCharsets.UTF_8))));
            String line = "Log file\ts3://" + BUCKET + "/" + logFile + "\tINVALID: hash value doesn't match";
            for (Validators.Run run : List.of(awsCli(), Validators.waymark(server.dataDir(), trailArn, started))) {
                assertEquals(1, run.exit(), run.toString());
                assertTrue(run.reports(line), line + "\n" + run);
            }
        } finally {
            s3.putObject(r -> r.bucket(BUCKET).key(logFile).contentEncoding("gzip"), RequestBody.fromBytes(original.asByteArray()));
        }
    }

    private static void deliverAt(Instant time) {
        CLOCK.set(time);
        delivery.deliverAll();
    }

    private static Validators.Run awsCli() throws Exception {
        return Validators.awsCli(server.endpoint(), Optional.empty(), server.rootCredentials(), trailArn, started);
    }

    private static long pending(Tx tx) throws java.sql.SQLException {
        return tx.queryLong("SELECT COUNT(*) FROM digest_file");
    }

    /** The trail's standard or backfill digest keys, oldest first. */
    private static List<String> digests(boolean backfill) {
        List<String> keys = new ArrayList<>();
        for (var object : s3.listObjectsV2Paginator(r -> r.bucket(BUCKET).prefix("AWSLogs/" + server.accountId()
                + "/CloudTrail-Digest/")).contents()) {
            if (object.key().endsWith("_backfill.json.gz") == backfill) {
                keys.add(object.key());
            }
        }
        return keys;
    }

    private static JsonNode json(String key) throws Exception {
        byte[] gzip = s3.getObjectAsBytes(r -> r.bucket(BUCKET).key(key)).asByteArray();
        return TrailsApi.MAPPER.readTree(new GZIPInputStream(new java.io.ByteArrayInputStream(gzip)).readAllBytes());
    }

    private static Map<String, String> metadata(String key) {
        return s3.headObject(r -> r.bucket(BUCKET).key(key)).metadata();
    }

    /** Whether one of the digest's log files holds the record of the call with this request id. */
    private static boolean holds(JsonNode digest, String requestId) throws Exception {
        for (JsonNode file : digest.path("logFiles")) {
            byte[] gzip = s3.getObjectAsBytes(r -> r.bucket(BUCKET).key(file.path("s3Object").asText())).asByteArray();
            String records = new String(new GZIPInputStream(new java.io.ByteArrayInputStream(gzip)).readAllBytes(),
                    StandardCharsets.UTF_8);
            if (records.contains("\"requestID\":\"" + requestId + "\"")) {
                return true;
            }
        }
        return false;
    }

    /** A clock that stands still where the test sets it. */
    private static final class SteppedClock extends Clock {
        private volatile Instant now = Instant.now();

        void set(Instant time) {
            now = time;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
