// SPDX-License-Identifier: Apache-2.0
package dev.waymark.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills the ARN templates of the operation tables: {@code {region}}, {@code {account}}, request parameters by their
 * CloudTrail names, and {@code {response.Member}} from the response elements. Empty when a value is missing.
 */
final class Templates {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]+)}");

    private Templates() {
    }

    static Optional<String> fill(String template, Pipeline.Call call, Optional<ObjectNode> response) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            Optional<String> value = value(matcher.group(1), call, response);
            if (value.isEmpty()) {
                return Optional.empty();
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value.get()));
        }
        matcher.appendTail(out);
        return Optional.of(out.toString());
    }

    /** Fills a template from request parameters alone (CloudTrail names); empty when one is missing. */
    static Optional<String> fill(String template, ObjectNode requestParameters) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            JsonNode value = requestParameters.get(matcher.group(1));
            if (value == null || !value.isValueNode()) {
                return Optional.empty();
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value.asText()));
        }
        matcher.appendTail(out);
        return Optional.of(out.toString());
    }

    private static Optional<String> value(String name, Pipeline.Call call, Optional<ObjectNode> response) {
        switch (name) {
            case "region" -> {
                return Optional.of(call.caller.region());
            }
            case "account" -> {
                return Optional.of(call.caller.principal().accountId());
            }
            default -> {
                JsonNode source = name.startsWith("response.")
                        ? response.map(r -> r.path(name.substring("response.".length()))).orElse(null)
                        : call.decoded == null ? null : call.decoded.requestParameters().get(name);
                return source == null || !source.isValueNode() ? Optional.empty() : Optional.of(source.asText());
            }
        }
    }
}
