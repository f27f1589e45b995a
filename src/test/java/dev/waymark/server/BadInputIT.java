// SPDX-License-Identifier: Apache-2.0
package dev.waymark.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.waymark.testing.SignedRequests;
import dev.waymark.testing.SignedRequests.Response;
import dev.waymark.testing.TestServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.pinpoint.PinpointClient;
import software.amazon.awssdk.services.pinpoint.model.ApplicationResponse;
import software.amazon.awssdk.services.pinpoint.model.GetAppsResponse;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * Requests no SDK would send, made by hand and signed with the SDK's signer: each is refused with the service's
 * own error (status, error type, request id, error body) and changes nothing.
 */
class BadInputIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static TestServer server;
    private static SignedRequests requests;
    private static PinpointClient pinpoint;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        requests = SignedRequests.asRoot(server);
        pinpoint = server.pinpoint();
        pinpoint.createApp(r -> r.createApplicationRequest(a -> a.name("existing")));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static int appCount(PinpointClient client) {
        int count = 0;
        String token = null;
        do {
            String current = token;
            GetAppsResponse page = client.getApps(r -> r.pageSize("100").token(current));
            count += page.applicationsResponse().item().size();
            token = page.applicationsResponse().nextToken();
        } while (token != null);
        return count;
    }

    /** Pinpoint's error: status, x-amzn-ErrorType, x-amzn-RequestId, and {"Message": …, "RequestID": …}. */
    private static JsonNode assertPinpointError(Response response, int status, String errorType) throws Exception {
        assertEquals(status, response.status(), response.text());
        assertEquals(errorType, response.header("x-amzn-ErrorType").orElse(null), response.text());
        String requestId = response.header("x-amzn-RequestId").orElse("");
        assertFalse(requestId.isEmpty(), "x-amzn-RequestId is missing");
        assertTrue(response.header("content-type").orElse("").startsWith("application/json"), response.headers().toString());
        JsonNode body = JSON.readTree(response.body());
        assertTrue(body.isObject(), response.text());
        assertTrue(body.path("Message").isTextual() && !body.path("Message").asText().isEmpty(), response.text());
        assertEquals(requestId, body.path("RequestID").asText(), response.text());
        assertEquals(2, body.size(), "only Message and RequestID: " + response.text());
        return body;
    }

    /** STS's error: status, x-amzn-RequestId, and the XML ErrorResponse with its Code and RequestId. */
    private static Document assertStsError(Response response, int status, String code) throws Exception {
        assertEquals(status, response.status(), response.text());
        String requestId = response.header("x-amzn-RequestId").orElse("");
        assertFalse(requestId.isEmpty(), "x-amzn-RequestId is missing");
        assertTrue(response.header("content-type").orElse("").startsWith("text/xml"), response.headers().toString());
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document xml = factory.newDocumentBuilder().parse(new ByteArrayInputStream(response.body()));
        assertEquals("ErrorResponse", xml.getDocumentElement().getLocalName(), response.text());
        assertEquals(code, text(xml, "Code"), response.text());
        assertEquals("Sender", text(xml, "Type"), response.text());
        assertFalse(text(xml, "Message").isEmpty(), response.text());
        assertEquals(requestId, text(xml, "RequestId"), response.text());
        return xml;
    }

    private static String text(Document xml, String element) {
        return xml.getElementsByTagNameNS("*", element).item(0).getTextContent();
    }

    private static Response createApp(byte[] body) throws Exception {
        return requests.pinpoint("POST", "/v1/apps", Map.of(), body);
    }

    // ---- a well-formed request works (so the failures below are the input's) --------------------------------

    @Test
    void wellFormedSignedRequestIsAccepted() throws Exception {
        int before = appCount(pinpoint);
        Response response = createApp(utf8("{\"Name\":\"raw-ok\"}"));
        assertEquals(201, response.status(), response.text());
        assertEquals("raw-ok", JSON.readTree(response.body()).path("Name").asText());
        assertTrue(response.header("x-amzn-RequestId").isPresent());
        assertEquals(before + 1, appCount(pinpoint));
    }

    // ---- Pinpoint (restJson1) --------------------------------------------------------------------------------

    @Test
    void malformedJsonBody() throws Exception {
        int before = appCount(pinpoint);
        assertPinpointError(createApp(utf8("{\"Name\": \"half")), 400, "BadRequestException");
        assertPinpointError(createApp(utf8("{\"Name\": \"x\"} trailing")), 400, "BadRequestException");
        assertPinpointError(createApp(utf8("{\"Name\": \"x\", \"Name\": \"y\"}")), 400, "BadRequestException");
        assertEquals(before, appCount(pinpoint));
    }

    @Test
    void wrongTypeInBody() throws Exception {
        int before = appCount(pinpoint);
        assertPinpointError(createApp(utf8("{\"Name\": 5}")), 400, "BadRequestException");
        assertPinpointError(createApp(utf8("{\"Name\": \"x\", \"tags\": [\"a\"]}")), 400, "BadRequestException");
        assertPinpointError(createApp(utf8("[\"Name\"]")), 400, "BadRequestException");
        assertEquals(before, appCount(pinpoint));
    }

    @Test
    void missingRequiredMember() throws Exception {
        int before = appCount(pinpoint);
        JsonNode body = assertPinpointError(createApp(utf8("{}")), 400, "BadRequestException");
        assertTrue(body.path("Message").asText().contains("name"), body.toString());
        assertPinpointError(createApp(new byte[0]), 400, "BadRequestException");
        assertEquals(before, appCount(pinpoint));
    }

    @Test
    void bodyOverTheLimitIsRefused() throws Exception {
        try (TestServer small = TestServer.start("--max-body-size=2048")) {
            SignedRequests smallRequests = SignedRequests.asRoot(small);
            PinpointClient smallPinpoint = small.pinpoint();
            int before = appCount(smallPinpoint);
            String padding = "x".repeat(4096);
            // Members the model does not know are ignored, so only the size makes this body wrong.
            byte[] body = utf8("{\"Name\":\"big\",\"Padding\":\"" + padding + "\"}");
            assertTrue(body.length > 4096);

            Response response = smallRequests.pinpoint("POST", "/v1/apps", Map.of(), body);

            assertPinpointError(response, 413, "PayloadTooLargeException");
            assertEquals(before, appCount(smallPinpoint));
            // Just under the limit is fine.
            byte[] fits = utf8("{\"Name\":\"fits\",\"Padding\":\"" + "x".repeat(1900) + "\"}");
            assertTrue(fits.length <= 2048);
            Response accepted = smallRequests.pinpoint("POST", "/v1/apps", Map.of(), fits);
            assertEquals(201, accepted.status(), accepted.text());
            assertEquals(before + 1, appCount(smallPinpoint));
        }
    }

    @Test
    void unknownQueryParameter() throws Exception {
        int before = appCount(pinpoint);
        JsonNode body = assertPinpointError(requests.pinpoint("GET", "/v1/apps", Map.of("foo", "bar"), new byte[0]),
                400, "BadRequestException");
        assertTrue(body.path("Message").asText().contains("foo"), body.toString());
        assertPinpointError(requests.pinpoint("POST", "/v1/apps", Map.of("foo", "bar"), utf8("{\"Name\":\"q\"}")),
                400, "BadRequestException");
        assertEquals(before, appCount(pinpoint));
    }

    @Test
    void badPercentEncodingInPathLabel() throws Exception {
        int before = appCount(pinpoint);
        for (String path : new String[] {"/v1/apps/%ZZ", "/v1/apps/%E", "/v1/apps/%00", "/v1/apps/%C3%28"}) {
            SdkHttpRequest signed = requests.sign(requests.request("DELETE", path, Map.of(), Map.of()), new byte[0],
                    "mobiletargeting");
            assertPinpointError(requests.sendOverSocket(signed, new byte[0]), 400, "BadRequestException");
        }
        assertEquals(before, appCount(pinpoint));
    }

    @Test
    void bodyThatIsNotUtf8() throws Exception {
        int before = appCount(pinpoint);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(utf8("{\"Name\":\"caf"));
        body.write(0xE9);
        body.writeBytes(utf8("\"}"));
        assertPinpointError(createApp(body.toByteArray()), 400, "BadRequestException");
        byte[] invalid = Arrays.copyOf(utf8("{\"Name\":\"x\"}"), 14);
        invalid[12] = (byte) 0xFF;
        invalid[13] = (byte) 0xFE;
        assertPinpointError(createApp(invalid), 400, "BadRequestException");
        assertEquals(before, appCount(pinpoint));
    }

    @Test
    void unknownPath() throws Exception {
        int before = appCount(pinpoint);
        assertPinpointError(requests.pinpoint("GET", "/v1/nope", Map.of(), new byte[0]), 404, "UnknownOperationException");
        assertPinpointError(requests.pinpoint("POST", "/v1/nope", Map.of(), utf8("{\"Name\":\"n\"}")),
                404, "UnknownOperationException");
        assertEquals(before, appCount(pinpoint));
    }

    @Test
    void wrongMethodOnKnownPath() throws Exception {
        int before = appCount(pinpoint);
        assertPinpointError(requests.pinpoint("PATCH", "/v1/apps", Map.of(), utf8("{\"Name\":\"p\"}")),
                405, "MethodNotAllowedException");
        assertPinpointError(requests.pinpoint("PUT", "/v1/apps", Map.of(), utf8("{\"Name\":\"p\"}")),
                405, "MethodNotAllowedException");
        assertEquals(before, appCount(pinpoint));
    }

    @Test
    void unsignedRequest() throws Exception {
        int before = appCount(pinpoint);
        byte[] body = utf8("{\"Name\":\"unsigned\"}");
        SdkHttpRequest unsigned = requests.request("POST", "/v1/apps", Map.of(), Map.of("Content-Type", "application/json"));
        assertPinpointError(requests.send(unsigned, body), 403, "MissingAuthenticationTokenException");
        assertEquals(before, appCount(pinpoint));
    }

    @Test
    void tagsArnWithEncodedSlashInPathLabel() throws Exception {
        ApplicationResponse app = pinpoint.createApp(r -> r.createApplicationRequest(a -> a.name("tagged-raw")
                .tags(Map.of("team", "growth")))).applicationResponse();
        String path = "/v1/tags/" + SdkHttpUtils.urlEncode(app.arn());
        assertTrue(path.contains("%3A") && path.contains("%2F"), path);

        Response response = requests.pinpoint("GET", path, Map.of(), new byte[0]);

        assertEquals(200, response.status(), response.text());
        assertEquals(Map.of("team", "growth"), JSON.convertValue(JSON.readTree(response.body()).path("tags"), Map.class));
    }

    // ---- STS (awsQuery) --------------------------------------------------------------------------------------

    @Test
    void stsUnknownAction() throws Exception {
        int before = appCount(pinpoint);
        assertStsError(requests.sts("Action=GetEverything&Version=2011-06-15"), 400, "InvalidAction");
        assertEquals(before, appCount(pinpoint));
    }

    @Test
    void stsMissingRequiredParameter() throws Exception {
        int before = appCount(pinpoint);
        Document error = assertStsError(requests.sts("Action=AssumeRole&Version=2011-06-15&RoleSessionName=nobody"),
                400, "ValidationError");
        assertTrue(text(error, "Message").contains("roleArn"), text(error, "Message"));
        assertEquals(before, appCount(pinpoint));
    }

    @Test
    void stsUnsignedRequest() throws Exception {
        SdkHttpRequest unsigned = requests.request("POST", "/", Map.of(),
                Map.of("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"));
        assertStsError(requests.send(unsigned, utf8("Action=GetCallerIdentity&Version=2011-06-15")), 403,
                "MissingAuthenticationToken");
    }
}
