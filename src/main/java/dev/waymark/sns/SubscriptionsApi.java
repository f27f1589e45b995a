// SPDX-License-Identifier: Apache-2.0
package dev.waymark.sns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.core.Invocation;
import dev.waymark.core.Uuids;
import dev.waymark.sns.SubscriptionRepository.Subscription;
import dev.waymark.sns.TopicRepository.Topic;
import dev.waymark.store.Tx;
import java.net.URI;
import java.net.URISyntaxException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Subscribe, ConfirmSubscription, Unsubscribe, ListSubscriptions and ListSubscriptionsByTopic. Only the http and
 * https protocols are served. A new subscription is pending until its endpoint confirms it: Subscribe queues a
 * SubscriptionConfirmation in its own transaction, and ConfirmSubscription (signed, or unsigned through the
 * SubscribeURL, its Token being the credential) confirms it.
 */
final class SubscriptionsApi {
    static final String PENDING = "pending confirmation";
    static final String PENDING_IN_LISTS = "PendingConfirmation";
    private static final Set<String> SNS_PROTOCOLS = Set.of("http", "https", "email", "email-json", "sms", "sqs",
            "application", "lambda", "firehose");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final TopicsApi topicsApi;
    private final TopicRepository topics;
    private final SubscriptionRepository subscriptions;
    private final Outbox outbox;
    private final ConfirmationTokens tokens;

    SubscriptionsApi(TopicsApi topicsApi, TopicRepository topics, SubscriptionRepository subscriptions, Outbox outbox,
                     ConfirmationTokens tokens) {
        this.topicsApi = topicsApi;
        this.topics = topics;
        this.subscriptions = subscriptions;
        this.outbox = outbox;
        this.tokens = tokens;
    }

    ObjectNode subscribe(Invocation inv, Tx tx) throws SQLException {
        Topic topic = topicsApi.topicOf(inv, tx, inv.input().path("TopicArn").asText());
        String protocol = inv.input().path("Protocol").asText();
        if (!SNS_PROTOCOLS.contains(protocol)) {
            throw SnsErrors.invalid("Amazon SNS does not support this protocol string: " + protocol);
        }
        if (!protocol.equals("http") && !protocol.equals("https")) {
            throw SnsErrors.invalid("Protocol Reason: Waymark's embedded topics deliver to http and https endpoints "
                    + "only, not " + protocol);
        }
        String endpoint = endpoint(protocol, inv.input().path("Endpoint").asText(""));
        if (!inv.input().path("Attributes").isEmpty()) {
            throw SnsErrors.invalid("Attributes Reason: Waymark's embedded topics do not support subscription "
                    + "attributes (" + String.join(", ", names(inv.input().path("Attributes"))) + ")");
        }
        boolean returnArn = inv.input().path("ReturnSubscriptionArn").asBoolean(false);
        long now = inv.time().toEpochMilli();
        Optional<Subscription> existing = subscriptions.findByEndpoint(tx, topic.arn(), protocol, endpoint);
        if (existing.isPresent() && existing.get().confirmed()) {
            return NODES.objectNode().put("SubscriptionArn", existing.get().arn());
        }
        Subscription subscription;
        if (existing.isPresent()) {
            subscription = existing.get();
        } else {
            String waymarkUrl = inv.endpoint().orElseThrow(() -> SnsErrors.invalid(
                    "Endpoint Reason: the request has no Host header to build the SubscribeURL from"));
            subscription = new Subscription(topic.arn() + ":" + UUID.randomUUID(), topic.arn(), inv.accountId(),
                    inv.region(), protocol, endpoint, waymarkUrl, false, false);
            subscriptions.insert(tx, subscription, now);
        }
        outbox.enqueueConfirmation(tx, subscription.arn(), Uuids.random().toString(),
                "You have chosen to subscribe to the topic " + topic.arn()
                        + ".\nTo confirm the subscription, visit the SubscribeURL included in this message.", now);
        return NODES.objectNode().put("SubscriptionArn", returnArn ? subscription.arn() : PENDING);
    }

    /** An http(s) endpoint: an absolute URL of the protocol's scheme with a host. */
    private static String endpoint(String protocol, String endpoint) {
        try {
            URI uri = new URI(endpoint);
            if (uri.getScheme() == null || !uri.getScheme().equalsIgnoreCase(protocol)) {
                throw SnsErrors.invalid("Endpoint must match the specified protocol");
            }
            if (uri.getHost() == null || uri.getHost().isEmpty()) {
                throw SnsErrors.invalid("Endpoint Reason: " + endpoint + " is not a URL with a host");
            }
            return endpoint;
        } catch (URISyntaxException e) {
            throw SnsErrors.invalid("Endpoint Reason: " + endpoint + " is not a URL");
        }
    }

    ObjectNode confirmSubscription(Invocation inv, Tx tx) throws SQLException {
        Topic topic = topicsApi.topicOf(inv, tx, inv.input().path("TopicArn").asText());
        long now = inv.time().toEpochMilli();
        Optional<String> confirms = tokens.subscriptionArn(inv.input().path("Token").asText(), now);
        Optional<Subscription> found = confirms.isPresent() ? subscriptions.find(tx, confirms.get()) : Optional.empty();
        Subscription subscription = found.filter(s -> s.topicArn().equals(topic.arn()))
                .orElseThrow(() -> SnsErrors.invalidParameter("Invalid token"));
        if (!subscription.confirmed()) {
            boolean authenticate = !inv.principal().isAnonymous()
                    && inv.input().path("AuthenticateOnUnsubscribe").asText("").equalsIgnoreCase("true");
            subscriptions.confirm(tx, subscription.arn(), authenticate);
            outbox.deleteConfirmations(tx, subscription.arn());
        }
        return NODES.objectNode().put("SubscriptionArn", subscription.arn());
    }

    /**
     * Deletes a subscription and what was still to be sent to it. Signed, it is idempotent as in SNS; unsigned
     * (the UnsubscribeURL of a notification) the subscription must exist and must not have been confirmed with
     * AuthenticateOnUnsubscribe.
     */
    ObjectNode unsubscribe(Invocation inv, Tx tx) throws SQLException {
        String arn = inv.input().path("SubscriptionArn").asText();
        if (Arns.topicOfSubscription(arn).isEmpty()) {
            throw SnsErrors.invalid("SubscriptionArn");
        }
        Optional<Subscription> subscription = subscriptions.find(tx, arn)
                .filter(s -> s.region().equals(inv.region()) && s.accountId().equals(inv.accountId()));
        if (subscription.isEmpty()) {
            if (inv.principal().isAnonymous()) {
                throw SnsErrors.subscriptionNotFound();
            }
            return NODES.objectNode();
        }
        if (inv.principal().isAnonymous() && subscription.get().authenticateUnsubscribe()) {
            throw SnsErrors.authorization("This subscription was confirmed with AuthenticateOnUnsubscribe: "
                    + "unsubscribing requires an AWS signature");
        }
        outbox.deleteOfSubscription(tx, arn);
        subscriptions.delete(tx, arn);
        topics.countDeletedSubscription(tx, subscription.get().topicArn());
        return NODES.objectNode();
    }

    ObjectNode listSubscriptions(Invocation inv, Tx tx) throws SQLException {
        String after = PageTokens.after(inv.input().path("NextToken").asText(""));
        return page(subscriptions.ofAccount(tx, inv.accountId(), inv.region(), after, PageTokens.PAGE + 1));
    }

    ObjectNode listSubscriptionsByTopic(Invocation inv, Tx tx) throws SQLException {
        Topic topic = topicsApi.topicOf(inv, tx, inv.input().path("TopicArn").asText());
        String after = PageTokens.after(inv.input().path("NextToken").asText(""));
        return page(subscriptions.ofTopic(tx, topic.arn(), after, PageTokens.PAGE + 1));
    }

    private static List<String> names(JsonNode map) {
        List<String> names = new ArrayList<>();
        map.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static ObjectNode page(List<Subscription> rows) {
        ObjectNode out = NODES.objectNode();
        ArrayNode list = out.putArray("Subscriptions");
        rows.stream().limit(PageTokens.PAGE).forEach(s -> list.addObject()
                .put("SubscriptionArn", s.confirmed() ? s.arn() : PENDING_IN_LISTS).put("Owner", s.accountId())
                .put("Protocol", s.protocol()).put("Endpoint", s.endpoint()).put("TopicArn", s.topicArn()));
        if (rows.size() > PageTokens.PAGE) {
            out.put("NextToken", PageTokens.next(rows.get(PageTokens.PAGE - 1).arn()));
        }
        return out;
    }
}
