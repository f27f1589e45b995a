// SPDX-License-Identifier: Apache-2.0
package dev.waymark.channel;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/**
 * The HTTP webhook ({@code --webhook-url}): each message or event is one {@code POST} of
 * {@code {"kind", "id", "accountId", "region", "createdAt", "payload"}} as JSON, with the id also in the
 * {@code X-Waymark-Message-Id} header so that a receiver can drop the duplicate of a retry. A 2xx answer delivers
 * it; 408, 429, a 5xx or no answer is retried; any other status refuses it for good.
 */
final class WebhookProvider implements Provider.Remote {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final URI url;
    private final HttpClient client;

    WebhookProvider(URI url) {
        this.url = url;
        this.client = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public String name() {
        return Channels.WEBHOOK;
    }

    @Override
    public Outcome send(Message message) {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header("X-Waymark-Message-Id", message.id())
                .POST(HttpRequest.BodyPublishers.ofString(body(message).toString())).build();
        try {
            int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return outcome(status);
        } catch (IOException e) {
            return Outcome.retry("webhook " + url + " unreachable: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.retry("interrupted while calling the webhook");
        }
    }

    static Outcome outcome(int status) {
        if (status >= 200 && status < 300) {
            return Outcome.delivered("webhook answered " + status);
        }
        if (status == 408 || status == 429 || status >= 500) {
            return Outcome.retry("webhook answered " + status);
        }
        return Outcome.failed("webhook refused the message with " + status);
    }

    private static ObjectNode body(Message message) {
        ObjectNode body = Outbox.MAPPER.createObjectNode();
        body.put("kind", message.kind().name()).put("id", message.id()).put("accountId", message.accountId())
                .put("region", message.region()).put("createdAt", Instant.ofEpochMilli(message.createdAt()).toString());
        body.set("payload", message.payload());
        return body;
    }
}
