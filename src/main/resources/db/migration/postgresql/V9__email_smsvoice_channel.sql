-- Mirrors sqlite/V9__email_smsvoice_channel.sql (same version and description): the same schema in PostgreSQL 15's dialect.
-- Message delivery (the channel package): every message a call accepts (an e-mail, a voice call, an event for an
-- event destination) is a row here, committed in the same transaction as the call's audit record, before the
-- response. The dispatcher hands PENDING rows to their provider (smtp, webhook, outbox, log, sns) and records the
-- outcome: DELIVERED (the provider took it), KEPT (the local outbox or event log keeps it: nothing leaves Waymark),
-- FAILED (refused for good, or retries exhausted; last_error says why). A row being sent is leased by moving
-- next_attempt ahead, so a crash mid-send only delays it. payload is the message as JSON.
CREATE TABLE channel_message (
    id            TEXT COLLATE "C" PRIMARY KEY,
    account_id    TEXT COLLATE "C" NOT NULL,
    region        TEXT COLLATE "C" NOT NULL,
    kind          TEXT COLLATE "C" NOT NULL,
    provider      TEXT COLLATE "C" NOT NULL,
    summary       TEXT COLLATE "C" NOT NULL,
    payload       TEXT COLLATE "C" NOT NULL,
    status        TEXT COLLATE "C" NOT NULL,
    attempts      BIGINT NOT NULL DEFAULT 0,
    next_attempt  BIGINT NOT NULL,
    last_error    TEXT COLLATE "C",
    created_at    BIGINT NOT NULL,
    finished_at   BIGINT
);
CREATE INDEX channel_message_due ON channel_message (status, next_attempt);
CREATE INDEX channel_message_by_time ON channel_message (created_at, id);

-- Pinpoint SMS and Voice v1: configuration sets and their event destinations (the EventDestinationDefinition as
-- JSON, by model member names), per account and region.
CREATE TABLE smsvoice_configuration_set (
    account_id   TEXT COLLATE "C" NOT NULL,
    region       TEXT COLLATE "C" NOT NULL,
    name         TEXT COLLATE "C" NOT NULL,
    created_at   BIGINT NOT NULL,
    PRIMARY KEY (account_id, region, name)
);

CREATE TABLE smsvoice_event_destination (
    account_id         TEXT COLLATE "C" NOT NULL,
    region             TEXT COLLATE "C" NOT NULL,
    configuration_set  TEXT COLLATE "C" NOT NULL,
    name               TEXT COLLATE "C" NOT NULL,
    definition         TEXT COLLATE "C" NOT NULL,
    created_at         BIGINT NOT NULL,
    PRIMARY KEY (account_id, region, configuration_set, name),
    FOREIGN KEY (account_id, region, configuration_set)
        REFERENCES smsvoice_configuration_set (account_id, region, name) ON DELETE CASCADE
);

-- Pinpoint Email: configuration sets (their tracking, delivery, reputation and sending options as JSON), their event
-- destinations, email identities (type, DKIM, feedback forwarding and MAIL FROM settings as JSON), dedicated IP
-- pools, the account's settings, and deliverability test reports. Tags are rows of resource_tag, keyed by ARN.
CREATE TABLE email_configuration_set (
    account_id   TEXT COLLATE "C" NOT NULL,
    region       TEXT COLLATE "C" NOT NULL,
    name         TEXT COLLATE "C" NOT NULL,
    options      TEXT COLLATE "C" NOT NULL,
    created_at   BIGINT NOT NULL,
    PRIMARY KEY (account_id, region, name)
);

CREATE TABLE email_event_destination (
    account_id         TEXT COLLATE "C" NOT NULL,
    region             TEXT COLLATE "C" NOT NULL,
    configuration_set  TEXT COLLATE "C" NOT NULL,
    name               TEXT COLLATE "C" NOT NULL,
    definition         TEXT COLLATE "C" NOT NULL,
    created_at         BIGINT NOT NULL,
    PRIMARY KEY (account_id, region, configuration_set, name),
    FOREIGN KEY (account_id, region, configuration_set)
        REFERENCES email_configuration_set (account_id, region, name) ON DELETE CASCADE
);

CREATE TABLE email_identity (
    account_id     TEXT COLLATE "C" NOT NULL,
    region         TEXT COLLATE "C" NOT NULL,
    identity       TEXT COLLATE "C" NOT NULL,
    identity_type  TEXT COLLATE "C" NOT NULL,
    attributes     TEXT COLLATE "C" NOT NULL,
    created_at     BIGINT NOT NULL,
    PRIMARY KEY (account_id, region, identity)
);

CREATE TABLE email_dedicated_ip_pool (
    account_id   TEXT COLLATE "C" NOT NULL,
    region       TEXT COLLATE "C" NOT NULL,
    name         TEXT COLLATE "C" NOT NULL,
    created_at   BIGINT NOT NULL,
    PRIMARY KEY (account_id, region, name)
);

CREATE TABLE email_account (
    account_id   TEXT COLLATE "C" NOT NULL,
    region       TEXT COLLATE "C" NOT NULL,
    settings     TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (account_id, region)
);

CREATE TABLE email_deliverability_test (
    account_id   TEXT COLLATE "C" NOT NULL,
    region       TEXT COLLATE "C" NOT NULL,
    report_id    TEXT COLLATE "C" NOT NULL,
    report       TEXT COLLATE "C" NOT NULL,
    created_at   BIGINT NOT NULL,
    PRIMARY KEY (account_id, region, report_id)
);
