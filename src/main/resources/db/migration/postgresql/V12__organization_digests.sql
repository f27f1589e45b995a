-- Mirrors sqlite/V12__organization_digests.sql (same version and description): the same schema in PostgreSQL 15's dialect.
-- Digests of organization trails: one chain per member account and region, under AWSLogs/<o-id>/<member>/.
-- member_account is the account whose events a chain's log files hold: the trail's own account for other trails.
ALTER TABLE digest_file ADD COLUMN member_account TEXT COLLATE "C" NOT NULL DEFAULT '';
UPDATE digest_file SET member_account = account_id;
ALTER TABLE digest ADD COLUMN member_account TEXT COLLATE "C" NOT NULL DEFAULT '';
UPDATE digest SET member_account = account_id;
DROP INDEX digest_by_chain;
CREATE INDEX digest_by_chain ON digest (account_id, home_region, trail_name, member_account, source_region, written_at);

CREATE TABLE digest_chain_by_member (
    account_id          TEXT COLLATE "C" NOT NULL,
    home_region         TEXT COLLATE "C" NOT NULL,
    trail_name          TEXT COLLATE "C" NOT NULL,
    member_account      TEXT COLLATE "C" NOT NULL,
    source_region       TEXT COLLATE "C" NOT NULL,
    last_end            BIGINT NOT NULL,
    last_bucket         TEXT COLLATE "C",
    last_key            TEXT COLLATE "C",
    last_hash           TEXT COLLATE "C",
    last_signature      TEXT COLLATE "C",
    last_written        BIGINT,
    backfill_end        BIGINT,
    backfill_bucket     TEXT COLLATE "C",
    backfill_key        TEXT COLLATE "C",
    backfill_hash       TEXT COLLATE "C",
    backfill_signature  TEXT COLLATE "C",
    PRIMARY KEY (account_id, home_region, trail_name, member_account, source_region)
);
INSERT INTO digest_chain_by_member (account_id, home_region, trail_name, member_account, source_region, last_end,
        last_bucket, last_key, last_hash, last_signature, last_written, backfill_end, backfill_bucket, backfill_key,
        backfill_hash, backfill_signature)
    SELECT account_id, home_region, trail_name, account_id, source_region, last_end, last_bucket, last_key, last_hash,
        last_signature, last_written, backfill_end, backfill_bucket, backfill_key, backfill_hash, backfill_signature
    FROM digest_chain;
DROP TABLE digest_chain;
-- SQLite rebuilds digest_chain to change its primary key; PostgreSQL runs the same rebuild (transactional, and the
-- columns keep SQLite's order), then gives the primary key the name a table created as digest_chain would have.
ALTER TABLE digest_chain_by_member RENAME TO digest_chain;
ALTER TABLE digest_chain RENAME CONSTRAINT digest_chain_by_member_pkey TO digest_chain_pkey;
