-- CES in both directions: the effort question, where lower is easier (the
-- source articles' definition and ces_agg's default), and the agreement
-- question, where higher is easier (lower_is_easier => false, and every CES
-- summary that 0.1.0 stored).  Figures worked out by hand; see the
-- comments.  SQLSTATEs are asserted in test/pgtap/ces_properties.sql.
SET extra_float_digits = 0;

-- "How much effort did you personally have to put forth?" 1 (very little)
-- .. 7 (a great deal); and "The company made it easy for me" 1 (strongly
-- disagree) .. 7 (strongly agree).  The agreement answers mirror the effort
-- answers (8 - effort), so their figures mirror too.
CREATE TABLE ces_survey (team text, effort integer, agree integer);
INSERT INTO ces_survey VALUES
	-- a: effort 1,1,2,3,6: mean 13/5 = 2.6, sample variance 17.2/4 = 4.3,
	--    95% half-width 1.959964 * sqrt(4.3/5) = 1.817596 -> [0.7824, 4.4176],
	--    clipped to [1, 4.4176]; easy: 1 and 2, 3 of 5 = 60
	--    agree 7,7,6,5,2: mean 5.4, the same half-width -> [3.5824, 7];
	--    easy: 6 and 7, 3 of 5 = 60
	('a', 1, 7), ('a', 1, 7), ('a', 2, 6), ('a', 3, 5), ('a', 6, 2), ('a', NULL, NULL),
	-- b: effort 5,6,6,7: mean 6, variance 2/3, half-width
	--    1.959964 * sqrt(2/12) = 0.800152 -> [5.1998, 6.8002]; easy 0
	--    agree 3,2,2,1: mean 2 -> [1.1998, 2.8002]; easy 0
	('b', 5, 3), ('b', 6, 2), ('b', 6, 2), ('b', 7, 1),
	-- c: one answer: the interval is the whole scale; easy 100
	('c', 2, 6);

CREATE TABLE ces_by_team AS
	SELECT team, ces_agg(effort) AS effort, ces_agg(agree, 7, false) AS agree
	FROM ces_survey GROUP BY team;

SELECT team, ces(effort) AS effort, easy(effort) AS effort_easy,
	   round(lower_bound(effort)::numeric, 4) AS effort_low,
	   round(upper_bound(effort)::numeric, 4) AS effort_high,
	   ces(agree) AS agree, easy(agree) AS agree_easy,
	   round(lower_bound(agree)::numeric, 4) AS agree_low,
	   round(upper_bound(agree)::numeric, 4) AS agree_high
FROM ces_by_team ORDER BY team;

-- status: lower is better for effort, higher for agreement.
--   effort a [1, 4.4176]: 5, 6, 7 -> green; 3 -> amber; 1 -> amber (the
--     bound is included)
--   effort b [5.1998, 6.8002]: 5, 3, 1 -> red; 6 -> amber; 7 -> green
--   agree a [3.5824, 7]: 3, 2, 1 -> green; 5, 7 -> amber
--   agree b [1.1998, 2.8002]: 3, 5, 7 -> red; 2 -> amber; 1 -> green
-- Each effort target t gives the status of the agreement target 8 - t.
SELECT team, status(effort, 5) AS e5, status(effort, 3) AS e3, status(effort, 1) AS e1,
	   status(effort, 6) AS e6, status(effort, 7) AS e7,
	   status(agree, 3) AS a3, status(agree, 5) AS a5, status(agree, 7) AS a7,
	   status(agree, 2) AS a2, status(agree, 1) AS a1
FROM ces_by_team WHERE team IN ('a', 'b') ORDER BY team;

-- The same answers read the other way round change status, not figures:
-- effort a counted as if higher were easier, against 5: [1, 4.4176] lies
-- below 5, so red instead of green.  easy() moves to the other end: 6 and
-- 7, 1 of 5 = 20.
SELECT ces(s), status(s, 5), easy(s)
FROM (SELECT ces_agg(effort, 7, false) AS s FROM ces_survey WHERE team = 'a') x;

-- Comparisons need one direction: effort a - effort b = 2.6 - 6 = -3.4.
SELECT difference(a.effort, b.effort), difference(a.agree, b.agree)
FROM ces_by_team a, ces_by_team b WHERE a.team = 'a' AND b.team = 'b';

-- easy() on other scales: the two easiest points from 5 points up, the
-- easiest alone below.
--   5, lower easier: 1,2,3,4,5,2 -> 1 and 2: 3 of 6 = 50
--   4, lower easier: 1,1,2,4 -> 1: 2 of 4 = 50
--   4, higher easier: 1,1,2,4 -> 4: 1 of 4 = 25
--   3, higher easier: 3,3,1 -> 3: 2 of 3 = 66.67
--   2, lower easier: 1,2,2,2 -> 1: 1 of 4 = 25
--   10, higher easier: 9,10,8,1 -> 9 and 10: 2 of 4 = 50
SELECT k, lower_is_easier, round(easy(ces_agg(r, k, lower_is_easier))::numeric, 2) AS easy
FROM (VALUES (5, true, 1), (5, true, 2), (5, true, 3), (5, true, 4), (5, true, 5), (5, true, 2),
			 (4, true, 1), (4, true, 1), (4, true, 2), (4, true, 4),
			 (4, false, 1), (4, false, 1), (4, false, 2), (4, false, 4),
			 (3, false, 3), (3, false, 3), (3, false, 1),
			 (2, true, 1), (2, true, 2), (2, true, 2), (2, true, 2),
			 (10, false, 9), (10, false, 10), (10, false, 8), (10, false, 1)) v(k, lower_is_easier, r)
GROUP BY k, lower_is_easier ORDER BY k, lower_is_easier;

-- text form: version 2 carries the direction of a CES summary
SELECT team, effort::text, agree::text FROM ces_by_team ORDER BY team;
SELECT bool_and(effort::text::rating_summary = effort AND agree::text::rating_summary = agree)
	   AS round_trips
FROM ces_by_team;
SELECT 'v2 kind=ces scale=5 lower_is_easier=true counts=1,0,0,0,2'::rating_summary AS lower,
	   'v2 kind=ces scale=5 lower_is_easier=false counts=1,0,0,0,2'::rating_summary AS higher;

-- Version 1, as 0.1.0 wrote it, reads as lower_is_easier = false, what
-- 0.1.0 assumed: 6,6,6,7,7 on 1..7 keeps 0.1.0's status, green against 5
-- (mean 6.4, interval [5.92, 6.88]: s^2 = 0.3, half-width
-- 1.959964 * sqrt(0.06) = 0.480091), and easy() counts its 6s and 7s.
SELECT s AS v1_read, status(s, 5), easy(s)
FROM (SELECT 'v1 kind=ces scale=7 counts=0,0,0,0,0,3,2'::rating_summary AS s) x;
SELECT 'v1 kind=ces scale=7 counts=0,0,0,0,0,3,2'::rating_summary
	 = 'v2 kind=ces scale=7 lower_is_easier=false counts=0,0,0,0,0,3,2' AS same,
	   'v1 kind=ces scale=7 counts=0,0,0,0,0,3,2'::rating_summary
	 = 'v2 kind=ces scale=7 lower_is_easier=true counts=0,0,0,0,0,3,2' AS other_direction,
	   'v1 kind=csat scale=5 counts=1,2,3,4,5'::rating_summary
	 = 'v2 kind=csat scale=5 counts=1,2,3,4,5' AS csat_same;

-- jsonb carries the direction and easy()
SELECT effort::jsonb FROM ces_by_team WHERE team = 'a';
SELECT agree::jsonb - 'distribution' - 'confidence' FROM ces_by_team WHERE team = 'b';

-- a summary of no answers merges with any other, whatever its direction;
-- rollup of daily summaries keeps the direction
SELECT rollup(s) FROM (VALUES ('v2 kind=ces scale=7 lower_is_easier=false counts=0,0,0,0,0,0,0'::rating_summary),
							  ('v2 kind=ces scale=5 lower_is_easier=true counts=1,2,0,0,0'),
							  ('v2 kind=ces scale=5 lower_is_easier=true counts=0,0,0,0,1')) v(s);

-- errors: mixing directions in a group, a rollup or a comparison (22023)
SELECT ces_agg(r, 7, d) FROM (VALUES (1, true), (2, false)) v(r, d);
SELECT rollup(s) FROM (SELECT effort AS s FROM ces_by_team UNION ALL SELECT agree FROM ces_by_team) x;
SELECT difference(effort, agree) FROM ces_by_team WHERE team = 'a';
SELECT p_value(effort, agree) FROM ces_by_team WHERE team = 'a';
-- errors: a NULL direction for a rating (22004); a NULL rating skips the row
SELECT ces_agg(r, 7, NULL) FROM (VALUES (1)) v(r);
SELECT ces_agg(r, 7, d) FROM (VALUES (NULL, NULL), (3, true)) v(r, d);
-- errors: easy() of a CSAT summary; a CSAT state in ces_agg's transition and
-- a CES state in csat_agg's (22023)
SELECT easy(csat_agg(r)) FROM (VALUES (5)) v(r);
SELECT ces_agg_trans('v2 kind=csat scale=5 counts=0,0,0,0,0'::rating_summary, 3);
SELECT csat_agg_trans('v2 kind=ces scale=5 lower_is_easier=true counts=0,0,0,0,0'::rating_summary, 3, 5);
-- errors: malformed direction (22P02); v2 text without it (22P02); CSAT
-- has no direction (22P02)
SELECT 'v2 kind=ces scale=5 lower_is_easier=yes counts=0,0,0,0,0'::rating_summary;
SELECT 'v2 kind=ces scale=5 counts=0,0,0,0,0'::rating_summary;
SELECT 'v2 kind=csat scale=5 lower_is_easier=true counts=0,0,0,0,0'::rating_summary;
SELECT 'v3 kind=ces scale=5 lower_is_easier=true counts=0,0,0,0,0'::rating_summary;

DROP TABLE ces_by_team, ces_survey;
