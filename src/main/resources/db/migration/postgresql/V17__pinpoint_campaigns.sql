-- Mirrors sqlite/V17__pinpoint_campaigns.sql (same version and description): the same schema in PostgreSQL 15's dialect.
-- Pinpoint campaigns (issue 8): every version of each campaign, its place in the schedule, and its runs.

CREATE TABLE pinpoint_campaign (
    account_id     TEXT COLLATE "C" NOT NULL,
    region         TEXT COLLATE "C" NOT NULL,
    app_id         TEXT COLLATE "C" NOT NULL,
    id             TEXT COLLATE "C" NOT NULL,
    created_seq    BIGINT NOT NULL,
    version        BIGINT NOT NULL,
    -- SCHEDULED, EXECUTING, PENDING_NEXT_RUN, COMPLETED, PAUSED
    status         TEXT COLLATE "C" NOT NULL DEFAULT 'SCHEDULED',
    -- the next occurrence (epoch milliseconds of its nominal start) and when its run begins (earlier for local-time
    -- campaigns: when the first time zone reaches it); NULL when none is left, or for event-triggered campaigns
    next_occurrence BIGINT,
    next_start     BIGINT,
    PRIMARY KEY (account_id, region, app_id, id)
);
CREATE INDEX pinpoint_campaign_order ON pinpoint_campaign (account_id, region, app_id, created_seq);
CREATE INDEX pinpoint_campaign_due ON pinpoint_campaign (next_start) WHERE next_start IS NOT NULL;

CREATE TABLE pinpoint_campaign_version (
    account_id     TEXT COLLATE "C" NOT NULL,
    region         TEXT COLLATE "C" NOT NULL,
    app_id         TEXT COLLATE "C" NOT NULL,
    id             TEXT COLLATE "C" NOT NULL,
    version        BIGINT NOT NULL,
    document       TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (account_id, region, app_id, id, version)
);

-- One activity per treatment per occurrence: the UNIQUE key is what makes an occurrence run exactly once.
CREATE TABLE pinpoint_campaign_activity (
    account_id      TEXT COLLATE "C" NOT NULL,
    region          TEXT COLLATE "C" NOT NULL,
    app_id          TEXT COLLATE "C" NOT NULL,
    campaign_id     TEXT COLLATE "C" NOT NULL,
    id              TEXT COLLATE "C" NOT NULL,
    seq             BIGINT NOT NULL,
    treatment_id    TEXT COLLATE "C" NOT NULL,
    occurrence      BIGINT NOT NULL,
    campaign_version BIGINT NOT NULL,
    -- PENDING (waves not yet laid out), EXECUTING, COMPLETED
    state           TEXT COLLATE "C" NOT NULL,
    started_at      BIGINT NOT NULL,
    ended_at        BIGINT,
    total           BIGINT NOT NULL DEFAULT 0,
    successful      BIGINT NOT NULL DEFAULT 0,
    result          TEXT COLLATE "C",
    PRIMARY KEY (account_id, region, app_id, campaign_id, id),
    UNIQUE (account_id, region, app_id, campaign_id, treatment_id, occurrence)
);
CREATE INDEX pinpoint_campaign_activity_order ON pinpoint_campaign_activity (account_id, region, app_id, campaign_id, seq);
CREATE INDEX pinpoint_campaign_activity_open ON pinpoint_campaign_activity (state) WHERE state <> 'COMPLETED';

-- The waves of an activity: one per time zone of a local-time campaign, else one. cursor is the endpoint row
-- number the wave has reached, moved in the same transaction as the messages it sent.
CREATE TABLE pinpoint_campaign_wave (
    account_id      TEXT COLLATE "C" NOT NULL,
    region          TEXT COLLATE "C" NOT NULL,
    app_id          TEXT COLLATE "C" NOT NULL,
    campaign_id     TEXT COLLATE "C" NOT NULL,
    activity_id     TEXT COLLATE "C" NOT NULL,
    zone            TEXT COLLATE "C" NOT NULL,
    due_at          BIGINT NOT NULL,
    cursor          BIGINT NOT NULL DEFAULT 0,
    done            BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (account_id, region, app_id, campaign_id, activity_id, zone)
);
CREATE INDEX pinpoint_campaign_wave_due ON pinpoint_campaign_wave (due_at) WHERE done = 0;

-- Messages a campaign sent each endpoint per UTC day, kept only for campaigns with Daily or Total limits.
CREATE TABLE pinpoint_campaign_sent (
    account_id      TEXT COLLATE "C" NOT NULL,
    region          TEXT COLLATE "C" NOT NULL,
    app_id          TEXT COLLATE "C" NOT NULL,
    campaign_id     TEXT COLLATE "C" NOT NULL,
    endpoint_key    TEXT COLLATE "C" NOT NULL,
    day             BIGINT NOT NULL,
    count           BIGINT NOT NULL,
    PRIMARY KEY (account_id, region, app_id, campaign_id, endpoint_key, day)
);
