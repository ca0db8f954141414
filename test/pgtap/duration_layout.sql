-- duration_summary's stored layout and its checks (issue 12): sparse or
-- dense bucket counts, whichever is smaller, so that a hash aggregate's
-- states stay within work_mem; values stored by 0.1.0 (layout 1) converted
-- on the fly; inverse transitions that refuse to take out what was never
-- put in; sums checked against the bucket bounds; corrupt values raising
-- XX001; moving windows whose frames empty out and refill.
BEGIN;
SELECT plan(44);

-- Byte offsets in a value (after the 4-byte varlena header, as bytea sees
-- it): version 0, form 1, count width 2, reserved 3, responses 4, zeros 12,
-- minimum 20, maximum 28, sum 36, sum of squares 52, first bucket 68,
-- number of buckets 72, counts from 76.  Superuser-only helpers (internal
-- functions, rolled back with the suite) read and write those bytes: they
-- copy a value's bytes as they are, as byteacat does.
CREATE FUNCTION pg_temp.cat_summary(duration_summary, bytea) RETURNS bytea
	LANGUAGE internal IMMUTABLE STRICT AS 'byteacat';
CREATE FUNCTION pg_temp.cat_bytes(bytea, bytea) RETURNS duration_summary
	LANGUAGE internal IMMUTABLE STRICT AS 'byteacat';
CREATE FUNCTION pg_temp.bytes(s duration_summary) RETURNS bytea LANGUAGE sql
	AS $$ SELECT pg_temp.cat_summary(s, '') $$;
CREATE FUNCTION pg_temp.summary(b bytea) RETURNS duration_summary LANGUAGE sql
	AS $$ SELECT pg_temp.cat_bytes(b, '') $$;
-- an int4 as its four bytes, least significant first (x86 and arm64 order)
CREATE FUNCTION pg_temp.le4(x integer) RETURNS bytea LANGUAGE sql AS $$
	SELECT decode(string_agg(lpad(to_hex((x >> (8 * i)) & 255), 2, '0'), '' ORDER BY i), 'hex')
	FROM generate_series(0, 3) i $$;

------------------------------------------------------------------------
-- 1. Memory follows what a state holds.
------------------------------------------------------------------------

-- The issue's groups: 1 s, 11.6 days and 285,000 years (secs * 1e6) fall in
-- buckets 698, 1396 and 2204 (ceil(ln(us) / ln(1.02))).  Dense, that was 80
-- bytes and 1507 counts of 4 bytes, 6108 bytes; sparse, it is 80 bytes and
-- three 4-byte counts with three 2-byte bucket numbers: 98.
CREATE TEMP TABLE grow AS SELECT k, 1.0::float8 secs FROM generate_series(1, 20000) k
 UNION ALL SELECT k, 0.000001 FROM generate_series(1, 20000) k
 UNION ALL SELECT k, 9000000.0 FROM generate_series(1, 20000) k;
ANALYZE grow;
SELECT is((SELECT pg_column_size(aht_agg(secs * 1e6)) FROM grow WHERE k = 1), 98,
		  'three durations far apart take 98 bytes: 80, and 6 per occupied bucket');
SELECT is((SELECT (s::jsonb) -> 'first_bucket' FROM (SELECT aht_agg(secs * 1e6) AS s FROM grow
													 WHERE k = 1) x),
		  '698'::jsonb, 'the lowest of them is bucket 698');
SELECT is((SELECT jsonb_array_length((s::jsonb) -> 'counts')
		   FROM (SELECT aht_agg(secs * 1e6) AS s FROM grow WHERE k = 1) x),
		  2204 - 698 + 1, 'and the jsonb form still shows every bucket from 698 to 2204');
-- The hash aggregate: 20,000 groups at work_mem = 1MB.  States of 98 bytes
-- leave PostgreSQL's limit in force; states of 6 kB grown in place held
-- about 240 MB before.
CREATE FUNCTION pg_temp.hash_peak_kb(query text) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
	plan json;
BEGIN
	EXECUTE 'EXPLAIN (ANALYZE, FORMAT JSON) ' || query INTO plan;
	RETURN (plan -> 0 -> 'Plan' ->> 'Peak Memory Usage')::bigint;
END $$;
SET LOCAL work_mem = '1MB';
SET LOCAL enable_sort = off;
SELECT cmp_ok(pg_temp.hash_peak_kb('SELECT k, aht_agg(secs * 1e6) FROM grow GROUP BY k'),
			  '<', 2048::bigint, 'a hash aggregate of aht_agg stays under twice work_mem');
RESET work_mem;
RESET enable_sort;
SELECT is((SELECT count(*) FROM (SELECT k, aht_agg(secs * 1e6) AS s FROM grow GROUP BY k) g
		   WHERE (responses(s), total(s), minimum(s), maximum(s))
				 IS DISTINCT FROM (3::bigint, 9000001000001::float8, 1::float8, 9000000000000::float8)),
		  0::bigint, 'and every group has its three durations');

-- Canonical: the form is a function of the counts.  Two durations in
-- buckets 698 and 700: dense 80 + 3 * 4 = 92 bytes, sparse 80 + 2 * 6 = 92,
-- a tie, which goes to the dense form; in buckets 698 and 701, dense 96 and
-- sparse 92.
SELECT is((SELECT pg_column_size(aht_agg(x)) FROM (VALUES (1.0), (1.0404)) v(x)), 92,
		  'buckets 698 and 700: 92 bytes either way');
SELECT is((SELECT get_byte(pg_temp.bytes(aht_agg(x)), 1) FROM (VALUES (1.0), (1.0404)) v(x)), 0,
		  'and the tie goes to the dense form');
SELECT is((SELECT get_byte(pg_temp.bytes(aht_agg(x)), 1) FROM (VALUES (1.0), (1.0612)) v(x)), 1,
		  'buckets 698 and 701 are sparse');
-- A summary that fills up, in any order, by rows, merges or inverse
-- transitions, is the same bytes.
CREATE TEMP TABLE filling AS
	SELECT g, exp(ln(1.02) * (698 + (g * 79) % 120)) AS secs FROM generate_series(1, 400) g;
SELECT is((SELECT count(DISTINCT pg_temp.bytes(s)) FROM (
			   SELECT aht_agg(secs ORDER BY g) AS s FROM filling
			   UNION ALL SELECT aht_agg(secs ORDER BY g DESC) FROM filling
			   UNION ALL SELECT rollup(p) FROM (SELECT aht_agg(secs) AS p FROM filling
												GROUP BY g % 7) x
			   UNION ALL SELECT s FROM (
				   SELECT g, aht_agg(secs) OVER (ORDER BY g ROWS BETWEEN CURRENT ROW
												 AND UNBOUNDED FOLLOWING) AS s
				   FROM (SELECT g, secs FROM filling
						 UNION ALL SELECT 1000 + g, secs FROM filling WHERE g <= 40) y) z
			   WHERE g = 41) all_ways),
		  1::bigint, 'rows in any order, merges and inverse transitions give identical bytes');
SELECT is((SELECT get_byte(pg_temp.bytes(aht_agg(secs)), 1) FROM filling), 0,
		  'and 400 durations in 120 buckets are dense');
SELECT is((SELECT get_byte(pg_temp.bytes(aht_agg(secs)), 1) FROM filling WHERE g <= 20), 1,
		  '20 of them are sparse');

-- 0.1.0's layout (version 1, dense counts only) reads as the same summary.
-- It is rebuilt here from a sparse value: the same header and sums, then
-- every count from the lowest occupied bucket to the highest.
CREATE TEMP TABLE sparse_now AS
	SELECT aht_agg(x) AS s FROM (VALUES (1.0), (1.0), (1000.0), (0)) v(x);
CREATE TEMP TABLE stored_v1 AS
	SELECT pg_temp.summary(set_byte(set_byte(substr(pg_temp.bytes(s), 1, 68), 0, 1), 1, 0)
			|| pg_temp.le4(698) || pg_temp.le4(1047 - 698 + 1)
			|| pg_temp.le4(2) || decode(repeat('00', 4 * (1047 - 698 - 1)), 'hex')
			|| pg_temp.le4(1)) AS v1
	FROM sparse_now;
SELECT is((SELECT get_byte(pg_temp.bytes(s), 1) FROM sparse_now), 1, 'the value of now is sparse');
SELECT is((SELECT pg_column_size(v1) FROM stored_v1), 80 + 350 * 4,
		  'its 0.1.0 layout holds 350 counts');
SELECT ok((SELECT v1 = s AND NOT v1 <> s FROM stored_v1, sparse_now),
		  'a value in 0.1.0''s layout equals the same summary now');
SELECT is((SELECT (v1::text, mean(v1), percentile(v1, 0.5), responses(v1), v1::jsonb)::text
		   FROM stored_v1),
		  (SELECT (s::text, mean(s), percentile(s, 0.5), responses(s), s::jsonb)::text
		   FROM sparse_now),
		  'and reads the same: text, figures and jsonb');
SELECT ok((SELECT duration_summary_hash(v1) = duration_summary_hash(s)
				  AND duration_summary_hash_extended(v1, 7) = duration_summary_hash_extended(s, 7)
				  AND duration_summary_cmp(v1, s) = 0 FROM stored_v1, sparse_now),
		  'and hashes and sorts as it');
SELECT is((SELECT count(DISTINCT v) FROM (SELECT v1 FROM stored_v1 UNION ALL SELECT s FROM sparse_now) x(v)),
		  1::bigint, 'count(DISTINCT) of the two is 1');
SELECT is((SELECT pg_column_size(rollup(v1)) FROM stored_v1, generate_series(1, 2)),
		  80 + 2 * 6, 'rollup converts it: the result is sparse');
SELECT is((SELECT rollup(v) FROM (SELECT v1 FROM stored_v1 UNION ALL SELECT s FROM sparse_now) x(v)),
		  (SELECT aht_agg(x) FROM (VALUES (1.0), (1.0), (1000.0), (0)) v(x), generate_series(1, 2)),
		  'and merges it with a value of now');

------------------------------------------------------------------------
-- 3. Inverse transitions take out only what was put in.
------------------------------------------------------------------------

SELECT throws_ok($$SELECT aht_agg_inverse(aht_agg(5.0::float8), 2.0::float8)$$, '22023', NULL,
				 'aht_agg_inverse of a duration never added raises 22023');
SELECT throws_ok($$SELECT aht_agg_inverse(NULL::duration_summary, 2.0::float8)$$, '22023', NULL,
				 'aht_agg_inverse of a NULL summary raises 22023');
SELECT throws_ok($$SELECT aht_agg_inverse(aht_agg(x), 9.0::float8)
				   FROM (VALUES (1.0::float8), (5.0)) v(x)$$, '22023', NULL,
				 'a duration above the maximum raises 22023');
-- 1, 3 and 5 s less 3.01 s (bucket 754 like 3 s) would leave a minimum of 1,
-- a maximum of 5 and a mean of 2.995 s: no two durations have that.
SELECT throws_ok($$SELECT aht_agg_inverse(aht_agg(x), 3.01::float8)
				   FROM (VALUES (1.0::float8), (3.0), (5.0)) v(x)$$, '22023', NULL,
				 'taking 3.01 s out of 1, 3 and 5 s raises 22023');
SELECT is((SELECT aht_agg_inverse(aht_agg(x), 3.0::float8) FROM (VALUES (1.0::float8), (3.0), (5.0)) v(x)),
		  (SELECT aht_agg(x) FROM (VALUES (1.0::float8), (5.0)) v(x)),
		  'taking 3 s out of 1, 3 and 5 s leaves 1 and 5 s');
SELECT throws_ok($$SELECT duration_summary_unmerge(
					   (SELECT aht_agg(x) FROM (VALUES (1.0::float8), (3.0), (5.0)) v(x)),
					   aht_agg(3.01::float8))$$, '22023', NULL,
				 'unmerging a summary never merged raises 22023');
SELECT throws_ok($$SELECT duration_summary_unmerge(aht_agg(3.0::float8), aht_agg(1000.0::float8))$$,
				 '22023', NULL, 'unmerging durations in a bucket it lacks raises 22023');
SELECT is((SELECT duration_summary_unmerge(
			   (SELECT aht_agg(x) FROM (VALUES (1.0::float8), (3.0), (3.0), (5.0)) v(x)),
			   (SELECT aht_agg(x) FROM (VALUES (3.0::float8), (3.0)) v(x)))),
		  (SELECT aht_agg(x) FROM (VALUES (1.0::float8), (5.0)) v(x)),
		  'unmerging what was merged leaves the rest');

------------------------------------------------------------------------
-- 4. Input checks the sums against the bucket bounds.
------------------------------------------------------------------------

-- One zero and 99 durations in bucket 1047 (0.9905e9 to 1.0103e9 us), the
-- maximum 1000 s: the sum is at least 98 * 0.9905e9 + 1e9 us, not 1e9 (a
-- mean of 10 s).  The sum of squares, 1e18, is what min and max allowed.
SELECT throws_ok($$SELECT 'v1 zeros=1 min=0 max=1000000000 sum=1000000000 sum_squares=1000000000000000000 first_bucket=1047 counts=99'::duration_summary$$,
				 '22P02', NULL, 'a mean of 10 s with 99 of 100 durations near 1000 s raises 22P02');
SELECT lives_ok($$SELECT s::text::duration_summary FROM (SELECT aht_agg(x) AS s FROM
					 (SELECT 0.0::float8 UNION ALL SELECT 1000.0 FROM generate_series(1, 99)) v(x)) y$$,
				'the same counts with their true sums read');
-- 50 durations of 1 s and 50 of 1000 s: a sum of squares of 3e19 us^2 passes
-- the old checks (it lies between min * sum and max * sum, and above
-- sum^2 / n = 2.505e19), but 49 durations of bucket 1047 alone square to
-- more than 4.8e19.
SELECT throws_ok(format('SELECT %L::duration_summary',
						regexp_replace(s::text, 'sum_squares=\d+', 'sum_squares=30000000000000000000')),
				 '22P02', NULL, 'a sum of squares the buckets rule out raises 22P02')
FROM (SELECT aht_agg(x) AS s FROM (SELECT 1.0::float8 FROM generate_series(1, 50)
								   UNION ALL SELECT 1000.0 FROM generate_series(1, 50)) v(x)) y;
-- A sum of 4e10 us lies between max + 99 min and min + 99 max, and the sum
-- of squares 3e19 between min * sum, max * sum and sum^2 / n: the old
-- checks passed; but the buckets call for a sum of at least 49 * 0.99e9.
SELECT throws_ok(format('SELECT %L::duration_summary',
						regexp_replace(regexp_replace(s::text, ' sum=\d+', ' sum=40000000000'),
									   'sum_squares=\d+', 'sum_squares=30000000000000000000')),
				 '22P02', NULL, 'a sum inside min and max but not inside the buckets raises 22P02')
FROM (SELECT aht_agg(x) AS s FROM (SELECT 1.0::float8 FROM generate_series(1, 50)
								   UNION ALL SELECT 1000.0 FROM generate_series(1, 50)) v(x)) y;

------------------------------------------------------------------------
-- 6. A corrupt value raises XX001 wherever it is read.
------------------------------------------------------------------------

-- 60 s, valid: dense, one count in bucket 905.  Then with a count width of
-- 3, an unknown form byte, an unknown version, a first bucket past 2206,
-- and in 0.1.0's layout a count width of 5.
CREATE TEMP TABLE corrupt (what text, v duration_summary);
INSERT INTO corrupt SELECT what, pg_temp.summary(b) FROM (
	SELECT 'width 3', set_byte(pg_temp.bytes(aht_agg(60.0::float8)), 2, 3)
	UNION ALL SELECT 'form 7', set_byte(pg_temp.bytes(aht_agg(60.0::float8)), 1, 7)
	UNION ALL SELECT 'version 9', set_byte(pg_temp.bytes(aht_agg(60.0::float8)), 0, 9)
	UNION ALL SELECT 'bucket 2207', overlay(pg_temp.bytes(aht_agg(60.0::float8))
											placing pg_temp.le4(2207) from 69)
	UNION ALL SELECT 'v1 width 5', set_byte(set_byte(pg_temp.bytes(aht_agg(60.0::float8)), 0, 1), 2, 5)
	UNION ALL SELECT 'sparse unsorted', overlay(pg_temp.bytes(aht_agg(x)) placing '\xff04'::bytea
												from 85)
		FROM (VALUES (1.0::float8), (1000.0)) v(x)) c(what, b);
CREATE FUNCTION pg_temp.corrupt_reads(query text) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
	raised bigint := 0;
	row record;
BEGIN
	FOR row IN SELECT what FROM corrupt LOOP
		BEGIN
			EXECUTE format(query, format('(SELECT v FROM corrupt WHERE what = %L)', row.what));
		EXCEPTION WHEN data_corrupted THEN
			raised := raised + 1;
		END;
	END LOOP;
	RETURN raised;
END $$;
SELECT is(pg_temp.corrupt_reads('SELECT %s::text'), 6::bigint, 'text output raises XX001 for all six');
SELECT is(pg_temp.corrupt_reads('SELECT mean(%s), percentile(%1$s, 0.5)'), 6::bigint,
		  'mean() and percentile() raise XX001');
SELECT is(pg_temp.corrupt_reads('SELECT %s::jsonb'), 6::bigint, 'jsonb raises XX001');
SELECT is(pg_temp.corrupt_reads('SELECT %s = aht_agg(60.0::float8)'), 6::bigint, '= raises XX001');
SELECT is(pg_temp.corrupt_reads('SELECT duration_summary_send(%s)'), 6::bigint,
		  'binary output raises XX001');
SELECT is(pg_temp.corrupt_reads('SELECT rollup(v) FROM (SELECT %s) x(v)'), 6::bigint,
		  'rollup of the corrupt value alone (copied into the state) raises XX001');
SELECT is(pg_temp.corrupt_reads('SELECT rollup(v ORDER BY o) FROM (SELECT %s, 1 UNION ALL SELECT aht_agg(5.0::float8), 2) x(v, o)'),
		  6::bigint, 'rollup with the corrupt value first raises XX001');
SELECT is(pg_temp.corrupt_reads('SELECT aht_agg_trans(%s, 5.0::float8)'), 6::bigint,
		  'aht_agg_trans called on it raises XX001');
SELECT is(pg_temp.corrupt_reads('SELECT aht_agg_inverse(%s, 60.0::float8)'), 6::bigint,
		  'aht_agg_inverse called on it raises XX001');

------------------------------------------------------------------------
-- 2. Moving windows whose frames empty out and refill equal the plain
-- aggregate over every frame.
------------------------------------------------------------------------

-- Durations of every shape (zeros, 1 us, hours, 285,000 years, bursts in one
-- bucket, dense runs), with runs of NULLs longer than the frames, so that
-- frames empty out and refill with differently shaped summaries.
CREATE TEMP TABLE shaped AS
	SELECT g AS id, CASE WHEN g % 17 BETWEEN 5 AND 9 THEN NULL
						 WHEN g % 11 = 0 THEN 0
						 WHEN g % 13 = 0 THEN 9000000000000.0
						 WHEN g % 7 = 0 THEN 0.000001
						 WHEN g % 5 = 0 THEN 60.0
						 ELSE exp(ln(1.02) * (600 + (g * 37) % 500)) / 1e6 END::float8 AS secs
	FROM generate_series(1, 400) g;
SELECT is((SELECT count(*) FROM (
			   SELECT id, aht_agg(secs) OVER (ORDER BY id ROWS 3 PRECEDING) AS s FROM shaped) w
		   WHERE s IS DISTINCT FROM (SELECT aht_agg(secs) FROM shaped b
									 WHERE b.id BETWEEN w.id - 3 AND w.id)),
		  0::bigint, 'aht_agg over ROWS 3 PRECEDING equals each frame, empty ones NULL');
SELECT ok((SELECT count(*) FROM (
			   SELECT aht_agg(secs) OVER (ORDER BY id ROWS 3 PRECEDING) AS s FROM shaped) w
		   WHERE s IS NULL) >= 20, 'and at least 20 frames were empty');
SELECT is((SELECT count(*) FROM (
			   SELECT id, aht_agg(make_interval(secs => secs))
						  OVER (ORDER BY id ROWS BETWEEN 2 PRECEDING AND 1 FOLLOWING) AS s
			   FROM shaped) w
		   WHERE s IS DISTINCT FROM (SELECT aht_agg(make_interval(secs => secs)) FROM shaped b
									 WHERE b.id BETWEEN w.id - 2 AND w.id + 1)),
		  0::bigint, 'aht_agg(interval) over 2 PRECEDING AND 1 FOLLOWING equals each frame');
-- rollup over daily summaries with NULL days and empty summaries between
CREATE TEMP TABLE shaped_days AS
	SELECT id / 4 AS day, CASE WHEN id / 4 % 6 = 3 THEN
							   'v1 zeros=0 min=0 max=0 sum=0 sum_squares=0 first_bucket=0 counts='::duration_summary
						  ELSE aht_agg(secs) END AS s
	FROM shaped GROUP BY 1;
SELECT is((SELECT count(*) FROM (
			   SELECT day, rollup(s) OVER (ORDER BY day ROWS 2 PRECEDING) AS r FROM shaped_days) w
		   WHERE r IS DISTINCT FROM (SELECT rollup(s) FROM shaped_days b
									 WHERE b.day BETWEEN w.day - 2 AND w.day)),
		  0::bigint, 'rollup over ROWS 2 PRECEDING equals each frame, through NULL and empty days');

SELECT * FROM finish();
ROLLBACK;
