// SPDX-License-Identifier: Apache-2.0
package dev.waymark.email;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.channel.MailComposer;
import dev.waymark.core.Invocation;
import dev.waymark.core.Uuids;
import dev.waymark.store.Tx;
import java.sql.SQLException;

/**
 * CreateEmailIdentity, GetEmailIdentity, ListEmailIdentities, DeleteEmailIdentity and the DKIM, feedback and
 * MAIL FROM settings. Verification is simulated as succeeding at once: there is no DNS check and no verification
 * mail. A domain gets three DKIM tokens, DKIM status SUCCESS and signing on; an address gets DKIM NOT_STARTED. A
 * MAIL FROM domain must be a subdomain of the identity's domain and is reported SUCCESS. Waymark does not DKIM-sign
 * what it sends: the SMTP server it hands mail to does that, if anyone does. At most 10,000 identities per region.
 */
final class IdentitiesApi {
    private static final long MAX_IDENTITIES = 10_000;

    private final Identities identities;
    private final Tags tags;

    IdentitiesApi(Identities identities, Tags tags) {
        this.identities = identities;
        this.tags = tags;
    }

    ObjectNode create(Invocation inv, Tx tx) throws SQLException {
        String name = Identities.canonical(inv.input().path("EmailIdentity").asText(""));
        Identities.Identity identity = new Identities.Identity(name, type(name), initialAttributes(name));
        if (identities.find(tx, inv.accountId(), inv.region(), name).isPresent()) {
            throw EmailErrors.alreadyExists("Email identity <" + name + "> already exists.");
        }
        if (identities.count(tx, inv.accountId(), inv.region()) >= MAX_IDENTITIES) {
            throw EmailErrors.limitExceeded("Maximum number of email identities (" + MAX_IDENTITIES + ") reached");
        }
        identities.insert(tx, inv.accountId(), inv.region(), identity, inv.time().toEpochMilli());
        tags.put(tx, Arns.of(inv, Arns.IDENTITY, name), Tags.valid(inv.input().path("Tags")));
        ObjectNode output = Json.object().put("IdentityType", identity.type()).put("VerifiedForSendingStatus", true);
        output.set("DkimAttributes", dkim(identity));
        return output;
    }

    ObjectNode get(Invocation inv, Tx tx) throws SQLException {
        Identities.Identity identity = require(inv, tx);
        ObjectNode output = Json.object().put("IdentityType", identity.type())
                .put("FeedbackForwardingStatus", identity.attributes().path("FeedbackForwardingStatus").asBoolean(true))
                .put("VerifiedForSendingStatus", true);
        output.set("DkimAttributes", dkim(identity));
        if (identity.attributes().hasNonNull("MailFromDomain")) {
            output.putObject("MailFromAttributes").put("MailFromDomain", identity.attributes().get("MailFromDomain").asText())
                    .put("MailFromDomainStatus", "SUCCESS")
                    .put("BehaviorOnMxFailure", identity.attributes().path("BehaviorOnMxFailure").asText("USE_DEFAULT_VALUE"));
        }
        output.set("Tags", tags.list(tx, Arns.of(inv, Arns.IDENTITY, identity.name())));
        return output;
    }

    ObjectNode list(Invocation inv, Tx tx) throws SQLException {
        Paging paging = Paging.of(inv.input(), "identities");
        ObjectNode output = Json.object();
        paging.write(output, "EmailIdentities", identities.page(tx, inv.accountId(), inv.region(), paging.after(),
                paging.limit()), Identities.Identity::name, identity -> Json.object()
                .put("IdentityType", identity.type()).put("IdentityName", identity.name()).put("SendingEnabled", true));
        return output;
    }

    ObjectNode delete(Invocation inv, Tx tx) throws SQLException {
        Identities.Identity identity = require(inv, tx);
        identities.delete(tx, inv.accountId(), inv.region(), identity.name());
        tags.removeAll(tx, Arns.of(inv, Arns.IDENTITY, identity.name()));
        return Json.object();
    }

    ObjectNode putDkimAttributes(Invocation inv, Tx tx) throws SQLException {
        Identities.Identity identity = require(inv, tx);
        identity.attributes().put("DkimSigningEnabled", inv.input().path("SigningEnabled").asBoolean(false));
        identities.update(tx, inv.accountId(), inv.region(), identity);
        return Json.object();
    }

    ObjectNode putFeedbackAttributes(Invocation inv, Tx tx) throws SQLException {
        Identities.Identity identity = require(inv, tx);
        identity.attributes().put("FeedbackForwardingStatus", inv.input().path("EmailForwardingEnabled").asBoolean(false));
        identities.update(tx, inv.accountId(), inv.region(), identity);
        return Json.object();
    }

    ObjectNode putMailFromAttributes(Invocation inv, Tx tx) throws SQLException {
        Identities.Identity identity = require(inv, tx);
        String domain = Identities.canonical(inv.input().path("MailFromDomain").asText(""));
        String behavior = inv.input().path("BehaviorOnMxFailure").asText("USE_DEFAULT_VALUE");
        if (!behavior.equals("USE_DEFAULT_VALUE") && !behavior.equals("REJECT_MESSAGE")) {
            throw EmailErrors.badRequest("BehaviorOnMxFailure must be USE_DEFAULT_VALUE or REJECT_MESSAGE");
        }
        if (domain.isEmpty()) {
            identity.attributes().remove("MailFromDomain");
        } else if (!Identities.DOMAIN.matcher(domain).matches() || !domain.endsWith("." + identity.domain())) {
            throw EmailErrors.badRequest("MailFromDomain <" + domain + "> must be a subdomain of <" + identity.domain() + ">");
        } else {
            identity.attributes().put("MailFromDomain", domain);
        }
        identity.attributes().put("BehaviorOnMxFailure", behavior);
        identities.update(tx, inv.accountId(), inv.region(), identity);
        return Json.object();
    }

    private Identities.Identity require(Invocation inv, Tx tx) throws SQLException {
        String name = inv.input().path("EmailIdentity").asText("");
        return identities.find(tx, inv.accountId(), inv.region(), name)
                .orElseThrow(() -> EmailErrors.notFound("Email identity <" + name + "> does not exist."));
    }

    private static String type(String name) {
        if (name.contains("@")) {
            try {
                if (MailComposer.bareAddress(name).equals(name)) {
                    return "EMAIL_ADDRESS";
                }
            } catch (MailComposer.InvalidMail e) {
                // falls through to the error
            }
        } else if (Identities.DOMAIN.matcher(name).matches()) {
            return "DOMAIN";
        }
        throw EmailErrors.badRequest("Invalid email identity <" + name + ">: an email address or a domain name");
    }

    private static ObjectNode initialAttributes(String name) {
        ObjectNode attributes = Json.object().put("FeedbackForwardingStatus", true);
        boolean domain = !name.contains("@");
        attributes.put("DkimSigningEnabled", domain);
        ArrayNode tokens = attributes.putArray("DkimTokens");
        if (domain) {
            for (int i = 0; i < 3; i++) {
                tokens.add(Uuids.random().toString().replace("-", ""));
            }
        }
        return attributes;
    }

    private static ObjectNode dkim(Identities.Identity identity) {
        ObjectNode dkim = Json.object().put("SigningEnabled", identity.attributes().path("DkimSigningEnabled").asBoolean())
                .put("Status", identity.isDomain() ? "SUCCESS" : "NOT_STARTED");
        dkim.set("Tokens", identity.attributes().path("DkimTokens").deepCopy());
        return dkim;
    }
}
