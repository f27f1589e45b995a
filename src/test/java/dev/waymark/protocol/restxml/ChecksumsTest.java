// SPDX-License-Identifier: Apache-2.0
package dev.waymark.protocol.restxml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The flexible checksums against their published check values ("123456789"). */
class ChecksumsTest {
    private static final byte[] CHECK = "123456789".getBytes(StandardCharsets.US_ASCII);

    private static String hex(String algorithm) {
        return HexFormat.of().formatHex(Base64.getDecoder().decode(Checksums.compute(algorithm, CHECK)));
    }

    @Test
    void checkValues() {
        assertEquals("cbf43926", hex("crc32"));
        assertEquals("e3069283", hex("crc32c"));
        assertEquals("ae8b14860a799888", hex("crc64nvme"));
        assertEquals("f7c3bc1d808e04732adf679965ccc34ca7ae3441", hex("sha1"));
        assertEquals("15e2b0d3c33891ebb0f1ef609ec419420c20e320ce94c65fbc8c3312448eb225", hex("sha256"));
        assertEquals("25f9e794323b453885f5181f1b624d0b", hex("md5"));
    }

    @Test
    void checksumHeadersAreRecognised() {
        assertEquals("crc32", Checksums.algorithmOf("x-amz-checksum-crc32").orElseThrow());
        assertEquals(true, Checksums.algorithmOf("x-amz-checksum-mode").isEmpty());
        assertEquals(true, Checksums.algorithmOf("x-amz-checksum-type").isEmpty());
        assertEquals(true, Checksums.algorithmOf("content-md5").isEmpty());
    }
}
