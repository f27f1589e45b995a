// SPDX-License-Identifier: Apache-2.0
package dev.waymark.smsvoice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.StringReader;
import java.util.List;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

/**
 * Renders a SendVoiceMessage request into the call the voice channel receives: exactly one of PlainTextMessage,
 * SSMLMessage and CallInstructionsMessage; text of 1–3,000 characters; SSML that is well-formed XML with a
 * {@code <speak>} root (plain text becomes {@code <speak>text</speak>}); a voice (default Joanna) and a language
 * (default en-US); E.164 phone numbers. The rendered call, as JSON: {@code destinationPhoneNumber},
 * {@code originationPhoneNumber}, {@code callerId}, {@code configurationSetName}, {@code contentType}
 * (PlainText, SSML or CallInstructions), {@code voiceId}, {@code languageCode}, {@code text}, {@code ssml}.
 */
final class VoiceCall {
    private static final List<String> CONTENT_TYPES = List.of("PlainTextMessage", "SSMLMessage", "CallInstructionsMessage");
    private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{1,14}");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}-[A-Z]{2}");
    private static final Pattern VOICE = Pattern.compile("[A-Z][A-Za-z]{1,31}");
    static final int MAX_TEXT = 3_000;

    private VoiceCall() {
    }

    static ObjectNode render(JsonNode input) {
        ObjectNode call = ConfigurationSets.MAPPER.createObjectNode();
        call.put("destinationPhoneNumber", phone(input, "DestinationPhoneNumber", true));
        String origination = phone(input, "OriginationPhoneNumber", false);
        if (!origination.isEmpty()) {
            call.put("originationPhoneNumber", origination);
        }
        if (input.hasNonNull("CallerId")) {
            call.put("callerId", input.get("CallerId").asText());
        }
        if (input.hasNonNull("ConfigurationSetName")) {
            call.put("configurationSetName", input.get("ConfigurationSetName").asText());
        }
        content(input.path("Content"), call);
        return call;
    }

    private static String phone(JsonNode input, String member, boolean required) {
        String number = input.path(member).asText("");
        if (number.isEmpty() && !required) {
            return number;
        }
        if (!E164.matcher(number).matches()) {
            throw SmsVoiceErrors.badRequest(member + " must be a phone number in E.164 format, such as +12065550100; got '"
                    + number + "'");
        }
        return number;
    }

    private static void content(JsonNode content, ObjectNode call) {
        List<String> given = CONTENT_TYPES.stream().filter(content::hasNonNull).toList();
        if (given.size() != 1) {
            throw SmsVoiceErrors.badRequest("Content must have exactly one of PlainTextMessage, SSMLMessage and "
                    + "CallInstructionsMessage; it has " + given.size());
        }
        String type = given.get(0);
        JsonNode message = content.get(type);
        String text = message.path("Text").asText("");
        if (text.isEmpty() || text.length() > MAX_TEXT) {
            throw SmsVoiceErrors.badRequest(type + ".Text must be 1 to " + MAX_TEXT + " characters long");
        }
        call.put("contentType", type.replace("Message", ""));
        if (!type.equals("CallInstructionsMessage")) {
            call.put("voiceId", checked(message, "VoiceId", "Joanna", VOICE));
            call.put("languageCode", checked(message, "LanguageCode", "en-US", LANGUAGE));
        }
        call.put("text", text);
        call.put("ssml", type.equals("SSMLMessage") ? ssml(text) : "<speak>" + escape(text) + "</speak>");
    }

    private static String checked(JsonNode message, String member, String defaultValue, Pattern pattern) {
        String value = message.path(member).asText(defaultValue);
        if (!pattern.matcher(value).matches()) {
            throw SmsVoiceErrors.badRequest(member + " '" + value + "' is not valid");
        }
        return value;
    }

    /** SSML as given, once it parses as XML (no DTDs) with a {@code <speak>} root. */
    private static String ssml(String text) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setNamespaceAware(true);
            var builder = factory.newDocumentBuilder();
            builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler());
            Document document = builder.parse(new InputSource(new StringReader(text)));
            if (!document.getDocumentElement().getLocalName().equals("speak")) {
                throw SmsVoiceErrors.badRequest("SSMLMessage.Text must have <speak> as its root element");
            }
            return text;
        } catch (javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException | java.io.IOException e) {
            throw SmsVoiceErrors.badRequest("SSMLMessage.Text is not well-formed SSML: " + e.getMessage());
        }
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&apos;");
    }
}
