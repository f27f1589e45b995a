// SPDX-License-Identifier: Apache-2.0
package dev.waymark.s3;

import dev.waymark.store.Tx;
import java.sql.SQLException;
import java.util.Optional;

/**
 * What other capabilities may know of the embedded buckets: whether one exists, who owns it, where, and its
 * policy. Trails use it to check a bucket before they deliver into it.
 */
public final class BucketDirectory {
    private final BucketRepository buckets = new BucketRepository();

    /** A bucket as other capabilities see it. */
    public record BucketInfo(String name, String accountId, String region, Optional<String> policy) {
    }

    public Optional<BucketInfo> find(Tx tx, String name) throws SQLException {
        Optional<Bucket> bucket = buckets.find(tx, name);
        if (bucket.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> policy = buckets.document(tx, name, BucketRepository.Document.POLICY);
        return Optional.of(new BucketInfo(bucket.get().name(), bucket.get().accountId(), bucket.get().region(), policy));
    }
}
