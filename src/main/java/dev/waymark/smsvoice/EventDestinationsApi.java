// SPDX-License-Identifier: Apache-2.0
package dev.waymark.smsvoice;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.channel.DestinationTable;
import dev.waymark.core.Invocation;
import dev.waymark.store.Tx;
import java.sql.SQLException;

/**
 * CreateConfigurationSetEventDestination, UpdateConfigurationSetEventDestination,
 * DeleteConfigurationSetEventDestination, GetConfigurationSetEventDestinations. A configuration set holds at most
 * 10 event destinations (AWS's documented limit; the 11th is LimitExceededException, status 412).
 */
final class EventDestinationsApi {
    static final int MAX_DESTINATIONS = 10;
    private static final DestinationTable DESTINATIONS = ConfigurationSets.DESTINATIONS;

    private final ConfigurationSetsApi setsApi;

    EventDestinationsApi(ConfigurationSetsApi setsApi) {
        this.setsApi = setsApi;
    }

    ObjectNode create(Invocation inv, Tx tx) throws SQLException {
        String set = setsApi.require(inv, tx);
        String name = ConfigurationSetsApi.validName(inv.input().path("EventDestinationName").asText(""),
                "EventDestinationName");
        ObjectNode definition = DestinationDefinition.validated(inv.input().path("EventDestination"));
        if (DESTINATIONS.find(tx, inv.accountId(), inv.region(), set, name).isPresent()) {
            throw SmsVoiceErrors.alreadyExists("Event destination " + name + " already exists in configuration set " + set);
        }
        if (DESTINATIONS.of(tx, inv.accountId(), inv.region(), set).size() >= MAX_DESTINATIONS) {
            throw SmsVoiceErrors.limitExceeded("Configuration set " + set + " already has " + MAX_DESTINATIONS
                    + " event destinations, the most it can have");
        }
        DESTINATIONS.put(tx, inv.accountId(), inv.region(), set, new DestinationTable.Destination(name, definition),
                inv.time().toEpochMilli());
        return ConfigurationSets.MAPPER.createObjectNode();
    }

    ObjectNode update(Invocation inv, Tx tx) throws SQLException {
        String set = setsApi.require(inv, tx);
        String name = requireDestination(inv, tx, set);
        ObjectNode definition = DestinationDefinition.validated(inv.input().path("EventDestination"));
        DESTINATIONS.put(tx, inv.accountId(), inv.region(), set, new DestinationTable.Destination(name, definition),
                inv.time().toEpochMilli());
        return ConfigurationSets.MAPPER.createObjectNode();
    }

    ObjectNode delete(Invocation inv, Tx tx) throws SQLException {
        String set = setsApi.require(inv, tx);
        String name = requireDestination(inv, tx, set);
        DESTINATIONS.delete(tx, inv.accountId(), inv.region(), set, name);
        return ConfigurationSets.MAPPER.createObjectNode();
    }

    ObjectNode get(Invocation inv, Tx tx) throws SQLException {
        String set = setsApi.require(inv, tx);
        ObjectNode output = ConfigurationSets.MAPPER.createObjectNode();
        var list = output.putArray("EventDestinations");
        for (DestinationTable.Destination destination : DESTINATIONS.of(tx, inv.accountId(), inv.region(), set)) {
            ObjectNode item = list.addObject().put("Name", destination.name());
            item.setAll(destination.definition());
        }
        return output;
    }

    private String requireDestination(Invocation inv, Tx tx, String set) throws SQLException {
        String name = inv.input().path("EventDestinationName").asText("");
        if (DESTINATIONS.find(tx, inv.accountId(), inv.region(), set, name).isEmpty()) {
            throw SmsVoiceErrors.notFound("Event destination " + name + " does not exist in configuration set " + set);
        }
        return name;
    }
}
