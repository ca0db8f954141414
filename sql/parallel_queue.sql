-- Forced parallel plans for queue_agg (seconds and intervals) and
-- rollup(queue_summary): each splits into a Partial Aggregate in the
-- workers and a Finalize Aggregate in the leader, and gives exactly the
-- summary of the serial plan.

CREATE TABLE parallel_calls AS
	SELECT g % 40 AS agent, g / 400 AS day, g % 7 <> 0 AS answered,
		   ((g * 7919) % 180) + ((g * 31) % 1000) / 1000.0 AS wait_s
	FROM generate_series(1, 20000) g;
ANALYZE parallel_calls;
CREATE TABLE parallel_queue_daily AS
	SELECT agent, day, queue_agg(wait_s, answered) AS s FROM parallel_calls GROUP BY 1, 2;
ANALYZE parallel_queue_daily;

-- serial results first
SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE serial AS
	SELECT queue_agg(wait_s, answered) AS s,
		   queue_agg(wait_s * interval '1 s', answered, '30 s', '10 s') AS s30
	FROM parallel_calls;
CREATE TEMP TABLE serial_rollup AS SELECT rollup(s) AS s FROM parallel_queue_daily;

SET max_parallel_workers_per_gather = 2;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET parallel_leader_participation = off;

EXPLAIN (COSTS OFF)
	SELECT queue_agg(wait_s, answered),
		   queue_agg(wait_s * interval '1 s', answered, '30 s', '10 s')
	FROM parallel_calls;
SELECT queue_agg(wait_s, answered) AS par,
	   queue_agg(wait_s * interval '1 s', answered, '30 s', '10 s') AS par30
FROM parallel_calls \gset
SELECT :'par'::queue_summary = s AND :'par30'::queue_summary = s30 AS same_as_serial,
	   offered(s), answered(s), short_abandoned(s), short_abandoned(s30)
FROM serial;

EXPLAIN (COSTS OFF) SELECT rollup(s) FROM parallel_queue_daily;
SELECT rollup(s) AS par FROM parallel_queue_daily \gset
SELECT :'par'::queue_summary = s AS same_as_serial, offered(s) FROM serial_rollup;

RESET ALL;
DROP TABLE parallel_queue_daily, parallel_calls;
