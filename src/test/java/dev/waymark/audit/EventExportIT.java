// SPDX-License-Identifier: Apache-2.0
package dev.waymark.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.waymark.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.CloudTrailException;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttribute;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;
import software.amazon.awssdk.services.cloudtrail.paginators.LookupEventsIterable;

/** {@code waymark events export}: the same events LookupEvents returns, as CSV and as JSON, with filters. */
class EventExportIT {
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        for (int i = 0; i < 30; i++) {
            int n = i;
            server.pinpoint().createApp(r -> r.createApplicationRequest(a -> a.name("export, \"quoted\" " + n)));
        }
        server.sts().getCallerIdentity(r -> { });
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static String waymark(String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Method run = Class.forName("dev.waymark.server.Main").getDeclaredMethod("run", List.class, PrintStream.class, PrintStream.class);
        run.setAccessible(true);
        int exit = (int) run.invoke(null, dev.waymark.testing.TestDatabase.commandLine(List.of(args)), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, exit, err.toString(StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    private static Set<String> lookedUp(LookupAttribute attribute) {
        CloudTrailClient cloudTrail = server.cloudTrail(server.rootCredentials(), Region.US_EAST_1);
        LookupEventsIterable pages = cloudTrail.lookupEventsPaginator(r -> {
            if (attribute != null) {
                r.lookupAttributes(attribute);
            }
        });
        Set<String> ids = new HashSet<>();
        pages.events().forEach(e -> ids.add(e.eventId()));
        return ids;
    }

    @Test
    void csvHasEveryEventOnceWithTheConsoleColumns() throws Exception {
        LookupAttribute created = LookupAttribute.builder().attributeKey(LookupAttributeKey.EVENT_NAME).attributeValue("CreateApp").build();
        String csv = waymark("events", "export", "--data-dir=" + server.dataDir(), "--attribute=EventName=CreateApp");
        List<String> lines = new ArrayList<>(List.of(csv.split("\r\n")));
        assertEquals(String.join(",", EventExport.CSV_COLUMNS), lines.remove(0));
        assertEquals(30, lines.size());
        Set<String> ids = new HashSet<>();
        lines.forEach(line -> ids.add(line.substring(0, line.indexOf(','))));
        assertEquals(lookedUp(created), ids);
        assertTrue(lines.get(0).contains(",root,CreateApp,pinpoint.amazonaws.com,AWS::Pinpoint::App,"), lines.get(0));
    }

    @Test
    void jsonToAFileHoldsTheRecords() throws Exception {
        Path file = Files.createTempFile("events", ".json");
        waymark("events", "export", "--data-dir=" + server.dataDir(), "--format=json", "--output=" + file);
        JsonNode records = new ObjectMapper().readTree(file.toFile()).get("Records");
        Set<String> ids = new HashSet<>();
        records.forEach(r -> ids.add(r.get("eventID").asText()));
        assertEquals(records.size(), ids.size(), "each event once");
        assertTrue(ids.containsAll(lookedUp(LookupAttribute.builder().attributeKey(LookupAttributeKey.EVENT_NAME)
                .attributeValue("CreateApp").build())));
        assertTrue(ids.containsAll(lookedUp(LookupAttribute.builder().attributeKey(LookupAttributeKey.EVENT_NAME)
                .attributeValue("GetCallerIdentity").build())));
        assertEquals("***", records.get(records.size() - 1).path("requestParameters").path("Name").asText());
    }

    @Test
    void filtersByTimeAndRegion() throws Exception {
        String none = waymark("events", "export", "--data-dir=" + server.dataDir(), "--region=eu-west-1");
        assertEquals(1, none.split("\r\n").length);
        String future = waymark("events", "export", "--data-dir=" + server.dataDir(), "--start-time=2999-01-01T00:00:00Z");
        assertEquals(1, future.split("\r\n").length);
    }

    @Test
    void theSameExportOverHttp() throws Exception {
        var requests = dev.waymark.testing.SignedRequests.asRoot(server);
        var response = requests.send("GET", "/waymark/v1/events/export",
                java.util.Map.of("format", "csv", "attribute-key", "EventName", "attribute-value", "CreateApp"),
                java.util.Map.of(), new byte[0], "waymark");
        assertEquals(200, response.status(), response.text());
        assertEquals("text/csv; charset=utf-8", response.header("content-type").orElseThrow());
        assertTrue(response.header("content-disposition").orElseThrow().startsWith("attachment;"));
        assertEquals(waymark("events", "export", "--data-dir=" + server.dataDir(), "--attribute=EventName=CreateApp"),
                response.text());
        var bad = requests.send("GET", "/waymark/v1/events/export", java.util.Map.of("format", "xml"),
                java.util.Map.of(), new byte[0], "waymark");
        assertEquals(400, bad.status());
        assertEquals("BadRequestException", bad.header("x-amzn-errortype").orElseThrow());
        var denied = new dev.waymark.testing.SignedRequests(server.endpoint(), server.createUser("nobody", null))
                .send("GET", "/waymark/v1/events/export", java.util.Map.of(), java.util.Map.of(), new byte[0], "waymark");
        assertEquals(403, denied.status());
        assertTrue(denied.text().contains("cloudtrail:LookupEvents"), denied.text());
    }

    @Test
    void csvCellsAreQuotedAndDefused() {
        assertEquals("\"a,b\"", EventExport.csvCell("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", EventExport.csvCell("say \"hi\""));
        assertEquals("'=SUM(A1)", EventExport.csvCell("=SUM(A1)"));
    }

    @Test
    void lookupRateLimitThrottles() throws Exception {
        try (TestServer limited = TestServer.start("--lookup-rate-limit=2")) {
            CloudTrailClient cloudTrail = limited.cloudTrail(limited.rootCredentials(), Region.US_EAST_1);
            CloudTrailException throttled = assertThrows(CloudTrailException.class, () -> {
                for (int i = 0; i < 10; i++) {
                    cloudTrail.lookupEvents(r -> r.maxResults(1));
                }
            });
            assertEquals("ThrottlingException", throttled.awsErrorDetails().errorCode());
        }
    }
}
