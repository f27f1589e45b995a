// SPDX-License-Identifier: Apache-2.0
package dev.waymark.s3;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * An object's metadata as the store keeps it.
 *
 * @param fileId          name of the encrypted file under the bucket's folder
 * @param etag            hex MD5 of the plaintext, without quotes
 * @param headers         the stored representation headers other than type and encoding (Cache-Control,
 *                        Content-Disposition, Content-Language, Expires), by their model member names
 * @param metadata        user metadata ({@code x-amz-meta-*}, names lower case without the prefix)
 * @param encryption      how it is encrypted at rest, with the sealed data key
 * @param checksum        the flexible checksum the object was uploaded with, if any
 */
record StoredObject(String bucket, String key, String fileId, long size, String etag, Instant lastModified,
                    Optional<String> contentType, Optional<String> contentEncoding, Map<String, String> headers,
                    Map<String, String> metadata, Encryption encryption, Optional<Checksum> checksum) {
    StoredObject {
        requireNonNull(bucket, "bucket is null");
        requireNonNull(key, "key is null");
        requireNonNull(fileId, "fileId is null");
        requireNonNull(etag, "etag is null");
        requireNonNull(lastModified, "lastModified is null");
        requireNonNull(contentType, "contentType is null");
        requireNonNull(contentEncoding, "contentEncoding is null");
        headers = Map.copyOf(headers);
        metadata = Map.copyOf(metadata);
        requireNonNull(encryption, "encryption is null");
        requireNonNull(checksum, "checksum is null");
    }

    /**
     * Server-side encryption of one object: {@code AES256} (SSE-S3) or {@code aws:kms} with the key id S3 reports;
     * either way the data key is sealed with Waymark's master key, since there is no KMS.
     */
    record Encryption(String algorithm, Optional<String> kmsKeyId, String sealedDataKey) {
        Encryption {
            requireNonNull(algorithm, "algorithm is null");
            requireNonNull(kmsKeyId, "kmsKeyId is null");
            requireNonNull(sealedDataKey, "sealedDataKey is null");
        }
    }

    /** A flexible checksum: the algorithm's model member name ({@code ChecksumCRC32}) and the base64 value. */
    record Checksum(String member, String value) {
        Checksum {
            requireNonNull(member, "member is null");
            requireNonNull(value, "value is null");
        }
    }
}
