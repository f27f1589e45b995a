// SPDX-License-Identifier: Apache-2.0
package dev.waymark.pinpoint;

import dev.waymark.core.AwsException;
import dev.waymark.core.ObjectStore;
import dev.waymark.core.Periodic;
import dev.waymark.core.Principal;
import dev.waymark.core.ServiceRoles;
import dev.waymark.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the import and export jobs in the background, one at a time, oldest first: CREATED becomes PROCESSING, then
 * COMPLETED or FAILED with the reason in Failures (a role that cannot be assumed, a bucket that cannot be read or
 * written, such as another account's, no files, a deleted application or segment). Each job acts as its RoleArn,
 * assumed by {@value #SERVICE_PRINCIPAL}: its files go through {@link RoleObjects} for that session. A job still
 * PROCESSING when the server stopped is run again from the start; imports and exports write the same endpoints and
 * keys again. The jobs of deleted applications and
 * the members of deleted segments are swept every ten minutes (and at start), and so are the PutEvents events older
 * than the 90 days Pinpoint's KPIs reach. Created by
 * {@link PinpointService#jobRunner}.
 */
public final class JobRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);
    static final Duration SWEEP_EVERY = Duration.ofMinutes(10);
    /** The principal a job's role must trust, as Pinpoint's import and export roles trust it on AWS. */
    static final String SERVICE_PRINCIPAL = "pinpoint.amazonaws.com";

    private final Store store;
    private final Clock clock;
    private final JobRepository jobs;
    private final ImportJob imports;
    private final ExportJob exports;
    private final ObjectStore objects;
    private final ServiceRoles roles;
    private final EventRepository events = new EventRepository();
    private final Periodic periodic;
    private Instant lastSweep;

    JobRunner(Store store, Clock clock, Duration every, JobRepository jobs, ImportJob imports, ExportJob exports,
              ObjectStore objects, ServiceRoles roles) {
        this.store = store;
        this.objects = objects;
        this.roles = roles;
        this.clock = clock;
        this.jobs = jobs;
        this.imports = imports;
        this.exports = exports;
        this.periodic = new Periodic("pinpoint-jobs", every, store, this::runPending);
    }

    /** Why a job cannot go on; its message goes into the job's Failures. */
    static final class JobFailure extends RuntimeException {
        JobFailure(String message) {
            super(message, null, false, false);
        }
    }

    public void start() {
        periodic.start();
    }

    /** Runs every job not finished yet; first, at most every {@link #SWEEP_EVERY}, sweeps what deletions left. */
    void runPending() {
        if (lastSweep == null || clock.instant().isAfter(lastSweep.plus(SWEEP_EVERY))) {
            lastSweep = clock.instant();
            store.write(tx -> {
                jobs.sweep(tx);
                return null;
            });
            pruneEvents();
        }
        List<JobRepository.Job> pending;
        while (!(pending = store.read(tx -> jobs.pending(tx, 10))).isEmpty()) {
            for (JobRepository.Job job : pending) {
                run(job);
            }
        }
    }

    /** Deletes the PutEvents events older than {@link EventRepository#KEPT}, a thousand per transaction. */
    void pruneEvents() {
        long before = clock.instant().minus(EventRepository.KEPT).toEpochMilli();
        for (App app : store.read(tx -> events.withEventsBefore(tx, before))) {
            while (store.write(tx -> events.prune(tx, app, before, 1_000)) == 1_000) {
                LOG.debug("pruned 1000 old events of application {}", app.id());
            }
        }
    }

    private void run(JobRepository.Job job) {
        JobProgress progress = new JobProgress(jobs, job);
        String failure;
        try {
            store.write(tx -> {
                progress.save(tx);
                return null;
            });
            ObjectStore files = new RoleObjects(objects, roles, assume(progress), job.region());
            if (JobRepository.IMPORT.equals(job.type())) {
                imports.run(progress, files);
            } else {
                exports.run(progress, files);
            }
            return;
        } catch (JobFailure e) {
            failure = e.getMessage();
        } catch (ServiceRoles.Refused e) {
            failure = "Unable to assume role " + progress.definition().path("RoleArn").asText() + ": " + e.getMessage();
        } catch (AwsException e) {
            failure = e.code() + ": " + e.getMessage();
        } catch (RuntimeException e) {
            LOG.error("Pinpoint {} job {} failed", job.type(), job.id(), e);
            failure = "InternalError: the job failed unexpectedly";
        }
        progress.note(failure);
        progress.finish("FAILED", clock.instant());
        store.write(tx -> {
            progress.save(tx);
            return null;
        });
    }

    /** The job's RoleArn, assumed by Pinpoint's service principal for a session named after the job. */
    private Principal assume(JobProgress progress) {
        return roles.assume(progress.job().accountId(), progress.definition().path("RoleArn").asText(),
                SERVICE_PRINCIPAL, "pinpoint-" + progress.job().id(), clock.instant());
    }

    @Override
    public void close() {
        periodic.close();
    }
}
