// SPDX-License-Identifier: Apache-2.0
package dev.waymark.pinpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.channel.Channels;
import dev.waymark.channel.Kind;
import dev.waymark.channel.MailComposer;
import dev.waymark.core.Uuids;
import dev.waymark.store.Tx;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sends Pinpoint messages — direct messages and campaign messages alike — one recipient at a time through the
 * {@code channel} package: it checks the recipient (a channel Waymark can send on, enabled for the application; an
 * address; an endpoint not opted out or inactive), personalises the content for it, and puts the message in the
 * outbox in the caller's transaction. Each answer is a MessageResult as Pinpoint reports it: SUCCESSFUL 200 with
 * the MessageId, OPT_OUT, or PERMANENT_FAILURE with the reason; a bad recipient never fails the others.
 * E-mail goes out from the message's FromAddress, else the e-mail channel's. Stateless.
 */
final class MessageSender {
    private final Channels channels;
    private final ChannelRepository channelSettings;

    MessageSender(Channels channels, ChannelRepository channelSettings) {
        this.channels = channels;
        this.channelSettings = channelSettings;
    }

    /** One recipient: its platform, address, endpoint (none for a bare address) and substitution maps, nearest first. */
    record Recipient(String platform, String address, Optional<ObjectNode> endpoint, List<JsonNode> substitutions) {
        Recipient {
            substitutions = List.copyOf(substitutions);
        }
    }

    /** Sends within one transaction for one application, looking each channel's settings up once. */
    Batch batch(Tx tx, App app) {
        return new Batch(tx, app);
    }

    final class Batch {
        private final Tx tx;
        private final App app;
        private final Map<String, Optional<ObjectNode>> settings = new HashMap<>();

        private Batch(Tx tx, App app) {
            this.tx = tx;
            this.app = app;
        }

        /** Sends the content to the recipient; {@code context} goes with the message to the webhook. */
        ObjectNode send(Recipient recipient, MessageContent content, JsonNode context, long now) throws SQLException {
            String platform = recipient.platform();
            if (!MessageContent.SENDABLE.contains(platform)) {
                return failure(400, "Waymark cannot send messages on the " + platform + " channel");
            }
            Optional<ObjectNode> channel = settings.computeIfAbsent(platform, this::lookUp);
            if (channel.isEmpty() || !channel.get().path("Enabled").asBoolean(true)) {
                return failure(400, "The " + platform + " channel is not enabled for application " + app.id());
            }
            if (recipient.address().isBlank()) {
                return failure(400, "The recipient has no address");
            }
            Optional<ObjectNode> endpoint = recipient.endpoint();
            if (endpoint.isPresent() && "ALL".equals(endpoint.get().path("OptOut").asText())) {
                return result("OPT_OUT", 400, "The endpoint has opted out of all messages");
            }
            if (endpoint.isPresent() && "INACTIVE".equals(endpoint.get().path("EndpointStatus").asText())) {
                return failure(400, "The endpoint is inactive");
            }
            ObjectNode rendered = content.rendered(Personalisation.Sources.of(recipient.substitutions(),
                    endpoint.map(JsonNode.class::cast), content.defaults()));
            String id = Uuids.random().toString();
            try {
                accept(id, platform, recipient.address(), rendered, channel.get(), context, now);
            } catch (MailComposer.InvalidMail e) {
                return failure(400, e.getMessage());
            }
            return result("SUCCESSFUL", 200, "MessageId: " + id).put("MessageId", id);
        }

        private Optional<ObjectNode> lookUp(String platform) {
            try {
                return channelSettings.find(tx, app, platform);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        private void accept(String id, String platform, String address, ObjectNode message, ObjectNode channel,
                            JsonNode context, long now) throws SQLException, MailComposer.InvalidMail {
            ObjectNode payload;
            Kind kind;
            String summary;
            switch (platform) {
                case "EMAIL" -> {
                    kind = Kind.EMAIL;
                    String from = message.path("From").asText(channel.path("FromAddress").asText(""));
                    String subject = message.path("Subject").asText("");
                    payload = MailComposer.payload(MailComposer.bareAddress(from), List.of(MailComposer.bareAddress(address)),
                            mime(id, from, address, subject, message, now));
                    summary = address + ": " + subject;
                }
                case "SMS" -> {
                    kind = Kind.SMS;
                    payload = AppsApi.MAPPER.createObjectNode().put("destinationPhoneNumber", address)
                            .put("body", message.path("Body").asText(""));
                    copyOption(message, channel, payload, "OriginationNumber", "ShortCode", "originationPhoneNumber");
                    copyOption(message, channel, payload, "SenderId", "SenderId", "senderId");
                    payload.put("messageType", message.path("MessageType").asText("TRANSACTIONAL"));
                    summary = "text " + address;
                }
                case "VOICE" -> {
                    kind = Kind.VOICE;
                    payload = AppsApi.MAPPER.createObjectNode().put("destinationPhoneNumber", address)
                            .put("contentType", "PlainText").put("text", message.path("Body").asText(""))
                            .put("voiceId", message.path("VoiceId").asText("Joanna"))
                            .put("languageCode", message.path("LanguageCode").asText("en-US"));
                    copyOption(message, channel, payload, "OriginationNumber", "OriginationNumber", "originationPhoneNumber");
                    summary = "call " + address;
                }
                default -> {
                    kind = Kind.PUSH;
                    payload = AppsApi.MAPPER.createObjectNode().put("channelType", platform).put("token", address);
                    payload.set("notification", message);
                    summary = "push " + platform + " " + address;
                }
            }
            payload.put("applicationId", app.id());
            if (context != null && context.isObject() && !context.isEmpty()) {
                payload.set("context", context);
            }
            channels.accept(tx, id, app.accountId(), app.region(), kind, summary, payload, now);
        }

        private byte[] mime(String id, String from, String to, String subject, ObjectNode message, long now)
                throws MailComposer.InvalidMail {
            if (message.hasNonNull("Raw")) {
                return MailComposer.raw(Base64.getDecoder().decode(message.get("Raw").asText()), id, now).mime();
            }
            List<String> replyTo = new ArrayList<>();
            message.path("ReplyTo").forEach(r -> replyTo.add(r.asText()));
            Optional<MailComposer.Part> text = part(message, "Text");
            Optional<MailComposer.Part> html = part(message, "Html");
            if (text.isEmpty() && html.isEmpty()) {
                throw new MailComposer.InvalidMail("The e-mail message has no body");
            }
            return MailComposer.compose(new MailComposer.Simple(from, List.of(to), List.of(), replyTo,
                    new MailComposer.Part(subject, "UTF-8"), text, html), id, now);
        }
    }

    private static Optional<MailComposer.Part> part(ObjectNode message, String member) {
        return message.hasNonNull(member) ? Optional.of(new MailComposer.Part(message.get(member).asText(), "UTF-8"))
                : Optional.empty();
    }

    private static void copyOption(ObjectNode message, ObjectNode channel, ObjectNode payload, String member,
                                   String channelMember, String as) {
        String value = message.path(member).asText(channel.path(channelMember).asText(""));
        if (!value.isEmpty()) {
            payload.put(as, value);
        }
    }

    static ObjectNode failure(int status, String message) {
        return result("PERMANENT_FAILURE", status, message);
    }

    private static ObjectNode result(String status, int code, String message) {
        return AppsApi.MAPPER.createObjectNode().put("DeliveryStatus", status).put("StatusCode", code)
                .put("StatusMessage", message);
    }
}
