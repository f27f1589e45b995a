// SPDX-License-Identifier: Apache-2.0
package dev.waymark.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.waymark.testing.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The AWS CLI (or a boto3 script) run against a test server with the root key, region us-east-1 and
 * {@code AWS_ENDPOINT_URL}, and no configuration or credential files of the machine.
 */
public final class AwsCli {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestServer server;
    private final Path home;

    public AwsCli(TestServer server) throws IOException {
        this.server = server;
        this.home = Files.createTempDirectory("waymark-cli");
    }

    /** What a command printed and how it ended. */
    public record Result(int exit, String out, String err) {
        public JsonNode json() throws IOException {
            return JSON.readTree(out.isBlank() ? "{}" : out);
        }
    }

    public Result run(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("aws", "--output", "json"));
        command.addAll(List.of(arguments));
        return exec(command, "aws " + String.join(" ", arguments));
    }

    /** A Python script (boto3 is installed with the image's Python) run with the same environment as the CLI. */
    public Result python(String script, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("python3", "-c", script));
        command.addAll(List.of(arguments));
        return exec(command, "python3 script");
    }

    private Result exec(List<String> command, String what) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile());
        var environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("AWS_"));
        environment.put("AWS_ENDPOINT_URL", server.endpoint().toString());
        environment.put("AWS_ACCESS_KEY_ID", server.rootCredentials().accessKeyId());
        environment.put("AWS_SECRET_ACCESS_KEY", server.rootCredentials().secretAccessKey());
        environment.put("AWS_REGION", "us-east-1");
        environment.put("AWS_DEFAULT_REGION", "us-east-1");
        environment.put("AWS_CONFIG_FILE", home.resolve("none").toString());
        environment.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve("none").toString());
        environment.put("HOME", home.toString());
        Path out = home.resolve("out.txt");
        Path err = home.resolve("err.txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(what + " did not finish in 120 s");
        }
        return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    }


    /** Runs a command that must succeed and returns its JSON output. */
    public JsonNode ok(String... arguments) throws IOException, InterruptedException {
        Result result = run(arguments);
        assertEquals(0, result.exit(), "aws " + String.join(" ", arguments) + "\n" + result.out() + result.err());
        return result.json();
    }
}
