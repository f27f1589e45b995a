// SPDX-License-Identifier: Apache-2.0
package dev.waymark.core;

/** The kinds of caller Waymark knows, named as CloudTrail's {@code userIdentity.type} names them. */
public enum IdentityType {
    ROOT("Root"),
    IAM_USER("IAMUser"),
    ASSUMED_ROLE("AssumedRole"),
    FEDERATED_USER("FederatedUser");

    private final String cloudTrailName;

    IdentityType(String cloudTrailName) {
        this.cloudTrailName = cloudTrailName;
    }

    public String cloudTrailName() {
        return cloudTrailName;
    }
}
