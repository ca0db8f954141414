-- Corrupt stored values: a summary whose layout version and size are right
-- but whose header or fields no input function could have produced (a kind
-- or scale byte on a type that uses neither, a reserved byte, a negative
-- count, counts whose total passes 2^63 - 1, an impossible queue wait)
-- raises XX001 wherever it is read: output, accessors, rollup (its first
-- value is copied into the state without a call), moving windows, and
-- every support function.  Never a crash, never a figure.
--
-- The bytes are written through functions that only a superuser can create:
-- LANGUAGE internal, byteasend, which returns its argument's bytes as they
-- are, declared to take or return a summary.  They exist only in this
-- transaction, which rolls back.
BEGIN;

DO $$
DECLARE t text;
BEGIN
	FOREACH t IN ARRAY ARRAY['nps_summary', 'rate_summary', 'queue_summary'] LOOP
		EXECUTE format('CREATE FUNCTION pg_temp.to_%1$s(bytea) RETURNS %1$s
						LANGUAGE internal IMMUTABLE STRICT AS %2$L', t, 'byteasend');
		EXECUTE format('CREATE FUNCTION pg_temp.bytes(%1$s) RETURNS bytea
						LANGUAGE internal IMMUTABLE STRICT AS %2$L', t, 'byteasend');
	END LOOP;
END $$;

-- Each type: a valid value, and the calls that read a summary, with %1$s
-- standing for the corrupt value and %2$s for the valid one.
CREATE TEMP TABLE types (type_name text, good text, calls text[]);
INSERT INTO types VALUES
	('nps_summary', 'v1 counts=1,0,0,0,0,0,0,0,0,0,2', ARRAY[
		'SELECT nps(%1$s)', 'SELECT promoters(%1$s)', 'SELECT distribution(%1$s)',
		'SELECT difference(%2$s, %1$s)',
		'SELECT nps_agg_trans(%1$s, 5)', 'SELECT nps_agg_inverse(%1$s, 0)',
		'SELECT nps_summary_merge(%1$s, %2$s)', 'SELECT nps_summary_merge(%2$s, %1$s)',
		'SELECT nps_summary_unmerge(%1$s, %2$s)', 'SELECT nps_summary_unmerge(%2$s, %1$s)',
		'SELECT nps_summary_final(%1$s)']),
	('rate_summary', 'v1 true=2 false=1', ARRAY[
		'SELECT percent(%1$s)', 'SELECT successes(%1$s)', 'SELECT p_value(%2$s, %1$s)',
		'SELECT difference(%2$s, %1$s)',
		'SELECT rate_agg_trans(%1$s, true)', 'SELECT rate_agg_inverse(%1$s, true)',
		'SELECT rate_summary_merge(%1$s, %2$s)', 'SELECT rate_summary_merge(%2$s, %1$s)',
		'SELECT rate_summary_unmerge(%1$s, %2$s)', 'SELECT rate_summary_unmerge(%2$s, %1$s)',
		'SELECT rate_summary_final(%1$s)']),
	('queue_summary', 'v1 target_us=20000000 short_abandon_us=5000000 answered=1,1 abandoned=1,1 answered_wait_us=30000000', ARRAY[
		'SELECT service_level(%1$s)', 'SELECT abandonment_rate(%1$s)', 'SELECT asa(%1$s)',
		'SELECT offered(%1$s)',
		'SELECT queue_agg_trans(%1$s, 1.0, true)', 'SELECT queue_agg_inverse(%1$s, 0.0, true)',
		'SELECT queue_summary_merge(%1$s, %2$s)', 'SELECT queue_summary_merge(%2$s, %1$s)',
		'SELECT queue_summary_unmerge(%1$s, %2$s)', 'SELECT queue_summary_unmerge(%2$s, %1$s)',
		'SELECT queue_summary_final(%1$s)'])
;
-- Calls every type has.
UPDATE types SET calls = calls || ARRAY[
	'SELECT %1$s::text', 'SELECT %1$s::jsonb', 'SELECT lower_bound(%1$s)',
	'SELECT status(%1$s, 50)',
	'SELECT rollup(s) FROM (VALUES (%1$s)) v(s)',
	'SELECT rollup(s) FROM (VALUES (%1$s), (%2$s)) v(s)',
	'SELECT rollup(s) FROM (VALUES (%2$s), (%1$s)) v(s)',
	'SELECT rollup(s) OVER (ORDER BY i ROWS 1 PRECEDING) FROM (VALUES (1, %2$s), (2, %2$s), (3, %1$s)) v(i, s)'];

-- The corrupt values: bytes of a valid value (after the varlena header:
-- version, kind, scale, reserved, then the fields in memory order, little
-- endian on the machines Debian tests) with one thing changed.
CREATE TEMP TABLE corrupt (type_name text, what text, bytes bytea);
CREATE FUNCTION pg_temp.good_bytes(type_name text, value text) RETURNS bytea
LANGUAGE plpgsql AS $$
DECLARE b bytea;
BEGIN
	EXECUTE format('SELECT pg_temp.bytes(%L::%s)', value, type_name) INTO b;
	RETURN b;
END $$;
INSERT INTO corrupt
	SELECT type_name, what, bytes
	FROM types, pg_temp.good_bytes(type_name, good) g,
	LATERAL (VALUES ('a kind byte of 7', set_byte(g, 1, 7)),
					('a scale byte of 200', set_byte(g, 2, 200)),
					('a reserved byte of 1', set_byte(g, 3, 1))) c(what, bytes);
-- a negative count: the top byte of the first count (of the target, for
-- queue_summary, which comes first)
INSERT INTO corrupt
	SELECT type_name, 'a negative first field', set_byte(g, 11, 128)
	FROM types, pg_temp.good_bytes(type_name, good) g;
-- counts whose total passes 2^63 - 1: 2^63 - 1 in one, 1 in another
INSERT INTO corrupt VALUES
	('nps_summary', 'counts adding up past 2^63 - 1',
	 set_byte(pg_temp.good_bytes('nps_summary', 'v1 counts=0,0,0,0,0,0,0,0,0,0,9223372036854775807'), 4, 1)),
	('rate_summary', 'counts adding up past 2^63 - 1',
	 set_byte(pg_temp.good_bytes('rate_summary', 'v1 true=9223372036854775807 false=0'), 4, 1)),
	('queue_summary', 'counts adding up past 2^63 - 1',
	 set_byte(pg_temp.good_bytes('queue_summary',
		'v1 target_us=20000000 short_abandon_us=5000000 answered=0,0 abandoned=0,9223372036854775807 answered_wait_us=0'), 20, 1));
-- queue_summary: the lowest byte of the answered wait (the last 16 bytes)
-- set in a summary of no answered calls, which cannot have waited at all
INSERT INTO corrupt
	SELECT 'queue_summary', 'a wait with no answered call', set_byte(b, length(b) - 16, 1)
	FROM pg_temp.good_bytes('queue_summary',
		'v1 target_us=20000000 short_abandon_us=5000000 answered=0,0 abandoned=1,1 answered_wait_us=0') b;

SELECT plan((SELECT count(*)::integer FROM corrupt JOIN types USING (type_name),
			 unnest(calls)) + 3);

-- The helpers make what they should: valid bytes read back as the value,
-- and the bytes changed below are the fields the comments name.
SELECT is((SELECT pg_temp.to_nps_summary(pg_temp.good_bytes('nps_summary', good))::text FROM types
		   WHERE type_name = 'nps_summary'),
		  'v1 counts=1,0,0,0,0,0,0,0,0,0,2', 'nps_summary bytes read back as the value');
SELECT is(pg_temp.to_queue_summary(set_byte(pg_temp.good_bytes('queue_summary',
			'v1 target_us=20000000 short_abandon_us=5000000 answered=1,0 abandoned=0,0 answered_wait_us=0'),
			length(pg_temp.good_bytes('queue_summary', 'v1 target_us=0 short_abandon_us=0 answered=0,0 abandoned=0,0 answered_wait_us=0')) - 16, 7))
		  ::text,
		  'v1 target_us=20000000 short_abandon_us=5000000 answered=1,0 abandoned=0,0 answered_wait_us=7',
		  'the changed queue byte is the lowest of the answered wait');
SELECT is(pg_temp.to_rate_summary(set_byte(pg_temp.good_bytes('rate_summary', 'v1 true=0 false=0'), 4, 3))::text,
		  'v1 true=0 false=3', 'the changed rate byte is the lowest of the first count');

SELECT throws_ok(format(call,
						format('pg_temp.to_%s(%L::bytea)', type_name, bytes),
						format('%L::%s', good, type_name)),
				 'XX001', NULL, format('%s with %s: %s', type_name, what, call))
FROM corrupt JOIN types USING (type_name), unnest(calls) call
ORDER BY type_name, what, call;

SELECT * FROM finish();
ROLLBACK;
