-- scorecard 0.2.0: customer-service scorecards as mergeable aggregates.

\echo Use "CREATE EXTENSION scorecard" to load this file. \quit

--------------------------------------------------------------------------
-- Sort support shared by the btree operator classes of every summary type
-- (and business_calendar): one comparator over the canonical stored form.
--------------------------------------------------------------------------

CREATE FUNCTION summary_sortsupport(internal) RETURNS void
	AS 'MODULE_PATHNAME', 'summary_sortsupport' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION summary_sortsupport(internal) IS
	'btree sort support of every summary type: compares stored forms without a call per pair';

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
	AS 'MODULE_PATHNAME', 'nps_summary_promoters' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION promoters(nps_summary) IS 'number of answers of 9 or 10; 0 for NULL';
CREATE FUNCTION passives(nps_summary) RETURNS bigint
	AS 'MODULE_PATHNAME', 'nps_summary_passives' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION passives(nps_summary) IS 'number of answers of 7 or 8; 0 for NULL';
CREATE FUNCTION detractors(nps_summary) RETURNS bigint
	AS 'MODULE_PATHNAME', 'nps_summary_detractors' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION detractors(nps_summary) IS 'number of answers from 0 to 6; 0 for NULL';
CREATE FUNCTION responses(nps_summary) RETURNS bigint
	AS 'MODULE_PATHNAME', 'nps_summary_responses' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION responses(nps_summary) IS 'number of non-NULL answers; 0 for NULL';
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
	COMMUTATOR = =, NEGATOR = <>, RESTRICT = eqsel, JOIN = eqjoinsel,
	HASHES, MERGES
);
COMMENT ON OPERATOR = (nps_summary, nps_summary) IS 'same counts';
CREATE OPERATOR <> (
	LEFTARG = nps_summary, RIGHTARG = nps_summary, PROCEDURE = nps_summary_ne,
	COMMUTATOR = <>, NEGATOR = =, RESTRICT = neqsel, JOIN = neqjoinsel
);
COMMENT ON OPERATOR <> (nps_summary, nps_summary) IS 'different counts';

-- Order and hash of nps_summary: the operator classes that DISTINCT, GROUP BY,
-- UNION, ORDER BY, merge and hash joins and indexes use.  The order is
-- the one of every summary type (summary.c): a shorter stored value first,
-- then the first differing byte; consistent with =, not by any figure.
CREATE FUNCTION nps_summary_lt(nps_summary, nps_summary) RETURNS boolean
	AS 'MODULE_PATHNAME', 'summary_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps_summary_lt(nps_summary, nps_summary) IS
	'true when the first nps_summary sorts before the second in the stored-form order';
CREATE FUNCTION nps_summary_le(nps_summary, nps_summary) RETURNS boolean
	AS 'MODULE_PATHNAME', 'summary_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps_summary_le(nps_summary, nps_summary) IS
	'true when the first nps_summary sorts before or equals the second in the stored-form order';
CREATE FUNCTION nps_summary_gt(nps_summary, nps_summary) RETURNS boolean
	AS 'MODULE_PATHNAME', 'summary_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps_summary_gt(nps_summary, nps_summary) IS
	'true when the first nps_summary sorts after the second in the stored-form order';
CREATE FUNCTION nps_summary_ge(nps_summary, nps_summary) RETURNS boolean
	AS 'MODULE_PATHNAME', 'summary_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps_summary_ge(nps_summary, nps_summary) IS
	'true when the first nps_summary sorts after or equals the second in the stored-form order';
CREATE FUNCTION nps_summary_cmp(nps_summary, nps_summary) RETURNS integer
	AS 'MODULE_PATHNAME', 'summary_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps_summary_cmp(nps_summary, nps_summary) IS
	'btree support: -1, 0 or 1 as the first nps_summary sorts before, with or after the second';
CREATE FUNCTION nps_summary_hash(nps_summary) RETURNS integer
	AS 'MODULE_PATHNAME', 'summary_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps_summary_hash(nps_summary) IS 'hash support: hash of the stored form';
CREATE FUNCTION nps_summary_hash_extended(nps_summary, bigint) RETURNS bigint
	AS 'MODULE_PATHNAME', 'summary_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps_summary_hash_extended(nps_summary, bigint) IS
	'hash support: seeded 64-bit hash of the stored form, for hash partitioning';
CREATE OPERATOR < (
	LEFTARG = nps_summary, RIGHTARG = nps_summary, PROCEDURE = nps_summary_lt,
	COMMUTATOR = >, NEGATOR = >=, RESTRICT = scalarltsel, JOIN = scalarltjoinsel
);
CREATE OPERATOR <= (
	LEFTARG = nps_summary, RIGHTARG = nps_summary, PROCEDURE = nps_summary_le,
	COMMUTATOR = >=, NEGATOR = >, RESTRICT = scalarlesel, JOIN = scalarlejoinsel
);
CREATE OPERATOR > (
	LEFTARG = nps_summary, RIGHTARG = nps_summary, PROCEDURE = nps_summary_gt,
	COMMUTATOR = <, NEGATOR = <=, RESTRICT = scalargtsel, JOIN = scalargtjoinsel
);
CREATE OPERATOR >= (
	LEFTARG = nps_summary, RIGHTARG = nps_summary, PROCEDURE = nps_summary_ge,
	COMMUTATOR = <=, NEGATOR = <, RESTRICT = scalargesel, JOIN = scalargejoinsel
);
COMMENT ON OPERATOR < (nps_summary, nps_summary) IS 'sorts before, in the stored-form order';
COMMENT ON OPERATOR <= (nps_summary, nps_summary) IS 'sorts before or equals, in the stored-form order';
COMMENT ON OPERATOR > (nps_summary, nps_summary) IS 'sorts after, in the stored-form order';
COMMENT ON OPERATOR >= (nps_summary, nps_summary) IS 'sorts after or equals, in the stored-form order';
CREATE OPERATOR CLASS nps_summary_ops DEFAULT FOR TYPE nps_summary USING btree AS
	OPERATOR 1 <, OPERATOR 2 <=, OPERATOR 3 =, OPERATOR 4 >=, OPERATOR 5 >,
	FUNCTION 1 nps_summary_cmp(nps_summary, nps_summary),
	FUNCTION 2 summary_sortsupport(internal);
CREATE OPERATOR CLASS nps_summary_ops DEFAULT FOR TYPE nps_summary USING hash AS
	OPERATOR 1 =,
	FUNCTION 1 nps_summary_hash(nps_summary),
	FUNCTION 2 nps_summary_hash_extended(nps_summary, bigint);
COMMENT ON OPERATOR CLASS nps_summary_ops USING btree IS 'ordering of nps_summary, by its stored form';
COMMENT ON OPERATOR FAMILY nps_summary_ops USING btree IS 'ordering of nps_summary, by its stored form';
COMMENT ON OPERATOR CLASS nps_summary_ops USING hash IS 'hashing of nps_summary, by its stored form';
COMMENT ON OPERATOR FAMILY nps_summary_ops USING hash IS 'hashing of nps_summary, by its stored form';

-- Comparing two NPS summaries (two periods, two agents, an agent and the
-- team): the difference of the scores, its adjusted-Wald interval and the
-- two-sided p-value of the matching z test.
CREATE FUNCTION difference(nps_summary, nps_summary) RETURNS double precision
	AS 'MODULE_PATHNAME', 'nps_summary_difference' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION difference(nps_summary, nps_summary) IS
	'NPS of the first summary minus NPS of the second, in points (-200..200)';
CREATE FUNCTION difference_lower_bound(nps_summary, nps_summary,
									   confidence double precision DEFAULT 0.95)
	RETURNS double precision
	AS 'MODULE_PATHNAME', 'nps_summary_difference_lower_bound' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION difference_lower_bound(nps_summary, nps_summary, double precision) IS
	'lower end of the adjusted-Wald confidence interval of the NPS difference (default 95%)';
CREATE FUNCTION difference_upper_bound(nps_summary, nps_summary,
									   confidence double precision DEFAULT 0.95)
	RETURNS double precision
	AS 'MODULE_PATHNAME', 'nps_summary_difference_upper_bound' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION difference_upper_bound(nps_summary, nps_summary, double precision) IS
	'upper end of the adjusted-Wald confidence interval of the NPS difference (default 95%)';
CREATE FUNCTION p_value(nps_summary, nps_summary) RETURNS double precision
	AS 'MODULE_PATHNAME', 'nps_summary_p_value' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION p_value(nps_summary, nps_summary) IS
	'two-sided p-value of the adjusted-Wald z test that two NPS are equal';

--------------------------------------------------------------------------
-- rating_summary: CSAT and CES answers on a 1..k scale (k = 2..10)
--------------------------------------------------------------------------

CREATE TYPE rating_summary;

CREATE FUNCTION rating_summary_in(cstring) RETURNS rating_summary
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION rating_summary_out(rating_summary) RETURNS cstring
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION rating_summary_recv(internal) RETURNS rating_summary
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION rating_summary_send(rating_summary) RETURNS bytea
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION rating_summary_in(cstring) IS 'text input of rating_summary';
COMMENT ON FUNCTION rating_summary_out(rating_summary) IS 'text output of rating_summary';
COMMENT ON FUNCTION rating_summary_recv(internal) IS 'binary input of rating_summary';
COMMENT ON FUNCTION rating_summary_send(rating_summary) IS 'binary output of rating_summary';

CREATE TYPE rating_summary (
	INPUT = rating_summary_in,
	OUTPUT = rating_summary_out,
	RECEIVE = rating_summary_recv,
	SEND = rating_summary_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = double,
	STORAGE = plain
);
COMMENT ON TYPE rating_summary IS
	'mergeable summary of CSAT or CES ratings on 1..k: the kind (for CES, with the easy end of the scale), the scale and one count per rating';

-- Aggregate support.  The transition functions are not strict: they create
-- the summary on the first non-NULL rating and skip NULL ratings.
CREATE FUNCTION csat_agg_trans(rating_summary, integer) RETURNS rating_summary
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION csat_agg_trans(rating_summary, integer) IS
	'transition function of csat_agg: counts one rating on 1..5';
CREATE FUNCTION csat_agg_trans(rating_summary, integer, integer) RETURNS rating_summary
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION csat_agg_trans(rating_summary, integer, integer) IS
	'transition function of csat_agg: counts one rating on 1..scale_max';
CREATE FUNCTION ces_agg_trans(rating_summary, integer) RETURNS rating_summary
	AS 'MODULE_PATHNAME', 'ces_agg_trans_directed' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION ces_agg_trans(rating_summary, integer) IS
	'transition function of ces_agg: counts one rating on 1..7, lower being easier';
CREATE FUNCTION ces_agg_trans(rating_summary, integer, integer) RETURNS rating_summary
	AS 'MODULE_PATHNAME', 'ces_agg_trans_directed' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION ces_agg_trans(rating_summary, integer, integer) IS
	'transition function of ces_agg: counts one rating on 1..scale_max, lower being easier';
CREATE FUNCTION rating_agg_inverse(rating_summary, integer) RETURNS rating_summary
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION rating_agg_inverse(rating_summary, integer) IS
	'inverse transition function of csat_agg and ces_agg, for moving window frames';
CREATE FUNCTION rating_agg_inverse(rating_summary, integer, integer) RETURNS rating_summary
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION rating_agg_inverse(rating_summary, integer, integer) IS
	'inverse transition function of csat_agg and ces_agg with scale_max, for moving window frames';
CREATE FUNCTION rating_summary_merge(rating_summary, rating_summary) RETURNS rating_summary
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION rating_summary_merge(rating_summary, rating_summary) IS
	'merges two rating summaries of the same kind, direction and scale exactly (combine function and rollup); a summary of no answers merges with any';
CREATE FUNCTION rating_summary_unmerge(rating_summary, rating_summary) RETURNS rating_summary
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION rating_summary_unmerge(rating_summary, rating_summary) IS
	'inverse of rating_summary_merge, for moving window frames of rollup';
CREATE FUNCTION rating_summary_final(rating_summary) RETURNS rating_summary
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION rating_summary_final(rating_summary) IS
	'final function of the rating aggregates and rollup: NULL for a summary of no answers';

-- Moving-aggregate states start as an empty summary of the default scale;
-- an empty summary takes the scale, and for CES the direction, of the first
-- rating it counts.  (So ces_agg's MINITCOND, 0.1.0's, need not say that
-- lower is easier.)
CREATE AGGREGATE csat_agg(rating integer) (
	SFUNC = csat_agg_trans,
	STYPE = rating_summary,
	FINALFUNC = rating_summary_final,
	COMBINEFUNC = rating_summary_merge,
	MSFUNC = csat_agg_trans,
	MINVFUNC = rating_agg_inverse,
	MSTYPE = rating_summary,
	MINITCOND = 'v1 kind=csat scale=5 counts=0,0,0,0,0',
	MFINALFUNC = rating_summary_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE csat_agg(integer) IS
	'summarizes CSAT ratings on 1..5 into a rating_summary; NULL ratings are ignored';

CREATE AGGREGATE csat_agg(rating integer, scale_max integer) (
	SFUNC = csat_agg_trans,
	STYPE = rating_summary,
	FINALFUNC = rating_summary_final,
	COMBINEFUNC = rating_summary_merge,
	MSFUNC = csat_agg_trans,
	MINVFUNC = rating_agg_inverse,
	MSTYPE = rating_summary,
	MINITCOND = 'v1 kind=csat scale=5 counts=0,0,0,0,0',
	MFINALFUNC = rating_summary_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE csat_agg(integer, integer) IS
	'summarizes CSAT ratings on 1..scale_max (2..10) into a rating_summary; NULL ratings are ignored';

CREATE AGGREGATE ces_agg(rating integer) (
	SFUNC = ces_agg_trans,
	STYPE = rating_summary,
	FINALFUNC = rating_summary_final,
	COMBINEFUNC = rating_summary_merge,
	MSFUNC = ces_agg_trans,
	MINVFUNC = rating_agg_inverse,
	MSTYPE = rating_summary,
	MINITCOND = 'v1 kind=ces scale=7 counts=0,0,0,0,0,0,0',
	MFINALFUNC = rating_summary_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE ces_agg(integer) IS
	'summarizes CES ratings on 1..7, lower being easier (the effort question), into a rating_summary; NULL ratings are ignored';

CREATE AGGREGATE ces_agg(rating integer, scale_max integer) (
	SFUNC = ces_agg_trans,
	STYPE = rating_summary,
	FINALFUNC = rating_summary_final,
	COMBINEFUNC = rating_summary_merge,
	MSFUNC = ces_agg_trans,
	MINVFUNC = rating_agg_inverse,
	MSTYPE = rating_summary,
	MINITCOND = 'v1 kind=ces scale=7 counts=0,0,0,0,0,0,0',
	MFINALFUNC = rating_summary_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE ces_agg(integer, integer) IS
	'summarizes CES ratings on 1..scale_max (2..10), lower being easier (the effort question), into a rating_summary; NULL ratings are ignored';

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

CREATE AGGREGATE rollup(rating_summary) (
	SFUNC = rating_summary_merge,
	STYPE = rating_summary,
	FINALFUNC = rating_summary_final,
	COMBINEFUNC = rating_summary_merge,
	MSFUNC = rating_summary_merge,
	MINVFUNC = rating_summary_unmerge,
	MSTYPE = rating_summary,
	MFINALFUNC = rating_summary_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE rollup(rating_summary) IS
	'merges rating summaries of one kind, direction and scale exactly, e.g. daily summaries into a month';

-- Accessors.
CREATE FUNCTION csat(rating_summary) RETURNS double precision
	AS 'MODULE_PATHNAME', 'rating_summary_csat' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION csat(rating_summary) IS
	'percent of satisfied answers, 0..100: the top two boxes (the top box on 2- and 3-point scales)';
CREATE FUNCTION csat(rating_summary, satisfied_from integer) RETURNS double precision
	AS 'MODULE_PATHNAME', 'rating_summary_csat' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION csat(rating_summary, integer) IS
	'percent of answers at or above satisfied_from, 0..100';
CREATE FUNCTION ces(rating_summary) RETURNS double precision
	AS 'MODULE_PATHNAME', 'rating_summary_mean' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ces(rating_summary) IS
	'Customer Effort Score: the mean rating, 1..k (lower is easier unless the summary says otherwise)';
CREATE FUNCTION mean(rating_summary) RETURNS double precision
	AS 'MODULE_PATHNAME', 'rating_summary_mean' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION mean(rating_summary) IS 'mean rating, 1..k';
CREATE FUNCTION responses(rating_summary) RETURNS bigint
	AS 'MODULE_PATHNAME', 'rating_summary_responses' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION responses(rating_summary) IS 'number of non-NULL ratings; 0 for NULL';
CREATE FUNCTION distribution(rating_summary) RETURNS bigint[]
	AS 'MODULE_PATHNAME', 'rating_summary_distribution' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION distribution(rating_summary) IS
	'answers per rating, subscripted by rating: distribution(s)[5] counts the 5s';
CREATE FUNCTION lower_bound(rating_summary, confidence double precision DEFAULT 0.95)
	RETURNS double precision
	AS 'MODULE_PATHNAME', 'rating_summary_lower_bound' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION lower_bound(rating_summary, double precision) IS
	'lower end of the confidence interval of the headline figure: Wilson for csat(s), normal for the CES mean (default 95%)';
CREATE FUNCTION upper_bound(rating_summary, confidence double precision DEFAULT 0.95)
	RETURNS double precision
	AS 'MODULE_PATHNAME', 'rating_summary_upper_bound' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION upper_bound(rating_summary, double precision) IS
	'upper end of the confidence interval of the headline figure: Wilson for csat(s), normal for the CES mean (default 95%)';

-- Comparisons of two summaries of the same kind, direction and scale.
CREATE FUNCTION difference(rating_summary, rating_summary) RETURNS double precision
	AS 'MODULE_PATHNAME', 'rating_summary_difference' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION difference(rating_summary, rating_summary) IS
	'headline figure of the first summary minus that of the second: CSAT percentage points or CES mean';
CREATE FUNCTION difference_lower_bound(rating_summary, rating_summary,
									   confidence double precision DEFAULT 0.95)
	RETURNS double precision
	AS 'MODULE_PATHNAME', 'rating_summary_difference_lower_bound' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION difference_lower_bound(rating_summary, rating_summary, double precision) IS
	'lower end of the confidence interval of the difference: Newcombe for CSAT, Welch for CES (default 95%)';
CREATE FUNCTION difference_upper_bound(rating_summary, rating_summary,
									   confidence double precision DEFAULT 0.95)
	RETURNS double precision
	AS 'MODULE_PATHNAME', 'rating_summary_difference_upper_bound' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION difference_upper_bound(rating_summary, rating_summary, double precision) IS
	'upper end of the confidence interval of the difference: Newcombe for CSAT, Welch for CES (default 95%)';
CREATE FUNCTION p_value(rating_summary, rating_summary) RETURNS double precision
	AS 'MODULE_PATHNAME', 'rating_summary_p_value' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION p_value(rating_summary, rating_summary) IS
	'two-sided p-value of no difference: pooled two-proportion z test for CSAT, Welch t test for CES';

CREATE FUNCTION status(rating_summary, target double precision,
					   confidence double precision DEFAULT 0.95)
	RETURNS text
	AS 'MODULE_PATHNAME', 'rating_summary_status' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION status(rating_summary, double precision, double precision) IS
	'green when the interval of the headline figure (CSAT percent, or CES mean) lies wholly on the better side of the target (below for a CES mean where lower is easier, else above), red when wholly on the worse side, else amber';

CREATE FUNCTION rating_summary_jsonb(rating_summary) RETURNS jsonb
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION rating_summary_jsonb(rating_summary) IS
	'every figure and count of a rating summary as jsonb';
CREATE CAST (rating_summary AS jsonb) WITH FUNCTION rating_summary_jsonb(rating_summary);
COMMENT ON CAST (rating_summary AS jsonb) IS
	'every figure and count of a rating summary, for BI tools and exports';

CREATE FUNCTION rating_summary_eq(rating_summary, rating_summary) RETURNS boolean
	AS 'MODULE_PATHNAME', 'summary_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION rating_summary_eq(rating_summary, rating_summary) IS
	'true when two rating summaries hold the same kind, scale and counts';
CREATE FUNCTION rating_summary_ne(rating_summary, rating_summary) RETURNS boolean
	AS 'MODULE_PATHNAME', 'summary_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION rating_summary_ne(rating_summary, rating_summary) IS
	'true when two rating summaries differ in kind, scale or counts';
CREATE OPERATOR = (
	LEFTARG = rating_summary, RIGHTARG = rating_summary, PROCEDURE = rating_summary_eq,
	COMMUTATOR = =, NEGATOR = <>, RESTRICT = eqsel, JOIN = eqjoinsel,
	HASHES, MERGES
);
COMMENT ON OPERATOR = (rating_summary, rating_summary) IS 'same kind, scale and counts';
CREATE OPERATOR <> (
	LEFTARG = rating_summary, RIGHTARG = rating_summary, PROCEDURE = rating_summary_ne,
	COMMUTATOR = <>, NEGATOR = =, RESTRICT = neqsel, JOIN = neqjoinsel
);
COMMENT ON OPERATOR <> (rating_summary, rating_summary) IS 'different kind, scale or counts';

-- Order and hash of rating_summary: the operator classes that DISTINCT, GROUP BY,
-- UNION, ORDER BY, merge and hash joins and indexes use.  The order is
-- the one of every summary type (summary.c): a shorter stored value first,
-- then the first differing byte; consistent with =, not by any figure.
CREATE FUNCTION rating_summary_lt(rating_summary, rating_summary) RETURNS boolean
	AS 'MODULE_PATHNAME', 'summary_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION rating_summary_lt(rating_summary, rating_summary) IS
	'true when the first rating_summary sorts before the second in the stored-form order';
CREATE FUNCTION rating_summary_le(rating_summary, rating_summary) RETURNS boolean
	AS 'MODULE_PATHNAME', 'summary_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION rating_summary_le(rating_summary, rating_summary) IS
	'true when the first rating_summary sorts before or equals the second in the stored-form order';
CREATE FUNCTION rating_summary_gt(rating_summary, rating_summary) RETURNS boolean
	AS 'MODULE_PATHNAME', 'summary_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION rating_summary_gt(rating_summary, rating_summary) IS
	'true when the first rating_summary sorts after the second in the stored-form order';
CREATE FUNCTION rating_summary_ge(rating_summary, rating_summary) RETURNS boolean
	AS 'MODULE_PATHNAME', 'summary_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION rating_summary_ge(rating_summary, rating_summary) IS
	'true when the first rating_summary sorts after or equals the second in the stored-form order';
CREATE FUNCTION rating_summary_cmp(rating_summary, rating_summary) RETURNS integer
	AS 'MODULE_PATHNAME', 'summary_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION rating_summary_cmp(rating_summary, rating_summary) IS
	'btree support: -1, 0 or 1 as the first rating_summary sorts before, with or after the second';
CREATE FUNCTION rating_summary_hash(rating_summary) RETURNS integer
	AS 'MODULE_PATHNAME', 'summary_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION rating_summary_hash(rating_summary) IS 'hash support: hash of the stored form';
CREATE FUNCTION rating_summary_hash_extended(rating_summary, bigint) RETURNS bigint
	AS 'MODULE_PATHNAME', 'summary_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION rating_summary_hash_extended(rating_summary, bigint) IS
	'hash support: seeded 64-bit hash of the stored form, for hash partitioning';
CREATE OPERATOR < (
	LEFTARG = rating_summary, RIGHTARG = rating_summary, PROCEDURE = rating_summary_lt,
	COMMUTATOR = >, NEGATOR = >=, RESTRICT = scalarltsel, JOIN = scalarltjoinsel
);
CREATE OPERATOR <= (
	LEFTARG = rating_summary, RIGHTARG = rating_summary, PROCEDURE = rating_summary_le,
	COMMUTATOR = >=, NEGATOR = >, RESTRICT = scalarlesel, JOIN = scalarlejoinsel
);
CREATE OPERATOR > (
	LEFTARG = rating_summary, RIGHTARG = rating_summary, PROCEDURE = rating_summary_gt,
	COMMUTATOR = <, NEGATOR = <=, RESTRICT = scalargtsel, JOIN = scalargtjoinsel
);
CREATE OPERATOR >= (
	LEFTARG = rating_summary, RIGHTARG = rating_summary, PROCEDURE = rating_summary_ge,
	COMMUTATOR = <=, NEGATOR = <, RESTRICT = scalargesel, JOIN = scalargejoinsel
);
COMMENT ON OPERATOR < (rating_summary, rating_summary) IS 'sorts before, in the stored-form order';
COMMENT ON OPERATOR <= (rating_summary, rating_summary) IS 'sorts before or equals, in the stored-form order';
COMMENT ON OPERATOR > (rating_summary, rating_summary) IS 'sorts after, in the stored-form order';
COMMENT ON OPERATOR >= (rating_summary, rating_summary) IS 'sorts after or equals, in the stored-form order';
CREATE OPERATOR CLASS rating_summary_ops DEFAULT FOR TYPE rating_summary USING btree AS
	OPERATOR 1 <, OPERATOR 2 <=, OPERATOR 3 =, OPERATOR 4 >=, OPERATOR 5 >,
	FUNCTION 1 rating_summary_cmp(rating_summary, rating_summary),
	FUNCTION 2 summary_sortsupport(internal);
CREATE OPERATOR CLASS rating_summary_ops DEFAULT FOR TYPE rating_summary USING hash AS
	OPERATOR 1 =,
	FUNCTION 1 rating_summary_hash(rating_summary),
	FUNCTION 2 rating_summary_hash_extended(rating_summary, bigint);
COMMENT ON OPERATOR CLASS rating_summary_ops USING btree IS 'ordering of rating_summary, by its stored form';
COMMENT ON OPERATOR FAMILY rating_summary_ops USING btree IS 'ordering of rating_summary, by its stored form';
COMMENT ON OPERATOR CLASS rating_summary_ops USING hash IS 'hashing of rating_summary, by its stored form';
COMMENT ON OPERATOR FAMILY rating_summary_ops USING hash IS 'hashing of rating_summary, by its stored form';

--------------------------------------------------------------------------
-- rate_summary: proportions of boolean answers (FCR, abandonment, ...)
--------------------------------------------------------------------------

CREATE TYPE rate_summary;

CREATE FUNCTION rate_summary_in(cstring) RETURNS rate_summary
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION rate_summary_out(rate_summary) RETURNS cstring
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION rate_summary_recv(internal) RETURNS rate_summary
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION rate_summary_send(rate_summary) RETURNS bytea
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION rate_summary_in(cstring) IS 'text input of rate_summary';
COMMENT ON FUNCTION rate_summary_out(rate_summary) IS 'text output of rate_summary';
COMMENT ON FUNCTION rate_summary_recv(internal) IS 'binary input of rate_summary';
COMMENT ON FUNCTION rate_summary_send(rate_summary) IS 'binary output of rate_summary';

CREATE TYPE rate_summary (
	INPUT = rate_summary_in,
	OUTPUT = rate_summary_out,
	RECEIVE = rate_summary_recv,
	SEND = rate_summary_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = double,
	STORAGE = plain
);
COMMENT ON TYPE rate_summary IS
	'mergeable summary of boolean answers: the counts of true and of false';

CREATE FUNCTION rate_agg_trans(rate_summary, boolean) RETURNS rate_summary
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION rate_agg_trans(rate_summary, boolean) IS
	'transition function of fcr_rate and rate_agg: counts one answer';
CREATE FUNCTION rate_agg_inverse(rate_summary, boolean) RETURNS rate_summary
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION rate_agg_inverse(rate_summary, boolean) IS
	'inverse transition function of fcr_rate and rate_agg, for moving window frames';
CREATE FUNCTION rate_summary_merge(rate_summary, rate_summary) RETURNS rate_summary
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION rate_summary_merge(rate_summary, rate_summary) IS
	'merges two rate summaries exactly (combine function and rollup)';
CREATE FUNCTION rate_summary_unmerge(rate_summary, rate_summary) RETURNS rate_summary
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION rate_summary_unmerge(rate_summary, rate_summary) IS
	'inverse of rate_summary_merge, for moving window frames of rollup';
CREATE FUNCTION rate_summary_final(rate_summary) RETURNS rate_summary
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION rate_summary_final(rate_summary) IS
	'final function of fcr_rate, rate_agg and rollup: NULL for a summary of no answers';

CREATE AGGREGATE rate_agg(boolean) (
	SFUNC = rate_agg_trans,
	STYPE = rate_summary,
	FINALFUNC = rate_summary_final,
	COMBINEFUNC = rate_summary_merge,
	MSFUNC = rate_agg_trans,
	MINVFUNC = rate_agg_inverse,
	MSTYPE = rate_summary,
	MINITCOND = 'v1 true=0 false=0',
	MFINALFUNC = rate_summary_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE rate_agg(boolean) IS
	'summarizes boolean answers into a rate_summary; NULL answers are ignored';

CREATE AGGREGATE fcr_rate(resolved_first_contact boolean) (
	SFUNC = rate_agg_trans,
	STYPE = rate_summary,
	FINALFUNC = rate_summary_final,
	COMBINEFUNC = rate_summary_merge,
	MSFUNC = rate_agg_trans,
	MINVFUNC = rate_agg_inverse,
	MSTYPE = rate_summary,
	MINITCOND = 'v1 true=0 false=0',
	MFINALFUNC = rate_summary_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE fcr_rate(boolean) IS
	'first-contact resolution: rate_agg under the name dashboards use';

CREATE AGGREGATE rollup(rate_summary) (
	SFUNC = rate_summary_merge,
	STYPE = rate_summary,
	FINALFUNC = rate_summary_final,
	COMBINEFUNC = rate_summary_merge,
	MSFUNC = rate_summary_merge,
	MINVFUNC = rate_summary_unmerge,
	MSTYPE = rate_summary,
	MFINALFUNC = rate_summary_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE rollup(rate_summary) IS
	'merges rate summaries exactly, e.g. daily summaries into a month';

CREATE FUNCTION percent(rate_summary) RETURNS double precision
	AS 'MODULE_PATHNAME', 'rate_summary_percent' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION percent(rate_summary) IS 'percent of true answers, 0..100';
CREATE FUNCTION successes(rate_summary) RETURNS bigint
	AS 'MODULE_PATHNAME', 'rate_summary_successes' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION successes(rate_summary) IS 'number of true answers; 0 for NULL';
CREATE FUNCTION responses(rate_summary) RETURNS bigint
	AS 'MODULE_PATHNAME', 'rate_summary_responses' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION responses(rate_summary) IS 'number of non-NULL answers; 0 for NULL';
CREATE FUNCTION lower_bound(rate_summary, confidence double precision DEFAULT 0.95)
	RETURNS double precision
	AS 'MODULE_PATHNAME', 'rate_summary_lower_bound' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION lower_bound(rate_summary, double precision) IS
	'lower end of the Wilson score interval of the percent (default 95%)';
CREATE FUNCTION upper_bound(rate_summary, confidence double precision DEFAULT 0.95)
	RETURNS double precision
	AS 'MODULE_PATHNAME', 'rate_summary_upper_bound' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION upper_bound(rate_summary, double precision) IS
	'upper end of the Wilson score interval of the percent (default 95%)';

CREATE FUNCTION difference(rate_summary, rate_summary) RETURNS double precision
	AS 'MODULE_PATHNAME', 'rate_summary_difference' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION difference(rate_summary, rate_summary) IS
	'percent of the first summary minus percent of the second, in percentage points';
CREATE FUNCTION difference_lower_bound(rate_summary, rate_summary,
									   confidence double precision DEFAULT 0.95)
	RETURNS double precision
	AS 'MODULE_PATHNAME', 'rate_summary_difference_lower_bound' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION difference_lower_bound(rate_summary, rate_summary, double precision) IS
	'lower end of the Newcombe hybrid score interval of the difference (default 95%)';
CREATE FUNCTION difference_upper_bound(rate_summary, rate_summary,
									   confidence double precision DEFAULT 0.95)
	RETURNS double precision
	AS 'MODULE_PATHNAME', 'rate_summary_difference_upper_bound' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION difference_upper_bound(rate_summary, rate_summary, double precision) IS
	'upper end of the Newcombe hybrid score interval of the difference (default 95%)';
CREATE FUNCTION p_value(rate_summary, rate_summary) RETURNS double precision
	AS 'MODULE_PATHNAME', 'rate_summary_p_value' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION p_value(rate_summary, rate_summary) IS
	'two-sided p-value of the pooled two-proportion z test that the percents are equal';

CREATE FUNCTION status(rate_summary, target double precision,
					   confidence double precision DEFAULT 0.95)
	RETURNS text
	AS 'MODULE_PATHNAME', 'rate_summary_status' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION status(rate_summary, double precision, double precision) IS
	'green when the interval of the percent lies wholly above the target, red when wholly below, else amber';

CREATE FUNCTION rate_summary_jsonb(rate_summary) RETURNS jsonb
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION rate_summary_jsonb(rate_summary) IS
	'every figure and count of a rate summary as jsonb';
CREATE CAST (rate_summary AS jsonb) WITH FUNCTION rate_summary_jsonb(rate_summary);
COMMENT ON CAST (rate_summary AS jsonb) IS
	'every figure and count of a rate summary, for BI tools and exports';

CREATE FUNCTION rate_summary_eq(rate_summary, rate_summary) RETURNS boolean
	AS 'MODULE_PATHNAME', 'summary_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION rate_summary_eq(rate_summary, rate_summary) IS
	'true when two rate summaries hold the same counts';
CREATE FUNCTION rate_summary_ne(rate_summary, rate_summary) RETURNS boolean
	AS 'MODULE_PATHNAME', 'summary_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION rate_summary_ne(rate_summary, rate_summary) IS
	'true when two rate summaries differ';
CREATE OPERATOR = (
	LEFTARG = rate_summary, RIGHTARG = rate_summary, PROCEDURE = rate_summary_eq,
	COMMUTATOR = =, NEGATOR = <>, RESTRICT = eqsel, JOIN = eqjoinsel,
	HASHES, MERGES
);
COMMENT ON OPERATOR = (rate_summary, rate_summary) IS 'same counts';
CREATE OPERATOR <> (
	LEFTARG = rate_summary, RIGHTARG = rate_summary, PROCEDURE = rate_summary_ne,
	COMMUTATOR = <>, NEGATOR = =, RESTRICT = neqsel, JOIN = neqjoinsel
);
COMMENT ON OPERATOR <> (rate_summary, rate_summary) IS 'different counts';

-- Order and hash of rate_summary: the operator classes that DISTINCT, GROUP BY,
-- UNION, ORDER BY, merge and hash joins and indexes use.  The order is
-- the one of every summary type (summary.c): a shorter stored value first,
-- then the first differing byte; consistent with =, not by any figure.
CREATE FUNCTION rate_summary_lt(rate_summary, rate_summary) RETURNS boolean
	AS 'MODULE_PATHNAME', 'summary_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION rate_summary_lt(rate_summary, rate_summary) IS
	'true when the first rate_summary sorts before the second in the stored-form order';
CREATE FUNCTION rate_summary_le(rate_summary, rate_summary) RETURNS boolean
	AS 'MODULE_PATHNAME', 'summary_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION rate_summary_le(rate_summary, rate_summary) IS
	'true when the first rate_summary sorts before or equals the second in the stored-form order';
CREATE FUNCTION rate_summary_gt(rate_summary, rate_summary) RETURNS boolean
	AS 'MODULE_PATHNAME', 'summary_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION rate_summary_gt(rate_summary, rate_summary) IS
	'true when the first rate_summary sorts after the second in the stored-form order';
CREATE FUNCTION rate_summary_ge(rate_summary, rate_summary) RETURNS boolean
	AS 'MODULE_PATHNAME', 'summary_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION rate_summary_ge(rate_summary, rate_summary) IS
	'true when the first rate_summary sorts after or equals the second in the stored-form order';
CREATE FUNCTION rate_summary_cmp(rate_summary, rate_summary) RETURNS integer
	AS 'MODULE_PATHNAME', 'summary_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION rate_summary_cmp(rate_summary, rate_summary) IS
	'btree support: -1, 0 or 1 as the first rate_summary sorts before, with or after the second';
CREATE FUNCTION rate_summary_hash(rate_summary) RETURNS integer
	AS 'MODULE_PATHNAME', 'summary_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION rate_summary_hash(rate_summary) IS 'hash support: hash of the stored form';
CREATE FUNCTION rate_summary_hash_extended(rate_summary, bigint) RETURNS bigint
	AS 'MODULE_PATHNAME', 'summary_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION rate_summary_hash_extended(rate_summary, bigint) IS
	'hash support: seeded 64-bit hash of the stored form, for hash partitioning';
CREATE OPERATOR < (
	LEFTARG = rate_summary, RIGHTARG = rate_summary, PROCEDURE = rate_summary_lt,
	COMMUTATOR = >, NEGATOR = >=, RESTRICT = scalarltsel, JOIN = scalarltjoinsel
);
CREATE OPERATOR <= (
	LEFTARG = rate_summary, RIGHTARG = rate_summary, PROCEDURE = rate_summary_le,
	COMMUTATOR = >=, NEGATOR = >, RESTRICT = scalarlesel, JOIN = scalarlejoinsel
);
CREATE OPERATOR > (
	LEFTARG = rate_summary, RIGHTARG = rate_summary, PROCEDURE = rate_summary_gt,
	COMMUTATOR = <, NEGATOR = <=, RESTRICT = scalargtsel, JOIN = scalargtjoinsel
);
CREATE OPERATOR >= (
	LEFTARG = rate_summary, RIGHTARG = rate_summary, PROCEDURE = rate_summary_ge,
	COMMUTATOR = <=, NEGATOR = <, RESTRICT = scalargesel, JOIN = scalargejoinsel
);
COMMENT ON OPERATOR < (rate_summary, rate_summary) IS 'sorts before, in the stored-form order';
COMMENT ON OPERATOR <= (rate_summary, rate_summary) IS 'sorts before or equals, in the stored-form order';
COMMENT ON OPERATOR > (rate_summary, rate_summary) IS 'sorts after, in the stored-form order';
COMMENT ON OPERATOR >= (rate_summary, rate_summary) IS 'sorts after or equals, in the stored-form order';
CREATE OPERATOR CLASS rate_summary_ops DEFAULT FOR TYPE rate_summary USING btree AS
	OPERATOR 1 <, OPERATOR 2 <=, OPERATOR 3 =, OPERATOR 4 >=, OPERATOR 5 >,
	FUNCTION 1 rate_summary_cmp(rate_summary, rate_summary),
	FUNCTION 2 summary_sortsupport(internal);
CREATE OPERATOR CLASS rate_summary_ops DEFAULT FOR TYPE rate_summary USING hash AS
	OPERATOR 1 =,
	FUNCTION 1 rate_summary_hash(rate_summary),
	FUNCTION 2 rate_summary_hash_extended(rate_summary, bigint);
COMMENT ON OPERATOR CLASS rate_summary_ops USING btree IS 'ordering of rate_summary, by its stored form';
COMMENT ON OPERATOR FAMILY rate_summary_ops USING btree IS 'ordering of rate_summary, by its stored form';
COMMENT ON OPERATOR CLASS rate_summary_ops USING hash IS 'hashing of rate_summary, by its stored form';
COMMENT ON OPERATOR FAMILY rate_summary_ops USING hash IS 'hashing of rate_summary, by its stored form';

--------------------------------------------------------------------------
-- rubric_summary: weighted QA rubric evaluations
--------------------------------------------------------------------------

CREATE TYPE rubric_summary;

CREATE FUNCTION rubric_summary_in(cstring) RETURNS rubric_summary
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION rubric_summary_out(rubric_summary) RETURNS cstring
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION rubric_summary_recv(internal) RETURNS rubric_summary
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION rubric_summary_send(rubric_summary) RETURNS bytea
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION rubric_summary_in(cstring) IS 'text input of rubric_summary';
COMMENT ON FUNCTION rubric_summary_out(rubric_summary) IS 'text output of rubric_summary';
COMMENT ON FUNCTION rubric_summary_recv(internal) IS 'binary input of rubric_summary';
COMMENT ON FUNCTION rubric_summary_send(rubric_summary) IS 'binary output of rubric_summary';

-- Its size grows with the number of criteria (864 bytes plus 24 per
-- criterion, up to 1000 criteria), so unlike the fixed-size summaries it may
-- be compressed or moved out of line when stored: STORAGE extended.
CREATE TYPE rubric_summary (
	INPUT = rubric_summary_in,
	OUTPUT = rubric_summary_out,
	RECEIVE = rubric_summary_recv,
	SEND = rubric_summary_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = double,
	STORAGE = extended
);
COMMENT ON TYPE rubric_summary IS
	'mergeable summary of QA rubric evaluations: exact score sums, a per-point histogram, per-criterion sums';

-- Aggregate support.  One C function serves the three argument lists.  The
-- transition functions are not strict: they create the summary on the first
-- scored evaluation and skip NULL arrays and evaluations without a score.
CREATE FUNCTION weighted_rubric_trans(rubric_summary, float8[], float8[])
	RETURNS rubric_summary
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION weighted_rubric_trans(rubric_summary, float8[], float8[]) IS
	'transition function of weighted_rubric: adds one evaluation';
CREATE FUNCTION weighted_rubric_trans(rubric_summary, float8[], float8[], float8[])
	RETURNS rubric_summary
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION weighted_rubric_trans(rubric_summary, float8[], float8[], float8[]) IS
	'transition function of weighted_rubric: adds one evaluation';
CREATE FUNCTION weighted_rubric_trans(rubric_summary, float8[], float8[], float8[], boolean[])
	RETURNS rubric_summary
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION weighted_rubric_trans(rubric_summary, float8[], float8[], float8[], boolean[]) IS
	'transition function of weighted_rubric: adds one evaluation';
CREATE FUNCTION weighted_rubric_inverse(rubric_summary, float8[], float8[])
	RETURNS rubric_summary
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION weighted_rubric_inverse(rubric_summary, float8[], float8[]) IS
	'inverse transition function of weighted_rubric, for moving window frames';
CREATE FUNCTION weighted_rubric_inverse(rubric_summary, float8[], float8[], float8[])
	RETURNS rubric_summary
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION weighted_rubric_inverse(rubric_summary, float8[], float8[], float8[]) IS
	'inverse transition function of weighted_rubric, for moving window frames';
CREATE FUNCTION weighted_rubric_inverse(rubric_summary, float8[], float8[], float8[], boolean[])
	RETURNS rubric_summary
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION weighted_rubric_inverse(rubric_summary, float8[], float8[], float8[], boolean[]) IS
	'inverse transition function of weighted_rubric, for moving window frames';
CREATE FUNCTION rubric_summary_merge(rubric_summary, rubric_summary) RETURNS rubric_summary
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION rubric_summary_merge(rubric_summary, rubric_summary) IS
	'merges two rubric summaries exactly (combine function of weighted_rubric and rollup)';
CREATE FUNCTION rubric_summary_unmerge(rubric_summary, rubric_summary) RETURNS rubric_summary
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION rubric_summary_unmerge(rubric_summary, rubric_summary) IS
	'inverse of rubric_summary_merge, for moving window frames of rollup';
CREATE FUNCTION rubric_summary_final(rubric_summary) RETURNS rubric_summary
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION rubric_summary_final(rubric_summary) IS
	'final function of weighted_rubric and rollup: NULL for a summary of no scored evaluations';

-- A moving aggregate's state must never be NULL, so it starts from the empty
-- summary of 0 criteria, which adopts the criteria count of its first
-- evaluation and which merges with anything as the identity.
CREATE AGGREGATE weighted_rubric(scores float8[], weights float8[]) (
	SFUNC = weighted_rubric_trans,
	STYPE = rubric_summary,
	FINALFUNC = rubric_summary_final,
	COMBINEFUNC = rubric_summary_merge,
	MSFUNC = weighted_rubric_trans,
	MINVFUNC = weighted_rubric_inverse,
	MSTYPE = rubric_summary,
	MINITCOND = 'v1 criteria=0 autofails=0 score_sum=0 score_squares=0 distribution=0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0 criterion_sums= criterion_counts=',
	MFINALFUNC = rubric_summary_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE weighted_rubric(float8[], float8[]) IS
	'summarizes QA evaluations (points per criterion, NULL for N/A; weights; maximum 1) into a rubric_summary';

CREATE AGGREGATE weighted_rubric(scores float8[], weights float8[], max_scores float8[]) (
	SFUNC = weighted_rubric_trans,
	STYPE = rubric_summary,
	FINALFUNC = rubric_summary_final,
	COMBINEFUNC = rubric_summary_merge,
	MSFUNC = weighted_rubric_trans,
	MINVFUNC = weighted_rubric_inverse,
	MSTYPE = rubric_summary,
	MINITCOND = 'v1 criteria=0 autofails=0 score_sum=0 score_squares=0 distribution=0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0 criterion_sums= criterion_counts=',
	MFINALFUNC = rubric_summary_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE weighted_rubric(float8[], float8[], float8[]) IS
	'summarizes QA evaluations (points per criterion, NULL for N/A; weights; maximum points) into a rubric_summary';

CREATE AGGREGATE weighted_rubric(scores float8[], weights float8[], max_scores float8[],
								 critical boolean[]) (
	SFUNC = weighted_rubric_trans,
	STYPE = rubric_summary,
	FINALFUNC = rubric_summary_final,
	COMBINEFUNC = rubric_summary_merge,
	MSFUNC = weighted_rubric_trans,
	MINVFUNC = weighted_rubric_inverse,
	MSTYPE = rubric_summary,
	MINITCOND = 'v1 criteria=0 autofails=0 score_sum=0 score_squares=0 distribution=0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0 criterion_sums= criterion_counts=',
	MFINALFUNC = rubric_summary_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE weighted_rubric(float8[], float8[], float8[], boolean[]) IS
	'summarizes QA evaluations (points per criterion, NULL for N/A; weights; maximum points; critical criteria) into a rubric_summary';

CREATE AGGREGATE rollup(rubric_summary) (
	SFUNC = rubric_summary_merge,
	STYPE = rubric_summary,
	FINALFUNC = rubric_summary_final,
	COMBINEFUNC = rubric_summary_merge,
	MSFUNC = rubric_summary_merge,
	MINVFUNC = rubric_summary_unmerge,
	MSTYPE = rubric_summary,
	MFINALFUNC = rubric_summary_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE rollup(rubric_summary) IS
	'merges rubric summaries of the same rubric exactly, e.g. daily summaries into a month';

-- One evaluation's score.  Strict: a NULL array gives NULL.
CREATE FUNCTION rubric_score(scores float8[], weights float8[]) RETURNS double precision
	AS 'MODULE_PATHNAME', 'rubric_score' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION rubric_score(float8[], float8[]) IS
	'one evaluation''s score, 0..100 (maximum 1 per criterion); NULL when no weighted criterion applies';
CREATE FUNCTION rubric_score(scores float8[], weights float8[], max_scores float8[])
	RETURNS double precision
	AS 'MODULE_PATHNAME', 'rubric_score' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION rubric_score(float8[], float8[], float8[]) IS
	'one evaluation''s score, 0..100; NULL when no weighted criterion applies';
CREATE FUNCTION rubric_score(scores float8[], weights float8[], max_scores float8[],
							 critical boolean[])
	RETURNS double precision
	AS 'MODULE_PATHNAME', 'rubric_score' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION rubric_score(float8[], float8[], float8[], boolean[]) IS
	'one evaluation''s score, 0..100, 0 when a critical criterion fails; NULL when no weighted criterion applies';

-- Accessors.
CREATE FUNCTION score(rubric_summary) RETURNS double precision
	AS 'MODULE_PATHNAME', 'rubric_summary_score' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION score(rubric_summary) IS
	'quality score: the mean evaluation score, 0..100';
CREATE FUNCTION responses(rubric_summary) RETURNS bigint
	AS 'MODULE_PATHNAME', 'rubric_summary_responses' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION responses(rubric_summary) IS 'number of scored evaluations; 0 for NULL';
CREATE FUNCTION autofails(rubric_summary) RETURNS bigint
	AS 'MODULE_PATHNAME', 'rubric_summary_autofails' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION autofails(rubric_summary) IS
	'number of evaluations failed by a critical criterion; 0 for NULL';
CREATE FUNCTION autofail_rate(rubric_summary) RETURNS double precision
	AS 'MODULE_PATHNAME', 'rubric_summary_autofail_rate' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION autofail_rate(rubric_summary) IS
	'percent of scored evaluations failed by a critical criterion';
CREATE FUNCTION criterion_scores(rubric_summary) RETURNS double precision[]
	AS 'MODULE_PATHNAME', 'rubric_summary_criterion_scores' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION criterion_scores(rubric_summary) IS
	'per criterion, the mean normalized score as percent over the evaluations where it applied; NULL where it never applied';
CREATE FUNCTION criterion_responses(rubric_summary) RETURNS bigint[]
	AS 'MODULE_PATHNAME', 'rubric_summary_criterion_responses' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION criterion_responses(rubric_summary) IS
	'per criterion, the number of scored evaluations in which it applied';
CREATE FUNCTION distribution(rubric_summary) RETURNS bigint[]
	AS 'MODULE_PATHNAME', 'rubric_summary_distribution' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION distribution(rubric_summary) IS
	'evaluations per whole point, subscripted 0..100: [k] counts scores from k up to but excluding k + 1';
CREATE FUNCTION pass_rate(rubric_summary, pass_mark double precision) RETURNS double precision
	AS 'MODULE_PATHNAME', 'rubric_summary_pass_rate' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION pass_rate(rubric_summary, double precision) IS
	'percent of scored evaluations scoring at least pass_mark, a whole number from 0 to 100';
CREATE FUNCTION lower_bound(rubric_summary, confidence double precision DEFAULT 0.95)
	RETURNS double precision
	AS 'MODULE_PATHNAME', 'rubric_summary_lower_bound' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION lower_bound(rubric_summary, double precision) IS
	'lower end of the normal confidence interval of the quality score (default 95%)';
CREATE FUNCTION upper_bound(rubric_summary, confidence double precision DEFAULT 0.95)
	RETURNS double precision
	AS 'MODULE_PATHNAME', 'rubric_summary_upper_bound' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION upper_bound(rubric_summary, double precision) IS
	'upper end of the normal confidence interval of the quality score (default 95%)';

CREATE FUNCTION status(rubric_summary, target double precision,
					   confidence double precision DEFAULT 0.95)
	RETURNS text
	AS 'MODULE_PATHNAME', 'rubric_summary_status' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION status(rubric_summary, double precision, double precision) IS
	'green when the quality-score interval lies wholly above the target, red when wholly below, else amber';

CREATE FUNCTION rubric_summary_jsonb(rubric_summary) RETURNS jsonb
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION rubric_summary_jsonb(rubric_summary) IS
	'every figure and count of a rubric summary as jsonb';
CREATE CAST (rubric_summary AS jsonb) WITH FUNCTION rubric_summary_jsonb(rubric_summary);
COMMENT ON CAST (rubric_summary AS jsonb) IS
	'every figure and count of a rubric summary, for BI tools and exports';

CREATE FUNCTION rubric_summary_eq(rubric_summary, rubric_summary) RETURNS boolean
	AS 'MODULE_PATHNAME', 'summary_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION rubric_summary_eq(rubric_summary, rubric_summary) IS
	'true when two rubric summaries hold the same sums and counts';
CREATE FUNCTION rubric_summary_ne(rubric_summary, rubric_summary) RETURNS boolean
	AS 'MODULE_PATHNAME', 'summary_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION rubric_summary_ne(rubric_summary, rubric_summary) IS
	'true when two rubric summaries differ';
CREATE OPERATOR = (
	LEFTARG = rubric_summary, RIGHTARG = rubric_summary, PROCEDURE = rubric_summary_eq,
	COMMUTATOR = =, NEGATOR = <>, RESTRICT = eqsel, JOIN = eqjoinsel,
	HASHES, MERGES
);
COMMENT ON OPERATOR = (rubric_summary, rubric_summary) IS 'same sums and counts';
CREATE OPERATOR <> (
	LEFTARG = rubric_summary, RIGHTARG = rubric_summary, PROCEDURE = rubric_summary_ne,
	COMMUTATOR = <>, NEGATOR = =, RESTRICT = neqsel, JOIN = neqjoinsel
);
COMMENT ON OPERATOR <> (rubric_summary, rubric_summary) IS 'different sums and counts';

-- Order and hash of rubric_summary: the operator classes that DISTINCT, GROUP BY,
-- UNION, ORDER BY, merge and hash joins and indexes use.  The order is
-- the one of every summary type (summary.c): a shorter stored value first,
-- then the first differing byte; consistent with =, not by any figure.
CREATE FUNCTION rubric_summary_lt(rubric_summary, rubric_summary) RETURNS boolean
	AS 'MODULE_PATHNAME', 'summary_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION rubric_summary_lt(rubric_summary, rubric_summary) IS
	'true when the first rubric_summary sorts before the second in the stored-form order';
CREATE FUNCTION rubric_summary_le(rubric_summary, rubric_summary) RETURNS boolean
	AS 'MODULE_PATHNAME', 'summary_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION rubric_summary_le(rubric_summary, rubric_summary) IS
	'true when the first rubric_summary sorts before or equals the second in the stored-form order';
CREATE FUNCTION rubric_summary_gt(rubric_summary, rubric_summary) RETURNS boolean
	AS 'MODULE_PATHNAME', 'summary_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION rubric_summary_gt(rubric_summary, rubric_summary) IS
	'true when the first rubric_summary sorts after the second in the stored-form order';
CREATE FUNCTION rubric_summary_ge(rubric_summary, rubric_summary) RETURNS boolean
	AS 'MODULE_PATHNAME', 'summary_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION rubric_summary_ge(rubric_summary, rubric_summary) IS
	'true when the first rubric_summary sorts after or equals the second in the stored-form order';
CREATE FUNCTION rubric_summary_cmp(rubric_summary, rubric_summary) RETURNS integer
	AS 'MODULE_PATHNAME', 'summary_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION rubric_summary_cmp(rubric_summary, rubric_summary) IS
	'btree support: -1, 0 or 1 as the first rubric_summary sorts before, with or after the second';
CREATE FUNCTION rubric_summary_hash(rubric_summary) RETURNS integer
	AS 'MODULE_PATHNAME', 'summary_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION rubric_summary_hash(rubric_summary) IS 'hash support: hash of the stored form';
CREATE FUNCTION rubric_summary_hash_extended(rubric_summary, bigint) RETURNS bigint
	AS 'MODULE_PATHNAME', 'summary_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION rubric_summary_hash_extended(rubric_summary, bigint) IS
	'hash support: seeded 64-bit hash of the stored form, for hash partitioning';
CREATE OPERATOR < (
	LEFTARG = rubric_summary, RIGHTARG = rubric_summary, PROCEDURE = rubric_summary_lt,
	COMMUTATOR = >, NEGATOR = >=, RESTRICT = scalarltsel, JOIN = scalarltjoinsel
);
CREATE OPERATOR <= (
	LEFTARG = rubric_summary, RIGHTARG = rubric_summary, PROCEDURE = rubric_summary_le,
	COMMUTATOR = >=, NEGATOR = >, RESTRICT = scalarlesel, JOIN = scalarlejoinsel
);
CREATE OPERATOR > (
	LEFTARG = rubric_summary, RIGHTARG = rubric_summary, PROCEDURE = rubric_summary_gt,
	COMMUTATOR = <, NEGATOR = <=, RESTRICT = scalargtsel, JOIN = scalargtjoinsel
);
CREATE OPERATOR >= (
	LEFTARG = rubric_summary, RIGHTARG = rubric_summary, PROCEDURE = rubric_summary_ge,
	COMMUTATOR = <=, NEGATOR = <, RESTRICT = scalargesel, JOIN = scalargejoinsel
);
COMMENT ON OPERATOR < (rubric_summary, rubric_summary) IS 'sorts before, in the stored-form order';
COMMENT ON OPERATOR <= (rubric_summary, rubric_summary) IS 'sorts before or equals, in the stored-form order';
COMMENT ON OPERATOR > (rubric_summary, rubric_summary) IS 'sorts after, in the stored-form order';
COMMENT ON OPERATOR >= (rubric_summary, rubric_summary) IS 'sorts after or equals, in the stored-form order';
CREATE OPERATOR CLASS rubric_summary_ops DEFAULT FOR TYPE rubric_summary USING btree AS
	OPERATOR 1 <, OPERATOR 2 <=, OPERATOR 3 =, OPERATOR 4 >=, OPERATOR 5 >,
	FUNCTION 1 rubric_summary_cmp(rubric_summary, rubric_summary),
	FUNCTION 2 summary_sortsupport(internal);
CREATE OPERATOR CLASS rubric_summary_ops DEFAULT FOR TYPE rubric_summary USING hash AS
	OPERATOR 1 =,
	FUNCTION 1 rubric_summary_hash(rubric_summary),
	FUNCTION 2 rubric_summary_hash_extended(rubric_summary, bigint);
COMMENT ON OPERATOR CLASS rubric_summary_ops USING btree IS 'ordering of rubric_summary, by its stored form';
COMMENT ON OPERATOR FAMILY rubric_summary_ops USING btree IS 'ordering of rubric_summary, by its stored form';
COMMENT ON OPERATOR CLASS rubric_summary_ops USING hash IS 'hashing of rubric_summary, by its stored form';
COMMENT ON OPERATOR FAMILY rubric_summary_ops USING hash IS 'hashing of rubric_summary, by its stored form';

-- Comparing two rubric summaries (an agent and the rest of the team, this
-- month and last): the difference of the quality scores in points, its
-- Welch interval and the two-sided p-value of Welch's t test.
CREATE FUNCTION difference(rubric_summary, rubric_summary) RETURNS double precision
	AS 'MODULE_PATHNAME', 'rubric_summary_difference' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION difference(rubric_summary, rubric_summary) IS
	'quality score of the first summary minus that of the second, in points';
CREATE FUNCTION difference_lower_bound(rubric_summary, rubric_summary,
									   confidence double precision DEFAULT 0.95)
	RETURNS double precision
	AS 'MODULE_PATHNAME', 'rubric_summary_difference_lower_bound' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION difference_lower_bound(rubric_summary, rubric_summary, double precision) IS
	'lower end of the Welch interval of the difference of quality scores (default 95%)';
CREATE FUNCTION difference_upper_bound(rubric_summary, rubric_summary,
									   confidence double precision DEFAULT 0.95)
	RETURNS double precision
	AS 'MODULE_PATHNAME', 'rubric_summary_difference_upper_bound' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION difference_upper_bound(rubric_summary, rubric_summary, double precision) IS
	'upper end of the Welch interval of the difference of quality scores (default 95%)';
CREATE FUNCTION p_value(rubric_summary, rubric_summary) RETURNS double precision
	AS 'MODULE_PATHNAME', 'rubric_summary_p_value' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION p_value(rubric_summary, rubric_summary) IS
	'two-sided p-value of Welch''s t test that the quality scores are equal';

--------------------------------------------------------------------------
-- agreement_summary: several graders' ratings of the same items, for
-- Krippendorff's alpha
--------------------------------------------------------------------------

CREATE TYPE agreement_summary;

CREATE FUNCTION agreement_summary_in(cstring) RETURNS agreement_summary
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION agreement_summary_out(agreement_summary) RETURNS cstring
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION agreement_summary_recv(internal) RETURNS agreement_summary
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION agreement_summary_send(agreement_summary) RETURNS bytea
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION agreement_summary_in(cstring) IS 'text input of agreement_summary';
COMMENT ON FUNCTION agreement_summary_out(agreement_summary) IS 'text output of agreement_summary';
COMMENT ON FUNCTION agreement_summary_recv(internal) IS 'binary input of agreement_summary';
COMMENT ON FUNCTION agreement_summary_send(agreement_summary) IS 'binary output of agreement_summary';

-- The summary grows with the distinct rating values it holds (at most 128),
-- so it is kept uncompressed but may move out of line (STORAGE main).
CREATE TYPE agreement_summary (
	INPUT = agreement_summary_in,
	OUTPUT = agreement_summary_out,
	RECEIVE = agreement_summary_recv,
	SEND = agreement_summary_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = double,
	STORAGE = main
);
COMMENT ON TYPE agreement_summary IS
	'mergeable summary of several graders'' ratings of the same items: the coincidence matrix of the distinct rating values, exact';

-- Aggregate support.  The transition functions are not strict: they create
-- the summary on the first pairable item and skip NULL arrays and items of
-- fewer than two ratings.
CREATE FUNCTION agreement_agg_trans(agreement_summary, double precision[])
	RETURNS agreement_summary
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION agreement_agg_trans(agreement_summary, double precision[]) IS
	'transition function of agreement_agg: adds one item''s ratings';
CREATE FUNCTION agreement_agg_inverse(agreement_summary, double precision[])
	RETURNS agreement_summary
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION agreement_agg_inverse(agreement_summary, double precision[]) IS
	'inverse transition function of agreement_agg, for moving window frames';
CREATE FUNCTION agreement_summary_merge(agreement_summary, agreement_summary)
	RETURNS agreement_summary
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION agreement_summary_merge(agreement_summary, agreement_summary) IS
	'merges two agreement summaries exactly (combine function and rollup)';
CREATE FUNCTION agreement_summary_unmerge(agreement_summary, agreement_summary)
	RETURNS agreement_summary
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION agreement_summary_unmerge(agreement_summary, agreement_summary) IS
	'inverse of agreement_summary_merge, for moving window frames of rollup';
CREATE FUNCTION agreement_summary_final(agreement_summary) RETURNS agreement_summary
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION agreement_summary_final(agreement_summary) IS
	'final function of agreement_agg and rollup: NULL for a summary of no pairable items';

CREATE AGGREGATE agreement_agg(ratings double precision[]) (
	SFUNC = agreement_agg_trans,
	STYPE = agreement_summary,
	FINALFUNC = agreement_summary_final,
	COMBINEFUNC = agreement_summary_merge,
	MSFUNC = agreement_agg_trans,
	MINVFUNC = agreement_agg_inverse,
	MSTYPE = agreement_summary,
	MINITCOND = 'v1 items=0 values= coincidences=',
	MFINALFUNC = agreement_summary_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE agreement_agg(double precision[]) IS
	'summarizes items rated by several graders (one array element per grader, NULL where one did not rate) into an agreement_summary; items of fewer than two ratings are ignored';

CREATE AGGREGATE rollup(agreement_summary) (
	SFUNC = agreement_summary_merge,
	STYPE = agreement_summary,
	FINALFUNC = agreement_summary_final,
	COMBINEFUNC = agreement_summary_merge,
	MSFUNC = agreement_summary_merge,
	MINVFUNC = agreement_summary_unmerge,
	MSTYPE = agreement_summary,
	MFINALFUNC = agreement_summary_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE rollup(agreement_summary) IS
	'merges agreement summaries exactly, e.g. calibration sessions into a quarter';

CREATE FUNCTION alpha(s agreement_summary, level text DEFAULT 'interval')
	RETURNS double precision
	AS 'MODULE_PATHNAME', 'agreement_summary_alpha' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION alpha(agreement_summary, text) IS
	'Krippendorff''s alpha at the level ''nominal'', ''ordinal'', ''interval'' (the default) or ''ratio''; NULL when every rating is the same';
-- Counts: 0 for a NULL summary (a group of no pairable items), as count() is.
CREATE FUNCTION responses(agreement_summary) RETURNS bigint
	AS 'MODULE_PATHNAME', 'agreement_summary_responses' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION responses(agreement_summary) IS 'number of pairable items (rated at least twice); 0 for NULL';
CREATE FUNCTION ratings(agreement_summary) RETURNS bigint
	AS 'MODULE_PATHNAME', 'agreement_summary_ratings' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION ratings(agreement_summary) IS 'number of ratings of the pairable items; 0 for NULL';

CREATE FUNCTION agreement_summary_jsonb(agreement_summary) RETURNS jsonb
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION agreement_summary_jsonb(agreement_summary) IS
	'every figure and count of an agreement summary as jsonb';
CREATE CAST (agreement_summary AS jsonb) WITH FUNCTION agreement_summary_jsonb(agreement_summary);
COMMENT ON CAST (agreement_summary AS jsonb) IS
	'every figure and count of an agreement summary, for BI tools and exports';

CREATE FUNCTION agreement_summary_eq(agreement_summary, agreement_summary) RETURNS boolean
	AS 'MODULE_PATHNAME', 'summary_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION agreement_summary_eq(agreement_summary, agreement_summary) IS
	'true when two agreement summaries hold the same coincidences';
CREATE FUNCTION agreement_summary_ne(agreement_summary, agreement_summary) RETURNS boolean
	AS 'MODULE_PATHNAME', 'summary_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION agreement_summary_ne(agreement_summary, agreement_summary) IS
	'true when two agreement summaries differ';
CREATE OPERATOR = (
	LEFTARG = agreement_summary, RIGHTARG = agreement_summary, PROCEDURE = agreement_summary_eq,
	COMMUTATOR = =, NEGATOR = <>, RESTRICT = eqsel, JOIN = eqjoinsel,
	HASHES, MERGES
);
COMMENT ON OPERATOR = (agreement_summary, agreement_summary) IS 'same coincidences';
CREATE OPERATOR <> (
	LEFTARG = agreement_summary, RIGHTARG = agreement_summary, PROCEDURE = agreement_summary_ne,
	COMMUTATOR = <>, NEGATOR = =, RESTRICT = neqsel, JOIN = neqjoinsel
);
COMMENT ON OPERATOR <> (agreement_summary, agreement_summary) IS 'different coincidences';

-- Order and hash of agreement_summary: the operator classes that DISTINCT, GROUP BY,
-- UNION, ORDER BY, merge and hash joins and indexes use.  The order is
-- the one of every summary type (summary.c): a shorter stored value first,
-- then the first differing byte; consistent with =, not by any figure.
CREATE FUNCTION agreement_summary_lt(agreement_summary, agreement_summary) RETURNS boolean
	AS 'MODULE_PATHNAME', 'summary_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION agreement_summary_lt(agreement_summary, agreement_summary) IS
	'true when the first agreement_summary sorts before the second in the stored-form order';
CREATE FUNCTION agreement_summary_le(agreement_summary, agreement_summary) RETURNS boolean
	AS 'MODULE_PATHNAME', 'summary_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION agreement_summary_le(agreement_summary, agreement_summary) IS
	'true when the first agreement_summary sorts before or equals the second in the stored-form order';
CREATE FUNCTION agreement_summary_gt(agreement_summary, agreement_summary) RETURNS boolean
	AS 'MODULE_PATHNAME', 'summary_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION agreement_summary_gt(agreement_summary, agreement_summary) IS
	'true when the first agreement_summary sorts after the second in the stored-form order';
CREATE FUNCTION agreement_summary_ge(agreement_summary, agreement_summary) RETURNS boolean
	AS 'MODULE_PATHNAME', 'summary_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION agreement_summary_ge(agreement_summary, agreement_summary) IS
	'true when the first agreement_summary sorts after or equals the second in the stored-form order';
CREATE FUNCTION agreement_summary_cmp(agreement_summary, agreement_summary) RETURNS integer
	AS 'MODULE_PATHNAME', 'summary_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION agreement_summary_cmp(agreement_summary, agreement_summary) IS
	'btree support: -1, 0 or 1 as the first agreement_summary sorts before, with or after the second';
CREATE FUNCTION agreement_summary_hash(agreement_summary) RETURNS integer
	AS 'MODULE_PATHNAME', 'summary_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION agreement_summary_hash(agreement_summary) IS 'hash support: hash of the stored form';
CREATE FUNCTION agreement_summary_hash_extended(agreement_summary, bigint) RETURNS bigint
	AS 'MODULE_PATHNAME', 'summary_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION agreement_summary_hash_extended(agreement_summary, bigint) IS
	'hash support: seeded 64-bit hash of the stored form, for hash partitioning';
CREATE OPERATOR < (
	LEFTARG = agreement_summary, RIGHTARG = agreement_summary, PROCEDURE = agreement_summary_lt,
	COMMUTATOR = >, NEGATOR = >=, RESTRICT = scalarltsel, JOIN = scalarltjoinsel
);
CREATE OPERATOR <= (
	LEFTARG = agreement_summary, RIGHTARG = agreement_summary, PROCEDURE = agreement_summary_le,
	COMMUTATOR = >=, NEGATOR = >, RESTRICT = scalarlesel, JOIN = scalarlejoinsel
);
CREATE OPERATOR > (
	LEFTARG = agreement_summary, RIGHTARG = agreement_summary, PROCEDURE = agreement_summary_gt,
	COMMUTATOR = <, NEGATOR = <=, RESTRICT = scalargtsel, JOIN = scalargtjoinsel
);
CREATE OPERATOR >= (
	LEFTARG = agreement_summary, RIGHTARG = agreement_summary, PROCEDURE = agreement_summary_ge,
	COMMUTATOR = <=, NEGATOR = <, RESTRICT = scalargesel, JOIN = scalargejoinsel
);
COMMENT ON OPERATOR < (agreement_summary, agreement_summary) IS 'sorts before, in the stored-form order';
COMMENT ON OPERATOR <= (agreement_summary, agreement_summary) IS 'sorts before or equals, in the stored-form order';
COMMENT ON OPERATOR > (agreement_summary, agreement_summary) IS 'sorts after, in the stored-form order';
COMMENT ON OPERATOR >= (agreement_summary, agreement_summary) IS 'sorts after or equals, in the stored-form order';
CREATE OPERATOR CLASS agreement_summary_ops DEFAULT FOR TYPE agreement_summary USING btree AS
	OPERATOR 1 <, OPERATOR 2 <=, OPERATOR 3 =, OPERATOR 4 >=, OPERATOR 5 >,
	FUNCTION 1 agreement_summary_cmp(agreement_summary, agreement_summary),
	FUNCTION 2 summary_sortsupport(internal);
CREATE OPERATOR CLASS agreement_summary_ops DEFAULT FOR TYPE agreement_summary USING hash AS
	OPERATOR 1 =,
	FUNCTION 1 agreement_summary_hash(agreement_summary),
	FUNCTION 2 agreement_summary_hash_extended(agreement_summary, bigint);
COMMENT ON OPERATOR CLASS agreement_summary_ops USING btree IS 'ordering of agreement_summary, by its stored form';
COMMENT ON OPERATOR FAMILY agreement_summary_ops USING btree IS 'ordering of agreement_summary, by its stored form';
COMMENT ON OPERATOR CLASS agreement_summary_ops USING hash IS 'hashing of agreement_summary, by its stored form';
COMMENT ON OPERATOR FAMILY agreement_summary_ops USING hash IS 'hashing of agreement_summary, by its stored form';

--------------------------------------------------------------------------
-- calibration_summary: one grader's scores against reference scores, for
-- calibration sessions (bias, mean absolute difference, agreement within
-- a tolerance)
--------------------------------------------------------------------------

CREATE TYPE calibration_summary;

CREATE FUNCTION calibration_summary_in(cstring) RETURNS calibration_summary
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION calibration_summary_out(calibration_summary) RETURNS cstring
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION calibration_summary_recv(internal) RETURNS calibration_summary
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION calibration_summary_send(calibration_summary) RETURNS bytea
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION calibration_summary_in(cstring) IS 'text input of calibration_summary';
COMMENT ON FUNCTION calibration_summary_out(calibration_summary) IS 'text output of calibration_summary';
COMMENT ON FUNCTION calibration_summary_recv(internal) IS 'binary input of calibration_summary';
COMMENT ON FUNCTION calibration_summary_send(calibration_summary) IS 'binary output of calibration_summary';

CREATE TYPE calibration_summary (
	INPUT = calibration_summary_in,
	OUTPUT = calibration_summary_out,
	RECEIVE = calibration_summary_recv,
	SEND = calibration_summary_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = double,
	STORAGE = plain
);
COMMENT ON TYPE calibration_summary IS
	'mergeable summary of a grader''s scores against reference scores: the tolerance, the counts within and outside it, and the exact sums of the differences';

-- Aggregate support.  The transition functions are not strict: they create
-- the summary on the first counted item and skip a row whose score or
-- reference is NULL.  Without a tolerance, it is 5 points.
CREATE FUNCTION calibration_agg_trans(calibration_summary, double precision, double precision)
	RETURNS calibration_summary
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION calibration_agg_trans(calibration_summary, double precision, double precision) IS
	'transition function of calibration_agg(score, reference): counts one item against a tolerance of 5 points';
CREATE FUNCTION calibration_agg_inverse(calibration_summary, double precision, double precision)
	RETURNS calibration_summary
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION calibration_agg_inverse(calibration_summary, double precision, double precision) IS
	'inverse transition function of calibration_agg(score, reference), for moving window frames';
CREATE FUNCTION calibration_agg_trans(calibration_summary, double precision, double precision,
									  double precision)
	RETURNS calibration_summary
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION calibration_agg_trans(calibration_summary, double precision, double precision, double precision) IS
	'transition function of calibration_agg(score, reference, tolerance): counts one item';
CREATE FUNCTION calibration_agg_inverse(calibration_summary, double precision, double precision,
										double precision)
	RETURNS calibration_summary
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION calibration_agg_inverse(calibration_summary, double precision, double precision, double precision) IS
	'inverse transition function of calibration_agg(score, reference, tolerance), for moving window frames';
CREATE FUNCTION calibration_summary_merge(calibration_summary, calibration_summary)
	RETURNS calibration_summary
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION calibration_summary_merge(calibration_summary, calibration_summary) IS
	'merges two calibration summaries of the same tolerance exactly (combine function and rollup)';
CREATE FUNCTION calibration_summary_unmerge(calibration_summary, calibration_summary)
	RETURNS calibration_summary
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION calibration_summary_unmerge(calibration_summary, calibration_summary) IS
	'inverse of calibration_summary_merge, for moving window frames of rollup';
CREATE FUNCTION calibration_summary_final(calibration_summary) RETURNS calibration_summary
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION calibration_summary_final(calibration_summary) IS
	'final function of calibration_agg and rollup: NULL for a summary of no items';

-- Moving-aggregate states start as an empty summary of the default
-- tolerance; an empty summary takes the tolerance of the first item it
-- counts.
CREATE AGGREGATE calibration_agg(score double precision, reference double precision) (
	SFUNC = calibration_agg_trans,
	STYPE = calibration_summary,
	FINALFUNC = calibration_summary_final,
	COMBINEFUNC = calibration_summary_merge,
	MSFUNC = calibration_agg_trans,
	MINVFUNC = calibration_agg_inverse,
	MSTYPE = calibration_summary,
	MINITCOND = 'v1 tolerance_nanopoints=5000000000 within=0 outside=0 over_nanopoints=0 under_nanopoints=0',
	MFINALFUNC = calibration_summary_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE calibration_agg(double precision, double precision) IS
	'summarizes a grader''s scores against reference scores, with a tolerance of 5 points; rows with a NULL are ignored';
CREATE AGGREGATE calibration_agg(score double precision, reference double precision,
								 tolerance double precision) (
	SFUNC = calibration_agg_trans,
	STYPE = calibration_summary,
	FINALFUNC = calibration_summary_final,
	COMBINEFUNC = calibration_summary_merge,
	MSFUNC = calibration_agg_trans,
	MINVFUNC = calibration_agg_inverse,
	MSTYPE = calibration_summary,
	MINITCOND = 'v1 tolerance_nanopoints=5000000000 within=0 outside=0 over_nanopoints=0 under_nanopoints=0',
	MFINALFUNC = calibration_summary_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE calibration_agg(double precision, double precision, double precision) IS
	'summarizes a grader''s scores against reference scores, counting agreement within the tolerance in points; rows with a NULL score or reference are ignored';

CREATE AGGREGATE rollup(calibration_summary) (
	SFUNC = calibration_summary_merge,
	STYPE = calibration_summary,
	FINALFUNC = calibration_summary_final,
	COMBINEFUNC = calibration_summary_merge,
	MSFUNC = calibration_summary_merge,
	MINVFUNC = calibration_summary_unmerge,
	MSTYPE = calibration_summary,
	MFINALFUNC = calibration_summary_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE rollup(calibration_summary) IS
	'merges calibration summaries of the same tolerance exactly, e.g. sessions into a quarter';

CREATE FUNCTION bias(calibration_summary) RETURNS double precision
	AS 'MODULE_PATHNAME', 'calibration_summary_bias' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION bias(calibration_summary) IS
	'mean of score - reference, in points: above 0 the grader scores higher than the reference';
CREATE FUNCTION mean_absolute_difference(calibration_summary) RETURNS double precision
	AS 'MODULE_PATHNAME', 'calibration_summary_mean_absolute_difference' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION mean_absolute_difference(calibration_summary) IS
	'mean of |score - reference|, in points';
CREATE FUNCTION within_tolerance(calibration_summary) RETURNS double precision
	AS 'MODULE_PATHNAME', 'calibration_summary_within_tolerance' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION within_tolerance(calibration_summary) IS
	'percent of items with |score - reference| <= tolerance, 0..100';
CREATE FUNCTION tolerance(calibration_summary) RETURNS double precision
	AS 'MODULE_PATHNAME', 'calibration_summary_tolerance' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION tolerance(calibration_summary) IS 'the tolerance in points';
-- A count: 0 for a NULL summary (a group of no items), as count() is.
CREATE FUNCTION responses(calibration_summary) RETURNS bigint
	AS 'MODULE_PATHNAME', 'calibration_summary_responses' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION responses(calibration_summary) IS 'number of items scored by both; 0 for NULL';
CREATE FUNCTION lower_bound(calibration_summary, confidence double precision DEFAULT 0.95)
	RETURNS double precision
	AS 'MODULE_PATHNAME', 'calibration_summary_lower_bound' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION lower_bound(calibration_summary, double precision) IS
	'lower end of the Wilson score interval of the percent within tolerance (default 95%)';
CREATE FUNCTION upper_bound(calibration_summary, confidence double precision DEFAULT 0.95)
	RETURNS double precision
	AS 'MODULE_PATHNAME', 'calibration_summary_upper_bound' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION upper_bound(calibration_summary, double precision) IS
	'upper end of the Wilson score interval of the percent within tolerance (default 95%)';
CREATE FUNCTION status(calibration_summary, target double precision,
					   confidence double precision DEFAULT 0.95)
	RETURNS text
	AS 'MODULE_PATHNAME', 'calibration_summary_status' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION status(calibration_summary, double precision, double precision) IS
	'green when the interval of the percent within tolerance lies wholly above the target, red when wholly below, else amber';

CREATE FUNCTION calibration_summary_jsonb(calibration_summary) RETURNS jsonb
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION calibration_summary_jsonb(calibration_summary) IS
	'every figure and count of a calibration summary as jsonb';
CREATE CAST (calibration_summary AS jsonb) WITH FUNCTION calibration_summary_jsonb(calibration_summary);
COMMENT ON CAST (calibration_summary AS jsonb) IS
	'every figure and count of a calibration summary, for BI tools and exports';

CREATE FUNCTION calibration_summary_eq(calibration_summary, calibration_summary) RETURNS boolean
	AS 'MODULE_PATHNAME', 'summary_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION calibration_summary_eq(calibration_summary, calibration_summary) IS
	'true when two calibration summaries hold the same tolerance, counts and sums';
CREATE FUNCTION calibration_summary_ne(calibration_summary, calibration_summary) RETURNS boolean
	AS 'MODULE_PATHNAME', 'summary_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION calibration_summary_ne(calibration_summary, calibration_summary) IS
	'true when two calibration summaries differ';
CREATE OPERATOR = (
	LEFTARG = calibration_summary, RIGHTARG = calibration_summary, PROCEDURE = calibration_summary_eq,
	COMMUTATOR = =, NEGATOR = <>, RESTRICT = eqsel, JOIN = eqjoinsel,
	HASHES, MERGES
);
COMMENT ON OPERATOR = (calibration_summary, calibration_summary) IS 'same tolerance, counts and sums';
CREATE OPERATOR <> (
	LEFTARG = calibration_summary, RIGHTARG = calibration_summary, PROCEDURE = calibration_summary_ne,
	COMMUTATOR = <>, NEGATOR = =, RESTRICT = neqsel, JOIN = neqjoinsel
);
COMMENT ON OPERATOR <> (calibration_summary, calibration_summary) IS 'different tolerance, counts or sums';

-- Order and hash of calibration_summary: the operator classes that DISTINCT, GROUP BY,
-- UNION, ORDER BY, merge and hash joins and indexes use.  The order is
-- the one of every summary type (summary.c): a shorter stored value first,
-- then the first differing byte; consistent with =, not by any figure.
CREATE FUNCTION calibration_summary_lt(calibration_summary, calibration_summary) RETURNS boolean
	AS 'MODULE_PATHNAME', 'summary_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION calibration_summary_lt(calibration_summary, calibration_summary) IS
	'true when the first calibration_summary sorts before the second in the stored-form order';
CREATE FUNCTION calibration_summary_le(calibration_summary, calibration_summary) RETURNS boolean
	AS 'MODULE_PATHNAME', 'summary_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION calibration_summary_le(calibration_summary, calibration_summary) IS
	'true when the first calibration_summary sorts before or equals the second in the stored-form order';
CREATE FUNCTION calibration_summary_gt(calibration_summary, calibration_summary) RETURNS boolean
	AS 'MODULE_PATHNAME', 'summary_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION calibration_summary_gt(calibration_summary, calibration_summary) IS
	'true when the first calibration_summary sorts after the second in the stored-form order';
CREATE FUNCTION calibration_summary_ge(calibration_summary, calibration_summary) RETURNS boolean
	AS 'MODULE_PATHNAME', 'summary_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION calibration_summary_ge(calibration_summary, calibration_summary) IS
	'true when the first calibration_summary sorts after or equals the second in the stored-form order';
CREATE FUNCTION calibration_summary_cmp(calibration_summary, calibration_summary) RETURNS integer
	AS 'MODULE_PATHNAME', 'summary_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION calibration_summary_cmp(calibration_summary, calibration_summary) IS
	'btree support: -1, 0 or 1 as the first calibration_summary sorts before, with or after the second';
CREATE FUNCTION calibration_summary_hash(calibration_summary) RETURNS integer
	AS 'MODULE_PATHNAME', 'summary_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION calibration_summary_hash(calibration_summary) IS 'hash support: hash of the stored form';
CREATE FUNCTION calibration_summary_hash_extended(calibration_summary, bigint) RETURNS bigint
	AS 'MODULE_PATHNAME', 'summary_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION calibration_summary_hash_extended(calibration_summary, bigint) IS
	'hash support: seeded 64-bit hash of the stored form, for hash partitioning';
CREATE OPERATOR < (
	LEFTARG = calibration_summary, RIGHTARG = calibration_summary, PROCEDURE = calibration_summary_lt,
	COMMUTATOR = >, NEGATOR = >=, RESTRICT = scalarltsel, JOIN = scalarltjoinsel
);
CREATE OPERATOR <= (
	LEFTARG = calibration_summary, RIGHTARG = calibration_summary, PROCEDURE = calibration_summary_le,
	COMMUTATOR = >=, NEGATOR = >, RESTRICT = scalarlesel, JOIN = scalarlejoinsel
);
CREATE OPERATOR > (
	LEFTARG = calibration_summary, RIGHTARG = calibration_summary, PROCEDURE = calibration_summary_gt,
	COMMUTATOR = <, NEGATOR = <=, RESTRICT = scalargtsel, JOIN = scalargtjoinsel
);
CREATE OPERATOR >= (
	LEFTARG = calibration_summary, RIGHTARG = calibration_summary, PROCEDURE = calibration_summary_ge,
	COMMUTATOR = <=, NEGATOR = <, RESTRICT = scalargesel, JOIN = scalargejoinsel
);
COMMENT ON OPERATOR < (calibration_summary, calibration_summary) IS 'sorts before, in the stored-form order';
COMMENT ON OPERATOR <= (calibration_summary, calibration_summary) IS 'sorts before or equals, in the stored-form order';
COMMENT ON OPERATOR > (calibration_summary, calibration_summary) IS 'sorts after, in the stored-form order';
COMMENT ON OPERATOR >= (calibration_summary, calibration_summary) IS 'sorts after or equals, in the stored-form order';
CREATE OPERATOR CLASS calibration_summary_ops DEFAULT FOR TYPE calibration_summary USING btree AS
	OPERATOR 1 <, OPERATOR 2 <=, OPERATOR 3 =, OPERATOR 4 >=, OPERATOR 5 >,
	FUNCTION 1 calibration_summary_cmp(calibration_summary, calibration_summary),
	FUNCTION 2 summary_sortsupport(internal);
CREATE OPERATOR CLASS calibration_summary_ops DEFAULT FOR TYPE calibration_summary USING hash AS
	OPERATOR 1 =,
	FUNCTION 1 calibration_summary_hash(calibration_summary),
	FUNCTION 2 calibration_summary_hash_extended(calibration_summary, bigint);
COMMENT ON OPERATOR CLASS calibration_summary_ops USING btree IS 'ordering of calibration_summary, by its stored form';
COMMENT ON OPERATOR FAMILY calibration_summary_ops USING btree IS 'ordering of calibration_summary, by its stored form';
COMMENT ON OPERATOR CLASS calibration_summary_ops USING hash IS 'hashing of calibration_summary, by its stored form';
COMMENT ON OPERATOR FAMILY calibration_summary_ops USING hash IS 'hashing of calibration_summary, by its stored form';

--------------------------------------------------------------------------
-- duration_summary: handling times and other durations
--------------------------------------------------------------------------

CREATE TYPE duration_summary;

CREATE FUNCTION duration_summary_in(cstring) RETURNS duration_summary
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION duration_summary_out(duration_summary) RETURNS cstring
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION duration_summary_recv(internal) RETURNS duration_summary
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION duration_summary_send(duration_summary) RETURNS bytea
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION duration_summary_in(cstring) IS 'text input of duration_summary';
COMMENT ON FUNCTION duration_summary_out(duration_summary) IS 'text output of duration_summary';
COMMENT ON FUNCTION duration_summary_recv(internal) IS 'binary input of duration_summary';
COMMENT ON FUNCTION duration_summary_send(duration_summary) IS 'binary output of duration_summary';

-- A duration summary varies in size (its bucket counts, sparse or dense,
-- whichever is smaller), from 80 bytes up to a few kB, so unlike the
-- fixed-size summaries it may be compressed when stored (STORAGE main);
-- readers detoast it.  The aggregates declare the state sizes they
-- typically reach (SSPACE): an agent-day's durations take about 350 bytes
-- (bench/run), a month's rollup about a kilobyte.
CREATE TYPE duration_summary (
	INPUT = duration_summary_in,
	OUTPUT = duration_summary_out,
	RECEIVE = duration_summary_recv,
	SEND = duration_summary_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = double,
	STORAGE = main
);
COMMENT ON TYPE duration_summary IS
	'mergeable summary of durations: exact count, sum, sum of squares, minimum and maximum, and logarithmic buckets for percentiles within 1%';

-- Aggregate support.  The transition functions are not strict: they create
-- the summary on the first non-NULL duration and skip NULL durations.  The
-- inverse transitions return NULL, making PostgreSQL recompute the window
-- frame, when the duration leaving was the frame's minimum or maximum.
CREATE FUNCTION aht_agg_trans(duration_summary, double precision) RETURNS duration_summary
	AS 'MODULE_PATHNAME', 'aht_agg_trans_seconds' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION aht_agg_trans(duration_summary, double precision) IS
	'transition function of aht_agg: adds one duration in seconds';
CREATE FUNCTION aht_agg_inverse(duration_summary, double precision) RETURNS duration_summary
	AS 'MODULE_PATHNAME', 'aht_agg_inverse_seconds' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION aht_agg_inverse(duration_summary, double precision) IS
	'inverse transition function of aht_agg, for moving window frames';
CREATE FUNCTION aht_agg_trans(duration_summary, interval) RETURNS duration_summary
	AS 'MODULE_PATHNAME', 'aht_agg_trans_interval' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION aht_agg_trans(duration_summary, interval) IS
	'transition function of aht_agg: adds one duration given as an interval';
CREATE FUNCTION aht_agg_inverse(duration_summary, interval) RETURNS duration_summary
	AS 'MODULE_PATHNAME', 'aht_agg_inverse_interval' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION aht_agg_inverse(duration_summary, interval) IS
	'inverse transition function of aht_agg(interval), for moving window frames';
CREATE FUNCTION duration_summary_merge(duration_summary, duration_summary) RETURNS duration_summary
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION duration_summary_merge(duration_summary, duration_summary) IS
	'merges two duration summaries exactly (combine function of aht_agg and rollup)';
CREATE FUNCTION duration_summary_unmerge(duration_summary, duration_summary) RETURNS duration_summary
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION duration_summary_unmerge(duration_summary, duration_summary) IS
	'inverse of duration_summary_merge, for moving window frames of rollup; NULL when the frame must be recomputed';
CREATE FUNCTION duration_summary_final(duration_summary) RETURNS duration_summary
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION duration_summary_final(duration_summary) IS
	'final function of aht_agg and rollup: NULL for a summary of no durations';

CREATE AGGREGATE aht_agg(double precision) (
	SFUNC = aht_agg_trans,
	STYPE = duration_summary,
	SSPACE = 352,
	FINALFUNC = duration_summary_final,
	COMBINEFUNC = duration_summary_merge,
	MSFUNC = aht_agg_trans,
	MINVFUNC = aht_agg_inverse,
	MSTYPE = duration_summary,
	MSSPACE = 352,
	-- A moving aggregate's state must never be NULL, so it starts empty.
	MINITCOND = 'v1 zeros=0 min=0 max=0 sum=0 sum_squares=0 first_bucket=0 counts=',
	MFINALFUNC = duration_summary_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE aht_agg(double precision) IS
	'summarizes durations in seconds (rounded to the microsecond) into a duration_summary; NULLs are ignored';

CREATE AGGREGATE aht_agg(interval) (
	SFUNC = aht_agg_trans,
	STYPE = duration_summary,
	SSPACE = 352,
	FINALFUNC = duration_summary_final,
	COMBINEFUNC = duration_summary_merge,
	MSFUNC = aht_agg_trans,
	MINVFUNC = aht_agg_inverse,
	MSTYPE = duration_summary,
	MSSPACE = 352,
	MINITCOND = 'v1 zeros=0 min=0 max=0 sum=0 sum_squares=0 first_bucket=0 counts=',
	MFINALFUNC = duration_summary_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE aht_agg(interval) IS
	'summarizes durations given as intervals into a duration_summary; NULLs are ignored';

CREATE AGGREGATE rollup(duration_summary) (
	SFUNC = duration_summary_merge,
	STYPE = duration_summary,
	SSPACE = 1024,
	FINALFUNC = duration_summary_final,
	COMBINEFUNC = duration_summary_merge,
	MSFUNC = duration_summary_merge,
	MINVFUNC = duration_summary_unmerge,
	MSTYPE = duration_summary,
	MSSPACE = 1024,
	MFINALFUNC = duration_summary_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE rollup(duration_summary) IS
	'merges duration summaries exactly, e.g. daily summaries into a month';

-- Accessors: every figure in seconds.
CREATE FUNCTION mean(duration_summary) RETURNS double precision
	AS 'MODULE_PATHNAME', 'duration_summary_mean' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION mean(duration_summary) IS
	'mean duration in seconds (e.g. average handling time), exact';
CREATE FUNCTION responses(duration_summary) RETURNS bigint
	AS 'MODULE_PATHNAME', 'duration_summary_responses' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION responses(duration_summary) IS 'number of non-NULL durations; 0 for NULL';
CREATE FUNCTION percentile(duration_summary, fraction double precision) RETURNS double precision
	AS 'MODULE_PATHNAME', 'duration_summary_percentile' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION percentile(duration_summary, double precision) IS
	'duration in seconds at the given fraction (0..1), by percentile_disc''s rank, within 1% relative error';
CREATE FUNCTION total(duration_summary) RETURNS double precision
	AS 'MODULE_PATHNAME', 'duration_summary_total' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION total(duration_summary) IS 'sum of the durations in seconds, exact';
CREATE FUNCTION minimum(duration_summary) RETURNS double precision
	AS 'MODULE_PATHNAME', 'duration_summary_minimum' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION minimum(duration_summary) IS 'shortest duration in seconds, exact';
CREATE FUNCTION maximum(duration_summary) RETURNS double precision
	AS 'MODULE_PATHNAME', 'duration_summary_maximum' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION maximum(duration_summary) IS 'longest duration in seconds, exact';
CREATE FUNCTION lower_bound(duration_summary, confidence double precision DEFAULT 0.95)
	RETURNS double precision
	AS 'MODULE_PATHNAME', 'duration_summary_lower_bound' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION lower_bound(duration_summary, double precision) IS
	'lower end of the normal confidence interval of the mean duration (default 95%), at least 0';
CREATE FUNCTION upper_bound(duration_summary, confidence double precision DEFAULT 0.95)
	RETURNS double precision
	AS 'MODULE_PATHNAME', 'duration_summary_upper_bound' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION upper_bound(duration_summary, double precision) IS
	'upper end of the normal confidence interval of the mean duration (default 95%)';

CREATE FUNCTION status(duration_summary, target double precision,
					   confidence double precision DEFAULT 0.95)
	RETURNS text
	AS 'MODULE_PATHNAME', 'duration_summary_status' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION status(duration_summary, double precision, double precision) IS
	'green when the interval of the mean duration lies wholly below the target (lower is better), red when wholly above, else amber';

CREATE FUNCTION duration_summary_jsonb(duration_summary) RETURNS jsonb
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION duration_summary_jsonb(duration_summary) IS
	'every figure and count of a duration summary as jsonb';
CREATE CAST (duration_summary AS jsonb) WITH FUNCTION duration_summary_jsonb(duration_summary);
COMMENT ON CAST (duration_summary AS jsonb) IS
	'every figure and count of a duration summary, for BI tools and exports';

CREATE FUNCTION duration_summary_eq(duration_summary, duration_summary) RETURNS boolean
	AS 'MODULE_PATHNAME', 'duration_summary_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION duration_summary_eq(duration_summary, duration_summary) IS
	'true when two duration summaries hold the same counts and sums';
CREATE FUNCTION duration_summary_ne(duration_summary, duration_summary) RETURNS boolean
	AS 'MODULE_PATHNAME', 'duration_summary_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION duration_summary_ne(duration_summary, duration_summary) IS
	'true when two duration summaries differ';
CREATE OPERATOR = (
	LEFTARG = duration_summary, RIGHTARG = duration_summary, PROCEDURE = duration_summary_eq,
	COMMUTATOR = =, NEGATOR = <>, RESTRICT = eqsel, JOIN = eqjoinsel,
	HASHES, MERGES
);
COMMENT ON OPERATOR = (duration_summary, duration_summary) IS 'same counts and sums';
CREATE OPERATOR <> (
	LEFTARG = duration_summary, RIGHTARG = duration_summary, PROCEDURE = duration_summary_ne,
	COMMUTATOR = <>, NEGATOR = =, RESTRICT = neqsel, JOIN = neqjoinsel
);
COMMENT ON OPERATOR <> (duration_summary, duration_summary) IS 'different counts or sums';

-- Order and hash of duration_summary: the operator classes that DISTINCT, GROUP BY,
-- UNION, ORDER BY, merge and hash joins and indexes use.  The order is
-- the one of every summary type (summary.c): a shorter stored value first,
-- then the first differing byte; consistent with =, not by any figure.
-- duration_summary's own order and hash functions convert a value stored by
-- 0.1.0 (layout 1) first, so that it sorts and hashes as the equal value of
-- now; then they are every type's (summary.c).
CREATE FUNCTION duration_summary_sortsupport(internal) RETURNS void
	AS 'MODULE_PATHNAME', 'duration_summary_sortsupport' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION duration_summary_sortsupport(internal) IS
	'btree sort support of duration_summary: the stored-form order, values of 0.1.0 converted first';
CREATE FUNCTION duration_summary_lt(duration_summary, duration_summary) RETURNS boolean
	AS 'MODULE_PATHNAME', 'duration_summary_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION duration_summary_lt(duration_summary, duration_summary) IS
	'true when the first duration_summary sorts before the second in the stored-form order';
CREATE FUNCTION duration_summary_le(duration_summary, duration_summary) RETURNS boolean
	AS 'MODULE_PATHNAME', 'duration_summary_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION duration_summary_le(duration_summary, duration_summary) IS
	'true when the first duration_summary sorts before or equals the second in the stored-form order';
CREATE FUNCTION duration_summary_gt(duration_summary, duration_summary) RETURNS boolean
	AS 'MODULE_PATHNAME', 'duration_summary_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION duration_summary_gt(duration_summary, duration_summary) IS
	'true when the first duration_summary sorts after the second in the stored-form order';
CREATE FUNCTION duration_summary_ge(duration_summary, duration_summary) RETURNS boolean
	AS 'MODULE_PATHNAME', 'duration_summary_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION duration_summary_ge(duration_summary, duration_summary) IS
	'true when the first duration_summary sorts after or equals the second in the stored-form order';
CREATE FUNCTION duration_summary_cmp(duration_summary, duration_summary) RETURNS integer
	AS 'MODULE_PATHNAME', 'duration_summary_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION duration_summary_cmp(duration_summary, duration_summary) IS
	'btree support: -1, 0 or 1 as the first duration_summary sorts before, with or after the second';
CREATE FUNCTION duration_summary_hash(duration_summary) RETURNS integer
	AS 'MODULE_PATHNAME', 'duration_summary_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION duration_summary_hash(duration_summary) IS 'hash support: hash of the stored form';
CREATE FUNCTION duration_summary_hash_extended(duration_summary, bigint) RETURNS bigint
	AS 'MODULE_PATHNAME', 'duration_summary_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION duration_summary_hash_extended(duration_summary, bigint) IS
	'hash support: seeded 64-bit hash of the stored form, for hash partitioning';
CREATE OPERATOR < (
	LEFTARG = duration_summary, RIGHTARG = duration_summary, PROCEDURE = duration_summary_lt,
	COMMUTATOR = >, NEGATOR = >=, RESTRICT = scalarltsel, JOIN = scalarltjoinsel
);
CREATE OPERATOR <= (
	LEFTARG = duration_summary, RIGHTARG = duration_summary, PROCEDURE = duration_summary_le,
	COMMUTATOR = >=, NEGATOR = >, RESTRICT = scalarlesel, JOIN = scalarlejoinsel
);
CREATE OPERATOR > (
	LEFTARG = duration_summary, RIGHTARG = duration_summary, PROCEDURE = duration_summary_gt,
	COMMUTATOR = <, NEGATOR = <=, RESTRICT = scalargtsel, JOIN = scalargtjoinsel
);
CREATE OPERATOR >= (
	LEFTARG = duration_summary, RIGHTARG = duration_summary, PROCEDURE = duration_summary_ge,
	COMMUTATOR = <=, NEGATOR = <, RESTRICT = scalargesel, JOIN = scalargejoinsel
);
COMMENT ON OPERATOR < (duration_summary, duration_summary) IS 'sorts before, in the stored-form order';
COMMENT ON OPERATOR <= (duration_summary, duration_summary) IS 'sorts before or equals, in the stored-form order';
COMMENT ON OPERATOR > (duration_summary, duration_summary) IS 'sorts after, in the stored-form order';
COMMENT ON OPERATOR >= (duration_summary, duration_summary) IS 'sorts after or equals, in the stored-form order';
CREATE OPERATOR CLASS duration_summary_ops DEFAULT FOR TYPE duration_summary USING btree AS
	OPERATOR 1 <, OPERATOR 2 <=, OPERATOR 3 =, OPERATOR 4 >=, OPERATOR 5 >,
	FUNCTION 1 duration_summary_cmp(duration_summary, duration_summary),
	FUNCTION 2 duration_summary_sortsupport(internal);
CREATE OPERATOR CLASS duration_summary_ops DEFAULT FOR TYPE duration_summary USING hash AS
	OPERATOR 1 =,
	FUNCTION 1 duration_summary_hash(duration_summary),
	FUNCTION 2 duration_summary_hash_extended(duration_summary, bigint);
COMMENT ON OPERATOR CLASS duration_summary_ops USING btree IS 'ordering of duration_summary, by its stored form';
COMMENT ON OPERATOR FAMILY duration_summary_ops USING btree IS 'ordering of duration_summary, by its stored form';
COMMENT ON OPERATOR CLASS duration_summary_ops USING hash IS 'hashing of duration_summary, by its stored form';
COMMENT ON OPERATOR FAMILY duration_summary_ops USING hash IS 'hashing of duration_summary, by its stored form';

-- Comparing two duration summaries (an agent and the rest of the team,
-- this month and last): the difference of the mean durations in seconds,
-- its Welch interval and the two-sided p-value of Welch's t test.
CREATE FUNCTION difference(duration_summary, duration_summary) RETURNS double precision
	AS 'MODULE_PATHNAME', 'duration_summary_difference' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION difference(duration_summary, duration_summary) IS
	'mean duration of the first summary minus that of the second, in seconds';
CREATE FUNCTION difference_lower_bound(duration_summary, duration_summary,
									   confidence double precision DEFAULT 0.95)
	RETURNS double precision
	AS 'MODULE_PATHNAME', 'duration_summary_difference_lower_bound' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION difference_lower_bound(duration_summary, duration_summary, double precision) IS
	'lower end of the Welch interval of the difference of mean durations (default 95%)';
CREATE FUNCTION difference_upper_bound(duration_summary, duration_summary,
									   confidence double precision DEFAULT 0.95)
	RETURNS double precision
	AS 'MODULE_PATHNAME', 'duration_summary_difference_upper_bound' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION difference_upper_bound(duration_summary, duration_summary, double precision) IS
	'upper end of the Welch interval of the difference of mean durations (default 95%)';
CREATE FUNCTION p_value(duration_summary, duration_summary) RETURNS double precision
	AS 'MODULE_PATHNAME', 'duration_summary_p_value' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION p_value(duration_summary, duration_summary) IS
	'two-sided p-value of Welch''s t test that the mean durations are equal';

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
	COMMUTATOR = =, NEGATOR = <>, RESTRICT = eqsel, JOIN = eqjoinsel,
	HASHES, MERGES
);
COMMENT ON OPERATOR = (business_calendar, business_calendar) IS 'same zone, opening hours and closed dates';
CREATE OPERATOR <> (
	LEFTARG = business_calendar, RIGHTARG = business_calendar, PROCEDURE = business_calendar_ne,
	COMMUTATOR = <>, NEGATOR = =, RESTRICT = neqsel, JOIN = neqjoinsel
);
COMMENT ON OPERATOR <> (business_calendar, business_calendar) IS 'different zone, opening hours or closed dates';

-- Order and hash of business_calendar: the operator classes that DISTINCT, GROUP BY,
-- UNION, ORDER BY, merge and hash joins and indexes use.  The order is
-- the one of every summary type (summary.c): a shorter stored value first,
-- then the first differing byte; consistent with =, not by any figure.
CREATE FUNCTION business_calendar_lt(business_calendar, business_calendar) RETURNS boolean
	AS 'MODULE_PATHNAME', 'summary_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION business_calendar_lt(business_calendar, business_calendar) IS
	'true when the first business_calendar sorts before the second in the stored-form order';
CREATE FUNCTION business_calendar_le(business_calendar, business_calendar) RETURNS boolean
	AS 'MODULE_PATHNAME', 'summary_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION business_calendar_le(business_calendar, business_calendar) IS
	'true when the first business_calendar sorts before or equals the second in the stored-form order';
CREATE FUNCTION business_calendar_gt(business_calendar, business_calendar) RETURNS boolean
	AS 'MODULE_PATHNAME', 'summary_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION business_calendar_gt(business_calendar, business_calendar) IS
	'true when the first business_calendar sorts after the second in the stored-form order';
CREATE FUNCTION business_calendar_ge(business_calendar, business_calendar) RETURNS boolean
	AS 'MODULE_PATHNAME', 'summary_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION business_calendar_ge(business_calendar, business_calendar) IS
	'true when the first business_calendar sorts after or equals the second in the stored-form order';
CREATE FUNCTION business_calendar_cmp(business_calendar, business_calendar) RETURNS integer
	AS 'MODULE_PATHNAME', 'summary_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION business_calendar_cmp(business_calendar, business_calendar) IS
	'btree support: -1, 0 or 1 as the first business_calendar sorts before, with or after the second';
CREATE FUNCTION business_calendar_hash(business_calendar) RETURNS integer
	AS 'MODULE_PATHNAME', 'summary_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION business_calendar_hash(business_calendar) IS 'hash support: hash of the stored form';
CREATE FUNCTION business_calendar_hash_extended(business_calendar, bigint) RETURNS bigint
	AS 'MODULE_PATHNAME', 'summary_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION business_calendar_hash_extended(business_calendar, bigint) IS
	'hash support: seeded 64-bit hash of the stored form, for hash partitioning';
CREATE OPERATOR < (
	LEFTARG = business_calendar, RIGHTARG = business_calendar, PROCEDURE = business_calendar_lt,
	COMMUTATOR = >, NEGATOR = >=, RESTRICT = scalarltsel, JOIN = scalarltjoinsel
);
CREATE OPERATOR <= (
	LEFTARG = business_calendar, RIGHTARG = business_calendar, PROCEDURE = business_calendar_le,
	COMMUTATOR = >=, NEGATOR = >, RESTRICT = scalarlesel, JOIN = scalarlejoinsel
);
CREATE OPERATOR > (
	LEFTARG = business_calendar, RIGHTARG = business_calendar, PROCEDURE = business_calendar_gt,
	COMMUTATOR = <, NEGATOR = <=, RESTRICT = scalargtsel, JOIN = scalargtjoinsel
);
CREATE OPERATOR >= (
	LEFTARG = business_calendar, RIGHTARG = business_calendar, PROCEDURE = business_calendar_ge,
	COMMUTATOR = <=, NEGATOR = <, RESTRICT = scalargesel, JOIN = scalargejoinsel
);
COMMENT ON OPERATOR < (business_calendar, business_calendar) IS 'sorts before, in the stored-form order';
COMMENT ON OPERATOR <= (business_calendar, business_calendar) IS 'sorts before or equals, in the stored-form order';
COMMENT ON OPERATOR > (business_calendar, business_calendar) IS 'sorts after, in the stored-form order';
COMMENT ON OPERATOR >= (business_calendar, business_calendar) IS 'sorts after or equals, in the stored-form order';
CREATE OPERATOR CLASS business_calendar_ops DEFAULT FOR TYPE business_calendar USING btree AS
	OPERATOR 1 <, OPERATOR 2 <=, OPERATOR 3 =, OPERATOR 4 >=, OPERATOR 5 >,
	FUNCTION 1 business_calendar_cmp(business_calendar, business_calendar),
	FUNCTION 2 summary_sortsupport(internal);
CREATE OPERATOR CLASS business_calendar_ops DEFAULT FOR TYPE business_calendar USING hash AS
	OPERATOR 1 =,
	FUNCTION 1 business_calendar_hash(business_calendar),
	FUNCTION 2 business_calendar_hash_extended(business_calendar, bigint);
COMMENT ON OPERATOR CLASS business_calendar_ops USING btree IS 'ordering of business_calendar, by its stored form';
COMMENT ON OPERATOR FAMILY business_calendar_ops USING btree IS 'ordering of business_calendar, by its stored form';
COMMENT ON OPERATOR CLASS business_calendar_ops USING hash IS 'hashing of business_calendar, by its stored form';
COMMENT ON OPERATOR FAMILY business_calendar_ops USING hash IS 'hashing of business_calendar, by its stored form';

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
	COMMUTATOR = =, NEGATOR = <>, RESTRICT = eqsel, JOIN = eqjoinsel,
	HASHES, MERGES
);
COMMENT ON OPERATOR = (queue_summary, queue_summary) IS 'same thresholds, counts and wait';
CREATE OPERATOR <> (
	LEFTARG = queue_summary, RIGHTARG = queue_summary, PROCEDURE = queue_summary_ne,
	COMMUTATOR = <>, NEGATOR = =, RESTRICT = neqsel, JOIN = neqjoinsel
);
COMMENT ON OPERATOR <> (queue_summary, queue_summary) IS 'different thresholds, counts or wait';

-- Order and hash of queue_summary: the operator classes that DISTINCT, GROUP BY,
-- UNION, ORDER BY, merge and hash joins and indexes use.  The order is
-- the one of every summary type (summary.c): a shorter stored value first,
-- then the first differing byte; consistent with =, not by any figure.
CREATE FUNCTION queue_summary_lt(queue_summary, queue_summary) RETURNS boolean
	AS 'MODULE_PATHNAME', 'summary_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION queue_summary_lt(queue_summary, queue_summary) IS
	'true when the first queue_summary sorts before the second in the stored-form order';
CREATE FUNCTION queue_summary_le(queue_summary, queue_summary) RETURNS boolean
	AS 'MODULE_PATHNAME', 'summary_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION queue_summary_le(queue_summary, queue_summary) IS
	'true when the first queue_summary sorts before or equals the second in the stored-form order';
CREATE FUNCTION queue_summary_gt(queue_summary, queue_summary) RETURNS boolean
	AS 'MODULE_PATHNAME', 'summary_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION queue_summary_gt(queue_summary, queue_summary) IS
	'true when the first queue_summary sorts after the second in the stored-form order';
CREATE FUNCTION queue_summary_ge(queue_summary, queue_summary) RETURNS boolean
	AS 'MODULE_PATHNAME', 'summary_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION queue_summary_ge(queue_summary, queue_summary) IS
	'true when the first queue_summary sorts after or equals the second in the stored-form order';
CREATE FUNCTION queue_summary_cmp(queue_summary, queue_summary) RETURNS integer
	AS 'MODULE_PATHNAME', 'summary_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION queue_summary_cmp(queue_summary, queue_summary) IS
	'btree support: -1, 0 or 1 as the first queue_summary sorts before, with or after the second';
CREATE FUNCTION queue_summary_hash(queue_summary) RETURNS integer
	AS 'MODULE_PATHNAME', 'summary_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION queue_summary_hash(queue_summary) IS 'hash support: hash of the stored form';
CREATE FUNCTION queue_summary_hash_extended(queue_summary, bigint) RETURNS bigint
	AS 'MODULE_PATHNAME', 'summary_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION queue_summary_hash_extended(queue_summary, bigint) IS
	'hash support: seeded 64-bit hash of the stored form, for hash partitioning';
CREATE OPERATOR < (
	LEFTARG = queue_summary, RIGHTARG = queue_summary, PROCEDURE = queue_summary_lt,
	COMMUTATOR = >, NEGATOR = >=, RESTRICT = scalarltsel, JOIN = scalarltjoinsel
);
CREATE OPERATOR <= (
	LEFTARG = queue_summary, RIGHTARG = queue_summary, PROCEDURE = queue_summary_le,
	COMMUTATOR = >=, NEGATOR = >, RESTRICT = scalarlesel, JOIN = scalarlejoinsel
);
CREATE OPERATOR > (
	LEFTARG = queue_summary, RIGHTARG = queue_summary, PROCEDURE = queue_summary_gt,
	COMMUTATOR = <, NEGATOR = <=, RESTRICT = scalargtsel, JOIN = scalargtjoinsel
);
CREATE OPERATOR >= (
	LEFTARG = queue_summary, RIGHTARG = queue_summary, PROCEDURE = queue_summary_ge,
	COMMUTATOR = <=, NEGATOR = <, RESTRICT = scalargesel, JOIN = scalargejoinsel
);
COMMENT ON OPERATOR < (queue_summary, queue_summary) IS 'sorts before, in the stored-form order';
COMMENT ON OPERATOR <= (queue_summary, queue_summary) IS 'sorts before or equals, in the stored-form order';
COMMENT ON OPERATOR > (queue_summary, queue_summary) IS 'sorts after, in the stored-form order';
COMMENT ON OPERATOR >= (queue_summary, queue_summary) IS 'sorts after or equals, in the stored-form order';
CREATE OPERATOR CLASS queue_summary_ops DEFAULT FOR TYPE queue_summary USING btree AS
	OPERATOR 1 <, OPERATOR 2 <=, OPERATOR 3 =, OPERATOR 4 >=, OPERATOR 5 >,
	FUNCTION 1 queue_summary_cmp(queue_summary, queue_summary),
	FUNCTION 2 summary_sortsupport(internal);
CREATE OPERATOR CLASS queue_summary_ops DEFAULT FOR TYPE queue_summary USING hash AS
	OPERATOR 1 =,
	FUNCTION 1 queue_summary_hash(queue_summary),
	FUNCTION 2 queue_summary_hash_extended(queue_summary, bigint);
COMMENT ON OPERATOR CLASS queue_summary_ops USING btree IS 'ordering of queue_summary, by its stored form';
COMMENT ON OPERATOR FAMILY queue_summary_ops USING btree IS 'ordering of queue_summary, by its stored form';
COMMENT ON OPERATOR CLASS queue_summary_ops USING hash IS 'hashing of queue_summary, by its stored form';
COMMENT ON OPERATOR FAMILY queue_summary_ops USING hash IS 'hashing of queue_summary, by its stored form';

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
