// SPDX-License-Identifier: Apache-2.0
package dev.waymark.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Loads a service's operation table from {@code /services/<id>.json}. The file lists every operation with the
 * facts that are not in the AWS model: CloudTrail resource, IAM resource, and whether the call is recorded.
 * readOnly defaults to "the name starts with Get, List or Describe" and may be overridden per operation.
 */
public final class OperationTable {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private OperationTable() {
    }

    public static ServiceSpec load(String id) {
        String path = "/services/" + id + ".json";
        try (InputStream in = OperationTable.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing operation table " + path);
            }
            return parse(id, MAPPER.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    static ServiceSpec parse(String id, JsonNode root) {
        String iamPrefix = root.path("iamPrefix").asText(root.path("signingName").asText());
        Map<String, OperationSpec> operations = new LinkedHashMap<>();
        root.path("operations").properties().forEach(entry -> operations.put(entry.getKey(),
                operation(id, iamPrefix, entry.getKey(), entry.getValue(), root.path("notRecorded"),
                        root.path("dataEvents"))));
        return new ServiceSpec(id,
                root.path("signingName").asText(),
                ServiceSpec.Protocol.valueOf(root.path("protocol").asText()),
                optionalText(root, "pathPrefix"),
                root.path("eventSource").asText(),
                ServiceSpec.ErrorBody.valueOf(root.path("errorBody").asText()),
                root.path("validationError").asText(),
                root.path("payloadTooLarge").asText("RequestEntityTooLargeException"),
                memberErrors(root.path("memberErrors")),
                memberErrors(root.path("parameterNames")),
                root.path("accessDenied").asText(""),
                operations);
    }

    private static OperationSpec operation(String service, String iamPrefix, String name, JsonNode row, JsonNode notRecorded,
                                           JsonNode dataEvents) {
        boolean readOnly = row.has("readOnly") ? row.get("readOnly").asBoolean() : defaultReadOnly(name);
        boolean recorded = true;
        for (JsonNode excluded : notRecorded) {
            recorded &= !excluded.asText().equals(name);
        }
        Optional<OperationSpec.ResourceSpec> resource = row.has("resourceType")
                ? Optional.of(new OperationSpec.ResourceSpec(row.get("resourceType").asText(), row.path("resourceArn").asText()))
                : Optional.empty();
        Optional<String> authResource = row.path("noAuthorization").asBoolean(false)
                ? Optional.empty()
                : Optional.of(row.path("authResource").asText("*"));
        String iamAction = row.path("iamAction").asText(iamPrefix + ":" + name);
        boolean management = true;
        for (JsonNode dataEvent : dataEvents) {
            management &= !dataEvent.asText().equals(name);
        }
        return new OperationSpec(service, name, readOnly, recorded, iamAction, authResource, resource, management,
                row.path("eventName").asText(name), optionalText(row, "anonymous"));
    }

    private static Map<String, String> memberErrors(JsonNode node) {
        Map<String, String> result = new LinkedHashMap<>();
        node.properties().forEach(e -> result.put(e.getKey(), e.getValue().asText()));
        return result;
    }

    static boolean defaultReadOnly(String name) {
        return name.startsWith("Get") || name.startsWith("List") || name.startsWith("Describe");
    }

    private static Optional<String> optionalText(JsonNode node, String field) {
        return node.hasNonNull(field) ? Optional.of(node.get(field).asText()) : Optional.empty();
    }
}
