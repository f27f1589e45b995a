// SPDX-License-Identifier: Apache-2.0
package dev.waymark.protocol.sigv4;

import dev.waymark.core.AwsException;
import dev.waymark.core.CommonErrors;
import dev.waymark.core.CredentialLookup;
import dev.waymark.core.CommonErrors.ErrorFamily;
import dev.waymark.protocol.HttpRequest;
import dev.waymark.protocol.PercentCodec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies SigV4 signatures. Thread-safe. Derived signing keys are cached per secret and scope (they change once
 * a day), so a warm verification costs two SHA-256 digests and one HMAC.
 */
public final class SigV4Verifier {
    static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Duration MAX_SKEW = Duration.ofMinutes(15);
    private static final long MAX_PRESIGN_SECONDS = 604_800;
    private static final String UNSIGNED = "UNSIGNED-PAYLOAD";
    private static final String SIGNED_STREAMING = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD";
    private static final String UNSIGNED_STREAMING = "STREAMING-UNSIGNED-PAYLOAD-TRAILER";
    private static final int MAX_CACHED_KEYS = 10_000;
    private static final HexFormat HEX = HexFormat.of();

    private final CredentialLookup credentials;
    private final Map<String, byte[]> signingKeys = new ConcurrentHashMap<>();

    public SigV4Verifier(CredentialLookup credentials) {
        this.credentials = credentials;
    }

    /**
     * Verifies the request's signature. Throws the AWS error for a missing, malformed, unknown, expired or wrong
     * signature, in the error family of the service the request is for.
     */
    public VerifiedCaller verify(HttpRequest request, ErrorFamily family, Instant now) {
        SignatureScope scope;
        try {
            scope = SignatureScope.parse(request).orElseThrow(() -> CommonErrors.missingAuthentication(family));
        } catch (SignatureScope.Incomplete e) {
            throw CommonErrors.incompleteSignature(family, e.getMessage());
        }
        String[] credential = scope.scopePart().filter(p -> p[4].equals("aws4_request"))
                .orElseThrow(() -> CommonErrors.incompleteSignature(family,
                        "Credential should be scoped to a valid region. "));
        Instant signedAt = requestTime(request, scope, family);
        checkTime(scope, signedAt, now, family);
        if (!credential[1].equals(AMZ_DATE.format(signedAt).substring(0, 8))) {
            throw CommonErrors.signatureError(family, "Credential should be scoped to a valid date: '"
                    + credential[1] + "' does not match the request date " + AMZ_DATE.format(signedAt));
        }
        CredentialLookup.Result result = credentials.find(credential[0], scope.securityToken(), now);
        if (result instanceof CredentialLookup.ExpiredToken) {
            throw CommonErrors.expiredToken(family);
        }
        if (!(result instanceof CredentialLookup.Found found)) {
            throw CommonErrors.unknownAccessKey(family);
        }
        boolean s3 = credential[3].equals("s3");
        String payloadHash = payloadHash(request, scope, s3, family);
        String expected = sign(found.secret(), credential, scope, request, payloadHash, s3, family);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                scope.signature().getBytes(StandardCharsets.US_ASCII))) {
            throw CommonErrors.signatureMismatch(family);
        }
        if (payloadHash.startsWith(SIGNED_STREAMING)) {
            ChunkSignatures chain = new ChunkSignatures(signingKey(found.secret(), credential), AMZ_DATE.format(signedAt),
                    credential[1] + "/" + credential[2] + "/" + credential[3] + "/aws4_request");
            chain.verify(request.body(), scope.signature(), payloadHash.endsWith("-TRAILER"), family);
        }
        return new VerifiedCaller(found.principal(), credential[2], credential[3]);
    }

    private static Instant requestTime(HttpRequest request, SignatureScope scope, ErrorFamily family) {
        try {
            if (scope.amzDate().isPresent()) {
                return Instant.from(AMZ_DATE.parse(scope.amzDate().get()));
            }
            return Instant.from(DateTimeFormatter.RFC_1123_DATE_TIME.parse(request.header("date").orElse("")));
        } catch (DateTimeParseException e) {
            throw CommonErrors.incompleteSignature(family, "Date must be in ISO-8601 'basic format'. Got '"
                    + scope.amzDate().orElse(request.header("date").orElse("")) + "'.");
        }
    }

    private static void checkTime(SignatureScope scope, Instant signedAt, Instant now, ErrorFamily family) {
        if (scope.presigned()) {
            long expires = parseExpires(scope, family);
            if (now.isAfter(signedAt.plusSeconds(expires))) {
                throw CommonErrors.signatureError(family, "Signature expired: " + AMZ_DATE.format(signedAt.plusSeconds(expires))
                        + " is now earlier than " + AMZ_DATE.format(now) + ".");
            }
            if (signedAt.isAfter(now.plus(MAX_SKEW))) {
                throw notYetCurrent(signedAt, now, family);
            }
            return;
        }
        if (signedAt.isBefore(now.minus(MAX_SKEW))) {
            throw CommonErrors.signatureError(family, "Signature expired: " + AMZ_DATE.format(signedAt)
                    + " is now earlier than " + AMZ_DATE.format(now.minus(MAX_SKEW)) + " (" + AMZ_DATE.format(now)
                    + " - 15 min.)");
        }
        if (signedAt.isAfter(now.plus(MAX_SKEW))) {
            throw notYetCurrent(signedAt, now, family);
        }
    }

    private static AwsException notYetCurrent(Instant signedAt, Instant now, ErrorFamily family) {
        return CommonErrors.signatureError(family, "Signature not yet current: " + AMZ_DATE.format(signedAt)
                + " is still later than " + AMZ_DATE.format(now.plus(MAX_SKEW)) + " (" + AMZ_DATE.format(now)
                + " + 15 min.)");
    }

    private static long parseExpires(SignatureScope scope, ErrorFamily family) {
        try {
            long expires = Long.parseLong(scope.expires().orElse("900"));
            if (expires < 1 || expires > MAX_PRESIGN_SECONDS) {
                throw CommonErrors.incompleteSignature(family,
                        "X-Amz-Expires must be between 1 and " + MAX_PRESIGN_SECONDS + " seconds");
            }
            return expires;
        } catch (NumberFormatException e) {
            throw CommonErrors.incompleteSignature(family, "X-Amz-Expires should be a number");
        }
    }

    private static String payloadHash(HttpRequest request, SignatureScope scope, boolean s3, ErrorFamily family) {
        Optional<String> declared = request.header("x-amz-content-sha256");
        String actual = hex(sha256(request.body()));
        if (declared.isEmpty()) {
            return scope.presigned() && s3 ? UNSIGNED : actual;
        }
        String value = declared.get();
        if (value.equals(UNSIGNED) || value.equals(UNSIGNED_STREAMING) || value.equals(SIGNED_STREAMING)
                || value.equals(SIGNED_STREAMING + "-TRAILER")) {
            return value;
        }
        if (value.startsWith("STREAMING-")) {
            // STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD (SigV4a) and anything newer: not verifiable here, so refused.
            throw CommonErrors.signatureError(family, "Waymark does not support the payload signing method " + value);
        }
        if (!value.equals(actual)) {
            if (s3) {
                throw new AwsException("XAmzContentSHA256Mismatch", 400, AwsException.Fault.CLIENT,
                        "The provided 'x-amz-content-sha256' header does not match what was computed.");
            }
            throw CommonErrors.signatureMismatch(family);
        }
        return value;
    }

    private String sign(String secret, String[] credential, SignatureScope scope, HttpRequest request,
                        String payloadHash, boolean s3, ErrorFamily family) {
        String canonical;
        try {
            canonical = CanonicalRequest.build(request, scope.signedHeaders(), payloadHash, s3, scope.presigned());
        } catch (PercentCodec.MalformedException e) {
            throw CommonErrors.incompleteSignature(family, e.getMessage());
        }
        String credentialScope = credential[1] + "/" + credential[2] + "/" + credential[3] + "/aws4_request";
        String stringToSign = SignatureScope.ALGORITHM + "\n" + scope.amzDate().orElseGet(() -> AMZ_DATE.format(
                requestTime(request, scope, family))) + "\n" + credentialScope + "\n"
                + hex(sha256(canonical.getBytes(StandardCharsets.UTF_8)));
        byte[] key = signingKey(secret, credential);
        return hex(hmac(key, stringToSign));
    }

    private byte[] signingKey(String secret, String[] credential) {
        String cacheKey = secret + "/" + credential[1] + "/" + credential[2] + "/" + credential[3];
        byte[] key = signingKeys.get(cacheKey);
        if (key == null) {
            key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), credential[1]);
            key = hmac(key, credential[2]);
            key = hmac(key, credential[3]);
            key = hmac(key, "aws4_request");
            if (signingKeys.size() >= MAX_CACHED_KEYS) {
                signingKeys.clear();
            }
            signingKeys.put(cacheKey, key);
        }
        return key;
    }

    private static final ThreadLocal<Mac> HMAC = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    });
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    });

    static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = HMAC.get();
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    static byte[] sha256(byte[] data) {
        return SHA256.get().digest(data);
    }

    static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }
}
