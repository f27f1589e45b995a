// SPDX-License-Identifier: Apache-2.0
package dev.waymark.trail;

import dev.waymark.s3.BucketDirectory;
import dev.waymark.s3.ObjectReader;
import dev.waymark.store.Store;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the log validator reads digest and log files: a bucket of Waymark's embedded store directly, any other
 * bucket through the external S3 store (the AWS SDK client configured by {@code --external-s3-*}). Thread-safe.
 */
final class LogSources {
    private final Store store;
    private final ObjectReader embedded;
    private final Optional<ExternalBuckets> external;
    private final BucketDirectory buckets = new BucketDirectory();
    private final Map<String, Boolean> isEmbedded = new ConcurrentHashMap<>();

    LogSources(Store store, ObjectReader embedded, Optional<ExternalBuckets> external) {
        this.store = store;
        this.embedded = embedded;
        this.external = external;
    }

    /** Every key of the bucket that starts with the prefix, in key order. */
    List<String> keys(String bucket, String prefix) {
        return embedded(bucket) ? embedded.keys(bucket, prefix) : external.orElseThrow().keys(bucket, prefix);
    }

    /** The object's stored bytes and user metadata; empty when there is no such key. */
    Optional<ObjectReader.Content> get(String bucket, String key) {
        return embedded(bucket) ? embedded.get(bucket, key) : external.orElseThrow().get(bucket, key);
    }

    private boolean embedded(String bucket) {
        return isEmbedded.computeIfAbsent(bucket, name -> {
            boolean found = store.read(tx -> buckets.find(tx, name)).isPresent();
            if (!found && external.isEmpty()) {
                throw new IllegalArgumentException("The bucket " + name + " is not in Waymark's embedded store, and no "
                        + "external S3 store is configured (--external-s3-endpoint, --external-s3-access-key-id, …)");
            }
            return found;
        });
    }
}
