// SPDX-License-Identifier: Apache-2.0
package dev.waymark.protocol.restxml;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/**
 * The {@code x-amz-checksum-*} algorithms of S3's flexible checksums that Waymark verifies: CRC32, CRC32C,
 * CRC64NVME, SHA1, SHA256, SHA512 and MD5, each computed over the whole payload and compared with the base64 value
 * the client sent (in a header, or in the trailer of an aws-chunked body). The XXHASH family is not verified: a
 * request carrying one is refused rather than stored unchecked.
 */
final class Checksums {
    /** The algorithms by the suffix of their header name ({@code x-amz-checksum-crc32} → {@code crc32}). */
    static final List<String> VERIFIED = List.of("crc32", "crc32c", "crc64nvme", "sha1", "sha256", "sha512", "md5");
    static final List<String> UNVERIFIED = List.of("xxhash64", "xxhash3", "xxhash128");

    private Checksums() {
    }

    /** The base64 checksum of the data, for one of {@link #VERIFIED}. */
    static String compute(String algorithm, byte[] data) {
        byte[] digest = switch (algorithm) {
            case "crc32" -> crc32(data);
            case "crc32c" -> crc32c(data);
            case "crc64nvme" -> ByteBuffer.allocate(8).putLong(Crc64Nvme.of(data)).array();
            case "sha1" -> digest("SHA-1", data);
            case "sha256" -> digest("SHA-256", data);
            case "sha512" -> digest("SHA-512", data);
            case "md5" -> digest("MD5", data);
            default -> throw new IllegalArgumentException("unknown checksum algorithm " + algorithm);
        };
        return Base64.getEncoder().encodeToString(digest);
    }

    /** The algorithm name as S3 spells it in messages ({@code CRC32}, {@code SHA256}). */
    static String displayName(String algorithm) {
        return algorithm.toUpperCase(Locale.ROOT);
    }

    /** The algorithm of a header name, when it is a checksum header. */
    static Optional<String> algorithmOf(String headerName) {
        String prefix = "x-amz-checksum-";
        if (!headerName.startsWith(prefix) || headerName.equals("x-amz-checksum-type")
                || headerName.equals("x-amz-checksum-mode") || headerName.equals("x-amz-checksum-algorithm")) {
            return Optional.empty();
        }
        return Optional.of(headerName.substring(prefix.length()));
    }

    private static byte[] crc32(byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(data);
        return ByteBuffer.allocate(4).putInt((int) crc.getValue()).array();
    }

    private static byte[] crc32c(byte[] data) {
        CRC32C crc = new CRC32C();
        crc.update(data);
        return ByteBuffer.allocate(4).putInt((int) crc.getValue()).array();
    }

    private static byte[] digest(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " unavailable", e);
        }
    }

    /**
     * CRC-64/NVME (reflected polynomial 0x9a6c9329ac4bc9b5, initial value and final xor all ones), which Java does
     * not ship. Check value: "123456789" → 0xae8b14860a799888.
     */
    static final class Crc64Nvme {
        private static final long[] TABLE = new long[256];

        static {
            for (int i = 0; i < 256; i++) {
                long crc = i;
                for (int bit = 0; bit < 8; bit++) {
                    crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0x9a6c9329ac4bc9b5L : crc >>> 1;
                }
                TABLE[i] = crc;
            }
        }

        private Crc64Nvme() {
        }

        static long of(byte[] data) {
            long crc = ~0L;
            for (byte b : data) {
                crc = TABLE[(int) ((crc ^ b) & 0xFF)] ^ (crc >>> 8);
            }
            return ~crc;
        }
    }
}
