-- Forced parallel plans for calibration_agg (with and without a tolerance)
-- and rollup(calibration_summary): each splits into a Partial Aggregate in
-- the workers and a Finalize Aggregate in the leader, and gives exactly the
-- summary of the serial plan.

CREATE TABLE parallel_scores AS
	SELECT g % 12 AS grader, g / 400 AS session,
		   ((g * 7919) % 101)::float8 AS reference,
		   ((g * 7919) % 101) + ((g * 31) % 21) - 10 + ((g * 13) % 8) / 8.0 AS score
	FROM generate_series(1, 20000) g;
ANALYZE parallel_scores;
CREATE TABLE parallel_calibration_sessions AS
	SELECT grader, session, calibration_agg(score, reference) AS s
	FROM parallel_scores GROUP BY 1, 2;
ANALYZE parallel_calibration_sessions;

-- serial results first
SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE serial AS
	SELECT calibration_agg(score, reference) AS s,
		   calibration_agg(score, reference, 2.5) AS s25
	FROM parallel_scores;
CREATE TEMP TABLE serial_rollup AS SELECT rollup(s) AS s FROM parallel_calibration_sessions;

SET max_parallel_workers_per_gather = 2;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET parallel_leader_participation = off;

EXPLAIN (COSTS OFF)
	SELECT calibration_agg(score, reference), calibration_agg(score, reference, 2.5)
	FROM parallel_scores;
SELECT calibration_agg(score, reference) AS par,
	   calibration_agg(score, reference, 2.5) AS par25
FROM parallel_scores \gset
SELECT :'par'::calibration_summary = s AND :'par25'::calibration_summary = s25 AS same_as_serial,
	   responses(s), responses(s25)
FROM serial;

EXPLAIN (COSTS OFF) SELECT rollup(s) FROM parallel_calibration_sessions;
SELECT rollup(s) AS par FROM parallel_calibration_sessions \gset
SELECT :'par'::calibration_summary = s AS same_as_serial, responses(s) FROM serial_rollup;

RESET ALL;
DROP TABLE parallel_calibration_sessions, parallel_scores;
