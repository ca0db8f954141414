-- SQLSTATEs that SQL can reach, for nps_summary, rate_summary and
-- queue_summary: support functions called directly (never XX000, never a
-- value that the type's own input would reject), status() checking its
-- target before anything else, and the rule every input function follows
-- (malformed text 22P02, bad binary 22P03, a field out of range 22003).
BEGIN;
SELECT plan(41);

\ir helpers/binary_copy.psql

-- Values used below, each checked by hand against its text.
CREATE TEMP TABLE v AS SELECT
	'v1 counts=0,0,0,0,0,0,0,0,0,0,0'::nps_summary AS nps_empty,
	'v1 counts=0,0,0,0,0,0,0,0,0,0,1'::nps_summary AS nps_one_ten,
	-- total 2^63 - 2: one more answer reaches the limit exactly
	'v1 counts=0,0,0,0,0,0,0,0,0,1,9223372036854775805'::nps_summary AS nps_near,
	-- total 2^63 - 1: no answer fits any more
	'v1 counts=0,0,0,0,0,1,0,0,0,1,9223372036854775805'::nps_summary AS nps_full,
	'v1 true=0 false=0'::rate_summary AS rate_empty,
	'v1 true=4611686018427387904 false=4611686018427387903'::rate_summary AS rate_full,
	-- one call answered at 0 s (within the 20 s target), one at 30 s (late)
	'v1 target_us=20000000 short_abandon_us=5000000 answered=1,1 abandoned=0,0 answered_wait_us=30000000'::queue_summary AS queue_two,
	'v1 target_us=20000000 short_abandon_us=5000000 answered=0,1 abandoned=0,9223372036854775806 answered_wait_us=30000000'::queue_summary AS queue_full;

-- Taking out what was never put in: 22023, not an internal error.
SELECT throws_ok($$SELECT rate_agg_inverse('v1 true=0 false=0', true)$$, '22023',
				 'cannot take out of a rate_summary what it does not hold',
				 'rate_agg_inverse of an answer the summary does not hold raises 22023');
SELECT throws_ok($$SELECT nps_agg_inverse(nps_one_ten, 9) FROM v$$, '22023', NULL,
				 'nps_agg_inverse of a score the summary does not hold raises 22023');
SELECT throws_ok($$SELECT nps_summary_unmerge(nps_empty, nps_one_ten) FROM v$$, '22023', NULL,
				 'nps_summary_unmerge(empty, non-empty) raises 22023');
SELECT throws_ok($$SELECT rate_summary_unmerge(rate_empty, 'v1 true=0 false=1') FROM v$$, '22023', NULL,
				 'rate_summary_unmerge(empty, non-empty) raises 22023');
-- An inverse transition with no state at all: 22004.
SELECT throws_ok($$SELECT nps_agg_inverse(NULL, 5)$$, '22004', NULL,
				 'nps_agg_inverse(NULL, 5) raises 22004');
SELECT throws_ok($$SELECT rate_agg_inverse(NULL, true)$$, '22004', NULL,
				 'rate_agg_inverse(NULL, true) raises 22004');
SELECT throws_ok($$SELECT queue_agg_inverse(NULL, 1.0, true)$$, '22004', NULL,
				 'queue_agg_inverse(NULL, 1.0, true) raises 22004');
-- What an inverse may take out, it does.
SELECT is((SELECT nps_agg_inverse(nps_one_ten, 10)::text FROM v),
		  'v1 counts=0,0,0,0,0,0,0,0,0,0,0', 'nps_agg_inverse takes out a score it holds');
SELECT is((SELECT queue_agg_inverse(queue_two, 30.0, true)::text FROM v),
		  'v1 target_us=20000000 short_abandon_us=5000000 answered=1,0 abandoned=0,0 answered_wait_us=0',
		  'queue_agg_inverse takes out a call it holds');

-- Queue inverses that would leave waits no calls could have: taking out a
-- call answered at 20 s (within target) leaves 10 s for the late call,
-- which waited more than 20 s; taking out a late call of 31 s takes out
-- more than the 30 s held.
SELECT throws_ok($$SELECT queue_agg_inverse(queue_two, 20.0, true) FROM v$$, '22023', NULL,
				 'queue_agg_inverse leaving an impossible wait raises 22023');
SELECT throws_ok($$SELECT queue_agg_inverse(queue_two, 31.0, true) FROM v$$, '22023', NULL,
				 'queue_agg_inverse taking out more wait than the summary holds raises 22023');
SELECT throws_ok($$SELECT queue_summary_unmerge(queue_two,
					'v1 target_us=20000000 short_abandon_us=5000000 answered=1,0 abandoned=0,0 answered_wait_us=20000000') FROM v$$,
				 '22023', NULL, 'queue_summary_unmerge leaving an impossible wait raises 22023');
SELECT throws_ok($$SELECT queue_summary_unmerge(queue_two,
					'v1 target_us=30000000 short_abandon_us=5000000 answered=1,0 abandoned=0,0 answered_wait_us=0') FROM v$$,
				 '22023', NULL, 'queue_summary_unmerge of other thresholds raises 22023');
SELECT throws_ok($$SELECT queue_agg_inverse(queue_two, 1.0, true, 30.0, 5.0) FROM v$$,
				 '22023', NULL, 'queue_agg_inverse of a row of other thresholds raises 22023');

-- Transitions on a summary whose total is at the limit: 22003, where
-- before they stored a value that text input rejects.
SELECT is((SELECT nps_agg_trans(nps_near, 5)::text FROM v),
		  'v1 counts=0,0,0,0,0,1,0,0,0,1,9223372036854775805',
		  'nps_agg_trans reaching a total of 2^63 - 1 is exact');
SELECT throws_ok($$SELECT nps_agg_trans(nps_full, 5) FROM v$$, '22003', NULL,
				 'nps_agg_trans past a total of 2^63 - 1 raises 22003');
SELECT throws_ok($$SELECT rate_agg_trans(rate_full, false) FROM v$$, '22003', NULL,
				 'rate_agg_trans past a total of 2^63 - 1 raises 22003');
SELECT throws_ok($$SELECT queue_agg_trans(queue_full, 1.0, false) FROM v$$, '22003', NULL,
				 'queue_agg_trans past a total of 2^63 - 1 raises 22003');
-- The same through an aggregate of the user's own, started at the limit.
CREATE AGGREGATE pg_temp.nps_from_full(integer) (
	SFUNC = nps_agg_trans, STYPE = nps_summary,
	INITCOND = 'v1 counts=0,0,0,0,0,1,0,0,0,1,9223372036854775805');
SELECT throws_ok($$SELECT pg_temp.nps_from_full(x) FROM (VALUES (1)) t(x)$$, '22003', NULL,
				 'an aggregate of nps_agg_trans past a total of 2^63 - 1 raises 22003');

-- status() checks its target first, whatever the summary holds.
SELECT throws_ok($$SELECT status(aht_agg(5.0), -5)$$, '22003', NULL,
				 'status(aht_agg(5.0), -5) raises 22003');
SELECT throws_ok($$SELECT status(nps_empty, 5000) FROM v$$, '22003', NULL,
				 'status of an empty nps_summary against 5000 raises 22003');
SELECT throws_ok($$SELECT status(rate_empty, 101) FROM v$$, '22003', NULL,
				 'status of an empty rate_summary against 101 raises 22003');
SELECT throws_ok($$SELECT status('v1 target_us=20000000 short_abandon_us=5000000 answered=0,0 abandoned=0,0 answered_wait_us=0'::queue_summary, -1)$$,
				 '22003', NULL, 'status of an empty queue_summary against -1 raises 22003');
SELECT throws_ok($$SELECT status(nps_empty, 50, 1.5) FROM v$$, '22023', NULL,
				 'status of an empty nps_summary at confidence 1.5 raises 22023');
SELECT is((SELECT status(nps_empty, 50) FROM v), NULL,
		  'status of an empty nps_summary against a valid target is NULL');

-- Input: malformed text 22P02, a field out of range 22003, an impossible
-- value 22P02 in text and 22P03 in binary.
SELECT throws_ok($$SELECT 'v1 counts=1,2'::nps_summary$$, '22P02', NULL,
				 'nps_summary: too few counts raise 22P02');
SELECT throws_ok($$SELECT 'v1 counts=0,0,0,0,0,0,0,0,0,0,9223372036854775808'::nps_summary$$, '22003', NULL,
				 'nps_summary: a count past 2^63 - 1 raises 22003');
SELECT throws_ok($$SELECT 'v1 true=1'::rate_summary$$, '22P02', NULL,
				 'rate_summary: a missing field raises 22P02');
SELECT throws_ok($$SELECT 'v1 true=-1 false=0'::rate_summary$$, '22003', NULL,
				 'rate_summary: a negative count raises 22003');
SELECT throws_ok($$SELECT 'v1 target_us=-1 short_abandon_us=0 answered=0,0 abandoned=0,0 answered_wait_us=0'::queue_summary$$,
				 '22003', NULL, 'queue_summary: a negative target raises 22003');
SELECT throws_ok($$SELECT 'v2 counts=0,0,0,0,0,0,0,0,0,0,0'::nps_summary$$, '22P02', NULL,
				 'nps_summary: an unknown format version raises 22P02');

-- The sums are possible for the counts.  A late answer waited more than the
-- target, so there is none when the target is 2^63 - 1 microseconds.
SELECT throws_ok($$SELECT 'v1 target_us=9223372036854775807 short_abandon_us=5000000 answered=1,1 abandoned=0,0 answered_wait_us=9223372036854775808'::queue_summary$$,
				 '22P02', 'invalid queue_summary value',
				 'queue_summary: a late answer against the largest target raises 22P02');
SELECT throws_ok($$SELECT 'v1 target_us=20000000 short_abandon_us=5000000 answered=0,2 abandoned=0,0 answered_wait_us=40000001'::queue_summary$$,
				 '22P02', 'invalid queue_summary value',
				 'queue_summary: two late answers waiting 40.000001 s in all raise 22P02');
SELECT is('v1 target_us=20000000 short_abandon_us=5000000 answered=0,2 abandoned=0,0 answered_wait_us=40000002'::queue_summary::text,
		  'v1 target_us=20000000 short_abandon_us=5000000 answered=0,2 abandoned=0,0 answered_wait_us=40000002',
		  'queue_summary: two late answers waiting 40.000002 s in all are possible');
SELECT throws_ok($$SELECT 'v1 target_us=20000000 short_abandon_us=5000000 answered=0,0 abandoned=0,0 answered_wait_us=1'::queue_summary$$,
				 '22P02', 'invalid queue_summary value',
				 'queue_summary: a wait with no answered call raises 22P02');
SELECT throws_ok($$SELECT 'v1 target_us=20000000 short_abandon_us=0 answered=0,0 abandoned=1,0 answered_wait_us=0'::queue_summary$$,
				 '22P02', 'invalid queue_summary value',
				 'queue_summary: a short abandon under a threshold of 0 raises 22P02');

-- Binary: the same rule.
CREATE TEMP TABLE one_summary (s nps_summary);
SELECT throws_ok($$SELECT pg_temp.load_binary('\x01'::bytea || int8send(1))$$, '22P03', NULL,
				 'nps_summary: a truncated binary value raises 22P03');
SELECT throws_ok($$SELECT pg_temp.load_binary('\x02'::bytea)$$, '22P03', NULL,
				 'nps_summary: an unknown binary version raises 22P03');
SELECT throws_ok($$SELECT pg_temp.load_binary('\x01'::bytea || int8send(-1) || int8send(0) || int8send(0)
											  || int8send(0) || int8send(0) || int8send(0) || int8send(0)
											  || int8send(0) || int8send(0) || int8send(0) || int8send(0))$$,
				 '22003', NULL, 'nps_summary: a negative count in binary raises 22003');
DROP TABLE one_summary;
CREATE TEMP TABLE one_summary (s queue_summary);
-- target 2^63 - 1 us, short abandon 5 s, one answered within and one late
SELECT throws_ok($$SELECT pg_temp.load_binary('\x01'::bytea || int8send(9223372036854775807) || int8send(5000000)
											  || int8send(1) || int8send(1) || int8send(0) || int8send(0)
											  || int8send(0) || int8send(-9223372036854775808))$$,
				 '22P03', 'invalid queue_summary value',
				 'queue_summary: a late answer against the largest target raises 22P03 in binary');
SELECT throws_ok($$SELECT pg_temp.load_binary('\x01'::bytea || int8send(-1) || int8send(5000000)
											  || int8send(0) || int8send(0) || int8send(0) || int8send(0)
											  || int8send(0) || int8send(0))$$,
				 '22003', NULL, 'queue_summary: a negative target in binary raises 22003');

SELECT * FROM finish();
ROLLBACK;
