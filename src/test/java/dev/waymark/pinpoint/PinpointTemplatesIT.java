// SPDX-License-Identifier: Apache-2.0
package dev.waymark.pinpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.waymark.channel.AwsCli;
import dev.waymark.testing.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.pinpoint.PinpointClient;
import software.amazon.awssdk.services.pinpoint.model.BadRequestException;
import software.amazon.awssdk.services.pinpoint.model.DefaultPushNotificationTemplate;
import software.amazon.awssdk.services.pinpoint.model.EmailTemplateRequest;
import software.amazon.awssdk.services.pinpoint.model.EmailTemplateResponse;
import software.amazon.awssdk.services.pinpoint.model.InAppMessageContent;
import software.amazon.awssdk.services.pinpoint.model.InAppTemplateRequest;
import software.amazon.awssdk.services.pinpoint.model.NotFoundException;
import software.amazon.awssdk.services.pinpoint.model.PinpointException;
import software.amazon.awssdk.services.pinpoint.model.PushNotificationTemplateRequest;
import software.amazon.awssdk.services.pinpoint.model.SMSTemplateRequest;
import software.amazon.awssdk.services.pinpoint.model.TemplateResponse;
import software.amazon.awssdk.services.pinpoint.model.TemplateVersionResponse;
import software.amazon.awssdk.services.pinpoint.model.TemplatesResponse;
import software.amazon.awssdk.services.pinpoint.model.VoiceTemplateRequest;

/** Message templates end to end through the AWS SDK for Java v2 and the AWS CLI: all 23 operations. */
class PinpointTemplatesIT {
    private static TestServer server;
    private static PinpointClient pinpoint;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        pinpoint = server.pinpoint();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static EmailTemplateRequest email(String subject) {
        return EmailTemplateRequest.builder().subject(subject).htmlPart("<p>Hello {{User.Name}}</p>").textPart("Hello")
                .templateDescription("welcome mail").defaultSubstitutions("{\"User.Name\":\"friend\"}").build();
    }

    private static String arn(String name, String type) {
        return "arn:aws:mobiletargeting:us-east-1:" + server.accountId() + ":templates/" + name + "/" + type;
    }

    private static EmailTemplateResponse getEmail(String name, String version) {
        return pinpoint.getEmailTemplate(r -> r.templateName(name).version(version)).emailTemplateResponse();
    }

    @Test
    void emailTemplateVersionsAreAddedReplacedActivatedAndDeleted() {
        var created = pinpoint.createEmailTemplate(r -> r.templateName("welcome").emailTemplateRequest(email("Hi")));
        assertEquals(201, created.sdkHttpResponse().statusCode());
        assertEquals(arn("welcome", "EMAIL"), created.createTemplateMessageBody().arn());
        assertEquals("Created", created.createTemplateMessageBody().message());
        assertNotNull(created.createTemplateMessageBody().requestID());

        EmailTemplateResponse first = getEmail("welcome", null);
        assertEquals("1", first.version());
        assertEquals("Hi", first.subject());
        assertEquals("EMAIL", first.templateTypeAsString());
        assertEquals("welcome", first.templateName());
        assertEquals("welcome mail", first.templateDescription());
        assertEquals(arn("welcome", "EMAIL"), first.arn());
        assertTrue(first.creationDate().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"), first.creationDate());

        var replaced = pinpoint.updateEmailTemplate(r -> r.templateName("welcome").emailTemplateRequest(email("Hi again")));
        assertEquals(202, replaced.sdkHttpResponse().statusCode());
        assertEquals("Accepted", replaced.messageBody().message());
        assertEquals("Hi again", getEmail("welcome", null).subject());
        assertEquals("1", getEmail("welcome", null).version());

        pinpoint.updateEmailTemplate(r -> r.templateName("welcome").createNewVersion(true).emailTemplateRequest(email("Second")));
        assertEquals("1", getEmail("welcome", null).version(), "a new version is not active until made so");
        assertEquals("Second", getEmail("welcome", "2").subject());
        assertEquals(first.creationDate(), getEmail("welcome", "2").creationDate());
        pinpoint.updateEmailTemplate(r -> r.templateName("welcome").version("2").emailTemplateRequest(email("Second, fixed")));
        assertEquals("Second, fixed", getEmail("welcome", "2").subject());

        var activated = pinpoint.updateTemplateActiveVersion(r -> r.templateName("welcome").templateType("EMAIL")
                .templateActiveVersionRequest(a -> a.version("2")));
        assertEquals(200, activated.sdkHttpResponse().statusCode());
        assertEquals("Accepted", activated.messageBody().message());
        assertEquals("2", getEmail("welcome", null).version());
        assertEquals("Second, fixed", getEmail("welcome", null).subject());

        var versions = pinpoint.listTemplateVersions(r -> r.templateName("welcome").templateType("EMAIL"));
        assertEquals(200, versions.sdkHttpResponse().statusCode());
        List<TemplateVersionResponse> items = versions.templateVersionsResponse().item();
        assertEquals(List.of("1", "2"), items.stream().map(TemplateVersionResponse::version).toList());
        assertEquals("EMAIL", items.get(0).templateType());
        assertEquals("welcome mail", items.get(0).templateDescription());
        assertNull(versions.templateVersionsResponse().nextToken());

        assertBad(() -> pinpoint.deleteEmailTemplate(r -> r.templateName("welcome").version("2")));
        var deletedVersion = pinpoint.deleteEmailTemplate(r -> r.templateName("welcome").version("1"));
        assertEquals(202, deletedVersion.sdkHttpResponse().statusCode());
        assertThrows(NotFoundException.class, () -> getEmail("welcome", "1"));
        pinpoint.updateEmailTemplate(r -> r.templateName("welcome").createNewVersion(true).emailTemplateRequest(email("Third")));
        assertEquals("3", getEmail("welcome", "3").version(), "a deleted version's number is not given again");
        pinpoint.updateTemplateActiveVersion(r -> r.templateName("welcome").templateType("EMAIL")
                .templateActiveVersionRequest(a -> a.version("latest")));
        assertEquals("Third", getEmail("welcome", null).subject());

        var deleted = pinpoint.deleteEmailTemplate(r -> r.templateName("welcome"));
        assertEquals(202, deleted.sdkHttpResponse().statusCode());
        assertEquals("Accepted", deleted.messageBody().message());
        assertThrows(NotFoundException.class, () -> getEmail("welcome", null));
        assertThrows(NotFoundException.class, () -> pinpoint.listTemplateVersions(r -> r.templateName("welcome").templateType("EMAIL")));
    }

    @Test
    void smsVoicePushAndInAppTemplatesHaveTheirOwnOperations() {
        var sms = pinpoint.createSmsTemplate(r -> r.templateName("kinds").smsTemplateRequest(SMSTemplateRequest.builder()
                .body("Your code is {{Code}}").build()));
        assertEquals(201, sms.sdkHttpResponse().statusCode());
        assertEquals(arn("kinds", "SMS"), sms.createTemplateMessageBody().arn());
        var voice = pinpoint.createVoiceTemplate(r -> r.templateName("kinds").voiceTemplateRequest(VoiceTemplateRequest.builder()
                .body("Hello").languageCode("en-US").voiceId("Joanna").build()));
        assertEquals(201, voice.sdkHttpResponse().statusCode());
        assertEquals(arn("kinds", "VOICE"), voice.createTemplateMessageBody().arn());
        var push = pinpoint.createPushTemplate(r -> r.templateName("kinds").pushNotificationTemplateRequest(
                PushNotificationTemplateRequest.builder().defaultValue(DefaultPushNotificationTemplate.builder()
                        .title("T").body("B").build()).build()));
        assertEquals(201, push.sdkHttpResponse().statusCode());
        assertEquals(arn("kinds", "PUSH"), push.createTemplateMessageBody().arn());
        var inApp = pinpoint.createInAppTemplate(r -> r.templateName("kinds").inAppTemplateRequest(inApp("Welcome")));
        assertEquals(201, inApp.sdkHttpResponse().statusCode());
        assertEquals(arn("kinds", "INAPP"), inApp.templateCreateMessageBody().arn());
        assertEquals("Created", inApp.templateCreateMessageBody().message());

        var smsGot = pinpoint.getSmsTemplate(r -> r.templateName("kinds"));
        assertEquals(200, smsGot.sdkHttpResponse().statusCode());
        assertEquals("Your code is {{Code}}", smsGot.smsTemplateResponse().body());
        assertEquals("SMS", smsGot.smsTemplateResponse().templateTypeAsString());
        var voiceGot = pinpoint.getVoiceTemplate(r -> r.templateName("kinds")).voiceTemplateResponse();
        assertEquals("Joanna", voiceGot.voiceId());
        assertEquals("en-US", voiceGot.languageCode());
        var pushGot = pinpoint.getPushTemplate(r -> r.templateName("kinds")).pushNotificationTemplateResponse();
        assertEquals("T", pushGot.defaultValue().title());
        var inAppGot = pinpoint.getInAppTemplate(r -> r.templateName("kinds")).inAppTemplateResponse();
        assertEquals("Welcome", inAppGot.content().get(0).bodyConfig().body());
        assertEquals("BOTTOM_BANNER", inAppGot.layoutAsString());

        assertEquals(202, pinpoint.updateSmsTemplate(r -> r.templateName("kinds").createNewVersion(true)
                .smsTemplateRequest(SMSTemplateRequest.builder().body("v2").build())).sdkHttpResponse().statusCode());
        assertEquals("v2", pinpoint.getSmsTemplate(r -> r.templateName("kinds").version("2")).smsTemplateResponse().body());
        assertEquals(202, pinpoint.updateVoiceTemplate(r -> r.templateName("kinds").voiceTemplateRequest(
                VoiceTemplateRequest.builder().body("Bye").build())).sdkHttpResponse().statusCode());
        assertEquals("Bye", pinpoint.getVoiceTemplate(r -> r.templateName("kinds")).voiceTemplateResponse().body());
        assertNull(pinpoint.getVoiceTemplate(r -> r.templateName("kinds")).voiceTemplateResponse().voiceId(),
                "an update replaces the content");
        assertEquals(202, pinpoint.updatePushTemplate(r -> r.templateName("kinds").pushNotificationTemplateRequest(
                PushNotificationTemplateRequest.builder().defaultValue(d -> d.body("B2")).build())).sdkHttpResponse().statusCode());
        assertEquals("B2", pinpoint.getPushTemplate(r -> r.templateName("kinds")).pushNotificationTemplateResponse().defaultValue().body());
        assertEquals(202, pinpoint.updateInAppTemplate(r -> r.templateName("kinds").createNewVersion(true)
                .inAppTemplateRequest(inApp("Again"))).sdkHttpResponse().statusCode());
        pinpoint.updateTemplateActiveVersion(r -> r.templateName("kinds").templateType("INAPP")
                .templateActiveVersionRequest(a -> a.version("2")));
        assertEquals("Again", pinpoint.getInAppTemplate(r -> r.templateName("kinds")).inAppTemplateResponse()
                .content().get(0).bodyConfig().body());
        assertEquals(2, pinpoint.listTemplateVersions(r -> r.templateName("kinds").templateType("INAPP"))
                .templateVersionsResponse().item().size());

        assertEquals(202, pinpoint.deleteSmsTemplate(r -> r.templateName("kinds")).sdkHttpResponse().statusCode());
        assertEquals(202, pinpoint.deleteVoiceTemplate(r -> r.templateName("kinds")).sdkHttpResponse().statusCode());
        assertEquals(202, pinpoint.deletePushTemplate(r -> r.templateName("kinds")).sdkHttpResponse().statusCode());
        assertEquals(202, pinpoint.deleteInAppTemplate(r -> r.templateName("kinds")).sdkHttpResponse().statusCode());
        assertThrows(NotFoundException.class, () -> pinpoint.getSmsTemplate(r -> r.templateName("kinds")));
        assertThrows(NotFoundException.class, () -> pinpoint.getVoiceTemplate(r -> r.templateName("kinds")));
        assertThrows(NotFoundException.class, () -> pinpoint.getPushTemplate(r -> r.templateName("kinds")));
        assertThrows(NotFoundException.class, () -> pinpoint.getInAppTemplate(r -> r.templateName("kinds")));
    }

    private static InAppTemplateRequest inApp(String body) {
        return InAppTemplateRequest.builder().layout("BOTTOM_BANNER").content(InAppMessageContent.builder()
                .bodyConfig(b -> b.body(body).alignment("LEFT").textColor("#000000")).build()).build();
    }

    @Test
    void listTemplatesFiltersByPrefixAndTypeAndPages() {
        pinpoint.createEmailTemplate(r -> r.templateName("list_a").emailTemplateRequest(email("a")));
        pinpoint.createSmsTemplate(r -> r.templateName("list_b").smsTemplateRequest(s -> s.body("b")));
        pinpoint.createSmsTemplate(r -> r.templateName("list_c").smsTemplateRequest(s -> s.body("c").templateDescription("see")));
        pinpoint.createSmsTemplate(r -> r.templateName("listXd").smsTemplateRequest(s -> s.body("d")));

        TemplatesResponse first = pinpoint.listTemplates(r -> r.prefix("list_").pageSize("2")).templatesResponse();
        assertEquals(List.of("list_a", "list_b"), first.item().stream().map(TemplateResponse::templateName).toList());
        assertNotNull(first.nextToken());
        TemplatesResponse second = pinpoint.listTemplates(r -> r.prefix("list_").pageSize("2").nextToken(first.nextToken()))
                .templatesResponse();
        assertEquals(List.of("list_c"), second.item().stream().map(TemplateResponse::templateName).toList());
        assertNull(second.nextToken());
        TemplateResponse c = second.item().get(0);
        assertEquals("SMS", c.templateTypeAsString());
        assertEquals("see", c.templateDescription());
        assertEquals("1", c.version());
        assertEquals(arn("list_c", "SMS"), c.arn());

        var sms = pinpoint.listTemplates(r -> r.prefix("list").templateType("SMS"));
        assertEquals(200, sms.sdkHttpResponse().statusCode());
        assertEquals(List.of("list_b", "list_c", "listXd"),
                sms.templatesResponse().item().stream().map(TemplateResponse::templateName).toList());
        assertTrue(pinpoint.listTemplates(r -> r.prefix("list").templateType("VOICE")).templatesResponse().item().isEmpty());
        assertBad(() -> pinpoint.listTemplates(r -> r.templateType("FAX")));
        assertBad(() -> pinpoint.listTemplates(r -> r.pageSize("0")));
        assertBad(() -> pinpoint.listTemplates(r -> r.nextToken("not-a-token")));
    }

    @Test
    void badRequestsAndMissingTemplates() {
        pinpoint.createEmailTemplate(r -> r.templateName("checked").emailTemplateRequest(email("x")));
        BadRequestException exists = assertThrows(BadRequestException.class,
                () -> pinpoint.createEmailTemplate(r -> r.templateName("checked").emailTemplateRequest(email("x"))));
        assertEquals(400, exists.statusCode());
        assertEquals("Template already exists", exists.awsErrorDetails().errorMessage());
        pinpoint.createSmsTemplate(r -> r.templateName("checked").smsTemplateRequest(s -> s.body("same name, other type")));

        assertBad(() -> pinpoint.createEmailTemplate(r -> r.templateName("-dash-first").emailTemplateRequest(email("x"))));
        assertBad(() -> pinpoint.createEmailTemplate(r -> r.templateName("has.dot").emailTemplateRequest(email("x"))));
        assertBad(() -> pinpoint.createEmailTemplate(r -> r.templateName("x".repeat(129)).emailTemplateRequest(email("x"))));
        assertBad(() -> pinpoint.createEmailTemplate(r -> r.templateName("nosubject").emailTemplateRequest(e -> e.textPart("t"))));
        assertBad(() -> pinpoint.createEmailTemplate(r -> r.templateName("nobody").emailTemplateRequest(e -> e.subject("s"))));
        assertBad(() -> pinpoint.createEmailTemplate(r -> r.templateName("empty").emailTemplateRequest(e -> { })));
        assertBad(() -> pinpoint.createEmailTemplate(r -> r.templateName("subs").emailTemplateRequest(e -> e.subject("s")
                .textPart("t").defaultSubstitutions("not json"))));
        assertBad(() -> pinpoint.createEmailTemplate(r -> r.templateName("subs").emailTemplateRequest(e -> e.subject("s")
                .textPart("t").defaultSubstitutions("[1]"))));
        assertBad(() -> pinpoint.createSmsTemplate(r -> r.templateName("nosms").smsTemplateRequest(s -> s.templateDescription("d"))));
        assertBad(() -> pinpoint.createVoiceTemplate(r -> r.templateName("novoice").voiceTemplateRequest(s -> s.voiceId("Joanna"))));
        assertBad(() -> pinpoint.createPushTemplate(r -> r.templateName("nopush").pushNotificationTemplateRequest(p -> p.templateDescription("d"))));
        assertBad(() -> pinpoint.createInAppTemplate(r -> r.templateName("noinapp").inAppTemplateRequest(p -> p.layout("BOTTOM_BANNER"))));
        assertBad(() -> pinpoint.updateEmailTemplate(r -> r.templateName("checked").emailTemplateRequest(e -> e.subject("s"))));
        assertBad(() -> pinpoint.updateEmailTemplate(r -> r.templateName("checked").version("2").emailTemplateRequest(email("y"))));
        assertBad(() -> pinpoint.updateEmailTemplate(r -> r.templateName("checked").version("1").createNewVersion(true)
                .emailTemplateRequest(email("y"))));
        assertBad(() -> pinpoint.getEmailTemplate(r -> r.templateName("checked").version("one")));
        assertBad(() -> pinpoint.listTemplateVersions(r -> r.templateName("checked").templateType("FAX")));
        assertBad(() -> pinpoint.updateTemplateActiveVersion(r -> r.templateName("checked").templateType("EMAIL")
                .templateActiveVersionRequest(a -> { })));
        assertBad(() -> pinpoint.updateTemplateActiveVersion(r -> r.templateName("checked").templateType("email")
                .templateActiveVersionRequest(a -> a.version("1"))));

        NotFoundException missing = assertThrows(NotFoundException.class, () -> getEmail("absent", null));
        assertEquals(404, missing.statusCode());
        assertThrows(NotFoundException.class, () -> getEmail("checked", "9"));
        assertThrows(NotFoundException.class, () -> pinpoint.updateEmailTemplate(r -> r.templateName("absent").emailTemplateRequest(email("x"))));
        assertThrows(NotFoundException.class, () -> pinpoint.deleteEmailTemplate(r -> r.templateName("absent")));
        assertThrows(NotFoundException.class, () -> pinpoint.deleteEmailTemplate(r -> r.templateName("checked").version("9")));
        assertThrows(NotFoundException.class, () -> pinpoint.getVoiceTemplate(r -> r.templateName("checked")));
        assertThrows(NotFoundException.class, () -> pinpoint.listTemplateVersions(r -> r.templateName("absent").templateType("SMS")));
        assertThrows(NotFoundException.class, () -> pinpoint.updateTemplateActiveVersion(r -> r.templateName("absent")
                .templateType("EMAIL").templateActiveVersionRequest(a -> a.version("1"))));
        assertThrows(NotFoundException.class, () -> pinpoint.updateTemplateActiveVersion(r -> r.templateName("checked")
                .templateType("EMAIL").templateActiveVersionRequest(a -> a.version("4"))));
        assertEquals("x", getEmail("checked", null).subject(), "refused requests changed nothing");
    }

    @Test
    void templatesCarryTagsOnTheirArn() {
        pinpoint.createEmailTemplate(r -> r.templateName("tagged").emailTemplateRequest(email("x").toBuilder()
                .tags(Map.of("team", "growth")).build()));
        String arn = arn("tagged", "EMAIL");
        assertEquals(Map.of("team", "growth"), getEmail("tagged", null).tags());
        assertEquals(204, pinpoint.tagResource(r -> r.resourceArn(arn).tagsModel(t -> t.tags(Map.of("stage", "prod"))))
                .sdkHttpResponse().statusCode());
        assertEquals(Map.of("team", "growth", "stage", "prod"),
                pinpoint.listTagsForResource(r -> r.resourceArn(arn)).tagsModel().tags());
        pinpoint.untagResource(r -> r.resourceArn(arn).tagKeys("team"));
        assertEquals(Map.of("stage", "prod"), getEmail("tagged", null).tags());
        TemplateResponse listed = pinpoint.listTemplates(r -> r.prefix("tagged")).templatesResponse().item().get(0);
        assertEquals(Map.of("stage", "prod"), listed.tags());
        assertBad(() -> pinpoint.createEmailTemplate(r -> r.templateName("badtag").emailTemplateRequest(email("x").toBuilder()
                .tags(Map.of("aws:x", "y")).build())));

        pinpoint.deleteEmailTemplate(r -> r.templateName("tagged"));
        assertThrows(NotFoundException.class, () -> pinpoint.listTagsForResource(r -> r.resourceArn(arn)));
        pinpoint.createEmailTemplate(r -> r.templateName("tagged").emailTemplateRequest(email("x")));
        assertTrue(getEmail("tagged", null).tags().isEmpty(), "a deleted template's tags go with it");
    }

    @Test
    void theCreateRecordMasksTheContent() {
        pinpoint.createEmailTemplate(r -> r.templateName("audited").emailTemplateRequest(email("Secret subject")));
        List<JsonNode> records = server.records("CreateEmailTemplate");
        JsonNode record = records.get(records.size() - 1);
        JsonNode parameters = record.get("requestParameters");
        for (String member : List.of("Subject", "HtmlPart", "TextPart", "TemplateDescription", "DefaultSubstitutions")) {
            assertEquals("***", parameters.get(member).asText(), member + " in " + parameters);
        }
        assertEquals("audited", parameters.get("template-name").asText());
        assertFalse(record.toString().contains("Secret subject"));
        assertEquals(arn("audited", "EMAIL"), record.get("resources").get(0).get("ARN").asText());
        assertEquals("AWS::Pinpoint::EmailTemplate", record.get("resources").get(0).get("type").asText());
        assertEquals(arn("audited", "EMAIL"), record.get("responseElements").get("Arn").asText());

        getEmail("audited", null);
        List<JsonNode> reads = server.records("GetEmailTemplate");
        assertTrue(reads.get(reads.size() - 1).get("readOnly").asBoolean());
    }

    @Test
    void anotherAccountAndRegionSeeNoneOfTheTemplates() {
        pinpoint.createEmailTemplate(r -> r.templateName("private").emailTemplateRequest(email("x")));
        TestServer.AccountKey other = server.createAccount("templates-other");
        PinpointClient otherAccount = server.pinpoint(other.credentials(), Region.US_EAST_1);
        assertThrows(NotFoundException.class, () -> otherAccount.getEmailTemplate(r -> r.templateName("private")));
        assertTrue(otherAccount.listTemplates(r -> { }).templatesResponse().item().isEmpty());
        assertThrows(NotFoundException.class, () -> otherAccount.deleteEmailTemplate(r -> r.templateName("private")));
        otherAccount.createEmailTemplate(r -> r.templateName("private").emailTemplateRequest(email("theirs")));
        assertEquals("x", getEmail("private", null).subject());
        PinpointException denied = assertThrows(PinpointException.class,
                () -> otherAccount.listTagsForResource(r -> r.resourceArn(arn("private", "EMAIL"))));
        assertEquals(403, denied.statusCode());
        PinpointClient west = server.pinpoint(server.rootCredentials(), Region.EU_WEST_1);
        assertThrows(NotFoundException.class, () -> west.getEmailTemplate(r -> r.templateName("private")));
    }

    @Test
    void theAwsCliCreatesAndListsTemplates() throws Exception {
        AwsCli aws = new AwsCli(server);
        JsonNode created = aws.ok("pinpoint", "create-email-template", "--template-name", "cli-welcome",
                "--email-template-request", "{\"Subject\":\"Hi\",\"TextPart\":\"Hello\",\"tags\":{\"via\":\"cli\"}}");
        assertEquals(arn("cli-welcome", "EMAIL"), created.path("CreateTemplateMessageBody").path("Arn").asText());
        JsonNode listed = aws.ok("pinpoint", "list-templates", "--prefix", "cli-", "--template-type", "EMAIL");
        JsonNode item = listed.path("TemplatesResponse").path("Item").get(0);
        assertEquals("cli-welcome", item.path("TemplateName").asText());
        assertEquals("cli", item.path("tags").path("via").asText());
        JsonNode got = aws.ok("pinpoint", "get-email-template", "--template-name", "cli-welcome", "--template-version", "1");
        assertEquals("Hello", got.path("EmailTemplateResponse").path("TextPart").asText());
        AwsCli.Result missing = aws.run("pinpoint", "get-sms-template", "--template-name", "cli-welcome");
        assertTrue(missing.err().contains("NotFoundException"), missing.err());
    }

    private static void assertBad(Executable call) {
        assertEquals(400, assertThrows(BadRequestException.class, call).statusCode());
    }
}
