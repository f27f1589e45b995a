// SPDX-License-Identifier: Apache-2.0
package dev.waymark.sns;

import static java.util.Objects.requireNonNull;

/**
 * An embedded topic as other services see it.
 *
 * @param arn       {@code arn:aws:sns:<region>:<account>:<name>}
 * @param accountId the owner account
 * @param region    the region the topic lives in
 * @param name      the topic name
 * @param policy    the topic's access policy JSON: the one set with CreateTopic or SetTopicAttributes, else the
 *                  default policy SNS gives every topic (its owner account may do everything)
 */
public record TopicInfo(String arn, String accountId, String region, String name, String policy) {
    public TopicInfo {
        requireNonNull(arn, "arn is null");
        requireNonNull(accountId, "accountId is null");
        requireNonNull(region, "region is null");
        requireNonNull(name, "name is null");
        requireNonNull(policy, "policy is null");
    }
}
