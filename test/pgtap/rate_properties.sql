-- rate_summary properties: every figure equals plain SQL over the same rows,
-- rollups are exact, moving windows equal recomputed frames, and both the
-- text and the binary forms round-trip.
BEGIN;
SELECT plan(21);

SELECT setseed(0.29);
CREATE TEMP TABLE contacts AS
	SELECT g AS id, g % 150 AS agent, date '2026-01-01' + (g % 120) AS day,
		   CASE WHEN random() < 0.1 THEN NULL ELSE random() < 0.7 END AS resolved
	FROM generate_series(1, 30000) g;
-- agent 7 never reports; agent 3 goes quiet for a stretch; agent 5 always
-- resolves and agent 6 never does (100% and 0%)
UPDATE contacts SET resolved = NULL WHERE agent = 7;
UPDATE contacts SET resolved = NULL WHERE agent = 3 AND id BETWEEN 3000 AND 12000;
UPDATE contacts SET resolved = true WHERE agent = 5;
UPDATE contacts SET resolved = false WHERE agent = 6;

CREATE TEMP TABLE by_agent AS
	SELECT agent, fcr_rate(resolved) AS s, count(resolved) AS n,
		   count(*) FILTER (WHERE resolved) AS yes,
		   100.0 * count(*) FILTER (WHERE resolved) / nullif(count(resolved), 0) AS pct
	FROM contacts GROUP BY agent;

SELECT is((SELECT count(*) FROM by_agent
		   WHERE (percent(s) IS NULL) <> (pct IS NULL) OR abs(percent(s) - pct) > 1e-9),
		  0::bigint, 'percent() equals 100 * count(*) FILTER (WHERE x) / count(x)');
SELECT is((SELECT count(*) FROM by_agent
		   WHERE n > 0 AND (successes(s), responses(s)) IS DISTINCT FROM (yes, n)),
		  0::bigint, 'successes() and responses() equal count() FILTER and count()');
SELECT ok((SELECT percent(s) = 100 AND upper_bound(s) = 100 AND lower_bound(s) < 100
		   FROM by_agent WHERE agent = 5), 'an agent at 100% has an interval below 100');
SELECT ok((SELECT percent(s) = 0 AND lower_bound(s) = 0 AND upper_bound(s) > 0
		   FROM by_agent WHERE agent = 6), 'an agent at 0% has an interval above 0');
SELECT ok((SELECT s IS NULL AND percent(s) IS NULL FROM by_agent WHERE agent = 7),
		  'a group whose answers are all NULL gives NULL');
SELECT is((SELECT count(*) FROM (
			   SELECT s, n, yes::float8 / n AS p, 2.5758293035489004 AS z
			   FROM by_agent WHERE n > 0) x
		   WHERE abs(lower_bound(s, 0.99) - 100 * greatest(0,
					 ((p + z * z / (2 * n)) - z * sqrt(p * (1 - p) / n + z * z / (4 * n * n)))
					 / (1 + z * z / n))) > 1e-9
			  OR abs(upper_bound(s, 0.99) - 100 * least(1,
					 ((p + z * z / (2 * n)) + z * sqrt(p * (1 - p) / n + z * z / (4 * n * n)))
					 / (1 + z * z / n))) > 1e-9),
		  0::bigint, 'bounds equal the Wilson formula in plain SQL (99%)');

-- Rollups, and a period-over-period comparison from daily summaries.
CREATE TEMP TABLE daily AS
	SELECT agent, day, fcr_rate(resolved) AS s FROM contacts GROUP BY agent, day;
SELECT is((SELECT count(*) FROM by_agent b
		   JOIN (SELECT agent, rollup(s) AS r FROM daily GROUP BY agent) d USING (agent)
		   WHERE d.r IS DISTINCT FROM b.s),
		  0::bigint, 'rollup of daily summaries equals fcr_rate over all rows, per agent');
SELECT is((SELECT rollup(w) FROM (SELECT rollup(s) AS w FROM daily
								  GROUP BY agent, date_trunc('week', day)) x),
		  (SELECT rate_agg(resolved) FROM contacts),
		  'a rollup of weekly rollups equals rate_agg over the whole table');
SELECT is((SELECT count(*) FROM (
			   SELECT agent,
					  difference(rollup(s) FILTER (WHERE day >= '2026-03-01'),
								 rollup(s) FILTER (WHERE day < '2026-03-01')) AS ours,
					  (SELECT 100.0 * count(*) FILTER (WHERE resolved AND day >= '2026-03-01')
							  / count(resolved) FILTER (WHERE day >= '2026-03-01')
							- 100.0 * count(*) FILTER (WHERE resolved AND day < '2026-03-01')
							  / count(resolved) FILTER (WHERE day < '2026-03-01')
					   FROM contacts c WHERE c.agent = d.agent) AS theirs
			   FROM daily d WHERE agent NOT IN (3, 7) GROUP BY agent) x
		   WHERE abs(ours - theirs) > 1e-9),
		  0::bigint, 'difference() of two periods rolled up from days equals plain SQL');

-- Moving windows.
CREATE TEMP TABLE numbered AS
	SELECT agent, row_number() OVER (PARTITION BY agent ORDER BY id) AS rn, day, resolved
	FROM contacts WHERE agent < 12;
CREATE INDEX ON numbered (agent, rn);
SELECT is((SELECT count(*) FROM (
			   SELECT agent, rn, fcr_rate(resolved) OVER (PARTITION BY agent ORDER BY rn
														  ROWS 27 PRECEDING) AS moving
			   FROM numbered) w
		   WHERE moving IS DISTINCT FROM
			   (SELECT fcr_rate(resolved) FROM numbered b
				WHERE b.agent = w.agent AND b.rn BETWEEN w.rn - 27 AND w.rn)),
		  0::bigint, 'fcr_rate over ROWS 27 PRECEDING equals each frame recomputed');
SELECT ok((SELECT count(*) FROM (
			   SELECT rate_agg(resolved) OVER (PARTITION BY agent ORDER BY rn
											   ROWS 27 PRECEDING) AS moving
			   FROM numbered WHERE agent = 3) w WHERE moving IS NULL) > 0,
		  'frames with no answers give NULL after answers leave the frame');
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
SELECT is((SELECT count(*) FROM daily WHERE s::text::rate_summary IS DISTINCT FROM s),
		  0::bigint, 'text output reads back as the same summary');
\ir helpers/binary_copy.psql
CREATE TEMP TABLE copied (agent integer, day date, s rate_summary);
SELECT lives_ok($$SELECT pg_temp.copy_through_binary_file('SELECT agent, day, s FROM daily', 'copied')$$,
				'COPY BINARY writes and reads rate_summary');
SELECT is((SELECT count(*) FROM daily d JOIN copied c USING (agent, day)
		   WHERE c.s IS NOT DISTINCT FROM d.s),
		  (SELECT count(*) FROM daily),
		  'every summary reads back from COPY BINARY unchanged');

CREATE TEMP TABLE one_summary (s rate_summary);
-- version, then the count of true and the count of false
SELECT lives_ok($$SELECT pg_temp.load_binary('\x01'::bytea
		|| decode('00000000000000070000000000000002', 'hex'))$$,
		'a valid binary rate_summary loads');
SELECT is((SELECT s FROM one_summary), 'v1 true=7 false=2'::rate_summary,
		  'and holds the counts it was sent');
SELECT throws_ok($$SELECT pg_temp.load_binary('\x01'::bytea
		|| decode('0000000000000007', 'hex'))$$,
		'22P03', NULL, 'a truncated binary value raises 22P03');
SELECT throws_ok($$SELECT pg_temp.load_binary('\x01'::bytea
		|| decode('7fffffffffffffff0000000000000001', 'hex'))$$,
		'22003', NULL, 'binary counts whose total overflows raise 22003');

SELECT throws_ok($$SELECT 'v1 true=1 false=x'::rate_summary$$, '22P02', NULL,
				 'malformed text raises 22P02');
SELECT throws_ok($$SELECT difference_lower_bound(fcr_rate(true), fcr_rate(false), 2)$$, '22023',
				 'confidence 2 is out of range', 'a confidence outside (0, 1) raises 22023');

SELECT * FROM finish();
ROLLBACK;
