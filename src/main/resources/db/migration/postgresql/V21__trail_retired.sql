-- A deleted trail is retired, not removed at once: the API no longer sees it, but delivery still takes its events up
-- to the deletion and its digests cover its last log files (cloudtrail.md §4.5: a final digest after DeleteTrail);
-- then delivery removes the row. NULL for a trail in use.
ALTER TABLE trail ADD COLUMN retired_at BIGINT;
