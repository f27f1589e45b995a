// SPDX-License-Identifier: Apache-2.0
package dev.waymark.s3;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One byte range of a GET or HEAD ({@code Range: bytes=first-last}, {@code bytes=first-}, {@code bytes=-suffix}),
 * resolved against the object's size as S3 does: a range S3 cannot read (malformed, several ranges, last before
 * first) is ignored and the whole object is returned; a range that starts past the end is InvalidRange (416).
 */
record ByteRange(long first, long last, long size) {
    private static final Pattern SINGLE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    static Optional<ByteRange> parse(String header, long size) {
        Matcher matcher = SINGLE.matcher(header.trim());
        if (!matcher.matches() || (matcher.group(1).isEmpty() && matcher.group(2).isEmpty())) {
            return Optional.empty();
        }
        try {
            if (matcher.group(1).isEmpty()) {
                long suffix = Long.parseLong(matcher.group(2));
                if (suffix == 0 || size == 0) {
                    throw S3Errors.invalidRange();
                }
                return Optional.of(new ByteRange(Math.max(0, size - suffix), size - 1, size));
            }
            long first = Long.parseLong(matcher.group(1));
            if (!matcher.group(2).isEmpty() && Long.parseLong(matcher.group(2)) < first) {
                return Optional.empty();
            }
            long last = matcher.group(2).isEmpty() ? size - 1 : Long.parseLong(matcher.group(2));
            if (first >= size) {
                throw S3Errors.invalidRange();
            }
            return Optional.of(new ByteRange(first, Math.min(last, size - 1), size));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    long length() {
        return last - first + 1;
    }

    /** The Content-Range header of the partial response. */
    String contentRange() {
        return "bytes " + first + "-" + last + "/" + size;
    }
}
