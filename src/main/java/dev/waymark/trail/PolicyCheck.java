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
 * {@code aws:SourceArn} or {@code aws:SourceAccount} conditions, when present, name this trail or account. For a
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

    static boolean allowsPublish(String policy, String topicArn, String accountId, String trailArn) {
        return allows(policy, "sns:publish", topicArn, accountId, trailArn);
    }

    private static boolean allows(String policy, String action, String resource, String accountId, String trailArn) {
        JsonNode root;
        try {
            root = MAPPER.readTree(policy);
        } catch (IOException e) {
            return false;
        }
        JsonNode statements = root.path("Statement");
        for (JsonNode statement : statements.isArray() ? statements : List.of(statements)) {
            if (statement.path("Effect").asText().equals("Allow")
                    && strings(statement.path("Principal").path("Service")).contains("cloudtrail.amazonaws.com")
                    && strings(statement.path("Action")).stream().anyMatch(a -> Wildcard.matches(a.toLowerCase(), action))
                    && strings(statement.path("Resource")).stream().anyMatch(r -> Wildcard.matches(r, resource))
                    && conditionsHold(statement.path("Condition"), accountId, trailArn)) {
                return true;
            }
        }
        return false;
    }

    private static boolean conditionsHold(JsonNode condition, String accountId, String trailArn) {
        Map<String, String> known = Map.of("aws:sourcearn", trailArn, "aws:sourceaccount", accountId,
                "s3:x-amz-acl", "bucket-owner-full-control");
        for (Map.Entry<String, JsonNode> operator : condition.properties()) {
            for (Map.Entry<String, JsonNode> key : operator.getValue().properties()) {
                String actual = known.get(key.getKey().toLowerCase());
                if (actual == null) {
                    continue;
                }
                boolean like = operator.getKey().startsWith("StringLike") || operator.getKey().startsWith("ArnLike");
                boolean holds = strings(key.getValue()).stream().anyMatch(v -> like ? Wildcard.matches(v, actual) : v.equals(actual));
                if (!holds) {
                    return false;
                }
            }
        }
        return true;
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
