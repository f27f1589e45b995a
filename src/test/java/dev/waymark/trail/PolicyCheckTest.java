// SPDX-License-Identifier: Apache-2.0
package dev.waymark.trail;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The resource policies that let CloudTrail write a bucket or publish to a topic, evaluated failing closed. */
class PolicyCheckTest {
    private static final String TRAIL = "arn:aws:cloudtrail:us-east-1:111111111111:trail/audit";

    private static String statement(String effect, String condition) {
        return "{\"Effect\":\"" + effect + "\",\"Principal\":{\"Service\":\"cloudtrail.amazonaws.com\"},"
                + "\"Action\":\"s3:PutObject\",\"Resource\":\"arn:aws:s3:::logs/AWSLogs/*\""
                + (condition == null ? "" : ",\"Condition\":" + condition) + "}";
    }

    private static boolean delivers(String account, String... statements) {
        return PolicyCheck.allowsDelivery("{\"Version\":\"2012-10-17\",\"Statement\":[" + String.join(",", statements) + "]}",
                "logs", "", account, account, TRAIL);
    }

    @Test
    void anAllowForTheServiceLetsItWrite() {
        assertTrue(delivers("111111111111", statement("Allow", null)));
        assertTrue(delivers("111111111111", statement("Allow", "{\"StringEquals\":{\"aws:SourceAccount\":\"111111111111\"}}")));
        assertFalse(delivers("222222222222", statement("Allow", "{\"StringEquals\":{\"aws:SourceAccount\":\"111111111111\"}}")));
    }

    @Test
    void negatedOperatorsAreNegated() {
        String notX = "{\"StringNotEquals\":{\"aws:SourceAccount\":\"111111111111\"}}";
        assertFalse(delivers("111111111111", statement("Allow", notX)));
        assertTrue(delivers("222222222222", statement("Allow", notX)));
        assertFalse(delivers("111111111111", statement("Allow", "{\"ArnNotLike\":{\"aws:SourceArn\":\"arn:aws:cloudtrail:*:111111111111:trail/*\"}}")));
    }

    @Test
    void aDenyWins() {
        String denyX = statement("Deny", "{\"StringEquals\":{\"aws:SourceAccount\":\"111111111111\"}}");
        assertFalse(delivers("111111111111", statement("Allow", null), denyX));
        assertTrue(delivers("222222222222", statement("Allow", null), denyX));
    }

    @Test
    void whatCannotBeEvaluatedFailsClosed() {
        String unknownKey = "{\"StringEquals\":{\"aws:SourceOrgID\":\"o-b\"}}";
        assertFalse(delivers("111111111111", statement("Allow", unknownKey)), "an Allow on an unknown key does not count");
        assertFalse(delivers("111111111111", statement("Allow", null), statement("Deny", unknownKey)),
                "a Deny on an unknown key counts");
        assertFalse(delivers("111111111111", statement("Allow", "{\"NumericLessThan\":{\"aws:SourceAccount\":\"5\"}}")));
    }

    @Test
    void aTopicPolicyLetsCloudTrailPublish() {
        String topic = "arn:aws:sns:us-east-1:111111111111:alerts";
        String policy = "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"cloudtrail.amazonaws.com\"},"
                + "\"Action\":\"SNS:Publish\",\"Resource\":\"" + topic + "\"}]}";
        assertTrue(PolicyCheck.allowsPublish(policy, topic, "111111111111", TRAIL));
        assertFalse(PolicyCheck.allowsPublish(policy, topic + "-other", "111111111111", TRAIL));
    }
}
