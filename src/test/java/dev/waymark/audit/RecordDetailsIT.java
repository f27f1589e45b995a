// SPDX-License-Identifier: Apache-2.0
package dev.waymark.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.waymark.testing.SignedRequests;
import dev.waymark.testing.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Record details: source address behind trusted proxies, limits on sizes, the not-recorded list, eventVersion. */
class RecordDetailsIT {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static List<JsonNode> records(TestServer server, String eventName) {
        return server.records(eventName);
    }

    private static void getApps(TestServer server, Map<String, String> headers) throws Exception {
        SignedRequests requests = SignedRequests.asRoot(server);
        var response = requests.send("GET", "/v1/apps", Map.of(), headers, new byte[0], "mobiletargeting");
        assertEquals(200, response.status(), response.text());
    }

    @Test
    void forwardedForIsBelievedOnlyFromTrustedProxies() throws Exception {
        try (TestServer direct = TestServer.start()) {
            getApps(direct, Map.of("X-Forwarded-For", "203.0.113.7"));
            assertEquals("127.0.0.1", records(direct, "GetApps").get(0).get("sourceIPAddress").asText());
        }
        try (TestServer proxied = TestServer.start("--trusted-proxies=127.0.0.1")) {
            getApps(proxied, Map.of("X-Forwarded-For", "198.51.100.1, 203.0.113.7"));
            assertEquals("203.0.113.7", records(proxied, "GetApps").get(0).get("sourceIPAddress").asText());
        }
    }

    @Test
    void longUserAgentIsCutAndLargeParametersOmitted() throws Exception {
        try (TestServer server = TestServer.start("--event-version=1.11")) {
            getApps(server, Map.of("User-Agent", "agent/" + "x".repeat(3000)));
            JsonNode getApps = records(server, "GetApps").get(0);
            assertEquals(1024, getApps.get("userAgent").asText().length());
            assertEquals("1.11", getApps.get("eventVersion").asText());

            String appId = server.pinpoint().createApp(r -> r.createApplicationRequest(a -> a.name("big")))
                    .applicationResponse().id();
            String url = "https://hooks.example.com/" + "a".repeat(150 * 1024);
            server.pinpoint().updateApplicationSettings(r -> r.applicationId(appId)
                    .writeApplicationSettingsRequest(w -> w.campaignHook(h -> h.webUrl(url).mode("DELIVERY"))));
            JsonNode update = records(server, "UpdateApplicationSettings").get(0);
            assertEquals(MAPPER.readTree("{\"omitted\":true}"), update.get("requestParameters"));
            assertEquals(MAPPER.readTree("{\"omitted\":true}"), update.get("responseElements"));
        }
    }

    @Test
    void maskingTableIsConfigurable() throws Exception {
        java.nio.file.Path table = java.nio.file.Files.createTempFile("masking", ".json");
        java.nio.file.Files.writeString(table, "{\"pinpoint\": {\"mask\": [\"tags\"]}}");
        try (TestServer server = TestServer.start("--masking-file=" + table)) {
            server.pinpoint().createApp(r -> r.createApplicationRequest(a -> a.name("visible").tags(Map.of("k", "v"))));
            JsonNode record = records(server, "CreateApp").get(0);
            assertEquals("visible", record.get("requestParameters").get("Name").asText());
            assertEquals("***", record.get("requestParameters").get("tags").asText());
        }
    }

    @Test
    void eventNamesAreCloudTrailsWhereTheyDifferFromTheOperation() throws Exception {
        try (TestServer server = TestServer.start()) {
            var s3 = server.s3();
            s3.createBucket(r -> r.bucket("named-events"));
            s3.putBucketLifecycleConfiguration(r -> r.bucket("named-events").lifecycleConfiguration(c -> c.rules(
                    rule -> rule.id("expire").status("Enabled").filter(f -> f.prefix("")).expiration(e -> e.days(30)))));
            s3.getBucketLifecycleConfiguration(r -> r.bucket("named-events"));
            assertEquals(1, records(server, "PutBucketLifecycle").size());
            assertEquals(1, records(server, "GetBucketLifecycle").size());
            assertTrue(records(server, "PutBucketLifecycleConfiguration").isEmpty());
        }
    }

    @Test
    void dataEventsAreLabelledSoWhenRecorded() throws Exception {
        try (TestServer server = TestServer.start("--not-recorded=PutEvents")) {
            var s3 = server.s3();
            s3.createBucket(r -> r.bucket("data-events"));
            s3.putObject(r -> r.bucket("data-events").key("k"), software.amazon.awssdk.core.sync.RequestBody.fromString("v"));
            JsonNode put = records(server, "PutObject").get(0);
            assertEquals(false, put.get("managementEvent").asBoolean());
            assertEquals("Data", put.get("eventCategory").asText());
            JsonNode create = records(server, "CreateBucket").get(0);
            assertEquals("Management", create.get("eventCategory").asText());
        }
    }

    @Test
    void notRecordedOperationsAreConfigurable() throws Exception {
        try (TestServer server = TestServer.start("--not-recorded=GetApps,sts:GetCallerIdentity")) {
            server.pinpoint().getApps(r -> { });
            server.sts().getCallerIdentity(r -> { });
            server.pinpoint().createApp(r -> r.createApplicationRequest(a -> a.name("recorded")));
            assertTrue(records(server, "GetApps").isEmpty());
            assertTrue(records(server, "GetCallerIdentity").isEmpty());
            assertEquals(1, records(server, "CreateApp").size());
        }
    }
}
