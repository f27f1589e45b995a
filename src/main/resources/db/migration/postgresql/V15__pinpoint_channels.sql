-- Mirrors sqlite/V15__pinpoint_channels.sql (same version and description): the same schema in PostgreSQL 15's dialect.
-- Pinpoint channels (Email, SMS, Voice, APNs and its sandbox and VoIP variants, GCM, Baidu, ADM) of an application.
--
-- One row per application and channel type (its Platform: EMAIL, SMS, ..., APNS_VOIP_SANDBOX). document is the
-- channel's response (EmailChannelResponse, ...) as Get returns it, without credentials; secrets is a JSON object of
-- the request members AWS does not return (ApiKey, SecretKey, ClientId, ClientSecret, Certificate, PrivateKey,
-- TokenKey, TokenKeyId, TeamId, BundleId, ServiceJson), sealed with the master key (SecretBox.sealText).
CREATE TABLE pinpoint_channel (
    account_id     TEXT COLLATE "C" NOT NULL,
    region         TEXT COLLATE "C" NOT NULL,
    app_id         TEXT COLLATE "C" NOT NULL,
    channel_type   TEXT COLLATE "C" NOT NULL,
    document       TEXT COLLATE "C" NOT NULL,
    secrets        TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (account_id, region, app_id, channel_type)
);
