// SPDX-License-Identifier: Apache-2.0
package dev.waymark.pinpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.waymark.channel.Kind;
import dev.waymark.channel.OutboxProbe;
import dev.waymark.testing.TestServer;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.pinpoint.PinpointClient;
import software.amazon.awssdk.services.pinpoint.model.BadRequestException;
import software.amazon.awssdk.services.pinpoint.model.DeliveryStatus;
import software.amazon.awssdk.services.pinpoint.model.MessageResponse;
import software.amazon.awssdk.services.pinpoint.model.MessageResult;
import software.amazon.awssdk.services.pinpoint.model.NotFoundException;
import software.amazon.awssdk.services.pinpoint.model.SendOTPMessageRequestParameters;

/**
 * SendOTPMessage and VerifyOTPMessage through the AWS SDK for Java v2: the code goes out as an SMS in Pinpoint's
 * words, verifies once, runs out of attempts, is replaced by a newer code, stays inside its application, and every
 * call is recorded with the destination, brand and code masked.
 */
class PinpointOtpIT {
    private static final Pattern MESSAGE = Pattern.compile("This is your One Time Password: (\\d+) from ExampleCorp");
    private static TestServer server;
    private static PinpointClient pinpoint;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        pinpoint = server.pinpoint();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private static String appWithSms() {
        String app = pinpoint.createApp(r -> r.createApplicationRequest(a -> a.name("otp"))).applicationResponse().id();
        pinpoint.updateSmsChannel(r -> r.applicationId(app).smsChannelRequest(s -> s.enabled(true)));
        return app;
    }

    private static MessageResponse send(String app, String reference, String destination,
                                        Consumer<SendOTPMessageRequestParameters.Builder> more) {
        return pinpoint.sendOTPMessage(r -> r.applicationId(app).sendOTPMessageRequestParameters(p -> {
            p.brandName("ExampleCorp").channel("SMS").destinationIdentity(destination).originationIdentity("+15550100")
                    .referenceId(reference);
            more.accept(p);
        })).messageResponse();
    }

    /** Sends a code and reads it back from the SMS the outbox holds. */
    private static String code(String app, String reference, String destination,
                               Consumer<SendOTPMessageRequestParameters.Builder> more) throws InterruptedException {
        MessageResponse response = send(app, reference, destination, more);
        MessageResult result = response.result().get(destination);
        assertEquals(DeliveryStatus.SUCCESSFUL, result.deliveryStatus(), result.toString());
        assertEquals(200, result.statusCode());
        JsonNode sms = OutboxProbe.find(server, result.messageId()).orElseThrow().payload();
        assertEquals(Kind.SMS, OutboxProbe.find(server, result.messageId()).orElseThrow().kind());
        assertEquals(destination, sms.path("destinationPhoneNumber").asText());
        assertEquals("+15550100", sms.path("originationPhoneNumber").asText());
        Matcher matcher = MESSAGE.matcher(sms.path("body").asText());
        assertTrue(matcher.matches(), sms.path("body").asText());
        return matcher.group(1);
    }

    private static boolean verify(String app, String reference, String destination, String otp) {
        return pinpoint.verifyOTPMessage(r -> r.applicationId(app).verifyOTPMessageRequestParameters(p -> p
                .destinationIdentity(destination).referenceId(reference).otp(otp))).verificationResponse().valid();
    }

    private static String wrong(String code) {
        return code.charAt(0) == '9' ? "1" + code.substring(1) : (char) (code.charAt(0) + 1) + code.substring(1);
    }

    @Test
    void aCodeGoesOutAsAnSmsAndVerifiesOnce() throws Exception {
        String app = appWithSms();
        MessageResponse response = send(app, "login-1", "+15550123", p -> { });
        assertEquals(app, response.applicationId());
        assertEquals(List.of("+15550123"), List.copyOf(response.result().keySet()));
        String code = code(app, "login-2", "+15550123", p -> { });
        assertEquals(6, code.length());
        assertFalse(verify(app, "login-2", "+15550123", wrong(code)), "a wrong code");
        assertFalse(verify(app, "login-1", "+15550123", code), "the code of another reference");
        assertFalse(verify(app, "login-2", "+15550199", code), "the code of another destination");
        assertTrue(verify(app, "login-2", "+15550123", code));
        assertFalse(verify(app, "login-2", "+15550123", code), "a code verifies only once");
        assertEquals(8, code(app, "login-3", "+15550123", p -> p.codeLength(8)).length());
    }

    @Test
    void wrongCodesUseUpTheAttemptsAndANewCodeReplacesTheOld() throws Exception {
        String app = appWithSms();
        String code = code(app, "pay", "+15550124", p -> p.allowedAttempts(2));
        assertFalse(verify(app, "pay", "+15550124", wrong(code)));
        assertFalse(verify(app, "pay", "+15550124", wrong(code)));
        assertFalse(verify(app, "pay", "+15550124", code), "the attempts are used up");

        String first = code(app, "again", "+15550124", p -> { });
        String second = code(app, "again", "+15550124", p -> { });
        if (!first.equals(second)) {
            assertFalse(verify(app, "again", "+15550124", first), "the older code was replaced");
        }
        assertTrue(verify(app, "again", "+15550124", second));
    }

    @Test
    void withoutAnSmsChannelNothingIsSentOrStored() {
        String app = pinpoint.createApp(r -> r.createApplicationRequest(a -> a.name("no-sms"))).applicationResponse().id();
        MessageResult result = send(app, "r", "+15550125", p -> { }).result().get("+15550125");
        assertEquals(DeliveryStatus.PERMANENT_FAILURE, result.deliveryStatus());
        assertEquals("The SMS channel is not enabled for application " + app, result.statusMessage());
        assertFalse(verify(app, "r", "+15550125", "123456"));
    }

    @Test
    void badInputIsRefusedAndChangesNothing() throws Exception {
        String app = appWithSms();
        assertEquals("Application not found", assertThrows(NotFoundException.class,
                () -> send("0123456789abcdef0123456789abcdef", "r", "+15550126", p -> { })).awsErrorDetails().errorMessage());
        assertEquals("Channel must be SMS", assertThrows(BadRequestException.class,
                () -> send(app, "r", "+15550126", p -> p.channel("EMAIL"))).awsErrorDetails().errorMessage());
        assertEquals("CodeLength must be between 5 and 8", assertThrows(BadRequestException.class,
                () -> send(app, "r", "+15550126", p -> p.codeLength(4))).awsErrorDetails().errorMessage());
        assertEquals("ValidityPeriod must be between 5 and 60", assertThrows(BadRequestException.class,
                () -> send(app, "r", "+15550126", p -> p.validityPeriod(61))).awsErrorDetails().errorMessage());
        assertEquals("BrandName must be at most 20 characters", assertThrows(BadRequestException.class,
                () -> send(app, "r", "+15550126", p -> p.brandName("A brand name too long"))).awsErrorDetails().errorMessage());
        assertEquals("ReferenceId is required", assertThrows(BadRequestException.class,
                () -> send(app, "r", "+15550126", p -> p.referenceId(" "))).awsErrorDetails().errorMessage());
        assertEquals("1 validation error detected: Value null at 'otp' failed to satisfy constraint: Member must not be null",
                assertThrows(BadRequestException.class,
                () -> pinpoint.verifyOTPMessage(r -> r.applicationId(app).verifyOTPMessageRequestParameters(p -> p
                        .destinationIdentity("+15550126").referenceId("r")))).awsErrorDetails().errorMessage());
        assertEquals(0, OutboxProbe.all(server, Kind.SMS, list -> true).stream()
                .filter(m -> m.payload().path("destinationPhoneNumber").asText().equals("+15550126")).count());
    }

    @Test
    void codesStayInsideTheirApplicationAndAccount() throws Exception {
        String app = appWithSms();
        String code = code(app, "walled", "+15550127", p -> { });
        String other = appWithSms();
        assertFalse(verify(other, "walled", "+15550127", code), "another application's code");
        TestServer.AccountKey b = server.createAccount("otp-b");
        PinpointClient elsewhere = server.pinpoint(b.credentials(), software.amazon.awssdk.regions.Region.US_EAST_1);
        assertThrows(NotFoundException.class, () -> elsewhere.verifyOTPMessage(r -> r.applicationId(app)
                .verifyOTPMessageRequestParameters(p -> p.destinationIdentity("+15550127").referenceId("walled").otp(code))));
        assertTrue(verify(app, "walled", "+15550127", code));
    }

    @Test
    void callsAreRecordedWithTheSecretsMasked() throws Exception {
        String app = appWithSms();
        String code = code(app, "audited", "+15550128", p -> p.codeLength(7));
        assertTrue(verify(app, "audited", "+15550128", code));
        JsonNode sent = server.records("SendOTPMessage").stream()
                .filter(r -> r.path("requestParameters").path("application-id").asText().equals(app)).findFirst().orElseThrow();
        JsonNode parameters = sent.path("requestParameters");
        assertEquals("***", parameters.path("BrandName").asText());
        assertEquals("***", parameters.path("DestinationIdentity").asText());
        assertEquals(7, parameters.path("CodeLength").asInt());
        assertEquals("***", sent.path("responseElements").path("Result").asText(), sent.toString());
        assertEquals(app, sent.path("responseElements").path("ApplicationId").asText());
        assertEquals("arn:aws:mobiletargeting:us-east-1:" + server.accountId() + ":apps/" + app,
                sent.path("resources").path(0).path("ARN").asText());
        assertFalse(sent.toString().contains(code), "the code is not in the record");
        assertFalse(sent.toString().contains("+15550128"), "the destination is not in the record");
        JsonNode verified = server.records("VerifyOTPMessage").stream()
                .filter(r -> r.path("requestParameters").path("application-id").asText().equals(app)).findFirst().orElseThrow();
        JsonNode verifyParameters = verified.path("requestParameters");
        assertEquals("***", verifyParameters.path("Otp").asText());
        assertEquals("***", verifyParameters.path("DestinationIdentity").asText());
        assertEquals("audited", verifyParameters.path("ReferenceId").asText());
        assertTrue(verified.path("responseElements").path("Valid").asBoolean(), verified.toString());
    }
}
