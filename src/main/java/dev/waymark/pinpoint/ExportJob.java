// SPDX-License-Identifier: Apache-2.0
package dev.waymark.pinpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.core.ObjectStore;
import dev.waymark.store.Store;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Runs an export job: every endpoint of the application, or of the segment (its given or current version, evaluated
 * by {@link SegmentEngine}), as EndpointResponse JSON, one endpoint a line, into files of up to {@value #MAX_FILE}
 * bytes named {@code <S3UrlPrefix>/<job-id>/part-00001.json}, … (so a run repeated after a crash rewrites the same
 * keys). The bucket is listed first, so an export with nothing to write still fails on a bucket it may not use.
 * Endpoints are read in pages of {@value #PAGE} rows, each page in a read transaction of its own.
 */
final class ExportJob {
    static final int PAGE = 1000;
    static final int MAX_FILE = 8 * 1024 * 1024;

    private final Store store;
    private final Clock clock;
    private final AppRepository apps;
    private final SegmentRepository segments;
    private final SegmentEngine engine;

    ExportJob(Store store, Clock clock, AppRepository apps, SegmentRepository segments,
              SegmentEngine engine) {
        this.store = store;
        this.clock = clock;
        this.apps = apps;
        this.segments = segments;
        this.engine = engine;
    }

    /** An endpoint row of a page. */
    private record Row(long seq, ObjectNode document) {
    }

    /** Runs the job, reading and writing files through the given store (the job's role session's view). */
    void run(JobProgress progress, ObjectStore objects) {
        JobRepository.Job job = progress.job();
        ObjectNode definition = progress.definition();
        S3Location location = S3Location.parse("S3UrlPrefix", definition.path("S3UrlPrefix").asText());
        App app = store.read(tx -> apps.find(tx, job.accountId(), job.region(), job.appId()))
                .orElseThrow(() -> new JobRunner.JobFailure("Application " + job.appId() + " no longer exists"));
        objects.list(job.accountId(), location.bucket(), location.folder() + job.id() + "/");
        Optional<Set<String>> members = members(app, definition);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        int[] part = {0};
        long after = 0;
        while (true) {
            long from = after;
            List<Row> page = store.read(tx -> tx.query("SELECT seq, document FROM pinpoint_endpoint WHERE account_id = ? "
                            + "AND region = ? AND app_id = ? AND seq > ? ORDER BY seq LIMIT ?",
                    rs -> new Row(rs.getLong(1), EndpointRepository.parse(rs.getString(2))), app.accountId(), app.region(),
                    app.id(), from, PAGE));
            for (Row row : page) {
                if (members.isEmpty() || members.get().contains(row.document().path("Id").asText())) {
                    row.document().put("ApplicationId", app.id());
                    byte[] line = (row.document().toString() + "\n").getBytes(StandardCharsets.UTF_8);
                    if (file.size() > 0 && file.size() + line.length > MAX_FILE) {
                        write(progress, objects, location, part, file);
                    }
                    file.writeBytes(line);
                    progress.processed(1);
                }
            }
            if (page.size() < PAGE) {
                break;
            }
            after = page.get(page.size() - 1).seq();
        }
        if (file.size() > 0) {
            write(progress, objects, location, part, file);
        }
        store.write(tx -> {
            progress.finish("COMPLETED", clock.instant());
            progress.save(tx);
            return null;
        });
    }

    /** The ids of the segment's endpoints, or empty to export every endpoint. */
    private Optional<Set<String>> members(App app, JsonNode definition) {
        String segmentId = definition.path("SegmentId").asText("");
        if (segmentId.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return Optional.of(store.read(tx -> {
            Optional<ObjectNode> segment = definition.has("SegmentVersion")
                    ? segments.findVersion(tx, app.accountId(), app.region(), app.id(), segmentId,
                    definition.get("SegmentVersion").asInt())
                    : segments.find(tx, app.accountId(), app.region(), app.id(), segmentId);
            if (segment.isEmpty()) {
                throw new JobRunner.JobFailure("Segment " + segmentId + " no longer exists");
            }
            return new HashSet<>(engine.evaluate(tx, app.accountId(), app.region(), app.id(), segment.get(), now));
        }));
    }

    private void write(JobProgress progress, ObjectStore objects, S3Location location, int[] part,
                       ByteArrayOutputStream file) {
        part[0]++;
        String key = location.folder() + progress.job().id() + "/part-" + String.format("%05d", part[0]) + ".json";
        objects.put(progress.job().accountId(), location.bucket(), key, file.toByteArray(), "application/json");
        file.reset();
        progress.totalPieces(part[0]);
        progress.piece(false);
        store.write(tx -> {
            progress.save(tx);
            return null;
        });
    }
}
