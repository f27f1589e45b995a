// SPDX-License-Identifier: Apache-2.0
package dev.waymark.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.core.AwsException;
import dev.waymark.core.Invocation;
import dev.waymark.store.Tx;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Waymark's own ExportEvents ({@code GET /waymark/v1/events/export}): the export of {@code waymark events export}
 * over HTTP, for the caller's account and the region of its credential scope, authorized as
 * {@code cloudtrail:LookupEvents}. At most {@value #MAX_EVENTS} events in one download.
 */
public final class ExportEventsApi {
    static final int MAX_EVENTS = 100_000;

    private final Duration retention;

    public ExportEventsApi(Duration retention) {
        this.retention = retention;
    }

    public ObjectNode exportEvents(Invocation inv, Tx tx) throws IOException {
        JsonNode input = inv.input();
        EventExport.Format format;
        try {
            format = EventExport.Format.parse(input.path("Format").asText("csv"));
        } catch (IllegalArgumentException e) {
            throw AwsException.modelled("BadRequestException", "format must be csv or json");
        }
        Optional<EventHistory.Attribute> attribute = Optional.empty();
        if (input.has("AttributeKey") || input.has("AttributeValue")) {
            try {
                attribute = Optional.of(new EventHistory.Attribute(input.path("AttributeKey").asText(""),
                        input.path("AttributeValue").asText("")));
            } catch (IllegalArgumentException e) {
                throw AwsException.modelled("BadRequestException", e.getMessage());
            }
        }
        long earliest = inv.time().toEpochMilli() - retention.toMillis();
        long start = Math.max(earliest, time(input, "StartTime", earliest));
        long end = time(input, "EndTime", inv.time().toEpochMilli());
        if (start > end) {
            throw AwsException.modelled("BadRequestException", "start-time must not be after end-time");
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        long count = new EventExport(tx).export(new EventHistory.Filter(inv.accountId(), inv.region(), attribute,
                start, end), format, body, exported -> {
                    if (exported > MAX_EVENTS) {
                        throw AwsException.modelled("BadRequestException", "More than " + MAX_EVENTS
                                + " events match; narrow the time range or add an attribute");
                    }
                });
        ObjectNode output = RecordBuilder.MAPPER.createObjectNode();
        String extension = format == EventExport.Format.CSV ? "csv" : "json";
        output.put("ContentType", format == EventExport.Format.CSV ? "text/csv; charset=utf-8" : "application/json");
        output.put("ContentDisposition", "attachment; filename=\"event-history-" + inv.region() + "-" + count + "." + extension + "\"");
        output.put("Body", body.toByteArray());
        return output;
    }

    private static long time(JsonNode input, String member, long defaultValue) {
        return input.hasNonNull(member) ? Instant.parse(input.get(member).asText()).toEpochMilli() : defaultValue;
    }
}
