// SPDX-License-Identifier: Apache-2.0
package dev.waymark.iam;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.core.AwsException;
import dev.waymark.core.CommonErrors;
import dev.waymark.core.IdentityType;
import dev.waymark.core.Invocation;
import dev.waymark.core.OperationHandler;
import dev.waymark.core.OperationTable;
import dev.waymark.core.Principal;
import dev.waymark.core.ServiceImplementation;
import dev.waymark.core.SessionContext;
import dev.waymark.core.SessionContext.SessionIssuer;
import dev.waymark.iam.Identities.Role;
import dev.waymark.store.Tx;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The STS operations. Sessions are not stored: each is sealed into its token ({@link SessionTokens}).
 * Messages and limits are AWS's: root may not assume roles, session credentials may not call GetSessionToken or
 * GetFederationToken, role chaining is limited to one hour.
 */
public final class StsService {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final CommonErrors.ErrorFamily QUERY = CommonErrors.ErrorFamily.QUERY;

    private final IdentityStore identities;
    private final SessionTokens tokens;
    private final Authorizer authorizer;

    public StsService(IdentityStore identities, SessionTokens tokens, Authorizer authorizer) {
        this.identities = identities;
        this.tokens = tokens;
        this.authorizer = authorizer;
    }

    public ServiceImplementation implementation() {
        Map<String, OperationHandler> handlers = Map.of(
                "GetCallerIdentity", (inv, tx) -> getCallerIdentity(inv),
                "GetSessionToken", this::getSessionToken,
                "AssumeRole", this::assumeRole,
                "GetFederationToken", this::getFederationToken);
        return new ServiceImplementation(OperationTable.load("sts"), handlers);
    }

    private static ObjectNode getCallerIdentity(Invocation inv) {
        Principal p = inv.principal();
        return NODES.objectNode().put("UserId", p.principalId()).put("Account", p.accountId()).put("Arn", p.arn());
    }

    private ObjectNode getSessionToken(Invocation inv, Tx tx) throws SQLException {
        Principal caller = inv.principal();
        requireLongTermCredentials(caller, "GetSessionToken");
        long duration = duration(inv, caller.isRoot() ? 3600 : 43_200, caller.isRoot() ? 3600 : 129_600, true);
        boolean mfa = verifyMfa(inv, tx, caller);
        Principal sessionPrincipal = new Principal(caller.type(), caller.accountId(), caller.principalId(), caller.arn(),
                Ids.temporaryAccessKeyId(), caller.userName(),
                Optional.of(new SessionContext(inv.time(), mfa, Optional.empty(), Optional.empty())),
                caller.policySubject(), Optional.empty());
        return NODES.objectNode().set("Credentials", credentials(sessionPrincipal, inv.time().plusSeconds(duration)));
    }

    private boolean verifyMfa(Invocation inv, Tx tx, Principal caller) throws SQLException {
        String serial = inv.input().path("SerialNumber").asText("");
        String code = inv.input().path("TokenCode").asText("");
        if (serial.isEmpty() && code.isEmpty()) {
            return false;
        }
        Optional<String> seed = identities.mfaSeed(tx, serial, caller.accountId(), caller.userName()
                .filter(name -> caller.type() == IdentityType.IAM_USER).orElse(""));
        if (seed.isEmpty() || code.isEmpty() || !Totp.verify(seed.get(), code, inv.time())) {
            throw CommonErrors.accessDenied(QUERY, "MultiFactorAuthentication failed with invalid MFA one time pass code. ");
        }
        return true;
    }

    private ObjectNode assumeRole(Invocation inv, Tx tx) throws SQLException {
        Principal caller = inv.principal();
        String roleArn = inv.input().path("RoleArn").asText();
        String sessionName = inv.input().path("RoleSessionName").asText();
        if (caller.isRoot()) {
            throw CommonErrors.accessDenied(QUERY, "Roles may not be assumed by root accounts.");
        }
        Role role = roleFor(tx, roleArn).orElseThrow(() -> notAuthorized(caller, "sts:AssumeRole", roleArn));
        checkTrust(inv, caller, role, roleArn);
        boolean chained = caller.type() == IdentityType.ASSUMED_ROLE;
        long duration = duration(inv, 3600, 43_200, false);
        if (chained && duration > 3600) {
            throw validation("The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.");
        }
        if (duration > role.maxSessionSeconds()) {
            throw validation("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
        }
        Optional<String> policy = sessionPolicy(inv);
        Optional<String> sourceIdentity = Optional.ofNullable(inv.input().path("SourceIdentity").textValue());
        Principal session = IamServiceRoles.session(role, sessionName, inv.time(), caller.mfaAuthenticated(),
                sourceIdentity, policy);
        ObjectNode out = NODES.objectNode();
        out.set("Credentials", credentials(session, inv.time().plusSeconds(duration)));
        out.putObject("AssumedRoleUser").put("AssumedRoleId", session.principalId()).put("Arn", session.arn());
        policy.ifPresent(p -> out.put("PackedPolicySize", Math.min(100, p.length() * 100 / 2048)));
        sourceIdentity.ifPresent(s -> out.put("SourceIdentity", s));
        return out;
    }

    private Optional<Role> roleFor(Tx tx, String roleArn) throws SQLException {
        RoleArn arn = RoleArn.parse(roleArn).orElseThrow(() -> validation("1 validation error detected: Value '" + roleArn
                + "' at 'roleArn' failed to satisfy constraint: Member must be a valid role ARN"));
        return identities.role(tx, arn.accountId(), arn.name());
    }

    /**
     * The role's trust policy must allow the caller. When it names the caller (or its role) directly, that is
     * enough; when it names only the caller's account, the caller's identity policies must allow
     * sts:AssumeRole too, and across accounts they always must.
     */
    private void checkTrust(Invocation inv, Principal caller, Role role, String roleArn) {
        List<String> direct = new ArrayList<>(List.of(caller.arn()));
        caller.sessionContext().flatMap(SessionContext::issuer).ifPresent(issuer -> direct.add(issuer.arn()));
        List<String> accountWide = List.of("arn:aws:iam::" + caller.accountId() + ":root", caller.accountId());
        Map<String, String> context = Map.of("sts:externalid", inv.input().path("ExternalId").asText(""),
                "aws:principalarn", caller.arn(), "aws:principalaccount", caller.accountId());
        PolicyDocument trust = PolicyDocument.parse(role.trustPolicy());
        boolean namedDirectly = trust.evaluateTrust("sts:AssumeRole", direct, context) == PolicyDocument.Decision.ALLOW;
        List<String> all = new ArrayList<>(direct);
        all.addAll(accountWide);
        PolicyDocument.Decision decision = trust.evaluateTrust("sts:AssumeRole", all, context);
        boolean sameAccount = role.accountId().equals(caller.accountId());
        boolean identityNeeded = !sameAccount || !namedDirectly;
        if (decision != PolicyDocument.Decision.ALLOW
                || (identityNeeded && !authorizer.allows(caller, "sts:AssumeRole", roleArn, inv.region()))) {
            throw notAuthorized(caller, "sts:AssumeRole", roleArn);
        }
    }

    private ObjectNode getFederationToken(Invocation inv, Tx tx) {
        Principal caller = inv.principal();
        requireLongTermCredentials(caller, "GetFederationToken");
        String name = inv.input().path("Name").asText();
        long duration = duration(inv, caller.isRoot() ? 3600 : 43_200, caller.isRoot() ? 3600 : 129_600, true);
        String principalId = caller.accountId() + ":" + name;
        String arn = "arn:aws:sts::" + caller.accountId() + ":federated-user/" + name;
        SessionIssuer issuer = new SessionIssuer(caller.type().cloudTrailName(), caller.principalId(), caller.arn(),
                caller.accountId(), caller.userName().orElse(caller.accountId()));
        Optional<String> policy = sessionPolicy(inv);
        Principal session = new Principal(IdentityType.FEDERATED_USER, caller.accountId(), principalId, arn,
                Ids.temporaryAccessKeyId(), Optional.empty(),
                Optional.of(new SessionContext(inv.time(), false, Optional.of(issuer), Optional.empty())),
                caller.policySubject(), policy);
        ObjectNode out = NODES.objectNode();
        out.set("Credentials", credentials(session, inv.time().plusSeconds(duration)));
        out.putObject("FederatedUser").put("FederatedUserId", principalId).put("Arn", arn);
        policy.ifPresent(p -> out.put("PackedPolicySize", Math.min(100, p.length() * 100 / 2048)));
        return out;
    }

    private static Optional<String> sessionPolicy(Invocation inv) {
        String policy = inv.input().path("Policy").asText("");
        if (policy.isEmpty()) {
            return Optional.empty();
        }
        try {
            PolicyDocument.parse(policy);
        } catch (IllegalArgumentException e) {
            throw new AwsException("MalformedPolicyDocument", 400, AwsException.Fault.CLIENT, e.getMessage());
        }
        return Optional.of(policy);
    }

    private ObjectNode credentials(Principal session, Instant expiration) {
        String secret = Ids.secret();
        String token = tokens.issue(new Session(session.accessKeyId(), secret, expiration, session));
        return NODES.objectNode().put("AccessKeyId", session.accessKeyId()).put("SecretAccessKey", secret)
                .put("SessionToken", token).put("Expiration", expiration.toString());
    }

    private static void requireLongTermCredentials(Principal caller, String operation) {
        if (caller.sessionContext().isPresent()) {
            throw CommonErrors.accessDenied(QUERY, "Cannot call " + operation + " with session credentials");
        }
    }

    /** DurationSeconds, defaulted, and capped for root sessions where AWS caps instead of refusing. */
    private static long duration(Invocation inv, long defaultSeconds, long maxSeconds, boolean cap) {
        if (!inv.input().has("DurationSeconds")) {
            return defaultSeconds;
        }
        long requested = inv.input().get("DurationSeconds").asLong();
        return cap ? Math.min(requested, maxSeconds) : requested;
    }

    private static AwsException validation(String message) {
        return new AwsException("ValidationError", 400, AwsException.Fault.CLIENT, message);
    }

    private static AwsException notAuthorized(Principal caller, String action, String resource) {
        return Authorizer.denied(caller, action, resource, "", QUERY);
    }
}
