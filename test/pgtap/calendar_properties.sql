-- business_calendar properties: business_duration equals an independent
-- plain-SQL reference to the microsecond on random spans around DST changes
-- (both directions, America/Chicago and Europe/Berlin), holidays, opening
-- and closing instants, instants in the skipped and repeated hours, 24:00
-- ends, multi-week and multi-year spans; business_deadline is its inverse
-- and the earliest such instant; text and binary forms round-trip and are
-- checked alike; SQLSTATEs of bad input.
BEGIN;
SELECT plan(44);

-- The calendars as plain rows, which the reference reads; the C side gets
-- them as text built from the same rows.
CREATE TEMP TABLE cal_zone (cal int PRIMARY KEY, zone text);
CREATE TEMP TABLE cal_hours (cal int, isodow int, opens time, closes time);
CREATE TEMP TABLE cal_closed (cal int, day date);
INSERT INTO cal_zone VALUES (1, 'America/Chicago'), (2, 'Europe/Berlin'),
	(3, 'America/Chicago'), (4, 'Europe/Berlin'), (5, 'America/Chicago'),
	(6, 'Europe/Berlin'), (7, 'Europe/Berlin'), (8, 'America/Chicago');
-- 1, 2: office hours with lunch and Saturday mornings; holidays, some the
-- day after a DST change
INSERT INTO cal_hours SELECT c, d, '09:00', '12:00' FROM unnest('{1,2,8}'::int[]) c, generate_series(1, 5) d;
INSERT INTO cal_hours SELECT c, d, '13:00', '17:00' FROM unnest('{1,2,8}'::int[]) c, generate_series(1, 5) d;
INSERT INTO cal_hours SELECT c, 6, '10:00', '14:00' FROM unnest('{1,2}'::int[]) c;
INSERT INTO cal_closed SELECT c, d FROM unnest('{1,2}'::int[]) c,
	unnest('{2025-12-25,2026-01-01,2026-03-09,2026-03-30,2026-05-25,2026-07-03,2026-11-02,2026-12-24,2026-12-25,2027-01-01}'::date[]) d;
-- 3, 4: open through the nights of the DST changes (Sundays) and every
-- night; one fall-back Sunday closed
INSERT INTO cal_hours SELECT c, 7, '01:30', '02:30' FROM unnest('{3,4}'::int[]) c;
INSERT INTO cal_hours SELECT c, 7, '03:00', '05:00' FROM unnest('{3,4}'::int[]) c;
INSERT INTO cal_hours SELECT c, d, '00:00', '02:15' FROM unnest('{3,4}'::int[]) c, generate_series(1, 6) d;
INSERT INTO cal_hours SELECT c, d, '02:45', '03:30' FROM unnest('{3,4}'::int[]) c, generate_series(1, 6) d;
INSERT INTO cal_hours SELECT c, d, '22:00', '24:00' FROM unnest('{3,4}'::int[]) c, generate_series(1, 7) d;
INSERT INTO cal_closed SELECT c, d FROM unnest('{3,4}'::int[]) c, unnest('{2026-10-25,2026-12-25}'::date[]) d;
-- 5, 6: around the clock
INSERT INTO cal_hours SELECT c, d, '00:00', '24:00' FROM unnest('{5,6}'::int[]) c, generate_series(1, 7) d;
-- 7: a 24:00 end that meets a 00:00 start, a whole day, a one-minute day
INSERT INTO cal_hours VALUES (7, 1, '22:00', '24:00'), (7, 2, '00:00', '06:00'),
	(7, 5, '00:00', '24:00'), (7, 6, '00:00', '00:01');
INSERT INTO cal_closed VALUES (7, '2026-03-27');
-- 8: office hours with every Wednesday from 2020 to 2060 closed: 2,088
-- closed dates, a value large enough to be compressed when stored
INSERT INTO cal_closed SELECT 8, d::date FROM generate_series(date '2020-01-01', '2060-12-31', interval '7 days') d;

-- The text of each calendar: its rows in reverse order, which input sorts.
CREATE TEMP TABLE calendars AS
SELECT z.cal, z.zone,
	   (z.zone
		|| coalesce((SELECT string_agg(format('; %s %s-%s', (ARRAY['mon','tue','wed','thu','fri','sat','sun'])[h.isodow],
											  to_char(h.opens, 'HH24:MI'),
											  CASE WHEN h.closes = '24:00' THEN '24:00' ELSE to_char(h.closes, 'HH24:MI') END),
									   '' ORDER BY h.isodow DESC, h.opens DESC)
					 FROM cal_hours h WHERE h.cal = z.cal), '')
		|| coalesce((SELECT '; closed ' || string_agg(d.day::text, ' ' ORDER BY d.day DESC)
					 FROM cal_closed d WHERE d.cal = z.cal), ''))::business_calendar AS calendar
FROM cal_zone z;

-- The reference: the open time of calendar c between s and f, from the
-- definition (real time that elapses while the local clock shows an opening
-- period of a day that is not closed).  Open or closed can change only at
-- s, f, an instant at which the local clock shows an opening or closing
-- time (the local time minus each UTC offset the zone uses around then), or
-- a change of UTC offset (found minute by minute on the days that have
-- one); between two such instants it holds, so the state at the first
-- instant of each piece counts for the whole piece.
CREATE FUNCTION pg_temp.ref_open(c int, s timestamptz, f timestamptz) RETURNS interval
LANGUAGE sql STABLE AS $$
WITH z AS (SELECT zone FROM cal_zone WHERE cal = c),
days AS (
	SELECT d::date AS day, z.zone
	FROM z, generate_series(timezone(z.zone, s)::date - 1, timezone(z.zone, f)::date + 1,
							interval '1 day') d
),
day_offsets AS (
	SELECT day, zone,
		   timezone(zone, day::timestamp AT TIME ZONE 'UTC') - day::timestamp AS at_start,
		   timezone(zone, (day + 1)::timestamp AT TIME ZONE 'UTC') - (day + 1)::timestamp AS at_end
	FROM days
),
offsets AS (SELECT at_start AS off FROM day_offsets UNION SELECT at_end FROM day_offsets),
changes AS (
	SELECT m AS t
	FROM day_offsets o,
		 generate_series(o.day::timestamp AT TIME ZONE 'UTC', (o.day + 1)::timestamp AT TIME ZONE 'UTC',
						 interval '1 minute') m
	WHERE o.at_start <> o.at_end
	  AND timezone(o.zone, m) - (m AT TIME ZONE 'UTC')
		  <> timezone(o.zone, m - interval '1 minute') - ((m - interval '1 minute') AT TIME ZONE 'UTC')
),
boundaries AS (
	SELECT ((d.day + b.at) - o.off) AT TIME ZONE 'UTC' AS t
	FROM days d
	JOIN cal_hours h ON h.cal = c AND h.isodow = extract(isodow FROM d.day)
	CROSS JOIN LATERAL (VALUES (h.opens), (h.closes)) b(at)
	CROSS JOIN offsets o
),
points AS (
	SELECT DISTINCT t FROM (
		SELECT s AS t UNION ALL SELECT f UNION ALL SELECT t FROM changes
		UNION ALL SELECT t FROM boundaries
	) p WHERE t BETWEEN s AND f
),
pieces AS (
	SELECT t, lead(t) OVER (ORDER BY t) AS next, timezone((SELECT zone FROM z), t) AS local
	FROM points
)
SELECT coalesce(sum(next - t), interval '0')
FROM pieces
WHERE next IS NOT NULL
  AND NOT EXISTS (SELECT FROM cal_closed x WHERE x.cal = c AND x.day = local::date)
  AND EXISTS (SELECT FROM cal_hours h WHERE h.cal = c AND h.isodow = extract(isodow FROM local)
			  AND local::time >= h.opens AND local::time < h.closes)
$$;

-- The reference on days worked out by hand (calendar 3 on the Chicago
-- changes: 01:30-02:00 CST, 03:00-05:00 CDT and 22:00-24:00 in spring;
-- 01:30-02:00 CDT, 01:30-02:30 CST, 03:00-05:00 and 22:00-24:00 in fall).
SELECT is(pg_temp.ref_open(3, '2026-03-08 00:00 CST', '2026-03-09 00:00 CDT'), interval '4:30',
		  'the reference gives 4:30 on the Chicago spring-forward Sunday');
SELECT is(pg_temp.ref_open(3, '2026-11-01 00:00 CDT', '2026-11-02 00:00 CST'), interval '5:30',
		  'the reference gives 5:30 on the Chicago fall-back Sunday');

SELECT setseed(0.31);
-- Instants of interest: DST changes, holidays and ordinary days, and the
-- exact instants at which each calendar opens or closes near them.
CREATE TEMP TABLE anchors (at timestamptz);
INSERT INTO anchors VALUES
	('2026-03-08 08:00Z'), ('2026-11-01 07:00Z'),	-- Chicago: spring, fall
	('2026-03-29 01:00Z'), ('2026-10-25 01:00Z'),	-- Berlin: spring, fall
	('2026-12-25 12:00Z'), ('2026-05-25 12:00Z'), ('2026-07-01 12:00Z');
CREATE TEMP TABLE boundary_instants AS
SELECT z.cal, ((d.day + b.at) AT TIME ZONE z.zone) AS at
FROM cal_zone z
CROSS JOIN anchors a
CROSS JOIN LATERAL generate_series(timezone(z.zone, a.at)::date - 2, timezone(z.zone, a.at)::date + 2,
								   interval '1 day') g
CROSS JOIN LATERAL (SELECT g::date AS day) d
JOIN cal_hours h ON h.cal = z.cal AND h.isodow = extract(isodow FROM d.day)
CROSS JOIN LATERAL (VALUES (h.opens), (h.closes)) b(at);

CREATE TEMP TABLE pairs AS
-- random spans near the anchors: short, days, weeks
SELECT z.cal, s, s + span AS f
FROM cal_zone z, anchors a, generate_series(1, 30) g,
	 LATERAL (SELECT a.at + (random() * 6 - 3) * interval '1 day' AS s,
					 CASE WHEN random() < 0.3 THEN random() * interval '10 hours'
						  WHEN random() < 0.7 THEN random() * interval '5 days'
						  ELSE random() * interval '40 days' END AS span) r
UNION ALL
-- starting or finishing exactly at an opening or closing instant
SELECT b.cal, b.at, b.at + random() * interval '3 days' FROM boundary_instants b
UNION ALL
SELECT b.cal, b.at - random() * interval '3 days', b.at FROM boundary_instants b
UNION ALL
-- between two opening or closing instants of the same calendar
SELECT b1.cal, least(b1.at, b2.at), greatest(b1.at, b2.at)
FROM boundary_instants b1 JOIN boundary_instants b2 USING (cal)
WHERE b1.at < b2.at AND b2.at < b1.at + interval '4 days' AND random() < 0.05
UNION ALL
-- starting and finishing within two hours of a DST change: in the hour
-- the clocks skip or repeat, and at the change itself
SELECT z.cal, least(t1, t2), greatest(t1, t2)
FROM cal_zone z, anchors a, generate_series(1, 6) g,
	 LATERAL (SELECT a.at + (random() * 4 - 2) * interval '1 hour' AS t1,
					 a.at + (random() * 4 - 2) * interval '1 hour' AS t2) r
WHERE a.at < '2026-12-01'
UNION ALL
SELECT z.cal, a.at, a.at + random() * interval '2 hours' FROM cal_zone z, anchors a WHERE a.at < '2026-12-01'
UNION ALL
SELECT z.cal, a.at - random() * interval '2 hours', a.at FROM cal_zone z, anchors a WHERE a.at < '2026-12-01'
UNION ALL
-- multi-week and multi-year spans
SELECT z.cal, s, s + interval '1 year' + random() * interval '2 years'
FROM cal_zone z, generate_series(1, 3) g,
	 LATERAL (SELECT timestamptz '2025-06-01' + random() * interval '500 days' AS s) r;

SELECT is((SELECT count(*) FROM pairs p JOIN calendars c USING (cal)
		   WHERE business_duration(p.s, p.f, c.calendar) <> pg_temp.ref_open(p.cal, p.s, p.f)),
		  0::bigint,
		  format('business_duration equals the plain-SQL reference to the microsecond on %s spans',
				 (SELECT count(*) FROM pairs)));
SELECT ok((SELECT count(*) FROM pairs p JOIN calendars c USING (cal)
		   WHERE business_duration(p.s, p.f, c.calendar) > '0') > (SELECT count(*) FROM pairs) / 2,
		  'most of those spans hold open time');
SELECT ok((SELECT count(*) FROM pairs WHERE f - s > interval '365 days') >= 20,
		  'at least 20 of them span more than a year');

-- Around the clock, open time is exactly the elapsed time.
SELECT is((SELECT count(*) FROM pairs p JOIN calendars c USING (cal)
		   WHERE p.cal IN (5, 6) AND business_duration(p.s, p.f, c.calendar) <> p.f - p.s),
		  0::bigint, 'a calendar open around the clock gives finished_at - started_at');
SELECT is(business_duration('1900-01-01', '2100-01-01', calendar), '2100-01-01'::timestamptz - '1900-01-01',
		  'over two centuries of DST rules too')
FROM calendars WHERE cal = 5;

-- Open time adds up: over [s, m] and [m, f] it is the open time over [s, f].
SELECT is((SELECT count(*) FROM (
			   SELECT p.*, p.s + random() * (p.f - p.s) AS m, c.calendar FROM pairs p JOIN calendars c USING (cal)) x
		   WHERE business_duration(s, m, calendar) + business_duration(m, f, calendar)
				 <> business_duration(s, f, calendar)),
		  0::bigint, 'open time over two adjacent spans adds up');

-- The large calendar is compressed when stored, and reads the same.
SELECT ok((SELECT pg_column_size(calendar) < octet_length(calendar::text) / 2 FROM calendars WHERE cal = 8),
		  'a calendar of 2,088 closed dates is stored compressed');
SELECT is((SELECT count(*) FROM pairs p JOIN calendars c USING (cal)
		   WHERE p.cal = 8 AND business_duration(p.s, p.f, c.calendar)
							   <> business_duration(p.s, p.f, c.calendar::text::business_calendar)),
		  0::bigint, 'and gives the same open times as its text read back');

-- business_deadline: for every target that is not zero, the open time up
-- to the deadline is the target (by the function and by the reference),
-- and a microsecond earlier it is less.
CREATE TEMP TABLE targets AS
SELECT z.cal, s, target
FROM cal_zone z, anchors a, generate_series(1, 30) g,
	 LATERAL (SELECT a.at + (random() * 8 - 4) * interval '1 day' AS s,
					 CASE WHEN random() < 0.15 THEN interval '1 microsecond' * ceil(random() * 1000)
						  WHEN random() < 0.5 THEN interval '1 minute' * ceil(random() * 720)
						  ELSE random() * interval '90 hours' + interval '1 microsecond' END AS target) r
UNION ALL
SELECT b.cal, b.at, interval '1 minute' * ceil(random() * 600) FROM boundary_instants b WHERE random() < 0.3;
CREATE TEMP TABLE deadlines AS
SELECT t.*, business_deadline(t.s, t.target, c.calendar) AS d, c.calendar
FROM targets t JOIN calendars c USING (cal);

SELECT is((SELECT count(*) FROM deadlines WHERE business_duration(s, d, calendar) <> target),
		  0::bigint,
		  format('business_duration(s, business_deadline(s, t, c), c) = t for %s (s, t) pairs',
				 (SELECT count(*) FROM deadlines)));
SELECT is((SELECT count(*) FROM deadlines WHERE pg_temp.ref_open(cal, s, d) <> target),
		  0::bigint, 'the reference agrees that the target has elapsed at the deadline');
SELECT is((SELECT count(*) FROM deadlines
		   WHERE business_duration(s, d - interval '1 microsecond', calendar) >= target),
		  0::bigint, 'a microsecond before the deadline, less than the target has elapsed');
SELECT is((SELECT count(*) FROM pairs p JOIN calendars c USING (cal)
		   WHERE business_duration(p.s, p.f, c.calendar) > '0'
			 AND business_deadline(p.s, business_duration(p.s, p.f, c.calendar), c.calendar) > p.f),
		  0::bigint, 'the deadline of a span''s open time is at or before the span''s end');
SELECT is((SELECT count(*) FROM pairs p JOIN calendars c USING (cal)
		   WHERE business_deadline(p.s, '0', c.calendar) <> p.s),
		  0::bigint, 'a zero target gives started_at');
-- multi-year targets
SELECT is((SELECT count(*) FROM (
			   SELECT c.calendar, s, t, business_deadline(s, t, c.calendar) AS d
			   FROM calendars c, generate_series(1, 5) g,
					LATERAL (SELECT timestamptz '2020-01-01' + random() * interval '3000 days' AS s,
									random() * interval '8000 hours' AS t) r) x
		   WHERE business_duration(s, d, calendar) <> t),
		  0::bigint, 'the identity holds for targets of up to 8,000 open hours');

-- Text: canonical output reads back byte for byte.
SELECT is((SELECT count(*) FROM calendars
		   WHERE calendar::text::business_calendar <> calendar
			  OR calendar::text::business_calendar::text <> calendar::text),
		  0::bigint, 'every calendar''s text reads back as the same value and text');
SELECT is((SELECT calendar::text FROM calendars WHERE cal = 7),
		  'Europe/Berlin; mon 22:00-24:00; tue 00:00-06:00; fri 00:00-24:00; sat 00:00-00:01; closed 2026-03-27',
		  'clauses given in reverse come out from Monday on');
-- Random calendars: a zone of the database in any case, random intervals
-- on random days in random clauses, random closed dates.
CREATE TEMP TABLE random_calendars AS
SELECT g, (CASE WHEN random() < 0.5 THEN lower(z.name) ELSE z.name END)
		  || coalesce((SELECT string_agg(format('; %s %s-%s',
												(ARRAY['mon','tue','wed','thu','fri','sat','sun'])[1 + (g * 7 + k) % 7],
												to_char(time '00:00' + (60 * k) * interval '1 minute', 'HH24:MI'),
												to_char(time '00:00' + (60 * k + 1 + (g + k) % 59) * interval '1 minute', 'HH24:MI')),
										 '' ORDER BY random())
					   FROM generate_series(0, g % 24) k), '')
		  || coalesce((SELECT '; closed ' || string_agg(to_char(date '2020-01-01' + (random() * 5000)::int, 'YYYY-MM-DD'), ' ')
					   FROM generate_series(1, g % 5) k), '') AS input
FROM generate_series(1, 60) g,
	 LATERAL (SELECT name FROM pg_timezone_names
			  WHERE name NOT LIKE 'posix%' AND name NOT LIKE 'right/%' AND g > 0
			  ORDER BY random() LIMIT 1) z;
SELECT is((SELECT count(*) FROM random_calendars
		   WHERE input::business_calendar::text::business_calendar <> input::business_calendar
			  OR input::business_calendar::text::business_calendar::text <> input::business_calendar::text),
		  0::bigint, '60 random calendars round-trip through text');

-- Binary: COPY BINARY round trip, and receive checks what input checks.
\ir helpers/binary_copy.psql
CREATE TEMP TABLE copied (cal int, calendar business_calendar);
SELECT lives_ok($$SELECT pg_temp.copy_through_binary_file('SELECT cal, calendar FROM calendars', 'copied')$$,
				'calendars go through a COPY BINARY file');
SELECT is((SELECT count(*) FROM calendars c JOIN copied d USING (cal) WHERE c.calendar = d.calendar),
		  (SELECT count(*) FROM calendars), 'and read back unchanged');

CREATE TEMP TABLE one_summary (s business_calendar);
-- version, the zone as a length and bytes, per day a count and each
-- period's minutes, a count of closed dates and each date (days since
-- 2000-01-01): Monday 09:00-12:00 and 10:00-13:00 overlap.
CREATE FUNCTION pg_temp.calendar_bytes(zone text, monday int[], closed int[],
									   version int DEFAULT 1, tail bytea DEFAULT '')
RETURNS bytea LANGUAGE sql AS $$
	SELECT set_byte('\x00'::bytea, 0, version) || int4send(octet_length(zone)) || convert_to(zone, 'UTF8')
		   || int4send(coalesce(array_length(monday, 1), 0) / 2)
		   || coalesce((SELECT string_agg(int4send(m), '' ORDER BY i) FROM unnest(monday) WITH ORDINALITY u(m, i)), '')
		   || int4send(0) || int4send(0) || int4send(0) || int4send(0) || int4send(0) || int4send(0)
		   || int4send(coalesce(array_length(closed, 1), 0))
		   || coalesce((SELECT string_agg(int4send(d), '' ORDER BY i) FROM unnest(closed) WITH ORDINALITY u(d, i)), '')
		   || tail $$;
SELECT lives_ok($$SELECT pg_temp.load_binary(pg_temp.calendar_bytes('europe/berlin', '{780,1020,540,720}', '{9862,9497,9862}'))$$,
				'binary input in any order and case loads');
SELECT is((SELECT s::text FROM one_summary),
		  'Europe/Berlin; mon 09:00-12:00 13:00-17:00; closed 2026-01-01 2027-01-01',
		  'and holds the canonical calendar');
SELECT throws_ok($$SELECT pg_temp.load_binary(pg_temp.calendar_bytes('UTC', '{540,720,600,780}', '{}'))$$,
				 '22023', 'opening intervals 09:00-12:00 and 10:00-13:00 of mon overlap',
				 'overlapping periods in binary raise 22023');
SELECT throws_ok($$SELECT pg_temp.load_binary(pg_temp.calendar_bytes('UTC', '{720,540}', '{}'))$$,
				 '22023', NULL, 'a backwards period in binary raises 22023');
SELECT throws_ok($$SELECT pg_temp.load_binary(pg_temp.calendar_bytes('Mars/Base', '{540,720}', '{}'))$$,
				 '22023', 'time zone "Mars/Base" not recognized', 'an unknown zone in binary raises 22023');
SELECT throws_ok($$SELECT pg_temp.load_binary(pg_temp.calendar_bytes('UTC', '{540,720}', '{}', version => 2))$$,
				 '22P03', NULL, 'an unknown binary version raises 22P03');
SELECT throws_ok($$SELECT pg_temp.load_binary(pg_temp.calendar_bytes('UTC', '{540,1441}', '{}'))$$,
				 '22P03', NULL, 'a minute past 24:00 raises 22P03');
SELECT throws_ok($$SELECT pg_temp.load_binary(pg_temp.calendar_bytes('UTC', '{}', '{2958466}'))$$,
				 '22P03', NULL, 'a closed date after 9999-12-31 raises 22P03');
SELECT throws_ok($$SELECT pg_temp.load_binary(pg_temp.calendar_bytes('U C', '{}', '{}'))$$,
				 '22P03', NULL, 'a zone name with a space raises 22P03');
SELECT throws_ok($$SELECT pg_temp.load_binary(pg_temp.calendar_bytes('UTC', '{}', '{}', tail => '\x00'))$$,
				 '22P03', NULL, 'trailing bytes raise 22P03');
SELECT throws_ok($$SELECT pg_temp.load_binary(substr(pg_temp.calendar_bytes('UTC', '{540,720}', '{}'), 1, 20))$$,
				 '22P03', NULL, 'a truncated value raises 22P03');

-- SQLSTATEs of bad text and bad arguments.
SELECT throws_ok($$SELECT 'Nowhere/Special; mon 09:00-17:00'::business_calendar$$, '22023',
				 'time zone "Nowhere/Special" not recognized', 'an unknown zone raises 22023');
SELECT throws_ok($$SELECT 'UTC; mon-fri 09:00-17:00; fri 08:00-09:30'::business_calendar$$, '22023',
				 'opening intervals 08:00-09:30 and 09:00-17:00 of fri overlap',
				 'a day given twice with overlapping hours raises 22023');
SELECT throws_ok($$SELECT 'UTC; mon 09:00-17:00 x'::business_calendar$$, '22P02', NULL,
				 'malformed text raises 22P02');
SELECT throws_ok($$SELECT business_duration('2026-01-02', '2026-01-01', 'UTC; mon 09:00-17:00')$$,
				 '22003', NULL, 'finished_at before started_at raises 22003');
SELECT throws_ok($$SELECT business_deadline('2026-01-02', '-0.000001', 'UTC; mon 09:00-17:00')$$,
				 '22003', NULL, 'a negative target raises 22003');
SELECT throws_ok($$SELECT business_deadline('2026-01-02', '1 mon', 'UTC; mon 09:00-17:00')$$,
				 '22023', NULL, 'a target with a month part raises 22023');
SELECT throws_ok($$SELECT business_deadline('2026-01-02', '1 hour', 'UTC; closed 2026-01-05')$$,
				 '22023', NULL, 'a calendar with no opening hours raises 22023 from business_deadline');
SELECT throws_ok($$SELECT business_duration('2026-01-02', 'infinity', 'UTC; mon 09:00-17:00')$$,
				 '22008', NULL, 'an infinite instant raises 22008');

-- Zones that only some zone databases have (Debian 13 moved the legacy
-- names and the leap-second zones to other packages).  PostgreSQL's own
-- timezone() takes a name it has no file for as a POSIX specification when
-- it can, so EST5EDT is looked for in pg_timezone_names, which lists files.
CREATE FUNCTION pg_temp.zone_exists(name text) RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
	PERFORM timezone(name, now());
	RETURN true;
EXCEPTION WHEN invalid_parameter_value THEN
	RETURN false;
END $$;
SELECT CASE WHEN EXISTS (SELECT FROM pg_timezone_names WHERE name = 'EST5EDT')
			THEN results_eq($$SELECT 'est5edt'::business_calendar::text$$, $$VALUES ('EST5EDT')$$,
							'a zone of the database spelled like a POSIX specification is accepted')
			ELSE skip('the zone database has no EST5EDT', 1) END;
SELECT CASE WHEN pg_temp.zone_exists('right/UTC')
			THEN throws_ok($$SELECT 'right/UTC'::business_calendar$$, '22023', 'time zone "right/UTC" not recognized',
						   'a zone that counts leap seconds raises 22023')
			ELSE skip('the zone database has no leap-second zones', 1) END;
SELECT throws_ok($$SELECT 'EST5; mon 09:00-17:00'::business_calendar$$, '22023',
				 'time zone "EST5" not recognized', 'a POSIX time zone specification raises 22023');

-- Both functions depend only on their arguments and the zone data.
SELECT is((SELECT array_agg(DISTINCT provolatile::text || proisstrict::text || proparallel::text)
		   FROM pg_proc WHERE proname IN ('business_duration', 'business_deadline')),
		  '{itrues}', 'business_duration and business_deadline are IMMUTABLE, STRICT and PARALLEL SAFE');

SELECT * FROM finish();
ROLLBACK;
