-- Mirrors sqlite/V18__job_leases.sql in PostgreSQL's dialect.
-- Leases of the background jobs (issue 10): on a store shared by several nodes, the node holding a job's lease runs
-- the job; a lease not renewed by expires_at (epoch milliseconds) may be taken by another node.
CREATE TABLE job_lease (
    name        TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    holder      TEXT COLLATE "C" NOT NULL,
    expires_at  BIGINT NOT NULL
);
