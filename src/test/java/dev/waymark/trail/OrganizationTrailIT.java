// SPDX-License-Identifier: Apache-2.0
package dev.waymark.trail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.waymark.iam.IdentityFile;
import dev.waymark.testing.TestServer;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.InsufficientS3BucketPolicyException;
import software.amazon.awssdk.services.cloudtrail.model.NotOrganizationMasterAccountException;
import software.amazon.awssdk.services.cloudtrail.model.OrganizationsNotInUseException;
import software.amazon.awssdk.services.cloudtrail.model.Trail;
import software.amazon.awssdk.services.cloudtrail.model.TrailNotFoundException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * An organization trail (cloudtrail.md §8): created only by the management account, seen but not changed by the
 * members, delivering every member account's events — and no other account's — under
 * {@code AWSLogs/<o-id>/<account>/CloudTrail/<region>/…}.
 */
class OrganizationTrailIT {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String ORG = "o-waymark0001";
    private static final Pattern KEY = Pattern.compile("AWSLogs/" + ORG + "/(\\d{12})/CloudTrail/([a-z0-9-]+)/(\\d{4})/(\\d{2})/(\\d{2})/"
            + "\\1_CloudTrail_\\2_\\3\\4\\5T\\d{4}Z_[A-Za-z0-9]{16}\\.json\\.gz");

    private TestServer server;
    private TestServer.AccountKey member;
    private TestServer.AccountKey outsider;
    private CloudTrailClient management;
    private CloudTrailClient memberTrails;
    private S3Client s3;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start("--delivery-interval=300ms", "--digest-period=2s");
        member = server.createAccount("member");
        outsider = server.createAccount("outsider");
        JsonNode identities = MAPPER.readTree("{\"organizations\": [{\"id\": \"" + ORG + "\", \"managementAccount\": \""
                + server.accountId() + "\", \"accounts\": [\"" + member.accountId() + "\"]}]}");
        server.admin((store, tx) -> {
            new IdentityFile(store).apply(tx, identities, System.currentTimeMillis());
            new IdentityFile(store).apply(tx, identities, System.currentTimeMillis());
            return null;
        });
        management = server.cloudTrail(server.rootCredentials(), Region.US_EAST_1);
        memberTrails = server.cloudTrail(member.credentials(), Region.US_EAST_1);
        s3 = server.s3();
        s3.createBucket(r -> r.bucket("org-logs"));
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private void allowOrganizationPath() {
        s3.putBucketPolicy(r -> r.bucket("org-logs").policy(TrailsApiIT.policy("org-logs", ORG)));
    }

    @Test
    void onlyTheManagementAccountCreatesAnOrganizationTrailAndItsBucketPolicyMustNameTheOrganization() {
        assertThrows(OrganizationsNotInUseException.class, () -> server.cloudTrail(outsider.credentials(), Region.US_EAST_1)
                .createTrail(r -> r.name("org").s3BucketName("org-logs").isOrganizationTrail(true)));
        assertThrows(NotOrganizationMasterAccountException.class,
                () -> memberTrails.createTrail(r -> r.name("org").s3BucketName("org-logs").isOrganizationTrail(true)));
        s3.putBucketPolicy(r -> r.bucket("org-logs").policy(TrailsApiIT.policy("org-logs", server.accountId())));
        assertThrows(InsufficientS3BucketPolicyException.class,
                () -> management.createTrail(r -> r.name("org").s3BucketName("org-logs").isOrganizationTrail(true)));
        s3.putBucketPolicy(r -> r.bucket("org-logs").policy(TrailsApiIT.policy("org-logs", ORG + "/" + server.accountId())));
        assertThrows(InsufficientS3BucketPolicyException.class,
                () -> management.createTrail(r -> r.name("org").s3BucketName("org-logs").isOrganizationTrail(true)),
                "a policy opening only the management account's folder must not take the members' files");
        allowOrganizationPath();
        assertTrue(management.createTrail(r -> r.name("org").s3BucketName("org-logs").isOrganizationTrail(true))
                .isOrganizationTrail());
    }

    @Test
    void membersSeeTheTrailButCannotChangeItAndOutsidersDoNotSeeIt() {
        allowOrganizationPath();
        String arn = management.createTrail(r -> r.name("org").s3BucketName("org-logs").isOrganizationTrail(true)
                .isMultiRegionTrail(true)).trailARN();
        management.startLogging(r -> r.name("org"));
        Trail seen = memberTrails.describeTrails(r -> { }).trailList().stream()
                .filter(t -> t.trailARN().equals(arn)).findFirst().orElseThrow();
        assertTrue(seen.isOrganizationTrail());
        assertTrue(server.cloudTrail(member.credentials(), Region.EU_WEST_1).listTrails(r -> { }).trails().stream()
                .anyMatch(t -> t.trailARN().equals(arn)), "a member sees the multi-region organization trail everywhere");
        assertTrue(memberTrails.getTrailStatus(r -> r.name(arn)).isLogging());
        assertThrows(NotOrganizationMasterAccountException.class, () -> memberTrails.stopLogging(r -> r.name(arn)));
        assertThrows(NotOrganizationMasterAccountException.class, () -> memberTrails.deleteTrail(r -> r.name(arn)));
        assertThrows(NotOrganizationMasterAccountException.class,
                () -> memberTrails.updateTrail(r -> r.name(arn).s3KeyPrefix("mine")));
        assertTrue(management.getTrailStatus(r -> r.name("org")).isLogging(), "a member's refused call changed the trail");
        CloudTrailClient outsiderTrails = server.cloudTrail(outsider.credentials(), Region.US_EAST_1);
        assertThrows(TrailNotFoundException.class, () -> outsiderTrails.getTrailStatus(r -> r.name(arn)));
        assertTrue(outsiderTrails.describeTrails(r -> { }).trailList().isEmpty());
    }

    @Test
    void deliversEveryMemberAccountsEventsUnderTheOrganizationPathAndNoOutsidersEvents() throws Exception {
        allowOrganizationPath();
        management.createTrail(r -> r.name("org").s3BucketName("org-logs").isOrganizationTrail(true).isMultiRegionTrail(true));
        management.startLogging(r -> r.name("org"));
        String memberEast = server.pinpoint(member.credentials(), Region.US_EAST_1)
                .createApp(r -> r.createApplicationRequest(a -> a.name("member-east"))).responseMetadata().requestId();
        String memberWest = server.pinpoint(member.credentials(), Region.EU_WEST_1)
                .createApp(r -> r.createApplicationRequest(a -> a.name("member-west"))).responseMetadata().requestId();
        String own = server.pinpoint().createApp(r -> r.createApplicationRequest(a -> a.name("management")))
                .responseMetadata().requestId();
        String outside = server.pinpoint(outsider.credentials(), Region.US_EAST_1)
                .createApp(r -> r.createApplicationRequest(a -> a.name("outsider"))).responseMetadata().requestId();
        Set<String> wanted = Set.of(memberEast, memberWest, own);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        Map<String, Integer> delivered = delivered();
        while (!delivered.keySet().containsAll(wanted)) {
            assertTrue(Instant.now().isBefore(deadline), "not delivered: " + wanted + " in " + delivered.keySet());
            Thread.sleep(200);
            delivered = delivered();
        }
        assertFalse(delivered.containsKey(outside), "an account outside the organization was delivered");
        assertTrue(delivered.values().stream().allMatch(count -> count == 1), "each event exactly once: " + delivered);
    }

    @Test
    void digestsChainEachMemberAccountsFilesPerRegionAndValidate() throws Exception {
        allowOrganizationPath();
        Instant started = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).minusSeconds(60);
        String arn = management.createTrail(r -> r.name("org").s3BucketName("org-logs").isOrganizationTrail(true)
                .isMultiRegionTrail(true).enableLogFileValidation(true)).trailARN();
        management.startLogging(r -> r.name("org"));
        server.pinpoint(member.credentials(), Region.EU_WEST_1).createApp(r -> r.createApplicationRequest(a -> a.name("west")));
        server.pinpoint().createApp(r -> r.createApplicationRequest(a -> a.name("own")));
        String memberDigests = "AWSLogs/" + ORG + "/" + member.accountId() + "/CloudTrail-Digest/eu-west-1/";
        String ownDigests = "AWSLogs/" + ORG + "/" + server.accountId() + "/CloudTrail-Digest/us-east-1/";
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (listsLogFiles(memberDigests) == 0 || listsLogFiles(ownDigests) == 0) {
            assertTrue(Instant.now().isBefore(deadline), "no digest listing the log files of each account");
            Thread.sleep(300);
        }
        for (S3Object digest : s3.listObjectsV2(r -> r.bucket("org-logs").prefix(memberDigests)).contents()) {
            assertTrue(digest.key().matches(Pattern.quote(memberDigests) + "\\d{4}/\\d{2}/\\d{2}/" + member.accountId()
                    + "_CloudTrail-Digest_eu-west-1_org_us-east-1_\\d{8}T\\d{6}Z\\.json\\.gz"), digest.key());
            JsonNode json = digestJson(digest.key());
            assertEquals(member.accountId(), json.get("awsAccountId").asText());
            assertEquals(digest.key(), json.get("digestS3Object").asText());
        }
        Validators.Run memberRun = Validators.waymark(server.dataDir(), arn, started, "--account-id=" + member.accountId(),
                "--region=eu-west-1");
        assertEquals(0, memberRun.exit(), memberRun.toString());
        assertTrue(memberRun.out().matches("(?s).*[1-9]\\d*/\\d+ log files valid.*"), memberRun.out());
        Validators.Run ownRun = Validators.waymark(server.dataDir(), arn, started);
        assertEquals(0, ownRun.exit(), ownRun.toString());
        assertTrue(ownRun.out().matches("(?s).*[1-9]\\d*/\\d+ log files valid.*"), ownRun.out());
        // The AWS CLI finds the organization's folder with Organizations' DescribeOrganization, served by Waymark too.
        Validators.Run cli = Validators.awsCli(server.endpoint(), java.util.Optional.empty(), server.rootCredentials(), arn,
                started, "--account-id", member.accountId(), "--region", "eu-west-1");
        assertEquals(0, cli.exit(), cli.toString());
        assertTrue(cli.out().matches("(?s).*[1-9]\\d*/\\d+ log files valid.*") && !cli.anyInvalid(), cli.toString());
        Validators.Run missingAccount = Validators.awsCli(server.endpoint(), java.util.Optional.empty(),
                server.rootCredentials(), arn, started);
        assertTrue(missingAccount.exit() != 0 && missingAccount.err().contains("--account-id"), missingAccount.toString());
    }

    /** How many log files the digests under this prefix list. */
    private int listsLogFiles(String prefix) throws Exception {
        int files = 0;
        for (S3Object digest : s3.listObjectsV2(r -> r.bucket("org-logs").prefix(prefix)).contents()) {
            files += digestJson(digest.key()).get("logFiles").size();
        }
        return files;
    }

    private JsonNode digestJson(String key) throws Exception {
        try (InputStream in = new GZIPInputStream(s3.getObject(r -> r.bucket("org-logs").key(key)))) {
            return MAPPER.readTree(in);
        }
    }

    /** Every delivered record by requestID, counting duplicates; checks each key and that a file holds one account and region. */
    private Map<String, Integer> delivered() throws Exception {
        Map<String, Integer> counts = new HashMap<>();
        Set<String> accounts = new HashSet<>();
        for (S3Object object : s3.listObjectsV2Paginator(r -> r.bucket("org-logs")).contents()) {
            if (object.key().contains("/CloudTrail-Digest/")) {
                continue;
            }
            Matcher matcher = KEY.matcher(object.key());
            assertTrue(matcher.matches(), object.key());
            accounts.add(matcher.group(1));
            try (InputStream in = new GZIPInputStream(s3.getObject(r -> r.bucket("org-logs").key(object.key())))) {
                for (JsonNode record : MAPPER.readTree(in).get("Records")) {
                    assertEquals(matcher.group(1), record.get("recipientAccountId").asText(), object.key());
                    assertEquals(matcher.group(2), record.get("awsRegion").asText(), object.key());
                    counts.merge(record.path("requestID").asText(), 1, Integer::sum);
                }
            }
        }
        assertTrue(Set.of(server.accountId(), member.accountId()).containsAll(accounts), "files of " + accounts);
        return counts;
    }
}
