// SPDX-License-Identifier: Apache-2.0
package dev.waymark.email;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.store.Tx;
import java.sql.SQLException;

/**
 * The account's settings in a region, as a JSON document: SendingEnabled and DedicatedIpAutoWarmupEnabled (both
 * true until changed), and the deliverability dashboard's DashboardEnabled and SubscribedDomains.
 */
final class AccountSettings {
    ObjectNode get(Tx tx, String accountId, String region) throws SQLException {
        ObjectNode defaults = Json.object().put("SendingEnabled", true).put("DedicatedIpAutoWarmupEnabled", true)
                .put("DashboardEnabled", false);
        defaults.putArray("SubscribedDomains");
        tx.queryOne("SELECT settings FROM email_account WHERE account_id = ? AND region = ?",
                rs -> Json.parse(rs.getString(1)), accountId, region).ifPresent(defaults::setAll);
        return defaults;
    }

    void save(Tx tx, String accountId, String region, ObjectNode settings) throws SQLException {
        tx.update("INSERT INTO email_account (account_id, region, settings) VALUES (?, ?, ?) "
                + "ON CONFLICT (account_id, region) DO UPDATE SET settings = excluded.settings", accountId, region,
                settings.toString());
    }
}
