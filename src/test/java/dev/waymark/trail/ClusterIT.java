// SPDX-License-Identifier: Apache-2.0
package dev.waymark.trail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.waymark.testing.ServerProcess;
import dev.waymark.testing.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.pinpoint.PinpointClient;
import software.amazon.awssdk.services.pinpoint.model.CampaignStatus;
import software.amazon.awssdk.services.pinpoint.model.EndpointBatchItem;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Three Waymark nodes on one PostgreSQL database (issue 10), sharing a data directory (master key, bucket files) as
 * a cluster shares a filesystem. Calls are spread across the nodes while a trail with log file validation delivers
 * every second; the node running delivery is killed with SIGKILL in the middle of the load and of a digest period,
 * another node takes the job over when its lease runs out, and in the end every call any node acknowledged is in
 * exactly one delivered log file, LookupEvents on every surviving node finds it, the digests validate with the AWS
 * CLI and with {@code waymark validate-logs}, and a campaign run while all the nodes were up sent each endpoint its
 * message once.
 *
 * <p>Runs only in the build's PostgreSQL pass (the {@code postgresql} profile); SQLite has one node by nature.
 */
class ClusterIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BUCKET = "cluster-trail";

    @Test
    void threeNodesDeliverEveryEventOnceAndTheirDigestsValidate() throws Exception {
        assertTrue(TestDatabase.postgres().isPresent(), "ClusterIT needs PostgreSQL (waymark.test.postgresql)");
        Path dataDir = Files.createTempDirectory("waymark-cluster");
        String[] flags = {"--delivery-interval=1s", "--digest-period=10s"};
        List<ServerProcess> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                nodes.add(ServerProcess.start(dataDir, flags));
            }
            Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
            AwsBasicCredentials root = root(dataDir);
            S3Client s3 = client(S3Client.builder().forcePathStyle(true), nodes.get(1), root);
            s3.createBucket(r -> r.bucket(BUCKET));
            s3.putBucketPolicy(r -> r.bucket(BUCKET).policy(TrailsApiIT.policy(BUCKET, client(software.amazon.awssdk.services.sts.StsClient.builder(), nodes.get(0), root)
                    .getCallerIdentity().account())));
            CloudTrailClient cloudTrail = client(CloudTrailClient.builder(), nodes.get(2), root);
            String trailArn = cloudTrail.createTrail(r -> r.name("cluster").s3BucketName(BUCKET)
                    .enableLogFileValidation(true)).trailARN();
            cloudTrail.startLogging(r -> r.name("cluster"));
            String campaignApp = campaign(client(PinpointClient.builder(), nodes.get(0), root));

            Optional<String> deliverer = lease(dataDir, "trail-delivery");
            assertTrue(deliverer.isPresent(), "a node took the delivery lease");
            Map<String, String> acknowledged = load(nodes, root, deliverer);
            assertTrue(acknowledged.size() > 100, "load too small: " + acknowledged.size());
            ServerProcess survivor = nodes.get(nodes.size() - 1);

            Map<String, Integer> delivered = awaitDelivered(s3, acknowledged.keySet());
            for (String requestId : acknowledged.keySet()) {
                assertEquals(Integer.valueOf(1), delivered.get(requestId), "request " + requestId + " delivered");
            }

            String eventId = eventIdOf(s3, acknowledged.keySet().iterator().next());
            for (ServerProcess node : nodes) {
                CloudTrailClient history = client(CloudTrailClient.builder(), node, root);
                assertEquals(1, history.lookupEvents(r -> r.lookupAttributes(a -> a.attributeKey("EventId")
                        .attributeValue(eventId))).events().size(), "LookupEvents on every node finds the event");
            }
            Optional<String> takeover = lease(dataDir, "trail-delivery");
            assertTrue(takeover.isPresent() && !takeover.equals(deliverer), "another node took delivery over");
            PinpointClient pinpoint = client(PinpointClient.builder(), survivor, root);
            awaitCampaignSentOnce(pinpoint, campaignApp, dataDir);

            Thread.sleep(12_000);
            Validators.Run waymark = Validators.waymark(dataDir, trailArn, started);
            assertEquals(0, waymark.exit(), waymark.toString());
            assertFalse(waymark.anyInvalid(), waymark.toString());
            Validators.Run cli = Validators.awsCli(URI.create("http://127.0.0.1:" + survivor.port()), Optional.empty(),
                    root, trailArn, started);
            assertEquals(0, cli.exit(), cli.toString());
            assertFalse(cli.anyInvalid(), cli.toString());
            assertTrue(cli.out().contains("valid") || cli.err().contains("valid"), cli.toString());
        } finally {
            for (ServerProcess node : nodes) {
                node.close();
            }
        }
    }

    /**
     * CreateApp calls spread round-robin over the nodes by four clients for about twelve seconds; after four seconds
     * the node holding the named job's lease is killed, and the clients go on with the others. Returns the request
     * ids of the calls acknowledged.
     */
    private static Map<String, String> load(List<ServerProcess> nodes, AwsBasicCredentials root, Optional<String> holder)
            throws Exception {
        Map<String, String> acknowledged = new ConcurrentHashMap<>();
        Set<Integer> dead = ConcurrentHashMap.newKeySet();
        List<PinpointClient> clients = new ArrayList<>();
        for (ServerProcess node : nodes) {
            clients.add(client(PinpointClient.builder(), node, root));
        }
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int t = 0; t < 4; t++) {
            int thread = t;
            pool.submit(() -> {
                for (int i = 0; running.get(); i++) {
                    int node = (thread + i) % clients.size();
                    if (dead.contains(node)) {
                        continue;
                    }
                    String name = "c" + thread + "-" + i;
                    try {
                        var response = clients.get(node).createApp(r -> r.createApplicationRequest(a -> a.name(name)));
                        acknowledged.put(response.responseMetadata().requestId(), response.applicationResponse().id());
                    } catch (RuntimeException e) {
                        // a call to the node being killed: not acknowledged, so not expected
                    }
                }
            });
        }
        Thread.sleep(4_000);
        int victim = holderIndex(nodes, holder);
        assertTrue(nodes.get(victim).output().stream().anyMatch(l -> l.contains("node " + holder.orElseThrow() + " now runs")),
                "the node killed is the one delivering");
        dead.add(victim);
        nodes.get(victim).kill();
        nodes.remove(victim);
        Thread.sleep(8_000);
        running.set(false);
        pool.shutdown();
        assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS));
        return acknowledged;
    }

    /** The node whose id holds the lease, by its log line; the first node when none says so. */
    private static int holderIndex(List<ServerProcess> nodes, Optional<String> holder) {
        for (int i = 0; i < nodes.size(); i++) {
            String marker = "node " + holder.orElse("?") + " now runs trail-delivery";
            if (nodes.get(i).output().stream().anyMatch(line -> line.contains(marker))) {
                return i;
            }
        }
        return 0;
    }

    private static Optional<String> lease(Path dataDir, String job) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (Connection db = TestDatabase.connect(dataDir); Statement statement = db.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT holder FROM job_lease WHERE name = '" + job + "'")) {
                if (rs.next()) {
                    return Optional.of(rs.getString(1));
                }
            }
            Thread.sleep(200);
        }
        return Optional.empty();
    }

    /** How many delivered log-file records each request id has, once every expected one is there. */
    private static Map<String, Integer> awaitDelivered(S3Client s3, Set<String> expected) throws Exception {
        long deadline = System.nanoTime() + 90_000_000_000L;
        Map<String, Integer> counts;
        do {
            Thread.sleep(2_000);
            counts = new HashMap<>();
            for (S3Object object : s3.listObjectsV2Paginator(r -> r.bucket(BUCKET)).contents()) {
                if (!object.key().contains("/CloudTrail/") || !object.key().endsWith(".json.gz")) {
                    continue;
                }
                try (InputStream in = new GZIPInputStream(s3.getObject(r -> r.bucket(BUCKET).key(object.key())))) {
                    for (JsonNode record : JSON.readTree(in).path("Records")) {
                        counts.merge(record.path("requestID").asText(), 1, Integer::sum);
                    }
                }
            }
        } while (!counts.keySet().containsAll(expected) && System.nanoTime() < deadline);
        return counts;
    }

    /** The eventID of the delivered record of a request. */
    private static String eventIdOf(S3Client s3, String requestId) throws IOException {
        for (S3Object object : s3.listObjectsV2Paginator(r -> r.bucket(BUCKET)).contents()) {
            if (!object.key().contains("/CloudTrail/") || !object.key().endsWith(".json.gz")) {
                continue;
            }
            try (InputStream in = new GZIPInputStream(s3.getObject(r -> r.bucket(BUCKET).key(object.key())))) {
                for (JsonNode record : JSON.readTree(in).path("Records")) {
                    if (record.path("requestID").asText().equals(requestId)) {
                        return record.path("eventID").asText();
                    }
                }
            }
        }
        throw new AssertionError("no delivered record of " + requestId);
    }

    /** An application with 200 e-mail endpoints and an IMMEDIATE campaign to all of them; returns the app id. */
    private static String campaign(PinpointClient pinpoint) {
        String app = pinpoint.createApp(r -> r.createApplicationRequest(a -> a.name("cluster-campaign")))
                .applicationResponse().id();
        pinpoint.updateEmailChannel(r -> r.applicationId(app).emailChannelRequest(e -> e.fromAddress("news@example.com")
                .identity("arn:aws:ses:us-east-1:111122223333:identity/example.com")));
        for (int batch = 0; batch < 2; batch++) {
            List<EndpointBatchItem> items = new ArrayList<>();
            for (int i = batch * 100; i < (batch + 1) * 100; i++) {
                items.add(EndpointBatchItem.builder().id("e" + i).channelType("EMAIL").address("r" + i + "@example.net").build());
            }
            pinpoint.updateEndpointsBatch(r -> r.applicationId(app).endpointBatchRequest(b -> b.item(items)));
        }
        String segment = pinpoint.createSegment(r -> r.applicationId(app).writeSegmentRequest(s -> s.name("all")
                .dimensions(d -> d.demographic(g -> g.channel(c -> c.values("EMAIL")))))).segmentResponse().id();
        pinpoint.createCampaign(r -> r.applicationId(app).writeCampaignRequest(w -> w.name("once").segmentId(segment)
                .schedule(s -> s.frequency("ONCE").startTime("IMMEDIATE"))
                .messageConfiguration(m -> m.emailMessage(e -> e.title("Hi").htmlBody("<p>x</p>")))));
        return app;
    }

    private static void awaitCampaignSentOnce(PinpointClient pinpoint, String app, Path dataDir) throws Exception {
        String campaign = pinpoint.getCampaigns(r -> r.applicationId(app)).campaignsResponse().item().get(0).id();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (pinpoint.getCampaign(r -> r.applicationId(app).campaignId(campaign)).campaignResponse().state()
                .campaignStatus() != CampaignStatus.COMPLETED) {
            assertTrue(System.nanoTime() < deadline, "the campaign did not complete");
            Thread.sleep(200);
        }
        Map<String, Integer> sent = new HashMap<>();
        try (Connection db = TestDatabase.connect(dataDir); Statement statement = db.createStatement();
             ResultSet rs = statement.executeQuery("SELECT payload FROM channel_message WHERE kind = 'EMAIL'")) {
            while (rs.next()) {
                sent.merge(JSON.readTree(rs.getString(1)).path("recipients").get(0).asText(), 1, Integer::sum);
            }
        }
        assertEquals(200, sent.size(), "every endpoint got the campaign");
        sent.forEach((recipient, count) -> assertEquals(1, count, recipient + " got the campaign " + count + " times"));
        assertEquals(1, pinpoint.getCampaignActivities(r -> r.applicationId(app).campaignId(campaign))
                .activitiesResponse().item().size(), "one run of the one occurrence");
    }

    private static AwsBasicCredentials root(Path dataDir) throws IOException {
        Properties profile = new Properties();
        try (var reader = Files.newBufferedReader(dataDir.resolve("credentials"))) {
            profile.load(reader);
        }
        return AwsBasicCredentials.create(profile.getProperty("aws_access_key_id"), profile.getProperty("aws_secret_access_key"));
    }

    private static <B extends software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<B, C>
            & software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder<B, C>, C> C client(
            B builder, ServerProcess node, AwsBasicCredentials root) {
        return builder.endpointOverride(URI.create("http://127.0.0.1:" + node.port())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(root))
                .overrideConfiguration(ClientOverrideConfiguration.builder().retryPolicy(RetryPolicy.none()).build())
                .httpClient(UrlConnectionHttpClient.create()).build();
    }
}
