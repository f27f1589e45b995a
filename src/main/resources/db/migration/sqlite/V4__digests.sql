-- Log file integrity. One RSA key pair per region (the private key sealed with the master key), the log files a
-- trail delivered that the next digest of their region must list, and each digest chain's last link.
CREATE TABLE signing_key (
    fingerprint   TEXT PRIMARY KEY,
    region        TEXT NOT NULL,
    public_der    TEXT NOT NULL,
    private_enc   TEXT NOT NULL,
    valid_from    BIGINT NOT NULL,
    valid_to      BIGINT NOT NULL
);
CREATE INDEX signing_key_by_region ON signing_key (region, valid_from);

CREATE TABLE digest_file (
    account_id     TEXT NOT NULL,
    home_region    TEXT NOT NULL,
    trail_name     TEXT NOT NULL,
    source_region  TEXT NOT NULL,
    s3_bucket      TEXT NOT NULL,
    s3_key         TEXT NOT NULL,
    hash           TEXT NOT NULL,
    newest         BIGINT NOT NULL,
    oldest         BIGINT NOT NULL,
    delivered_at   BIGINT NOT NULL,
    PRIMARY KEY (account_id, home_region, trail_name, s3_key)
);

CREATE TABLE digest_chain (
    account_id      TEXT NOT NULL,
    home_region     TEXT NOT NULL,
    trail_name      TEXT NOT NULL,
    source_region   TEXT NOT NULL,
    last_end        BIGINT NOT NULL,
    last_bucket     TEXT,
    last_key        TEXT,
    last_hash       TEXT,
    last_signature  TEXT,
    last_written    BIGINT,
    PRIMARY KEY (account_id, home_region, trail_name, source_region)
);

-- The outcome of the last digest delivery of each trail, for GetTrailStatus.
ALTER TABLE trail ADD COLUMN latest_digest_error TEXT;
