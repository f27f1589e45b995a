-- Pinpoint message templates (EMAIL, SMS, VOICE, PUSH, INAPP) of an account and region, with their versions.
--
-- A template is keyed by its type and its name (names are case-sensitive; one name may be used by one template of
-- each type). created_seq is its creation order in the account and region, which ListTemplates pages by;
-- active_version is the version Get*Template and messages use by default; last_version is the highest version
-- number ever given, so that a deleted version's number is never reused. Tags belong to the template's ARN
-- (resource_tag).
CREATE TABLE pinpoint_template (
    account_id     TEXT NOT NULL,
    region         TEXT NOT NULL,
    template_type  TEXT NOT NULL,
    name           TEXT NOT NULL,
    created_seq    INTEGER NOT NULL,
    active_version INTEGER NOT NULL,
    last_version   INTEGER NOT NULL,
    PRIMARY KEY (account_id, region, template_type, name)
);
CREATE INDEX pinpoint_template_order ON pinpoint_template (account_id, region, created_seq);

-- Every version of a template: document holds the members Get<Type>Template returns for it, without tags.
CREATE TABLE pinpoint_template_version (
    account_id     TEXT NOT NULL,
    region         TEXT NOT NULL,
    template_type  TEXT NOT NULL,
    name           TEXT NOT NULL,
    version        INTEGER NOT NULL,
    document       TEXT NOT NULL,
    PRIMARY KEY (account_id, region, template_type, name, version)
);
