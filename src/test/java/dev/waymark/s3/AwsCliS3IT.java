// SPDX-License-Identifier: Apache-2.0
package dev.waymark.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.waymark.testing.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The AWS CLI's {@code aws s3} and {@code aws s3api} against Waymark, with nothing but the endpoint, a key and a
 * region in the environment: botocore chooses path-style addressing by itself for an IP-address endpoint.
 */
class AwsCliS3IT {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static TestServer server;
    private static Path home;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        home = Files.createTempDirectory("waymark-cli");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    /** What a command printed and how it ended. */
    private record Run(int exit, String out, String err) {
    }

    private static Run aws(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("aws"));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile());
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("AWS_"));
        environment.put("AWS_ENDPOINT_URL", server.endpoint().toString());
        environment.put("AWS_ACCESS_KEY_ID", server.rootCredentials().accessKeyId());
        environment.put("AWS_SECRET_ACCESS_KEY", server.rootCredentials().secretAccessKey());
        environment.put("AWS_REGION", "us-east-1");
        environment.put("AWS_CONFIG_FILE", home.resolve("no-config").toString());
        environment.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve("no-credentials").toString());
        environment.put("HOME", home.toString());
        Path out = Files.createTempFile(home, "out", ".txt");
        Path err = Files.createTempFile(home, "err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("aws " + String.join(" ", arguments) + " did not finish");
        }
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static Run ok(String... arguments) throws IOException, InterruptedException {
        Run run = aws(arguments);
        assertEquals(0, run.exit(), "aws " + String.join(" ", arguments) + "\n" + run.out() + run.err());
        return run;
    }

    @Test
    void makeCopyListReadHeadAndRemoveABucket() throws Exception {
        String bucket = "cli-trail-logs";
        assertEquals("make_bucket: " + bucket, ok("s3", "mb", "s3://" + bucket).out().trim());

        Path file = home.resolve("records.json");
        String content = "{\"Records\":[{\"eventName\":\"CreateApp\"}]}\n";
        Files.writeString(file, content);
        String key = "AWSLogs/123456789012/CloudTrail/us-east-1/records.json";
        Run upload = ok("s3", "cp", file.toString(), "s3://" + bucket + "/" + key);
        assertTrue(upload.out().contains("upload: ./records.json to s3://" + bucket + "/" + key)
                || upload.out().contains("to s3://" + bucket + "/" + key), upload.out());

        assertEquals("PRE AWSLogs/", ok("s3", "ls", "s3://" + bucket + "/").out().trim());
        String listed = ok("s3", "ls", "--recursive", "s3://" + bucket + "/").out().trim();
        assertTrue(listed.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d +" + content.length() + " " + key), listed);

        assertEquals(content, ok("s3", "cp", "s3://" + bucket + "/" + key, "-").out());

        JsonNode head = JSON.readTree(ok("s3api", "head-object", "--bucket", bucket, "--key", key).out());
        assertEquals(content.length(), head.path("ContentLength").asInt());
        assertEquals("\"" + ObjectsApi.md5Hex(content.getBytes(StandardCharsets.UTF_8)) + "\"", head.path("ETag").asText());
        assertEquals("AES256", head.path("ServerSideEncryption").asText());

        Run notEmpty = aws("s3", "rb", "s3://" + bucket);
        assertNotEquals(0, notEmpty.exit());
        assertTrue(notEmpty.err().contains("BucketNotEmpty"), notEmpty.err());

        ok("s3", "rm", "s3://" + bucket + "/" + key);
        assertEquals("remove_bucket: " + bucket, ok("s3", "rb", "s3://" + bucket).out().trim());
        assertTrue(!ok("s3", "ls").out().contains(bucket));
    }

    @Test
    void theCliAddressesBucketsByPath() throws Exception {
        String bucket = "cli-path-style";
        Run made = ok("--debug", "s3", "mb", "s3://" + bucket);
        assertTrue(made.err().contains(server.endpoint() + "/" + bucket), "path-style request expected");
        Run missing = aws("s3api", "get-bucket-location", "--bucket", "cli-no-such-bucket");
        assertNotEquals(0, missing.exit(), missing.err());
        assertTrue(missing.err().contains("NoSuchBucket") && missing.err().contains("The specified bucket does not exist"),
                missing.err());
        ok("s3", "rb", "s3://" + bucket);
    }
}
