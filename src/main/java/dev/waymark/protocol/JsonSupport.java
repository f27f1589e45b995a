// SPDX-License-Identifier: Apache-2.0
package dev.waymark.protocol;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;

/** The JSON mapper of the protocol layer, strict about what it reads. */
public final class JsonSupport {
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private JsonSupport() {
    }

    /** Parses a body; an empty body is an empty object. Not UTF-8 or not JSON: {@link IOException}. */
    public static JsonNode parseBody(byte[] body) throws IOException {
        if (body.length == 0) {
            return MAPPER.createObjectNode();
        }
        try {
            PercentCodec.utf8(body);
        } catch (PercentCodec.MalformedException e) {
            throw new IOException(e.getMessage());
        }
        JsonNode node = MAPPER.readTree(body);
        if (node == null || node.isMissingNode()) {
            return MAPPER.createObjectNode();
        }
        return node;
    }

    public static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialize JSON", e);
        }
    }
}
