-- Forced parallel plans for weighted_rubric and rollup(rubric_summary): each
-- splits into a Partial Aggregate in the workers and a Finalize Aggregate
-- in the leader, and gives exactly the summary of the serial plan.

CREATE TABLE rubric_parallel_evals AS
	SELECT g % 40 AS agent, g / 400 AS day,
		   ARRAY[(g * 7919) % 6, CASE WHEN g % 7 = 0 THEN NULL ELSE (g * 31) % 11 END,
				 (g % 13) / 12.0]::float8[] AS scores
	FROM generate_series(1, 20000) g;
ANALYZE rubric_parallel_evals;
CREATE TABLE rubric_parallel_daily AS
	SELECT agent, day, weighted_rubric(scores, '{1,2,1}', '{5,10,1}', '{f,f,t}') AS s
	FROM rubric_parallel_evals GROUP BY 1, 2;
ANALYZE rubric_parallel_daily;

SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE rubric_serial AS
	SELECT weighted_rubric(scores, '{1,2,1}', '{5,10,1}', '{f,f,t}') AS s
	FROM rubric_parallel_evals;
CREATE TEMP TABLE rubric_serial_rollup AS
	SELECT rollup(s) AS s FROM rubric_parallel_daily;

SET max_parallel_workers_per_gather = 2;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET parallel_leader_participation = off;

EXPLAIN (COSTS OFF)
	SELECT weighted_rubric(scores, '{1,2,1}', '{5,10,1}', '{f,f,t}') FROM rubric_parallel_evals;
SELECT weighted_rubric(scores, '{1,2,1}', '{5,10,1}', '{f,f,t}') AS par
FROM rubric_parallel_evals \gset
SELECT :'par'::rubric_summary = s AS same_as_serial, responses(s), autofails(s)
FROM rubric_serial;

EXPLAIN (COSTS OFF) SELECT weighted_rubric(scores, '{1,1,1}') FROM rubric_parallel_evals;
EXPLAIN (COSTS OFF) SELECT rollup(s) FROM rubric_parallel_daily;
SELECT rollup(s) AS par FROM rubric_parallel_daily \gset
SELECT :'par'::rubric_summary = s AS same_as_serial, responses(s) FROM rubric_serial_rollup;

-- Against a rubric value with sections: the same split, and the workers'
-- summaries (each recording the rubric) merge into the serial plan's.
SET max_parallel_workers_per_gather = 0;
SELECT weighted_rubric(scores, rubric('{a,b,c}', '{1,2,1}', '{5,10,1}', '{f,f,t}', '{X,Y,X}')) AS ser
FROM rubric_parallel_evals \gset
SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF)
	SELECT weighted_rubric(scores, rubric('{a,b,c}', '{1,2,1}', '{5,10,1}', '{f,f,t}', '{X,Y,X}'))
	FROM rubric_parallel_evals;
SELECT weighted_rubric(scores, rubric('{a,b,c}', '{1,2,1}', '{5,10,1}', '{f,f,t}', '{X,Y,X}')) AS par
FROM rubric_parallel_evals \gset
SELECT :'par'::rubric_summary = :'ser'::rubric_summary AS same_as_serial,
	   responses(:'par'::rubric_summary) = (SELECT responses(s) FROM rubric_serial) AS same_responses;

RESET ALL;
DROP TABLE rubric_parallel_daily, rubric_parallel_evals;
