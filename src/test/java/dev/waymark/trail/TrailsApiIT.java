// SPDX-License-Identifier: Apache-2.0
package dev.waymark.trail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waymark.testing.TestServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.AdvancedEventSelector;
import software.amazon.awssdk.services.cloudtrail.model.AdvancedFieldSelector;
import software.amazon.awssdk.services.cloudtrail.model.CreateTrailResponse;
import software.amazon.awssdk.services.cloudtrail.model.EventSelector;
import software.amazon.awssdk.services.cloudtrail.model.InsightNotEnabledException;
import software.amazon.awssdk.services.cloudtrail.model.InsufficientS3BucketPolicyException;
import software.amazon.awssdk.services.cloudtrail.model.InvalidEventSelectorsException;
import software.amazon.awssdk.services.cloudtrail.model.InvalidHomeRegionException;
import software.amazon.awssdk.services.cloudtrail.model.InvalidKmsKeyIdException;
import software.amazon.awssdk.services.cloudtrail.model.InvalidS3PrefixException;
import software.amazon.awssdk.services.cloudtrail.model.InvalidTrailNameException;
import software.amazon.awssdk.services.cloudtrail.model.MaximumNumberOfTrailsExceededException;
import software.amazon.awssdk.services.cloudtrail.model.ReadWriteType;
import software.amazon.awssdk.services.cloudtrail.model.S3BucketDoesNotExistException;
import software.amazon.awssdk.services.cloudtrail.model.Tag;
import software.amazon.awssdk.services.cloudtrail.model.Trail;
import software.amazon.awssdk.services.cloudtrail.model.TrailAlreadyExistsException;
import software.amazon.awssdk.services.cloudtrail.model.TrailNotFoundException;
import software.amazon.awssdk.services.s3.S3Client;

/** The trails API through the SDK v2 CloudTrail client, with buckets of Waymark's own bucket store. */
class TrailsApiIT {
    private static TestServer server;
    private static CloudTrailClient cloudTrail;
    private static CloudTrailClient west;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        cloudTrail = server.cloudTrail(server.rootCredentials(), Region.US_EAST_1);
        west = server.cloudTrail(server.rootCredentials(), Region.EU_WEST_1);
        S3Client s3 = server.s3();
        s3.createBucket(r -> r.bucket("trail-logs"));
        s3.putBucketPolicy(r -> r.bucket("trail-logs").policy(policy("trail-logs", server.accountId())));
        s3.createBucket(r -> r.bucket("no-policy"));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    static String policy(String bucket, String account) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"AWSCloudTrailAclCheck\",\"Effect\":\"Allow\","
                + "\"Principal\":{\"Service\":\"cloudtrail.amazonaws.com\"},\"Action\":\"s3:GetBucketAcl\","
                + "\"Resource\":\"arn:aws:s3:::" + bucket + "\"},{\"Sid\":\"AWSCloudTrailWrite\",\"Effect\":\"Allow\","
                + "\"Principal\":{\"Service\":\"cloudtrail.amazonaws.com\"},\"Action\":\"s3:PutObject\","
                + "\"Resource\":\"arn:aws:s3:::" + bucket + "/AWSLogs/" + account + "/*\","
                + "\"Condition\":{\"StringEquals\":{\"s3:x-amz-acl\":\"bucket-owner-full-control\"}}}]}";
    }

    @Test
    void createDescribeStatusLoggingDelete() {
        CreateTrailResponse created = cloudTrail.createTrail(r -> r.name("main-trail").s3BucketName("trail-logs")
                .isMultiRegionTrail(true).enableLogFileValidation(true).tagsList(Tag.builder().key("team").value("audit").build()));
        String arn = "arn:aws:cloudtrail:us-east-1:" + server.accountId() + ":trail/main-trail";
        assertEquals(arn, created.trailARN());
        assertTrue(created.includeGlobalServiceEvents());
        assertTrue(created.logFileValidationEnabled());
        assertFalse(cloudTrail.getTrailStatus(r -> r.name("main-trail")).isLogging());

        Trail trail = cloudTrail.getTrail(r -> r.name("main-trail")).trail();
        assertEquals("us-east-1", trail.homeRegion());
        assertFalse(trail.hasCustomEventSelectors());
        assertTrue(cloudTrail.describeTrails(r -> { }).trailList().stream().anyMatch(t -> t.trailARN().equals(arn)));
        assertTrue(west.describeTrails(r -> { }).trailList().stream().anyMatch(t -> t.trailARN().equals(arn)), "shadow");
        assertTrue(west.describeTrails(r -> r.includeShadowTrails(false)).trailList().isEmpty());
        assertEquals("us-east-1", west.getTrail(r -> r.name(arn)).trail().homeRegion());
        assertThrows(TrailNotFoundException.class, () -> west.getTrail(r -> r.name("main-trail")));
        assertThrows(InvalidHomeRegionException.class, () -> west.startLogging(r -> r.name(arn)));
        assertTrue(cloudTrail.listTrails(r -> { }).trails().stream().anyMatch(t -> t.trailARN().equals(arn)
                && t.homeRegion().equals("us-east-1") && t.name().equals("main-trail")));

        cloudTrail.startLogging(r -> r.name("main-trail"));
        var status = cloudTrail.getTrailStatus(r -> r.name(arn));
        assertTrue(status.isLogging());
        assertTrue(status.startLoggingTime() != null);
        cloudTrail.stopLogging(r -> r.name("main-trail"));
        assertFalse(cloudTrail.getTrailStatus(r -> r.name("main-trail")).isLogging());

        assertEquals("audit", cloudTrail.listTags(r -> r.resourceIdList(arn)).resourceTagList().get(0).tagsList().get(0).value());
        cloudTrail.addTags(r -> r.resourceId(arn).tagsList(Tag.builder().key("env").value("prod").build()));
        cloudTrail.removeTags(r -> r.resourceId(arn).tagsList(Tag.builder().key("team").build()));
        assertEquals(List.of("env"), cloudTrail.listTags(r -> r.resourceIdList(arn)).resourceTagList().get(0)
                .tagsList().stream().map(Tag::key).toList());

        var updated = cloudTrail.updateTrail(r -> r.name("main-trail").s3KeyPrefix("").kmsKeyId(
                "12345678-1234-1234-1234-123456789012"));
        assertEquals("arn:aws:kms:us-east-1:" + server.accountId() + ":key/12345678-1234-1234-1234-123456789012", updated.kmsKeyId());
        cloudTrail.deleteTrail(r -> r.name("main-trail"));
        assertThrows(TrailNotFoundException.class, () -> cloudTrail.getTrail(r -> r.name("main-trail")));
    }

    @Test
    void validationAsAwsDoesIt() {
        assertThrows(InvalidTrailNameException.class, () -> cloudTrail.createTrail(r -> r.name("ab").s3BucketName("trail-logs")));
        assertThrows(InvalidTrailNameException.class, () -> cloudTrail.createTrail(r -> r.name("my--trail").s3BucketName("trail-logs")));
        assertThrows(InvalidTrailNameException.class, () -> cloudTrail.createTrail(r -> r.name("-trail").s3BucketName("trail-logs")));
        assertThrows(S3BucketDoesNotExistException.class, () -> cloudTrail.createTrail(r -> r.name("trail-one").s3BucketName("missing-bucket")));
        InsufficientS3BucketPolicyException policy = assertThrows(InsufficientS3BucketPolicyException.class,
                () -> cloudTrail.createTrail(r -> r.name("trail-one").s3BucketName("no-policy")));
        assertEquals("Incorrect S3 bucket policy is detected for bucket: no-policy", policy.awsErrorDetails().errorMessage());
        assertThrows(InsufficientS3BucketPolicyException.class,
                () -> cloudTrail.createTrail(r -> r.name("trail-one").s3BucketName("trail-logs").s3KeyPrefix("other")));
        assertThrows(InvalidS3PrefixException.class,
                () -> cloudTrail.createTrail(r -> r.name("trail-one").s3BucketName("trail-logs").s3KeyPrefix("AWSLogs/")));
        assertThrows(InvalidKmsKeyIdException.class,
                () -> cloudTrail.createTrail(r -> r.name("trail-one").s3BucketName("trail-logs").kmsKeyId("not a key")));
        cloudTrail.createTrail(r -> r.name("dup").s3BucketName("trail-logs"));
        TrailAlreadyExistsException duplicate = assertThrows(TrailAlreadyExistsException.class,
                () -> cloudTrail.createTrail(r -> r.name("dup").s3BucketName("trail-logs")));
        assertEquals("Trail dup already exists for customer: " + server.accountId(), duplicate.awsErrorDetails().errorMessage());
        for (int i = 1; i <= 4; i++) {
            int n = i;
            cloudTrail.createTrail(r -> r.name("limit-" + n).s3BucketName("trail-logs"));
        }
        MaximumNumberOfTrailsExceededException limit = assertThrows(MaximumNumberOfTrailsExceededException.class,
                () -> cloudTrail.createTrail(r -> r.name("limit-5").s3BucketName("trail-logs")));
        assertEquals("User: " + server.accountId() + " already has 5 trails in us-east-1.", limit.awsErrorDetails().errorMessage());
        for (String name : List.of("dup", "limit-1", "limit-2", "limit-3", "limit-4")) {
            cloudTrail.deleteTrail(r -> r.name(name));
        }
        TrailNotFoundException missing = assertThrows(TrailNotFoundException.class, () -> cloudTrail.getTrail(r -> r.name("nope")));
        assertEquals("Unknown trail: nope for the user: " + server.accountId(), missing.awsErrorDetails().errorMessage());
    }

    @Test
    void eventAndInsightSelectors() {
        cloudTrail.createTrail(r -> r.name("selected").s3BucketName("trail-logs"));
        var defaults = cloudTrail.getEventSelectors(r -> r.trailName("selected")).eventSelectors();
        assertEquals(1, defaults.size());
        assertEquals(ReadWriteType.ALL, defaults.get(0).readWriteType());
        assertTrue(defaults.get(0).includeManagementEvents());

        cloudTrail.putEventSelectors(r -> r.trailName("selected").eventSelectors(EventSelector.builder()
                .readWriteType(ReadWriteType.WRITE_ONLY).includeManagementEvents(true).build()));
        assertEquals(ReadWriteType.WRITE_ONLY, cloudTrail.getEventSelectors(r -> r.trailName("selected")).eventSelectors()
                .get(0).readWriteType());
        assertTrue(cloudTrail.getTrail(r -> r.name("selected")).trail().hasCustomEventSelectors());

        cloudTrail.putEventSelectors(r -> r.trailName("selected").advancedEventSelectors(AdvancedEventSelector.builder()
                .name("writes").fieldSelectors(AdvancedFieldSelector.builder().field("eventCategory").equalsValue("Management").build(),
                        AdvancedFieldSelector.builder().field("readOnly").equalsValue("false").build()).build()));
        var advanced = cloudTrail.getEventSelectors(r -> r.trailName("selected"));
        assertTrue(advanced.eventSelectors().isEmpty());
        assertEquals("writes", advanced.advancedEventSelectors().get(0).name());

        assertThrows(InvalidEventSelectorsException.class, () -> cloudTrail.putEventSelectors(r -> r.trailName("selected")
                .eventSelectors(EventSelector.builder().excludeManagementEventSources("pinpoint.amazonaws.com").build())));
        assertThrows(InsightNotEnabledException.class, () -> cloudTrail.getInsightSelectors(r -> r.trailName("selected")));
        cloudTrail.putInsightSelectors(r -> r.trailName("selected").insightSelectors(s -> s.insightType("ApiCallRateInsight")));
        assertEquals("ApiCallRateInsight", cloudTrail.getInsightSelectors(r -> r.trailName("selected")).insightSelectors()
                .get(0).insightTypeAsString());
        cloudTrail.deleteTrail(r -> r.name("selected"));
    }

    @Test
    void trailCallsAreRecorded() {
        cloudTrail.createTrail(r -> r.name("recorded").s3BucketName("trail-logs"));
        var creates = server.records("CreateTrail");
        var record = creates.get(creates.size() - 1);
        assertEquals("cloudtrail.amazonaws.com", record.get("eventSource").asText());
        assertEquals("recorded", record.get("requestParameters").get("name").asText());
        assertEquals("AWS::CloudTrail::Trail", record.get("resources").get(0).get("type").asText());
        cloudTrail.deleteTrail(r -> r.name("recorded"));
        var deletes = server.records("DeleteTrail");
        assertEquals("recorded", deletes.get(deletes.size() - 1).get("requestParameters").get("name").asText());
    }
}
