// SPDX-License-Identifier: Apache-2.0
package dev.waymark.sns;

import dev.waymark.core.OperationHandler;
import dev.waymark.core.OperationTable;
import dev.waymark.core.SecretBox;
import dev.waymark.core.ServiceImplementation;
import java.util.Map;

/**
 * Wires the SNS handlers to the operation table, and the signing certificate to its public path. The model's other
 * operations (SMS, mobile push, platform applications, permissions, subscription attributes, PublishBatch, data
 * protection) answer 501.
 */
public final class SnsService {
    private SnsService() {
    }

    public static ServiceImplementation implementation(SecretBox secrets, SnsDelivery delivery) {
        TopicRepository topics = new TopicRepository();
        SubscriptionRepository subscriptions = new SubscriptionRepository();
        Outbox outbox = new Outbox();
        TopicsApi topicsApi = new TopicsApi(topics, subscriptions, outbox, new Topics());
        SubscriptionsApi subscriptionsApi = new SubscriptionsApi(topicsApi, topics, subscriptions, outbox,
                new ConfirmationTokens(secrets));
        Map<String, OperationHandler> handlers = Map.ofEntries(
                Map.entry("CreateTopic", topicsApi::createTopic),
                Map.entry("DeleteTopic", topicsApi::deleteTopic),
                Map.entry("ListTopics", topicsApi::listTopics),
                Map.entry("GetTopicAttributes", topicsApi::getTopicAttributes),
                Map.entry("SetTopicAttributes", topicsApi::setTopicAttributes),
                Map.entry("Publish", topicsApi::publish),
                Map.entry("TagResource", topicsApi::tagResource),
                Map.entry("UntagResource", topicsApi::untagResource),
                Map.entry("ListTagsForResource", topicsApi::listTagsForResource),
                Map.entry("Subscribe", subscriptionsApi::subscribe),
                Map.entry("ConfirmSubscription", subscriptionsApi::confirmSubscription),
                Map.entry("Unsubscribe", subscriptionsApi::unsubscribe),
                Map.entry("ListSubscriptions", subscriptionsApi::listSubscriptions),
                Map.entry("ListSubscriptionsByTopic", subscriptionsApi::listSubscriptionsByTopic));
        return new ServiceImplementation(OperationTable.load("sns"), handlers, delivery::document);
    }
}
