// SPDX-License-Identifier: Apache-2.0
package dev.waymark.server;

import dev.waymark.audit.EventExport;
import dev.waymark.audit.EventHistory;
import dev.waymark.iam.IdentityStore;
import dev.waymark.core.SecretBox;
import dev.waymark.store.Store;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * {@code waymark events export}: downloads event history as CSV or JSON with the filters LookupEvents takes, to a
 * file or standard output, showing progress on a terminal when writing to a file.
 */
final class EventsCommand {
    static final String HELP = """
            Usage: waymark events export [--account=ID] [--region=us-east-1] [--attribute=Key=Value]
                                         [--start-time=ISO-8601] [--end-time=ISO-8601] [--format=csv|json]
                                         [--output=FILE] [--data-dir=DIR]

            Exports the event history of one account and region, newest first. --attribute takes one of EventId,
            EventName, ReadOnly, Username, ResourceType, ResourceName, EventSource, AccessKeyId (as LookupEvents).
            --account defaults to the first account; --format to csv; --output to standard output.""";

    private EventsCommand() {
    }

    static int run(Settings settings, PrintStream out, PrintStream err) throws Exception {
        if (settings.positional().size() < 2 || !settings.positional().get(1).equals("export")) {
            throw new IllegalArgumentException("unknown command; try waymark events export --help");
        }
        if (settings.has("help")) {
            out.println(HELP);
            return 0;
        }
        Path dataDir = Path.of(settings.get("data-dir", "data"));
        EventExport.Format format = EventExport.Format.parse(settings.get("format", "csv"));
        try (Store store = WaymarkServer.openStore(ServerConfig.from(settings))) {
            EventHistory.Filter filter = filter(settings, store, dataDir);
            Optional<String> output = settings.get("output");
            boolean showProgress = output.isPresent() && System.console() != null;
            OutputStream target = output.isPresent()
                    ? new BufferedOutputStream(Files.newOutputStream(Path.of(output.get()))) : out;
            try {
                long count = new EventExport(store).export(filter, format, target, exported -> {
                    if (showProgress) {
                        err.print("\rExported " + exported + " events");
                        err.flush();
                    }
                });
                if (output.isPresent()) {
                    err.println((showProgress ? "\r" : "") + "Exported " + count + " events to " + output.get());
                }
            } finally {
                if (output.isPresent()) {
                    target.close();
                } else {
                    target.flush();
                }
            }
        }
        return 0;
    }

    private static EventHistory.Filter filter(Settings settings, Store store, Path dataDir) {
        String account = settings.get("account").orElseGet(() -> store.read(tx ->
                new IdentityStore(SecretBox.fromKeyFile(dataDir.resolve("master.key"))).accounts(tx))
                .stream().findFirst().map(a -> a.id())
                .orElseThrow(() -> new IllegalArgumentException("there is no account in " + dataDir)));
        Optional<EventHistory.Attribute> attribute = settings.get("attribute").map(text -> {
            int eq = text.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("--attribute takes Key=Value, e.g. EventName=CreateApp");
            }
            return new EventHistory.Attribute(text.substring(0, eq), text.substring(eq + 1));
        });
        long start = settings.get("start-time").map(EventsCommand::time).orElse(0L);
        long end = settings.get("end-time").map(EventsCommand::time).orElse(Long.MAX_VALUE - 1);
        if (start > end) {
            throw new IllegalArgumentException("--start-time must not be after --end-time");
        }
        return new EventHistory.Filter(account, settings.get("region", "us-east-1"), attribute, start, end);
    }

    private static long time(String text) {
        try {
            return Instant.parse(text).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("times are ISO-8601, e.g. 2026-11-24T12:00:00Z; got '" + text + "'");
        }
    }

}
