// SPDX-License-Identifier: Apache-2.0
package dev.waymark.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Waymark as a separate process, started from the built jar as {@code waymark serve} runs it. */
public final class ServerProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on https?://[0-9.]+:(\\d+)");

    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final int port;

    private ServerProcess(Process process) throws IOException, InterruptedException {
        this.process = process;
        BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Thread pump = new Thread(() -> {
            try {
                String line;
                while ((line = reader.readLine()) != null) {
                    output.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "server-output");
        pump.setDaemon(true);
        pump.start();
        this.port = awaitPort();
    }

    public static ServerProcess start(Path dataDir, String... flags) throws IOException, InterruptedException {
        String jar = System.getProperty("waymark.jar", "target/waymark.jar");
        List<String> command = new ArrayList<>(List.of("java", "-jar", jar, "serve", "--port=0", "--data-dir=" + dataDir));
        command.addAll(TestDatabase.flags(dataDir));
        command.addAll(List.of(flags));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        return new ServerProcess(process);
    }

    private int awaitPort() throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            for (String line : output) {
                Matcher matcher = LISTENING.matcher(line);
                if (matcher.find()) {
                    return Integer.parseInt(matcher.group(1));
                }
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("server exited: " + String.join("\n", output));
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("server did not start: " + String.join("\n", output));
    }

    public int port() {
        return port;
    }

    /** A Pinpoint client with the default account's root key from the data directory, without retries. */
    public software.amazon.awssdk.services.pinpoint.PinpointClient pinpoint(Path dataDir) throws IOException {
        java.util.Properties profile = new java.util.Properties();
        try (var reader = java.nio.file.Files.newBufferedReader(dataDir.resolve("credentials"))) {
            profile.load(reader);
        }
        return software.amazon.awssdk.services.pinpoint.PinpointClient.builder()
                .endpointOverride(java.net.URI.create("http://127.0.0.1:" + port))
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(
                                profile.getProperty("aws_access_key_id"), profile.getProperty("aws_secret_access_key"))))
                .overrideConfiguration(software.amazon.awssdk.core.client.config.ClientOverrideConfiguration.builder()
                        .retryPolicy(software.amazon.awssdk.core.retry.RetryPolicy.none()).build())
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create()).build();
    }

    public List<String> output() {
        return List.copyOf(output);
    }

    /** Waits (up to 10 s) until the process has printed this exact line; false when it never does. */
    public boolean printed(String line) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (!output.contains(line)) {
            if (Instant.now().isAfter(deadline)) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    /** Kills the process at once, as {@code kill -9} does. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
