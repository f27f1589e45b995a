// SPDX-License-Identifier: Apache-2.0
package dev.waymark.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.waymark.audit.EventHistory.Filter;
import dev.waymark.audit.EventHistory.Position;
import dev.waymark.audit.EventHistory.StoredEvent;
import dev.waymark.audit.EventHistory.StoredResource;
import dev.waymark.store.Store;
import dev.waymark.store.Tx;
import dev.waymark.store.Work;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;

/**
 * Downloads of event history, as the CloudTrail console offers them: CSV (one row per event, the console's
 * columns) or JSON ({@code {"Records": [...]}}, the records as delivered in log files). Reads the history page by
 * page, newest first, with the same filter LookupEvents takes, and streams what it reads.
 */
public final class EventExport {
    /** The CSV columns, in order. */
    public static final List<String> CSV_COLUMNS = List.of("EventId", "EventTime", "Username", "EventName",
            "EventSource", "ResourceType", "ResourceName", "ReadOnly", "AccessKeyId", "AwsRegion", "ErrorCode",
            "SourceIPAddress");
    private static final int PAGE = 1000;

    /** Export formats. */
    public enum Format { CSV, JSON;

        public static Format parse(String text) {
            return valueOf(text.toUpperCase(Locale.ROOT));
        }
    }

    private final Reads reads;
    private final EventHistory history = new EventHistory();

    /** How the export reads: in its own read transactions, or inside a transaction it was given. */
    @FunctionalInterface
    public interface Reads {
        <T> T read(Work<T> work) throws Exception;
    }

    /** An export that reads through the store, a page per read transaction (the command line). */
    public EventExport(Store store) {
        this.reads = store::read;
    }

    /** An export that reads inside a transaction it is given (an API handler). */
    public EventExport(Tx tx) {
        this.reads = new Reads() {
            @Override
            public <T> T read(Work<T> work) throws Exception {
                return work.run(tx);
            }
        };
    }

    /** Writes every event the filter selects; {@code progress} is told the running count after each page. */
    public long export(Filter filter, Format format, OutputStream out, LongConsumer progress) throws IOException {
        return format == Format.CSV ? csv(filter, out, progress) : json(filter, out, progress);
    }

    private long csv(Filter filter, OutputStream out, LongConsumer progress) throws IOException {
        Writer writer = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8);
        writer.write(String.join(",", CSV_COLUMNS) + "\r\n");
        long count = forEachPage(filter, progress, (event, resources, record) -> {
            try {
                writer.write(csvRow(event, resources, record));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        writer.flush();
        return count;
    }

    private long json(Filter filter, OutputStream out, LongConsumer progress) throws IOException {
        JsonGenerator generator = RecordBuilder.MAPPER.getFactory().createGenerator(out);
        generator.writeStartObject();
        generator.writeArrayFieldStart("Records");
        long count = forEachPage(filter, progress, (event, resources, record) -> {
            try {
                generator.writeTree(record);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        generator.writeEndArray();
        generator.writeEndObject();
        generator.flush();
        return count;
    }

    @FunctionalInterface
    private interface EventSink {
        void accept(StoredEvent event, List<StoredResource> resources, JsonNode record);
    }

    private long forEachPage(Filter filter, LongConsumer progress, EventSink sink) throws IOException {
        Position after = Position.NEWEST;
        long count = 0;
        while (true) {
            Position from = after;
            List<Exported> page = readPage(tx -> {
                List<Exported> rows = new java.util.ArrayList<>();
                List<StoredEvent> events = history.page(tx, filter, from, PAGE);
                java.util.Map<Long, List<StoredResource>> resources = history.resources(tx, events);
                for (StoredEvent event : events) {
                    rows.add(new Exported(event, resources.getOrDefault(event.seq(), List.of())));
                }
                return rows;
            });
            for (Exported row : page) {
                sink.accept(row.event(), row.resources(), RecordBuilder.MAPPER.readTree(row.event().record()));
            }
            count += page.size();
            progress.accept(count);
            if (page.size() < PAGE) {
                return count;
            }
            after = page.get(page.size() - 1).event().position();
        }
    }

    private record Exported(StoredEvent event, List<StoredResource> resources) {
    }

    private List<Exported> readPage(Work<List<Exported>> work) throws IOException {
        try {
            return reads.read(work);
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("reading event history failed", e);
        }
    }

    static String csvRow(StoredEvent event, List<StoredResource> resources, JsonNode record) {
        List<String> cells = List.of(event.eventId(), Instant.ofEpochMilli(event.eventTime()).toString(),
                nullToEmpty(event.username()), event.eventName(), event.eventSource(),
                resources.stream().map(StoredResource::type).collect(Collectors.joining(" ")),
                resources.stream().map(StoredResource::name).collect(Collectors.joining(" ")),
                Boolean.toString(event.readOnly()), nullToEmpty(event.accessKeyId()),
                record.path("awsRegion").asText(), nullToEmpty(event.errorCode()),
                record.path("sourceIPAddress").asText());
        return cells.stream().map(EventExport::csvCell).collect(Collectors.joining(",")) + "\r\n";
    }

    /** RFC 4180 quoting; cells that a spreadsheet would run as a formula are prefixed with a quote. */
    static String csvCell(String value) {
        String safe = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return "\"" + safe.replace("\"", "\"\"") + "\"";
        }
        return safe;
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
