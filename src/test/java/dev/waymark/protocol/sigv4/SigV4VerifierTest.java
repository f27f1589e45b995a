// SPDX-License-Identifier: Apache-2.0
package dev.waymark.protocol.sigv4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waymark.core.AwsException;
import dev.waymark.core.CommonErrors.ErrorFamily;
import dev.waymark.core.CredentialLookup;
import dev.waymark.core.IdentityType;
import dev.waymark.core.Principal;
import dev.waymark.core.Principal.PolicySubject;
import dev.waymark.core.SessionContext;
import dev.waymark.protocol.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner.AuthLocation;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * SigV4 verification against requests signed by the AWS SDK's own signer: what the SDK signs must verify, and
 * each way a signature can be missing, malformed, stale or wrong must fail with the error AWS sends for it.
 */
class SigV4VerifierTest {
    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
    private static final String ACCOUNT = "123456789012";
    private static final String KEY_ID = "AKIAWAYMARKTEST00001";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final String TEMP_KEY_ID = "ASIAWAYMARKTEST00001";
    private static final String TEMP_SECRET = "temporary/secret/for/the/session/0000000";
    private static final String GOOD_TOKEN = "good-session-token";
    private static final String EXPIRED_TOKEN = "expired-session-token";

    private static final Principal ROOT = new Principal(IdentityType.ROOT, ACCOUNT, ACCOUNT,
            "arn:aws:iam::" + ACCOUNT + ":root", KEY_ID, Optional.empty(), Optional.empty(),
            new PolicySubject(PolicySubject.Kind.ROOT, ACCOUNT, ""), Optional.empty());
    private static final Principal SESSION = new Principal(IdentityType.ROOT, ACCOUNT, ACCOUNT,
            "arn:aws:iam::" + ACCOUNT + ":root", TEMP_KEY_ID, Optional.empty(),
            Optional.of(new SessionContext(NOW, false, Optional.empty(), Optional.empty())),
            new PolicySubject(PolicySubject.Kind.ROOT, ACCOUNT, ""), Optional.empty());

    /** A hand-written credential store: one long-term key and one temporary key with three kinds of token. */
    private static final CredentialLookup LOOKUP = (accessKeyId, token, now) -> {
        if (accessKeyId.equals(KEY_ID) && token.isEmpty()) {
            return new CredentialLookup.Found(SECRET, ROOT);
        }
        if (accessKeyId.equals(TEMP_KEY_ID) && token.isPresent()) {
            if (token.get().equals(GOOD_TOKEN)) {
                return new CredentialLookup.Found(TEMP_SECRET, SESSION);
            }
            if (token.get().equals(EXPIRED_TOKEN)) {
                return new CredentialLookup.ExpiredToken();
            }
            return new CredentialLookup.InvalidToken();
        }
        return new CredentialLookup.UnknownKey();
    };

    private static final AwsCredentialsIdentity LONG_TERM = AwsBasicCredentials.create(KEY_ID, SECRET);

    private final SigV4Verifier verifier = new SigV4Verifier(LOOKUP);

    // ---- building and signing requests ----------------------------------------------------------------------

    private static SdkHttpRequest.Builder request(SdkHttpMethod method, String encodedPath) {
        return SdkHttpRequest.builder().method(method).protocol("https").host("waymark.example").port(443)
                .encodedPath(encodedPath);
    }

    private static HttpRequest signed(SdkHttpRequest request, byte[] body, String signingName) {
        return signed(request, body, LONG_TERM, signingName, r -> { });
    }

    /** Signs with AwsV4HttpSigner at {@link #NOW} in us-east-1 and converts the result to Waymark's request. */
    private static HttpRequest signed(SdkHttpRequest request, byte[] body, AwsCredentialsIdentity credentials,
                                      String signingName, Consumer<SignRequest.Builder<AwsCredentialsIdentity>> extra) {
        AwsV4HttpSigner signer = AwsV4HttpSigner.create();
        SdkHttpRequest signedRequest = signer.sign(r -> {
            r.identity(credentials).request(request).payload(ContentStreamProvider.fromByteArray(body))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, signingName)
                    .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                    .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(NOW, ZoneOffset.UTC));
            if (signingName.equals("s3")) {
                r.putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                        .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false);
            }
            extra.accept(r);
        }).request();
        return toWaymark(signedRequest, body);
    }

    private static HttpRequest toWaymark(SdkHttpRequest request, byte[] body) {
        Map<String, List<String>> headers = new HashMap<>();
        request.forEachHeader((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), new ArrayList<>(values)));
        return new HttpRequest(request.method().name(), request.encodedPath(),
                request.encodedQueryParameters().orElse(""), headers, body, "192.0.2.1", Optional.empty());
    }

    private static HttpRequest withHeader(HttpRequest request, String name, String value) {
        Map<String, List<String>> headers = new HashMap<>(request.headers());
        headers.put(name, List.of(value));
        return new HttpRequest(request.method(), request.rawPath(), request.rawQuery(), headers, request.body(),
                request.sourceIp(), request.tls());
    }

    private static HttpRequest withBody(HttpRequest request, byte[] body) {
        return new HttpRequest(request.method(), request.rawPath(), request.rawQuery(), request.headers(), body,
                request.sourceIp(), request.tls());
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static HttpRequest getApps() {
        return signed(request(SdkHttpMethod.GET, "/v1/apps").build(), new byte[0], "mobiletargeting");
    }

    private static HttpRequest stsPost() {
        SdkHttpRequest request = request(SdkHttpMethod.POST, "/")
                .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8").build();
        return signed(request, utf8("Action=GetCallerIdentity&Version=2011-06-15"), "sts");
    }

    private static String code(ErrorFamily family, String json, String query) {
        return family == ErrorFamily.JSON ? json : query;
    }

    private AwsException rejected(HttpRequest request, ErrorFamily family, Instant now) {
        return assertThrows(AwsException.class, () -> verifier.verify(request, family, now));
    }

    // ---- what the SDK signs verifies ---------------------------------------------------------------------------

    @Test
    void getWithQueryParametersThatNeedEncoding() {
        SdkHttpRequest request = request(SdkHttpMethod.GET, "/v1/apps")
                .appendRawQueryParameter("page-size", "5")
                .appendRawQueryParameter("token", "a b/c%d+e=f&g")
                .appendRawQueryParameter("name", "caf\u00e9 \u65e5\u672c")
                .appendRawQueryParameter("empty", "")
                .build();
        HttpRequest signed = signed(request, new byte[0], "mobiletargeting");
        assertTrue(signed.rawQuery().contains("%2F") && signed.rawQuery().contains("%25"), signed.rawQuery());

        VerifiedCaller caller = verifier.verify(signed, ErrorFamily.JSON, NOW);

        assertSame(ROOT, caller.principal());
        assertEquals("us-east-1", caller.region());
        assertEquals("mobiletargeting", caller.signingName());
    }

    @Test
    void repeatedQueryParameterIsCanonicalisedInValueOrder() {
        SdkHttpRequest request = request(SdkHttpMethod.GET, "/v1/apps")
                .appendRawQueryParameter("tagKeys", "zeta")
                .appendRawQueryParameter("tagKeys", "alpha")
                .appendRawQueryParameter("tag", "x")
                .build();
        assertSame(ROOT, verifier.verify(signed(request, new byte[0], "mobiletargeting"), ErrorFamily.JSON, NOW).principal());
    }

    @Test
    void pathLabelWithEncodedSlashVerifies() {
        String arn = "arn:aws:mobiletargeting:us-east-1:" + ACCOUNT + ":apps/0123456789abcdef0123456789abcdef";
        String path = "/v1/tags/" + SdkHttpUtils.urlEncode(arn);
        assertTrue(path.contains("%2F") && path.contains("%3A"), path);

        HttpRequest signed = signed(request(SdkHttpMethod.GET, path).build(), new byte[0], "mobiletargeting");

        assertEquals(path, signed.rawPath());
        assertSame(ROOT, verifier.verify(signed, ErrorFamily.JSON, NOW).principal());
    }

    @Test
    void postWithJsonBodyVerifies() {
        SdkHttpRequest request = request(SdkHttpMethod.POST, "/v1/apps")
                .putHeader("Content-Type", "application/json").build();
        HttpRequest signed = signed(request, utf8("{\"Name\":\"orders\",\"tags\":{\"team\":\"caf\u00e9\"}}"), "mobiletargeting");
        assertSame(ROOT, verifier.verify(signed, ErrorFamily.JSON, NOW).principal());
    }

    @Test
    void stsFormPostVerifies() {
        VerifiedCaller caller = verifier.verify(stsPost(), ErrorFamily.QUERY, NOW);
        assertEquals("sts", caller.signingName());
    }

    @Test
    void declaredContentSha256HeaderVerifies() {
        byte[] body = utf8("{\"Name\":\"hashed\"}");
        String hash = SigV4Verifier.hex(SigV4Verifier.sha256(body));
        SdkHttpRequest request = request(SdkHttpMethod.POST, "/v1/apps")
                .putHeader("Content-Type", "application/json")
                .putHeader("x-amz-content-sha256", hash).build();
        HttpRequest signed = signed(request, body, "mobiletargeting");
        assertEquals(Optional.of(hash), signed.header("x-amz-content-sha256"));
        assertSame(ROOT, verifier.verify(signed, ErrorFamily.JSON, NOW).principal());
    }

    @Test
    void unsignedPayloadVerifiesWhateverTheBody() {
        SdkHttpRequest request = request(SdkHttpMethod.POST, "/v1/apps")
                .putHeader("Content-Type", "application/json").build();
        HttpRequest signed = signed(request, utf8("{\"Name\":\"unsigned\"}"), LONG_TERM, "mobiletargeting",
                r -> r.putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false));
        assertEquals(Optional.of("UNSIGNED-PAYLOAD"), signed.header("x-amz-content-sha256"));
        assertSame(ROOT, verifier.verify(signed, ErrorFamily.JSON, NOW).principal());
        // The payload is not part of the signature, so a different body still verifies.
        assertSame(ROOT, verifier.verify(withBody(signed, utf8("{\"Name\":\"other\"}")), ErrorFamily.JSON, NOW).principal());
    }

    @Test
    void s3SigningEncodesThePathOnce() {
        String path = "/my-bucket/" + SdkHttpUtils.urlEncodeIgnoreSlashes("AWSLogs/" + ACCOUNT + "/a key \u00e9.json.gz");
        assertTrue(path.contains("%20") && path.contains("%C3%A9"), path);
        SdkHttpRequest request = request(SdkHttpMethod.GET, path).build();

        HttpRequest signed = signed(request, new byte[0], "s3");

        VerifiedCaller caller = verifier.verify(signed, ErrorFamily.QUERY, NOW);
        assertEquals("s3", caller.signingName());
    }

    @Test
    void s3SignatureIsNotTheDoubleEncodedOne() {
        // Signed as every other service signs (path encoded twice), a path with escapes does not verify as s3.
        String path = "/my-bucket/a%20key";
        HttpRequest signed = signed(request(SdkHttpMethod.GET, path).build(), new byte[0], LONG_TERM, "s3",
                r -> r.putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, true));
        AwsException error = rejected(signed, ErrorFamily.QUERY, NOW);
        assertEquals("SignatureDoesNotMatch", error.code());
    }

    @Test
    void sessionTokenVerifiesAsTheSession() {
        AwsSessionCredentials session = AwsSessionCredentials.create(TEMP_KEY_ID, TEMP_SECRET, GOOD_TOKEN);
        HttpRequest signed = signed(request(SdkHttpMethod.GET, "/v1/apps").build(), new byte[0], session,
                "mobiletargeting", r -> { });
        assertEquals(Optional.of(GOOD_TOKEN), signed.header("x-amz-security-token"));
        assertSame(SESSION, verifier.verify(signed, ErrorFamily.JSON, NOW).principal());
    }

    @Test
    void unsignedHeaderAddedAfterSigningDoesNotMatter() {
        HttpRequest signed = withHeader(getApps(), "x-forwarded-for", "198.51.100.7");
        signed = withHeader(signed, "user-agent", "curl/8.0");
        assertSame(ROOT, verifier.verify(signed, ErrorFamily.JSON, NOW).principal());
    }

    @Test
    void requestsWithinFifteenMinutesOfTheServerClockVerify() {
        HttpRequest signed = getApps();
        assertSame(ROOT, verifier.verify(signed, ErrorFamily.JSON, NOW.plus(Duration.ofMinutes(14))).principal());
        assertSame(ROOT, verifier.verify(signed, ErrorFamily.JSON, NOW.minus(Duration.ofMinutes(14))).principal());
    }

    // ---- presigned URLs ----------------------------------------------------------------------------------------

    private static HttpRequest presigned(SdkHttpRequest request, AwsCredentialsIdentity credentials, String signingName,
                                         Duration expires) {
        return signed(request, new byte[0], credentials, signingName, r -> {
            r.putProperty(AwsV4HttpSigner.AUTH_LOCATION, AuthLocation.QUERY_STRING)
                    .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, expires);
            if (signingName.equals("s3")) {
                // As S3Presigner does: S3 computes presigned signatures over UNSIGNED-PAYLOAD.
                r.putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false);
            }
        });
    }

    @Test
    void presignedUrlVerifiesUntilItExpires() {
        SdkHttpRequest request = request(SdkHttpMethod.GET, "/v1/apps").appendRawQueryParameter("page-size", "10").build();
        HttpRequest signed = presigned(request, LONG_TERM, "mobiletargeting", Duration.ofMinutes(5));
        assertTrue(signed.rawQuery().contains("X-Amz-Signature="), signed.rawQuery());
        assertTrue(signed.header("authorization").isEmpty());

        assertSame(ROOT, verifier.verify(signed, ErrorFamily.JSON, NOW).principal());
        assertSame(ROOT, verifier.verify(signed, ErrorFamily.JSON, NOW.plus(Duration.ofMinutes(4))).principal());
    }

    @Test
    void presignedS3UrlWithSessionTokenVerifies() {
        AwsSessionCredentials session = AwsSessionCredentials.create(TEMP_KEY_ID, TEMP_SECRET, GOOD_TOKEN);
        HttpRequest signed = presigned(request(SdkHttpMethod.GET, "/my-bucket/digest%201.json").build(), session, "s3",
                Duration.ofHours(1));
        assertTrue(signed.rawQuery().contains("X-Amz-Security-Token="), signed.rawQuery());
        assertSame(SESSION, verifier.verify(signed, ErrorFamily.QUERY, NOW).principal());
    }

    @ParameterizedTest
    @EnumSource(ErrorFamily.class)
    void expiredPresignedUrlIsRejected(ErrorFamily family) {
        HttpRequest signed = presigned(request(SdkHttpMethod.GET, "/v1/apps").build(), LONG_TERM, "mobiletargeting",
                Duration.ofMinutes(5));
        AwsException error = rejected(signed, family, NOW.plus(Duration.ofMinutes(5)).plusSeconds(1));
        assertEquals(code(family, "InvalidSignatureException", "SignatureDoesNotMatch"), error.code());
        assertEquals(403, error.status());
        assertTrue(error.getMessage().startsWith("Signature expired"), error.getMessage());
    }

    @ParameterizedTest
    @EnumSource(ErrorFamily.class)
    void tamperedPresignedUrlIsRejected(ErrorFamily family) {
        SdkHttpRequest request = request(SdkHttpMethod.GET, "/v1/apps").appendRawQueryParameter("page-size", "10").build();
        HttpRequest signed = presigned(request, LONG_TERM, "mobiletargeting", Duration.ofMinutes(5));
        HttpRequest tampered = new HttpRequest(signed.method(), signed.rawPath(),
                signed.rawQuery().replace("page-size=10", "page-size=11"), signed.headers(), signed.body(),
                signed.sourceIp(), signed.tls());
        AwsException error = rejected(tampered, family, NOW);
        assertEquals(code(family, "InvalidSignatureException", "SignatureDoesNotMatch"), error.code());
    }

    // ---- errors ------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(ErrorFamily.class)
    void missingAuthentication(ErrorFamily family) {
        HttpRequest unsigned = toWaymark(request(SdkHttpMethod.GET, "/v1/apps").build(), new byte[0]);
        AwsException error = rejected(unsigned, family, NOW);
        assertEquals(code(family, "MissingAuthenticationTokenException", "MissingAuthenticationToken"), error.code());
        assertEquals(403, error.status());
    }

    @ParameterizedTest
    @EnumSource(ErrorFamily.class)
    void malformedAuthorizationHeader(ErrorFamily family) {
        HttpRequest signed = getApps();
        String incomplete = "AWS4-HMAC-SHA256 Credential=" + KEY_ID + "/20240501/us-east-1/mobiletargeting/aws4_request";
        AwsException error = rejected(withHeader(signed, "authorization", incomplete), family, NOW);
        assertEquals(code(family, "IncompleteSignatureException", "IncompleteSignature"), error.code());
        assertEquals(400, error.status());
        assertTrue(error.getMessage().contains("'Signature'") && error.getMessage().contains("'SignedHeaders'"),
                error.getMessage());

        AwsException garbage = rejected(withHeader(signed, "authorization", "Bearer abc"), family, NOW);
        assertEquals(code(family, "IncompleteSignatureException", "IncompleteSignature"), garbage.code());
        assertEquals(400, garbage.status());
    }

    @ParameterizedTest
    @EnumSource(ErrorFamily.class)
    void credentialScopeWithoutAllParts(ErrorFamily family) {
        HttpRequest signed = getApps();
        String authorization = signed.header("authorization").orElseThrow()
                .replace("/mobiletargeting/aws4_request", "/mobiletargeting");
        AwsException error = rejected(withHeader(signed, "authorization", authorization), family, NOW);
        assertEquals(code(family, "IncompleteSignatureException", "IncompleteSignature"), error.code());
        assertEquals(400, error.status());
    }

    @ParameterizedTest
    @EnumSource(ErrorFamily.class)
    void unknownAccessKey(ErrorFamily family) {
        AwsCredentialsIdentity unknown = AwsBasicCredentials.create("AKIAUNKNOWNKEY000000", SECRET);
        HttpRequest signed = signed(request(SdkHttpMethod.GET, "/v1/apps").build(), new byte[0], unknown,
                "mobiletargeting", r -> { });
        AwsException error = rejected(signed, family, NOW);
        assertEquals(code(family, "UnrecognizedClientException", "InvalidClientTokenId"), error.code());
        assertEquals(403, error.status());
        assertEquals("The security token included in the request is invalid.", error.getMessage());
    }

    @ParameterizedTest
    @EnumSource(ErrorFamily.class)
    void wrongSecret(ErrorFamily family) {
        AwsCredentialsIdentity wrong = AwsBasicCredentials.create(KEY_ID, SECRET.replace('K', 'k'));
        HttpRequest signed = signed(request(SdkHttpMethod.GET, "/v1/apps").build(), new byte[0], wrong,
                "mobiletargeting", r -> { });
        AwsException error = rejected(signed, family, NOW);
        assertEquals(code(family, "InvalidSignatureException", "SignatureDoesNotMatch"), error.code());
        assertEquals(403, error.status());
        assertTrue(error.getMessage().startsWith("The request signature we calculated does not match"), error.getMessage());
    }

    @ParameterizedTest
    @EnumSource(ErrorFamily.class)
    void tamperedBody(ErrorFamily family) {
        HttpRequest signed = stsPost();
        HttpRequest tampered = withBody(signed, utf8("Action=GetSessionToken&Version=2011-06-15"));
        AwsException error = rejected(tampered, family, NOW);
        assertEquals(code(family, "InvalidSignatureException", "SignatureDoesNotMatch"), error.code());
        assertEquals(403, error.status());
    }

    @ParameterizedTest
    @EnumSource(ErrorFamily.class)
    void tamperedBodyWithDeclaredHash(ErrorFamily family) {
        byte[] body = utf8("{\"Name\":\"hashed\"}");
        SdkHttpRequest request = request(SdkHttpMethod.POST, "/v1/apps")
                .putHeader("x-amz-content-sha256", SigV4Verifier.hex(SigV4Verifier.sha256(body))).build();
        HttpRequest tampered = withBody(signed(request, body, "mobiletargeting"), utf8("{\"Name\":\"changed\"}"));
        AwsException error = rejected(tampered, family, NOW);
        assertEquals(code(family, "InvalidSignatureException", "SignatureDoesNotMatch"), error.code());
        assertEquals(403, error.status());
    }

    @ParameterizedTest
    @EnumSource(ErrorFamily.class)
    void signedHeaderChangedAfterSigning(ErrorFamily family) {
        SdkHttpRequest request = request(SdkHttpMethod.POST, "/v1/apps")
                .putHeader("Content-Type", "application/json").build();
        HttpRequest signed = signed(request, utf8("{\"Name\":\"x\"}"), "mobiletargeting");
        assertTrue(signed.header("authorization").orElseThrow().contains("content-type"));
        AwsException error = rejected(withHeader(signed, "content-type", "text/plain"), family, NOW);
        assertEquals(code(family, "InvalidSignatureException", "SignatureDoesNotMatch"), error.code());
        assertEquals(403, error.status());
    }

    @ParameterizedTest
    @EnumSource(ErrorFamily.class)
    void changedPathOrQueryIsRejected(ErrorFamily family) {
        HttpRequest signed = getApps();
        HttpRequest otherPath = new HttpRequest("GET", "/v1/apps/x", "", signed.headers(), signed.body(),
                signed.sourceIp(), signed.tls());
        assertEquals(code(family, "InvalidSignatureException", "SignatureDoesNotMatch"),
                rejected(otherPath, family, NOW).code());
        HttpRequest otherQuery = new HttpRequest("GET", "/v1/apps", "page-size=1", signed.headers(), signed.body(),
                signed.sourceIp(), signed.tls());
        assertEquals(code(family, "InvalidSignatureException", "SignatureDoesNotMatch"),
                rejected(otherQuery, family, NOW).code());
        HttpRequest otherMethod = new HttpRequest("DELETE", "/v1/apps", "", signed.headers(), signed.body(),
                signed.sourceIp(), signed.tls());
        assertEquals(code(family, "InvalidSignatureException", "SignatureDoesNotMatch"),
                rejected(otherMethod, family, NOW).code());
    }

    @ParameterizedTest
    @EnumSource(ErrorFamily.class)
    void requestSignedMoreThanFifteenMinutesAgoHasExpired(ErrorFamily family) {
        AwsException error = rejected(getApps(), family, NOW.plus(Duration.ofMinutes(16)));
        assertEquals(code(family, "InvalidSignatureException", "SignatureDoesNotMatch"), error.code());
        assertEquals(403, error.status());
        assertTrue(error.getMessage().startsWith("Signature expired"), error.getMessage());
    }

    @ParameterizedTest
    @EnumSource(ErrorFamily.class)
    void requestSignedMoreThanFifteenMinutesAheadIsNotYetCurrent(ErrorFamily family) {
        AwsException error = rejected(getApps(), family, NOW.minus(Duration.ofMinutes(16)));
        assertEquals(code(family, "InvalidSignatureException", "SignatureDoesNotMatch"), error.code());
        assertEquals(403, error.status());
        assertTrue(error.getMessage().startsWith("Signature not yet current"), error.getMessage());
    }

    @ParameterizedTest
    @EnumSource(ErrorFamily.class)
    void expiredSessionToken(ErrorFamily family) {
        AwsSessionCredentials expired = AwsSessionCredentials.create(TEMP_KEY_ID, TEMP_SECRET, EXPIRED_TOKEN);
        HttpRequest signed = signed(request(SdkHttpMethod.GET, "/v1/apps").build(), new byte[0], expired,
                "mobiletargeting", r -> { });
        AwsException error = rejected(signed, family, NOW);
        assertEquals(code(family, "ExpiredTokenException", "ExpiredToken"), error.code());
        assertEquals(403, error.status());
    }

    @ParameterizedTest
    @EnumSource(ErrorFamily.class)
    void invalidSessionToken(ErrorFamily family) {
        AwsSessionCredentials forged = AwsSessionCredentials.create(TEMP_KEY_ID, TEMP_SECRET, "forged-token");
        HttpRequest signed = signed(request(SdkHttpMethod.GET, "/v1/apps").build(), new byte[0], forged,
                "mobiletargeting", r -> { });
        AwsException error = rejected(signed, family, NOW);
        assertEquals(code(family, "UnrecognizedClientException", "InvalidClientTokenId"), error.code());
        assertEquals(403, error.status());
    }

    @ParameterizedTest
    @EnumSource(ErrorFamily.class)
    void sessionTokenChangedAfterSigning(ErrorFamily family) {
        AwsSessionCredentials session = AwsSessionCredentials.create(TEMP_KEY_ID, TEMP_SECRET, GOOD_TOKEN);
        HttpRequest signed = signed(request(SdkHttpMethod.GET, "/v1/apps").build(), new byte[0], session,
                "mobiletargeting", r -> { });
        AwsException error = rejected(withHeader(signed, "x-amz-security-token", "forged-token"), family, NOW);
        assertEquals(code(family, "UnrecognizedClientException", "InvalidClientTokenId"), error.code());
        assertEquals(403, error.status());
    }
}
