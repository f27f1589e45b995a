// SPDX-License-Identifier: Apache-2.0
package dev.waymark.protocol.awsquery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.core.AwsException;
import dev.waymark.core.CommonErrors;
import dev.waymark.core.ServiceSpec;
import dev.waymark.protocol.Decoded;
import dev.waymark.protocol.HttpRequest;
import dev.waymark.protocol.HttpResponse;
import dev.waymark.protocol.JsonErrors;
import dev.waymark.protocol.PercentCodec;
import dev.waymark.protocol.ServerProtocol;
import dev.waymark.protocol.ServiceModel;
import dev.waymark.protocol.ServiceModel.Member;
import dev.waymark.protocol.ServiceModel.OperationModel;
import dev.waymark.protocol.ServiceModel.Shape;
import dev.waymark.protocol.ShapeReader;
import dev.waymark.protocol.ShapeWriter;
import dev.waymark.protocol.Violations;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The awsQuery protocol (STS, SNS): {@code Action=} and parameters as a form body or query string, XML
 * responses wrapped in {@code <OpResponse><OpResult>}, and errors as
 * {@code <ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>}.
 */
public final class AwsQueryProtocol implements ServerProtocol {
    private static final XMLOutputFactory XML = XMLOutputFactory.newInstance();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ServiceSpec spec;
    private final ServiceModel model;
    private final String namespace;
    private final String version;
    private final ShapeReader reader;
    private final ShapeWriter auditWriter;

    public AwsQueryProtocol(ServiceSpec spec, ServiceModel model) {
        this.spec = spec;
        this.model = model;
        this.namespace = model.metadata("xmlNamespace");
        this.version = model.metadata("apiVersion");
        this.reader = new ShapeReader(model);
        this.auditWriter = new ShapeWriter(model, ShapeWriter.Names.LOWER_CAMEL, ShapeWriter.Timestamps.ISO8601);
    }

    private List<Map.Entry<String, String>> parameters(HttpRequest request) {
        try {
            String form = request.method().equals("POST")
                    ? PercentCodec.utf8(request.body()) : request.rawQuery();
            return PercentCodec.parseQuery(form, true);
        } catch (PercentCodec.MalformedException e) {
            throw AwsException.modelled(spec.validationError(), e.getMessage()).withStatus(400);
        }
    }

    @Override
    public String resolveOperation(HttpRequest request) {
        if (!request.method().equals("POST") && !request.method().equals("GET")) {
            throw CommonErrors.unknownOperation(CommonErrors.ErrorFamily.QUERY,
                    "The requested method " + request.method() + " is not supported");
        }
        String action = parameters(request).stream().filter(e -> e.getKey().equals("Action"))
                .map(Map.Entry::getValue).findFirst().orElse("");
        if (action.isEmpty()) {
            throw new AwsException("MissingAction", 400, AwsException.Fault.CLIENT, "Missing Action");
        }
        if (model.operation(action).isEmpty()) {
            throw CommonErrors.unknownOperation(CommonErrors.ErrorFamily.QUERY,
                    "Could not find operation " + action + " for version " + version);
        }
        return action;
    }

    @Override
    public Decoded decode(String operation, HttpRequest request) {
        OperationModel op = model.operation(operation).orElseThrow();
        FormTree tree = new FormTree();
        for (Map.Entry<String, String> pair : parameters(request)) {
            if (!pair.getKey().equals("Action") && !pair.getKey().equals("Version") && !pair.getKey().startsWith("X-Amz-")) {
                tree.put(pair.getKey(), pair.getValue());
            }
        }
        ObjectNode input = NODES.objectNode();
        if (op.input().isPresent()) {
            Violations violations = new Violations();
            JsonNode value = readStructure(model.shape(op.input().get()), tree, "", violations);
            if (!violations.isEmpty()) {
                throw AwsException.modelled(spec.validationError(), violations.hasTypeErrors()
                        ? violations.typeErrorMessage() : violations.constraintMessage()).withStatus(400);
            }
            input = (ObjectNode) value;
        }
        ObjectNode parameters = op.input().isPresent()
                ? (ObjectNode) auditWriter.write(op.input().get(), input) : NODES.objectNode();
        return new Decoded(operation, input, parameters);
    }

    private JsonNode read(String shapeName, FormTree node, String path, Violations violations) {
        Shape shape = model.shape(shapeName);
        return switch (shape.type()) {
            case "structure" -> readStructure(shape, node, path, violations);
            case "list" -> readList(shape, node, path, violations);
            case "map" -> readMap(shape, node, path, violations);
            default -> node.value() == null ? NODES.nullNode() : reader.readText(shapeName, node.value(), path, violations);
        };
    }

    private JsonNode readStructure(Shape shape, FormTree node, String path, Violations violations) {
        ObjectNode result = NODES.objectNode();
        for (Member member : shape.members().values()) {
            FormTree child = node.child(member.wireName());
            if (child != null) {
                JsonNode value = read(member.shape(), child, ShapeReader.child(path, member.name()), violations);
                if (!value.isNull()) {
                    result.set(member.name(), value);
                }
            }
        }
        reader.checkRequired(shape, result, path, violations);
        return result;
    }

    private JsonNode readList(Shape shape, FormTree node, String path, Violations violations) {
        ArrayNode result = NODES.arrayNode();
        Member item = shape.member().orElseThrow();
        FormTree items = item.flattened() ? node : node.child(item.locationName().orElse("member"));
        if (items != null) {
            items.children().forEach((index, child) -> result.add(read(item.shape(), child, path, violations)));
        }
        return result;
    }

    private JsonNode readMap(Shape shape, FormTree node, String path, Violations violations) {
        ObjectNode result = NODES.objectNode();
        FormTree entries = node.child("entry");
        if (entries != null) {
            entries.children().forEach((index, entry) -> {
                FormTree key = entry.child(shape.keyName().orElse("key"));
                FormTree value = entry.child(shape.valueName().orElse("value"));
                if (key != null && key.value() != null && value != null) {
                    result.set(key.value(), read(shape.value().orElseThrow(), value, path, violations));
                }
            });
        }
        return result;
    }

    @Override
    public HttpResponse encodeOutput(String operation, ObjectNode output, String requestId) {
        OperationModel op = model.operation(operation).orElseThrow();
        return xml(200, writer -> {
            writer.writeStartElement(operation + "Response");
            writer.writeDefaultNamespace(namespace);
            if (op.output().isPresent()) {
                writer.writeStartElement(op.resultWrapper().orElse(operation + "Result"));
                writeMembers(writer, model.shape(op.output().get()), output);
                writer.writeEndElement();
            }
            writer.writeStartElement("ResponseMetadata");
            element(writer, "RequestId", requestId);
            writer.writeEndElement();
            writer.writeEndElement();
        });
    }

    private void writeMembers(XMLStreamWriter writer, Shape shape, JsonNode value) throws XMLStreamException {
        for (Member member : shape.members().values()) {
            JsonNode memberValue = value.get(member.name());
            if (memberValue != null && !memberValue.isNull()) {
                writeValue(writer, member.wireName(), member.shape(), memberValue);
            }
        }
    }

    private void writeValue(XMLStreamWriter writer, String name, String shapeName, JsonNode value) throws XMLStreamException {
        Shape shape = model.shape(shapeName);
        switch (shape.type()) {
            case "structure" -> {
                writer.writeStartElement(name);
                writeMembers(writer, shape, value);
                writer.writeEndElement();
            }
            case "list" -> {
                Member item = shape.member().orElseThrow();
                if (!item.flattened()) {
                    writer.writeStartElement(name);
                }
                for (JsonNode element : value) {
                    writeValue(writer, item.flattened() ? name : item.locationName().orElse("member"), item.shape(), element);
                }
                if (!item.flattened()) {
                    writer.writeEndElement();
                }
            }
            case "map" -> {
                writer.writeStartElement(name);
                for (Map.Entry<String, JsonNode> entry : value.properties()) {
                    writer.writeStartElement("entry");
                    element(writer, shape.keyName().orElse("key"), entry.getKey());
                    writeValue(writer, shape.valueName().orElse("value"), shape.value().orElseThrow(), entry.getValue());
                    writer.writeEndElement();
                }
                writer.writeEndElement();
            }
            case "timestamp" -> element(writer, name, value.isNumber()
                    ? Instant.ofEpochMilli(value.asLong() * 1000).toString() : Instant.parse(value.asText()).toString());
            default -> element(writer, name, value.asText());
        }
    }

    private static void element(XMLStreamWriter writer, String name, String text) throws XMLStreamException {
        writer.writeStartElement(name);
        writer.writeCharacters(text);
        writer.writeEndElement();
    }

    @Override
    public HttpResponse encodeError(AwsException error, String requestId) {
        int status = JsonErrors.status(model, error);
        return xml(status, writer -> {
            writer.writeStartElement("ErrorResponse");
            writer.writeDefaultNamespace(namespace);
            writer.writeStartElement("Error");
            element(writer, "Type", error.fault() == AwsException.Fault.SERVER ? "Receiver" : "Sender");
            element(writer, "Code", error.code());
            element(writer, "Message", error.getMessage() == null ? "" : error.getMessage());
            writer.writeEndElement();
            element(writer, "RequestId", requestId);
            writer.writeEndElement();
        });
    }

    @Override
    public ObjectNode auditView(String operation, ObjectNode output) {
        OperationModel op = model.operation(operation).orElseThrow();
        return op.output().isPresent() ? (ObjectNode) auditWriter.write(op.output().get(), output) : NODES.objectNode();
    }

    @FunctionalInterface
    private interface XmlBody {
        void write(XMLStreamWriter writer) throws XMLStreamException;
    }

    private static HttpResponse xml(int status, XmlBody body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try {
            XMLStreamWriter writer = XML.createXMLStreamWriter(out, "UTF-8");
            body.write(writer);
            writer.flush();
            writer.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write XML", e);
        }
        return HttpResponse.of(status, "text/xml", out.toByteArray(), Map.of());
    }
}
