// SPDX-License-Identifier: Apache-2.0
package dev.waymark.trail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.waymark.testing.TestServer;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * DeleteTrail on a validated trail (cloudtrail.md §4.5): the events recorded before the deletion are still
 * delivered, a final digest covers the last log files, and only then is the trail gone for good; the API stops
 * seeing it at once, and a new trail of the same name starts afresh.
 */
class DeletedTrailDigestIT {
    private static final String BUCKET = "leaving-logs";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestServer server;
    private static CloudTrailClient cloudTrail;
    private static S3Client s3;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("--delivery-interval=300ms", "--digest-period=4s");
        cloudTrail = server.cloudTrail(server.rootCredentials(), Region.US_EAST_1);
        s3 = server.s3();
        s3.createBucket(r -> r.bucket(BUCKET));
        s3.putBucketPolicy(r -> r.bucket(BUCKET).policy(TrailsApiIT.policy(BUCKET, server.accountId())));
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private static List<String> keys(String part) {
        return s3.listObjectsV2Paginator(r -> r.bucket(BUCKET)).contents().stream().map(S3Object::key)
                .filter(k -> k.contains("/" + part + "/")).toList();
    }

    private static JsonNode read(String key) throws Exception {
        try (InputStream in = new GZIPInputStream(s3.getObject(r -> r.bucket(BUCKET).key(key)))) {
            return JSON.readTree(in);
        }
    }

    private static long rows(String name) {
        return server.server().store().read(tx -> tx.queryLong("SELECT COUNT(*) FROM trail WHERE name = ?", name));
    }

    @Test
    void theLastFilesOfADeletedTrailAreDeliveredAndDigested() throws Exception {
        cloudTrail.createTrail(r -> r.name("leaving").s3BucketName(BUCKET).enableLogFileValidation(true));
        cloudTrail.startLogging(r -> r.name("leaving"));
        server.pinpoint().createApp(r -> r.createApplicationRequest(a -> a.name("before")));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (keys("CloudTrail").isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertFalse(keys("CloudTrail").isEmpty(), "no log file was delivered while the trail was logging");
        String lastRequest = server.pinpoint().createApp(r -> r.createApplicationRequest(a -> a.name("last")))
                .responseMetadata().requestId();
        cloudTrail.deleteTrail(r -> r.name("leaving"));
        assertTrue(cloudTrail.describeTrails(r -> r.trailNameList("leaving")).trailList().isEmpty(),
                "the API still sees the deleted trail");

        deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (rows("leaving") > 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        assertEquals(0, rows("leaving"), "the deleted trail was never finished and removed");

        Set<String> delivered = new HashSet<>(keys("CloudTrail"));
        Set<String> digested = new HashSet<>();
        for (String digest : keys("CloudTrail-Digest")) {
            read(digest).path("logFiles").forEach(f -> digested.add(f.path("s3Object").asText()));
        }
        assertEquals(delivered, digested, "every delivered log file is in a digest");
        boolean found = false;
        for (String key : delivered) {
            for (JsonNode record : read(key).path("Records")) {
                found |= record.path("requestID").asText().equals(lastRequest);
            }
        }
        assertTrue(found, "the last call before DeleteTrail was not delivered");

        cloudTrail.createTrail(r -> r.name("leaving").s3BucketName(BUCKET).enableLogFileValidation(true));
        assertFalse(cloudTrail.getTrailStatus(r -> r.name("leaving")).isLogging(), "the new trail starts afresh");
        cloudTrail.deleteTrail(r -> r.name("leaving"));
    }
}
