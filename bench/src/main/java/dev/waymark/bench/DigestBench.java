// SPDX-License-Identifier: Apache-2.0
package dev.waymark.bench;

import dev.waymark.core.SecretBox;
import dev.waymark.s3.ObjectFiles;
import dev.waymark.s3.ObjectWriter;
import dev.waymark.server.ServerConfig;
import dev.waymark.server.Settings;
import dev.waymark.server.WaymarkServer;
import dev.waymark.trail.Delivery;
import dev.waymark.trail.ExternalBuckets;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Log file integrity at scale. For a trail with log file validation, in the embedded store and then in moto_server:
 * (1) N log files (default 10,000) delivered in one digest period — one event each, one delivery pass each — then
 * the pass that decides, signs, stores and writes that period's digest, timed, for P periods (default 3 embedded, 1
 * in moto); (2) the last period validated by {@code waymark validate-logs} and by {@code aws cloudtrail validate-logs}
 * on the same bucket, each run as a user runs it (a process), files (digests + log files) per second and the ratio.
 *
 * <p>The server's own delivery is idle (1 h interval); a {@link Delivery} on a clock the benchmark steps drives the
 * trail, starting two periods per measured period in the past so that every digest is over when it is validated.
 *
 * <p>{@code waymark validate-logs} runs as {@code java -cp <classpath> dev.waymark.server.Main validate-logs}: with
 * the benchmark's classpath, because {@code waymark.jar} alone lacks the SDK's {@code http-auth-aws} (the root pom
 * gives it test scope), which the external S3 client needs.
 *
 * <p>Usage: {@code java -cp waymark-bench.jar:waymark.jar dev.waymark.bench.DigestBench <classpath> [files] [periods]
 * [moto: true|false]}
 */
public final class DigestBench {
    private static final Duration PERIOD = Duration.ofHours(1);

    private DigestBench() {
    }

    public static void main(String[] args) throws Exception {
        String classpath = args[0];
        int files = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int periods = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        boolean moto = args.length <= 3 || Boolean.parseBoolean(args[3]);
        List<String> lines = new ArrayList<>(run(classpath, files, periods, Optional.empty(), Optional.empty()));
        if (moto) {
            try (MotoServer s3 = MotoServer.start()) {
                lines.addAll(run(classpath, files, 1, Optional.of(s3.endpoint), Optional.of(s3.process.toHandle())));
            }
        }
        System.out.println();
        lines.forEach(System.out::println);
    }

    /** One store: fills and digests the periods, then validates the last one with both validators. */
    private static List<String> run(String classpath, int files, int periods, Optional<URI> moto,
                                    Optional<ProcessHandle> motoProcess) throws Exception {
        String store = moto.isPresent() ? "moto" : "embedded";
        Path dataDir = Files.createTempDirectory("waymark-digests");
        List<String> flags = new ArrayList<>(List.of("--port=0", "--data-dir=" + dataDir, "--delivery-interval=1h"));
        moto.ifPresent(endpoint -> flags.addAll(motoFlags(endpoint)));
        ServerConfig config = ServerConfig.from(Settings.parse(flags, Map.of()));
        List<String> lines = new ArrayList<>();
        try (WaymarkServer server = WaymarkServer.start(config)) {
            Thread.sleep(1_500);
            Clients clients = new Clients(dataDir, server, moto);
            String trailArn = clients.trail();
            Instant origin = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(PERIOD.multipliedBy(periods + 1L));
            SteppedClock clock = new SteppedClock(origin);
            Delivery delivery = delivery(server, dataDir, config, clock);
            delivery.deliverAll();
            for (int period = 0; period < periods; period++) {
                Instant start = origin.plus(PERIOD.multipliedBy(period));
                long filled = fill(server, delivery, clock, start, files);
                clock.set(start.plus(PERIOD).plusSeconds(1));
                long began = System.nanoTime();
                delivery.deliverAll();
                double millis = (System.nanoTime() - began) / 1e6;
                lines.add(String.format("digest (%s): %,d log files delivered in %.1f s, then the period's digest decided, "
                        + "signed, stored and written in %.0f ms", store, files, filled / 1e9, millis));
            }
            Instant last = origin.plus(PERIOD.multipliedBy(periods - 1L)).plusSeconds(1);
            lines.addAll(validate(classpath, dataDir, clients, trailArn, last, files, moto, motoProcess));
        } finally {
            delete(dataDir);
        }
        return lines;
    }

    private static void delete(Path dataDir) throws IOException {
        try (var paths = Files.walk(dataDir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** Delivers N files in the period: each pass delivers the one event recorded just before it. */
    private static long fill(WaymarkServer server, Delivery delivery, SteppedClock clock, Instant start, int files) {
        long began = System.nanoTime();
        long step = PERIOD.toMillis() / (files + 1L);
        String account = server.credentials().accountId();
        for (int i = 0; i < files; i++) {
            Instant time = start.plusMillis(step * (i + 1L));
            record(server, account, time);
            clock.set(time.plusMillis(1));
            delivery.deliverAll();
        }
        return System.nanoTime() - began;
    }

    /** Both validators on the period that starts at {@code start}; files per second and the ratio. */
    private static List<String> validate(String classpath, Path dataDir, Clients clients, String trailArn, Instant start,
                                         int files, Optional<URI> moto, Optional<ProcessHandle> motoProcess)
            throws Exception {
        String store = moto.isPresent() ? "moto" : "embedded";
        List<String> ours = new ArrayList<>(List.of("java", "-cp", classpath, "dev.waymark.server.Main", "validate-logs",
                "--trail-arn=" + trailArn, "--start-time=" + start, "--data-dir=" + dataDir));
        moto.ifPresent(endpoint -> ours.addAll(motoFlags(endpoint)));
        List<String> cli = List.of("aws", "cloudtrail", "validate-logs", "--trail-arn", trailArn, "--start-time",
                start.toString(), "--region", "us-east-1");
        Map<String, String> env = clients.cliEnvironment(moto);
        String expected = String.format("%d/%d log files valid", files, files);
        Timing waymark = new Timing(Double.MAX_VALUE, 0);
        Timing aws = new Timing(Double.MAX_VALUE, 0);
        for (int round = 0; round < 2; round++) {
            waymark = waymark.best(timed(ours, Map.of(), expected, motoProcess));
            aws = aws.best(timed(cli, env, expected, motoProcess));
        }
        double count = files + 1.0;
        List<String> lines = new ArrayList<>(List.of(String.format("validate-logs (%s), 1 digest + %,d log files: waymark "
                + "%.2f s = %,.0f files/s; aws cli %.2f s = %,.0f files/s; ratio %.1fx", store, files, waymark.seconds(),
                count / waymark.seconds(), aws.seconds(), count / aws.seconds(), aws.seconds() / waymark.seconds())));
        if (motoProcess.isPresent()) {
            lines.add(String.format("  moto_server's CPU during those runs: %.1f s (waymark), %.1f s (aws cli)",
                    waymark.motoCpu(), aws.motoCpu()));
        }
        return lines;
    }

    /** A validator's wall time, and the CPU time moto_server spent meanwhile (0 without moto). */
    private record Timing(double seconds, double motoCpu) {
        Timing best(Timing other) {
            return other.seconds() < seconds ? other : this;
        }
    }

    private static double cpuSeconds(Optional<ProcessHandle> process) {
        return process.flatMap(p -> p.info().totalCpuDuration()).map(d -> d.toNanos() / 1e9).orElse(0.0);
    }

    /** Runs a validator to the end; its wall time (the caller keeps the best of its rounds). */
    private static Timing timed(List<String> command, Map<String, String> env, String expected,
                                Optional<ProcessHandle> moto) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        double motoBefore = cpuSeconds(moto);
        long began = System.nanoTime();
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.MINUTES) || process.exitValue() != 0 || !output.contains("1/1 digest files valid")
                || !output.contains(expected)) {
            throw new IllegalStateException(command.get(0) + " did not validate everything:\n" + output);
        }
        return new Timing((System.nanoTime() - began) / 1e9, cpuSeconds(moto) - motoBefore);
    }

    /** One event of the account in the event log, stamped {@code time}, as the recorder would write it. */
    private static void record(WaymarkServer server, String account, Instant time) {
        String id = UUID.randomUUID().toString();
        String record = "{\"eventVersion\":\"1.09\",\"userIdentity\":{\"type\":\"Root\",\"principalId\":\"" + account
                + "\",\"arn\":\"arn:aws:iam::" + account + ":root\",\"accountId\":\"" + account + "\"},\"eventTime\":\""
                + time.truncatedTo(ChronoUnit.SECONDS) + "\",\"eventSource\":\"pinpoint.amazonaws.com\",\"eventName\":"
                + "\"GetApps\",\"awsRegion\":\"us-east-1\",\"sourceIPAddress\":\"203.0.113.10\",\"userAgent\":"
                + "\"aws-cli/1.45.11\",\"requestParameters\":{\"page-size\":\"10\"},\"responseElements\":null,"
                + "\"requestID\":\"" + id + "\",\"eventID\":\"" + id + "\",\"readOnly\":true,\"eventType\":\"AwsApiCall\","
                + "\"managementEvent\":true,\"recipientAccountId\":\"" + account + "\",\"eventCategory\":\"Management\"}";
        server.store().write(tx -> tx.update("INSERT INTO event (event_id, account_id, region, event_time, event_name, "
                        + "event_source, read_only, username, access_key_id, error_code, record) VALUES (?, ?, ?, ?, ?, ?, ?, "
                        + "?, ?, ?, ?)", id, account, "us-east-1", time.toEpochMilli(), "GetApps", "pinpoint.amazonaws.com", 1,
                "root", "AKIAROOT", null, record));
    }

    private static Delivery delivery(WaymarkServer server, Path dataDir, ServerConfig config, Clock clock) {
        SecretBox secrets = SecretBox.fromKeyFile(dataDir.resolve("master.key"));
        return new Delivery(server.store(), new ObjectWriter(new ObjectFiles(dataDir.resolve("buckets"), secrets)),
                config.externalS3().map(ExternalBuckets::new), clock, Duration.ofHours(1), secrets, PERIOD,
                Duration.ofDays(30), new dev.waymark.sns.Topics(), Optional.empty(), 10_000);
    }

    private static List<String> motoFlags(URI endpoint) {
        return List.of("--external-s3-endpoint=" + endpoint, "--external-s3-access-key-id=moto",
                "--external-s3-secret-access-key=moto");
    }

    /** A clock that stands where the benchmark puts it. */
    private static final class SteppedClock extends Clock {
        private volatile Instant now;

        SteppedClock(Instant start) {
            this.now = start;
        }

        void set(Instant time) {
            now = time;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    /** SDK clients with the default account's root key, the bucket and the trail with log file validation. */
    private static final class Clients {
        private final String accessKeyId;
        private final String secretKey;
        private final URI endpoint;
        private final String accountId;
        private final S3Client s3;
        private final CloudTrailClient cloudTrail;

        Clients(Path dataDir, WaymarkServer server, Optional<URI> moto) throws IOException {
            Properties profile = new Properties();
            try (var reader = Files.newBufferedReader(dataDir.resolve("credentials"))) {
                profile.load(reader);
            }
            accessKeyId = profile.getProperty("aws_access_key_id");
            secretKey = profile.getProperty("aws_secret_access_key");
            var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretKey));
            endpoint = URI.create("http://127.0.0.1:" + server.port());
            accountId = server.credentials().accountId();
            s3 = S3Client.builder().endpointOverride(moto.orElse(endpoint)).forcePathStyle(true).region(Region.US_EAST_1)
                    .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
            cloudTrail = CloudTrailClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                    .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
        }

        /** Creates the bucket (with CloudTrail's policy) and the trail, starts logging; returns its ARN. */
        String trail() {
            s3.createBucket(r -> r.bucket("bench-digests"));
            s3.putBucketPolicy(r -> r.bucket("bench-digests").policy("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
                    + "\"Allow\",\"Principal\":{\"Service\":\"cloudtrail.amazonaws.com\"},\"Action\":\"s3:PutObject\","
                    + "\"Resource\":\"arn:aws:s3:::bench-digests/AWSLogs/" + accountId + "/*\"}]}"));
            String arn = cloudTrail.createTrail(r -> r.name("digests").s3BucketName("bench-digests")
                    .enableLogFileValidation(true)).trailARN();
            cloudTrail.startLogging(r -> r.name("digests"));
            return arn;
        }

        /** The AWS CLI's environment: CloudTrail (and S3, unless moto holds the bucket) at Waymark. */
        Map<String, String> cliEnvironment(Optional<URI> moto) {
            Map<String, String> env = new java.util.HashMap<>(Map.of("AWS_ACCESS_KEY_ID", accessKeyId,
                    "AWS_SECRET_ACCESS_KEY", secretKey, "AWS_DEFAULT_REGION", "us-east-1",
                    "AWS_SHARED_CREDENTIALS_FILE", "/dev/null", "AWS_CONFIG_FILE", "/dev/null"));
            if (moto.isPresent()) {
                env.put("AWS_ENDPOINT_URL_CLOUDTRAIL", endpoint.toString());
                env.put("AWS_ENDPOINT_URL_S3", moto.get().toString());
            } else {
                env.put("AWS_ENDPOINT_URL", endpoint.toString());
            }
            return env;
        }
    }

    /** moto_server on a free loopback port. */
    private static final class MotoServer implements AutoCloseable {
        private final Process process;
        private final URI endpoint;

        private MotoServer(Process process, URI endpoint) {
            this.process = process;
            this.endpoint = endpoint;
        }

        static MotoServer start() throws Exception {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            Process process = new ProcessBuilder("moto_server", "-H", "127.0.0.1", "-p", Integer.toString(port))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            for (int i = 0; i < 300; i++) {
                try (Socket socket = new Socket("127.0.0.1", port)) {
                    return new MotoServer(process, URI.create("http://127.0.0.1:" + port));
                } catch (IOException e) {
                    Thread.sleep(100);
                }
            }
            process.destroy();
            throw new IllegalStateException("moto_server did not start");
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            process.waitFor();
        }
    }
}
