// SPDX-License-Identifier: Apache-2.0
package dev.waymark.core;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * What CloudTrail shows in {@code userIdentity.sessionContext} for temporary credentials: when they were issued,
 * whether MFA was used, and (for roles and federated users) who issued the session.
 */
public record SessionContext(Instant creationDate, boolean mfaAuthenticated, Optional<SessionIssuer> issuer,
                             Optional<String> sourceIdentity) {
    public SessionContext {
        requireNonNull(creationDate, "creationDate is null");
        requireNonNull(issuer, "issuer is null");
        requireNonNull(sourceIdentity, "sourceIdentity is null");
    }

    /** {@code sessionContext.sessionIssuer}: the role, user or root that the session was derived from. */
    public record SessionIssuer(String type, String principalId, String arn, String accountId, String userName) {
        public SessionIssuer {
            requireNonNull(type, "type is null");
            requireNonNull(principalId, "principalId is null");
            requireNonNull(arn, "arn is null");
            requireNonNull(accountId, "accountId is null");
            requireNonNull(userName, "userName is null");
        }
    }
}
