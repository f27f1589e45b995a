// SPDX-License-Identifier: Apache-2.0
package dev.waymark.channel;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.mail.Address;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * Builds the MIME messages the SMTP provider sends: from simple content (subject, text and HTML parts) or from a raw
 * MIME message as the caller wrote it, to which only a Message-ID and a Date are added when it has none (as SES
 * does). Addresses are checked as RFC 822 addresses; a bad one is {@link InvalidMail}.
 */
public final class MailComposer {
    private static final Session SESSION = Session.getInstance(new Properties());

    static {
        // Jakarta Mail looks its stream provider up for every part it encodes: through the ServiceLoader (a scan of
        // the class path, most of the time of composing a message) unless this property names it.
        System.getProperties().putIfAbsent("jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider");
    }

    private MailComposer() {
    }

    /** An e-mail the caller's input does not make: a malformed address or raw message. */
    public static final class InvalidMail extends Exception {
        public InvalidMail(String message) {
            super(message);
        }
    }

    /** Text of a part, and its charset (UTF-8 when the caller names none). */
    public record Part(String data, String charset) {
        public Part {
            requireNonNull(data, "data is null");
            requireNonNull(charset, "charset is null");
        }
    }

    /** A simple message: at least one of text and HTML. Bcc recipients are envelope recipients only. */
    public record Simple(String from, List<String> to, List<String> cc, List<String> replyTo, Part subject,
                         Optional<Part> text, Optional<Part> html) {
        public Simple {
            requireNonNull(from, "from is null");
            to = List.copyOf(to);
            cc = List.copyOf(cc);
            replyTo = List.copyOf(replyTo);
            requireNonNull(subject, "subject is null");
            requireNonNull(text, "text is null");
            requireNonNull(html, "html is null");
        }
    }

    /** A composed message: its bytes, and the addresses its headers name (raw messages may carry their own). */
    public record Composed(byte[] mime, Optional<String> from, List<String> to, List<String> cc, List<String> bcc) {
        public Composed {
            requireNonNull(mime, "mime is null");
            requireNonNull(from, "from is null");
            to = List.copyOf(to);
            cc = List.copyOf(cc);
            bcc = List.copyOf(bcc);
        }
    }

    public static byte[] compose(Simple simple, String messageId, long now) throws InvalidMail {
        try {
            MimeMessage message = new MimeMessage(SESSION);
            message.setFrom(parse(simple.from()));
            message.setRecipients(RecipientType.TO, addresses(simple.to()));
            message.setRecipients(RecipientType.CC, addresses(simple.cc()));
            if (!simple.replyTo().isEmpty()) {
                message.setReplyTo(addresses(simple.replyTo()));
            }
            message.setSubject(simple.subject().data(), simple.subject().charset());
            body(message, simple);
            message.setSentDate(new Date(now));
            message.saveChanges();
            message.setHeader("Message-ID", "<" + messageId + "@email.waymark>");
            return bytes(message);
        } catch (MessagingException | IOException e) {
            throw new InvalidMail("The message could not be composed: " + e.getMessage());
        }
    }

    private static void body(MimeMessage message, Simple simple) throws MessagingException {
        if (simple.text().isPresent() && simple.html().isPresent()) {
            MimeMultipart alternative = new MimeMultipart("alternative");
            MimeBodyPart text = new MimeBodyPart();
            text.setText(simple.text().get().data(), simple.text().get().charset(), "plain");
            MimeBodyPart html = new MimeBodyPart();
            html.setText(simple.html().get().data(), simple.html().get().charset(), "html");
            alternative.addBodyPart(text);
            alternative.addBodyPart(html);
            message.setContent(alternative);
        } else if (simple.html().isPresent()) {
            message.setText(simple.html().get().data(), simple.html().get().charset(), "html");
        } else {
            Part text = simple.text().orElseThrow();
            message.setText(text.data(), text.charset(), "plain");
        }
    }

    /** A raw message as given, with a Message-ID and a Date added if it lacks them, and the addresses it names. */
    public static Composed raw(byte[] raw, String messageId, long now) throws InvalidMail {
        try {
            MimeMessage message = new MimeMessage(SESSION, new ByteArrayInputStream(raw));
            if (message.getHeader("Message-ID") == null) {
                message.setHeader("Message-ID", "<" + messageId + "@email.waymark>");
            }
            if (message.getHeader("Date") == null) {
                message.setSentDate(new Date(now));
            }
            Address[] from = message.getFrom();
            return new Composed(bytes(message),
                    from == null || from.length == 0 ? Optional.empty() : Optional.of(from[0].toString()),
                    strings(message.getRecipients(RecipientType.TO)), strings(message.getRecipients(RecipientType.CC)),
                    strings(message.getRecipients(RecipientType.BCC)));
        } catch (MessagingException | IOException e) {
            throw new InvalidMail("The raw message is not a valid MIME message: " + e.getMessage());
        }
    }

    /** The bare address ({@code user@example.com}) of an address that may carry a display name. */
    public static String bareAddress(String address) throws InvalidMail {
        return parse(address).getAddress();
    }

    /** The payload of an e-mail for {@link Channels#accept}. */
    public static ObjectNode payload(String envelopeFrom, List<String> recipients, byte[] mime) {
        ObjectNode payload = Outbox.MAPPER.createObjectNode().put("from", envelopeFrom);
        recipients.forEach(payload.putArray("recipients")::add);
        payload.put("mime", Base64.getEncoder().encodeToString(mime));
        return payload;
    }

    private static InternetAddress parse(String address) throws InvalidMail {
        try {
            InternetAddress parsed = new InternetAddress(address, true);
            if (parsed.getAddress() == null || !parsed.getAddress().contains("@")) {
                throw new AddressException("missing domain", address);
            }
            return parsed;
        } catch (AddressException e) {
            throw new InvalidMail("Illegal address: " + address);
        }
    }

    private static Address[] addresses(List<String> addresses) throws InvalidMail {
        List<Address> result = new ArrayList<>();
        for (String address : addresses) {
            result.add(parse(address));
        }
        return result.toArray(new Address[0]);
    }

    private static List<String> strings(Address[] addresses) {
        List<String> result = new ArrayList<>();
        if (addresses != null) {
            for (Address address : addresses) {
                result.add(address instanceof InternetAddress internet ? internet.getAddress() : address.toString());
            }
        }
        return result;
    }

    private static byte[] bytes(MimeMessage message) throws IOException, MessagingException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toByteArray();
    }
}
