// SPDX-License-Identifier: Apache-2.0
package dev.waymark.iam;

import dev.waymark.core.CommonErrors;
import dev.waymark.core.IdentityType;
import dev.waymark.core.Principal;
import dev.waymark.core.Principal.PolicySubject;
import dev.waymark.core.ServiceRoles;
import dev.waymark.core.SessionContext;
import dev.waymark.core.SessionContext.SessionIssuer;
import dev.waymark.iam.Identities.Role;
import dev.waymark.store.Store;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The roles Waymark's services assume ({@link ServiceRoles}), from the identity store and its policies. */
public final class IamServiceRoles implements ServiceRoles {
    private final Store store;
    private final IdentityStore identities;
    private final Authorizer authorizer;

    public IamServiceRoles(Store store, IdentityStore identities, Authorizer authorizer) {
        this.store = store;
        this.identities = identities;
        this.authorizer = authorizer;
    }

    @Override
    public Principal assume(String accountId, String roleArn, String servicePrincipal, String sessionName, Instant now) {
        RoleArn arn = RoleArn.parse(roleArn).orElseThrow(() -> new Refused(roleArn + " is not the ARN of an IAM role"));
        if (!arn.accountId().equals(accountId)) {
            throw new Refused("role " + roleArn + " is not in account " + accountId);
        }
        Role role = store.read(tx -> identities.role(tx, accountId, arn.name()))
                .orElseThrow(() -> new Refused("role " + roleArn + " does not exist"));
        if (PolicyDocument.parse(role.trustPolicy()).evaluateTrust("sts:AssumeRole", List.of(servicePrincipal), Map.of())
                != PolicyDocument.Decision.ALLOW) {
            throw new Refused("the trust policy of role " + roleArn + " does not let " + servicePrincipal + " assume it");
        }
        return session(role, sessionName, now, false, Optional.empty(), Optional.empty());
    }

    @Override
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
