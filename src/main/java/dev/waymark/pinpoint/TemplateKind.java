// SPDX-License-Identifier: Apache-2.0
package dev.waymark.pinpoint;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * One of the five kinds of message template, as the model names its parts: the template type written in ARNs and
 * responses ({@code EMAIL}), the word in the operation names ({@code CreateEmailTemplate}), the request and response
 * payload members, the payload member of the create response, the content members a version keeps, and the content
 * it needs: every group of {@code required} must have at least one of its members present.
 */
record TemplateKind(String type, String operationWord, String requestMember, String responseMember,
                    String createdMember, List<String> contentMembers, List<List<String>> required) {

    /** The five kinds, in the order of the model's TemplateType enum. */
    static final List<TemplateKind> ALL = List.of(
            new TemplateKind("EMAIL", "Email", "EmailTemplateRequest", "EmailTemplateResponse", "CreateTemplateMessageBody",
                    List.of("DefaultSubstitutions", "Headers", "HtmlPart", "RecommenderId", "Subject", "TemplateDescription",
                            "TextPart"),
                    List.of(List.of("Subject"), List.of("HtmlPart", "TextPart"))),
            new TemplateKind("SMS", "Sms", "SMSTemplateRequest", "SMSTemplateResponse", "CreateTemplateMessageBody",
                    List.of("Body", "DefaultSubstitutions", "RecommenderId", "TemplateDescription"),
                    List.of(List.of("Body"))),
            new TemplateKind("VOICE", "Voice", "VoiceTemplateRequest", "VoiceTemplateResponse", "CreateTemplateMessageBody",
                    List.of("Body", "DefaultSubstitutions", "LanguageCode", "TemplateDescription", "VoiceId"),
                    List.of(List.of("Body"))),
            new TemplateKind("PUSH", "Push", "PushNotificationTemplateRequest", "PushNotificationTemplateResponse",
                    "CreateTemplateMessageBody",
                    List.of("ADM", "APNS", "Baidu", "Default", "DefaultSubstitutions", "GCM", "RecommenderId",
                            "TemplateDescription"),
                    List.of(List.of("ADM", "APNS", "Baidu", "Default", "GCM"))),
            new TemplateKind("INAPP", "InApp", "InAppTemplateRequest", "InAppTemplateResponse", "TemplateCreateMessageBody",
                    List.of("Content", "CustomConfig", "Layout", "TemplateDescription"),
                    List.of(List.of("Content"))));

    /** The kind of a template type as written in paths and filters ({@code EMAIL}, …, {@code INAPP}). */
    static Optional<TemplateKind> ofType(String type) {
        return ALL.stream().filter(kind -> kind.type().equals(type)).findFirst();
    }

    /** The kind of a template type, or BadRequestException naming the valid types. */
    static TemplateKind requireType(String type) {
        return ofType(type).orElseThrow(() -> PinpointErrors.badRequest(
                "Invalid template type: " + type + "; valid types are EMAIL, SMS, VOICE, PUSH and INAPP"));
    }

    /** The ARN of a template of this kind. */
    String arn(String region, String accountId, String name) {
        return "arn:aws:mobiletargeting:" + region + ":" + accountId + ":templates/" + name + "/" + type;
    }

    /** The first group of required content of which the request has nothing, if any. */
    Optional<List<String>> missingContent(JsonNode request) {
        return required.stream().filter(group -> group.stream().noneMatch(member -> present(request.path(member))))
                .findFirst();
    }

    private static boolean present(JsonNode value) {
        return !value.isMissingNode() && !value.isNull() && !(value.isTextual() && value.asText().isBlank())
                && !(value.isContainerNode() && value.isEmpty());
    }
}
