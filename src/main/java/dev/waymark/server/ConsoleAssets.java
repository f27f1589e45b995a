// SPDX-License-Identifier: Apache-2.0
package dev.waymark.server;

import dev.waymark.core.Hashes;
import dev.waymark.protocol.HttpRequest;
import dev.waymark.protocol.HttpResponse;
import dev.waymark.protocol.sigv4.SignatureScope;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The web console's static files ({@code src/main/resources/console/}), answered by the HTTP listener before the
 * pipeline: an unsigned GET or HEAD of {@code /console/} or {@code /console/<file>}, and a redirect from
 * {@code /console}. They are not API calls: no identity, nothing recorded. The page signs its own API calls with
 * SigV4 and sends them to the endpoint like any client. A signed request of these paths (S3 path-style, for a bucket
 * named {@code console}) is not the console's and goes to the pipeline. Thread-safe.
 */
final class ConsoleAssets {
    private static final String ROOT = "/console";
    private static final Pattern FILE = Pattern.compile("/console/([a-z0-9][a-z0-9-]*)\\.(html|js|css|svg)");
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "svg", "image/svg+xml");
    /** Everything from this origin only; no inline script or style, no frames, no plug-ins. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";

    private final Map<String, Optional<Asset>> assets = new ConcurrentHashMap<>();

    /** The console's answer to a request, or empty when the request is not the console's. */
    Optional<HttpResponse> answer(HttpRequest request) {
        String path = request.rawPath();
        if (!(path.equals(ROOT) || path.startsWith(ROOT + "/")) || signed(request)) {
            return Optional.empty();
        }
        boolean head = request.method().equals("HEAD");
        if (!head && !request.method().equals("GET")) {
            return Optional.of(plain(405, "Method not allowed", Map.of("Allow", "GET, HEAD")));
        }
        if (path.equals(ROOT)) {
            return Optional.of(plain(301, "Moved to /console/", Map.of("Location", ROOT + "/")));
        }
        Optional<Asset> asset = asset(path.equals(ROOT + "/") ? ROOT + "/index.html" : path);
        if (asset.isEmpty()) {
            return Optional.of(plain(404, "Not found", Map.of()));
        }
        return Optional.of(asset.get().response(request.header("if-none-match"), head));
    }

    private Optional<Asset> asset(String path) {
        Matcher matcher = FILE.matcher(path);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return assets.computeIfAbsent(path, p -> load(p, TYPES.get(matcher.group(2))));
    }

    private static Optional<Asset> load(String path, String contentType) {
        try (InputStream in = ConsoleAssets.class.getResourceAsStream(path)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] body = in.readAllBytes();
            return Optional.of(new Asset(contentType, body, "\"" + Hashes.sha256Hex(body).substring(0, 32) + "\""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean signed(HttpRequest request) {
        try {
            return SignatureScope.parse(request).isPresent();
        } catch (SignatureScope.Incomplete e) {
            return true;
        }
    }

    private static HttpResponse plain(int status, String text, Map<String, String> extra) {
        Map<String, String> headers = new LinkedHashMap<>(securityHeaders());
        headers.putAll(extra);
        headers.put("Cache-Control", "no-store");
        return HttpResponse.of(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8), headers);
    }

    private static Map<String, String> securityHeaders() {
        return Map.of("Content-Security-Policy", CONTENT_SECURITY_POLICY, "X-Content-Type-Options", "nosniff",
                "Referrer-Policy", "no-referrer", "X-Frame-Options", "DENY");
    }

    /** One file: small, read once, revalidated by its ETag on every use ({@code no-cache}). */
    private record Asset(String contentType, byte[] body, String etag) {
        HttpResponse response(Optional<String> ifNoneMatch, boolean head) {
            Map<String, String> headers = new LinkedHashMap<>(securityHeaders());
            headers.put("Cache-Control", "no-cache");
            headers.put("ETag", etag);
            if (ifNoneMatch.filter(etag::equals).isPresent()) {
                return HttpResponse.of(304, null, new byte[0], headers);
            }
            if (head) {
                headers.put("Content-Length", Integer.toString(body.length));
                return HttpResponse.of(200, contentType, new byte[0], headers);
            }
            return HttpResponse.of(200, contentType, body, headers);
        }
    }
}
