-- Forced parallel plans for nps_agg and rollup(nps_summary): each splits
-- into a Partial Aggregate in the workers and a Finalize Aggregate in the
-- leader, and gives exactly the summary of the serial plan.

CREATE TABLE parallel_answers AS
	SELECT g % 50 AS agent, (g * 7919) % 11 AS score,
		   (g / 500) AS day
	FROM generate_series(1, 20000) g;
ANALYZE parallel_answers;

CREATE TABLE parallel_daily AS
	SELECT agent, day, nps_agg(score) AS nps FROM parallel_answers GROUP BY 1, 2;
ANALYZE parallel_daily;

-- serial results first
SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE serial AS
	SELECT nps_agg(score) AS nps FROM parallel_answers;
CREATE TEMP TABLE serial_rollup AS
	SELECT rollup(nps) AS nps FROM parallel_daily;

SET max_parallel_workers_per_gather = 2;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET parallel_leader_participation = off;

EXPLAIN (COSTS OFF) SELECT nps_agg(score) FROM parallel_answers;
SELECT nps_agg(score) AS par FROM parallel_answers \gset
SELECT :'par'::nps_summary = nps AS same_as_serial, responses(nps) FROM serial;

EXPLAIN (COSTS OFF) SELECT rollup(nps) FROM parallel_daily;
SELECT rollup(nps) AS par FROM parallel_daily \gset
SELECT :'par'::nps_summary = nps AS same_as_serial, responses(nps) FROM serial_rollup;

RESET ALL;
DROP TABLE parallel_daily, parallel_answers;
