// SPDX-License-Identifier: Apache-2.0
package dev.waymark.trail;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A trail as stored in its home region. An organization trail belongs to its organization's management account and
 * delivers the events of every member account.
 */
record Trail(String accountId, String homeRegion, String name, String bucket, Optional<String> prefix,
             boolean includeGlobalServiceEvents, boolean multiRegion, boolean logFileValidation,
             Optional<String> kmsKeyId, boolean logging, Optional<Long> startLoggingTime,
             Optional<Long> stopLoggingTime, Optional<String> eventSelectors, Optional<String> advancedSelectors,
             Optional<String> insightSelectors, Optional<String> snsTopicArn, boolean organization) {
    Trail {
        requireNonNull(accountId, "accountId is null");
        requireNonNull(homeRegion, "homeRegion is null");
        requireNonNull(name, "name is null");
        requireNonNull(bucket, "bucket is null");
        requireNonNull(snsTopicArn, "snsTopicArn is null");
    }

    String arn() {
        return "arn:aws:cloudtrail:" + homeRegion + ":" + accountId + ":trail/" + name;
    }

    /** A copy with logging switched on or off at the given time. */
    Trail withLogging(boolean on, long now) {
        return new Trail(accountId, homeRegion, name, bucket, prefix, includeGlobalServiceEvents, multiRegion,
                logFileValidation, kmsKeyId, on, on ? Optional.of(now) : startLoggingTime,
                on ? stopLoggingTime : Optional.of(now), eventSelectors, advancedSelectors, insightSelectors,
                snsTopicArn, organization);
    }

    /** A copy with these event selectors (basic or advanced, the other one cleared). */
    Trail withEventSelectors(Optional<String> basic, Optional<String> advanced) {
        return new Trail(accountId, homeRegion, name, bucket, prefix, includeGlobalServiceEvents, multiRegion,
                logFileValidation, kmsKeyId, logging, startLoggingTime, stopLoggingTime, basic, advanced,
                insightSelectors, snsTopicArn, organization);
    }

    /** A copy with these insight selectors (none disables Insights). */
    Trail withInsightSelectors(Optional<String> selectors) {
        return new Trail(accountId, homeRegion, name, bucket, prefix, includeGlobalServiceEvents, multiRegion,
                logFileValidation, kmsKeyId, logging, startLoggingTime, stopLoggingTime, eventSelectors,
                advancedSelectors, selectors, snsTopicArn, organization);
    }

    boolean hasCustomEventSelectors() {
        return eventSelectors.isPresent() || advancedSelectors.isPresent();
    }
}
