// SPDX-License-Identifier: Apache-2.0
package dev.waymark.s3;

import java.util.List;
import java.util.regex.Pattern;

/**
 * S3's naming rules for general purpose buckets
 * (<a href="https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html">Bucket naming rules</a>):
 * 3 to 63 characters; lower-case letters, digits, dots and hyphens; a letter or digit first and last; no two
 * adjacent dots; not shaped like an IP address; none of the reserved prefixes and suffixes.
 */
final class BucketNames {
    private static final Pattern ALLOWED = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern IP_ADDRESS = Pattern.compile("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    private static final List<String> RESERVED_PREFIXES = List.of("xn--", "sthree-", "amzn-s3-demo-");
    private static final List<String> RESERVED_SUFFIXES = List.of("-s3alias", "--ol-s3", ".mrap", "--x-s3",
            "--table-s3");

    private BucketNames() {
    }

    static boolean valid(String name) {
        if (!ALLOWED.matcher(name).matches() || name.contains("..") || IP_ADDRESS.matcher(name).matches()) {
            return false;
        }
        return RESERVED_PREFIXES.stream().noneMatch(name::startsWith)
                && RESERVED_SUFFIXES.stream().noneMatch(name::endsWith);
    }
}
