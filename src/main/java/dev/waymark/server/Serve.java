// SPDX-License-Identifier: Apache-2.0
package dev.waymark.server;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/** {@code waymark serve}: starts the server and runs until it is stopped. */
final class Serve {
    private Serve() {
    }

    static int run(Settings settings, PrintStream out) throws Exception {
        if (settings.has("help")) {
            out.println("Usage: waymark serve [--name=value ...]\n\nSettings (flag or WAYMARK_<NAME>):");
            ServerConfig.describe().forEach(line -> out.println("  " + line));
            return 0;
        }
        ServerConfig config = ServerConfig.from(settings);
        WaymarkServer server = WaymarkServer.start(config);
        String scheme = config.tlsKeystore().isPresent() ? "https" : "http";
        String host = config.bind().equals("0.0.0.0") ? "127.0.0.1" : config.bind();
        Bootstrap.Credentials credentials = server.credentials();
        out.println("Waymark is listening on " + scheme + "://" + config.bind() + ":" + server.port()
                + " (data in " + config.dataDir().toAbsolutePath() + ")");
        credentials.created().ifPresent(key -> out.println("Created the default account " + credentials.accountId()
                + " with a root access key in " + credentials.file().toAbsolutePath()));
        if (java.nio.file.Files.exists(credentials.file())) {
            out.println("Use it with:");
            out.println("AWS_SHARED_CREDENTIALS_FILE=" + credentials.file().toAbsolutePath() + " AWS_PROFILE="
                    + Bootstrap.PROFILE + " AWS_ENDPOINT_URL=" + scheme + "://" + host + ":" + server.port());
            out.println("(the AWS CLI and boto3 also need a region: add AWS_REGION=" + config.defaultRegion()
                    + " if your AWS config names none)");
        } else {
            out.println("Accounts were declared before the first start; use their keys with AWS_ENDPOINT_URL="
                    + scheme + "://" + host + ":" + server.port());
        }
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception e) {
                System.err.println("waymark: error while stopping: " + e);
            } finally {
                stopped.countDown();
            }
        }, "shutdown"));
        stopped.await();
        return 0;
    }
}
