-- Comparisons and intervals against reference values worked out
-- independently: test/reference/compute.py computes them from the counts in
-- 40-digit arithmetic with mpmath, the Student t tail by numerical
-- integration of its density rather than by the incomplete beta function
-- the extension uses.  Figures agree to 1e-9 (relative for p-values), and
-- NULL where the test is undefined.  Published textbook values are checked,
-- at the precision printed, in sql/significance.sql.
BEGIN;
SELECT plan(22);

-- got is within 1e-9 of want, relative to want's size but at least absolute;
-- or both are NULL
CREATE FUNCTION pg_temp.near(got double precision, want double precision)
RETURNS boolean LANGUAGE sql AS $$
	SELECT CASE WHEN want IS NULL THEN got IS NULL
				ELSE abs(got - want) <= 1e-9 * greatest(abs(want), 1) END
$$;
-- p-values, down to 1e-108: relative 1e-9
CREATE FUNCTION pg_temp.near_p(got double precision, want double precision)
RETURNS boolean LANGUAGE sql AS $$
	SELECT CASE WHEN want IS NULL THEN got IS NULL
				ELSE abs(got - want) <= 1e-9 * want END
$$;

CREATE TEMP TABLE rate_reference (label text, a rate_summary, b rate_summary,
	confidence float8, difference float8, lower float8, upper float8, p float8);
INSERT INTO rate_reference VALUES
	('56/70 vs 48/80', 'v1 true=56 false=14', 'v1 true=48 false=32', 0.95, 20.0, 5.2431472402364907, 33.387265403690595, 0.0080450813681965847),
	('9/10 vs 3/10', 'v1 true=9 false=1', 'v1 true=3 false=7', 0.95, 60.0, 17.052272393450296, 80.901797353548796, 0.0061698993205441622),
	('6/7 vs 2/7', 'v1 true=6 false=1', 'v1 true=2 false=5', 0.95, 57.142857142857143, 5.8227927482312292, 80.624963752422774, 0.030753561259274572),
	('5/56 vs 0/29: no successes on one side', 'v1 true=5 false=51', 'v1 true=0 false=29', 0.95, 8.9285714285714286, -3.8137147903536864, 19.25600138551116, 0.097186568170579726),
	('0/10 vs 0/20: both 0%', 'v1 true=0 false=10', 'v1 true=0 false=20', 0.95, 0.0, -16.112515805281933, 27.753279986288917, 1.0),
	('10/10 vs 0/20: 100% vs 0%', 'v1 true=10 false=0', 'v1 true=0 false=20', 0.95, 100.0, 67.908603714191477, 100.0, 0.000000043204630578274973),
	('20/20 vs 15/15: both 100%', 'v1 true=20 false=0', 'v1 true=15 false=0', 0.95, 0.0, -16.112515805281933, 20.388330103584856, 1.0),
	('1/1 vs 0/1: n = 1', 'v1 true=1 false=0', 'v1 true=0 false=1', 0.95, 100.0, -12.210872068194173, 100.0, 0.15729920705028513),
	('412/500 vs 380/500 at 99%', 'v1 true=412 false=88', 'v1 true=380 false=120', 0.99, 6.4, -0.22199807844019266, 12.964451426026021, 0.012660037687824371),
	('2 million each, 0.1 points apart', 'v1 true=1002000 false=998000', 'v1 true=1000000 false=1000000', 0.95, 0.1, 0.0020018570690628039, 0.19799787129957238, 0.045500155914452384);

CREATE TEMP TABLE rating_reference (label text, a rating_summary, b rating_summary,
	confidence float8, difference float8, lower float8, upper float8, p float8);
INSERT INTO rating_reference VALUES
	('CSAT 20/25 vs 19/25 satisfied', 'v1 kind=csat scale=5 counts=1,1,3,10,10', 'v1 kind=csat scale=5 counts=2,2,2,9,10', 0.95, 4.0, -18.854658896943433, 26.396409730403999, 0.73280671214203333),
	('CSAT all satisfied vs none', 'v1 kind=csat scale=5 counts=0,0,0,4,4', 'v1 kind=csat scale=5 counts=3,2,1,0,0', 0.95, 100.0, 49.245579062905329, 100.0, 0.00018281063298183503),
	('CSAT n = 1 each', 'v1 kind=csat scale=5 counts=0,0,0,0,1', 'v1 kind=csat scale=5 counts=0,0,1,0,0', 0.95, 100.0, -12.210872068194173, 100.0, 0.15729920705028513),
	('CES small samples', 'v1 kind=ces scale=7 counts=1,1,0,1,2,0,0', 'v1 kind=ces scale=7 counts=0,1,1,0,1,2,0', 0.95, -1.0, -3.6493970435712165, 1.6493970435712165, 0.4094443420886142),
	('CES medium samples', 'v1 kind=ces scale=7 counts=3,5,8,12,20,15,7', 'v1 kind=ces scale=7 counts=1,2,6,10,25,30,16', 0.95, -0.70476190476190476, -1.1654258652469362, -0.24409794427687332, 0.0029748318307117003),
	('CES medium samples at 99%', 'v1 kind=ces scale=7 counts=3,5,8,12,20,15,7', 'v1 kind=ces scale=7 counts=1,2,6,10,25,30,16', 0.99, -0.70476190476190476, -1.3133878114327143, -0.096135998091095221, 0.0029748318307117003),
	('CES medium samples at 50%', 'v1 kind=ces scale=7 counts=3,5,8,12,20,15,7', 'v1 kind=ces scale=7 counts=1,2,6,10,25,30,16', 0.5, -0.70476190476190476, -0.86228246847967052, -0.547241341044139, 0.0029748318307117003),
	('CES n = 2 against a constant: df = 1, 50%', 'v1 kind=ces scale=7 counts=0,0,0,1,1,0,0', 'v1 kind=ces scale=7 counts=0,0,0,5,0,0,0', 0.5, 0.5, 0.0, 1.0, 0.5),
	('CES n = 3 against a constant: df = 2', 'v1 kind=ces scale=7 counts=0,0,0,2,1,0,0', 'v1 kind=ces scale=7 counts=0,0,0,5,0,0,0', 0.95, 0.33333333333333333, -1.1008842432498206, 1.7675509099164873, 0.42264973081037424),
	('CES against a constant: df = 5', 'v1 kind=ces scale=7 counts=2,0,0,3,0,0,1', 'v1 kind=ces scale=7 counts=0,0,0,0,5,0,0', 0.95, -1.5, -3.8699593514758562, 0.86995935147585618, 0.16467025554974104),
	('CES n = 2 each', 'v1 kind=ces scale=7 counts=0,0,1,0,1,0,0', 'v1 kind=ces scale=7 counts=0,1,0,1,0,0,0', 0.95, 1.0, -5.0848698445933082, 6, 0.55278640450004206),
	('CES very different: tiny p', 'v1 kind=ces scale=7 counts=0,0,0,0,10,30,60', 'v1 kind=ces scale=7 counts=40,40,20,0,0,0,0', 0.95, 4.7, 4.5008017461716278, 4.8991982538283722, 9.0548948757094527e-108),
	('CES large samples', 'v1 kind=ces scale=7 counts=120000,150000,200000,310000,400000,380000,240000', 'v1 kind=ces scale=7 counts=118000,151000,205000,300000,405000,381000,241000', 0.95, -0.004682583749768647, -0.0082538613457928069, -0.0011113061537444872, 0.010173877441872473),
	('CES n = 1 on one side', 'v1 kind=ces scale=7 counts=0,0,0,0,1,0,0', 'v1 kind=ces scale=7 counts=1,2,3,4,5,6,7', 0.95, 0.0, NULL, NULL, NULL),
	('CES no variation on either side', 'v1 kind=ces scale=7 counts=0,0,0,3,0,0,0', 'v1 kind=ces scale=7 counts=0,0,0,0,0,5,0', 0.95, -2.0, NULL, NULL, NULL);

CREATE TEMP TABLE nps_reference (label text, a nps_summary, b nps_summary,
	confidence float8, difference float8, lower float8, upper float8, p float8);
INSERT INTO nps_reference VALUES
	('NPS mixed', 'v1 counts=1,0,0,1,0,0,1,1,1,1,2', 'v1 counts=0,0,1,1,2,2,3,4,2,1,0', 0.95, 50.0, -14.871608087781783, 99.082134403571256, 0.14750767237273606),
	('NPS all promoters vs no detractors', 'v1 counts=0,0,0,0,0,0,0,0,0,3,1', 'v1 counts=0,0,0,0,0,0,0,2,1,1,1', 0.95, 60.0, -33.588347104962083, 97.874061390676369, 0.33784532737518148),
	('NPS one promoter vs one detractor', 'v1 counts=0,0,0,0,0,0,0,0,0,0,1', 'v1 counts=1,0,0,0,0,0,0,0,0,0,0', 0.95, 200.0, -53.942786826225826, 153.94278682622583, 0.34577858615116032),
	('NPS all promoters vs all promoters', 'v1 counts=0,0,0,0,0,0,0,0,0,20,30', 'v1 counts=0,0,0,0,0,0,0,0,0,5,5', 0.95, 0.0, -12.992764308973272, 47.825855745838294, 0.26163101719103304),
	('NPS large samples at 90%', 'v1 counts=300,200,250,400,500,900,1200,2500,3000,2600,2100', 'v1 counts=310,190,260,420,520,880,1250,2450,2950,2650,2050', 0.9, 0.56452256160474672, -0.96757745608677201, 2.0963836812117544, 0.54452330001517515);

-- rates: Newcombe hybrid score interval, pooled two-proportion z test
SELECT is((SELECT string_agg(label, '; ') FROM rate_reference
		   WHERE NOT pg_temp.near(difference(a, b), difference)), NULL,
		  'rate difference() equals the reference');
SELECT is((SELECT string_agg(label, '; ') FROM rate_reference
		   WHERE NOT pg_temp.near(difference_lower_bound(a, b, confidence), lower)), NULL,
		  'rate difference_lower_bound() equals the Newcombe reference');
SELECT is((SELECT string_agg(label, '; ') FROM rate_reference
		   WHERE NOT pg_temp.near(difference_upper_bound(a, b, confidence), upper)), NULL,
		  'rate difference_upper_bound() equals the Newcombe reference');
SELECT is((SELECT string_agg(label, '; ') FROM rate_reference
		   WHERE NOT pg_temp.near_p(p_value(a, b), p)), NULL,
		  'rate p_value() equals the pooled z test reference');

-- CSAT as proportions, CES means by Welch
SELECT is((SELECT string_agg(label, '; ') FROM rating_reference
		   WHERE NOT pg_temp.near(difference(a, b), difference)), NULL,
		  'rating difference() equals the reference');
SELECT is((SELECT string_agg(label, '; ') FROM rating_reference
		   WHERE NOT pg_temp.near(difference_lower_bound(a, b, confidence), lower)), NULL,
		  'rating difference_lower_bound() equals the Newcombe or Welch reference');
SELECT is((SELECT string_agg(label, '; ') FROM rating_reference
		   WHERE NOT pg_temp.near(difference_upper_bound(a, b, confidence), upper)), NULL,
		  'rating difference_upper_bound() equals the Newcombe or Welch reference');
SELECT is((SELECT string_agg(label, '; ') FROM rating_reference
		   WHERE NOT pg_temp.near_p(p_value(a, b), p)), NULL,
		  'rating p_value() equals the pooled z or Welch t test reference');

-- NPS: adjusted Wald
SELECT is((SELECT string_agg(label, '; ') FROM nps_reference
		   WHERE NOT pg_temp.near(difference(a, b), difference)), NULL,
		  'NPS difference() equals the reference');
SELECT is((SELECT string_agg(label, '; ') FROM nps_reference
		   WHERE NOT pg_temp.near(difference_lower_bound(a, b, confidence), lower)), NULL,
		  'NPS difference_lower_bound() equals the adjusted-Wald reference');
SELECT is((SELECT string_agg(label, '; ') FROM nps_reference
		   WHERE NOT pg_temp.near(difference_upper_bound(a, b, confidence), upper)), NULL,
		  'NPS difference_upper_bound() equals the adjusted-Wald reference');
SELECT is((SELECT string_agg(label, '; ') FROM nps_reference
		   WHERE NOT pg_temp.near_p(p_value(a, b), p)), NULL,
		  'NPS p_value() equals the adjusted-Wald z test reference');

-- Swapping the summaries negates the difference and its interval and keeps
-- the p-value.
SELECT is((SELECT count(*) FROM rate_reference
		   WHERE NOT (pg_temp.near(difference(b, a), -difference)
					  AND pg_temp.near(difference_lower_bound(b, a, confidence), -upper)
					  AND pg_temp.near(difference_upper_bound(b, a, confidence), -lower)
					  AND pg_temp.near_p(p_value(b, a), p))),
		  0::bigint, 'rate comparisons are antisymmetric');
SELECT is((SELECT count(*) FROM rating_reference
		   WHERE NOT (pg_temp.near(difference(b, a), -difference)
					  AND pg_temp.near(difference_lower_bound(b, a, confidence), -upper)
					  AND pg_temp.near(difference_upper_bound(b, a, confidence), -lower)
					  AND pg_temp.near_p(p_value(b, a), p))),
		  0::bigint, 'rating comparisons are antisymmetric');
SELECT is((SELECT count(*) FROM nps_reference
		   WHERE NOT (pg_temp.near(difference(b, a), -difference)
					  AND pg_temp.near(difference_lower_bound(b, a, confidence), -upper)
					  AND pg_temp.near(difference_upper_bound(b, a, confidence), -lower)
					  AND pg_temp.near_p(p_value(b, a), p))),
		  0::bigint, 'NPS comparisons are antisymmetric');

-- Single intervals: Wilson for rates, normal for the CES mean.
CREATE TEMP TABLE rate_intervals (s rate_summary, confidence float8, lower float8, upper float8);
INSERT INTO rate_intervals VALUES
	('v1 true=81 false=182'::rate_summary, 0.95, 25.528851987827424, 36.620957698280006),
	('v1 true=15 false=133'::rate_summary, 0.95, 6.2386399530736286, 16.048724172330803),
	('v1 true=0 false=20'::rate_summary, 0.95, 0.0, 16.112515805281933),
	('v1 true=1 false=28'::rate_summary, 0.95, 0.61132142927626622, 17.175521879320284),
	('v1 true=20 false=0'::rate_summary, 0.95, 83.887484194718067, 100.0),
	('v1 true=1 false=0'::rate_summary, 0.95, 20.654931437723745, 100.0),
	('v1 true=0 false=1'::rate_summary, 0.95, 0.0, 79.345068562276255);
CREATE TEMP TABLE rating_intervals (s rating_summary, confidence float8, lower float8, upper float8);
INSERT INTO rating_intervals VALUES
	('v1 kind=ces scale=7 counts=1,1,0,1,2,0,0'::rating_summary, 0.95, 1.8077177317893281, 4.9922822682106719),
	('v1 kind=ces scale=7 counts=3,5,8,12,20,15,7'::rating_summary, 0.9, 4.3196730312052444, 4.9374698259376127),
	('v1 kind=ces scale=7 counts=0,0,0,0,0,0,1'::rating_summary, 0.95, 1, 7),
	('v1 kind=ces scale=7 counts=0,0,0,2,0,0,0'::rating_summary, 0.95, 4.0, 4.0),
	('v1 kind=ces scale=7 counts=1,0,0,0,0,0,1'::rating_summary, 0.95, 1, 7);
SELECT is((SELECT string_agg(s::text, '; ') FROM rate_intervals
		   WHERE NOT pg_temp.near(lower_bound(s, confidence), lower)), NULL,
		  'rate lower_bound() equals the Wilson reference');
SELECT is((SELECT string_agg(s::text, '; ') FROM rate_intervals
		   WHERE NOT pg_temp.near(upper_bound(s, confidence), upper)), NULL,
		  'rate upper_bound() equals the Wilson reference');
SELECT is((SELECT string_agg(s::text, '; ') FROM rating_intervals
		   WHERE NOT pg_temp.near(lower_bound(s, confidence), lower)), NULL,
		  'CES lower_bound() equals the normal-interval reference');
SELECT is((SELECT string_agg(s::text, '; ') FROM rating_intervals
		   WHERE NOT pg_temp.near(upper_bound(s, confidence), upper)), NULL,
		  'CES upper_bound() equals the normal-interval reference');

-- The interval and the test agree: the interval at confidence 1 - p has
-- zero at one end, for the tests that share the interval's standard error
-- (Welch and adjusted Wald; Newcombe's interval is not the pooled test's).
SELECT is((SELECT string_agg(label, '; ') FROM rating_reference
		   WHERE a::text LIKE '%ces%' AND p IS NOT NULL AND p < 0.999 AND p > 1e-12
			 AND NOT (abs(least(abs(difference_lower_bound(a, b, 1 - p)),
							   abs(difference_upper_bound(a, b, 1 - p)))) < 1e-7)),
		  NULL, 'Welch: the interval at confidence 1 - p ends at zero');
SELECT is((SELECT string_agg(label, '; ') FROM nps_reference
		   WHERE p > 1e-12
			 AND NOT (abs(least(abs(difference_lower_bound(a, b, 1 - p)),
							   abs(difference_upper_bound(a, b, 1 - p)))) < 1e-7)),
		  NULL, 'adjusted Wald: the interval at confidence 1 - p ends at zero');
SELECT is((SELECT count(*) FROM rate_reference
		   WHERE difference_lower_bound(a, b, confidence) > difference
			  OR difference_upper_bound(a, b, confidence) < difference),
		  0::bigint, 'every rate difference lies inside its interval');

SELECT * FROM finish();
ROLLBACK;
