-- Comparing two summaries: difference(), difference_lower_bound(),
-- difference_upper_bound() and p_value() for rates, CSAT, CES and NPS,
-- checked against published values at the precision they were printed.
-- test/pgtap/significance_reference.sql checks the same functions to 1e-9
-- against values computed independently (test/reference/compute.py).
SET extra_float_digits = 0;

-- Newcombe (1998), "Interval estimation for the difference between
-- independent proportions: comparison of eleven methods", Statistics in
-- Medicine 17:873-890, Table II, method 10 (the hybrid score interval):
--   56/70 - 48/80:  0.0524,  0.3339    9/10 - 3/10:   0.1705, 0.8090
--   6/7 - 2/7:      0.0582,  0.8062    5/56 - 0/29:  -0.0381, 0.1926
--   0/10 - 0/20:   -0.1611,  0.2775    0/10 - 0/10:  -0.2775, 0.2775
--   10/10 - 0/20:   0.6791,  1.0000    10/10 - 0/10:  0.6075, 1.0000
-- Here in percentage points, rounded as published.
SELECT label, round(difference(a, b)::numeric, 2) AS difference,
	   round((difference_lower_bound(a, b) / 100)::numeric, 4) AS low,
	   round((difference_upper_bound(a, b) / 100)::numeric, 4) AS high
FROM (VALUES ('56/70 - 48/80', 'v1 true=56 false=14'::rate_summary, 'v1 true=48 false=32'::rate_summary),
			 ('9/10 - 3/10', 'v1 true=9 false=1', 'v1 true=3 false=7'),
			 ('6/7 - 2/7', 'v1 true=6 false=1', 'v1 true=2 false=5'),
			 ('5/56 - 0/29', 'v1 true=5 false=51', 'v1 true=0 false=29'),
			 ('0/10 - 0/20', 'v1 true=0 false=10', 'v1 true=0 false=20'),
			 ('0/10 - 0/10', 'v1 true=0 false=10', 'v1 true=0 false=10'),
			 ('10/10 - 0/20', 'v1 true=10 false=0', 'v1 true=0 false=20'),
			 ('10/10 - 0/10', 'v1 true=10 false=0', 'v1 true=0 false=10')) v(label, a, b);

-- Newcombe (1998), "Two-sided confidence intervals for the single
-- proportion: comparison of seven methods", Statistics in Medicine
-- 17:857-872, Table I, Wilson score method:
--   81/263: 0.2553, 0.3662    15/148: 0.0624, 0.1605
--   0/20:   0.0000, 0.1611    1/29:   0.0061, 0.1718
SELECT s::text, round((lower_bound(s) / 100)::numeric, 4) AS low,
	   round((upper_bound(s) / 100)::numeric, 4) AS high
FROM (VALUES ('v1 true=81 false=182'::rate_summary), ('v1 true=15 false=133'),
			 ('v1 true=0 false=20'), ('v1 true=1 false=28')) v(s);

-- The pooled two-proportion z test: 56/70 against 48/80 pools to 104/150,
-- z = 0.2 / sqrt(0.693333 * 0.306667 * (1/70 + 1/80)) = 2.6502, two-sided
-- p = 0.0080.  Identical 0% or 100% proportions are no evidence of a
-- difference: p = 1.
SELECT round(p_value('v1 true=56 false=14'::rate_summary, 'v1 true=48 false=32')::numeric, 4) AS p,
	   p_value('v1 true=0 false=10'::rate_summary, 'v1 true=0 false=20') AS both_none,
	   p_value('v1 true=10 false=0'::rate_summary, 'v1 true=3 false=0') AS both_all;

-- n = 1 on each side: one success against one failure is far from proof:
-- pooled 1/2, z = 1 / sqrt(0.25 * 2) = 1.4142, p = 0.1573, and the
-- Newcombe interval runs from -12.2 to 100 points.
SELECT difference(a, b), round(difference_lower_bound(a, b)::numeric, 4) AS low,
	   difference_upper_bound(a, b) AS high, round(p_value(a, b)::numeric, 4) AS p
FROM (VALUES ('v1 true=1 false=0'::rate_summary, 'v1 true=0 false=1'::rate_summary)) v(a, b);

-- CSAT compares the satisfied shares the same way: 8 of 8 satisfied against
-- 0 of 6 is 100 points, p = 0.00018 (pooled 8/14, z = 3.7417).
SELECT difference(a, b), round(difference_lower_bound(a, b)::numeric, 4) AS low,
	   difference_upper_bound(a, b) AS high, round(p_value(a, b)::numeric, 6) AS p
FROM (VALUES ('v1 kind=csat scale=5 counts=0,0,0,4,4'::rating_summary,
			  'v1 kind=csat scale=5 counts=3,2,1,0,0'::rating_summary)) v(a, b);

-- CES compares means by Welch's t test.  Against answers with no variation
-- the degrees of freedom are n - 1, so the interval shows the t table:
--   a = 4,4,5 against 4,4,4,4,4: difference 1/3, standard error
--   sqrt((1/3)/3) = 1/3, df = 2, t(0.975; 2) = 4.3027 (any t table), so the
--   interval is 1/3 -/+ 1.4342 = [-1.1009, 1.7676]; t = 1 and the two-sided
--   p for df = 2 is 1 - 1/sqrt(3) = 0.4226.
--   a = 4,5 against 4,4,4,4,4: df = 1, and at 50% t(0.75; 1) = tan(pi/4) = 1:
--   the interval is 0.5 -/+ 0.5 = [0, 1]; p = 0.5.
--   a = 1,1,4,4,4,7 against 5,5,5,5,5: df = 5, t(0.975; 5) = 2.5706,
--   standard error sqrt(5.1/6) = 0.921954: [-3.8700, 0.8700].
SELECT label, round(difference(a, b)::numeric, 4) AS difference,
	   round(difference_lower_bound(a, b, c)::numeric, 4) AS low,
	   round(difference_upper_bound(a, b, c)::numeric, 4) AS high,
	   round(p_value(a, b)::numeric, 4) AS p
FROM (VALUES ('df = 2', 'v1 kind=ces scale=7 counts=0,0,0,2,1,0,0'::rating_summary,
			  'v1 kind=ces scale=7 counts=0,0,0,5,0,0,0'::rating_summary, 0.95),
			 ('df = 1 at 50%', 'v1 kind=ces scale=7 counts=0,0,0,1,1,0,0',
			  'v1 kind=ces scale=7 counts=0,0,0,5,0,0,0', 0.5),
			 ('df = 5', 'v1 kind=ces scale=7 counts=2,0,0,3,0,0,1',
			  'v1 kind=ces scale=7 counts=0,0,0,0,5,0,0', 0.95)) v(label, a, b, c);

-- Welch needs two answers on each side and some variation on at least one:
-- otherwise the interval and p-value are NULL; the difference is not.
SELECT label, difference(a, b), difference_lower_bound(a, b) AS low,
	   difference_upper_bound(a, b) AS high, p_value(a, b) AS p
FROM (VALUES ('n = 1 on one side', 'v1 kind=ces scale=7 counts=0,0,0,0,1,0,0'::rating_summary,
			  'v1 kind=ces scale=7 counts=1,2,3,4,5,6,7'::rating_summary),
			 ('no variation on either side', 'v1 kind=ces scale=7 counts=0,0,0,3,0,0,0',
			  'v1 kind=ces scale=7 counts=0,0,0,0,0,5,0')) v(label, a, b);

-- NPS by the adjusted-Wald method of the single interval (3/4 added to
-- promoters and to detractors, 3 to n).  One promoter against one detractor:
-- adjusted NPS 1/4 and -1/4, V = 0.625 - 0.0625 = 0.5625 on each side,
-- standard error sqrt(2 * 0.5625/4) = 0.530330, z = 0.5/0.530330 = 0.9428,
-- p = 0.3458; interval 50 -/+ 103.94 = [-53.94, 153.94].  The difference is
-- the plain one, 200 points.
SELECT difference(a, b), round(difference_lower_bound(a, b)::numeric, 2) AS low,
	   round(difference_upper_bound(a, b)::numeric, 2) AS high,
	   round(p_value(a, b)::numeric, 4) AS p
FROM (VALUES ('v1 counts=0,0,0,0,0,0,0,0,0,0,1'::nps_summary,
			  'v1 counts=1,0,0,0,0,0,0,0,0,0,0'::nps_summary)) v(a, b);

-- All promoters against no detractors: 4 promoters (NPS 100) against
-- 2 promoters and 2 passives (NPS 50): adjusted 4.75/7 - 0.75/7 = 0.571429
-- and 2.75/7 - 0.75/7 = 0.285714, V = 0.785714 - 0.326531 = 0.459184 and
-- 0.5 - 0.081633 = 0.418367, standard error sqrt((0.459184 + 0.418367)/7)
-- = 0.354068, z = 0.806947, p = 0.4197.
SELECT difference(a, b), round(p_value(a, b)::numeric, 4) AS p
FROM (VALUES ('v1 counts=0,0,0,0,0,0,0,0,0,3,1'::nps_summary,
			  'v1 counts=0,0,0,0,0,0,0,1,1,1,1'::nps_summary)) v(a, b);

-- A summary of no answers on either side gives NULL; so does NULL.
SELECT difference(a, b), p_value(a, b), difference_lower_bound(a, b)
FROM (VALUES ('v1 true=0 false=0'::rate_summary, 'v1 true=3 false=1'::rate_summary)) v(a, b);
SELECT p_value('v1 counts=0,0,0,0,0,0,0,0,0,0,0'::nps_summary, 'v1 counts=0,0,0,0,0,0,0,0,0,0,5');
SELECT p_value(NULL::rating_summary, 'v1 kind=ces scale=7 counts=0,0,1,0,0,0,0');

-- errors: summaries of different kinds or scales (22023)
SELECT p_value('v1 kind=csat scale=5 counts=1,0,0,0,0'::rating_summary,
			   'v1 kind=ces scale=5 counts=1,0,0,0,0'::rating_summary);
SELECT difference('v1 kind=ces scale=7 counts=1,0,0,0,0,0,0'::rating_summary,
				  'v1 kind=ces scale=5 counts=1,0,0,0,0'::rating_summary);
-- errors: confidence outside (0, 1) (22023), even with no answers
SELECT difference_lower_bound('v1 true=1 false=0'::rate_summary, 'v1 true=0 false=1', 1);
SELECT difference_upper_bound('v1 kind=ces scale=7 counts=1,0,0,0,0,0,0'::rating_summary,
							  'v1 kind=ces scale=7 counts=0,0,0,0,0,0,0', 0);
SELECT difference_upper_bound('v1 counts=0,0,0,0,0,0,0,0,0,0,1'::nps_summary,
							  'v1 counts=0,0,0,0,0,0,0,0,0,0,1', 'NaN');
