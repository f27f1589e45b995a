// SPDX-License-Identifier: Apache-2.0
package dev.waymark.protocol.restjson;

import dev.waymark.protocol.PercentCodec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A request URI template of the model ({@code /v1/apps/{application-id}/settings}), matched against the raw
 * path segment by segment so that an encoded '/' inside a label ({@code %2F} in a tags ARN) cannot split it;
 * each label is then percent-decoded on its own. A {@code {label+}} label is greedy.
 */
final class UriTemplate {
    private final String template;
    private final List<String> segments;
    private final int literalCount;

    UriTemplate(String template) {
        int query = template.indexOf('?');
        this.template = query < 0 ? template : template.substring(0, query);
        this.segments = split(this.template);
        this.literalCount = (int) segments.stream().filter(s -> !s.startsWith("{")).count();
    }

    String template() {
        return template;
    }

    /** More literal segments means a more specific template; the router prefers it. */
    int specificity() {
        return literalCount;
    }

    /** The raw (still encoded) label values when the raw path matches. */
    Optional<Map<String, String>> match(List<String> rawSegments) {
        Map<String, String> labels = new LinkedHashMap<>();
        int i = 0;
        for (int t = 0; t < segments.size(); t++) {
            String segment = segments.get(t);
            if (segment.startsWith("{") && segment.endsWith("+}")) {
                if (i >= rawSegments.size()) {
                    return Optional.empty();
                }
                labels.put(segment.substring(1, segment.length() - 2), String.join("/", rawSegments.subList(i, rawSegments.size())));
                return Optional.of(labels);
            }
            if (i >= rawSegments.size()) {
                return Optional.empty();
            }
            String raw = rawSegments.get(i);
            if (segment.startsWith("{")) {
                if (raw.isEmpty()) {
                    return Optional.empty();
                }
                labels.put(segment.substring(1, segment.length() - 1), raw);
            } else if (!segment.equals(raw)) {
                return Optional.empty();
            }
            i++;
        }
        return i == rawSegments.size() ? Optional.of(labels) : Optional.empty();
    }

    static List<String> split(String path) {
        List<String> parts = new ArrayList<>();
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (trimmed.isEmpty()) {
            return parts;
        }
        for (String part : trimmed.split("/", -1)) {
            parts.add(part);
        }
        if (!parts.isEmpty() && parts.get(parts.size() - 1).isEmpty()) {
            parts.remove(parts.size() - 1);
        }
        return parts;
    }

    static String decodeLabel(String raw) throws PercentCodec.MalformedException {
        return PercentCodec.decode(raw, false);
    }
}
