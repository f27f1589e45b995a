// SPDX-License-Identifier: Apache-2.0
package dev.waymark.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.waymark.testing.TestServer;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.pinpoint.PinpointClient;

/** HTTPS with a configured certificate, and the tlsDetails CloudTrail records for calls over TLS. */
class HttpsIT {
    @Test
    void servesHttpsAndRecordsTlsDetails() throws Exception {
        Path dir = Files.createTempDirectory("waymark-tls");
        Path keystore = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder("keytool", "-genkeypair", "-alias", "waymark", "-keyalg", "RSA",
                "-keysize", "2048", "-validity", "2", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        assertEquals(0, keytool.waitFor(), new String(keytool.getInputStream().readAllBytes()));
        try (TestServer server = TestServer.start("--tls-keystore=" + keystore, "--tls-password=changeit")) {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keystore)) {
                trust.load(in, "changeit".toCharArray());
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            PinpointClient client = PinpointClient.builder()
                    .endpointOverride(URI.create("https://localhost:" + server.port()))
                    .region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(server.rootCredentials()))
                    .httpClient(UrlConnectionHttpClient.builder().tlsTrustManagersProvider(factory::getTrustManagers).build())
                    .build();
            client.createApp(r -> r.createApplicationRequest(a -> a.name("secure")));
            String text = server.server().store().read(tx -> tx.queryOne(
                    "SELECT record FROM event WHERE event_name = 'CreateApp'", rs -> rs.getString(1)).orElseThrow());
            JsonNode tls = new ObjectMapper().readTree(text).path("tlsDetails");
            assertTrue(tls.path("tlsVersion").asText().startsWith("TLSv1."), tls.toString());
            assertTrue(!tls.path("cipherSuite").asText().isEmpty(), tls.toString());
            assertEquals("localhost:" + server.port(), tls.path("clientProvidedHostHeader").asText());
        }
    }
}
