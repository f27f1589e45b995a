// SPDX-License-Identifier: Apache-2.0
package dev.waymark.channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A real HTTP server on 127.0.0.1 (the JDK's) that takes what Waymark's webhook POSTs: it answers each request with
 * the status the test's function gives for its body, and hands the bodies it answered 2xx to the test.
 */
public final class WebhookReceiver implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final BlockingQueue<JsonNode> accepted = new ArrayBlockingQueue<>(1000);
    private final Function<JsonNode, Integer> answer;
    private final AtomicInteger requests = new AtomicInteger();

    public WebhookReceiver(Function<JsonNode, Integer> answer) throws IOException {
        this.answer = answer;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", this::handle);
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    /** Answers the first {@code count} requests with 503, then 204. */
    public static WebhookReceiver failingFirst(int count) throws IOException {
        AtomicInteger left = new AtomicInteger(count);
        return new WebhookReceiver(body -> left.getAndDecrement() > 0 ? 503 : 204);
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
        boolean idHeader = body.path("id").asText().equals(exchange.getRequestHeaders().getFirst("X-Waymark-Message-Id"));
        int status = idHeader ? answer.apply(body) : 400;
        if (status >= 200 && status < 300) {
            accepted.add(body);
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    /** The next {@code count} accepted bodies, waiting up to 10 s for them. */
    public List<JsonNode> take(int count) throws InterruptedException {
        List<JsonNode> result = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            JsonNode next = accepted.poll(10, TimeUnit.SECONDS);
            if (next == null) {
                throw new AssertionError("the webhook received " + result.size() + " of " + count + " messages: " + result);
            }
            result.add(next);
        }
        return result;
    }

    /** Requests received, failed ones included. */
    public int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
