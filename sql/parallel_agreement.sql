-- Forced parallel plans for agreement_agg and rollup(agreement_summary):
-- each splits into a Partial Aggregate in the workers and a Finalize
-- Aggregate in the leader, and gives exactly the summary of the serial
-- plan: merging coincidence matrices over different sets of values in any
-- order gives the same bytes.

CREATE TABLE parallel_items AS
	SELECT g AS item, g / 500 AS session,
		   ARRAY[(g * 7919) % 5 + 1,
				 CASE WHEN g % 3 = 0 THEN NULL ELSE (g * 7919) % 5 + 1 + (g % 7) / 3 END,
				 CASE WHEN g % 4 = 0 THEN NULL ELSE ((g * 31) % 11) / 2.0 END,
				 CASE WHEN g % 5 = 0 THEN NULL ELSE (g * 7919) % 5 + (g % 2) END]::float8[] AS ratings
	FROM generate_series(1, 20000) g;
ANALYZE parallel_items;
CREATE TABLE parallel_agreement_sessions AS
	SELECT session, agreement_agg(ratings) AS s FROM parallel_items GROUP BY 1;
ANALYZE parallel_agreement_sessions;

-- serial results first
SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE serial AS SELECT agreement_agg(ratings) AS s FROM parallel_items;
CREATE TEMP TABLE serial_rollup AS SELECT rollup(s) AS s FROM parallel_agreement_sessions;

SET max_parallel_workers_per_gather = 2;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET parallel_leader_participation = off;

EXPLAIN (COSTS OFF) SELECT agreement_agg(ratings) FROM parallel_items;
SELECT agreement_agg(ratings) AS par FROM parallel_items \gset
SELECT :'par'::agreement_summary = s AS same_as_serial, responses(s), ratings(s) FROM serial;

EXPLAIN (COSTS OFF) SELECT rollup(s) FROM parallel_agreement_sessions;
SELECT rollup(s) AS par FROM parallel_agreement_sessions \gset
SELECT :'par'::agreement_summary = s AS same_as_serial, responses(s),
	   s = (SELECT s FROM serial) AS same_as_aggregate
FROM serial_rollup;

RESET ALL;
DROP TABLE parallel_agreement_sessions, parallel_items;
