// SPDX-License-Identifier: Apache-2.0
package dev.waymark.protocol.restxml;

import dev.waymark.core.AwsException;
import dev.waymark.protocol.HttpRequest;
import dev.waymark.protocol.sigv4.AwsChunked;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The payload of a restXml request as the operation sees it, after the checks S3 makes on the wire: an
 * {@code aws-chunked} body is decoded (its chunk signatures were verified with the request's signature) and its
 * length compared with {@code x-amz-decoded-content-length}; {@code Content-MD5} and every
 * {@code x-amz-checksum-*} value, from a header or from the trailer, must match the data.
 *
 * @param data            the payload bytes
 * @param headers         the request headers the operation reads (lower case): the wire's own, with
 *                        {@code aws-chunked} taken out of {@code Content-Encoding} and the trailer's checksums added
 */
record Payload(byte[] data, Map<String, String> headers) {
    private static final String CHUNKED = "aws-chunked";

    static Payload of(HttpRequest request) {
        Map<String, String> headers = new LinkedHashMap<>();
        request.headers().forEach((name, values) -> headers.put(name, String.join(",", values)));
        byte[] data = request.body();
        if (AwsChunked.isChunked(request.header("content-encoding"), request.header("x-amz-content-sha256"))) {
            AwsChunked chunked = decode(request);
            data = chunked.data();
            headers.putAll(chunked.trailers());
            withoutChunkedEncoding(headers);
        }
        checkMd5(headers, data);
        checkChecksums(headers, data);
        return new Payload(data, headers);
    }

    private static AwsChunked decode(HttpRequest request) {
        AwsChunked chunked;
        try {
            chunked = AwsChunked.parse(request.body());
        } catch (AwsChunked.MalformedException e) {
            throw new AwsException("IncompleteBody", 400, AwsException.Fault.CLIENT,
                    "The request body could not be decoded as aws-chunked content: " + e.getMessage());
        }
        Optional<String> declared = request.header("x-amz-decoded-content-length");
        if (declared.isPresent() && !declared.get().trim().equals(Integer.toString(chunked.data().length))) {
            throw new AwsException("IncompleteBody", 400, AwsException.Fault.CLIENT,
                    "You did not provide the number of bytes specified by the x-amz-decoded-content-length HTTP header");
        }
        Optional<String> trailer = request.header("x-amz-trailer");
        if (trailer.isPresent()) {
            for (String name : trailer.get().split(",")) {
                if (!name.isBlank() && !chunked.trailers().containsKey(name.trim().toLowerCase(Locale.ROOT))) {
                    throw new AwsException("MalformedTrailerError", 400, AwsException.Fault.CLIENT,
                            "The request contained trailing data that was not well-formed or did not conform to "
                                    + "our published schema.");
                }
            }
        }
        return chunked;
    }

    private static void withoutChunkedEncoding(Map<String, String> headers) {
        String encoding = headers.getOrDefault("content-encoding", "");
        String rest = String.join(",", Arrays.stream(encoding.split(","))
                .map(String::trim).filter(e -> !e.isEmpty() && !e.equalsIgnoreCase(CHUNKED)).toList());
        if (rest.isEmpty()) {
            headers.remove("content-encoding");
        } else {
            headers.put("content-encoding", rest);
        }
    }

    private static void checkMd5(Map<String, String> headers, byte[] data) {
        String given = headers.get("content-md5");
        if (given == null) {
            return;
        }
        byte[] expected;
        try {
            expected = Base64.getDecoder().decode(given.trim());
        } catch (IllegalArgumentException e) {
            expected = new byte[0];
        }
        if (expected.length != 16) {
            throw new AwsException("InvalidDigest", 400, AwsException.Fault.CLIENT,
                    "The Content-MD5 you specified is not valid.");
        }
        if (!MessageDigest.isEqual(expected, md5(data))) {
            throw new AwsException("BadDigest", 400, AwsException.Fault.CLIENT,
                    "The Content-MD5 you specified did not match what we received.");
        }
    }

    private static void checkChecksums(Map<String, String> headers, byte[] data) {
        for (Map.Entry<String, String> header : headers.entrySet()) {
            Optional<String> algorithm = Checksums.algorithmOf(header.getKey());
            if (algorithm.isEmpty()) {
                continue;
            }
            String name = algorithm.get();
            if (!Checksums.VERIFIED.contains(name)) {
                throw new AwsException("NotImplemented", 501, AwsException.Fault.SERVER,
                        "Waymark does not verify the " + Checksums.displayName(name) + " checksum algorithm; "
                                + "use CRC32, CRC32C, CRC64NVME, SHA1 or SHA256");
            }
            if (!Checksums.compute(name, data).equals(header.getValue().trim())) {
                throw new AwsException("BadDigest", 400, AwsException.Fault.CLIENT,
                        "The " + Checksums.displayName(name) + " you specified did not match the calculated checksum.");
            }
        }
    }

    static byte[] md5(byte[] data) {
        try {
            return MessageDigest.getInstance("MD5").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("MD5 unavailable", e);
        }
    }
}
