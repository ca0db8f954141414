-- agreement_summary: agreement_agg, Krippendorff's alpha at the four
-- levels, counts, rollup, text form, jsonb, NULLs, moving windows and
-- errors.  Expected figures were worked out by hand, or are Krippendorff's
-- published ones; see the comments.  Forced parallel plans:
-- parallel_agreement.sql.  Properties against an independent
-- implementation: test/pgtap/agreement_properties.sql.
SET extra_float_digits = 0;

-- Two graders, four items: (1, 1), (2, 2), (1, 2), and (2, NULL), which one
-- grader did not rate and so cannot be paired.  Coincidences (each item of
-- m = 2 ratings adds 1 / (m - 1) = 1 per ordered pair):
--   o_11 = 2, o_22 = 2, o_12 = o_21 = 1; n_1 = n_2 = 3, n = 6.
-- Observed disagreement: o_12 + o_21 = 2; expected: n_1 n_2 + n_2 n_1 = 18,
-- with every level's delta2 of 1 and 2 equal (nominal 1, interval 1,
-- ratio 1/9, ordinal (n_1 + n_2 - (n_1 + n_2) / 2)^2 = 9), so
--   alpha = 1 - (n - 1) 2 / 18 = 1 - 10/18 = 4/9 = 0.444444444444444
CREATE TABLE pair (item int, ratings float8[]);
INSERT INTO pair VALUES (1, '{1,1}'), (2, '{2,2}'), (3, '{1,2}'), (4, '{2,NULL}'),
	(5, NULL), (6, '{NULL,NULL}');
SELECT responses(s), ratings(s), alpha(s) AS interval, alpha(s, 'nominal') AS nominal,
	   alpha(s, 'ordinal') AS ordinal, alpha(s, 'ratio') AS ratio
FROM (SELECT agreement_agg(ratings) AS s FROM pair) t;

-- The text form: o_11, o_12 and o_22 in units of 1 / 72201776446800.
SELECT agreement_agg(ratings)::text FROM pair;
SELECT agreement_agg(ratings)::text::agreement_summary = agreement_agg(ratings) AS round_trip
FROM pair;
SELECT agreement_agg(ratings)::jsonb FROM pair;

-- Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability": four
-- observers A to D rate twelve units, with missing data; unit 12 has one
-- rating and is ignored, leaving 11 units and 40 pairable ratings.  The
-- published values: nominal .743, ordinal .815, interval .849, ratio .797.
-- Nominal by hand: n_1..n_5 = 9, 13, 10, 5, 3.  Only units 2, 6 and 8
-- disagree, each of m = 4 ratings, so each disagreeing ordered pair adds
-- 1/3: unit 2 (2,2,3,2) has 6 such pairs, unit 6 (1,2,3,4) 12 and unit 8
-- (1,1,2,1) 6, so the off-diagonal coincidences sum to 24/3 = 8.  The
-- expected n^2 - sum n_c^2 = 1600 - 384 = 1216, so
--   alpha = 1 - 39 * 8 / 1216 = 113/152 = 0.743421052631579.
CREATE TABLE krippendorff (unit int, a float8, b float8, c float8, d float8);
INSERT INTO krippendorff VALUES
	(1, 1, 1, NULL, 1), (2, 2, 2, 3, 2), (3, 3, 3, 3, 3), (4, 3, 3, 3, 3),
	(5, 2, 2, 2, 2), (6, 1, 2, 3, 4), (7, 4, 4, 4, 4), (8, 1, 1, 2, 1),
	(9, 2, 2, 2, 2), (10, NULL, 5, 5, 5), (11, NULL, NULL, 1, 1), (12, NULL, 3, NULL, NULL);
SELECT responses(s), ratings(s),
	   round(alpha(s, 'nominal')::numeric, 3) AS nominal,
	   round(alpha(s, 'ordinal')::numeric, 3) AS ordinal,
	   round(alpha(s, 'interval')::numeric, 3) AS interval,
	   round(alpha(s, 'ratio')::numeric, 3) AS ratio,
	   alpha(s, 'nominal') AS nominal_exact
FROM (SELECT agreement_agg(ARRAY[a, b, c, d]) AS s FROM krippendorff) t;

-- rollup of two sessions (units 1-6 and 7-12) equals the aggregate over all
SELECT rollup(s) = (SELECT agreement_agg(ARRAY[a, b, c, d]) FROM krippendorff) AS exact
FROM (SELECT agreement_agg(ARRAY[a, b, c, d]) AS s FROM krippendorff GROUP BY unit <= 6) t;

-- No variation: alpha is undefined (NULL); counts of a NULL summary are 0.
SELECT alpha(agreement_agg(r)) AS same_ratings FROM (VALUES ('{3,3}'::float8[]), ('{3,3,3}')) v(r);
SELECT responses(NULL::agreement_summary) AS n, ratings(NULL::agreement_summary) AS m,
	   agreement_agg(r) IS NULL AS is_null
FROM (VALUES ('{1,NULL}'::float8[]), (NULL)) v(r);

-- A moving window of two items over the pair table:
--   item 1: {1,1}: one value only, alpha NULL;
--   item 2: {1,1}, {2,2}: perfect agreement, alpha 1;
--   item 3: {2,2}, {1,2}: o_22 = 2, o_12 = o_21 = 1, n_1 = 1, n_2 = 3, n = 4:
--           alpha = 1 - 3 * 2 / (2 * 1 * 3) = 0;
--   item 4: {1,2} and the unpairable {2,NULL}: n_1 = n_2 = 1, n = 2:
--           alpha = 1 - 1 * 2 / (2 * 1 * 1) = 0;
--   items 5 and 6: no pairable item left: 0 items, NULL.
SELECT item, responses(agreement_agg(ratings) OVER w) AS n,
	   alpha(agreement_agg(ratings) OVER w, 'nominal') AS alpha
FROM pair WINDOW w AS (ORDER BY item ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)
ORDER BY item;

-- Errors.
-- an unknown level: 22023
SELECT alpha(agreement_agg(ratings), 'likert') FROM pair;
-- the ratio level needs ratings of 0 or more: 22023
SELECT alpha(agreement_agg(r), 'ratio') FROM (VALUES ('{-1,1}'::float8[])) v(r);
-- a rating that is not finite: 22003
SELECT agreement_agg('{1,Infinity}'::float8[]);
-- more than 32 ratings of one item: 22023
SELECT agreement_agg(array_fill(1::float8, ARRAY[33]));
-- more than 128 distinct values: 22023
SELECT agreement_agg(ARRAY[g, g + 0.5]) FROM generate_series(1, 65) g;
-- malformed text and impossible values: 22P02
SELECT 'v1 items=1 values=1,x coincidences=0,0,0'::agreement_summary;
SELECT 'v1 items=1 values=2,1 coincidences=72201776446800,0,72201776446800'::agreement_summary;
SELECT 'v1 items=1 values=1 coincidences=1'::agreement_summary;
SELECT 'v1 items=2 values=1 coincidences=144403552893600'::agreement_summary;

DROP TABLE pair, krippendorff;
