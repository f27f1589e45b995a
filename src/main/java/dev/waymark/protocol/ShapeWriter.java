// SPDX-License-Identifier: Apache-2.0
package dev.waymark.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.protocol.ServiceModel.Member;
import dev.waymark.protocol.ServiceModel.Shape;
import java.time.Instant;

/**
 * Writes an output value (keyed by model member names) in a wire or audit form, following the model: only
 * modelled members are written, names are mapped, and timestamps take the format the protocol uses.
 */
public final class ShapeWriter {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** How member names are written. */
    public enum Names { WIRE, LOWER_CAMEL }

    /** How timestamps are written. */
    public enum Timestamps { EPOCH_SECONDS, ISO8601 }

    private final ServiceModel model;
    private final Names names;
    private final Timestamps timestamps;

    public ShapeWriter(ServiceModel model, Names names, Timestamps timestamps) {
        this.model = model;
        this.names = names;
        this.timestamps = timestamps;
    }

    public JsonNode write(String shapeName, JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return NODES.nullNode();
        }
        Shape shape = model.shape(shapeName);
        return switch (shape.type()) {
            case "structure" -> writeStructure(shape, value);
            case "list" -> writeList(shape, value);
            case "map" -> writeMap(shape, value);
            case "timestamp" -> writeTimestamp(shape, value);
            default -> value;
        };
    }

    /** Writes the members of a structure into {@code target}, optionally only those bound to the body. */
    public void writeMembers(Shape shape, JsonNode value, ObjectNode target, boolean bodyOnly) {
        for (Member member : shape.members().values()) {
            if (bodyOnly && member.location().isPresent()) {
                continue;
            }
            JsonNode memberValue = value.get(member.name());
            if (memberValue != null && !memberValue.isNull()) {
                target.set(name(member), write(member.shape(), memberValue));
            }
        }
    }

    private JsonNode writeStructure(Shape shape, JsonNode value) {
        ObjectNode result = NODES.objectNode();
        if (value.isObject()) {
            writeMembers(shape, value, result, false);
        }
        return result;
    }

    private JsonNode writeList(Shape shape, JsonNode value) {
        ArrayNode result = NODES.arrayNode();
        String itemShape = shape.member().orElseThrow().shape();
        value.forEach(item -> result.add(write(itemShape, item)));
        return result;
    }

    private JsonNode writeMap(Shape shape, JsonNode value) {
        ObjectNode result = NODES.objectNode();
        String valueShape = shape.value().orElseThrow();
        value.properties().forEach(e -> result.set(e.getKey(), write(valueShape, e.getValue())));
        return result;
    }

    private JsonNode writeTimestamp(Shape shape, JsonNode value) {
        Instant instant = value.isNumber()
                ? Instant.ofEpochMilli(value.decimalValue().movePointRight(3).longValue())
                : Instant.parse(value.asText());
        String format = shape.timestampFormat().orElse(timestamps == Timestamps.ISO8601 ? "iso8601" : "unixTimestamp");
        if (format.equals("iso8601")) {
            return NODES.textNode(instant.toString());
        }
        long millis = instant.toEpochMilli();
        return millis % 1000 == 0 ? NODES.numberNode(millis / 1000) : NODES.numberNode(millis / 1000.0);
    }

    private String name(Member member) {
        return names == Names.WIRE ? member.wireName() : ShapeReader.lowerCamel(member.name());
    }
}
