// SPDX-License-Identifier: Apache-2.0
package dev.waymark.pinpoint;

import static java.util.Objects.requireNonNull;

/** A Pinpoint application. */
record App(String accountId, String region, String id, String name, String creationDate) {
    App {
        requireNonNull(accountId, "accountId is null");
        requireNonNull(region, "region is null");
        requireNonNull(id, "id is null");
        requireNonNull(name, "name is null");
        requireNonNull(creationDate, "creationDate is null");
    }

    String arn() {
        return "arn:aws:mobiletargeting:" + region + ":" + accountId + ":apps/" + id;
    }
}
