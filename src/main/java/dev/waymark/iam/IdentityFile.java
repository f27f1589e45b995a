// SPDX-License-Identifier: Apache-2.0
package dev.waymark.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.waymark.core.Principal.PolicySubject;
import dev.waymark.store.Tx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;

/**
 * Applies an identities file: accounts with their alias and root keys, users with keys and inline policies,
 * roles with trust policies and inline policies. What exists is kept and what is missing is created, so the
 * file can be applied at every start.
 *
 * <pre>{@code
 * {"accounts": [{"id": "111111111111", "name": "prod", "alias": "prod",
 *   "rootKeys": [{"accessKeyId": "AKIA…", "secretAccessKey": "…"}],
 *   "users": [{"name": "alice", "keys": [{…}], "policies": {"pinpoint": {"Version": "2012-10-17", "Statement": […]}}}],
 *   "roles": [{"name": "auditor", "trustPolicy": {…}, "maxSessionDuration": 3600, "policies": {…}}]}],
 *  "organizations": [{"id": "o-a1b2c3d4e5", "managementAccount": "111111111111", "accounts": ["222222222222"]}]}
 * }</pre>
 */
public final class IdentityFile {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final IdentityStore identities;

    public IdentityFile(IdentityStore identities) {
        this.identities = identities;
    }

    public static JsonNode read(Path file) throws IOException {
        return MAPPER.readTree(Files.readString(file));
    }

    public void apply(Tx tx, JsonNode root, long now) throws SQLException {
        for (JsonNode account : root.path("accounts")) {
            String id = account.path("id").asText("");
            if (!Ids.isAccountId(id)) {
                throw new IllegalArgumentException("account id must be 12 digits: '" + id + "'");
            }
            if (identities.account(tx, id).isEmpty()) {
                identities.createAccount(tx, id, account.path("name").asText(id), now);
            }
            if (account.hasNonNull("alias")) {
                identities.setAlias(tx, id, account.get("alias").asText());
            }
            keys(tx, id, "ROOT", "", account.path("rootKeys"), now);
            for (JsonNode user : account.path("users")) {
                applyUser(tx, id, user, now);
            }
            for (JsonNode role : account.path("roles")) {
                applyRole(tx, id, role, now);
            }
        }
        for (JsonNode organization : root.path("organizations")) {
            applyOrganization(tx, organization, now);
        }
    }

    private void applyOrganization(Tx tx, JsonNode organization, long now) throws SQLException {
        String id = organization.path("id").asText("");
        String management = organization.path("managementAccount").asText("");
        if (identities.organizationOf(tx, management).filter(id::equals).isEmpty()) {
            identities.createOrganization(tx, id, management, now);
        }
        for (JsonNode member : organization.path("accounts")) {
            identities.addToOrganization(tx, id, member.asText());
        }
    }

    private void applyUser(Tx tx, String accountId, JsonNode user, long now) throws SQLException {
        String name = user.path("name").asText();
        if (identities.user(tx, accountId, name).isEmpty()) {
            identities.createUser(tx, accountId, name, user.path("path").asText("/"), now);
        }
        keys(tx, accountId, "USER", name, user.path("keys"), now);
        policies(tx, new PolicySubject(PolicySubject.Kind.USER, accountId, name), user.path("policies"));
    }

    private void applyRole(Tx tx, String accountId, JsonNode role, long now) throws SQLException {
        String name = role.path("name").asText();
        String trust = role.path("trustPolicy").toString();
        PolicyDocument.parse(trust);
        if (identities.role(tx, accountId, name).isEmpty()) {
            identities.createRole(tx, accountId, name, trust, role.path("maxSessionDuration").asLong(3600), now);
        } else {
            identities.updateTrustPolicy(tx, accountId, name, trust);
        }
        policies(tx, new PolicySubject(PolicySubject.Kind.ROLE, accountId, name), role.path("policies"));
    }

    private void keys(Tx tx, String accountId, String kind, String owner, JsonNode keys, long now) throws SQLException {
        for (JsonNode key : keys) {
            String keyId = key.path("accessKeyId").asText();
            if (identities.accessKey(tx, keyId).isEmpty()) {
                identities.importAccessKey(tx, accountId, kind, owner, keyId, key.path("secretAccessKey").asText(), now);
            }
        }
    }

    private void policies(Tx tx, PolicySubject subject, JsonNode policies) throws SQLException {
        for (Map.Entry<String, JsonNode> policy : policies.properties()) {
            identities.putPolicy(tx, subject, policy.getKey(), policy.getValue().toString());
        }
    }
}
