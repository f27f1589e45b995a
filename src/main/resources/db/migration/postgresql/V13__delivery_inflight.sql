-- Mirrors sqlite/V13__delivery_inflight.sql (same version and description): the same schema in PostgreSQL 15's dialect.
-- The last event of a delivery step whose files went to an external store before its checkpoint committed: a retry
-- takes exactly those events again (not newer ones too), so each file is rewritten under the same key.
ALTER TABLE trail ADD COLUMN inflight_seq BIGINT;
