// SPDX-License-Identifier: Apache-2.0
package dev.waymark.protocol.restjson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.core.AwsException;
import dev.waymark.core.CommonErrors;
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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The restJson1 protocol (Pinpoint, Pinpoint Email, SMS and Voice): operations chosen by method and URI template,
 * input from URI labels, query parameters, headers and a JSON body (the payload member's structure, or the
 * unbound members), output likewise, errors as {@code x-amzn-ErrorType} plus the service's error body.
 */
public final class RestJsonProtocol implements ServerProtocol {
    private static final String CONTENT_TYPE = "application/json";

    private final ServiceSpec spec;
    private final ServiceModel model;
    private final ShapeReader reader;
    private final ShapeWriter writer;
    private final List<Route> routes;
    private final Map<String, UriTemplate> templates = new java.util.HashMap<>();

    private record Route(String operation, String method, UriTemplate template) {
    }

    public RestJsonProtocol(ServiceSpec spec, ServiceModel model) {
        this.spec = spec;
        this.model = model;
        this.reader = new ShapeReader(model);
        this.writer = new ShapeWriter(model, ShapeWriter.Names.WIRE, ShapeWriter.Timestamps.EPOCH_SECONDS);
        List<Route> list = new ArrayList<>();
        for (OperationModel operation : model.operations().values()) {
            UriTemplate template = new UriTemplate(operation.requestUri());
            templates.put(operation.name(), template);
            list.add(new Route(operation.name(), operation.method(), template));
        }
        list.sort(Comparator.comparingInt((Route r) -> r.template().specificity()).reversed());
        this.routes = List.copyOf(list);
    }

    @Override
    public String resolveOperation(HttpRequest request) {
        List<String> segments = UriTemplate.split(request.rawPath());
        boolean pathKnown = false;
        for (Route route : routes) {
            if (route.template().match(segments).isPresent()) {
                if (route.method().equals(request.method())) {
                    return route.operation();
                }
                pathKnown = true;
            }
        }
        if (pathKnown) {
            throw new AwsException("MethodNotAllowedException", 405, AwsException.Fault.CLIENT,
                    "The " + request.method() + " method is not allowed for the requested resource");
        }
        throw CommonErrors.unknownOperation(CommonErrors.ErrorFamily.JSON,
                "No operation matches " + request.method() + " " + request.rawPath());
    }

    @Override
    public Decoded decode(String operation, HttpRequest request) {
        OperationModel op = model.operation(operation).orElseThrow();
        ObjectNode input = JsonSupport.MAPPER.createObjectNode();
        ObjectNode parameters = JsonSupport.MAPPER.createObjectNode();
        Violations violations = new Violations();
        if (op.input().isPresent()) {
            Shape shape = model.shape(op.input().get());
            try {
                readLabels(shape, op, request, input, parameters, violations);
                readQuery(shape, request, input, parameters, violations);
            } catch (PercentCodec.MalformedException e) {
                throw validation(e.getMessage());
            }
            readHeaders(shape, request, input, violations);
            readBody(shape, request, input, parameters, violations);
            reader.checkRequired(shape, input, "", violations);
        } else if (!request.rawQuery().isEmpty()) {
            rejectUnknownQuery(request);
        }
        if (violations.hasTypeErrors()) {
            throw validation(violations.typeErrorMessage());
        }
        if (!violations.isEmpty()) {
            throw AwsException.modelled(spec.constraintError(violations.firstConstrainedMember()), violations.constraintMessage());
        }
        return new Decoded(operation, input, parameters);
    }

    private void readLabels(Shape shape, OperationModel op, HttpRequest request, ObjectNode input,
                            ObjectNode parameters, Violations violations) throws PercentCodec.MalformedException {
        Map<String, String> labels = templates.get(op.name()).match(UriTemplate.split(request.rawPath())).orElseThrow();
        for (Member member : shape.members().values()) {
            if (member.location().filter("uri"::equals).isPresent()) {
                String raw = labels.get(member.wireName());
                if (raw != null) {
                    String value = UriTemplate.decodeLabel(raw);
                    input.set(member.name(), reader.readText(member.shape(), value, ShapeReader.child("", member.name()), violations));
                    parameters.put(member.wireName(), value);
                }
            }
        }
    }

    private void readQuery(Shape shape, HttpRequest request, ObjectNode input, ObjectNode parameters,
                           Violations violations) throws PercentCodec.MalformedException {
        Map<String, Member> byName = new LinkedHashMap<>();
        Optional<Member> mapMember = Optional.empty();
        for (Member member : shape.members().values()) {
            if (member.location().filter("querystring"::equals).isPresent()) {
                if (model.shape(member.shape()).type().equals("map")) {
                    mapMember = Optional.of(member);
                } else {
                    byName.put(member.wireName(), member);
                }
            }
        }
        for (Map.Entry<String, String> pair : PercentCodec.parseQuery(request.rawQuery(), false)) {
            String name = pair.getKey();
            if (name.startsWith("X-Amz-") || name.startsWith("x-amz-")) {
                continue;
            }
            Member member = byName.get(name);
            if (member == null) {
                if (mapMember.isPresent()) {
                    ObjectNode map = input.has(mapMember.get().name()) ? (ObjectNode) input.get(mapMember.get().name())
                            : input.putObject(mapMember.get().name());
                    map.put(name, pair.getValue());
                    parameters.put(name, pair.getValue());
                    continue;
                }
                throw validation("Unknown query parameter: " + name);
            }
            Shape memberShape = model.shape(member.shape());
            String path = ShapeReader.child("", member.name());
            if (memberShape.type().equals("list")) {
                ArrayNode list = input.has(member.name()) ? (ArrayNode) input.get(member.name()) : input.putArray(member.name());
                list.add(reader.readText(memberShape.member().orElseThrow().shape(), pair.getValue(), path, violations));
                ArrayNode wireList = parameters.has(name) ? (ArrayNode) parameters.get(name) : parameters.putArray(name);
                wireList.add(pair.getValue());
            } else {
                input.set(member.name(), reader.readText(member.shape(), pair.getValue(), path, violations));
                parameters.put(name, pair.getValue());
            }
        }
    }

    private void rejectUnknownQuery(HttpRequest request) {
        try {
            for (Map.Entry<String, String> pair : PercentCodec.parseQuery(request.rawQuery(), false)) {
                if (!pair.getKey().startsWith("X-Amz-")) {
                    throw validation("Unknown query parameter: " + pair.getKey());
                }
            }
        } catch (PercentCodec.MalformedException e) {
            throw validation(e.getMessage());
        }
    }

    private void readHeaders(Shape shape, HttpRequest request, ObjectNode input, Violations violations) {
        for (Member member : shape.members().values()) {
            if (member.location().filter("header"::equals).isPresent()) {
                request.header(member.wireName().toLowerCase(java.util.Locale.ROOT)).ifPresent(value -> input.set(
                        member.name(), reader.readText(member.shape(), value, ShapeReader.child("", member.name()), violations)));
            }
        }
    }

    private void readBody(Shape shape, HttpRequest request, ObjectNode input, ObjectNode parameters,
                          Violations violations) {
        boolean hasBodyMembers = shape.payload().isPresent()
                || shape.members().values().stream().anyMatch(m -> m.location().isEmpty());
        if (!hasBodyMembers) {
            return;
        }
        JsonNode body;
        try {
            body = JsonSupport.parseBody(request.body());
        } catch (IOException e) {
            throw validation("The request body is not valid JSON");
        }
        if (shape.payload().isPresent()) {
            Member payload = shape.members().get(shape.payload().get());
            if (request.body().length == 0) {
                return;
            }
            JsonNode value = reader.readJson(payload.shape(), body, "", violations);
            input.set(payload.name(), value);
            if (value.isObject()) {
                writer.writeMembers(model.shape(payload.shape()), value, parameters, false);
            }
            return;
        }
        if (!body.isObject()) {
            throw validation("The request body must be a JSON object");
        }
        for (Member member : shape.members().values()) {
            JsonNode wire = body.get(member.wireName());
            if (member.location().isEmpty() && wire != null && !wire.isNull()) {
                JsonNode value = reader.readJson(member.shape(), wire, ShapeReader.child("", member.name()), violations);
                input.set(member.name(), value);
                parameters.set(member.wireName(), writer.write(member.shape(), value));
            }
        }
    }

    private AwsException validation(String message) {
        return AwsException.modelled(spec.validationError(), message);
    }

    @Override
    public HttpResponse encodeOutput(String operation, ObjectNode output, String requestId) {
        OperationModel op = model.operation(operation).orElseThrow();
        Map<String, String> headers = new LinkedHashMap<>();
        if (op.output().isEmpty()) {
            return emptyResponse(op.responseCode(), headers);
        }
        Shape shape = model.shape(op.output().get());
        for (Member member : shape.members().values()) {
            if (member.location().filter("header"::equals).isPresent() && output.hasNonNull(member.name())) {
                headers.put(member.wireName(), output.get(member.name()).asText());
            }
        }
        if (shape.payload().isPresent()) {
            Member payload = shape.members().get(shape.payload().get());
            JsonNode value = output.get(payload.name());
            if (value == null || value.isNull()) {
                return emptyResponse(op.responseCode(), headers);
            }
            if (!model.shape(payload.shape()).isStructure()) {
                return rawPayload(op.responseCode(), value, headers);
            }
            return HttpResponse.of(op.responseCode(), CONTENT_TYPE,
                    JsonSupport.bytes(writer.write(payload.shape(), value)), headers);
        }
        ObjectNode body = JsonSupport.MAPPER.createObjectNode();
        writer.writeMembers(shape, output, body, true);
        return HttpResponse.of(op.responseCode(), CONTENT_TYPE, JsonSupport.bytes(body), headers);
    }

    /** A blob or string payload is the body itself; its content type comes from a header member. */
    private static HttpResponse rawPayload(int status, JsonNode value, Map<String, String> headers) {
        byte[] body;
        try {
            body = value.isBinary() ? value.binaryValue() : value.asText().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable payload", e);
        }
        return new HttpResponse(status, headers, body);
    }

    private static HttpResponse emptyResponse(int status, Map<String, String> headers) {
        if (status == 204) {
            return HttpResponse.of(status, null, new byte[0], headers);
        }
        return HttpResponse.of(status, CONTENT_TYPE, "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8), headers);
    }

    @Override
    public HttpResponse encodeError(AwsException error, String requestId) {
        return dev.waymark.protocol.JsonErrors.render(model, spec.errorBody(), error, requestId, CONTENT_TYPE);
    }

    @Override
    public ObjectNode auditView(String operation, ObjectNode output) {
        OperationModel op = model.operation(operation).orElseThrow();
        ObjectNode view = JsonSupport.MAPPER.createObjectNode();
        if (op.output().isEmpty()) {
            return view;
        }
        Shape shape = model.shape(op.output().get());
        if (shape.payload().isPresent()) {
            Member payload = shape.members().get(shape.payload().get());
            JsonNode value = output.get(payload.name());
            if (value != null && value.isObject() && model.shape(payload.shape()).isStructure()) {
                writer.writeMembers(model.shape(payload.shape()), value, view, false);
            }
            return view;
        }
        writer.writeMembers(shape, output, view, true);
        return view;
    }
}
