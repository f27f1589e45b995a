-- Identities: accounts, IAM users, roles, access keys, identity policies, MFA devices.
CREATE TABLE account (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    alias       TEXT,
    created_at  BIGINT NOT NULL
);

CREATE TABLE iam_user (
    account_id  TEXT NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    user_id     TEXT NOT NULL UNIQUE,
    path        TEXT NOT NULL DEFAULT '/',
    created_at  BIGINT NOT NULL,
    PRIMARY KEY (account_id, name)
);

CREATE TABLE iam_role (
    account_id            TEXT NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    name                  TEXT NOT NULL,
    role_id               TEXT NOT NULL UNIQUE,
    path                  TEXT NOT NULL DEFAULT '/',
    trust_policy          TEXT NOT NULL,
    max_session_seconds   BIGINT NOT NULL DEFAULT 3600,
    created_at            BIGINT NOT NULL,
    PRIMARY KEY (account_id, name)
);

-- owner_kind ROOT (owner_name '') or USER; the secret is AES-GCM encrypted with the data directory's master key.
CREATE TABLE access_key (
    access_key_id  TEXT PRIMARY KEY,
    account_id     TEXT NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    owner_kind     TEXT NOT NULL,
    owner_name     TEXT NOT NULL,
    secret_enc     TEXT NOT NULL,
    status         TEXT NOT NULL DEFAULT 'Active',
    created_at     BIGINT NOT NULL
);

-- Inline identity policies of users and roles (owner_kind USER or ROLE).
CREATE TABLE identity_policy (
    account_id   TEXT NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    owner_kind   TEXT NOT NULL,
    owner_name   TEXT NOT NULL,
    policy_name  TEXT NOT NULL,
    document     TEXT NOT NULL,
    PRIMARY KEY (account_id, owner_kind, owner_name, policy_name)
);

-- Virtual MFA devices (TOTP, RFC 6238); the seed is encrypted like access key secrets.
CREATE TABLE mfa_device (
    serial_number  TEXT PRIMARY KEY,
    account_id     TEXT NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    user_name      TEXT NOT NULL,
    seed_enc       TEXT NOT NULL
);

-- Pinpoint applications, per account and region.
CREATE TABLE pinpoint_app (
    account_id     TEXT NOT NULL,
    region         TEXT NOT NULL,
    id             TEXT NOT NULL,
    name           TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    created_seq    INTEGER NOT NULL,
    settings       TEXT,
    event_stream   TEXT,
    PRIMARY KEY (account_id, region, id)
);
CREATE INDEX pinpoint_app_order ON pinpoint_app (account_id, region, created_seq);

-- Tags of any taggable resource, keyed by its ARN (which carries account and region).
CREATE TABLE resource_tag (
    arn     TEXT NOT NULL,
    tag_key TEXT NOT NULL,
    value   TEXT NOT NULL,
    PRIMARY KEY (arn, tag_key)
);

-- The audit log: one row per recorded call (every lookup index ends in event_time, seq: the order LookupEvents
-- pages in, so a page is read straight off the index), in commit order (seq). The record column holds the CloudTrail
-- record exactly as delivered; the other columns index it for LookupEvents.
CREATE TABLE event (
    seq             INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id        TEXT NOT NULL UNIQUE,
    account_id      TEXT NOT NULL,
    region          TEXT NOT NULL,
    event_time      BIGINT NOT NULL,
    event_name      TEXT NOT NULL,
    event_source    TEXT NOT NULL,
    read_only       INTEGER NOT NULL,
    username        TEXT,
    access_key_id   TEXT,
    error_code      TEXT,
    record          TEXT NOT NULL
);
CREATE INDEX event_time ON event (account_id, region, event_time, seq);
CREATE INDEX event_by_name ON event (account_id, region, event_name, event_time, seq);
CREATE INDEX event_by_source ON event (account_id, region, event_source, event_time, seq);
CREATE INDEX event_by_user ON event (account_id, region, username, event_time, seq);
CREATE INDEX event_by_key ON event (account_id, region, access_key_id, event_time, seq);
CREATE INDEX event_by_readonly ON event (account_id, region, read_only, event_time, seq);

-- resources[] of each event, for the ResourceType and ResourceName lookup attributes.
CREATE TABLE event_resource (
    seq            INTEGER NOT NULL REFERENCES event (seq) ON DELETE CASCADE,
    account_id     TEXT NOT NULL,
    region         TEXT NOT NULL,
    event_time     BIGINT NOT NULL,
    resource_type  TEXT NOT NULL,
    resource_name  TEXT NOT NULL
);
CREATE INDEX event_resource_by_type ON event_resource (account_id, region, resource_type, event_time, seq);
CREATE INDEX event_resource_by_name ON event_resource (account_id, region, resource_name, event_time, seq);
CREATE INDEX event_resource_seq ON event_resource (seq);
