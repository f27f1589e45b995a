// SPDX-License-Identifier: Apache-2.0
package dev.waymark.trail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waymark.testing.Moto;
import dev.waymark.testing.SlowProxy;
import dev.waymark.testing.TestServer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.CloudTrailException;
import software.amazon.awssdk.services.cloudtrail.model.CreateTrailResponse;
import software.amazon.awssdk.services.cloudtrail.model.InsufficientS3BucketPolicyException;
import software.amazon.awssdk.services.cloudtrail.model.S3BucketDoesNotExistException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * CreateTrail and UpdateTrail ask an external store about the bucket before their write transaction: while the
 * store is slow to answer, every other write goes on (the single store writer never waits for the network).
 * moto_server plays S3, behind a TCP hop that holds each request for a set delay.
 */
class ExternalCheckIT {
    private static final Duration SLOW = Duration.ofSeconds(3);
    private static Moto moto;
    private static SlowProxy proxy;
    private static S3Client motoS3;
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        moto = Moto.start();
        proxy = SlowProxy.to(moto.endpoint());
        motoS3 = moto.client(S3Client.builder().forcePathStyle(true));
        motoS3.createBucket(r -> r.bucket("slow-logs"));
        motoS3.createBucket(r -> r.bucket("closed-logs"));
        motoS3.putBucketPolicy(r -> r.bucket("closed-logs").policy("{\"Version\":\"2012-10-17\",\"Statement\":[{"
                + "\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"cloudtrail.amazonaws.com\"},"
                + "\"Action\":\"s3:GetBucketAcl\",\"Resource\":\"arn:aws:s3:::closed-logs\"}]}"));
        server = TestServer.start("--external-s3-endpoint=" + proxy.endpoint(), "--external-s3-access-key-id=moto",
                "--external-s3-secret-access-key=moto");
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (moto != null) {
            moto.close();
        }
    }

    @Test
    void otherWritesGoOnWhileTheExternalStoreIsSlowToAnswer() throws Exception {
        CloudTrailClient cloudTrail = server.cloudTrail(server.rootCredentials(), Region.US_EAST_1);
        server.pinpoint().createApp(r -> r.createApplicationRequest(a -> a.name("warm")));
        proxy.delay(SLOW);
        CompletableFuture<CreateTrailResponse> trail = CompletableFuture.supplyAsync(
                () -> cloudTrail.createTrail(r -> r.name("slow").s3BucketName("slow-logs")));
        Thread.sleep(1000);
        long started = System.nanoTime();
        server.pinpoint().createApp(r -> r.createApplicationRequest(a -> a.name("meanwhile")));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertFalse(trail.isDone(), "CreateTrail answered before the slow store could have");
        assertTrue(took.compareTo(SLOW.dividedBy(2)) < 0, "CreateApp waited " + took + " behind CreateTrail's bucket check");
        assertEquals("slow", trail.get().name());

        CompletableFuture<Void> update = CompletableFuture.runAsync(
                () -> cloudTrail.updateTrail(r -> r.name("slow").s3KeyPrefix("audit")));
        Thread.sleep(1000);
        started = System.nanoTime();
        server.pinpoint().createApp(r -> r.createApplicationRequest(a -> a.name("meanwhile-too")));
        took = Duration.ofNanos(System.nanoTime() - started);
        assertFalse(update.isDone(), "UpdateTrail answered before the slow store could have");
        assertTrue(took.compareTo(SLOW.dividedBy(2)) < 0, "CreateApp waited " + took + " behind UpdateTrail's bucket check");
        update.get();
        proxy.delay(Duration.ZERO);
        assertEquals("audit", cloudTrail.getTrail(r -> r.name("slow")).trail().s3KeyPrefix());
    }

    @Test
    void theAnswersAskedBeforeTheTransactionAreJudgedInIt() {
        CloudTrailClient cloudTrail = server.cloudTrail(server.rootCredentials(), Region.US_EAST_1);
        S3BucketDoesNotExistException missing = assertThrows(S3BucketDoesNotExistException.class,
                () -> cloudTrail.createTrail(r -> r.name("nowhere").s3BucketName("no-such-external")));
        assertEquals("S3 bucket no-such-external does not exist.", missing.awsErrorDetails().errorMessage());
        InsufficientS3BucketPolicyException closed = assertThrows(InsufficientS3BucketPolicyException.class,
                () -> cloudTrail.createTrail(r -> r.name("closed").s3BucketName("closed-logs")));
        assertEquals("Incorrect S3 bucket policy is detected for bucket: closed-logs", closed.awsErrorDetails().errorMessage());
        assertTrue(cloudTrail.describeTrails(r -> r.trailNameList("nowhere", "closed")).trailList().isEmpty());
    }

    @Test
    void anUnreachableStoreFailsTheCallAndChangesNothing() {
        CloudTrailClient cloudTrail = server.cloudTrail(server.rootCredentials(), Region.US_EAST_1);
        proxy.down(true);
        try {
            CloudTrailException failure = assertThrows(CloudTrailException.class,
                    () -> cloudTrail.createTrail(r -> r.name("unreached").s3BucketName("slow-logs")));
            assertEquals(500, failure.statusCode());
            assertEquals("InternalFailure", failure.awsErrorDetails().errorCode());
        } finally {
            proxy.down(false);
        }
        assertTrue(cloudTrail.describeTrails(r -> r.trailNameList("unreached")).trailList().isEmpty());
    }
}
