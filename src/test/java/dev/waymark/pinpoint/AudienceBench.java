// SPDX-License-Identifier: Apache-2.0
package dev.waymark.pinpoint;

import com.fasterxml.jackson.databind.JsonNode;
import dev.waymark.testing.TestServer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.pinpoint.PinpointClient;
import software.amazon.awssdk.services.pinpoint.model.AttributeDimension;
import software.amazon.awssdk.services.pinpoint.model.ChannelType;
import software.amazon.awssdk.services.pinpoint.model.EndpointBatchItem;

/**
 * Issue 7's benchmark, not a test: UpdateEndpointsBatch throughput through a real server and the SDK v2 (batches
 * of 100, several clients at once, every call verified, recorded and durably committed), then the time
 * {@link SegmentEngine} takes to evaluate a three-dimension segment (platform, country, custom attribute) over
 * all of them. Run: {@code java -cp target/test-classes:target/classes:<dependencies>
 * dev.waymark.pinpoint.AudienceBench [endpoints] [clients]}; prints the two figures.
 */
public final class AudienceBench {
    private static final List<String> PLATFORMS = List.of("ios", "android", "web");
    private static final List<String> COUNTRIES = List.of("USA", "DEU", "FRA", "JPN", "BRA");
    private static final List<String> TIERS = List.of("free", "silver", "gold", "platinum");

    private AudienceBench() {
    }

    public static void main(String[] args) throws Exception {
        int total = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        try (TestServer server = TestServer.start()) {
            PinpointClient pinpoint = server.pinpoint();
            String app = pinpoint.createApp(r -> r.createApplicationRequest(a -> a.name("bench"))).applicationResponse().id();
            long started = System.nanoTime();
            ingest(server, app, total, clients);
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("UpdateEndpointsBatch: %d endpoints in %.1f s = %.0f endpoints/s (%d clients)%n",
                    total, seconds, total / seconds, clients);
            String segmentId = pinpoint.createSegment(r -> r.applicationId(app).writeSegmentRequest(w -> w.name("three")
                    .dimensions(d -> d.demographic(g -> g.platform(p -> p.values("ios")))
                            .location(l -> l.country(c -> c.values("USA", "DEU")))
                            .attributes(Map.of("tier", AttributeDimension.builder().values("gold", "platinum").build())))))
                    .segmentResponse().id();
            evaluate(server, app, segmentId);
        }
    }

    static void ingest(TestServer server, String app, int total, int clients) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> work = new ArrayList<>();
        int batches = (total + 99) / 100;
        for (int c = 0; c < clients; c++) {
            int client = c;
            work.add(pool.submit(() -> {
                PinpointClient pinpoint = server.pinpoint();
                for (int b = client; b < batches; b += clients) {
                    List<EndpointBatchItem> items = new ArrayList<>();
                    for (int i = b * 100; i < Math.min(total, (b + 1) * 100); i++) {
                        items.add(item(i));
                    }
                    pinpoint.updateEndpointsBatch(r -> r.applicationId(app).endpointBatchRequest(e -> e.item(items)));
                }
                return null;
            }));
        }
        for (Future<?> future : work) {
            future.get();
        }
        pool.shutdown();
    }

    private static EndpointBatchItem item(int i) {
        return EndpointBatchItem.builder().id("endpoint-" + i).channelType(ChannelType.EMAIL).address("user" + i + "@example.com")
                .demographic(d -> d.platform(PLATFORMS.get(i % 3)).make("Make" + (i % 7)))
                .location(l -> l.country(COUNTRIES.get(i % 5)).city("City" + (i % 100)))
                .attributes(Map.of("tier", List.of(TIERS.get((i / 3) % 4)), "interests", List.of("a" + (i % 11), "b" + (i % 13))))
                .metrics(Map.of("visits", (double) (i % 50)))
                .user(u -> u.userId("user-" + (i / 2)).userAttributes(Map.of("plan", List.of("p" + (i % 3)))))
                .build();
    }

    private static void evaluate(TestServer server, String app, String segmentId) {
        SegmentRepository segments = new SegmentRepository();
        SegmentEngine engine = new SegmentEngine(segments, new EndpointRepository());
        for (int run = 0; run < 3; run++) {
            long started = System.nanoTime();
            int members = server.server().store().read(tx -> {
                JsonNode segment = segments.find(tx, server.accountId(), "us-east-1", app, segmentId).orElseThrow();
                return engine.evaluate(tx, server.accountId(), "us-east-1", app, segment, Instant.now()).size();
            });
            System.out.printf("SegmentEngine.evaluate, three dimensions: %d members in %.2f s%n", members,
                    (System.nanoTime() - started) / 1e9);
        }
    }
}
