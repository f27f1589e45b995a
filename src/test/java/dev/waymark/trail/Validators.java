// SPDX-License-Identifier: Apache-2.0
package dev.waymark.trail;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsCredentials;

/**
 * The two validators of a trail's digests, run as their users run them: the AWS CLI's {@code aws cloudtrail
 * validate-logs} (a process, CloudTrail at Waymark and S3 at Waymark or at another endpoint), and {@code waymark
 * validate-logs} (the command line's entry point, on the server's data directory).
 */
final class Validators {
    private Validators() {
    }

    /** A validator's exit status and output. */
    record Run(int exit, String out, String err) {
        /** Whether one of its lines (standard output or error) is exactly this one. */
        boolean reports(String line) {
            return out.lines().anyMatch(line::equals) || err.lines().anyMatch(line::equals);
        }

        boolean anyInvalid() {
            return out.contains("INVALID") || err.contains("INVALID");
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    /**
     * {@code aws cloudtrail validate-logs --verbose} with CloudTrail at {@code cloudTrail} and S3 there too, or at
     * {@code s3} when given (botocore's service-specific {@code AWS_ENDPOINT_URL_CLOUDTRAIL} and
     * {@code AWS_ENDPOINT_URL_S3}), with extra arguments (a later {@code --region} is the source region).
     */
    static Run awsCli(URI cloudTrail, Optional<URI> s3, AwsCredentials credentials, String trailArn, Instant start,
                      String... extra) throws Exception {
        List<String> command = new ArrayList<>(List.of("aws", "cloudtrail", "validate-logs", "--trail-arn", trailArn,
                "--start-time", start.toString(), "--region", "us-east-1", "--verbose"));
        command.addAll(List.of(extra));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        if (s3.isPresent()) {
            env.put("AWS_ENDPOINT_URL_CLOUDTRAIL", cloudTrail.toString());
            env.put("AWS_ENDPOINT_URL_S3", s3.get().toString());
        } else {
            env.put("AWS_ENDPOINT_URL", cloudTrail.toString());
        }
        env.put("AWS_ACCESS_KEY_ID", credentials.accessKeyId());
        env.put("AWS_SECRET_ACCESS_KEY", credentials.secretAccessKey());
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.remove("AWS_PROFILE");
        env.put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
        env.put("AWS_CONFIG_FILE", "/dev/null");
        Process process = builder.start();
        process.getOutputStream().close();
        java.util.concurrent.CompletableFuture<byte[]> err = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return process.getErrorStream().readAllBytes();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "aws cloudtrail validate-logs did not finish");
        return new Run(process.exitValue(), out, new String(err.get(), StandardCharsets.UTF_8));
    }

    /** {@code waymark validate-logs --verbose} on a data directory, with extra flags (the external S3 store's). */
    static Run waymark(Path dataDir, String trailArn, Instant start, String... flags) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Method run = Class.forName("dev.waymark.server.Main").getDeclaredMethod("run", List.class, PrintStream.class,
                PrintStream.class);
        run.setAccessible(true);
        List<String> args = new ArrayList<>(List.of("validate-logs", "--trail-arn=" + trailArn, "--start-time=" + start,
                "--verbose", "--data-dir=" + dataDir));
        args.addAll(List.of(flags));
        int exit = (int) run.invoke(null, dev.waymark.testing.TestDatabase.commandLine(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
