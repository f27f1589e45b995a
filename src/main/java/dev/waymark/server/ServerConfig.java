// SPDX-License-Identifier: Apache-2.0
package dev.waymark.server;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The server's typed, validated configuration. Every setting is a flag {@code --name=value} or an environment
 * variable {@code WAYMARK_NAME}; {@link #describe()} lists them for {@code --help}.
 */
public record ServerConfig(String bind, int port, Path dataDir, long maxBodyBytes, String eventVersion,
                           Set<String> trustedProxies, Optional<Path> identitiesFile, Optional<Path> tlsKeystore,
                           String tlsPassword, boolean recording, Optional<Set<String>> notRecorded,
                           String defaultRegion, java.time.Duration eventRetention,
                           double lookupRateLimit, Optional<Path> maskingFile, java.time.Duration deliveryInterval,
                           Optional<dev.waymark.trail.ExternalBuckets.Settings> externalS3,
                           java.time.Duration digestPeriod, java.time.Duration signingKeyRotation,
                           Optional<dev.waymark.trail.ExternalBuckets.Settings> externalSns,
                           Optional<dev.waymark.channel.SmtpSettings> smtp, Optional<java.net.URI> webhookUrl,
                           int logFileMaxEvents, Optional<dev.waymark.store.Engine.Postgres> database,
                           int databasePoolSize) {
    public static final int DEFAULT_PORT = 8449;

    public ServerConfig {
        requireNonNull(bind, "bind is null");
        requireNonNull(dataDir, "dataDir is null");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("--port must be between 0 and 65535, got " + port);
        }
        if (maxBodyBytes < 1024) {
            throw new IllegalArgumentException("--max-body-size must be at least 1024 bytes");
        }
        if (!eventVersion.matches("1\\.\\d\\d")) {
            throw new IllegalArgumentException("--event-version must look like 1.09, got " + eventVersion);
        }
        trustedProxies = Set.copyOf(trustedProxies);
        if (lookupRateLimit < 0) {
            throw new IllegalArgumentException("--lookup-rate-limit must not be negative");
        }
        if (logFileMaxEvents < 1 || logFileMaxEvents > 100_000) {
            throw new IllegalArgumentException("--log-file-max-events must be between 1 and 100000, got " + logFileMaxEvents);
        }
        if (databasePoolSize < 1 || databasePoolSize > 64) {
            throw new IllegalArgumentException("--database-pool-size must be between 1 and 64, got " + databasePoolSize);
        }
        if (eventRetention.isNegative() || eventRetention.isZero()) {
            throw new IllegalArgumentException("--event-retention-days must be at least 1");
        }
    }

    /** The settings a server reads, with their defaults, for --help. */
    public static List<String> describe() {
        return List.of(
                "--bind=ADDRESS            address to listen on (default 127.0.0.1)",
                "--port=N                  port to listen on (default " + DEFAULT_PORT + "; 0 picks a free one)",
                "--data-dir=DIR            data directory: SQLite store, master key, credentials (default ./data)",
                "--identities-file=FILE    JSON file declaring accounts, users, keys, roles, policies; applied at start",
                "--tls-keystore=FILE       PKCS#12 keystore: serve HTTPS instead of HTTP",
                "--tls-password=SECRET     password of the keystore",
                "--max-body-size=BYTES     largest request body accepted (default 10485760)",
                "--event-version=1.NN      CloudTrail eventVersion written in records (default 1.09)",
                "--trusted-proxies=IP,...  peers whose X-Forwarded-For header names the caller",
                "--not-recorded=OP,...     operations not recorded (default: PutEvents, SendMessages, "
                        + "SendUsersMessages, SendEmail, SendVoiceMessage)",
                "--default-region=REGION   region written into the generated credentials file (default us-east-1)",
                "--event-retention-days=N  days of event history LookupEvents serves (default 90)",
                "--lookup-rate-limit=N     LookupEvents calls per second per account and region (default 0: no "
                        + "limit; AWS allows 2)",
                "--masking-file=FILE       masking table replacing the built-in one (same form as "
                        + "src/main/resources/audit/masking.json)",
                "--delivery-interval=DUR   how often trails deliver log files, e.g. 1s, 5m (default 60s; AWS: about 5m)",
                "--log-file-max-events=N   most events in one delivered log file (default 10000, at most 100000)",
                "--external-s3-endpoint=URL  an external S3-compatible store for trails whose bucket is not embedded",
                "--external-s3-region=R, --external-s3-access-key-id=K, --external-s3-secret-access-key=S,",
                "--external-s3-path-style=true|false   how to reach it (without keys: the default AWS credential chain)",
                "--external-sns-endpoint=URL an external SNS for trails whose topic is not an embedded one",
                "--external-sns-region=R, --external-sns-access-key-id=K, --external-sns-secret-access-key=S",
                "--digest-period=DUR       period of each digest file of trails with log file validation (default 1h)",
                "--signing-key-rotation=DUR  validity of each region's digest-signing key (default 720h = 30 days)",
                "--smtp-host=HOST          SMTP server SendEmail delivers through (default: none; e-mail stays in the "
                        + "local outbox)",
                "--smtp-port=N             its port (default 25, 587 with starttls, 465 with smtps)",
                "--smtp-tls=none|starttls|smtps  plain SMTP, required STARTTLS, or TLS from the start (default starttls)",
                "--smtp-username=U, --smtp-password=P  authenticate to the SMTP server (both or neither)",
                "--webhook-url=URL         HTTP(S) endpoint voice messages and events are POSTed to as JSON (default: "
                        + "none; they stay in the local outbox and event log)",
                "--database-url=URL        jdbc:postgresql://host:port/db: store on PostgreSQL, shared by every node "
                        + "given the same URL (default: the embedded SQLite file in the data directory)",
                "--database-user=U, --database-password=P  PostgreSQL credentials (or in the URL)",
                "--database-pool-size=N    reader connections (default 4); one more connection writes");
    }

    public static ServerConfig from(Settings settings) {
        return new ServerConfig(
                settings.get("bind", "127.0.0.1"),
                integer(settings, "port", DEFAULT_PORT),
                Path.of(settings.get("data-dir", "data")),
                integer(settings, "max-body-size", 10 * 1024 * 1024),
                settings.get("event-version", "1.09"),
                list(settings.get("trusted-proxies", "")),
                settings.get("identities-file").map(Path::of),
                settings.get("tls-keystore").map(Path::of),
                settings.get("tls-password", ""),
                !Boolean.parseBoolean(settings.get("bench-no-audit", "false")),
                settings.get("not-recorded").map(ServerConfig::list),
                settings.get("default-region", "us-east-1"),
                java.time.Duration.ofDays(integer(settings, "event-retention-days", 90)),
                number(settings, "lookup-rate-limit", 0),
                settings.get("masking-file").map(Path::of),
                duration(settings, "delivery-interval", "60s"),
                external(settings, "s3"),
                duration(settings, "digest-period", "1h"),
                duration(settings, "signing-key-rotation", "720h"),
                external(settings, "sns"),
                smtp(settings),
                webhookUrl(settings),
                integer(settings, "log-file-max-events", 10_000),
                database(settings),
                integer(settings, "database-pool-size", 4));
    }

    /** PostgreSQL, when {@code --database-url} is given; else the embedded SQLite engine. */
    private static Optional<dev.waymark.store.Engine.Postgres> database(Settings settings) {
        Optional<String> url = settings.get("database-url");
        if (url.isEmpty()) {
            for (String other : List.of("database-user", "database-password")) {
                if (settings.get(other).isPresent()) {
                    throw new IllegalArgumentException("--" + other + " needs --database-url");
                }
            }
            return Optional.empty();
        }
        return Optional.of(new dev.waymark.store.Engine.Postgres(url.get(), settings.get("database-user"),
                settings.get("database-password")));
    }

    /** The SMTP server e-mail is delivered through, configured when {@code --smtp-host} is given. */
    private static Optional<dev.waymark.channel.SmtpSettings> smtp(Settings settings) {
        Optional<String> host = settings.get("smtp-host");
        if (host.isEmpty()) {
            for (String other : List.of("smtp-port", "smtp-tls", "smtp-username", "smtp-password")) {
                if (settings.get(other).isPresent()) {
                    throw new IllegalArgumentException("--" + other + " needs --smtp-host");
                }
            }
            return Optional.empty();
        }
        var tls = dev.waymark.channel.SmtpSettings.Tls.parse(settings.get("smtp-tls", "starttls"));
        return Optional.of(new dev.waymark.channel.SmtpSettings(host.get(),
                integer(settings, "smtp-port", tls.defaultPort()), tls, settings.get("smtp-username"),
                settings.get("smtp-password")));
    }

    /** The webhook voice messages and events are POSTed to: an absolute http or https URL. */
    private static Optional<java.net.URI> webhookUrl(Settings settings) {
        Optional<String> text = settings.get("webhook-url");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            java.net.URI url = new java.net.URI(text.get());
            if (url.getHost() != null && ("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
                return Optional.of(url);
            }
        } catch (java.net.URISyntaxException e) {
            // falls through to the error
        }
        throw new IllegalArgumentException("--webhook-url must be an http or https URL, got '" + text.get() + "'");
    }

    private static int integer(Settings settings, String name, int defaultValue) {
        String text = settings.get(name, Integer.toString(defaultValue));
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, got '" + text + "'");
        }
    }

    /**
     * An external service ({@code s3}: the store for trails whose bucket is not embedded; {@code sns}: the topics
     * for trails whose topic is not embedded), configured when an endpoint or an access key for it is given.
     */
    private static Optional<dev.waymark.trail.ExternalBuckets.Settings> external(Settings settings, String service) {
        String prefix = "external-" + service + "-";
        Optional<String> endpoint = settings.get(prefix + "endpoint");
        Optional<String> keyId = settings.get(prefix + "access-key-id");
        if (endpoint.isEmpty() && keyId.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new dev.waymark.trail.ExternalBuckets.Settings(endpoint.map(java.net.URI::create),
                    settings.get(prefix + "region", "us-east-1"), keyId, settings.get(prefix + "secret-access-key"),
                    Boolean.parseBoolean(settings.get(prefix + "path-style", "true"))));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--" + prefix + "endpoint is not a URL: " + endpoint.orElse(""));
        }
    }

    /** A duration such as {@code 500ms}, {@code 1s}, {@code 5m} or {@code 1h} (a bare number is seconds). */
    static java.time.Duration duration(Settings settings, String name, String defaultValue) {
        String text = settings.get(name, defaultValue).trim();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)(ms|s|m|h)?").matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("--" + name + " must be a duration such as 1s, 5m or 500ms, got '" + text + "'");
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        java.time.Duration value = switch (unit) {
            case "ms" -> java.time.Duration.ofMillis(amount);
            case "m" -> java.time.Duration.ofMinutes(amount);
            case "h" -> java.time.Duration.ofHours(amount);
            default -> java.time.Duration.ofSeconds(amount);
        };
        if (value.toMillis() < 100) {
            throw new IllegalArgumentException("--" + name + " must be at least 100ms");
        }
        return value;
    }

    private static double number(Settings settings, String name, double defaultValue) {
        String text = settings.get(name, Double.toString(defaultValue));
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number, got '" + text + "'");
        }
    }

    private static Set<String> list(String text) {
        return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }
}
