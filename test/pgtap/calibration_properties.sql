-- calibration_summary properties: every figure equals plain SQL over the
-- same rows (exactly, where the differences are exact in double
-- precision), rollups are exact, moving windows equal recomputed frames
-- (also where an emptied frame takes another tolerance), text and binary
-- round trips.
BEGIN;
SELECT plan(18);

SELECT setseed(0.27);
-- One row per item a grader scored against the calibration lead: scores in
-- quarter points on 0..100, so that every difference, and every sum of
-- them, is exact in double precision; 5% of scores and 5% of references
-- are NULL (the row is then skipped).  Grader 5 never has a complete row.
CREATE TEMP TABLE scores AS
	SELECT g AS id, g % 12 AS grader, date '2026-01-01' + (g % 30) AS day,
		   CASE WHEN random() < 0.05 THEN NULL
				ELSE least(100, greatest(0, r + round((random() * 24 - 12) * 4) / 4)) END AS score,
		   CASE WHEN random() < 0.05 THEN NULL ELSE r END AS reference
	FROM (SELECT g, round(random() * 400) / 4 AS r FROM generate_series(1, 12000) g) t;
UPDATE scores SET score = NULL WHERE grader = 5;

CREATE TEMP TABLE by_grader AS
	SELECT grader, calibration_agg(score, reference) AS s,
		   calibration_agg(score, reference, 2.5) AS s25
	FROM scores GROUP BY grader;
CREATE TEMP TABLE plain AS
	SELECT grader, count(score - reference) AS n,
		   avg(score - reference) AS bias, avg(abs(score - reference)) AS mad,
		   100.0 * (count(*) FILTER (WHERE abs(score - reference) <= 5))::float8
			   / nullif(count(score - reference), 0) AS within5,
		   100.0 * (count(*) FILTER (WHERE abs(score - reference) <= 2.5))::float8
			   / nullif(count(score - reference), 0) AS within25
	FROM scores GROUP BY grader;

SELECT is((SELECT count(*) FROM plain p JOIN by_grader b USING (grader)
		   WHERE responses(b.s) <> p.n OR responses(b.s25) <> p.n), 0::bigint,
		  'responses() equals the count of complete rows, 0 for a NULL summary');
SELECT is((SELECT count(*) FROM by_grader WHERE s IS NULL), 1::bigint,
		  'a grader with no complete row has a NULL summary');
SELECT is((SELECT count(*) FROM plain p JOIN by_grader b USING (grader)
		   WHERE bias(b.s) IS DISTINCT FROM p.bias), 0::bigint,
		  'bias() equals avg(score - reference) exactly');
SELECT is((SELECT count(*) FROM plain p JOIN by_grader b USING (grader)
		   WHERE mean_absolute_difference(b.s) IS DISTINCT FROM p.mad), 0::bigint,
		  'mean_absolute_difference() equals avg(abs(score - reference)) exactly');
SELECT is((SELECT count(*) FROM plain p JOIN by_grader b USING (grader)
		   WHERE within_tolerance(b.s) IS DISTINCT FROM p.within5
			  OR within_tolerance(b.s25) IS DISTINCT FROM p.within25), 0::bigint,
		  'within_tolerance() equals the plain percent at 5 and at 2.5 points');

-- Wilson score interval by its formula, at 95% and 90%.
SELECT is((SELECT count(*) FROM plain p JOIN by_grader b USING (grader),
				  (VALUES (0.95, 1.959963984540054), (0.9, 1.6448536269514722)) c(confidence, z),
				  LATERAL (SELECT p.within5 / 100 AS q, p.n::float8 AS m) x
		   WHERE p.n > 0 AND (
			   abs(lower_bound(b.s, c.confidence) - 100 * ((q + z * z / (2 * m)) - z * sqrt(q * (1 - q) / m + z * z / (4 * m * m))) / (1 + z * z / m)) > 1e-9
			OR abs(upper_bound(b.s, c.confidence) - 100 * ((q + z * z / (2 * m)) + z * sqrt(q * (1 - q) / m + z * z / (4 * m * m))) / (1 + z * z / m)) > 1e-9)),
		  0::bigint, 'lower_bound() and upper_bound() equal the Wilson formula');
SELECT is((SELECT count(*) FROM by_grader
		   WHERE status(s, 0) <> 'green' OR status(s, 100) <> 'red'),
		  0::bigint, 'status() is green against 0 and red against 100');

-- Differences that are not exact in double precision: bias equals the
-- plain mean to 1e-9 points, which the rounding to a billionth allows.
SELECT is((SELECT count(*) FROM (
			  SELECT grader, calibration_agg(score / 3, reference / 3) AS s,
					 avg(score / 3 - reference / 3) AS plain_bias,
					 avg(abs(score / 3 - reference / 3)) AS plain_mad
			  FROM scores GROUP BY grader) t
		   WHERE abs(bias(s) - plain_bias) > 1e-9 OR abs(mean_absolute_difference(s) - plain_mad) > 1e-9),
		  0::bigint, 'on thirds of points, bias and mean absolute difference are within 1e-9');

-- Exact merges.
CREATE TEMP TABLE daily AS
	SELECT grader, day, calibration_agg(score, reference) AS s FROM scores GROUP BY 1, 2;
SELECT is((SELECT count(*) FROM by_grader b
		   WHERE b.s IS DISTINCT FROM (SELECT rollup(s) FROM daily d WHERE d.grader = b.grader)),
		  0::bigint, 'rollup() of daily summaries equals the aggregate over the rows');
SELECT is((SELECT rollup(s ORDER BY day DESC) FROM daily), (SELECT calibration_agg(score, reference) FROM scores),
		  'the rollup of everything does not depend on the order');

-- Moving windows over 7 items, and over 5 days; grader 3's frame empties
-- (rows 4000 to 4500 lose their score) and its rows after 4500 count
-- against a tolerance of 10 points.
CREATE TEMP TABLE moving_rows AS
	SELECT id, grader, CASE WHEN grader = 3 AND id BETWEEN 4000 AND 4500 THEN NULL ELSE score END AS score,
		   reference, CASE WHEN grader = 3 AND id > 4500 THEN 10 ELSE 5 END AS tolerance
	FROM scores WHERE grader IN (1, 3, 5);
SELECT is((SELECT count(*) FROM (
			  SELECT id, grader, calibration_agg(score, reference, tolerance) OVER w AS moving
			  FROM moving_rows
			  WINDOW w AS (PARTITION BY grader ORDER BY id ROWS BETWEEN 6 PRECEDING AND CURRENT ROW)) m
		   WHERE moving IS DISTINCT FROM
			   (SELECT calibration_agg(score, reference, tolerance) FROM (
					SELECT * FROM moving_rows r WHERE r.grader = m.grader AND r.id <= m.id
					ORDER BY id DESC LIMIT 7) f)),
		  0::bigint, 'calibration_agg over ROWS 6 PRECEDING equals each frame recomputed');
SELECT is((SELECT count(*) FROM (
			  SELECT grader, day, rollup(s) OVER w AS moving FROM daily
			  WINDOW w AS (PARTITION BY grader ORDER BY day ROWS BETWEEN 4 PRECEDING AND CURRENT ROW)) m
		   WHERE moving IS DISTINCT FROM
			   (SELECT rollup(s) FROM (SELECT s FROM daily d WHERE d.grader = m.grader AND d.day <= m.day
									   ORDER BY day DESC LIMIT 5) f)),
		  0::bigint, 'rollup over ROWS 4 PRECEDING equals each frame recomputed');

-- Text and binary forms round-trip exactly.
SELECT is((SELECT count(*) FROM daily WHERE s::text::calibration_summary IS DISTINCT FROM s),
		  0::bigint, 'text output reads back as the same summary');
\ir helpers/binary_copy.psql
CREATE TEMP TABLE copied (grader int, day date, s calibration_summary);
SELECT lives_ok($$SELECT pg_temp.copy_through_binary_file('SELECT grader, day, s FROM daily', 'copied')$$,
				'COPY BINARY writes and reads calibration_summary');
SELECT is((SELECT count(*) FROM daily d JOIN copied c USING (grader, day)
		   WHERE c.s IS NOT DISTINCT FROM d.s),
		  (SELECT count(*) FROM daily), 'every summary reads back from COPY BINARY unchanged');
CREATE TEMP TABLE one_summary (s calibration_summary);
-- version; tolerance 5 points (0x12A05F200 nanopoints); within 1, outside
-- 0; over 3 points (0xB2D05E00 nanopoints) and under 0 as 128-bit sums
SELECT lives_ok($$SELECT pg_temp.load_binary('\x01'::bytea
		|| decode('000000012a05f200' || '0000000000000001' || '0000000000000000'
				  || '0000000000000000' || '00000000b2d05e00'
				  || '0000000000000000' || '0000000000000000', 'hex'))$$,
		'a valid binary calibration_summary loads');
SELECT is((SELECT s FROM one_summary), calibration_agg(8, 5),
		  'and holds the item it was sent: 3 points over, within 5');
-- over 7 points (0x1A13B8600) for one item within 5 points
SELECT throws_ok($$SELECT pg_temp.load_binary('\x01'::bytea
		|| decode('000000012a05f200' || '0000000000000001' || '0000000000000000'
				  || '0000000000000000' || '00000001a13b8600'
				  || '0000000000000000' || '0000000000000000', 'hex'))$$,
		'22P03', NULL, 'binary sums the counts do not allow raise 22P03');

SELECT * FROM finish();
ROLLBACK;
