-- duration_summary properties: percentiles within 1% of percentile_disc on
-- log-normal handle times, exact means and counts, exact rollups, moving
-- windows equal recomputed frames, text and binary round trips, SQLSTATEs.
BEGIN;
SELECT plan(41);

SELECT setseed(0.17);
-- Log-normal handle times (median 300 s, sigma 0.9) by Box-Muller, held as
-- whole microseconds so that SQL can compute the exact figures; 2% are 0
-- (zero-length contacts) and 10% NULL.
CREATE TEMP TABLE contacts AS
	SELECT g AS id, g % 60 AS agent, date '2026-01-01' + (g % 90) AS day,
		   CASE WHEN r < 0.10 THEN NULL
				WHEN r < 0.12 THEN 0
				ELSE round(1e6 * exp(ln(300) + 0.9 * sqrt(-2 * ln(1 - random()))
									* cos(2 * pi() * random())))::bigint END AS us
	FROM (SELECT g, random() AS r FROM generate_series(1, 40000) g) x;
UPDATE contacts SET us = NULL WHERE agent = 7;
UPDATE contacts SET us = NULL WHERE agent = 3 AND id BETWEEN 5000 AND 20000;
ALTER TABLE contacts ADD COLUMN seconds double precision;
UPDATE contacts SET seconds = us / 1e6;

CREATE TEMP TABLE by_agent AS
	SELECT agent, aht_agg(seconds) AS s, count(us) AS n, sum(us) AS sum_us,
		   min(us) AS min_us, max(us) AS max_us
	FROM contacts GROUP BY agent;

SELECT is((SELECT count(*) FROM by_agent WHERE n > 0 AND responses(s) <> n),
		  0::bigint, 'responses() equals count() for every agent');
-- 30 decimal places, then one rounding to double: the correctly rounded mean
SELECT is((SELECT count(*) FROM by_agent WHERE n > 0 AND mean(s) IS DISTINCT FROM
		   (sum_us::numeric(60, 30) / (n * 1000000))::double precision),
		  0::bigint, 'mean() is the exact mean of the microsecond values, correctly rounded');
SELECT is((SELECT count(*) FROM by_agent WHERE n > 0 AND total(s) IS DISTINCT FROM
		   (sum_us::numeric(60, 30) / 1000000)::double precision),
		  0::bigint, 'total() is the exact sum');
SELECT is((SELECT count(*) FROM by_agent WHERE n > 0 AND
		   (minimum(s), maximum(s)) IS DISTINCT FROM
		   ((min_us / 1e6)::double precision, (max_us / 1e6)::double precision)),
		  0::bigint, 'minimum() and maximum() equal min() and max()');
SELECT is((SELECT count(*) FROM by_agent b WHERE n > 1 AND
		   abs(upper_bound(s) - mean(s) - 1.959963984540054 *
			   (SELECT stddev_samp(us::double precision) / 1e6 / sqrt(count(us)) FROM contacts c
				WHERE c.agent = b.agent)) > 1e-9),
		  0::bigint, 'upper_bound() is mean + z * stddev_samp / sqrt(n)');
SELECT ok((SELECT s IS NULL AND mean(s) IS NULL AND percentile(s, 0.5) IS NULL
		   FROM by_agent WHERE agent = 7),
		  'a group whose durations are all NULL gives NULL');

-- Percentiles against percentile_disc at every hundredth, per agent and
-- over the whole table.
CREATE TEMP TABLE exact_percentiles AS
	SELECT agent, percentile_disc((SELECT array_agg(k / 100.0) FROM generate_series(0, 100) k))
				  WITHIN GROUP (ORDER BY seconds) AS exact
	FROM contacts GROUP BY agent
	UNION ALL
	SELECT -1, percentile_disc((SELECT array_agg(k / 100.0) FROM generate_series(0, 100) k))
			   WITHIN GROUP (ORDER BY seconds)
	FROM contacts;
CREATE TEMP TABLE percentile_errors AS
	SELECT e.agent, k, e.exact[k + 1] AS exact,
		   percentile(coalesce(b.s, (SELECT aht_agg(seconds) FROM contacts)), k / 100.0) AS estimate
	FROM exact_percentiles e LEFT JOIN by_agent b USING (agent), generate_series(0, 100) k
	WHERE e.exact[1] IS NOT NULL;
SELECT diag('worst relative error of percentile() against percentile_disc over '
			|| count(*) || ' percentiles: '
			|| round(max(abs(estimate - exact) / exact)::numeric, 6))
FROM percentile_errors WHERE exact > 0;
SELECT cmp_ok((SELECT max(abs(estimate - exact) / exact) FROM percentile_errors WHERE exact > 0),
			  '<', 0.01::double precision,
			  'every percentile is within 1% of percentile_disc');
SELECT cmp_ok((SELECT max(abs(estimate - exact) / exact) FROM percentile_errors WHERE exact > 0),
			  '<=', (1 / 101.0 + 1e-12)::double precision, 'and within the design bound (gamma - 1)/(gamma + 1) = 1/101');
SELECT is((SELECT count(*) FROM percentile_errors WHERE exact = 0 AND estimate <> 0),
		  0::bigint, 'zero durations are reported as exactly 0');
SELECT is((SELECT count(*) FROM percentile_errors WHERE k IN (0, 100) AND estimate <> exact),
		  0::bigint, 'percentile 0 and 1 are the exact minimum and maximum');
SELECT ok((SELECT count(*) FROM percentile_errors) > 5000, 'over 5000 percentiles were compared');

-- Rollups: daily summaries merge into exactly the all-rows summary.
CREATE TEMP TABLE daily AS
	SELECT agent, day, aht_agg(seconds) AS s FROM contacts GROUP BY agent, day;
SELECT is((SELECT count(*) FROM by_agent b
		   JOIN (SELECT agent, rollup(s) AS r FROM daily GROUP BY agent) d USING (agent)
		   WHERE d.r IS DISTINCT FROM b.s),
		  0::bigint, 'rollup of daily summaries equals aht_agg over all rows, per agent');
SELECT is((SELECT rollup(s) FROM daily), (SELECT aht_agg(seconds) FROM contacts),
		  'rollup of every daily summary equals aht_agg over the whole table');
SELECT is((SELECT array_agg(percentile(r, k / 20.0) ORDER BY k)
		   FROM (SELECT rollup(w) AS r FROM (SELECT rollup(s) AS w FROM daily
											 GROUP BY date_trunc('week', day)) x) y,
				generate_series(0, 20) k),
		  (SELECT array_agg(percentile(a, k / 20.0) ORDER BY k)
		   FROM (SELECT aht_agg(seconds) AS a FROM contacts) y, generate_series(0, 20) k),
		  'percentiles of a rollup of weekly rollups are identical to a single aggregate''s');
SELECT is((SELECT count(*) FROM (
			   SELECT agent % 6 AS team, date_trunc('month', day) AS month,
					  mean(rollup(s)) AS ours,
					  (sum(total(s))::numeric / sum(responses(s)))::double precision AS theirs
			   FROM daily GROUP BY 1, 2) x
		   WHERE abs(ours - theirs) > 1e-9 * ours),
		  0::bigint, 'monthly team AHT from daily summaries equals total/responses');
SELECT is((SELECT aht_agg(make_interval(secs => seconds)) FROM contacts),
		  (SELECT aht_agg(seconds) FROM contacts),
		  'aht_agg(interval) equals aht_agg(seconds) on the same durations');

-- Moving windows: the inverse transition (or, when the minimum or maximum
-- leaves the frame, a recomputation) gives what recomputing each frame gives.
CREATE TEMP TABLE numbered AS
	SELECT agent, row_number() OVER (PARTITION BY agent ORDER BY id) AS rn, day, us, seconds
	FROM contacts WHERE agent < 8;
CREATE INDEX ON numbered (agent, rn);
CREATE TEMP TABLE moving AS
	SELECT agent, rn, aht_agg(seconds) OVER (PARTITION BY agent ORDER BY rn
											 ROWS 27 PRECEDING) AS s
	FROM numbered;
SELECT is((SELECT count(*) FROM moving w
		   WHERE s IS DISTINCT FROM
			   (SELECT aht_agg(seconds) FROM numbered b
				WHERE b.agent = w.agent AND b.rn BETWEEN w.rn - 27 AND w.rn)),
		  0::bigint, 'aht_agg over ROWS 27 PRECEDING equals each frame recomputed');
SELECT is((SELECT count(*) FROM moving w
		   WHERE minimum(s) IS DISTINCT FROM
				 (SELECT (min(us) / 1e6)::double precision FROM numbered b
				  WHERE b.agent = w.agent AND b.rn BETWEEN w.rn - 27 AND w.rn)
			  OR maximum(s) IS DISTINCT FROM
				 (SELECT (max(us) / 1e6)::double precision FROM numbered b
				  WHERE b.agent = w.agent AND b.rn BETWEEN w.rn - 27 AND w.rn)),
		  0::bigint, 'minimum() and maximum() stay exact inside moving frames');
SELECT ok((SELECT count(*) FROM moving WHERE agent = 3 AND s IS NULL) > 0,
		  'frames with no durations give NULL after durations leave the frame');
SELECT is((SELECT count(*) FROM (
			   SELECT agent, day, aht_agg(make_interval(secs => seconds))
						 OVER (PARTITION BY agent ORDER BY day
							   RANGE BETWEEN '6 days' PRECEDING AND CURRENT ROW) AS s
			   FROM numbered) w
		   WHERE s IS DISTINCT FROM
			   (SELECT aht_agg(seconds) FROM numbered b
				WHERE b.agent = w.agent AND b.day BETWEEN w.day - 6 AND w.day)),
		  0::bigint, 'aht_agg(interval) over a 7-day RANGE frame equals each frame recomputed');
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
SELECT is((SELECT count(*) FROM daily WHERE s::text::duration_summary IS DISTINCT FROM s),
		  0::bigint, 'text output reads back as the same summary');
\ir helpers/binary_copy.psql
CREATE TEMP TABLE copied (agent integer, day date, s duration_summary);
SELECT lives_ok($$SELECT pg_temp.copy_through_binary_file('SELECT agent, day, s FROM daily', 'copied')$$,
				'COPY BINARY writes and reads duration_summary');
SELECT is((SELECT count(*) FROM daily d JOIN copied c USING (agent, day)
		   WHERE c.s IS NOT DISTINCT FROM d.s),
		  (SELECT count(*) FROM daily),
		  'every summary reads back from COPY BINARY unchanged');

-- Binary input is checked as strictly as text input.
CREATE TEMP TABLE one_summary (s duration_summary);
-- one duration of 60 s: version 1, zeros 0, minimum and maximum 60000000 us,
-- sum and sum of squares as 128-bit (high, low), first bucket 905, 1 count
CREATE FUNCTION pg_temp.sixty(version text DEFAULT '01', squares text DEFAULT '000cca2e51310000',
							  tail text DEFAULT '') RETURNS bytea LANGUAGE sql AS $$
	SELECT decode(version || '0000000000000000' || '0000000003938700' || '0000000003938700'
				  || '0000000000000000' || '0000000003938700'
				  || '0000000000000000' || squares
				  || '00000389' || '00000001' || '0000000000000001' || tail, 'hex') $$;
SELECT lives_ok($$SELECT pg_temp.load_binary(pg_temp.sixty())$$, 'a valid binary duration_summary loads');
SELECT is((SELECT s FROM one_summary), (SELECT aht_agg(60::float8)),
		  'and holds the summary it was sent');
SELECT throws_ok($$SELECT pg_temp.load_binary(substr(pg_temp.sixty(), 1, 60))$$,
				 '22P03', NULL, 'a truncated binary value raises 22P03');
SELECT throws_ok($$SELECT pg_temp.load_binary(pg_temp.sixty('02'))$$,
				 '22P03', NULL, 'an unknown binary version raises 22P03');
SELECT throws_ok($$SELECT pg_temp.load_binary(pg_temp.sixty(tail => '00'))$$,
				 '22P03', NULL, 'trailing bytes raise 22P03');
SELECT throws_ok($$SELECT pg_temp.load_binary(pg_temp.sixty(squares => '000cca2e51310001'))$$,
				 '22P03', NULL, 'inconsistent sums raise 22P03');

-- SQLSTATEs of bad input.
SELECT throws_ok('SELECT aht_agg(-0.5::float8)', '22003',
				 'duration -0.5 seconds is out of range', 'a negative duration raises 22003');
SELECT throws_ok($$SELECT aht_agg('NaN'::float8)$$, '22003', NULL, 'NaN raises 22003');
SELECT throws_ok($$SELECT aht_agg('Infinity'::float8)$$, '22003', NULL,
				 'an infinite duration raises 22003');
SELECT throws_ok($$SELECT aht_agg(interval '-3 minutes')$$, '22003',
				 'duration -00:03:00 is out of range', 'a negative interval raises 22003');
SELECT throws_ok('SELECT percentile(aht_agg(1::float8), 1.01)', '22023', NULL,
				 'a fraction above 1 raises 22023');
SELECT throws_ok('SELECT percentile(aht_agg(1::float8), -0.01)', '22023', NULL,
				 'a negative fraction raises 22023');
SELECT throws_ok($$SELECT 'v1 zeros=x'::duration_summary$$, '22P02', NULL,
				 'malformed text raises 22P02');
SELECT throws_ok($$SELECT rollup(s) FROM (VALUES
	('v1 zeros=9223372036854775807 min=0 max=0 sum=0 sum_squares=0 first_bucket=0 counts='::duration_summary),
	('v1 zeros=1 min=0 max=0 sum=0 sum_squares=0 first_bucket=0 counts='::duration_summary)) v(s)$$,
				 '22003', NULL, 'a merged count that would overflow raises 22003');
SELECT throws_ok($$SELECT aht_agg(x) FROM (VALUES (interval '2000000000 hours'),
	(interval '2000000000 hours'), (interval '2000000000 hours'), (interval '2000000000 hours')) v(x)$$,
				 '22003', NULL, 'a sum of squares that would overflow raises 22003');

-- 32-bit bucket counts widen to 64 bits when one passes 2^31 - 1, and a
-- value is canonical whichever way it was built.
SELECT is((SELECT rollup(s) FROM (VALUES
	('v1 zeros=0 min=60000000 max=60000000 sum=128849018820000000 sum_squares=7730941129200000000000000 first_bucket=905 counts=2147483647'::duration_summary),
	((SELECT aht_agg(60::float8)))) v(s)),
		  'v1 zeros=0 min=60000000 max=60000000 sum=128849018880000000 sum_squares=7730941132800000000000000 first_bucket=905 counts=2147483648'::duration_summary,
		  'a count past 2^31 - 1 widens to 64 bits and equals the same value read from text');
SELECT is((SELECT pg_column_size(rollup(s)) FROM (VALUES
	('v1 zeros=0 min=60000000 max=60000000 sum=128849018820000000 sum_squares=7730941129200000000000000 first_bucket=905 counts=2147483647'::duration_summary),
	((SELECT aht_agg(60::float8)))) v(s)),
		  88, 'and takes 80 bytes plus one 64-bit count');

SELECT * FROM finish();
ROLLBACK;
