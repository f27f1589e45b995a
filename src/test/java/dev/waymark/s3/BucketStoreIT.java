// SPDX-License-Identifier: Apache-2.0
package dev.waymark.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.waymark.core.SecretBox;
import dev.waymark.testing.Golden;
import dev.waymark.testing.SignedRequests;
import dev.waymark.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.checksums.DefaultChecksumAlgorithm;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.model.Event;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttribute;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyExistsException;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.ListObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/** The embedded bucket store through the AWS SDK for Java v2's S3Client, path-style, with its default checksums. */
class BucketStoreIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static TestServer server;
    private static S3Client s3;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        s3 = server.s3();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static void put(String bucket, String key, String content) {
        s3.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromString(content));
    }

    private static String get(String bucket, String key) {
        return s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asUtf8String();
    }

    private static S3Exception s3Error(int status, String code, Runnable call) {
        S3Exception error = assertThrows(S3Exception.class, call::run);
        assertEquals(status, error.statusCode(), error.toString());
        if (code != null) {
            assertEquals(code, error.awsErrorDetails().errorCode(), error.toString());
        }
        return error;
    }

    // ---- buckets ------------------------------------------------------------------------------------------------

    @Test
    void bucketLifecycleFromCreateToDelete() {
        s3.createBucket(r -> r.bucket("first-bucket"));
        assertTrue(s3.listBuckets().buckets().stream().anyMatch(b -> b.name().equals("first-bucket")));
        assertEquals("us-east-1", s3.headBucket(r -> r.bucket("first-bucket")).bucketRegion());
        assertEquals(BucketLocationConstraint.UNKNOWN_TO_SDK_VERSION,
                s3.getBucketLocation(r -> r.bucket("first-bucket")).locationConstraint());
        assertEquals("", s3.getBucketLocation(r -> r.bucket("first-bucket")).locationConstraintAsString());
        assertEquals(204, s3.deleteBucket(r -> r.bucket("first-bucket")).sdkHttpResponse().statusCode());
        assertThrows(NoSuchBucketException.class, () -> s3.headBucket(r -> r.bucket("first-bucket")));
        NoSuchBucketException gone = assertThrows(NoSuchBucketException.class,
                () -> s3.deleteBucket(r -> r.bucket("first-bucket")));
        assertEquals("The specified bucket does not exist", gone.awsErrorDetails().errorMessage());
    }

    @Test
    void listBucketsPagesByPrefix() {
        for (String name : List.of("page-a", "page-b", "page-c")) {
            s3.createBucket(r -> r.bucket(name));
        }
        var first = s3.listBuckets(r -> r.prefix("page-").maxBuckets(2));
        assertEquals(List.of("page-a", "page-b"), first.buckets().stream().map(b -> b.name()).toList());
        assertEquals("page-", first.prefix());
        var second = s3.listBuckets(r -> r.prefix("page-").maxBuckets(2).continuationToken(first.continuationToken()));
        assertEquals(List.of("page-c"), second.buckets().stream().map(b -> b.name()).toList());
        assertNull(second.continuationToken());
        assertEquals(BucketsApi.canonicalUserId(server.accountId()), second.owner().id());
    }

    @Test
    void authenticationFailuresUseS3Codes() {
        S3Client unknown = server.s3(software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(
                "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"), Region.US_EAST_1,
                RequestChecksumCalculation.WHEN_SUPPORTED);
        S3Exception unknownKey = s3Error(403, "InvalidAccessKeyId", () -> unknown.listBuckets());
        assertEquals("The AWS Access Key Id you provided does not exist in our records.",
                unknownKey.awsErrorDetails().errorMessage());
        S3Client wrongSecret = server.s3(software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(
                server.rootCredentials().accessKeyId(), "not-the-secret"), Region.US_EAST_1,
                RequestChecksumCalculation.WHEN_SUPPORTED);
        s3Error(403, "SignatureDoesNotMatch", () -> wrongSecret.listBuckets());
    }

    @Test
    void bucketsInOtherRegionsCarryTheirLocationConstraint() {
        S3Client west = server.s3(server.rootCredentials(), Region.EU_WEST_1, RequestChecksumCalculation.WHEN_SUPPORTED);
        west.createBucket(r -> r.bucket("west-bucket"));
        assertEquals(BucketLocationConstraint.EU_WEST_1, s3.getBucketLocation(r -> r.bucket("west-bucket")).locationConstraint());
        assertEquals("eu-west-1", s3.headBucket(r -> r.bucket("west-bucket")).bucketRegion());
        s3Error(400, "IllegalLocationConstraintException", () -> s3.createBucket(r -> r.bucket("wrong-region")
                .createBucketConfiguration(c -> c.locationConstraint(BucketLocationConstraint.EU_WEST_1))));
        s3Error(400, "InvalidLocationConstraint", () -> s3.createBucket(r -> r.bucket("redundant-region")
                .createBucketConfiguration(c -> c.locationConstraint("us-east-1"))));
    }

    @Test
    void bucketNamesFollowS3Rules() throws Exception {
        // The SDK refuses most bad names itself, so they are sent as raw signed requests.
        SignedRequests requests = SignedRequests.asRoot(server);
        for (String bad : List.of("ab", "UpperCase", "under_score", "192.168.10.12", "xn--punycode", "two..dots",
                "-leading-hyphen", "trailing-hyphen-", "a".repeat(64), "name-s3alias")) {
            SignedRequests.Response response = requests.send("PUT", "/" + bad, Map.of(), Map.of(), new byte[0], "s3");
            assertEquals(400, response.status(), bad + ": " + response.text());
            assertTrue(response.text().contains("<Code>InvalidBucketName</Code><Message>The specified bucket is not "
                    + "valid.</Message>"), response.text());
        }
        assertFalse(s3.listBuckets().buckets().stream().anyMatch(b -> b.name().equals("ab")));
        s3.createBucket(r -> r.bucket("a.valid-name.123"));
        BucketAlreadyOwnedByYouException owned = assertThrows(BucketAlreadyOwnedByYouException.class,
                () -> s3.createBucket(r -> r.bucket("a.valid-name.123")));
        assertEquals(409, owned.statusCode());
    }

    @Test
    void aBucketThatIsNotEmptyCannotBeDeleted() {
        s3.createBucket(r -> r.bucket("full-bucket"));
        put("full-bucket", "keep", "x");
        S3Exception error = s3Error(409, "BucketNotEmpty", () -> s3.deleteBucket(r -> r.bucket("full-bucket")));
        assertEquals("The bucket you tried to delete is not empty", error.awsErrorDetails().errorMessage());
        s3.deleteObject(r -> r.bucket("full-bucket").key("keep"));
        s3.deleteBucket(r -> r.bucket("full-bucket"));
    }

    // ---- objects ------------------------------------------------------------------------------------------------

    @Test
    void putGetHeadAndDeleteObjects() {
        s3.createBucket(r -> r.bucket("objects"));
        String content = "{\"Records\":[]}";
        var put = s3.putObject(r -> r.bucket("objects").key("AWSLogs/records.json.gz").contentType("application/json")
                .contentEncoding("gzip").cacheControl("no-cache").metadata(Map.of("trail", "main", "part", "1")),
                RequestBody.fromString(content));
        String etag = "\"" + ObjectsApi.md5Hex(content.getBytes(StandardCharsets.UTF_8)) + "\"";
        assertEquals(etag, put.eTag());
        assertEquals(ServerSideEncryption.AES256, put.serverSideEncryption());

        HeadObjectResponse head = s3.headObject(r -> r.bucket("objects").key("AWSLogs/records.json.gz"));
        assertEquals(content.length(), head.contentLength());
        assertEquals(etag, head.eTag());
        assertEquals("application/json", head.contentType());
        assertEquals("gzip", head.contentEncoding(), "aws-chunked is not part of the stored encoding");
        assertEquals("no-cache", head.cacheControl());
        assertEquals(Map.of("trail", "main", "part", "1"), head.metadata());
        assertEquals(ServerSideEncryption.AES256, head.serverSideEncryption());
        assertTrue(Duration.between(head.lastModified(), Instant.now()).abs().toMinutes() < 5, head.lastModified().toString());

        var object = s3.getObjectAsBytes(r -> r.bucket("objects").key("AWSLogs/records.json.gz"));
        assertEquals(content, object.asUtf8String());
        assertEquals(etag, object.response().eTag());
        assertEquals(Map.of("trail", "main", "part", "1"), object.response().metadata());

        put("objects", "AWSLogs/records.json.gz", "replaced");
        assertEquals("replaced", get("objects", "AWSLogs/records.json.gz"));
        assertEquals(204, s3.deleteObject(r -> r.bucket("objects").key("AWSLogs/records.json.gz")).sdkHttpResponse().statusCode());
        NoSuchKeyException missing = assertThrows(NoSuchKeyException.class, () -> get("objects", "AWSLogs/records.json.gz"));
        assertEquals("The specified key does not exist.", missing.awsErrorDetails().errorMessage());
        assertThrows(NoSuchKeyException.class, () -> s3.headObject(r -> r.bucket("objects").key("AWSLogs/records.json.gz")));
        assertEquals(204, s3.deleteObject(r -> r.bucket("objects").key("never-existed")).sdkHttpResponse().statusCode());
        assertThrows(NoSuchBucketException.class, () -> get("no-such-bucket-here", "key"));
    }

    @Test
    void keysKeepEveryCharacterAndSlash() {
        s3.createBucket(r -> r.bucket("odd-keys"));
        List<String> keys = List.of("dir/", "a//b", "with space+plus&amp=eq", "ünïcödé/日本語.txt", "x/../y", "%41",
                "trailing/slash/");
        for (String key : keys) {
            put("odd-keys", key, "content of " + key);
        }
        for (String key : keys) {
            assertEquals("content of " + key, get("odd-keys", key), key);
        }
        List<String> listed = s3.listObjectsV2(r -> r.bucket("odd-keys")).contents().stream().map(S3Object::key).toList();
        List<String> sorted = new ArrayList<>(keys);
        sorted.sort((x, y) -> java.util.Arrays.compareUnsigned(x.getBytes(StandardCharsets.UTF_8),
                y.getBytes(StandardCharsets.UTF_8)));
        assertEquals(sorted, listed);
    }

    @Test
    void rangedReadsAnswer206() {
        s3.createBucket(r -> r.bucket("ranges"));
        put("ranges", "digits", "0123456789");
        var part = s3.getObjectAsBytes(r -> r.bucket("ranges").key("digits").range("bytes=2-5"));
        assertEquals("2345", part.asUtf8String());
        assertEquals(206, part.response().sdkHttpResponse().statusCode());
        assertEquals("bytes 2-5/10", part.response().contentRange());
        assertEquals(4L, part.response().contentLength());
        assertEquals("789", s3.getObjectAsBytes(r -> r.bucket("ranges").key("digits").range("bytes=-3")).asUtf8String());
        assertEquals("89", s3.getObjectAsBytes(r -> r.bucket("ranges").key("digits").range("bytes=8-100")).asUtf8String());
        assertEquals("0123456789", s3.getObjectAsBytes(r -> r.bucket("ranges").key("digits").range("bytes=5-2")).asUtf8String());
        S3Exception error = s3Error(416, "InvalidRange",
                () -> s3.getObjectAsBytes(r -> r.bucket("ranges").key("digits").range("bytes=10-")));
        assertEquals("The requested range is not satisfiable", error.awsErrorDetails().errorMessage());
        assertEquals(206, s3.headObject(r -> r.bucket("ranges").key("digits").range("bytes=0-0")).sdkHttpResponse().statusCode());
    }

    @Test
    void conditionalReads() {
        s3.createBucket(r -> r.bucket("conditions"));
        put("conditions", "k", "v1");
        String etag = s3.headObject(r -> r.bucket("conditions").key("k")).eTag();
        assertEquals("v1", s3.getObjectAsBytes(r -> r.bucket("conditions").key("k").ifMatch(etag)).asUtf8String());
        s3Error(412, "PreconditionFailed", () -> s3.getObjectAsBytes(r -> r.bucket("conditions").key("k").ifMatch("\"other\"")));
        S3Exception notModified = s3Error(304, null,
                () -> s3.getObjectAsBytes(r -> r.bucket("conditions").key("k").ifNoneMatch(etag)));
        assertEquals(304, notModified.statusCode());
    }

    /** Records what the SDK put on the wire for each PutObject. */
    private static final class WireHeaders implements ExecutionInterceptor {
        final List<String> contentSha256 = Collections.synchronizedList(new ArrayList<>());
        final List<String> contentEncoding = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            if (context.httpRequest().method().name().equals("PUT")) {
                contentSha256.add(context.httpRequest().firstMatchingHeader("x-amz-content-sha256").orElse(""));
                contentEncoding.add(context.httpRequest().firstMatchingHeader("Content-Encoding").orElse(""));
            }
        }
    }

    private static S3Client recording(WireHeaders wire, RequestChecksumCalculation checksums) {
        return S3Client.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1).forcePathStyle(true)
                .requestChecksumCalculation(checksums)
                .credentialsProvider(() -> server.rootCredentials())
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(wire).retryStrategy(r -> r.maxAttempts(1))).build();
    }

    @Test
    void signedChunkedUploadsWithChecksumTrailersAndPlainUploadsBothArrive() {
        s3.createBucket(r -> r.bucket("uploads"));
        byte[] big = new byte[300_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31);
        }
        WireHeaders defaults = new WireHeaders();
        S3Client chunked = recording(defaults, RequestChecksumCalculation.WHEN_SUPPORTED);
        var put = chunked.putObject(r -> r.bucket("uploads").key("default"), RequestBody.fromBytes(big));
        assertTrue(defaults.contentSha256.get(0).startsWith("STREAMING-"), defaults.contentSha256.toString());
        assertTrue(defaults.contentEncoding.get(0).contains("aws-chunked"), defaults.contentEncoding.toString());
        assertTrue(put.checksumCRC32() != null, "the verified CRC32 is echoed");
        assertArrayEquals(big, s3.getObjectAsBytes(r -> r.bucket("uploads").key("default")).asByteArray());
        GetObjectResponse withChecksum = s3.getObject(r -> r.bucket("uploads").key("default")
                .checksumMode("ENABLED"), (response, in) -> response);
        assertEquals(put.checksumCRC32(), withChecksum.checksumCRC32());

        WireHeaders required = new WireHeaders();
        S3Client plain = recording(required, RequestChecksumCalculation.WHEN_REQUIRED);
        plain.putObject(r -> r.bucket("uploads").key("when-required").contentType("text/plain"), RequestBody.fromBytes(big));
        assertEquals("STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER", defaults.contentSha256.get(0));
        assertEquals("STREAMING-AWS4-HMAC-SHA256-PAYLOAD", required.contentSha256.get(0), "signed chunks, no trailer");
        assertArrayEquals(big, s3.getObjectAsBytes(r -> r.bucket("uploads").key("when-required")).asByteArray());
        assertEquals("text/plain", s3.headObject(r -> r.bucket("uploads").key("when-required")).contentType());
    }

    /**
     * Signs an aws-chunked upload with the SDK's own signer. The signer signs payloads whenever the scheme is
     * http, so an unsigned payload is signed as for https (the scheme is not part of the signature) and sent over
     * http all the same.
     */
    private static SignedRequest chunked(String path, byte[] body, boolean signPayload) {
        SdkHttpRequest request = SignedRequests.asRoot(server).request("PUT", path, Map.of(),
                Map.of("Content-Length", Integer.toString(body.length))).toBuilder()
                .protocol(signPayload ? "http" : "https").build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r.identity(server.rootCredentials()).request(request)
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                .putProperty(AwsV4HttpSigner.CHUNK_ENCODING_ENABLED, true)
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, signPayload)
                .putProperty(AwsV4HttpSigner.CHECKSUM_ALGORITHM, DefaultChecksumAlgorithm.CRC32C));
        return signed.toBuilder().request(signed.request().toBuilder().protocol("http").build()).build();
    }

    private static byte[] encoded(SignedRequest signed) throws Exception {
        try (var in = signed.payload().orElseThrow().newStream()) {
            return in.readAllBytes();
        }
    }

    @Test
    void unsignedTrailersAndTamperedChunksAsTheSdkSignerMakesThem() throws Exception {
        s3.createBucket(r -> r.bucket("raw-chunks"));
        SignedRequests requests = SignedRequests.asRoot(server);
        byte[] body = "a chunked payload with a CRC32C trailer".getBytes(StandardCharsets.UTF_8);

        SignedRequest unsigned = chunked("/raw-chunks/unsigned", body, false);
        assertEquals("STREAMING-UNSIGNED-PAYLOAD-TRAILER",
                unsigned.request().firstMatchingHeader("x-amz-content-sha256").orElseThrow());
        SignedRequests.Response stored = requests.send(unsigned.request(), encoded(unsigned));
        assertEquals(200, stored.status(), stored.text());
        assertTrue(stored.header("x-amz-checksum-crc32c").isPresent(), stored.headers().toString());
        assertEquals(new String(body, StandardCharsets.UTF_8), get("raw-chunks", "unsigned"));

        SignedRequest again = chunked("/raw-chunks/bad-trailer", body, false);
        byte[] badTrailer = encoded(again);
        String text = new String(badTrailer, StandardCharsets.ISO_8859_1);
        int at = text.indexOf("x-amz-checksum-crc32c:") + "x-amz-checksum-crc32c:".length();
        badTrailer[at] = (byte) (badTrailer[at] == 'A' ? 'B' : 'A');
        SignedRequests.Response refused = requests.send(again.request(), badTrailer);
        assertEquals(400, refused.status(), refused.text());
        assertTrue(refused.text().contains("<Code>BadDigest</Code>"), refused.text());

        SignedRequest signed = chunked("/raw-chunks/signed", body, true);
        assertEquals("STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER",
                signed.request().firstMatchingHeader("x-amz-content-sha256").orElseThrow());
        byte[] tampered = encoded(signed);
        String encodedText = new String(tampered, StandardCharsets.ISO_8859_1);
        int data = encodedText.indexOf("a chunked payload");
        tampered[data] = 'A';
        SignedRequests.Response forged = requests.send(signed.request(), tampered);
        assertEquals(403, forged.status(), forged.text());
        assertTrue(forged.text().contains("<Code>SignatureDoesNotMatch</Code>"), forged.text());
        assertThrows(NoSuchKeyException.class, () -> get("raw-chunks", "signed"));
        SignedRequests.Response genuine = requests.send(signed.request(), encoded(signed));
        assertEquals(200, genuine.status(), genuine.text());
    }

    @Test
    void kmsEncryptionIsRecordedAndReported() {
        s3.createBucket(r -> r.bucket("kms-bucket"));
        var put = s3.putObject(r -> r.bucket("kms-bucket").key("k").serverSideEncryption(ServerSideEncryption.AWS_KMS)
                .ssekmsKeyId("1234abcd-12ab-34cd-56ef-1234567890ab"), RequestBody.fromString("secret"));
        String arn = "arn:aws:kms:us-east-1:" + server.accountId() + ":key/1234abcd-12ab-34cd-56ef-1234567890ab";
        assertEquals(ServerSideEncryption.AWS_KMS, put.serverSideEncryption());
        assertEquals(arn, put.ssekmsKeyId());
        HeadObjectResponse head = s3.headObject(r -> r.bucket("kms-bucket").key("k"));
        assertEquals(ServerSideEncryption.AWS_KMS, head.serverSideEncryption());
        assertEquals(arn, head.ssekmsKeyId());
        assertEquals("secret", get("kms-bucket", "k"));
        s3Error(400, "InvalidArgument", () -> s3.putObject(r -> r.bucket("kms-bucket").key("k2")
                .serverSideEncryption(ServerSideEncryption.AES256).ssekmsKeyId("key"), RequestBody.fromString("x")));
    }

    @Test
    void bucketDefaultEncryption() {
        s3.createBucket(r -> r.bucket("default-sse"));
        var initial = s3.getBucketEncryption(r -> r.bucket("default-sse")).serverSideEncryptionConfiguration();
        assertEquals(ServerSideEncryption.AES256, initial.rules().get(0).applyServerSideEncryptionByDefault().sseAlgorithm());
        String alias = "arn:aws:kms:us-east-1:" + server.accountId() + ":alias/trail-logs";
        s3.putBucketEncryption(r -> r.bucket("default-sse").serverSideEncryptionConfiguration(c -> c.rules(rule ->
                rule.applyServerSideEncryptionByDefault(d -> d.sseAlgorithm(ServerSideEncryption.AWS_KMS).kmsMasterKeyID(alias)))));
        var stored = s3.getBucketEncryption(r -> r.bucket("default-sse")).serverSideEncryptionConfiguration();
        assertEquals(alias, stored.rules().get(0).applyServerSideEncryptionByDefault().kmsMasterKeyID());
        var put = s3.putObject(r -> r.bucket("default-sse").key("k"), RequestBody.fromString("x"));
        assertEquals(ServerSideEncryption.AWS_KMS, put.serverSideEncryption());
        assertEquals(alias, put.ssekmsKeyId());
        s3Error(400, "InvalidArgument", () -> s3.putBucketEncryption(r -> r.bucket("default-sse")
                .serverSideEncryptionConfiguration(c -> c.rules(rule -> rule.applyServerSideEncryptionByDefault(
                        d -> d.sseAlgorithm(ServerSideEncryption.AES256).kmsMasterKeyID("k"))))));
        s3.deleteBucketEncryption(r -> r.bucket("default-sse"));
        assertEquals(ServerSideEncryption.AES256, s3.putObject(r -> r.bucket("default-sse").key("k2"),
                RequestBody.fromString("x")).serverSideEncryption());
    }

    @Test
    void objectsAreEncryptedAtRest() throws Exception {
        s3.createBucket(r -> r.bucket("at-rest"));
        String plaintext = "PLAINTEXT-MARKER-" + "a very recognisable sentence ".repeat(20);
        put("at-rest", "secret.txt", plaintext);
        List<Path> files;
        try (Stream<Path> listing = Files.list(server.dataDir().resolve("buckets").resolve("at-rest"))) {
            files = listing.toList();
        }
        assertEquals(1, files.size(), files.toString());
        byte[] stored = Files.readAllBytes(files.get(0));
        String storedText = new String(stored, StandardCharsets.ISO_8859_1);
        assertFalse(storedText.contains("PLAINTEXT-MARKER"), "the file holds the plaintext");
        assertFalse(storedText.contains("recognisable"), "the file holds the plaintext");
        assertTrue(stored.length >= plaintext.length() + 16, "ciphertext and tag");
        Path database = server.dataDir().resolve("waymark.db");
        if (Files.exists(database)) {
            assertFalse(Files.readString(database, StandardCharsets.ISO_8859_1).contains("PLAINTEXT-MARKER"),
                    "the store holds the plaintext");
        }
        assertEquals(plaintext, get("at-rest", "secret.txt"));
    }

    // ---- listings -----------------------------------------------------------------------------------------------

    private static final List<String> LISTED = List.of("a.txt", "logs/2024/01.json", "logs/2024/02.json",
            "logs/2025/01.json", "photos/x.jpg", "z space.txt");

    private static void listingBucket(String bucket) {
        s3.createBucket(r -> r.bucket(bucket));
        LISTED.forEach(key -> put(bucket, key, key));
    }

    @Test
    void listObjectsV2PagesWithDelimiterPrefixAndStartAfter() {
        listingBucket("list-v2");
        List<String> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String current = token;
            ListObjectsV2Response page = s3.listObjectsV2(r -> r.bucket("list-v2").maxKeys(2).continuationToken(current));
            page.contents().forEach(o -> seen.add(o.key()));
            assertEquals(page.contents().size(), page.keyCount());
            token = page.nextContinuationToken();
            assertEquals(token != null, page.isTruncated());
            pages++;
        } while (token != null);
        assertEquals(LISTED, seen);
        assertEquals(3, pages);

        ListObjectsV2Response top = s3.listObjectsV2(r -> r.bucket("list-v2").delimiter("/"));
        assertEquals(List.of("a.txt", "z space.txt"), top.contents().stream().map(S3Object::key).toList());
        assertEquals(List.of("logs/", "photos/"), top.commonPrefixes().stream().map(p -> p.prefix()).toList());
        assertEquals(4, top.keyCount());

        ListObjectsV2Response logs = s3.listObjectsV2(r -> r.bucket("list-v2").prefix("logs/").delimiter("/"));
        assertEquals(List.of("logs/2024/", "logs/2025/"), logs.commonPrefixes().stream().map(p -> p.prefix()).toList());
        assertTrue(logs.contents().isEmpty());

        List<String> prefixPages = new ArrayList<>();
        String next = null;
        do {
            String current = next;
            ListObjectsV2Response page = s3.listObjectsV2(r -> r.bucket("list-v2").delimiter("/").maxKeys(1)
                    .continuationToken(current));
            page.contents().forEach(o -> prefixPages.add(o.key()));
            page.commonPrefixes().forEach(p -> prefixPages.add(p.prefix()));
            next = page.nextContinuationToken();
        } while (next != null);
        assertEquals(List.of("a.txt", "logs/", "photos/", "z space.txt"), prefixPages, "no prefix is listed twice");

        assertEquals(List.of("logs/2025/01.json", "photos/x.jpg", "z space.txt"), s3.listObjectsV2(r -> r.bucket("list-v2")
                .startAfter("logs/2024/02.json")).contents().stream().map(S3Object::key).toList());
        S3Object first = s3.listObjectsV2(r -> r.bucket("list-v2").maxKeys(1)).contents().get(0);
        assertEquals(5L, first.size());
        assertEquals("\"" + ObjectsApi.md5Hex("a.txt".getBytes(StandardCharsets.UTF_8)) + "\"", first.eTag());
        assertEquals("z space.txt", s3.listObjectsV2(r -> r.bucket("list-v2").prefix("z").encodingType("url"))
                .contents().get(0).key(), "the SDK decodes url-encoded keys");
        s3Error(400, "InvalidArgument", () -> s3.listObjectsV2(r -> r.bucket("list-v2").continuationToken("bogus")));
        s3Error(400, "InvalidArgument", () -> s3.listObjectsV2(r -> r.bucket("list-v2").maxKeys(-1)));
    }

    @Test
    void listObjectsV1PagesWithMarkers() {
        listingBucket("list-v1");
        ListObjectsResponse page = s3.listObjects(r -> r.bucket("list-v1").maxKeys(3));
        assertEquals(List.of("a.txt", "logs/2024/01.json", "logs/2024/02.json"),
                page.contents().stream().map(S3Object::key).toList());
        assertTrue(page.isTruncated());
        assertNull(page.nextMarker(), "NextMarker only with a delimiter");
        ListObjectsResponse rest = s3.listObjects(r -> r.bucket("list-v1").marker("logs/2024/02.json"));
        assertEquals(List.of("logs/2025/01.json", "photos/x.jpg", "z space.txt"),
                rest.contents().stream().map(S3Object::key).toList());
        assertFalse(rest.isTruncated());
        ListObjectsResponse grouped = s3.listObjects(r -> r.bucket("list-v1").delimiter("/").maxKeys(2));
        assertEquals("logs/", grouped.nextMarker());
        ListObjectsResponse after = s3.listObjects(r -> r.bucket("list-v1").delimiter("/").marker(grouped.nextMarker()));
        assertEquals(List.of("photos/"), after.commonPrefixes().stream().map(p -> p.prefix()).toList());
        assertEquals(List.of("z space.txt"), after.contents().stream().map(S3Object::key).toList());
    }

    @Test
    void listObjectsV2ResponseMatchesTheGoldenFile() throws Exception {
        listingBucket("golden-list");
        SignedRequests.Response response = SignedRequests.asRoot(server).send("GET", "/golden-list",
                Map.of("list-type", "2", "prefix", "logs/", "delimiter", "/", "encoding-type", "url", "fetch-owner", "true"),
                Map.of(), new byte[0], "s3");
        assertEquals(200, response.status(), response.text());
        assertEquals("application/xml", response.header("content-type").orElse(""));
        Golden.assertMatchesText("s3/list-objects-v2.xml", response.text(), Map.of());
        SignedRequests.Response all = SignedRequests.asRoot(server).send("GET", "/golden-list",
                Map.of("list-type", "2", "prefix", "z", "encoding-type", "url", "fetch-owner", "true"),
                Map.of(), new byte[0], "s3");
        Golden.assertMatchesText("s3/list-objects-v2-contents.xml", all.text(), Map.of());
    }

    // ---- bucket policy, lifecycle -------------------------------------------------------------------------------

    @Test
    void bucketPolicyIsStoredAsGiven() {
        s3.createBucket(r -> r.bucket("with-policy"));
        S3Exception none = s3Error(404, "NoSuchBucketPolicy", () -> s3.getBucketPolicy(r -> r.bucket("with-policy")));
        assertEquals("The bucket policy does not exist", none.awsErrorDetails().errorMessage());
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"AWSCloudTrailWrite\",\"Effect\":\"Allow\","
                + "\"Principal\":{\"Service\":\"cloudtrail.amazonaws.com\"},\"Action\":\"s3:PutObject\","
                + "\"Resource\":\"arn:aws:s3:::with-policy/AWSLogs/*\"}]}";
        s3.putBucketPolicy(r -> r.bucket("with-policy").policy(policy));
        assertEquals(policy, s3.getBucketPolicy(r -> r.bucket("with-policy")).policy());
        s3Error(400, "MalformedPolicy", () -> s3.putBucketPolicy(r -> r.bucket("with-policy").policy("not json")));
        S3Exception noStatement = s3Error(400, "MalformedPolicy",
                () -> s3.putBucketPolicy(r -> r.bucket("with-policy").policy("{\"Version\":\"2012-10-17\"}")));
        assertEquals("Missing required field Statement", noStatement.awsErrorDetails().errorMessage());
        assertEquals(policy, s3.getBucketPolicy(r -> r.bucket("with-policy")).policy());
        s3.deleteBucketPolicy(r -> r.bucket("with-policy"));
        s3Error(404, "NoSuchBucketPolicy", () -> s3.getBucketPolicy(r -> r.bucket("with-policy")));
    }

    @Test
    void lifecycleConfigurationRoundTripsAndIsValidated() {
        s3.createBucket(r -> r.bucket("with-lifecycle"));
        S3Exception none = s3Error(404, "NoSuchLifecycleConfiguration",
                () -> s3.getBucketLifecycleConfiguration(r -> r.bucket("with-lifecycle")));
        assertEquals("The lifecycle configuration does not exist", none.awsErrorDetails().errorMessage());
        LifecycleRule rule = LifecycleRule.builder().id("expire-logs").status(ExpirationStatus.ENABLED)
                .filter(f -> f.prefix("logs/")).expiration(e -> e.days(30)).build();
        s3.putBucketLifecycleConfiguration(r -> r.bucket("with-lifecycle").lifecycleConfiguration(c -> c.rules(rule)));
        assertEquals(List.of(rule), s3.getBucketLifecycleConfiguration(r -> r.bucket("with-lifecycle")).rules());
        s3Error(400, "InvalidArgument", () -> s3.putBucketLifecycleConfiguration(r -> r.bucket("with-lifecycle")
                .lifecycleConfiguration(c -> c.rules(rule.toBuilder().expiration(e -> e.days(0)).build()))));
        s3Error(400, "InvalidArgument", () -> s3.putBucketLifecycleConfiguration(r -> r.bucket("with-lifecycle")
                .lifecycleConfiguration(c -> c.rules(rule, rule))));
        assertEquals(List.of(rule), s3.getBucketLifecycleConfiguration(r -> r.bucket("with-lifecycle")).rules());
        s3.deleteBucketLifecycle(r -> r.bucket("with-lifecycle"));
        s3Error(404, "NoSuchLifecycleConfiguration", () -> s3.getBucketLifecycleConfiguration(r -> r.bucket("with-lifecycle")));
    }

    private static LifecycleJob job(Instant at) {
        ObjectFiles files = new ObjectFiles(server.dataDir().resolve("buckets"),
                SecretBox.fromKeyFile(server.dataDir().resolve("master.key")));
        return new LifecycleJob(server.server().store(), files, Clock.fixed(at, ZoneOffset.UTC));
    }

    @Test
    void expiredObjectsAreDeletedByTheLifecycleJob() throws Exception {
        s3.createBucket(r -> r.bucket("expiring"));
        put("expiring", "old/a.json", "a");
        put("expiring", "old/b.json", "b");
        put("expiring", "keep/c.json", "c");
        s3.putBucketLifecycleConfiguration(r -> r.bucket("expiring").lifecycleConfiguration(c -> c.rules(
                LifecycleRule.builder().id("old").status(ExpirationStatus.ENABLED).filter(f -> f.prefix("old/"))
                        .expiration(e -> e.days(1)).build())));
        Instant written = s3.headObject(r -> r.bucket("expiring").key("old/a.json")).lastModified();
        Instant nextMidnight = written.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1));
        assertEquals(0, job(nextMidnight.minusSeconds(1).plus(Duration.ofDays(1))).runOnce().expired(),
                "an object lives until the midnight after last-modified + Days");
        assertEquals("a", get("expiring", "old/a.json"));
        LifecycleJob.Result result = job(nextMidnight.plus(Duration.ofDays(1))).runOnce();
        assertEquals(2, result.expired());
        assertThrows(NoSuchKeyException.class, () -> get("expiring", "old/a.json"));
        assertThrows(NoSuchKeyException.class, () -> get("expiring", "old/b.json"));
        assertEquals("c", get("expiring", "keep/c.json"));
        try (Stream<Path> left = Files.list(server.dataDir().resolve("buckets").resolve("expiring"))) {
            assertEquals(1, left.count(), "the expired objects' files are swept");
        }
    }

    @Test
    void filesWithoutARowAreSweptOnceOld() throws Exception {
        s3.createBucket(r -> r.bucket("sweeping"));
        put("sweeping", "kept", "kept");
        Path folder = server.dataDir().resolve("buckets").resolve("sweeping");
        Path oldOrphan = folder.resolve("orphan-from-a-crash");
        Path youngOrphan = folder.resolve("upload-in-flight");
        Files.writeString(oldOrphan, "x");
        Files.writeString(youngOrphan, "y");
        Files.setLastModifiedTime(oldOrphan, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
        job(Instant.now()).runOnce();
        assertFalse(Files.exists(oldOrphan));
        assertTrue(Files.exists(youngOrphan), "a file younger than the sweep age may be a write about to commit");
        assertEquals("kept", get("sweeping", "kept"));
    }

    // ---- accounts, authorization, audit -------------------------------------------------------------------------

    @Test
    void accountsAreWalls() {
        s3.createBucket(r -> r.bucket("private-bucket"));
        put("private-bucket", "k", "mine");
        TestServer.AccountKey other = server.createAccount("other");
        S3Client theirs = server.s3(other.credentials(), Region.US_EAST_1, RequestChecksumCalculation.WHEN_SUPPORTED);
        S3Exception head = assertThrows(S3Exception.class, () -> theirs.headBucket(r -> r.bucket("private-bucket")));
        assertEquals(403, head.statusCode());
        for (Runnable call : List.<Runnable>of(
                () -> theirs.getObjectAsBytes(r -> r.bucket("private-bucket").key("k")),
                () -> theirs.putObject(r -> r.bucket("private-bucket").key("k"), RequestBody.fromString("theirs")),
                () -> theirs.deleteObject(r -> r.bucket("private-bucket").key("k")),
                () -> theirs.listObjectsV2(r -> r.bucket("private-bucket")),
                () -> theirs.getBucketPolicy(r -> r.bucket("private-bucket")),
                () -> theirs.deleteBucket(r -> r.bucket("private-bucket")))) {
            S3Exception denied = s3Error(403, "AccessDenied", call);
            assertEquals("Access Denied", denied.awsErrorDetails().errorMessage());
        }
        assertThrows(BucketAlreadyExistsException.class, () -> theirs.createBucket(r -> r.bucket("private-bucket")));
        assertFalse(theirs.listBuckets().buckets().stream().anyMatch(b -> b.name().equals("private-bucket")));
        assertEquals("mine", get("private-bucket", "k"));
        s3Error(403, "AccessDenied", () -> s3.getObjectAsBytes(r -> r.bucket("private-bucket").key("k")
                .expectedBucketOwner(other.accountId())));
    }

    @Test
    void identityPoliciesUseS3ActionNamesAndArns() {
        s3.createBucket(r -> r.bucket("policed"));
        put("policed", "reports/r1", "r1");
        var reader = server.createUser("s3-reader", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Action\":[\"s3:GetObject\",\"s3:ListBucket\"],\"Resource\":[\"arn:aws:s3:::policed\","
                + "\"arn:aws:s3:::policed/reports/*\"]}]}");
        S3Client client = server.s3(reader, Region.US_EAST_1, RequestChecksumCalculation.WHEN_SUPPORTED);
        assertEquals("r1", client.getObjectAsBytes(r -> r.bucket("policed").key("reports/r1")).asUtf8String());
        assertEquals(1, client.listObjectsV2(r -> r.bucket("policed")).keyCount());
        S3Exception denied = s3Error(403, "AccessDenied", () -> client.putObject(r -> r.bucket("policed")
                .key("reports/r2"), RequestBody.fromString("r2")));
        assertEquals("User: arn:aws:iam::" + server.accountId() + ":user/s3-reader is not authorized to perform: "
                + "s3:PutObject on resource: arn:aws:s3:::policed/reports/r2 because no identity-based policy allows "
                + "the s3:PutObject action", denied.awsErrorDetails().errorMessage());
        s3Error(403, "AccessDenied", () -> client.listBuckets());
    }

    @Test
    void managementCallsAreRecordedAndObjectCallsAreNot() throws Exception {
        s3.createBucket(r -> r.bucket("audited-bucket"));
        s3.putBucketPolicy(r -> r.bucket("audited-bucket").policy("{\"Statement\":[]}"));
        put("audited-bucket", "data", "not recorded");
        get("audited-bucket", "data");
        s3Error(404, "NoSuchBucket", () -> s3.getBucketLocation(r -> r.bucket("audited-missing")));
        List<Event> events = server.cloudTrail(server.rootCredentials(), Region.US_EAST_1).lookupEvents(r -> r
                .lookupAttributes(LookupAttribute.builder().attributeKey(LookupAttributeKey.EVENT_SOURCE)
                        .attributeValue("s3.amazonaws.com").build()).maxResults(50)).events();
        List<JsonNode> records = new ArrayList<>();
        for (Event event : events) {
            records.add(JSON.readTree(event.cloudTrailEvent()));
        }
        JsonNode create = records.stream().filter(r -> r.path("eventName").asText().equals("CreateBucket")
                && r.path("requestParameters").path("bucketName").asText().equals("audited-bucket")).findFirst().orElseThrow();
        assertEquals("s3.amazonaws.com", create.path("eventSource").asText());
        assertEquals("127.0.0.1:" + server.port(), create.path("requestParameters").path("Host").asText());
        assertEquals("AWS::S3::Bucket", create.path("resources").path(0).path("type").asText());
        assertEquals("arn:aws:s3:::audited-bucket", create.path("resources").path(0).path("ARN").asText());
        assertFalse(create.path("readOnly").asBoolean());
        JsonNode policy = records.stream().filter(r -> r.path("eventName").asText().equals("PutBucketPolicy")
                && r.path("requestParameters").path("bucketName").asText().equals("audited-bucket")).findFirst().orElseThrow();
        assertEquals(JSON.readTree("{\"Statement\":[]}"), policy.path("requestParameters").path("bucketPolicy"));
        assertEquals("", policy.path("requestParameters").path("policy").asText("missing"));
        JsonNode failed = records.stream().filter(r -> r.path("eventName").asText().equals("GetBucketLocation")
                && r.path("requestParameters").path("bucketName").asText().equals("audited-missing")).findFirst().orElseThrow();
        assertEquals("NoSuchBucket", failed.path("errorCode").asText());
        assertTrue(failed.path("readOnly").asBoolean());
        assertTrue(records.stream().noneMatch(r -> List.of("PutObject", "GetObject", "HeadObject", "DeleteObject",
                "ListObjects", "ListObjectsV2").contains(r.path("eventName").asText())), "object calls are data events");
    }

    // ---- the wire -----------------------------------------------------------------------------------------------

    @Test
    void unimplementedOperationsAnswer501() {
        s3.createBucket(r -> r.bucket("not-implemented"));
        S3Exception error = s3Error(501, "NotImplemented", () -> s3.getBucketTagging(r -> r.bucket("not-implemented")));
        assertTrue(error.awsErrorDetails().errorMessage().contains("does not implement s3:GetBucketTagging"));
    }

    @Test
    void errorsAreS3ErrorDocuments() throws Exception {
        SignedRequests requests = SignedRequests.asRoot(server);
        SignedRequests.Response missing = requests.send("GET", "/missing-bucket-x/some/key", Map.of(), Map.of(),
                new byte[0], "s3");
        assertEquals(404, missing.status());
        String requestId = missing.header("x-amz-request-id").orElseThrow();
        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>NoSuchBucket</Code><Message>The specified "
                + "bucket does not exist</Message><Resource>/missing-bucket-x/some/key</Resource><RequestId>" + requestId
                + "</RequestId><HostId>" + missing.header("x-amz-id-2").orElseThrow() + "</HostId></Error>", missing.text());
        SignedRequests.Response head = requests.send("HEAD", "/missing-bucket-x", Map.of(), Map.of(), new byte[0], "s3");
        assertEquals(404, head.status());
        assertEquals(0, head.body().length);
        s3.createBucket(r -> r.bucket("wire-bucket"));
        SignedRequests.Response post = requests.send("POST", "/wire-bucket", Map.of(), Map.of(), new byte[0], "s3");
        assertEquals(405, post.status(), post.text());
        assertTrue(post.text().contains("<Code>MethodNotAllowed</Code>"), post.text());
        SignedRequests.Response badXml = requests.send("PUT", "/wire-bucket", Map.of("lifecycle", ""),
                Map.of("Content-Type", "application/xml"), "<LifecycleConfiguration><Rule>".getBytes(StandardCharsets.UTF_8), "s3");
        assertEquals(400, badXml.status(), badXml.text());
        assertTrue(badXml.text().contains("<Code>MalformedXML</Code>"), badXml.text());
        SignedRequests.Response noBody = requests.send("PUT", "/wire-bucket", Map.of("policy", ""), Map.of(),
                new byte[0], "s3");
        assertEquals(400, noBody.status(), noBody.text());
        assertTrue(noBody.text().contains("<Code>MissingRequestBodyError</Code>"), noBody.text());
    }

    @Test
    void wrongChecksumsAreRefused() throws Exception {
        s3.createBucket(r -> r.bucket("digests"));
        SignedRequests requests = SignedRequests.asRoot(server);
        byte[] body = "payload".getBytes(StandardCharsets.UTF_8);
        SignedRequests.Response md5 = requests.send("PUT", "/digests/k", Map.of(),
                Map.of("Content-MD5", "1B2M2Y8AsgTpgAmY7PhCfg=="), body, "s3");
        assertEquals(400, md5.status(), md5.text());
        assertTrue(md5.text().contains("<Code>BadDigest</Code>"), md5.text());
        for (String algorithm : List.of("crc32", "crc32c", "sha1", "sha256", "crc64nvme")) {
            SignedRequests.Response wrong = requests.send("PUT", "/digests/k", Map.of(),
                    Map.of("x-amz-checksum-" + algorithm, "AAAAAA=="), body, "s3");
            assertEquals(400, wrong.status(), wrong.text());
            assertTrue(wrong.text().contains("<Message>The " + algorithm.toUpperCase(java.util.Locale.ROOT)
                    + " you specified did not match the calculated checksum.</Message>"), wrong.text());
        }
        assertThrows(NoSuchKeyException.class, () -> get("digests", "k"));
        SignedRequests.Response right = requests.send("PUT", "/digests/k", Map.of(),
                Map.of("x-amz-checksum-crc32c", java.util.Base64.getEncoder().encodeToString(
                        java.nio.ByteBuffer.allocate(4).putInt((int) crc32c(body)).array())), body, "s3");
        assertEquals(200, right.status(), right.text());
        assertEquals("payload", get("digests", "k"));
    }

    private static long crc32c(byte[] data) {
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(data);
        return crc.getValue();
    }

    // ---- restart ------------------------------------------------------------------------------------------------

    @Test
    void objectsSurviveARestart() throws Exception {
        Path dataDir = Files.createTempDirectory("waymark-s3-restart");
        try (TestServer first = TestServer.start(dataDir)) {
            S3Client client = first.s3();
            client.createBucket(r -> r.bucket("durable"));
            client.putObject(r -> r.bucket("durable").key("log.json").metadata(Map.of("k", "v")),
                    RequestBody.fromString("survives"));
            client.putBucketLifecycleConfiguration(r -> r.bucket("durable").lifecycleConfiguration(c -> c.rules(
                    LifecycleRule.builder().id("r").status(ExpirationStatus.ENABLED).filter(f -> f.prefix("x/"))
                            .expiration(e -> e.days(7)).build())));
        }
        try (TestServer second = TestServer.start(dataDir)) {
            S3Client client = second.s3();
            assertEquals("survives", client.getObjectAsBytes(r -> r.bucket("durable").key("log.json")).asUtf8String());
            assertEquals(Map.of("k", "v"), client.headObject(r -> r.bucket("durable").key("log.json")).metadata());
            assertEquals(1, client.listObjectsV2(r -> r.bucket("durable")).keyCount());
            assertEquals(1, client.getBucketLifecycleConfiguration(r -> r.bucket("durable")).rules().size());
        }
    }
}
