// SPDX-License-Identifier: Apache-2.0
package dev.waymark.pinpoint;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills in the message variables of Pinpoint messages and templates: {@code {{Attributes.City}}},
 * {@code {{User.UserAttributes.FirstName}}}, {@code {{Demographic.Platform}}}, {@code {{Address}}}, {@code {{Id}}} and
 * any other path into the endpoint, and names given as substitutions. A name is looked up in the sources in order
 * — the recipient's own Substitutions, the message's Substitutions, the endpoint, the template's
 * DefaultSubstitutions — and a name none of them has becomes the empty string. A multi-valued attribute becomes its
 * values joined by commas. In HTML, {@code {{name}}} is HTML-escaped and {@code {{{name}}}} is not, as in the
 * Handlebars syntax Pinpoint templates use; in text nothing is escaped. Handlebars helpers ({@code {{#if}}} …) are
 * not supported: they are left as they are. Stateless.
 */
final class Personalisation {
    private static final String NAME = "\\s*([A-Za-z0-9_.\\-:]+)\\s*";
    /** {@code {{{name}}}} (group 1, not escaped) or {@code {{name}}} (group 2); the braces must pair up. */
    private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\{" + NAME + "\\}\\}\\}|\\{\\{" + NAME + "\\}\\}");

    /** Where the values of variables come from, in the order they are searched. */
    record Sources(List<JsonNode> sources) {
        Sources {
            sources = List.copyOf(sources);
        }

        /**
         * The sources for one recipient: substitution maps (name → list of values, or name → value) searched by
         * the whole name, then the endpoint searched by path, then the template's default substitutions.
         */
        static Sources of(List<JsonNode> substitutions, Optional<JsonNode> endpoint, Optional<JsonNode> defaults) {
            List<JsonNode> all = new ArrayList<>(substitutions);
            endpoint.ifPresent(all::add);
            defaults.ifPresent(all::add);
            return new Sources(all);
        }

        Optional<String> value(String name) {
            for (JsonNode source : sources) {
                JsonNode found = source.has(name) ? source.get(name) : path(source, name);
                if (found != null && !found.isMissingNode() && !found.isNull()) {
                    return Optional.of(text(found));
                }
            }
            return Optional.empty();
        }

        private static JsonNode path(JsonNode source, String name) {
            JsonNode node = source;
            for (String part : name.split("\\.")) {
                node = node.path(part);
            }
            return node;
        }

        private static String text(JsonNode value) {
            if (!value.isArray()) {
                return value.isValueNode() ? value.asText() : value.toString();
            }
            List<String> parts = new ArrayList<>();
            value.forEach(v -> parts.add(v.asText()));
            return String.join(",", parts);
        }
    }

    private Personalisation() {
    }

    static String text(String template, Sources sources) {
        return render(template, sources, false);
    }

    static String html(String template, Sources sources) {
        return render(template, sources, true);
    }

    private static String render(String template, Sources sources, boolean html) {
        if (template.indexOf("{{") < 0) {
            return template;
        }
        Matcher matcher = VARIABLE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            boolean raw = matcher.group(1) != null;
            String value = sources.value(raw ? matcher.group(1) : matcher.group(2)).orElse("");
            matcher.appendReplacement(out, Matcher.quoteReplacement(html && !raw ? escape(value) : value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#x27;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
