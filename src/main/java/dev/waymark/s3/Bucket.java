// SPDX-License-Identifier: Apache-2.0
package dev.waymark.s3;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** A bucket: its global name, the account that owns it, the region it was created in, and when. */
record Bucket(String name, String accountId, String region, Instant createdAt) {
    Bucket {
        requireNonNull(name, "name is null");
        requireNonNull(accountId, "accountId is null");
        requireNonNull(region, "region is null");
        requireNonNull(createdAt, "createdAt is null");
    }

    String arn() {
        return "arn:aws:s3:::" + name;
    }

    /** GetBucketLocation's answer: empty for us-east-1, as S3 answers. */
    String locationConstraint() {
        return region.equals("us-east-1") ? "" : region;
    }
}
