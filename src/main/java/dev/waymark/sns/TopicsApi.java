// SPDX-License-Identifier: Apache-2.0
package dev.waymark.sns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.core.Invocation;
import dev.waymark.sns.TopicRepository.Topic;
import dev.waymark.store.Tx;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * CreateTopic, DeleteTopic, ListTopics, GetTopicAttributes, SetTopicAttributes, Publish and the tag operations,
 * with SNS's rules and messages. Every account and region has its own topics; a topic ARN of another region is
 * "Topic does not exist" (one of another account never gets here: the pipeline denies it).
 */
final class TopicsApi {
    static final int MAX_TAGS = 50;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final TopicRepository topics;
    private final SubscriptionRepository subscriptions;
    private final Outbox outbox;
    private final Topics publisher;

    TopicsApi(TopicRepository topics, SubscriptionRepository subscriptions, Outbox outbox, Topics publisher) {
        this.topics = topics;
        this.subscriptions = subscriptions;
        this.outbox = outbox;
        this.publisher = publisher;
    }

    ObjectNode createTopic(Invocation inv, Tx tx) throws SQLException {
        String name = inv.input().path("Name").asText();
        if (!Arns.validName(name)) {
            throw SnsErrors.invalid("Topic Name");
        }
        if (inv.input().has("DataProtectionPolicy")) {
            throw SnsErrors.invalid("DataProtectionPolicy Reason: Waymark's embedded topics do not support data protection policies");
        }
        Map<String, String> attributes = textMap(inv.input().path("Attributes"));
        TopicAttributes.checkAll(attributes);
        attributes.remove("FifoTopic");
        attributes.values().removeIf(String::isEmpty);
        Map<String, String> tags = tags(inv.input().path("Tags"));
        String arn = Arns.topic(inv.region(), inv.accountId(), name);
        Optional<Topic> existing = topics.find(tx, arn);
        if (existing.isPresent()) {
            for (Map.Entry<String, String> attribute : attributes.entrySet()) {
                String current = attribute.getKey().equals(TopicAttributes.POLICY)
                        ? TopicAttributes.policy(existing.get()) : existing.get().attributes().get(attribute.getKey());
                if (!attribute.getValue().equals(current)) {
                    throw SnsErrors.invalid("Attributes Reason: Topic already exists with different attributes");
                }
            }
            if (!tags.isEmpty() && !tags.equals(topics.tags(tx, arn))) {
                throw SnsErrors.invalid("Tags Reason: Topic already exists with different tags");
            }
        } else {
            topics.insert(tx, new Topic(arn, inv.accountId(), inv.region(), name, attributes, 0), inv.time().toEpochMilli());
            topics.putTags(tx, arn, tags);
        }
        return NODES.objectNode().put("TopicArn", arn);
    }

    /** Deletes the topic, its subscriptions and what was still to be sent to them. Idempotent, as in SNS. */
    ObjectNode deleteTopic(Invocation inv, Tx tx) throws SQLException {
        String arn = inv.input().path("TopicArn").asText();
        if (Arns.parseTopic(arn).isEmpty()) {
            throw SnsErrors.invalid("TopicArn");
        }
        Optional<Topic> topic = topics.find(tx, arn).filter(t -> t.region().equals(inv.region()));
        if (topic.isPresent()) {
            outbox.deleteOfTopic(tx, arn);
            subscriptions.deleteOfTopic(tx, arn);
            topics.delete(tx, arn);
        }
        return NODES.objectNode();
    }

    ObjectNode listTopics(Invocation inv, Tx tx) throws SQLException {
        String after = PageTokens.after(inv.input().path("NextToken").asText(""));
        List<String> arns = topics.list(tx, inv.accountId(), inv.region(), after, PageTokens.PAGE + 1);
        ObjectNode out = NODES.objectNode();
        var list = out.putArray("Topics");
        arns.stream().limit(PageTokens.PAGE).forEach(arn -> list.addObject().put("TopicArn", arn));
        if (arns.size() > PageTokens.PAGE) {
            out.put("NextToken", PageTokens.next(arns.get(PageTokens.PAGE - 1)));
        }
        return out;
    }

    ObjectNode getTopicAttributes(Invocation inv, Tx tx) throws SQLException {
        Topic topic = topicOf(inv, tx, inv.input().path("TopicArn").asText());
        SubscriptionRepository.Counts counts = subscriptions.counts(tx, topic.arn());
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("Policy", TopicAttributes.policy(topic));
        attributes.put("Owner", topic.accountId());
        attributes.put("SubscriptionsPending", Long.toString(counts.pending()));
        attributes.put("TopicArn", topic.arn());
        attributes.put("SubscriptionsConfirmed", Long.toString(counts.confirmed()));
        attributes.put("DisplayName", topic.attributes().getOrDefault(TopicAttributes.DISPLAY_NAME, ""));
        attributes.put("SubscriptionsDeleted", Long.toString(topic.subscriptionsDeleted()));
        topic.attributes().forEach(attributes::putIfAbsent);
        ObjectNode out = NODES.objectNode();
        ObjectNode map = out.putObject("Attributes");
        attributes.forEach(map::put);
        return out;
    }

    ObjectNode setTopicAttributes(Invocation inv, Tx tx) throws SQLException {
        Topic topic = topicOf(inv, tx, inv.input().path("TopicArn").asText());
        String name = inv.input().path("AttributeName").asText();
        String value = inv.input().path("AttributeValue").asText("");
        TopicAttributes.check(name, value);
        Map<String, String> attributes = new TreeMap<>(topic.attributes());
        if (value.isEmpty()) {
            attributes.remove(name);
        } else {
            attributes.put(name, value);
        }
        topics.updateAttributes(tx, topic.arn(), attributes);
        return NODES.objectNode();
    }

    /**
     * Publish to a topic (a data event, not recorded by default). Only topics: TargetArn and PhoneNumber (mobile
     * push and SMS), MessageStructure and the FIFO parameters are refused.
     */
    ObjectNode publish(Invocation inv, Tx tx) throws SQLException {
        JsonNode input = inv.input();
        for (String unsupported : new String[] {"TargetArn", "PhoneNumber", "MessageStructure", "MessageGroupId",
                "MessageDeduplicationId"}) {
            if (input.has(unsupported)) {
                throw SnsErrors.invalid(unsupported + " Reason: Waymark's embedded topics do not support " + unsupported);
            }
        }
        if (!input.has("TopicArn")) {
            throw SnsErrors.invalid("TopicArn or TargetArn Reason: no value for required parameter");
        }
        String arn = input.path("TopicArn").asText();
        if (Arns.parseTopic(arn).isPresent()) {
            topicOf(inv, tx, arn);
        }
        String messageId = publisher.publish(tx, arn, input.path("Message").asText(""),
                Optional.ofNullable(input.get("Subject")).map(JsonNode::asText),
                Topics.messageAttributes(input.path("MessageAttributes")), inv.time().toEpochMilli());
        return NODES.objectNode().put("MessageId", messageId);
    }

    ObjectNode tagResource(Invocation inv, Tx tx) throws SQLException {
        Topic topic = taggable(inv, tx);
        Map<String, String> tags = tags(inv.input().path("Tags"));
        Map<String, String> all = new TreeMap<>(topics.tags(tx, topic.arn()));
        all.putAll(tags);
        if (all.size() > MAX_TAGS) {
            throw SnsErrors.tagLimit();
        }
        topics.putTags(tx, topic.arn(), tags);
        return NODES.objectNode();
    }

    ObjectNode untagResource(Invocation inv, Tx tx) throws SQLException {
        Topic topic = taggable(inv, tx);
        List<String> keys = new ArrayList<>();
        inv.input().path("TagKeys").forEach(key -> keys.add(key.asText()));
        topics.removeTags(tx, topic.arn(), keys);
        return NODES.objectNode();
    }

    ObjectNode listTagsForResource(Invocation inv, Tx tx) throws SQLException {
        Topic topic = taggable(inv, tx);
        ObjectNode out = NODES.objectNode();
        var list = out.putArray("Tags");
        topics.tags(tx, topic.arn()).forEach((key, value) -> list.addObject().put("Key", key).put("Value", value));
        return out;
    }

    private Topic taggable(Invocation inv, Tx tx) throws SQLException {
        String arn = inv.input().path("ResourceArn").asText();
        return topics.find(tx, arn).filter(t -> t.region().equals(inv.region()) && t.accountId().equals(inv.accountId()))
                .orElseThrow(SnsErrors::resourceNotFound);
    }

    /** The caller's topic in the caller's region: InvalidParameter for a malformed ARN, NotFound for no topic. */
    Topic topicOf(Invocation inv, Tx tx, String arn) throws SQLException {
        if (Arns.parseTopic(arn).isEmpty()) {
            throw SnsErrors.invalid("TopicArn");
        }
        return topics.find(tx, arn).filter(t -> t.region().equals(inv.region()) && t.accountId().equals(inv.accountId()))
                .orElseThrow(SnsErrors::topicNotFound);
    }

    private static Map<String, String> textMap(JsonNode node) {
        Map<String, String> result = new TreeMap<>();
        node.properties().forEach(e -> result.put(e.getKey(), e.getValue().asText()));
        return result;
    }

    private static Map<String, String> tags(JsonNode list) {
        Map<String, String> tags = new TreeMap<>();
        for (JsonNode tag : list) {
            tags.put(tag.path("Key").asText(), tag.path("Value").asText(""));
        }
        if (tags.size() > MAX_TAGS) {
            throw SnsErrors.tagLimit();
        }
        return tags;
    }
}
