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
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * GetApplicationDateRangeKpi for the metrics Waymark can compute from the events PutEvents stored, one row per UTC
 * day grouped by {@code Date} as Pinpoint's daily KPIs are: {@code unique-endpoints} (endpoints that reported an
 * event that day), {@code sessions} ({@code _session.start} events) and {@code events} (all events). The
 * messaging KPIs (deliveries, opens and the like) need the sending this issue does not add, and any other name is
 * BadRequestException. Ranges follow Pinpoint: the preceding 7 days by default, at most 31 days, starting less
 * than 90 days ago, start before end.
 */
final class KpiApi {
    private static final Duration DEFAULT_RANGE = Duration.ofDays(7);
    private static final Duration MAX_RANGE = Duration.ofDays(31);
    private static final Duration RETENTION = Duration.ofDays(90);
    private static final Map<String, Kpi> KPIS = Map.of(
            "unique-endpoints", new Kpi("UniqueEndpoints", "COUNT(DISTINCT endpoint_key)", ""),
            "sessions", new Kpi("Sessions", "COUNT(*)", " AND event_type = '_session.start'"),
            "events", new Kpi("Events", "COUNT(*)", ""));

    private record Kpi(String valueKey, String aggregate, String filter) {
    }

    private final AppsApi appsApi;

    KpiApi(AppsApi appsApi) {
        this.appsApi = appsApi;
    }

    ObjectNode getApplicationDateRangeKpi(Invocation inv, Tx tx) throws SQLException {
        App app = appsApi.require(inv, tx);
        String name = inv.input().path("KpiName").asText();
        Kpi kpi = KPIS.get(name);
        if (kpi == null) {
            throw PinpointErrors.badRequest("Waymark does not compute the KPI " + name + "; it computes "
                    + String.join(", ", KPIS.keySet().stream().sorted().toList()));
        }
        Instant end = inv.input().has("EndTime") ? Instant.parse(inv.input().get("EndTime").asText()) : inv.time();
        Instant start = inv.input().has("StartTime") ? Instant.parse(inv.input().get("StartTime").asText()) : end.minus(DEFAULT_RANGE);
        checkRange(start, end, inv.time());
        ObjectNode response = AppsApi.MAPPER.createObjectNode();
        response.put("ApplicationId", app.id()).put("EndTime", end.toString()).put("KpiName", name)
                .put("StartTime", start.toString());
        ArrayNode rows = response.putObject("KpiResult").putArray("Rows");
        daily(tx, app, kpi, start, end).forEach((day, value) -> {
            ObjectNode row = rows.addObject();
            row.putArray("GroupedBys").addObject().put("Key", "Date").put("Type", "String").put("Value", day.toString());
            row.putArray("Values").addObject().put("Key", kpi.valueKey()).put("Type", "Double").put("Value", Double.toString(value));
        });
        return AppsApi.wrap("ApplicationDateRangeKpiResponse", response);
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

    /** The value for each UTC day of the range, zero for days without events. */
    private static Map<LocalDate, Long> daily(Tx tx, App app, Kpi kpi, Instant start, Instant end) throws SQLException {
        Map<LocalDate, Long> values = new LinkedHashMap<>();
        for (LocalDate day = LocalDate.ofInstant(start, ZoneOffset.UTC); !day.isAfter(LocalDate.ofInstant(end, ZoneOffset.UTC));
                day = day.plusDays(1)) {
            long from = Math.max(start.toEpochMilli(), day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli());
            long to = Math.min(end.toEpochMilli(), day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli() - 1);
            values.put(day, tx.queryLong("SELECT " + kpi.aggregate() + " FROM pinpoint_event WHERE account_id = ? AND region = ? "
                    + "AND app_id = ? AND occurred_at BETWEEN ? AND ?" + kpi.filter(), app.accountId(), app.region(), app.id(), from, to));
        }
        return values;
    }
}
