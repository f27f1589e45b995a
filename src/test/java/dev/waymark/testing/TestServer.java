// SPDX-License-Identifier: Apache-2.0
package dev.waymark.testing;

import dev.waymark.core.Principal.PolicySubject;
import dev.waymark.core.SecretBox;
import dev.waymark.iam.Identities.AccessKey;
import dev.waymark.iam.IdentityStore;
import dev.waymark.iam.Ids;
import dev.waymark.server.ServerConfig;
import dev.waymark.server.Settings;
import dev.waymark.server.WaymarkServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.pinpoint.PinpointClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * A real Waymark server on a free port with its own data directory, and real AWS SDK v2 clients pointed at it.
 * Identities are administered through the same store code the {@code waymark} command line uses.
 */
public final class TestServer implements AutoCloseable {
    private final Path dataDir;
    private final WaymarkServer server;
    private final AwsCredentials root;
    private final String accountId;

    private TestServer(Path dataDir, WaymarkServer server) throws IOException {
        this.dataDir = dataDir;
        this.server = server;
        Properties credentials = new Properties();
        Path file = dataDir.resolve("credentials");
        if (Files.exists(file)) {
            try (var reader = Files.newBufferedReader(file)) {
                credentials.load(reader);
            }
        }
        this.root = credentials.isEmpty() ? null : AwsBasicCredentials.create(
                credentials.getProperty("aws_access_key_id"), credentials.getProperty("aws_secret_access_key"));
        this.accountId = server.credentials().accountId();
    }

    public static TestServer start(String... flags) throws Exception {
        Path dataDir = Files.createTempDirectory("waymark-test");
        return start(dataDir, flags);
    }

    /** Starts a server on an existing data directory (to test restarts). */
    public static TestServer start(Path dataDir, String... flags) throws Exception {
        List<String> args = new ArrayList<>(List.of("--port=0", "--data-dir=" + dataDir));
        args.addAll(TestDatabase.flags(dataDir));
        args.addAll(List.of(flags));
        ServerConfig config = ServerConfig.from(Settings.parse(args, Map.of()));
        return new TestServer(dataDir, WaymarkServer.start(config));
    }

    public Path dataDir() {
        return dataDir;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    public int port() {
        return server.port();
    }

    public WaymarkServer server() {
        return server;
    }

    /** The default account's root key from the generated credentials file (null when accounts were declared). */
    public AwsCredentials rootCredentials() {
        return root;
    }

    public String accountId() {
        return accountId;
    }

    public PinpointClient pinpoint() {
        return pinpoint(root, Region.US_EAST_1);
    }

    public PinpointClient pinpoint(AwsCredentials credentials, Region region) {
        return PinpointClient.builder().endpointOverride(endpoint()).region(region)
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .httpClient(UrlConnectionHttpClient.create()).overrideConfiguration(noRetries()).build();
    }

    public StsClient sts() {
        return sts(root);
    }

    public StsClient sts(AwsCredentials credentials) {
        return StsClient.builder().endpointOverride(endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .httpClient(UrlConnectionHttpClient.create()).overrideConfiguration(noRetries()).build();
    }

    public CloudTrailClient cloudTrail(AwsCredentials credentials, Region region) {
        return CloudTrailClient.builder().endpointOverride(endpoint()).region(region)
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .httpClient(UrlConnectionHttpClient.create()).overrideConfiguration(noRetries()).build();
    }

    /** An S3 client with the SDK's default checksums (so PutObject arrives aws-chunked), path-style. */
    public S3Client s3() {
        return s3(root, Region.US_EAST_1, RequestChecksumCalculation.WHEN_SUPPORTED);
    }

    public S3Client s3(AwsCredentials credentials, Region region, RequestChecksumCalculation checksums) {
        return S3Client.builder().endpointOverride(endpoint()).region(region).forcePathStyle(true)
                .requestChecksumCalculation(checksums)
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .httpClient(UrlConnectionHttpClient.create()).overrideConfiguration(noRetries()).build();
    }

    private static ClientOverrideConfiguration noRetries() {
        return ClientOverrideConfiguration.builder().retryPolicy(RetryPolicy.none()).build();
    }

    /** The CloudTrail records in the event log, in commit order; only those of one event name when given. */
    public List<com.fasterxml.jackson.databind.JsonNode> records(String eventName) {
        List<String> texts = server.store().read(tx -> eventName == null
                ? tx.query("SELECT record FROM event ORDER BY seq", rs -> rs.getString(1))
                : tx.query("SELECT record FROM event WHERE event_name = ? ORDER BY seq", rs -> rs.getString(1), eventName));
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        List<com.fasterxml.jackson.databind.JsonNode> records = new ArrayList<>();
        for (String text : texts) {
            try {
                records.add(mapper.readTree(text));
            } catch (IOException e) {
                throw new AssertionError("a stored record is not JSON: " + text, e);
            }
        }
        return records;
    }

    /** Runs identity administration against the server's store, as the admin command line does. */
    public <T> T admin(AdminWork<T> work) {
        IdentityStore identities = new IdentityStore(SecretBox.fromKeyFile(dataDir.resolve("master.key")));
        return server.store().write(tx -> work.run(identities, tx));
    }

    /** Administration work. */
    @FunctionalInterface
    public interface AdminWork<T> {
        T run(IdentityStore identities, dev.waymark.store.Tx tx) throws Exception;
    }

    /** Creates a user with an access key and the given inline policy (null for none); returns the key. */
    public AwsCredentials createUser(String name, String policy) {
        return createUser(accountId, name, policy);
    }

    public AwsCredentials createUser(String account, String name, String policy) {
        AccessKey key = admin((identities, tx) -> {
            identities.createUser(tx, account, name, "/", System.currentTimeMillis());
            if (policy != null) {
                identities.putPolicy(tx, new PolicySubject(PolicySubject.Kind.USER, account, name), "inline", policy);
            }
            return identities.createAccessKey(tx, account, "USER", name, System.currentTimeMillis());
        });
        return AwsBasicCredentials.create(key.accessKeyId(), key.secret());
    }

    /** Creates a second account and returns its root key. */
    public AccountKey createAccount(String name) {
        String id = Ids.accountId();
        AccessKey key = admin((identities, tx) -> {
            identities.createAccount(tx, id, name, System.currentTimeMillis());
            return identities.createAccessKey(tx, id, "ROOT", "", System.currentTimeMillis());
        });
        return new AccountKey(id, AwsBasicCredentials.create(key.accessKeyId(), key.secret()));
    }

    /** An account id and its root credentials. */
    public record AccountKey(String accountId, AwsCredentials credentials) {
    }

    public static final String ALLOW_ALL = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}";

    @Override
    public void close() throws Exception {
        server.close();
    }
}
