// SPDX-License-Identifier: Apache-2.0
package dev.waymark.pinpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.waymark.core.SecretBox;
import dev.waymark.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.pinpoint.PinpointClient;
import software.amazon.awssdk.services.pinpoint.model.APNSChannelResponse;
import software.amazon.awssdk.services.pinpoint.model.BadRequestException;
import software.amazon.awssdk.services.pinpoint.model.ChannelResponse;
import software.amazon.awssdk.services.pinpoint.model.EmailChannelResponse;
import software.amazon.awssdk.services.pinpoint.model.GCMChannelResponse;
import software.amazon.awssdk.services.pinpoint.model.NotFoundException;

/** The 31 channel operations end to end through the AWS SDK for Java v2, with their credentials sealed and masked. */
class PinpointChannelsIT {
    private static final String GCM_KEY = "gcm-api-key-Q7b4XW2";
    private static final String APNS_PRIVATE_KEY = "apns-private-key-M3k9ZP1";
    private static final String IDENTITY = "arn:aws:ses:us-east-1:111122223333:identity/example.com";

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

    /** One channel kind as the SDK calls it: update with a valid request, get, delete; each returns the outer response. */
    private record Kind(String platform, String member, Function<String, SdkResponse> update,
                        Function<String, SdkResponse> get, Function<String, SdkResponse> delete) {
    }

    private static final List<Kind> KINDS = List.of(
            new Kind("EMAIL", "EmailChannelResponse",
                    app -> pinpoint.updateEmailChannel(r -> r.applicationId(app).emailChannelRequest(e -> e
                            .fromAddress("sender@example.com").identity(IDENTITY))),
                    app -> pinpoint.getEmailChannel(r -> r.applicationId(app)),
                    app -> pinpoint.deleteEmailChannel(r -> r.applicationId(app))),
            new Kind("SMS", "SMSChannelResponse",
                    app -> pinpoint.updateSmsChannel(r -> r.applicationId(app).smsChannelRequest(s -> s.senderId("Waymark"))),
                    app -> pinpoint.getSmsChannel(r -> r.applicationId(app)),
                    app -> pinpoint.deleteSmsChannel(r -> r.applicationId(app))),
            new Kind("VOICE", "VoiceChannelResponse",
                    app -> pinpoint.updateVoiceChannel(r -> r.applicationId(app).voiceChannelRequest(v -> v.enabled(true))),
                    app -> pinpoint.getVoiceChannel(r -> r.applicationId(app)),
                    app -> pinpoint.deleteVoiceChannel(r -> r.applicationId(app))),
            new Kind("APNS", "APNSChannelResponse",
                    app -> pinpoint.updateApnsChannel(r -> r.applicationId(app).apnsChannelRequest(a -> a
                            .certificate("-----BEGIN CERTIFICATE-----").privateKey(APNS_PRIVATE_KEY))),
                    app -> pinpoint.getApnsChannel(r -> r.applicationId(app)),
                    app -> pinpoint.deleteApnsChannel(r -> r.applicationId(app))),
            new Kind("APNS_SANDBOX", "APNSSandboxChannelResponse",
                    app -> pinpoint.updateApnsSandboxChannel(r -> r.applicationId(app).apnsSandboxChannelRequest(a -> a
                            .tokenKey("token-key").tokenKeyId("ABC123").teamId("TEAM1").bundleId("com.example.app"))),
                    app -> pinpoint.getApnsSandboxChannel(r -> r.applicationId(app)),
                    app -> pinpoint.deleteApnsSandboxChannel(r -> r.applicationId(app))),
            new Kind("APNS_VOIP", "APNSVoipChannelResponse",
                    app -> pinpoint.updateApnsVoipChannel(r -> r.applicationId(app).apnsVoipChannelRequest(a -> a
                            .certificate("cert").privateKey("key"))),
                    app -> pinpoint.getApnsVoipChannel(r -> r.applicationId(app)),
                    app -> pinpoint.deleteApnsVoipChannel(r -> r.applicationId(app))),
            new Kind("APNS_VOIP_SANDBOX", "APNSVoipSandboxChannelResponse",
                    app -> pinpoint.updateApnsVoipSandboxChannel(r -> r.applicationId(app).apnsVoipSandboxChannelRequest(a -> a
                            .tokenKey("token-key").tokenKeyId("ABC123").teamId("TEAM1").bundleId("com.example.app"))),
                    app -> pinpoint.getApnsVoipSandboxChannel(r -> r.applicationId(app)),
                    app -> pinpoint.deleteApnsVoipSandboxChannel(r -> r.applicationId(app))),
            new Kind("GCM", "GCMChannelResponse",
                    app -> pinpoint.updateGcmChannel(r -> r.applicationId(app).gcmChannelRequest(g -> g.apiKey(GCM_KEY))),
                    app -> pinpoint.getGcmChannel(r -> r.applicationId(app)),
                    app -> pinpoint.deleteGcmChannel(r -> r.applicationId(app))),
            new Kind("BAIDU", "BaiduChannelResponse",
                    app -> pinpoint.updateBaiduChannel(r -> r.applicationId(app).baiduChannelRequest(b -> b
                            .apiKey("baidu-api-key").secretKey("baidu-secret-key"))),
                    app -> pinpoint.getBaiduChannel(r -> r.applicationId(app)),
                    app -> pinpoint.deleteBaiduChannel(r -> r.applicationId(app))),
            new Kind("ADM", "ADMChannelResponse",
                    app -> pinpoint.updateAdmChannel(r -> r.applicationId(app).admChannelRequest(a -> a
                            .clientId("amzn1.application-oa2-client.1").clientSecret("adm-client-secret"))),
                    app -> pinpoint.getAdmChannel(r -> r.applicationId(app)),
                    app -> pinpoint.deleteAdmChannel(r -> r.applicationId(app))));

    private static String app() {
        return pinpoint.createApp(r -> r.createApplicationRequest(a -> a.name("channels"))).applicationResponse().id();
    }

    private static SdkPojo payload(Kind kind, SdkResponse response) {
        assertEquals(200, response.sdkHttpResponse().statusCode(), kind.platform());
        return response.getValueForField(kind.member(), SdkPojo.class).orElseThrow();
    }

    private static Object value(SdkPojo pojo, String field) {
        return pojo.sdkFields().stream().filter(f -> f.memberName().equals(field)).findFirst().orElseThrow()
                .getValueOrDefault(pojo);
    }

    @Test
    void everyKindIsCreatedReadListedAndDeleted() {
        String app = app();
        for (Kind kind : KINDS) {
            assertThrows(NotFoundException.class, () -> kind.get().apply(app), kind.platform());
            SdkPojo created = payload(kind, kind.update().apply(app));
            assertEquals(kind.platform(), value(created, "Platform"));
            assertEquals(kind.platform().toLowerCase(), value(created, "Id"));
            assertEquals(app, value(created, "ApplicationId"));
            assertEquals(1, value(created, "Version"));
            assertEquals(true, value(created, "Enabled"));
            assertEquals(false, value(created, "IsArchived"));
            assertEquals(created, payload(kind, kind.get().apply(app)));
        }
        Map<String, ChannelResponse> listed = pinpoint.getChannels(r -> r.applicationId(app)).channelsResponse().channels();
        assertEquals(KINDS.stream().map(Kind::platform).sorted().toList(), listed.keySet().stream().sorted().toList());
        ChannelResponse email = listed.get("EMAIL");
        assertEquals(app, email.applicationId());
        assertEquals("email", email.id());
        assertEquals(1, email.version());
        assertEquals(false, email.hasCredential());
        assertEquals(true, listed.get("GCM").hasCredential());
        for (Kind kind : KINDS) {
            SdkPojo before = payload(kind, kind.get().apply(app));
            assertEquals(before, payload(kind, kind.delete().apply(app)));
            assertThrows(NotFoundException.class, () -> kind.get().apply(app), kind.platform());
            assertThrows(NotFoundException.class, () -> kind.delete().apply(app), kind.platform());
        }
        assertTrue(pinpoint.getChannels(r -> r.applicationId(app)).channelsResponse().channels().isEmpty());
    }

    @Test
    void updateMergesTheGivenMembersAndAdvancesTheVersion() throws Exception {
        String app = app();
        EmailChannelResponse first = pinpoint.updateEmailChannel(r -> r.applicationId(app).emailChannelRequest(e -> e
                .fromAddress("sender@example.com").identity(IDENTITY).configurationSet("tracking"))).emailChannelResponse();
        Thread.sleep(5);
        EmailChannelResponse second = pinpoint.updateEmailChannel(r -> r.applicationId(app).emailChannelRequest(e -> e
                .fromAddress("sender@example.com").identity(IDENTITY).enabled(false))).emailChannelResponse();
        assertEquals(2, second.version());
        assertFalse(second.enabled());
        assertEquals("sender@example.com", second.fromAddress());
        assertEquals(IDENTITY, second.identity());
        assertEquals("tracking", second.configurationSet());
        assertEquals(first.creationDate(), second.creationDate());
        assertTrue(second.lastModifiedDate().compareTo(first.lastModifiedDate()) > 0);
        assertEquals("arn:aws:iam::" + server.accountId() + ":root", second.lastModifiedBy());
        assertEquals(second, pinpoint.getEmailChannel(r -> r.applicationId(app)).emailChannelResponse());
        assertEquals(2, pinpoint.getChannels(r -> r.applicationId(app)).channelsResponse().channels().get("EMAIL").version());
    }

    @Test
    void missingRequiredMembersAreBadRequests() {
        String app = app();
        List<Executable> invalid = List.of(
                () -> pinpoint.updateEmailChannel(r -> r.applicationId(app).emailChannelRequest(e -> e.fromAddress("a@example.com"))),
                () -> pinpoint.updateApnsChannel(r -> r.applicationId(app).apnsChannelRequest(a -> a.certificate("cert"))),
                () -> pinpoint.updateApnsSandboxChannel(r -> r.applicationId(app).apnsSandboxChannelRequest(a -> a
                        .tokenKey("k").tokenKeyId("id").teamId("team"))),
                () -> pinpoint.updateApnsVoipChannel(r -> r.applicationId(app).apnsVoipChannelRequest(a -> a
                        .certificate("cert").privateKey("key").defaultAuthenticationMethod("TOKEN"))),
                () -> pinpoint.updateApnsVoipSandboxChannel(r -> r.applicationId(app).apnsVoipSandboxChannelRequest(a -> a
                        .enabled(true))),
                () -> pinpoint.updateGcmChannel(r -> r.applicationId(app).gcmChannelRequest(g -> g.enabled(true))),
                () -> pinpoint.updateGcmChannel(r -> r.applicationId(app).gcmChannelRequest(g -> g.apiKey("k")
                        .defaultAuthenticationMethod("PASSWORD"))),
                () -> pinpoint.updateBaiduChannel(r -> r.applicationId(app).baiduChannelRequest(b -> b.apiKey("k"))),
                () -> pinpoint.updateAdmChannel(r -> r.applicationId(app).admChannelRequest(a -> a.clientId("id"))));
        for (Executable call : invalid) {
            BadRequestException error = assertThrows(BadRequestException.class, call);
            assertEquals(400, error.statusCode());
            assertFalse(error.awsErrorDetails().errorMessage().isBlank());
        }
        assertTrue(pinpoint.getChannels(r -> r.applicationId(app)).channelsResponse().channels().isEmpty(),
                "a refused update stored a channel");
        BadRequestException email = assertThrows(BadRequestException.class, invalid.get(0)::execute);
        assertTrue(email.awsErrorDetails().errorMessage().toLowerCase().contains("identity"), email.getMessage());
        BadRequestException apns = assertThrows(BadRequestException.class, invalid.get(1)::execute);
        assertTrue(apns.awsErrorDetails().errorMessage().contains("PrivateKey"), apns.getMessage());
    }

    @Test
    void authenticationMethodsFollowTheCredentials() {
        String app = app();
        APNSChannelResponse certificate = pinpoint.updateApnsChannel(r -> r.applicationId(app).apnsChannelRequest(a -> a
                .certificate("cert").privateKey("key"))).apnsChannelResponse();
        assertEquals("CERTIFICATE", certificate.defaultAuthenticationMethod());
        assertFalse(certificate.hasTokenKey());
        APNSChannelResponse both = pinpoint.updateApnsChannel(r -> r.applicationId(app).apnsChannelRequest(a -> a
                .tokenKey("k").tokenKeyId("id").teamId("team").bundleId("com.example").defaultAuthenticationMethod("token")))
                .apnsChannelResponse();
        assertEquals("TOKEN", both.defaultAuthenticationMethod());
        assertTrue(both.hasTokenKey());
        assertEquals(2, both.version());
        var sandbox = pinpoint.updateApnsSandboxChannel(r -> r.applicationId(app).apnsSandboxChannelRequest(a -> a
                .tokenKey("k").tokenKeyId("id").teamId("team").bundleId("com.example"))).apnsSandboxChannelResponse();
        assertEquals("TOKEN", sandbox.defaultAuthenticationMethod());
        GCMChannelResponse key = pinpoint.updateGcmChannel(r -> r.applicationId(app).gcmChannelRequest(g -> g.apiKey("k")))
                .gcmChannelResponse();
        assertEquals("KEY", key.defaultAuthenticationMethod());
        assertFalse(key.hasFcmServiceCredentials());
        GCMChannelResponse token = pinpoint.updateGcmChannel(r -> r.applicationId(app).gcmChannelRequest(g -> g
                .serviceJson("{\"type\":\"service_account\"}").defaultAuthenticationMethod("TOKEN"))).gcmChannelResponse();
        assertEquals("TOKEN", token.defaultAuthenticationMethod());
        assertTrue(token.hasFcmServiceCredentials());
        assertTrue(token.hasCredential());
    }

    @Test
    void credentialsAreNeverReturnedAreMaskedInTheTrailAndSealedAtRest() throws Exception {
        String app = app();
        GCMChannelResponse gcm = pinpoint.updateGcmChannel(r -> r.applicationId(app).gcmChannelRequest(g -> g.apiKey(GCM_KEY)))
                .gcmChannelResponse();
        APNSChannelResponse apns = pinpoint.updateApnsChannel(r -> r.applicationId(app).apnsChannelRequest(a -> a
                .certificate("-----BEGIN CERTIFICATE-----").privateKey(APNS_PRIVATE_KEY))).apnsChannelResponse();
        GCMChannelResponse read = pinpoint.getGcmChannel(r -> r.applicationId(app)).gcmChannelResponse();
        for (Object response : List.of(gcm, apns, read, pinpoint.getApnsChannel(r -> r.applicationId(app)).apnsChannelResponse())) {
            assertFalse(response.toString().contains(GCM_KEY) || response.toString().contains(APNS_PRIVATE_KEY), response.toString());
        }
        assertNull(read.credential());

        JsonNode gcmRecord = lastRecord("UpdateGcmChannel", app);
        assertEquals("***", gcmRecord.get("requestParameters").findValue("ApiKey").asText(), gcmRecord.toString());
        JsonNode apnsRecord = lastRecord("UpdateApnsChannel", app);
        assertEquals("***", apnsRecord.get("requestParameters").findValue("PrivateKey").asText(), apnsRecord.toString());
        assertEquals("***", apnsRecord.get("requestParameters").findValue("Certificate").asText());
        for (JsonNode record : server.records(null)) {
            assertFalse(record.toString().contains(GCM_KEY) || record.toString().contains(APNS_PRIVATE_KEY), record.toString());
        }

        List<String> rows = server.server().store().read(tx -> tx.query(
                "SELECT document || secrets FROM pinpoint_channel WHERE app_id = ?", rs -> rs.getString(1), app));
        assertEquals(2, rows.size());
        rows.forEach(row -> assertFalse(row.contains(GCM_KEY) || row.contains(APNS_PRIVATE_KEY), row));
        for (String file : List.of("waymark.db", "waymark.db-wal")) {
            Path path = server.dataDir().resolve(file);
            if (Files.exists(path)) {
                String bytes = new String(Files.readAllBytes(path), StandardCharsets.ISO_8859_1);
                assertFalse(bytes.contains(GCM_KEY) || bytes.contains(APNS_PRIVATE_KEY), file + " holds a credential in plain text");
            }
        }

        ChannelRepository channels = new ChannelRepository(SecretBox.fromKeyFile(server.dataDir().resolve("master.key")));
        App stored = new App(server.accountId(), "us-east-1", app, "channels", "-");
        Optional<com.fasterxml.jackson.databind.node.ObjectNode> opened = server.server().store().read(tx ->
                channels.credentials(tx, stored, "GCM"));
        assertEquals(GCM_KEY, opened.orElseThrow().path("ApiKey").asText());
        assertEquals(APNS_PRIVATE_KEY, server.server().store().read(tx -> channels.credentials(tx, stored, "APNS"))
                .orElseThrow().path("PrivateKey").asText());
        assertEquals("KEY", server.server().store().read(tx -> channels.find(tx, stored, "GCM")).orElseThrow()
                .path("DefaultAuthenticationMethod").asText());
        assertTrue(server.server().store().read(tx -> channels.find(tx, stored, "ADM")).isEmpty());
    }

    private static JsonNode lastRecord(String eventName, String app) {
        List<JsonNode> records = server.records(eventName).stream()
                .filter(record -> record.toString().contains(app)).toList();
        assertFalse(records.isEmpty(), "no " + eventName + " record");
        return records.get(records.size() - 1);
    }

    @Test
    void deletingTheAppDeletesItsChannels() {
        String app = app();
        KINDS.forEach(kind -> kind.update().apply(app));
        assertEquals(10L, channelRows(app));
        pinpoint.deleteApp(r -> r.applicationId(app));
        assertEquals(0L, channelRows(app));
        for (Kind kind : KINDS) {
            assertThrows(NotFoundException.class, () -> kind.get().apply(app), kind.platform());
        }
        assertThrows(NotFoundException.class, () -> pinpoint.getChannels(r -> r.applicationId(app)));
    }

    private static long channelRows(String app) {
        return server.server().store().read(tx -> tx.queryLong("SELECT COUNT(*) FROM pinpoint_channel WHERE app_id = ?", app));
    }

    @Test
    void aMissingAppIsNotFound() {
        String missing = "0".repeat(32);
        for (Kind kind : KINDS) {
            assertThrows(NotFoundException.class, () -> kind.update().apply(missing), kind.platform());
            assertThrows(NotFoundException.class, () -> kind.get().apply(missing), kind.platform());
            assertThrows(NotFoundException.class, () -> kind.delete().apply(missing), kind.platform());
        }
        assertThrows(NotFoundException.class, () -> pinpoint.getChannels(r -> r.applicationId(missing)));
    }

    @Test
    void anotherAccountCannotSeeOrChangeTheChannels() {
        String app = app();
        pinpoint.updateSmsChannel(r -> r.applicationId(app).smsChannelRequest(s -> s.senderId("Waymark")));
        TestServer.AccountKey other = server.createAccount("channels-other");
        PinpointClient stranger = server.pinpoint(other.credentials(), Region.US_EAST_1);
        assertThrows(NotFoundException.class, () -> stranger.getSmsChannel(r -> r.applicationId(app)));
        assertThrows(NotFoundException.class, () -> stranger.getChannels(r -> r.applicationId(app)));
        assertThrows(NotFoundException.class, () -> stranger.updateSmsChannel(r -> r.applicationId(app)
                .smsChannelRequest(s -> s.senderId("Intruder"))));
        assertThrows(NotFoundException.class, () -> stranger.deleteSmsChannel(r -> r.applicationId(app)));
        var sms = pinpoint.getSmsChannel(r -> r.applicationId(app)).smsChannelResponse();
        assertEquals("Waymark", sms.senderId());
        assertEquals(1, sms.version());
        assertNotNull(pinpoint.getChannels(r -> r.applicationId(app)).channelsResponse().channels().get("SMS"));
    }
}
