// SPDX-License-Identifier: Apache-2.0
package dev.waymark.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Strict percent-decoding (RFC 3986) of URI labels and query parameters, each decoded exactly once, and the
 * encoding SigV4 canonicalisation uses. Malformed escapes and bytes that are not UTF-8 are refused.
 */
public final class PercentCodec {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PercentCodec() {
    }

    /** Thrown for a malformed escape or for bytes that are not UTF-8. */
    public static final class MalformedException extends Exception {
        public MalformedException(String message) {
            super(message, null, false, false);
        }
    }

    public static String decode(String raw, boolean plusIsSpace) throws MalformedException {
        if (raw.indexOf('%') < 0 && (!plusIsSpace || raw.indexOf('+') < 0)) {
            return raw;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length() || hex(raw.charAt(i + 1)) < 0 || hex(raw.charAt(i + 2)) < 0) {
                    throw new MalformedException("Invalid percent-encoding in '" + raw + "'");
                }
                bytes.write(hex(raw.charAt(i + 1)) * 16 + hex(raw.charAt(i + 2)));
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                bytes.write(' ');
            } else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
            }
        }
        return utf8(bytes.toByteArray());
    }

    /** Decodes bytes as UTF-8, refusing malformed input instead of replacing it. */
    public static String utf8(byte[] bytes) throws MalformedException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedException("Input is not valid UTF-8");
        }
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }

    /** SigV4 URI encoding: every byte but the unreserved characters, and '/' unless {@code keepSlash}. */
    public static String encode(String value, boolean keepSlash) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~' || (keepSlash && c == '/')) {
                out.append(c);
            } else {
                out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
            }
        }
        return out.toString();
    }

    /** Splits a raw query string into decoded name/value pairs in their original order. */
    public static List<Map.Entry<String, String>> parseQuery(String rawQuery, boolean plusIsSpace) throws MalformedException {
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        if (rawQuery.isEmpty()) {
            return pairs;
        }
        for (String part : rawQuery.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String name = eq < 0 ? part : part.substring(0, eq);
            String value = eq < 0 ? "" : part.substring(eq + 1);
            pairs.add(Map.entry(decode(name, plusIsSpace), decode(value, plusIsSpace)));
        }
        return pairs;
    }
}
