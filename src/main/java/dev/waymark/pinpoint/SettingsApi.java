// SPDX-License-Identifier: Apache-2.0
package dev.waymark.pinpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.core.Invocation;
import dev.waymark.store.Tx;
import java.sql.SQLException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * GetApplicationSettings, UpdateApplicationSettings, and the application's event stream (PutEventStream,
 * GetEventStream, DeleteEventStream). An update replaces the members it carries and keeps the others.
 */
final class SettingsApi {
    private static final Pattern CLOCK = Pattern.compile("([01]\\d|2[0-3]):[0-5]\\d");
    private static final Pattern STREAM_ARN = Pattern.compile(
            "arn:aws[a-z-]*:(kinesis:[a-z0-9-]+:\\d{12}:stream|firehose:[a-z0-9-]+:\\d{12}:deliverystream)/.+");
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/.+");

    private final AppsApi appsApi;
    private final AppRepository apps;

    SettingsApi(AppsApi appsApi, AppRepository apps) {
        this.appsApi = appsApi;
        this.apps = apps;
    }

    ObjectNode getApplicationSettings(Invocation inv, Tx tx) throws SQLException {
        App app = appsApi.require(inv, tx);
        return AppsApi.wrap("ApplicationSettingsResource", settings(tx, app));
    }

    ObjectNode updateApplicationSettings(Invocation inv, Tx tx) throws SQLException {
        App app = appsApi.require(inv, tx);
        JsonNode request = inv.input().path("WriteApplicationSettingsRequest");
        validate(request);
        ObjectNode settings = settings(tx, app);
        request.properties().forEach(e -> settings.set(e.getKey(), e.getValue()));
        settings.put("LastModifiedDate", Timestamps.iso(inv.time()));
        apps.saveSettings(tx, app, settings.toString());
        return AppsApi.wrap("ApplicationSettingsResource", settings);
    }

    private ObjectNode settings(Tx tx, App app) throws SQLException {
        Optional<String> stored = apps.settings(tx, app);
        if (stored.isPresent()) {
            return (ObjectNode) parse(stored.get());
        }
        ObjectNode defaults = AppsApi.MAPPER.createObjectNode();
        defaults.put("ApplicationId", app.id());
        defaults.putObject("CampaignHook");
        defaults.put("LastModifiedDate", app.creationDate());
        defaults.putObject("Limits");
        defaults.putObject("QuietTime");
        return defaults;
    }

    private static void validate(JsonNode request) {
        JsonNode quiet = request.path("QuietTime");
        for (String field : new String[] {"Start", "End"}) {
            if (quiet.has(field) && !CLOCK.matcher(quiet.get(field).asText()).matches()) {
                throw PinpointErrors.badRequest("QuietTime " + field + " must be in HH:mm format");
            }
        }
        JsonNode limits = request.path("Limits");
        checkRange(limits, "Daily", 0, 100);
        checkRange(limits, "Total", 0, 100);
        checkRange(limits, "Session", 0, 100);
        checkRange(limits, "MessagesPerSecond", 1, 20_000);
        checkRange(limits, "MaximumDuration", 60, Integer.MAX_VALUE);
        String mode = request.path("CampaignHook").path("Mode").asText("DELIVERY");
        if (!mode.equals("DELIVERY") && !mode.equals("FILTER")) {
            throw PinpointErrors.badRequest("CampaignHook Mode must be DELIVERY or FILTER");
        }
    }

    private static void checkRange(JsonNode limits, String field, long min, long max) {
        if (limits.has(field) && (limits.get(field).asLong() < min || limits.get(field).asLong() > max)) {
            throw PinpointErrors.badRequest("Limits " + field + " must be between " + min + " and " + max);
        }
    }

    ObjectNode putEventStream(Invocation inv, Tx tx) throws SQLException {
        App app = appsApi.require(inv, tx);
        JsonNode request = inv.input().path("WriteEventStream");
        String destination = request.path("DestinationStreamArn").asText("");
        String role = request.path("RoleArn").asText("");
        if (!STREAM_ARN.matcher(destination).matches()) {
            throw PinpointErrors.badRequest("DestinationStreamArn must be the ARN of a Kinesis data stream or "
                    + "Kinesis Data Firehose delivery stream");
        }
        if (!ROLE_ARN.matcher(role).matches()) {
            throw PinpointErrors.badRequest("RoleArn must be the ARN of an IAM role");
        }
        ObjectNode stream = AppsApi.MAPPER.createObjectNode();
        stream.put("ApplicationId", app.id()).put("DestinationStreamArn", destination).put("RoleArn", role)
                .put("LastModifiedDate", Timestamps.iso(inv.time())).put("LastUpdatedBy", inv.principal().arn());
        apps.saveEventStream(tx, app, stream.toString());
        return AppsApi.wrap("EventStream", stream);
    }

    ObjectNode getEventStream(Invocation inv, Tx tx) throws SQLException {
        App app = appsApi.require(inv, tx);
        return AppsApi.wrap("EventStream", eventStream(tx, app));
    }

    ObjectNode deleteEventStream(Invocation inv, Tx tx) throws SQLException {
        App app = appsApi.require(inv, tx);
        JsonNode stream = eventStream(tx, app);
        apps.saveEventStream(tx, app, null);
        return AppsApi.wrap("EventStream", stream);
    }

    private JsonNode eventStream(Tx tx, App app) throws SQLException {
        return parse(apps.eventStream(tx, app).orElseThrow(() -> PinpointErrors.notFound("Resource not found")));
    }

    private static JsonNode parse(String json) {
        try {
            return AppsApi.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is corrupt", e);
        }
    }
}
