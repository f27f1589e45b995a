// SPDX-License-Identifier: Apache-2.0
package dev.waymark.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The masking table ({@code /audit/masking.json}): per service, members whose value becomes {@code "***"} and
 * members that are left out, wherever they occur in requestParameters or responseElements. Opaque members (tag
 * maps) are kept as they are: their keys are the customer's, not model members.
 */
public final class Masking {
    static final String MASK = "***";

    private final Map<String, Rules> rules;

    private record Rules(Set<String> mask, Set<String> omit, Set<String> opaque) {
    }

    private Masking(Map<String, Rules> rules) {
        this.rules = rules;
    }

    /** The built-in table. */
    public static Masking load() {
        try (InputStream in = Masking.class.getResourceAsStream("/audit/masking.json")) {
            return parse(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the masking table", e);
        }
    }

    /** A table from a file of the same form as the built-in one ({@code --masking-file}), which it replaces. */
    public static Masking load(java.nio.file.Path file) {
        try {
            return parse(new ObjectMapper().readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the masking table " + file, e);
        }
    }

    private static Masking parse(JsonNode root) {
        {
            Map<String, Rules> rules = new HashMap<>();
            root.properties().forEach(e -> {
                if (!e.getKey().startsWith("_")) {
                    rules.put(e.getKey(), new Rules(set(e.getValue(), "mask"), set(e.getValue(), "omit"), set(e.getValue(), "opaque")));
                }
            });
            return new Masking(rules);
        }
    }

    private static Set<String> set(JsonNode node, String field) {
        Set<String> result = new HashSet<>();
        node.path(field).forEach(item -> result.add(item.asText()));
        return Set.copyOf(result);
    }

    /** Masks a copy of the value for the given service. */
    public JsonNode apply(String service, JsonNode value) {
        Rules serviceRules = rules.get(service);
        if (serviceRules == null || value == null) {
            return value;
        }
        JsonNode copy = value.deepCopy();
        mask(copy, serviceRules);
        return copy;
    }

    private static void mask(JsonNode node, Rules rules) {
        if (node instanceof ObjectNode object) {
            object.remove(rules.omit());
            for (Map.Entry<String, JsonNode> entry : object.properties()) {
                if (rules.mask().contains(entry.getKey())) {
                    entry.setValue(object.textNode(MASK));
                } else if (!rules.opaque().contains(entry.getKey())) {
                    mask(entry.getValue(), rules);
                }
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(item -> mask(item, rules));
        }
    }
}
