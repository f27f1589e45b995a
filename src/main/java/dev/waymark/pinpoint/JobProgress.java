// SPDX-License-Identifier: Apache-2.0
package dev.waymark.pinpoint;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.store.Tx;
import java.sql.SQLException;
import java.time.Instant;

/**
 * A running job's response document as the runner advances it: status, pieces (the files of an import or an export,
 * each COMPLETED or FAILED), TotalProcessed (endpoint definitions read), TotalFailures (definitions not imported) and
 * the first 100 failure messages. Saved into the job's row by the transactions that do the work. One per run.
 */
final class JobProgress {
    static final int MAX_FAILURES = 100;

    private final JobRepository jobs;
    private final JobRepository.Job job;
    private final ObjectNode document;

    JobProgress(JobRepository jobs, JobRepository.Job job) {
        this.jobs = jobs;
        this.job = job;
        this.document = job.document().deepCopy();
        document.put("CompletedPieces", 0).put("FailedPieces", 0).put("TotalFailures", 0).put("TotalPieces", 0)
                .put("TotalProcessed", 0).putArray("Failures");
        document.put("JobStatus", "PROCESSING");
    }

    JobRepository.Job job() {
        return job;
    }

    ObjectNode definition() {
        return (ObjectNode) document.path("Definition");
    }

    void totalPieces(int pieces) {
        document.put("TotalPieces", pieces);
    }

    /** A piece is done: completed, or failed when any of its definitions (or the piece itself) failed. */
    void piece(boolean failed) {
        String member = failed ? "FailedPieces" : "CompletedPieces";
        document.put(member, document.path(member).asInt() + 1);
    }

    void processed(int definitions) {
        document.put("TotalProcessed", document.path("TotalProcessed").asInt() + definitions);
    }

    /** An endpoint definition that was not imported, and why. */
    void definitionFailed(String message) {
        document.put("TotalFailures", document.path("TotalFailures").asInt() + 1);
        note(message);
    }

    /** A failure message of the job or one of its pieces. */
    void note(String message) {
        ArrayNode failures = (ArrayNode) document.get("Failures");
        if (failures.size() < MAX_FAILURES) {
            failures.add(message);
        }
    }

    void finish(String status, Instant now) {
        document.put("JobStatus", status).put("CompletionDate", Timestamps.iso(now));
    }

    void save(Tx tx) throws SQLException {
        jobs.save(tx, job, document);
    }
}
