-- Forced parallel plans for csat_agg, ces_agg and rollup(rating_summary):
-- each splits into a Partial Aggregate in the workers and a Finalize
-- Aggregate in the leader, and gives exactly the summary of the serial plan.

CREATE TABLE parallel_ratings AS
	SELECT g % 50 AS agent, 1 + (g * 7919) % 5 AS csat, 1 + (g * 104729) % 7 AS ces,
		   g / 500 AS day
	FROM generate_series(1, 20000) g;
ANALYZE parallel_ratings;

CREATE TABLE parallel_rating_daily AS
	SELECT agent, day, csat_agg(csat) AS csat, ces_agg(ces) AS ces
	FROM parallel_ratings GROUP BY 1, 2;
ANALYZE parallel_rating_daily;

-- serial results first
SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE serial AS
	SELECT csat_agg(csat) AS csat, ces_agg(ces) AS ces, ces_agg(ces, 7) AS ces7,
		   ces_agg(ces, 7, false) AS agree
	FROM parallel_ratings;
CREATE TEMP TABLE serial_rollup AS
	SELECT rollup(csat) AS csat, rollup(ces) AS ces
	FROM parallel_rating_daily;

SET max_parallel_workers_per_gather = 2;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET parallel_leader_participation = off;

EXPLAIN (COSTS OFF)
	SELECT csat_agg(csat), ces_agg(ces), ces_agg(ces, 7), ces_agg(ces, 7, false)
	FROM parallel_ratings;
SELECT csat_agg(csat) AS csat, ces_agg(ces) AS ces, ces_agg(ces, 7) AS ces7,
	   ces_agg(ces, 7, false) AS agree
FROM parallel_ratings \gset
SELECT :'csat'::rating_summary = csat AND :'ces'::rating_summary = ces
	   AND :'ces7'::rating_summary = ces7 AND :'agree'::rating_summary = agree
	   AS same_as_serial, responses(csat), responses(ces), responses(agree)
FROM serial;

EXPLAIN (COSTS OFF) SELECT rollup(csat), rollup(ces) FROM parallel_rating_daily;
SELECT rollup(csat) AS csat, rollup(ces) AS ces
FROM parallel_rating_daily \gset
SELECT :'csat'::rating_summary = csat AND :'ces'::rating_summary = ces
	   AS same_as_serial, responses(csat), responses(ces)
FROM serial_rollup;

RESET ALL;
DROP TABLE parallel_rating_daily, parallel_ratings;
