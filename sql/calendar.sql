-- business_calendar: canonical text, errors, and business_duration and
-- business_deadline on cases worked out by hand, around the DST changes of
-- 2026 (America/Chicago: 2026-03-08 02:00 CST -> 03:00 CDT and 2026-11-01
-- 02:00 CDT -> 01:00 CST; Europe/Berlin: 2026-03-29 02:00 CET -> 03:00 CEST
-- and 2026-10-25 03:00 CEST -> 02:00 CET), holidays and boundaries.
SET timezone = 'America/Chicago';
SET datestyle = 'ISO, YMD';
SET intervalstyle = 'postgres';

--
-- Text: canonical output
--

-- The zone as the zone database spells it; days from Monday, equal
-- neighbours joined into ranges; a day named twice gets both lists; touching
-- intervals joined; dates sorted, once each.  A range may wrap (fri-mon).
SELECT input, input::business_calendar AS canonical
FROM (VALUES
	('America/Chicago; mon-fri 09:00-12:00 13:00-17:00; sat 10:00-14:00; closed 2026-12-25 2027-01-01'),
	('  america/CHICAGO ;MON-FRI 9:00-12:00   13:00-17:00 ;  Sat 10:00-14:00;closed 2027-01-01 2026-12-25 2026-12-25  '),
	('Europe/Berlin; fri-mon 08:00-12:00'),
	('Europe/Berlin; mon 13:00-17:00; mon 09:00-12:00; tue 09:00-12:00 12:00-17:00'),
	('Europe/Berlin; wed 09:00-17:00; mon-tue 09:00-17:00; thu-fri 09:00-17:00'),
	('Asia/Kolkata; mon 22:00-24:00; tue 00:00-06:00; closed 2026-01-26'),
	('UTC; mon-sun 00:00-24:00'),
	('utc'),
	('Etc/GMT+5; sun-sat 10:00-11:00'),
	('europe/vatican; mon-mon 09:00-17:00'),
	('Etc/GMT-14; closed 2026-07-04; closed 2026-07-03')
) v(input);

-- Output reads back as the same value, byte for byte, and prints the same.
SELECT c::text::business_calendar = c AS same_value,
	   c::text::business_calendar::text = c::text AS same_text,
	   c <> 'UTC'::business_calendar AS differs_from_utc
FROM (VALUES
	('America/Chicago; mon-fri 09:00-12:00 13:00-17:00; sat 10:00-14:00; closed 2026-12-25 2027-01-01'::business_calendar),
	('Europe/Berlin; fri-mon 08:00-12:00'),
	('Asia/Kolkata; mon 22:00-24:00; tue 00:00-06:00; closed 2026-01-26')
) v(c);
SELECT 'Europe/Berlin; mon 09:00-12:00 12:00-17:00'::business_calendar
	 = 'europe/berlin; mon 09:00-17:00'::business_calendar AS equal;

--
-- Text: errors
--

-- Values that are well formed but invalid: 22023, naming the value.
SELECT 'Mars/Olympus_Mons; mon-fri 09:00-17:00'::business_calendar;
SELECT 'EST5; mon-fri 09:00-17:00'::business_calendar;
SELECT 'UTC; mon-fri 17:00-09:00'::business_calendar;
SELECT 'UTC; sat 10:00-10:00'::business_calendar;
SELECT 'UTC; mon 09:00-12:00 11:30-13:00'::business_calendar;
SELECT 'UTC; mon-fri 09:00-17:00; wed 16:00-18:00'::business_calendar;
-- Malformed text: 22P02, saying what was expected where.
SELECT ''::business_calendar;
SELECT 'UTC mon-fri 09:00-17:00'::business_calendar;
SELECT 'UTC; monday 09:00-17:00'::business_calendar;
SELECT 'UTC; mon-'::business_calendar;
SELECT 'UTC; mon-fri'::business_calendar;
SELECT 'UTC; mon-fri 9-17'::business_calendar;
SELECT 'UTC; mon-fri 09:00 17:00'::business_calendar;
SELECT 'UTC; mon-fri 09:00-24:30'::business_calendar;
SELECT 'UTC; mon-fri 09:00-17:00;'::business_calendar;
SELECT 'UTC; closed'::business_calendar;
SELECT 'UTC; closed 2026-02-29'::business_calendar;
SELECT 'UTC; closed 26-12-25'::business_calendar;

--
-- business_duration
--

CREATE TABLE calendars (name text PRIMARY KEY, calendar business_calendar);
INSERT INTO calendars VALUES
	('chicago office', 'America/Chicago; mon-fri 09:00-17:00'),
	('chicago christmas', 'America/Chicago; mon-fri 09:00-17:00; closed 2026-12-24 2026-12-25'),
	('chicago always', 'America/Chicago; mon-sun 00:00-24:00'),
	('chicago 2-3 am', 'America/Chicago; sun 02:00-03:00'),
	('chicago 1:30-2:30 am', 'America/Chicago; sun 01:30-02:30'),
	('chicago 1-2 am', 'America/Chicago; sun 01:00-02:00'),
	('berlin office', 'Europe/Berlin; mon-fri 09:00-17:00'),
	('berlin always', 'Europe/Berlin; mon-sun 00:00-24:00'),
	('berlin 2-3 am', 'Europe/Berlin; sun 02:00-03:00'),
	('berlin nights', 'Europe/Berlin; fri-sat 22:00-24:00; sat-sun 00:00-06:00'),
	('nothing open', 'America/Chicago; closed 2026-12-25');

CREATE FUNCTION duration(name text, started_at timestamptz, finished_at timestamptz)
RETURNS interval LANGUAGE sql AS $$
	SELECT business_duration(started_at, finished_at, calendar) FROM calendars c WHERE c.name = $1
$$;

SELECT label, result, expected, result = expected AS ok
FROM (VALUES
	-- Fri 10:00 to Mon 10:00 over the spring-forward weekend: Friday
	-- 10:00-17:00 (7 h), then Monday 09:00-10:00 (1 h).
	('Fri 10:00 to Mon 10:00 across spring forward',
	 duration('chicago office', '2026-03-06 10:00', '2026-03-09 10:00'), interval '8:00'),
	-- Two full weeks around the change, Monday to Monday: 10 days of 8 h.
	('two weeks around spring forward',
	 duration('chicago office', '2026-03-02 00:00', '2026-03-16 00:00'), '80:00'),
	-- The first day after the change is 8 h of real time.
	('the Monday after spring forward',
	 duration('chicago office', '2026-03-09 00:00', '2026-03-10 00:00'), '8:00'),
	-- Around the clock: the change days have 23 and 25 h of real time.
	('spring-forward Sunday, always open',
	 duration('chicago always', '2026-03-08 00:00', '2026-03-09 00:00'), '23:00'),
	('fall-back Sunday, always open',
	 duration('chicago always', '2026-11-01 00:00', '2026-11-02 00:00'), '25:00'),
	-- 02:00-03:00 never shows on the clocks on 2026-03-08: not open at all;
	-- on 2026-11-01 it shows once (01:00-02:00 repeats): 1 h.
	('2-3 am on spring forward', duration('chicago 2-3 am', '2026-03-08 00:00', '2026-03-09 00:00'), '0:00'),
	('2-3 am on fall back', duration('chicago 2-3 am', '2026-11-01 00:00', '2026-11-02 00:00'), '1:00'),
	-- 01:30-02:30 on spring forward: only 01:30-02:00 CST shows.
	('1:30-2:30 am on spring forward',
	 duration('chicago 1:30-2:30 am', '2026-03-08 00:00', '2026-03-09 00:00'), '0:30'),
	-- 01:00-02:00 on fall back shows twice, CDT then CST: 2 h.
	('1-2 am on fall back', duration('chicago 1-2 am', '2026-11-01 00:00', '2026-11-02 00:00'), '2:00'),
	-- Starting inside the repeated hour: at 01:30 CDT (06:30 UTC) the rest of
	-- the CDT hour and all of the CST hour remain; at 01:30 CST (07:30 UTC)
	-- only half an hour.
	('from 1:30 CDT on fall back', duration('chicago 1-2 am', '2026-11-01 06:30 UTC', '2026-11-02 00:00'), '1:30'),
	('from 1:30 CST on fall back', duration('chicago 1-2 am', '2026-11-01 07:30 UTC', '2026-11-02 00:00'), '0:30'),
	-- Finishing inside the skipped hour's neighbourhood: 08:00 UTC on
	-- 2026-03-08 is 03:00 CDT, the instant the clocks jump; 07:59:59 UTC is
	-- 01:59:59 CST.
	('to the spring-forward instant', duration('chicago 1:30-2:30 am', '2026-03-08 00:00', '2026-03-08 08:00 UTC'), '0:30'),
	('to one second before it', duration('chicago 1:30-2:30 am', '2026-03-08 00:00', '2026-03-08 07:59:59 UTC'), '0:29:59'),
	-- Berlin: the office week of the spring change, Monday to Monday, 5 x 8 h.
	('Berlin week of spring forward',
	 duration('berlin office', '2026-03-23 00:00+01', '2026-03-30 00:00+02'), '40:00'),
	('Berlin spring-forward Sunday, always open',
	 duration('berlin always', '2026-03-29 00:00+01', '2026-03-30 00:00+02'), '23:00'),
	('Berlin 2-3 am on spring forward', duration('berlin 2-3 am', '2026-03-29 00:00+01', '2026-03-30 00:00+02'), '0:00'),
	-- 2026-10-25: 02:00-03:00 shows twice (CEST, then CET).
	('Berlin 2-3 am on fall back', duration('berlin 2-3 am', '2026-10-25 00:00+02', '2026-10-26 00:00+01'), '2:00'),
	-- The night shift Saturday 22:00 to Sunday 06:00 across the fall change:
	-- 2 h on Saturday, then 00:00-06:00 with 02:00-03:00 twice, 7 h.
	('Berlin night shift across fall back',
	 duration('berlin nights', '2026-10-24 12:00+02', '2026-10-25 12:00+01'), '9:00'),
	-- 24:00 ends meet 00:00 starts: Friday 21:00 to Saturday 03:00 is open
	-- from 22:00 to 03:00, without a gap at midnight.
	('across midnight', duration('berlin nights', '2026-03-13 21:00+01', '2026-03-14 03:00+01'), '5:00'),
	-- Holidays: Wednesday 2026-12-23 12:00 to Monday 12:00, with Thursday and
	-- Friday closed: Wednesday 12:00-17:00 (5 h) and Monday 09:00-12:00 (3 h).
	('over Christmas', duration('chicago christmas', '2026-12-23 12:00', '2026-12-28 12:00'), '8:00'),
	('on a closed day', duration('chicago christmas', '2026-12-24 00:00', '2026-12-25 23:59'), '0:00'),
	-- Boundaries: from the closing time on, nothing until Monday 09:00; up to
	-- an opening time, nothing; the last microsecond before closing.
	('from Friday closing to Monday opening',
	 duration('chicago office', '2026-03-06 17:00', '2026-03-09 09:00'), '0:00'),
	('from Friday closing to Monday 09:30',
	 duration('chicago office', '2026-03-06 17:00', '2026-03-09 09:30'), '0:30'),
	('the last microsecond', duration('chicago office', '2026-03-06 16:59:59.999999', '2026-03-06 17:00'), '0:00:00.000001'),
	('an instant', duration('chicago office', '2026-03-06 12:00', '2026-03-06 12:00'), '0:00'),
	-- Saturday noon to Monday 10:00 counts from Monday's opening: 1 h.
	('created on a Saturday', duration('chicago office', '2026-03-07 12:00', '2026-03-09 10:00'), '1:00'),
	-- Whole weeks: Monday 2026-01-05 09:00 to Monday 2026-12-28 09:00 is 51
	-- weeks of 40 h; to Monday 2036-01-07 09:00 is 522 weeks.
	('51 weeks', duration('chicago office', '2026-01-05 09:00', '2026-12-28 09:00'), '2040:00'),
	('522 weeks', duration('chicago office', '2026-01-05 09:00', '2036-01-07 09:00'), '20880:00'),
	-- A calendar that is never open.
	('never open', duration('nothing open', '2026-01-01', '2027-01-01'), '0:00')
) v(label, result, expected);

-- Around the clock, open time is exactly finished_at - started_at.
SELECT s, f, duration('chicago always', s, f) AS open, f - s AS elapsed,
	   duration('chicago always', s, f) = f - s AS equal
FROM (VALUES
	(timestamptz '2026-03-07 23:59:59.5', timestamptz '2026-03-08 03:00:00.25'),
	('2026-10-31 12:00', '2026-11-01 01:30 CST'),
	('2026-01-01', '2030-01-01')
) v(s, f);

-- The result has only a time part, and NULL gives NULL.
SELECT business_duration('2026-01-05 09:00', '2026-01-16 09:00', 'America/Chicago; mon-fri 09:00-17:00');
SELECT business_duration(NULL, '2026-01-16', 'UTC; mon 09:00-17:00') IS NULL AS null_start,
	   business_duration('2026-01-16', NULL, 'UTC; mon 09:00-17:00') IS NULL AS null_finish,
	   business_duration('2026-01-16', '2026-01-17', NULL) IS NULL AS null_calendar;

-- Errors: finished before started (22003), infinite instants (22008).
SELECT business_duration('2026-03-06 16:00', '2026-03-06 15:00', 'America/Chicago; mon-fri 09:00-17:00');
SELECT business_duration('2026-03-06 16:00', 'infinity', 'America/Chicago; mon-fri 09:00-17:00');
SELECT business_duration('-infinity', '2026-03-06 16:00', 'America/Chicago; mon-fri 09:00-17:00');

--
-- business_deadline
--

CREATE FUNCTION deadline(name text, started_at timestamptz, target interval)
RETURNS timestamptz LANGUAGE sql AS $$
	SELECT business_deadline(started_at, target, calendar) FROM calendars c WHERE c.name = $1
$$;

SELECT label, result, expected, result = expected AS ok
FROM (VALUES
	-- Friday 16:00 + 4 h: Friday 16:00-17:00, then Monday 09:00-12:00 (CDT
	-- by then).
	('4 h from Friday 16:00', deadline('chicago office', '2026-03-06 16:00', '4:00'), timestamptz '2026-03-09 12:00 CDT'),
	-- Reaching the target exactly at closing time gives the closing time.
	('4 h from Friday 13:00', deadline('chicago office', '2026-03-06 13:00', '4:00'), '2026-03-06 17:00 CST'),
	-- Created on Saturday: the clock starts on Monday at 09:00.
	('1 min from Saturday noon', deadline('chicago office', '2026-03-07 12:00', '0:01'), '2026-03-09 09:01 CDT'),
	-- Holidays are skipped: Wednesday 16:00 + 2 h is Monday 10:00.
	('2 h from the day before Christmas Eve', deadline('chicago christmas', '2026-12-23 16:00', '2:00'), '2026-12-28 10:00 CST'),
	-- 01:00-02:00 twice on fall back: 90 min from midnight ends at 01:30 CST.
	('90 min on fall back', deadline('chicago 1-2 am', '2026-11-01 00:00', '1:30'), '2026-11-01 01:30 CST'),
	-- 02:00-03:00 on spring forward never shows: the next opening is a week
	-- later, 2026-03-15 02:00 CDT.
	('30 min on spring forward', deadline('chicago 2-3 am', '2026-03-08 00:00', '0:30'), '2026-03-15 02:30 CDT'),
	-- 200 h from Monday 09:00 is five weeks of 40 h: Friday 17:00 of the fifth.
	('five weeks', deadline('chicago office', '2026-01-05 09:00', '200:00'), '2026-02-06 17:00 CST'),
	-- The next opening: a microsecond of open time, less a microsecond.
	('next opening from Saturday noon',
	 deadline('chicago office', '2026-03-07 12:00', '0.000001') - interval '0.000001', '2026-03-09 09:00 CDT'),
	('next opening when open', deadline('chicago office', '2026-03-06 12:00', '0.000001') - interval '0.000001', '2026-03-06 12:00 CST'),
	-- A zero target is reached at once: started_at itself, open or not.
	('zero target', deadline('chicago office', '2026-03-07 12:00', '0:00'), '2026-03-07 12:00 CST'),
	('zero target, never open', deadline('nothing open', '2026-03-07 12:00', '0:00'), '2026-03-07 12:00 CST')
) v(label, result, expected);

SELECT business_deadline(NULL, '1:00', 'UTC; mon 09:00-17:00') IS NULL AS null_start,
	   business_deadline('2026-01-16', NULL, 'UTC; mon 09:00-17:00') IS NULL AS null_target,
	   business_deadline('2026-01-16', '1:00', NULL) IS NULL AS null_calendar;

-- Errors: a negative target (22003); a target with a day or month part
-- (22023); a calendar that is never open (22023); an infinite start and a
-- deadline past the last timestamp (22008).
SELECT deadline('chicago office', '2026-03-06 16:00', '-1:00');
SELECT deadline('chicago office', '2026-03-06 16:00', '1 day');
SELECT deadline('nothing open', '2026-03-06 16:00', '1:00');
SELECT deadline('chicago office', 'infinity', '1:00');
SELECT business_deadline('294276-12-29', '100:00', 'UTC; mon-fri 09:00-17:00');
