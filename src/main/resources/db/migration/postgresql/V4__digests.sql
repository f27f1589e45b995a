-- Mirrors sqlite/V4__digests.sql (same version and description): the same schema in PostgreSQL 15's dialect.
-- Log file integrity. One RSA key pair per region (the private key sealed with the master key), the log files a
-- trail delivered that the next digest of their region must list, and each digest chain's last link.
CREATE TABLE signing_key (
    fingerprint   TEXT COLLATE "C" PRIMARY KEY,
    region        TEXT COLLATE "C" NOT NULL,
    public_der    TEXT COLLATE "C" NOT NULL,
    private_enc   TEXT COLLATE "C" NOT NULL,
    valid_from    BIGINT NOT NULL,
    valid_to      BIGINT NOT NULL
);
CREATE INDEX signing_key_by_region ON signing_key (region, valid_from);

CREATE TABLE digest_file (
    account_id     TEXT COLLATE "C" NOT NULL,
    home_region    TEXT COLLATE "C" NOT NULL,
    trail_name     TEXT COLLATE "C" NOT NULL,
    source_region  TEXT COLLATE "C" NOT NULL,
    s3_bucket      TEXT COLLATE "C" NOT NULL,
    s3_key         TEXT COLLATE "C" NOT NULL,
    hash           TEXT COLLATE "C" NOT NULL,
    newest         BIGINT NOT NULL,
    oldest         BIGINT NOT NULL,
    delivered_at   BIGINT NOT NULL,
    PRIMARY KEY (account_id, home_region, trail_name, s3_key)
);

CREATE TABLE digest_chain (
    account_id      TEXT COLLATE "C" NOT NULL,
    home_region     TEXT COLLATE "C" NOT NULL,
    trail_name      TEXT COLLATE "C" NOT NULL,
    source_region   TEXT COLLATE "C" NOT NULL,
    last_end        BIGINT NOT NULL,
    last_bucket     TEXT COLLATE "C",
    last_key        TEXT COLLATE "C",
    last_hash       TEXT COLLATE "C",
    last_signature  TEXT COLLATE "C",
    last_written    BIGINT,
    PRIMARY KEY (account_id, home_region, trail_name, source_region)
);

-- The outcome of the last digest delivery of each trail, for GetTrailStatus.
ALTER TABLE trail ADD COLUMN latest_digest_error TEXT COLLATE "C";
