-- Digests of organization trails: one chain per member account and region, under AWSLogs/<o-id>/<member>/.
-- member_account is the account whose events a chain's log files hold: the trail's own account for other trails.
ALTER TABLE digest_file ADD COLUMN member_account TEXT NOT NULL DEFAULT '';
UPDATE digest_file SET member_account = account_id;
ALTER TABLE digest ADD COLUMN member_account TEXT NOT NULL DEFAULT '';
UPDATE digest SET member_account = account_id;
DROP INDEX digest_by_chain;
CREATE INDEX digest_by_chain ON digest (account_id, home_region, trail_name, member_account, source_region, written_at);

CREATE TABLE digest_chain_by_member (
    account_id          TEXT NOT NULL,
    home_region         TEXT NOT NULL,
    trail_name          TEXT NOT NULL,
    member_account      TEXT NOT NULL,
    source_region       TEXT NOT NULL,
    last_end            BIGINT NOT NULL,
    last_bucket         TEXT,
    last_key            TEXT,
    last_hash           TEXT,
    last_signature      TEXT,
    last_written        BIGINT,
    backfill_end        BIGINT,
    backfill_bucket     TEXT,
    backfill_key        TEXT,
    backfill_hash       TEXT,
    backfill_signature  TEXT,
    PRIMARY KEY (account_id, home_region, trail_name, member_account, source_region)
);
INSERT INTO digest_chain_by_member (account_id, home_region, trail_name, member_account, source_region, last_end,
        last_bucket, last_key, last_hash, last_signature, last_written, backfill_end, backfill_bucket, backfill_key,
        backfill_hash, backfill_signature)
    SELECT account_id, home_region, trail_name, account_id, source_region, last_end, last_bucket, last_key, last_hash,
        last_signature, last_written, backfill_end, backfill_bucket, backfill_key, backfill_hash, backfill_signature
    FROM digest_chain;
DROP TABLE digest_chain;
ALTER TABLE digest_chain_by_member RENAME TO digest_chain;
