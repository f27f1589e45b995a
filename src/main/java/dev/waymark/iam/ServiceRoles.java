// SPDX-License-Identifier: Apache-2.0
package dev.waymark.iam;

import dev.waymark.core.CommonErrors;
import dev.waymark.core.IdentityType;
import dev.waymark.core.Principal;
import dev.waymark.core.Principal.PolicySubject;
import dev.waymark.core.SessionContext;
import dev.waymark.core.SessionContext.SessionIssuer;
import dev.waymark.iam.Identities.Role;
import dev.waymark.store.Store;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Roles that Waymark's own services assume for work they do later on an account's behalf, as AWS services assume a
 * role passed to them (Pinpoint's import and export jobs take a RoleArn): the role must be in that account, its trust
 * policy must let the service's principal (such as {@code pinpoint.amazonaws.com}) perform {@code sts:AssumeRole},
 * and what the work does is then authorized against the role's own policies. Thread-safe.
 */
public final class ServiceRoles {
    private final Store store;
    private final IdentityStore identities;
    private final Authorizer authorizer;

    public ServiceRoles(Store store, IdentityStore identities, Authorizer authorizer) {
        this.store = store;
        this.identities = identities;
        this.authorizer = authorizer;
    }

    /** Why a role cannot be assumed; the message says it for the job's Failures. */
    public static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    /** The service's session of the role (type AssumedRole, session name as given), or {@link Refused}. */
    public Principal assume(String accountId, String roleArn, String servicePrincipal, String sessionName, Instant now) {
        String[] parts = roleArn.split(":", 6);
        if (parts.length != 6 || !parts[0].equals("arn") || !parts[2].equals("iam") || !parts[5].startsWith("role/")) {
            throw new Refused(roleArn + " is not the ARN of an IAM role");
        }
        if (!parts[4].equals(accountId)) {
            throw new Refused("role " + roleArn + " is not in account " + accountId);
        }
        String name = parts[5].substring(parts[5].lastIndexOf('/') + 1);
        Role role = store.read(tx -> identities.role(tx, accountId, name))
                .orElseThrow(() -> new Refused("role " + roleArn + " does not exist"));
        if (PolicyDocument.parse(role.trustPolicy()).evaluateTrust("sts:AssumeRole", List.of(servicePrincipal), Map.of())
                != PolicyDocument.Decision.ALLOW) {
            throw new Refused("the trust policy of role " + roleArn + " does not let " + servicePrincipal + " assume it");
        }
        return session(role, sessionName, now, false, Optional.empty(), Optional.empty());
    }

    /** Throws S3's AccessDenied when the session's policies do not allow the action on the resource. */
    public void authorize(Principal session, String action, String resource, String region) {
        authorizer.authorize(session, action, resource, region, CommonErrors.ErrorFamily.QUERY);
    }

    /** A session of the role: the principal its temporary credentials stand for. */
    static Principal session(Role role, String sessionName, Instant now, boolean mfaAuthenticated,
                             Optional<String> sourceIdentity, Optional<String> sessionPolicy) {
        String arn = "arn:aws:sts::" + role.accountId() + ":assumed-role/" + role.name() + "/" + sessionName;
        SessionIssuer issuer = new SessionIssuer("Role", role.roleId(), role.arn(), role.accountId(), role.name());
        return new Principal(IdentityType.ASSUMED_ROLE, role.accountId(), role.roleId() + ":" + sessionName, arn,
                Ids.temporaryAccessKeyId(), Optional.empty(),
                Optional.of(new SessionContext(now, mfaAuthenticated, Optional.of(issuer), sourceIdentity)),
                new PolicySubject(PolicySubject.Kind.ROLE, role.accountId(), role.name()), sessionPolicy);
    }
}
