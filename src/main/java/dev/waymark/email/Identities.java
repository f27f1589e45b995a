// SPDX-License-Identifier: Apache-2.0
package dev.waymark.email;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.store.Tx;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Email identities of an account and region: an address ({@code EMAIL_ADDRESS}) or a domain ({@code DOMAIN}), with
 * their DKIM, feedback-forwarding and MAIL FROM settings as a JSON document. Domains (and the domain part of
 * addresses) are kept in lower case, as DNS compares them.
 */
final class Identities {
    static final Pattern DOMAIN = Pattern.compile("(?=.{1,253}$)([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\\.)+"
            + "[a-zA-Z]{2,63}");

    /** An identity: its name, type and settings. */
    record Identity(String name, String type, ObjectNode attributes) {
        boolean isDomain() {
            return type.equals("DOMAIN");
        }

        String domain() {
            return isDomain() ? name : name.substring(name.lastIndexOf('@') + 1);
        }
    }

    /** The canonical form of an identity name: lower-case domain, and domain part of an address. */
    static String canonical(String name) {
        int at = name.lastIndexOf('@');
        return at < 0 ? name.toLowerCase(Locale.ROOT) : name.substring(0, at + 1) + name.substring(at + 1).toLowerCase(Locale.ROOT);
    }

    Optional<Identity> find(Tx tx, String accountId, String region, String name) throws SQLException {
        return tx.queryOne("SELECT identity, identity_type, attributes FROM email_identity WHERE account_id = ? "
                        + "AND region = ? AND identity = ?", rs -> new Identity(rs.getString(1), rs.getString(2),
                        Json.parse(rs.getString(3))), accountId, region, canonical(name));
    }

    long count(Tx tx, String accountId, String region) throws SQLException {
        return tx.queryLong("SELECT COUNT(*) FROM email_identity WHERE account_id = ? AND region = ?", accountId, region);
    }

    void insert(Tx tx, String accountId, String region, Identity identity, long now) throws SQLException {
        tx.update("INSERT INTO email_identity (account_id, region, identity, identity_type, attributes, created_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?)", accountId, region, identity.name(), identity.type(),
                identity.attributes().toString(), now);
    }

    void update(Tx tx, String accountId, String region, Identity identity) throws SQLException {
        tx.update("UPDATE email_identity SET attributes = ? WHERE account_id = ? AND region = ? AND identity = ?",
                identity.attributes().toString(), accountId, region, identity.name());
    }

    void delete(Tx tx, String accountId, String region, String name) throws SQLException {
        tx.update("DELETE FROM email_identity WHERE account_id = ? AND region = ? AND identity = ?", accountId, region,
                canonical(name));
    }

    List<Identity> page(Tx tx, String accountId, String region, String after, int limit) throws SQLException {
        return tx.query("SELECT identity, identity_type, attributes FROM email_identity WHERE account_id = ? "
                        + "AND region = ? AND identity > ? ORDER BY identity LIMIT ?", rs -> new Identity(rs.getString(1),
                        rs.getString(2), Json.parse(rs.getString(3))), accountId, region, after, limit);
    }

    /**
     * The verified identity that lets an address be a sender: the address itself, or its domain or a parent domain
     * (verification is simulated: every identity is verified the moment it is created).
     */
    Optional<Identity> verifying(Tx tx, String accountId, String region, String address) throws SQLException {
        Optional<Identity> exact = find(tx, accountId, region, address);
        if (exact.isPresent()) {
            return exact;
        }
        String domain = canonical(address).substring(address.lastIndexOf('@') + 1);
        while (domain.contains(".")) {
            Optional<Identity> owner = find(tx, accountId, region, domain);
            if (owner.isPresent()) {
                return owner;
            }
            domain = domain.substring(domain.indexOf('.') + 1);
        }
        return Optional.empty();
    }
}
