// SPDX-License-Identifier: Apache-2.0
package dev.waymark.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Signs each request afresh with the AWS SDK v2 SigV4 signer (new date, new signature every time, as a real client
 * does) and turns it into a {@link HttpRequest} for {@code java.net.http}. Thread-safe.
 */
final class RequestSigner {
    /** Headers java.net.http sets itself and refuses from callers; the signer never signs them here. */
    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect", "upgrade");

    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
    private final AwsCredentialsIdentity credentials;
    private final String service;
    private final String region;
    private final Duration timeout;

    RequestSigner(String accessKeyId, String secretAccessKey, String service, String region, Duration timeout) {
        this.credentials = AwsCredentialsIdentity.create(accessKeyId, secretAccessKey);
        this.service = service;
        this.region = region;
        this.timeout = timeout;
    }

    /** A signed request; {@code body} null for none. */
    HttpRequest sign(String method, URI uri, String contentType, String body) {
        return sign(method, uri, contentType, body, Map.of());
    }

    /** A signed request with extra headers (signed too), e.g. X-Amz-Target. */
    HttpRequest sign(String method, URI uri, String contentType, String body, Map<String, String> headers) {
        SdkHttpRequest.Builder unsigned = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(uri);
        headers.forEach(unsigned::putHeader);
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (contentType != null) {
            unsigned.putHeader("Content-Type", contentType);
        }
        SignedRequest signed = signer.sign(r -> r.identity(credentials)
                .request(unsigned.build())
                .payload(body == null ? null : ContentStreamProvider.fromByteArrayUnsafe(bytes))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(bytes));
        for (Map.Entry<String, List<String>> header : signed.request().headers().entrySet()) {
            if (RESTRICTED.contains(header.getKey().toLowerCase(java.util.Locale.ROOT))) {
                continue;
            }
            for (String value : header.getValue()) {
                request.header(header.getKey(), value);
            }
        }
        return request.build();
    }
}
