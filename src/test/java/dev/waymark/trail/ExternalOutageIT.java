// SPDX-License-Identifier: Apache-2.0
package dev.waymark.trail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.waymark.testing.Moto;
import dev.waymark.testing.TestServer;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The external store goes down in the middle of delivery and comes back: GetTrailStatus shows the failure, and every
 * event recorded meanwhile is delivered once the store answers again, exactly once — the failed step's events in
 * the file it was writing, not joined by the ones recorded after it failed.
 */
class ExternalOutageIT {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private Moto moto;
    private TestServer server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (moto != null) {
            moto.close();
        }
    }

    @Test
    void eventsRecordedWhileTheStoreIsDownAreDeliveredWhenItIsBack() throws Exception {
        moto = Moto.start();
        int port = moto.endpoint().getPort();
        S3Client motoS3 = moto.client(S3Client.builder().forcePathStyle(true));
        motoS3.createBucket(r -> r.bucket("outage-logs"));
        server = TestServer.start(moto.flags("s3", "--delivery-interval=200ms"));
        CloudTrailClient cloudTrail = server.cloudTrail(server.rootCredentials(), Region.US_EAST_1);
        cloudTrail.createTrail(r -> r.name("outage").s3BucketName("outage-logs"));
        cloudTrail.startLogging(r -> r.name("outage"));
        String before = createApp("before");
        await(() -> delivered(motoS3).containsKey(before), "delivery before the outage");

        moto.close();
        String during = createApp("during");
        await(() -> cloudTrail.getTrailStatus(r -> r.name("outage")).latestDeliveryError() != null, "LatestDeliveryError");

        moto = Moto.start(port);
        S3Client back = moto.client(S3Client.builder().forcePathStyle(true));
        back.createBucket(r -> r.bucket("outage-logs"));
        String after = createApp("after");
        await(() -> delivered(back).keySet().containsAll(java.util.List.of(during, after)), "delivery after the outage");
        Map<String, Integer> counts = delivered(back);
        assertEquals(1, counts.get(during), "the call made during the outage is delivered exactly once");
        assertTrue(counts.values().stream().allMatch(count -> count == 1), counts.toString());
        assertTrue(filesWith(back, during).stream().noneMatch(key -> filesWith(back, after).contains(key)),
                "the retry took newer events into the failed step's file, so its key changed");
        await(() -> cloudTrail.getTrailStatus(r -> r.name("outage")).latestDeliveryError() == null, "the error cleared");
        assertNull(cloudTrail.getTrailStatus(r -> r.name("outage")).latestDeliveryError());
    }

    private String createApp(String name) {
        return server.pinpoint().createApp(r -> r.createApplicationRequest(a -> a.name(name))).responseMetadata().requestId();
    }

    /** Every delivered record by requestID, counting duplicates. */
    private static Map<String, Integer> delivered(S3Client s3) {
        Map<String, Integer> counts = new HashMap<>();
        for (S3Object object : s3.listObjectsV2Paginator(r -> r.bucket("outage-logs")).contents()) {
            try (InputStream in = new GZIPInputStream(s3.getObject(r -> r.bucket("outage-logs").key(object.key())))) {
                for (JsonNode record : MAPPER.readTree(in).get("Records")) {
                    counts.merge(record.get("requestID").asText(), 1, Integer::sum);
                }
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        }
        return counts;
    }

    /** The keys of the files holding the record of this request. */
    private static java.util.Set<String> filesWith(S3Client s3, String requestId) {
        java.util.Set<String> keys = new java.util.HashSet<>();
        for (S3Object object : s3.listObjectsV2Paginator(r -> r.bucket("outage-logs")).contents()) {
            try (InputStream in = new GZIPInputStream(s3.getObject(r -> r.bucket("outage-logs").key(object.key())))) {
                for (JsonNode record : MAPPER.readTree(in).get("Records")) {
                    if (record.get("requestID").asText().equals(requestId)) {
                        keys.add(object.key());
                    }
                }
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        }
        return keys;
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!condition.getAsBoolean()) {
            assertTrue(Instant.now().isBefore(deadline), "timed out waiting for " + what);
            Thread.sleep(200);
        }
    }
}
