// SPDX-License-Identifier: Apache-2.0
package dev.waymark.email;

import dev.waymark.core.Invocation;

/** The ARNs of the API's resources: {@code arn:aws:ses:<region>:<account>:<type>/<name>}. */
final class Arns {
    static final String CONFIGURATION_SET = "configuration-set";
    static final String IDENTITY = "identity";
    static final String POOL = "dedicated-ip-pool";
    static final String REPORT = "deliverability-test-report";

    private Arns() {
    }

    static String of(Invocation inv, String type, String name) {
        return prefix(inv) + type + "/" + name;
    }

    /** {@code arn:aws:ses:<region>:<account>:} of the caller. */
    static String prefix(Invocation inv) {
        return "arn:aws:ses:" + inv.region() + ":" + inv.accountId() + ":";
    }
}
