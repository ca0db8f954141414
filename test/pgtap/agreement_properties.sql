-- agreement_summary properties: Krippendorff's alpha at every level equals
-- an independent implementation (test/reference/krippendorff.py, which
-- sums the disagreements of the pairs themselves in exact rational
-- arithmetic instead of keeping a coincidence matrix), over data with
-- missing ratings; Krippendorff's published example to the exact fraction;
-- counts against plain SQL; exact rollups and order independence; moving
-- windows against recomputed frames; text and binary round trips.
BEGIN;
SELECT plan(18);

-- Items of four sets drawn by test/reference/krippendorff.py: each item has
-- a true value that a grader gives with some probability, else a nearby
-- one, and ratings go missing at random.
CREATE TEMP TABLE items (set int, item int, ratings float8[]);
INSERT INTO items VALUES
	(1, 1, '{1,NULL,2,1,4}'),
	(1, 2, '{5,NULL,4,NULL,NULL}'),
	(1, 3, '{NULL,3,1,3,1}'),
	(1, 4, '{1,1,NULL,1,4}'),
	(1, 5, '{5,NULL,5,5,NULL}'),
	(1, 6, '{4,5,NULL,4,NULL}'),
	(1, 7, '{5,NULL,5,4,NULL}'),
	(1, 8, '{1,1,2,1,1}'),
	(1, 9, '{3,4,4,4,NULL}'),
	(1, 10, '{5,5,5,5,NULL}'),
	(1, 11, '{2,NULL,3,NULL,2}'),
	(1, 12, '{2,NULL,NULL,1,NULL}'),
	(1, 13, '{NULL,2,2,2,NULL}'),
	(1, 14, '{3,NULL,NULL,3,NULL}'),
	(1, 15, '{4,NULL,NULL,5,5}'),
	(1, 16, '{5,NULL,5,5,5}'),
	(1, 17, '{NULL,NULL,NULL,NULL,NULL}'),
	(1, 18, '{3,NULL,NULL,3,5}'),
	(1, 19, '{1,2,NULL,2,NULL}'),
	(1, 20, '{1,1,1,NULL,NULL}'),
	(1, 21, '{3,NULL,3,NULL,3}'),
	(1, 22, '{4,NULL,NULL,NULL,NULL}'),
	(1, 23, '{NULL,5,5,5,5}'),
	(1, 24, '{NULL,4,NULL,NULL,3}'),
	(1, 25, '{NULL,1,3,NULL,NULL}'),
	(1, 26, '{5,3,NULL,NULL,3}'),
	(1, 27, '{NULL,4,NULL,4,NULL}'),
	(1, 28, '{2,2,3,3,NULL}'),
	(1, 29, '{NULL,NULL,3,3,NULL}'),
	(1, 30, '{NULL,NULL,1,NULL,3}'),
	(1, 31, '{NULL,3,NULL,NULL,NULL}'),
	(1, 32, '{NULL,4,NULL,4,NULL}'),
	(1, 33, '{5,5,5,NULL,NULL}'),
	(1, 34, '{2,1,2,2,2}'),
	(1, 35, '{5,5,NULL,NULL,NULL}'),
	(1, 36, '{NULL,4,NULL,NULL,4}'),
	(1, 37, '{4,NULL,5,5,NULL}'),
	(1, 38, '{1,1,1,NULL,1}'),
	(1, 39, '{NULL,4,4,4,NULL}'),
	(1, 40, '{3,3,NULL,3,NULL}'),
	(2, 1, '{NULL,0.5,1.0}'),
	(2, 2, '{9.5,10.0,10.0}'),
	(2, 3, '{7.5,8.5,9.5}'),
	(2, 4, '{NULL,NULL,8.0}'),
	(2, 5, '{NULL,2.0,2.5}'),
	(2, 6, '{7.0,6.5,6.0}'),
	(2, 7, '{6.0,6.0,6.5}'),
	(2, 8, '{7.0,8.0,7.0}'),
	(2, 9, '{5.5,5.0,6.0}'),
	(2, 10, '{4.5,3.5,4.5}'),
	(2, 11, '{0.0,0.0,0.0}'),
	(2, 12, '{3.0,3.5,4.5}'),
	(2, 13, '{NULL,0.5,NULL}'),
	(2, 14, '{1.5,1.5,1.0}'),
	(2, 15, '{2.5,2.0,NULL}'),
	(2, 16, '{NULL,0.0,0.5}'),
	(2, 17, '{3.5,4.0,4.5}'),
	(2, 18, '{5.0,6.0,5.0}'),
	(2, 19, '{6.0,4.5,5.0}'),
	(2, 20, '{NULL,NULL,1.0}'),
	(2, 21, '{3.5,4.0,3.5}'),
	(2, 22, '{8.0,8.0,8.0}'),
	(2, 23, '{NULL,NULL,1.5}'),
	(2, 24, '{8.0,8.0,7.5}'),
	(2, 25, '{6.5,6.0,7.5}'),
	(2, 26, '{NULL,5.5,6.0}'),
	(2, 27, '{NULL,4.5,3.5}'),
	(2, 28, '{NULL,7.0,6.0}'),
	(2, 29, '{NULL,4.0,4.5}'),
	(2, 30, '{8.5,9.0,NULL}'),
	(3, 1, '{0,0,0,0,0,0,0,0}'),
	(3, 2, '{0,0,NULL,0,NULL,NULL,0,1}'),
	(3, 3, '{1,1,NULL,NULL,NULL,NULL,1,1}'),
	(3, 4, '{1,NULL,NULL,NULL,1,NULL,1,1}'),
	(3, 5, '{0,0,NULL,NULL,0,NULL,NULL,0}'),
	(3, 6, '{0,1,NULL,1,1,NULL,NULL,NULL}'),
	(3, 7, '{0,NULL,NULL,0,NULL,0,1,NULL}'),
	(3, 8, '{1,1,1,NULL,1,NULL,1,1}'),
	(3, 9, '{1,NULL,1,1,NULL,1,NULL,NULL}'),
	(3, 10, '{0,NULL,0,0,NULL,1,NULL,NULL}'),
	(3, 11, '{0,NULL,0,NULL,NULL,0,NULL,0}'),
	(3, 12, '{0,NULL,1,NULL,1,1,1,1}'),
	(3, 13, '{0,NULL,NULL,0,NULL,NULL,NULL,NULL}'),
	(3, 14, '{NULL,NULL,1,0,NULL,NULL,1,1}'),
	(3, 15, '{1,NULL,NULL,NULL,0,NULL,0,NULL}'),
	(3, 16, '{1,NULL,1,NULL,1,NULL,NULL,1}'),
	(3, 17, '{NULL,NULL,0,NULL,NULL,0,0,0}'),
	(3, 18, '{NULL,1,NULL,NULL,0,NULL,NULL,NULL}'),
	(3, 19, '{0,0,NULL,NULL,0,NULL,NULL,NULL}'),
	(3, 20, '{NULL,NULL,0,0,NULL,0,0,0}'),
	(3, 21, '{1,1,NULL,NULL,NULL,0,NULL,1}'),
	(3, 22, '{NULL,1,1,1,1,NULL,1,NULL}'),
	(3, 23, '{0,0,0,NULL,NULL,0,NULL,NULL}'),
	(3, 24, '{NULL,0,0,0,NULL,NULL,0,NULL}'),
	(3, 25, '{1,1,NULL,0,NULL,1,1,NULL}'),
	(3, 26, '{1,NULL,1,0,NULL,NULL,1,NULL}'),
	(3, 27, '{1,1,NULL,1,1,NULL,1,1}'),
	(3, 28, '{NULL,0,NULL,1,0,NULL,NULL,NULL}'),
	(3, 29, '{0,0,NULL,0,NULL,0,NULL,NULL}'),
	(3, 30, '{0,NULL,0,NULL,0,NULL,NULL,NULL}'),
	(3, 31, '{NULL,1,NULL,NULL,NULL,1,NULL,NULL}'),
	(3, 32, '{NULL,1,1,NULL,1,1,0,1}'),
	(3, 33, '{0,0,0,NULL,0,NULL,0,NULL}'),
	(3, 34, '{1,NULL,NULL,NULL,NULL,1,1,NULL}'),
	(3, 35, '{NULL,NULL,NULL,NULL,NULL,1,1,1}'),
	(3, 36, '{NULL,1,1,0,NULL,NULL,NULL,0}'),
	(3, 37, '{0,0,NULL,0,NULL,0,NULL,0}'),
	(3, 38, '{1,1,NULL,NULL,1,1,NULL,1}'),
	(3, 39, '{NULL,0,NULL,0,NULL,0,NULL,NULL}'),
	(3, 40, '{0,NULL,NULL,NULL,NULL,0,0,NULL}'),
	(3, 41, '{0,0,NULL,0,NULL,NULL,NULL,NULL}'),
	(3, 42, '{NULL,NULL,NULL,0,NULL,NULL,NULL,0}'),
	(3, 43, '{1,NULL,NULL,1,NULL,NULL,NULL,1}'),
	(3, 44, '{1,NULL,1,1,1,NULL,1,NULL}'),
	(3, 45, '{0,NULL,NULL,NULL,0,NULL,NULL,NULL}'),
	(3, 46, '{NULL,NULL,NULL,0,0,0,NULL,NULL}'),
	(3, 47, '{1,NULL,0,NULL,1,1,NULL,1}'),
	(3, 48, '{NULL,NULL,NULL,1,1,NULL,1,NULL}'),
	(3, 49, '{1,1,1,1,1,NULL,NULL,1}'),
	(3, 50, '{1,1,1,NULL,0,1,NULL,NULL}'),
	(3, 51, '{1,NULL,0,0,NULL,1,0,NULL}'),
	(3, 52, '{NULL,NULL,NULL,0,NULL,NULL,0,0}'),
	(3, 53, '{1,NULL,NULL,NULL,1,NULL,1,1}'),
	(3, 54, '{NULL,1,NULL,NULL,1,NULL,1,NULL}'),
	(3, 55, '{1,1,1,NULL,NULL,NULL,1,NULL}'),
	(3, 56, '{0,NULL,0,NULL,NULL,NULL,NULL,0}'),
	(3, 57, '{1,NULL,1,NULL,1,1,1,1}'),
	(3, 58, '{NULL,0,NULL,0,NULL,NULL,0,NULL}'),
	(3, 59, '{NULL,0,NULL,NULL,0,NULL,0,0}'),
	(3, 60, '{NULL,1,1,NULL,NULL,NULL,1,1}'),
	(4, 1, '{0,NULL}'),
	(4, 2, '{NULL,-3}'),
	(4, 3, '{NULL,3}'),
	(4, 4, '{NULL,NULL}'),
	(4, 5, '{-2,-2}'),
	(4, 6, '{NULL,0}'),
	(4, 7, '{-3,-3}'),
	(4, 8, '{-2,-1}'),
	(4, 9, '{-3,-3}'),
	(4, 10, '{0,0}'),
	(4, 11, '{-1,NULL}'),
	(4, 12, '{2,1}');
-- alpha per set and level, worked out by the reference (NULL: undefined;
-- the ratio level is left out for set 4, which holds negative ratings).
CREATE TEMP TABLE reference (set int, level text, alpha float8);
INSERT INTO reference VALUES
	(1, 'nominal', 0.5275196097818206),
	(1, 'ordinal', 0.7994471689687552),
	(1, 'interval', 0.7916666666666666),
	(1, 'ratio', 0.6973144060958734),
	(2, 'nominal', 0.1587944219523167),
	(2, 'ordinal', 0.953605512692839),
	(2, 'interval', 0.9624326221014439),
	(2, 'ratio', 0.8361410070263056),
	(3, 'nominal', 0.7040929203539823),
	(3, 'ordinal', 0.7040929203539823),
	(3, 'interval', 0.7040929203539823),
	(3, 'ratio', 0.7040929203539823),
	(4, 'nominal', 0.6071428571428571),
	(4, 'ordinal', 0.9661746617466175),
	(4, 'interval', 0.9438775510204082);

CREATE TEMP TABLE by_set AS SELECT set, agreement_agg(ratings) AS s FROM items GROUP BY set;

SELECT is((SELECT count(*) FROM reference r JOIN by_set b USING (set)
		   WHERE NOT coalesce(abs(alpha(b.s, r.level) - r.alpha) <= 1e-12,
							 alpha(b.s, r.level) IS NULL AND r.alpha IS NULL)), 0::bigint,
		  'alpha() at every level equals the exact reference within 1e-12');
SELECT is((SELECT count(*) FROM reference), 15::bigint, 'the reference covers 15 set-level pairs');

-- Krippendorff (2011): 4 observers, 12 units, missing data.  The exact
-- values are the reference's fractions, which round to his published
-- .743, .815, .849 and .797.
CREATE TEMP TABLE krippendorff AS
	SELECT agreement_agg(r) AS s FROM (VALUES
		('{1,1,NULL,1}'::float8[]), ('{2,2,3,2}'), ('{3,3,3,3}'), ('{3,3,3,3}'), ('{2,2,2,2}'),
		('{1,2,3,4}'), ('{4,4,4,4}'), ('{1,1,2,1}'), ('{2,2,2,2}'), ('{NULL,5,5,5}'),
		('{NULL,NULL,1,1}'), ('{NULL,3,NULL,NULL}')) v(r);
SELECT ok(abs(alpha(s, 'nominal') - 113.0 / 152) < 1e-15
		  AND abs(alpha(s, 'ordinal') - 108577.0 / 133160) < 1e-15
		  AND abs(alpha(s, 'interval') - 951.0 / 1120) < 1e-15
		  AND abs(alpha(s, 'ratio') - 18222619.0 / 22852465) < 1e-15,
		  'Krippendorff''s worked example: 113/152, 108577/133160, 951/1120, 18222619/22852465')
FROM krippendorff;
SELECT is(alpha(s), alpha(s, 'interval'), 'the default level is interval') FROM krippendorff;

-- Counts against plain SQL: an item is pairable with two ratings or more.
CREATE TEMP TABLE plain AS
	SELECT set, count(*) FILTER (WHERE rated >= 2) AS items,
		   coalesce(sum(rated) FILTER (WHERE rated >= 2), 0) AS ratings
	FROM (SELECT set, item, (SELECT count(r) FROM unnest(ratings) r) AS rated FROM items) t
	GROUP BY set;
SELECT is((SELECT count(*) FROM plain p JOIN by_set b USING (set)
		   WHERE responses(b.s) <> p.items OR ratings(b.s) <> p.ratings), 0::bigint,
		  'responses() and ratings() equal the pairable items and their ratings');
SELECT is((SELECT sum(items) FROM plain), (SELECT sum(responses(s)) FROM by_set)::numeric,
		  'and the pairable items add up');

-- Exact merges, whatever the order and the grouping.
SELECT is((SELECT count(*) FROM by_set b
		   WHERE b.s <> (SELECT rollup(s) FROM (SELECT agreement_agg(ratings) AS s FROM items i
												WHERE i.set = b.set GROUP BY item % 4) t)),
		  0::bigint, 'rollup() of sessions equals the aggregate over all items');
SELECT is((SELECT count(*) FROM by_set b
		   WHERE b.s <> (SELECT agreement_agg(ratings ORDER BY item DESC) FROM items i
						 WHERE i.set = b.set)),
		  0::bigint, 'the summary does not depend on the order of the items');
SELECT is((SELECT count(*) FROM by_set b
		   WHERE (SELECT rollup(s ORDER BY k DESC) FROM (SELECT item % 3 AS k, agreement_agg(ratings) AS s
														 FROM items i WHERE i.set = b.set GROUP BY 1) t)
				 <> b.s),
		  0::bigint, 'nor on the order of the merges');
-- the four sets hold different values: their rollup is the aggregate of all
SELECT ok((SELECT rollup(s) FROM by_set) = (SELECT agreement_agg(ratings) FROM items),
		  'a rollup over summaries of different values equals the aggregate of all items');

-- Moving windows: frames of 5 items, which fill, drop values and refill.
SELECT is((SELECT count(*) FROM (
			  SELECT set, item, agreement_agg(ratings) OVER w AS moving FROM items
			  WINDOW w AS (PARTITION BY set ORDER BY item ROWS BETWEEN 4 PRECEDING AND CURRENT ROW)) m
		   WHERE moving IS DISTINCT FROM
			   (SELECT agreement_agg(ratings) FROM items i
				WHERE i.set = m.set AND i.item BETWEEN m.item - 4 AND m.item)),
		  0::bigint, 'agreement_agg over ROWS 4 PRECEDING equals each frame recomputed');
CREATE TEMP TABLE sessions AS
	SELECT set, item / 5 AS session, agreement_agg(ratings) AS s FROM items GROUP BY 1, 2;
SELECT is((SELECT count(*) FROM (
			  SELECT set, session, rollup(s) OVER w AS moving FROM sessions
			  WINDOW w AS (PARTITION BY set ORDER BY session ROWS BETWEEN 2 PRECEDING AND CURRENT ROW)) m
		   WHERE moving IS DISTINCT FROM
			   (SELECT rollup(s) FROM sessions x
				WHERE x.set = m.set AND x.session BETWEEN m.session - 2 AND m.session)),
		  0::bigint, 'rollup over ROWS 2 PRECEDING equals each frame recomputed');

-- Text and binary forms round-trip exactly.
SELECT is((SELECT count(*) FROM sessions WHERE s::text::agreement_summary IS DISTINCT FROM s),
		  0::bigint, 'text output reads back as the same summary');
\ir helpers/binary_copy.psql
CREATE TEMP TABLE copied (set int, session int, s agreement_summary);
SELECT lives_ok($$SELECT pg_temp.copy_through_binary_file('SELECT set, session, s FROM sessions', 'copied')$$,
				'COPY BINARY writes and reads agreement_summary');
SELECT is((SELECT count(*) FROM sessions d JOIN copied c USING (set, session)
		   WHERE c.s IS NOT DISTINCT FROM d.s),
		  (SELECT count(*) FROM sessions), 'every summary reads back from COPY BINARY unchanged');
CREATE TEMP TABLE one_summary (s agreement_summary);
-- version; 1 item; 2 values; 1.0 and 2.0 as doubles; o_11 = 0, o_12 = L,
-- o_22 = 0 as 128-bit sums, L = 72201776446800 = 0x41AAC93CBD50: the
-- item (1, 2)
SELECT lives_ok($$SELECT pg_temp.load_binary('\x01'::bytea
		|| decode('0000000000000001' || '00000002'
				  || '3ff0000000000000' || '4000000000000000'
				  || '0000000000000000' || '0000000000000000'
				  || '0000000000000000' || '000041aac93cbd50'
				  || '0000000000000000' || '0000000000000000', 'hex'))$$,
		'a valid binary agreement_summary loads');
SELECT is((SELECT s FROM one_summary), agreement_agg('{1,2}'::float8[]),
		  'and holds the item it was sent');
SELECT throws_ok($$SELECT pg_temp.load_binary('\x01'::bytea
		|| decode('0000000000000001' || '00000002' || '3ff0000000000000', 'hex'))$$,
		'22P03', NULL, 'a truncated binary value raises 22P03');

SELECT * FROM finish();
ROLLBACK;
