// SPDX-License-Identifier: Apache-2.0
package dev.waymark.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waymark.core.Principal.PolicySubject;
import dev.waymark.testing.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.pinpoint.PinpointClient;
import software.amazon.awssdk.services.pinpoint.model.PinpointException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.GetFederationTokenResponse;
import software.amazon.awssdk.services.sts.model.StsException;

/** STS end to end through the AWS SDK for Java v2: who the caller is, and the temporary credentials STS issues. */
class StsIT {
    private static final String GET_APPS_ONLY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"mobiletargeting:GetApps\",\"Resource\":\"*\"}]}";
    private static final String ASSUME_ANY_ROLE = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"sts:AssumeRole\",\"Resource\":\"*\"}]}";

    private static TestServer server;
    private static String account;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        account = server.accountId();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private static AwsCredentials session(Credentials credentials) {
        return AwsSessionCredentials.create(credentials.accessKeyId(), credentials.secretAccessKey(),
                credentials.sessionToken());
    }

    private static String trustPolicy(String principalArn) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\""
                + principalArn + "\"},\"Action\":\"sts:AssumeRole\"}]}";
    }

    /** Creates a role with the given trust policy and (unless null) inline permissions policy; returns its ARN. */
    private static String createRole(String name, String trustPolicy, long maxSessionSeconds, String policy) {
        server.admin((identities, tx) -> {
            identities.createRole(tx, account, name, trustPolicy, maxSessionSeconds, System.currentTimeMillis());
            if (policy != null) {
                identities.putPolicy(tx, new PolicySubject(PolicySubject.Kind.ROLE, account, name), "inline", policy);
            }
            return null;
        });
        return "arn:aws:iam::" + account + ":role/" + name;
    }

    private static String userArn(String name) {
        return "arn:aws:iam::" + account + ":user/" + name;
    }

    private static StsException stsError(int status, String code, Executable call) {
        StsException error = assertThrows(StsException.class, call);
        assertEquals(status, error.statusCode(), error.getMessage());
        assertEquals(code, error.awsErrorDetails().errorCode());
        assertNotNull(error.requestId());
        return error;
    }

    private static PinpointException pinpointError(int status, String code, Executable call) {
        PinpointException error = assertThrows(PinpointException.class, call);
        assertEquals(status, error.statusCode(), error.getMessage());
        assertEquals(code, error.awsErrorDetails().errorCode());
        return error;
    }

    /** A six-digit code that is none of the codes the device shows around now. */
    private static String wrongCode(String seed) {
        Instant now = Instant.now();
        List<String> valid = List.of(Totp.code(seed, now.minusSeconds(60)), Totp.code(seed, now.minusSeconds(30)),
                Totp.code(seed, now), Totp.code(seed, now.plusSeconds(30)), Totp.code(seed, now.plusSeconds(60)));
        for (int candidate = 0; ; candidate += 111_111) {
            String code = String.format("%06d", candidate);
            if (!valid.contains(code)) {
                return code;
            }
        }
    }

    // ---- GetCallerIdentity -------------------------------------------------------------------------------------

    @Test
    void callerIdentityOfRoot() {
        GetCallerIdentityResponse identity = server.sts().getCallerIdentity();
        assertEquals(account, identity.account());
        assertEquals(account, identity.userId());
        assertEquals("arn:aws:iam::" + account + ":root", identity.arn());
    }

    @Test
    void callerIdentityOfUser() {
        AwsCredentials alice = server.createUser("id-alice", null);
        GetCallerIdentityResponse identity = server.sts(alice).getCallerIdentity();
        assertEquals(account, identity.account());
        assertEquals(userArn("id-alice"), identity.arn());
        assertTrue(identity.userId().matches("AIDA[A-Z2-7]{17}"), identity.userId());
    }

    @Test
    void callerIdentityOfAssumedRole() {
        AwsCredentials bob = server.createUser("id-bob", null);
        String roleArn = createRole("id-role", trustPolicy(userArn("id-bob")), 3600, null);
        AssumeRoleResponse assumed = server.sts(bob).assumeRole(r -> r.roleArn(roleArn).roleSessionName("bob-session"));
        String expectedArn = "arn:aws:sts::" + account + ":assumed-role/id-role/bob-session";
        assertEquals(expectedArn, assumed.assumedRoleUser().arn());
        assertTrue(assumed.credentials().accessKeyId().startsWith("ASIA"), assumed.credentials().accessKeyId());

        GetCallerIdentityResponse identity = server.sts(session(assumed.credentials())).getCallerIdentity();
        assertEquals(account, identity.account());
        assertEquals(expectedArn, identity.arn());
        assertTrue(identity.userId().matches("AROA[A-Z2-7]{17}:bob-session"), identity.userId());
        assertEquals(assumed.assumedRoleUser().assumedRoleId(), identity.userId());
    }

    @Test
    void callerIdentityOfFederatedUser() {
        GetFederationTokenResponse federated = server.sts().getFederationToken(r -> r.name("fed-carol")
                .policy(TestServer.ALLOW_ALL));
        String expectedArn = "arn:aws:sts::" + account + ":federated-user/fed-carol";
        assertEquals(expectedArn, federated.federatedUser().arn());

        GetCallerIdentityResponse identity = server.sts(session(federated.credentials())).getCallerIdentity();
        assertEquals(account, identity.account());
        assertEquals(expectedArn, identity.arn());
        assertEquals(account + ":fed-carol", identity.userId());
    }

    // ---- GetSessionToken ---------------------------------------------------------------------------------------

    @Test
    void sessionTokenCredentialsActAsTheUser() {
        AwsCredentials dave = server.createUser("st-dave", GET_APPS_ONLY);
        Credentials credentials = server.sts(dave).getSessionToken(r -> r.durationSeconds(900)).credentials();
        assertTrue(credentials.accessKeyId().startsWith("ASIA"));
        Duration lifetime = Duration.between(Instant.now(), credentials.expiration());
        assertTrue(lifetime.compareTo(Duration.ofMinutes(14)) > 0 && lifetime.compareTo(Duration.ofMinutes(16)) < 0,
                lifetime.toString());

        assertEquals(userArn("st-dave"), server.sts(session(credentials)).getCallerIdentity().arn());
        PinpointClient pinpoint = server.pinpoint(session(credentials), Region.US_EAST_1);
        assertNotNull(pinpoint.getApps(r -> { }).applicationsResponse());
    }

    @Test
    void sessionTokenDurationBelowFifteenMinutesIsAValidationError() {
        AwsCredentials erin = server.createUser("st-erin", null);
        StsException error = stsError(400, "ValidationError",
                () -> server.sts(erin).getSessionToken(r -> r.durationSeconds(899)));
        assertEquals("1 validation error detected: Value '899' at 'durationSeconds' failed to satisfy constraint: "
                + "Member must have value greater than or equal to 900", error.awsErrorDetails().errorMessage());
    }

    @Test
    void sessionTokenFromSessionCredentialsIsDenied() {
        AwsCredentials frank = server.createUser("st-frank", null);
        Credentials first = server.sts(frank).getSessionToken().credentials();
        StsException error = stsError(403, "AccessDenied",
                () -> server.sts(session(first)).getSessionToken());
        assertEquals("Cannot call GetSessionToken with session credentials", error.awsErrorDetails().errorMessage());
    }

    @Test
    void sessionTokenWithMfaSatisfiesAnMfaCondition() {
        String mfaOnly = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Action\":\"mobiletargeting:GetApps\",\"Resource\":\"*\","
                + "\"Condition\":{\"Bool\":{\"aws:MultiFactorAuthPresent\":\"true\"}}}]}";
        AwsCredentials grace = server.createUser("st-grace", mfaOnly);
        String serial = "arn:aws:iam::" + account + ":mfa/st-grace";
        String seed = Totp.newSeed();
        server.admin((identities, tx) -> {
            identities.createMfaDevice(tx, account, "st-grace", serial, seed);
            return null;
        });

        Credentials plain = server.sts(grace).getSessionToken().credentials();
        pinpointError(403, "AccessDeniedException",
                () -> server.pinpoint(session(plain), Region.US_EAST_1).getApps(r -> { }));

        Credentials withMfa = server.sts(grace).getSessionToken(r -> r.serialNumber(serial)
                .tokenCode(Totp.code(seed, Instant.now()))).credentials();
        assertNotNull(server.pinpoint(session(withMfa), Region.US_EAST_1).getApps(r -> { }).applicationsResponse());
    }

    @Test
    void sessionTokenWithWrongMfaCodeIsDenied() {
        AwsCredentials heidi = server.createUser("st-heidi", null);
        String serial = "arn:aws:iam::" + account + ":mfa/st-heidi";
        String seed = Totp.newSeed();
        server.admin((identities, tx) -> {
            identities.createMfaDevice(tx, account, "st-heidi", serial, seed);
            return null;
        });
        String wrong = wrongCode(seed);
        StsException error = stsError(403, "AccessDenied",
                () -> server.sts(heidi).getSessionToken(r -> r.serialNumber(serial).tokenCode(wrong)));
        assertTrue(error.awsErrorDetails().errorMessage().startsWith("MultiFactorAuthentication failed"),
                error.awsErrorDetails().errorMessage());
        // Someone else's device is no better than a wrong code.
        stsError(403, "AccessDenied", () -> server.sts().getSessionToken(r -> r.serialNumber(serial)
                .tokenCode(Totp.code(seed, Instant.now()))));
    }

    // ---- AssumeRole --------------------------------------------------------------------------------------------

    @Test
    void trustPolicyNamingTheUserIsEnough() {
        AwsCredentials ivan = server.createUser("ar-ivan", null);
        String roleArn = createRole("ar-named", trustPolicy(userArn("ar-ivan")), 3600, null);
        AssumeRoleResponse assumed = server.sts(ivan).assumeRole(r -> r.roleArn(roleArn).roleSessionName("sess"));
        assertEquals("arn:aws:sts::" + account + ":assumed-role/ar-named/sess", assumed.assumedRoleUser().arn());

        AwsCredentials judy = server.createUser("ar-judy", ASSUME_ANY_ROLE);
        StsException error = stsError(403, "AccessDenied",
                () -> server.sts(judy).assumeRole(r -> r.roleArn(roleArn).roleSessionName("sess")));
        assertEquals("User: " + userArn("ar-judy") + " is not authorized to perform: sts:AssumeRole on resource: "
                + roleArn, error.awsErrorDetails().errorMessage());
    }

    @Test
    void trustPolicyNamingTheAccountNeedsAnIdentityPolicy() {
        String roleArn = createRole("ar-account", trustPolicy("arn:aws:iam::" + account + ":root"), 3600, null);

        AwsCredentials allowed = server.createUser("ar-allowed", ASSUME_ANY_ROLE);
        AssumeRoleResponse assumed = server.sts(allowed).assumeRole(r -> r.roleArn(roleArn).roleSessionName("ok"));
        assertEquals("arn:aws:sts::" + account + ":assumed-role/ar-account/ok", assumed.assumedRoleUser().arn());

        AwsCredentials denied = server.createUser("ar-denied", GET_APPS_ONLY);
        StsException error = stsError(403, "AccessDenied",
                () -> server.sts(denied).assumeRole(r -> r.roleArn(roleArn).roleSessionName("no")));
        assertTrue(error.awsErrorDetails().errorMessage().startsWith("User: " + userArn("ar-denied")
                + " is not authorized to perform: sts:AssumeRole on resource: " + roleArn),
                error.awsErrorDetails().errorMessage());
    }

    @Test
    void rootMayNotAssumeRoles() {
        String roleArn = createRole("ar-root", trustPolicy("arn:aws:iam::" + account + ":root"), 3600, null);
        StsException error = stsError(403, "AccessDenied",
                () -> server.sts().assumeRole(r -> r.roleArn(roleArn).roleSessionName("root")));
        assertEquals("Roles may not be assumed by root accounts.", error.awsErrorDetails().errorMessage());
    }

    @Test
    void unknownRoleIsAccessDenied() {
        AwsCredentials kim = server.createUser("ar-kim", ASSUME_ANY_ROLE);
        String missing = "arn:aws:iam::" + account + ":role/no-such-role";
        StsException error = stsError(403, "AccessDenied",
                () -> server.sts(kim).assumeRole(r -> r.roleArn(missing).roleSessionName("sess")));
        assertTrue(error.awsErrorDetails().errorMessage().contains("sts:AssumeRole on resource: " + missing),
                error.awsErrorDetails().errorMessage());
    }

    @Test
    void durationAboveTheRolesMaximumIsAValidationError() {
        AwsCredentials leo = server.createUser("ar-leo", null);
        String roleArn = createRole("ar-short", trustPolicy(userArn("ar-leo")), 3600, null);
        StsException error = stsError(400, "ValidationError",
                () -> server.sts(leo).assumeRole(r -> r.roleArn(roleArn).roleSessionName("sess").durationSeconds(7200)));
        assertTrue(error.awsErrorDetails().errorMessage().contains("MaxSessionDuration"),
                error.awsErrorDetails().errorMessage());
        // The maximum itself is fine.
        assertNotNull(server.sts(leo).assumeRole(r -> r.roleArn(roleArn).roleSessionName("sess").durationSeconds(3600))
                .credentials());
    }

    @Test
    void assumedRoleIsAuthorizedByTheRolesPolicy() {
        AwsCredentials mia = server.createUser("ar-mia", null);
        String roleArn = createRole("ar-reader", trustPolicy(userArn("ar-mia")), 3600, GET_APPS_ONLY);
        Credentials credentials = server.sts(mia).assumeRole(r -> r.roleArn(roleArn).roleSessionName("reading"))
                .credentials();
        PinpointClient pinpoint = server.pinpoint(session(credentials), Region.US_EAST_1);

        assertNotNull(pinpoint.getApps(r -> { }).applicationsResponse());
        PinpointException denied = pinpointError(403, "AccessDeniedException",
                () -> pinpoint.createApp(r -> r.createApplicationRequest(a -> a.name("not-allowed"))));
        assertEquals("User: arn:aws:sts::" + account + ":assumed-role/ar-reader/reading is not authorized to perform: "
                + "mobiletargeting:CreateApp on resource: arn:aws:mobiletargeting:us-east-1:" + account
                + ":apps because no identity-based policy allows the mobiletargeting:CreateApp action",
                denied.awsErrorDetails().errorMessage());
    }

    @Test
    void roleChainingIsLimitedToOneHour() {
        AwsCredentials nina = server.createUser("ar-nina", null);
        String firstArn = createRole("ar-first", trustPolicy(userArn("ar-nina")), 43_200, null);
        String secondArn = createRole("ar-second", trustPolicy(firstArn), 43_200, null);
        Credentials first = server.sts(nina).assumeRole(r -> r.roleArn(firstArn).roleSessionName("one")).credentials();
        StsClient chained = server.sts(session(first));

        StsException error = stsError(400, "ValidationError",
                () -> chained.assumeRole(r -> r.roleArn(secondArn).roleSessionName("two").durationSeconds(7200)));
        assertTrue(error.awsErrorDetails().errorMessage().contains("role chaining"), error.awsErrorDetails().errorMessage());
        AssumeRoleResponse second = chained.assumeRole(r -> r.roleArn(secondArn).roleSessionName("two").durationSeconds(3600));
        assertEquals("arn:aws:sts::" + account + ":assumed-role/ar-second/two", second.assumedRoleUser().arn());
    }

    // ---- GetFederationToken ------------------------------------------------------------------------------------

    @Test
    void federatedUserCanDoWhatItsPolicyAllows() {
        AwsCredentials olga = server.createUser("ft-olga", TestServer.ALLOW_ALL);
        Credentials credentials = server.sts(olga).getFederationToken(r -> r.name("olga-fed").policy(GET_APPS_ONLY))
                .credentials();
        PinpointClient pinpoint = server.pinpoint(session(credentials), Region.US_EAST_1);

        assertNotNull(pinpoint.getApps(r -> { }).applicationsResponse());
        PinpointException denied = pinpointError(403, "AccessDeniedException",
                () -> pinpoint.createApp(r -> r.createApplicationRequest(a -> a.name("not-allowed"))));
        assertTrue(denied.awsErrorDetails().errorMessage().startsWith("User: arn:aws:sts::" + account
                + ":federated-user/olga-fed is not authorized to perform: mobiletargeting:CreateApp"),
                denied.awsErrorDetails().errorMessage());
    }

    @Test
    void federatedUserWithoutPolicyCanDoNothing() {
        AwsCredentials pete = server.createUser("ft-pete", TestServer.ALLOW_ALL);
        Credentials credentials = server.sts(pete).getFederationToken(r -> r.name("pete-fed")).credentials();
        pinpointError(403, "AccessDeniedException",
                () -> server.pinpoint(session(credentials), Region.US_EAST_1).getApps(r -> { }));
    }

    @Test
    void federationTokenFromSessionCredentialsIsDenied() {
        AwsCredentials quinn = server.createUser("ft-quinn", TestServer.ALLOW_ALL);
        Credentials first = server.sts(quinn).getSessionToken().credentials();
        StsException error = stsError(403, "AccessDenied",
                () -> server.sts(session(first)).getFederationToken(r -> r.name("quinn-fed").policy(GET_APPS_ONLY)));
        assertEquals("Cannot call GetFederationToken with session credentials", error.awsErrorDetails().errorMessage());
    }

    // ---- credentials that are not good ----------------------------------------------------------------------

    @Test
    void tamperedSessionTokenIsRejected() {
        AwsCredentials rita = server.createUser("bad-rita", GET_APPS_ONLY);
        Credentials good = server.sts(rita).getSessionToken().credentials();
        String token = good.sessionToken();
        int middle = token.length() / 2;
        char replacement = token.charAt(middle) == 'A' ? 'B' : 'A';
        String tampered = token.substring(0, middle) + replacement + token.substring(middle + 1);
        assertNotEquals(token, tampered);
        AwsCredentials forged = AwsSessionCredentials.create(good.accessKeyId(), good.secretAccessKey(), tampered);

        stsError(403, "InvalidClientTokenId", () -> server.sts(forged).getCallerIdentity());
        pinpointError(403, "UnrecognizedClientException",
                () -> server.pinpoint(forged, Region.US_EAST_1).getApps(r -> { }));
        // The untampered token still works: the failure is the tampering, nothing else.
        assertEquals(userArn("bad-rita"), server.sts(session(good)).getCallerIdentity().arn());
    }

    @Test
    void sessionTokenOfAnotherSessionIsRejected() {
        AwsCredentials sam = server.createUser("bad-sam", null);
        Credentials one = server.sts(sam).getSessionToken().credentials();
        Credentials two = server.sts(sam).getSessionToken().credentials();
        AwsCredentials mixed = AwsSessionCredentials.create(one.accessKeyId(), one.secretAccessKey(), two.sessionToken());
        stsError(403, "InvalidClientTokenId", () -> server.sts(mixed).getCallerIdentity());
    }

    @Test
    void unknownAccessKeyIsRejected() {
        AwsCredentials unknown = AwsBasicCredentials.create("AKIAUNKNOWNUNKNOWN00",
                "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        StsException error = stsError(403, "InvalidClientTokenId", () -> server.sts(unknown).getCallerIdentity());
        assertEquals("The security token included in the request is invalid.", error.awsErrorDetails().errorMessage());
        pinpointError(403, "UnrecognizedClientException",
                () -> server.pinpoint(unknown, Region.US_EAST_1).getApps(r -> { }));
    }

    @Test
    void wrongSecretIsRejected() {
        AwsCredentials root = server.rootCredentials();
        String secret = root.secretAccessKey();
        String wrongSecret = (secret.charAt(0) == 'A' ? "B" : "A") + secret.substring(1);
        AwsCredentials wrong = AwsBasicCredentials.create(root.accessKeyId(), wrongSecret);
        stsError(403, "SignatureDoesNotMatch", () -> server.sts(wrong).getCallerIdentity());
        pinpointError(403, "InvalidSignatureException", () -> server.pinpoint(wrong, Region.US_EAST_1).getApps(r -> { }));
    }
}
