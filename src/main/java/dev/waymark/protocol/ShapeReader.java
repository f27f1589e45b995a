// SPDX-License-Identifier: Apache-2.0
package dev.waymark.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.protocol.ServiceModel.Member;
import dev.waymark.protocol.ServiceModel.Shape;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Map;

/**
 * Reads a value from the wire into Waymark's input form, checking it against the model as it goes: structures
 * become objects keyed by member name (unknown members are dropped), timestamps become ISO-8601 instants, blobs
 * stay base64 text. Type errors and constraint violations are collected in {@link Violations}.
 */
public final class ShapeReader {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ServiceModel model;

    public ShapeReader(ServiceModel model) {
        this.model = model;
    }

    /** Reads a JSON value of the given shape; members are looked up under their wire names. */
    public JsonNode readJson(String shapeName, JsonNode wire, String path, Violations violations) {
        Shape shape = model.shape(shapeName);
        return switch (shape.type()) {
            case "structure" -> readStructure(shape, wire, path, violations);
            case "list" -> readList(shape, wire, path, violations);
            case "map" -> readMap(shape, wire, path, violations);
            default -> readScalar(shape, wire, path, violations);
        };
    }

    private JsonNode readStructure(Shape shape, JsonNode wire, String path, Violations violations) {
        if (!wire.isObject()) {
            violations.typeError(path, "an object");
            return NODES.nullNode();
        }
        ObjectNode result = NODES.objectNode();
        for (Map.Entry<String, Member> entry : shape.members().entrySet()) {
            Member member = entry.getValue();
            JsonNode value = wire.get(member.wireName());
            if (value != null && !value.isNull()) {
                result.set(member.name(), readJson(member.shape(), value, child(path, member.name()), violations));
            }
        }
        checkRequired(shape, result, path, violations);
        return result;
    }

    /** Adds a violation for each required member missing from a decoded structure. */
    public void checkRequired(Shape shape, ObjectNode decoded, String path, Violations violations) {
        for (String required : shape.required()) {
            if (!decoded.has(required)) {
                violations.constraint("null", child(path, required), "Member must not be null");
            }
        }
    }

    private JsonNode readList(Shape shape, JsonNode wire, String path, Violations violations) {
        if (!wire.isArray()) {
            violations.typeError(path, "an array");
            return NODES.nullNode();
        }
        ArrayNode result = NODES.arrayNode();
        int index = 1;
        for (JsonNode item : wire) {
            result.add(readJson(shape.member().orElseThrow().shape(), item, path + "." + index + ".member", violations));
            index++;
        }
        checkLength(shape, result.size(), result.size() + " items", path, violations);
        return result;
    }

    private JsonNode readMap(Shape shape, JsonNode wire, String path, Violations violations) {
        if (!wire.isObject()) {
            violations.typeError(path, "an object");
            return NODES.nullNode();
        }
        ObjectNode result = NODES.objectNode();
        wire.properties().forEach(e -> result.set(e.getKey(),
                readJson(shape.value().orElseThrow(), e.getValue(), path + "." + e.getKey(), violations)));
        return result;
    }

    private JsonNode readScalar(Shape shape, JsonNode wire, String path, Violations violations) {
        switch (shape.type()) {
            case "string" -> {
                if (!wire.isTextual()) {
                    violations.typeError(path, "a string");
                    return NODES.nullNode();
                }
                checkString(shape, wire.asText(), path, violations);
                return wire;
            }
            case "boolean" -> {
                if (!wire.isBoolean()) {
                    violations.typeError(path, "a boolean");
                    return NODES.nullNode();
                }
                return wire;
            }
            case "integer", "long" -> {
                if (!wire.isIntegralNumber() || !wire.canConvertToLong()
                        || (shape.type().equals("integer") && !wire.canConvertToInt())) {
                    violations.typeError(path, "an " + shape.type());
                    return NODES.nullNode();
                }
                checkRange(shape, wire.asLong(), path, violations);
                return NODES.numberNode(wire.asLong());
            }
            case "double", "float" -> {
                if (!wire.isNumber()) {
                    violations.typeError(path, "a number");
                    return NODES.nullNode();
                }
                return NODES.numberNode(wire.asDouble());
            }
            case "timestamp" -> {
                return readTimestamp(wire, path, violations);
            }
            case "blob" -> {
                if (!wire.isTextual() || !isBase64(wire.asText())) {
                    violations.typeError(path, "base64 text");
                    return NODES.nullNode();
                }
                return wire;
            }
            default -> {
                return wire;
            }
        }
    }

    /** Reads a scalar that arrived as text (a URI label, query parameter, header or form field). */
    public JsonNode readText(String shapeName, String text, String path, Violations violations) {
        Shape shape = model.shape(shapeName);
        switch (shape.type()) {
            case "string" -> {
                checkString(shape, text, path, violations);
                return NODES.textNode(text);
            }
            case "boolean" -> {
                if (!text.equals("true") && !text.equals("false")) {
                    violations.typeError(path, "true or false");
                    return NODES.nullNode();
                }
                return NODES.booleanNode(Boolean.parseBoolean(text));
            }
            case "integer", "long" -> {
                try {
                    long value = shape.type().equals("integer") ? Integer.parseInt(text) : Long.parseLong(text);
                    checkRange(shape, value, path, violations);
                    return NODES.numberNode(value);
                } catch (NumberFormatException e) {
                    violations.typeError(path, "an " + shape.type());
                    return NODES.nullNode();
                }
            }
            case "double", "float" -> {
                try {
                    return NODES.numberNode(Double.parseDouble(text));
                } catch (NumberFormatException e) {
                    violations.typeError(path, "a number");
                    return NODES.nullNode();
                }
            }
            case "timestamp" -> {
                return readTimestamp(NODES.textNode(text), path, violations);
            }
            default -> {
                return NODES.textNode(text);
            }
        }
    }

    private static JsonNode readTimestamp(JsonNode wire, String path, Violations violations) {
        try {
            if (wire.isNumber()) {
                BigDecimal seconds = wire.decimalValue();
                long millis = seconds.movePointRight(3).longValue();
                return NODES.textNode(Instant.ofEpochMilli(millis).toString());
            }
            if (wire.isTextual()) {
                String text = wire.asText();
                if (text.matches("-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?")) {
                    return NODES.textNode(Instant.ofEpochMilli(new BigDecimal(text).movePointRight(3).longValue()).toString());
                }
                return NODES.textNode(Instant.parse(text).toString());
            }
        } catch (DateTimeParseException | ArithmeticException e) {
            // fall through to the type error
        }
        violations.typeError(path, "a timestamp");
        return NODES.nullNode();
    }

    private static void checkString(Shape shape, String text, String path, Violations violations) {
        int length = text.codePointCount(0, text.length());
        checkLength(shape, length, "'" + text + "'", path, violations);
        if (shape.pattern().isPresent() && !shape.pattern().get().matcher(text).matches()) {
            violations.constraint("'" + text + "'", path,
                    "Member must satisfy regular expression pattern: " + shape.pattern().get().pattern());
        }
    }

    private static void checkLength(Shape shape, long length, String valueText, String path, Violations violations) {
        if (shape.min().isPresent() && length < shape.min().get()) {
            violations.constraint(valueText, path, "Member must have length greater than or equal to " + shape.min().get());
        }
        if (shape.max().isPresent() && length > shape.max().get()) {
            violations.constraint(valueText, path, "Member must have length less than or equal to " + shape.max().get());
        }
    }

    private static void checkRange(Shape shape, long value, String path, Violations violations) {
        if (shape.min().isPresent() && value < shape.min().get()) {
            violations.constraint("'" + value + "'", path, "Member must have value greater than or equal to " + shape.min().get());
        }
        if (shape.max().isPresent() && value > shape.max().get()) {
            violations.constraint("'" + value + "'", path, "Member must have value less than or equal to " + shape.max().get());
        }
    }

    private static boolean isBase64(String text) {
        try {
            Base64.getDecoder().decode(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** AWS validation messages name members in lower camel case, joined with dots. */
    public static String child(String path, String memberName) {
        String name = lowerCamel(memberName);
        return path.isEmpty() ? name : path + "." + name;
    }

    public static String lowerCamel(String name) {
        if (name.isEmpty() || Character.isLowerCase(name.charAt(0))) {
            return name;
        }
        int upper = 0;
        while (upper < name.length() && Character.isUpperCase(name.charAt(upper))) {
            upper++;
        }
        if (upper == 1 || upper == name.length()) {
            return name.substring(0, upper).toLowerCase(java.util.Locale.ROOT) + name.substring(upper);
        }
        // An acronym run: "KMSKeyId" -> "kmsKeyId" (the last capital starts the next word).
        return name.substring(0, upper - 1).toLowerCase(java.util.Locale.ROOT) + name.substring(upper - 1);
    }
}
