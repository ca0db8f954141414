-- scorecard 0.1.0 to 0.2.0.  Values stored by 0.1.0 read the same after
-- ALTER EXTENSION scorecard UPDATE: every summary type reads its 0.1.0
-- (v1) text, binary and on-disk forms.

\echo Use "ALTER EXTENSION scorecard UPDATE TO '0.2.0'" to load this file. \quit

--------------------------------------------------------------------------
-- business_calendar: opening hours in a time zone, with closed dates;
-- business_duration and business_deadline count open time
--------------------------------------------------------------------------

CREATE TYPE business_calendar;

CREATE FUNCTION business_calendar_in(cstring) RETURNS business_calendar
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION business_calendar_out(business_calendar) RETURNS cstring
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION business_calendar_recv(internal) RETURNS business_calendar
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION business_calendar_send(business_calendar) RETURNS bytea
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION business_calendar_in(cstring) IS 'text input of business_calendar';
COMMENT ON FUNCTION business_calendar_out(business_calendar) IS 'text output of business_calendar, in canonical form';
COMMENT ON FUNCTION business_calendar_recv(internal) IS 'binary input of business_calendar';
COMMENT ON FUNCTION business_calendar_send(business_calendar) IS 'binary output of business_calendar';

-- A calendar is small (a few dozen bytes, plus four per closed date) and
-- read with memcpy, so it needs no alignment and may be compressed.
CREATE TYPE business_calendar (
	INPUT = business_calendar_in,
	OUTPUT = business_calendar_out,
	RECEIVE = business_calendar_recv,
	SEND = business_calendar_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = int4,
	STORAGE = extended
);
COMMENT ON TYPE business_calendar IS
	'weekly opening hours on the local clock of an IANA time zone, with closed dates, such as ''America/Chicago; mon-fri 09:00-17:00; closed 2026-12-25''';

CREATE FUNCTION business_duration(started_at timestamptz, finished_at timestamptz,
								  calendar business_calendar) RETURNS interval
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION business_duration(timestamptz, timestamptz, business_calendar) IS
	'open time of the calendar between two instants, in hours, minutes and seconds';
CREATE FUNCTION business_deadline(started_at timestamptz, target interval,
								  calendar business_calendar) RETURNS timestamptz
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION business_deadline(timestamptz, interval, business_calendar) IS
	'the earliest instant at which target of open time has elapsed since started_at: the SLA breach time';

-- Equality is bytewise: every calendar has one canonical form.
CREATE FUNCTION business_calendar_eq(business_calendar, business_calendar) RETURNS boolean
	AS 'MODULE_PATHNAME', 'summary_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION business_calendar_eq(business_calendar, business_calendar) IS
	'true when two calendars have the same zone, opening hours and closed dates';
CREATE FUNCTION business_calendar_ne(business_calendar, business_calendar) RETURNS boolean
	AS 'MODULE_PATHNAME', 'summary_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION business_calendar_ne(business_calendar, business_calendar) IS
	'true when two calendars differ';
CREATE OPERATOR = (
	LEFTARG = business_calendar, RIGHTARG = business_calendar, PROCEDURE = business_calendar_eq,
	COMMUTATOR = =, NEGATOR = <>, RESTRICT = eqsel, JOIN = eqjoinsel
);
COMMENT ON OPERATOR = (business_calendar, business_calendar) IS 'same zone, opening hours and closed dates';
CREATE OPERATOR <> (
	LEFTARG = business_calendar, RIGHTARG = business_calendar, PROCEDURE = business_calendar_ne,
	COMMUTATOR = <>, NEGATOR = =, RESTRICT = neqsel, JOIN = neqjoinsel
);
COMMENT ON OPERATOR <> (business_calendar, business_calendar) IS 'different zone, opening hours or closed dates';
