-- Pinpoint channels (Email, SMS, Voice, APNs and its sandbox and VoIP variants, GCM, Baidu, ADM) of an application.
--
-- One row per application and channel type (its Platform: EMAIL, SMS, ..., APNS_VOIP_SANDBOX). document is the
-- channel's response (EmailChannelResponse, ...) as Get returns it, without credentials; secrets is a JSON object of
-- the request members AWS does not return (ApiKey, SecretKey, ClientId, ClientSecret, Certificate, PrivateKey,
-- TokenKey, TokenKeyId, TeamId, BundleId, ServiceJson), sealed with the master key (SecretBox.sealText).
CREATE TABLE pinpoint_channel (
    account_id     TEXT NOT NULL,
    region         TEXT NOT NULL,
    app_id         TEXT NOT NULL,
    channel_type   TEXT NOT NULL,
    document       TEXT NOT NULL,
    secrets        TEXT NOT NULL,
    PRIMARY KEY (account_id, region, app_id, channel_type)
);
