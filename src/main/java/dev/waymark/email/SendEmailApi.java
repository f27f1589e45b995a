// SPDX-License-Identifier: Apache-2.0
package dev.waymark.email;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.channel.Channels;
import dev.waymark.channel.Kind;
import dev.waymark.core.Invocation;
import dev.waymark.core.Uuids;
import dev.waymark.store.Tx;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;

/**
 * SendEmail: refused while the account's or the configuration set's sending is paused (SendingPausedException), for
 * a configuration set that does not exist (NotFoundException), and for a sender no verified identity covers
 * (MessageRejected, with SES's message); otherwise composed and accepted for delivery in the call's transaction, with
 * its Send event. The account has production access: recipients need not be verified.
 */
final class SendEmailApi {
    private final Identities identities;
    private final AccountSettings account;
    private final Channels channels;
    private final EmailEvents events;

    SendEmailApi(Identities identities, AccountSettings account, Channels channels, EmailEvents events) {
        this.identities = identities;
        this.account = account;
        this.channels = channels;
        this.events = events;
    }

    ObjectNode send(Invocation inv, Tx tx) throws SQLException {
        if (!account.get(tx, inv.accountId(), inv.region()).path("SendingEnabled").asBoolean()) {
            throw EmailErrors.sendingPaused("Sending is paused for this account.");
        }
        Optional<String> set = configurationSet(inv, tx);
        long now = inv.time().toEpochMilli();
        OutgoingMail mail = OutgoingMail.compose(inv.input(), messageId(now), now);
        requireVerified(inv, tx, mail.sender());
        ObjectNode payload = mail.payload(inv.accountId(), set, now);
        channels.accept(tx, mail.messageId(), inv.accountId(), inv.region(), Kind.EMAIL,
                "to " + String.join(", ", mail.recipients()) + ": " + mail.subject(), payload, now);
        events.sent(tx, inv.accountId(), inv.region(), payload, now);
        return Json.object().put("MessageId", mail.messageId());
    }

    private Optional<String> configurationSet(Invocation inv, Tx tx) throws SQLException {
        String name = inv.input().path("ConfigurationSetName").asText("");
        if (name.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode options = ConfigurationSetsApi.SETS.require(tx, inv.accountId(), inv.region(), name);
        if (!options.path("SendingOptions").path("SendingEnabled").asBoolean(true)) {
            throw EmailErrors.sendingPaused("Sending is paused for configuration set <" + name + ">.");
        }
        return Optional.of(name);
    }

    /** MessageRejected, in SES's words, unless an identity of the caller's account and region covers the sender. */
    void requireVerified(Invocation inv, Tx tx, String sender) throws SQLException {
        if (identities.verifying(tx, inv.accountId(), inv.region(), sender).isEmpty()) {
            throw EmailErrors.messageRejected("Email address is not verified. The following identities failed the check "
                    + "in region " + inv.region().toUpperCase(Locale.ROOT) + ": " + sender);
        }
    }

    /** A message id in SES's form: {@code 0100} and the time in hex, a UUID, and {@code -000000}. */
    static String messageId(long now) {
        return String.format("0100%012x-%s-000000", now, Uuids.random());
    }
}
