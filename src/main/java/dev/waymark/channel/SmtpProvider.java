// SPDX-License-Identifier: Apache-2.0
package dev.waymark.channel;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * E-mail over SMTP (Jakarta Mail / Angus Mail): one connection per message, the envelope sender and recipients
 * from the payload (so Bcc recipients receive it without a Bcc header), the MIME message exactly as composed. A
 * 5xx reply refuses the message for good (a bounce); a 4xx reply or a failed connection is retried.
 */
final class SmtpProvider implements Provider.Remote {
    private static final int TIMEOUT_MILLIS = 30_000;

    private final SmtpSettings settings;
    private final Session session;

    SmtpProvider(SmtpSettings settings) {
        this.settings = settings;
        this.session = Session.getInstance(properties(settings));
    }

    @Override
    public String name() {
        return Channels.SMTP;
    }

    private static Properties properties(SmtpSettings settings) {
        String protocol = protocol(settings);
        Properties properties = new Properties();
        properties.put("mail.transport.protocol", protocol);
        properties.put("mail." + protocol + ".host", settings.host());
        properties.put("mail." + protocol + ".port", Integer.toString(settings.port()));
        properties.put("mail." + protocol + ".auth", Boolean.toString(settings.username().isPresent()));
        properties.put("mail." + protocol + ".connectiontimeout", Integer.toString(TIMEOUT_MILLIS));
        properties.put("mail." + protocol + ".timeout", Integer.toString(TIMEOUT_MILLIS));
        properties.put("mail." + protocol + ".writetimeout", Integer.toString(TIMEOUT_MILLIS));
        if (settings.tls() == SmtpSettings.Tls.STARTTLS) {
            properties.put("mail.smtp.starttls.enable", "true");
            properties.put("mail.smtp.starttls.required", "true");
        }
        if (settings.tls() != SmtpSettings.Tls.NONE) {
            properties.put("mail." + protocol + ".ssl.checkserveridentity", "true");
        }
        return properties;
    }

    private static String protocol(SmtpSettings settings) {
        return settings.tls() == SmtpSettings.Tls.SMTPS ? "smtps" : "smtp";
    }

    @Override
    public Outcome send(Message message) {
        try {
            SMTPMessage mime = new SMTPMessage(new MimeMessage(session,
                    new ByteArrayInputStream(Base64.getDecoder().decode(message.payload().path("mime").asText()))));
            mime.setEnvelopeFrom(message.payload().path("from").asText());
            Address[] recipients = recipients(message);
            try (Transport transport = session.getTransport(protocol(settings))) {
                transport.connect(settings.host(), settings.port(), settings.username().orElse(null),
                        settings.password().orElse(null));
                transport.sendMessage(mime, recipients);
            }
            return Outcome.delivered("accepted by " + settings.host() + ":" + settings.port());
        } catch (SMTPSendFailedException e) {
            return byReply(e.getReturnCode(), e.getMessage());
        } catch (SendFailedException e) {
            return refusedRecipient(e);
        } catch (MessagingException e) {
            return Outcome.retry("SMTP " + settings.host() + ":" + settings.port() + ": " + e);
        }
    }

    private static Address[] recipients(Message message) throws MessagingException {
        List<Address> recipients = new ArrayList<>();
        for (var recipient : message.payload().path("recipients")) {
            recipients.add(new InternetAddress(recipient.asText(), false));
        }
        return recipients.toArray(new Address[0]);
    }

    private static Outcome refusedRecipient(SendFailedException e) {
        for (Exception next = e.getNextException(); next != null;
             next = next instanceof MessagingException m ? m.getNextException() : null) {
            if (next instanceof SMTPAddressFailedException refused) {
                return byReply(refused.getReturnCode(), refused.getMessage());
            }
        }
        return Outcome.retry("SMTP send failed: " + e.getMessage());
    }

    private static Outcome byReply(int code, String reply) {
        String detail = "SMTP server answered " + code + ": " + reply.trim();
        return code >= 500 ? Outcome.failed(detail) : Outcome.retry(detail);
    }
}
