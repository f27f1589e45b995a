-- Mirrors sqlite/V5__sns.sql (same version and description): the same schema in PostgreSQL 15's dialect.
-- The embedded topics (the SNS subset). A topic belongs to the account and region in its ARN
-- (arn:aws:sns:<region>:<account>:<name>); its settable attributes (Policy, DisplayName, DeliveryPolicy,
-- SignatureVersion, TracingConfig) are kept as a JSON object of strings, as the caller gave them. Tags are rows of
-- resource_tag, keyed by the topic ARN.
CREATE TABLE sns_topic (
    arn                    TEXT COLLATE "C" PRIMARY KEY,
    account_id             TEXT COLLATE "C" NOT NULL,
    region                 TEXT COLLATE "C" NOT NULL,
    name                   TEXT COLLATE "C" NOT NULL,
    attributes             TEXT COLLATE "C" NOT NULL,
    subscriptions_deleted  BIGINT NOT NULL DEFAULT 0,
    created_at             BIGINT NOT NULL
);
CREATE INDEX sns_topic_by_account ON sns_topic (account_id, region, arn);

-- Subscriptions (http and https only). A subscription stays pending until ConfirmSubscription with a token sent to
-- its endpoint; only confirmed ones receive notifications. waymark_url is the scheme and host the subscribing
-- client addressed Waymark at: the SubscribeURL, UnsubscribeURL and SigningCertURL sent to the endpoint use it.
CREATE TABLE sns_subscription (
    arn                     TEXT COLLATE "C" PRIMARY KEY,
    topic_arn               TEXT COLLATE "C" NOT NULL REFERENCES sns_topic (arn),
    account_id              TEXT COLLATE "C" NOT NULL,
    region                  TEXT COLLATE "C" NOT NULL,
    protocol                TEXT COLLATE "C" NOT NULL,
    endpoint                TEXT COLLATE "C" NOT NULL,
    waymark_url             TEXT COLLATE "C" NOT NULL,
    confirmed               BIGINT NOT NULL,
    authenticate_unsubscribe BIGINT NOT NULL DEFAULT 0,
    created_at              BIGINT NOT NULL
);
CREATE INDEX sns_subscription_by_topic ON sns_subscription (topic_arn, arn);
CREATE INDEX sns_subscription_by_account ON sns_subscription (account_id, region, arn);

-- What is still to be POSTed to a subscription's endpoint: one row per notification (Publish, committed in the
-- same transaction as the call) or subscription confirmation (Subscribe), deleted once the endpoint answered 2xx.
-- A row is leased by setting next_attempt ahead before it is sent, so a crash mid-send only delays it.
CREATE TABLE sns_outbox (
    subscription_arn  TEXT COLLATE "C" NOT NULL REFERENCES sns_subscription (arn),
    message_id        TEXT COLLATE "C" NOT NULL,
    kind              TEXT COLLATE "C" NOT NULL,
    subject           TEXT COLLATE "C",
    message           TEXT COLLATE "C" NOT NULL,
    attributes        TEXT COLLATE "C",
    published_at      BIGINT NOT NULL,
    attempts          BIGINT NOT NULL DEFAULT 0,
    next_attempt      BIGINT NOT NULL,
    last_error        TEXT COLLATE "C",
    PRIMARY KEY (subscription_arn, message_id)
);
CREATE INDEX sns_outbox_due ON sns_outbox (next_attempt);

-- The RSA keys messages are signed with (SignatureVersion 1 and 2), each with its self-signed certificate, served at
-- <waymark>/SimpleNotificationService-<id>.pem. The private key is sealed with the master key.
CREATE TABLE sns_signing_key (
    id            TEXT COLLATE "C" PRIMARY KEY,
    certificate   TEXT COLLATE "C" NOT NULL,
    private_enc   TEXT COLLATE "C" NOT NULL,
    created_at    BIGINT NOT NULL
);
