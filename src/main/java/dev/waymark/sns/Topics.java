// SPDX-License-Identifier: Apache-2.0
package dev.waymark.sns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.core.Uuids;
import dev.waymark.store.Tx;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

/**
 * The embedded topics as other services use them (trails announce delivered log files through it), inside the
 * caller's transaction. {@link #publish} is the code path of the Publish operation itself: the message is queued
 * for every confirmed subscription in the caller's transaction, so it is sent if and only if that transaction
 * commits, and sent until each endpoint takes it. Thread-safe.
 */
public final class Topics {
    /** SNS's limit for a message with its attributes. */
    static final int MAX_MESSAGE_BYTES = 262_144;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final TopicRepository topics = new TopicRepository();
    private final Outbox outbox = new Outbox();

    public Topics() {
    }

    /** The topic with this ARN, of whichever account and region; empty when there is none (or it is no topic ARN). */
    public static Optional<TopicInfo> find(Tx tx, String topicArn) throws SQLException {
        return new TopicRepository().find(tx, topicArn).map(t -> new TopicInfo(t.arn(), t.accountId(), t.region(),
                t.name(), TopicAttributes.policy(t)));
    }

    /**
     * Publishes a message to a topic inside the caller's transaction and returns its MessageId. The topic's owner
     * and region are not checked against anything: the caller has decided it may publish there (see
     * {@link #find}). Throws SNS's errors: InvalidParameter for a malformed ARN, an empty or too long message or a
     * bad subject, NotFound when the topic does not exist.
     *
     * @param subject   SNS's Subject: up to 100 printable ASCII characters, no line breaks; empty for none
     * @param nowMillis the message's Timestamp
     */
    public String publish(Tx tx, String topicArn, String message, Optional<String> subject, long nowMillis)
            throws SQLException {
        return publish(tx, topicArn, message, subject, Optional.empty(), nowMillis);
    }

    /** Publish with message attributes ({@code {name: {"Type", "Value"}}} as the envelope carries them). */
    String publish(Tx tx, String topicArn, String message, Optional<String> subject, Optional<ObjectNode> attributes,
                   long nowMillis) throws SQLException {
        if (Arns.parseTopic(topicArn).isEmpty()) {
            throw SnsErrors.invalid("TopicArn");
        }
        if (message == null || message.isEmpty()) {
            throw SnsErrors.invalid("Empty message");
        }
        subject.ifPresent(Topics::checkSubject);
        if (size(message, attributes) > MAX_MESSAGE_BYTES) {
            throw SnsErrors.invalid("Message too long");
        }
        if (topics.find(tx, topicArn).isEmpty()) {
            throw SnsErrors.topicNotFound();
        }
        String messageId = Uuids.random().toString();
        outbox.enqueueNotification(tx, topicArn, messageId, subject, message,
                attributes.filter(a -> !a.isEmpty()).map(JsonNode::toString), nowMillis);
        return messageId;
    }

    private static void checkSubject(String subject) {
        boolean printable = subject.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
        if (subject.isEmpty() || subject.length() > 100 || !printable) {
            throw SnsErrors.invalid("Subject");
        }
    }

    private static long size(String message, Optional<ObjectNode> attributes) {
        long size = message.getBytes(StandardCharsets.UTF_8).length;
        if (attributes.isPresent()) {
            for (Map.Entry<String, JsonNode> attribute : attributes.get().properties()) {
                size += attribute.getKey().getBytes(StandardCharsets.UTF_8).length;
                size += attribute.getValue().path("Type").asText().getBytes(StandardCharsets.UTF_8).length;
                size += attribute.getValue().path("Value").asText().getBytes(StandardCharsets.UTF_8).length;
            }
        }
        return size;
    }

    /** The message attributes of a Publish input, in the envelope's form; SNS's errors for bad ones. */
    static Optional<ObjectNode> messageAttributes(JsonNode input) {
        if (!input.isObject() || input.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode result = MAPPER.createObjectNode();
        for (Map.Entry<String, JsonNode> attribute : input.properties()) {
            String name = attribute.getKey();
            String type = attribute.getValue().path("DataType").asText("");
            boolean binary = type.equals("Binary") || type.startsWith("Binary.");
            boolean known = binary || type.equals("String") || type.startsWith("String.") || type.equals("Number")
                    || type.startsWith("Number.");
            if (!known) {
                throw SnsErrors.invalidParameterValue("The message attribute '" + name + "' has an invalid message "
                        + "attribute type, the set of supported type prefixes is Binary, Number, and String.");
            }
            JsonNode value = attribute.getValue().get(binary ? "BinaryValue" : "StringValue");
            if (value == null || value.asText().isEmpty()) {
                throw SnsErrors.invalidParameterValue("The message attribute '" + name + "' must contain non-empty "
                        + "message attribute value for message attribute type '" + type + "'.");
            }
            result.putObject(name).put("Type", type).put("Value", value.asText());
        }
        return Optional.of(result);
    }
}
