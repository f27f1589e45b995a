// SPDX-License-Identifier: Apache-2.0
package dev.waymark.pinpoint;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.core.AwsException;
import dev.waymark.core.ObjectStore;
import dev.waymark.store.Store;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Runs an import job: reads every endpoint file under its S3Url (embedded or external store, as the job's account),
 * writes each endpoint through {@link EndpointWriter} as UpdateEndpoint does (same merge, same limits), a failing
 * definition rolled back alone and reported while the rest go on, in transactions of {@value #BATCH} definitions
 * that also save the job's progress. A definition without an Id is given one derived from the job, file and line, so
 * a run repeated after a crash writes the same endpoints. When the job defines a segment, or names an IMPORT
 * segment, the imported endpoints become its members in the transaction that completes the job.
 */
final class ImportJob {
    static final int BATCH = 500;

    private final Store store;
    private final Clock clock;
    private final AppRepository apps;
    private final EndpointWriter writer;
    private final SegmentRepository segments;
    private final SegmentMembers members;

    ImportJob(Store store, Clock clock, AppRepository apps, EndpointWriter writer,
              SegmentRepository segments, SegmentMembers members) {
        this.store = store;
        this.clock = clock;
        this.apps = apps;
        this.writer = writer;
        this.segments = segments;
        this.members = members;
    }

    /** Runs the job, reading and writing files through the given store (the job's role session's view). */
    void run(JobProgress progress, ObjectStore objects) {
        JobRepository.Job job = progress.job();
        ObjectNode definition = progress.definition();
        S3Location location = S3Location.parse("S3Url", definition.path("S3Url").asText());
        List<String> keys = objects.list(job.accountId(), location.bucket(), location.prefix()).stream()
                .filter(key -> !key.endsWith("/")).toList();
        if (keys.isEmpty()) {
            throw new JobRunner.JobFailure("No endpoint files found at " + location);
        }
        progress.totalPieces(keys.size());
        Map<String, String> imported = new LinkedHashMap<>();
        for (String key : keys) {
            importFile(progress, objects, location, key, imported);
        }
        store.write(tx -> {
            App app = app(tx, job);
            if (!imported.isEmpty()) {
                defineSegment(tx, app, progress, imported);
            }
            progress.finish(imported.isEmpty() ? "FAILED" : "COMPLETED", clock.instant());
            progress.save(tx);
            return null;
        });
    }

    private void importFile(JobProgress progress, ObjectStore objects, S3Location location, String key,
                            Map<String, String> imported) {
        JobRepository.Job job = progress.job();
        List<EndpointFiles.Row> rows;
        try {
            rows = EndpointFiles.parse(progress.definition().path("Format").asText(),
                    objects.get(job.accountId(), location.bucket(), key));
        } catch (AwsException e) {
            progress.note(key + ": " + e.code() + ": " + e.getMessage());
            progress.piece(true);
            save(progress);
            return;
        }
        boolean register = progress.definition().path("RegisterEndpoints").asBoolean(true);
        boolean[] failed = {false};
        for (int from = 0; from < rows.size(); from += BATCH) {
            List<EndpointFiles.Row> batch = rows.subList(from, Math.min(rows.size(), from + BATCH));
            store.write(tx -> {
                App app = app(tx, job);
                AttributeNames.State[] names = {writer.names(tx, app)};
                for (EndpointFiles.Row row : batch) {
                    progress.processed(1);
                    try {
                        ObjectNode request = row.request().orElseThrow(() -> PinpointErrors.badRequest(row.error().orElseThrow()));
                        if (!request.hasNonNull("ChannelType") || !request.hasNonNull("Address")) {
                            throw PinpointErrors.badRequest("ChannelType and Address are required");
                        }
                        String id = request.hasNonNull("Id") ? request.get("Id").asText() : generatedId(job, key, row.line());
                        if (register) {
                            tx.attempt(t -> writer.write(t, app, id, request, job.id(), clock.instant(), names[0]));
                        } else {
                            EndpointWriter.check(id, request);
                        }
                        imported.put(EndpointWriter.key(id), request.get("ChannelType").asText());
                    } catch (AwsException e) {
                        failed[0] = true;
                        progress.definitionFailed(key + " line " + row.line() + ": " + e.getMessage());
                        names[0] = writer.names(tx, app);
                    }
                }
                progress.save(tx);
                return null;
            });
        }
        progress.piece(failed[0]);
        save(progress);
    }

    private void save(JobProgress progress) {
        store.write(tx -> {
            progress.save(tx);
            return null;
        });
    }

    /** Adds the imported endpoints to the job's segment: a new IMPORT segment, or a new version of the one named. */
    private void defineSegment(dev.waymark.store.Tx tx, App app, JobProgress progress, Map<String, String> imported)
            throws java.sql.SQLException {
        ObjectNode definition = progress.definition();
        String segmentId = definition.path("SegmentId").asText("");
        if (segmentId.isEmpty()) {
            return;
        }
        Optional<ObjectNode> existing = segments.find(tx, app.accountId(), app.region(), app.id(), segmentId);
        if (existing.isEmpty() && !definition.path("DefineSegment").asBoolean(false)) {
            progress.note("Segment " + segmentId + " no longer exists; the endpoints were imported without it");
            return;
        }
        String now = Timestamps.iso(clock.instant());
        ObjectNode segment;
        if (existing.isPresent()) {
            segment = existing.get().deepCopy();
            segment.put("Version", segment.path("Version").asInt() + 1).put("LastModifiedDate", now);
        } else {
            segment = AppsApi.MAPPER.createObjectNode();
            segment.put("ApplicationId", app.id()).put("Arn", app.arn() + "/segments/" + segmentId).put("CreationDate", now)
                    .put("Id", segmentId).put("LastModifiedDate", now).put("Name", definition.path("SegmentName").asText())
                    .put("SegmentType", "IMPORT").put("Version", 1);
        }
        int version = segment.get("Version").asInt();
        List<String> added = members.add(tx, app, segmentId, imported.keySet(), version);
        ObjectNode counts = segment.path("ImportDefinition").path("ChannelCounts").isObject()
                ? (ObjectNode) segment.path("ImportDefinition").path("ChannelCounts").deepCopy() : AppsApi.MAPPER.createObjectNode();
        for (String key : added) {
            String channel = imported.get(key);
            counts.put(channel, counts.path(channel).asInt() + 1);
        }
        ObjectNode importDefinition = segment.putObject("ImportDefinition");
        importDefinition.set("ChannelCounts", counts);
        importDefinition.put("ExternalId", definition.path("ExternalId").asText(""))
                .put("Format", definition.path("Format").asText()).put("RoleArn", definition.path("RoleArn").asText())
                .put("S3Url", definition.path("S3Url").asText()).put("Size", members.count(tx, app, segmentId));
        if (existing.isPresent()) {
            segments.update(tx, app, segmentId, segment);
        } else {
            segments.insert(tx, app, segmentId, segment);
        }
    }

    private App app(dev.waymark.store.Tx tx, JobRepository.Job job) throws java.sql.SQLException {
        return apps.find(tx, job.accountId(), job.region(), job.appId())
                .orElseThrow(() -> new JobRunner.JobFailure("Application " + job.appId() + " no longer exists"));
    }

    private static String generatedId(JobRepository.Job job, String key, int line) {
        return UUID.nameUUIDFromBytes((job.id() + "|" + key + "|" + line).getBytes(StandardCharsets.UTF_8)).toString()
                .replace("-", "");
    }
}
