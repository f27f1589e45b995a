// SPDX-License-Identifier: Apache-2.0
package dev.waymark.protocol;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A request as it came off the wire, before anything is decoded.
 *
 * @param method     HTTP method
 * @param rawPath    the path exactly as on the request line, still percent-encoded
 * @param rawQuery   the query string exactly as on the request line (empty when there is none)
 * @param headers    header values by lower-case name
 * @param body       the body bytes
 * @param sourceIp   the caller's address (the peer, or X-Forwarded-For from a trusted proxy)
 * @param tls        TLS details when the request came over TLS
 */
public record HttpRequest(String method, String rawPath, String rawQuery, Map<String, List<String>> headers,
                          byte[] body, String sourceIp, Optional<TlsDetails> tls) {
    public HttpRequest {
        requireNonNull(method, "method is null");
        requireNonNull(rawPath, "rawPath is null");
        requireNonNull(rawQuery, "rawQuery is null");
        headers = Map.copyOf(headers);
        requireNonNull(body, "body is null");
        requireNonNull(sourceIp, "sourceIp is null");
        requireNonNull(tls, "tls is null");
    }

    public Optional<String> header(String lowerCaseName) {
        List<String> values = headers.get(lowerCaseName);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** CloudTrail's tlsDetails. */
    public record TlsDetails(String tlsVersion, String cipherSuite, String clientProvidedHostHeader) {
    }
}
