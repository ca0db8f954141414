-- queue_summary properties: every count and figure equals plain SQL over
-- the same rows (service level and abandonment in every option
-- combination, ASA exactly), rollups are exact, moving windows equal
-- recomputed frames (also where an emptied frame takes new thresholds),
-- parallel-safe merges, text and binary round trips, and SQLSTATEs.
BEGIN;
SELECT plan(33);

SELECT setseed(0.41);
-- One row per offered call: a wait of whole microseconds up to 2 minutes,
-- answered 80% of the time; 4% of waits and 4% of outcomes are NULL (the
-- row is then skipped).  Agent 7 never has a complete row; agent 3 has no
-- complete rows for a stretch and then counts against other thresholds;
-- agent 9's waits are about 1000 days, so that the answered wait in
-- microseconds passes 2^53 and a double sum would no longer be exact.
CREATE TEMP TABLE calls AS
	SELECT g AS id, g % 40 AS agent, date '2026-01-01' + (g % 60) AS day,
		   CASE WHEN random() < 0.04 THEN NULL
				ELSE floor(random() * 120e6)::bigint * interval '1 microsecond' END AS wait,
		   CASE WHEN random() < 0.04 THEN NULL ELSE random() < 0.8 END AS answered,
		   interval '20 s' AS target, interval '5 s' AS short_abandon
	FROM generate_series(1, 30000) g;
UPDATE calls SET answered = NULL WHERE agent = 7;
UPDATE calls SET wait = NULL WHERE agent = 3 AND id BETWEEN 6000 AND 9000;
UPDATE calls SET target = '45 s', short_abandon = '10 s' WHERE agent = 3 AND id > 9000;
UPDATE calls SET wait = wait + interval '1000 days' WHERE agent = 9;
-- a few waits right on the thresholds
UPDATE calls SET wait = interval '20 s' WHERE id % 97 = 0 AND agent <> 3;
UPDATE calls SET wait = interval '5 s' WHERE id % 89 = 0 AND agent <> 3;

-- The plain-SQL reference: each outcome by its definition, with FILTER.
CREATE TEMP TABLE reference AS
	SELECT agent,
		   count(*) FILTER (WHERE answered AND wait <= interval '20 s') AS within,
		   count(*) FILTER (WHERE answered AND wait > interval '20 s') AS late,
		   count(*) FILTER (WHERE NOT answered AND wait < interval '5 s') AS short,
		   count(*) FILTER (WHERE NOT answered AND wait >= interval '5 s') AS other,
		   sum(extract(epoch FROM wait) * 1000000) FILTER (WHERE answered) AS answered_us
	FROM calls WHERE agent <> 3 GROUP BY agent;
CREATE TEMP TABLE by_agent AS
	SELECT agent, queue_agg(wait, answered) AS s
	FROM calls WHERE agent <> 3 GROUP BY agent;

SELECT is((SELECT count(*) FROM by_agent JOIN reference USING (agent)
		   WHERE (offered(s), answered(s), abandoned(s), short_abandoned(s), responses(s))
				 IS DISTINCT FROM (within + late + short + other, within + late,
								   short + other, short, within + late + short + other)),
		  0::bigint, 'offered, answered, abandoned, short_abandoned and responses equal count() FILTER');
SELECT ok((SELECT s IS NULL AND offered(s) = 0 AND answered(s) = 0 AND service_level(s) IS NULL
		   FROM by_agent WHERE agent = 7),
		  'a group with no complete row gives NULL, whose counts are 0 and figures NULL');

-- service level in every option combination: within / (answered +
-- [other abandons] + [short abandons])
CREATE TEMP TABLE options AS
	SELECT * FROM (VALUES (true, false), (false, false), (true, true), (false, true)) v(a, b);
SELECT is((SELECT count(*) FROM by_agent JOIN reference USING (agent) CROSS JOIN options
		   WHERE (service_level(s, a, b) IS NULL) <>
				 (within + late + CASE WHEN a THEN other ELSE 0 END
						  + CASE WHEN b THEN short ELSE 0 END = 0)
			  OR abs(service_level(s, a, b) - 100.0 * within /
					 nullif(within + late + CASE WHEN a THEN other ELSE 0 END
										  + CASE WHEN b THEN short ELSE 0 END, 0)) > 1e-9),
		  0::bigint, 'service_level(s, a, b) equals the plain-SQL formula in all four combinations');
SELECT is((SELECT count(*) FROM by_agent WHERE service_level(s) IS DISTINCT FROM service_level(s, true, false)),
		  0::bigint, 'service_level(s) is service_level(s, true, false)');
SELECT is((SELECT count(*) FROM by_agent JOIN reference USING (agent) CROSS JOIN (VALUES (true), (false)) v(b)
		   WHERE abs(abandonment_rate(s, b) - 100.0 * (other + CASE WHEN b THEN short ELSE 0 END)
					 / nullif(within + late + other + CASE WHEN b THEN short ELSE 0 END, 0)) > 1e-9
			  OR (abandonment_rate(s, b) IS NULL) <> (within + late + other + CASE WHEN b THEN short ELSE 0 END = 0)),
		  0::bigint, 'abandonment_rate(s, b) equals the plain-SQL formula both ways');
SELECT is((SELECT count(*) FROM by_agent WHERE abandonment_rate(s) IS DISTINCT FROM abandonment_rate(s, false)),
		  0::bigint, 'abandonment_rate(s) is abandonment_rate(s, false)');
-- 30 decimal places, then one rounding to double: the correctly rounded mean
SELECT is((SELECT count(*) FROM by_agent JOIN reference USING (agent)
		   WHERE asa(s) IS DISTINCT FROM
				 (answered_us::numeric(60, 30) / nullif((within + late) * 1000000, 0))::double precision),
		  0::bigint, 'asa() is the exact mean answered wait, correctly rounded');
SELECT ok((SELECT answered_us > 2 ^ 53 FROM reference WHERE agent = 9),
		  'agent 9''s answered wait passes 2^53 microseconds');
SELECT is((SELECT count(*) FROM (
			   SELECT s, within AS k, within + late + other AS n, 1.959963984540054 AS z
			   FROM by_agent JOIN reference USING (agent)) x
		   WHERE n > 0 AND (
				 abs(lower_bound(s) - 100 * greatest(0,
					 ((k::float8 / n + z * z / (2 * n)) - z * sqrt(k::float8 / n * (1 - k::float8 / n) / n + z * z / (4 * n * n)))
					 / (1 + z * z / n))) > 1e-9
			  OR abs(upper_bound(s) - 100 * least(1,
					 ((k::float8 / n + z * z / (2 * n)) + z * sqrt(k::float8 / n * (1 - k::float8 / n) / n + z * z / (4 * n * n)))
					 / (1 + z * z / n))) > 1e-9)),
		  0::bigint, 'bounds equal the Wilson formula in plain SQL, of the default service level');

-- The seconds overloads: the same waits and thresholds in seconds give the
-- same summaries.
SELECT is((SELECT count(*) FROM (
			   SELECT agent, queue_agg(wait, answered, target, short_abandon) AS a,
					  queue_agg(extract(epoch FROM wait)::float8, answered,
								extract(epoch FROM target)::float8,
								extract(epoch FROM short_abandon)::float8) AS b
			   FROM calls WHERE agent <> 3 GROUP BY agent) x
		   WHERE a IS DISTINCT FROM b),
		  0::bigint, 'queue_agg over seconds equals queue_agg over intervals');

-- Agent 3: thresholds of 45 s and 10 s after its gap
SELECT is((SELECT queue_agg(wait, answered, target, short_abandon)::text FROM calls
		   WHERE agent = 3 AND id > 9000),
		  (SELECT format('v1 target_us=45000000 short_abandon_us=10000000 answered=%s,%s abandoned=%s,%s answered_wait_us=%s',
						 count(*) FILTER (WHERE answered AND wait <= interval '45 s'),
						 count(*) FILTER (WHERE answered AND wait > interval '45 s'),
						 count(*) FILTER (WHERE NOT answered AND wait < interval '10 s'),
						 count(*) FILTER (WHERE NOT answered AND wait >= interval '10 s'),
						 coalesce(sum(extract(epoch FROM wait) * 1000000) FILTER (WHERE answered), 0)::bigint)
		   FROM calls WHERE agent = 3 AND id > 9000),
		  'the text form holds exactly the plain-SQL counts and microsecond sum');
SELECT throws_ok($$SELECT queue_agg(wait, answered, target, short_abandon) FROM calls WHERE agent = 3$$,
				 '22023', 'cannot mix queue_agg thresholds in one summary',
				 'one aggregate over rows of two sets of thresholds raises 22023');

-- Rollups
CREATE TEMP TABLE daily AS
	SELECT agent, day, queue_agg(wait, answered) AS s FROM calls WHERE agent <> 3 GROUP BY agent, day;
SELECT is((SELECT count(*) FROM by_agent b
		   JOIN (SELECT agent, rollup(s) AS r FROM daily GROUP BY agent) d USING (agent)
		   WHERE d.r IS DISTINCT FROM b.s),
		  0::bigint, 'rollup of daily summaries equals queue_agg over all rows, per agent');
SELECT is((SELECT rollup(w) FROM (SELECT rollup(s) AS w FROM daily
								  GROUP BY agent, date_trunc('week', day)) x),
		  (SELECT queue_agg(wait, answered) FROM calls WHERE agent <> 3),
		  'a rollup of weekly rollups equals queue_agg over the whole table');
SELECT throws_ok($$SELECT rollup(s) FROM (SELECT queue_agg(wait, answered, target, short_abandon) AS s
										  FROM calls WHERE agent IN (2, 3) AND id > 9000 GROUP BY agent) x$$,
				 '22023', 'cannot merge queue summaries with different thresholds',
				 'rollup of summaries with different thresholds raises 22023');

-- Moving windows
CREATE TEMP TABLE numbered AS
	SELECT agent, row_number() OVER (PARTITION BY agent ORDER BY id) AS rn, id, day,
		   wait, answered, target, short_abandon
	FROM calls WHERE agent < 12;
CREATE INDEX ON numbered (agent, rn);
SELECT is((SELECT count(*) FROM (
			   SELECT agent, rn, queue_agg(wait, answered, target, short_abandon)
								 OVER (PARTITION BY agent ORDER BY rn ROWS 27 PRECEDING) AS moving
			   FROM numbered) w
		   WHERE moving IS DISTINCT FROM
			   (SELECT queue_agg(wait, answered, target, short_abandon) FROM numbered b
				WHERE b.agent = w.agent AND b.rn BETWEEN w.rn - 27 AND w.rn)),
		  0::bigint, 'queue_agg over ROWS 27 PRECEDING equals each frame recomputed');
SELECT ok((SELECT count(DISTINCT target_us) = 2 AND bool_or(moving IS NULL) FROM (
			   SELECT queue_agg(wait, answered, target, short_abandon)
						  OVER (PARTITION BY agent ORDER BY rn ROWS 27 PRECEDING) AS moving,
					  substring(queue_agg(wait, answered, target, short_abandon)
									OVER (PARTITION BY agent ORDER BY rn ROWS 27 PRECEDING)::text
								FROM 'target_us=(\d+)') AS target_us
			   FROM numbered WHERE agent = 3) w),
		  'agent 3''s frames empty in its gap and then count against its new thresholds');
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
SELECT is((SELECT count(*) FROM daily WHERE s::text::queue_summary IS DISTINCT FROM s),
		  0::bigint, 'text output reads back as the same summary');
\ir helpers/binary_copy.psql
CREATE TEMP TABLE copied (agent integer, day date, s queue_summary);
SELECT lives_ok($$SELECT pg_temp.copy_through_binary_file('SELECT agent, day, s FROM daily', 'copied')$$,
				'COPY BINARY writes and reads queue_summary');
SELECT is((SELECT count(*) FROM daily d JOIN copied c USING (agent, day)
		   WHERE c.s IS NOT DISTINCT FROM d.s),
		  (SELECT count(*) FROM daily),
		  'every summary reads back from COPY BINARY unchanged');

CREATE TEMP TABLE one_summary (s queue_summary);
-- version; target 20 s and short abandon 5 s; counts within, late, short,
-- other; the answered wait as a 128-bit sum: 3 within and 1 late summing
-- 50 s = 50000000 us = 0x2FAF080
SELECT lives_ok($$SELECT pg_temp.load_binary('\x01'::bytea
		|| decode('0000000001312d00' || '00000000004c4b40'
				  || '0000000000000003' || '0000000000000001'
				  || '0000000000000002' || '0000000000000004'
				  || '0000000000000000' || '0000000002faf080', 'hex'))$$,
		'a valid binary queue_summary loads');
SELECT is((SELECT s FROM one_summary),
		  'v1 target_us=20000000 short_abandon_us=5000000 answered=3,1 abandoned=2,4 answered_wait_us=50000000'::queue_summary,
		  'and holds the thresholds, counts and wait it was sent');
SELECT throws_ok($$SELECT pg_temp.load_binary('\x01'::bytea
		|| decode('0000000001312d00' || '00000000004c4b40', 'hex'))$$,
		'22P03', NULL, 'a truncated binary value raises 22P03');
SELECT throws_ok($$SELECT pg_temp.load_binary('\x01'::bytea
		|| decode('ffffffffffffffff' || '00000000004c4b40'
				  || '0000000000000003' || '0000000000000001'
				  || '0000000000000002' || '0000000000000004'
				  || '0000000000000000' || '0000000002faf080', 'hex'))$$,
		'22003', NULL, 'a negative binary threshold raises 22003');
-- 1 late answer must have waited more than 20 s: a sum of 20 s cannot be
SELECT throws_ok($$SELECT pg_temp.load_binary('\x01'::bytea
		|| decode('0000000001312d00' || '00000000004c4b40'
				  || '0000000000000000' || '0000000000000001'
				  || '0000000000000000' || '0000000000000000'
				  || '0000000000000000' || '0000000001312d00', 'hex'))$$,
		'22P03', NULL, 'binary waits that do not fit the counts raise 22P03');
SELECT throws_ok($$SELECT pg_temp.load_binary('\x01'::bytea
		|| decode('0000000001312d00' || '0000000000000000'
				  || '0000000000000000' || '0000000000000000'
				  || '0000000000000001' || '0000000000000000'
				  || '0000000000000000' || '0000000000000000', 'hex'))$$,
		'22P03', NULL, 'a binary short abandon under a threshold of 0 raises 22P03');
SELECT throws_ok($$SELECT pg_temp.load_binary('\x01'::bytea
		|| decode('0000000001312d00' || '00000000004c4b40'
				  || '7fffffffffffffff' || '0000000000000000'
				  || '0000000000000001' || '0000000000000000'
				  || '0000000000000000' || '0000000000000000', 'hex'))$$,
		'22003', NULL, 'binary counts whose total overflows raise 22003');

-- SQLSTATEs of bad input
SELECT throws_ok($$SELECT queue_agg(interval '-1 s', true)$$, '22003', NULL,
				 'a negative wait raises 22003');
SELECT throws_ok($$SELECT queue_agg('NaN'::float8, false)$$, '22003', NULL,
				 'a NaN wait raises 22003');
SELECT throws_ok($$SELECT queue_agg(1, true, -20, 5)$$, '22023', NULL,
				 'a negative target raises 22023');
SELECT throws_ok($$SELECT queue_agg(1, true, 20, NULL)$$, '22023', NULL,
				 'a NULL threshold in a counted row raises 22023');
SELECT throws_ok($$SELECT 'v1 target_us=20 short_abandon_us=5 answered=1,1 abandoned=0,0 answered_wait_us=x'::queue_summary$$,
				 '22P02', NULL, 'malformed text raises 22P02');

SELECT * FROM finish();
ROLLBACK;
