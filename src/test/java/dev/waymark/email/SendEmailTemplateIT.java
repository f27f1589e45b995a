// SPDX-License-Identifier: Apache-2.0
package dev.waymark.email;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.waymark.channel.OutboxProbe;
import dev.waymark.channel.Status;
import dev.waymark.testing.TestServer;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.pinpoint.PinpointClient;
import software.amazon.awssdk.services.pinpointemail.PinpointEmailClient;
import software.amazon.awssdk.services.pinpointemail.model.BadRequestException;
import software.amazon.awssdk.services.pinpointemail.model.NotFoundException;
import software.amazon.awssdk.services.pinpointemail.model.PinpointEmailException;

/**
 * SendEmail with Template content: the TemplateArn names one of Pinpoint's email templates, rendered with the
 * TemplateData (the template's DefaultSubstitutions filling what it leaves out) and delivered over SMTP to GreenMail;
 * and the errors: a template that does not exist, or is another account's or region's (NotFoundException), an ARN
 * that is not an email template's, a missing TemplateArn, TemplateData that is not a JSON object
 * (BadRequestException).
 */
class SendEmailTemplateIT {
    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("waymark", "s3cret"))
            .withPerMethodLifecycle(false);

    private static TestServer server;
    private static PinpointEmailClient client;
    private static String welcome;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("--smtp-host=127.0.0.1", "--smtp-port=" + SMTP.getSmtp().getPort(), "--smtp-tls=none",
                "--smtp-username=waymark", "--smtp-password=s3cret");
        client = EmailClients.of(server);
        client.createEmailIdentity(r -> r.emailIdentity("sender@example.com"));
        PinpointClient pinpoint = server.pinpoint();
        pinpoint.createEmailTemplate(r -> r.templateName("welcome").emailTemplateRequest(t -> t
                .subject("Welcome, {{Name}}").textPart("Hello {{Name}} from {{City}}, plan {{Account.Plan}}.")
                .htmlPart("<p>Hello <b>{{Name}}</b> from {{{City}}}</p>")
                .defaultSubstitutions("{\"Name\":\"friend\",\"City\":\"Paris\"}")));
        pinpoint.createSmsTemplate(r -> r.templateName("texts").smsTemplateRequest(t -> t.body("Hi {{Name}}")));
        welcome = arn("us-east-1", server.accountId(), "welcome", "EMAIL");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @BeforeEach
    void empty() throws Exception {
        SMTP.purgeEmailFromAllMailboxes();
    }

    private static String arn(String region, String account, String name, String type) {
        return "arn:aws:mobiletargeting:" + region + ":" + account + ":templates/" + name + "/" + type;
    }

    @Test
    void theTemplateIsRenderedWithTheTemplateDataAndDelivered() throws Exception {
        String id = client.sendEmail(r -> r.fromEmailAddress("Sender <sender@example.com>")
                .destination(d -> d.toAddresses("ann@example.net").ccAddresses("cat@example.net"))
                .replyToAddresses("replies@example.com")
                .content(c -> c.template(t -> t.templateArn(welcome)
                        .templateData("{\"Name\":\"Ann & Zoë\",\"Account\":{\"Plan\":\"gold\"}}")))).messageId();
        MimeMessage message = inbox("ann@example.net");
        assertEquals("Welcome, Ann & Zoë", message.getSubject());
        assertEquals(new InternetAddress("Sender <sender@example.com>"), message.getFrom()[0]);
        assertEquals("ann@example.net", message.getHeader("To", ", "));
        assertEquals("cat@example.net", message.getHeader("Cc", ", "));
        assertEquals("replies@example.com", message.getHeader("Reply-To", ", "));
        assertTrue(message.getMessageID().contains(id), message.getMessageID());
        Multipart alternative = (Multipart) message.getContent();
        assertEquals("Hello Ann & Zoë from Paris, plan gold.", alternative.getBodyPart(0).getContent(),
                "TemplateData values, nested ones by dotted name, and a default substitution");
        assertTrue(alternative.getBodyPart(0).isMimeType("text/plain"));
        assertEquals("<p>Hello <b>Ann &amp; Zoë</b> from Paris</p>", alternative.getBodyPart(1).getContent(),
                "{{name}} is HTML-escaped in the HTML part, {{{name}}} is not");
        assertTrue(alternative.getBodyPart(1).isMimeType("text/html"));
        inbox("cat@example.net");
        assertEquals(Status.DELIVERED, OutboxProbe.finished(server, id).status());
    }

    @Test
    void withoutTemplateDataTheDefaultSubstitutionsFillTheTemplate() throws Exception {
        client.sendEmail(r -> r.fromEmailAddress("sender@example.com").destination(d -> d.toAddresses("bob@example.net"))
                .content(c -> c.template(t -> t.templateArn(welcome))));
        MimeMessage message = inbox("bob@example.net");
        assertEquals("Welcome, friend", message.getSubject());
        assertEquals("Hello friend from Paris, plan .", ((Multipart) message.getContent()).getBodyPart(0).getContent(),
                "a name nothing gives becomes the empty string");
    }

    @Test
    void aTemplateTheCallerDoesNotHaveIsNotFound() {
        TestServer.AccountKey other = server.createAccount("other");
        server.pinpoint(other.credentials(), Region.US_EAST_1).createEmailTemplate(r -> r.templateName("theirs")
                .emailTemplateRequest(t -> t.subject("s").textPart("t")));
        server.pinpoint(server.rootCredentials(), Region.EU_WEST_1).createEmailTemplate(r -> r.templateName("abroad")
                .emailTemplateRequest(t -> t.subject("s").textPart("t")));
        for (String[] missing : List.of(new String[] {arn("us-east-1", server.accountId(), "nothing", "EMAIL"), "nothing"},
                new String[] {arn("us-east-1", other.accountId(), "theirs", "EMAIL"), "theirs"},
                new String[] {arn("eu-west-1", server.accountId(), "abroad", "EMAIL"), "abroad"})) {
            NotFoundException e = assertThrows(NotFoundException.class, () -> send(missing[0], "{}"), missing[0]);
            assertEquals(404, e.statusCode());
            assertEquals("Template " + missing[1] + " does not exist.", e.awsErrorDetails().errorMessage());
        }
        assertEquals(0, SMTP.getReceivedMessages().length);
    }

    @Test
    void aMalformedArnOrTemplateDataIsABadRequest() {
        for (String[] bad : List.of(
                new String[] {arn("us-east-1", server.accountId(), "texts", "SMS"), "{}", "Template texts is not an email template"},
                new String[] {"welcome", "{}", "Invalid template ARN: welcome"},
                new String[] {welcome, "{\"Name\":", "TemplateData must be a JSON object"},
                new String[] {welcome, "[\"Ann\"]", "TemplateData must be a JSON object"})) {
            BadRequestException e = assertThrows(BadRequestException.class, () -> send(bad[0], bad[1]), bad[0] + " " + bad[1]);
            assertEquals(400, e.statusCode());
            assertEquals(bad[2], e.awsErrorDetails().errorMessage());
        }
        BadRequestException noArn = assertThrows(BadRequestException.class, () -> client.sendEmail(r -> r
                .fromEmailAddress("sender@example.com").destination(d -> d.toAddresses("ann@example.net"))
                .content(c -> c.template(t -> t.templateData("{}")))));
        assertEquals("TemplateArn is required with Template content", noArn.awsErrorDetails().errorMessage());
        PinpointEmailException noSender = assertThrows(BadRequestException.class, () -> client.sendEmail(r -> r
                .destination(d -> d.toAddresses("ann@example.net")).content(c -> c.template(t -> t.templateArn(welcome)))));
        assertEquals("FromEmailAddress is required with Template content", noSender.awsErrorDetails().errorMessage());
        assertEquals(0, SMTP.getReceivedMessages().length);
    }

    private static void send(String templateArn, String data) {
        client.sendEmail(r -> r.fromEmailAddress("sender@example.com").destination(d -> d.toAddresses("ann@example.net"))
                .content(c -> c.template(t -> t.templateArn(templateArn).templateData(data))));
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
