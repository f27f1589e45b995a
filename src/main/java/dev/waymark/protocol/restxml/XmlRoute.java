// SPDX-License-Identifier: Apache-2.0
package dev.waymark.protocol.restxml;

import dev.waymark.protocol.ServiceModel;
import dev.waymark.protocol.ServiceModel.Member;
import dev.waymark.protocol.ServiceModel.OperationModel;
import dev.waymark.protocol.ServiceModel.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One operation's HTTP binding as restXml routes it: method, path template ({@code /{Bucket}/{Key+}}, the last
 * label greedy, matched against the raw path so that a key keeps its slashes, empty segments and trailing slash),
 * the literal query keys of the template ({@code ?policy}, {@code ?list-type=2}), and the query parameters and
 * headers the input requires (UploadPart needs {@code partNumber} and {@code uploadId}; PutObject does not).
 */
final class XmlRoute {
    private final String operation;
    private final String method;
    private final List<String> segments;
    private final Map<String, String> literals;
    private final List<String> requiredQuery = new ArrayList<>();
    private final List<String> requiredHeaders = new ArrayList<>();
    private final boolean deprecated;

    XmlRoute(OperationModel op, ServiceModel model) {
        this.operation = op.name();
        this.method = op.method();
        this.deprecated = op.deprecated();
        String uri = op.requestUri();
        int query = uri.indexOf('?');
        this.segments = segments(query < 0 ? uri : uri.substring(0, query));
        this.literals = literals(query < 0 ? "" : uri.substring(query + 1));
        if (op.input().isPresent()) {
            Shape input = model.shape(op.input().get());
            for (Member member : input.members().values()) {
                if (input.required().contains(member.name())) {
                    member.location().filter("querystring"::equals).ifPresent(l -> requiredQuery.add(member.wireName()));
                    member.location().filter("header"::equals).ifPresent(l -> requiredHeaders.add(
                            member.wireName().toLowerCase(Locale.ROOT)));
                }
            }
        }
    }

    String operation() {
        return operation;
    }

    String method() {
        return method;
    }

    Map<String, String> literals() {
        return literals;
    }

    /**
     * How specific the route is: literal query keys first, then required query parameters and headers; of two
     * otherwise equal routes the one the model has not deprecated wins (PutBucketLifecycleConfiguration over
     * PutBucketLifecycle, which share {@code PUT /{Bucket}?lifecycle}).
     */
    int specificity() {
        return literals.size() * 100 + (requiredQuery.size() + requiredHeaders.size()) * 2 + (deprecated ? 0 : 1);
    }

    /** The raw (still encoded) labels when the raw path matches the template. */
    Optional<Map<String, String>> matchPath(String rawPath) {
        String rest = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
        Map<String, String> labels = new LinkedHashMap<>();
        for (String segment : segments) {
            if (rest.isEmpty()) {
                return Optional.empty();
            }
            if (segment.startsWith("{") && segment.endsWith("+}")) {
                labels.put(segment.substring(1, segment.length() - 2), rest);
                return Optional.of(labels);
            }
            int slash = rest.indexOf('/');
            String part = slash < 0 ? rest : rest.substring(0, slash);
            rest = slash < 0 ? "" : rest.substring(slash + 1);
            if (segment.startsWith("{")) {
                if (part.isEmpty()) {
                    return Optional.empty();
                }
                labels.put(segment.substring(1, segment.length() - 1), part);
            } else if (!segment.equals(part)) {
                return Optional.empty();
            }
        }
        return rest.isEmpty() ? Optional.of(labels) : Optional.empty();
    }

    /** Whether the request carries the template's literal query keys and the input's required query and headers. */
    boolean accepts(Map<String, String> query, Map<String, List<String>> headers) {
        for (Map.Entry<String, String> literal : literals.entrySet()) {
            String value = query.get(literal.getKey());
            if (value == null || (!literal.getValue().isEmpty() && !literal.getValue().equals(value))) {
                return false;
            }
        }
        return query.keySet().containsAll(requiredQuery) && headers.keySet().containsAll(requiredHeaders);
    }

    private static List<String> segments(String path) {
        List<String> parts = new ArrayList<>();
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (!trimmed.isEmpty()) {
            parts.addAll(List.of(trimmed.split("/")));
        }
        return List.copyOf(parts);
    }

    private static Map<String, String> literals(String query) {
        Map<String, String> result = new LinkedHashMap<>();
        for (String part : query.split("&")) {
            if (!part.isEmpty()) {
                int eq = part.indexOf('=');
                result.put(eq < 0 ? part : part.substring(0, eq), eq < 0 ? "" : part.substring(eq + 1));
            }
        }
        return Map.copyOf(result);
    }
}
