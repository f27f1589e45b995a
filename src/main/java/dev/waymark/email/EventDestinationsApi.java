// SPDX-License-Identifier: Apache-2.0
package dev.waymark.email;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.channel.DestinationTable;
import dev.waymark.core.Invocation;
import dev.waymark.store.Tx;
import java.sql.SQLException;

/**
 * CreateConfigurationSetEventDestination, UpdateConfigurationSetEventDestination,
 * DeleteConfigurationSetEventDestination, GetConfigurationSetEventDestinations; at most 10 destinations per set
 * (SES's quota).
 */
final class EventDestinationsApi {
    static final int MAX_DESTINATIONS = 10;
    private static final DestinationTable DESTINATIONS = ConfigurationSetsApi.DESTINATIONS;

    ObjectNode create(Invocation inv, Tx tx) throws SQLException {
        ConfigurationSetsApi.require(inv, tx);
        String set = inv.input().path("ConfigurationSetName").asText();
        String name = Json.name(inv.input().path("EventDestinationName").asText(""), "EventDestinationName");
        ObjectNode definition = DestinationDefinition.validated(inv.input().path("EventDestination"));
        if (DESTINATIONS.find(tx, inv.accountId(), inv.region(), set, name).isPresent()) {
            throw EmailErrors.alreadyExists("Event destination <" + name + "> already exists in configuration set <"
                    + set + ">.");
        }
        if (DESTINATIONS.of(tx, inv.accountId(), inv.region(), set).size() >= MAX_DESTINATIONS) {
            throw EmailErrors.limitExceeded("Configuration set <" + set + "> already has the maximum of "
                    + MAX_DESTINATIONS + " event destinations");
        }
        DESTINATIONS.put(tx, inv.accountId(), inv.region(), set, new DestinationTable.Destination(name, definition),
                inv.time().toEpochMilli());
        return Json.object();
    }

    ObjectNode update(Invocation inv, Tx tx) throws SQLException {
        String set = requireDestination(inv, tx);
        ObjectNode definition = DestinationDefinition.validated(inv.input().path("EventDestination"));
        DESTINATIONS.put(tx, inv.accountId(), inv.region(), set, new DestinationTable.Destination(
                inv.input().path("EventDestinationName").asText(), definition), inv.time().toEpochMilli());
        return Json.object();
    }

    ObjectNode delete(Invocation inv, Tx tx) throws SQLException {
        String set = requireDestination(inv, tx);
        DESTINATIONS.delete(tx, inv.accountId(), inv.region(), set, inv.input().path("EventDestinationName").asText());
        return Json.object();
    }

    ObjectNode get(Invocation inv, Tx tx) throws SQLException {
        ConfigurationSetsApi.require(inv, tx);
        ObjectNode output = Json.object();
        var list = output.putArray("EventDestinations");
        for (DestinationTable.Destination destination : DESTINATIONS.of(tx, inv.accountId(), inv.region(),
                inv.input().path("ConfigurationSetName").asText())) {
            list.addObject().put("Name", destination.name()).setAll(destination.definition());
        }
        return output;
    }

    private String requireDestination(Invocation inv, Tx tx) throws SQLException {
        ConfigurationSetsApi.require(inv, tx);
        String set = inv.input().path("ConfigurationSetName").asText();
        String name = inv.input().path("EventDestinationName").asText();
        if (DESTINATIONS.find(tx, inv.accountId(), inv.region(), set, name).isEmpty()) {
            throw EmailErrors.notFound("Event destination <" + name + "> does not exist in configuration set <" + set + ">.");
        }
        return set;
    }
}
