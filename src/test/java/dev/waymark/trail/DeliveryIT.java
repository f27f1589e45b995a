// SPDX-License-Identifier: Apache-2.0
package dev.waymark.trail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.waymark.testing.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.EventSelector;
import software.amazon.awssdk.services.cloudtrail.model.ReadWriteType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Log files delivered into the embedded bucket store, read back through its S3 API: every event once, the exact
 * key layout, regions, logging on and off, selectors, and a bucket that stops accepting files and recovers.
 */
class DeliveryIT {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern KEY = Pattern.compile("AWSLogs/(\\d{12})/CloudTrail/([a-z0-9-]+)/(\\d{4})/(\\d{2})/(\\d{2})/"
            + "\\1_CloudTrail_\\2_\\3\\4\\5T\\d{4}Z_[A-Za-z0-9]{16}\\.json\\.gz");

    /** A small size cap, so the tests see events spread over several files. */
    private static final int MAX_EVENTS = 3;

    private TestServer server;
    private CloudTrailClient cloudTrail;
    private S3Client s3;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start("--delivery-interval=300ms", "--log-file-max-events=" + MAX_EVENTS);
        cloudTrail = server.cloudTrail(server.rootCredentials(), Region.US_EAST_1);
        s3 = server.s3();
        s3.createBucket(r -> r.bucket("delivered"));
        s3.putBucketPolicy(r -> r.bucket("delivered").policy(TrailsApiIT.policy("delivered", server.accountId())));
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    /** Every record in the bucket, by eventID, counting duplicates; checks each key's layout. */
    private Map<String, Integer> delivered(String region) throws IOException {
        Map<String, Integer> counts = new HashMap<>();
        for (S3Object object : s3.listObjectsV2Paginator(r -> r.bucket("delivered")).contents()) {
            var matcher = KEY.matcher(object.key());
            assertTrue(matcher.matches(), object.key());
            assertEquals(server.accountId(), matcher.group(1));
            if (region != null && !region.equals(matcher.group(2))) {
                continue;
            }
            try (InputStream in = new GZIPInputStream(s3.getObject(r -> r.bucket("delivered").key(object.key())))) {
                JsonNode records = MAPPER.readTree(in).get("Records");
                assertTrue(records.size() <= MAX_EVENTS, object.key() + " holds more than the size cap");
                for (JsonNode record : records) {
                    assertEquals(matcher.group(2), record.get("awsRegion").asText(), "a file holds one region");
                    counts.merge(record.get("eventID").asText(), 1, Integer::sum);
                }
            }
        }
        return counts;
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (!condition.getAsBoolean()) {
            assertTrue(Instant.now().isBefore(deadline), "timed out");
            Thread.sleep(100);
        }
    }

    private Set<String> recordedIds(String region, String afterEventId) {
        List<String> ids = new ArrayList<>();
        boolean after = afterEventId == null;
        for (JsonNode record : server.records(null)) {
            if (after && (region == null || record.get("awsRegion").asText().equals(region))) {
                ids.add(record.get("eventID").asText());
            }
            after |= record.get("eventID").asText().equals(afterEventId);
        }
        return new HashSet<>(ids);
    }

    private Map<String, Integer> safeDelivered(String region) {
        try {
            return delivered(region);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void multiRegionTrailDeliversEveryEventOnceUnderTheExactKeys() throws Exception {
        cloudTrail.createTrail(r -> r.name("everything").s3BucketName("delivered").isMultiRegionTrail(true));
        cloudTrail.startLogging(r -> r.name("everything"));
        String startEvent = server.records("StartLogging").get(0).get("eventID").asText();
        server.pinpoint().createApp(r -> r.createApplicationRequest(a -> a.name("east")));
        server.pinpoint(server.rootCredentials(), Region.EU_WEST_1).createApp(r -> r.createApplicationRequest(a -> a.name("west")));
        server.sts().getCallerIdentity(r -> { });
        Set<String> expected = recordedIds(null, null);
        expected.removeIf(id -> !recordedIds(null, startEvent).contains(id) && !id.equals(startEvent));
        await(() -> safeDelivered(null).keySet().containsAll(expected));
        Map<String, Integer> counts = delivered(null);
        assertTrue(counts.values().stream().allMatch(c -> c == 1), "each event exactly once: " + counts);
        assertTrue(delivered("eu-west-1").size() >= 1);
        assertTrue(cloudTrail.getTrailStatus(r -> r.name("everything")).latestDeliveryTime() != null);
        assertTrue(s3.headObject(r -> r.bucket("delivered").key(s3.listObjectsV2(l -> l.bucket("delivered")).contents()
                .get(0).key())).contentEncoding().equals("gzip"));
        assertEquals(counts.size(), duckDbCount(), "DuckDB reads every delivered record");
    }

    /**
     * Downloads the delivered files and counts their records with DuckDB's read_json, declared the way the Athena
     * CloudTrail table declares them (parameters and response as JSON text, since services' members differ).
     */
    private long duckDbCount() throws Exception {
        java.nio.file.Path folder = java.nio.file.Files.createTempDirectory("delivered");
        int n = 0;
        for (S3Object object : s3.listObjectsV2Paginator(r -> r.bucket("delivered")).contents()) {
            s3.getObject(r -> r.bucket("delivered").key(object.key()), folder.resolve("file" + n++ + ".json.gz"));
        }
        try (java.sql.Connection duck = java.sql.DriverManager.getConnection("jdbc:duckdb:");
             java.sql.Statement statement = duck.createStatement();
             java.sql.ResultSet rs = statement.executeQuery("SELECT count(DISTINCT r.eventID), count(*), "
                     + "min(r.eventVersion), count(*) FILTER (WHERE r.userIdentity.accountId = '" + server.accountId() + "') "
                     + "FROM (SELECT unnest(Records) AS r FROM read_json('" + folder + "/*.json.gz', columns = {Records: "
                     + "'STRUCT(eventVersion VARCHAR, userIdentity STRUCT(type VARCHAR, accountId VARCHAR), eventTime "
                     + "TIMESTAMP, eventSource VARCHAR, eventName VARCHAR, awsRegion VARCHAR, requestParameters JSON, "
                     + "responseElements JSON, eventID VARCHAR, readOnly BOOLEAN)[]'}))")) {
            assertTrue(rs.next());
            assertEquals(rs.getLong(1), rs.getLong(2), "no duplicate eventID");
            assertEquals("1.09", rs.getString(3));
            assertEquals(rs.getLong(2), rs.getLong(4));
            return rs.getLong(1);
        }
    }

    @Test
    void singleRegionTrailOnlyItsRegionAndNothingWhileStopped() throws Exception {
        cloudTrail.createTrail(r -> r.name("east-only").s3BucketName("delivered"));
        cloudTrail.startLogging(r -> r.name("east-only"));
        server.pinpoint(server.rootCredentials(), Region.EU_WEST_1).getApps(r -> { });
        String marker = server.pinpoint().createApp(r -> r.createApplicationRequest(a -> a.name("marker")))
                .responseMetadata().requestId();
        await(() -> safeDelivered(null).size() >= 2);
        cloudTrail.stopLogging(r -> r.name("east-only"));
        server.pinpoint().getApps(r -> r.pageSize("7"));
        Thread.sleep(1500);
        Map<String, Integer> counts = delivered(null);
        assertTrue(delivered("eu-west-1").isEmpty(), "single-region trail delivered another region");
        Set<String> deliveredNames = new HashSet<>();
        for (JsonNode record : server.records(null)) {
            if (counts.containsKey(record.get("eventID").asText())) {
                deliveredNames.add(record.get("eventName").asText() + ":" + record.path("requestID").asText());
            }
        }
        assertTrue(deliveredNames.contains("CreateApp:" + marker), deliveredNames.toString());
        assertTrue(deliveredNames.stream().noneMatch(n -> n.startsWith("GetApps:") || n.startsWith("StopLogging:")),
                "events after StopLogging were delivered: " + deliveredNames);
    }

    @Test
    void trailsOfTwoAccountsShareOneBucketWhenItsPolicyAllows() throws Exception {
        TestServer.AccountKey other = server.createAccount("other");
        String policy = TrailsApiIT.policy("delivered", server.accountId()).replace(
                "\"Resource\":\"arn:aws:s3:::delivered/AWSLogs/" + server.accountId() + "/*\"",
                "\"Resource\":[\"arn:aws:s3:::delivered/AWSLogs/" + server.accountId() + "/*\",\"arn:aws:s3:::delivered/AWSLogs/"
                        + other.accountId() + "/*\"]");
        s3.putBucketPolicy(r -> r.bucket("delivered").policy(policy));
        CloudTrailClient otherTrail = server.cloudTrail(other.credentials(), Region.US_EAST_1);
        otherTrail.createTrail(r -> r.name("tenant").s3BucketName("delivered"));
        otherTrail.startLogging(r -> r.name("tenant"));
        String marker = server.pinpoint(other.credentials(), Region.US_EAST_1)
                .createApp(r -> r.createApplicationRequest(a -> a.name("tenant-app"))).responseMetadata().requestId();
        await(() -> s3.listObjectsV2(r -> r.bucket("delivered").prefix("AWSLogs/" + other.accountId() + "/")).keyCount() > 0);
        boolean found = false;
        for (S3Object object : s3.listObjectsV2(r -> r.bucket("delivered")).contents()) {
            assertTrue(object.key().startsWith("AWSLogs/" + other.accountId() + "/CloudTrail/"), object.key());
            try (InputStream in = new GZIPInputStream(s3.getObject(r -> r.bucket("delivered").key(object.key())))) {
                for (JsonNode record : MAPPER.readTree(in).get("Records")) {
                    assertEquals(other.accountId(), record.get("recipientAccountId").asText(), "another account's event");
                    found |= record.get("requestID").asText().equals(marker);
                }
            }
        }
        assertTrue(found);
        s3.putBucketPolicy(r -> r.bucket("delivered").policy(TrailsApiIT.policy("delivered", server.accountId())));
        assertThrows(software.amazon.awssdk.services.cloudtrail.model.InsufficientS3BucketPolicyException.class,
                () -> otherTrail.createTrail(r -> r.name("tenant-two").s3BucketName("delivered")));
    }

    @Test
    void writeOnlySelectorAndARecoveringBucket() throws Exception {
        cloudTrail.createTrail(r -> r.name("writes").s3BucketName("delivered"));
        cloudTrail.putEventSelectors(r -> r.trailName("writes").eventSelectors(EventSelector.builder()
                .readWriteType(ReadWriteType.WRITE_ONLY).build()));
        cloudTrail.startLogging(r -> r.name("writes"));
        s3.deleteBucketPolicy(r -> r.bucket("delivered"));
        server.pinpoint().getApps(r -> { });
        String created = server.pinpoint().createApp(r -> r.createApplicationRequest(a -> a.name("kept"))).responseMetadata().requestId();
        await(() -> "AccessDenied".equals(cloudTrail.getTrailStatus(r -> r.name("writes")).latestDeliveryError()));
        assertTrue(safeDelivered(null).isEmpty());
        s3.putBucketPolicy(r -> r.bucket("delivered").policy(TrailsApiIT.policy("delivered", server.accountId())));
        await(() -> !safeDelivered(null).isEmpty() && cloudTrail.getTrailStatus(r -> r.name("writes")).latestDeliveryError() == null);
        Set<String> names = new HashSet<>();
        Map<String, Integer> counts = delivered(null);
        for (JsonNode record : server.records(null)) {
            if (counts.containsKey(record.get("eventID").asText())) {
                assertEquals(false, record.get("readOnly").asBoolean(), "a read-only event passed a WriteOnly selector");
                names.add(record.get("requestID").asText());
            }
        }
        assertTrue(names.contains(created), "the write made while the bucket refused files was lost");
    }
}
