-- rubric_summary: rubric_score, weighted_rubric, figures, text form, jsonb,
-- NULLs and errors.  Expected figures were worked out by hand; see the
-- comments.
SET extra_float_digits = 0;

-- One evaluation.  Criteria: greeting (weight 1, out of 5), knowledge
-- (weight 2, out of 10), compliance (weight 1, out of 1, critical).
--   e1 {4, 8, 1}: 100 * (1*0.8 + 2*0.8 + 1*1) / 4 = 85
--   e2 {5, NULL, 1}: knowledge N/A, weights renormalized: 100 * (1 + 1) / 2 = 100
--   e3 {3, 6, 0}: compliance 0 < 0.5 is a failed critical criterion: 0
--   e4 {NULL, NULL, NULL}: no criterion applies: no score (NULL)
--   e5 {2, 9, 1}: 100 * (0.4 + 1.8 + 1) / 4 = 80
--   e6 {5, 5, 0.5}: compliance exactly 0.5 passes: 100 * (1 + 1 + 0.5) / 4 = 62.5
CREATE TABLE qa_evaluations (id integer, agent text, scores float8[]);
INSERT INTO qa_evaluations VALUES
	(1, 'a', '{4,8,1}'), (2, 'a', '{5,NULL,1}'), (3, 'a', '{3,6,0}'),
	(4, 'a', '{NULL,NULL,NULL}'),
	(5, 'b', '{2,9,1}'), (6, 'b', '{5,5,0.5}'), (7, 'b', NULL),
	(8, 'c', '{NULL,NULL,NULL}');

SELECT id, rubric_score(scores, '{1,2,1}', '{5,10,1}', '{f,f,t}')
FROM qa_evaluations ORDER BY id;

-- Without the critical flags e3 is scored: 100 * (0.6 + 1.2 + 0) / 4 = 45
SELECT rubric_score('{3,6,0}', '{1,2,1}', '{5,10,1}') AS not_critical;

-- Two arrays: maximum 1 per criterion.
--   {1, 0, 0.5} weights {1, 1, 0}: the zero-weight criterion does not count:
--   100 * (1 + 0) / 2 = 50
--   {1, 0} weights {0, 0}: applicable weights sum to 0: no score
--   {} {}: no criterion at all: no score
--   {1, 1, 0} weights {1, 1, 1}: 200/3, rounded to 9 decimals
SELECT rubric_score('{1,0,0.5}'::float8[], '{1,1,0}') AS zero_weight,
	   rubric_score('{1,0}'::float8[], '{0,0}') AS weights_sum_to_0,
	   rubric_score('{}'::float8[], '{}') AS empty,
	   rubric_score('{1,1,0}'::float8[], '{1,1,1}') AS two_thirds;
SELECT rubric_score('{1,1,0}'::float8[], '{1,1,1}') = 66.666666667 AS rounded_to_9_places;

-- Three arrays: {3, N/A} out of {4, 2}: 100 * 0.75 = 75
SELECT rubric_score('{3,NULL}', '{1,1}', '{4,2}') AS three_arrays;

-- Critical criteria: a failed one fails the evaluation even with weight 0;
-- an N/A one cannot fail.
--   {0, 1} weights {0, 1}, first critical: 0 (auto-fail)
--   {NULL, 1} weights {1, 1}, first critical: 100
--   {0.4, 1} weights {0, 0}, first critical: weights sum to 0: no score
SELECT rubric_score('{0,1}', '{0,1}', '{1,1}', '{t,f}') AS zero_weight_critical,
	   rubric_score('{NULL,1}', '{1,1}', '{1,1}', '{t,f}') AS na_critical,
	   rubric_score('{0.4,1}', '{0,0}', '{1,1}', '{t,f}') AS unweighted;

-- Floating point: 100 * (0.1*0 + 0.1*0.2 + 0.7*1) / 0.9 is 80, which double
-- arithmetic computes as 79.99999999999999; scores are rounded to a
-- billionth of a point, so it is 80 and passes a mark of 80.
SELECT rubric_score('{0,0.2,1}'::float8[], '{0.1,0.1,0.7}') = 80 AS exactly_80,
	   pass_rate(weighted_rubric('{0,0.2,1}'::float8[], '{0.1,0.1,0.7}'), 80) AS passes_80;

-- NULL arrays give NULL
SELECT rubric_score(NULL::float8[], '{1}') IS NULL AS null_scores,
	   rubric_score('{1}', NULL::float8[]) IS NULL AS null_weights,
	   rubric_score('{1}', '{1}', NULL) IS NULL AS null_max,
	   rubric_score('{1}', '{1}', '{1}', NULL) IS NULL AS null_critical;

-- The aggregate, per agent:
--   a: scores 85, 100, 0 (e4 ignored): score 185/3 = 61.666667,
--      3 responses, 1 auto-fail = 33.333333%;
--      greeting (0.8 + 1 + 0.6)/3 = 80%, knowledge (0.8 + 0.6)/2 = 70%,
--      compliance (1 + 1 + 0)/3 = 66.666667% (the failed evaluation's points
--      count: it is what the coach needs to see)
--   b: scores 80, 62.5 (e7 ignored): 71.25, no auto-fail;
--      greeting (0.4 + 1)/2 = 70%, knowledge (0.9 + 0.5)/2 = 70%,
--      compliance (1 + 0.5)/2 = 75%
--   c: nothing scored: NULL
CREATE TABLE qa_by_agent AS
	SELECT agent, weighted_rubric(scores, '{1,2,1}', '{5,10,1}', '{f,f,t}') AS s
	FROM qa_evaluations GROUP BY agent;
SELECT agent, round(score(s)::numeric, 6) AS score, responses(s),
	   autofails(s), round(autofail_rate(s)::numeric, 6) AS autofail_rate,
	   criterion_responses(s)
FROM qa_by_agent ORDER BY agent;
SELECT agent, round(x::numeric, 6) AS criterion_score, k
FROM qa_by_agent, unnest(criterion_scores(s)) WITH ORDINALITY u(x, k)
ORDER BY agent, k;

-- Pass rates against whole-point marks: a 85, 100, 0; b 80, 62.5
--   mark 80: a 2/3, b 1/2; mark 85: a 2/3, b 0; mark 0: everyone; 100: a 1/3
SELECT agent, round(pass_rate(s, 80)::numeric, 6) AS p80,
	   round(pass_rate(s, 85)::numeric, 6) AS p85, pass_rate(s, 0) AS p0, round(pass_rate(s, 100)::numeric, 6) AS p100
FROM qa_by_agent ORDER BY agent;
SELECT (distribution(s))[85] AS at_85, (distribution(s))[100] AS at_100,
	   (distribution(s))[0] AS at_0, array_length(distribution(s), 1) AS bins
FROM qa_by_agent WHERE agent = 'a';

-- Normal interval from the sample variance:
--   a: mean 61.666667, deviations 23.33, 38.33, -61.67: variance
--      5816.6667/2 = 2908.3333, half-width 1.959964 * sqrt(2908.3333/3)
--      = 61.0253: [0.6414, 100] (clipped)
--   b: mean 71.25, variance 2 * 8.75^2 / 1 = 153.125, half-width
--      1.959964 * sqrt(153.125/2) = 17.1497: [54.1003, 88.3997]
SELECT agent, round(lower_bound(s)::numeric, 4) AS low,
	   round(upper_bound(s)::numeric, 4) AS high
FROM qa_by_agent ORDER BY agent;
-- status against a target from those intervals (higher is better):
--   a [0.6414, 100]: 50 -> amber, 90 -> amber, 0.6 -> green
--   b [54.1003, 88.3997]: 50 -> green, 54.1 -> green, 88.4 -> red, 70 -> amber
--   at 99% b widens to 71.25 -/+ 2.575829 * 8.75 = [48.7115, 93.7885]: 50 -> amber
SELECT agent, status(s, 50) AS t50, status(s, 54.1) AS t541, status(s, 70) AS t70,
	   status(s, 88.4) AS t884, status(s, 0.6) AS t06, status(s, 50, 0.99) AS t50_99
FROM qa_by_agent ORDER BY agent;
SELECT status(s, 101) FROM qa_by_agent WHERE agent = 'b';
SELECT status(s, -1) FROM qa_by_agent WHERE agent = 'b';

-- One evaluation has no sample variance: the interval is the whole range.
SELECT lower_bound(s), upper_bound(s), score(s)
FROM (SELECT weighted_rubric('{1,0}'::float8[], '{3,1}') AS s) x;
-- All equal scores: the interval has no width.
SELECT lower_bound(s), upper_bound(s)
FROM (SELECT weighted_rubric(x, '{1,1}') AS s
	  FROM (VALUES ('{1,0}'::float8[]), ('{0,1}')) v(x)) x;

-- The two- and three-array aggregates.  {1, 0.5}, {0, NULL} with weights
-- {1, 3}: 100 * (1 + 1.5)/4 = 62.5 and 0: mean 31.25; criteria 50%, 50%
SELECT score(s), responses(s), criterion_scores(s), autofail_rate(s)
FROM (SELECT weighted_rubric(x, '{1,3}') AS s
	  FROM (VALUES ('{1,0.5}'::float8[]), ('{0,NULL}')) v(x)) x;
--   out of {2, 4}: {2, 2} -> 100 * (1 + 1.5)/4 = 62.5; {1, NULL} -> 50
SELECT score(s), criterion_scores(s)
FROM (SELECT weighted_rubric(x, '{1,3}', '{2,4}') AS s
	  FROM (VALUES ('{2,2}'::float8[]), ('{1,NULL}')) v(x)) x;

-- A criterion that never applied has a NULL criterion score.
SELECT criterion_scores(weighted_rubric(x, '{1,1}')) AS never_applied
FROM (VALUES ('{1,NULL}'::float8[]), ('{0.5,NULL}')) v(x);

-- NULL summaries give NULL; an aggregate over no rows gives NULL; NULL
-- arrays and unscored evaluations are ignored.
SELECT score(NULL::rubric_summary), responses(NULL::rubric_summary);
SELECT weighted_rubric(scores, '{1,1,1}') IS NULL AS no_rows
FROM qa_evaluations WHERE false;
SELECT weighted_rubric(scores, w) IS NULL AS all_ignored
FROM (VALUES (NULL::float8[], '{1}'::float8[]), ('{1}', NULL), ('{NULL}', '{1}'),
			 ('{1}', '{0}'), ('{}', '{}')) v(scores, w);

-- text form: it round-trips
SELECT agent, s::text FROM qa_by_agent WHERE agent = 'b';
SELECT bool_and(s::text::rubric_summary = s) AS round_trips FROM qa_by_agent;

-- the empty summary (0 criteria) is a valid value whose figures are NULL,
-- and merging it changes nothing
CREATE TABLE qa_empty AS SELECT ('v1 criteria=0 autofails=0 score_sum=0 score_squares=0 distribution='
	|| array_to_string(array_fill(0, ARRAY[101]), ',')
	|| ' criterion_sums= criterion_counts=')::rubric_summary AS e;
SELECT score(e), responses(e), autofail_rate(e), criterion_scores(e),
	   lower_bound(e), pass_rate(e, 80), e::jsonb
FROM qa_empty;
SELECT rollup(x) = (SELECT s FROM qa_by_agent WHERE agent = 'b') AS identity
FROM (SELECT e AS x FROM qa_empty
	  UNION ALL SELECT s FROM qa_by_agent WHERE agent = 'b'
	  UNION ALL SELECT e FROM qa_empty) u;

-- jsonb carries every figure and count
SELECT s::jsonb - 'distribution' AS figures, (s::jsonb -> 'distribution') -> 85 AS at_85
FROM qa_by_agent WHERE agent = 'a';

-- equality compares sums and counts
SELECT a.s = b.s AS same, a.s <> b.s AS differ
FROM qa_by_agent a, qa_by_agent b WHERE a.agent = 'a' AND b.agent = 'b';

-- rollup merges exactly: a and b together
SELECT (SELECT rollup(s) FROM qa_by_agent)
	 = (SELECT weighted_rubric(scores, '{1,2,1}', '{5,10,1}', '{f,f,t}') FROM qa_evaluations)
	AS rollup_exact;

-- 64 criteria and more are supported; 1000 is the limit.
SELECT rubric_score(array_fill(1::float8, ARRAY[1000]), array_fill(1::float8, ARRAY[1000])) AS score_1000;
SELECT array_length(criterion_scores(weighted_rubric(array_fill(0.5::float8, ARRAY[64]),
													 array_fill(1::float8, ARRAY[64]))), 1) AS criteria_64;

-- errors: arrays of different lengths, and not one-dimensional
SELECT rubric_score('{1,1}'::float8[], '{1}');
SELECT rubric_score('{1}', '{1}', '{1,2}');
SELECT rubric_score('{1}', '{1}', '{1}', '{t,f}');
SELECT rubric_score('{{1}}'::float8[], '{{1}}');
-- errors: invalid weights, maximums, NaN and infinity
SELECT rubric_score('{1}'::float8[], '{-1}');
SELECT rubric_score('{1}', '{1}', '{0}');
SELECT rubric_score('{1}', '{1}', '{-2}');
SELECT rubric_score('{NaN}'::float8[], '{1}');
SELECT rubric_score('{1}'::float8[], '{Infinity}');
SELECT rubric_score('{1}', '{1}', '{Infinity}');
SELECT rubric_score('{NULL}'::float8[], '{NaN}');
-- errors: scores out of range
SELECT rubric_score('{-0.5}'::float8[], '{1}');
SELECT rubric_score('{6}', '{1}', '{5}');
-- errors: NULL weights, maximums or critical flags
SELECT rubric_score('{1}'::float8[], '{NULL}');
SELECT rubric_score('{NULL}', '{1}', '{NULL}');
SELECT rubric_score('{1}', '{1}', '{1}', '{NULL}');
-- errors: too many criteria
SELECT rubric_score(array_fill(1::float8, ARRAY[1001]), array_fill(1::float8, ARRAY[1001]));
-- errors: different criteria counts in one aggregate, and in a rollup
SELECT weighted_rubric(x, y) FROM (VALUES ('{1}'::float8[], '{1}'::float8[]), ('{1,1}', '{1,1}')) v(x, y);
SELECT rollup(s) FROM (SELECT weighted_rubric('{1}'::float8[], '{1}') UNION ALL
					   SELECT weighted_rubric('{1,1}'::float8[], '{1,1}')) v(s);
-- errors: pass marks and confidence
SELECT pass_rate(s, 80.5) FROM qa_by_agent WHERE agent = 'a';
SELECT pass_rate(s, 101) FROM qa_by_agent WHERE agent = 'a';
SELECT pass_rate(s, 'NaN') FROM qa_by_agent WHERE agent = 'a';
SELECT lower_bound(s, 1) FROM qa_by_agent WHERE agent = 'a';

-- errors: malformed and inconsistent text
SELECT 'v1 criteria=1'::rubric_summary;
SELECT 'v1 criteria=1001 autofails=0'::rubric_summary;
SELECT ('v1 criteria=1 autofails=1 score_sum=0 score_squares=0 distribution='
	|| array_to_string(array_fill(0, ARRAY[101]), ',')
	|| ' criterion_sums=0 criterion_counts=0')::rubric_summary;
SELECT ('v1 criteria=1 autofails=0 score_sum=5 score_squares=25 distribution=1'
	|| repeat(',0', 100) || ' criterion_sums=0 criterion_counts=2')::rubric_summary;
SELECT ('v1 criteria=1 autofails=0 score_sum=5000000000 score_squares=0 distribution=1'
	|| repeat(',0', 100) || ' criterion_sums=0 criterion_counts=1')::rubric_summary;
SELECT ('v1 criteria=1 autofails=0 score_sum=5 score_squares=24 distribution=1'
	|| repeat(',0', 100) || ' criterion_sums=0 criterion_counts=1')::rubric_summary;
SELECT ('v1 criteria=1 autofails=0 score_sum=-5 score_squares=24 distribution=1'
	|| repeat(',0', 100) || ' criterion_sums=0 criterion_counts=1')::rubric_summary;
SELECT ('v1 criteria=2 autofails=0 score_sum=0 score_squares=0 distribution='
	|| array_to_string(array_fill(0, ARRAY[101]), ',')
	|| ' criterion_sums=0 criterion_counts=0,0')::rubric_summary;

DROP TABLE qa_by_agent, qa_evaluations, qa_empty;
