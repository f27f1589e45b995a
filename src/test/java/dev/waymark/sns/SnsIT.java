// SPDX-License-Identifier: Apache-2.0
package dev.waymark.sns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.waymark.core.AwsException;
import dev.waymark.core.SecretBox;
import dev.waymark.testing.TestServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.AuthorizationErrorException;
import software.amazon.awssdk.services.sns.model.GetTopicAttributesResponse;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sns.model.ListSubscriptionsByTopicResponse;
import software.amazon.awssdk.services.sns.model.ListTopicsResponse;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.NotFoundException;
import software.amazon.awssdk.services.sns.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sns.model.SnsException;
import software.amazon.awssdk.services.sns.model.Subscription;
import software.amazon.awssdk.services.sns.model.Tag;
import software.amazon.awssdk.services.sns.model.Topic;

/**
 * The embedded topics end to end: the AWS SDK for Java v2 SnsClient (and the AWS CLI and boto3) against a real
 * server, a real HTTP subscriber on 127.0.0.1 that is sent the SubscriptionConfirmation, confirms by a plain GET of
 * its SubscribeURL and then receives the notifications, signed with the certificate Waymark serves.
 */
class SnsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"cloudtrail.amazonaws.com\"},\"Action\":\"SNS:Publish\",\"Resource\":\"*\"}]}";

    private static TestServer server;
    private static SnsClient sns;
    private static String account;
    private static final HttpClient PLAIN = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        account = server.accountId();
        sns = sns(server.rootCredentials(), Region.US_EAST_1);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private static SnsClient sns(AwsCredentials credentials, Region region) {
        return SnsClient.builder().endpointOverride(server.endpoint()).region(region)
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(ClientOverrideConfiguration.builder().retryPolicy(RetryPolicy.none()).build())
                .build();
    }

    private static String arn(String name) {
        return "arn:aws:sns:us-east-1:" + account + ":" + name;
    }

    private static <T extends SnsException> T snsError(Class<T> type, int status, String code, String message,
                                                       Executable call) {
        T error = assertThrows(type, call);
        assertEquals(status, error.statusCode(), error.getMessage());
        assertEquals(code, error.awsErrorDetails().errorCode());
        if (message != null) {
            assertEquals(message, error.awsErrorDetails().errorMessage());
        }
        assertNotNull(error.requestId());
        return error;
    }

    private static Map<String, String> attributes(String topicArn) {
        GetTopicAttributesResponse response = sns.getTopicAttributes(r -> r.topicArn(topicArn));
        return response.attributes();
    }

    /** A plain, unsigned GET, as a subscriber's browser or curl makes it. */
    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return PLAIN.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Verifies an envelope's Signature with the certificate at its SigningCertURL, as SNS subscribers do. */
    private static void assertSigned(JsonNode envelope) throws Exception {
        List<String> signed = envelope.path("Type").asText().equals("Notification")
                ? List.of("Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type")
                : List.of("Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type");
        StringBuilder canonical = new StringBuilder();
        for (String name : signed) {
            if (envelope.has(name)) {
                canonical.append(name).append('\n').append(envelope.get(name).asText()).append('\n');
            }
        }
        String certUrl = envelope.path("SigningCertURL").asText();
        assertTrue(certUrl.matches(server.endpoint() + "/SimpleNotificationService-[0-9a-f]{32}\\.pem"), certUrl);
        HttpResponse<String> pem = get(certUrl);
        assertEquals(200, pem.statusCode(), pem.body());
        assertTrue(pem.body().startsWith("-----BEGIN CERTIFICATE-----\n"), pem.body());
        X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.body().getBytes(StandardCharsets.US_ASCII)));
        certificate.checkValidity();
        certificate.verify(certificate.getPublicKey());
        String version = envelope.path("SignatureVersion").asText();
        Signature signature = Signature.getInstance(version.equals("1") ? "SHA1withRSA" : "SHA256withRSA");
        signature.initVerify(certificate);
        signature.update(canonical.toString().getBytes(StandardCharsets.UTF_8));
        assertTrue(signature.verify(Base64.getDecoder().decode(envelope.path("Signature").asText())),
                "the signature of " + envelope + " does not verify");
    }

    /** A subscriber endpoint: records every request, answers 200 (or 500 while failures are left). */
    private static final class Subscriber implements AutoCloseable {
        private final HttpServer http;
        private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
        private final AtomicInteger failures = new AtomicInteger();

        record Received(String method, String path, Map<String, String> headers, String body) {
            JsonNode json() throws IOException {
                return JSON.readTree(body);
            }
        }

        Subscriber() throws IOException {
            http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            http.createContext("/", exchange -> {
                Map<String, String> headers = new LinkedHashMap<>();
                exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(), headers, body));
                boolean fail = failures.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
                exchange.sendResponseHeaders(fail ? 500 : 200, -1);
                exchange.close();
            });
            http.start();
        }

        String url(String path) {
            return "http://127.0.0.1:" + http.getAddress().getPort() + path;
        }

        Received next() throws InterruptedException {
            Received next = received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (next == null) {
                fail("nothing was delivered to the subscriber within " + WAIT);
            }
            return next;
        }

        void assertNothingMore(Duration within) throws InterruptedException {
            Received next = received.poll(within.toMillis(), TimeUnit.MILLISECONDS);
            assertNull(next, () -> "unexpected delivery: " + next);
        }

        @Override
        public void close() {
            http.stop(0);
        }
    }

    /** Subscribes the endpoint and confirms it by a plain GET of the SubscribeURL it was sent; returns the ARN. */
    private static String subscribeAndConfirm(Subscriber subscriber, String topicArn, String path) throws Exception {
        assertEquals("pending confirmation", sns.subscribe(r -> r.topicArn(topicArn).protocol("http")
                .endpoint(subscriber.url(path))).subscriptionArn());
        JsonNode confirmation = subscriber.next().json();
        HttpResponse<String> confirmed = get(confirmation.path("SubscribeURL").asText());
        assertEquals(200, confirmed.statusCode(), confirmed.body());
        return subscriptionArnOf(confirmed.body());
    }

    private static String subscriptionArnOf(String confirmSubscriptionResponse) {
        return confirmSubscriptionResponse.substring(confirmSubscriptionResponse.indexOf("<SubscriptionArn>") + 17,
                confirmSubscriptionResponse.indexOf("</SubscriptionArn>"));
    }

    private static long outboxRows(String topicArn) {
        return server.server().store().read(tx -> tx.queryLong("SELECT COUNT(*) FROM sns_outbox o JOIN sns_subscription s "
                + "ON s.arn = o.subscription_arn WHERE s.topic_arn = ?", topicArn));
    }

    // ---- topics ----------------------------------------------------------------------------------------------

    @Test
    void createTopicIsIdempotentByNameAndKeepsAttributesAndTags() {
        String topicArn = sns.createTopic(r -> r.name("orders").attributes(Map.of("DisplayName", "Orders", "Policy", POLICY))
                .tags(Tag.builder().key("team").value("billing").build())).topicArn();
        assertEquals(arn("orders"), topicArn);
        assertEquals(topicArn, sns.createTopic(r -> r.name("orders")).topicArn());
        assertEquals(topicArn, sns.createTopic(r -> r.name("orders").attributes(Map.of("DisplayName", "Orders"))).topicArn());
        snsError(InvalidParameterException.class, 400, "InvalidParameter",
                "Invalid parameter: Attributes Reason: Topic already exists with different attributes",
                () -> sns.createTopic(r -> r.name("orders").attributes(Map.of("DisplayName", "Other"))));
        snsError(InvalidParameterException.class, 400, "InvalidParameter",
                "Invalid parameter: Tags Reason: Topic already exists with different tags",
                () -> sns.createTopic(r -> r.name("orders").tags(Tag.builder().key("team").value("other").build())));

        Map<String, String> attributes = attributes(topicArn);
        assertEquals(topicArn, attributes.get("TopicArn"));
        assertEquals(account, attributes.get("Owner"));
        assertEquals(POLICY, attributes.get("Policy"));
        assertEquals("Orders", attributes.get("DisplayName"));
        assertEquals("0", attributes.get("SubscriptionsConfirmed"));
        assertEquals("0", attributes.get("SubscriptionsPending"));
        assertEquals("0", attributes.get("SubscriptionsDeleted"));
        assertEquals(List.of(Tag.builder().key("team").value("billing").build()),
                sns.listTagsForResource(r -> r.resourceArn(topicArn)).tags());
        assertTrue(sns.listTopics().topics().contains(Topic.builder().topicArn(topicArn).build()));
    }

    @Test
    void topicAttributesCanBeSetAndThePolicyDefaultsToSnssOwn() throws Exception {
        String topicArn = sns.createTopic(r -> r.name("attributes-topic")).topicArn();
        JsonNode policy = JSON.readTree(attributes(topicArn).get("Policy"));
        assertEquals("__default_policy_ID", policy.path("Id").asText());
        JsonNode statement = policy.path("Statement").get(0);
        assertEquals(topicArn, statement.path("Resource").asText());
        assertEquals(account, statement.path("Condition").path("StringEquals").path("AWS:SourceOwner").asText());
        assertTrue(statement.path("Action").toString().contains("SNS:Publish"), statement.toString());
        assertEquals("", attributes(topicArn).get("DisplayName"));

        sns.setTopicAttributes(r -> r.topicArn(topicArn).attributeName("DisplayName").attributeValue("Alerts"));
        sns.setTopicAttributes(r -> r.topicArn(topicArn).attributeName("Policy").attributeValue(POLICY));
        assertEquals("Alerts", attributes(topicArn).get("DisplayName"));
        assertEquals(POLICY, attributes(topicArn).get("Policy"));
        sns.setTopicAttributes(r -> r.topicArn(topicArn).attributeName("Policy").attributeValue(""));
        assertEquals("__default_policy_ID", JSON.readTree(attributes(topicArn).get("Policy")).path("Id").asText());

        snsError(InvalidParameterException.class, 400, "InvalidParameter", "Invalid parameter: AttributeName",
                () -> sns.setTopicAttributes(r -> r.topicArn(topicArn).attributeName("Colour").attributeValue("red")));
        snsError(InvalidParameterException.class, 400, "InvalidParameter", null,
                () -> sns.setTopicAttributes(r -> r.topicArn(topicArn).attributeName("Policy").attributeValue("{not json")));
        snsError(InvalidParameterException.class, 400, "InvalidParameter", null,
                () -> sns.setTopicAttributes(r -> r.topicArn(topicArn).attributeName("KmsMasterKeyId").attributeValue("k")));
        snsError(InvalidParameterException.class, 400, "InvalidParameter", null,
                () -> sns.createTopic(r -> r.name("fifo-attempt").attributes(Map.of("FifoTopic", "true"))));
        snsError(NotFoundException.class, 404, "NotFound", "Topic does not exist",
                () -> sns.setTopicAttributes(r -> r.topicArn(arn("no-such-topic")).attributeName("DisplayName")
                        .attributeValue("x")));
    }

    @Test
    void topicNamesFollowSnsRules() {
        for (String bad : List.of("has space", "dotted.name", "orders.fifo", "x".repeat(257), "ünïcode")) {
            snsError(InvalidParameterException.class, 400, "InvalidParameter", "Invalid parameter: Topic Name",
                    () -> sns.createTopic(r -> r.name(bad)));
        }
        String longest = "a".repeat(256);
        assertEquals(arn(longest), sns.createTopic(r -> r.name(longest)).topicArn());
        assertEquals(arn("Under_score-and-hyphen-9"), sns.createTopic(r -> r.name("Under_score-and-hyphen-9")).topicArn());
    }

    @Test
    void deleteTopicIsIdempotentAndMissingTopicsAreNotFound() {
        String topicArn = sns.createTopic(r -> r.name("short-lived")).topicArn();
        sns.deleteTopic(r -> r.topicArn(topicArn));
        sns.deleteTopic(r -> r.topicArn(topicArn));
        snsError(NotFoundException.class, 404, "NotFound", "Topic does not exist",
                () -> sns.getTopicAttributes(r -> r.topicArn(topicArn)));
        snsError(NotFoundException.class, 404, "NotFound", "Topic does not exist",
                () -> sns.listSubscriptionsByTopic(r -> r.topicArn(topicArn)));
        snsError(NotFoundException.class, 404, "NotFound", "Topic does not exist",
                () -> sns.publish(r -> r.topicArn(topicArn).message("hello")));
        snsError(NotFoundException.class, 404, "NotFound", "Topic does not exist",
                () -> sns.subscribe(r -> r.topicArn(topicArn).protocol("http").endpoint("http://127.0.0.1:9/")));
        snsError(ResourceNotFoundException.class, 404, "ResourceNotFound", "Resource does not exist",
                () -> sns.listTagsForResource(r -> r.resourceArn(topicArn)));
        assertFalse(sns.listTopics().topics().contains(Topic.builder().topicArn(topicArn).build()));
        for (String malformed : List.of("not-an-arn", "arn:aws:sns:us-east-1:123:short-account",
                "arn:aws:sqs:us-east-1:" + account + ":queue")) {
            snsError(InvalidParameterException.class, 400, "InvalidParameter", "Invalid parameter: TopicArn",
                    () -> sns.getTopicAttributes(r -> r.topicArn(malformed)));
            snsError(InvalidParameterException.class, 400, "InvalidParameter", "Invalid parameter: TopicArn",
                    () -> sns.deleteTopic(r -> r.topicArn(malformed)));
        }
    }

    @Test
    void listTopicsPagesByAHundred() {
        SnsClient west = sns(server.rootCredentials(), Region.US_WEST_2);
        Set<String> created = new HashSet<>();
        for (int i = 0; i < 205; i++) {
            String name = String.format("page-%03d", i);
            created.add(west.createTopic(r -> r.name(name)).topicArn());
        }
        List<String> seen = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            ListTopicsResponse page = west.listTopics(r -> r.nextToken(next));
            sizes.add(page.topics().size());
            page.topics().forEach(t -> seen.add(t.topicArn()));
            token = page.nextToken();
        } while (token != null);
        assertEquals(List.of(100, 100, 5), sizes);
        assertEquals(created, new HashSet<>(seen));
        assertEquals(205, seen.size());
        assertTrue(seen.stream().allMatch(a -> a.startsWith("arn:aws:sns:us-west-2:" + account + ":")));
        assertEquals(205, west.listTopicsPaginator().topics().stream().count());
        snsError(InvalidParameterException.class, 400, "InvalidParameter", "Invalid parameter: NextToken",
                () -> west.listTopics(r -> r.nextToken("!!not a token!!")));
    }

    // ---- accounts and regions ----------------------------------------------------------------------------------

    @Test
    void accountsAreWallsAndRegionsHaveTheirOwnTopics() {
        TestServer.AccountKey other = server.createAccount("sns-other");
        SnsClient theirs = sns(other.credentials(), Region.US_EAST_1);
        String theirTopic = theirs.createTopic(r -> r.name("private")).topicArn();
        assertEquals("arn:aws:sns:us-east-1:" + other.accountId() + ":private", theirTopic);
        String mine = sns.createTopic(r -> r.name("private")).topicArn();
        assertEquals(arn("private"), mine);

        assertFalse(sns.listTopics().topics().contains(Topic.builder().topicArn(theirTopic).build()));
        assertFalse(theirs.listTopics().topics().contains(Topic.builder().topicArn(mine).build()));
        AuthorizationErrorException denied = snsError(AuthorizationErrorException.class, 403, "AuthorizationError", null,
                () -> sns.getTopicAttributes(r -> r.topicArn(theirTopic)));
        assertTrue(denied.awsErrorDetails().errorMessage().contains("is not authorized to perform: sns:GetTopicAttributes"),
                denied.awsErrorDetails().errorMessage());
        snsError(AuthorizationErrorException.class, 403, "AuthorizationError", null,
                () -> sns.publish(r -> r.topicArn(theirTopic).message("spoof")));
        snsError(AuthorizationErrorException.class, 403, "AuthorizationError", null,
                () -> sns.subscribe(r -> r.topicArn(theirTopic).protocol("http").endpoint("http://127.0.0.1:9/")));
        snsError(AuthorizationErrorException.class, 403, "AuthorizationError", null,
                () -> sns.deleteTopic(r -> r.topicArn(theirTopic)));
        assertEquals(other.accountId(), theirs.getTopicAttributes(r -> r.topicArn(theirTopic)).attributes().get("Owner"));

        SnsClient myWest = sns(server.rootCredentials(), Region.US_WEST_2);
        snsError(NotFoundException.class, 404, "NotFound", "Topic does not exist",
                () -> myWest.getTopicAttributes(r -> r.topicArn(mine)));
        assertFalse(myWest.listTopics().topics().contains(Topic.builder().topicArn(mine).build()));
    }

    @Test
    void identityPoliciesUseSnsActionsAndTopicArns() {
        String topicArn = sns.createTopic(r -> r.name("policy-checked")).topicArn();
        AwsCredentials reader = server.createUser("sns-reader", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
                + "\"Allow\",\"Action\":\"sns:GetTopicAttributes\",\"Resource\":\"" + topicArn + "\"}]}");
        SnsClient client = sns(reader, Region.US_EAST_1);
        assertEquals(topicArn, client.getTopicAttributes(r -> r.topicArn(topicArn)).attributes().get("TopicArn"));
        AuthorizationErrorException denied = snsError(AuthorizationErrorException.class, 403, "AuthorizationError", null,
                () -> client.publish(r -> r.topicArn(topicArn).message("no")));
        assertEquals("User: arn:aws:iam::" + account + ":user/sns-reader is not authorized to perform: sns:Publish on "
                + "resource: " + topicArn + " because no identity-based policy allows the sns:Publish action",
                denied.awsErrorDetails().errorMessage());
    }

    // ---- subscriptions, confirmation and delivery ------------------------------------------------------------

    @Test
    void aSubscriberConfirmsByAPlainGetAndReceivesSignedNotifications() throws Exception {
        try (Subscriber subscriber = new Subscriber()) {
            String topicArn = sns.createTopic(r -> r.name("deliveries")).topicArn();
            String endpoint = subscriber.url("/hooks/sns?team=billing");
            assertEquals("pending confirmation", sns.subscribe(r -> r.topicArn(topicArn).protocol("http")
                    .endpoint(endpoint)).subscriptionArn());
            ListSubscriptionsByTopicResponse pending = sns.listSubscriptionsByTopic(r -> r.topicArn(topicArn));
            assertEquals(List.of(Subscription.builder().subscriptionArn("PendingConfirmation").owner(account)
                    .protocol("http").endpoint(endpoint).topicArn(topicArn).build()), pending.subscriptions());
            assertEquals("1", attributes(topicArn).get("SubscriptionsPending"));

            Subscriber.Received confirmation = subscriber.next();
            assertEquals("POST", confirmation.method());
            assertEquals("/hooks/sns?team=billing", confirmation.path());
            assertEquals("SubscriptionConfirmation", confirmation.headers().get("x-amz-sns-message-type"));
            assertEquals(topicArn, confirmation.headers().get("x-amz-sns-topic-arn"));
            assertEquals("text/plain; charset=UTF-8", confirmation.headers().get("content-type"));
            JsonNode envelope = confirmation.json();
            assertEquals(List.of("Type", "MessageId", "Token", "TopicArn", "Message", "SubscribeURL", "Timestamp",
                    "SignatureVersion", "Signature", "SigningCertURL"), fieldNames(envelope));
            assertEquals("SubscriptionConfirmation", envelope.path("Type").asText());
            assertEquals(confirmation.headers().get("x-amz-sns-message-id"), envelope.path("MessageId").asText());
            assertEquals(topicArn, envelope.path("TopicArn").asText());
            assertEquals("You have chosen to subscribe to the topic " + topicArn
                    + ".\nTo confirm the subscription, visit the SubscribeURL included in this message.",
                    envelope.path("Message").asText());
            String token = envelope.path("Token").asText();
            assertTrue(token.matches("[0-9a-f]{128,}"), token);
            assertEquals(server.endpoint() + "/?Action=ConfirmSubscription&TopicArn=" + topicArn + "&Token=" + token,
                    envelope.path("SubscribeURL").asText());
            assertTrue(envelope.path("Timestamp").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));
            assertEquals("2", envelope.path("SignatureVersion").asText());
            assertSigned(envelope);

            HttpResponse<String> confirmed = get(envelope.path("SubscribeURL").asText());
            assertEquals(200, confirmed.statusCode(), confirmed.body());
            assertTrue(confirmed.body().contains("<ConfirmSubscriptionResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\">"),
                    confirmed.body());
            String subscriptionArn = subscriptionArnOf(confirmed.body());
            assertTrue(subscriptionArn.matches(topicArn + ":[0-9a-f-]{36}"), subscriptionArn);
            assertEquals(subscriptionArn, subscriptionArnOf(get(envelope.path("SubscribeURL").asText()).body()),
                    "visiting the SubscribeURL again answers the same subscription");
            assertEquals("1", attributes(topicArn).get("SubscriptionsConfirmed"));
            assertEquals("0", attributes(topicArn).get("SubscriptionsPending"));
            assertEquals(subscriptionArn, sns.listSubscriptions().subscriptions().stream()
                    .filter(s -> s.topicArn().equals(topicArn)).findFirst().orElseThrow().subscriptionArn());
            assertEquals(subscriptionArn, sns.subscribe(r -> r.topicArn(topicArn).protocol("http").endpoint(endpoint))
                    .subscriptionArn());

            String messageId = sns.publish(r -> r.topicArn(topicArn).subject("Log files delivered")
                    .message("{\"s3Bucket\":\"trail-logs\"}")
                    .messageAttributes(Map.of("source", MessageAttributeValue.builder().dataType("String")
                            .stringValue("cloudtrail").build()))).messageId();
            Subscriber.Received notification = subscriber.next();
            assertEquals("Notification", notification.headers().get("x-amz-sns-message-type"));
            assertEquals(messageId, notification.headers().get("x-amz-sns-message-id"));
            assertEquals(topicArn, notification.headers().get("x-amz-sns-topic-arn"));
            assertEquals(subscriptionArn, notification.headers().get("x-amz-sns-subscription-arn"));
            assertEquals("text/plain; charset=UTF-8", notification.headers().get("content-type"));
            JsonNode body = notification.json();
            assertEquals(List.of("Type", "MessageId", "TopicArn", "Subject", "Message", "Timestamp", "SignatureVersion",
                    "Signature", "SigningCertURL", "UnsubscribeURL", "MessageAttributes"), fieldNames(body));
            assertEquals("Notification", body.path("Type").asText());
            assertEquals(messageId, body.path("MessageId").asText());
            assertEquals("Log files delivered", body.path("Subject").asText());
            assertEquals("{\"s3Bucket\":\"trail-logs\"}", body.path("Message").asText());
            assertEquals(JSON.readTree("{\"source\":{\"Type\":\"String\",\"Value\":\"cloudtrail\"}}"),
                    body.path("MessageAttributes"));
            assertEquals(server.endpoint() + "/?Action=Unsubscribe&SubscriptionArn=" + subscriptionArn,
                    body.path("UnsubscribeURL").asText());
            assertSigned(body);

            sns.publish(r -> r.topicArn(topicArn).message("no subject"));
            JsonNode plain = subscriber.next().json();
            assertEquals(List.of("Type", "MessageId", "TopicArn", "Message", "Timestamp", "SignatureVersion",
                    "Signature", "SigningCertURL", "UnsubscribeURL"), fieldNames(plain));
            assertSigned(plain);

            HttpResponse<String> unsubscribed = get(body.path("UnsubscribeURL").asText());
            assertEquals(200, unsubscribed.statusCode(), unsubscribed.body());
            assertTrue(unsubscribed.body().contains("<UnsubscribeResponse"), unsubscribed.body());
            assertEquals(List.of(), sns.listSubscriptionsByTopic(r -> r.topicArn(topicArn)).subscriptions());
            assertEquals("1", attributes(topicArn).get("SubscriptionsDeleted"));
            assertEquals(404, get(body.path("UnsubscribeURL").asText()).statusCode());
            sns.publish(r -> r.topicArn(topicArn).message("nobody listens"));
            subscriber.assertNothingMore(Duration.ofMillis(1500));

            JsonNode record = server.records("ConfirmSubscription").stream()
                    .filter(r -> r.path("requestParameters").path("topicArn").asText().equals(topicArn))
                    .findFirst().orElseThrow();
            assertEquals(JSON.readTree("{\"type\":\"Unknown\",\"principalId\":\"Anonymous\"}"), record.path("userIdentity"));
            assertEquals(account, record.path("recipientAccountId").asText());
            assertEquals("us-east-1", record.path("awsRegion").asText());
            assertEquals("sns.amazonaws.com", record.path("eventSource").asText());
            assertEquals("127.0.0.1", record.path("sourceIPAddress").asText());
            assertEquals("***", record.path("requestParameters").path("token").asText());
            assertEquals(subscriptionArn, record.path("responseElements").path("subscriptionArn").asText());
            assertEquals(2, server.records("ConfirmSubscription").stream()
                    .filter(r -> r.path("requestParameters").path("topicArn").asText().equals(topicArn)).count(),
                    "both visits of the SubscribeURL succeeded and are recorded");
            JsonNode unsubscribe = server.records("Unsubscribe").stream()
                    .filter(r -> r.path("requestParameters").path("subscriptionArn").asText().equals(subscriptionArn))
                    .findFirst().orElseThrow();
            assertEquals("Unknown", unsubscribe.path("userIdentity").path("type").asText());
            assertNull(unsubscribe.get("errorCode"), "the failed second unsubscribe is not recorded: " + unsubscribe);
            assertEquals(1, server.records("Unsubscribe").stream()
                    .filter(r -> r.path("requestParameters").path("subscriptionArn").asText().equals(subscriptionArn))
                    .count());
            assertTrue(server.records("Publish").isEmpty(), "Publish is a data event, not recorded");
        }
    }

    @Test
    void failedDeliveriesAreRetriedUntilTheEndpointTakesThem() throws Exception {
        try (Subscriber subscriber = new Subscriber()) {
            String topicArn = sns.createTopic(r -> r.name("retried")).topicArn();
            subscriber.failures.set(1);
            sns.subscribe(r -> r.topicArn(topicArn).protocol("http").endpoint(subscriber.url("/flaky")));
            JsonNode first = subscriber.next().json();
            JsonNode second = subscriber.next().json();
            assertEquals(first.path("MessageId").asText(), second.path("MessageId").asText());
            assertEquals("SubscriptionConfirmation", second.path("Type").asText());
            assertSigned(second);
            assertEquals(200, get(second.path("SubscribeURL").asText()).statusCode());
            assertEquals(200, get(first.path("SubscribeURL").asText()).statusCode(), "every token sent still confirms");

            subscriber.failures.set(2);
            String messageId = sns.publish(r -> r.topicArn(topicArn).message("persistent")).messageId();
            for (int attempt = 0; attempt < 3; attempt++) {
                Subscriber.Received received = subscriber.next();
                assertEquals(messageId, received.headers().get("x-amz-sns-message-id"), "attempt " + attempt);
            }
            subscriber.assertNothingMore(Duration.ofMillis(1200));
            assertEquals(0, outboxRows(topicArn));
        }
    }

    @Test
    void anAcknowledgedPublishWaitsInTheOutboxWhileTheEndpointIsDown() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String topicArn = sns.createTopic(r -> r.name("endpoint-down")).topicArn();
        String subscriptionArn = sns.subscribe(r -> r.topicArn(topicArn).protocol("http")
                .endpoint("http://127.0.0.1:" + closedPort + "/").returnSubscriptionArn(true)).subscriptionArn();
        assertTrue(subscriptionArn.startsWith(topicArn + ":"), subscriptionArn);
        long confirmations = server.server().store().read(tx -> tx.queryLong("SELECT COUNT(*) FROM sns_outbox "
                + "WHERE subscription_arn = ? AND kind = 'SubscriptionConfirmation'", subscriptionArn));
        assertEquals(1, confirmations, "the confirmation was queued with the subscription");
        // The endpoint never receives its token: issue one as the delivery job would, and confirm with a signature.
        String token = new ConfirmationTokens(SecretBox.fromKeyFile(server.dataDir().resolve("master.key")))
                .issue(subscriptionArn, System.currentTimeMillis());
        assertEquals(subscriptionArn, sns.confirmSubscription(r -> r.topicArn(topicArn).token(token)).subscriptionArn());
        assertEquals(0, outboxRows(topicArn), "a confirmed subscription is sent no more confirmations");

        sns.publish(r -> r.topicArn(topicArn).message("kept"));
        assertEquals(1, outboxRows(topicArn), "the notification committed with the Publish");
        long deadline = System.nanoTime() + WAIT.toNanos();
        String error = null;
        while (System.nanoTime() < deadline && error == null) {
            error = server.server().store().read(tx -> tx.queryOne("SELECT last_error FROM sns_outbox WHERE "
                    + "subscription_arn = ?", rs -> rs.getString(1), subscriptionArn)).orElse(null);
            Thread.sleep(50);
        }
        assertNotNull(error, "the failed attempt is noted");
        assertEquals(1, outboxRows(topicArn), "a failed delivery is kept for the next attempt");
        sns.unsubscribe(r -> r.subscriptionArn(subscriptionArn));
        assertEquals(0, outboxRows(topicArn), "unsubscribing drops what was still to be sent");
        sns.unsubscribe(r -> r.subscriptionArn(subscriptionArn));
    }

    @Test
    void subscriptionErrorsAreSnss() throws Exception {
        String topicArn = sns.createTopic(r -> r.name("subscription-errors")).topicArn();
        snsError(InvalidParameterException.class, 400, "InvalidParameter",
                "Invalid parameter: Amazon SNS does not support this protocol string: carrier-pigeon",
                () -> sns.subscribe(r -> r.topicArn(topicArn).protocol("carrier-pigeon").endpoint("x")));
        for (String unsupported : List.of("email", "sqs", "lambda", "sms", "application", "firehose", "email-json")) {
            InvalidParameterException error = snsError(InvalidParameterException.class, 400, "InvalidParameter", null,
                    () -> sns.subscribe(r -> r.topicArn(topicArn).protocol(unsupported).endpoint("someone@example.com")));
            assertTrue(error.awsErrorDetails().errorMessage().contains("http and https"), error.getMessage());
        }
        snsError(InvalidParameterException.class, 400, "InvalidParameter",
                "Invalid parameter: Endpoint must match the specified protocol",
                () -> sns.subscribe(r -> r.topicArn(topicArn).protocol("https").endpoint("http://127.0.0.1:9/")));
        snsError(InvalidParameterException.class, 400, "InvalidParameter", null,
                () -> sns.subscribe(r -> r.topicArn(topicArn).protocol("http").endpoint("http://127.0.0.1:9/")
                        .attributes(Map.of("RawMessageDelivery", "true"))));
        snsError(InvalidParameterException.class, 400, "InvalidParameter", "Invalid token",
                () -> sns.confirmSubscription(r -> r.topicArn(topicArn).token("00ff00ff")));
        snsError(InvalidParameterException.class, 400, "InvalidParameter", "Invalid token",
                () -> sns.confirmSubscription(r -> r.topicArn(topicArn).token("not hex at all")));
        snsError(InvalidParameterException.class, 400, "InvalidParameter", "Invalid parameter: SubscriptionArn",
                () -> sns.unsubscribe(r -> r.subscriptionArn("arn:aws:sns:us-east-1:" + account + ":nope")));
        assertEquals(List.of(), sns.listSubscriptionsByTopic(r -> r.topicArn(topicArn)).subscriptions());

        HttpResponse<String> forged = get(server.endpoint() + "/?Action=ConfirmSubscription&TopicArn=" + topicArn
                + "&Token=00ff00ff");
        assertEquals(400, forged.statusCode(), forged.body());
        assertTrue(forged.body().contains("<Code>InvalidParameter</Code>"), forged.body());
        assertTrue(server.records("ConfirmSubscription").stream().noneMatch(r -> r.path("userIdentity").path("type")
                .asText().equals("Unknown") && r.has("errorCode")), "an unsigned call that proved nothing is not recorded");
        HttpResponse<String> unsigned = get(server.endpoint() + "/?Action=ListTopics");
        assertEquals(403, unsigned.statusCode(), unsigned.body());
        assertTrue(unsigned.body().contains("<Code>MissingAuthenticationToken</Code>"), unsigned.body());
        HttpResponse<String> unattributable = get(server.endpoint() + "/?Action=ConfirmSubscription&TopicArn=nonsense&Token=00");
        assertEquals(403, unattributable.statusCode(), unattributable.body());
        assertEquals(403, get(server.endpoint() + "/SimpleNotificationService-0123456789abcdef0123456789abcdef.pem")
                .statusCode(), "no such certificate");
    }

    @Test
    void publishErrorsAreSnss() {
        String topicArn = sns.createTopic(r -> r.name("publish-errors")).topicArn();
        snsError(InvalidParameterException.class, 400, "InvalidParameter", "Invalid parameter: Empty message",
                () -> sns.publish(r -> r.topicArn(topicArn).message("")));
        snsError(InvalidParameterException.class, 400, "InvalidParameter", "Invalid parameter: Subject",
                () -> sns.publish(r -> r.topicArn(topicArn).message("m").subject("two\nlines")));
        snsError(InvalidParameterException.class, 400, "InvalidParameter", "Invalid parameter: Subject",
                () -> sns.publish(r -> r.topicArn(topicArn).message("m").subject("s".repeat(101))));
        snsError(InvalidParameterException.class, 400, "InvalidParameter", "Invalid parameter: Message too long",
                () -> sns.publish(r -> r.topicArn(topicArn).message("x".repeat(262_145))));
        snsError(InvalidParameterException.class, 400, "InvalidParameter", "Invalid parameter: TopicArn",
                () -> sns.publish(r -> r.topicArn("arn:aws:sns:us-east-1:" + account).message("m")));
        snsError(InvalidParameterException.class, 400, "InvalidParameter", null,
                () -> sns.publish(r -> r.phoneNumber("+15555550100").message("m")));
        snsError(SnsException.class, 400, "ParameterValueInvalid", null,
                () -> sns.publish(r -> r.topicArn(topicArn).message("m").messageAttributes(Map.of("a",
                        MessageAttributeValue.builder().dataType("Colour").stringValue("red").build()))));
        assertNotNull(sns.publish(r -> r.topicArn(topicArn).message("x".repeat(262_144))).messageId());
        SnsException notImplemented = assertThrows(SnsException.class, () -> sns.getSMSAttributes(r -> { }));
        assertEquals(501, notImplemented.statusCode());
    }

    @Test
    void tagsCanBeAddedListedAndRemoved() {
        String topicArn = sns.createTopic(r -> r.name("tagged")).topicArn();
        sns.tagResource(r -> r.resourceArn(topicArn).tags(Tag.builder().key("b").value("2").build(),
                Tag.builder().key("a").value("1").build()));
        assertEquals(List.of(Tag.builder().key("a").value("1").build(), Tag.builder().key("b").value("2").build()),
                sns.listTagsForResource(r -> r.resourceArn(topicArn)).tags());
        sns.untagResource(r -> r.resourceArn(topicArn).tagKeys("a"));
        assertEquals(List.of(Tag.builder().key("b").value("2").build()),
                sns.listTagsForResource(r -> r.resourceArn(topicArn)).tags());
        List<Tag> many = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            many.add(Tag.builder().key("k" + i).value("v").build());
        }
        snsError(SnsException.class, 400, "TagLimitExceeded", null,
                () -> sns.tagResource(r -> r.resourceArn(topicArn).tags(many)));
    }

    // ---- the Java API trails publish through ---------------------------------------------------------------------

    @Test
    void otherServicesFindTopicsAndPublishInTheirOwnTransaction() throws Exception {
        try (Subscriber subscriber = new Subscriber()) {
            String topicArn = sns.createTopic(r -> r.name("trail-notifications")).topicArn();
            sns.setTopicAttributes(r -> r.topicArn(topicArn).attributeName("SignatureVersion").attributeValue("1"));
            String subscriptionArn = subscribeAndConfirm(subscriber, topicArn, "/trail");
            assertTrue(subscriptionArn.startsWith(topicArn + ":"), subscriptionArn);

            Optional<TopicInfo> info = server.server().store().read(tx -> Topics.find(tx, topicArn));
            assertEquals(topicArn, info.orElseThrow().arn());
            assertEquals(account, info.get().accountId());
            assertEquals("us-east-1", info.get().region());
            assertEquals("trail-notifications", info.get().name());
            assertEquals("__default_policy_ID", JSON.readTree(info.get().policy()).path("Id").asText());
            assertEquals(Optional.empty(), server.server().store().read(tx -> Topics.find(tx, arn("no-such"))));
            assertEquals(Optional.empty(), server.server().store().read(tx -> Topics.find(tx, "garbage")));

            Topics topics = new Topics();
            String message = "{\"s3Bucket\":\"logs\",\"s3ObjectKey\":[\"AWSLogs/x.json.gz\"]}";
            String messageId = server.server().store().write(tx -> topics.publish(tx, topicArn, message, Optional.empty(),
                    System.currentTimeMillis()));
            JsonNode body = subscriber.next().json();
            assertEquals(messageId, body.path("MessageId").asText());
            assertEquals(message, body.path("Message").asText());
            assertFalse(body.has("Subject"));
            assertEquals("1", body.path("SignatureVersion").asText());
            assertSigned(body);

            assertThrows(IllegalStateException.class, () -> server.server().store().write(tx -> {
                topics.publish(tx, topicArn, "rolled back", Optional.empty(), System.currentTimeMillis());
                throw new IllegalStateException("the caller's transaction fails");
            }));
            subscriber.assertNothingMore(Duration.ofMillis(1200));
            AwsException missing = assertThrows(AwsException.class,
                    () -> server.server().store().write(tx -> topics.publish(tx, arn("no-such"), "m", Optional.empty(), 0)));
            assertEquals("NotFound", missing.code());
        }
    }

    // ---- CloudTrail ------------------------------------------------------------------------------------------

    @Test
    void snsCallsAreCloudTrailRecords() {
        String topicArn = sns.createTopic(r -> r.name("audited").attributes(Map.of("DisplayName", "Audited"))).topicArn();
        sns.getTopicAttributes(r -> r.topicArn(topicArn));
        assertThrows(NotFoundException.class, () -> sns.getTopicAttributes(r -> r.topicArn(arn("audited-missing"))));

        JsonNode created = server.records("CreateTopic").stream()
                .filter(r -> r.path("requestParameters").path("name").asText().equals("audited")).findFirst().orElseThrow();
        assertEquals("sns.amazonaws.com", created.path("eventSource").asText());
        assertEquals("us-east-1", created.path("awsRegion").asText());
        assertEquals("Root", created.path("userIdentity").path("type").asText());
        assertEquals("Audited", created.path("requestParameters").path("attributes").path("DisplayName").asText());
        assertEquals(topicArn, created.path("responseElements").path("topicArn").asText());
        assertFalse(created.path("readOnly").asBoolean());
        assertTrue(created.path("managementEvent").asBoolean());
        assertEquals("Management", created.path("eventCategory").asText());
        assertEquals("AWS::SNS::Topic", created.path("resources").get(0).path("type").asText());
        assertEquals(topicArn, created.path("resources").get(0).path("ARN").asText());
        assertEquals(account, created.path("recipientAccountId").asText());

        JsonNode read = server.records("GetTopicAttributes").stream()
                .filter(r -> r.path("requestParameters").path("topicArn").asText().equals(topicArn)).findFirst().orElseThrow();
        assertTrue(read.path("readOnly").asBoolean());
        assertTrue(read.path("responseElements").isNull());
        JsonNode failed = server.records("GetTopicAttributes").stream()
                .filter(r -> r.path("requestParameters").path("topicArn").asText().equals(arn("audited-missing")))
                .findFirst().orElseThrow();
        assertEquals("NotFound", failed.path("errorCode").asText());
        assertEquals("Topic does not exist", failed.path("errorMessage").asText());
    }

    // ---- the AWS CLI and boto3 -------------------------------------------------------------------------------

    @Test
    void theAwsCliAndBoto3ManageTopics() throws Exception {
        Path home = Files.createTempDirectory("waymark-sns-cli");
        Map<String, String> environment = Map.of(
                "AWS_ENDPOINT_URL", server.endpoint().toString(),
                "AWS_ACCESS_KEY_ID", server.rootCredentials().accessKeyId(),
                "AWS_SECRET_ACCESS_KEY", server.rootCredentials().secretAccessKey(),
                "AWS_REGION", "eu-west-1",
                "AWS_DEFAULT_REGION", "eu-west-1",
                "AWS_CONFIG_FILE", home.resolve("no-config").toString(),
                "AWS_SHARED_CREDENTIALS_FILE", home.resolve("no-credentials").toString(),
                "HOME", home.toString());
        JsonNode created = JSON.readTree(run(home, environment, "aws", "sns", "create-topic", "--name", "cli-topic",
                "--attributes", "DisplayName=CLI"));
        String topicArn = "arn:aws:sns:eu-west-1:" + account + ":cli-topic";
        assertEquals(topicArn, created.path("TopicArn").asText());
        JsonNode attributes = JSON.readTree(run(home, environment, "aws", "sns", "get-topic-attributes", "--topic-arn",
                topicArn));
        assertEquals("CLI", attributes.path("Attributes").path("DisplayName").asText());

        String script = String.join("\n",
                "import boto3, json",
                "sns = boto3.client('sns')",
                "arn = sns.create_topic(Name='boto3-topic', Tags=[{'Key': 'k', 'Value': 'v'}])['TopicArn']",
                "topics = [t['TopicArn'] for t in sns.get_paginator('list_topics').paginate().build_full_result()['Topics']]",
                "mid = sns.publish(TopicArn=arn, Message='hi', Subject='s', MessageAttributes={'a': {'DataType': 'Number', 'StringValue': '1'}})['MessageId']",
                "try:",
                "    sns.get_topic_attributes(TopicArn=arn + '-missing')",
                "    error = None",
                "except sns.exceptions.NotFoundException as e:",
                "    error = e.response['Error']['Code']",
                "sns.delete_topic(TopicArn=arn)",
                "print(json.dumps({'arn': arn, 'topics': topics, 'messageId': mid, 'error': error}))");
        JsonNode boto = JSON.readTree(run(home, environment, "python3", "-c", script));
        assertEquals("arn:aws:sns:eu-west-1:" + account + ":boto3-topic", boto.path("arn").asText());
        assertTrue(boto.path("topics").toString().contains(topicArn), boto.toString());
        assertTrue(boto.path("messageId").asText().matches("[0-9a-f-]{36}"), boto.toString());
        assertEquals("NotFound", boto.path("error").asText());
    }

    private static String run(Path home, Map<String, String> environment, String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
        builder.environment().putAll(environment);
        Path out = Files.createTempFile(home, "out", ".txt");
        Path err = Files.createTempFile(home, "err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(String.join(" ", command) + " did not finish");
        }
        assertEquals(0, process.exitValue(), String.join(" ", command) + "\n" + Files.readString(out) + Files.readString(err));
        return Files.readString(out);
    }
}
