-- The business-hours page, docs/calendar.md, run as the page shows it: its
-- tables, its queries and their output.  The figures are worked out by hand
-- in the comments.
SET timezone = 'America/Chicago';
SET datestyle = 'ISO, YMD';
SET intervalstyle = 'postgres';

-- A calendar in canonical form.
SELECT 'america/chicago; Sat 10:00-14:00; mon-fri 13:00-17:00 9:00-12:00; closed 2027-01-01 2026-12-25'::business_calendar;

CREATE TABLE tickets (
	id integer PRIMARY KEY,
	team text NOT NULL,
	created_at timestamptz NOT NULL,
	first_reply_at timestamptz,
	resolved_at timestamptz
);
INSERT INTO tickets VALUES
	(1, 'billing', '2026-03-06 16:00', '2026-03-09 10:30', '2026-03-10 12:00'),
	(2, 'billing', '2026-03-07 11:00', '2026-03-09 09:45', '2026-03-09 15:00'),
	(3, 'tech',    '2026-12-23 15:00', '2026-12-28 09:30', '2026-12-29 17:00'),
	(4, 'tech',    '2026-11-02 08:00', '2026-11-02 10:00', '2026-11-03 13:00'),
	(5, 'billing', '2026-06-06 13:00', '2026-06-08 08:30', '2026-06-09 12:00'),
	(6, 'billing', '2026-05-29 16:00', '2026-06-01 09:15', '2026-06-02 10:00');

-- Per ticket, weekdays 09:00-17:00 in Chicago, closed on Christmas Day:
--   1: Fri 16:00 (CST) -> Mon 10:30 (CDT, after the DST change): Fri 1 h +
--      Mon 1.5 h = 2:30; resolved Tue 12:00: 1 + 8 + 3 = 12:00; due after
--      4 h: Fri 1 h, then Mon 09:00 + 3 h = Mon 12:00.
--   2: Sat 11:00 counts from Mon 09:00: 0:45 and 6:00; due Mon 13:00.
--   3: Wed 12-23 15:00: Wed 2 h + Thu 8 h + (Fri 12-25 closed) + Mon 0.5 h =
--      10:30; resolved Tue 17:00: 2 + 8 + 8 + 8 = 26:00; due Thu 11:00.
--   4: Mon 08:00 counts from 09:00: 1:00; 8 + 4 = 12:00; due Mon 13:00.
--   5: Sat 13:00 -> Mon 08:30, before opening: 0:00; 8 + 3 = 11:00.
--   6: Fri 16:00 -> Mon 09:15: 1:15; 1 + 8 + 1 = 10:00; due Mon 12:00.
SELECT id,
	   business_duration(created_at, first_reply_at, cal) AS first_reply,
	   business_duration(created_at, resolved_at, cal) AS resolution,
	   business_deadline(created_at, '4 hours', cal) AS reply_due,
	   first_reply_at <= business_deadline(created_at, '4 hours', cal) AS replied_in_time
FROM tickets,
	 (SELECT 'America/Chicago; mon-fri 09:00-17:00; closed 2026-12-25'::business_calendar AS cal) c
ORDER BY id;

-- Per team: billing (1, 2, 5, 6) first reply (2:30 + 0:45 + 0:00 + 1:15) / 4
-- = 1:07:30, resolution (12 + 6 + 11 + 10) / 4 = 9:45, all four replied in
-- time; tech (3, 4) (10:30 + 1:00) / 2 = 5:45, (26 + 12) / 2 = 19:00, one
-- of two in time.
SELECT team,
	   avg(business_duration(created_at, first_reply_at, cal)) AS first_reply,
	   avg(business_duration(created_at, resolved_at, cal)) AS resolution,
	   percent(rate_agg(first_reply_at <= business_deadline(created_at, '4 hours', cal))) AS within_sla
FROM tickets,
	 (SELECT 'America/Chicago; mon-fri 09:00-17:00; closed 2026-12-25'::business_calendar AS cal) c
GROUP BY team
ORDER BY team;

-- Schedules that change: billing opens longer and on Saturdays from June.
CREATE TABLE support_calendars (
	team text NOT NULL,
	valid_from timestamptz NOT NULL,
	valid_until timestamptz NOT NULL,
	calendar business_calendar NOT NULL
);
INSERT INTO support_calendars VALUES
	('billing', '-infinity', '2026-06-01', 'America/Chicago; mon-fri 09:00-17:00; closed 2026-12-25'),
	('billing', '2026-06-01', 'infinity', 'America/Chicago; mon-fri 08:00-18:00; sat 10:00-14:00; closed 2026-07-03 2026-12-25'),
	('tech', '-infinity', 'infinity', 'America/Chicago; mon-fri 09:00-17:00; closed 2026-12-25');

-- The calendar in force when the ticket was created: ticket 5 (Saturday
-- 2026-06-06 13:00) now has Saturday 13:00-14:00 and Monday 08:00-08:30,
-- 1:30, and is due Monday 11:00; the others are as before.
SELECT t.id, t.team,
	   business_duration(t.created_at, t.first_reply_at, c.calendar) AS first_reply,
	   t.first_reply_at <= business_deadline(t.created_at, '4 hours', c.calendar) AS replied_in_time
FROM tickets t
JOIN support_calendars c
  ON c.team = t.team AND t.created_at >= c.valid_from AND t.created_at < c.valid_until
ORDER BY t.id;

-- Or each stretch of a ticket under the calendar in force then: open time
-- adds up over adjacent spans.  Ticket 6 (Friday 05-29 16:00 to Tuesday
-- 06-02 10:00): Friday 1 h under the old calendar, then Monday 08:00-18:00
-- and Tuesday 08:00-10:00 under the new one, 13:00.  Ticket 5: Saturday 1 h,
-- Monday 10 h, Tuesday 4 h, 15:00.
SELECT t.id,
	   sum(business_duration(greatest(t.created_at, c.valid_from),
							 least(t.resolved_at, c.valid_until), c.calendar)) AS resolution
FROM tickets t
JOIN support_calendars c
  ON c.team = t.team AND c.valid_from < t.resolved_at AND c.valid_until > t.created_at
GROUP BY t.id
ORDER BY t.id;
