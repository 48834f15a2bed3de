-- Profiles read the events_by_user index without touching the table only where pages are marked all-visible.
-- The default insert-triggered autovacuum waits for 20 % of the table to be new; on a large, append-mostly log
-- that leaves recent events (the ones profiles read most) behind for a long time. Vacuum after 1 % or 10,000 rows.
ALTER TABLE events SET (autovacuum_vacuum_insert_scale_factor = 0.01, autovacuum_vacuum_insert_threshold = 10000);
