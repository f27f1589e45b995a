// SPDX-License-Identifier: Apache-2.0
package dev.waymark.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A closed-loop load generator for one operation against one endpoint: N connections, each a thread that sends a
 * freshly SigV4-signed request, waits for the response and sends the next, for a warm-up period and then a fixed
 * measured period. Prints requests per second, p50 and p99 latency, and errors (any status but 200/201, or an I/O
 * failure), plus one machine-readable {@code RESULT} line for {@code bench/run.sh}.
 *
 * <p>Usage: {@code java -jar waymark-bench.jar --endpoint=http://127.0.0.1:8449 --operation=GetApps|CreateApp
 * (--credentials-file=FILE [--profile=waymark] | --access-key-id=.. --secret-access-key=..) [--connections=32]
 * [--warmup=3] [--duration=10] [--label=waymark] [--seed-apps=10] [--clients=shared|per-connection]
 * [--executor=direct|pool]}.
 */
public final class LoadGenerator {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String SERVICE = "mobiletargeting";

    private final URI endpoint;
    private final String operation;
    private final RequestSigner signer;
    private final AtomicLong nameCounter = new AtomicLong();
    private final String namePrefix = "bench-" + Long.toString(System.nanoTime() % 1_000_000, 36) + "-";

    private final boolean directExecutor;

    private LoadGenerator(URI endpoint, String operation, RequestSigner signer, boolean directExecutor) {
        this.endpoint = endpoint;
        this.operation = operation;
        this.signer = signer;
        this.directExecutor = directExecutor;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        URI endpoint = URI.create(required(options, "endpoint").replaceAll("/+$", ""));
        String operation = required(options, "operation");
        if (!operation.equals("GetApps") && !operation.equals("CreateApp")) {
            throw new IllegalArgumentException("--operation must be GetApps or CreateApp");
        }
        String[] key = credentials(options);
        String region = options.getOrDefault("region", "us-east-1");
        int connections = Integer.parseInt(options.getOrDefault("connections", "32"));
        double warmup = Double.parseDouble(options.getOrDefault("warmup", "3"));
        double duration = Double.parseDouble(options.getOrDefault("duration", "10"));
        int seedApps = Integer.parseInt(options.getOrDefault("seed-apps", "10"));
        String label = options.getOrDefault("label", endpoint.getAuthority());
        boolean shared = options.getOrDefault("clients", "shared").equals("shared");
        boolean direct = options.getOrDefault("executor", "direct").equals("direct");

        LoadGenerator generator = new LoadGenerator(endpoint, operation,
                new RequestSigner(key[0], key[1], SERVICE, region, Duration.ofSeconds(30)), direct);
        if (operation.equals("GetApps")) {
            generator.seed(seedApps);
        }
        Result result = generator.run(connections, shared, warmup, duration);
        System.out.printf(Locale.ROOT, "%-8s %-10s connections=%d measured=%.1fs requests=%d req/s=%.1f p50=%.2fms "
                        + "p99=%.2fms errors=%d client-cpu=%.0fus/req%n", label, operation, connections, result.seconds,
                result.requests, result.rps(), result.p50 / 1e6, result.p99 / 1e6, result.errors,
                result.clientCpuNanos / 1e3 / Math.max(1, result.requests));
        System.out.printf(Locale.ROOT, "RESULT %s %s %.1f %.3f %.3f %d %d%n", label, operation, result.rps(),
                result.p50 / 1e6, result.p99 / 1e6, result.errors, result.requests);
        if (result.firstError != null) {
            System.err.println("first error (" + label + " " + operation + "): " + result.firstError);
        }
        System.exit(result.errors == 0 && result.requests > 0 ? 0 : 1);
    }

    /** Creates apps so that GetApps returns a realistic page, then checks that it does. */
    private void seed(int count) throws IOException, InterruptedException {
        HttpClient client = newClient();
        for (int i = 0; i < count; i++) {
            HttpResponse<String> created = client.send(createApp(), HttpResponse.BodyHandlers.ofString());
            if (created.statusCode() != 201 && created.statusCode() != 200) {
                throw new IllegalStateException("seeding CreateApp failed: " + created.statusCode() + " " + created.body());
            }
        }
        HttpResponse<String> page = client.send(getApps(), HttpResponse.BodyHandlers.ofString());
        if (page.statusCode() != 200) {
            throw new IllegalStateException("GetApps failed: " + page.statusCode() + " " + page.body());
        }
        JsonNode items = MAPPER.readTree(page.body()).path("Item");
        if (items.size() < Math.min(count, 10)) {
            throw new IllegalStateException("GetApps returned " + items.size() + " apps after seeding " + count
                    + ": " + page.body());
        }
    }

    private HttpRequest request() {
        return operation.equals("GetApps") ? getApps() : createApp();
    }

    private HttpRequest createApp() {
        String body = MAPPER.createObjectNode().put("Name", namePrefix + nameCounter.incrementAndGet()).toString();
        return signer.sign("POST", endpoint.resolve("/v1/apps"), "application/json", body);
    }

    private HttpRequest getApps() {
        return signer.sign("GET", endpoint.resolve("/v1/apps?page-size=10"), null, null);
    }

    /**
     * An HTTP/1.1 client. With {@code directExecutor} the client completes responses on its selector thread instead
     * of handing each one to a pool thread: the sending thread blocks in send() anyway, so the hand-off only adds
     * context switches (nothing here blocks inside a completion).
     */
    private HttpClient newClient() {
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10));
        if (directExecutor) {
            builder.executor(Runnable::run);
        }
        return builder.build();
    }

    private Result run(int connections, boolean sharedClient, double warmupSeconds, double measureSeconds)
            throws InterruptedException {
        long start = System.nanoTime();
        long measureFrom = start + (long) (warmupSeconds * 1e9);
        long end = measureFrom + (long) (measureSeconds * 1e9);
        HttpClient shared = sharedClient ? newClient() : null;
        List<Latencies> latencies = new ArrayList<>();
        AtomicLong errors = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            Latencies mine = new Latencies();
            latencies.add(mine);
            HttpClient client = sharedClient ? shared : newClient();
            Thread thread = new Thread(() -> loop(client, measureFrom, end, mine, errors, firstError), "conn-" + i);
            threads.add(thread);
            thread.start();
        }
        sleepUntil(measureFrom);
        long cpuFrom = processCpuNanos();
        sleepUntil(end);
        long cpu = processCpuNanos() - cpuFrom;
        for (Thread thread : threads) {
            thread.join();
        }
        long[] sorted = Latencies.mergeSorted(latencies);
        return new Result(sorted.length, measureSeconds, Latencies.percentile(sorted, 50),
                Latencies.percentile(sorted, 99), errors.get(), firstError.get(), cpu);
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            Thread.sleep(Math.max(1, left / 1_000_000));
        }
    }

    /** CPU time of this JVM (all threads), to show what the load generator itself costs per request. */
    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    /** One connection: send, wait, record; only requests started in the measured window are counted. */
    private void loop(HttpClient client, long measureFrom, long end, Latencies latencies, AtomicLong errors,
                      AtomicReference<String> firstError) {
        while (true) {
            long sent = System.nanoTime();
            if (sent >= end) {
                return;
            }
            boolean ok;
            try {
                HttpResponse<byte[]> response = client.send(request(), HttpResponse.BodyHandlers.ofByteArray());
                ok = response.statusCode() == 200 || response.statusCode() == 201;
                if (!ok) {
                    firstError.compareAndSet(null, "HTTP " + response.statusCode() + " "
                            + new String(response.body(), StandardCharsets.UTF_8));
                }
            } catch (IOException | RuntimeException e) {
                ok = false;
                firstError.compareAndSet(null, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            long received = System.nanoTime();
            if (!ok) {
                errors.incrementAndGet();
            } else if (sent >= measureFrom) {
                latencies.add(received - sent);
            }
        }
    }

    private record Result(long requests, double seconds, long p50, long p99, long errors, String firstError,
                          long clientCpuNanos) {
        double rps() {
            return requests / seconds;
        }
    }

    private static String[] credentials(Map<String, String> options) throws IOException {
        if (options.containsKey("access-key-id")) {
            return new String[] {options.get("access-key-id"), required(options, "secret-access-key")};
        }
        Path file = Path.of(required(options, "credentials-file"));
        String profile = options.getOrDefault("profile", "waymark");
        String section = null;
        String id = null;
        String secret = null;
        for (String line : Files.readAllLines(file)) {
            String text = line.trim();
            if (text.startsWith("[") && text.endsWith("]")) {
                section = text.substring(1, text.length() - 1).trim();
            } else if (profile.equals(section) && text.contains("=")) {
                String name = text.substring(0, text.indexOf('=')).trim();
                String value = text.substring(text.indexOf('=') + 1).trim();
                if (name.equals("aws_access_key_id")) {
                    id = value;
                } else if (name.equals("aws_secret_access_key")) {
                    secret = value;
                }
            }
        }
        if (id == null || secret == null) {
            throw new IllegalArgumentException("no key for profile [" + profile + "] in " + file);
        }
        return new String[] {id, secret};
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("expected --name=value, got " + arg);
            }
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }
}
