// SPDX-License-Identifier: Apache-2.0
package dev.waymark.protocol.restxml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.core.AwsException;
import dev.waymark.core.ServiceSpec;
import dev.waymark.protocol.Decoded;
import dev.waymark.protocol.HttpRequest;
import dev.waymark.protocol.HttpResponse;
import dev.waymark.protocol.JsonSupport;
import dev.waymark.protocol.PercentCodec;
import dev.waymark.protocol.ServerProtocol;
import dev.waymark.protocol.ServiceModel;
import dev.waymark.protocol.ServiceModel.Member;
import dev.waymark.protocol.ServiceModel.OperationModel;
import dev.waymark.protocol.ServiceModel.Shape;
import dev.waymark.protocol.ShapeReader;
import dev.waymark.protocol.ShapeWriter;
import dev.waymark.protocol.Violations;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.w3c.dom.Element;

/**
 * The restXml protocol, as S3 speaks it (path-style addressing only): the operation is chosen by method, path
 * template and the template's literal query keys; input comes from URI labels, query parameters, headers (the
 * {@code x-amz-meta-} prefix as a map), and an XML or raw payload; output is written as headers, a status code,
 * and an XML document or raw payload; errors as {@code <Error><Code/><Message/><Resource/><RequestId/></Error>}.
 * Blob payloads stay raw bytes ({@link BinaryNode}) from the wire to the handler and back.
 */
public final class RestXmlProtocol implements ServerProtocol {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String XML_CONTENT_TYPE = "application/xml";

    private final ServiceSpec spec;
    private final ServiceModel model;
    private final ShapeReader reader;
    private final XmlReader xmlReader;
    private final XmlWriter xmlWriter;
    private final ShapeWriter auditWriter;
    private final List<XmlRoute> routes = new ArrayList<>();
    private final Map<String, XmlRoute> byOperation = new LinkedHashMap<>();

    public RestXmlProtocol(ServiceSpec spec, ServiceModel model) {
        this.spec = spec;
        this.model = model;
        this.reader = new ShapeReader(model);
        this.xmlReader = new XmlReader(model, reader);
        this.xmlWriter = new XmlWriter(model);
        this.auditWriter = new ShapeWriter(model, ShapeWriter.Names.WIRE, ShapeWriter.Timestamps.ISO8601);
        for (OperationModel operation : model.operations().values()) {
            XmlRoute route = new XmlRoute(operation, model);
            routes.add(route);
            byOperation.put(operation.name(), route);
        }
    }

    @Override
    public String resolveOperation(HttpRequest request) {
        Map<String, String> query = firstValues(query(request));
        boolean pathKnown = false;
        XmlRoute best = null;
        for (XmlRoute route : routes) {
            if (route.matchPath(request.rawPath()).isEmpty()) {
                continue;
            }
            pathKnown = true;
            if (route.method().equals(request.method()) && route.accepts(query, request.headers())
                    && (best == null || route.specificity() > best.specificity())) {
                best = route;
            }
        }
        if (best != null) {
            return best.operation();
        }
        if (pathKnown) {
            throw new AwsException("MethodNotAllowed", 405, AwsException.Fault.CLIENT,
                    "The specified method is not allowed against this resource.");
        }
        throw new AwsException("InvalidRequest", 400, AwsException.Fault.CLIENT,
                "No operation matches " + request.method() + " " + request.rawPath());
    }

    @Override
    public Decoded decode(String operation, HttpRequest request) {
        OperationModel op = model.operation(operation).orElseThrow();
        XmlRoute route = byOperation.get(operation);
        ObjectNode input = NODES.objectNode();
        ObjectNode parameters = NODES.objectNode();
        Payload payload = Payload.of(request);
        Violations violations = new Violations();
        List<Map.Entry<String, String>> query = query(request);
        if (op.input().isPresent()) {
            Shape shape = model.shape(op.input().get());
            Map<String, String> labels = route.matchPath(request.rawPath()).orElseThrow();
            for (Member member : shape.members().values()) {
                readBound(member, labels, query, payload, input, parameters, violations);
            }
            readBody(shape, payload, input, parameters, violations);
            reader.checkRequired(shape, input, "", violations);
        }
        route.literals().forEach(parameters::put);
        request.header("host").ifPresent(host -> parameters.put("Host", host));
        if (violations.hasTypeErrors()) {
            throw invalidArgument(violations.typeErrorMessage());
        }
        if (!violations.isEmpty()) {
            throw AwsException.modelled(spec.constraintError(violations.firstConstrainedMember()),
                    violations.constraintMessage()).withStatus(400);
        }
        return new Decoded(operation, input, parameters);
    }

    private void readBound(Member member, Map<String, String> labels, List<Map.Entry<String, String>> query,
                           Payload payload, ObjectNode input, ObjectNode parameters, Violations violations) {
        String path = ShapeReader.child("", member.name());
        String location = member.location().orElse("");
        switch (location) {
            case "uri" -> {
                String raw = labels.get(member.wireName());
                if (raw != null) {
                    String value = decodeLabel(raw);
                    input.set(member.name(), reader.readText(member.shape(), value, path, violations));
                    parameters.put(spec.parameterName(member.wireName()), value);
                }
            }
            case "querystring" -> readQuery(member, query, input, parameters, violations);
            case "header" -> {
                String value = payload.headers().get(member.wireName().toLowerCase(Locale.ROOT));
                if (value != null) {
                    input.set(member.name(), text(member.shape(), value, path, violations));
                }
            }
            case "headers" -> {
                String prefix = member.wireName().toLowerCase(Locale.ROOT);
                ObjectNode map = NODES.objectNode();
                payload.headers().forEach((name, value) -> {
                    if (name.startsWith(prefix) && name.length() > prefix.length()) {
                        map.put(name.substring(prefix.length()), value);
                    }
                });
                if (!map.isEmpty()) {
                    input.set(member.name(), map);
                }
            }
            default -> {
                // body members are read with the payload
            }
        }
    }

    private void readQuery(Member member, List<Map.Entry<String, String>> query, ObjectNode input,
                           ObjectNode parameters, Violations violations) {
        Shape shape = model.shape(member.shape());
        String path = ShapeReader.child("", member.name());
        for (Map.Entry<String, String> pair : query) {
            if (!pair.getKey().equals(member.wireName())) {
                continue;
            }
            if (shape.type().equals("list")) {
                ArrayNode list = input.has(member.name()) ? (ArrayNode) input.get(member.name())
                        : input.putArray(member.name());
                list.add(text(shape.member().orElseThrow().shape(), pair.getValue(), path, violations));
            } else if (!input.has(member.name())) {
                input.set(member.name(), text(member.shape(), pair.getValue(), path, violations));
            }
            parameters.put(spec.parameterName(member.wireName()), pair.getValue());
        }
    }

    /** A scalar (or comma-separated list) from a header or query text; HTTP dates become ISO instants. */
    private JsonNode text(String shapeName, String value, String path, Violations violations) {
        Shape shape = model.shape(shapeName);
        if (shape.type().equals("list")) {
            ArrayNode list = NODES.arrayNode();
            for (String item : value.split(",")) {
                list.add(reader.readText(shape.member().orElseThrow().shape(), item.trim(), path, violations));
            }
            return list;
        }
        if (shape.type().equals("timestamp")) {
            return reader.readText(shapeName, HttpDates.toIso(value), path, violations);
        }
        return reader.readText(shapeName, value, path, violations);
    }

    private void readBody(Shape shape, Payload payload, ObjectNode input, ObjectNode parameters,
                          Violations violations) {
        byte[] data = payload.data();
        if (shape.payload().isEmpty()) {
            boolean bodyMembers = shape.members().values().stream().anyMatch(m -> m.location().isEmpty());
            if (bodyMembers && data.length > 0) {
                xmlReader.readMembers(shape, XmlReader.parse(data), "", violations, input, true);
            }
            return;
        }
        Member member = shape.members().get(shape.payload().get());
        Shape memberShape = model.shape(member.shape());
        if (memberShape.type().equals("blob")) {
            input.set(member.name(), BinaryNode.valueOf(data));
            return;
        }
        if (data.length == 0) {
            if (shape.required().contains(member.name())) {
                throw new AwsException("MissingRequestBodyError", 400, AwsException.Fault.CLIENT, "Request Body is empty");
            }
            return;
        }
        if (memberShape.type().equals("string")) {
            String text = utf8(data);
            input.put(member.name(), text);
            parameters.set(spec.parameterName(member.wireName()), jsonOrText(text));
            return;
        }
        Element root = XmlReader.parse(data);
        if (!XmlReader.name(root).equals(rootName(member, memberShape))) {
            throw XmlReader.malformed();
        }
        JsonNode value = xmlReader.read(member.shape(), root, "", violations);
        input.set(member.name(), value);
        parameters.set(spec.parameterName(member.wireName()), auditWriter.write(member.shape(), value));
    }

    private static JsonNode jsonOrText(String text) {
        try {
            return JsonSupport.parseBody(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            return NODES.textNode(text);
        }
    }

    @Override
    public HttpResponse encodeOutput(String operation, ObjectNode output, String requestId) {
        OperationModel op = model.operation(operation).orElseThrow();
        Map<String, String> headers = requestIdHeaders(requestId);
        if (op.output().isEmpty()) {
            return new HttpResponse(op.responseCode(), headers, new byte[0]);
        }
        Shape shape = model.shape(op.output().get());
        int status = op.responseCode();
        for (Member member : shape.members().values()) {
            JsonNode value = output.get(member.name());
            if (value == null || value.isNull()) {
                continue;
            }
            switch (member.location().orElse("")) {
                case "header" -> headers.put(member.wireName(), HttpDates.headerText(model.shape(member.shape()), value));
                case "headers" -> value.properties().forEach(e -> headers.put(member.wireName() + e.getKey(), e.getValue().asText()));
                case "statusCode" -> status = value.asInt();
                default -> {
                    // body members below
                }
            }
        }
        return new HttpResponse(status, headers, body(shape, output, headers));
    }

    private byte[] body(Shape shape, ObjectNode output, Map<String, String> headers) {
        if (shape.payload().isPresent()) {
            Member member = shape.members().get(shape.payload().get());
            JsonNode value = output.get(member.name());
            if (value == null || value.isNull()) {
                return new byte[0];
            }
            Shape memberShape = model.shape(member.shape());
            if (!memberShape.isStructure()) {
                return raw(value);
            }
            headers.put("Content-Type", XML_CONTENT_TYPE);
            return xmlWriter.structure(rootName(member, memberShape), memberShape, value,
                    member.xmlNamespace().or(this::namespace));
        }
        if (shape.members().values().stream().noneMatch(m -> m.location().isEmpty())) {
            return new byte[0];
        }
        headers.put("Content-Type", XML_CONTENT_TYPE);
        return xmlWriter.structure(shape.locationName().orElse(shape.name()), shape, output, namespace());
    }

    private Optional<String> namespace() {
        String namespace = model.metadata("xmlNamespace");
        return namespace.isEmpty() ? Optional.empty() : Optional.of(namespace);
    }

    /** The element name of a payload structure: the member's locationName, the shape's, or the member's name. */
    private static String rootName(Member member, Shape shape) {
        return member.locationName().or(shape::locationName).orElse(member.name());
    }

    private static byte[] raw(JsonNode value) {
        try {
            return value.isBinary() ? value.binaryValue() : value.asText().getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable payload", e);
        }
    }

    @Override
    public HttpResponse encodeError(AwsException error, String requestId) {
        return XmlErrors.render(model, error, requestId, Optional.empty(), false);
    }

    @Override
    public HttpResponse encodeError(AwsException error, String requestId, HttpRequest request) {
        String resource;
        try {
            resource = PercentCodec.decode(request.rawPath(), false);
        } catch (PercentCodec.MalformedException e) {
            resource = request.rawPath();
        }
        return XmlErrors.render(model, error, requestId, Optional.of(resource), request.method().equals("HEAD"));
    }

    /** S3's CloudTrail records carry no responseElements for the calls it records. */
    @Override
    public ObjectNode auditView(String operation, ObjectNode output) {
        return NODES.objectNode();
    }

    static Map<String, String> requestIdHeaders(String requestId) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-amz-request-id", requestId);
        headers.put("x-amz-id-2", java.util.Base64.getEncoder().encodeToString(requestId.getBytes(StandardCharsets.UTF_8)));
        return headers;
    }

    private static List<Map.Entry<String, String>> query(HttpRequest request) {
        try {
            List<Map.Entry<String, String>> pairs = new ArrayList<>();
            for (Map.Entry<String, String> pair : PercentCodec.parseQuery(request.rawQuery(), false)) {
                if (!pair.getKey().startsWith("X-Amz-")) {
                    pairs.add(pair);
                }
            }
            return pairs;
        } catch (PercentCodec.MalformedException e) {
            throw invalidArgument(e.getMessage());
        }
    }

    private static Map<String, String> firstValues(List<Map.Entry<String, String>> pairs) {
        Map<String, String> result = new LinkedHashMap<>();
        pairs.forEach(pair -> result.putIfAbsent(pair.getKey(), pair.getValue()));
        return result;
    }

    private static String decodeLabel(String raw) {
        try {
            return PercentCodec.decode(raw, false);
        } catch (PercentCodec.MalformedException e) {
            throw invalidArgument(e.getMessage());
        }
    }

    private static String utf8(byte[] data) {
        try {
            return PercentCodec.utf8(data);
        } catch (PercentCodec.MalformedException e) {
            throw invalidArgument(e.getMessage());
        }
    }

    private static AwsException invalidArgument(String message) {
        return new AwsException("InvalidArgument", 400, AwsException.Fault.CLIENT, message);
    }
}
