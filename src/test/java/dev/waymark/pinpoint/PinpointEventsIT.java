// SPDX-License-Identifier: Apache-2.0
package dev.waymark.pinpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waymark.testing.TestServer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.pinpoint.PinpointClient;
import software.amazon.awssdk.services.pinpoint.model.BadRequestException;
import software.amazon.awssdk.services.pinpoint.model.ChannelType;
import software.amazon.awssdk.services.pinpoint.model.Event;
import software.amazon.awssdk.services.pinpoint.model.EventsBatch;
import software.amazon.awssdk.services.pinpoint.model.ItemResponse;
import software.amazon.awssdk.services.pinpoint.model.NotFoundException;
import software.amazon.awssdk.services.pinpoint.model.PublicEndpoint;
import software.amazon.awssdk.services.pinpoint.model.PutEventsResponse;

/** PutEvents end to end through the AWS SDK for Java v2 (issue 7). */
class PinpointEventsIT {
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
        return pinpoint.createApp(r -> r.createApplicationRequest(a -> a.name("events"))).applicationResponse().id();
    }

    private static PutEventsResponse put(String app, Map<String, EventsBatch> batch) {
        return pinpoint.putEvents(r -> r.applicationId(app).eventsRequest(e -> e.batchItem(batch)));
    }

    private static Event event(String type, String timestamp) {
        return Event.builder().eventType(type).timestamp(timestamp).build();
    }

    @Test
    void eventsAndTheirEndpointAreAcceptedItemByItem() {
        String app = app();
        Event start = Event.builder().eventType("_session.start").timestamp("2026-11-30T10:00:00.000Z")
                .session(s -> s.id("s-1").startTimestamp("2026-11-30T10:00:00.000Z")).build();
        EventsBatch batch = EventsBatch.builder()
                .endpoint(PublicEndpoint.builder().channelType(ChannelType.APNS).address("token-1")
                        .demographic(d -> d.platform("ios")).user(u -> u.userId("amplify-user")).build())
                .events(Map.of("e1", start, "e2", event("purchase", "2026-11-30T10:01:00Z"), "bad", event("late", "soon"),
                        "orphan", Event.builder().eventType("_session.stop").timestamp("2026-11-30T10:02:00Z").build()))
                .build();
        PutEventsResponse response = put(app, Map.of("Device-A", batch));
        assertEquals(202, response.sdkHttpResponse().statusCode());
        ItemResponse item = response.eventsResponse().results().get("Device-A");
        assertEquals(202, item.endpointItemResponse().statusCode());
        assertEquals("Accepted", item.endpointItemResponse().message());
        assertEquals(202, item.eventsItemResponse().get("e1").statusCode());
        assertEquals("Accepted", item.eventsItemResponse().get("e2").message());
        assertEquals(400, item.eventsItemResponse().get("bad").statusCode());
        assertTrue(item.eventsItemResponse().get("bad").message().contains("Timestamp"));
        assertEquals(400, item.eventsItemResponse().get("orphan").statusCode());
        assertTrue(item.eventsItemResponse().get("orphan").message().contains("Session"));

        var endpoint = pinpoint.getEndpoint(r -> r.applicationId(app).endpointId("device-a")).endpointResponse();
        assertEquals("token-1", endpoint.address());
        assertEquals("amplify-user", endpoint.user().userId());
        assertEquals(2L, storedEvents(app));
        assertEquals(List.of(), server.records("PutEvents"));
    }

    @Test
    void anInvalidEndpointFailsItsItemOnly() {
        String app = app();
        Map<String, EventsBatch> batch = new HashMap<>();
        batch.put("good", EventsBatch.builder().endpoint(PublicEndpoint.builder().address("g").build())
                .events(Map.of("x", event("open", "2026-11-30T09:00:00Z"))).build());
        batch.put("bad", EventsBatch.builder().endpoint(PublicEndpoint.builder().channelType("FAX").address("b").build())
                .events(Map.of("y", event("open", "2026-11-30T09:00:00Z"))).build());
        batch.put("bare", EventsBatch.builder().endpoint(PublicEndpoint.builder().build())
                .events(Map.of("z", event("open", "2026-11-30T09:00:00Z"))).build());
        var results = put(app, batch).eventsResponse().results();
        assertEquals(202, results.get("good").endpointItemResponse().statusCode());
        assertEquals(400, results.get("bad").endpointItemResponse().statusCode());
        assertTrue(results.get("bad").endpointItemResponse().message().contains("ChannelType"));
        assertEquals(202, results.get("bad").eventsItemResponse().get("y").statusCode());
        assertEquals(202, results.get("bare").endpointItemResponse().statusCode());
        assertEquals("g", pinpoint.getEndpoint(r -> r.applicationId(app).endpointId("good")).endpointResponse().address());
        assertThrows(NotFoundException.class, () -> pinpoint.getEndpoint(r -> r.applicationId(app).endpointId("bad")));
        assertThrows(NotFoundException.class, () -> pinpoint.getEndpoint(r -> r.applicationId(app).endpointId("bare")));
        assertEquals(3L, storedEvents(app));
    }

    @Test
    void requestLimitsFailTheWholeCall() {
        String app = app();
        Map<String, Event> many = new HashMap<>();
        for (int i = 0; i < 101; i++) {
            many.put("e" + i, event("tick", "2026-11-30T09:00:00Z"));
        }
        assertThrows(BadRequestException.class, () -> put(app, Map.of("d", EventsBatch.builder()
                .endpoint(PublicEndpoint.builder().build()).events(many).build())));
        assertThrows(BadRequestException.class, () -> put(app, Map.of()));
        assertThrows(NotFoundException.class, () -> put("missing", Map.of("d", EventsBatch.builder()
                .endpoint(PublicEndpoint.builder().build()).events(Map.of("e", event("x", "2026-11-30T09:00:00Z"))).build())));
        assertEquals(0L, storedEvents(app));
    }

    @Test
    void eventLimitsAreReportedPerEvent() {
        String app = app();
        Map<String, String> attributes = new HashMap<>();
        for (int i = 0; i < 41; i++) {
            attributes.put("a" + i, "v");
        }
        var results = put(app, Map.of("d", EventsBatch.builder().endpoint(PublicEndpoint.builder().build())
                .events(Map.of("long", event("t".repeat(51), "2026-11-30T09:00:00Z"),
                        "wide", Event.builder().eventType("wide").timestamp("2026-11-30T09:00:00Z").attributes(attributes).build(),
                        "fine", event("fine", "2026-11-30T09:00:00+01:00")))
                .build())).eventsResponse().results().get("d").eventsItemResponse();
        assertEquals(400, results.get("long").statusCode());
        assertEquals(400, results.get("wide").statusCode());
        assertEquals(202, results.get("fine").statusCode());
        assertEquals(1L, storedEvents(app));
    }

    @Test
    void applicationKpisCountEndpointsSessionsAndEventsPerDay() {
        String app = app();
        java.time.Instant today = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.DAYS);
        String yesterday = today.minus(java.time.Duration.ofHours(12)).toString();
        String earlier = today.minus(java.time.Duration.ofHours(13)).toString();
        Event start = Event.builder().eventType("_session.start").timestamp(yesterday)
                .session(s -> s.id("s1").startTimestamp(yesterday)).build();
        put(app, Map.of("k1", EventsBatch.builder().endpoint(PublicEndpoint.builder().build())
                        .events(Map.of("a", start, "b", event("buy", earlier))).build(),
                "k2", EventsBatch.builder().endpoint(PublicEndpoint.builder().build())
                        .events(Map.of("c", event("buy", yesterday))).build()));
        var range = pinpoint.getApplicationDateRangeKpi(r -> r.applicationId(app).kpiName("unique-endpoints")
                .startTime(today.minus(java.time.Duration.ofDays(2))).endTime(today.plusSeconds(60))).applicationDateRangeKpiResponse();
        assertEquals("unique-endpoints", range.kpiName());
        assertEquals(app, range.applicationId());
        var rows = range.kpiResult().rows();
        assertEquals(3, rows.size());
        assertEquals("Date", rows.get(1).groupedBys().get(0).key());
        assertEquals(java.time.LocalDate.ofInstant(today.minus(java.time.Duration.ofDays(1)), java.time.ZoneOffset.UTC).toString(),
                rows.get(1).groupedBys().get(0).value());
        assertEquals("2.0", rows.get(1).values().get(0).value());
        assertEquals("0.0", rows.get(2).values().get(0).value());
        var sessions = pinpoint.getApplicationDateRangeKpi(r -> r.applicationId(app).kpiName("sessions")
                .startTime(today.minus(java.time.Duration.ofDays(1))).endTime(today)).applicationDateRangeKpiResponse();
        assertEquals("1.0", sessions.kpiResult().rows().get(0).values().get(0).value());
        var events = pinpoint.getApplicationDateRangeKpi(r -> r.applicationId(app).kpiName("events")).applicationDateRangeKpiResponse();
        assertEquals(3.0, events.kpiResult().rows().stream().mapToDouble(row -> Double.parseDouble(row.values().get(0).value())).sum());
        assertThrows(BadRequestException.class, () -> pinpoint.getApplicationDateRangeKpi(r -> r.applicationId(app)
                .kpiName("email-open-rate")));
        assertThrows(BadRequestException.class, () -> pinpoint.getApplicationDateRangeKpi(r -> r.applicationId(app)
                .kpiName("events").startTime(today.minus(java.time.Duration.ofDays(40))).endTime(today)));
        assertThrows(BadRequestException.class, () -> pinpoint.getApplicationDateRangeKpi(r -> r.applicationId(app)
                .kpiName("events").startTime(today).endTime(today.minus(java.time.Duration.ofDays(1)))));
        assertThrows(NotFoundException.class, () -> pinpoint.getApplicationDateRangeKpi(r -> r.applicationId("nope").kpiName("events")));
    }

    private static long storedEvents(String app) {
        return server.server().store().read(tx -> tx.queryLong("SELECT COUNT(*) FROM pinpoint_event WHERE app_id = ?", app));
    }
}
