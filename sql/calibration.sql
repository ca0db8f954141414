-- calibration_summary: calibration_agg against a reference, bias, mean
-- absolute difference, agreement within a tolerance, Wilson bounds and
-- status, rollup, text form, jsonb, NULLs, moving windows and errors.
-- Expected figures were worked out by hand; see the comments.  Forced
-- parallel plans: parallel_calibration.sql.
SET extra_float_digits = 0;

CREATE TABLE session_scores (grader text, item int, score float8, reference float8);
INSERT INTO session_scores VALUES
	-- ana against the calibration lead: differences +5, -2.5, 0, +12, -8
	('ana', 1, 85, 80),			-- +5: within 5 points (bounds included)
	('ana', 2, 70, 72.5),		-- -2.5: within
	('ana', 3, 90, 90),			-- 0: within
	('ana', 4, 72, 60),			-- +12: outside
	('ana', 5, 57, 65),			-- -8: outside
	('ana', 6, NULL, 75),		-- not scored: skipped
	('ana', 7, 80, NULL),		-- no reference: skipped
	-- ben: 80.1 - 75.1 is 4.999999999999986 in double precision; the
	-- difference is rounded to a billionth of a point, exactly 5: within
	('ben', 1, 80.1, 75.1),
	('ben', 2, 60, 66),			-- -6: outside
	-- cy: only skipped rows
	('cy', 1, NULL, NULL);

CREATE TABLE by_grader AS
	SELECT grader, calibration_agg(score, reference) AS s FROM session_scores GROUP BY grader;

-- ana: 5 items, 3 within 5 points; ben: 2 items, 1 within; cy: NULL, 0 items
SELECT grader, responses(s), s IS NULL AS is_null FROM by_grader ORDER BY grader;

-- ana: bias = (5 - 2.5 + 0 + 12 - 8) / 5 = 6.5 / 5 = 1.3
--      mean absolute difference = (5 + 2.5 + 0 + 12 + 8) / 5 = 27.5 / 5 = 5.5
--      within tolerance = 100 * 3 / 5 = 60
-- ben: bias = (5 - 6) / 2 = -0.5, mean absolute difference = 11 / 2 = 5.5,
--      within tolerance = 50 (the rounded difference of exactly 5 is within)
SELECT grader, bias(s), mean_absolute_difference(s), within_tolerance(s), tolerance(s)
FROM by_grader ORDER BY grader;

-- Wilson score interval of 3/5 at 95% (z = 1.959964):
--   centre = (0.6 + z^2/10) / (1 + z^2/5) = 0.984146 / 1.768292 = 0.556552
--   half = z sqrt(0.24/5 + z^2/100) / 1.768292 = 1.959964 * 0.293963 / 1.768292
--        = 0.325827
--   so 23.07 .. 88.24 percent; at 80% (z = 1.281552, denominator 1.328475):
--   centre 0.575274, half 1.281552 * 0.253818 / 1.328475 = 0.244856, so
--   33.04 .. 82.01
SELECT round(lower_bound(s)::numeric, 2) AS low, round(upper_bound(s)::numeric, 2) AS high,
	   round(lower_bound(s, 0.8)::numeric, 2) AS low80,
	   round(upper_bound(s, 0.8)::numeric, 2) AS high80
FROM by_grader WHERE grader = 'ana';

-- status against targets: 20 lies below the interval (green), 95 above it
-- (red), 60 inside (amber); NULL summary: NULL
SELECT status(s, 20) AS s20, status(s, 95) AS s95, status(s, 60) AS s60
FROM by_grader WHERE grader = 'ana';

-- Tolerance of 10 points: +5, -2.5, 0 and -8 are within, +12 is not: 80%.
-- Tolerance 0: only the 0 difference: 20%.
SELECT within_tolerance(calibration_agg(score, reference, 10)) AS within10,
	   within_tolerance(calibration_agg(score, reference, 0)) AS within0,
	   tolerance(calibration_agg(score, reference, 10)) AS tol
FROM session_scores WHERE grader = 'ana';

-- The text form, in nanopoints: ana's differences above the reference sum
-- to 17 points, those below to 10.5.
SELECT s::text FROM by_grader WHERE grader = 'ana';
SELECT s::text::calibration_summary = s AS round_trip FROM by_grader WHERE grader = 'ana';
SELECT s::jsonb FROM by_grader WHERE grader = 'ana';

-- rollup: ana and ben together: 7 items, 4 within (57.142857...), bias
-- (6.5 - 1) / 7 = 0.785714..., mean absolute difference (27.5 + 11) / 7 = 5.5
SELECT responses(r), within_tolerance(r), bias(r), mean_absolute_difference(r),
	   r = (SELECT calibration_agg(score, reference) FROM session_scores) AS same_as_all
FROM (SELECT rollup(s) AS r FROM by_grader) t;

-- Counts of a NULL summary are 0; figures NULL.
SELECT responses(NULL::calibration_summary) AS n, bias(NULL::calibration_summary) AS b;

-- A moving window of 2 rows over ana's items (by item), skipped rows kept
-- in the frame: the differences +5, -2.5, 0, +12, -8, (skip), (skip).
--   item 1: {+5} bias 5; 2: {+5, -2.5} 1.25; 3: {-2.5, 0} -1.25;
--   4: {0, +12} 6; 5: {+12, -8} 2; 6: {-8} -8; 7: {} NULL
SELECT item, bias(calibration_agg(score, reference) OVER w) AS bias,
	   responses(calibration_agg(score, reference) OVER w) AS n
FROM session_scores WHERE grader = 'ana'
WINDOW w AS (ORDER BY item ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)
ORDER BY item;

-- Errors.
-- mixing tolerances in one group: 22023
SELECT calibration_agg(score, reference, CASE item WHEN 1 THEN 5 ELSE 10 END)
FROM session_scores WHERE grader = 'ana';
-- rollup of summaries of different tolerances: 22023
SELECT rollup(s) FROM (SELECT calibration_agg(80, 70, 5) UNION ALL SELECT calibration_agg(80, 70, 10)) v(s);
-- tolerance out of range or NULL: 22023
SELECT calibration_agg(80, 70, -1);
SELECT calibration_agg(80, 70, 'NaN');
SELECT calibration_agg(80, 70, NULL);
-- a NULL tolerance on a skipped row is no error
SELECT calibration_agg(NULL, 70, NULL) IS NULL AS skipped;
-- scores that are not finite, or differ by more than 1e9 points: 22003
SELECT calibration_agg('Infinity', 70);
SELECT calibration_agg(2e9, 0);
-- malformed text: 22P02; impossible sums: 22P02; counts out of range: 22003
SELECT 'v1 tolerance_nanopoints=5 within=1'::calibration_summary;
SELECT 'v1 tolerance_nanopoints=5000000000 within=1 outside=0 over_nanopoints=6000000000 under_nanopoints=0'::calibration_summary;
SELECT 'v1 tolerance_nanopoints=5000000000 within=0 outside=0 over_nanopoints=1 under_nanopoints=0'::calibration_summary;
SELECT 'v1 tolerance_nanopoints=5000000000 within=9223372036854775808 outside=0 over_nanopoints=0 under_nanopoints=0'::calibration_summary;
-- a tolerance past 1e9 points in a stored value: 22003
SELECT 'v1 tolerance_nanopoints=1000000000000000001 within=0 outside=0 over_nanopoints=0 under_nanopoints=0'::calibration_summary;
-- bad confidence and target: 22023 and 22003
SELECT lower_bound(s, 1) FROM by_grader WHERE grader = 'ana';
SELECT status(s, 101) FROM by_grader WHERE grader = 'ana';

DROP TABLE by_grader, session_scores;
