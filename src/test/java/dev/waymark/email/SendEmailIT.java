// SPDX-License-Identifier: Apache-2.0
package dev.waymark.email;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.waymark.channel.Kind;
import dev.waymark.channel.Message;
import dev.waymark.channel.OutboxProbe;
import dev.waymark.channel.Status;
import dev.waymark.testing.TestServer;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.pinpointemail.PinpointEmailClient;
import software.amazon.awssdk.services.pinpointemail.model.EventType;
import software.amazon.awssdk.services.pinpointemail.model.MessageRejectedException;

/**
 * SendEmail delivered over SMTP (with AUTH) to a real SMTP server, GreenMail: simple and raw content, To, Cc and
 * Bcc, Reply-To, headers, charset, body parts and a binary attachment arriving intact; the sender checked against
 * the verified identities; the Send and Delivery events of a configuration set.
 */
class SendEmailIT {
    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("waymark", "s3cret"))
            .withPerMethodLifecycle(false);

    private static TestServer server;
    private static PinpointEmailClient client;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("--smtp-host=127.0.0.1", "--smtp-port=" + SMTP.getSmtp().getPort(), "--smtp-tls=none",
                "--smtp-username=waymark", "--smtp-password=s3cret");
        client = EmailClients.of(server);
        client.createEmailIdentity(r -> r.emailIdentity("sender@example.com"));
        client.createEmailIdentity(r -> r.emailIdentity("example.org"));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @BeforeEach
    void empty() throws Exception {
        SMTP.purgeEmailFromAllMailboxes();
    }

    @Test
    void aSimpleMessageReachesEveryRecipientWithItsHeadersAndParts() throws Exception {
        String id = client.sendEmail(r -> r.fromEmailAddress("Sender Name <sender@example.com>")
                .destination(d -> d.toAddresses("ann@example.net", "bob@example.net").ccAddresses("cat@example.net")
                        .bccAddresses("dan@example.net"))
                .replyToAddresses("replies@example.com")
                .content(c -> c.simple(m -> m.subject(s -> s.data("Grüße from Waymark").charset("UTF-8"))
                        .body(b -> b.text(t -> t.data("Plain text, naïve café")).html(h -> h.data("<p>Hello <b>HTML</b></p>")))))
        ).messageId();
        for (String recipient : List.of("bob@example.net", "cat@example.net", "dan@example.net")) {
            assertTrue(inbox(recipient).getMessageID().contains(id), recipient);
        }
        MimeMessage message = inbox("ann@example.net");
        assertEquals("Grüße from Waymark", message.getSubject());
        assertEquals(new InternetAddress("Sender Name <sender@example.com>"), message.getFrom()[0]);
        assertEquals("ann@example.net, bob@example.net", message.getHeader("To", ", "));
        assertEquals("cat@example.net", message.getHeader("Cc", ", "));
        assertNull(message.getHeader("Bcc"), "Bcc recipients are not named in the message");
        assertEquals("replies@example.com", message.getHeader("Reply-To", ", "));
        assertTrue(message.getMessageID().contains(id), message.getMessageID());
        Multipart alternative = (Multipart) message.getContent();
        assertTrue(message.getContentType().startsWith("multipart/alternative"), message.getContentType());
        assertEquals("Plain text, naïve café", alternative.getBodyPart(0).getContent());
        assertTrue(alternative.getBodyPart(0).isMimeType("text/plain"));
        assertEquals("<p>Hello <b>HTML</b></p>", alternative.getBodyPart(1).getContent());
        assertTrue(alternative.getBodyPart(1).isMimeType("text/html"));

        Message sent = OutboxProbe.finished(server, id);
        assertEquals(Status.DELIVERED, sent.status());
        assertEquals("smtp", sent.provider());
    }

    @Test
    void aRawMessageWithAnAttachmentArrivesByteForByte() throws Exception {
        byte[] attachment = new byte[6000];
        new Random(42).nextBytes(attachment);
        MimeMessage raw = new MimeMessage(Session.getInstance(new Properties()));
        raw.setFrom("news@mail.example.org");
        raw.setRecipients(jakarta.mail.Message.RecipientType.TO, "reader@example.net");
        raw.setSubject("Monthly report");
        raw.setHeader("X-Report-Id", "2026-11");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("The report is attached.", "UTF-8");
        MimeBodyPart file = new MimeBodyPart();
        file.setContent(attachment, "application/octet-stream");
        file.setFileName("report.bin");
        file.setDisposition(Part.ATTACHMENT);
        MimeMultipart mixed = new MimeMultipart("mixed");
        mixed.addBodyPart(text);
        mixed.addBodyPart(file);
        raw.setContent(mixed);
        raw.saveChanges();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        raw.writeTo(bytes);

        String id = client.sendEmail(r -> r.destination(d -> { })
                .content(c -> c.raw(m -> m.data(SdkBytes.fromByteArray(bytes.toByteArray()))))).messageId();
        MimeMessage received = inbox("reader@example.net");
        assertEquals("Monthly report", received.getSubject());
        assertEquals("2026-11", received.getHeader("X-Report-Id", null));
        assertEquals(raw.getMessageID(), received.getMessageID(), "a raw message keeps its own Message-ID");
        Multipart parts = (Multipart) received.getContent();
        assertEquals("The report is attached.", parts.getBodyPart(0).getContent());
        BodyPart received1 = parts.getBodyPart(1);
        assertEquals("report.bin", received1.getFileName());
        assertArrayEquals(attachment, received1.getInputStream().readAllBytes());
        assertEquals(Status.DELIVERED, OutboxProbe.finished(server, id).status());
    }

    @Test
    void unverifiedSendersAreRejectedAsSesRejectsThem() {
        MessageRejectedException rejected = assertThrows(MessageRejectedException.class, () -> client.sendEmail(r -> r
                .fromEmailAddress("stranger@example.net").destination(d -> d.toAddresses("ann@example.net"))
                .content(c -> c.simple(m -> m.subject(s -> s.data("hi")).body(b -> b.text(t -> t.data("hi")))))));
        assertEquals(400, rejected.statusCode());
        assertEquals("Email address is not verified. The following identities failed the check in region US-EAST-1: "
                + "stranger@example.net", rejected.awsErrorDetails().errorMessage());
        assertTrue(rejected.awsErrorDetails().rawResponse().asUtf8String().contains("\"message\""));
    }

    @Test
    void aConfigurationSetPublishesSendAndDeliveryEvents() throws Exception {
        client.createConfigurationSet(r -> r.configurationSetName("tracked"));
        client.createConfigurationSetEventDestination(r -> r.configurationSetName("tracked").eventDestinationName("stream")
                .eventDestination(d -> d.enabled(true).matchingEventTypes(EventType.SEND, EventType.DELIVERY)
                        .kinesisFirehoseDestination(k -> k.iamRoleArn("arn:aws:iam::111122223333:role/ses")
                                .deliveryStreamArn("arn:aws:firehose:us-east-1:111122223333:deliverystream/mail"))));
        String id = client.sendEmail(r -> r.fromEmailAddress("sender@example.com").configurationSetName("tracked")
                .destination(d -> d.toAddresses("ann@example.net"))
                .emailTags(t -> t.name("campaign").value("welcome"))
                .content(c -> c.simple(m -> m.subject(s -> s.data("Tracked")).body(b -> b.text(t -> t.data("hi")))))).messageId();
        inbox("ann@example.net");
        List<Message> events = OutboxProbe.all(server, Kind.EVENT, all -> all.stream()
                .filter(e -> e.payload().path("event").path("mail").path("messageId").asText().equals(id))
                .filter(e -> e.status() == Status.KEPT).count() == 2);
        List<JsonNode> mine = events.stream().map(e -> e.payload().path("event"))
                .filter(e -> e.path("mail").path("messageId").asText().equals(id)).toList();
        JsonNode send = mine.stream().filter(e -> e.path("eventType").asText().equals("Send")).findFirst().orElseThrow();
        JsonNode delivery = mine.stream().filter(e -> e.path("eventType").asText().equals("Delivery")).findFirst().orElseThrow();
        assertEquals("sender@example.com", send.path("mail").path("source").asText());
        assertEquals("ann@example.net", send.path("mail").path("destination").get(0).asText());
        assertEquals("tracked", send.path("mail").path("tags").path("ses:configuration-set").get(0).asText());
        assertEquals("welcome", send.path("mail").path("tags").path("campaign").get(0).asText());
        assertEquals("Tracked", send.path("mail").path("commonHeaders").path("subject").asText());
        assertEquals("ann@example.net", delivery.path("delivery").path("recipients").get(0).asText());
        assertTrue(delivery.path("delivery").path("smtpResponse").asText().contains("accepted"),
                delivery.path("delivery").toString());
    }

    /** The one message in the mailbox of an address, waiting up to 10 s for it. */
    private static MimeMessage inbox(String address) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            List<MimeMessage> messages = SMTP.findReceivedMessages(user -> user.getEmail().equals(address), m -> true)
                    .toList();
            if (!messages.isEmpty()) {
                assertEquals(1, messages.size(), address);
                return messages.get(0);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no message for " + address);
    }
}
