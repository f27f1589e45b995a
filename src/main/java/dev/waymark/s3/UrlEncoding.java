// SPDX-License-Identifier: Apache-2.0
package dev.waymark.s3;

import java.nio.charset.StandardCharsets;

/**
 * The {@code encoding-type=url} form of keys in listings: every byte of the UTF-8 key percent-encoded except the
 * unreserved characters and '/', so that keys with control characters survive XML and clients decode them back.
 */
final class UrlEncoding {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private UrlEncoding() {
    }

    static String encode(String value) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~' || c == '/') {
                out.append(c);
            } else {
                out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
            }
        }
        return out.toString();
    }
}
