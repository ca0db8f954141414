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

--------------------------------------------------------------------------
-- rating_summary: the direction of a CES scale
--
-- A CES summary records which end of its scale is easy, in its kind byte:
-- 0.1.0 wrote every CES summary as kind 2, which now reads as
-- lower_is_easier = false, what 0.1.0 assumed, so stored values, their v1
-- text and binary forms and 0.1.0's on-disk layout read as they did, and
-- keep their status() (higher is better) and their figures.  From this
-- update on, ces_agg(rating) and ces_agg(rating, scale_max) count lower as
-- easier; a materialized view over them refreshes into lower-is-easier
-- summaries, which rollup() and the comparisons refuse to mix with the old
-- ones (22023): rebuild such a view from raw rows, or use
-- ces_agg(rating, scale_max, lower_is_easier => false) to keep 0.1.0's
-- meaning.  Text and binary output is now version 2, which carries
-- lower_is_easier; version 1 input is still read.
--------------------------------------------------------------------------

-- The transition functions of 0.1.0's ces_agg switch to the directed one
-- (the C function ces_agg_trans keeps 0.1.0's behaviour for databases not
-- yet updated).  Their moving-aggregate MINITCOND stays: an empty state
-- takes the direction of the first rating it counts.
CREATE OR REPLACE FUNCTION ces_agg_trans(rating_summary, integer) RETURNS rating_summary
	AS 'MODULE_PATHNAME', 'ces_agg_trans_directed' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION ces_agg_trans(rating_summary, integer) IS
	'transition function of ces_agg: counts one rating on 1..7, lower being easier';
CREATE OR REPLACE FUNCTION ces_agg_trans(rating_summary, integer, integer) RETURNS rating_summary
	AS 'MODULE_PATHNAME', 'ces_agg_trans_directed' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION ces_agg_trans(rating_summary, integer, integer) IS
	'transition function of ces_agg: counts one rating on 1..scale_max, lower being easier';
COMMENT ON AGGREGATE ces_agg(integer) IS
	'summarizes CES ratings on 1..7, lower being easier (the effort question), into a rating_summary; NULL ratings are ignored';
COMMENT ON AGGREGATE ces_agg(integer, integer) IS
	'summarizes CES ratings on 1..scale_max (2..10), lower being easier (the effort question), into a rating_summary; NULL ratings are ignored';

-- Comments that now name the direction.
COMMENT ON TYPE rating_summary IS
	'mergeable summary of CSAT or CES ratings on 1..k: the kind (for CES, with the easy end of the scale), the scale and one count per rating';
COMMENT ON FUNCTION rating_summary_merge(rating_summary, rating_summary) IS
	'merges two rating summaries of the same kind, direction and scale exactly (combine function and rollup); a summary of no answers merges with any';
COMMENT ON AGGREGATE rollup(rating_summary) IS
	'merges rating summaries of one kind, direction and scale exactly, e.g. daily summaries into a month';
COMMENT ON FUNCTION ces(rating_summary) IS
	'Customer Effort Score: the mean rating, 1..k (lower is easier unless the summary says otherwise)';
COMMENT ON FUNCTION status(rating_summary, double precision, double precision) IS
	'green when the interval of the headline figure (CSAT percent, or CES mean) lies wholly on the better side of the target (below for a CES mean where lower is easier, else above), red when wholly on the worse side, else amber';

-- CES direction (0.2.0).  A CES summary records which end of its scale is
-- easy: the one- and two-argument ces_agg count lower as easier, as the
-- source articles define CES ("how much effort did you have to put
-- forth?"); this form takes the direction, false for an agreement question
-- ("the company made it easy for me").  Values stored by 0.1.0 read as
-- lower_is_easier = false, which 0.1.0 assumed.  status() treats the easy
-- end as better; rollup() and the comparisons refuse to mix directions.
CREATE FUNCTION ces_agg_trans(rating_summary, integer, integer, boolean) RETURNS rating_summary
	AS 'MODULE_PATHNAME', 'ces_agg_trans_directed' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION ces_agg_trans(rating_summary, integer, integer, boolean) IS
	'transition function of ces_agg: counts one rating on 1..scale_max in the direction lower_is_easier gives';
CREATE FUNCTION rating_agg_inverse(rating_summary, integer, integer, boolean) RETURNS rating_summary
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION rating_agg_inverse(rating_summary, integer, integer, boolean) IS
	'inverse transition function of ces_agg with scale_max and lower_is_easier, for moving window frames';
CREATE AGGREGATE ces_agg(rating integer, scale_max integer, lower_is_easier boolean) (
	SFUNC = ces_agg_trans,
	STYPE = rating_summary,
	FINALFUNC = rating_summary_final,
	COMBINEFUNC = rating_summary_merge,
	MSFUNC = ces_agg_trans,
	MINVFUNC = rating_agg_inverse,
	MSTYPE = rating_summary,
	MINITCOND = 'v2 kind=ces scale=7 lower_is_easier=true counts=0,0,0,0,0,0,0',
	MFINALFUNC = rating_summary_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE ces_agg(integer, integer, boolean) IS
	'summarizes CES ratings on 1..scale_max (2..10) into a rating_summary, lower being easier when lower_is_easier; NULL ratings are ignored';
CREATE FUNCTION easy(rating_summary) RETURNS double precision
	AS 'MODULE_PATHNAME', 'rating_summary_easy' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION easy(rating_summary) IS
	'percent of CES answers at the easy end: the two easiest points on scales of 5 or more, the easiest on smaller ones';

--------------------------------------------------------------------------
-- queue_summary: contacts offered to a queue, for service level,
-- abandonment and average speed of answer
--------------------------------------------------------------------------

CREATE TYPE queue_summary;

CREATE FUNCTION queue_summary_in(cstring) RETURNS queue_summary
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION queue_summary_out(queue_summary) RETURNS cstring
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION queue_summary_recv(internal) RETURNS queue_summary
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION queue_summary_send(queue_summary) RETURNS bytea
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION queue_summary_in(cstring) IS 'text input of queue_summary';
COMMENT ON FUNCTION queue_summary_out(queue_summary) IS 'text output of queue_summary';
COMMENT ON FUNCTION queue_summary_recv(internal) IS 'binary input of queue_summary';
COMMENT ON FUNCTION queue_summary_send(queue_summary) IS 'binary output of queue_summary';

CREATE TYPE queue_summary (
	INPUT = queue_summary_in,
	OUTPUT = queue_summary_out,
	RECEIVE = queue_summary_recv,
	SEND = queue_summary_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = double,
	STORAGE = plain
);
COMMENT ON TYPE queue_summary IS
	'mergeable summary of contacts offered to a queue: counts answered within and after the target, short and other abandons, the exact answered wait, and the two thresholds';

-- Aggregate support.  The transition functions are not strict: they create
-- the summary on the first counted contact and skip a row whose wait or
-- answered is NULL.  Waits and thresholds come as intervals or as double
-- precision seconds; the two-argument aggregates use a target of 20 s and
-- a short-abandon threshold of 5 s.
CREATE FUNCTION queue_agg_trans(queue_summary, interval, boolean) RETURNS queue_summary
	AS 'MODULE_PATHNAME', 'queue_agg_trans_interval' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION queue_agg_trans(queue_summary, interval, boolean) IS
	'transition function of queue_agg(interval, boolean): counts one contact against the default thresholds';
CREATE FUNCTION queue_agg_trans(queue_summary, interval, boolean, interval, interval) RETURNS queue_summary
	AS 'MODULE_PATHNAME', 'queue_agg_trans_interval' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION queue_agg_trans(queue_summary, interval, boolean, interval, interval) IS
	'transition function of queue_agg(interval, boolean, interval, interval): counts one contact';
CREATE FUNCTION queue_agg_trans(queue_summary, double precision, boolean) RETURNS queue_summary
	AS 'MODULE_PATHNAME', 'queue_agg_trans_seconds' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION queue_agg_trans(queue_summary, double precision, boolean) IS
	'transition function of queue_agg(double precision, boolean): counts one contact against the default thresholds';
CREATE FUNCTION queue_agg_trans(queue_summary, double precision, boolean,
								double precision, double precision) RETURNS queue_summary
	AS 'MODULE_PATHNAME', 'queue_agg_trans_seconds' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION queue_agg_trans(queue_summary, double precision, boolean, double precision, double precision) IS
	'transition function of queue_agg(double precision, boolean, double precision, double precision): counts one contact';
CREATE FUNCTION queue_agg_inverse(queue_summary, interval, boolean) RETURNS queue_summary
	AS 'MODULE_PATHNAME', 'queue_agg_inverse_interval' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION queue_agg_inverse(queue_summary, interval, boolean) IS
	'inverse transition function of queue_agg(interval, boolean), for moving window frames';
CREATE FUNCTION queue_agg_inverse(queue_summary, interval, boolean, interval, interval) RETURNS queue_summary
	AS 'MODULE_PATHNAME', 'queue_agg_inverse_interval' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION queue_agg_inverse(queue_summary, interval, boolean, interval, interval) IS
	'inverse transition function of queue_agg(interval, boolean, interval, interval), for moving window frames';
CREATE FUNCTION queue_agg_inverse(queue_summary, double precision, boolean) RETURNS queue_summary
	AS 'MODULE_PATHNAME', 'queue_agg_inverse_seconds' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION queue_agg_inverse(queue_summary, double precision, boolean) IS
	'inverse transition function of queue_agg(double precision, boolean), for moving window frames';
CREATE FUNCTION queue_agg_inverse(queue_summary, double precision, boolean,
								  double precision, double precision) RETURNS queue_summary
	AS 'MODULE_PATHNAME', 'queue_agg_inverse_seconds' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION queue_agg_inverse(queue_summary, double precision, boolean, double precision, double precision) IS
	'inverse transition function of queue_agg(double precision, boolean, double precision, double precision), for moving window frames';
CREATE FUNCTION queue_summary_merge(queue_summary, queue_summary) RETURNS queue_summary
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION queue_summary_merge(queue_summary, queue_summary) IS
	'merges two queue summaries of the same thresholds exactly (combine function and rollup)';
CREATE FUNCTION queue_summary_unmerge(queue_summary, queue_summary) RETURNS queue_summary
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION queue_summary_unmerge(queue_summary, queue_summary) IS
	'inverse of queue_summary_merge, for moving window frames of rollup';
CREATE FUNCTION queue_summary_final(queue_summary) RETURNS queue_summary
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION queue_summary_final(queue_summary) IS
	'final function of queue_agg and rollup: NULL for a summary of no contacts';

-- Moving-aggregate states start as an empty summary of the default
-- thresholds; an empty summary takes the thresholds of the first row it
-- counts.
CREATE AGGREGATE queue_agg(wait interval, answered boolean) (
	SFUNC = queue_agg_trans,
	STYPE = queue_summary,
	FINALFUNC = queue_summary_final,
	COMBINEFUNC = queue_summary_merge,
	MSFUNC = queue_agg_trans,
	MINVFUNC = queue_agg_inverse,
	MSTYPE = queue_summary,
	MINITCOND = 'v1 target_us=20000000 short_abandon_us=5000000 answered=0,0 abandoned=0,0 answered_wait_us=0',
	MFINALFUNC = queue_summary_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE queue_agg(interval, boolean) IS
	'summarizes contacts offered to a queue (wait, answered) against a target of 20 s and a short-abandon threshold of 5 s; rows with a NULL are ignored';

CREATE AGGREGATE queue_agg(wait interval, answered boolean,
						   target interval, short_abandon interval) (
	SFUNC = queue_agg_trans,
	STYPE = queue_summary,
	FINALFUNC = queue_summary_final,
	COMBINEFUNC = queue_summary_merge,
	MSFUNC = queue_agg_trans,
	MINVFUNC = queue_agg_inverse,
	MSTYPE = queue_summary,
	MINITCOND = 'v1 target_us=20000000 short_abandon_us=5000000 answered=0,0 abandoned=0,0 answered_wait_us=0',
	MFINALFUNC = queue_summary_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE queue_agg(interval, boolean, interval, interval) IS
	'summarizes contacts offered to a queue (wait, answered) against a service-level target and a short-abandon threshold; rows with a NULL wait or answered are ignored';

CREATE AGGREGATE queue_agg(wait double precision, answered boolean) (
	SFUNC = queue_agg_trans,
	STYPE = queue_summary,
	FINALFUNC = queue_summary_final,
	COMBINEFUNC = queue_summary_merge,
	MSFUNC = queue_agg_trans,
	MINVFUNC = queue_agg_inverse,
	MSTYPE = queue_summary,
	MINITCOND = 'v1 target_us=20000000 short_abandon_us=5000000 answered=0,0 abandoned=0,0 answered_wait_us=0',
	MFINALFUNC = queue_summary_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE queue_agg(double precision, boolean) IS
	'summarizes contacts offered to a queue (wait in seconds, rounded to the microsecond; answered) against a target of 20 s and a short-abandon threshold of 5 s; rows with a NULL are ignored';

CREATE AGGREGATE queue_agg(wait double precision, answered boolean,
						   target double precision, short_abandon double precision) (
	SFUNC = queue_agg_trans,
	STYPE = queue_summary,
	FINALFUNC = queue_summary_final,
	COMBINEFUNC = queue_summary_merge,
	MSFUNC = queue_agg_trans,
	MINVFUNC = queue_agg_inverse,
	MSTYPE = queue_summary,
	MINITCOND = 'v1 target_us=20000000 short_abandon_us=5000000 answered=0,0 abandoned=0,0 answered_wait_us=0',
	MFINALFUNC = queue_summary_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE queue_agg(double precision, boolean, double precision, double precision) IS
	'summarizes contacts offered to a queue (wait, target and short-abandon threshold in seconds, rounded to the microsecond); rows with a NULL wait or answered are ignored';

CREATE AGGREGATE rollup(queue_summary) (
	SFUNC = queue_summary_merge,
	STYPE = queue_summary,
	FINALFUNC = queue_summary_final,
	COMBINEFUNC = queue_summary_merge,
	MSFUNC = queue_summary_merge,
	MINVFUNC = queue_summary_unmerge,
	MSTYPE = queue_summary,
	MFINALFUNC = queue_summary_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE rollup(queue_summary) IS
	'merges queue summaries of the same thresholds exactly, e.g. half-hour intervals into a day';

-- Counts: 0 for a NULL summary (a group of no contacts), as count() is.
CREATE FUNCTION offered(queue_summary) RETURNS bigint
	AS 'MODULE_PATHNAME', 'queue_summary_offered' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION offered(queue_summary) IS 'number of contacts offered: answered and abandoned; 0 for NULL';
CREATE FUNCTION answered(queue_summary) RETURNS bigint
	AS 'MODULE_PATHNAME', 'queue_summary_answered' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION answered(queue_summary) IS 'number of contacts answered; 0 for NULL';
CREATE FUNCTION abandoned(queue_summary) RETURNS bigint
	AS 'MODULE_PATHNAME', 'queue_summary_abandoned' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION abandoned(queue_summary) IS 'number of contacts abandoned, short abandons included; 0 for NULL';
CREATE FUNCTION short_abandoned(queue_summary) RETURNS bigint
	AS 'MODULE_PATHNAME', 'queue_summary_short_abandoned' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION short_abandoned(queue_summary) IS
	'number of contacts abandoned after waiting less than the short-abandon threshold; 0 for NULL';
CREATE FUNCTION responses(queue_summary) RETURNS bigint
	AS 'MODULE_PATHNAME', 'queue_summary_offered' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION responses(queue_summary) IS 'number of contacts offered, as offered(); 0 for NULL';

CREATE FUNCTION service_level(s queue_summary, include_abandoned boolean DEFAULT true,
							  include_short_abandoned boolean DEFAULT false)
	RETURNS double precision
	AS 'MODULE_PATHNAME', 'queue_summary_service_level' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION service_level(queue_summary, boolean, boolean) IS
	'percent answered within target, of the answered plus (if include_abandoned) the abandons other than short ones plus (if include_short_abandoned) the short abandons';
CREATE FUNCTION abandonment_rate(s queue_summary, include_short_abandoned boolean DEFAULT false)
	RETURNS double precision
	AS 'MODULE_PATHNAME', 'queue_summary_abandonment_rate' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION abandonment_rate(queue_summary, boolean) IS
	'percent of contacts offered that were abandoned, short abandons left out of both unless include_short_abandoned';
CREATE FUNCTION asa(queue_summary) RETURNS double precision
	AS 'MODULE_PATHNAME', 'queue_summary_asa' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION asa(queue_summary) IS
	'average speed of answer: the exact mean wait of answered contacts, in seconds';
CREATE FUNCTION lower_bound(queue_summary, confidence double precision DEFAULT 0.95)
	RETURNS double precision
	AS 'MODULE_PATHNAME', 'queue_summary_lower_bound' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION lower_bound(queue_summary, double precision) IS
	'lower end of the Wilson score interval of service_level(s) (default 95%)';
CREATE FUNCTION upper_bound(queue_summary, confidence double precision DEFAULT 0.95)
	RETURNS double precision
	AS 'MODULE_PATHNAME', 'queue_summary_upper_bound' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION upper_bound(queue_summary, double precision) IS
	'upper end of the Wilson score interval of service_level(s) (default 95%)';
CREATE FUNCTION status(queue_summary, target double precision,
					   confidence double precision DEFAULT 0.95)
	RETURNS text
	AS 'MODULE_PATHNAME', 'queue_summary_status' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION status(queue_summary, double precision, double precision) IS
	'green when the interval of service_level(s) lies wholly above the target percent, red when wholly below, else amber';

CREATE FUNCTION queue_summary_jsonb(queue_summary) RETURNS jsonb
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION queue_summary_jsonb(queue_summary) IS
	'every figure and count of a queue summary as jsonb';
CREATE CAST (queue_summary AS jsonb) WITH FUNCTION queue_summary_jsonb(queue_summary);
COMMENT ON CAST (queue_summary AS jsonb) IS
	'every figure and count of a queue summary, for BI tools and exports';

CREATE FUNCTION queue_summary_eq(queue_summary, queue_summary) RETURNS boolean
	AS 'MODULE_PATHNAME', 'summary_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION queue_summary_eq(queue_summary, queue_summary) IS
	'true when two queue summaries hold the same thresholds, counts and wait';
CREATE FUNCTION queue_summary_ne(queue_summary, queue_summary) RETURNS boolean
	AS 'MODULE_PATHNAME', 'summary_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION queue_summary_ne(queue_summary, queue_summary) IS
	'true when two queue summaries differ';
CREATE OPERATOR = (
	LEFTARG = queue_summary, RIGHTARG = queue_summary, PROCEDURE = queue_summary_eq,
	COMMUTATOR = =, NEGATOR = <>, RESTRICT = eqsel, JOIN = eqjoinsel
);
COMMENT ON OPERATOR = (queue_summary, queue_summary) IS 'same thresholds, counts and wait';
CREATE OPERATOR <> (
	LEFTARG = queue_summary, RIGHTARG = queue_summary, PROCEDURE = queue_summary_ne,
	COMMUTATOR = <>, NEGATOR = =, RESTRICT = neqsel, JOIN = neqjoinsel
);
COMMENT ON OPERATOR <> (queue_summary, queue_summary) IS 'different thresholds, counts or wait';

--------------------------------------------------------------------------
-- attainment: figures of any unit on one 0..100 scale, for an overall
-- score (rubric_score over the attainments, each criterion out of 100)
--------------------------------------------------------------------------

CREATE FUNCTION attainment(value double precision, worst double precision,
						   best double precision)
	RETURNS double precision
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION attainment(double precision, double precision, double precision) IS
	'0 at worst, 100 at best, linear between, clipped to 0..100; worst > best means lower is better';
