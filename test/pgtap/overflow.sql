-- Counts near the 64-bit limit, for every summary type, built through text
-- input: merges that would overflow raise 22003, merges that reach the
-- limit exactly give exactly the limit, and input beyond it is refused.
BEGIN;

-- To cover a new summary type, add a row: its name and a text value with
-- two %s slots for counts (which counts they are does not matter, as long
-- as both add to the summary's total).
CREATE TEMP TABLE overflow_types (type_name text, template text);
INSERT INTO overflow_types VALUES
	('nps_summary', 'v1 counts=0,0,0,0,0,%s,0,0,0,0,%s'),
	('rating_summary', 'v1 kind=csat scale=5 counts=%s,0,0,0,%s'),
	('rate_summary', 'v1 true=%s false=%s'),
	('queue_summary', 'v1 target_us=20000000 short_abandon_us=5000000 answered=%s,0 abandoned=0,%s answered_wait_us=0'),
	('calibration_summary', 'v1 tolerance_nanopoints=0 within=%s outside=%s over_nanopoints=0 under_nanopoints=0');

SELECT plan(5 * (SELECT count(*)::integer FROM overflow_types));

CREATE FUNCTION pg_temp.val(type_name text, template text, a text, b text)
RETURNS text LANGUAGE sql AS $$
	SELECT format('%L::%s', format(template, a, b), type_name)
$$;
CREATE FUNCTION pg_temp.merge_sql(type_name text, template text,
								  a1 text, b1 text, a2 text, b2 text)
RETURNS text LANGUAGE sql AS $$
	SELECT format('SELECT rollup(s)::text FROM (VALUES (%s), (%s)) v(s)',
				  pg_temp.val(type_name, template, a1, b1),
				  pg_temp.val(type_name, template, a2, b2))
$$;

SELECT throws_ok(pg_temp.merge_sql(type_name, template,
								   '9223372036854775807', '0', '1', '0'),
				 '22003', NULL, type_name || ': a merged count past 2^63 - 1 raises 22003')
FROM overflow_types;
SELECT throws_ok(pg_temp.merge_sql(type_name, template,
								   '9223372036854775807', '0', '0', '1'),
				 '22003', NULL, type_name || ': a merged total past 2^63 - 1 raises 22003')
FROM overflow_types;
SELECT results_eq(pg_temp.merge_sql(type_name, template,
									'9223372036854775806', '0', '1', '0'),
				  format('SELECT (%s)::text',
						 pg_temp.val(type_name, template, '9223372036854775807', '0')),
				  type_name || ': a merge that reaches 2^63 - 1 exactly is exact')
FROM overflow_types;
SELECT throws_ok(format('SELECT %s', pg_temp.val(type_name, template,
												 '9223372036854775808', '0')),
				 '22003', NULL, type_name || ': a count of 2^63 in text raises 22003')
FROM overflow_types;
SELECT throws_ok(format('SELECT %s', pg_temp.val(type_name, template,
												 '9223372036854775807', '1')),
				 '22003', NULL, type_name || ': counts whose total passes 2^63 - 1 raise 22003')
FROM overflow_types;

SELECT * FROM finish();
ROLLBACK;
