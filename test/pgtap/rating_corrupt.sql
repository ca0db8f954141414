-- A corrupt rating_summary (storage corruption, or an incompatible build)
-- raises XX001 wherever it is read, and never crashes the server or
-- returns garbage.  The values are written as raw bytes: a type that
-- reads hex as bytea does, with rating_summary's alignment, and a
-- binary-coercible cast from it to rating_summary, both of which only a
-- superuser may create.  They live in this transaction only.
BEGIN;
SELECT plan(9);

SET LOCAL client_min_messages = warning;
CREATE TYPE raw_rating_bytes;
CREATE FUNCTION raw_rating_bytes_in(cstring) RETURNS raw_rating_bytes
	AS 'byteain' LANGUAGE internal IMMUTABLE STRICT;
CREATE FUNCTION raw_rating_bytes_out(raw_rating_bytes) RETURNS cstring
	AS 'byteaout' LANGUAGE internal IMMUTABLE STRICT;
CREATE TYPE raw_rating_bytes (INPUT = raw_rating_bytes_in, OUTPUT = raw_rating_bytes_out,
							  INTERNALLENGTH = VARIABLE, ALIGNMENT = double, STORAGE = plain);
CREATE CAST (raw_rating_bytes AS rating_summary) WITHOUT FUNCTION;
RESET client_min_messages;

-- The in-memory layout: a 4-byte varlena header (added by byteain), the
-- layout version, kind, scale and reserved bytes, then ten int64 counters
-- in the machine's byte order, here 1 for each point of the scale and 0
-- past it (as the server writes them), written little-endian as on
-- every platform CI runs (amd64, arm64); any but the first `bytes` bytes
-- are cut off.
CREATE FUNCTION pg_temp.raw_rating(version integer, kind integer, scale integer,
								   reserved integer DEFAULT 0, bytes integer DEFAULT 84)
RETURNS rating_summary LANGUAGE sql STRICT AS $$
	SELECT ('\x' || substr(lpad(to_hex(version), 2, '0') || lpad(to_hex(kind), 2, '0') ||
							lpad(to_hex(scale), 2, '0') || lpad(to_hex(reserved), 2, '0') ||
							repeat('0100000000000000', least(scale, 10)) ||
							repeat('0000000000000000', 10 - least(scale, 10)),
							1, 2 * bytes))::raw_rating_bytes::rating_summary
$$;
REVOKE ALL ON FUNCTION pg_temp.raw_rating(integer, integer, integer, integer, integer) FROM PUBLIC;

-- The helper writes valid values as the server does: kind 1 (csat) on 1..5
-- with one answer per point is 40% satisfied; kind 3 (ces, lower is easier)
-- on 1..7 is 2/7 easy.
SELECT is(csat(pg_temp.raw_rating(1, 1, 5)), 40::float8, 'the helper writes a valid CSAT value');
SELECT is(pg_temp.raw_rating(1, 3, 7)::text,
		  'v2 kind=ces scale=7 lower_is_easier=true counts=1,1,1,1,1,1,1',
		  'and a valid CES value; so a value it writes with one wrong byte differs only there');

-- Stored as users store them: in a table.
CREATE TEMP TABLE corrupt (label text, s rating_summary);
INSERT INTO corrupt VALUES
	('kind 0', pg_temp.raw_rating(1, 0, 5)),
	('kind 4', pg_temp.raw_rating(1, 4, 5)),
	('kind 200', pg_temp.raw_rating(1, 200, 5)),
	('scale 0', pg_temp.raw_rating(1, 1, 0)),
	('scale 1', pg_temp.raw_rating(1, 2, 1)),
	('scale 11', pg_temp.raw_rating(1, 3, 11)),
	('scale 200', pg_temp.raw_rating(1, 1, 200)),
	('reserved 1', pg_temp.raw_rating(1, 1, 5, 1)),
	('layout version 2', pg_temp.raw_rating(2, 1, 5)),
	('40 bytes', pg_temp.raw_rating(1, 1, 5, 0, 36));

-- Every function that reads a summary, with %1$s the corrupt value and %2$s
-- a valid one.
CREATE TEMP TABLE calls (call text);
INSERT INTO calls VALUES
	('SELECT csat(%1$s)'), ('SELECT csat(%1$s, 2)'), ('SELECT ces(%1$s)'), ('SELECT mean(%1$s)'),
	('SELECT easy(%1$s)'), ('SELECT responses(%1$s)'), ('SELECT distribution(%1$s)'),
	('SELECT lower_bound(%1$s)'), ('SELECT upper_bound(%1$s, 0.9)'), ('SELECT status(%1$s, 3)'),
	('SELECT %1$s::text'), ('SELECT %1$s::jsonb'), ('SELECT rating_summary_send(%1$s)'),
	('SELECT difference(%1$s, %2$s)'), ('SELECT difference(%2$s, %1$s)'),
	('SELECT difference_lower_bound(%1$s, %2$s)'), ('SELECT difference_upper_bound(%2$s, %1$s)'),
	('SELECT p_value(%1$s, %2$s)'),
	-- rollup() copies its first value into its state without calling us
	('SELECT rollup(s) FROM (VALUES (%1$s)) v(s)'),
	('SELECT rollup(s) FROM (VALUES (%1$s), (%2$s)) v(s)'),
	('SELECT rollup(s) FROM (VALUES (%2$s), (%1$s)) v(s)'),
	('SELECT rollup(s) OVER (ORDER BY i ROWS 1 PRECEDING) FROM (VALUES (1, %2$s), (2, %1$s), (3, %2$s)) v(i, s)'),
	('SELECT csat_agg_trans(%1$s, 1)'), ('SELECT csat_agg_trans(%1$s, 1, 5)'),
	('SELECT ces_agg_trans(%1$s, 1)'), ('SELECT ces_agg_trans(%1$s, 1, 5, true)'),
	('SELECT rating_agg_inverse(%1$s, 1)'), ('SELECT rating_agg_inverse(%1$s, 1, 5)'),
	('SELECT rating_summary_merge(%1$s, %2$s)'), ('SELECT rating_summary_merge(%2$s, %1$s)'),
	('SELECT rating_summary_unmerge(%1$s, %2$s)'), ('SELECT rating_summary_unmerge(%2$s, %1$s)'),
	('SELECT rating_summary_final(%1$s)');

CREATE FUNCTION pg_temp.sqlstate_of(query text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE query;
	RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
	RETURN SQLSTATE;
END $$;

CREATE TEMP TABLE outcomes AS
	SELECT label, call,
		   pg_temp.sqlstate_of(format(call, format('(SELECT s FROM corrupt WHERE label = %L)', label),
									  '''v2 kind=csat scale=5 counts=1,1,1,1,1''::rating_summary')) AS state
	FROM corrupt, calls;

SELECT is((SELECT count(*) FROM outcomes), 330::bigint, '10 corrupt values through 33 calls');
SELECT is((SELECT string_agg(format(call, label, 'valid') || ': ' || state, '; ' ORDER BY label, call)
		   FROM outcomes WHERE state <> 'XX001'),
		  NULL, 'every call on every corrupt value raises XX001');
SELECT throws_ok($$SELECT distribution(s) FROM corrupt WHERE label = 'scale 200'$$,
				 'XX001', 'corrupt rating_summary value',
				 'distribution() of a scale byte of 200 raises XX001 rather than reading past the counters');
SELECT throws_ok($$SELECT s::text FROM corrupt WHERE label = 'kind 200'$$,
				 'XX001', 'corrupt rating_summary value',
				 'the text output of a kind byte of 200 raises XX001 rather than reading past the kind names');
SELECT throws_ok($$SELECT rollup(s) FROM corrupt WHERE label = '40 bytes'$$,
				 'XX001', NULL, 'rollup() of a value of the wrong size raises XX001');

-- Only a superuser could write such bytes: the cast needs one.
CREATE ROLE scorecard_corrupt_probe;
SET LOCAL ROLE scorecard_corrupt_probe;
SELECT throws_ok($$CREATE CAST (raw_rating_bytes AS nps_summary) WITHOUT FUNCTION$$, '42501', NULL,
				 'a role that is not superuser cannot create such a cast');
SELECT throws_ok($$SELECT pg_temp.raw_rating(1, 1, 5)$$, '42501', NULL,
				 'nor call the helper');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
