-- scorecard 0.1.0: customer-service scorecards as mergeable aggregates.

\echo Use "CREATE EXTENSION scorecard" to load this file. \quit

--------------------------------------------------------------------------
-- nps_summary: Net Promoter Score answers (0..10)
--------------------------------------------------------------------------

CREATE TYPE nps_summary;

CREATE FUNCTION nps_summary_in(cstring) RETURNS nps_summary
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION nps_summary_out(nps_summary) RETURNS cstring
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION nps_summary_recv(internal) RETURNS nps_summary
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION nps_summary_send(nps_summary) RETURNS bytea
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps_summary_in(cstring) IS 'text input of nps_summary';
COMMENT ON FUNCTION nps_summary_out(nps_summary) IS 'text output of nps_summary';
COMMENT ON FUNCTION nps_summary_recv(internal) IS 'binary input of nps_summary';
COMMENT ON FUNCTION nps_summary_send(nps_summary) IS 'binary output of nps_summary';

-- STORAGE plain keeps stored summaries unpacked and 8-byte aligned, so
-- rollup() reads them in place.
CREATE TYPE nps_summary (
	INPUT = nps_summary_in,
	OUTPUT = nps_summary_out,
	RECEIVE = nps_summary_recv,
	SEND = nps_summary_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = double,
	STORAGE = plain
);
COMMENT ON TYPE nps_summary IS
	'mergeable summary of NPS answers (0..10): one count per score';

-- Aggregate support.  The transition functions are not strict: they create
-- the summary on the first non-NULL score and skip NULL scores.
CREATE FUNCTION nps_agg_trans(nps_summary, integer) RETURNS nps_summary
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION nps_agg_trans(nps_summary, integer) IS
	'transition function of nps_agg: counts one score';
CREATE FUNCTION nps_agg_inverse(nps_summary, integer) RETURNS nps_summary
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION nps_agg_inverse(nps_summary, integer) IS
	'inverse transition function of nps_agg, for moving window frames';
CREATE FUNCTION nps_summary_merge(nps_summary, nps_summary) RETURNS nps_summary
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps_summary_merge(nps_summary, nps_summary) IS
	'merges two NPS summaries exactly (combine function of nps_agg and rollup)';
CREATE FUNCTION nps_summary_unmerge(nps_summary, nps_summary) RETURNS nps_summary
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps_summary_unmerge(nps_summary, nps_summary) IS
	'inverse of nps_summary_merge, for moving window frames of rollup';
CREATE FUNCTION nps_summary_final(nps_summary) RETURNS nps_summary
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps_summary_final(nps_summary) IS
	'final function of nps_agg and rollup: NULL for a summary of no answers';

CREATE AGGREGATE nps_agg(integer) (
	SFUNC = nps_agg_trans,
	STYPE = nps_summary,
	FINALFUNC = nps_summary_final,
	COMBINEFUNC = nps_summary_merge,
	MSFUNC = nps_agg_trans,
	MINVFUNC = nps_agg_inverse,
	MSTYPE = nps_summary,
	-- A moving aggregate's state must never be NULL, so it starts empty.
	MINITCOND = 'v1 counts=0,0,0,0,0,0,0,0,0,0,0',
	MFINALFUNC = nps_summary_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE nps_agg(integer) IS
	'summarizes NPS answers (0..10) into an nps_summary; NULL answers are ignored';

CREATE AGGREGATE rollup(nps_summary) (
	SFUNC = nps_summary_merge,
	STYPE = nps_summary,
	FINALFUNC = nps_summary_final,
	COMBINEFUNC = nps_summary_merge,
	MSFUNC = nps_summary_merge,
	MINVFUNC = nps_summary_unmerge,
	MSTYPE = nps_summary,
	MFINALFUNC = nps_summary_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE rollup(nps_summary) IS
	'merges NPS summaries exactly, e.g. daily summaries into a month';

-- Accessors.
CREATE FUNCTION nps(nps_summary) RETURNS double precision
	AS 'MODULE_PATHNAME', 'nps_summary_nps' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps(nps_summary) IS
	'Net Promoter Score: 100 * (promoters - detractors) / responses, in -100..100';
CREATE FUNCTION promoters(nps_summary) RETURNS bigint
	AS 'MODULE_PATHNAME', 'nps_summary_promoters' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION promoters(nps_summary) IS 'number of answers of 9 or 10';
CREATE FUNCTION passives(nps_summary) RETURNS bigint
	AS 'MODULE_PATHNAME', 'nps_summary_passives' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION passives(nps_summary) IS 'number of answers of 7 or 8';
CREATE FUNCTION detractors(nps_summary) RETURNS bigint
	AS 'MODULE_PATHNAME', 'nps_summary_detractors' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION detractors(nps_summary) IS 'number of answers from 0 to 6';
CREATE FUNCTION responses(nps_summary) RETURNS bigint
	AS 'MODULE_PATHNAME', 'nps_summary_responses' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION responses(nps_summary) IS 'number of non-NULL answers';
CREATE FUNCTION mean(nps_summary) RETURNS double precision
	AS 'MODULE_PATHNAME', 'nps_summary_mean' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION mean(nps_summary) IS 'mean likelihood-to-recommend score, 0..10';
CREATE FUNCTION distribution(nps_summary) RETURNS bigint[]
	AS 'MODULE_PATHNAME', 'nps_summary_distribution' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION distribution(nps_summary) IS
	'answers per score, subscripted by score: distribution(s)[10] counts the 10s';
CREATE FUNCTION lower_bound(nps_summary, confidence double precision DEFAULT 0.95)
	RETURNS double precision
	AS 'MODULE_PATHNAME', 'nps_summary_lower_bound' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION lower_bound(nps_summary, double precision) IS
	'lower end of the adjusted-Wald confidence interval of the NPS (default 95%)';
CREATE FUNCTION upper_bound(nps_summary, confidence double precision DEFAULT 0.95)
	RETURNS double precision
	AS 'MODULE_PATHNAME', 'nps_summary_upper_bound' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION upper_bound(nps_summary, double precision) IS
	'upper end of the adjusted-Wald confidence interval of the NPS (default 95%)';

CREATE FUNCTION status(nps_summary, target double precision,
					   confidence double precision DEFAULT 0.95)
	RETURNS text
	AS 'MODULE_PATHNAME', 'nps_summary_status' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION status(nps_summary, double precision, double precision) IS
	'green when the NPS interval lies wholly above the target, red when wholly below, else amber';

CREATE FUNCTION nps_summary_jsonb(nps_summary) RETURNS jsonb
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps_summary_jsonb(nps_summary) IS
	'every figure and count of an NPS summary as jsonb';
CREATE CAST (nps_summary AS jsonb) WITH FUNCTION nps_summary_jsonb(nps_summary);
COMMENT ON CAST (nps_summary AS jsonb) IS
	'every figure and count of an NPS summary, for BI tools and exports';

CREATE FUNCTION nps_summary_eq(nps_summary, nps_summary) RETURNS boolean
	AS 'MODULE_PATHNAME', 'summary_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps_summary_eq(nps_summary, nps_summary) IS
	'true when two NPS summaries hold the same counts';
CREATE FUNCTION nps_summary_ne(nps_summary, nps_summary) RETURNS boolean
	AS 'MODULE_PATHNAME', 'summary_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps_summary_ne(nps_summary, nps_summary) IS
	'true when two NPS summaries differ';
CREATE OPERATOR = (
	LEFTARG = nps_summary, RIGHTARG = nps_summary, PROCEDURE = nps_summary_eq,
	COMMUTATOR = =, NEGATOR = <>, RESTRICT = eqsel, JOIN = eqjoinsel
);
COMMENT ON OPERATOR = (nps_summary, nps_summary) IS 'same counts';
CREATE OPERATOR <> (
	LEFTARG = nps_summary, RIGHTARG = nps_summary, PROCEDURE = nps_summary_ne,
	COMMUTATOR = <>, NEGATOR = =, RESTRICT = neqsel, JOIN = neqjoinsel
);
COMMENT ON OPERATOR <> (nps_summary, nps_summary) IS 'different counts';
