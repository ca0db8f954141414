-- nps_summary: figures, text form, jsonb, NULLs and errors.
-- Expected figures were worked out by hand; see the comments.
SET extra_float_digits = 0;

CREATE TABLE nps_answers (team text, score integer);
INSERT INTO nps_answers VALUES
	-- a: promoters 10,10,9; passives 8,7; detractors 6,3,0; one skipped.
	--    NPS 100*(3-3)/8 = 0, mean 53/8 = 6.625
	('a', 10), ('a', 10), ('a', 9), ('a', 8), ('a', 7),
	('a', 6), ('a', 3), ('a', 0), ('a', NULL),
	-- b: all promoters: NPS 100, mean 37/4 = 9.25
	('b', 9), ('b', 9), ('b', 9), ('b', 10),
	-- c: all detractors: NPS -100, mean 1
	('c', 0), ('c', 1), ('c', 2),
	-- d: nobody answered: every figure NULL
	('d', NULL), ('d', NULL),
	-- e: one passive: NPS 0, mean 7
	('e', 7);

CREATE TABLE nps_by_team AS
	SELECT team, nps_agg(score) AS s FROM nps_answers GROUP BY team;

SELECT team, nps(s), promoters(s), passives(s), detractors(s),
	   responses(s), mean(s), distribution(s)
FROM nps_by_team ORDER BY team;

-- distribution is subscripted by score
SELECT (distribution(s))[10] AS tens, (distribution(s))[0] AS zeros
FROM nps_by_team WHERE team = 'a';

-- Adjusted-Wald 95% interval, worked out with n' = n + 3 and 3/4 added to
-- promoters and to detractors:
--   a: p' = d' = 3.75/11, half-width 1.96*sqrt(0.681818/11) = 48.7962
--   b: p' = 4.75/7, d' = 0.75/7: 57.1429 -/+ 50.1985 -> [6.9442, 100] (clipped)
--   c: mirror of b shape with n = 3: [-100, 6.5793] (clipped)
--   e: p' = d' = 0.75/4, half-width 1.96*sqrt(0.375/4) = 60.0114
SELECT team, round(lower_bound(s)::numeric, 4) AS low,
	   round(upper_bound(s)::numeric, 4) AS high,
	   round(lower_bound(s, 0.99)::numeric, 4) AS low99,
	   round(upper_bound(s, 0.99)::numeric, 4) AS high99
FROM nps_by_team ORDER BY team;

-- NULL summaries give NULL; an aggregate over no rows gives NULL
SELECT nps(NULL::nps_summary), responses(NULL::nps_summary);
SELECT nps_agg(score) IS NULL AS no_rows FROM nps_answers WHERE false;

-- text form: version, then one count per score 0..10; it round-trips
SELECT team, s::text FROM nps_by_team ORDER BY team;
SELECT bool_and(s::text::nps_summary = s) AS round_trips FROM nps_by_team;
SELECT '  v1   counts=0,0,0,0,0,0,0,0,0,0,5  '::nps_summary AS spaces_allowed;

-- an empty summary is a valid value whose figures are NULL
SELECT nps(e), responses(e), mean(e), lower_bound(e), distribution(e)
FROM (SELECT 'v1 counts=0,0,0,0,0,0,0,0,0,0,0'::nps_summary AS e) x;

-- jsonb carries every figure and count
SELECT s::jsonb FROM nps_by_team WHERE team = 'a';
SELECT 'v1 counts=0,0,0,0,0,0,0,0,0,0,0'::nps_summary::jsonb;

-- equality compares counts
SELECT a.s = b.s AS same, a.s <> b.s AS differ
FROM nps_by_team a, nps_by_team b WHERE a.team = 'a' AND b.team = 'b';

-- status against a target, from the 95% interval (see the bounds above):
--   b [6.9442, 100]: 6.9 -> green, 7 -> amber, 100 -> amber (bound included)
--   c [-100, 6.5793]: 6.6 -> red, 6.5 -> amber
--   a [-48.7962, 48.7962]: 0 -> amber
--   d has no answers: NULL
SELECT team, status(s, 6.9) AS t69, status(s, 7) AS t7, status(s, 100) AS t100,
	   status(s, 6.6) AS t66, status(s, 6.5) AS t65, status(s, 0) AS t0
FROM nps_by_team ORDER BY team;
-- a target equal to a bound is inside the interval
SELECT status(s, lower_bound(s)) AS at_lower, status(s, lower_bound(s) - 1e-9) AS below_lower,
	   status(s, upper_bound(s)) AS at_upper, status(s, upper_bound(s) + 1e-9) AS above_upper
FROM nps_by_team WHERE team = 'a';
-- a wider confidence level widens the interval: b at 99% is [-8.8294, 100]
SELECT status(s, 0) AS at_95, status(s, 0, 0.99) AS at_99
FROM nps_by_team WHERE team = 'b';

-- errors: scores outside 0..10
SELECT nps_agg(x) FROM (VALUES (5), (11)) v(x);
SELECT nps_agg(x) FROM (VALUES (-1)) v(x);

-- errors: malformed text
SELECT ''::nps_summary;
SELECT 'garbage'::nps_summary;
SELECT 'v2 counts=0,0,0,0,0,0,0,0,0,0,0'::nps_summary;
SELECT 'v1 counts=0,0,0'::nps_summary;
SELECT 'v1 counts=0,0,0,0,0,0,0,0,0,0,0,0'::nps_summary;
SELECT 'v1 counts=0,0,0,0,0,0,0,0,0,0,0 extra'::nps_summary;
SELECT 'v1 count=0,0,0,0,0,0,0,0,0,0,0'::nps_summary;
SELECT 'v1 counts=0,0,0,0,0,0,0,0,0,0,1.5'::nps_summary;

-- errors: counts out of range
SELECT 'v1 counts=0,0,0,0,0,0,0,0,0,0,-3'::nps_summary;
SELECT 'v1 counts=0,0,0,0,0,0,0,0,0,0,9223372036854775808'::nps_summary;
SELECT 'v1 counts=0,0,0,0,0,0,0,0,0,9223372036854775807,1'::nps_summary;

-- errors: confidence outside (0, 1)
SELECT lower_bound(s, 0) FROM nps_by_team WHERE team = 'a';
SELECT upper_bound(s, 1) FROM nps_by_team WHERE team = 'a';
SELECT lower_bound(s, 'NaN') FROM nps_by_team WHERE team = 'a';

-- errors: targets outside the NPS range
SELECT status(s, 101) FROM nps_by_team WHERE team = 'a';
SELECT status(s, 'NaN') FROM nps_by_team WHERE team = 'a';

DROP TABLE nps_by_team, nps_answers;
