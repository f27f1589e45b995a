// SPDX-License-Identifier: Apache-2.0
package dev.waymark.trail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.waymark.core.Wildcard;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Whether a resource policy lets CloudTrail do what a trail needs (cloudtrail.md §3.5, §5): an Allow statement for
 * the service principal {@code cloudtrail.amazonaws.com} with the action on the resource, whose
 * {@code aws:SourceArn} or {@code aws:SourceAccount} conditions, when present, name this trail or account, and that
 * no Deny statement may refuse. A condition key or operator that cannot be evaluated here makes an Allow not count
 * and a Deny count (fail closed). For a
 * bucket: {@code s3:PutObject} on {@code arn:aws:s3:::bucket/[prefix/]AWSLogs/<account>/*} (for an organization
 * trail {@code AWSLogs/<o-id>/<account>/*}); for a topic: {@code SNS:Publish} on the topic.
 */
final class PolicyCheck {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private PolicyCheck() {
    }

    /** @param logsFolder the folder under {@code AWSLogs/}: the account id, or {@code <o-id>/<account>} */
    static boolean allowsDelivery(String policy, String bucket, String prefix, String logsFolder, String accountId,
                                  String trailArn) {
        String objectArn = "arn:aws:s3:::" + bucket + "/" + (prefix.isEmpty() ? "" : prefix + "/") + "AWSLogs/"
                + logsFolder + "/CloudTrail/file.json.gz";
        return allows(policy, "s3:putobject", objectArn, accountId, trailArn);
    }

    /** Whether the policy opens every one of these folders (see {@link #allowsDelivery}). */
    static boolean allowsDeliveryToAll(String policy, String bucket, String prefix, List<String> logsFolders,
                                       String accountId, String trailArn) {
        return logsFolders.stream().allMatch(folder -> allowsDelivery(policy, bucket, prefix, folder, accountId, trailArn));
    }

    static boolean allowsPublish(String policy, String topicArn, String accountId, String trailArn) {
        return allows(policy, "sns:publish", topicArn, accountId, trailArn);
    }

    /** What a statement's conditions come to: hold, fail, or cannot be told here (a key or operator not known). */
    private enum Truth { HOLDS, FAILS, UNKNOWN }

    /**
     * Allowed when an Allow statement certainly applies and no Deny statement may apply: a Deny whose conditions or
     * elements cannot be evaluated here counts as applying (fail closed), an Allow as not applying.
     */
    private static boolean allows(String policy, String action, String resource, String accountId, String trailArn) {
        JsonNode root;
        try {
            root = MAPPER.readTree(policy);
        } catch (IOException e) {
            return false;
        }
        Map<String, String> known = Map.of("aws:sourcearn", trailArn, "aws:sourceaccount", accountId,
                "s3:x-amz-acl", "bucket-owner-full-control");
        boolean allowed = false;
        JsonNode statements = root.path("Statement");
        for (JsonNode statement : statements.isArray() ? statements : List.of(statements)) {
            Truth applies = applies(statement, action, resource, known);
            String effect = statement.path("Effect").asText();
            if (effect.equals("Deny") && applies != Truth.FAILS) {
                return false;
            }
            allowed |= effect.equals("Allow") && applies == Truth.HOLDS;
        }
        return allowed;
    }

    private static Truth applies(JsonNode statement, String action, String resource, Map<String, String> known) {
        if (statement.has("NotPrincipal") || statement.has("NotAction") || statement.has("NotResource")) {
            return Truth.UNKNOWN;
        }
        JsonNode principal = statement.path("Principal");
        boolean toCloudTrail = principal.isTextual() && principal.asText().equals("*")
                || strings(principal.path("Service")).contains("cloudtrail.amazonaws.com")
                || strings(principal.path("AWS")).contains("*");
        if (!toCloudTrail
                || strings(statement.path("Action")).stream().noneMatch(a -> Wildcard.matches(a.toLowerCase(), action))
                || strings(statement.path("Resource")).stream().noneMatch(r -> Wildcard.matches(r, resource))) {
            return Truth.FAILS;
        }
        return conditions(statement.path("Condition"), known);
    }

    private static Truth conditions(JsonNode condition, Map<String, String> known) {
        Truth result = Truth.HOLDS;
        for (Map.Entry<String, JsonNode> operator : condition.properties()) {
            String name = operator.getKey();
            boolean like = name.equals("StringLike") || name.equals("ArnLike") || name.equals("StringNotLike")
                    || name.equals("ArnNotLike");
            boolean negated = name.contains("Not");
            if (!like && !List.of("StringEquals", "ArnEquals", "StringNotEquals", "ArnNotEquals").contains(name)) {
                result = Truth.UNKNOWN;
                continue;
            }
            for (Map.Entry<String, JsonNode> key : operator.getValue().properties()) {
                String actual = known.get(key.getKey().toLowerCase());
                if (actual == null) {
                    result = Truth.UNKNOWN;
                    continue;
                }
                boolean any = strings(key.getValue()).stream().anyMatch(v -> like ? Wildcard.matches(v, actual) : v.equals(actual));
                if (any == negated) {
                    return Truth.FAILS;
                }
            }
        }
        return result;
    }

    private static List<String> strings(JsonNode node) {
        List<String> result = new ArrayList<>();
        if (node.isTextual()) {
            result.add(node.asText());
        } else {
            node.forEach(item -> result.add(item.asText()));
        }
        return result;
    }
}
