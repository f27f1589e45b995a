// SPDX-License-Identifier: Apache-2.0
package dev.waymark.pinpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waymark.testing.TestServer;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.pinpoint.PinpointClient;
import software.amazon.awssdk.services.pinpoint.model.ApplicationResponse;
import software.amazon.awssdk.services.pinpoint.model.BadRequestException;
import software.amazon.awssdk.services.pinpoint.model.CreateAppResponse;
import software.amazon.awssdk.services.pinpoint.model.EventStream;
import software.amazon.awssdk.services.pinpoint.model.GetAppsResponse;
import software.amazon.awssdk.services.pinpoint.model.NotFoundException;
import software.amazon.awssdk.services.pinpoint.model.PinpointException;

/** Pinpoint applications end to end through the AWS SDK for Java v2. */
class PinpointAppsIT {
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

    private static ApplicationResponse create(String name, Map<String, String> tags) {
        CreateAppResponse created = pinpoint.createApp(r -> r.createApplicationRequest(a -> a.name(name).tags(tags)));
        assertEquals(201, created.sdkHttpResponse().statusCode());
        return created.applicationResponse();
    }

    @Test
    void createGetDeleteApp() {
        ApplicationResponse app = create("orders", Map.of("team", "growth"));
        assertTrue(app.id().matches("[0-9a-f]{32}"), app.id());
        assertEquals("arn:aws:mobiletargeting:us-east-1:" + server.accountId() + ":apps/" + app.id(), app.arn());
        assertEquals(Map.of("team", "growth"), app.tags());
        assertTrue(app.creationDate().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"), app.creationDate());

        ApplicationResponse fetched = pinpoint.getApp(r -> r.applicationId(app.id())).applicationResponse();
        assertEquals(app, fetched);

        ApplicationResponse deleted = pinpoint.deleteApp(r -> r.applicationId(app.id())).applicationResponse();
        assertEquals(app.id(), deleted.id());
        NotFoundException gone = assertThrows(NotFoundException.class, () -> pinpoint.getApp(r -> r.applicationId(app.id())));
        assertEquals(404, gone.statusCode());
        assertEquals("Application not found", gone.awsErrorDetails().errorMessage());
        assertNotNull(gone.requestId());
    }

    @Test
    void createAppWithoutNameIsBadRequest() {
        BadRequestException error = assertThrows(BadRequestException.class,
                () -> pinpoint.createApp(r -> r.createApplicationRequest(a -> a.tags(Map.of()))));
        assertEquals(400, error.statusCode());
    }

    @Test
    void getAppsPagesThroughEveryApp() {
        Set<String> created = new HashSet<>();
        for (int i = 0; i < 7; i++) {
            created.add(create("paged-" + i, Map.of()).id());
        }
        Set<String> seen = new HashSet<>();
        String token = null;
        int pages = 0;
        do {
            String current = token;
            GetAppsResponse page = pinpoint.getApps(r -> r.pageSize("3").token(current));
            page.applicationsResponse().item().forEach(a -> seen.add(a.id()));
            token = page.applicationsResponse().nextToken();
            pages++;
        } while (token != null);
        assertTrue(seen.containsAll(created));
        assertTrue(pages >= 3);
    }

    @Test
    void getAppsRejectsBadPageSizeAndToken() {
        assertThrows(BadRequestException.class, () -> pinpoint.getApps(r -> r.pageSize("zero")));
        assertThrows(BadRequestException.class, () -> pinpoint.getApps(r -> r.pageSize("0")));
        assertThrows(BadRequestException.class, () -> pinpoint.getApps(r -> r.token("not-a-token")));
    }

    @Test
    void appsAreSeparatedByRegionAndAccount() {
        ApplicationResponse app = create("regional", Map.of());
        PinpointClient west = server.pinpoint(server.rootCredentials(), Region.EU_WEST_1);
        assertThrows(NotFoundException.class, () -> west.getApp(r -> r.applicationId(app.id())));
        TestServer.AccountKey other = server.createAccount("other");
        PinpointClient otherAccount = server.pinpoint(other.credentials(), Region.US_EAST_1);
        assertThrows(NotFoundException.class, () -> otherAccount.getApp(r -> r.applicationId(app.id())));
        assertTrue(otherAccount.getApps(r -> { }).applicationsResponse().item().isEmpty());
        PinpointException denied = assertThrows(PinpointException.class,
                () -> otherAccount.listTagsForResource(r -> r.resourceArn(app.arn())));
        assertEquals(403, denied.statusCode());
        assertEquals("AccessDeniedException", denied.awsErrorDetails().errorCode());
    }

    @Test
    void applicationSettingsRoundTrip() {
        ApplicationResponse app = create("settings", Map.of());
        var initial = pinpoint.getApplicationSettings(r -> r.applicationId(app.id())).applicationSettingsResource();
        assertEquals(app.id(), initial.applicationId());
        var updated = pinpoint.updateApplicationSettings(r -> r.applicationId(app.id()).writeApplicationSettingsRequest(
                w -> w.limits(l -> l.daily(5).messagesPerSecond(50)).quietTime(q -> q.start("22:00").end("07:00"))))
                .applicationSettingsResource();
        assertEquals(5, updated.limits().daily());
        assertEquals("22:00", updated.quietTime().start());
        var again = pinpoint.getApplicationSettings(r -> r.applicationId(app.id())).applicationSettingsResource();
        assertEquals(updated, again);
        assertThrows(BadRequestException.class, () -> pinpoint.updateApplicationSettings(r -> r.applicationId(app.id())
                .writeApplicationSettingsRequest(w -> w.quietTime(q -> q.start("25:99")))));
        assertThrows(NotFoundException.class, () -> pinpoint.getApplicationSettings(r -> r.applicationId("missing")));
    }

    @Test
    void eventStreamLifecycle() {
        ApplicationResponse app = create("streams", Map.of());
        assertThrows(NotFoundException.class, () -> pinpoint.getEventStream(r -> r.applicationId(app.id())));
        String stream = "arn:aws:kinesis:us-east-1:" + server.accountId() + ":stream/events";
        String role = "arn:aws:iam::" + server.accountId() + ":role/pinpoint-events";
        EventStream put = pinpoint.putEventStream(r -> r.applicationId(app.id())
                .writeEventStream(w -> w.destinationStreamArn(stream).roleArn(role))).eventStream();
        assertEquals(stream, put.destinationStreamArn());
        assertEquals(app.id(), put.applicationId());
        assertEquals(put, pinpoint.getEventStream(r -> r.applicationId(app.id())).eventStream());
        assertEquals(put, pinpoint.deleteEventStream(r -> r.applicationId(app.id())).eventStream());
        assertThrows(NotFoundException.class, () -> pinpoint.deleteEventStream(r -> r.applicationId(app.id())));
        assertThrows(BadRequestException.class, () -> pinpoint.putEventStream(r -> r.applicationId(app.id())
                .writeEventStream(w -> w.destinationStreamArn("not-an-arn").roleArn(role))));
    }

    @Test
    void tagsAddListRemove() {
        ApplicationResponse app = create("tagged", Map.of("a", "1"));
        var tagged = pinpoint.tagResource(r -> r.resourceArn(app.arn()).tagsModel(t -> t.tags(Map.of("b", "2"))));
        assertEquals(204, tagged.sdkHttpResponse().statusCode());
        assertEquals(Map.of("a", "1", "b", "2"),
                pinpoint.listTagsForResource(r -> r.resourceArn(app.arn())).tagsModel().tags());
        pinpoint.untagResource(r -> r.resourceArn(app.arn()).tagKeys(List.of("a")));
        assertEquals(Map.of("b", "2"), pinpoint.listTagsForResource(r -> r.resourceArn(app.arn())).tagsModel().tags());
        assertThrows(PinpointException.class, () -> pinpoint.tagResource(r -> r.resourceArn(app.arn())
                .tagsModel(t -> t.tags(Map.of("aws:reserved", "x")))));
        String missing = "arn:aws:mobiletargeting:us-east-1:" + server.accountId() + ":apps/0123";
        PinpointException notFound = assertThrows(PinpointException.class, () -> pinpoint.listTagsForResource(r -> r.resourceArn(missing)));
        assertEquals(404, notFound.statusCode());
    }

    @Test
    void unimplementedOperationSaysSoLoudly() {
        PinpointException error = assertThrows(PinpointException.class,
                () -> pinpoint.listJourneys(r -> r.applicationId("x")));
        assertEquals(501, error.statusCode());
        assertTrue(error.awsErrorDetails().errorMessage().contains("does not implement"));
    }

    @Test
    void deniedUserGetsAccessDeniedWithAwsMessage() {
        var credentials = server.createUser("reader", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Action\":\"mobiletargeting:Get*\",\"Resource\":\"*\"}]}");
        PinpointClient reader = server.pinpoint(credentials, Region.US_EAST_1);
        assertNotNull(reader.getApps(r -> { }).applicationsResponse());
        PinpointException denied = assertThrows(PinpointException.class,
                () -> reader.createApp(r -> r.createApplicationRequest(a -> a.name("nope"))));
        assertEquals(403, denied.statusCode());
        assertEquals("AccessDeniedException", denied.awsErrorDetails().errorCode());
        assertEquals("User: arn:aws:iam::" + server.accountId() + ":user/reader is not authorized to perform: "
                + "mobiletargeting:CreateApp on resource: arn:aws:mobiletargeting:us-east-1:" + server.accountId()
                + ":apps because no identity-based policy allows the mobiletargeting:CreateApp action",
                denied.awsErrorDetails().errorMessage());
        assertFalse(reader.getApps(r -> { }).applicationsResponse().item().stream().anyMatch(a -> a.name().equals("nope")));
        assertNull(null);
    }
}
