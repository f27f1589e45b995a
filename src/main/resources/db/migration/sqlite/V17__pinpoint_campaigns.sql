-- Pinpoint campaigns (issue 8): every version of each campaign, its place in the schedule, and its runs.

CREATE TABLE pinpoint_campaign (
    account_id     TEXT NOT NULL,
    region         TEXT NOT NULL,
    app_id         TEXT NOT NULL,
    id             TEXT NOT NULL,
    created_seq    INTEGER NOT NULL,
    version        INTEGER NOT NULL,
    -- SCHEDULED, EXECUTING, PENDING_NEXT_RUN, COMPLETED, PAUSED
    status         TEXT NOT NULL DEFAULT 'SCHEDULED',
    -- the next occurrence (epoch milliseconds of its nominal start) and when its run begins (earlier for local-time
    -- campaigns: when the first time zone reaches it); NULL when none is left, or for event-triggered campaigns
    next_occurrence INTEGER,
    next_start     INTEGER,
    PRIMARY KEY (account_id, region, app_id, id)
);
CREATE INDEX pinpoint_campaign_order ON pinpoint_campaign (account_id, region, app_id, created_seq);
CREATE INDEX pinpoint_campaign_due ON pinpoint_campaign (next_start) WHERE next_start IS NOT NULL;

CREATE TABLE pinpoint_campaign_version (
    account_id     TEXT NOT NULL,
    region         TEXT NOT NULL,
    app_id         TEXT NOT NULL,
    id             TEXT NOT NULL,
    version        INTEGER NOT NULL,
    document       TEXT NOT NULL,
    PRIMARY KEY (account_id, region, app_id, id, version)
);

-- One activity per treatment per occurrence: the UNIQUE key is what makes an occurrence run exactly once.
CREATE TABLE pinpoint_campaign_activity (
    account_id      TEXT NOT NULL,
    region          TEXT NOT NULL,
    app_id          TEXT NOT NULL,
    campaign_id     TEXT NOT NULL,
    id              TEXT NOT NULL,
    seq             INTEGER NOT NULL,
    treatment_id    TEXT NOT NULL,
    occurrence      INTEGER NOT NULL,
    campaign_version INTEGER NOT NULL,
    -- PENDING (waves not yet laid out), EXECUTING, COMPLETED
    state           TEXT NOT NULL,
    started_at      INTEGER NOT NULL,
    ended_at        INTEGER,
    total           INTEGER NOT NULL DEFAULT 0,
    successful      INTEGER NOT NULL DEFAULT 0,
    result          TEXT,
    PRIMARY KEY (account_id, region, app_id, campaign_id, id),
    UNIQUE (account_id, region, app_id, campaign_id, treatment_id, occurrence)
);
CREATE INDEX pinpoint_campaign_activity_order ON pinpoint_campaign_activity (account_id, region, app_id, campaign_id, seq);
CREATE INDEX pinpoint_campaign_activity_open ON pinpoint_campaign_activity (state) WHERE state <> 'COMPLETED';

-- The waves of an activity: one per time zone of a local-time campaign, else one. cursor is the endpoint row
-- number the wave has reached, moved in the same transaction as the messages it sent.
CREATE TABLE pinpoint_campaign_wave (
    account_id      TEXT NOT NULL,
    region          TEXT NOT NULL,
    app_id          TEXT NOT NULL,
    campaign_id     TEXT NOT NULL,
    activity_id     TEXT NOT NULL,
    zone            TEXT NOT NULL,
    due_at          INTEGER NOT NULL,
    cursor          INTEGER NOT NULL DEFAULT 0,
    done            INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (account_id, region, app_id, campaign_id, activity_id, zone)
);
CREATE INDEX pinpoint_campaign_wave_due ON pinpoint_campaign_wave (due_at) WHERE done = 0;

-- Messages a campaign sent each endpoint per UTC day, kept only for campaigns with Daily or Total limits.
CREATE TABLE pinpoint_campaign_sent (
    account_id      TEXT NOT NULL,
    region          TEXT NOT NULL,
    app_id          TEXT NOT NULL,
    campaign_id     TEXT NOT NULL,
    endpoint_key    TEXT NOT NULL,
    day             INTEGER NOT NULL,
    count           INTEGER NOT NULL,
    PRIMARY KEY (account_id, region, app_id, campaign_id, endpoint_key, day)
);
