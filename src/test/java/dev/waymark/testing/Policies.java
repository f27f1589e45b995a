// SPDX-License-Identifier: Apache-2.0
package dev.waymark.testing;

/** Resource policies the tests give Waymark's peers. */
public final class Policies {
    private Policies() {
    }

    /** The policy CloudTrail's documentation gives a trail's topic: the service may publish to it. */
    public static String cloudTrailTopic(String topicArn) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"AWSCloudTrailSNSPolicy20131101\",\"Effect\":\"Allow\","
                + "\"Principal\":{\"Service\":\"cloudtrail.amazonaws.com\"},\"Action\":\"SNS:Publish\",\"Resource\":\""
                + topicArn + "\"}]}";
    }
}
