// SPDX-License-Identifier: Apache-2.0
package dev.waymark.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.core.Principal.PolicySubject;
import dev.waymark.testing.Golden;
import dev.waymark.testing.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.pinpoint.PinpointClient;
import software.amazon.awssdk.services.pinpoint.model.CreateAppResponse;
import software.amazon.awssdk.services.pinpoint.model.NotFoundException;
import software.amazon.awssdk.services.pinpoint.model.PinpointException;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * The CloudTrail record of calls by each identity type, and of failed calls, compared with golden files
 * (volatile values normalised). Each test starts its own server so the log holds only its calls.
 */
class AuditRecordIT {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private TestServer server;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private List<JsonNode> records() {
        return server.records(null);
    }

    private JsonNode lastRecord(String eventName) {
        List<JsonNode> records = records();
        for (int i = records.size() - 1; i >= 0; i--) {
            if (records.get(i).path("eventName").asText().equals(eventName)) {
                return records.get(i);
            }
        }
        throw new AssertionError("no record of " + eventName + " in " + records);
    }

    private static JsonNode normalised(JsonNode record) {
        ObjectNode copy = record.deepCopy();
        if (copy.has("userAgent")) {
            copy.put("userAgent", "<user-agent>");
        }
        return copy;
    }

    @Test
    void rootCreateApp() throws Exception {
        CreateAppResponse created = server.pinpoint().createApp(r -> r.createApplicationRequest(a -> a.name("orders")
                .tags(Map.of("team", "growth"))));
        JsonNode record = lastRecord("CreateApp");
        assertEquals(created.responseMetadata().requestId(), record.get("requestID").asText());
        assertTrue(record.get("userAgent").asText().contains("aws-sdk-java"), record.get("userAgent").asText());
        Golden.assertMatches("records/root-create-app", normalised(record), Map.of());
    }

    @Test
    void iamUserCreateApp() throws Exception {
        AwsCredentials alice = server.createUser("alice", TestServer.ALLOW_ALL);
        server.pinpoint(alice, Region.EU_WEST_1).createApp(r -> r.createApplicationRequest(a -> a.name("eu")));
        JsonNode record = lastRecord("CreateApp");
        assertEquals("eu-west-1", record.get("awsRegion").asText());
        assertEquals(alice.accessKeyId(), record.get("userIdentity").get("accessKeyId").asText());
        Golden.assertMatches("records/iam-user-create-app", normalised(record), Map.of());
    }

    @Test
    void assumedRoleGetApps() throws Exception {
        AwsCredentials bob = server.createUser("bob", TestServer.ALLOW_ALL);
        String account = server.accountId();
        server.admin((identities, tx) -> {
            identities.createRole(tx, account, "auditor", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                    + "\"Principal\":{\"AWS\":\"arn:aws:iam::" + account + ":user/bob\"},\"Action\":\"sts:AssumeRole\"}]}",
                    3600, System.currentTimeMillis());
            identities.putPolicy(tx, new PolicySubject(PolicySubject.Kind.ROLE, account, "auditor"), "read",
                    TestServer.ALLOW_ALL);
            return null;
        });
        Credentials session = server.sts(bob).assumeRole(r -> r.roleArn("arn:aws:iam::" + account + ":role/auditor")
                .roleSessionName("audit-session")).credentials();
        PinpointClient role = server.pinpoint(AwsSessionCredentials.create(session.accessKeyId(),
                session.secretAccessKey(), session.sessionToken()), Region.US_EAST_1);
        role.getApps(r -> r.pageSize("5"));
        Golden.assertMatches("records/assumed-role-get-apps", normalised(lastRecord("GetApps")), Map.of());
        Golden.assertMatches("records/iam-user-assume-role", normalised(lastRecord("AssumeRole")), Map.of());
    }

    @Test
    void federatedUserFailedGetApp() throws Exception {
        AwsCredentials carol = server.createUser("carol", TestServer.ALLOW_ALL);
        Credentials session = server.sts(carol).getFederationToken(r -> r.name("partner").policy(TestServer.ALLOW_ALL))
                .credentials();
        PinpointClient federated = server.pinpoint(AwsSessionCredentials.create(session.accessKeyId(),
                session.secretAccessKey(), session.sessionToken()), Region.US_EAST_1);
        assertThrows(NotFoundException.class, () -> federated.getApp(r -> r.applicationId("0123456789abcdef0123456789abcdef")));
        Golden.assertMatches("records/federated-user-get-app-not-found", normalised(lastRecord("GetApp")), Map.of());
    }

    @Test
    void accessDeniedIsRecorded() throws Exception {
        AwsCredentials dave = server.createUser("dave", null);
        PinpointException denied = assertThrows(PinpointException.class, () -> server.pinpoint(dave, Region.US_EAST_1)
                .createApp(r -> r.createApplicationRequest(a -> a.name("secret-name"))));
        JsonNode record = lastRecord("CreateApp");
        assertEquals(denied.requestId(), record.get("requestID").asText());
        assertEquals("AccessDeniedException", record.get("errorCode").asText());
        assertTrue(record.get("responseElements").isNull());
        assertEquals("***", record.get("requestParameters").get("Name").asText());
        Golden.assertMatches("records/iam-user-access-denied", normalised(record), Map.of());
    }
}
