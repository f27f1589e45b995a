// SPDX-License-Identifier: Apache-2.0
package dev.waymark.protocol.sigv4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The aws-chunked decoder on bodies written by hand, well-formed and not. */
class AwsChunkedTest {
    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void signedChunksAndTrailer() throws Exception {
        AwsChunked chunked = AwsChunked.parse(bytes("5;chunk-signature=aaaa\r\nhello\r\n6;chunk-signature=bbbb\r\n world\r\n"
                + "0;chunk-signature=cccc\r\nx-amz-checksum-crc32:DUoRhQ==\r\nx-amz-trailer-signature:dddd\r\n\r\n"));
        assertEquals("hello world", new String(chunked.data(), StandardCharsets.UTF_8));
        assertEquals(3, chunked.chunks().size());
        assertEquals(Optional.of("bbbb"), chunked.chunks().get(1).signature());
        assertEquals(Map.of("x-amz-checksum-crc32", "DUoRhQ=="), chunked.trailers());
        assertEquals(Optional.of("dddd"), chunked.trailerSignature());
        assertEquals("x-amz-checksum-crc32:DUoRhQ==\n", chunked.canonicalTrailers());
    }

    @Test
    void unsignedChunksWithoutTrailer() throws Exception {
        AwsChunked chunked = AwsChunked.parse(bytes("3\r\nabc\r\n0\r\n\r\n"));
        assertEquals("abc", new String(chunked.data(), StandardCharsets.UTF_8));
        assertEquals(Optional.empty(), chunked.chunks().get(0).signature());
        assertEquals(Map.of(), chunked.trailers());
    }

    @Test
    void malformedBodiesAreRefused() {
        for (String body : new String[] {"", "zz\r\nabc\r\n0\r\n\r\n", "5\r\nabc\r\n0\r\n\r\n", "3\r\nabcX\r\n0\r\n\r\n",
                "3;unknown=1\r\nabc\r\n0\r\n\r\n", "3\r\nabc\r\n0\r\nno-colon\r\n\r\n", "3\r\nabc\r\n0\r\n\r\ntrailing"}) {
            assertThrows(AwsChunked.MalformedException.class, () -> AwsChunked.parse(bytes(body)), body);
        }
    }
}
