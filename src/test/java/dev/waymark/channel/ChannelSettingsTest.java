// SPDX-License-Identifier: Apache-2.0
package dev.waymark.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waymark.server.ServerConfig;
import dev.waymark.server.Settings;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The delivery settings: SMTP and the webhook, their defaults, their mapping, and what is refused at start. */
class ChannelSettingsTest {
    private static ServerConfig config(String... args) {
        return ServerConfig.from(Settings.parse(List.of(args), Map.of()));
    }

    @Test
    void noSmtpAndNoWebhookByDefault() {
        ServerConfig config = config();
        assertEquals(Optional.empty(), config.smtp());
        assertEquals(Optional.empty(), config.webhookUrl());
    }

    @Test
    void smtpSettingsMapWithTlsDependentDefaultPorts() {
        SmtpSettings starttls = config("--smtp-host=mail.example.com").smtp().orElseThrow();
        assertEquals(new SmtpSettings("mail.example.com", 587, SmtpSettings.Tls.STARTTLS, Optional.empty(),
                Optional.empty()), starttls);
        assertEquals(465, config("--smtp-host=h", "--smtp-tls=smtps").smtp().orElseThrow().port());
        assertEquals(25, config("--smtp-host=h", "--smtp-tls=NONE").smtp().orElseThrow().port());
        SmtpSettings full = ServerConfig.from(Settings.parse(List.of("--smtp-port=2525"), Map.of(
                "WAYMARK_SMTP_HOST", "relay", "WAYMARK_SMTP_USERNAME", "u", "WAYMARK_SMTP_PASSWORD", "secret")))
                .smtp().orElseThrow();
        assertEquals(new SmtpSettings("relay", 2525, SmtpSettings.Tls.STARTTLS, Optional.of("u"), Optional.of("secret")),
                full);
        assertFalse(full.toString().contains("secret"), full.toString());
    }

    @Test
    void webhookUrlMaps() {
        assertEquals(Optional.of(URI.create("https://hooks.example.com/waymark")),
                config("--webhook-url=https://hooks.example.com/waymark").webhookUrl());
    }

    @Test
    void badSettingsAreRefusedAtStart() {
        assertThrows(IllegalArgumentException.class, () -> config("--smtp-host=h", "--smtp-tls=ssl"));
        assertThrows(IllegalArgumentException.class, () -> config("--smtp-host=h", "--smtp-port=0"));
        assertThrows(IllegalArgumentException.class, () -> config("--smtp-host=h", "--smtp-port=x"));
        assertThrows(IllegalArgumentException.class, () -> config("--smtp-host=h", "--smtp-username=u"));
        assertThrows(IllegalArgumentException.class, () -> config("--smtp-port=25"));
        assertThrows(IllegalArgumentException.class, () -> config("--webhook-url=ftp://example.com/x"));
        assertThrows(IllegalArgumentException.class, () -> config("--webhook-url=not a url"));
        assertThrows(IllegalArgumentException.class, () -> config("--webhook-url=/relative"));
    }

    @Test
    void retriesBackOffExponentiallyUpToFiveMinutes() {
        assertEquals(Duration.ofSeconds(1), Dispatcher.backoff(1));
        assertEquals(Duration.ofSeconds(2), Dispatcher.backoff(2));
        assertEquals(Duration.ofSeconds(64), Dispatcher.backoff(7));
        assertEquals(Duration.ofSeconds(256), Dispatcher.backoff(9));
        assertEquals(Duration.ofMinutes(5), Dispatcher.backoff(10));
        assertEquals(Duration.ofMinutes(5), Dispatcher.backoff(500));
    }

    @Test
    void theWebhookRetriesOnlyWhatMaySucceedLater() {
        assertEquals(Outcome.Result.DELIVERED, WebhookProvider.outcome(204).result());
        for (int status : new int[] {408, 429, 500, 503}) {
            assertEquals(Outcome.Result.RETRY, WebhookProvider.outcome(status).result(), Integer.toString(status));
        }
        for (int status : new int[] {301, 400, 404, 410}) {
            assertTrue(WebhookProvider.outcome(status).isFinal(), Integer.toString(status));
            assertEquals(Outcome.Result.FAILED, WebhookProvider.outcome(status).result(), Integer.toString(status));
        }
    }

    @Test
    void eventIdsSortInTheOrderTheyWereMade() {
        String first = Channels.orderedId(1_000);
        String second = Channels.orderedId(1_000);
        String later = Channels.orderedId(2_000);
        assertTrue(first.compareTo(second) < 0 && second.compareTo(later) < 0, first + " " + second + " " + later);
    }
}
