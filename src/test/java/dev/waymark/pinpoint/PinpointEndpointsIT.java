// SPDX-License-Identifier: Apache-2.0
package dev.waymark.pinpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.waymark.testing.TestServer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.pinpoint.PinpointClient;
import software.amazon.awssdk.services.pinpoint.model.BadRequestException;
import software.amazon.awssdk.services.pinpoint.model.ChannelType;
import software.amazon.awssdk.services.pinpoint.model.EndpointBatchItem;
import software.amazon.awssdk.services.pinpoint.model.EndpointRequest;
import software.amazon.awssdk.services.pinpoint.model.EndpointResponse;
import software.amazon.awssdk.services.pinpoint.model.NotFoundException;
import software.amazon.awssdk.services.pinpoint.model.UpdateEndpointResponse;

/** Endpoints and users end to end through the AWS SDK for Java v2 (issue 7). */
class PinpointEndpointsIT {
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

    static String app() {
        return pinpoint.createApp(r -> r.createApplicationRequest(a -> a.name("audience"))).applicationResponse().id();
    }

    private static UpdateEndpointResponse update(String app, String id, EndpointRequest request) {
        return pinpoint.updateEndpoint(r -> r.applicationId(app).endpointId(id).endpointRequest(request));
    }

    private static EndpointResponse get(String app, String id) {
        return pinpoint.getEndpoint(r -> r.applicationId(app).endpointId(id)).endpointResponse();
    }

    @Test
    void updateEndpointIsAcceptedAndGetReturnsIt() {
        String app = app();
        UpdateEndpointResponse accepted = update(app, "Device-1", EndpointRequest.builder().channelType(ChannelType.SMS)
                .address("+12065550100").attributes(Map.of("Interests", List.of("Music", "Travel")))
                .demographic(d -> d.platform("ios").make("Apple")).location(l -> l.country("USA").latitude(47.6).longitude(-122.3))
                .metrics(Map.of("purchases", 3.0)).user(u -> u.userId("alice").userAttributes(Map.of("plan", List.of("gold"))))
                .build());
        assertEquals(202, accepted.sdkHttpResponse().statusCode());
        assertEquals("Accepted", accepted.messageBody().message());
        assertEquals(accepted.responseMetadata().requestId(), accepted.messageBody().requestID());

        EndpointResponse endpoint = get(app, "device-1");
        assertEquals("Device-1", endpoint.id());
        assertEquals(app, endpoint.applicationId());
        assertEquals(ChannelType.SMS, endpoint.channelType());
        assertEquals("+12065550100", endpoint.address());
        assertEquals("ACTIVE", endpoint.endpointStatus());
        assertEquals("NONE", endpoint.optOut());
        assertEquals(List.of("Music", "Travel"), endpoint.attributes().get("Interests"));
        assertEquals("ios", endpoint.demographic().platform());
        assertEquals(47.6, endpoint.location().latitude());
        assertEquals(3.0, endpoint.metrics().get("purchases"));
        assertEquals("alice", endpoint.user().userId());
        assertEquals(accepted.messageBody().requestID(), endpoint.requestId());
        int cohort = Integer.parseInt(endpoint.cohortId());
        assertTrue(cohort >= 0 && cohort < 100, endpoint.cohortId());
        assertTrue(endpoint.creationDate().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"), endpoint.creationDate());
    }

    @Test
    void inAppMessagesOfAnEndpointAreNoneAndOfAMissingOneNotFound() {
        String app = app();
        update(app, "phone-1", EndpointRequest.builder().channelType(ChannelType.IN_APP).address("phone-1").build());
        var messages = pinpoint.getInAppMessages(r -> r.applicationId(app).endpointId("phone-1")).inAppMessagesResponse();
        assertTrue(messages.hasInAppMessageCampaigns(), "the list is there, empty");
        assertEquals(List.of(), messages.inAppMessageCampaigns());
        assertEquals("Resource not found", assertThrows(NotFoundException.class,
                () -> pinpoint.getInAppMessages(r -> r.applicationId(app).endpointId("nobody"))).awsErrorDetails().errorMessage());
        assertEquals("Application not found", assertThrows(NotFoundException.class,
                () -> pinpoint.getInAppMessages(r -> r.applicationId("0123456789abcdef0123456789abcdef").endpointId("phone-1")))
                .awsErrorDetails().errorMessage());
        JsonNode record = server.records("GetInAppMessages").get(0);
        assertEquals("arn:aws:mobiletargeting:us-east-1:" + server.accountId() + ":apps/" + app,
                record.path("resources").path(0).path("ARN").asText());
        assertTrue(record.path("readOnly").asBoolean(), record.toString());
    }

    @Test
    void partialUpdatesMergeAsPinpointDoes() {
        String app = app();
        update(app, "e", EndpointRequest.builder().channelType(ChannelType.EMAIL).address("a@example.com")
                .attributes(Map.of("a", List.of("1"), "b", List.of("2"))).demographic(d -> d.platform("android").make("Google"))
                .metrics(Map.of("m", 1.0)).user(u -> u.userId("u1").userAttributes(Map.of("x", List.of("y")))).build());
        EndpointResponse before = get(app, "e");
        update(app, "e", EndpointRequest.builder().attributes(Map.of("a", List.of("9"), "b", List.of()))
                .demographic(d -> d.make("Samsung")).metrics(Map.of("n", 2.0)).optOut("ALL")
                .user(u -> u.userAttributes(Map.of("z", List.of("w")))).build());
        EndpointResponse after = get(app, "e");
        assertEquals("a@example.com", after.address());
        assertEquals(ChannelType.EMAIL, after.channelType());
        assertEquals(Map.of("a", List.of("9")), after.attributes());
        assertEquals("android", after.demographic().platform());
        assertEquals("Samsung", after.demographic().make());
        assertEquals(Map.of("m", 1.0, "n", 2.0), after.metrics());
        assertEquals("ALL", after.optOut());
        assertEquals("u1", after.user().userId());
        assertEquals(Map.of("x", List.of("y"), "z", List.of("w")), after.user().userAttributes());
        assertEquals(before.creationDate(), after.creationDate());
        assertEquals(before.cohortId(), after.cohortId());
    }

    @Test
    void anotherEndpointWithTheSameAddressBecomesInactive() {
        String app = app();
        update(app, "old-phone", EndpointRequest.builder().channelType(ChannelType.SMS).address("+15550001").build());
        update(app, "new-phone", EndpointRequest.builder().channelType(ChannelType.SMS).address("+15550001").build());
        assertEquals("INACTIVE", get(app, "old-phone").endpointStatus());
        assertEquals("ACTIVE", get(app, "new-phone").endpointStatus());
        update(app, "old-phone", EndpointRequest.builder().optOut("NONE").build());
        assertEquals("ACTIVE", get(app, "old-phone").endpointStatus());
    }

    @Test
    void batchUpdatesUpToAHundredEndpoints() {
        String app = app();
        List<EndpointBatchItem> items = IntStream.range(0, 100).mapToObj(i -> EndpointBatchItem.builder().id("b" + i)
                .channelType(ChannelType.EMAIL).address("user" + i + "@example.com").user(u -> u.userId("batch-" + (i % 10)))
                .build()).toList();
        var accepted = pinpoint.updateEndpointsBatch(r -> r.applicationId(app).endpointBatchRequest(b -> b.item(items)));
        assertEquals(202, accepted.sdkHttpResponse().statusCode());
        assertEquals("Accepted", accepted.messageBody().message());
        assertEquals("user42@example.com", get(app, "b42").address());
        assertEquals(10, pinpoint.getUserEndpoints(r -> r.applicationId(app).userId("batch-3")).endpointsResponse().item().size());

        List<EndpointBatchItem> tooMany = new ArrayList<>(items);
        tooMany.add(EndpointBatchItem.builder().id("b100").build());
        assertThrows(BadRequestException.class,
                () -> pinpoint.updateEndpointsBatch(r -> r.applicationId(app).endpointBatchRequest(b -> b.item(tooMany))));
        List<EndpointBatchItem> oneBad = List.of(EndpointBatchItem.builder().id("fine").address("x").build(),
                EndpointBatchItem.builder().id("bad").channelType("FAX").build());
        BadRequestException bad = assertThrows(BadRequestException.class,
                () -> pinpoint.updateEndpointsBatch(r -> r.applicationId(app).endpointBatchRequest(b -> b.item(oneBad))));
        assertTrue(bad.awsErrorDetails().errorMessage().contains("Item[1]"), bad.awsErrorDetails().errorMessage());
        assertThrows(NotFoundException.class, () -> get(app, "fine"));
        assertThrows(BadRequestException.class, () -> pinpoint.updateEndpointsBatch(r -> r.applicationId(app)
                .endpointBatchRequest(b -> b.item(EndpointBatchItem.builder().address("no-id").build()))));
    }

    /**
     * A batch's items see what earlier items of the same batch did: repeated ids merge in order, and an endpoint an
     * earlier item retired (lost its user id) is updated from what is stored, not from its state when the batch began.
     */
    @Test
    void batchItemsSeeEarlierItemsOfTheSameBatch() {
        String app = app();
        for (int i = 0; i < 15; i++) {
            update(app, "g" + i, EndpointRequest.builder().channelType(ChannelType.GCM)
                    .effectiveDate("2026-03-" + String.format("%02d", 10 + i) + "T00:00:00Z").user(u -> u.userId("gina")).build());
        }
        List<EndpointBatchItem> items = List.of(
                EndpointBatchItem.builder().id("g-new").channelType(ChannelType.APNS).user(u -> u.userId("gina")).build(),
                EndpointBatchItem.builder().id("g0").attributes(java.util.Map.of("colour", List.of("red"))).build(),
                EndpointBatchItem.builder().id("twice").channelType(ChannelType.EMAIL).address("t@example.com")
                        .attributes(java.util.Map.of("first", List.of("1"))).build(),
                EndpointBatchItem.builder().id("TWICE").attributes(java.util.Map.of("second", List.of("2"))).build());
        pinpoint.updateEndpointsBatch(r -> r.applicationId(app).endpointBatchRequest(b -> b.item(items)));
        EndpointResponse retired = get(app, "g0");
        assertEquals(null, retired.user().userId());
        assertEquals(List.of("red"), retired.attributes().get("colour"));
        assertEquals(15, pinpoint.getUserEndpoints(r -> r.applicationId(app).userId("gina")).endpointsResponse().item().size());
        EndpointResponse twice = get(app, "twice");
        assertEquals("t@example.com", twice.address());
        assertEquals(List.of("1"), twice.attributes().get("first"));
        assertEquals(List.of("2"), twice.attributes().get("second"));
    }

    @Test
    void deleteEndpointAndUserEndpoints() {
        String app = app();
        update(app, "p1", EndpointRequest.builder().address("1").user(u -> u.userId("bob")).build());
        update(app, "p2", EndpointRequest.builder().address("2").user(u -> u.userId("bob")).build());
        update(app, "p3", EndpointRequest.builder().address("3").user(u -> u.userId("carol")).build());
        var deleted = pinpoint.deleteEndpoint(r -> r.applicationId(app).endpointId("P3"));
        assertEquals(202, deleted.sdkHttpResponse().statusCode());
        assertEquals("p3", deleted.endpointResponse().id());
        assertThrows(NotFoundException.class, () -> get(app, "p3"));
        assertThrows(NotFoundException.class, () -> pinpoint.deleteEndpoint(r -> r.applicationId(app).endpointId("p3")));

        var bobs = pinpoint.getUserEndpoints(r -> r.applicationId(app).userId("bob")).endpointsResponse().item();
        assertEquals(List.of("p1", "p2"), bobs.stream().map(EndpointResponse::id).toList());
        var removed = pinpoint.deleteUserEndpoints(r -> r.applicationId(app).userId("bob"));
        assertEquals(202, removed.sdkHttpResponse().statusCode());
        assertEquals(2, removed.endpointsResponse().item().size());
        assertThrows(NotFoundException.class, () -> pinpoint.getUserEndpoints(r -> r.applicationId(app).userId("bob")));
        assertThrows(NotFoundException.class, () -> pinpoint.deleteUserEndpoints(r -> r.applicationId(app).userId("bob")));
        assertThrows(NotFoundException.class, () -> get(app, "p1"));
    }

    @Test
    void limitsAreBadRequests() {
        String app = app();
        String longName = "n".repeat(51);
        assertBad(app, EndpointRequest.builder().attributes(Map.of(longName, List.of("v"))).build(), "attribute name");
        assertBad(app, EndpointRequest.builder().attributes(Map.of("n", List.of("v".repeat(101)))).build(), "at most 100");
        assertBad(app, EndpointRequest.builder().channelType("FAX").build(), "ChannelType");
        assertBad(app, EndpointRequest.builder().optOut("SOME").build(), "OptOut");
        assertBad(app, EndpointRequest.builder().endpointStatus("GONE").build(), "EndpointStatus");
        assertBad(app, EndpointRequest.builder().effectiveDate("yesterday").build(), "EffectiveDate");
        assertBad(app, EndpointRequest.builder().location(l -> l.latitude(91.0)).build(), "Latitude");
        List<String> values = IntStream.range(0, 51).mapToObj(Integer::toString).toList();
        assertBad(app, EndpointRequest.builder().user(u -> u.userAttributes(Map.of("many", values))).build(), "50 values");
        assertThrows(BadRequestException.class, () -> update(app, "bad{id}", EndpointRequest.builder().build()));
        assertThrows(NotFoundException.class, () -> update("no-such-app", "e", EndpointRequest.builder().build()));
        assertThrows(NotFoundException.class, () -> get(app, "never-made"));
    }

    private static void assertBad(String app, EndpointRequest request, String words) {
        BadRequestException error = assertThrows(BadRequestException.class, () -> update(app, "limited", request));
        assertTrue(error.awsErrorDetails().errorMessage().contains(words), error.awsErrorDetails().errorMessage());
        assertEquals(400, error.statusCode());
    }

    @Test
    void aUserHasAtMostFifteenEndpoints() {
        String app = app();
        for (int i = 0; i < 15; i++) {
            update(app, "d" + i, EndpointRequest.builder().channelType(ChannelType.EMAIL).user(u -> u.userId("dave")).build());
        }
        update(app, "d3", EndpointRequest.builder().address("still-fine").user(u -> u.userId("dave")).build());
        assertThrows(BadRequestException.class,
                () -> update(app, "d15", EndpointRequest.builder().user(u -> u.userId("dave")).build()));
        assertThrows(BadRequestException.class, () -> update(app, "phone", EndpointRequest.builder()
                .channelType(ChannelType.APNS).user(u -> u.userId("dave")).build()));
    }

    @Test
    void aNewPushEndpointRetiresTheUsersOldestPushEndpoint() {
        String app = app();
        for (int i = 0; i < 15; i++) {
            String effective = "2026-0" + (i < 5 ? "1" : "2") + "-" + String.format("%02d", 10 + i) + "T00:00:00Z";
            ChannelType channel = i % 3 == 0 ? ChannelType.GCM : ChannelType.EMAIL;
            update(app, "f" + i, EndpointRequest.builder().channelType(channel).effectiveDate(effective)
                    .user(u -> u.userId("frank")).build());
        }
        update(app, "f-new", EndpointRequest.builder().channelType(ChannelType.APNS).user(u -> u.userId("frank")).build());
        EndpointResponse retired = get(app, "f0");
        assertEquals("INACTIVE", retired.endpointStatus());
        assertEquals(null, retired.user().userId());
        assertEquals("ACTIVE", get(app, "f3").endpointStatus());
        assertEquals(15, pinpoint.getUserEndpoints(r -> r.applicationId(app).userId("frank")).endpointsResponse().item().size());
        assertThrows(BadRequestException.class, () -> update(app, "f-mail", EndpointRequest.builder()
                .channelType(ChannelType.EMAIL).user(u -> u.userId("frank")).build()));
    }

    @Test
    void anApplicationHasAtMost250AttributeNames() {
        String app = app();
        for (int batch = 0; batch < 5; batch++) {
            Map<String, List<String>> attributes = new HashMap<>();
            for (int i = 0; i < 50; i++) {
                attributes.put("attr" + batch + "_" + i, List.of("v"));
            }
            update(app, "wide" + batch, EndpointRequest.builder().attributes(attributes).build());
        }
        BadRequestException full = assertThrows(BadRequestException.class,
                () -> update(app, "one-more", EndpointRequest.builder().metrics(Map.of("extra", 1.0)).build()));
        assertTrue(full.awsErrorDetails().errorMessage().contains("250"), full.awsErrorDetails().errorMessage());
        update(app, "reused", EndpointRequest.builder().attributes(Map.of("attr0_0", List.of("again"))).build());
    }

    @Test
    void removeAttributesStopsCapturingTheirValues() {
        String app = app();
        update(app, "r", EndpointRequest.builder().attributes(Map.of("keep", List.of("1"), "drop", List.of("1"))).build());
        var removed = pinpoint.removeAttributes(r -> r.applicationId(app).attributeType("endpoint-custom-attributes")
                .updateAttributesRequest(u -> u.blacklist("drop"))).attributesResource();
        assertEquals(app, removed.applicationId());
        assertEquals("endpoint-custom-attributes", removed.attributeType());
        assertEquals(List.of("drop"), removed.attributes());
        update(app, "r", EndpointRequest.builder().attributes(Map.of("keep", List.of("2"), "drop", List.of("2"))).build());
        assertEquals(Map.of("keep", List.of("2"), "drop", List.of("1")), get(app, "r").attributes());
        assertThrows(BadRequestException.class, () -> pinpoint.removeAttributes(r -> r.applicationId(app)
                .attributeType("endpoint-colour").updateAttributesRequest(u -> u.blacklist("x"))));
    }

    @Test
    void endpointsStayInTheirAccountAndRegion() {
        String app = app();
        update(app, "walled", EndpointRequest.builder().address("secret").build());
        PinpointClient west = server.pinpoint(server.rootCredentials(), Region.EU_WEST_1);
        assertThrows(NotFoundException.class, () -> west.getEndpoint(r -> r.applicationId(app).endpointId("walled")));
        TestServer.AccountKey other = server.createAccount("audience-other");
        PinpointClient stranger = server.pinpoint(other.credentials(), Region.US_EAST_1);
        assertThrows(NotFoundException.class, () -> stranger.getEndpoint(r -> r.applicationId(app).endpointId("walled")));
    }

    @Test
    void policiesNameEndpointsAndUsersByTheirArns() {
        String app = app();
        update(app, "allowed-1", EndpointRequest.builder().user(u -> u.userId("ann")).build());
        update(app, "other", EndpointRequest.builder().build());
        String base = "arn:aws:mobiletargeting:us-east-1:" + server.accountId() + ":apps/" + app;
        var credentials = server.createUser("endpoint-reader", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Action\":[\"mobiletargeting:GetEndpoint\",\"mobiletargeting:GetUserEndpoints\"],"
                + "\"Resource\":[\"" + base + "/endpoints/allowed-*\",\"" + base + "/users/ann\"]}]}");
        PinpointClient reader = server.pinpoint(credentials, Region.US_EAST_1);
        assertEquals("allowed-1", reader.getEndpoint(r -> r.applicationId(app).endpointId("allowed-1")).endpointResponse().id());
        assertEquals(1, reader.getUserEndpoints(r -> r.applicationId(app).userId("ann")).endpointsResponse().item().size());
        var denied = assertThrows(software.amazon.awssdk.services.pinpoint.model.PinpointException.class,
                () -> reader.getEndpoint(r -> r.applicationId(app).endpointId("other")));
        assertEquals(403, denied.statusCode());
        assertTrue(denied.awsErrorDetails().errorMessage().contains(base + "/endpoints/other"), denied.awsErrorDetails().errorMessage());
        assertThrows(software.amazon.awssdk.services.pinpoint.model.PinpointException.class,
                () -> reader.updateEndpoint(r -> r.applicationId(app).endpointId("allowed-1").endpointRequest(e -> e.address("x"))));
    }

    @Test
    void recordsMaskPersonalData() {
        String app = app();
        update(app, "audited", EndpointRequest.builder().channelType(ChannelType.SMS).address("+15551234")
                .user(u -> u.userId("eve").userAttributes(Map.of("name", List.of("Eve")))).attributes(Map.of("a", List.of("b")))
                .build());
        get(app, "audited");
        pinpoint.deleteEndpoint(r -> r.applicationId(app).endpointId("audited"));
        JsonNode update = last("UpdateEndpoint");
        assertEquals(false, update.get("readOnly").asBoolean());
        assertEquals("audited", update.get("requestParameters").get("endpoint-id").asText());
        assertEquals("***", update.get("requestParameters").get("Address").asText());
        assertEquals("***", update.get("requestParameters").get("User").asText());
        assertEquals("***", update.get("requestParameters").get("Attributes").asText());
        assertEquals("SMS", update.get("requestParameters").get("ChannelType").asText());
        assertEquals("Accepted", update.get("responseElements").get("Message").asText());
        assertEquals("arn:aws:mobiletargeting:us-east-1:" + server.accountId() + ":apps/" + app,
                update.get("resources").get(0).get("ARN").asText());
        assertEquals("AWS::Pinpoint::App", update.get("resources").get(0).get("type").asText());
        JsonNode read = last("GetEndpoint");
        assertTrue(read.get("readOnly").asBoolean());
        assertTrue(read.get("responseElements").isNull());
        JsonNode deleted = last("DeleteEndpoint");
        assertEquals("***", deleted.get("responseElements").get("Address").asText());
        assertFalse(deleted.toString().contains("+15551234"));
        assertFalse(deleted.toString().contains("\"Eve\""));
    }

    private static JsonNode last(String eventName) {
        List<JsonNode> records = server.records(eventName);
        return records.get(records.size() - 1);
    }
}
