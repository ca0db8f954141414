-- duration_summary: figures, text form, jsonb, NULLs, errors and size
-- (forced parallel plans: parallel_duration.sql).  Expected figures were
-- worked out by hand or with python3; see the comments.
SET extra_float_digits = 0;

CREATE TABLE handle_times (team text, seconds double precision);
INSERT INTO handle_times VALUES
	-- a: mean 1200/5 = 240; median (rank 3) is 180, whose bucket reports
	--    1.02^960/1.01 us = 178.584 s; p90 (rank 5) is the maximum, 600;
	--    sample sd 212.132, 95% interval 240 -/+ 1.959964*212.132/sqrt(5)
	--    = [54.0615, 425.9385]
	('a', 60), ('a', 120), ('a', 180), ('a', 240), ('a', 600), ('a', NULL),
	-- b: two zero-length contacts: median 0 exactly, mean 10,
	--    interval 10 -/+ 19.5996 clipped at 0: [0, 29.5996]
	('b', 0), ('b', 0), ('b', 30),
	-- c: nothing measured: every figure NULL
	('c', NULL),
	-- e: one contact of 45.5 s: every percentile is 45.5, no interval
	('e', 45.5);

CREATE TABLE aht_by_team AS
	SELECT team, aht_agg(seconds) AS s FROM handle_times GROUP BY team;

SELECT team, responses(s), mean(s), total(s), minimum(s), maximum(s),
	   round(percentile(s, 0.5)::numeric, 3) AS median,
	   round(percentile(s, 0.9)::numeric, 3) AS p90,
	   percentile(s, 0) AS p0, percentile(s, 1) AS p100
FROM aht_by_team ORDER BY team;

SELECT team, round(lower_bound(s)::numeric, 4) AS low,
	   round(upper_bound(s)::numeric, 4) AS high
FROM aht_by_team ORDER BY team;
-- 99%: z = 2.575829, half-width 244.3646 -> [0 (clipped), 484.3646]
SELECT round(lower_bound(s, 0.99)::numeric, 4) AS low99,
	   round(upper_bound(s, 0.99)::numeric, 4) AS high99
FROM aht_by_team WHERE team = 'a';

-- status against a target mean (lower is better), from a [54.0615, 425.9385]
-- and b [0, 29.5996]: 30 -> a red, b green; 300 -> a amber; 500 -> a green;
-- 29.5 -> b amber; c and e have fewer than two durations: NULL
SELECT team, status(s, 30) AS t30, status(s, 300) AS t300, status(s, 500) AS t500,
	   status(s, 29.5) AS t295
FROM aht_by_team ORDER BY team;
SELECT status(s, -1) FROM aht_by_team WHERE team = 'a';

-- intervals count as extract(epoch from ...) does: 1 day 2 hours = 93600 s,
-- 1 mon = 30 days = 2592000 s, 3 min = 180 s; mean 2685780/3 = 895260
SELECT mean(s), total(s), minimum(s), maximum(s)
FROM (SELECT aht_agg(x) AS s FROM (VALUES (interval '1 day 2 hours'),
	  (interval '1 mon'), (interval '3 minutes'), (NULL)) v(x)) t;
-- seconds round to the nearest microsecond: 0.0000004 -> 0, 1.0000006 -> 1.000001
SELECT s::text FROM (SELECT aht_agg(x) AS s
					 FROM (VALUES (0.0000004), (1.0000006)) v(x)) t;

-- NULL summaries give NULL; an aggregate over no rows gives NULL
SELECT mean(NULL::duration_summary), percentile(NULL::duration_summary, 0.5);
SELECT aht_agg(seconds) IS NULL AS no_rows FROM handle_times WHERE false;

-- text form: exact microsecond sums, then the occupied bucket range
SELECT team, s::text FROM aht_by_team ORDER BY team;
SELECT bool_and(s::text::duration_summary = s) AS round_trips FROM aht_by_team;

-- an empty summary is a valid value whose figures are NULL
SELECT mean(e), responses(e), percentile(e, 0.5), minimum(e), lower_bound(e)
FROM (SELECT 'v1 zeros=0 min=0 max=0 sum=0 sum_squares=0 first_bucket=0 counts='::duration_summary AS e) x;

-- jsonb carries every figure and count
SELECT s::jsonb FROM aht_by_team WHERE team = 'b';

-- rollup of team summaries equals the aggregate over all rows
SELECT rollup(s) = (SELECT aht_agg(seconds) FROM handle_times) AS same,
	   mean(rollup(s)), responses(rollup(s)) FROM aht_by_team;

-- equality compares counts and sums
SELECT a.s = b.s AS same, a.s <> b.s AS differ
FROM aht_by_team a, aht_by_team b WHERE a.team = 'a' AND b.team = 'b';

-- errors: negative, NaN, infinite and huge durations (22003)
SELECT aht_agg(x) FROM (VALUES (5), (-1)) v(x);
SELECT aht_agg('NaN'::float8);
SELECT aht_agg('-Infinity'::float8);
SELECT aht_agg(1e13::float8);
SELECT aht_agg(interval '-1 second');
SELECT aht_agg(interval '1 day -25 hours');
SELECT aht_agg(interval '178000000 years');

-- errors: fraction outside [0, 1] (22023), confidence outside (0, 1)
SELECT percentile(s, 1.5) FROM aht_by_team WHERE team = 'a';
SELECT percentile(s, -0.1) FROM aht_by_team WHERE team = 'a';
SELECT percentile(s, 'NaN') FROM aht_by_team WHERE team = 'a';
SELECT lower_bound(s, 1) FROM aht_by_team WHERE team = 'a';

-- errors: malformed text (22P02) and out-of-range fields (22003)
SELECT 'v1 zeros=0'::duration_summary;
SELECT 'v1 zeros=0 min=0 max=0 sum=0 sum_squares=0 first_bucket=0 counts=1,x'::duration_summary;
SELECT 'v1 zeros=0 min=0 max=0 sum=0 sum_squares=0 first_bucket=0 counts= extra'::duration_summary;
SELECT 'v1 zeros=0 min=0 max=0 sum=0 sum_squares=0 first_bucket=2207 counts=1'::duration_summary;
SELECT 'v1 zeros=0 min=0 max=0 sum=0 sum_squares=0 first_bucket=2206 counts=1,1'::duration_summary;
SELECT 'v1 zeros=0 min=-1 max=0 sum=0 sum_squares=0 first_bucket=0 counts='::duration_summary;
SELECT 'v1 zeros=0 min=0 max=0 sum=170141183460469231731687303715884105728 sum_squares=0 first_bucket=0 counts='::duration_summary;
-- inconsistent values: one 60 s duration is bucket 905 and sums 60000000
SELECT 'v1 zeros=0 min=60000000 max=60000000 sum=60000000 sum_squares=3600000000000000 first_bucket=905 counts=1'::duration_summary AS valid;
SELECT 'v1 zeros=0 min=60000000 max=60000000 sum=60000001 sum_squares=3600000000000000 first_bucket=905 counts=1'::duration_summary;
SELECT 'v1 zeros=0 min=60000000 max=60000000 sum=60000000 sum_squares=3600000000000001 first_bucket=905 counts=1'::duration_summary;
SELECT 'v1 zeros=0 min=60000000 max=60000000 sum=60000000 sum_squares=3600000000000000 first_bucket=904 counts=1'::duration_summary;
SELECT 'v1 zeros=1 min=60000000 max=60000000 sum=60000000 sum_squares=3600000000000000 first_bucket=905 counts=1'::duration_summary;
SELECT 'v1 zeros=0 min=0 max=0 sum=5 sum_squares=0 first_bucket=0 counts='::duration_summary;
-- two durations of 60 and 60.000001 s (both bucket 905): their sum of
-- squares is 7200000120000001, one less would make the variance negative
SELECT 'v1 zeros=0 min=60000000 max=60000001 sum=120000001 sum_squares=7200000120000000 first_bucket=905 counts=2'::duration_summary;

-- Size: ten million handle times log-uniform between 1 second and 10 hours.
-- They occupy the 531 buckets 698..1228, stored as 32-bit counts:
-- 80 + 531 * 4 = 2204 bytes.
SELECT setseed(0.25);
CREATE TABLE big_summary AS
	SELECT aht_agg(exp(random() * ln(36000))) AS s FROM generate_series(1, 10000000);
SELECT responses(s), pg_column_size(s::text::duration_summary) AS bytes_in_memory,
	   pg_column_size(s) < 4000 AS stored_under_4kb,
	   (s::jsonb)->'first_bucket' AS first_bucket,
	   jsonb_array_length((s::jsonb)->'counts') AS buckets
FROM big_summary;

DROP TABLE aht_by_team, handle_times, big_summary;
