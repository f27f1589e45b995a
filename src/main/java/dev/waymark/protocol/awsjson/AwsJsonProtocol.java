// SPDX-License-Identifier: Apache-2.0
package dev.waymark.protocol.awsjson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.core.AwsException;
import dev.waymark.core.CommonErrors;
import dev.waymark.core.ServiceSpec;
import dev.waymark.protocol.Decoded;
import dev.waymark.protocol.HttpRequest;
import dev.waymark.protocol.HttpResponse;
import dev.waymark.protocol.JsonErrors;
import dev.waymark.protocol.JsonSupport;
import dev.waymark.protocol.ServerProtocol;
import dev.waymark.protocol.ServiceModel;
import dev.waymark.protocol.ServiceModel.OperationModel;
import dev.waymark.protocol.ShapeReader;
import dev.waymark.protocol.ShapeWriter;
import dev.waymark.protocol.Violations;
import java.io.IOException;
import java.util.Map;

/**
 * The awsJson1_1 protocol (CloudTrail): {@code POST /}, the operation in {@code X-Amz-Target}, the input as the
 * JSON body, errors as {@code {"__type": …, "message": …}} with {@code x-amzn-ErrorType}. A body that is not JSON
 * or does not have the model's types is a {@code SerializationException}; constraint violations are the
 * service's validation error.
 */
public final class AwsJsonProtocol implements ServerProtocol {
    private static final String CONTENT_TYPE = "application/x-amz-json-1.1";

    private final ServiceSpec spec;
    private final ServiceModel model;
    private final String targetPrefix;
    private final ShapeReader reader;
    private final ShapeWriter writer;
    private final ShapeWriter auditWriter;

    public AwsJsonProtocol(ServiceSpec spec, ServiceModel model) {
        this.spec = spec;
        this.model = model;
        this.targetPrefix = model.metadata("targetPrefix") + ".";
        this.reader = new ShapeReader(model);
        this.writer = new ShapeWriter(model, ShapeWriter.Names.WIRE, ShapeWriter.Timestamps.EPOCH_SECONDS);
        this.auditWriter = new ShapeWriter(model, ShapeWriter.Names.LOWER_CAMEL, ShapeWriter.Timestamps.EPOCH_SECONDS);
    }

    @Override
    public String resolveOperation(HttpRequest request) {
        String target = request.header("x-amz-target").orElse("");
        if (!request.method().equals("POST") || !target.startsWith(targetPrefix)) {
            throw CommonErrors.unknownOperation(CommonErrors.ErrorFamily.JSON,
                    target.isEmpty() ? "Missing X-Amz-Target header" : "Unknown operation " + target);
        }
        String operation = target.substring(targetPrefix.length());
        if (model.operation(operation).isEmpty()) {
            throw new AwsException("UnknownOperationException", 400, AwsException.Fault.CLIENT,
                    "Unknown operation " + target);
        }
        return operation;
    }

    @Override
    public Decoded decode(String operation, HttpRequest request) {
        OperationModel op = model.operation(operation).orElseThrow();
        JsonNode body;
        try {
            body = JsonSupport.parseBody(request.body());
        } catch (IOException e) {
            throw serialization("Request body is not valid JSON");
        }
        if (!body.isObject()) {
            throw serialization("Request body must be a JSON object");
        }
        ObjectNode input = JsonSupport.MAPPER.createObjectNode();
        if (op.input().isPresent()) {
            Violations violations = new Violations();
            JsonNode decoded = reader.readJson(op.input().get(), body, "", violations);
            if (violations.hasTypeErrors()) {
                throw serialization(violations.typeErrorMessage());
            }
            if (!violations.isEmpty()) {
                throw AwsException.modelled(spec.constraintError(violations.firstConstrainedMember()), violations.constraintMessage());
            }
            input = (ObjectNode) decoded;
        }
        ObjectNode parameters = op.input().isPresent()
                ? (ObjectNode) auditWriter.write(op.input().get(), input) : JsonSupport.MAPPER.createObjectNode();
        return new Decoded(operation, input, parameters);
    }

    private static AwsException serialization(String message) {
        return new AwsException("SerializationException", 400, AwsException.Fault.CLIENT, message);
    }

    @Override
    public HttpResponse encodeOutput(String operation, ObjectNode output, String requestId) {
        OperationModel op = model.operation(operation).orElseThrow();
        JsonNode body = op.output().isPresent() ? writer.write(op.output().get(), output) : JsonSupport.MAPPER.createObjectNode();
        return HttpResponse.of(200, CONTENT_TYPE, JsonSupport.bytes(body), Map.of());
    }

    @Override
    public HttpResponse encodeError(AwsException error, String requestId) {
        return JsonErrors.render(model, ServiceSpec.ErrorBody.TYPE_AND_MESSAGE, error, requestId, CONTENT_TYPE);
    }

    @Override
    public ObjectNode auditView(String operation, ObjectNode output) {
        OperationModel op = model.operation(operation).orElseThrow();
        return op.output().isPresent() ? (ObjectNode) auditWriter.write(op.output().get(), output)
                : JsonSupport.MAPPER.createObjectNode();
    }
}
