// SPDX-License-Identifier: Apache-2.0
package dev.waymark.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.waymark.core.Wildcard;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An IAM policy document: statements with Effect, Action/NotAction, Resource/NotResource, Principal (trust
 * policies) and Condition. The condition operators StringEquals, StringNotEquals, StringLike, StringNotLike and
 * Bool are supported (with their IfExists forms not); a document that uses anything else is refused when it is
 * stored, so that no statement is silently ignored.
 */
public final class PolicyDocument {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> OPERATORS = Set.of("StringEquals", "StringNotEquals", "StringLike", "StringNotLike", "Bool");

    /** The result of evaluating a document (or several) for one request. */
    public enum Decision { ALLOW, DENY, NONE }

    private final List<Statement> statements;

    record Statement(boolean allow, List<String> actions, boolean notAction, List<String> resources,
                     boolean notResource, List<String> principals, JsonNode condition) {
    }

    private PolicyDocument(List<Statement> statements) {
        this.statements = List.copyOf(statements);
    }

    /** Parses a document; {@link IllegalArgumentException} with a reason when it is not a valid policy. */
    public static PolicyDocument parse(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("Syntax errors in policy.");
        }
        if (root == null || !root.isObject() || !root.has("Statement")) {
            throw new IllegalArgumentException("Policy document must contain a Statement.");
        }
        JsonNode statementNode = root.get("Statement");
        List<Statement> statements = new ArrayList<>();
        for (JsonNode statement : statementNode.isArray() ? statementNode : List.of(statementNode)) {
            statements.add(statement(statement));
        }
        return new PolicyDocument(statements);
    }

    private static Statement statement(JsonNode node) {
        String effect = node.path("Effect").asText("");
        if (!effect.equals("Allow") && !effect.equals("Deny")) {
            throw new IllegalArgumentException("Statement Effect must be Allow or Deny.");
        }
        boolean notAction = node.has("NotAction");
        List<String> actions = strings(node.get(notAction ? "NotAction" : "Action"));
        boolean notResource = node.has("NotResource");
        List<String> resources = node.has("Resource") || notResource
                ? strings(node.get(notResource ? "NotResource" : "Resource")) : List.of("*");
        List<String> principals = principals(node.get("Principal"));
        JsonNode condition = node.path("Condition");
        condition.properties().forEach(e -> {
            if (!OPERATORS.contains(e.getKey())) {
                throw new IllegalArgumentException("Unsupported condition operator: " + e.getKey());
            }
        });
        if (actions.isEmpty()) {
            throw new IllegalArgumentException("Statement must contain an Action or NotAction.");
        }
        return new Statement(effect.equals("Allow"), actions, notAction, resources, notResource, principals, condition);
    }

    private static List<String> principals(JsonNode node) {
        if (node == null) {
            return List.of();
        }
        if (node.isTextual()) {
            return List.of(node.asText());
        }
        List<String> result = new ArrayList<>();
        node.properties().forEach(e -> result.addAll(strings(e.getValue())));
        return result;
    }

    private static List<String> strings(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (node.isTextual()) {
            return List.of(node.asText());
        }
        List<String> result = new ArrayList<>();
        node.forEach(item -> result.add(item.asText()));
        return result;
    }

    /** Evaluates the identity statements (those without Principal) for an action on a resource. */
    public Decision evaluate(String action, String resource, Map<String, String> context) {
        Decision decision = Decision.NONE;
        for (Statement statement : statements) {
            if (matches(statement, action, resource, context)) {
                if (!statement.allow()) {
                    return Decision.DENY;
                }
                decision = Decision.ALLOW;
            }
        }
        return decision;
    }

    /** Evaluates a trust policy: does it let one of the caller's principal names perform the action? */
    public Decision evaluateTrust(String action, List<String> callerPrincipals, Map<String, String> context) {
        Decision decision = Decision.NONE;
        for (Statement statement : statements) {
            boolean principalMatches = statement.principals().stream().anyMatch(p -> p.equals("*") || callerPrincipals.contains(p));
            if (principalMatches && matchesAny(statement.actions(), action, true) != statement.notAction()
                    && conditionsHold(statement.condition(), context)) {
                if (!statement.allow()) {
                    return Decision.DENY;
                }
                decision = Decision.ALLOW;
            }
        }
        return decision;
    }

    private static boolean matches(Statement statement, String action, String resource, Map<String, String> context) {
        return matchesAny(statement.actions(), action, true) != statement.notAction()
                && matchesAny(statement.resources(), resource, false) != statement.notResource()
                && conditionsHold(statement.condition(), context);
    }

    private static boolean matchesAny(List<String> patterns, String value, boolean ignoreCase) {
        for (String pattern : patterns) {
            if (Wildcard.matches(ignoreCase ? pattern.toLowerCase(Locale.ROOT) : pattern,
                    ignoreCase ? value.toLowerCase(Locale.ROOT) : value)) {
                return true;
            }
        }
        return false;
    }

    private static boolean conditionsHold(JsonNode condition, Map<String, String> context) {
        for (Map.Entry<String, JsonNode> operator : condition.properties()) {
            for (Map.Entry<String, JsonNode> key : operator.getValue().properties()) {
                String actual = context.get(key.getKey().toLowerCase(Locale.ROOT));
                if (!conditionHolds(operator.getKey(), actual, strings(key.getValue()))) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean conditionHolds(String operator, String actual, List<String> expected) {
        return switch (operator) {
            case "StringEquals", "Bool" -> actual != null && expected.contains(actual);
            case "StringNotEquals" -> actual == null || !expected.contains(actual);
            case "StringLike" -> actual != null && expected.stream().anyMatch(p -> Wildcard.matches(p, actual));
            case "StringNotLike" -> actual == null || expected.stream().noneMatch(p -> Wildcard.matches(p, actual));
            default -> false;
        };
    }

}
