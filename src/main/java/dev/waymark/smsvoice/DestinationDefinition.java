// SPDX-License-Identifier: Apache-2.0
package dev.waymark.smsvoice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.channel.EventTarget;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks an EventDestinationDefinition: at least one MatchingEventTypes value, all of them event types of the API;
 * exactly one destination (CloudWatchLogsDestination, KinesisFirehoseDestination or SnsDestination, as AWS allows
 * one per event destination), with well-formed ARNs. {@code Enabled} defaults to false.
 */
final class DestinationDefinition {
    static final List<String> EVENT_TYPES = List.of("INITIATED_CALL", "RINGING", "ANSWERED", "COMPLETED_CALL", "BUSY",
            "FAILED", "NO_ANSWER");
    private static final Pattern ROLE = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]+");
    private static final Map<String, Map<String, Pattern>> KINDS = Map.of(
            "CloudWatchLogsDestination", Map.of("IamRoleArn", ROLE,
                    "LogGroupArn", Pattern.compile("arn:aws[a-z-]*:logs:[a-z0-9-]+:\\d{12}:log-group:[\\w#./-]+(:\\*)?")),
            "KinesisFirehoseDestination", Map.of("IamRoleArn", ROLE,
                    "DeliveryStreamArn", Pattern.compile("arn:aws[a-z-]*:firehose:[a-z0-9-]+:\\d{12}:deliverystream/[\\w.-]+")),
            "SnsDestination", Map.of(
                    "TopicArn", Pattern.compile("arn:aws[a-z-]*:sns:[a-z0-9-]+:\\d{12}:[\\w-]{1,256}(\\.fifo)?")));
    private static final Map<String, String> TARGET_ARN = Map.of("CloudWatchLogsDestination", "LogGroupArn",
            "KinesisFirehoseDestination", "DeliveryStreamArn", "SnsDestination", "TopicArn");
    private static final Map<String, EventTarget.Type> TARGET_TYPE = Map.of(
            "CloudWatchLogsDestination", EventTarget.Type.CLOUDWATCH,
            "KinesisFirehoseDestination", EventTarget.Type.FIREHOSE, "SnsDestination", EventTarget.Type.TOPIC);

    private DestinationDefinition() {
    }

    /** The definition to store: the request's, checked, with Enabled filled in. */
    static ObjectNode validated(JsonNode definition) {
        if (!definition.isObject()) {
            throw SmsVoiceErrors.badRequest("EventDestination is required");
        }
        ObjectNode result = ((ObjectNode) definition).deepCopy();
        result.put("Enabled", definition.path("Enabled").asBoolean(false));
        checkEventTypes(definition.path("MatchingEventTypes"));
        List<String> kinds = KINDS.keySet().stream().filter(definition::hasNonNull).sorted().toList();
        if (kinds.size() != 1) {
            throw SmsVoiceErrors.badRequest("EventDestination must have exactly one of CloudWatchLogsDestination, "
                    + "KinesisFirehoseDestination and SnsDestination; it has " + kinds.size());
        }
        String kind = kinds.get(0);
        for (Map.Entry<String, Pattern> member : KINDS.get(kind).entrySet()) {
            String value = definition.path(kind).path(member.getKey()).asText("");
            if (!member.getValue().matcher(value).matches()) {
                throw SmsVoiceErrors.badRequest(kind + "." + member.getKey() + " is not a valid ARN: '" + value + "'");
            }
        }
        return result;
    }

    private static void checkEventTypes(JsonNode types) {
        if (!types.isArray() || types.isEmpty()) {
            throw SmsVoiceErrors.badRequest("MatchingEventTypes must name at least one event type");
        }
        Set<String> known = Set.copyOf(EVENT_TYPES);
        for (JsonNode type : types) {
            if (!known.contains(type.asText())) {
                throw SmsVoiceErrors.badRequest("MatchingEventTypes contains '" + type.asText()
                        + "', which is not one of " + String.join(", ", EVENT_TYPES));
            }
        }
    }

    /** Where a stored definition's events go. */
    static EventTarget target(ObjectNode definition) {
        for (Map.Entry<String, String> kind : TARGET_ARN.entrySet()) {
            if (definition.hasNonNull(kind.getKey())) {
                return new EventTarget(TARGET_TYPE.get(kind.getKey()),
                        definition.path(kind.getKey()).path(kind.getValue()).asText());
            }
        }
        throw new IllegalStateException("a stored event destination has no destination");
    }
}
