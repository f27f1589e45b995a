// SPDX-License-Identifier: Apache-2.0
package dev.waymark.pinpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.waymark.channel.AwsCli;
import dev.waymark.testing.TestServer;
import org.junit.jupiter.api.Test;

/** {@code aws pinpoint} (botocore's serializers and error parser) on endpoints, events and segments (issue 7). */
class PinpointAudienceCliIT {
    @Test
    void theAwsCliRegistersEndpointsSendsEventsAndDefinesSegments() throws Exception {
        try (TestServer server = TestServer.start()) {
            AwsCli aws = new AwsCli(server);
            String app = aws.ok("pinpoint", "create-app", "--create-application-request", "Name=cli")
                    .path("ApplicationResponse").path("Id").asText();
            JsonNode accepted = aws.ok("pinpoint", "update-endpoint", "--application-id", app, "--endpoint-id", "cli-1",
                    "--endpoint-request", "{\"ChannelType\":\"EMAIL\",\"Address\":\"cli@example.com\","
                            + "\"User\":{\"UserId\":\"cli-user\"},\"Attributes\":{\"tier\":[\"gold\"]}}");
            assertEquals("Accepted", accepted.path("MessageBody").path("Message").asText());
            JsonNode endpoint = aws.ok("pinpoint", "get-endpoint", "--application-id", app, "--endpoint-id", "cli-1");
            assertEquals("cli@example.com", endpoint.path("EndpointResponse").path("Address").asText());
            JsonNode users = aws.ok("pinpoint", "get-user-endpoints", "--application-id", app, "--user-id", "cli-user");
            assertEquals("cli-1", users.path("EndpointsResponse").path("Item").get(0).path("Id").asText());

            JsonNode events = aws.ok("pinpoint", "put-events", "--application-id", app, "--events-request",
                    "{\"BatchItem\":{\"cli-1\":{\"Endpoint\":{},\"Events\":{\"e1\":{\"EventType\":\"_session.start\","
                            + "\"Timestamp\":\"2026-12-01T10:00:00Z\",\"Session\":{\"Id\":\"s\",\"StartTimestamp\":\"2026-12-01T10:00:00Z\"}}}}}}");
            JsonNode result = events.path("EventsResponse").path("Results").path("cli-1");
            assertEquals(202, result.path("EventsItemResponse").path("e1").path("StatusCode").asInt());

            JsonNode segment = aws.ok("pinpoint", "create-segment", "--application-id", app, "--write-segment-request",
                    "{\"Name\":\"gold\",\"Dimensions\":{\"Attributes\":{\"tier\":{\"AttributeType\":\"INCLUSIVE\",\"Values\":[\"gold\"]}}}}");
            String id = segment.path("SegmentResponse").path("Id").asText();
            assertEquals(1, segment.path("SegmentResponse").path("Version").asInt());
            JsonNode listed = aws.ok("pinpoint", "get-segments", "--application-id", app);
            assertEquals(id, listed.path("SegmentsResponse").path("Item").get(0).path("Id").asText());

            AwsCli.Result missing = aws.run("pinpoint", "get-endpoint", "--application-id", app, "--endpoint-id", "nobody");
            assertNotEquals(0, missing.exit());
            assertTrue(missing.err().contains("NotFoundException"), missing.err());
            AwsCli.Result bad = aws.run("pinpoint", "create-segment", "--application-id", app, "--write-segment-request", "Name=empty");
            assertTrue(bad.err().contains("BadRequestException"), bad.err());
        }
    }
}
