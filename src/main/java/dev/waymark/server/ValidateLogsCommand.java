// SPDX-License-Identifier: Apache-2.0
package dev.waymark.server;

import dev.waymark.core.SecretBox;
import dev.waymark.s3.ObjectFiles;
import dev.waymark.s3.ObjectReader;
import dev.waymark.store.Store;
import dev.waymark.trail.LogValidator;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;

/**
 * {@code waymark validate-logs}: Waymark's own validator of a trail's digests and log files in the embedded bucket
 * store (what {@code aws cloudtrail validate-logs} checks, and the previous-digest hashes it does not). Exits 1 when
 * anything is invalid or missing.
 */
final class ValidateLogsCommand {
    static final String HELP = """
            Usage: waymark validate-logs --trail-arn=ARN --start-time=ISO-8601 [--end-time=ISO-8601] [--verbose]
                                         [--data-dir=DIR]

            Validates the digest files and log files of a trail whose bucket is in Waymark's embedded bucket store.
            Prints one line per invalid file on standard error (and per valid file with --verbose), then a summary;
            exits 0 when every digest and log file is valid, 1 otherwise.""";

    private ValidateLogsCommand() {
    }

    static int run(Settings settings, PrintStream out, PrintStream err) {
        if (settings.has("help")) {
            out.println(HELP);
            return 0;
        }
        String arn = settings.get("trail-arn").orElseThrow(() -> new IllegalArgumentException("--trail-arn is required"));
        Instant start = Instant.parse(settings.get("start-time")
                .orElseThrow(() -> new IllegalArgumentException("--start-time is required")));
        Instant end = settings.get("end-time").map(Instant::parse).orElse(Instant.now());
        if (start.isAfter(end)) {
            throw new IllegalArgumentException("Invalid time range specified: start-time must occur before end-time");
        }
        Path dataDir = Path.of(settings.get("data-dir", "data"));
        try (Store store = WaymarkServer.openStore(dataDir)) {
            ObjectReader objects = new ObjectReader(store, new ObjectFiles(dataDir.resolve("buckets"),
                    SecretBox.fromKeyFile(dataDir.resolve("master.key"))));
            boolean valid = new LogValidator(store, objects, out, err).validate(arn, start, end, settings.has("verbose"),
                    System.console() != null);
            return valid ? 0 : 1;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
