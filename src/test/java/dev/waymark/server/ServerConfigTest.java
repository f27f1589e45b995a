// SPDX-License-Identifier: Apache-2.0
package dev.waymark.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The server configuration: defaults, the full mapping of flags and environment variables, and validation. */
class ServerConfigTest {
    private static ServerConfig config(List<String> args, Map<String, String> environment) {
        return ServerConfig.from(Settings.parse(args, environment));
    }

    @Test
    void defaults() {
        ServerConfig config = config(List.of(), Map.of());
        assertEquals("127.0.0.1", config.bind());
        assertEquals(8449, config.port());
        assertEquals(Path.of("data"), config.dataDir());
        assertEquals(10 * 1024 * 1024, config.maxBodyBytes());
        assertEquals("1.09", config.eventVersion());
        assertEquals(Set.of(), config.trustedProxies());
        assertEquals(Optional.empty(), config.identitiesFile());
        assertEquals(Optional.empty(), config.tlsKeystore());
        assertTrue(config.recording());
        assertEquals(Optional.empty(), config.notRecorded());
        assertEquals("us-east-1", config.defaultRegion());
        assertEquals(Duration.ofDays(90), config.eventRetention());
        assertEquals(0.0, config.lookupRateLimit());
        assertEquals(Optional.empty(), config.maskingFile());
        assertEquals(Duration.ofSeconds(60), config.deliveryInterval());
        assertEquals(10_000, config.logFileMaxEvents());
        assertEquals(Optional.empty(), config.externalS3());
        assertEquals(Optional.empty(), config.externalSns());
    }

    @Test
    void trailSettings() {
        ServerConfig config = config(List.of("--delivery-interval=500ms", "--log-file-max-events=250",
                "--external-sns-endpoint=http://127.0.0.1:5000", "--external-sns-region=eu-west-1",
                "--external-sns-access-key-id=AKIDEXAMPLE", "--external-sns-secret-access-key=secret"), Map.of());
        assertEquals(Duration.ofMillis(500), config.deliveryInterval());
        assertEquals(250, config.logFileMaxEvents());
        var sns = config.externalSns().orElseThrow();
        assertEquals(Optional.of(java.net.URI.create("http://127.0.0.1:5000")), sns.endpoint());
        assertEquals("eu-west-1", sns.region());
        assertEquals(Optional.of("AKIDEXAMPLE"), sns.accessKeyId());
        assertEquals(Optional.of("secret"), sns.secretAccessKey());
        assertEquals(Optional.empty(), config.externalS3());
    }

    @Test
    void fullMappingFromFlags() {
        ServerConfig config = config(List.of("--bind=0.0.0.0", "--port=9000", "--data-dir=/var/lib/waymark",
                "--max-body-size=2048", "--event-version=1.11", "--trusted-proxies=10.0.0.1, 10.0.0.2",
                "--identities-file=ids.json", "--tls-keystore=k.p12", "--tls-password=pw", "--bench-no-audit=true",
                "--not-recorded=GetApps,sts:GetCallerIdentity", "--default-region=eu-west-1",
                "--event-retention-days=7", "--lookup-rate-limit=2", "--masking-file=mask.json"), Map.of());
        assertEquals("0.0.0.0", config.bind());
        assertEquals(9000, config.port());
        assertEquals(Path.of("/var/lib/waymark"), config.dataDir());
        assertEquals(2048, config.maxBodyBytes());
        assertEquals("1.11", config.eventVersion());
        assertEquals(Set.of("10.0.0.1", "10.0.0.2"), config.trustedProxies());
        assertEquals(Optional.of(Path.of("ids.json")), config.identitiesFile());
        assertEquals(Optional.of(Path.of("k.p12")), config.tlsKeystore());
        assertEquals("pw", config.tlsPassword());
        assertFalse(config.recording());
        assertEquals(Optional.of(Set.of("GetApps", "sts:GetCallerIdentity")), config.notRecorded());
        assertEquals("eu-west-1", config.defaultRegion());
        assertEquals(Duration.ofDays(7), config.eventRetention());
        assertEquals(2.0, config.lookupRateLimit());
        assertEquals(Optional.of(Path.of("mask.json")), config.maskingFile());
    }

    @Test
    void environmentVariablesAndFlagPrecedence() {
        ServerConfig config = config(List.of("--port=7000"), Map.of("WAYMARK_PORT", "6000", "WAYMARK_DATA_DIR", "/srv/w",
                "WAYMARK_EVENT_RETENTION_DAYS", "30"));
        assertEquals(7000, config.port());
        assertEquals(Path.of("/srv/w"), config.dataDir());
        assertEquals(Duration.ofDays(30), config.eventRetention());
    }

    @Test
    void invalidValuesAreRefusedAtStart() {
        assertThrows(IllegalArgumentException.class, () -> config(List.of("--port=70000"), Map.of()));
        assertThrows(IllegalArgumentException.class, () -> config(List.of("--port=eighty"), Map.of()));
        assertThrows(IllegalArgumentException.class, () -> config(List.of("--max-body-size=10"), Map.of()));
        assertThrows(IllegalArgumentException.class, () -> config(List.of("--event-version=2"), Map.of()));
        assertThrows(IllegalArgumentException.class, () -> config(List.of("--event-retention-days=0"), Map.of()));
        assertThrows(IllegalArgumentException.class, () -> config(List.of("--lookup-rate-limit=-1"), Map.of()));
        assertThrows(IllegalArgumentException.class, () -> config(List.of("--log-file-max-events=0"), Map.of()));
        assertThrows(IllegalArgumentException.class, () -> config(List.of("--external-sns-endpoint=:not a url"), Map.of()));
    }
}
