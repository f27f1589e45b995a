// SPDX-License-Identifier: Apache-2.0
package dev.waymark.server;

import dev.waymark.core.AwsException;
import dev.waymark.core.ObjectStore;
import dev.waymark.s3.BucketDirectory;
import dev.waymark.s3.ObjectFiles;
import dev.waymark.s3.ObjectReader;
import dev.waymark.s3.ObjectWriter;
import dev.waymark.store.Store;
import dev.waymark.trail.ExternalBuckets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The {@link ObjectStore} of the services: a bucket of the embedded store when one of that name exists (it must
 * belong to the account acting, else {@code AccessDenied}), otherwise the external S3 store when one is configured
 * (which checks access for itself), otherwise {@code NoSuchBucket}. Embedded objects are written as the trails
 * write theirs: the file first, then its row in a transaction of its own.
 */
final class BucketObjects implements ObjectStore {
    private final Store store;
    private final ObjectReader reader;
    private final ObjectWriter writer;
    private final Optional<ExternalBuckets> external;
    private final Clock clock;
    private final BucketDirectory buckets = new BucketDirectory();

    BucketObjects(Store store, ObjectFiles files, Optional<ExternalBuckets> external, Clock clock) {
        this.store = store;
        this.reader = new ObjectReader(store, files);
        this.writer = new ObjectWriter(files);
        this.external = external;
        this.clock = clock;
    }

    @Override
    public byte[] get(String accountId, String bucket, String key) {
        if (embedded(accountId, bucket)) {
            return reader.get(bucket, key).map(ObjectReader.Content::bytes)
                    .orElseThrow(() -> error("NoSuchKey", 404, "The specified key does not exist: " + key));
        }
        return externally(() -> external.orElseThrow().get(bucket, key).map(ObjectReader.Content::bytes)
                .orElseThrow(() -> error("NoSuchKey", 404, "The specified key does not exist: " + key)));
    }

    @Override
    public List<String> list(String accountId, String bucket, String prefix) {
        if (embedded(accountId, bucket)) {
            return reader.keys(bucket, prefix);
        }
        return externally(() -> external.orElseThrow().keys(bucket, prefix));
    }

    @Override
    public void put(String accountId, String bucket, String key, byte[] body, String contentType) {
        if (embedded(accountId, bucket)) {
            ObjectWriter.Prepared prepared = writer.prepare(bucket, key, body, contentType, Optional.empty(),
                    Optional.empty(), Map.of(), clock.instant());
            store.write(tx -> {
                writer.commit(tx, prepared);
                return null;
            });
            return;
        }
        externally(() -> {
            external.orElseThrow().putObject(bucket, key, body, contentType);
            return null;
        });
    }

    /** Whether the bucket is embedded (and the account's); false when it is for the external store. */
    private boolean embedded(String accountId, String bucket) {
        Optional<BucketDirectory.BucketInfo> info = store.read(tx -> buckets.find(tx, bucket));
        if (info.isPresent()) {
            if (!info.get().accountId().equals(accountId)) {
                throw error("AccessDenied", 403, "Access Denied: bucket " + bucket + " belongs to another account");
            }
            return true;
        }
        if (external.isEmpty()) {
            throw error("NoSuchBucket", 404, "The specified bucket does not exist: " + bucket);
        }
        return false;
    }

    private static <T> T externally(Supplier<T> call) {
        try {
            return call.get();
        } catch (S3Exception e) {
            String code = e.awsErrorDetails() != null && e.awsErrorDetails().errorCode() != null
                    ? e.awsErrorDetails().errorCode() : e.statusCode() == 404 ? "NoSuchBucket" : "ServiceUnavailable";
            throw error(code, e.statusCode(), "The external store refused the request: " + code);
        } catch (SdkException e) {
            throw new AwsException("ServiceUnavailable", 503, AwsException.Fault.SERVER,
                    "The external store cannot be reached: " + e.getMessage());
        }
    }

    private static AwsException error(String code, int status, String message) {
        return new AwsException(code, status, AwsException.Fault.CLIENT, message);
    }
}
