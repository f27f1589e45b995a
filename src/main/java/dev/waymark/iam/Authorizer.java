// SPDX-License-Identifier: Apache-2.0
package dev.waymark.iam;

import dev.waymark.core.AwsException;
import dev.waymark.core.CommonErrors;
import dev.waymark.core.IdentityType;
import dev.waymark.core.Principal;
import dev.waymark.core.Principal.PolicySubject;
import dev.waymark.iam.PolicyDocument.Decision;
import dev.waymark.store.Store;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Evaluates identity policies for a request: the root is allowed everything; users and roles need an Allow and
 * no Deny in their policies (explicit Deny wins); a session policy, when the session has one, must allow too; a
 * federated user without a session policy has no permissions, as in AWS. Denials carry AWS's message.
 */
public final class Authorizer {
    private final Store store;
    private final IdentityStore identities;
    private final TtlCache<PolicySubject, List<PolicyDocument>> policies = new TtlCache<>(1_000);

    public Authorizer(Store store, IdentityStore identities) {
        this.store = store;
        this.identities = identities;
    }

    /** Throws the AWS access-denied error when the principal may not perform the action on the resource. */
    public void authorize(Principal principal, String action, String resource, String region,
                          CommonErrors.ErrorFamily family) {
        String reason = denialReason(principal, action, resource, region);
        if (reason != null) {
            throw denied(principal, action, resource, reason, family);
        }
    }

    /** Whether the identity policies (and any session policy) allow the action; no exception. */
    public boolean allows(Principal principal, String action, String resource, String region) {
        return denialReason(principal, action, resource, region) == null;
    }

    public static AwsException denied(Principal principal, String action, String resource, String reason,
                                      CommonErrors.ErrorFamily family) {
        return CommonErrors.accessDenied(family, "User: " + principal.arn() + " is not authorized to perform: "
                + action + " on resource: " + resource + (reason.isEmpty() ? "" : " " + reason));
    }

    private String denialReason(Principal principal, String action, String resource, String region) {
        Map<String, String> context = context(principal, region);
        if (!principal.isRoot() && !(principal.type() == IdentityType.FEDERATED_USER
                && principal.policySubject().kind() == PolicySubject.Kind.ROOT)) {
            Decision decision = evaluate(policiesOf(principal.policySubject()), action, resource, context);
            if (decision == Decision.DENY) {
                return "with an explicit deny in an identity-based policy";
            }
            if (decision == Decision.NONE) {
                return "because no identity-based policy allows the " + action + " action";
            }
        }
        if (principal.type() == IdentityType.FEDERATED_USER && principal.sessionPolicy().isEmpty()) {
            return "because no session policy allows the " + action + " action";
        }
        if (principal.sessionPolicy().isPresent()) {
            Decision decision = PolicyDocument.parse(principal.sessionPolicy().get()).evaluate(action, resource, context);
            if (decision == Decision.DENY) {
                return "with an explicit deny in a session policy";
            }
            if (decision == Decision.NONE) {
                return "because no session policy allows the " + action + " action";
            }
        }
        return null;
    }

    private static Decision evaluate(List<PolicyDocument> documents, String action, String resource,
                                     Map<String, String> context) {
        Decision result = Decision.NONE;
        for (PolicyDocument document : documents) {
            Decision decision = document.evaluate(action, resource, context);
            if (decision == Decision.DENY) {
                return Decision.DENY;
            }
            if (decision == Decision.ALLOW) {
                result = Decision.ALLOW;
            }
        }
        return result;
    }

    List<PolicyDocument> policiesOf(PolicySubject subject) {
        return policies.get(subject, s -> store.read(tx -> {
            List<PolicyDocument> documents = new ArrayList<>();
            for (String json : identities.policies(tx, s)) {
                documents.add(PolicyDocument.parse(json));
            }
            return List.copyOf(documents);
        }));
    }

    /** The global condition keys Waymark fills in, lower-cased as condition keys are matched. */
    static Map<String, String> context(Principal principal, String region) {
        return Map.of(
                "aws:requestedregion", region,
                "aws:multifactorauthpresent", Boolean.toString(principal.mfaAuthenticated()),
                "aws:principalaccount", principal.accountId(),
                "aws:principalarn", principal.arn(),
                "aws:principaltype", principal.type().cloudTrailName(),
                "aws:username", principal.userName().orElse(""));
    }
}
