// SPDX-License-Identifier: Apache-2.0
package dev.waymark.core;

import java.util.List;

/**
 * Objects in buckets, for services that read or write files on a caller's behalf (Pinpoint's import and export
 * jobs) without knowing where buckets live: the server wires in the embedded bucket store, and the external S3
 * store for buckets that are not embedded. Every call names the account it acts for; an embedded bucket of another
 * account is refused ({@code AccessDenied}), never read or written. Failures are {@link AwsException}s with S3's
 * codes ({@code NoSuchBucket}, {@code NoSuchKey}, {@code AccessDenied}, …). Thread-safe.
 */
public interface ObjectStore {
    /** The object's content. */
    byte[] get(String accountId, String bucket, String key);

    /** Every key of the bucket that starts with the prefix, in key order. */
    List<String> list(String accountId, String bucket, String prefix);

    /** Writes (or overwrites) an object; it is durable when this returns. */
    void put(String accountId, String bucket, String key, byte[] body, String contentType);
}
