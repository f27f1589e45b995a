// SPDX-License-Identifier: Apache-2.0
package dev.waymark.pinpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.waymark.testing.TestServer;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.pinpoint.PinpointClient;
import software.amazon.awssdk.services.pinpoint.model.AttributeDimension;
import software.amazon.awssdk.services.pinpoint.model.BadRequestException;
import software.amazon.awssdk.services.pinpoint.model.ChannelType;
import software.amazon.awssdk.services.pinpoint.model.EndpointRequest;
import software.amazon.awssdk.services.pinpoint.model.Event;
import software.amazon.awssdk.services.pinpoint.model.EventsBatch;
import software.amazon.awssdk.services.pinpoint.model.NotFoundException;
import software.amazon.awssdk.services.pinpoint.model.PublicEndpoint;
import software.amazon.awssdk.services.pinpoint.model.SegmentDimensions;
import software.amazon.awssdk.services.pinpoint.model.SegmentGroup;
import software.amazon.awssdk.services.pinpoint.model.SegmentResponse;
import software.amazon.awssdk.services.pinpoint.model.SegmentType;
import software.amazon.awssdk.services.pinpoint.model.WriteSegmentRequest;

/** Segments end to end through the AWS SDK for Java v2, and the engine over endpoints the SDK wrote (issue 7). */
class PinpointSegmentsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestServer server;
    private static PinpointClient pinpoint;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        pinpoint = server.pinpoint();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static String app() {
        return pinpoint.createApp(r -> r.createApplicationRequest(a -> a.name("segments"))).applicationResponse().id();
    }

    private static SegmentResponse create(String app, WriteSegmentRequest request) {
        var created = pinpoint.createSegment(r -> r.applicationId(app).writeSegmentRequest(request));
        assertEquals(201, created.sdkHttpResponse().statusCode());
        return created.segmentResponse();
    }

    private static WriteSegmentRequest iosUsers() {
        return WriteSegmentRequest.builder().name("iOS users").tags(Map.of("team", "growth"))
                .dimensions(d -> d.demographic(g -> g.platform(p -> p.values("ios")))).build();
    }

    @Test
    void deletingTheAppDeletesItsEndpointsEventsSegmentsAndTheirTags() {
        String app = app();
        pinpoint.updateEndpoint(r -> r.applicationId(app).endpointId("e1").endpointRequest(e -> e.channelType("EMAIL")
                .address("someone@example.com")));
        pinpoint.putEvents(r -> r.applicationId(app).eventsRequest(q -> q.batchItem(Map.of("e1",
                software.amazon.awssdk.services.pinpoint.model.EventsBatch.builder()
                        .endpoint(e -> e.channelType("EMAIL").address("someone@example.com"))
                        .events(Map.of("x", software.amazon.awssdk.services.pinpoint.model.Event.builder().eventType("opened")
                                .timestamp(java.time.Instant.now().toString()).build())).build()))));
        SegmentResponse segment = create(app, iosUsers());
        String[] tables = {"pinpoint_endpoint", "pinpoint_event", "pinpoint_segment", "pinpoint_segment_version"};
        for (String table : tables) {
            assertTrue(rows(table, app) > 0, table + " holds nothing of the app before DeleteApp");
        }
        assertTrue(server.server().store().read(tx -> tx.queryLong("SELECT COUNT(*) FROM resource_tag WHERE arn = ?",
                segment.arn())) > 0);
        pinpoint.deleteApp(r -> r.applicationId(app));
        for (String table : tables) {
            assertEquals(0L, rows(table, app), table + " kept rows of a deleted app");
        }
        assertEquals(0L, (long) server.server().store().read(tx -> tx.queryLong("SELECT COUNT(*) FROM resource_tag WHERE arn = ?",
                segment.arn())));
    }

    @Test
    void segmentsAreTaggedThroughTheirArn() {
        String app = app();
        SegmentResponse segment = create(app, iosUsers());
        pinpoint.tagResource(r -> r.resourceArn(segment.arn()).tagsModel(t -> t.tags(Map.of("owner", "ops"))));
        assertEquals(Map.of("team", "growth", "owner", "ops"),
                pinpoint.listTagsForResource(r -> r.resourceArn(segment.arn())).tagsModel().tags());
        assertEquals(Map.of("team", "growth", "owner", "ops"),
                pinpoint.getSegment(r -> r.applicationId(app).segmentId(segment.id())).segmentResponse().tags());
        pinpoint.untagResource(r -> r.resourceArn(segment.arn()).tagKeys("team"));
        assertEquals(Map.of("owner", "ops"), pinpoint.listTagsForResource(r -> r.resourceArn(segment.arn())).tagsModel().tags());
        assertThrows(NotFoundException.class, () -> pinpoint.tagResource(r -> r.resourceArn(segment.arn().replace(
                segment.id(), "0".repeat(32))).tagsModel(t -> t.tags(Map.of("a", "b")))));
    }

    private static long rows(String table, String app) {
        return server.server().store().read(tx -> tx.queryLong("SELECT COUNT(*) FROM " + table + " WHERE app_id = ?", app));
    }

    @Test
    void createGetUpdateDeleteWithVersions() {
        String app = app();
        SegmentResponse created = create(app, iosUsers());
        assertTrue(created.id().matches("[0-9a-f]{32}"), created.id());
        assertEquals("arn:aws:mobiletargeting:us-east-1:" + server.accountId() + ":apps/" + app + "/segments/" + created.id(),
                created.arn());
        assertEquals(app, created.applicationId());
        assertEquals(SegmentType.DIMENSIONAL, created.segmentType());
        assertEquals(1, created.version());
        assertEquals("iOS users", created.name());
        assertEquals(Map.of("team", "growth"), created.tags());
        assertEquals(List.of("ios"), created.dimensions().demographic().platform().values());
        assertEquals(created, pinpoint.getSegment(r -> r.applicationId(app).segmentId(created.id())).segmentResponse());

        SegmentResponse updated = pinpoint.updateSegment(r -> r.applicationId(app).segmentId(created.id())
                .writeSegmentRequest(w -> w.dimensions(d -> d.location(l -> l.country(c -> c.values("USA"))))))
                .segmentResponse();
        assertEquals(2, updated.version());
        assertEquals("iOS users", updated.name());
        assertNull(updated.dimensions().demographic());
        assertEquals(created.creationDate(), updated.creationDate());
        SegmentResponse first = pinpoint.getSegmentVersion(r -> r.applicationId(app).segmentId(created.id()).version("1"))
                .segmentResponse();
        assertEquals(List.of("ios"), first.dimensions().demographic().platform().values());
        var versions = pinpoint.getSegmentVersions(r -> r.applicationId(app).segmentId(created.id())).segmentsResponse();
        assertEquals(List.of(1, 2), versions.item().stream().map(SegmentResponse::version).toList());
        var paged = pinpoint.getSegmentVersions(r -> r.applicationId(app).segmentId(created.id()).pageSize("1")).segmentsResponse();
        assertEquals(1, paged.item().size());
        var rest = pinpoint.getSegmentVersions(r -> r.applicationId(app).segmentId(created.id()).token(paged.nextToken()))
                .segmentsResponse();
        assertEquals(List.of(2), rest.item().stream().map(SegmentResponse::version).toList());
        assertNull(rest.nextToken());

        SegmentResponse deleted = pinpoint.deleteSegment(r -> r.applicationId(app).segmentId(created.id())).segmentResponse();
        assertEquals(2, deleted.version());
        assertThrows(NotFoundException.class, () -> pinpoint.getSegment(r -> r.applicationId(app).segmentId(created.id())));
        assertThrows(NotFoundException.class, () -> pinpoint.getSegmentVersion(r -> r.applicationId(app).segmentId(created.id()).version("1")));
        assertThrows(NotFoundException.class, () -> pinpoint.deleteSegment(r -> r.applicationId(app).segmentId(created.id())));
    }

    @Test
    void getSegmentsPages() {
        String app = app();
        Set<String> made = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            made.add(create(app, iosUsers()).id());
        }
        Set<String> seen = new HashSet<>();
        String token = null;
        int pages = 0;
        do {
            String current = token;
            var page = pinpoint.getSegments(r -> r.applicationId(app).pageSize("2").token(current)).segmentsResponse();
            page.item().forEach(s -> seen.add(s.id()));
            token = page.nextToken();
            pages++;
        } while (token != null);
        assertEquals(made, seen);
        assertEquals(3, pages);
        assertTrue(pinpoint.getSegments(r -> r.applicationId(app()))
                .segmentsResponse().item().isEmpty());
        assertThrows(BadRequestException.class, () -> pinpoint.getSegments(r -> r.applicationId(app).token("bogus")));
    }

    @Test
    void invalidSegmentsAreBadRequests() {
        String app = app();
        assertBad(app, WriteSegmentRequest.builder().name("nothing").build());
        assertBad(app, WriteSegmentRequest.builder().dimensions(d -> d.attributes(Map.of("a",
                AttributeDimension.builder().attributeType("BEFORE").values("not a date").build()))).build());
        assertBad(app, WriteSegmentRequest.builder().dimensions(d -> d.attributes(Map.of("a",
                AttributeDimension.builder().attributeType("BETWEEN").values("2026-01-01").build()))).build());
        assertBad(app, WriteSegmentRequest.builder().dimensions(d -> d.attributes(Map.of("a",
                AttributeDimension.builder().attributeType("LIKE").values("x").build()))).build());
        assertBad(app, WriteSegmentRequest.builder().dimensions(d -> d.metrics(Map.of("m",
                software.amazon.awssdk.services.pinpoint.model.MetricDimension.builder().comparisonOperator("ABOUT").value(1.0).build())))
                .build());
        assertBad(app, WriteSegmentRequest.builder().dimensions(d -> d.location(l -> l.gpsPoint(g -> g
                .coordinates(c -> c.latitude(95.0).longitude(0.0)).rangeInKilometers(5.0)))).build());
        assertBad(app, WriteSegmentRequest.builder().segmentGroups(g -> g.include("SOME").groups(SegmentGroup.builder().build())).build());
        assertBad(app, WriteSegmentRequest.builder().segmentGroups(g -> g.groups(SegmentGroup.builder()
                .sourceSegments(s -> s.id("no-such-segment")).build())).build());
        assertThrows(NotFoundException.class, () -> pinpoint.createSegment(r -> r.applicationId("missing").writeSegmentRequest(iosUsers())));
        assertThrows(NotFoundException.class, () -> pinpoint.updateSegment(r -> r.applicationId(app).segmentId("missing")
                .writeSegmentRequest(iosUsers())));
        String id = create(app, iosUsers()).id();
        assertThrows(BadRequestException.class, () -> pinpoint.getSegmentVersion(r -> r.applicationId(app).segmentId(id).version("one")));
        assertThrows(NotFoundException.class, () -> pinpoint.getSegmentVersion(r -> r.applicationId(app).segmentId(id).version("7")));
    }

    private static void assertBad(String app, WriteSegmentRequest request) {
        BadRequestException error = assertThrows(BadRequestException.class, () -> create(app, request));
        assertEquals(400, error.statusCode());
    }

    @Test
    void theEngineEvaluatesSegmentsOverEndpointsTheSdkWrote() throws Exception {
        String app = app();
        String longAgo = "2026-01-01T00:00:00Z";
        String now = Instant.now().toString();
        endpoint(app, "ios-us", "ios", "USA", 47.61, -122.33, Map.of("sport", List.of("tennis", "golf")), 5.0, longAgo);
        endpoint(app, "ios-de", "ios", "DEU", 52.52, 13.40, Map.of("sport", List.of("football")), 1.0, now);
        endpoint(app, "android-us", "android", "USA", 47.60, -122.30, Map.of(), 9.0, longAgo);
        pinpoint.putEvents(r -> r.applicationId(app).eventsRequest(e -> e.batchItem(Map.of("android-us", EventsBatch.builder()
                .endpoint(PublicEndpoint.builder().build()).events(Map.of("now", Event.builder().eventType("open")
                        .timestamp(Instant.now().toString()).build())).build()))));

        SegmentResponse ios = create(app, iosUsers());
        assertEquals(Set.of("ios-us", "ios-de"), evaluate(app, ios.id()));
        SegmentResponse nearSeattle = create(app, WriteSegmentRequest.builder().dimensions(d -> d.location(l -> l.gpsPoint(g -> g
                .coordinates(c -> c.latitude(47.6).longitude(-122.3)).rangeInKilometers(10.0)))).build());
        assertEquals(Set.of("ios-us", "android-us"), evaluate(app, nearSeattle.id()));
        SegmentResponse racket = create(app, WriteSegmentRequest.builder().dimensions(d -> d.attributes(Map.of("sport",
                AttributeDimension.builder().attributeType("CONTAINS").values("nni").build()))).build());
        assertEquals(Set.of("ios-us"), evaluate(app, racket.id()));
        SegmentResponse heavy = create(app, WriteSegmentRequest.builder().dimensions(SegmentDimensions.builder()
                .metrics(Map.of("spend", software.amazon.awssdk.services.pinpoint.model.MetricDimension.builder()
                        .comparisonOperator("GREATER_THAN_OR_EQUAL").value(5.0).build())).build()).build());
        assertEquals(Set.of("ios-us", "android-us"), evaluate(app, heavy.id()));
        SegmentResponse active = create(app, WriteSegmentRequest.builder().dimensions(d -> d.behavior(b -> b.recency(c -> c
                .duration("DAY_7").recencyType("ACTIVE")))).build());
        assertEquals(Set.of("android-us", "ios-de"), evaluate(app, active.id()));
        SegmentResponse iosNotHeavy = create(app, WriteSegmentRequest.builder().segmentGroups(g -> g.include("ALL").groups(
                SegmentGroup.builder().sourceSegments(s -> s.id(ios.id())).sourceType("ANY").type("NONE")
                        .dimensions(SegmentDimensions.builder().metrics(Map.of("spend",
                                software.amazon.awssdk.services.pinpoint.model.MetricDimension.builder()
                                        .comparisonOperator("GREATER_THAN").value(2.0).build())).build()).build())).build());
        assertEquals(Set.of("ios-de"), evaluate(app, iosNotHeavy.id()));
    }

    private static void endpoint(String app, String id, String platform, String country, double lat, double lon,
                                 Map<String, List<String>> attributes, double spend, String effectiveDate) {
        pinpoint.updateEndpoint(r -> r.applicationId(app).endpointId(id).endpointRequest(EndpointRequest.builder()
                .channelType(ChannelType.APNS).address("token-" + id).demographic(d -> d.platform(platform))
                .location(l -> l.country(country).latitude(lat).longitude(lon)).attributes(attributes)
                .metrics(Map.of("spend", spend)).effectiveDate(effectiveDate).build()));
    }

    private static Set<String> evaluate(String app, String segmentId) {
        SegmentRepository segments = new SegmentRepository();
        SegmentEngine engine = new SegmentEngine(segments, new EndpointRepository());
        return server.server().store().read(tx -> {
            JsonNode segment = segments.find(tx, server.accountId(), "us-east-1", app, segmentId).orElseThrow();
            return new HashSet<>(engine.evaluate(tx, server.accountId(), "us-east-1", app, segment, Instant.now()));
        });
    }

    @Test
    void recordsKeepCriteriaAndMaskNames() throws Exception {
        String app = app();
        SegmentResponse created = create(app, WriteSegmentRequest.builder().name("Secret name")
                .dimensions(d -> d.attributes(Map.of("sport", AttributeDimension.builder().values("golf").build()))).build());
        pinpoint.getSegment(r -> r.applicationId(app).segmentId(created.id()));
        List<JsonNode> records = server.records("CreateSegment");
        JsonNode record = records.get(records.size() - 1);
        assertEquals("***", record.get("requestParameters").get("Name").asText());
        assertEquals("golf", record.get("requestParameters").get("Dimensions").get("Attributes").get("sport").get("Values").get(0).asText());
        assertEquals("***", record.get("responseElements").get("Name").asText());
        assertEquals(created.arn(), record.get("resources").get(0).get("ARN").asText());
        assertEquals("AWS::Pinpoint::Segment", record.get("resources").get(0).get("type").asText());
        List<JsonNode> reads = server.records("GetSegment");
        JsonNode read = reads.get(reads.size() - 1);
        assertTrue(read.get("readOnly").asBoolean());
        assertEquals(created.arn(), read.get("resources").get(0).get("ARN").asText());
        assertEquals(JSON.nullNode(), read.get("responseElements"));
    }
}
