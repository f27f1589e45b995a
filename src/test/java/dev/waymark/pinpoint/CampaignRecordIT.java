// SPDX-License-Identifier: Apache-2.0
package dev.waymark.pinpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.channel.AwsCli;
import dev.waymark.testing.ExampleRecords;
import dev.waymark.testing.Golden;
import dev.waymark.testing.TestServer;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.pinpoint.PinpointClient;
import software.amazon.awssdk.services.pinpoint.model.Frequency;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * AWS's own example records for CreateCampaign (by an IAM user named userName) and GetCampaigns (by the root user,
 * with session credentials, hence its sessionContext) from the Pinpoint Developer Guide, copied unchanged into
 * {@code aws-examples/pinpoint-campaign-cloudtrail.json}, reproduced field for field by the same calls, with
 * {@code --event-version=1.05} as in the examples. Only what differs by nature is set aside: times (the session's
 * creation date, the campaign's dates and its Schedule's StartTime, which must lie in the future), the request, event,
 * application, segment and campaign ids, the caller's address, user agent, key, principal id and account.
 *
 * <p>Waymark writes more than these 2018 records hold, and only what is named here is allowed: two record fields
 * CloudTrail added after 1.05 (managementEvent in 1.06, eventCategory in 1.07), and three CampaignResponse members the
 * Pinpoint model added since (Arn, tags, DefaultState). The whole records are also kept as golden files.
 *
 * <p>The second test drives the campaign operations through the AWS CLI (botocore's serializers), checking what it
 * prints.
 */
class CampaignRecordIT {
    private static final List<String> VOLATILE_PARAMETERS = List.of("application-id", "SegmentId");
    private static final List<String> VOLATILE_RESPONSE = List.of("ApplicationId", "Id", "SegmentId", "CreationDate",
            "LastModifiedDate");
    private static final Set<String> ADDED_AFTER_1_05 = ExampleRecords.ADDED_AFTER_1_05;
    private static final Set<String> ADDED_TO_CAMPAIGN_RESPONSE = Set.of("Arn", "tags", "DefaultState");

    private TestServer server;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start("--event-version=1.05");
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void theAwsExampleRecordsAreReproducedFieldForField() throws Exception {
        PinpointClient root = server.pinpoint();
        String app = root.createApp(r -> r.createApplicationRequest(a -> a.name("example"))).applicationResponse().id();
        String segment = root.createSegment(r -> r.applicationId(app).writeSegmentRequest(s -> s.name("everyone")
                .dimensions(d -> d.demographic(g -> g.channel(c -> c.dimensionType("INCLUSIVE").values("EMAIL"))))))
                .segmentResponse().id();
        String startTime = LocalDate.now(ZoneOffset.UTC).plusDays(30) + "T00:00:00-08:00";

        AwsCredentials userName = server.createUser("userName", TestServer.ALLOW_ALL);
        PinpointClient user = server.pinpoint(userName, Region.US_EAST_1);
        user.createCampaign(r -> r.applicationId(app).writeCampaignRequest(w -> w.description("A campaign")
                .holdoutPercent(0).isPaused(false)
                .messageConfiguration(m -> m.defaultMessage(d -> d.body("Hello")))
                .name("example").schedule(s -> s.frequency(Frequency.ONCE).isLocalTime(true).startTime(startTime)
                        .timezone("utc-08"))
                .segmentId(segment).segmentVersion(1)));

        Credentials session = server.sts().getSessionToken().credentials();
        PinpointClient rootSession = server.pinpoint(AwsSessionCredentials.create(session.accessKeyId(),
                session.secretAccessKey(), session.sessionToken()), Region.US_EAST_1);
        rootSession.getCampaigns(r -> r.applicationId(app).pageSize("1000"));

        JsonNode examples = ExampleRecords.read("pinpoint-campaign-cloudtrail.json");
        List<JsonNode> gets = server.records("GetCampaigns");
        List<JsonNode> creates = server.records("CreateCampaign");
        assertEquals(1, gets.size(), gets.toString());
        assertEquals(1, creates.size(), creates.toString());
        compare(examples.get(0), gets.get(0), Set.of());
        compare(examples.get(1), creates.get(0), ADDED_TO_CAMPAIGN_RESPONSE);

        Map<String, String> start = Map.of(startTime, "<start-time>");
        Golden.assertMatches("records/pinpoint-get-campaigns", ExampleRecords.userAgentHidden(gets.get(0)), start);
        Golden.assertMatches("records/pinpoint-create-campaign", ExampleRecords.userAgentHidden(creates.get(0)), start);
    }

    /** The record equals the example once volatile values are set aside and the named extra members removed. */
    private static void compare(JsonNode example, JsonNode record, Set<String> addedToResponse) {
        String name = example.path("eventName").asText();
        ObjectNode expected = normalised(example);
        ObjectNode actual = normalised(record);
        assertEquals(ADDED_AFTER_1_05, ExampleRecords.extra(actual, expected), name + ": fields Waymark writes beyond the example");
        actual.remove(ADDED_AFTER_1_05);
        if (actual.path("responseElements").isObject()) {
            ObjectNode response = (ObjectNode) actual.get("responseElements");
            assertEquals(addedToResponse, ExampleRecords.extra(response, expected.path("responseElements")),
                    name + ": response members beyond the example");
            response.remove(addedToResponse);
        }
        assertEquals(expected, actual, name);
    }

    private static ObjectNode normalised(JsonNode record) {
        ObjectNode copy = ExampleRecords.normalised(record);
        if (copy.path("requestParameters") instanceof ObjectNode parameters) {
            hide(parameters, VOLATILE_PARAMETERS);
        }
        if (copy.path("responseElements") instanceof ObjectNode response) {
            hide(response, VOLATILE_RESPONSE);
        }
        return copy;
    }

    private static void hide(ObjectNode node, List<String> members) {
        members.stream().filter(node::has).forEach(member -> node.put(member, "<" + member + ">"));
        if (node.path("Schedule") instanceof ObjectNode schedule && schedule.has("StartTime")) {
            schedule.put("StartTime", "<StartTime>");
        }
    }

    @Test
    void theAwsCliCreatesListsGetsUpdatesAndDeletesCampaigns() throws Exception {
        AwsCli aws = new AwsCli(server);
        String app = aws.ok("pinpoint", "create-app", "--create-application-request", "Name=cli")
                .path("ApplicationResponse").path("Id").asText();
        String segment = aws.ok("pinpoint", "create-segment", "--application-id", app, "--write-segment-request",
                "{\"Name\":\"email\",\"Dimensions\":{\"Demographic\":{\"Channel\":{\"DimensionType\":\"INCLUSIVE\","
                        + "\"Values\":[\"EMAIL\"]}}}}").path("SegmentResponse").path("Id").asText();
        String startTime = LocalDate.now(ZoneOffset.UTC).plusDays(30) + "T00:00:00-08:00";

        JsonNode created = aws.ok("pinpoint", "create-campaign", "--application-id", app, "--write-campaign-request",
                "{\"Name\":\"cli campaign\",\"Description\":\"first\",\"HoldoutPercent\":0,\"IsPaused\":false,"
                        + "\"MessageConfiguration\":{\"DefaultMessage\":{\"Body\":\"Hello\"}},"
                        + "\"Schedule\":{\"Frequency\":\"ONCE\",\"IsLocalTime\":true,\"StartTime\":\"" + startTime + "\","
                        + "\"Timezone\":\"utc-08\"},\"SegmentId\":\"" + segment + "\",\"SegmentVersion\":1,"
                        + "\"tags\":{\"team\":\"growth\"}}").path("CampaignResponse");
        String id = created.path("Id").asText();
        assertEquals(32, id.length(), created.toString());
        assertEquals(app, created.path("ApplicationId").asText());
        assertEquals("arn:aws:mobiletargeting:us-east-1:" + server.accountId() + ":apps/" + app + "/campaigns/" + id,
                created.path("Arn").asText());
        assertEquals("cli campaign", created.path("Name").asText());
        assertEquals("first", created.path("Description").asText());
        assertEquals(1, created.path("Version").asInt());
        assertEquals(segment, created.path("SegmentId").asText());
        assertEquals(1, created.path("SegmentVersion").asInt());
        assertEquals("SCHEDULED", created.path("State").path("CampaignStatus").asText());
        assertEquals("Hello", created.path("MessageConfiguration").path("DefaultMessage").path("Body").asText());
        assertEquals(startTime, created.path("Schedule").path("StartTime").asText());
        assertEquals("growth", created.path("tags").path("team").asText());

        JsonNode listed = aws.ok("pinpoint", "get-campaigns", "--application-id", app, "--page-size", "1000")
                .path("CampaignsResponse");
        assertEquals(1, listed.path("Item").size(), listed.toString());
        assertEquals(id, listed.path("Item").get(0).path("Id").asText());
        assertFalse(listed.has("NextToken"), listed.toString());

        JsonNode got = aws.ok("pinpoint", "get-campaign", "--application-id", app, "--campaign-id", id)
                .path("CampaignResponse");
        assertEquals(created, got);

        JsonNode updated = aws.ok("pinpoint", "update-campaign", "--application-id", app, "--campaign-id", id,
                "--write-campaign-request", "{\"Description\":\"second\",\"IsPaused\":true}").path("CampaignResponse");
        assertEquals(2, updated.path("Version").asInt());
        assertEquals("second", updated.path("Description").asText());
        assertEquals("cli campaign", updated.path("Name").asText(), "an update keeps what it leaves out");
        assertEquals("PAUSED", updated.path("State").path("CampaignStatus").asText());
        assertEquals(segment, updated.path("SegmentId").asText());

        JsonNode deleted = aws.ok("pinpoint", "delete-campaign", "--application-id", app, "--campaign-id", id)
                .path("CampaignResponse");
        assertEquals(id, deleted.path("Id").asText());
        assertEquals("DELETED", deleted.path("State").path("CampaignStatus").asText());

        AwsCli.Result gone = aws.run("pinpoint", "get-campaign", "--application-id", app, "--campaign-id", id);
        assertTrue(gone.exit() != 0 && gone.err().contains("NotFoundException"), gone.err());
        JsonNode empty = aws.ok("pinpoint", "get-campaigns", "--application-id", app).path("CampaignsResponse");
        assertEquals(0, empty.path("Item").size(), empty.toString());
    }
}
