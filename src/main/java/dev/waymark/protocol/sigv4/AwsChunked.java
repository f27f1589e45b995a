// SPDX-License-Identifier: Apache-2.0
package dev.waymark.protocol.sigv4;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A body in S3's {@code aws-chunked} content encoding, taken apart: the chunks (with their signatures, when the
 * payload is signed), the decoded data, and the trailing headers (checksums, and the trailer's signature).
 * See <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html">Signature Calculations for
 * the Authorization Header: Transferring Payload in Multiple Chunks</a>.
 *
 * <pre>
 * hex-size[;chunk-signature=sig]\r\n data \r\n ... 0[;chunk-signature=sig]\r\n [name:value\r\n]* \r\n
 * </pre>
 *
 * @param data             the decoded payload
 * @param chunks           the chunks in order, the final empty one included, as slices of the encoded body
 * @param trailers         trailing headers by lower-case name, the trailer signature excluded
 * @param trailerSignature {@code x-amz-trailer-signature}, when the trailer is signed
 */
public record AwsChunked(byte[] data, List<Chunk> chunks, Map<String, String> trailers,
                         Optional<String> trailerSignature) {
    private static final String CHUNK_SIGNATURE = "chunk-signature=";
    private static final String TRAILER_SIGNATURE = "x-amz-trailer-signature";

    public AwsChunked {
        requireNonNull(data, "data is null");
        chunks = List.copyOf(chunks);
        trailers = Map.copyOf(trailers);
        requireNonNull(trailerSignature, "trailerSignature is null");
    }

    /** One chunk: where its data lies in the encoded body, and its signature if it has one. */
    public record Chunk(int offset, int length, Optional<String> signature) {
    }

    /** The body is not well-formed aws-chunked content. */
    public static final class MalformedException extends Exception {
        MalformedException(String message) {
            super(message, null, false, false);
        }
    }

    /** Whether a request's headers say its body is aws-chunked. */
    public static boolean isChunked(Optional<String> contentEncoding, Optional<String> contentSha256) {
        boolean encoded = contentEncoding.map(e -> e.toLowerCase(Locale.ROOT).contains("aws-chunked")).orElse(false);
        return encoded || contentSha256.filter(v -> v.startsWith("STREAMING-")).isPresent();
    }

    public static AwsChunked parse(byte[] body) throws MalformedException {
        ByteArrayOutputStream data = new ByteArrayOutputStream(body.length);
        List<Chunk> chunks = new ArrayList<>();
        int position = 0;
        while (true) {
            int end = lineEnd(body, position);
            String header = new String(body, position, end - position, StandardCharsets.US_ASCII);
            position = end + 2;
            int semicolon = header.indexOf(';');
            int size = size(semicolon < 0 ? header : header.substring(0, semicolon));
            Optional<String> signature = Optional.empty();
            if (semicolon >= 0) {
                String extension = header.substring(semicolon + 1).trim();
                if (!extension.startsWith(CHUNK_SIGNATURE)) {
                    throw new MalformedException("Unknown chunk extension: " + extension);
                }
                signature = Optional.of(extension.substring(CHUNK_SIGNATURE.length()));
            }
            if (size > body.length - position) {
                throw new MalformedException("The chunk is longer than the rest of the body");
            }
            chunks.add(new Chunk(position, size, signature));
            if (size == 0) {
                break;
            }
            data.write(body, position, size);
            position += size;
            if (lineEnd(body, position) != position) {
                throw new MalformedException("A chunk's data is not followed by CRLF");
            }
            position += 2;
        }
        return trailers(body, position, data.toByteArray(), chunks);
    }

    private static AwsChunked trailers(byte[] body, int start, byte[] data, List<Chunk> chunks)
            throws MalformedException {
        Map<String, String> trailers = new LinkedHashMap<>();
        Optional<String> signature = Optional.empty();
        int position = start;
        while (position < body.length) {
            int end = lineEnd(body, position);
            String line = new String(body, position, end - position, StandardCharsets.UTF_8);
            position = end + 2;
            if (line.isEmpty()) {
                break;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new MalformedException("Malformed trailing header: " + line);
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            if (name.equals(TRAILER_SIGNATURE)) {
                signature = Optional.of(value);
            } else {
                trailers.put(name, value);
            }
        }
        if (position < body.length) {
            throw new MalformedException("Data after the end of the chunked body");
        }
        return new AwsChunked(data, chunks, trailers, signature);
    }

    /** The text of the trailing headers as the trailer signature covers it: {@code name:value\n} each. */
    public String canonicalTrailers() {
        StringBuilder out = new StringBuilder();
        new TreeMap<>(trailers).forEach((name, value) -> out.append(name).append(':').append(value).append('\n'));
        return out.toString();
    }

    private static int size(String hex) throws MalformedException {
        try {
            int size = Integer.parseInt(hex.trim(), 16);
            if (size < 0) {
                throw new NumberFormatException(hex);
            }
            return size;
        } catch (NumberFormatException e) {
            throw new MalformedException("Invalid chunk size: " + hex);
        }
    }

    private static int lineEnd(byte[] body, int from) throws MalformedException {
        for (int i = from; i + 1 < body.length; i++) {
            if (body[i] == '\r' && body[i + 1] == '\n') {
                return i;
            }
        }
        throw new MalformedException("The chunked body ended unexpectedly");
    }
}
