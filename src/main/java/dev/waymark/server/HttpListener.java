// SPDX-License-Identifier: Apache-2.0
package dev.waymark.server;

import dev.waymark.core.Uuids;
import dev.waymark.protocol.HttpRequest;
import dev.waymark.protocol.HttpResponse;
import dev.waymark.protocol.JsonSupport;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.UUID;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP(S) listener: a Jetty 12 core handler that turns each request into an {@link HttpRequest} (raw path,
 * raw query, headers, body up to the limit, caller address, TLS details) and writes the pipeline's response.
 * Jetty is told to pass paths through untouched (encoded slashes included): routing works on the raw path.
 */
public final class HttpListener implements AutoCloseable {
    private final Server server;
    private final ServerConnector connector;

    public HttpListener(ServerConfig config, Pipeline pipeline) {
        QueuedThreadPool threads = new QueuedThreadPool(256, 8);
        threads.setName("http");
        server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setUriCompliance(UriCompliance.UNSAFE);
        http.setSendServerVersion(false);
        http.setSendDateHeader(true);
        http.setRequestHeaderSize(64 * 1024);
        // Header values are signed: Jetty's header cache must not hand back "text/plain; charset=utf-8" for the
        // "text/plain; charset=UTF-8" the client sent and signed.
        http.setHeaderCacheCaseSensitive(true);
        if (config.tlsKeystore().isPresent()) {
            http.addCustomizer(new SecureRequestCustomizer(false));
            SslContextFactory.Server tls = new SslContextFactory.Server();
            tls.setKeyStorePath(config.tlsKeystore().get().toString());
            tls.setKeyStorePassword(config.tlsPassword());
            tls.setKeyStoreType("PKCS12");
            connector = new ServerConnector(server, new SslConnectionFactory(tls, "http/1.1"), new HttpConnectionFactory(http));
        } else {
            connector = new ServerConnector(server, new HttpConnectionFactory(http));
        }
        connector.setHost(config.bind());
        connector.setPort(config.port());
        server.addConnector(connector);
        server.setHandler(new Gateway(pipeline, config.trustedProxies()));
        server.setErrorHandler(new RefusedByJetty());
    }

    public void start() throws Exception {
        server.start();
    }

    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    /**
     * Renders the requests Jetty refuses before the {@link Gateway} sees them (a request line it cannot parse, such
     * as a path with a malformed percent escape) as an AWS error instead of Jetty's HTML page. Nothing of the
     * request is known here, not even its path, so no service can be chosen: the error is the restJson1 one
     * ({@code x-amzn-ErrorType}, {@code x-amzn-RequestId}, {@code {"Message", "RequestID"}}), since only the REST
     * services have paths to get wrong, and every AWS SDK reads the code from the header and the message from
     * {@code Message}.
     */
    private static final class RefusedByJetty extends ErrorHandler {
        private static final Logger LOG = LoggerFactory.getLogger(HttpListener.class);

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            int status = request.getAttribute(ERROR_STATUS) instanceof Integer code ? code : response.getStatus();
            if (status < 400) {
                status = 400;
            }
            String message = request.getAttribute(ERROR_MESSAGE) instanceof String text && !text.isEmpty()
                    ? text : HttpStatus.getMessage(status);
            String code = status >= 500 ? "InternalFailure"
                    : status == 413 ? "PayloadTooLargeException" : "BadRequestException";
            String requestId = Uuids.random().toString();
            LOG.info("{} refused by the HTTP layer: {} {}", requestId, status, message);
            byte[] body = JsonSupport.bytes(JsonSupport.MAPPER.createObjectNode().put("Message", message)
                    .put("RequestID", requestId));
            response.setStatus(status);
            response.getHeaders().put("Content-Type", "application/json");
            response.getHeaders().put("x-amzn-ErrorType", code);
            response.getHeaders().put("x-amzn-RequestId", requestId);
            response.getHeaders().put("Content-Length", Long.toString(body.length));
            response.write(true, ByteBuffer.wrap(body), callback);
            return true;
        }
    }

    /**
     * The Jetty handler; blocking (it reads the body and may wait for a commit), so Jetty runs it on a pool thread.
     * The response is written when the pipeline's answer completes, which may be later, on the store's writer
     * thread: there only the non-blocking write is started.
     */
    private static final class Gateway extends Handler.Abstract {
        /** Bodies up to this size are written by whichever thread completes the answer (see {@link #handle}). */
        private static final int LARGE_BODY = 64 * 1024;
        private final Pipeline pipeline;
        private final Set<String> trustedProxies;
        private final ConsoleAssets console = new ConsoleAssets();

        Gateway(Pipeline pipeline, Set<String> trustedProxies) {
            this.pipeline = pipeline;
            this.trustedProxies = trustedProxies;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws IOException {
            long limit = pipeline.maxBodyBytes();
            byte[] body;
            try (InputStream in = Content.Source.asInputStream(request)) {
                body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            }
            boolean tooLarge = body.length > limit;
            if (tooLarge) {
                body = new byte[0];
            }
            Map<String, List<String>> headers = new HashMap<>();
            for (HttpField field : request.getHeaders()) {
                headers.computeIfAbsent(field.getLowerCaseName(), k -> new ArrayList<>()).add(field.getValue());
            }
            String rawQuery = request.getHttpURI().getQuery();
            String rawPath = request.getHttpURI().getPath();
            HttpRequest httpRequest = new HttpRequest(request.getMethod(), rawPath == null ? "/" : rawPath,
                    rawQuery == null ? "" : rawQuery, headers, body, sourceIp(request, headers), tls(request, headers));
            // The console's static files are not API calls: answered here, never recorded.
            Optional<HttpResponse> asset = console.answer(httpRequest);
            if (asset.isPresent()) {
                send(request, response, callback, asset.get(), tooLarge);
            } else {
                CompletableFuture<HttpResponse> answer = pipeline.answer(httpRequest, tooLarge);
                boolean ready = answer.isDone();
                answer.whenComplete((result, error) -> {
                    if (error != null) {
                        // Jetty answers 500 and closes; the pipeline itself answers every failure it knows of.
                        callback.failed(error);
                    } else if (ready || result.body().length <= LARGE_BODY) {
                        send(request, response, callback, result, tooLarge);
                    } else {
                        // Completed on the store's writer: a large body (a log file, a page of LookupEvents)
                        // is written from a pool thread, so that the writer only hands it over.
                        request.getComponents().getExecutor().execute(() -> send(request, response, callback, result, tooLarge));
                    }
                });
            }
            return true;
        }

        /** Writes the answer; may run on the store's writer thread, so it only starts the (non-blocking) write. */
        private static void send(Request request, Response response, Callback callback, HttpResponse result,
                                 boolean tooLarge) {
            try {
                start(request, response, callback, result, tooLarge);
            } catch (RuntimeException e) {
                callback.failed(e);
            }
        }

        private static void start(Request request, Response response, Callback callback, HttpResponse result,
                                  boolean tooLarge) {
            response.setStatus(result.status());
            result.headers().forEach((name, value) -> response.getHeaders().put(name, value));
            if (!(request.getMethod().equals("HEAD") && result.headers().containsKey("Content-Length"))) {
                // A HEAD response has no body but may say how long the GET body would be (S3's HeadObject).
                response.getHeaders().put("Content-Length", Long.toString(result.body().length));
            }
            if (tooLarge) {
                response.getHeaders().put("Connection", "close");
            }
            response.write(true, ByteBuffer.wrap(result.body()), callback);
        }

        private String sourceIp(Request request, Map<String, List<String>> headers) {
            String peer = address(request.getConnectionMetaData().getRemoteSocketAddress());
            List<String> forwarded = headers.get("x-forwarded-for");
            if (forwarded == null || !trustedProxies.contains(peer)) {
                return peer;
            }
            List<String> hops = new ArrayList<>();
            forwarded.forEach(value -> {
                for (String hop : value.split(",")) {
                    hops.add(hop.trim());
                }
            });
            for (int i = hops.size() - 1; i >= 0; i--) {
                if (!trustedProxies.contains(hops.get(i)) && !hops.get(i).isEmpty()) {
                    return hops.get(i);
                }
            }
            return peer;
        }

        private static String address(SocketAddress address) {
            if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
                return inet.getAddress().getHostAddress();
            }
            return String.valueOf(address);
        }

        private static Optional<HttpRequest.TlsDetails> tls(Request request, Map<String, List<String>> headers) {
            Object data = request.getAttribute(EndPoint.SslSessionData.ATTRIBUTE);
            if (!(data instanceof EndPoint.SslSessionData session) || session.sslSession() == null) {
                return Optional.empty();
            }
            String host = headers.getOrDefault("host", List.of("")).get(0).toLowerCase(Locale.ROOT);
            return Optional.of(new HttpRequest.TlsDetails(session.sslSession().getProtocol(), session.cipherSuite(), host));
        }
    }
}
