// SPDX-License-Identifier: Apache-2.0
package dev.waymark.email;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.channel.Channels;
import dev.waymark.channel.Kind;
import dev.waymark.core.Invocation;
import dev.waymark.core.Uuids;
import dev.waymark.pinpoint.EmailTemplates;
import dev.waymark.store.Tx;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;

/**
 * SendEmail: refused while the account's or the configuration set's sending is paused (SendingPausedException), for
 * a configuration set that does not exist (NotFoundException), and for a sender no verified identity covers
 * (MessageRejected, with SES's message); otherwise composed and accepted for delivery in the call's transaction, with
 * its Send event. The account has production access: recipients need not be verified.
 *
 * <p>Template content uses Pinpoint's message templates, as AWS's Pinpoint Email does (its TemplateArn is a
 * {@code mobiletargeting} template ARN): {@link EmailTemplates} renders the active version of the caller's email
 * template with the TemplateData in the call's transaction. A missing TemplateArn, an ARN that is not an email
 * template's, and TemplateData that is not a JSON object are BadRequestException; a template that does not exist, or
 * belongs to another account or region, is NotFoundException ({@code Template <name> does not exist.}). This is the
 * one place the email package uses the pinpoint package (its public facade only).
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
        OutgoingMail mail = OutgoingMail.compose(inv.input(), messageId(now), now, true, template(inv, tx));
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

    /** The Template content rendered, when the content is a Template (and nothing else). */
    private static Optional<OutgoingMail.Rendered> template(Invocation inv, Tx tx) throws SQLException {
        JsonNode content = inv.input().path("Content");
        if (!content.hasNonNull("Template") || content.hasNonNull("Simple") || content.hasNonNull("Raw")) {
            return Optional.empty();
        }
        JsonNode template = content.get("Template");
        String arn = template.path("TemplateArn").asText("");
        if (arn.isEmpty()) {
            throw EmailErrors.badRequest("TemplateArn is required with Template content");
        }
        try {
            EmailTemplates.Rendered rendered = EmailTemplates.render(tx, inv.accountId(), inv.region(), arn,
                    template.path("TemplateData").textValue());
            return Optional.of(new OutgoingMail.Rendered(rendered.subject(), rendered.text(), rendered.html()));
        } catch (EmailTemplates.Failure e) {
            throw switch (e.kind()) {
                case NOT_FOUND -> EmailErrors.notFound(e.getMessage());
                case BAD_REQUEST -> EmailErrors.badRequest(e.getMessage());
            };
        }
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
