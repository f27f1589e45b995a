// SPDX-License-Identifier: Apache-2.0
package dev.waymark.s3;

import dev.waymark.core.Uuids;
import dev.waymark.store.Tx;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;

/**
 * Writes objects on behalf of a service (CloudTrail delivering log files), not of a caller. The encrypted file is
 * written first, outside any transaction ({@link #prepare}); the object appears only when its row commits
 * ({@link #commit}), in the caller's transaction, so an object and what the caller records with it (a trail's
 * checkpoint) become visible together or not at all. A file whose row never commits is swept later.
 */
public final class ObjectWriter {
    private final ObjectFiles files;
    private final ObjectRepository objects = new ObjectRepository();

    public ObjectWriter(ObjectFiles files) {
        this.files = files;
    }

    /** An object written to disk and not yet visible. */
    public record Prepared(StoredObject object) {
        public String etag() {
            return object.etag();
        }
    }

    public Prepared prepare(String bucket, String key, byte[] body, String contentType, Optional<String> contentEncoding,
                            Optional<String> kmsKeyId, Map<String, String> metadata, Instant now) {
        String fileId = Uuids.random().toString();
        String sealedKey = files.write(bucket, fileId, body);
        StoredObject object = new StoredObject(bucket, key, fileId, body.length, ObjectsApi.md5Hex(body),
                now.truncatedTo(ChronoUnit.SECONDS), Optional.of(contentType), contentEncoding, Map.of(), metadata,
                new StoredObject.Encryption(kmsKeyId.isPresent() ? "aws:kms" : "AES256", kmsKeyId, sealedKey),
                Optional.empty());
        return new Prepared(object);
    }

    public void commit(Tx tx, Prepared prepared) throws SQLException {
        objects.put(tx, prepared.object());
    }
}
