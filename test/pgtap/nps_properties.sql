-- nps_summary properties: every figure equals plain SQL over the same rows,
-- rollups are exact, moving windows equal recomputed frames, and both the
-- text and the binary forms round-trip.
BEGIN;
SELECT plan(31);

SELECT setseed(0.42);
CREATE TEMP TABLE answers AS
	SELECT g AS id, g % 150 AS agent, date '2026-01-01' + (g % 120) AS day,
		   CASE WHEN random() < 0.15 THEN NULL
				ELSE floor(random() * 11)::integer END AS score
	FROM generate_series(1, 30000) g;
-- agent 7 never answers; agent 3 goes quiet for a stretch, so that moving
-- frames empty out and fill again
UPDATE answers SET score = NULL WHERE agent = 7;
UPDATE answers SET score = NULL WHERE agent = 3 AND id BETWEEN 3000 AND 12000;

CREATE TEMP TABLE by_agent AS
	SELECT agent, nps_agg(score) AS s,
		   count(score) AS n,
		   count(*) FILTER (WHERE score >= 9) AS p,
		   count(*) FILTER (WHERE score BETWEEN 7 AND 8) AS pa,
		   count(*) FILTER (WHERE score <= 6) AS d,
		   avg(score) AS mean,
		   100.0 * (count(*) FILTER (WHERE score >= 9)
					- count(*) FILTER (WHERE score <= 6)) / nullif(count(score), 0) AS nps
	FROM answers GROUP BY agent;

SELECT is((SELECT count(*) FROM by_agent), 150::bigint, '150 agents');
SELECT is((SELECT count(*) FROM by_agent
		   WHERE (nps(s) IS NULL) <> (nps IS NULL) OR abs(nps(s) - nps) > 1e-9),
		  0::bigint, 'nps() equals the plain-SQL FILTER formula for every agent');
SELECT is((SELECT count(*) FROM by_agent
		   WHERE n > 0 AND (promoters(s), passives(s), detractors(s), responses(s))
				 IS DISTINCT FROM (p, pa, d, n)),
		  0::bigint, 'promoters, passives, detractors and responses equal count() FILTER');
SELECT is((SELECT count(*) FROM by_agent WHERE n > 0 AND abs(mean(s) - mean) > 1e-12),
		  0::bigint, 'mean() equals avg()');
SELECT is((SELECT count(*) FROM by_agent b
		   WHERE n > 0 AND distribution(s) IS DISTINCT FROM
			   (SELECT ('[0:10]=' || array_agg(
						   (SELECT count(*) FROM answers a
							WHERE a.agent = b.agent AND a.score = k)
						   ORDER BY k)::text)::bigint[]
				FROM generate_series(0, 10) k)),
		  0::bigint, 'distribution() holds count(*) per score, subscripted by score');
SELECT ok((SELECT s IS NULL AND nps(s) IS NULL AND responses(s) = 0
		   FROM by_agent WHERE agent = 7),
		  'a group whose scores are all NULL gives NULL, with NPS NULL and 0 responses');

-- Rollups: daily summaries merge into exactly the all-rows summary.
CREATE TEMP TABLE daily AS
	SELECT agent, day, nps_agg(score) AS s FROM answers GROUP BY agent, day;
SELECT ok((SELECT count(*) FROM daily WHERE s IS NULL) > 0,
		  'some agent-days have no answers (NULL summaries)');
SELECT is((SELECT count(*) FROM by_agent b
		   JOIN (SELECT agent, rollup(s) AS r FROM daily GROUP BY agent) d USING (agent)
		   WHERE d.r IS DISTINCT FROM b.s),
		  0::bigint, 'rollup of daily summaries equals nps_agg over all rows, per agent');
SELECT is((SELECT rollup(s) FROM daily), (SELECT nps_agg(score) FROM answers),
		  'rollup of every daily summary equals nps_agg over the whole table');
SELECT is((SELECT rollup(w) FROM (SELECT rollup(s) AS w FROM daily
								  GROUP BY agent, date_trunc('week', day)) x),
		  (SELECT nps_agg(score) FROM answers),
		  'a rollup of weekly rollups equals nps_agg over the whole table');
SELECT is((SELECT count(*) FROM (
			   SELECT agent % 10 AS team, date_trunc('month', day) AS month,
					  nps(rollup(s)) AS ours,
					  100.0 * (sum(promoters(s)) - sum(detractors(s))) / sum(responses(s)) AS theirs
			   FROM daily GROUP BY 1, 2) x
		   WHERE abs(ours - theirs) > 1e-9),
		  0::bigint, 'monthly team NPS from daily summaries equals the plain-SQL formula');

-- Moving windows: the inverse transition gives what recomputing each frame
-- from scratch gives, including frames that empty out.
CREATE TEMP TABLE numbered AS
	SELECT agent, row_number() OVER (PARTITION BY agent ORDER BY id) AS rn, day, score
	FROM answers WHERE agent < 12;
CREATE INDEX ON numbered (agent, rn);
SELECT is((SELECT count(*) FROM (
			   SELECT agent, rn, nps_agg(score) OVER (PARTITION BY agent ORDER BY rn
													  ROWS 27 PRECEDING) AS moving
			   FROM numbered) w
		   WHERE moving IS DISTINCT FROM
			   (SELECT nps_agg(score) FROM numbered b
				WHERE b.agent = w.agent AND b.rn BETWEEN w.rn - 27 AND w.rn)),
		  0::bigint, 'nps_agg over ROWS 27 PRECEDING equals each frame recomputed');
SELECT ok((SELECT count(*) FROM (
			   SELECT nps_agg(score) OVER (PARTITION BY agent ORDER BY rn
										   ROWS 27 PRECEDING) AS moving
			   FROM numbered WHERE agent = 3) w WHERE moving IS NULL) > 0,
		  'frames with no answers give NULL after answers leave the frame');
SELECT is((SELECT count(*) FROM (
			   SELECT agent, day, nps_agg(score) OVER (PARTITION BY agent ORDER BY day
													   RANGE BETWEEN '27 days' PRECEDING
													   AND CURRENT ROW) AS moving
			   FROM numbered) w
		   WHERE moving IS DISTINCT FROM
			   (SELECT nps_agg(score) FROM numbered b
				WHERE b.agent = w.agent AND b.day BETWEEN w.day - 27 AND w.day)),
		  0::bigint, 'nps_agg over a 28-day RANGE frame equals each frame recomputed');
SELECT is((SELECT count(*) FROM (
			   SELECT agent, day, rollup(s) OVER (PARTITION BY agent ORDER BY day
												  ROWS 6 PRECEDING) AS moving
			   FROM daily WHERE agent < 12) w
		   WHERE moving IS DISTINCT FROM
			   (SELECT rollup(s) FROM (
					SELECT s FROM daily b WHERE b.agent = w.agent AND b.day <= w.day
					ORDER BY day DESC LIMIT 7) f)),
		  0::bigint, 'rollup over ROWS 6 PRECEDING equals each frame recomputed');

-- Text and binary forms round-trip exactly.
SELECT is((SELECT count(*) FROM daily WHERE s::text::nps_summary IS DISTINCT FROM s),
		  0::bigint, 'text output reads back as the same summary');
\ir helpers/binary_copy.psql
CREATE TEMP TABLE copied (agent integer, day date, s nps_summary);
SELECT lives_ok($$SELECT pg_temp.copy_through_binary_file('SELECT agent, day, s FROM daily', 'copied')$$,
				'COPY BINARY writes and reads nps_summary');
SELECT is((SELECT count(*) FROM daily d JOIN copied c USING (agent, day)
		   WHERE c.s IS NOT DISTINCT FROM d.s),
		  (SELECT count(*) FROM daily),
		  'every summary reads back from COPY BINARY unchanged');

-- Binary input is checked as strictly as text input.  pg_temp.load_binary
-- writes one COPY BINARY row holding the given nps_summary bytes and loads it.
CREATE TEMP TABLE one_summary (s nps_summary);
-- a valid value: version 1, then eleven 64-bit counts (one 10)
SELECT lives_ok($$SELECT pg_temp.load_binary('\x01'::bytea
		|| decode(repeat('0000000000000000', 10) || '0000000000000001', 'hex'))$$,
		'a valid binary nps_summary loads');
SELECT is((SELECT s FROM one_summary), 'v1 counts=0,0,0,0,0,0,0,0,0,0,1'::nps_summary,
		  'and holds the counts it was sent');
SELECT throws_ok($$SELECT pg_temp.load_binary('\x01'::bytea
		|| decode(repeat('0000000000000000', 10), 'hex'))$$,
		'22P03', NULL, 'a truncated binary value raises 22P03');
SELECT throws_ok($$SELECT pg_temp.load_binary('\x02'::bytea
		|| decode(repeat('0000000000000000', 11), 'hex'))$$,
		'22P03', NULL, 'an unknown binary version raises 22P03');
SELECT throws_ok($$SELECT pg_temp.load_binary('\x01'::bytea
		|| decode(repeat('0000000000000000', 11) || '00', 'hex'))$$,
		'22P03', NULL, 'trailing bytes raise 22P03');
SELECT throws_ok($$SELECT pg_temp.load_binary('\x01'::bytea
		|| decode(repeat('0000000000000000', 10) || 'ffffffffffffffff', 'hex'))$$,
		'22003', NULL, 'a negative binary count raises 22003');
SELECT throws_ok($$SELECT pg_temp.load_binary('\x01'::bytea
		|| decode(repeat('0000000000000000', 9) || '7fffffffffffffff0000000000000001', 'hex'))$$,
		'22003', NULL, 'binary counts whose total overflows raise 22003');

-- SQLSTATEs of bad input.
SELECT throws_ok('SELECT nps_agg(x) FROM (VALUES (11)) v(x)', '22003',
				 'nps score 11 is out of range', 'a score above 10 raises 22003');
SELECT throws_ok('SELECT nps_agg(x) FROM (VALUES (-1)) v(x)', '22003',
				 'nps score -1 is out of range', 'a negative score raises 22003');
SELECT throws_ok($$SELECT 'garbage'::nps_summary$$, '22P02', NULL,
				 'malformed text raises 22P02');
SELECT throws_ok($$SELECT lower_bound(nps_agg(x), 1.5) FROM (VALUES (9)) v(x)$$, '22023',
				 'confidence 1.5 is out of range', 'a confidence outside (0, 1) raises 22023');
SELECT throws_ok($$SELECT rollup(s) FROM (VALUES
					('v1 counts=0,0,0,0,0,0,0,0,0,0,9223372036854775807'::nps_summary),
					('v1 counts=0,0,0,0,0,0,0,0,0,0,1'::nps_summary)) v(s)$$,
				 '22003', NULL, 'a merged count that would overflow raises 22003');
SELECT throws_ok($$SELECT rollup(s) FROM (VALUES
					('v1 counts=0,0,0,0,0,0,0,0,0,9223372036854775807,0'::nps_summary),
					('v1 counts=0,0,0,0,0,0,0,0,0,0,1'::nps_summary)) v(s)$$,
				 '22003', NULL, 'a merged total that would overflow raises 22003');

SELECT * FROM finish();
ROLLBACK;
