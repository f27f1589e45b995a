-- CloudTrail trails, stored in their home region. Selectors are kept as the JSON the API takes.
CREATE TABLE trail (
    account_id            TEXT NOT NULL,
    home_region           TEXT NOT NULL,
    name                  TEXT NOT NULL,
    s3_bucket             TEXT NOT NULL,
    s3_prefix             TEXT,
    sns_topic             TEXT,
    include_global        INTEGER NOT NULL,
    multi_region          INTEGER NOT NULL,
    log_validation        INTEGER NOT NULL,
    kms_key_id            TEXT,
    is_organization       INTEGER NOT NULL,
    is_logging            INTEGER NOT NULL DEFAULT 0,
    start_logging_time    BIGINT,
    stop_logging_time     BIGINT,
    event_selectors       TEXT,
    advanced_selectors    TEXT,
    insight_selectors     TEXT,
    logging_windows       TEXT NOT NULL DEFAULT '[]',
    delivered_seq         BIGINT NOT NULL DEFAULT 0,
    latest_delivery_time  BIGINT,
    latest_delivery_error TEXT,
    latest_delivery_attempt BIGINT,
    created_at            BIGINT NOT NULL,
    PRIMARY KEY (account_id, home_region, name)
);

-- Delivery reads an account's events in commit order after a trail's checkpoint.
CREATE INDEX event_by_account_seq ON event (account_id, seq);
