-- queue_summary: queue_agg counts, service level in every option
-- combination, abandonment, ASA, intervals, thresholds, text form, jsonb,
-- NULLs, moving windows and errors.  Expected figures were worked out by
-- hand; see the comments.  Forced parallel plans: parallel_queue.sql.
SET extra_float_digits = 0;

CREATE TABLE calls (queue text, wait_s double precision, answered boolean);
INSERT INTO calls VALUES
	-- sales, default thresholds (target 20 s, short abandon 5 s):
	('sales', 0, true),			-- answered within target
	('sales', 8, true),			-- within
	('sales', 20, true),		-- within: a wait of exactly the target meets it
	('sales', 21, true),		-- late
	('sales', 45, true),		-- late
	('sales', 3, false),		-- short abandon
	('sales', 4.999999, false),	-- short abandon
	('sales', 5, false),		-- not short: a short abandon waited less than 5 s
	('sales', 60, false),		-- abandon
	('sales', 120, false),		-- abandon
	('sales', NULL, true),		-- no wait: the row is skipped
	('sales', 10, NULL),		-- no outcome: the row is skipped
	-- billing: only rows that are skipped
	('billing', NULL, false),
	('billing', 12, NULL);

CREATE TABLE by_queue AS
	SELECT queue, queue_agg(wait_s, answered) AS s FROM calls GROUP BY queue;

-- sales: 3 within, 2 late, 2 short abandons, 3 other abandons; billing NULL
SELECT queue, offered(s), answered(s), abandoned(s), short_abandoned(s),
	   responses(s), s IS NULL AS is_null
FROM by_queue ORDER BY queue;

-- service level = 100 * within / (answered + [other abandons] + [short]):
--   defaults (abandons count, short ones not): 3 / (5 + 3)     = 37.5
--   (false, false): answered only:             3 / 5           = 60
--   (true, true): every contact offered:       3 / (5 + 3 + 2) = 30
--   (false, true): answered and short abandons: 3 / (5 + 2)    = 42.8571428571429
SELECT service_level(s) AS sl, service_level(s, true, false) AS sl_tf,
	   service_level(s, false, false) AS sl_ff, service_level(s, true, true) AS sl_tt,
	   service_level(s, false, true) AS sl_ft
FROM by_queue WHERE queue = 'sales';

-- abandonment = 100 * (abandoned - short) / (offered - short) = 3 / 8 = 37.5;
-- with short abandons in both: 5 / 10 = 50
-- ASA: (0 + 8 + 20 + 21 + 45) / 5 = 18.8
SELECT abandonment_rate(s) AS abandon, abandonment_rate(s, false) AS abandon_f,
	   abandonment_rate(s, true) AS abandon_t, asa(s)
FROM by_queue WHERE queue = 'sales';

-- Wilson interval of the default service level, 3 of 8:
--   95%, z = 1.959964: centre (0.375 + z^2/16) / (1 + z^2/8) = 0.415551,
--   half-width z * sqrt(0.375 * 0.625 / 8 + z^2/256) / (1 + z^2/8) = 0.278707
--   -> [13.6844, 69.4258]; 50%, z = 0.674490: [26.9226, 49.4226]
SELECT round(lower_bound(s)::numeric, 4) AS low, round(upper_bound(s)::numeric, 4) AS high,
	   round(lower_bound(s, 0.5)::numeric, 4) AS low50,
	   round(upper_bound(s, 0.5)::numeric, 4) AS high50
FROM by_queue WHERE queue = 'sales';

-- status against a target service level: 10 -> green, 50 -> amber, 80 -> red
SELECT status(s, 10) AS t10, status(s, 50) AS t50, status(s, 80) AS t80
FROM by_queue WHERE queue = 'sales';

-- thresholds of 30 s and 10 s, as intervals: 30 s meets the target,
-- 30.000001 s misses it; 9.999999 s is a short abandon, 10 s is not.
-- ASA is exact: 86460.000001 / 3 = 28820.000000333333..., the double
-- nearest to it
SELECT s::text, answered(s), short_abandoned(s), service_level(s), asa(s),
	   asa(s) = (86460.000001 / 3)::float8 AS asa_exact
FROM (SELECT queue_agg(w, a, '30 s', '10 s') AS s
	  FROM (VALUES (interval '30 s', true), (interval '30.000001 s', true),
				   (interval '9.999999 s', false), (interval '10 s', false),
				   (interval '1 day', true)) v(w, a)) t;

-- the same contacts in seconds give the same summary
SELECT queue_agg(w, a, 30, 10) = queue_agg(w * interval '1 s', a, '30 s', '10 s') AS same
FROM (VALUES (30, true), (30.000001, true), (9.999999, false), (10, false),
			 (86400, true)) v(w, a);

-- the two-argument forms count against 20 s and 5 s
SELECT queue_agg(wait_s, answered) = queue_agg(wait_s, answered, 20, 5) AS seconds,
	   queue_agg(wait_s * interval '1 s', answered)
		 = queue_agg(wait_s * interval '1 s', answered, '20 s', '5 s') AS intervals
FROM calls WHERE queue = 'sales';

-- seconds round to the microsecond before they are compared:
-- 4.9999996 s is 5000000 us, not short; 4.9999994 s is 4999999 us, short
SELECT short_abandoned(queue_agg(4.9999996, false)) AS rounds_up,
	   short_abandoned(queue_agg(4.9999994, false)) AS rounds_down;

-- a target or short-abandon threshold of 0: only waits of 0 meet the
-- target, and no abandon is short
SELECT s::text FROM (SELECT queue_agg(w, a, 0, 0) AS s
					 FROM (VALUES (0, true), (0.000001, true), (0, false)) v(w, a)) t;

-- a NULL threshold is allowed in a row that is skipped anyway
SELECT queue_agg(NULL::float8, true, NULL, NULL) IS NULL AS skipped;

-- NULL summaries: counts 0 (as count() of no rows), figures NULL
SELECT offered(NULL), answered(NULL), abandoned(NULL), short_abandoned(NULL),
	   responses(NULL::queue_summary),
	   service_level(NULL) AS sl, abandonment_rate(NULL) AS abandon, asa(NULL),
	   lower_bound(NULL::queue_summary), status(NULL::queue_summary, 80);
SELECT queue_agg(wait_s, answered) IS NULL AS no_rows FROM calls WHERE false;

-- figures with no contacts to count: only abandons gives no ASA and a
-- service level only with abandons in it; only short abandons gives no
-- default service level or abandonment rate
SELECT asa(s), service_level(s) AS sl, service_level(s, false, false) AS sl_ff,
	   abandonment_rate(s) AS abandon
FROM (SELECT queue_agg(w, false) AS s FROM (VALUES (30), (40)) v(w)) t;
SELECT service_level(s) AS sl, service_level(s, true, true) AS sl_tt,
	   abandonment_rate(s) AS abandon, abandonment_rate(s, true) AS abandon_t,
	   lower_bound(s), status(s, 80)
FROM (SELECT queue_agg(w, false) AS s FROM (VALUES (1), (2)) v(w)) t;

-- text form: thresholds in microseconds, then the answered (within target,
-- late) and abandoned (short, other) counts, then the answered wait in
-- microseconds; it round-trips
SELECT s::text FROM by_queue WHERE queue = 'sales';
SELECT bool_and(s::text::queue_summary = s) AS round_trips FROM by_queue;
SELECT ' v1  target_us=1 short_abandon_us=2  answered=0,0 abandoned=0,0 answered_wait_us=0 '::queue_summary
	AS spaces_allowed;

-- an empty summary is a valid value: counts 0, figures NULL
SELECT offered(e), service_level(e), abandonment_rate(e), asa(e), lower_bound(e)
FROM (SELECT 'v1 target_us=20000000 short_abandon_us=5000000 answered=0,0 abandoned=0,0 answered_wait_us=0'::queue_summary AS e) x;

-- jsonb carries every figure (options at their defaults), count and threshold
SELECT s::jsonb FROM by_queue WHERE queue = 'sales';

-- rollup adds counts and waits
SELECT rollup(s)::text FROM (VALUES
	('v1 target_us=20000000 short_abandon_us=5000000 answered=3,2 abandoned=2,3 answered_wait_us=94000000'::queue_summary),
	('v1 target_us=20000000 short_abandon_us=5000000 answered=1,0 abandoned=0,0 answered_wait_us=6000000')) v(s);
-- a summary of no contacts merges with any as the identity
SELECT rollup(s)::text FROM (VALUES
	('v1 target_us=0 short_abandon_us=0 answered=0,0 abandoned=0,0 answered_wait_us=0'::queue_summary),
	('v1 target_us=20000000 short_abandon_us=5000000 answered=1,0 abandoned=0,0 answered_wait_us=6000000'),
	('v1 target_us=7 short_abandon_us=7 answered=0,0 abandoned=0,0 answered_wait_us=0')) v(s);

-- moving windows: a frame of one row takes each row's thresholds in turn
-- (the emptied state adopts the next row's), as rollup does each summary's
SELECT i, queue_agg(w, true, t, 5) OVER (ORDER BY i ROWS BETWEEN CURRENT ROW AND CURRENT ROW)::text
FROM (VALUES (1, 10, 20), (2, 25, 20), (3, 25, 30), (4, 40, 30)) v(i, w, t) ORDER BY i;
SELECT i, rollup(s) OVER (ORDER BY i ROWS BETWEEN CURRENT ROW AND 1 FOLLOWING)::text
FROM (VALUES (1, (SELECT queue_agg(10, true, 20, 5))), (2, NULL),
			 (3, (SELECT queue_agg(25, true, 30, 5))),
			 (4, (SELECT queue_agg(40, true, 30, 5)))) v(i, s) ORDER BY i;

-- errors: waits out of range (22003)
SELECT queue_agg(interval '-1 s', true);
SELECT queue_agg(-0.5, false);
SELECT queue_agg('NaN'::float8, true);
SELECT queue_agg('Infinity'::float8, true);
-- errors: thresholds out of range or NULL in a counted row (22023)
SELECT queue_agg(interval '3 s', true, interval '-20 s', interval '5 s');
SELECT queue_agg(3, true, 20, 'NaN');
SELECT queue_agg(3, true, NULL, 5);
SELECT queue_agg(3, true, 20, NULL);
-- errors: one summary, two sets of thresholds (22023)
SELECT queue_agg(w, true, t, 5) FROM (VALUES (10, 20), (25, 30)) v(w, t);
SELECT rollup(s) FROM (VALUES ((SELECT queue_agg(10, true, 20, 5))),
							  ((SELECT queue_agg(10, true, 30, 5)))) v(s);
SELECT rollup(s) FROM (VALUES ((SELECT queue_agg(10, true, 20, 5))),
							  ((SELECT queue_agg(10, true, 20, 6)))) v(s);
-- errors: status target outside 0..100 (22003), confidence outside (0, 1) (22023)
SELECT status(s, 101) FROM by_queue WHERE queue = 'sales';
SELECT upper_bound(s, 1) FROM by_queue WHERE queue = 'sales';

-- errors: malformed text (22P02)
SELECT 'v1 short_abandon_us=5 target_us=20 answered=0,0 abandoned=0,0 answered_wait_us=0'::queue_summary;
SELECT 'v1 target_us=20 short_abandon_us=5 answered=0 abandoned=0,0 answered_wait_us=0'::queue_summary;
SELECT 'v1 target_us=20 short_abandon_us=5 answered=0,0 abandoned=0,0'::queue_summary;
SELECT 'v2 target_us=20 short_abandon_us=5 answered=0,0 abandoned=0,0 answered_wait_us=0'::queue_summary;
-- errors: values out of range (22003)
SELECT 'v1 target_us=-20 short_abandon_us=5 answered=0,0 abandoned=0,0 answered_wait_us=0'::queue_summary;
SELECT 'v1 target_us=20 short_abandon_us=9223372036854775808 answered=0,0 abandoned=0,0 answered_wait_us=0'::queue_summary;
SELECT 'v1 target_us=20 short_abandon_us=5 answered=9223372036854775807,0 abandoned=1,0 answered_wait_us=0'::queue_summary;
-- errors: values no data could give (22P02): a short abandon below a
-- threshold of 0; answered waits that do not fit the counts and target
-- (1 within 20 us and 1 late: 21 to 20 + 2^63 - 1 us)
SELECT 'v1 target_us=20 short_abandon_us=0 answered=0,0 abandoned=1,0 answered_wait_us=0'::queue_summary;
SELECT 'v1 target_us=20 short_abandon_us=5 answered=1,1 abandoned=0,0 answered_wait_us=21'::queue_summary::text;
SELECT 'v1 target_us=20 short_abandon_us=5 answered=1,1 abandoned=0,0 answered_wait_us=20'::queue_summary;
SELECT 'v1 target_us=20 short_abandon_us=5 answered=1,1 abandoned=0,0 answered_wait_us=9223372036854775827'::queue_summary::text;
SELECT 'v1 target_us=20 short_abandon_us=5 answered=1,1 abandoned=0,0 answered_wait_us=9223372036854775828'::queue_summary;
SELECT 'v1 target_us=20 short_abandon_us=5 answered=0,0 abandoned=1,1 answered_wait_us=1'::queue_summary;

DROP TABLE by_queue, calls;
