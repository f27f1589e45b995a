// SPDX-License-Identifier: Apache-2.0
package dev.waymark.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waymark.testing.TestServer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.Event;
import software.amazon.awssdk.services.cloudtrail.model.InvalidLookupAttributesException;
import software.amazon.awssdk.services.cloudtrail.model.InvalidMaxResultsException;
import software.amazon.awssdk.services.cloudtrail.model.InvalidNextTokenException;
import software.amazon.awssdk.services.cloudtrail.model.InvalidTimeRangeException;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttribute;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsResponse;
import software.amazon.awssdk.services.pinpoint.model.NotFoundException;

/** LookupEvents through the SDK v2 CloudTrail client: every attribute, time range, paging, errors, isolation. */
class LookupEventsIT {
    private static TestServer server;
    private static CloudTrailClient cloudTrail;
    private static String appId;
    private static AwsCredentials alice;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        cloudTrail = server.cloudTrail(server.rootCredentials(), Region.US_EAST_1);
        appId = server.pinpoint().createApp(r -> r.createApplicationRequest(a -> a.name("looked-up"))).applicationResponse().id();
        server.pinpoint().getApp(r -> r.applicationId(appId));
        assertThrows(NotFoundException.class, () -> server.pinpoint().getApp(r -> r.applicationId("missing")));
        alice = server.createUser("alice", TestServer.ALLOW_ALL);
        server.pinpoint(alice, Region.US_EAST_1).getApps(r -> { });
        for (int i = 0; i < 12; i++) {
            server.sts().getCallerIdentity(r -> { });
        }
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static List<Event> lookup(LookupAttributeKey key, String value) {
        return cloudTrail.lookupEvents(r -> r.lookupAttributes(LookupAttribute.builder().attributeKey(key)
                .attributeValue(value).build())).events();
    }

    @Test
    void eachAttributeFindsItsEvents() {
        List<Event> created = lookup(LookupAttributeKey.EVENT_NAME, "CreateApp");
        assertEquals(1, created.size());
        Event event = created.get(0);
        assertEquals("false", event.readOnly());
        assertEquals("true", lookup(LookupAttributeKey.EVENT_NAME, "LookupEvents").get(0).readOnly(),
                "CloudTrail marks its own LookupEvents read-only");
        assertEquals("root", event.username());
        assertEquals("pinpoint.amazonaws.com", event.eventSource());
        assertTrue(event.cloudTrailEvent().contains("\"eventName\":\"CreateApp\""));
        assertEquals(event.eventId(), lookup(LookupAttributeKey.EVENT_ID, event.eventId()).get(0).eventId());
        assertEquals("AWS::Pinpoint::App", event.resources().get(0).resourceType());
        assertTrue(lookup(LookupAttributeKey.RESOURCE_TYPE, "AWS::Pinpoint::App").size() >= 2);
        assertEquals(2, lookup(LookupAttributeKey.RESOURCE_NAME, event.resources().get(0).resourceName()).size());
        assertTrue(lookup(LookupAttributeKey.USERNAME, "alice").stream().allMatch(e -> e.username().equals("alice")));
        assertFalse(lookup(LookupAttributeKey.USERNAME, "alice").isEmpty());
        assertTrue(lookup(LookupAttributeKey.ACCESS_KEY_ID, alice.accessKeyId()).stream()
                .allMatch(e -> e.accessKeyId().equals(alice.accessKeyId())));
        assertTrue(lookup(LookupAttributeKey.EVENT_SOURCE, "sts.amazonaws.com").size() >= 12);
        assertTrue(lookup(LookupAttributeKey.READ_ONLY, "false").stream().allMatch(e -> e.readOnly().equals("false")));
        assertTrue(lookup(LookupAttributeKey.READ_ONLY, "true").size() >= 14);
    }

    @Test
    void newestFirstAndPagedWithoutDuplicates() {
        Set<String> ids = new HashSet<>();
        List<Instant> times = new ArrayList<>();
        String token = null;
        do {
            String current = token;
            LookupEventsResponse page = cloudTrail.lookupEvents(r -> r.maxResults(5).nextToken(current));
            page.events().forEach(e -> {
                assertTrue(ids.add(e.eventId()), "duplicate " + e.eventId());
                times.add(e.eventTime());
            });
            token = page.nextToken();
        } while (token != null);
        assertTrue(ids.size() >= 16, "events: " + ids.size());
        for (int i = 1; i < times.size(); i++) {
            assertFalse(times.get(i).isAfter(times.get(i - 1)), "newest first");
        }
    }

    @Test
    void timeRangeIsInclusiveAndChecked() {
        Instant future = Instant.now().plusSeconds(3600);
        assertTrue(cloudTrail.lookupEvents(r -> r.startTime(future).endTime(future.plusSeconds(60))).events().isEmpty());
        assertThrows(InvalidTimeRangeException.class,
                () -> cloudTrail.lookupEvents(r -> r.startTime(future).endTime(future.minusSeconds(60))));
    }

    @Test
    void badInputGetsCloudTrailErrors() {
        assertThrows(InvalidMaxResultsException.class, () -> cloudTrail.lookupEvents(r -> r.maxResults(51)));
        assertThrows(InvalidLookupAttributesException.class, () -> cloudTrail.lookupEvents(r -> r.lookupAttributes(
                LookupAttribute.builder().attributeKey(LookupAttributeKey.EVENT_NAME).attributeValue("a").build(),
                LookupAttribute.builder().attributeKey(LookupAttributeKey.USERNAME).attributeValue("b").build())));
        assertThrows(InvalidLookupAttributesException.class, () -> lookup(LookupAttributeKey.READ_ONLY, "maybe"));
        assertThrows(InvalidNextTokenException.class, () -> cloudTrail.lookupEvents(r -> r.nextToken("forged")));
        String token = cloudTrail.lookupEvents(r -> r.maxResults(1)).nextToken();
        assertThrows(InvalidNextTokenException.class, () -> cloudTrail.lookupEvents(r -> r.maxResults(2).nextToken(token)));
    }

    @Test
    void anotherAccountSeesNoneOfThem() {
        TestServer.AccountKey other = server.createAccount("other");
        CloudTrailClient otherTrail = server.cloudTrail(other.credentials(), Region.US_EAST_1);
        List<Event> events = otherTrail.lookupEvents(r -> { }).events();
        assertTrue(events.stream().allMatch(e -> e.cloudTrailEvent().contains(other.accountId())), events.toString());
        assertTrue(otherTrail.lookupEvents(r -> r.lookupAttributes(LookupAttribute.builder()
                .attributeKey(LookupAttributeKey.EVENT_NAME).attributeValue("CreateApp").build())).events().isEmpty());
        assertTrue(server.cloudTrail(server.rootCredentials(), Region.EU_WEST_1).lookupEvents(r -> r.lookupAttributes(
                LookupAttribute.builder().attributeKey(LookupAttributeKey.EVENT_NAME).attributeValue("CreateApp").build()))
                .events().isEmpty());
    }
}
