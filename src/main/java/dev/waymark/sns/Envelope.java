// SPDX-License-Identifier: Apache-2.0
package dev.waymark.sns;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The HTTP POST SNS makes to an http(s) subscription: the {@code x-amz-sns-*} headers and the JSON envelope, with
 * its members in SNS's order, signed as SNS signs it (SignatureVersion 1: SHA1withRSA, 2: SHA256withRSA, over the
 * members' names and values, one per line, in the order SNS defines).
 */
record Envelope(Map<String, String> headers, byte[] body) {
    static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The envelope of a message due, signed with the key; a confirmation carries a fresh token. */
    static Envelope of(Outbox.Due due, SigningKeys.Key key, ConfirmationTokens tokens, long now) {
        boolean notification = due.kind().equals(Outbox.NOTIFICATION);
        String timestamp = TIMESTAMP.format(Instant.ofEpochMilli(due.publishedAt()));
        String signatureVersion = signatureVersion(due.topicAttributes());
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("Type", due.kind());
        fields.put("MessageId", due.messageId());
        String subscribeUrl = null;
        String token = null;
        if (!notification) {
            token = tokens.issue(due.subscriptionArn(), now);
            subscribeUrl = due.waymarkUrl() + "/?Action=ConfirmSubscription&TopicArn=" + encode(due.topicArn())
                    + "&Token=" + token;
            fields.put("Token", token);
        }
        fields.put("TopicArn", due.topicArn());
        due.subject().filter(s -> notification).ifPresent(s -> fields.put("Subject", s));
        fields.put("Message", due.message());
        if (!notification) {
            fields.put("SubscribeURL", subscribeUrl);
        }
        fields.put("Timestamp", timestamp);
        fields.put("SignatureVersion", signatureVersion);

        StringBuilder canonical = new StringBuilder();
        line(canonical, "Message", due.message());
        line(canonical, "MessageId", due.messageId());
        if (notification) {
            due.subject().ifPresent(s -> line(canonical, "Subject", s));
        } else {
            line(canonical, "SubscribeURL", subscribeUrl);
        }
        line(canonical, "Timestamp", timestamp);
        if (!notification) {
            line(canonical, "Token", token);
        }
        line(canonical, "TopicArn", due.topicArn());
        line(canonical, "Type", due.kind());
        fields.put("Signature", sign(canonical.toString(), key, signatureVersion));
        fields.put("SigningCertURL", due.waymarkUrl() + SigningKeys.CERTIFICATE_PREFIX + key.id() + ".pem");

        ObjectNode json = MAPPER.createObjectNode();
        fields.forEach(json::put);
        if (notification) {
            json.put("UnsubscribeURL", due.waymarkUrl() + "/?Action=Unsubscribe&SubscriptionArn="
                    + encode(due.subscriptionArn()));
            if (due.attributes().isPresent()) {
                json.set("MessageAttributes", parse(due.attributes().get()));
            }
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-amz-sns-message-type", due.kind());
        headers.put("x-amz-sns-message-id", due.messageId());
        headers.put("x-amz-sns-topic-arn", due.topicArn());
        if (notification) {
            headers.put("x-amz-sns-subscription-arn", due.subscriptionArn());
        }
        headers.put("Content-Type", "text/plain; charset=UTF-8");
        headers.put("User-Agent", "Amazon Simple Notification Service Agent");
        try {
            return new Envelope(headers, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an SNS envelope", e);
        }
    }

    private static void line(StringBuilder canonical, String name, String value) {
        canonical.append(name).append('\n').append(value).append('\n');
    }

    static String signatureVersion(String topicAttributes) {
        return parse(topicAttributes).path(TopicAttributes.SIGNATURE_VERSION).asText("2").equals("1") ? "1" : "2";
    }

    private static String sign(String canonical, SigningKeys.Key key, String version) {
        try {
            Signature signature = Signature.getInstance(version.equals("1") ? "SHA1withRSA" : "SHA256withRSA");
            signature.initSign(key.privateKey());
            signature.update(canonical.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA signatures unavailable", e);
        }
    }

    /** Query-string encoding that leaves ARNs as SNS writes them (colons included). */
    static String encode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "-_.~:".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    private static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored SNS JSON is not JSON", e);
        }
    }
}
