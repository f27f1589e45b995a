// SPDX-License-Identifier: Apache-2.0
package dev.waymark.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.waymark.server.ServerConfig;
import dev.waymark.server.Settings;
import dev.waymark.server.WaymarkServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;

/**
 * LookupEvents latency over a large event history. Starts a Waymark server on a fresh data directory, fills its
 * store with N synthetic events of the default account (30 days, one region, realistic records and the same
 * indexes real calls fill), then times LookupEvents calls — signed, over HTTP, one at a time, each also recorded —
 * for the queries a console makes, and prints p50/p99 per query.
 *
 * <p>Usage: {@code java -cp waymark-bench.jar dev.waymark.bench.HistoryBench <events> [data-dir] [calls-per-query]}
 */
public final class HistoryBench {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String[] NAMES = {"GetApps", "GetApp", "CreateApp", "DeleteApp", "GetApplicationSettings",
        "UpdateApplicationSettings", "TagResource", "ListTagsForResource", "GetCallerIdentity", "AssumeRole"};
    private static final String[] USERS = {"root", "alice", "bob", "deploy", "ci"};
    private static final int BATCH = 20_000;

    private HistoryBench() {
    }

    public static void main(String[] args) throws Exception {
        long events = Long.parseLong(args[0]);
        Path dataDir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("waymark-history");
        int calls = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        ServerConfig config = ServerConfig.from(Settings.parse(List.of("--port=0", "--data-dir=" + dataDir), Map.of()));
        try (WaymarkServer server = WaymarkServer.start(config)) {
            String account = server.credentials().accountId();
            long started = System.nanoTime();
            fill(server, account, events);
            System.out.printf("filled %,d events in %.1f s%n", events, (System.nanoTime() - started) / 1e9);
            Properties profile = new Properties();
            try (var reader = Files.newBufferedReader(dataDir.resolve("credentials"))) {
                profile.load(reader);
            }
            RequestSigner signer = new RequestSigner(profile.getProperty("aws_access_key_id"),
                    profile.getProperty("aws_secret_access_key"), "cloudtrail", "us-east-1", Duration.ofSeconds(30));
            measure(URI.create("http://127.0.0.1:" + server.port() + "/"), signer, calls, events);
        }
    }

    /** Inserts events in large transactions, spread over the last 30 days, newest last. */
    static void fill(WaymarkServer server, String account, long events) {
        Random random = new Random(42);
        long now = System.currentTimeMillis();
        long span = Duration.ofDays(30).toMillis();
        for (long done = 0; done < events; done += BATCH) {
            long first = done;
            long count = Math.min(BATCH, events - done);
            server.store().write(tx -> {
                for (long i = first; i < first + count; i++) {
                    long time = now - span + span * i / events;
                    String name = NAMES[skewed(random, NAMES.length)];
                    String user = USERS[skewed(random, USERS.length)];
                    String appArn = "arn:aws:mobiletargeting:us-east-1:" + account + ":apps/" + (i % 5000);
                    String eventId = new UUID(random.nextLong(), random.nextLong()).toString();
                    tx.update("INSERT INTO event (event_id, account_id, region, event_time, event_name, event_source, "
                                    + "read_only, username, access_key_id, error_code, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            eventId, account, "us-east-1", time, name, "pinpoint.amazonaws.com",
                            name.startsWith("Get") || name.startsWith("List") ? 1 : 0, user, "AKIA" + user.toUpperCase(),
                            null, record(eventId, account, name, user, time, appArn));
                    if (i % 2 == 0) {
                        tx.update("INSERT INTO event_resource (seq, account_id, region, event_time, resource_type, "
                                + "resource_name) VALUES (last_insert_rowid(), ?, ?, ?, ?, ?)", account, "us-east-1", time,
                                "AWS::Pinpoint::App", appArn);
                    }
                }
                return null;
            });
        }
    }

    /** Index i with probability falling off: the first names are the common ones. */
    private static int skewed(Random random, int size) {
        return Math.min(size - 1, (int) Math.floor(-Math.log(1 - random.nextDouble()) * size / 4));
    }

    private static String record(String eventId, String account, String name, String user, long time, String arn) {
        return "{\"eventVersion\":\"1.09\",\"userIdentity\":{\"type\":\"IAMUser\",\"principalId\":\"AIDAEXAMPLE\","
                + "\"arn\":\"arn:aws:iam::" + account + ":user/" + user + "\",\"accountId\":\"" + account
                + "\",\"accessKeyId\":\"AKIA" + user.toUpperCase() + "\",\"userName\":\"" + user + "\"},\"eventTime\":\""
                + Instant.ofEpochMilli(time).toString() + "\",\"eventSource\":\"pinpoint.amazonaws.com\",\"eventName\":\""
                + name + "\",\"awsRegion\":\"us-east-1\",\"sourceIPAddress\":\"203.0.113.10\",\"userAgent\":\"aws-cli/1.45.11\","
                + "\"requestParameters\":{\"application-id\":\"" + arn.substring(arn.lastIndexOf('/') + 1) + "\"},"
                + "\"responseElements\":null,\"requestID\":\"" + eventId + "\",\"eventID\":\"" + eventId
                + "\",\"readOnly\":true,\"resources\":[{\"accountId\":\"" + account + "\",\"type\":\"AWS::Pinpoint::App\","
                + "\"ARN\":\"" + arn + "\"}],\"eventType\":\"AwsApiCall\",\"managementEvent\":true,\"recipientAccountId\":\""
                + account + "\",\"eventCategory\":\"Management\"}";
    }

    private static void measure(URI endpoint, RequestSigner signer, int calls, long events) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long middle = System.currentTimeMillis() / 1000 - Duration.ofDays(15).toSeconds();
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("newest page (no filter)", "{}");
        queries.put("EventName=GetApps (common)", attribute("EventName", "GetApps"));
        queries.put("EventName=AssumeRole (rare)", attribute("EventName", "AssumeRole"));
        queries.put("Username=ci (rare)", attribute("Username", "ci"));
        queries.put("ReadOnly=false", attribute("ReadOnly", "false"));
        queries.put("ResourceName=one app", attribute("ResourceName", "arn:aws:mobiletargeting:us-east-1:ACCOUNT:apps/42"));
        queries.put("one-hour window 15 days ago", "{\"StartTime\":" + middle + ",\"EndTime\":" + (middle + 3600) + "}");
        queries.put("second page (NextToken)", null);
        System.out.printf("%-32s %8s %8s %8s %7s%n", "LookupEvents query (" + String.format("%,d", events) + " events)",
                "p50 ms", "p99 ms", "max ms", "events");
        String account = accountOf(endpoint, signer, http);
        for (Map.Entry<String, String> query : queries.entrySet()) {
            String body = query.getValue() == null ? null : query.getValue().replace("ACCOUNT", account);
            long[] latencies = new long[calls];
            int returned = 0;
            for (int i = -calls / 5; i < calls; i++) {
                String request = body;
                if (request == null) {
                    String token = call(endpoint, signer, http, "{\"MaxResults\":50}").path("NextToken").asText();
                    request = "{\"MaxResults\":50,\"NextToken\":\"" + token + "\"}";
                }
                long start = System.nanoTime();
                JsonNode response = call(endpoint, signer, http, request);
                long elapsed = System.nanoTime() - start;
                if (i >= 0) {
                    latencies[i] = elapsed;
                    returned = response.path("Events").size();
                }
            }
            Arrays.sort(latencies);
            System.out.printf("%-32s %8.2f %8.2f %8.2f %7d%n", query.getKey(), latencies[calls / 2] / 1e6,
                    latencies[(int) Math.ceil(calls * 0.99) - 1] / 1e6, latencies[calls - 1] / 1e6, returned);
        }
    }

    private static String attribute(String key, String value) {
        return "{\"LookupAttributes\":[{\"AttributeKey\":\"" + key + "\",\"AttributeValue\":\"" + value + "\"}]}";
    }

    private static String accountOf(URI endpoint, RequestSigner signer, HttpClient http) throws Exception {
        JsonNode events = call(endpoint, signer, http, "{\"MaxResults\":1}").path("Events");
        return MAPPER.readTree(events.get(0).path("CloudTrailEvent").asText()).path("recipientAccountId").asText();
    }

    private static JsonNode call(URI endpoint, RequestSigner signer, HttpClient http, String body) throws Exception {
        var request = signer.sign("POST", endpoint, "application/x-amz-json-1.1", body, Map.of("X-Amz-Target",
                "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents"));
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("LookupEvents failed: " + response.statusCode() + " " + response.body());
        }
        return MAPPER.readTree(response.body());
    }
}
