-- Forced parallel plans for aht_agg and rollup(duration_summary): each
-- splits into a Partial Aggregate in the workers and a Finalize Aggregate
-- in the leader, and gives exactly the summary of the serial plan.

CREATE TABLE parallel_times AS
	SELECT g % 40 AS agent, g / 400 AS day,
		   ((g * 7919) % 3600) + ((g * 31) % 1000) / 1000.0 AS seconds
	FROM generate_series(1, 20000) g;
ANALYZE parallel_times;
CREATE TABLE parallel_daily AS
	SELECT agent, day, aht_agg(seconds) AS s FROM parallel_times GROUP BY 1, 2;
ANALYZE parallel_daily;

-- serial results first
SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE serial AS SELECT aht_agg(seconds) AS s FROM parallel_times;
CREATE TEMP TABLE serial_rollup AS SELECT rollup(s) AS s FROM parallel_daily;

SET max_parallel_workers_per_gather = 2;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET parallel_leader_participation = off;

EXPLAIN (COSTS OFF) SELECT aht_agg(seconds) FROM parallel_times;
SELECT aht_agg(seconds) AS par FROM parallel_times \gset
SELECT :'par'::duration_summary = s AS same_as_serial, responses(s) FROM serial;

EXPLAIN (COSTS OFF) SELECT rollup(s) FROM parallel_daily;
SELECT rollup(s) AS par FROM parallel_daily \gset
SELECT :'par'::duration_summary = s AS same_as_serial, responses(s) FROM serial_rollup;

RESET ALL;
DROP TABLE parallel_daily, parallel_times;
