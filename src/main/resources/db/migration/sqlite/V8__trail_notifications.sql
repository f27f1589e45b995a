-- SNS notifications of trails: one message per delivered log file, queued in the delivery's own transaction and
-- removed when the topic has taken it, and the outcome of the latest attempt for GetTrailStatus.
CREATE TABLE trail_notification (
    id           INTEGER PRIMARY KEY,
    account_id   TEXT NOT NULL,
    home_region  TEXT NOT NULL,
    trail_name   TEXT NOT NULL,
    topic_arn    TEXT NOT NULL,
    message      TEXT NOT NULL,
    created_at   BIGINT NOT NULL
);
CREATE INDEX trail_notification_by_trail ON trail_notification (account_id, home_region, trail_name, id);

ALTER TABLE trail ADD COLUMN latest_notification_time BIGINT;
ALTER TABLE trail ADD COLUMN latest_notification_error TEXT;
ALTER TABLE trail ADD COLUMN latest_notification_attempt BIGINT;
