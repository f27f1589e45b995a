// SPDX-License-Identifier: Apache-2.0
package dev.waymark.bench;

import dev.waymark.core.SecretBox;
import dev.waymark.s3.ObjectFiles;
import dev.waymark.s3.ObjectWriter;
import dev.waymark.server.ServerConfig;
import dev.waymark.server.Settings;
import dev.waymark.server.WaymarkServer;
import dev.waymark.trail.Delivery;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * Trail delivery: (1) throughput — N events already recorded, one pass delivers them all (gzip, encrypt, store,
 * commit), events per second; (2) lag — at a 1 s delivery interval, calls made at a steady rate, and for each the
 * time from its response to the moment its record is in a delivered object, p50/p99.
 *
 * <p>Usage: {@code java -cp waymark-bench.jar:waymark.jar dev.waymark.bench.DeliveryBench [events] [lag-seconds]}
 */
public final class DeliveryBench {
    private DeliveryBench() {
    }

    public static void main(String[] args) throws Exception {
        long events = args.length > 0 ? Long.parseLong(args[0]) : 200_000;
        int lagSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        throughput(events);
        lag(lagSeconds);
    }

    private static void throughput(long events) throws Exception {
        Path dataDir = Files.createTempDirectory("waymark-delivery");
        ServerConfig config = ServerConfig.from(Settings.parse(List.of("--port=0", "--data-dir=" + dataDir,
                "--delivery-interval=1h"), Map.of()));
        try (WaymarkServer server = WaymarkServer.start(config)) {
            Clients clients = new Clients(dataDir, server);
            clients.trail("throughput");
            HistoryBench.fill(server, server.credentials().accountId(), events);
            Delivery delivery = new Delivery(server.store(), new ObjectWriter(new ObjectFiles(dataDir.resolve("buckets"),
                    SecretBox.fromKeyFile(dataDir.resolve("master.key")))), java.util.Optional.empty(), Clock.systemUTC(),
                    Duration.ofHours(1), SecretBox.fromKeyFile(dataDir.resolve("master.key")), Duration.ofHours(1),
                    Duration.ofDays(30), new dev.waymark.sns.Topics(), java.util.Optional.empty(), 10_000);
            long start = System.nanoTime();
            int files = delivery.deliverAll();
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("delivery throughput: %,d events in %d files in %.2f s = %,.0f events/s%n", events, files,
                    seconds, events / seconds);
        }
    }

    private static void lag(int seconds) throws Exception {
        Path dataDir = Files.createTempDirectory("waymark-lag");
        ServerConfig config = ServerConfig.from(Settings.parse(List.of("--port=0", "--data-dir=" + dataDir,
                "--delivery-interval=1s"), Map.of()));
        try (WaymarkServer server = WaymarkServer.start(config)) {
            Clients clients = new Clients(dataDir, server);
            clients.trail("lag");
            Map<String, Long> sent = new ConcurrentHashMap<>();
            Map<String, Long> arrived = new ConcurrentHashMap<>();
            Thread watcher = new Thread(() -> watch(clients, arrived, sent), "watcher");
            watcher.setDaemon(true);
            watcher.start();
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            while (System.nanoTime() < end) {
                String requestId = clients.pinpoint.createApp(r -> r.createApplicationRequest(a -> a.name("lag")))
                        .responseMetadata().requestId();
                sent.put(requestId, System.nanoTime());
                Thread.sleep(5);
            }
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (arrived.size() < sent.size() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            long[] lags = sent.entrySet().stream().filter(e -> arrived.containsKey(e.getKey()))
                    .mapToLong(e -> arrived.get(e.getKey()) - e.getValue()).sorted().toArray();
            System.out.printf("delivery lag at a 1 s interval: %d calls, %d delivered, p50 %.0f ms, p99 %.0f ms, max %.0f ms%n",
                    sent.size(), lags.length, lags[lags.length / 2] / 1e6, lags[(int) Math.ceil(lags.length * 0.99) - 1] / 1e6,
                    lags[lags.length - 1] / 1e6);
        }
    }

    /** Lists the bucket every 20 ms and notes when each call's record first appears in a delivered file. */
    private static void watch(Clients clients, Map<String, Long> arrived, Map<String, Long> sent) {
        Set<String> seen = new HashSet<>();
        while (true) {
            try {
                for (var object : clients.s3.listObjectsV2Paginator(r -> r.bucket("bench-trail")).contents()) {
                    if (seen.add(object.key())) {
                        long now = System.nanoTime();
                        byte[] gz = clients.s3.getObjectAsBytes(r -> r.bucket("bench-trail").key(object.key())).asByteArray();
                        String text = new String(new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gz))
                                .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                        for (String id : sent.keySet()) {
                            if (!arrived.containsKey(id) && text.contains(id)) {
                                arrived.put(id, now);
                            }
                        }
                    }
                }
                Thread.sleep(20);
            } catch (Exception e) {
                return;
            }
        }
    }

    /** SDK clients with the default account's root key, and the bucket and trail the benchmark delivers to. */
    private static final class Clients {
        final software.amazon.awssdk.services.pinpoint.PinpointClient pinpoint;
        final software.amazon.awssdk.services.s3.S3Client s3;
        final software.amazon.awssdk.services.cloudtrail.CloudTrailClient cloudTrail;
        private final String accountId;

        Clients(Path dataDir, WaymarkServer server) throws Exception {
            Properties profile = new Properties();
            try (var reader = Files.newBufferedReader(dataDir.resolve("credentials"))) {
                profile.load(reader);
            }
            var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(
                    profile.getProperty("aws_access_key_id"), profile.getProperty("aws_secret_access_key")));
            URI endpoint = URI.create("http://127.0.0.1:" + server.port());
            accountId = server.credentials().accountId();
            pinpoint = software.amazon.awssdk.services.pinpoint.PinpointClient.builder().endpointOverride(endpoint)
                    .region(Region.US_EAST_1).credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
            s3 = software.amazon.awssdk.services.s3.S3Client.builder().endpointOverride(endpoint).forcePathStyle(true)
                    .region(Region.US_EAST_1).credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
            cloudTrail = software.amazon.awssdk.services.cloudtrail.CloudTrailClient.builder().endpointOverride(endpoint)
                    .region(Region.US_EAST_1).credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
        }

        void trail(String name) {
            s3.createBucket(r -> r.bucket("bench-trail"));
            s3.putBucketPolicy(r -> r.bucket("bench-trail").policy("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
                    + "\"Allow\",\"Principal\":{\"Service\":\"cloudtrail.amazonaws.com\"},\"Action\":\"s3:PutObject\","
                    + "\"Resource\":\"arn:aws:s3:::bench-trail/AWSLogs/" + accountId + "/*\"}]}"));
            cloudTrail.createTrail(r -> r.name(name).s3BucketName("bench-trail").isMultiRegionTrail(true));
            cloudTrail.startLogging(r -> r.name(name));
        }
    }
}
