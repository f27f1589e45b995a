// SPDX-License-Identifier: Apache-2.0
package dev.waymark.protocol.sigv4;

import dev.waymark.protocol.HttpRequest;
import dev.waymark.protocol.PercentCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The SigV4 canonical request, built in the steps of
 * <a href="https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html">Create a signed AWS API
 * request</a>: method, canonical URI, canonical query string, canonical headers, signed headers, payload hash.
 *
 * <p>The canonical URI is built from the raw path as the client sent it: for every service but S3 each segment is
 * URI-encoded once more (so {@code %2F} in a label becomes {@code %252F}); for S3 the path is encoded once.
 */
final class CanonicalRequest {
    private CanonicalRequest() {
    }

    static String build(HttpRequest request, List<String> signedHeaders, String payloadHash, boolean s3,
                        boolean presigned) throws PercentCodec.MalformedException {
        StringBuilder out = new StringBuilder(512);
        out.append(request.method()).append('\n');
        out.append(canonicalUri(request.rawPath(), s3)).append('\n');
        out.append(canonicalQuery(request.rawQuery(), presigned)).append('\n');
        for (String name : signedHeaders) {
            out.append(name).append(':').append(headerValue(request, name)).append('\n');
        }
        out.append('\n');
        out.append(String.join(";", signedHeaders)).append('\n');
        out.append(payloadHash);
        return out.toString();
    }

    static String canonicalUri(String rawPath, boolean s3) throws PercentCodec.MalformedException {
        if (rawPath.isEmpty()) {
            return "/";
        }
        if (s3) {
            return PercentCodec.encode(PercentCodec.decode(rawPath, false), true);
        }
        return PercentCodec.encode(rawPath, true);
    }

    static String canonicalQuery(String rawQuery, boolean presigned) throws PercentCodec.MalformedException {
        List<String> pairs = new ArrayList<>();
        for (Map.Entry<String, String> pair : PercentCodec.parseQuery(rawQuery, false)) {
            if (presigned && pair.getKey().equals("X-Amz-Signature")) {
                continue;
            }
            pairs.add(PercentCodec.encode(pair.getKey(), false) + "=" + PercentCodec.encode(pair.getValue(), false));
        }
        pairs.sort(CanonicalRequest::compareEncodedPairs);
        return String.join("&", pairs);
    }

    /** Sorted by name, then by value (names are compared before the '=' so "a=2" and "a-b=1" order right). */
    private static int compareEncodedPairs(String left, String right) {
        String leftName = left.substring(0, left.indexOf('='));
        String rightName = right.substring(0, right.indexOf('='));
        int byName = leftName.compareTo(rightName);
        return byName != 0 ? byName : left.compareTo(right);
    }

    /** Sequential spaces become one, as the canonical form asks (without a regular expression: hot path). */
    static String collapseSpaces(String value) {
        if (!value.contains("  ")) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        char previous = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != ' ' || previous != ' ') {
                out.append(c);
            }
            previous = c;
        }
        return out.toString();
    }

    private static String headerValue(HttpRequest request, String name) {
        List<String> values = request.headers().get(name);
        if (values == null) {
            return "";
        }
        List<String> trimmed = new ArrayList<>(values.size());
        for (String value : values) {
            trimmed.add(collapseSpaces(value.trim()));
        }
        return String.join(",", trimmed);
    }
}
