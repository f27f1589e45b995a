// SPDX-License-Identifier: Apache-2.0
package dev.waymark.s3;

import dev.waymark.core.Invocation;
import dev.waymark.store.Tx;
import java.sql.SQLException;

/**
 * The wall between accounts: a bucket exists for everyone (its name is global) but only its owner may use it;
 * any other account is denied, whatever the operation, and so is a request whose
 * {@code x-amz-expected-bucket-owner} names another account. Bucket policies granting other accounts are stored but not
 * evaluated yet, so they grant nothing.
 */
final class Access {
    private final BucketRepository buckets;

    Access(BucketRepository buckets) {
        this.buckets = buckets;
    }

    /** The bucket the request names: NoSuchBucket when there is none, AccessDenied when another account owns it. */
    Bucket owned(Invocation inv, Tx tx) throws SQLException {
        String name = inv.input().path("Bucket").asText();
        Bucket bucket = buckets.find(tx, name).orElseThrow(S3Errors::noSuchBucket);
        String expectedOwner = inv.input().path("ExpectedBucketOwner").asText(bucket.accountId());
        if (!bucket.accountId().equals(inv.accountId()) || !expectedOwner.equals(bucket.accountId())) {
            throw S3Errors.accessDenied();
        }
        return bucket;
    }
}
