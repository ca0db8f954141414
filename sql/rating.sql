-- rating_summary: CSAT and CES figures, intervals, text form, jsonb, NULLs
-- and errors.  Expected figures were worked out by hand; see the comments.
SET extra_float_digits = 0;

CREATE TABLE csat_answers (team text, rating integer);
INSERT INTO csat_answers VALUES
	-- a: 5,5,4 satisfied of 6 answers, one skipped: CSAT 50, csat(s, 5) 33.33,
	--    mean 20/6 = 3.3333
	('a', 5), ('a', 5), ('a', 4), ('a', 3), ('a', 2), ('a', 1), ('a', NULL),
	-- b: all satisfied: CSAT 100, mean 5
	('b', 5), ('b', 5), ('b', 5), ('b', 5),
	-- c: one answer, unsatisfied: CSAT 0, mean 1
	('c', 1),
	-- d: nobody answered: every figure NULL
	('d', NULL);

CREATE TABLE csat_by_team AS
	SELECT team, csat_agg(rating) AS s FROM csat_answers GROUP BY team;

SELECT team, csat(s), round(csat(s, 5)::numeric, 4) AS top_box,
	   round(mean(s)::numeric, 4) AS mean, responses(s), distribution(s)
FROM csat_by_team ORDER BY team;

-- distribution is subscripted by rating, from 1
SELECT (distribution(s))[5] AS fives, (distribution(s))[1] AS ones,
	   array_lower(distribution(s), 1) AS first, array_upper(distribution(s), 1) AS last
FROM csat_by_team WHERE team = 'a';

-- Wilson 95% interval of the satisfied share, z = 1.959964, z^2 = 3.841459:
--   a: 3 of 6: centre 0.5, half-width z*sqrt(0.25/6 + z^2/144)/(1 + z^2/6)
--      = 0.312384 -> [18.7616, 81.2384]
--   b: 4 of 4: centre (1 + z^2/8)/(1 + z^2/4) = 0.755055, half-width
--      z*sqrt(z^2/64)/(1 + z^2/4) = 0.244945 -> [51.0109, 100]
--   c: 0 of 1: [0, z^2/(1 + z^2)] = [0, 79.3451]
SELECT team, round(lower_bound(s)::numeric, 4) AS low,
	   round(upper_bound(s)::numeric, 4) AS high,
	   round(lower_bound(s, 0.8)::numeric, 4) AS low80,
	   round(upper_bound(s, 0.8)::numeric, 4) AS high80
FROM csat_by_team ORDER BY team;

-- status against a CSAT target (higher is better), from the 95% intervals:
--   a [18.7616, 81.2384]: 18 -> green, 50 -> amber, 82 -> red
--   b [51.0109, 100]: 51 -> green, 100 -> amber (bound included)
--   c [0, 79.3451]: 80 -> red, 0 -> amber
SELECT team, status(s, 18) AS t18, status(s, 50) AS t50, status(s, 51) AS t51,
	   status(s, 80) AS t80, status(s, 82) AS t82, status(s, 100) AS t100, status(s, 0) AS t0
FROM csat_by_team ORDER BY team;
SELECT status(s, 101) FROM csat_by_team WHERE team = 'a';

-- other scales: satisfied is the top two boxes from 4 points up, the top box
-- on 2- and 3-point scales
SELECT k, csat(csat_agg(r, k)) AS csat, distribution(csat_agg(r, k))
FROM (VALUES (2, 1), (2, 2), (2, 2), (3, 2), (3, 3), (3, 3), (3, 1),
			 (4, 3), (4, 4), (4, 2), (10, 9), (10, 10), (10, 8)) v(k, r)
GROUP BY k ORDER BY k;

-- CES on 1..7, lower being easier (ces_agg's default; both directions in
-- ces.sql)
CREATE TABLE ces_answers (team text, rating integer);
INSERT INTO ces_answers VALUES
	-- a: 7,6,6,5,3: mean 5.4, sample variance 9.2/4 = 2.3, standard error
	--    sqrt(2.3/5) = 0.678233, 95% half-width 1.329313 -> [4.0707, 6.7293];
	--    csat(s, 5) (5 or more) = 80; easy(s) (1 or 2) = 0
	('a', 7), ('a', 6), ('a', 6), ('a', 5), ('a', 3), ('a', NULL),
	-- b: one answer: no spread to measure, so the interval is the whole scale
	('b', 4),
	-- c: 4,4: no variation, a zero-width interval [4, 4]
	('c', 4), ('c', 4),
	-- d: 1,7: mean 4, variance 18, half-width 1.959964*3 = 5.88 -> clipped [1, 7];
	--    easy(s) = 50
	('d', 1), ('d', 7);

CREATE TABLE ces_by_team AS
	SELECT team, ces_agg(rating) AS s FROM ces_answers GROUP BY team;

SELECT team, ces(s), mean(s), easy(s), csat(s, 5) AS five_up, round(csat(s)::numeric, 4) AS top_two,
	   responses(s), distribution(s),
	   round(lower_bound(s)::numeric, 4) AS low, round(upper_bound(s)::numeric, 4) AS high
FROM ces_by_team ORDER BY team;

-- status against a CES target on the 1..7 scale, lower being better:
-- a [4.0707, 6.7293]: 4 -> red, 5 -> amber, 7 -> green; b, one answer,
-- [1, 7]: amber
SELECT team, status(s, 4) AS t4, status(s, 5) AS t5, status(s, 7) AS t7
FROM ces_by_team WHERE team IN ('a', 'b') ORDER BY team;
SELECT status(s, 8) FROM ces_by_team WHERE team = 'a';
SELECT status(s, 0.5) FROM ces_by_team WHERE team = 'a';

-- ces_agg with another scale
SELECT ces_agg(r, 5), ces(ces_agg(r, 5)) FROM (VALUES (1), (5), (4)) v(r);

-- NULL summaries give NULL; an aggregate over no rows gives NULL
SELECT csat(NULL::rating_summary), ces(NULL::rating_summary), responses(NULL::rating_summary);
SELECT csat_agg(rating) IS NULL AS no_rows FROM csat_answers WHERE false;
SELECT csat_agg(rating, 7) IS NULL AS all_null FROM csat_answers WHERE team = 'd';

-- text form: version, kind, scale, for CES the direction, then one count
-- per rating; it round-trips.  Version 1 text (0.1.0's) still reads: its
-- CES summaries count higher as easier.
SELECT team, s::text FROM csat_by_team ORDER BY team;
SELECT team, s::text FROM ces_by_team ORDER BY team;
SELECT bool_and(s::text::rating_summary = s) AS round_trips
FROM (SELECT s FROM csat_by_team UNION ALL SELECT s FROM ces_by_team) x;
SELECT '  v1  kind=ces   scale=2 counts=3,4 '::rating_summary AS spaces_allowed;

-- an empty summary is a valid value whose figures are NULL
SELECT csat(e), ces(e), responses(e), lower_bound(e), distribution(e)
FROM (SELECT 'v1 kind=csat scale=5 counts=0,0,0,0,0'::rating_summary AS e) x;

-- jsonb carries every figure and count
SELECT s::jsonb FROM csat_by_team WHERE team = 'a';
SELECT s::jsonb FROM ces_by_team WHERE team = 'b';
SELECT 'v1 kind=ces scale=3 counts=0,0,0'::rating_summary::jsonb;

-- equality compares kind, scale and counts
SELECT 'v1 kind=csat scale=5 counts=1,0,0,0,0'::rating_summary
	 = 'v1 kind=csat scale=5 counts=1,0,0,0,0'::rating_summary AS same,
	   'v1 kind=csat scale=5 counts=1,0,0,0,0'::rating_summary
	 = 'v1 kind=ces scale=5 counts=1,0,0,0,0'::rating_summary AS other_kind,
	   'v1 kind=csat scale=5 counts=1,0,0,0,0'::rating_summary
	<> 'v1 kind=csat scale=6 counts=1,0,0,0,0,0'::rating_summary AS other_scale;

-- rollup merges summaries of one kind and scale
SELECT rollup(s) FROM (VALUES ('v1 kind=csat scale=4 counts=1,2,3,4'::rating_summary),
							  ('v1 kind=csat scale=4 counts=10,0,0,1'::rating_summary),
							  (NULL)) v(s);

-- errors: ratings outside the scale (22003)
SELECT csat_agg(x) FROM (VALUES (5), (6)) v(x);
SELECT csat_agg(x) FROM (VALUES (0)) v(x);
SELECT ces_agg(x) FROM (VALUES (8)) v(x);
SELECT csat_agg(x, 3) FROM (VALUES (4)) v(x);

-- errors: scale_max outside 2..10 (22023), or NULL for a rating (22004)
SELECT csat_agg(x, 11) FROM (VALUES (4)) v(x);
SELECT ces_agg(x, 1) FROM (VALUES (1)) v(x);
SELECT csat_agg(x, NULL) FROM (VALUES (4)) v(x);
-- errors: one group on two scales (22023)
SELECT csat_agg(x, k) FROM (VALUES (4, 5), (4, 7)) v(x, k);

-- errors: satisfied_from outside the scale (22023)
SELECT csat(s, 6) FROM csat_by_team WHERE team = 'a';
SELECT csat(s, 0) FROM csat_by_team WHERE team = 'a';

-- errors: rollup across kinds or scales (22023)
SELECT rollup(s) FROM (VALUES ('v1 kind=csat scale=5 counts=1,0,0,0,0'::rating_summary),
							  ('v1 kind=ces scale=5 counts=1,0,0,0,0'::rating_summary)) v(s);
SELECT rollup(s) FROM (VALUES ('v1 kind=csat scale=5 counts=1,0,0,0,0'::rating_summary),
							  ('v1 kind=csat scale=7 counts=1,0,0,0,0,0,0'::rating_summary)) v(s);

-- errors: malformed text (22P02), a scale outside 2..10 or bad counts (22003)
SELECT ''::rating_summary;
SELECT 'v1 kind=nps scale=5 counts=0,0,0,0,0'::rating_summary;
SELECT 'v1 scale=5 kind=csat counts=0,0,0,0,0'::rating_summary;
SELECT 'v1 kind=csat scale=5 counts=0,0,0,0'::rating_summary;
SELECT 'v1 kind=csat scale=5 counts=0,0,0,0,0,0'::rating_summary;
SELECT 'v1 kind=csat scale=x counts=0,0,0,0,0'::rating_summary;
SELECT 'v1 kind=csat scale=11 counts=0,0,0,0,0,0,0,0,0,0,0'::rating_summary;
SELECT 'v1 kind=csat scale=1 counts=0'::rating_summary;
SELECT 'v1 kind=csat scale=9223372036854775807 counts=0,0'::rating_summary;
SELECT 'v1 kind=csat scale=-2 counts=0,0'::rating_summary;
SELECT 'v1 kind=csat scale=5 counts=0,0,0,0,-1'::rating_summary;
SELECT 'v1 kind=csat scale=2 counts=9223372036854775807,1'::rating_summary;

-- errors: confidence outside (0, 1) (22023)
SELECT lower_bound(s, 0) FROM csat_by_team WHERE team = 'a';
SELECT upper_bound(s, 1) FROM ces_by_team WHERE team = 'a';

DROP TABLE csat_by_team, csat_answers, ces_by_team, ces_answers;
