-- Mirrors sqlite/V6__organizations.sql (same version and description): the same schema in PostgreSQL 15's dialect.
-- Organizations: accounts grouped under one management account (declared in the identities file or with
-- `waymark organization`). An account belongs to at most one organization; the management account is a member too.
CREATE TABLE organization (
    id                  TEXT COLLATE "C" PRIMARY KEY,
    management_account  TEXT COLLATE "C" NOT NULL UNIQUE REFERENCES account (id) ON DELETE CASCADE,
    created_at          BIGINT NOT NULL
);

CREATE TABLE organization_account (
    account_id       TEXT COLLATE "C" PRIMARY KEY REFERENCES account (id) ON DELETE CASCADE,
    organization_id  TEXT COLLATE "C" NOT NULL REFERENCES organization (id) ON DELETE CASCADE
);
CREATE INDEX organization_account_by_org ON organization_account (organization_id);
