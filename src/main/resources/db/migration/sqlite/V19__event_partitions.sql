-- PostgreSQL partitions the event history by day in this version (postgresql/V19__event_partitions.sql); the
-- embedded SQLite file keeps one event table, pruned row by row, so nothing changes here.
SELECT 1;
