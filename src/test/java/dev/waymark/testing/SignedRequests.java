// SPDX-License-Identifier: Apache-2.0
package dev.waymark.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Raw HTTP requests to a Waymark server, signed with the AWS SDK's own SigV4 signer, for tests that need to send
 * what no SDK client would (broken bodies, unknown parameters, wrong methods) and read the response as it came.
 *
 * <p>Requests go through {@link HttpClient} (HTTP/1.1). A path that {@link URI} refuses to parse (a malformed
 * percent escape) can only be sent over a plain socket: {@link #sendOverSocket}.
 */
public final class SignedRequests {
    public static final String REGION = "us-east-1";
    private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();
    /** Headers {@link HttpClient} sets itself and refuses to be given. */
    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect", "upgrade");

    private final URI endpoint;
    private final AwsCredentialsIdentity credentials;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    public SignedRequests(URI endpoint, AwsCredentialsIdentity credentials) {
        this.endpoint = endpoint;
        this.credentials = credentials;
    }

    /** Requests signed with the server's root credentials. */
    public static SignedRequests asRoot(TestServer server) {
        return new SignedRequests(server.endpoint(), server.rootCredentials());
    }

    /** A response as it came off the wire. Header names are lower case. */
    public record Response(int status, Map<String, List<String>> headers, byte[] body) {
        public Optional<String> header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /**
     * An unsigned request to this server.
     *
     * @param encodedPath the path as it goes on the request line, already percent-encoded
     * @param query       query parameters, not encoded (the SDK encodes them)
     */
    public SdkHttpRequest request(String method, String encodedPath, Map<String, String> query,
                                  Map<String, String> headers) {
        SdkHttpRequest.Builder builder = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method))
                .protocol(endpoint.getScheme()).host(endpoint.getHost()).port(endpoint.getPort())
                .encodedPath(encodedPath);
        query.forEach(builder::appendRawQueryParameter);
        headers.forEach(builder::putHeader);
        return builder.build();
    }

    /** Signs a request for the signing name with this helper's credentials, at the current time. */
    public SdkHttpRequest sign(SdkHttpRequest request, byte[] body, String signingName) {
        return sign(request, body, credentials, signingName, REGION, Clock.systemUTC());
    }

    /**
     * Signs a request with the SDK's AwsV4HttpSigner, in the Authorization header. The path is signed as it will
     * be sent, not normalised first: that also lets a path {@link URI} cannot parse be signed.
     */
    public static SdkHttpRequest sign(SdkHttpRequest request, byte[] body, AwsCredentialsIdentity credentials,
                                      String signingName, String region, Clock clock) {
        return SIGNER.sign(r -> r.identity(credentials).request(request)
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, signingName)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                .putProperty(HttpSigner.SIGNING_CLOCK, clock)).request();
    }

    /** Builds, signs and sends a request. */
    public Response send(String method, String encodedPath, Map<String, String> query, Map<String, String> headers,
                         byte[] body, String signingName) throws IOException, InterruptedException {
        SdkHttpRequest signed = sign(request(method, encodedPath, query, headers), body, signingName);
        return send(signed, body);
    }

    /** A signed Pinpoint (restJson1) request with a JSON body. */
    public Response pinpoint(String method, String encodedPath, Map<String, String> query, byte[] body)
            throws IOException, InterruptedException {
        return send(method, encodedPath, query, Map.of("Content-Type", "application/json"), body, "mobiletargeting");
    }

    /** A signed STS (awsQuery) request; {@code form} is the url-encoded form body. */
    public Response sts(String form) throws IOException, InterruptedException {
        return send("POST", "/", Map.of(), Map.of("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
                form.getBytes(StandardCharsets.UTF_8), "sts");
    }

    /** Sends a request (signed or not) exactly as built, through {@link HttpClient}. */
    public Response send(SdkHttpRequest request, byte[] body) throws IOException, InterruptedException {
        java.net.http.HttpRequest.Builder builder = java.net.http.HttpRequest.newBuilder(request.getUri())
                .timeout(Duration.ofSeconds(30))
                .method(request.method().name(), body.length == 0 ? BodyPublishers.noBody() : BodyPublishers.ofByteArray(body));
        request.forEachHeader((name, values) -> {
            if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        java.net.http.HttpResponse<byte[]> response = http.send(builder.build(), BodyHandlers.ofByteArray());
        Map<String, List<String>> headers = new TreeMap<>();
        response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
        return new Response(response.statusCode(), headers, response.body());
    }

    /**
     * Sends a request over a plain socket, byte for byte: for request lines {@link URI} cannot represent. The
     * connection is closed after the response.
     */
    public Response sendOverSocket(SdkHttpRequest request, byte[] body) throws IOException {
        StringBuilder head = new StringBuilder();
        head.append(request.method().name()).append(' ').append(request.encodedPath());
        request.encodedQueryParameters().ifPresent(query -> head.append('?').append(query));
        head.append(" HTTP/1.1\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        request.forEachHeader((name, values) -> headers.put(name, String.join(",", values)));
        headers.putIfAbsent("Host", request.host() + ":" + request.port());
        headers.put("Content-Length", Integer.toString(body.length));
        headers.put("Connection", "close");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("\r\n");
        try (Socket socket = new Socket(request.host(), request.port())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.UTF_8));
            out.write(body);
            out.flush();
            return readResponse(socket.getInputStream());
        }
    }

    private static Response readResponse(InputStream in) throws IOException {
        byte[] all = in.readAllBytes();
        String text = new String(all, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new IOException("no complete HTTP response: " + text);
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, List<String>> headers = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(lines[i].substring(colon + 1).trim());
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(all, end + 4, all.length - end - 4);
        return new Response(status, headers, body.toByteArray());
    }
}
