-- Mirrors sqlite/V2__bucket_store.sql (same version and description): the same schema in PostgreSQL 15's dialect.
-- The embedded bucket store (the S3 subset). Bucket names are global; each bucket belongs to one account and was
-- created in one region. Policy, lifecycle and default encryption are kept as JSON, as the caller gave them.
CREATE TABLE s3_bucket (
    name         TEXT COLLATE "C" PRIMARY KEY,
    account_id   TEXT COLLATE "C" NOT NULL,
    region       TEXT COLLATE "C" NOT NULL,
    created_at   BIGINT NOT NULL,
    policy       TEXT COLLATE "C",
    lifecycle    TEXT COLLATE "C",
    encryption   TEXT COLLATE "C"
);
CREATE INDEX s3_bucket_by_account ON s3_bucket (account_id, name);

-- Object metadata. The content lives in <data-dir>/buckets/<bucket>/<file_id>, AES-256-GCM encrypted with a data
-- key of its own, which is stored here sealed with the master key (data_key). A row is written only after its file
-- is durable, so every row has its file; a file without a row is garbage and is swept. Keys are ordered as S3
-- orders them, by their UTF-8 bytes (SQLite's BINARY collation).
CREATE TABLE s3_object (
    bucket             TEXT COLLATE "C" NOT NULL REFERENCES s3_bucket (name),
    object_key         TEXT COLLATE "C" NOT NULL,
    file_id            TEXT COLLATE "C" NOT NULL,
    size               BIGINT NOT NULL,
    etag               TEXT COLLATE "C" NOT NULL,
    last_modified      BIGINT NOT NULL,
    content_type       TEXT COLLATE "C",
    content_encoding   TEXT COLLATE "C",
    headers            TEXT COLLATE "C" NOT NULL,
    metadata           TEXT COLLATE "C" NOT NULL,
    sse                TEXT COLLATE "C" NOT NULL,
    kms_key_id         TEXT COLLATE "C",
    data_key           TEXT COLLATE "C" NOT NULL,
    checksum_algorithm TEXT COLLATE "C",
    checksum           TEXT COLLATE "C",
    PRIMARY KEY (bucket, object_key)
);
CREATE INDEX s3_object_by_age ON s3_object (bucket, last_modified);
