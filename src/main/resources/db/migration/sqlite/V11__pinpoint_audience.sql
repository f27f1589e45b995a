-- Pinpoint audience: endpoints, their events, and segments with their versions (issue 7).
--
-- An endpoint is one row, keyed by its application and its id folded to lower case (Pinpoint's endpoint ids are
-- case-insensitive); seq is the row's own number, which segment evaluation returns and pages by. document is the
-- endpoint as EndpointResponse members (without ApplicationId, added when read); user_id and address are kept
-- beside it for GetUserEndpoints and for the rule that an update makes other endpoints of the same address
-- INACTIVE, and the fields of segments' set dimensions (channel_type to country) so that segment evaluation can
-- narrow the rows in SQL before it reads any JSON. active_at is the latest of the endpoint's EffectiveDate and its
-- events' timestamps, in epoch milliseconds (Behavior.Recency).
CREATE TABLE pinpoint_endpoint (
    seq            INTEGER PRIMARY KEY,
    account_id     TEXT NOT NULL,
    region         TEXT NOT NULL,
    app_id         TEXT NOT NULL,
    id_key         TEXT NOT NULL,
    user_id        TEXT,
    address        TEXT,
    channel_type   TEXT,
    platform       TEXT,
    make           TEXT,
    model          TEXT,
    app_version    TEXT,
    country        TEXT,
    active_at      BIGINT NOT NULL,
    document       TEXT NOT NULL
);
CREATE UNIQUE INDEX pinpoint_endpoint_id ON pinpoint_endpoint (account_id, region, app_id, id_key);
CREATE INDEX pinpoint_endpoint_user ON pinpoint_endpoint (account_id, region, app_id, user_id);
CREATE INDEX pinpoint_endpoint_address ON pinpoint_endpoint (account_id, region, app_id, address);

-- The attribute names an application has used, by kind (endpoint-custom-attributes, endpoint-metric-attributes,
-- endpoint-user-attributes): Pinpoint's per-application attribute quota counts them. RemoveAttributes marks them
-- removed: endpoints keep the values they have, and new or changed values of that name are no longer captured.
CREATE TABLE pinpoint_attribute_name (
    account_id  TEXT NOT NULL,
    region      TEXT NOT NULL,
    app_id      TEXT NOT NULL,
    kind        TEXT NOT NULL,
    name        TEXT NOT NULL,
    removed     INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (account_id, region, app_id, kind, name)
);

-- Events accepted by PutEvents, for segment recency and the application's metrics; document is the Event as sent.
CREATE TABLE pinpoint_event (
    seq            INTEGER PRIMARY KEY,
    account_id     TEXT NOT NULL,
    region         TEXT NOT NULL,
    app_id         TEXT NOT NULL,
    endpoint_key   TEXT NOT NULL,
    event_id       TEXT NOT NULL,
    event_type     TEXT NOT NULL,
    occurred_at    BIGINT NOT NULL,
    session_id     TEXT,
    document       TEXT NOT NULL
);
CREATE INDEX pinpoint_event_time ON pinpoint_event (account_id, region, app_id, occurred_at);

-- Segments: the current version's number beside its creation order; every version's SegmentResponse members
-- (without tags, which belong to the segment's ARN) in pinpoint_segment_version.
CREATE TABLE pinpoint_segment (
    account_id     TEXT NOT NULL,
    region         TEXT NOT NULL,
    app_id         TEXT NOT NULL,
    id             TEXT NOT NULL,
    created_seq    INTEGER NOT NULL,
    version        INTEGER NOT NULL,
    PRIMARY KEY (account_id, region, app_id, id)
);
CREATE INDEX pinpoint_segment_order ON pinpoint_segment (account_id, region, app_id, created_seq);

CREATE TABLE pinpoint_segment_version (
    account_id     TEXT NOT NULL,
    region         TEXT NOT NULL,
    app_id         TEXT NOT NULL,
    id             TEXT NOT NULL,
    version        INTEGER NOT NULL,
    document       TEXT NOT NULL,
    PRIMARY KEY (account_id, region, app_id, id, version)
);
