// SPDX-License-Identifier: Apache-2.0
package dev.waymark.core;

/** The kinds of caller Waymark knows, named as CloudTrail's {@code userIdentity.type} names them. */
public enum IdentityType {
    ROOT("Root"),
    IAM_USER("IAMUser"),
    ASSUMED_ROLE("AssumedRole"),
    FEDERATED_USER("FederatedUser"),
    /**
     * An unsigned call that a token in the request authenticates instead (SNS's SubscribeURL and UnsubscribeURL).
     * CloudTrail names identities it cannot determine {@code Unknown}, with principalId {@code Anonymous}.
     */
    ANONYMOUS("Unknown");

    private final String cloudTrailName;

    IdentityType(String cloudTrailName) {
        this.cloudTrailName = cloudTrailName;
    }

    public String cloudTrailName() {
        return cloudTrailName;
    }
}
