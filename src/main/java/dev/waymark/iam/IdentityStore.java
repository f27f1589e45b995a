// SPDX-License-Identifier: Apache-2.0
package dev.waymark.iam;

import dev.waymark.core.Principal.PolicySubject;
import dev.waymark.core.SecretBox;
import dev.waymark.iam.Identities.AccessKey;
import dev.waymark.iam.Identities.Account;
import dev.waymark.iam.Identities.Role;
import dev.waymark.iam.Identities.User;
import dev.waymark.store.Tx;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Reads and writes identities inside a store transaction. Secrets (access key secrets, MFA seeds) are sealed with
 * the master key before they are written and opened only when read for verification.
 */
public final class IdentityStore {
    private final SecretBox secrets;

    public IdentityStore(SecretBox secrets) {
        this.secrets = secrets;
    }

    public Account createAccount(Tx tx, String id, String name, long now) throws SQLException {
        tx.update("INSERT INTO account (id, name, created_at) VALUES (?, ?, ?)", id, name, now);
        return new Account(id, name, null);
    }

    public Optional<Account> account(Tx tx, String id) throws SQLException {
        return tx.queryOne("SELECT id, name, alias FROM account WHERE id = ?",
                rs -> new Account(rs.getString(1), rs.getString(2), rs.getString(3)), id);
    }

    public Optional<Account> accountByName(Tx tx, String name) throws SQLException {
        return tx.queryOne("SELECT id, name, alias FROM account WHERE name = ?",
                rs -> new Account(rs.getString(1), rs.getString(2), rs.getString(3)), name);
    }

    public List<Account> accounts(Tx tx) throws SQLException {
        return tx.query("SELECT id, name, alias FROM account ORDER BY created_at, id",
                rs -> new Account(rs.getString(1), rs.getString(2), rs.getString(3)));
    }

    public void setAlias(Tx tx, String accountId, String alias) throws SQLException {
        tx.update("UPDATE account SET alias = ? WHERE id = ?", alias, accountId);
    }

    /** Creates an organization whose management account is {@code managementAccount} (also made its member). */
    public void createOrganization(Tx tx, String id, String managementAccount, long now) throws SQLException {
        if (!Ids.isOrganizationId(id)) {
            throw new IllegalArgumentException("organization id must be o- and 10 to 32 lower-case letters or digits: '" + id + "'");
        }
        requireAccount(tx, managementAccount);
        tx.update("INSERT INTO organization (id, management_account, created_at) VALUES (?, ?, ?)", id, managementAccount, now);
        addToOrganization(tx, id, managementAccount);
    }

    /** Makes an account a member of an organization; an account belongs to at most one. */
    public void addToOrganization(Tx tx, String organizationId, String accountId) throws SQLException {
        requireAccount(tx, accountId);
        Optional<String> current = organizationOf(tx, accountId);
        if (current.isPresent() && !current.get().equals(organizationId)) {
            throw new IllegalArgumentException("account " + accountId + " already belongs to organization " + current.get());
        }
        if (tx.queryOne("SELECT id FROM organization WHERE id = ?", rs -> rs.getString(1), organizationId).isEmpty()) {
            throw new IllegalArgumentException("no organization " + organizationId);
        }
        tx.update("INSERT INTO organization_account (account_id, organization_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                accountId, organizationId);
    }

    public Optional<String> organizationOf(Tx tx, String accountId) throws SQLException {
        return tx.queryOne("SELECT organization_id FROM organization_account WHERE account_id = ?", rs -> rs.getString(1),
                accountId);
    }

    public Optional<String> managementAccount(Tx tx, String organizationId) throws SQLException {
        return tx.queryOne("SELECT management_account FROM organization WHERE id = ?", rs -> rs.getString(1),
                organizationId);
    }

    private void requireAccount(Tx tx, String accountId) throws SQLException {
        if (account(tx, accountId).isEmpty()) {
            throw new IllegalArgumentException("no account " + accountId);
        }
    }

    public User createUser(Tx tx, String accountId, String name, String path, long now) throws SQLException {
        User user = new User(accountId, name, Ids.userId(), path);
        tx.update("INSERT INTO iam_user (account_id, name, user_id, path, created_at) VALUES (?, ?, ?, ?, ?)",
                accountId, name, user.userId(), path, now);
        return user;
    }

    public Optional<User> user(Tx tx, String accountId, String name) throws SQLException {
        return tx.queryOne("SELECT account_id, name, user_id, path FROM iam_user WHERE account_id = ? AND name = ?",
                rs -> new User(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)), accountId, name);
    }

    public List<User> users(Tx tx, String accountId) throws SQLException {
        return tx.query("SELECT account_id, name, user_id, path FROM iam_user WHERE account_id = ? ORDER BY name",
                rs -> new User(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)), accountId);
    }

    public Role createRole(Tx tx, String accountId, String name, String trustPolicy, long maxSessionSeconds, long now)
            throws SQLException {
        Role role = new Role(accountId, name, Ids.roleId(), "/", trustPolicy, maxSessionSeconds);
        tx.update("INSERT INTO iam_role (account_id, name, role_id, path, trust_policy, max_session_seconds, created_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?)",
                accountId, name, role.roleId(), role.path(), trustPolicy, maxSessionSeconds, now);
        return role;
    }

    public Optional<Role> role(Tx tx, String accountId, String name) throws SQLException {
        return tx.queryOne("SELECT account_id, name, role_id, path, trust_policy, max_session_seconds FROM iam_role "
                        + "WHERE account_id = ? AND name = ?",
                rs -> new Role(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getLong(6)), accountId, name);
    }

    public void updateTrustPolicy(Tx tx, String accountId, String name, String trustPolicy) throws SQLException {
        tx.update("UPDATE iam_role SET trust_policy = ? WHERE account_id = ? AND name = ?", trustPolicy, accountId, name);
    }

    /** Creates a key and returns it with its secret in clear: the only time the secret is shown. */
    public AccessKey createAccessKey(Tx tx, String accountId, String ownerKind, String ownerName, long now)
            throws SQLException {
        return importAccessKey(tx, accountId, ownerKind, ownerName, Ids.accessKeyId(), Ids.secret(), now);
    }

    /** Stores a key whose id and secret are given (from the identities file). */
    public AccessKey importAccessKey(Tx tx, String accountId, String ownerKind, String ownerName, String keyId,
                                     String secret, long now) throws SQLException {
        tx.update("INSERT INTO access_key (access_key_id, account_id, owner_kind, owner_name, secret_enc, status, created_at) "
                + "VALUES (?, ?, ?, ?, ?, 'Active', ?)", keyId, accountId, ownerKind, ownerName, secrets.sealText(secret), now);
        return new AccessKey(keyId, accountId, ownerKind, ownerName, secret, "Active");
    }

    public Optional<AccessKey> accessKey(Tx tx, String accessKeyId) throws SQLException {
        return tx.queryOne("SELECT access_key_id, account_id, owner_kind, owner_name, secret_enc, status FROM access_key "
                        + "WHERE access_key_id = ?",
                rs -> new AccessKey(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        secrets.openText(rs.getString(5)), rs.getString(6)), accessKeyId);
    }

    public void setAccessKeyStatus(Tx tx, String accessKeyId, String status) throws SQLException {
        tx.update("UPDATE access_key SET status = ? WHERE access_key_id = ?", status, accessKeyId);
    }

    public void putPolicy(Tx tx, PolicySubject subject, String policyName, String document) throws SQLException {
        PolicyDocument.parse(document);
        tx.update("INSERT INTO identity_policy (account_id, owner_kind, owner_name, policy_name, document) "
                        + "VALUES (?, ?, ?, ?, ?) ON CONFLICT (account_id, owner_kind, owner_name, policy_name) "
                        + "DO UPDATE SET document = excluded.document",
                subject.accountId(), subject.kind().name(), subject.name(), policyName, document);
    }

    public List<String> policies(Tx tx, PolicySubject subject) throws SQLException {
        return tx.query("SELECT document FROM identity_policy WHERE account_id = ? AND owner_kind = ? AND owner_name = ? "
                        + "ORDER BY policy_name", rs -> rs.getString(1),
                subject.accountId(), subject.kind().name(), subject.name());
    }

    public void createMfaDevice(Tx tx, String accountId, String userName, String serial, String seedBase32)
            throws SQLException {
        tx.update("INSERT INTO mfa_device (serial_number, account_id, user_name, seed_enc) VALUES (?, ?, ?, ?)",
                serial, accountId, userName, secrets.sealText(seedBase32));
    }

    /** The TOTP seed of a device that belongs to the given user (or the root, for an empty user name). */
    public Optional<String> mfaSeed(Tx tx, String serial, String accountId, String userName) throws SQLException {
        return tx.queryOne("SELECT seed_enc FROM mfa_device WHERE serial_number = ? AND account_id = ? AND user_name = ?",
                rs -> secrets.openText(rs.getString(1)), serial, accountId, userName);
    }
}
