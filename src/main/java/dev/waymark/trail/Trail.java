// SPDX-License-Identifier: Apache-2.0
package dev.waymark.trail;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/** A trail as stored in its home region. */
record Trail(String accountId, String homeRegion, String name, String bucket, Optional<String> prefix,
             boolean includeGlobalServiceEvents, boolean multiRegion, boolean logFileValidation,
             Optional<String> kmsKeyId, boolean logging, Optional<Long> startLoggingTime,
             Optional<Long> stopLoggingTime, Optional<String> eventSelectors, Optional<String> advancedSelectors,
             Optional<String> insightSelectors) {
    Trail {
        requireNonNull(accountId, "accountId is null");
        requireNonNull(homeRegion, "homeRegion is null");
        requireNonNull(name, "name is null");
        requireNonNull(bucket, "bucket is null");
    }

    String arn() {
        return "arn:aws:cloudtrail:" + homeRegion + ":" + accountId + ":trail/" + name;
    }

    boolean hasCustomEventSelectors() {
        return eventSelectors.isPresent() || advancedSelectors.isPresent();
    }
}
