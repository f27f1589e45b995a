// SPDX-License-Identifier: Apache-2.0
package dev.waymark.server;

import dev.waymark.core.SecretBox;
import dev.waymark.s3.ObjectFiles;
import dev.waymark.s3.ObjectReader;
import dev.waymark.store.Store;
import dev.waymark.trail.ExternalBuckets;
import dev.waymark.trail.LogValidator;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code waymark validate-logs}: Waymark's own validator of a trail's digests and log files (what {@code aws
 * cloudtrail validate-logs} checks, backfill digests included, and the previous-digest hashes and signatures it does
 * not), read from the embedded bucket store or, for a bucket that is not embedded, from the external S3 store the
 * server's {@code --external-s3-*} settings name. Exits 1 when anything is invalid or missing.
 */
final class ValidateLogsCommand {
    static final String HELP = """
            Usage: waymark validate-logs --trail-arn=ARN --start-time=ISO-8601 [--end-time=ISO-8601] [--region=REGION]
                                         [--account-id=ID] [--verbose] [--data-dir=DIR] [--external-s3-endpoint=URL ...]

            Validates the digest files (standard, then backfill) and log files of a trail, as aws cloudtrail
            validate-logs does, in the source region --region (default: the trail's home region) and, for an
            organization trail, of the member account --account-id (default: the trail's own account). A trail whose bucket
            is in Waymark's embedded store is read from the data directory; any other bucket through the external S3
            store given by the same --external-s3-endpoint, --external-s3-region, --external-s3-access-key-id,
            --external-s3-secret-access-key and --external-s3-path-style settings as the server's (or their WAYMARK_*
            variables). Prints one line per invalid file on standard error (and per valid file with --verbose), then a
            summary; exits 0 when every digest and log file is valid, 1 otherwise.""";

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
        Optional<ExternalBuckets> external = ServerConfig.from(settings).externalS3().map(ExternalBuckets::new);
        try (Store store = WaymarkServer.openStore(ServerConfig.from(settings))) {
            ObjectReader objects = new ObjectReader(store, new ObjectFiles(dataDir.resolve("buckets"),
                    SecretBox.fromKeyFile(dataDir.resolve("master.key"))));
            boolean valid = new LogValidator(store, objects, external, out, err).validate(arn, settings.get("region"),
                    settings.get("account-id"), start, end, settings.has("verbose"), System.console() != null);
            return valid ? 0 : 1;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            external.ifPresent(ExternalBuckets::close);
        }
    }
}
