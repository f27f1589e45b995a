-- Mirrors sqlite/V16__pinpoint_templates.sql (same version and description): the same schema in PostgreSQL 15's dialect.
-- Pinpoint message templates (EMAIL, SMS, VOICE, PUSH, INAPP) of an account and region, with their versions.
--
-- A template is keyed by its type and its name (names are case-sensitive; one name may be used by one template of
-- each type). created_seq is its creation order in the account and region, which ListTemplates pages by;
-- active_version is the version Get*Template and messages use by default; last_version is the highest version
-- number ever given, so that a deleted version's number is never reused. Tags belong to the template's ARN
-- (resource_tag).
CREATE TABLE pinpoint_template (
    account_id     TEXT COLLATE "C" NOT NULL,
    region         TEXT COLLATE "C" NOT NULL,
    template_type  TEXT COLLATE "C" NOT NULL,
    name           TEXT COLLATE "C" NOT NULL,
    created_seq    BIGINT NOT NULL,
    active_version BIGINT NOT NULL,
    last_version   BIGINT NOT NULL,
    PRIMARY KEY (account_id, region, template_type, name)
);
CREATE INDEX pinpoint_template_order ON pinpoint_template (account_id, region, created_seq);

-- Every version of a template: document holds the members Get<Type>Template returns for it, without tags.
CREATE TABLE pinpoint_template_version (
    account_id     TEXT COLLATE "C" NOT NULL,
    region         TEXT COLLATE "C" NOT NULL,
    template_type  TEXT COLLATE "C" NOT NULL,
    name           TEXT COLLATE "C" NOT NULL,
    version        BIGINT NOT NULL,
    document       TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (account_id, region, template_type, name, version)
);
