-- Forced parallel plans for fcr_rate, rate_agg and rollup(rate_summary):
-- each splits into a Partial Aggregate in the workers and a Finalize
-- Aggregate in the leader, and gives exactly the summary of the serial plan.

CREATE TABLE parallel_rates AS
	SELECT g % 50 AS agent, (g * 31) % 3 = 0 AS resolved, g / 500 AS day
	FROM generate_series(1, 20000) g;
ANALYZE parallel_rates;

CREATE TABLE parallel_rate_daily AS
	SELECT agent, day, fcr_rate(resolved) AS fcr
	FROM parallel_rates GROUP BY 1, 2;
ANALYZE parallel_rate_daily;

-- serial results first
SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE serial AS
	SELECT fcr_rate(resolved) AS fcr, rate_agg(NOT resolved) AS other
	FROM parallel_rates;
CREATE TEMP TABLE serial_rollup AS
	SELECT rollup(fcr) AS fcr FROM parallel_rate_daily;

SET max_parallel_workers_per_gather = 2;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET parallel_leader_participation = off;

EXPLAIN (COSTS OFF)
	SELECT fcr_rate(resolved), rate_agg(NOT resolved) FROM parallel_rates;
SELECT fcr_rate(resolved) AS fcr, rate_agg(NOT resolved) AS other
FROM parallel_rates \gset
SELECT :'fcr'::rate_summary = fcr AND :'other'::rate_summary = other
	   AS same_as_serial, responses(fcr), successes(fcr), successes(other)
FROM serial;

EXPLAIN (COSTS OFF) SELECT rollup(fcr) FROM parallel_rate_daily;
SELECT rollup(fcr) AS fcr FROM parallel_rate_daily \gset
SELECT :'fcr'::rate_summary = fcr AS same_as_serial, responses(fcr)
FROM serial_rollup;

RESET ALL;
DROP TABLE parallel_rate_daily, parallel_rates;
