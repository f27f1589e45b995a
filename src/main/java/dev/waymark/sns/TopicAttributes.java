// SPDX-License-Identifier: Apache-2.0
package dev.waymark.sns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Map;
import java.util.Set;

/**
 * The topic attributes a caller may set, their checks, and the default policy SNS gives a topic that has none.
 * Policy and DeliveryPolicy are stored as given and not evaluated (DeliveryPolicy does not change Waymark's retry
 * schedule); SignatureVersion chooses SHA1withRSA (1) or SHA256withRSA (2, Waymark's default); the other attributes
 * SNS knows (FIFO, KMS, delivery-status logging, data protection) are refused rather than stored and ignored.
 */
final class TopicAttributes {
    static final String POLICY = "Policy";
    static final String DISPLAY_NAME = "DisplayName";
    static final String SIGNATURE_VERSION = "SignatureVersion";
    static final Set<String> SETTABLE = Set.of(POLICY, DISPLAY_NAME, "DeliveryPolicy", SIGNATURE_VERSION, "TracingConfig");
    private static final Set<String> KNOWN_UNSUPPORTED = Set.of("FifoTopic", "ContentBasedDeduplication", "KmsMasterKeyId",
            "ArchivePolicy", "FifoThroughputScope", "DataProtectionPolicy",
            "HTTPSuccessFeedbackRoleArn", "HTTPSuccessFeedbackSampleRate", "HTTPFailureFeedbackRoleArn",
            "FirehoseSuccessFeedbackRoleArn", "FirehoseSuccessFeedbackSampleRate", "FirehoseFailureFeedbackRoleArn",
            "LambdaSuccessFeedbackRoleArn", "LambdaSuccessFeedbackSampleRate", "LambdaFailureFeedbackRoleArn",
            "ApplicationSuccessFeedbackRoleArn", "ApplicationSuccessFeedbackSampleRate", "ApplicationFailureFeedbackRoleArn",
            "SQSSuccessFeedbackRoleArn", "SQSSuccessFeedbackSampleRate", "SQSFailureFeedbackRoleArn");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TopicAttributes() {
    }

    /** Checks the attributes given to CreateTopic; the message names the first one refused. */
    static void checkAll(Map<String, String> attributes) {
        for (Map.Entry<String, String> attribute : attributes.entrySet()) {
            if (attribute.getKey().equals("FifoTopic") && attribute.getValue().equals("false")) {
                continue;
            }
            String problem = problem(attribute.getKey(), attribute.getValue());
            if (problem != null) {
                throw SnsErrors.invalid("Attributes Reason: " + problem);
            }
        }
    }

    /** Checks one attribute given to SetTopicAttributes. */
    static void check(String name, String value) {
        if (!SETTABLE.contains(name) && !KNOWN_UNSUPPORTED.contains(name)) {
            throw SnsErrors.invalid("AttributeName");
        }
        String problem = problem(name, value);
        if (problem != null) {
            throw SnsErrors.invalid(name.equals(POLICY) || name.equals("DeliveryPolicy") ? problem
                    : "AttributeValue Reason: " + problem);
        }
    }

    /** What is wrong with an attribute, or null. An empty value removes a settable attribute. */
    private static String problem(String name, String value) {
        if (KNOWN_UNSUPPORTED.contains(name)) {
            return "Waymark's embedded topics do not support the attribute " + name;
        }
        if (!SETTABLE.contains(name)) {
            return "Invalid attribute name: " + name;
        }
        if (value.isEmpty()) {
            return null;
        }
        return switch (name) {
            case POLICY -> jsonObjectProblem(POLICY, value, true);
            case "DeliveryPolicy" -> jsonObjectProblem("DeliveryPolicy", value, false);
            case SIGNATURE_VERSION -> value.equals("1") || value.equals("2") ? null
                    : "SignatureVersion must be 1 or 2";
            case "TracingConfig" -> value.equals("PassThrough") || value.equals("Active") ? null
                    : "TracingConfig must be PassThrough or Active";
            default -> null;
        };
    }

    private static String jsonObjectProblem(String name, String value, boolean needsStatement) {
        try {
            JsonNode node = MAPPER.readTree(value);
            if (node == null || !node.isObject()) {
                return name + " Error: the document is not a JSON object";
            }
            if (needsStatement && !node.has("Statement")) {
                return name + " Error: null";
            }
            return null;
        } catch (IOException e) {
            return name + " Error: the document is not valid JSON";
        }
    }

    /** The policy SNS gives a new topic: the owner account may do everything with it. */
    static String defaultPolicy(String topicArn, String accountId) {
        ObjectNode policy = MAPPER.createObjectNode();
        policy.put("Version", "2008-10-17").put("Id", "__default_policy_ID");
        ObjectNode statement = policy.putArray("Statement").addObject();
        statement.put("Sid", "__default_statement_ID").put("Effect", "Allow");
        statement.putObject("Principal").put("AWS", "*");
        var actions = statement.putArray("Action");
        for (String action : new String[] {"GetTopicAttributes", "SetTopicAttributes", "AddPermission",
                "RemovePermission", "DeleteTopic", "Subscribe", "ListSubscriptionsByTopic", "Publish"}) {
            actions.add("SNS:" + action);
        }
        statement.put("Resource", topicArn);
        statement.putObject("Condition").putObject("StringEquals").put("AWS:SourceOwner", accountId);
        return policy.toString();
    }

    /** The effective policy of a topic: the one set, else the default. */
    static String policy(TopicRepository.Topic topic) {
        String set = topic.attributes().getOrDefault(POLICY, "");
        return set.isEmpty() ? defaultPolicy(topic.arn(), topic.accountId()) : set;
    }
}
