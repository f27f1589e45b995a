// SPDX-License-Identifier: Apache-2.0
package dev.waymark.s3;

import dev.waymark.store.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads objects of the embedded store for other capabilities (the log validator): keys by prefix, content, metadata. */
public final class ObjectReader {
    private final Store store;
    private final ObjectFiles files;
    private final ObjectRepository objects = new ObjectRepository();

    public ObjectReader(Store store, ObjectFiles files) {
        this.store = store;
        this.files = files;
    }

    /** An object's plaintext and user metadata. */
    public record Content(byte[] bytes, Map<String, String> metadata) {
    }

    /** Every key of the bucket that starts with the prefix, in key order. */
    public List<String> keys(String bucket, String prefix) {
        List<String> keys = new ArrayList<>();
        String after = "";
        while (true) {
            String from = after;
            List<StoredObject> page = store.read(tx -> objects.page(tx, bucket, from, prefix, 1000));
            for (StoredObject object : page) {
                if (!object.key().startsWith(prefix)) {
                    return keys;
                }
                keys.add(object.key());
            }
            if (page.size() < 1000) {
                return keys;
            }
            after = page.get(page.size() - 1).key();
        }
    }

    public Optional<Content> get(String bucket, String key) {
        Optional<StoredObject> object = store.read(tx -> objects.find(tx, bucket, key));
        if (object.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Content(files.read(bucket, object.get().fileId(), object.get().encryption().sealedDataKey()),
                    object.get().metadata()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
