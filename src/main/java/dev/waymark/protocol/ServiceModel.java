// SPDX-License-Identifier: Apache-2.0
package dev.waymark.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.zip.GZIPInputStream;

/**
 * An AWS service model (the botocore {@code service-2.json} that the SDKs are generated from), read from
 * {@code /models/<id>.json.gz}. It is the single source of operation bindings, member names, types and
 * constraints; nothing about the wire is written twice by hand.
 *
 * <p>What the botocore model leaves out but the wire needs (S3's XML root element names, for instance) is added by
 * an optional {@code /models/<id>.patch.json}, a JSON merge patch (RFC 7386) applied to the model as it is read:
 * corrections are data in one file per service, never code.
 */
public final class ServiceModel {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final JsonNode metadata;
    private final Map<String, OperationModel> operations;
    private final Map<String, Shape> shapes;

    /** An operation's HTTP binding and shapes, and whether the model marks it deprecated. */
    public record OperationModel(String name, String method, String requestUri, int responseCode,
                                 Optional<String> input, Optional<String> output, Optional<String> resultWrapper,
                                 boolean deprecated) {
    }

    /**
     * A member of a structure, with its wire binding. {@code xmlText} is Waymark's addition, set by a model patch:
     * the member is the text of the document element itself (S3's {@code <LocationConstraint>eu-west-1</…>}).
     */
    public record Member(String name, String shape, Optional<String> location, Optional<String> locationName,
                         boolean flattened, Optional<String> xmlNamespace, boolean xmlAttribute, boolean xmlText) {
        /** The name on the wire: locationName when the model gives one, else the member name. */
        public String wireName() {
            return locationName.orElse(name);
        }
    }

    /**
     * A shape: its type, members (structures), member/key/value shapes (collections), and constraints.
     * {@code keyName} and {@code valueName} are a map's wire names for its keys and values where the model gives
     * them (SNS's MessageAttributes: {@code entry.N.Name}, {@code entry.N.Value}).
     */
    public record Shape(String name, String type, Map<String, Member> members, List<String> required,
                        Optional<String> payload, Optional<Member> member, Optional<String> key,
                        Optional<String> value, Optional<Long> min, Optional<Long> max, Optional<Pattern> pattern,
                        Optional<String> timestampFormat, Optional<String> errorCode, Optional<Integer> errorStatus,
                        boolean sensitive, Optional<String> locationName, boolean flattened,
                        Optional<String> keyName, Optional<String> valueName) {
        public boolean isStructure() {
            return type.equals("structure");
        }
    }

    private ServiceModel(JsonNode root) {
        this.metadata = root.path("metadata");
        Map<String, Shape> shapeMap = new HashMap<>();
        root.path("shapes").properties().forEach(e -> shapeMap.put(e.getKey(), shape(e.getKey(), e.getValue())));
        this.shapes = Collections.unmodifiableMap(shapeMap);
        Map<String, OperationModel> operationMap = new LinkedHashMap<>();
        root.path("operations").properties().forEach(e -> operationMap.put(e.getKey(), operation(e.getValue())));
        this.operations = Collections.unmodifiableMap(operationMap);
    }

    /** Loads {@code /models/<id>.json.gz} (an AWS model) or {@code /models/<id>.json} (Waymark's own API). */
    public static ServiceModel load(String id) {
        String path = "/models/" + id + ".json.gz";
        try (InputStream raw = ServiceModel.class.getResourceAsStream(path)) {
            if (raw == null) {
                try (InputStream plain = ServiceModel.class.getResourceAsStream("/models/" + id + ".json")) {
                    if (plain == null) {
                        throw new IllegalStateException("missing service model " + path);
                    }
                    return new ServiceModel(patched(id, MAPPER.readTree(plain)));
                }
            }
            try (InputStream in = new GZIPInputStream(raw)) {
                return new ServiceModel(patched(id, MAPPER.readTree(in)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    /** Applies {@code /models/<id>.patch.json}, when there is one, to the model as read. */
    private static JsonNode patched(String id, JsonNode model) throws IOException {
        try (InputStream in = ServiceModel.class.getResourceAsStream("/models/" + id + ".patch.json")) {
            return in == null ? model : merge(model, MAPPER.readTree(in));
        }
    }

    /** JSON merge patch (RFC 7386): objects merge member by member, null removes, anything else replaces. */
    static JsonNode merge(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch;
        }
        ObjectNode result = target.isObject() ? (ObjectNode) target : MAPPER.createObjectNode();
        patch.properties().forEach(entry -> {
            if (entry.getValue().isNull()) {
                result.remove(entry.getKey());
            } else {
                result.set(entry.getKey(), merge(result.path(entry.getKey()), entry.getValue()));
            }
        });
        return result;
    }

    public String metadata(String field) {
        return metadata.path(field).asText("");
    }

    public Map<String, OperationModel> operations() {
        return operations;
    }

    public Optional<OperationModel> operation(String name) {
        return Optional.ofNullable(operations.get(name));
    }

    public Shape shape(String name) {
        Shape shape = shapes.get(name);
        if (shape == null) {
            throw new IllegalArgumentException("unknown shape " + name);
        }
        return shape;
    }

    /** The error shape with this code, if the model has one. */
    public Optional<Shape> errorShape(String code) {
        Shape shape = shapes.get(code);
        if (shape != null && shape.errorCode().isPresent()) {
            return Optional.of(shape);
        }
        return shapes.values().stream().filter(s -> s.errorCode().filter(code::equals).isPresent()).findFirst();
    }

    private static OperationModel operation(JsonNode node) {
        JsonNode http = node.path("http");
        return new OperationModel(node.path("name").asText(), http.path("method").asText("POST"),
                http.path("requestUri").asText("/"), http.path("responseCode").asInt(200),
                text(node.path("input"), "shape"), text(node.path("output"), "shape"),
                text(node.path("output"), "resultWrapper"), node.path("deprecated").asBoolean(false));
    }

    private static Shape shape(String name, JsonNode node) {
        Map<String, Member> members = new LinkedHashMap<>();
        node.path("members").properties().forEach(e -> members.put(e.getKey(), member(e.getKey(), e.getValue())));
        List<String> required = MAPPER.convertValue(node.path("required"), MAPPER.getTypeFactory()
                .constructCollectionType(List.class, String.class));
        JsonNode error = node.path("error");
        return new Shape(name, node.path("type").asText(), Collections.unmodifiableMap(members),
                required == null ? List.of() : List.copyOf(required),
                text(node, "payload"),
                node.has("member") ? Optional.of(member("member", node.get("member"))) : Optional.empty(),
                text(node.path("key"), "shape"), text(node.path("value"), "shape"),
                number(node, "min"), number(node, "max"), pattern(node),
                text(node, "timestampFormat"),
                node.path("exception").asBoolean(false) ? Optional.of(error.path("code").asText(name)) : Optional.empty(),
                error.has("httpStatusCode") ? Optional.of(error.get("httpStatusCode").asInt()) : Optional.empty(),
                node.path("sensitive").asBoolean(false), text(node, "locationName"),
                node.path("flattened").asBoolean(false),
                text(node.path("key"), "locationName"), text(node.path("value"), "locationName"));
    }

    private static Member member(String name, JsonNode node) {
        return new Member(name, node.path("shape").asText(), text(node, "location"), text(node, "locationName"),
                node.path("flattened").asBoolean(false), text(node.path("xmlNamespace"), "uri"),
                node.path("xmlAttribute").asBoolean(false), node.path("xmlText").asBoolean(false));
    }

    private static Optional<String> text(JsonNode node, String field) {
        return node.hasNonNull(field) ? Optional.of(node.get(field).asText()) : Optional.empty();
    }

    private static Optional<Long> number(JsonNode node, String field) {
        return node.hasNonNull(field) ? Optional.of(node.get(field).asLong()) : Optional.empty();
    }

    /** The model's pattern, when Java's regex syntax accepts it (a few botocore patterns use other escapes). */
    private static Optional<Pattern> pattern(JsonNode node) {
        if (!node.hasNonNull("pattern")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Pattern.compile(node.get("pattern").asText()));
        } catch (PatternSyntaxException e) {
            return Optional.empty();
        }
    }
}
