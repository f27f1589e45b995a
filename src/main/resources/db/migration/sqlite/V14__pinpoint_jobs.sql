-- Pinpoint import and export jobs (issue 7), and the members of imported segments.
--
-- A job is one row: its ImportJobResponse or ExportJobResponse as document, its status beside it (the background
-- runner takes the CREATED and PROCESSING ones, the latter again after a restart), the segment it reads or fills
-- for GetSegmentImportJobs and GetSegmentExportJobs; seq orders GetImportJobs and GetExportJobs.
CREATE TABLE pinpoint_job (
    seq            INTEGER PRIMARY KEY,
    account_id     TEXT NOT NULL,
    region         TEXT NOT NULL,
    app_id         TEXT NOT NULL,
    id             TEXT NOT NULL,
    type           TEXT NOT NULL,
    segment_id     TEXT,
    status         TEXT NOT NULL,
    document       TEXT NOT NULL
);
CREATE UNIQUE INDEX pinpoint_job_id ON pinpoint_job (account_id, region, app_id, id);
CREATE INDEX pinpoint_job_list ON pinpoint_job (account_id, region, app_id, type, seq);
CREATE INDEX pinpoint_job_segment ON pinpoint_job (account_id, region, app_id, segment_id, type, seq);
CREATE INDEX pinpoint_job_pending ON pinpoint_job (status, seq);

-- The endpoints of an IMPORT segment (its members are exactly the endpoints its import jobs imported), by endpoint
-- id folded to lower case; since_version is the segment version that first held the endpoint, so a past version is
-- evaluated with the members it had.
CREATE TABLE pinpoint_segment_member (
    account_id     TEXT NOT NULL,
    region         TEXT NOT NULL,
    app_id         TEXT NOT NULL,
    segment_id     TEXT NOT NULL,
    endpoint_key   TEXT NOT NULL,
    since_version  INTEGER NOT NULL,
    PRIMARY KEY (account_id, region, app_id, segment_id, endpoint_key)
);
