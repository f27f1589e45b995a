// SPDX-License-Identifier: Apache-2.0
package dev.waymark.channel;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Where an event destination sends its events, as its definition names it.
 *
 * @param type    an SNS topic, a CloudWatch (Logs) destination, a Kinesis Data Firehose stream, or a Pinpoint app
 * @param address the destination's ARN (a topic, log group, delivery stream or application), or its name where
 *                the definition has no ARN (an e-mail CloudWatch destination)
 */
public record EventTarget(Type type, String address) {
    public enum Type { TOPIC, CLOUDWATCH, FIREHOSE, PINPOINT }

    public EventTarget {
        requireNonNull(type, "type is null");
        requireNonNull(address, "address is null");
    }

    ObjectNode toJson() {
        return Outbox.MAPPER.createObjectNode().put("type", type.name()).put("address", address);
    }

    static EventTarget fromJson(ObjectNode node) {
        return new EventTarget(Type.valueOf(node.path("type").asText()), node.path("address").asText());
    }
}
