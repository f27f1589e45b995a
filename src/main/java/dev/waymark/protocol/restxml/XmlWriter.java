// SPDX-License-Identifier: Apache-2.0
package dev.waymark.protocol.restxml;

import com.fasterxml.jackson.databind.JsonNode;
import dev.waymark.protocol.ServiceModel;
import dev.waymark.protocol.ServiceModel.Member;
import dev.waymark.protocol.ServiceModel.Shape;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes an output value (keyed by model member names) as an XML document, following the model: element names
 * from the members' locationNames, lists wrapped or flattened, timestamps in ISO 8601 with milliseconds as S3
 * writes them, blobs in base64. Members bound to headers, the status code or the payload are left to the caller.
 */
final class XmlWriter {
    private static final XMLOutputFactory XML = XMLOutputFactory.newInstance();
    static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final ServiceModel model;

    XmlWriter(ServiceModel model) {
        this.model = model;
    }

    @FunctionalInterface
    interface Body {
        void write(XMLStreamWriter writer) throws XMLStreamException;
    }

    /** A complete document with an XML declaration. */
    static byte[] document(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try {
            XMLStreamWriter writer = XML.createXMLStreamWriter(out, "UTF-8");
            writer.writeStartDocument("UTF-8", "1.0");
            body.write(writer);
            writer.writeEndDocument();
            writer.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write XML", e);
        }
        return out.toByteArray();
    }

    /** A structure as the document element {@code name}, in the namespace when one is given. */
    byte[] structure(String name, Shape shape, JsonNode value, Optional<String> namespace) {
        return document(writer -> {
            writer.writeStartElement(name);
            namespace.ifPresent(uri -> writeNamespace(writer, uri));
            Optional<Member> text = shape.members().values().stream().filter(Member::xmlText).findFirst();
            if (text.isPresent()) {
                JsonNode textValue = value.get(text.get().name());
                if (textValue != null && !textValue.isNull()) {
                    writer.writeCharacters(scalar(model.shape(text.get().shape()), textValue));
                }
            } else {
                writeMembers(writer, shape, value, true);
            }
            writer.writeEndElement();
        });
    }

    private static void writeNamespace(XMLStreamWriter writer, String uri) {
        try {
            writer.writeDefaultNamespace(uri);
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write XML", e);
        }
    }

    private void writeMembers(XMLStreamWriter writer, Shape shape, JsonNode value, boolean bodyOnly)
            throws XMLStreamException {
        for (Member member : shape.members().values()) {
            JsonNode memberValue = value.get(member.name());
            if (memberValue != null && !memberValue.isNull() && member.xmlAttribute()) {
                writer.writeAttribute(member.wireName(), scalar(model.shape(member.shape()), memberValue));
            }
        }
        for (Member member : shape.members().values()) {
            JsonNode memberValue = value.get(member.name());
            if (memberValue == null || memberValue.isNull() || member.xmlAttribute()
                    || (bodyOnly && member.location().isPresent())) {
                continue;
            }
            Shape memberShape = model.shape(member.shape());
            if (memberShape.type().equals("list") && XmlReader.flattened(memberShape, member)) {
                String itemName = XmlReader.itemName(memberShape, member.wireName());
                for (JsonNode item : memberValue) {
                    writeValue(writer, itemName, memberShape.member().orElseThrow().shape(), item);
                }
            } else {
                writeValue(writer, member.wireName(), member.shape(), memberValue);
            }
        }
    }

    private void writeValue(XMLStreamWriter writer, String name, String shapeName, JsonNode value)
            throws XMLStreamException {
        Shape shape = model.shape(shapeName);
        writer.writeStartElement(name);
        switch (shape.type()) {
            case "structure" -> writeMembers(writer, shape, value, false);
            case "list" -> {
                String itemName = XmlReader.itemName(shape, "member");
                for (JsonNode item : value) {
                    writeValue(writer, itemName, shape.member().orElseThrow().shape(), item);
                }
            }
            case "map" -> {
                for (Map.Entry<String, JsonNode> entry : value.properties()) {
                    writer.writeStartElement("entry");
                    writer.writeStartElement("key");
                    writer.writeCharacters(entry.getKey());
                    writer.writeEndElement();
                    writeValue(writer, "value", shape.value().orElseThrow(), entry.getValue());
                    writer.writeEndElement();
                }
            }
            default -> writer.writeCharacters(scalar(shape, value));
        }
        writer.writeEndElement();
    }

    /** A scalar's text in an XML body. */
    static String scalar(Shape shape, JsonNode value) {
        switch (shape.type()) {
            case "timestamp" -> {
                return ISO_MILLIS.format(instant(value));
            }
            case "blob" -> {
                try {
                    return value.isBinary() ? Base64.getEncoder().encodeToString(value.binaryValue()) : value.asText();
                } catch (IOException e) {
                    throw new IllegalStateException("unreadable blob", e);
                }
            }
            default -> {
                return value.asText();
            }
        }
    }

    static Instant instant(JsonNode value) {
        return value.isNumber() ? Instant.ofEpochMilli(value.decimalValue().movePointRight(3).longValue())
                : Instant.parse(value.asText());
    }
}
