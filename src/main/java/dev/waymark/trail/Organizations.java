// SPDX-License-Identifier: Apache-2.0
package dev.waymark.trail;

import dev.waymark.store.Tx;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * The organizations the identities define (tables of the iam package, read here): which organization an account
 * belongs to, its management account, and its members — what organization trails need (cloudtrail.md §8).
 */
final class Organizations {
    private Organizations() {
    }

    /** An organization: its id ({@code o-…}) and management account. */
    record Organization(String id, String managementAccount) {
        boolean managedBy(String accountId) {
            return managementAccount.equals(accountId);
        }
    }

    static Optional<Organization> of(Tx tx, String accountId) throws SQLException {
        return tx.queryOne("SELECT o.id, o.management_account FROM organization_account m JOIN organization o "
                + "ON o.id = m.organization_id WHERE m.account_id = ?", rs -> new Organization(rs.getString(1),
                rs.getString(2)), accountId);
    }

    static List<String> members(Tx tx, String organizationId) throws SQLException {
        return tx.query("SELECT account_id FROM organization_account WHERE organization_id = ? ORDER BY account_id",
                rs -> rs.getString(1), organizationId);
    }

    /**
     * The folder under {@code AWSLogs/} that holds an account's files: the account id, or {@code <o-id>/<account>}
     * when an organization trail delivers them.
     */
    static String logsFolder(Optional<Organization> organization, String accountId) {
        return organization.map(o -> o.id() + "/").orElse("") + accountId;
    }

    /**
     * The folders under {@code AWSLogs/} a trail writes into: its account's, or for an organization trail one per
     * member account ({@code <o-id>/<member>}) — each of which the bucket policy must open to CloudTrail.
     */
    static List<String> logsFolders(Tx tx, Trail trail) throws SQLException {
        Optional<Organization> organization = ofTrail(tx, trail);
        if (organization.isEmpty()) {
            return List.of(trail.accountId());
        }
        return members(tx, organization.get().id()).stream().map(m -> logsFolder(organization, m)).toList();
    }

    /** The organization whose trail this is, when it is an organization trail whose owner still manages one. */
    static Optional<Organization> ofTrail(Tx tx, Trail trail) throws SQLException {
        if (!trail.organization()) {
            return Optional.empty();
        }
        return of(tx, trail.accountId()).filter(o -> o.managedBy(trail.accountId()));
    }
}
