// SPDX-License-Identifier: Apache-2.0
package dev.waymark.trail;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * An external S3-compatible store (AWS S3, MinIO, Ceph, moto) that trails deliver to when their bucket is not one of
 * Waymark's own, reached through the AWS SDK with the configured endpoint, region, credentials and addressing style.
 * Thread-safe.
 */
public final class ExternalBuckets implements AutoCloseable {
    private final S3Client client;

    /** Where and how to reach the external store; no endpoint means AWS S3 itself. */
    public record Settings(Optional<URI> endpoint, String region, Optional<String> accessKeyId,
                           Optional<String> secretAccessKey, boolean pathStyle) {
        public Settings {
            requireNonNull(endpoint, "endpoint is null");
            requireNonNull(region, "region is null");
            requireNonNull(accessKeyId, "accessKeyId is null");
            requireNonNull(secretAccessKey, "secretAccessKey is null");
        }
    }

    public ExternalBuckets(Settings settings) {
        var builder = S3Client.builder().region(Region.of(settings.region())).forcePathStyle(settings.pathStyle())
                .httpClient(UrlConnectionHttpClient.create()).credentialsProvider(credentials(settings));
        settings.endpoint().ifPresent(builder::endpointOverride);
        this.client = builder.build();
    }

    /** The configured access key, or without one the SDK's default credential chain. */
    static AwsCredentialsProvider credentials(Settings settings) {
        if (settings.accessKeyId().isPresent()) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.accessKeyId().get(),
                    settings.secretAccessKey().orElse("")));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    /**
     * What the store says about a bucket, asked over the network: why a trail could not deliver to it at all (it does
     * not exist, or it may not be read), else its policy when it has one.
     */
    record Seen(Optional<String> refusal, Optional<String> policy) {
    }

    /** Asks the store about a bucket (HeadBucket, then GetBucketPolicy); network failures are thrown. */
    Seen look(String bucket) {
        try {
            client.headBucket(r -> r.bucket(bucket));
        } catch (S3Exception e) {
            return new Seen(Optional.of(e.statusCode() == 404 ? "S3BucketDoesNotExistException"
                    : "InsufficientS3BucketPolicyException"), Optional.empty());
        }
        try {
            return new Seen(Optional.empty(), Optional.ofNullable(client.getBucketPolicy(r -> r.bucket(bucket)).policy()));
        } catch (S3Exception e) {
            return new Seen(Optional.empty(), Optional.empty());
        }
    }

    /**
     * Judges a bucket for a trail as CreateTrail does: it must exist, and when it has a policy, the policy must let
     * CloudTrail write. Returns the CloudTrail error code when it does not.
     */
    static Optional<String> refusal(Seen seen, String bucket, String prefix, List<String> logsFolders, String accountId,
                                    String trailArn) {
        if (seen.refusal().isPresent() || seen.policy().isEmpty()) {
            return seen.refusal();
        }
        return PolicyCheck.allowsDeliveryToAll(seen.policy().get(), bucket, prefix, logsFolders, accountId, trailArn)
                ? Optional.empty() : Optional.of("InsufficientS3BucketPolicyException");
    }

    /** Writes a log file with CloudTrail's headers and the trail's encryption. */
    void put(String bucket, String key, byte[] body, Optional<String> kmsKeyId) {
        put(bucket, key, body, kmsKeyId, java.util.Map.of());
    }

    /** Writes a log or digest file with CloudTrail's headers, the trail's encryption and user metadata. */
    void put(String bucket, String key, byte[] body, Optional<String> kmsKeyId, java.util.Map<String, String> metadata) {
        client.putObject(r -> {
            r.bucket(bucket).key(key).contentType("application/json").contentEncoding("gzip")
                    .acl(ObjectCannedACL.BUCKET_OWNER_FULL_CONTROL).metadata(metadata);
            if (kmsKeyId.isPresent()) {
                r.serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(kmsKeyId.get());
            } else {
                r.serverSideEncryption(ServerSideEncryption.AES256);
            }
        }, RequestBody.fromBytes(body));
    }

    /** Writes a plain object (Pinpoint's export files) with the store's default encryption. */
    public void putObject(String bucket, String key, byte[] body, String contentType) {
        client.putObject(r -> r.bucket(bucket).key(key).contentType(contentType), RequestBody.fromBytes(body));
    }

    /** Every key of the bucket that starts with the prefix, in key order (for the log validator, Pinpoint's jobs). */
    public java.util.List<String> keys(String bucket, String prefix) {
        return client.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix)).contents().stream()
                .map(software.amazon.awssdk.services.s3.model.S3Object::key).toList();
    }

    /** An object's stored bytes (a gzip body stays gzip) and user metadata; empty when there is no such key. */
    public Optional<dev.waymark.s3.ObjectReader.Content> get(String bucket, String key) {
        try {
            var object = client.getObjectAsBytes(r -> r.bucket(bucket).key(key));
            return Optional.of(new dev.waymark.s3.ObjectReader.Content(object.asByteArray(), object.response().metadata()));
        } catch (software.amazon.awssdk.services.s3.model.NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    /** The S3 error code of a failed delivery, as GetTrailStatus shows it. */
    static String errorCode(SdkException e) {
        if (e instanceof S3Exception s3 && s3.awsErrorDetails() != null && s3.awsErrorDetails().errorCode() != null) {
            return s3.awsErrorDetails().errorCode();
        }
        return "ServiceUnavailable";
    }

    @Override
    public void close() {
        client.close();
    }
}
