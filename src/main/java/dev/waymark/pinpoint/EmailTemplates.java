// SPDX-License-Identifier: Apache-2.0
package dev.waymark.pinpoint;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.store.Tx;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pinpoint's email templates as other APIs use them: Pinpoint Email's SendEmail names one in its Template content by
 * ARN ({@code arn:aws:mobiletargeting:<region>:<account>:templates/<name>/EMAIL}, no version: the active version is
 * used) with TemplateData, a JSON object whose values fill the template's {@code {{name}}} variables, the template's
 * DefaultSubstitutions filling the rest and a name neither has becoming the empty string ({@link Personalisation}'s
 * rules: nested objects are reached by dotted names, HTML is escaped except in {@code {{{name}}}}). The template's
 * Headers are not applied. Only the caller's own templates can be used: an ARN of another account or region is
 * answered like a template that does not exist. Stateless.
 */
public final class EmailTemplates {
    private static final Pattern ARN = Pattern.compile("arn:aws:mobiletargeting:([a-z0-9-]+):(\\d{12}):templates/([^/]+)/([A-Z]+)");
    private static final TemplateRepository TEMPLATES = new TemplateRepository();

    private EmailTemplates() {
    }

    /** A template rendered for one message: its subject, and its text and/or HTML part. */
    public record Rendered(String subject, Optional<String> text, Optional<String> html) {
        public Rendered {
            requireNonNull(subject, "subject is null");
            requireNonNull(text, "text is null");
            requireNonNull(html, "html is null");
        }
    }

    /** Why a template could not be rendered; the caller turns it into its API's error. */
    public static final class Failure extends Exception {
        /** NOT_FOUND: no such template for the caller; BAD_REQUEST: the ARN or the TemplateData is malformed. */
        public enum Kind { NOT_FOUND, BAD_REQUEST }

        private final Kind kind;

        Failure(Kind kind, String message) {
            super(message);
            this.kind = kind;
        }

        public Kind kind() {
            return kind;
        }
    }

    /**
     * Renders the active version of the email template {@code templateArn} of the caller's account and region with
     * {@code templateData} (null or empty for none).
     */
    public static Rendered render(Tx tx, String accountId, String region, String templateArn, String templateData)
            throws SQLException, Failure {
        Matcher arn = ARN.matcher(templateArn == null ? "" : templateArn);
        if (!arn.matches()) {
            throw new Failure(Failure.Kind.BAD_REQUEST, "Invalid template ARN: " + templateArn);
        }
        if (!arn.group(4).equals("EMAIL")) {
            throw new Failure(Failure.Kind.BAD_REQUEST, "Template " + arn.group(3) + " is not an email template");
        }
        String name = arn.group(3);
        Optional<ObjectNode> template = arn.group(1).equals(region) && arn.group(2).equals(accountId)
                ? TEMPLATES.find(tx, accountId, region, name, "EMAIL", Optional.empty()) : Optional.empty();
        if (template.isEmpty()) {
            throw new Failure(Failure.Kind.NOT_FOUND, "Template " + name + " does not exist.");
        }
        MessageContent content = MessageContent.direct("EMAIL", AppsApi.MAPPER.createObjectNode(), template);
        ObjectNode rendered = content.rendered(Personalisation.Sources.of(List.of(data(templateData)), Optional.empty(),
                content.defaults()));
        return new Rendered(rendered.path("Subject").asText(""), Optional.ofNullable(rendered.path("Text").textValue()),
                Optional.ofNullable(rendered.path("Html").textValue()));
    }

    private static JsonNode data(String text) throws Failure {
        if (text == null || text.isBlank()) {
            return AppsApi.MAPPER.createObjectNode();
        }
        try {
            JsonNode data = AppsApi.MAPPER.readTree(text);
            if (data instanceof ObjectNode) {
                return data;
            }
        } catch (JsonProcessingException e) {
            // answered below
        }
        throw new Failure(Failure.Kind.BAD_REQUEST, "TemplateData must be a JSON object");
    }
}
