-- rubric_summary properties: every figure equals a plain-SQL computation of
-- the same rule (unnest WITH ORDINALITY, exact numeric arithmetic), rollups
-- are exact, moving windows equal recomputed frames, text and binary forms
-- round-trip, and every error has its SQLSTATE.
BEGIN;
SELECT plan(41);

SELECT setseed(0.17);
-- The rubric: weight, maximum points and critical flag per criterion.
CREATE TEMP TABLE rubric (k bigint, w numeric, m numeric, crit boolean);
INSERT INTO rubric VALUES (1, 1, 1, false), (2, 2, 5, false), (3, 2, 10, false),
	(4, 1, 1, true), (5, 0, 4, false), (6, 3, 2, true);
CREATE TEMP TABLE params AS
	SELECT array_agg(w::float8 ORDER BY k) AS w, array_agg(m::float8 ORDER BY k) AS m,
		   array_agg(crit ORDER BY k) AS c
	FROM rubric;

-- 900 evaluations: points in halves from 0 to the maximum, 15% N/A; some
-- evaluations are entirely N/A and some arrays NULL.
CREATE TEMP TABLE evals AS
	SELECT g AS id, g % 12 AS agent, date '2026-03-01' + (g % 40) AS day,
		   CASE WHEN g % 97 = 0 THEN NULL ELSE
		   (SELECT array_agg(CASE WHEN g % 61 = 0 OR random() < 0.15 THEN NULL
								  ELSE floor(random() * (2 * r.m + 1)) / 2 END::float8
							 ORDER BY r.k)
			FROM rubric r WHERE g > 0) END AS scores
	FROM generate_series(1, 900) g;
-- agent 5 has no scored evaluation at all
UPDATE evals SET scores = '{NULL,NULL,NULL,NULL,NULL,NULL}' WHERE agent = 5;

-- The rule in plain SQL, exactly, per evaluation.
CREATE TEMP TABLE reference AS
	SELECT e.id, e.agent, e.day,
		   CASE WHEN coalesce(sum(r.w) FILTER (WHERE u.p IS NOT NULL), 0) > 0 THEN
				CASE WHEN bool_or(r.crit AND u.p::numeric / r.m < 0.5) THEN 0
					 ELSE 100 * sum(r.w * u.p::numeric / r.m) / sum(r.w) FILTER (WHERE u.p IS NOT NULL)
				END
		   END AS score,
		   coalesce(bool_or(r.crit AND u.p::numeric / r.m < 0.5), false) AS autofail
	FROM evals e, unnest(e.scores) WITH ORDINALITY u(p, k) JOIN rubric r USING (k)
	GROUP BY e.id, e.agent, e.day;
-- criterion points of scored evaluations, as percent
CREATE TEMP TABLE reference_criteria AS
	SELECT e.agent, u.k, 100 * u.p::numeric / r.m AS pct
	FROM evals e JOIN reference f USING (id), unnest(e.scores) WITH ORDINALITY u(p, k)
		 JOIN rubric r USING (k)
	WHERE f.score IS NOT NULL AND u.p IS NOT NULL;

CREATE TEMP TABLE by_agent AS
	SELECT agent, weighted_rubric(scores, w, m, c) AS s
	FROM evals, params GROUP BY agent;
CREATE TEMP TABLE ref_agent AS
	SELECT agent, count(score) AS n, avg(round(score, 9)) AS score,
		   100.0 * count(*) FILTER (WHERE autofail AND score IS NOT NULL) / nullif(count(score), 0) AS autofail_rate,
		   100.0 * count(*) FILTER (WHERE round(score, 9) >= 80) / nullif(count(score), 0) AS pass80,
		   100.0 * count(*) FILTER (WHERE round(score, 9) >= 93) / nullif(count(score), 0) AS pass93,
		   stddev_samp(round(score, 9)) AS sd
	FROM reference GROUP BY agent;

SELECT ok((SELECT count(*) FROM reference WHERE score IS NOT NULL) > 700,
		  'hundreds of scored evaluations');
SELECT ok((SELECT count(*) FROM reference WHERE autofail AND score IS NOT NULL) > 50
		  AND (SELECT count(*) FROM reference WHERE score IS NULL) > 50,
		  'many auto-fails and many unscored evaluations');
SELECT is((SELECT count(*) FROM evals e JOIN reference f USING (id), params
		   WHERE (rubric_score(e.scores, w, m, c) IS NULL) <> (f.score IS NULL)
			  OR abs(rubric_score(e.scores, w, m, c) - f.score) > 5e-10),
		  0::bigint, 'rubric_score equals the plain-SQL rule for every evaluation');
SELECT is((SELECT count(*) FROM evals, params WHERE scores IS NULL
		   AND rubric_score(scores, w, m, c) IS NOT NULL),
		  0::bigint, 'rubric_score of NULL scores is NULL');
SELECT is((SELECT count(*) FROM by_agent b JOIN ref_agent r USING (agent)
		   WHERE r.n > 0 AND abs(score(b.s) - r.score) > 1e-9),
		  0::bigint, 'score() equals the mean of the plain-SQL scores for every agent');
SELECT is((SELECT count(*) FROM by_agent b JOIN ref_agent r USING (agent)
		   WHERE responses(b.s) IS DISTINCT FROM r.n),
		  0::bigint, 'responses() counts the scored evaluations, 0 where there are none');
SELECT is((SELECT count(*) FROM by_agent b JOIN ref_agent r USING (agent)
		   WHERE r.n > 0 AND abs(autofail_rate(b.s) - r.autofail_rate) > 1e-9),
		  0::bigint, 'autofail_rate() equals the plain-SQL share of auto-fails');
SELECT is((SELECT count(*) FROM by_agent b JOIN ref_agent r USING (agent)
		   WHERE r.n > 0 AND (abs(pass_rate(b.s, 80) - r.pass80) > 1e-9
							  OR abs(pass_rate(b.s, 93) - r.pass93) > 1e-9)),
		  0::bigint, 'pass_rate() at 80 and 93 equals the plain-SQL share');
SELECT is((SELECT count(*) FROM by_agent b,
			   unnest(criterion_scores(b.s)) WITH ORDINALITY c(x, k)
		   WHERE (x IS NULL) <> NOT EXISTS (SELECT FROM reference_criteria r
											WHERE r.agent = b.agent AND r.k = c.k)
			  OR abs(x - (SELECT avg(pct) FROM reference_criteria r
						  WHERE r.agent = b.agent AND r.k = c.k)) > 1e-9),
		  0::bigint, 'criterion_scores() equals the plain-SQL mean per criterion');
SELECT is((SELECT count(*) FROM by_agent b,
			   unnest(criterion_responses(b.s)) WITH ORDINALITY c(x, k)
		   WHERE x <> (SELECT count(*) FROM reference_criteria r
					   WHERE r.agent = b.agent AND r.k = c.k)),
		  0::bigint, 'criterion_responses() counts where each criterion applied');
SELECT is((SELECT count(*) FROM by_agent b JOIN ref_agent r USING (agent)
		   WHERE r.n > 1 AND (
			   abs(lower_bound(b.s) - greatest(0, r.score - 1.959963984540054 * r.sd / sqrt(r.n))) > 1e-6
			OR abs(upper_bound(b.s) - least(100, r.score + 1.959963984540054 * r.sd / sqrt(r.n))) > 1e-6)),
		  0::bigint, 'the interval is mean +/- z * stddev_samp / sqrt(n), clipped to 0..100');
SELECT is((SELECT count(*) FROM by_agent b JOIN ref_agent r USING (agent)
		   WHERE r.n > 0 AND distribution(b.s) IS DISTINCT FROM
			   (SELECT ('[0:100]=' || array_agg(
						   (SELECT count(*) FROM reference f
							WHERE f.agent = b.agent AND f.score IS NOT NULL
							  AND floor(round(f.score, 9)) = k)
						   ORDER BY k)::text)::bigint[]
				FROM generate_series(0, 100) k)),
		  0::bigint, 'distribution() counts evaluations per whole point');
SELECT ok((SELECT s IS NULL AND score(s) IS NULL FROM by_agent WHERE agent = 5),
		  'an agent with no scored evaluation gets NULL');
SELECT is((SELECT weighted_rubric(scores, w, m, c ORDER BY random()) FROM evals, params),
		  (SELECT weighted_rubric(scores, w, m, c ORDER BY id DESC) FROM evals, params),
		  'the summary does not depend on the order of the evaluations');

-- Rollups are exact.
CREATE TEMP TABLE daily AS
	SELECT agent, day, weighted_rubric(scores, w, m, c) AS s
	FROM evals, params GROUP BY agent, day;
SELECT is((SELECT count(*) FROM by_agent b
		   JOIN (SELECT agent, rollup(s) AS r FROM daily GROUP BY agent) d USING (agent)
		   WHERE d.r IS DISTINCT FROM b.s),
		  0::bigint, 'rollup of daily summaries equals weighted_rubric over all rows, per agent');
SELECT is((SELECT rollup(w) FROM (SELECT rollup(s) AS w FROM daily
								  GROUP BY agent, date_trunc('week', day)) x),
		  (SELECT weighted_rubric(scores, w, m, c) FROM evals, params),
		  'a rollup of weekly rollups equals weighted_rubric over the whole table');
SELECT is((SELECT count(*) FROM (
			   SELECT team, score(rollup(s)) AS ours,
					  (SELECT avg(round(score, 9)) FROM reference f WHERE f.agent % 3 = d.team) AS theirs
			   FROM (SELECT agent % 3 AS team, s FROM daily) d GROUP BY team) x
		   WHERE abs(ours - theirs) > 1e-9),
		  0::bigint, 'team scores from daily summaries equal the plain-SQL mean');

-- Moving windows: the inverse transition gives what recomputing each frame
-- gives, including frames that empty out and frames with unscored rows.
CREATE TEMP TABLE numbered AS
	SELECT agent, row_number() OVER (PARTITION BY agent ORDER BY id) AS rn, day, scores
	FROM evals WHERE agent IN (1, 2, 5, 7);
SELECT is((SELECT count(*) FROM (
			   SELECT agent, rn, weighted_rubric(scores, w, m, c)
						 OVER (PARTITION BY agent ORDER BY rn ROWS 9 PRECEDING) AS moving
			   FROM numbered, params) x
		   WHERE moving IS DISTINCT FROM
			   (SELECT weighted_rubric(scores, w, m, c) FROM numbered b, params
				WHERE b.agent = x.agent AND b.rn BETWEEN x.rn - 9 AND x.rn)),
		  0::bigint, 'weighted_rubric over ROWS 9 PRECEDING equals each frame recomputed');
SELECT ok((SELECT count(*) FROM (
			   SELECT weighted_rubric(scores, w, m, c)
						 OVER (PARTITION BY agent ORDER BY rn ROWS 9 PRECEDING) AS moving
			   FROM numbered, params WHERE agent = 5) x WHERE moving IS NULL) > 0,
		  'frames with no scored evaluation give NULL');
SELECT is((SELECT count(*) FROM (
			   SELECT agent, day, weighted_rubric(scores, '{1,1,1,1,1,1}', m)
						 OVER (PARTITION BY agent ORDER BY day
							   RANGE BETWEEN '6 days' PRECEDING AND CURRENT ROW) AS moving
			   FROM numbered, params) x
		   WHERE moving IS DISTINCT FROM
			   (SELECT weighted_rubric(scores, '{1,1,1,1,1,1}', m) FROM numbered b, params
				WHERE b.agent = x.agent AND b.day BETWEEN x.day - 6 AND x.day)),
		  0::bigint, 'the three-array form over a 7-day RANGE frame equals each frame recomputed');
SELECT is((SELECT count(*) FROM (
			   SELECT agent, day, rollup(s) OVER (PARTITION BY agent ORDER BY day
												  ROWS 4 PRECEDING) AS moving
			   FROM daily WHERE agent < 6) x
		   WHERE moving IS DISTINCT FROM
			   (SELECT rollup(s) FROM (
					SELECT s FROM daily b WHERE b.agent = x.agent AND b.day <= x.day
					ORDER BY day DESC LIMIT 5) f)),
		  0::bigint, 'rollup over ROWS 4 PRECEDING equals each frame recomputed');

-- Text and binary forms round-trip exactly.
SELECT is((SELECT count(*) FROM daily WHERE s::text::rubric_summary IS DISTINCT FROM s),
		  0::bigint, 'text output reads back as the same summary');
\ir helpers/binary_copy.psql
CREATE TEMP TABLE copied (agent integer, day date, s rubric_summary);
SELECT lives_ok($$SELECT pg_temp.copy_through_binary_file('SELECT agent, day, s FROM daily', 'copied')$$,
				'COPY BINARY writes and reads rubric_summary');
SELECT is((SELECT count(*) FROM daily d JOIN copied c USING (agent, day)
		   WHERE c.s IS NOT DISTINCT FROM d.s),
		  (SELECT count(*) FROM daily),
		  'every summary reads back from COPY BINARY unchanged');

-- Binary input is checked as strictly as text input.
CREATE TEMP TABLE one_summary (s rubric_summary);
-- version 1; criteria 1; autofails 0; score_sum 100e9 (one score of 100) and
-- its square 1e22 as 16-byte sums; 100 zero bins and one 1; criterion sum
-- 100e9; criterion count 1.
CREATE TEMP TABLE payload AS SELECT
	'\x01'::bytea || int8send(1) || int8send(0)
	|| int8send(0) || int8send(100000000000)
	|| int8send(542) || int8send(1864712049423024128)
	|| decode(repeat('0000000000000000', 100), 'hex') || int8send(1) AS head,
	int8send(0) || int8send(100000000000) || int8send(1) AS tail;
SELECT is((SELECT 542::numeric * 18446744073709551616 + 1864712049423024128), 1e22::numeric,
		  'the crafted sum of squares is 1e22');
SELECT lives_ok($$SELECT pg_temp.load_binary((SELECT head || tail FROM payload))$$,
				'a valid binary rubric_summary loads');
SELECT is((SELECT s FROM one_summary), weighted_rubric('{1}', '{1}'),
		  'and holds what it was sent');
SELECT throws_ok($$SELECT pg_temp.load_binary((SELECT head FROM payload))$$,
				 '22P03', NULL, 'a truncated binary value raises 22P03');
SELECT throws_ok($$SELECT pg_temp.load_binary((SELECT head || tail || '\x00'::bytea FROM payload))$$,
				 '22P03', NULL, 'trailing bytes raise 22P03');
SELECT throws_ok($$SELECT pg_temp.load_binary((SELECT '\x02'::bytea || substr(head, 2) || tail FROM payload))$$,
				 '22P03', NULL, 'an unknown binary version raises 22P03');
SELECT throws_ok($$SELECT pg_temp.load_binary((SELECT overlay(head placing int8send(2) from 10) || tail FROM payload))$$,
				 '22P03', NULL, 'inconsistent binary counts raise 22P03');

-- SQLSTATEs of bad input.
SELECT throws_ok($$SELECT rubric_score('{1,1}', '{1}')$$, '2202E', NULL,
				 'arrays of different lengths raise 2202E');
SELECT throws_ok($$SELECT rubric_score('{{1}}', '{{1}}')$$, '2202E', NULL,
				 'a multi-dimensional array raises 2202E');
SELECT throws_ok($$SELECT weighted_rubric(x, '{1}') FROM (VALUES ('{1}'::float8[]), ('{-1}')) v(x)$$,
				 '22003', 'score -1 of criterion 1 is out of range', 'a negative score raises 22003');
SELECT throws_ok($$SELECT rubric_score('{3}', '{1}', '{2}')$$, '22003', NULL,
				 'a score above its maximum raises 22003');
SELECT throws_ok($$SELECT rubric_score('{1}', '{-1}')$$, '22023', NULL,
				 'a negative weight raises 22023');
SELECT throws_ok($$SELECT rubric_score('{1}', '{1}', '{0}')$$, '22023', NULL,
				 'a maximum of 0 raises 22023');
SELECT throws_ok($$SELECT rubric_score('{Infinity}', '{1}', '{Infinity}')$$, '22023', NULL,
				 'infinity raises 22023');
SELECT throws_ok($$SELECT rubric_score('{1}', '{NULL}')$$, '22004', NULL,
				 'a NULL weight raises 22004');
SELECT throws_ok($$SELECT weighted_rubric(x, x) FROM (VALUES ('{1}'::float8[]), ('{1,1}')) v(x)$$,
				 '22023', NULL, 'evaluations of different criteria counts raise 22023');
SELECT throws_ok($$SELECT pass_rate(weighted_rubric('{1}', '{1}'), 79.5)$$, '22023', NULL,
				 'a pass mark that is not a whole number raises 22023');

SELECT * FROM finish();
ROLLBACK;
