// SPDX-License-Identifier: Apache-2.0
package dev.waymark.pinpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a message says on one channel before it is personalised, in one form whatever it came from — a direct
 * message's DirectMessageConfiguration, a campaign's MessageConfiguration, a message template, a recipient's
 * overrides. Members: {@code Subject}, {@code Text}, {@code Html}, {@code From}, {@code ReplyTo} and {@code Raw}
 * for e-mail; {@code Body} and {@code Title} for the other channels; and the channel's own options
 * ({@code SenderId}, {@code OriginationNumber}, {@code MessageType}, {@code LanguageCode}, {@code VoiceId},
 * {@code Action}, {@code Url}, {@code Data}, …) kept under their model names. {@code defaults} is the template's
 * DefaultSubstitutions. The message's own members win over its template's; in a direct e-mail, SimpleEmail's
 * TextPart wins over EmailMessage.Body.
 */
record MessageContent(String platform, ObjectNode fields, Optional<JsonNode> defaults) {
    /** Push platforms, and the member of a push template and of a MessageConfiguration each reads. */
    static final Map<String, String> PUSH = Map.of("GCM", "GCM", "APNS", "APNS", "APNS_SANDBOX", "APNS",
            "APNS_VOIP", "APNS", "APNS_VOIP_SANDBOX", "APNS", "BAIDU", "Baidu", "ADM", "ADM");
    /** Platforms a message can be sent on: e-mail, SMS, voice and the push platforms. */
    static final Set<String> SENDABLE = Set.of("EMAIL", "SMS", "VOICE", "GCM", "APNS", "APNS_SANDBOX", "APNS_VOIP",
            "APNS_VOIP_SANDBOX", "BAIDU", "ADM");
    private static final List<String> TEXT_MEMBERS = List.of("Subject", "Text", "Html", "Body", "Title");

    /** The TemplateConfiguration member naming the template of a platform. */
    static String templateMember(String platform) {
        return switch (platform) {
            case "EMAIL" -> "EmailTemplate";
            case "SMS" -> "SMSTemplate";
            case "VOICE" -> "VoiceTemplate";
            default -> "PushTemplate";
        };
    }

    /** The TemplateType of a platform's templates. */
    static String templateType(String platform) {
        return PUSH.containsKey(platform) ? "PUSH" : platform;
    }

    /** The content of a direct message (SendMessages, SendUsersMessages) on a platform. */
    static MessageContent direct(String platform, JsonNode config, Optional<ObjectNode> template) {
        ObjectNode fields = fromTemplate(platform, template);
        JsonNode fallback = config.path("DefaultMessage");
        switch (platform) {
            case "EMAIL" -> {
                JsonNode email = config.path("EmailMessage");
                JsonNode simple = email.path("SimpleEmail");
                copy(email.path("Body"), fields, "Text");
                copy(simple.path("Subject").path("Data"), fields, "Subject");
                copy(simple.path("TextPart").path("Data"), fields, "Text");
                copy(simple.path("HtmlPart").path("Data"), fields, "Html");
                copy(email.path("FromAddress"), fields, "From");
                copy(email.path("ReplyToAddresses"), fields, "ReplyTo");
                copy(email.path("RawEmail").path("Data"), fields, "Raw");
                if (!fields.has("Text") && !fields.has("Html")) {
                    copy(fallback.path("Body"), fields, "Text");
                }
            }
            case "SMS" -> options(config.path("SMSMessage"), fallback, fields);
            case "VOICE" -> options(config.path("VoiceMessage"), fallback, fields);
            default -> {
                JsonNode specific = config.path(PUSH.get(platform) + "Message");
                options(specific.isMissingNode() ? config.path("DefaultPushNotificationMessage") : specific, fallback, fields);
            }
        }
        return new MessageContent(platform, fields, defaults(template));
    }

    /** The content of a campaign's (or treatment's) MessageConfiguration on a platform. */
    static MessageContent campaign(String platform, JsonNode config, Optional<ObjectNode> template) {
        ObjectNode fields = fromTemplate(platform, template);
        JsonNode fallback = config.path("DefaultMessage");
        switch (platform) {
            case "EMAIL" -> {
                JsonNode email = config.path("EmailMessage");
                copy(email.path("Title"), fields, "Subject");
                copy(email.path("Body"), fields, "Text");
                copy(email.path("HtmlBody"), fields, "Html");
                copy(email.path("FromAddress"), fields, "From");
                if (!fields.has("Text") && !fields.has("Html")) {
                    copy(fallback.path("Body"), fields, "Text");
                }
            }
            case "SMS" -> options(config.path("SMSMessage"), fallback, fields);
            case "VOICE" -> options(config.path("VoiceMessage"), fallback, fields);
            default -> options(config.path(PUSH.get(platform) + "Message"), fallback, fields);
        }
        return new MessageContent(platform, fields, defaults(template));
    }

    /**
     * This content with a recipient's BodyOverride, TitleOverride and RawContent applied. An e-mail's BodyOverride
     * replaces its whole body: the text part becomes the override and the HTML part (which mail clients would show
     * instead) is dropped.
     */
    MessageContent overridden(JsonNode recipient) {
        if (!recipient.hasNonNull("BodyOverride") && !recipient.hasNonNull("TitleOverride")
                && !recipient.hasNonNull("RawContent")) {
            return this;
        }
        ObjectNode changed = fields.deepCopy();
        if (platform.equals("EMAIL") && recipient.hasNonNull("BodyOverride")) {
            changed.remove("Html");
        }
        copy(recipient.path("BodyOverride"), changed, platform.equals("EMAIL") ? "Text" : "Body");
        copy(recipient.path("TitleOverride"), changed, platform.equals("EMAIL") ? "Subject" : "Title");
        copy(recipient.path("RawContent"), changed, "RawContent");
        return new MessageContent(platform, changed, defaults);
    }

    /** The content with its text members personalised for one recipient. */
    ObjectNode rendered(Personalisation.Sources sources) {
        ObjectNode out = fields.deepCopy();
        for (String member : TEXT_MEMBERS) {
            if (out.hasNonNull(member)) {
                String text = out.get(member).asText();
                out.put(member, member.equals("Html") ? Personalisation.html(text, sources) : Personalisation.text(text, sources));
            }
        }
        return out;
    }

    private static ObjectNode fromTemplate(String platform, Optional<ObjectNode> template) {
        ObjectNode fields = AppsApi.MAPPER.createObjectNode();
        if (template.isEmpty()) {
            return fields;
        }
        JsonNode t = template.get();
        if (platform.equals("EMAIL")) {
            copy(t.path("Subject"), fields, "Subject");
            copy(t.path("TextPart"), fields, "Text");
            copy(t.path("HtmlPart"), fields, "Html");
        } else if (PUSH.containsKey(platform)) {
            JsonNode specific = t.path(PUSH.get(platform));
            fields.setAll((ObjectNode) (specific.isObject() ? specific : t.path("Default").isObject() ? t.path("Default")
                    : AppsApi.MAPPER.createObjectNode()).deepCopy());
        } else {
            for (String member : List.of("Body", "LanguageCode", "VoiceId")) {
                copy(t.path(member), fields, member);
            }
        }
        return fields;
    }

    private static void options(JsonNode message, JsonNode fallback, ObjectNode fields) {
        if (message.isObject()) {
            message.fields().forEachRemaining(e -> {
                if (!e.getKey().equals("Substitutions")) {
                    fields.set(e.getKey(), e.getValue().deepCopy());
                }
            });
        }
        if (!fields.has("Body")) {
            copy(fallback.path("Body"), fields, "Body");
        }
    }

    private static void copy(JsonNode value, ObjectNode fields, String member) {
        if (!value.isMissingNode() && !value.isNull()) {
            fields.set(member, value.deepCopy());
        }
    }

    private static Optional<JsonNode> defaults(Optional<ObjectNode> template) {
        String text = template.map(t -> t.path("DefaultSubstitutions").asText("")).orElse("");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            JsonNode parsed = AppsApi.MAPPER.readTree(text);
            return parsed.isObject() ? Optional.of(parsed) : Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
