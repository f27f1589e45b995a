// SPDX-License-Identifier: Apache-2.0
package dev.waymark.pinpoint;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.core.Invocation;
import dev.waymark.store.Tx;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GetApplicationDateRangeKpi and GetCampaignDateRangeKpi for the metrics Waymark can compute, one row per UTC day
 * grouped by {@code Date} as Pinpoint's daily KPIs are. An application's come from the events PutEvents stored:
 * {@code unique-endpoints} (endpoints that reported an event that day), {@code sessions} ({@code _session.start}
 * events) and {@code events} (all events). A campaign's come from its activities, by the day each began:
 * {@code attempted-deliveries} (endpoints targeted), {@code successful-deliveries} (messages the channel accepted)
 * and {@code successful-delivery-rate}. Opens, clicks and the like need delivery receipts Waymark does not get, and
 * any other name is BadRequestException. Ranges follow Pinpoint: the preceding 7 days by default, at most 31 days,
 * starting less than 90 days ago, start before end.
 */
final class KpiApi {
    private static final Duration DEFAULT_RANGE = Duration.ofDays(7);
    private static final Duration MAX_RANGE = Duration.ofDays(31);
    private static final Duration RETENTION = Duration.ofDays(90);
    private static final String EVENTS = "pinpoint_event WHERE account_id = ? AND region = ? AND app_id = ? AND occurred_at";
    private static final String ACTIVITIES = "pinpoint_campaign_activity WHERE account_id = ? AND region = ? "
            + "AND app_id = ? AND campaign_id = ? AND started_at";
    private static final Map<String, Kpi> APPLICATION = Map.of(
            "unique-endpoints", new Kpi("UniqueEndpoints", "COUNT(DISTINCT endpoint_key)", EVENTS, ""),
            "sessions", new Kpi("Sessions", "COUNT(*)", EVENTS, " AND event_type = '_session.start'"),
            "events", new Kpi("Events", "COUNT(*)", EVENTS, ""));
    private static final Map<String, Kpi> CAMPAIGN = Map.of(
            "attempted-deliveries", new Kpi("AttemptedDeliveries", "COALESCE(SUM(total), 0)", ACTIVITIES, ""),
            "successful-deliveries", new Kpi("SuccessfulDeliveries", "COALESCE(SUM(successful), 0)", ACTIVITIES, ""),
            "successful-delivery-rate", new Kpi("SuccessfulDeliveryRate",
                    "COALESCE(1.0 * SUM(successful) / NULLIF(SUM(total), 0), 0)", ACTIVITIES, ""));

    /** A KPI: its value's key, the aggregate over one day, and the rows it aggregates (scoped, then timed). */
    private record Kpi(String valueKey, String aggregate, String rows, String filter) {
    }

    private final AppsApi appsApi;
    private final CampaignRepository campaigns;

    KpiApi(AppsApi appsApi, CampaignRepository campaigns) {
        this.appsApi = appsApi;
        this.campaigns = campaigns;
    }

    ObjectNode getApplicationDateRangeKpi(Invocation inv, Tx tx) throws SQLException {
        App app = appsApi.require(inv, tx);
        ObjectNode response = AppsApi.MAPPER.createObjectNode().put("ApplicationId", app.id());
        fill(inv, tx, response, APPLICATION, List.of(app.accountId(), app.region(), app.id()));
        return AppsApi.wrap("ApplicationDateRangeKpiResponse", response);
    }

    ObjectNode getCampaignDateRangeKpi(Invocation inv, Tx tx) throws SQLException {
        App app = appsApi.require(inv, tx);
        String campaignId = inv.input().path("CampaignId").asText();
        if (campaigns.find(tx, app.accountId(), app.region(), app.id(), campaignId).isEmpty()) {
            throw PinpointErrors.notFound("Resource not found");
        }
        ObjectNode response = AppsApi.MAPPER.createObjectNode().put("ApplicationId", app.id()).put("CampaignId", campaignId);
        fill(inv, tx, response, CAMPAIGN, List.of(app.accountId(), app.region(), app.id(), campaignId));
        return AppsApi.wrap("CampaignDateRangeKpiResponse", response);
    }

    private static void fill(Invocation inv, Tx tx, ObjectNode response, Map<String, Kpi> known, List<Object> scope)
            throws SQLException {
        String name = inv.input().path("KpiName").asText();
        Kpi kpi = known.get(name);
        if (kpi == null) {
            throw PinpointErrors.badRequest("Waymark does not compute the KPI " + name + "; it computes "
                    + String.join(", ", known.keySet().stream().sorted().toList()));
        }
        Instant end = inv.input().has("EndTime") ? Instant.parse(inv.input().get("EndTime").asText()) : inv.time();
        Instant start = inv.input().has("StartTime") ? Instant.parse(inv.input().get("StartTime").asText()) : end.minus(DEFAULT_RANGE);
        checkRange(start, end, inv.time());
        response.put("EndTime", end.toString()).put("KpiName", name).put("StartTime", start.toString());
        ArrayNode rows = response.putObject("KpiResult").putArray("Rows");
        daily(tx, kpi, scope, start, end).forEach((day, value) -> {
            ObjectNode row = rows.addObject();
            row.putArray("GroupedBys").addObject().put("Key", "Date").put("Type", "String").put("Value", day.toString());
            row.putArray("Values").addObject().put("Key", kpi.valueKey()).put("Type", "Double").put("Value", Double.toString(value));
        });
    }

    private static void checkRange(Instant start, Instant end, Instant now) {
        if (!start.isBefore(end)) {
            throw PinpointErrors.badRequest("StartTime must be before EndTime");
        }
        if (Duration.between(start, end).compareTo(MAX_RANGE) > 0) {
            throw PinpointErrors.badRequest("The date range can be at most 31 days");
        }
        if (start.isBefore(now.minus(RETENTION))) {
            throw PinpointErrors.badRequest("StartTime must be less than 90 days ago");
        }
    }

    /** The value for each UTC day of the range, zero for days without rows. */
    private static Map<LocalDate, Double> daily(Tx tx, Kpi kpi, List<Object> scope, Instant start, Instant end)
            throws SQLException {
        Map<LocalDate, Double> values = new LinkedHashMap<>();
        for (LocalDate day = LocalDate.ofInstant(start, ZoneOffset.UTC); !day.isAfter(LocalDate.ofInstant(end, ZoneOffset.UTC));
                day = day.plusDays(1)) {
            long from = Math.max(start.toEpochMilli(), day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli());
            long to = Math.min(end.toEpochMilli(), day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli() - 1);
            List<Object> arguments = new ArrayList<>(scope);
            arguments.add(from);
            arguments.add(to);
            values.put(day, tx.queryOne("SELECT " + kpi.aggregate() + " FROM " + kpi.rows() + " BETWEEN ? AND ?" + kpi.filter(),
                    rs -> rs.getDouble(1), arguments.toArray()).orElse(0.0));
        }
        return values;
    }
}
