// SPDX-License-Identifier: Apache-2.0
package dev.waymark.email;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.regex.Pattern;

/** JSON of stored state, and the name rule the API's resources share. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
    /** Configuration sets, event destinations and pools: up to 64 letters, digits, hyphens and underscores. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private Json() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ObjectNode parse(String json) {
        try {
            return (ObjectNode) MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is corrupt", e);
        }
    }

    /** The name, checked against {@link #NAME}; BadRequestException naming the member otherwise. */
    static String name(String value, String member) {
        if (!NAME.matcher(value).matches()) {
            throw EmailErrors.badRequest("Invalid " + member + " '" + value + "': it must be 1 to 64 characters, "
                    + "letters, digits, hyphens (-) and underscores (_) only");
        }
        return value;
    }
}
