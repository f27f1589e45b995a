// SPDX-License-Identifier: Apache-2.0
package dev.waymark.core;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * The verified caller of one request: everything authorization and CloudTrail's {@code userIdentity} need.
 *
 * @param type           identity type
 * @param accountId      12-digit account the caller belongs to
 * @param principalId    CloudTrail principalId (account id for root, AIDA… for users, AROA…:session for roles)
 * @param arn            the caller's ARN
 * @param accessKeyId    the access key that signed the request
 * @param userName       user name for IAM users; the account alias for root when one is set
 * @param sessionContext present for temporary credentials
 * @param policySubject  whose identity policies apply (see {@link PolicySubject})
 * @param sessionPolicy  an inline session policy passed to AssumeRole or GetFederationToken, if any
 */
public record Principal(IdentityType type, String accountId, String principalId, String arn, String accessKeyId,
                        Optional<String> userName, Optional<SessionContext> sessionContext,
                        PolicySubject policySubject, Optional<String> sessionPolicy) {
    public Principal {
        requireNonNull(type, "type is null");
        requireNonNull(accountId, "accountId is null");
        requireNonNull(principalId, "principalId is null");
        requireNonNull(arn, "arn is null");
        requireNonNull(accessKeyId, "accessKeyId is null");
        requireNonNull(userName, "userName is null");
        requireNonNull(sessionContext, "sessionContext is null");
        requireNonNull(policySubject, "policySubject is null");
        requireNonNull(sessionPolicy, "sessionPolicy is null");
    }

    /** The identity whose attached policies govern a principal: the root, a user or a role of an account. */
    public record PolicySubject(Kind kind, String accountId, String name) {
        public enum Kind { ROOT, USER, ROLE }

        public PolicySubject {
            requireNonNull(kind, "kind is null");
            requireNonNull(accountId, "accountId is null");
            requireNonNull(name, "name is null");
        }
    }

    /**
     * The caller of an unsigned call ({@link IdentityType#ANONYMOUS}), attributed to the account owning the resource
     * it names. Its policy subject is a user without a name, which has no policies: it is allowed nothing.
     */
    public static Principal anonymous(String resourceAccountId) {
        return new Principal(IdentityType.ANONYMOUS, resourceAccountId, "Anonymous", "", "", Optional.empty(),
                Optional.empty(), new PolicySubject(PolicySubject.Kind.USER, resourceAccountId, ""), Optional.empty());
    }

    public boolean isAnonymous() {
        return type == IdentityType.ANONYMOUS;
    }

    public boolean isRoot() {
        return type == IdentityType.ROOT;
    }

    public boolean mfaAuthenticated() {
        return sessionContext.map(SessionContext::mfaAuthenticated).orElse(false);
    }
}
