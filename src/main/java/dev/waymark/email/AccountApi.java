// SPDX-License-Identifier: Apache-2.0
package dev.waymark.email;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.channel.Channels;
import dev.waymark.channel.Kind;
import dev.waymark.core.Invocation;
import dev.waymark.store.Tx;
import java.sql.SQLException;
import java.time.Duration;

/**
 * GetAccount, PutAccountSendingAttributes, PutAccountDedicatedIpWarmupAttributes. The account is out of the sandbox
 * (ProductionAccessEnabled, EnforcementStatus HEALTHY) with SES's default production quota (50,000 messages a day,
 * 14 a second), which Waymark reports but does not enforce; SentLast24Hours counts the e-mail accepted in the last
 * 24 hours. PutAccountSendingAttributes with SendingEnabled false pauses SendEmail.
 */
final class AccountApi {
    private final AccountSettings account;
    private final Channels channels;

    AccountApi(AccountSettings account, Channels channels) {
        this.account = account;
        this.channels = channels;
    }

    ObjectNode getAccount(Invocation inv, Tx tx) throws SQLException {
        ObjectNode settings = account.get(tx, inv.accountId(), inv.region());
        long since = inv.time().minus(Duration.ofHours(24)).toEpochMilli();
        ObjectNode output = Json.object();
        output.putObject("SendQuota").put("Max24HourSend", 50_000.0).put("MaxSendRate", 14.0)
                .put("SentLast24Hours", (double) channels.outbox().count(tx, inv.accountId(), inv.region(), Kind.EMAIL, since));
        return output.put("SendingEnabled", settings.path("SendingEnabled").asBoolean())
                .put("DedicatedIpAutoWarmupEnabled", settings.path("DedicatedIpAutoWarmupEnabled").asBoolean())
                .put("EnforcementStatus", "HEALTHY").put("ProductionAccessEnabled", true);
    }

    ObjectNode putSendingAttributes(Invocation inv, Tx tx) throws SQLException {
        return put(inv, tx, "SendingEnabled", inv.input().path("SendingEnabled").asBoolean(false));
    }

    ObjectNode putDedicatedIpWarmupAttributes(Invocation inv, Tx tx) throws SQLException {
        return put(inv, tx, "DedicatedIpAutoWarmupEnabled", inv.input().path("AutoWarmupEnabled").asBoolean(false));
    }

    private ObjectNode put(Invocation inv, Tx tx, String member, boolean value) throws SQLException {
        ObjectNode settings = account.get(tx, inv.accountId(), inv.region()).put(member, value);
        account.save(tx, inv.accountId(), inv.region(), settings);
        return Json.object();
    }
}
