-- Mirrors sqlite/V3__trails.sql (same version and description): the same schema in PostgreSQL 15's dialect.
-- CloudTrail trails, stored in their home region. Selectors are kept as the JSON the API takes.
CREATE TABLE trail (
    account_id            TEXT COLLATE "C" NOT NULL,
    home_region           TEXT COLLATE "C" NOT NULL,
    name                  TEXT COLLATE "C" NOT NULL,
    s3_bucket             TEXT COLLATE "C" NOT NULL,
    s3_prefix             TEXT COLLATE "C",
    sns_topic             TEXT COLLATE "C",
    include_global        BIGINT NOT NULL,
    multi_region          BIGINT NOT NULL,
    log_validation        BIGINT NOT NULL,
    kms_key_id            TEXT COLLATE "C",
    is_organization       BIGINT NOT NULL,
    is_logging            BIGINT NOT NULL DEFAULT 0,
    start_logging_time    BIGINT,
    stop_logging_time     BIGINT,
    event_selectors       TEXT COLLATE "C",
    advanced_selectors    TEXT COLLATE "C",
    insight_selectors     TEXT COLLATE "C",
    logging_windows       TEXT COLLATE "C" NOT NULL DEFAULT '[]',
    delivered_seq         BIGINT NOT NULL DEFAULT 0,
    latest_delivery_time  BIGINT,
    latest_delivery_error TEXT COLLATE "C",
    latest_delivery_attempt BIGINT,
    created_at            BIGINT NOT NULL,
    PRIMARY KEY (account_id, home_region, name)
);

-- Delivery reads an account's events in commit order after a trail's checkpoint.
CREATE INDEX event_by_account_seq ON event (account_id, seq);
