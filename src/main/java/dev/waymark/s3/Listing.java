// SPDX-License-Identifier: Apache-2.0
package dev.waymark.s3;

import static java.util.Objects.requireNonNull;

import dev.waymark.store.Tx;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One page of a bucket's keys as ListObjects and ListObjectsV2 see it: the keys after a marker that start with
 * the prefix, in UTF-8 byte order, where every key holding the delimiter after the prefix is rolled up into its
 * common prefix; keys and common prefixes together count towards MaxKeys.
 *
 * @param contents       the objects of the page
 * @param commonPrefixes the common prefixes of the page
 * @param truncated      whether more follows
 * @param last           the last key or common prefix of the page, from which the next page starts
 */
record Listing(List<StoredObject> contents, List<String> commonPrefixes, boolean truncated, Optional<String> last) {
    private static final int BATCH = 1000;
    /** Sorts after every character: a seek key past everything that starts with a common prefix. */
    private static final String HIGHEST = new String(Character.toChars(Character.MAX_CODE_POINT));

    Listing {
        contents = List.copyOf(contents);
        commonPrefixes = List.copyOf(commonPrefixes);
        requireNonNull(last, "last is null");
    }

    static Listing page(Tx tx, ObjectRepository objects, String bucket, String prefix, String delimiter,
                        String after, int maxKeys) throws SQLException {
        List<StoredObject> contents = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        String cursor = after;
        String lastPrefix = commonPrefix(after, prefix, delimiter).filter(after::equals).orElse(null);
        if (lastPrefix != null) {
            cursor = lastPrefix + HIGHEST;
        }
        String last = null;
        while (true) {
            List<StoredObject> batch = objects.page(tx, bucket, cursor, prefix, BATCH);
            boolean seek = false;
            for (StoredObject object : batch) {
                if (!object.key().startsWith(prefix)) {
                    return new Listing(contents, prefixes, false, Optional.ofNullable(last));
                }
                cursor = object.key();
                Optional<String> common = commonPrefix(object.key(), prefix, delimiter);
                if (common.isPresent() && common.get().equals(lastPrefix)) {
                    continue;
                }
                if (contents.size() + prefixes.size() == maxKeys) {
                    return new Listing(contents, prefixes, true, Optional.ofNullable(last));
                }
                if (common.isPresent()) {
                    prefixes.add(common.get());
                    lastPrefix = common.get();
                    last = lastPrefix;
                    cursor = lastPrefix + HIGHEST;
                    seek = true;
                    break;
                }
                contents.add(object);
                last = object.key();
            }
            if (!seek && batch.size() < BATCH) {
                return new Listing(contents, prefixes, false, Optional.ofNullable(last));
            }
        }
    }

    /** The common prefix a key rolls up into: up to and including the first delimiter after the prefix. */
    static Optional<String> commonPrefix(String key, String prefix, String delimiter) {
        if (delimiter.isEmpty() || !key.startsWith(prefix)) {
            return Optional.empty();
        }
        int at = key.indexOf(delimiter, prefix.length());
        return at < 0 ? Optional.empty() : Optional.of(key.substring(0, at + delimiter.length()));
    }
}
