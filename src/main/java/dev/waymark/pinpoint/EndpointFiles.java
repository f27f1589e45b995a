// SPDX-License-Identifier: Apache-2.0
package dev.waymark.pinpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads Pinpoint's endpoint files into endpoint requests: JSON with one endpoint object per line, or CSV whose header
 * row names endpoint attribute paths ({@code ChannelType,Address,Id,User.UserId,Attributes.city,Metrics.score,
 * Location.Latitude}; RFC 4180 quoting). Members of an endpoint that are not request members (an exported file's
 * ApplicationId, CohortId, CreationDate) are left out; a row of the wrong shape is a row with an error, and the
 * other rows go on. A CSV header naming an unknown path fails the whole file.
 */
final class EndpointFiles {
    private static final Set<String> SCALARS = Set.of("Address", "ChannelType", "Id", "EffectiveDate", "EndpointStatus",
            "OptOut", "RequestId");
    private static final Set<String> DEMOGRAPHIC = Set.of("AppVersion", "Locale", "Make", "Model", "ModelVersion",
            "Platform", "PlatformVersion", "Timezone");
    private static final Set<String> LOCATION_TEXT = Set.of("City", "Country", "PostalCode", "Region");
    private static final Set<String> LOCATION_NUMBERS = Set.of("Latitude", "Longitude");

    private EndpointFiles() {
    }

    /** One endpoint definition of a file: its line, and the request or why it cannot be one. */
    record Row(int line, Optional<ObjectNode> request, Optional<String> error) {
    }

    /** The rows of a file in the given format (CSV or JSON). */
    static List<Row> parse(String format, byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        return "CSV".equals(format) ? csv(text) : json(text);
    }

    private static List<Row> json(String text) {
        List<Row> rows = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            try {
                JsonNode node = AppsApi.MAPPER.readTree(lines[i]);
                if (!node.isObject()) {
                    throw new IllegalArgumentException("an endpoint must be a JSON object");
                }
                rows.add(new Row(i + 1, Optional.of(request(node)), Optional.empty()));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                rows.add(new Row(i + 1, Optional.empty(), Optional.of("not valid JSON")));
            } catch (IllegalArgumentException e) {
                rows.add(new Row(i + 1, Optional.empty(), Optional.of(e.getMessage())));
            }
        }
        return rows;
    }

    /** The request members of an endpoint object, their types checked. */
    static ObjectNode request(JsonNode node) {
        ObjectNode request = AppsApi.MAPPER.createObjectNode();
        for (String scalar : SCALARS) {
            if (node.hasNonNull(scalar)) {
                request.put(scalar, text(node.get(scalar), scalar));
            }
        }
        copyFields(node, request, "Demographic", DEMOGRAPHIC, Set.of());
        copyFields(node, request, "Location", LOCATION_TEXT, LOCATION_NUMBERS);
        if (node.hasNonNull("Attributes")) {
            request.set("Attributes", attributes(node.get("Attributes"), "Attributes"));
        }
        if (node.hasNonNull("Metrics")) {
            ObjectNode metrics = request.putObject("Metrics");
            for (Map.Entry<String, JsonNode> metric : object(node.get("Metrics"), "Metrics").properties()) {
                metrics.put(metric.getKey(), number(metric.getValue(), "Metrics." + metric.getKey()));
            }
        }
        if (node.hasNonNull("User")) {
            JsonNode user = object(node.get("User"), "User");
            ObjectNode target = request.putObject("User");
            if (user.hasNonNull("UserId")) {
                target.put("UserId", text(user.get("UserId"), "User.UserId"));
            }
            if (user.hasNonNull("UserAttributes")) {
                target.set("UserAttributes", attributes(user.get("UserAttributes"), "User.UserAttributes"));
            }
        }
        return request;
    }

    private static void copyFields(JsonNode node, ObjectNode request, String member, Set<String> texts, Set<String> numbers) {
        if (!node.hasNonNull(member)) {
            return;
        }
        JsonNode source = object(node.get(member), member);
        ObjectNode target = request.putObject(member);
        for (Map.Entry<String, JsonNode> field : source.properties()) {
            if (field.getValue().isNull()) {
                continue;
            }
            if (texts.contains(field.getKey())) {
                target.put(field.getKey(), text(field.getValue(), member + "." + field.getKey()));
            } else if (numbers.contains(field.getKey())) {
                target.put(field.getKey(), number(field.getValue(), member + "." + field.getKey()));
            }
        }
    }

    private static ObjectNode attributes(JsonNode node, String member) {
        ObjectNode attributes = AppsApi.MAPPER.createObjectNode();
        for (Map.Entry<String, JsonNode> attribute : object(node, member).properties()) {
            JsonNode values = attribute.getValue();
            if (!values.isArray()) {
                throw new IllegalArgumentException(member + "." + attribute.getKey() + " must be a list of strings");
            }
            ArrayNode list = attributes.putArray(attribute.getKey());
            for (JsonNode value : values) {
                list.add(text(value, member + "." + attribute.getKey()));
            }
        }
        return attributes;
    }

    private static JsonNode object(JsonNode node, String member) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(member + " must be an object");
        }
        return node;
    }

    private static String text(JsonNode node, String member) {
        if (!node.isTextual()) {
            throw new IllegalArgumentException(member + " must be a string");
        }
        return node.asText();
    }

    private static double number(JsonNode node, String member) {
        if (!node.isNumber()) {
            throw new IllegalArgumentException(member + " must be a number");
        }
        return node.asDouble();
    }

    private static List<Row> csv(String text) {
        List<List<String>> records = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        Csv.split(text, records, lines);
        List<Row> rows = new ArrayList<>();
        if (records.isEmpty()) {
            return rows;
        }
        List<String> header = records.get(0);
        for (String path : header) {
            if (!known(path.trim())) {
                throw PinpointErrors.badRequest("the CSV header names an unknown endpoint attribute: '" + path + "'");
            }
        }
        for (int r = 1; r < records.size(); r++) {
            List<String> record = records.get(r);
            if (record.size() == 1 && record.get(0).isEmpty()) {
                continue;
            }
            if (record.size() != header.size()) {
                rows.add(new Row(lines.get(r), Optional.empty(), Optional.of("the row has " + record.size()
                        + " fields and the header " + header.size())));
                continue;
            }
            try {
                rows.add(new Row(lines.get(r), Optional.of(request(header, record)), Optional.empty()));
            } catch (IllegalArgumentException e) {
                rows.add(new Row(lines.get(r), Optional.empty(), Optional.of(e.getMessage())));
            }
        }
        return rows;
    }

    private static boolean known(String path) {
        String[] parts = path.split("\\.", 3);
        return switch (parts[0]) {
            case "Demographic" -> parts.length == 2 && DEMOGRAPHIC.contains(parts[1]);
            case "Location" -> parts.length == 2 && (LOCATION_TEXT.contains(parts[1]) || LOCATION_NUMBERS.contains(parts[1]));
            case "Attributes", "Metrics" -> parts.length >= 2 && !path.substring(parts[0].length() + 1).isEmpty();
            case "User" -> path.equals("User.UserId") || (path.startsWith("User.UserAttributes.")
                    && path.length() > "User.UserAttributes.".length());
            default -> parts.length == 1 && SCALARS.contains(path);
        };
    }

    /** Builds the endpoint object the CSV row describes, then reads it as a JSON endpoint is read. */
    private static ObjectNode request(List<String> header, List<String> record) {
        ObjectNode node = AppsApi.MAPPER.createObjectNode();
        for (int i = 0; i < header.size(); i++) {
            String path = header.get(i).trim();
            String value = record.get(i);
            if (value.isEmpty()) {
                continue;
            }
            if (path.startsWith("Attributes.")) {
                node.with("Attributes").putArray(path.substring("Attributes.".length())).add(value);
            } else if (path.startsWith("User.UserAttributes.")) {
                node.with("User").with("UserAttributes").putArray(path.substring("User.UserAttributes.".length())).add(value);
            } else if (path.startsWith("Metrics.")) {
                node.with("Metrics").put(path.substring("Metrics.".length()), parseNumber(path, value));
            } else if (path.startsWith("Location.") && LOCATION_NUMBERS.contains(path.substring("Location.".length()))) {
                node.with("Location").put(path.substring("Location.".length()), parseNumber(path, value));
            } else if (path.contains(".")) {
                String[] parts = path.split("\\.", 2);
                node.with(parts[0]).put(parts[1], value);
            } else {
                node.put(path, value);
            }
        }
        return request(node);
    }

    private static double parseNumber(String path, String value) {
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(path + " must be a number: '" + value + "'");
        }
    }

    /** RFC 4180 records: fields split by commas, double quotes around fields that hold commas, quotes or newlines. */
    private static final class Csv {
        private Csv() {
        }

        static void split(String text, List<List<String>> records, List<Integer> lines) {
            List<String> record = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            int line = 1;
            int recordLine = 1;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        line += c == '\n' ? 1 : 0;
                        field.append(c);
                    }
                } else if (c == '"' && field.length() == 0) {
                    quoted = true;
                } else if (c == ',') {
                    record.add(field.toString());
                    field.setLength(0);
                } else if (c == '\n' || c == '\r') {
                    if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                        i++;
                    }
                    record.add(field.toString());
                    field.setLength(0);
                    records.add(record);
                    lines.add(recordLine);
                    record = new ArrayList<>();
                    line++;
                    recordLine = line;
                } else {
                    field.append(c);
                }
            }
            if (field.length() > 0 || !record.isEmpty()) {
                record.add(field.toString());
                records.add(record);
                lines.add(recordLine);
            }
        }
    }
}
