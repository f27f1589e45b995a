// SPDX-License-Identifier: Apache-2.0
package dev.waymark.trail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waymark.testing.Moto;
import dev.waymark.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Digests in an external S3 store: a trail delivering to moto_server with log file validation, checked by
 * {@code aws cloudtrail validate-logs} with CloudTrail at Waymark and S3 at moto ({@code AWS_ENDPOINT_URL_CLOUDTRAIL},
 * {@code AWS_ENDPOINT_URL_S3}), and by {@code waymark validate-logs} reading the same bucket through the SDK.
 */
class ExternalDigestIT {
    private static final String BUCKET = "external-digests";
    private static Moto moto;
    private static S3Client motoS3;
    private static TestServer server;
    private static String trailArn;
    private static Instant started;

    @BeforeAll
    static void start() throws Exception {
        moto = Moto.start();
        motoS3 = moto.client(S3Client.builder().forcePathStyle(true));
        motoS3.createBucket(r -> r.bucket(BUCKET));
        List<String> flags = new java.util.ArrayList<>(List.of("--delivery-interval=300ms", "--digest-period=3s"));
        flags.addAll(List.of(moto.flags("s3")));
        server = TestServer.start(flags.toArray(String[]::new));
        CloudTrailClient cloudTrail = server.cloudTrail(server.rootCredentials(), Region.US_EAST_1);
        started = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
        trailArn = cloudTrail.createTrail(r -> r.name("external-validated").s3BucketName(BUCKET).s3KeyPrefix("audit")
                .enableLogFileValidation(true)).trailARN();
        cloudTrail.startLogging(r -> r.name("external-validated"));
        for (int i = 0; i < 3; i++) {
            int n = i;
            server.pinpoint().createApp(r -> r.createApplicationRequest(a -> a.name("far-" + n)));
        }
        awaitDigests(2);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        moto.close();
    }

    /** Waits until moto holds this many digests of the trail, at least one of them listing a log file. */
    private static void awaitDigests(int count) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            long digests = motoS3.listObjectsV2Paginator(r -> r.bucket(BUCKET).prefix("audit/AWSLogs/" + server.accountId()
                    + "/CloudTrail-Digest/us-east-1/")).contents().stream().count();
            if (digests >= count) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("fewer than " + count + " digests reached moto");
    }

    private static Validators.Run awsCli() throws Exception {
        return Validators.awsCli(server.endpoint(), Optional.of(moto.endpoint()), server.rootCredentials(), trailArn, started);
    }

    private static Validators.Run waymark() throws Exception {
        return Validators.waymark(server.dataDir(), trailArn, started, moto.flags("s3"));
    }

    @Test
    void bothValidatorsAcceptTheDigestsAndLogFilesInMoto() throws Exception {
        Validators.Run cli = awsCli();
        assertEquals(0, cli.exit(), cli.toString());
        assertFalse(cli.anyInvalid(), cli.toString());
        Matcher digests = Pattern.compile("(?m)^(\\d+)/(\\d+) digest files valid$").matcher(cli.out());
        assertTrue(digests.find() && digests.group(1).equals(digests.group(2)) && Integer.parseInt(digests.group(1)) >= 2,
                cli.toString());
        assertTrue(cli.out().matches("(?s).*[1-9]\\d*/\\d+ log files valid.*"), cli.toString());
        List<String> valid = cli.out().lines().filter(line -> line.endsWith("\tvalid")).toList();
        assertTrue(valid.stream().allMatch(line -> line.contains("\ts3://" + BUCKET + "/audit/AWSLogs/")), cli.toString());

        Validators.Run ours = waymark();
        assertEquals(0, ours.exit(), ours.toString());
        assertFalse(ours.anyInvalid(), ours.toString());
        for (String line : valid) {
            assertTrue(ours.reports(line), line + "\n" + ours);
        }
    }

    @Test
    void aChangedLogFileInMotoIsReportedByBoth() throws Exception {
        Matcher listed = Pattern.compile("Log file\ts3://" + BUCKET + "/(\\S+)\tvalid").matcher(waymark().out());
        assertTrue(listed.find());
        String logFile = listed.group(1);
        byte[] original = motoS3.getObjectAsBytes(r -> r.bucket(BUCKET).key(logFile)).asByteArray();
        try {
            motoS3.putObject(r -> r.bucket(BUCKET).key(logFile).contentEncoding("gzip"),
                    RequestBody.fromBytes(Digests.gzip("{\"Records\":[]}".getBytes(StandardCharsets.UTF_8))));
            String line = "Log file\ts3://" + BUCKET + "/" + logFile + "\tINVALID: hash value doesn't match";
            for (Validators.Run run : List.of(awsCli(), waymark())) {
                assertEquals(1, run.exit(), run.toString());
                assertTrue(run.reports(line), line + "\n" + run);
            }
        } finally {
            motoS3.putObject(r -> r.bucket(BUCKET).key(logFile).contentEncoding("gzip"), RequestBody.fromBytes(original));
        }
    }
}
