// SPDX-License-Identifier: Apache-2.0
package dev.waymark.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.waymark.core.Principal.PolicySubject;
import dev.waymark.testing.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;

/**
 * Runs {@code src/test/compat/compat.py} — boto3 and the AWS CLI, configured as a user would (endpoint, shared
 * credentials file, profile, region) — against a real server, with an IAM user and a role it may assume.
 */
class CompatIT {
    private static final String USER = "compat-user";
    private static final String ROLE = "compat-role";

    @Test
    void boto3AndTheAwsCliWorkAgainstWaymark() throws Exception {
        try (TestServer server = TestServer.start("--delivery-interval=300ms")) {
            String account = server.accountId();
            String userArn = "arn:aws:iam::" + account + ":user/" + USER;
            AwsCredentials user = server.createUser(USER, """
                    {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
                     "Action":["sts:AssumeRole","mobiletargeting:*"],"Resource":"*"}]}""");
            String trust = """
                    {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"%s"},
                     "Action":"sts:AssumeRole"}]}""".formatted(userArn);
            String roleArn = server.admin((identities, tx) -> {
                String arn = identities.createRole(tx, account, ROLE, trust, 3600, System.currentTimeMillis()).arn();
                identities.putPolicy(tx, new PolicySubject(PolicySubject.Kind.ROLE, account, ROLE), "read", """
                        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"mobiletargeting:Get*",
                         "Resource":"*"}]}""");
                return arn;
            });

            Path work = Files.createTempDirectory("waymark-compat");
            Path credentials = work.resolve("credentials");
            String file = Files.readString(server.dataDir().resolve("credentials"), StandardCharsets.UTF_8)
                    + "\n[user]\naws_access_key_id = " + user.accessKeyId()
                    + "\naws_secret_access_key = " + user.secretAccessKey() + "\n";
            Files.writeString(credentials, file, StandardCharsets.UTF_8);

            ProcessBuilder builder = new ProcessBuilder("python3", Path.of("src/test/compat/compat.py").toAbsolutePath().toString())
                    .directory(work.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(work.resolve("output.txt").toFile());
            // Only what the script needs: nothing of the caller's AWS configuration or secrets leaks in.
            Map<String, String> env = builder.environment();
            String path = env.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
            String pyenvRoot = env.get("PYENV_ROOT");
            env.clear();
            env.put("PATH", path);
            if (pyenvRoot != null) {
                env.put("PYENV_ROOT", pyenvRoot);
            }
            env.put("HOME", work.toString());
            env.put("LANG", "C.UTF-8");
            env.put("AWS_ENDPOINT_URL", server.endpoint().toString());
            env.put("AWS_SHARED_CREDENTIALS_FILE", credentials.toString());
            env.put("AWS_CONFIG_FILE", work.resolve("config-none").toString());
            env.put("AWS_PROFILE", "waymark");
            env.put("AWS_REGION", "us-east-1");
            env.put("USER_PROFILE", "user");
            env.put("ROLE_ARN", roleArn);

            Process process = builder.start();
            boolean finished = process.waitFor(5, TimeUnit.MINUTES);
            if (!finished) {
                process.destroyForcibly();
            }
            String output = read(work.resolve("output.txt"));
            System.out.println(output);
            if (!finished) {
                fail("compat.py did not finish within 5 minutes; its output:\n" + output);
            }
            assertEquals(0, process.exitValue(), "compat.py failed; its output:\n" + output);
            assertTrue(output.strip().matches("(?s).*\\n\\d+ passed, 0 failed$"), "no summary line:\n" + output);
            deleteTree(work);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }
}
