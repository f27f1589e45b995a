// SPDX-License-Identifier: Apache-2.0
package dev.waymark.protocol.sigv4;

import dev.waymark.core.AwsException;
import dev.waymark.core.CommonErrors;
import dev.waymark.core.CommonErrors.ErrorFamily;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Verifies the signature chain of a signed {@code aws-chunked} payload ({@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD}
 * and its {@code -TRAILER} variant): every chunk's signature covers the previous signature (the first one the
 * request's own) and the chunk's data, and the trailer's signature covers the last chunk signature and the
 * trailing headers. So no chunk can be changed, dropped, reordered or appended without the secret key.
 */
final class ChunkSignatures {
    private static final String EMPTY_SHA256 = SigV4Verifier.hex(SigV4Verifier.sha256(new byte[0]));

    private final byte[] signingKey;
    private final String amzDate;
    private final String credentialScope;

    ChunkSignatures(byte[] signingKey, String amzDate, String credentialScope) {
        this.signingKey = signingKey;
        this.amzDate = amzDate;
        this.credentialScope = credentialScope;
    }

    void verify(byte[] body, String seedSignature, boolean trailer, ErrorFamily family) {
        AwsChunked chunked;
        try {
            chunked = AwsChunked.parse(body);
        } catch (AwsChunked.MalformedException e) {
            throw new AwsException("IncompleteBody", 400, AwsException.Fault.CLIENT, e.getMessage());
        }
        String previous = seedSignature;
        for (AwsChunked.Chunk chunk : chunked.chunks()) {
            String stringToSign = "AWS4-HMAC-SHA256-PAYLOAD\n" + amzDate + "\n" + credentialScope + "\n" + previous
                    + "\n" + EMPTY_SHA256 + "\n" + SigV4Verifier.hex(sha256(body, chunk.offset(), chunk.length()));
            previous = check(chunk.signature(), stringToSign, family);
        }
        if (trailer) {
            String stringToSign = "AWS4-HMAC-SHA256-TRAILER\n" + amzDate + "\n" + credentialScope + "\n" + previous
                    + "\n" + SigV4Verifier.hex(SigV4Verifier.sha256(
                            chunked.canonicalTrailers().getBytes(StandardCharsets.UTF_8)));
            check(chunked.trailerSignature(), stringToSign, family);
        }
    }

    private String check(Optional<String> given, String stringToSign, ErrorFamily family) {
        String expected = SigV4Verifier.hex(SigV4Verifier.hmac(signingKey, stringToSign));
        if (given.isEmpty() || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                given.get().getBytes(StandardCharsets.US_ASCII))) {
            throw CommonErrors.signatureMismatch(family);
        }
        return expected;
    }

    private static byte[] sha256(byte[] data, int offset, int length) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(data, offset, length);
            return digest.digest();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
