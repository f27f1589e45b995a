// SPDX-License-Identifier: Apache-2.0
package dev.waymark.email;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.channel.DestinationTable;
import dev.waymark.core.Invocation;
import dev.waymark.store.Tx;
import java.sql.SQLException;
import java.util.Optional;

/**
 * CreateConfigurationSet, GetConfigurationSet, ListConfigurationSets, DeleteConfigurationSet and the four
 * Put…Options. A new set sends (SendingEnabled true), with TlsPolicy OPTIONAL and reputation metrics off, as SES
 * gives it; a SendingPoolName must name an existing dedicated IP pool. At most 10,000 sets per region (SES's quota).
 */
final class ConfigurationSetsApi {
    static final Documents SETS = new Documents("email_configuration_set", "name", Optional.of("options"),
            "Configuration set", 10_000);
    static final DestinationTable DESTINATIONS = new DestinationTable("email_event_destination");

    private final Tags tags;

    ConfigurationSetsApi(Tags tags) {
        this.tags = tags;
    }

    ObjectNode create(Invocation inv, Tx tx) throws SQLException {
        String name = Json.name(inv.input().path("ConfigurationSetName").asText(""), "ConfigurationSetName");
        ObjectNode options = Json.object();
        options.putObject("DeliveryOptions").put("TlsPolicy", "OPTIONAL");
        options.putObject("ReputationOptions").put("ReputationMetricsEnabled", false);
        options.putObject("SendingOptions").put("SendingEnabled", true);
        JsonNode input = inv.input();
        if (input.has("TrackingOptions")) {
            options.set("TrackingOptions", tracking(input.get("TrackingOptions").path("CustomRedirectDomain").asText("")));
        }
        if (input.has("DeliveryOptions")) {
            options.set("DeliveryOptions", delivery(inv, tx, input.get("DeliveryOptions")));
        }
        input.path("ReputationOptions").properties().forEach(e -> ((ObjectNode) options.get("ReputationOptions"))
                .set(e.getKey(), e.getValue()));
        input.path("SendingOptions").properties().forEach(e -> ((ObjectNode) options.get("SendingOptions"))
                .set(e.getKey(), e.getValue()));
        SETS.create(tx, inv.accountId(), inv.region(), name, options, inv.time().toEpochMilli());
        tags.put(tx, Arns.of(inv, Arns.CONFIGURATION_SET, name), Tags.valid(input.path("Tags")));
        return Json.object();
    }

    ObjectNode get(Invocation inv, Tx tx) throws SQLException {
        String name = inv.input().path("ConfigurationSetName").asText();
        ObjectNode output = Json.object().put("ConfigurationSetName", name);
        output.setAll(require(inv, tx));
        output.set("Tags", tags.list(tx, Arns.of(inv, Arns.CONFIGURATION_SET, name)));
        return output;
    }

    ObjectNode list(Invocation inv, Tx tx) throws SQLException {
        Paging paging = Paging.of(inv.input(), "configuration-sets");
        ObjectNode output = Json.object();
        paging.write(output, "ConfigurationSets", SETS.page(tx, inv.accountId(), inv.region(), paging.after(),
                paging.limit()), Documents.Entry::name, entry -> Json.MAPPER.getNodeFactory().textNode(entry.name()));
        return output;
    }

    ObjectNode delete(Invocation inv, Tx tx) throws SQLException {
        require(inv, tx);
        String name = inv.input().path("ConfigurationSetName").asText();
        DESTINATIONS.deleteAll(tx, inv.accountId(), inv.region(), name);
        SETS.delete(tx, inv.accountId(), inv.region(), name);
        tags.removeAll(tx, Arns.of(inv, Arns.CONFIGURATION_SET, name));
        return Json.object();
    }

    ObjectNode putDeliveryOptions(Invocation inv, Tx tx) throws SQLException {
        return update(inv, tx, "DeliveryOptions", delivery(inv, tx, inv.input()));
    }

    ObjectNode putReputationOptions(Invocation inv, Tx tx) throws SQLException {
        ObjectNode options = require(inv, tx);
        ObjectNode reputation = (ObjectNode) options.path("ReputationOptions");
        reputation.put("ReputationMetricsEnabled", inv.input().path("ReputationMetricsEnabled").asBoolean(false));
        return save(inv, tx, options);
    }

    ObjectNode putSendingOptions(Invocation inv, Tx tx) throws SQLException {
        ObjectNode sending = Json.object().put("SendingEnabled", inv.input().path("SendingEnabled").asBoolean(false));
        return update(inv, tx, "SendingOptions", sending);
    }

    ObjectNode putTrackingOptions(Invocation inv, Tx tx) throws SQLException {
        String domain = inv.input().path("CustomRedirectDomain").asText("");
        return update(inv, tx, "TrackingOptions", domain.isEmpty() ? null : tracking(domain));
    }

    /** The configuration set the request's label names, which must exist: its options. */
    static ObjectNode require(Invocation inv, Tx tx) throws SQLException {
        return SETS.require(tx, inv.accountId(), inv.region(), inv.input().path("ConfigurationSetName").asText());
    }

    private ObjectNode update(Invocation inv, Tx tx, String member, ObjectNode value) throws SQLException {
        ObjectNode options = require(inv, tx);
        if (value == null) {
            options.remove(member);
        } else {
            options.set(member, value);
        }
        return save(inv, tx, options);
    }

    private static ObjectNode save(Invocation inv, Tx tx, ObjectNode options) throws SQLException {
        SETS.update(tx, inv.accountId(), inv.region(), inv.input().path("ConfigurationSetName").asText(), options);
        return Json.object();
    }

    private static ObjectNode tracking(String domain) {
        if (!Identities.DOMAIN.matcher(domain).matches()) {
            throw EmailErrors.badRequest("Invalid CustomRedirectDomain '" + domain + "'");
        }
        return Json.object().put("CustomRedirectDomain", domain);
    }

    private static ObjectNode delivery(Invocation inv, Tx tx, JsonNode input) throws SQLException {
        ObjectNode delivery = Json.object().put("TlsPolicy", input.path("TlsPolicy").asText("OPTIONAL"));
        if (!delivery.path("TlsPolicy").asText().matches("REQUIRE|OPTIONAL")) {
            throw EmailErrors.badRequest("TlsPolicy must be REQUIRE or OPTIONAL");
        }
        String pool = input.path("SendingPoolName").asText("");
        if (!pool.isEmpty()) {
            DedicatedIpsApi.POOLS.require(tx, inv.accountId(), inv.region(), pool);
            delivery.put("SendingPoolName", pool);
        }
        return delivery;
    }
}
