// SPDX-License-Identifier: Apache-2.0
package dev.waymark.email;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.channel.EventTarget;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks an EventDestinationDefinition: at least one MatchingEventTypes value, each an event type of the API;
 * exactly one of KinesisFirehoseDestination, CloudWatchDestination, SnsDestination and PinpointDestination, with
 * well-formed ARNs and CloudWatch dimensions. {@code Enabled} defaults to false.
 */
final class DestinationDefinition {
    static final List<String> EVENT_TYPES = List.of("SEND", "REJECT", "BOUNCE", "COMPLAINT", "DELIVERY", "OPEN",
            "CLICK", "RENDERING_FAILURE");
    private static final Pattern ROLE = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]+");
    private static final Pattern STREAM = Pattern.compile("arn:aws[a-z-]*:firehose:[a-z0-9-]+:\\d{12}:deliverystream/[\\w.-]+");
    private static final Pattern TOPIC = Pattern.compile("arn:aws[a-z-]*:sns:[a-z0-9-]+:\\d{12}:[\\w-]{1,256}");
    private static final Pattern APP = Pattern.compile("arn:aws[a-z-]*:mobiletargeting:[a-z0-9-]+:\\d{12}:apps/[a-f0-9]{32}");
    private static final Pattern DIMENSION = Pattern.compile("[A-Za-z0-9_:-]{1,256}");
    private static final Map<String, EventTarget.Type> KINDS = Map.of("KinesisFirehoseDestination",
            EventTarget.Type.FIREHOSE, "CloudWatchDestination", EventTarget.Type.CLOUDWATCH, "SnsDestination",
            EventTarget.Type.TOPIC, "PinpointDestination", EventTarget.Type.PINPOINT);

    private DestinationDefinition() {
    }

    static ObjectNode validated(JsonNode definition) {
        if (!definition.isObject()) {
            throw EmailErrors.badRequest("EventDestination is required");
        }
        ObjectNode result = ((ObjectNode) definition).deepCopy();
        result.put("Enabled", definition.path("Enabled").asBoolean(false));
        JsonNode types = definition.path("MatchingEventTypes");
        if (!types.isArray() || types.isEmpty()) {
            throw EmailErrors.badRequest("MatchingEventTypes must name at least one event type");
        }
        for (JsonNode type : types) {
            if (!EVENT_TYPES.contains(type.asText())) {
                throw EmailErrors.badRequest("Invalid event type <" + type.asText() + ">: one of "
                        + String.join(", ", EVENT_TYPES));
            }
        }
        List<String> kinds = KINDS.keySet().stream().filter(definition::hasNonNull).toList();
        if (kinds.size() != 1) {
            throw EmailErrors.badRequest("An event destination needs exactly one of KinesisFirehoseDestination, "
                    + "CloudWatchDestination, SnsDestination and PinpointDestination; it has " + kinds.size());
        }
        JsonNode kind = definition.get(kinds.get(0));
        switch (kinds.get(0)) {
            case "KinesisFirehoseDestination" -> {
                check(kind, "IamRoleArn", ROLE);
                check(kind, "DeliveryStreamArn", STREAM);
            }
            case "SnsDestination" -> check(kind, "TopicArn", TOPIC);
            case "PinpointDestination" -> check(kind, "ApplicationArn", APP);
            default -> dimensions(kind.path("DimensionConfigurations"));
        }
        return result;
    }

    private static void check(JsonNode kind, String member, Pattern pattern) {
        String value = kind.path(member).asText("");
        if (!pattern.matcher(value).matches()) {
            throw EmailErrors.badRequest("Invalid " + member + " <" + value + ">");
        }
    }

    private static void dimensions(JsonNode dimensions) {
        if (!dimensions.isArray() || dimensions.isEmpty()) {
            throw EmailErrors.badRequest("CloudWatchDestination needs at least one DimensionConfiguration");
        }
        for (JsonNode dimension : dimensions) {
            check(dimension, "DimensionName", DIMENSION);
            check(dimension, "DefaultDimensionValue", DIMENSION);
            if (!dimension.path("DimensionValueSource").asText().matches("MESSAGE_TAG|EMAIL_HEADER|LINK_TAG")) {
                throw EmailErrors.badRequest("DimensionValueSource must be MESSAGE_TAG, EMAIL_HEADER or LINK_TAG");
            }
        }
    }

    /** Where a stored definition's events go; a CloudWatch destination is named by the event destination. */
    static EventTarget target(String destinationName, ObjectNode definition) {
        for (Map.Entry<String, EventTarget.Type> kind : KINDS.entrySet()) {
            JsonNode value = definition.get(kind.getKey());
            if (value != null && !value.isNull()) {
                String address = switch (kind.getValue()) {
                    case FIREHOSE -> value.path("DeliveryStreamArn").asText();
                    case TOPIC -> value.path("TopicArn").asText();
                    case PINPOINT -> value.path("ApplicationArn").asText();
                    case CLOUDWATCH -> "cloudwatch:" + destinationName;
                };
                return new EventTarget(kind.getValue(), address);
            }
        }
        throw new IllegalStateException("a stored event destination has no destination");
    }
}
