// SPDX-License-Identifier: Apache-2.0
package dev.waymark.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * A moto_server (installed with the image's Python) on a free loopback port: the real S3, SNS and SQS peer of the
 * tests of external stores. Its account is 123456789012 and it takes any key; this one is {@code moto}/{@code moto}.
 */
public final class Moto implements AutoCloseable {
    public static final String ACCOUNT = "123456789012";
    private final Process process;
    private final URI endpoint;

    private Moto(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    public static Moto start() throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        return start(port);
    }

    /** A moto on this port (a fresh one, empty, after an earlier one on the port was closed). */
    public static Moto start(int port) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("moto_server", "-H", "127.0.0.1", "-p", Integer.toString(port))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                return new Moto(process, URI.create("http://127.0.0.1:" + port));
            } catch (IOException e) {
                if (Instant.now().isAfter(deadline) || !process.isAlive()) {
                    process.destroy();
                    throw new IllegalStateException("moto_server did not start", e);
                }
                Thread.sleep(100);
            }
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    /**
     * The Waymark flags that point one of its external services ({@code s3}, {@code sns}) at this moto, followed by
     * any other flags.
     */
    public String[] flags(String service, String... others) {
        java.util.List<String> flags = new java.util.ArrayList<>(java.util.List.of("--external-" + service + "-endpoint="
                + endpoint, "--external-" + service + "-access-key-id=moto", "--external-" + service
                + "-secret-access-key=moto"));
        flags.addAll(java.util.List.of(others));
        return flags.toArray(String[]::new);
    }

    /** Points an SDK client builder at this moto. */
    public <B extends AwsClientBuilder<B, C> & SdkSyncClientBuilder<B, C>, C> C client(B builder) {
        return builder.endpointOverride(endpoint).region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("moto", "moto"))).build();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
