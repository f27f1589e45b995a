// SPDX-License-Identifier: Apache-2.0
package dev.waymark.pinpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.core.Invocation;
import dev.waymark.core.Uuids;
import dev.waymark.store.Tx;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Import and export jobs: CreateImportJob, GetImportJob, GetImportJobs, GetSegmentImportJobs, CreateExportJob,
 * GetExportJob, GetExportJobs, GetSegmentExportJobs. A create checks the request, writes the job as CREATED in the
 * call's transaction and answers at once; {@link JobRunner} does the work in the background. An import that defines
 * a segment is given the segment's id now; the segment appears when the job completes.
 */
final class JobsApi {
    private static final Set<String> FORMATS = Set.of("CSV", "JSON");

    private final AppsApi appsApi;
    private final JobRepository jobs;
    private final SegmentRepository segments;

    JobsApi(AppsApi appsApi, JobRepository jobs, SegmentRepository segments) {
        this.appsApi = appsApi;
        this.jobs = jobs;
        this.segments = segments;
    }

    ObjectNode createImportJob(Invocation inv, Tx tx) throws SQLException {
        App app = appsApi.require(inv, tx);
        JsonNode request = inv.input().path("ImportJobRequest");
        S3Location.parse("S3Url", request.path("S3Url").asText(null));
        String format = request.path("Format").asText("");
        if (!FORMATS.contains(format)) {
            throw PinpointErrors.badRequest("Format must be CSV or JSON, not '" + format + "'");
        }
        requireRole(request);
        ObjectNode definition = definition(request, "DefineSegment", "ExternalId", "Format", "RegisterEndpoints",
                "RoleArn", "S3Url", "SegmentId", "SegmentName");
        String segmentId = request.path("SegmentId").asText("");
        if (!segmentId.isEmpty()) {
            ObjectNode segment = requireSegment(tx, app, segmentId);
            if (!"IMPORT".equals(segment.path("SegmentType").asText())) {
                throw PinpointErrors.badRequest("Segment " + segmentId + " is not an imported segment; only those take imported endpoints");
            }
        } else if (request.path("DefineSegment").asBoolean(false)) {
            if (request.path("SegmentName").asText("").isBlank()) {
                throw PinpointErrors.badRequest("SegmentName is required when DefineSegment is true");
            }
            segmentId = newId();
            definition.put("SegmentId", segmentId);
        }
        ObjectNode job = job(inv, app, JobRepository.IMPORT, definition);
        jobs.insert(tx, app, JobRepository.IMPORT, segmentId.isEmpty() ? null : segmentId, job);
        return AppsApi.wrap("ImportJobResponse", job);
    }

    ObjectNode createExportJob(Invocation inv, Tx tx) throws SQLException {
        App app = appsApi.require(inv, tx);
        JsonNode request = inv.input().path("ExportJobRequest");
        S3Location.parse("S3UrlPrefix", request.path("S3UrlPrefix").asText(null));
        requireRole(request);
        String segmentId = request.path("SegmentId").asText("");
        if (request.has("SegmentVersion") && segmentId.isEmpty()) {
            throw PinpointErrors.badRequest("SegmentVersion needs a SegmentId");
        }
        if (!segmentId.isEmpty()) {
            requireSegment(tx, app, segmentId);
            if (request.has("SegmentVersion") && segments.findVersion(tx, app.accountId(), app.region(), app.id(), segmentId,
                    request.get("SegmentVersion").asInt()).isEmpty()) {
                throw PinpointErrors.notFound("Segment " + segmentId + " has no version " + request.get("SegmentVersion").asInt());
            }
        }
        ObjectNode job = job(inv, app, JobRepository.EXPORT,
                definition(request, "RoleArn", "S3UrlPrefix", "SegmentId", "SegmentVersion"));
        jobs.insert(tx, app, JobRepository.EXPORT, segmentId.isEmpty() ? null : segmentId, job);
        return AppsApi.wrap("ExportJobResponse", job);
    }

    ObjectNode getImportJob(Invocation inv, Tx tx) throws SQLException {
        return get(inv, tx, JobRepository.IMPORT, "ImportJobResponse");
    }

    ObjectNode getExportJob(Invocation inv, Tx tx) throws SQLException {
        return get(inv, tx, JobRepository.EXPORT, "ExportJobResponse");
    }

    ObjectNode getImportJobs(Invocation inv, Tx tx) throws SQLException {
        return list(inv, tx, JobRepository.IMPORT, false, "ImportJobsResponse");
    }

    ObjectNode getExportJobs(Invocation inv, Tx tx) throws SQLException {
        return list(inv, tx, JobRepository.EXPORT, false, "ExportJobsResponse");
    }

    ObjectNode getSegmentImportJobs(Invocation inv, Tx tx) throws SQLException {
        return list(inv, tx, JobRepository.IMPORT, true, "ImportJobsResponse");
    }

    ObjectNode getSegmentExportJobs(Invocation inv, Tx tx) throws SQLException {
        return list(inv, tx, JobRepository.EXPORT, true, "ExportJobsResponse");
    }

    private ObjectNode get(Invocation inv, Tx tx, String type, String member) throws SQLException {
        App app = appsApi.require(inv, tx);
        return AppsApi.wrap(member, jobs.find(tx, app, type, inv.input().path("JobId").asText())
                .orElseThrow(() -> PinpointErrors.notFound("Job not found")));
    }

    private ObjectNode list(Invocation inv, Tx tx, String type, boolean ofSegment, String member) throws SQLException {
        App app = appsApi.require(inv, tx);
        Optional<String> segmentId = Optional.empty();
        if (ofSegment) {
            segmentId = Optional.of(inv.input().path("SegmentId").asText());
            requireSegment(tx, app, segmentId.get());
        }
        int size = Pages.size(inv);
        List<Pages.Entry> entries = jobs.page(tx, app, type, segmentId, Pages.position(inv, "jobs", Long.MAX_VALUE), size + 1);
        ObjectNode response = Pages.page(entries, size, "jobs", document -> document);
        return AppsApi.wrap(member, response);
    }

    private ObjectNode requireSegment(Tx tx, App app, String segmentId) throws SQLException {
        return segments.find(tx, app.accountId(), app.region(), app.id(), segmentId)
                .orElseThrow(() -> PinpointErrors.notFound("Segment not found"));
    }

    private static void requireRole(JsonNode request) {
        String role = request.path("RoleArn").asText("");
        if (!role.startsWith("arn:")) {
            throw PinpointErrors.badRequest("RoleArn must be the ARN of an IAM role: '" + role + "'");
        }
    }

    private static ObjectNode definition(JsonNode request, String... members) {
        ObjectNode definition = AppsApi.MAPPER.createObjectNode();
        for (String member : members) {
            if (request.hasNonNull(member)) {
                definition.set(member, request.get(member).deepCopy());
            }
        }
        return definition;
    }

    private static ObjectNode job(Invocation inv, App app, String type, ObjectNode definition) {
        ObjectNode job = AppsApi.MAPPER.createObjectNode();
        job.put("ApplicationId", app.id()).put("CompletedPieces", 0).put("CreationDate", Timestamps.iso(inv.time()));
        job.set("Definition", definition);
        job.put("FailedPieces", 0).putArray("Failures");
        job.put("Id", newId()).put("JobStatus", "CREATED").put("TotalFailures", 0).put("TotalPieces", 0)
                .put("TotalProcessed", 0).put("Type", type);
        return job;
    }

    private static String newId() {
        return Uuids.random().toString().replace("-", "");
    }
}
