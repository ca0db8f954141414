-- Comparisons of quality scores (rubric_summary) and mean durations
-- (duration_summary) against reference values worked out independently:
-- test/reference/compare_means.py computes Welch's test and interval from
-- the raw values in 40-digit arithmetic with mpmath.  Figures agree to 1e-9
-- (relative for p-values), and NULL where the test is undefined.
BEGIN;
SELECT plan(14);

CREATE FUNCTION pg_temp.near(got double precision, want double precision)
RETURNS boolean LANGUAGE sql AS $$
	SELECT CASE WHEN want IS NULL THEN got IS NULL
				ELSE abs(got - want) <= 1e-9 * greatest(abs(want), 1) END
$$;
CREATE FUNCTION pg_temp.near_p(got double precision, want double precision)
RETURNS boolean LANGUAGE sql AS $$
	SELECT CASE WHEN want IS NULL THEN got IS NULL
				ELSE abs(got - want) <= 1e-9 * want END
$$;

-- label, kind, a, b, confidence, difference, lower, upper, p_value
CREATE TEMP TABLE reference (label text, kind text, a float8[], b float8[],
	confidence float8, difference float8, lower float8, upper float8, p float8);
INSERT INTO reference VALUES
	('agent against team', 'rubric', '{82.5,90,75,100,60,95,88}', '{70,85,65,90,77.5,80,72,68,91,84}', 0.95, 6.1071428571428571, -6.9884873944540765, 19.202773108739791, 0.32285581527507392),
	('agent against team at 99%', 'rubric', '{82.5,90,75,100,60,95,88}', '{70,85,65,90,77.5,80,72,68,91,84}', 0.99, 6.1071428571428571, -12.536072347462023, 24.750358061747737, 0.32285581527507392),
	('constant against varied: df = 1', 'rubric', '{100,100,100}', '{80,90}', 0.95, 15.0, -48.531023680873467, 78.531023680873467, 0.20483276469913345),
	('two scores against a constant: clipped to -100..100', 'rubric', '{0,100}', '{100,100}', 0.95, -50.0, -100, 100, 0.5),
	('one evaluation on a side: untested', 'rubric', '{90}', '{80,70}', 0.95, 15.0, NULL, NULL, NULL),
	('no variation on either side: untested', 'rubric', '{80,80}', '{60,60,60}', 0.95, 20.0, NULL, NULL, NULL),
	('this month against last', 'duration', '{312.5,290,410.25,505,188.75,260}', '{350,402,298.5,610,455,380,520,275}', 0.95, -83.5625, -217.94763730320493, 50.822637303204935, 0.19825785102135461),
	('very different handling times: tiny p', 'duration', '{60,61,59,62,60.5,58,61.25,60}', '{600,605,598,610,603,599.5}', 0.95, -542.36458333333333, -547.00201084140434, -537.72715582526232, 0.00000000000056880558676790917),
	('handling times at 90%', 'duration', '{1e-06,1.5,3600,42}', '{12,30.000001,95}', 0.9, 865.20833325, -1243.8883527906567, 2974.3050192906567, 0.40571651232279273);

-- Each raw value becomes an evaluation of one criterion out of 100, whose
-- score is the value, or a handling time in seconds.
CREATE TEMP TABLE summaries AS
SELECT label, kind, confidence, difference, lower, upper, p,
	   CASE kind WHEN 'rubric' THEN
		   (SELECT weighted_rubric(ARRAY[x], '{1}', '{100}') FROM unnest(a) x) END AS qa_a,
	   CASE kind WHEN 'rubric' THEN
		   (SELECT weighted_rubric(ARRAY[x], '{1}', '{100}') FROM unnest(b) x) END AS qa_b,
	   (SELECT aht_agg(x) FROM unnest(a) x) AS aht_a,
	   (SELECT aht_agg(x) FROM unnest(b) x) AS aht_b
FROM reference;

SELECT is((SELECT string_agg(label, '; ') FROM summaries WHERE kind = 'rubric'
		   AND NOT pg_temp.near(difference(qa_a, qa_b), difference)), NULL,
		  'rubric difference() equals the reference');
SELECT is((SELECT string_agg(label, '; ') FROM summaries WHERE kind = 'rubric'
		   AND NOT pg_temp.near(difference_lower_bound(qa_a, qa_b, confidence), lower)), NULL,
		  'rubric difference_lower_bound() equals the Welch reference');
SELECT is((SELECT string_agg(label, '; ') FROM summaries WHERE kind = 'rubric'
		   AND NOT pg_temp.near(difference_upper_bound(qa_a, qa_b, confidence), upper)), NULL,
		  'rubric difference_upper_bound() equals the Welch reference');
SELECT is((SELECT string_agg(label, '; ') FROM summaries WHERE kind = 'rubric'
		   AND NOT pg_temp.near_p(p_value(qa_a, qa_b), p)), NULL,
		  'rubric p_value() equals the Welch reference');
SELECT is((SELECT string_agg(label, '; ') FROM summaries WHERE kind = 'duration'
		   AND NOT pg_temp.near(difference(aht_a, aht_b), difference)), NULL,
		  'duration difference() equals the reference');
SELECT is((SELECT string_agg(label, '; ') FROM summaries WHERE kind = 'duration'
		   AND NOT pg_temp.near(difference_lower_bound(aht_a, aht_b, confidence), lower)), NULL,
		  'duration difference_lower_bound() equals the Welch reference');
SELECT is((SELECT string_agg(label, '; ') FROM summaries WHERE kind = 'duration'
		   AND NOT pg_temp.near(difference_upper_bound(aht_a, aht_b, confidence), upper)), NULL,
		  'duration difference_upper_bound() equals the Welch reference');
SELECT is((SELECT string_agg(label, '; ') FROM summaries WHERE kind = 'duration'
		   AND NOT pg_temp.near_p(p_value(aht_a, aht_b), p)), NULL,
		  'duration p_value() equals the Welch reference');

-- The interval and the test share the standard error: at confidence 1 - p
-- the (unclipped) interval has zero at one end.
SELECT is((SELECT string_agg(label, '; ') FROM summaries
		   WHERE p IS NOT NULL AND p > 1e-12 AND (kind = 'duration' OR (lower > -100 AND upper < 100))
			 AND NOT (least(abs(CASE kind WHEN 'rubric' THEN difference_lower_bound(qa_a, qa_b, 1 - p)
											  ELSE difference_lower_bound(aht_a, aht_b, 1 - p) END),
							abs(CASE kind WHEN 'rubric' THEN difference_upper_bound(qa_a, qa_b, 1 - p)
											  ELSE difference_upper_bound(aht_a, aht_b, 1 - p) END)) < 1e-7)),
		  NULL, 'Welch: the interval at confidence 1 - p ends at zero');

-- Swapping the sides negates the difference and the interval, keeps p.
SELECT is((SELECT count(*) FROM summaries
		   WHERE difference(qa_a, qa_b) <> -difference(qa_b, qa_a)
			  OR p_value(qa_a, qa_b) IS DISTINCT FROM p_value(qa_b, qa_a)
			  OR difference_lower_bound(qa_a, qa_b) IS DISTINCT FROM -difference_upper_bound(qa_b, qa_a)
			  OR difference(aht_a, aht_b) <> -difference(aht_b, aht_a)
			  OR difference_lower_bound(aht_a, aht_b) IS DISTINCT FROM -difference_upper_bound(aht_b, aht_a)
			  OR p_value(aht_a, aht_b) IS DISTINCT FROM p_value(aht_b, aht_a)),
		  0::bigint, 'swapping the summaries negates the difference and keeps the p-value');

-- Errors and edges.
SELECT throws_ok($$SELECT p_value(weighted_rubric('{1,1}', '{1,1}'), weighted_rubric('{1}', '{1}'))$$,
				 '22023', NULL, 'summaries of different criteria counts do not compare');
SELECT throws_ok($$SELECT difference_lower_bound(aht_agg(1), aht_agg(2), 1.5)$$,
				 '22023', NULL, 'a confidence outside (0, 1) raises 22023');
SELECT is(difference('v1 zeros=0 min=0 max=0 sum=0 sum_squares=0 first_bucket=0 counts='::duration_summary,
					 aht_agg(2)), NULL, 'an empty duration summary compares as NULL');
SELECT is(p_value(NULL::rubric_summary, weighted_rubric('{1}', '{1}')), NULL,
		  'a NULL summary compares as NULL');

SELECT * FROM finish();
ROLLBACK;
