// SPDX-License-Identifier: Apache-2.0
package dev.waymark.email;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.channel.MailComposer;
import dev.waymark.core.AwsException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A message SendEmail (or CreateDeliverabilityTestReport) is asked to send, composed from its EmailContent:
 * Simple (Subject, Text and/or Html, each with its Charset) or Raw (a MIME message, sent as written, with only a
 * Message-ID and a Date added when missing). The sender is FromEmailAddress, or for a raw message its From header;
 * the recipients are the Destination's To, Cc and Bcc (Bcc only in the envelope), or for a raw message without a
 * Destination the message's own To, Cc and Bcc headers; 1 to 50 recipients, as SES allows. Template content names
 * one of Pinpoint's email templates, which the caller renders in its transaction and passes
 * in: the message is then composed as a Simple one from the template's subject, text and HTML (UTF-8) with the
 * request's FromEmailAddress, Destination and ReplyToAddresses; a caller that renders no templates
 * (CreateDeliverabilityTestReport) still answers Template content with 501.
 *
 * @param sender     the bare address whose identity must be verified
 * @param envelope   the SMTP envelope sender: FeedbackForwardingEmailAddress when given, else the sender
 * @param recipients the SMTP envelope recipients
 */
record OutgoingMail(String messageId, String sender, String envelope, List<String> recipients, List<String> to,
                    String subject, byte[] mime, Map<String, String> tags) {
    private static final int MAX_RECIPIENTS = 50;
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_-]{1,256}");

    /** Template content as rendered for this message: its subject, and its text and/or HTML part. */
    record Rendered(String subject, Optional<String> text, Optional<String> html) {
        Rendered {
            requireNonNull(subject, "subject is null");
            requireNonNull(text, "text is null");
            requireNonNull(html, "html is null");
        }
    }

    OutgoingMail {
        requireNonNull(messageId, "messageId is null");
        requireNonNull(sender, "sender is null");
        requireNonNull(envelope, "envelope is null");
        recipients = List.copyOf(recipients);
        to = List.copyOf(to);
        requireNonNull(subject, "subject is null");
        requireNonNull(mime, "mime is null");
        tags = Map.copyOf(tags);
    }

    /** Composes a message without templates (Template content answers 501). */
    static OutgoingMail compose(JsonNode input, String messageId, long now, boolean recipients) {
        return compose(input, messageId, now, recipients, Optional.empty());
    }

    /**
     * Composes a message; without {@code recipients} it may have none (a deliverability test goes to seed boxes).
     * {@code template} is the Template content rendered, when the content is a Template and the caller rendered it.
     */
    static OutgoingMail compose(JsonNode input, String messageId, long now, boolean recipients,
                                Optional<Rendered> template) {
        try {
            JsonNode content = input.path("Content");
            List<String> given = List.of("Simple", "Raw", "Template").stream().filter(content::hasNonNull).toList();
            if (given.size() != 1) {
                throw EmailErrors.badRequest("Content must have exactly one of Simple, Raw and Template");
            }
            if (given.get(0).equals("Template") && template.isEmpty()) {
                throw new AwsException("InternalFailure", 501, AwsException.Fault.SERVER,
                        "Waymark does not implement Template content for this operation");
            }
            OutgoingMail mail = switch (given.get(0)) {
                case "Simple" -> simple(input, messageId, now);
                case "Template" -> templated(input, messageId, now, template.get());
                default -> raw(input, messageId, now);
            };
            if (recipients && (mail.recipients().isEmpty() || mail.recipients().size() > MAX_RECIPIENTS)) {
                throw EmailErrors.badRequest("A message needs 1 to " + MAX_RECIPIENTS + " recipients; it has "
                        + mail.recipients().size());
            }
            return mail;
        } catch (MailComposer.InvalidMail e) {
            throw EmailErrors.badRequest(e.getMessage());
        }
    }

    private static OutgoingMail simple(JsonNode input, String messageId, long now) throws MailComposer.InvalidMail {
        JsonNode message = input.path("Content").path("Simple");
        String from = input.path("FromEmailAddress").asText("");
        if (from.isEmpty()) {
            throw EmailErrors.badRequest("FromEmailAddress is required with Simple content");
        }
        Optional<MailComposer.Part> text = part(message.path("Body").path("Text"));
        Optional<MailComposer.Part> html = part(message.path("Body").path("Html"));
        if (text.isEmpty() && html.isEmpty()) {
            throw EmailErrors.badRequest("The message Body must have Text, Html or both");
        }
        MailComposer.Part subject = part(message.path("Subject")).orElseThrow();
        JsonNode destination = input.path("Destination");
        byte[] mime = MailComposer.compose(new MailComposer.Simple(from, strings(destination.path("ToAddresses")),
                strings(destination.path("CcAddresses")), strings(input.path("ReplyToAddresses")), subject, text, html),
                messageId, now);
        return of(input, messageId, from, recipients(destination), strings(destination.path("ToAddresses")),
                subject.data(), mime);
    }

    private static OutgoingMail templated(JsonNode input, String messageId, long now, Rendered template)
            throws MailComposer.InvalidMail {
        String from = input.path("FromEmailAddress").asText("");
        if (from.isEmpty()) {
            throw EmailErrors.badRequest("FromEmailAddress is required with Template content");
        }
        MailComposer.Part subject = new MailComposer.Part(template.subject(), "UTF-8");
        JsonNode destination = input.path("Destination");
        byte[] mime = MailComposer.compose(new MailComposer.Simple(from, strings(destination.path("ToAddresses")),
                strings(destination.path("CcAddresses")), strings(input.path("ReplyToAddresses")), subject,
                template.text().map(text -> new MailComposer.Part(text, "UTF-8")),
                template.html().map(html -> new MailComposer.Part(html, "UTF-8"))), messageId, now);
        return of(input, messageId, from, recipients(destination), strings(destination.path("ToAddresses")),
                subject.data(), mime);
    }

    private static OutgoingMail raw(JsonNode input, String messageId, long now) throws MailComposer.InvalidMail {
        byte[] bytes = Base64.getDecoder().decode(input.path("Content").path("Raw").path("Data").asText(""));
        MailComposer.Composed composed = MailComposer.raw(bytes, messageId, now);
        String from = input.path("FromEmailAddress").asText(composed.from().orElse(""));
        if (from.isEmpty()) {
            throw EmailErrors.badRequest("A raw message needs a From header or FromEmailAddress");
        }
        List<String> recipients = recipients(input.path("Destination"));
        List<String> to = strings(input.path("Destination").path("ToAddresses"));
        if (recipients.isEmpty()) {
            recipients = new ArrayList<>(composed.to());
            recipients.addAll(composed.cc());
            recipients.addAll(composed.bcc());
            to = composed.to();
        }
        return of(input, messageId, from, recipients, to, rawSubject(composed.mime()), composed.mime());
    }

    private static OutgoingMail of(JsonNode input, String messageId, String from, List<String> recipients,
                                   List<String> to, String subject, byte[] mime) throws MailComposer.InvalidMail {
        List<String> bare = new ArrayList<>();
        for (String recipient : recipients) {
            bare.add(MailComposer.bareAddress(recipient));
        }
        String sender = MailComposer.bareAddress(from);
        String feedback = input.path("FeedbackForwardingEmailAddress").asText("");
        String envelope = feedback.isEmpty() ? sender : MailComposer.bareAddress(feedback);
        return new OutgoingMail(messageId, sender, envelope, bare, to, subject, mime, tags(input.path("EmailTags")));
    }

    private static List<String> recipients(JsonNode destination) {
        List<String> all = new ArrayList<>(strings(destination.path("ToAddresses")));
        all.addAll(strings(destination.path("CcAddresses")));
        all.addAll(strings(destination.path("BccAddresses")));
        return all;
    }

    private static Optional<MailComposer.Part> part(JsonNode content) {
        if (!content.hasNonNull("Data")) {
            return Optional.empty();
        }
        return Optional.of(new MailComposer.Part(content.get("Data").asText(), content.path("Charset").asText("UTF-8")));
    }

    private static List<String> strings(JsonNode list) {
        List<String> result = new ArrayList<>();
        list.forEach(item -> result.add(item.asText()));
        return result;
    }

    private static Map<String, String> tags(JsonNode list) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (JsonNode tag : list) {
            String name = tag.path("Name").asText("");
            String value = tag.path("Value").asText("");
            if (!TAG.matcher(name).matches() || !TAG.matcher(value).matches()) {
                throw EmailErrors.badRequest("Invalid message tag <" + name + ">: names and values are 1 to 256 "
                        + "letters, digits, hyphens (-) and underscores (_)");
            }
            tags.put(name, value);
        }
        return tags;
    }

    /** The Subject header of a raw message, as written (for summaries and events). */
    private static String rawSubject(byte[] mime) {
        String headers = new String(mime, 0, Math.min(mime.length, 64 * 1024), java.nio.charset.StandardCharsets.ISO_8859_1);
        int end = headers.indexOf("\r\n\r\n");
        for (String line : (end < 0 ? headers : headers.substring(0, end)).split("\r\n")) {
            if (line.regionMatches(true, 0, "Subject:", 0, 8)) {
                return line.substring(8).trim();
            }
        }
        return "";
    }

    /** The channel payload: the e-mail for the SMTP provider, and what its events report about it. */
    ObjectNode payload(String accountId, Optional<String> configurationSet, long now) {
        ObjectNode payload = MailComposer.payload(envelope, recipients, mime);
        ObjectNode mail = payload.putObject("mail").put("timestamp", java.time.Instant.ofEpochMilli(now).toString())
                .put("source", sender).put("sendingAccountId", accountId).put("messageId", messageId);
        recipients.forEach(mail.putArray("destination")::add);
        ObjectNode common = mail.put("headersTruncated", false).putObject("commonHeaders");
        common.putArray("from").add(sender);
        to.forEach(common.putArray("to")::add);
        common.put("messageId", messageId).put("subject", subject);
        ObjectNode eventTags = mail.putObject("tags");
        configurationSet.ifPresent(set -> eventTags.putArray("ses:configuration-set").add(set));
        tags.forEach((name, value) -> eventTags.putArray(name).add(value));
        configurationSet.ifPresent(set -> payload.put("configurationSetName", set));
        return payload;
    }
}
