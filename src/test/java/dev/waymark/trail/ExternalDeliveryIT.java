// SPDX-License-Identifier: Apache-2.0
package dev.waymark.trail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.S3BucketDoesNotExistException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Trails delivering to an external S3-compatible store through the SDK: moto_server plays S3 here. */
class ExternalDeliveryIT {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static Moto moto;
    private static S3Client motoS3;
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        moto = Moto.start();
        motoS3 = moto.client(S3Client.builder().forcePathStyle(true));
        motoS3.createBucket(r -> r.bucket("external-logs"));
        server = TestServer.start(moto.flags("s3", "--delivery-interval=300ms"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (moto != null) {
            moto.close();
        }
    }

    @Test
    void deliversToTheExternalStoreWithCloudTrailHeaders() throws Exception {
        CloudTrailClient cloudTrail = server.cloudTrail(server.rootCredentials(), Region.US_EAST_1);
        assertThrows(S3BucketDoesNotExistException.class,
                () -> cloudTrail.createTrail(r -> r.name("nowhere").s3BucketName("no-such-external")));
        cloudTrail.createTrail(r -> r.name("external").s3BucketName("external-logs").s3KeyPrefix("audit"));
        cloudTrail.startLogging(r -> r.name("external"));
        String requestId = server.pinpoint().createApp(r -> r.createApplicationRequest(a -> a.name("far")))
                .responseMetadata().requestId();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        Map<String, Integer> counts = new HashMap<>();
        boolean found = false;
        while (!found && Instant.now().isBefore(deadline)) {
            counts.clear();
            for (S3Object object : motoS3.listObjectsV2(r -> r.bucket("external-logs")).contents()) {
                assertTrue(object.key().matches("audit/AWSLogs/" + server.accountId() + "/CloudTrail/us-east-1/\\d{4}/\\d\\d/\\d\\d/"
                        + server.accountId() + "_CloudTrail_us-east-1_\\d{8}T\\d{4}Z_[A-Za-z0-9]{16}\\.json\\.gz"), object.key());
                var head = motoS3.headObject(r -> r.bucket("external-logs").key(object.key()));
                assertEquals("AES256", head.serverSideEncryptionAsString());
                assertEquals("gzip", head.contentEncoding());
                try (InputStream in = new GZIPInputStream(motoS3.getObject(r -> r.bucket("external-logs").key(object.key())))) {
                    for (JsonNode record : MAPPER.readTree(in).get("Records")) {
                        counts.merge(record.get("eventID").asText(), 1, Integer::sum);
                        found |= record.get("requestID").asText().equals(requestId);
                    }
                }
            }
            Thread.sleep(200);
        }
        assertTrue(found, "the CreateApp record never reached the external bucket");
        assertTrue(counts.values().stream().allMatch(c -> c == 1), counts.toString());
        assertTrue(cloudTrail.getTrailStatus(r -> r.name("external")).latestDeliveryTime() != null);
    }
}
