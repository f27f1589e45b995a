// SPDX-License-Identifier: Apache-2.0
package dev.waymark.pinpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.waymark.testing.Moto;
import dev.waymark.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.pinpoint.PinpointClient;
import software.amazon.awssdk.services.pinpoint.model.BadRequestException;
import software.amazon.awssdk.services.pinpoint.model.ExportJobResponse;
import software.amazon.awssdk.services.pinpoint.model.Format;
import software.amazon.awssdk.services.pinpoint.model.ImportJobResponse;
import software.amazon.awssdk.services.pinpoint.model.JobStatus;
import software.amazon.awssdk.services.pinpoint.model.NotFoundException;
import software.amazon.awssdk.services.pinpoint.model.SegmentResponse;
import software.amazon.awssdk.services.pinpoint.model.SegmentType;
import software.amazon.awssdk.services.s3.S3Client;

/** Pinpoint import and export jobs end to end through the AWS SDK for Java v2, embedded and external (moto) buckets. */
class PinpointJobsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TRUST_PINPOINT = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"pinpoint.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
    private static final String S3_READ_WRITE = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":[\"s3:GetObject\",\"s3:ListBucket\",\"s3:PutObject\"],\"Resource\":\"*\"}]}";
    /** The jobs role of each server's account, by that server's client (jobs act as it). */
    private static final Map<PinpointClient, String> ROLE_OF = new java.util.IdentityHashMap<>();
    private static String ROLE;
    private static final AtomicInteger BUCKETS = new AtomicInteger();
    private static TestServer server;
    private static PinpointClient pinpoint;
    private static S3Client s3;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        pinpoint = jobsClient(server);
        ROLE = ROLE_OF.get(pinpoint);
        s3 = server.s3();
    }

    /** The server's root client, its account given a role Pinpoint may assume, with S3 read and write. */
    private static PinpointClient jobsClient(TestServer on) {
        PinpointClient client = on.pinpoint();
        ROLE_OF.put(client, createRole(on, "pinpoint-jobs", TRUST_PINPOINT, S3_READ_WRITE));
        return client;
    }

    private static String createRole(TestServer on, String name, String trust, String policy) {
        return on.admin((identities, tx) -> {
            String arn = identities.createRole(tx, on.accountId(), name, trust, 3600, System.currentTimeMillis()).arn();
            identities.putPolicy(tx, new dev.waymark.core.Principal.PolicySubject(
                    dev.waymark.core.Principal.PolicySubject.Kind.ROLE, on.accountId(), name), "s3", policy);
            return arn;
        });
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static String app(PinpointClient client) {
        return client.createApp(r -> r.createApplicationRequest(a -> a.name("jobs"))).applicationResponse().id();
    }

    private static String bucket(S3Client client) {
        String name = "pinpoint-jobs-" + BUCKETS.incrementAndGet() + "-" + System.nanoTime() % 100000;
        client.createBucket(r -> r.bucket(name));
        return name;
    }

    private static void put(S3Client client, String bucket, String key, String body) {
        client.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromString(body, StandardCharsets.UTF_8));
    }

    private static final String CSV = "ChannelType,Address,Id,User.UserId,Attributes.city,Metrics.score,Location.Latitude\n"
            + "EMAIL,ana@example.com,ana,u-ana,Lisbon,4.5,38.7\n"
            + "SMS,+15555550100,bob,u-bob,\"Porto, Norte\",2,\n";

    private static ImportJobResponse importJob(PinpointClient client, String app, String url, Format format,
                                               java.util.function.Consumer<software.amazon.awssdk.services.pinpoint.model.ImportJobRequest.Builder> more) {
        var created = client.createImportJob(r -> r.applicationId(app).importJobRequest(q -> {
            q.s3Url(url).format(format).roleArn(ROLE_OF.get(client));
            more.accept(q);
        }));
        assertEquals(201, created.sdkHttpResponse().statusCode());
        ImportJobResponse job = created.importJobResponse();
        assertEquals(JobStatus.CREATED, job.jobStatus());
        assertEquals("IMPORT", job.type());
        assertEquals(app, job.applicationId());
        assertNotNull(job.creationDate());
        return waitFor(() -> client.getImportJob(r -> r.applicationId(app).jobId(job.id())).importJobResponse(),
                ImportJobResponse::jobStatus);
    }

    private static ExportJobResponse exportJob(PinpointClient client, String app, String prefix, String segmentId) {
        var created = client.createExportJob(r -> r.applicationId(app).exportJobRequest(q -> q.s3UrlPrefix(prefix)
                .roleArn(ROLE_OF.get(client)).segmentId(segmentId)));
        assertEquals(202, created.sdkHttpResponse().statusCode());
        ExportJobResponse job = created.exportJobResponse();
        assertEquals(JobStatus.CREATED, job.jobStatus());
        assertEquals("EXPORT", job.type());
        return waitFor(() -> client.getExportJob(r -> r.applicationId(app).jobId(job.id())).exportJobResponse(),
                ExportJobResponse::jobStatus);
    }

    private static <T> T waitFor(Supplier<T> get, java.util.function.Function<T, JobStatus> status) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (true) {
            T job = get.get();
            if (status.apply(job) == JobStatus.COMPLETED || status.apply(job) == JobStatus.FAILED) {
                return job;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("job still " + status.apply(job));
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    private static List<JsonNode> lines(String text) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }

    private static Set<String> ids(List<JsonNode> endpoints) {
        Set<String> ids = new TreeSet<>();
        endpoints.forEach(e -> ids.add(e.path("Id").asText()));
        return ids;
    }

    /** Every endpoint written under an export job's folder. */
    private static List<JsonNode> exported(S3Client client, String bucket, String prefix) throws Exception {
        List<JsonNode> endpoints = new ArrayList<>();
        for (var object : client.listObjectsV2(r -> r.bucket(bucket).prefix(prefix)).contents()) {
            assertTrue(object.key().matches(java.util.regex.Pattern.quote(prefix) + "[0-9a-f]{32}/part-\\d{5}\\.json"), object.key());
            endpoints.addAll(lines(client.getObjectAsBytes(r -> r.bucket(bucket).key(object.key())).asUtf8String()));
        }
        return endpoints;
    }

    @Test
    void csvAndJsonImportsDefineAndGrowAnImportedSegment() throws Exception {
        String app = app(pinpoint);
        String bucket = bucket(s3);
        put(s3, bucket, "audience/csv/endpoints.csv", CSV);
        ImportJobResponse job = importJob(pinpoint, app, "s3://" + bucket + "/audience/csv/", Format.CSV,
                q -> q.defineSegment(true).segmentName("Imported").registerEndpoints(true).externalId("ext-1"));
        assertEquals(JobStatus.COMPLETED, job.jobStatus(), job.failures().toString());
        assertEquals(1, job.totalPieces());
        assertEquals(1, job.completedPieces());
        assertEquals(0, job.failedPieces());
        assertEquals(2, job.totalProcessed());
        assertEquals(0, job.totalFailures());
        assertNotNull(job.completionDate());
        String segmentId = job.definition().segmentId();
        assertNotNull(segmentId);

        var ana = pinpoint.getEndpoint(r -> r.applicationId(app).endpointId("ana")).endpointResponse();
        assertEquals("ana@example.com", ana.address());
        assertEquals("EMAIL", ana.channelTypeAsString());
        assertEquals("u-ana", ana.user().userId());
        assertEquals(List.of("Lisbon"), ana.attributes().get("city"));
        assertEquals(4.5, ana.metrics().get("score"));
        assertEquals(38.7, ana.location().latitude());
        assertEquals("ACTIVE", ana.endpointStatus());
        assertEquals(List.of("Porto, Norte"), pinpoint.getEndpoint(r -> r.applicationId(app).endpointId("bob"))
                .endpointResponse().attributes().get("city"));

        SegmentResponse segment = pinpoint.getSegment(r -> r.applicationId(app).segmentId(segmentId)).segmentResponse();
        assertEquals(SegmentType.IMPORT, segment.segmentType());
        assertEquals("Imported", segment.name());
        assertEquals(1, segment.version());
        assertEquals(2, segment.importDefinition().size());
        assertEquals(Map.of("EMAIL", 1, "SMS", 1), segment.importDefinition().channelCounts());
        assertEquals("ext-1", segment.importDefinition().externalId());
        assertEquals(List.of(job.id()), pinpoint.getSegmentImportJobs(r -> r.applicationId(app).segmentId(segmentId))
                .importJobsResponse().item().stream().map(ImportJobResponse::id).toList());

        // A JSON file adds to the segment (a new version); an endpoint written otherwise is not a member.
        put(s3, bucket, "audience/more.json", "{\"ChannelType\":\"EMAIL\",\"Address\":\"cy@example.com\",\"Id\":\"cy\","
                + "\"User\":{\"UserId\":\"u-cy\",\"UserAttributes\":{\"tier\":[\"gold\"]}},\"Demographic\":{\"Platform\":\"ios\"}}\n\n"
                + "{\"ChannelType\":\"EMAIL\",\"Address\":\"ana@example.com\",\"Id\":\"ANA\",\"Attributes\":{\"team\":[\"red\"]}}\n");
        pinpoint.updateEndpoint(r -> r.applicationId(app).endpointId("outsider").endpointRequest(e -> e.channelType("EMAIL")
                .address("out@example.com")));
        ImportJobResponse more = importJob(pinpoint, app, "s3://" + bucket + "/audience/more.json", Format.JSON,
                q -> q.segmentId(segmentId));
        assertEquals(JobStatus.COMPLETED, more.jobStatus(), more.failures().toString());
        assertEquals(2, more.totalProcessed());
        var merged = pinpoint.getEndpoint(r -> r.applicationId(app).endpointId("ana")).endpointResponse();
        assertEquals(List.of("Lisbon"), merged.attributes().get("city"), "an import merges as UpdateEndpoint does");
        assertEquals(List.of("red"), merged.attributes().get("team"));
        assertEquals(List.of("gold"), pinpoint.getEndpoint(r -> r.applicationId(app).endpointId("cy")).endpointResponse()
                .user().userAttributes().get("tier"));
        SegmentResponse grown = pinpoint.getSegment(r -> r.applicationId(app).segmentId(segmentId)).segmentResponse();
        assertEquals(2, grown.version());
        assertEquals(3, grown.importDefinition().size());
        assertEquals(Map.of("EMAIL", 2, "SMS", 1), grown.importDefinition().channelCounts());
        assertEquals(2, pinpoint.getSegmentImportJobs(r -> r.applicationId(app).segmentId(segmentId))
                .importJobsResponse().item().size());
        var all = pinpoint.getImportJobs(r -> r.applicationId(app)).importJobsResponse().item();
        assertEquals(List.of(more.id(), job.id()), all.stream().map(ImportJobResponse::id).toList(), "newest first");

        // The segment's members are what the engine gives an export, version by version.
        String out = bucket(s3);
        ExportJobResponse export = exportJob(pinpoint, app, "s3://" + out + "/segment/", segmentId);
        assertEquals(JobStatus.COMPLETED, export.jobStatus(), export.failures().toString());
        assertEquals(Set.of("ana", "bob", "cy"), ids(exported(s3, out, "segment/")));
        var first = pinpoint.createExportJob(r -> r.applicationId(app).exportJobRequest(q -> q.s3UrlPrefix("s3://" + out
                + "/v1/").roleArn(ROLE).segmentId(segmentId).segmentVersion(1))).exportJobResponse();
        assertEquals(JobStatus.COMPLETED, waitFor(() -> pinpoint.getExportJob(r -> r.applicationId(app).jobId(first.id()))
                .exportJobResponse(), ExportJobResponse::jobStatus).jobStatus());
        assertEquals(Set.of("ana", "bob"), ids(exported(s3, out, "v1/")));
        assertEquals(2, pinpoint.getSegmentExportJobs(r -> r.applicationId(app).segmentId(segmentId)).exportJobsResponse()
                .item().size());
    }

    @Test
    void badRowsAreFailuresAndTheRestIsImported() {
        String app = app(pinpoint);
        String bucket = bucket(s3);
        put(s3, bucket, "in/a.csv", "ChannelType,Address,Id,Metrics.score\n"
                + "EMAIL,one@example.com,one,1\n"
                + "FAX,two@example.com,two,2\n"
                + "EMAIL,three@example.com,three,many\n"
                + "EMAIL,four@example.com,four,4\n");
        put(s3, bucket, "in/b.csv", "ChannelType,Address,Id\nEMAIL,five@example.com,five\n");
        ImportJobResponse job = importJob(pinpoint, app, "s3://" + bucket + "/in/", Format.CSV, q -> { });
        assertEquals(JobStatus.COMPLETED, job.jobStatus());
        assertEquals(2, job.totalPieces());
        assertEquals(1, job.completedPieces());
        assertEquals(1, job.failedPieces());
        assertEquals(5, job.totalProcessed());
        assertEquals(2, job.totalFailures());
        assertEquals(2, job.failures().size(), job.failures().toString());
        assertTrue(job.failures().get(0).startsWith("in/a.csv line 3: ChannelType 'FAX'"), job.failures().get(0));
        assertTrue(job.failures().get(1).startsWith("in/a.csv line 4: Metrics.score must be a number"), job.failures().get(1));
        for (String id : List.of("one", "four", "five")) {
            assertEquals(id, pinpoint.getEndpoint(r -> r.applicationId(app).endpointId(id)).endpointResponse().id());
        }
        for (String id : List.of("two", "three")) {
            assertThrows(NotFoundException.class, () -> pinpoint.getEndpoint(r -> r.applicationId(app).endpointId(id)));
        }

        put(s3, bucket, "json/x.json", "not json\n{\"ChannelType\":\"EMAIL\",\"Address\":\"j@example.com\",\"Id\":\"j\"}\n"
                + "{\"ChannelType\":\"EMAIL\",\"Address\":\"k@example.com\",\"Attributes\":{\"bad\":\"x\"}}\n"
                + "{\"ChannelType\":\"SMS\"}\n{\"ChannelType\":\"EMAIL\",\"Address\":\"" + "l".repeat(10) + "@example.com\","
                + "\"Attributes\":{\"" + "n".repeat(51) + "\":[\"v\"]}}\n");
        ImportJobResponse json = importJob(pinpoint, app, "s3://" + bucket + "/json/", Format.JSON, q -> { });
        assertEquals(JobStatus.COMPLETED, json.jobStatus());
        assertEquals(5, json.totalProcessed());
        assertEquals(4, json.totalFailures(), json.failures().toString());
        assertTrue(json.failures().get(0).startsWith("json/x.json line 1: not valid JSON"), json.failures().toString());
        assertTrue(json.failures().get(2).contains("ChannelType and Address are required"), json.failures().toString());
        assertTrue(json.failures().get(3).contains("attribute name must be 1 to 50"), json.failures().toString());
        assertEquals("j@example.com", pinpoint.getEndpoint(r -> r.applicationId(app).endpointId("j")).endpointResponse().address());

        put(s3, bucket, "header/x.csv", "ChannelType,Address,Nickname\nEMAIL,a@example.com,al\n");
        ImportJobResponse header = importJob(pinpoint, app, "s3://" + bucket + "/header/", Format.CSV, q -> { });
        assertEquals(JobStatus.FAILED, header.jobStatus());
        assertEquals(1, header.failedPieces());
        assertTrue(header.failures().get(0).contains("unknown endpoint attribute: 'Nickname'"), header.failures().toString());
    }

    @Test
    void exportWritesEveryEndpointAsJsonLines() throws Exception {
        String app = app(pinpoint);
        for (int i = 0; i < 5; i++) {
            int n = i;
            pinpoint.updateEndpoint(r -> r.applicationId(app).endpointId("e" + n).endpointRequest(e -> e.channelType("EMAIL")
                    .address("e" + n + "@example.com").attributes(Map.of("n", List.of(Integer.toString(n))))));
        }
        String bucket = bucket(s3);
        ExportJobResponse job = exportJob(pinpoint, app, "s3://" + bucket + "/exports", null);
        assertEquals(JobStatus.COMPLETED, job.jobStatus(), job.failures().toString());
        assertEquals(1, job.totalPieces());
        assertEquals(1, job.completedPieces());
        assertEquals(5, job.totalProcessed());
        List<JsonNode> endpoints = exported(s3, bucket, "exports/");
        assertEquals(Set.of("e0", "e1", "e2", "e3", "e4"), ids(endpoints));
        JsonNode e3 = endpoints.stream().filter(e -> e.path("Id").asText().equals("e3")).findFirst().orElseThrow();
        assertEquals(app, e3.path("ApplicationId").asText());
        assertEquals("e3@example.com", e3.path("Address").asText());
        assertEquals("3", e3.path("Attributes").path("n").get(0).asText());

        // An exported file imports back as it is, into another application.
        String other = app(pinpoint);
        ImportJobResponse back = importJob(pinpoint, other, "s3://" + bucket + "/exports/", Format.JSON, q -> { });
        assertEquals(JobStatus.COMPLETED, back.jobStatus(), back.failures().toString());
        assertEquals(5, back.totalProcessed());
        assertEquals(List.of("3"), pinpoint.getEndpoint(r -> r.applicationId(other).endpointId("e3")).endpointResponse()
                .attributes().get("n"));

        var page = pinpoint.getExportJobs(r -> r.applicationId(app).pageSize("1")).exportJobsResponse();
        assertEquals(List.of(job.id()), page.item().stream().map(ExportJobResponse::id).toList());
        pinpoint.createExportJob(r -> r.applicationId(app).exportJobRequest(q -> q.s3UrlPrefix("s3://" + bucket + "/again/")
                .roleArn(ROLE)));
        var first = pinpoint.getExportJobs(r -> r.applicationId(app).pageSize("1")).exportJobsResponse();
        assertNotNull(first.nextToken());
        var second = pinpoint.getExportJobs(r -> r.applicationId(app).pageSize("1").token(first.nextToken())).exportJobsResponse();
        assertEquals(List.of(job.id()), second.item().stream().map(ExportJobResponse::id).toList());
        assertEquals(null, second.nextToken());
    }

    /**
     * An export larger than one file (8 MiB) is cut into parts at line ends: every part at most 8 MiB, numbered from
     * part-00001, each endpoint in exactly one of them, counted as pieces; and the parts import back together.
     */
    @Test
    void aLargeExportIsSplitIntoPartsOfAtMostEightMegabytes() throws Exception {
        String app = app(pinpoint);
        // Pinpoint's limits for one endpoint: values of at most 100 characters, at most 100 of them (about 10 KB).
        List<String> values = java.util.Collections.nCopies(100, "x".repeat(100));
        int count = 800;
        for (int batch = 0; batch < count / 50; batch++) {
            int first = batch * 50;
            List<software.amazon.awssdk.services.pinpoint.model.EndpointBatchItem> items = java.util.stream.IntStream
                    .range(first, first + 50).mapToObj(i -> software.amazon.awssdk.services.pinpoint.model.EndpointBatchItem
                            .builder().id("big" + i).channelType("EMAIL").address("big" + i + "@example.com")
                            .attributes(Map.of("filler", values)).build()).toList();
            pinpoint.updateEndpointsBatch(r -> r.applicationId(app).endpointBatchRequest(b -> b.item(items)));
        }
        String bucket = bucket(s3);
        ExportJobResponse job = exportJob(pinpoint, app, "s3://" + bucket + "/large", null);
        assertEquals(JobStatus.COMPLETED, job.jobStatus(), job.failures().toString());
        assertEquals(count, job.totalProcessed());
        var objects = s3.listObjectsV2(r -> r.bucket(bucket).prefix("large/")).contents();
        assertEquals(2, objects.size(), objects.toString());
        assertEquals(2, job.totalPieces());
        assertEquals(2, job.completedPieces());
        assertTrue(objects.get(0).key().endsWith("/part-00001.json") && objects.get(1).key().endsWith("/part-00002.json"),
                objects.toString());
        for (var object : objects) {
            assertTrue(object.size() <= 8 * 1024 * 1024, object.key() + " holds " + object.size() + " bytes");
        }
        assertTrue(objects.get(0).size() > 8 * 1024 * 1024 - 12 * 1024, "the first part is filled: " + objects.get(0).size());
        List<JsonNode> endpoints = exported(s3, bucket, "large/");
        assertEquals(count, endpoints.size());
        assertEquals(count, ids(endpoints).size());

        String other = app(pinpoint);
        ImportJobResponse back = importJob(pinpoint, other, "s3://" + bucket + "/large/", Format.JSON, q -> { });
        assertEquals(JobStatus.COMPLETED, back.jobStatus(), back.failures().toString());
        assertEquals(2, back.totalPieces());
        assertEquals(count, back.totalProcessed());
    }

    @Test
    void importFromAndExportToAnExternalStore() throws Exception {
        try (Moto moto = Moto.start(); TestServer external = TestServer.start(moto.flags("s3"))) {
            S3Client remote = moto.client(S3Client.builder().forcePathStyle(true));
            remote.createBucket(r -> r.bucket("remote-audience"));
            put(remote, "remote-audience", "in/endpoints.csv", CSV);
            PinpointClient client = jobsClient(external);
            String app = app(client);
            ImportJobResponse job = importJob(client, app, "s3://remote-audience/in/", Format.CSV,
                    q -> q.defineSegment(true).segmentName("remote"));
            assertEquals(JobStatus.COMPLETED, job.jobStatus(), job.failures().toString());
            assertEquals(2, job.totalProcessed());
            assertEquals("u-bob", client.getEndpoint(r -> r.applicationId(app).endpointId("bob")).endpointResponse().user().userId());
            ExportJobResponse export = exportJob(client, app, "s3://remote-audience/out/", job.definition().segmentId());
            assertEquals(JobStatus.COMPLETED, export.jobStatus(), export.failures().toString());
            assertEquals(Set.of("ana", "bob"), ids(exported(remote, "remote-audience", "out/")));

            ImportJobResponse missing = importJob(client, app, "s3://no-such-remote-bucket/in/", Format.CSV, q -> { });
            assertEquals(JobStatus.FAILED, missing.jobStatus());
            assertTrue(missing.failures().get(0).contains("NoSuchBucket"), missing.failures().toString());
        }
    }

    @Test
    void aJobCutShortByAStopRunsAgainAfterTheRestart() throws Exception {
        java.nio.file.Path dataDir;
        String app;
        String jobId;
        try (TestServer first = TestServer.start()) {
            dataDir = first.dataDir();
            PinpointClient client = jobsClient(first);
            S3Client files = first.s3();
            app = app(client);
            String bucket = bucket(files);
            put(files, bucket, "in/x.csv", CSV);
            ImportJobResponse job = importJob(client, app, "s3://" + bucket + "/in/", Format.CSV, q -> { });
            assertEquals(JobStatus.COMPLETED, job.jobStatus());
            jobId = job.id();
            // An application deleted with a job and an imported segment: what they leave is swept at the restart.
            String gone = app(client);
            importJob(client, gone, "s3://" + bucket + "/in/", Format.CSV, q -> q.defineSegment(true).segmentName("gone"));
            client.deleteApp(r -> r.applicationId(gone));
        }
        // As if the server had stopped while the job ran: PROCESSING, one endpoint not written yet.
        try (var db = dev.waymark.testing.TestDatabase.connect(dataDir); var statement = db.createStatement()) {
            String processing = dev.waymark.testing.TestDatabase.postgres().isPresent()
                    ? "jsonb_set(jsonb_set(document::jsonb, '{JobStatus}', '\"PROCESSING\"'), '{TotalProcessed}', '1')::text"
                    : "json_set(document, '$.JobStatus', 'PROCESSING', '$.TotalProcessed', 1)";
            statement.executeUpdate("UPDATE pinpoint_job SET status = 'PROCESSING', document = " + processing
                    + " WHERE id = '" + jobId + "'");
            statement.executeUpdate("DELETE FROM pinpoint_endpoint WHERE id_key = 'bob'");
        }
        try (TestServer again = TestServer.start(dataDir)) {
            PinpointClient client = again.pinpoint();
            String id = jobId;
            ImportJobResponse job = waitFor(() -> client.getImportJob(r -> r.applicationId(app).jobId(id)).importJobResponse(),
                    ImportJobResponse::jobStatus);
            assertEquals(JobStatus.COMPLETED, job.jobStatus());
            assertEquals(2, job.totalProcessed(), "counted once, from the start");
            assertEquals("+15555550100", client.getEndpoint(r -> r.applicationId(app).endpointId("bob")).endpointResponse().address());
            assertEquals(1L, (long) again.server().store().read(tx -> tx.queryLong("SELECT COUNT(*) FROM pinpoint_job")));
            assertEquals(0L, (long) again.server().store().read(tx -> tx.queryLong("SELECT COUNT(*) FROM pinpoint_segment_member")));
        }
    }

    @Test
    void anotherAccountsBucketFailsTheJobUnread() {
        TestServer.AccountKey other = server.createAccount("other");
        S3Client theirs = server.s3(other.credentials(), Region.US_EAST_1, RequestChecksumCalculation.WHEN_SUPPORTED);
        String bucket = bucket(theirs);
        put(theirs, bucket, "in/x.csv", CSV);
        String app = app(pinpoint);
        ImportJobResponse job = importJob(pinpoint, app, "s3://" + bucket + "/in/", Format.CSV, q -> q.defineSegment(true)
                .segmentName("stolen"));
        assertEquals(JobStatus.FAILED, job.jobStatus());
        assertTrue(job.failures().get(0).startsWith("AccessDenied"), job.failures().toString());
        assertEquals(0, job.totalProcessed());
        assertThrows(NotFoundException.class, () -> pinpoint.getEndpoint(r -> r.applicationId(app).endpointId("ana")));
        assertThrows(NotFoundException.class, () -> pinpoint.getSegment(r -> r.applicationId(app)
                .segmentId(job.definition().segmentId())));

        pinpoint.updateEndpoint(r -> r.applicationId(app).endpointId("mine").endpointRequest(e -> e.channelType("EMAIL")
                .address("mine@example.com")));
        ExportJobResponse export = exportJob(pinpoint, app, "s3://" + bucket + "/out/", null);
        assertEquals(JobStatus.FAILED, export.jobStatus());
        assertTrue(export.failures().get(0).startsWith("AccessDenied"), export.failures().toString());
        assertEquals(0, theirs.listObjectsV2(r -> r.bucket(bucket).prefix("out/")).keyCount());
    }

    /**
     * A job acts as its RoleArn, assumed by pinpoint.amazonaws.com: a role that does not exist, is in another account
     * or does not trust Pinpoint fails the job unread; what the role's policies do not allow is S3's AccessDenied (a
     * file it may not get fails as a piece while the others import; an export it may not put fails).
     */
    @Test
    void jobsActAsTheirRole() {
        String app = app(pinpoint);
        String bucket = bucket(s3);
        put(s3, bucket, "in/a.csv", CSV);
        put(s3, bucket, "in/secret.csv", CSV.replace("ana", "eve"));
        String account = server.accountId();
        String url = "s3://" + bucket + "/in/";

        String nobody = "arn:aws:iam::" + account + ":role/nobody";
        assertFailure(importWith(app, url, nobody), "Unable to assume role " + nobody + ": role " + nobody + " does not exist");
        String elsewhere = "arn:aws:iam::" + server.createAccount("role-owner").accountId() + ":role/pinpoint-jobs";
        assertFailure(importWith(app, url, elsewhere), "Unable to assume role " + elsewhere + ": role " + elsewhere
                + " is not in account " + account);
        String untrusting = createRole(server, "trusts-the-account", "{\"Version\":\"2012-10-17\",\"Statement\":[{"
                + "\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::" + account + ":root\"},"
                + "\"Action\":\"sts:AssumeRole\"}]}", S3_READ_WRITE);
        assertFailure(importWith(app, url, untrusting), "Unable to assume role " + untrusting + ": the trust policy of role "
                + untrusting + " does not let pinpoint.amazonaws.com assume it");
        assertThrows(NotFoundException.class, () -> pinpoint.getEndpoint(r -> r.applicationId(app).endpointId("ana")));

        String reader = createRole(server, "reader", TRUST_PINPOINT, "{\"Version\":\"2012-10-17\",\"Statement\":["
                + "{\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\",\"s3:ListBucket\"],\"Resource\":\"*\"},"
                + "{\"Effect\":\"Deny\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::" + bucket + "/in/secret.csv\"}]}");
        ImportJobResponse partly = importWith(app, url, reader);
        assertEquals(JobStatus.COMPLETED, partly.jobStatus(), partly.failures().toString());
        assertEquals(2, partly.totalPieces());
        assertEquals(1, partly.failedPieces());
        assertTrue(partly.failures().get(0).startsWith("in/secret.csv: AccessDenied: User: arn:aws:sts::" + account
                + ":assumed-role/reader/pinpoint-" + partly.id() + " is not authorized to perform: s3:GetObject on resource: "
                + "arn:aws:s3:::" + bucket + "/in/secret.csv with an explicit deny"), partly.failures().toString());
        assertEquals("u-ana", pinpoint.getEndpoint(r -> r.applicationId(app).endpointId("ana")).endpointResponse().user().userId());
        assertThrows(NotFoundException.class, () -> pinpoint.getEndpoint(r -> r.applicationId(app).endpointId("eve")));

        String exportId = pinpoint.createExportJob(r -> r.applicationId(app).exportJobRequest(q -> q
                .s3UrlPrefix("s3://" + bucket + "/out/").roleArn(reader))).exportJobResponse().id();
        ExportJobResponse export = waitFor(() -> pinpoint.getExportJob(r -> r.applicationId(app).jobId(exportId))
                .exportJobResponse(), ExportJobResponse::jobStatus);
        assertEquals(JobStatus.FAILED, export.jobStatus());
        assertTrue(export.failures().get(0).startsWith("AccessDenied: User: arn:aws:sts::" + account + ":assumed-role/reader/pinpoint-"
                + exportId + " is not authorized to perform: s3:PutObject on resource: arn:aws:s3:::" + bucket + "/out/"
                + exportId + "/part-00001.json because no identity-based policy allows the s3:PutObject action"),
                export.failures().toString());
        assertEquals(0, s3.listObjectsV2(r -> r.bucket(bucket).prefix("out/")).keyCount());
    }

    private static ImportJobResponse importWith(String app, String url, String role) {
        String id = pinpoint.createImportJob(r -> r.applicationId(app).importJobRequest(q -> q.s3Url(url).format(Format.CSV)
                .roleArn(role))).importJobResponse().id();
        return waitFor(() -> pinpoint.getImportJob(r -> r.applicationId(app).jobId(id)).importJobResponse(),
                ImportJobResponse::jobStatus);
    }

    private static void assertFailure(ImportJobResponse job, String failure) {
        assertEquals(JobStatus.FAILED, job.jobStatus());
        assertEquals(List.of(failure), job.failures());
        assertEquals(0, job.totalProcessed());
    }

    @Test
    void jobsThatCannotRunFail() {
        String app = app(pinpoint);
        String bucket = bucket(s3);
        ImportJobResponse empty = importJob(pinpoint, app, "s3://" + bucket + "/nothing/", Format.JSON, q -> { });
        assertEquals(JobStatus.FAILED, empty.jobStatus());
        assertTrue(empty.failures().get(0).startsWith("No endpoint files found at s3://" + bucket + "/nothing/"),
                empty.failures().toString());
        ImportJobResponse noBucket = importJob(pinpoint, app, "s3://no-such-bucket-here/x", Format.JSON, q -> { });
        assertEquals(JobStatus.FAILED, noBucket.jobStatus());
        assertTrue(noBucket.failures().get(0).startsWith("NoSuchBucket"), noBucket.failures().toString());
        ExportJobResponse export = exportJob(pinpoint, app, "s3://no-such-bucket-here/", null);
        assertEquals(JobStatus.FAILED, export.jobStatus());
        assertFalse(export.failures().isEmpty());
    }

    @Test
    void badRequestsAndMissingResources() {
        String app = app(pinpoint);
        String bucket = bucket(s3);
        String url = "s3://" + bucket + "/x/";
        assertThrows(BadRequestException.class, () -> pinpoint.createImportJob(r -> r.applicationId(app)
                .importJobRequest(q -> q.s3Url("https://example.com/x").format(Format.CSV).roleArn(ROLE))));
        assertThrows(BadRequestException.class, () -> pinpoint.createImportJob(r -> r.applicationId(app)
                .importJobRequest(q -> q.s3Url(url).format("XML").roleArn(ROLE))));
        assertThrows(BadRequestException.class, () -> pinpoint.createImportJob(r -> r.applicationId(app)
                .importJobRequest(q -> q.s3Url(url).format(Format.CSV))));
        assertThrows(BadRequestException.class, () -> pinpoint.createImportJob(r -> r.applicationId(app)
                .importJobRequest(q -> q.s3Url(url).format(Format.CSV).roleArn("role"))));
        assertThrows(BadRequestException.class, () -> pinpoint.createImportJob(r -> r.applicationId(app)
                .importJobRequest(q -> q.s3Url(url).format(Format.CSV).roleArn(ROLE).defineSegment(true))));
        assertThrows(NotFoundException.class, () -> pinpoint.createImportJob(r -> r.applicationId(app)
                .importJobRequest(q -> q.s3Url(url).format(Format.CSV).roleArn(ROLE).segmentId("0".repeat(32)))));
        String dimensional = pinpoint.createSegment(r -> r.applicationId(app).writeSegmentRequest(w -> w.name("d")
                .dimensions(d -> d.demographic(g -> g.platform(p -> p.values("ios")))))).segmentResponse().id();
        assertThrows(BadRequestException.class, () -> pinpoint.createImportJob(r -> r.applicationId(app)
                .importJobRequest(q -> q.s3Url(url).format(Format.CSV).roleArn(ROLE).segmentId(dimensional))));
        assertThrows(NotFoundException.class, () -> pinpoint.createImportJob(r -> r.applicationId("f".repeat(32))
                .importJobRequest(q -> q.s3Url(url).format(Format.CSV).roleArn(ROLE))));

        assertThrows(BadRequestException.class, () -> pinpoint.createExportJob(r -> r.applicationId(app)
                .exportJobRequest(q -> q.s3UrlPrefix(bucket).roleArn(ROLE))));
        assertThrows(BadRequestException.class, () -> pinpoint.createExportJob(r -> r.applicationId(app)
                .exportJobRequest(q -> q.s3UrlPrefix(url))));
        assertThrows(BadRequestException.class, () -> pinpoint.createExportJob(r -> r.applicationId(app)
                .exportJobRequest(q -> q.s3UrlPrefix(url).roleArn(ROLE).segmentVersion(1))));
        assertThrows(NotFoundException.class, () -> pinpoint.createExportJob(r -> r.applicationId(app)
                .exportJobRequest(q -> q.s3UrlPrefix(url).roleArn(ROLE).segmentId("0".repeat(32)))));
        assertThrows(NotFoundException.class, () -> pinpoint.createExportJob(r -> r.applicationId(app)
                .exportJobRequest(q -> q.s3UrlPrefix(url).roleArn(ROLE).segmentId(dimensional).segmentVersion(7))));
        assertThrows(NotFoundException.class, () -> pinpoint.createExportJob(r -> r.applicationId("f".repeat(32))
                .exportJobRequest(q -> q.s3UrlPrefix(url).roleArn(ROLE))));

        assertThrows(NotFoundException.class, () -> pinpoint.getImportJob(r -> r.applicationId(app).jobId("0".repeat(32))));
        assertThrows(NotFoundException.class, () -> pinpoint.getExportJob(r -> r.applicationId(app).jobId("0".repeat(32))));
        assertThrows(NotFoundException.class, () -> pinpoint.getImportJobs(r -> r.applicationId("f".repeat(32))));
        assertThrows(NotFoundException.class, () -> pinpoint.getExportJobs(r -> r.applicationId("f".repeat(32))));
        assertThrows(NotFoundException.class, () -> pinpoint.getSegmentImportJobs(r -> r.applicationId(app).segmentId("0".repeat(32))));
        assertThrows(NotFoundException.class, () -> pinpoint.getSegmentExportJobs(r -> r.applicationId(app).segmentId("0".repeat(32))));
        assertThrows(BadRequestException.class, () -> pinpoint.getImportJobs(r -> r.applicationId(app).token("bogus")));
        assertThrows(BadRequestException.class, () -> pinpoint.getExportJobs(r -> r.applicationId(app).pageSize("0")));
        assertEquals(List.of(), pinpoint.getSegmentExportJobs(r -> r.applicationId(app).segmentId(dimensional))
                .exportJobsResponse().item());

        // An export job's id is not an import job's.
        String exportId = pinpoint.createExportJob(r -> r.applicationId(app).exportJobRequest(q -> q.s3UrlPrefix(url)
                .roleArn(ROLE))).exportJobResponse().id();
        assertThrows(NotFoundException.class, () -> pinpoint.getImportJob(r -> r.applicationId(app).jobId(exportId)));
        // Another account sees none of it.
        TestServer.AccountKey stranger = server.createAccount("stranger");
        PinpointClient theirs = server.pinpoint(stranger.credentials(), Region.US_EAST_1);
        assertThrows(RuntimeException.class, () -> theirs.getExportJob(r -> r.applicationId(app).jobId(exportId)));
    }

    @Test
    void jobCallsAreRecordedWithTheApplication() {
        String app = app(pinpoint);
        String bucket = bucket(s3);
        String id = pinpoint.createExportJob(r -> r.applicationId(app).exportJobRequest(q -> q.s3UrlPrefix("s3://" + bucket + "/")
                .roleArn(ROLE))).exportJobResponse().id();
        pinpoint.getExportJob(r -> r.applicationId(app).jobId(id));
        String arn = "arn:aws:mobiletargeting:us-east-1:" + server.accountId() + ":apps/" + app;
        JsonNode create = last("CreateExportJob");
        assertFalse(create.path("readOnly").asBoolean());
        assertEquals(arn, create.path("resources").get(0).path("ARN").asText());
        assertEquals("AWS::Pinpoint::App", create.path("resources").get(0).path("type").asText());
        assertEquals("s3://" + bucket + "/", create.path("requestParameters").path("S3UrlPrefix").asText(),
                create.toString());
        JsonNode get = last("GetExportJob");
        assertTrue(get.path("readOnly").asBoolean());
        assertEquals(arn, get.path("resources").get(0).path("ARN").asText());
        pinpoint.getImportJobs(r -> r.applicationId(app));
        assertTrue(last("GetImportJobs").path("readOnly").asBoolean());
    }

    private static JsonNode last(String eventName) {
        List<JsonNode> records = server.records(eventName);
        assertFalse(records.isEmpty(), "no " + eventName + " record");
        return records.get(records.size() - 1);
    }
}
