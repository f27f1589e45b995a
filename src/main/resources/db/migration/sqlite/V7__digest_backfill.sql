-- Backfill digests and decided digests.
--
-- A log file belongs to the digest period that holds its newest event. One that is delivered after the digest of
-- that period was written is late (backfill = 1) and goes into the region's next backfill digest instead.
-- digest_key is the digest a waiting file was assigned to; the row goes once that digest is in the bucket.
ALTER TABLE digest_file ADD COLUMN backfill INTEGER NOT NULL DEFAULT 0;
ALTER TABLE digest_file ADD COLUMN digest_key TEXT;

-- The last link of each region's backfill chain (a chain of its own, as the AWS CLI walks it).
ALTER TABLE digest_chain ADD COLUMN backfill_end BIGINT;
ALTER TABLE digest_chain ADD COLUMN backfill_bucket TEXT;
ALTER TABLE digest_chain ADD COLUMN backfill_key TEXT;
ALTER TABLE digest_chain ADD COLUMN backfill_hash TEXT;
ALTER TABLE digest_chain ADD COLUMN backfill_signature TEXT;

-- Every digest, decided (content, key, signature) in the same transaction as its chain link, before it is written
-- to the bucket: body holds the exact JSON until the object is written (written_at set, body cleared), so a retry
-- after a crash or a failed write stores the same bytes and signature, never new ones. Kept afterwards as the
-- history of what was written, which lets `waymark validate-logs` notice a digest deleted from the bucket.
CREATE TABLE digest (
    id             INTEGER PRIMARY KEY,
    account_id     TEXT NOT NULL,
    home_region    TEXT NOT NULL,
    trail_name     TEXT NOT NULL,
    source_region  TEXT NOT NULL,
    backfill       INTEGER NOT NULL,
    s3_bucket      TEXT NOT NULL,
    s3_key         TEXT NOT NULL,
    start_time     BIGINT NOT NULL,
    end_time       BIGINT NOT NULL,
    hash           TEXT NOT NULL,
    signature      TEXT NOT NULL,
    generated_at   BIGINT NOT NULL,
    body           TEXT,
    written_at     BIGINT,
    UNIQUE (s3_bucket, s3_key)
);
CREATE INDEX digest_by_chain ON digest (account_id, home_region, trail_name, source_region, written_at);
