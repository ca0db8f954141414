/*
 * rating.c
 *		rating_summary: CSAT and CES answers on a 1..k scale as a mergeable
 *		summary.
 *
 * The summary is one counter per scale point, with the scale (k, 2..10) and
 * the kind in the header.  It is fixed-size: ten counters, of which those
 * beyond the scale stay zero, so equal summaries are equal bytes.  The kind
 * decides the headline figure that intervals and comparisons are about: the
 * satisfied percent for CSAT, the mean for CES.  A CES kind also says which
 * end of the scale is easy: lower (the effort question, as the source
 * articles define CES) or higher (an agreement question, and every CES
 * summary of 0.1.0).  Summaries merge by adding their counters, and only
 * with summaries of the same kind and scale; a summary of no answers is
 * neutral.
 */
#include "postgres.h"

#include <math.h>

#include "libpq/pqformat.h"

#include "scorecard.h"

#define RATING_TYPE_NAME "rating_summary"
#define RATING_MIN_SCALE 2
#define RATING_MAX_SCALE 10

/*
 * Versions of the text and binary forms.  Version 1, 0.1.0's, has no
 * direction: its CES summaries count higher ratings as easier, as 0.1.0
 * assumed.  Version 2 adds lower_is_easier to CES summaries.  The in-memory
 * layout (header.version) has not changed.
 */
#define RATING_FORMAT_VERSION 2

/*
 * header.kind; 0 is never used, so that a zeroed summary is invalid.  The
 * kind of a CES summary holds its direction.  RATING_CES_HIGHER_EASIER is
 * the kind 0.1.0 wrote for every CES summary, so the values it stored read
 * as lower_is_easier = false as they are.
 */
#define RATING_CSAT 1
#define RATING_CES_HIGHER_EASIER 2
#define RATING_CES_LOWER_EASIER 3

/* the measures of the text and binary forms: 1 csat, 2 ces */
#define RATING_FORM_CSAT 1
#define RATING_FORM_CES 2

/* default scale_max of the one-argument aggregates */
#define CSAT_DEFAULT_SCALE 5
#define CES_DEFAULT_SCALE 7

typedef struct RatingSummary
{
	SummaryHeader header;		/* kind: RATING_CSAT or a CES kind; scale: k */
	int64		counts[RATING_MAX_SCALE];	/* counts[r - 1]: answers of r */
} RatingSummary;

/* Measure names as in the text form, indexed by form measure - 1. */
static const char *const rating_measure_names[] = {"csat", "ces"};
static const char *const rating_booleans[] = {"false", "true"};

static bool
rating_kind_is_ces(int kind)
{
	return kind != RATING_CSAT;
}

static const char *
rating_kind_name(int kind)
{
	return rating_kind_is_ces(kind) ? "ces" : "csat";
}

static bool
rating_lower_is_easier(const RatingSummary *s)
{
	return s->header.kind == RATING_CES_LOWER_EASIER;
}

static int
rating_ces_kind(bool lower_is_easier)
{
	return lower_is_easier ? RATING_CES_LOWER_EASIER : RATING_CES_HIGHER_EASIER;
}

/*
 * Check the header fields of a rating summary that a function is given.
 * Input functions and aggregates only ever write kinds 1..3, scales 2..10
 * and a zero reserved byte, so any other value comes from storage
 * corruption or an incompatible build: reading its counters on such a
 * scale would go out of bounds.  (Version and size are checked before, by
 * summary_for_read.)
 */
static void
rating_check_header(const void *summary)
{
	const SummaryHeader *h = summary;

	if (h->kind < RATING_CSAT || h->kind > RATING_CES_LOWER_EASIER ||
		h->scale < RATING_MIN_SCALE || h->scale > RATING_MAX_SCALE ||
		h->reserved != 0)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("corrupt %s value", RATING_TYPE_NAME),
				 errdetail("Its header holds kind %d, scale %d and reserved byte %d; a valid value has kind %d to %d, scale %d to %d and reserved byte 0.",
						   h->kind, h->scale, h->reserved,
						   RATING_CSAT, RATING_CES_LOWER_EASIER,
						   RATING_MIN_SCALE, RATING_MAX_SCALE)));
}

static int64
rating_responses(const RatingSummary *s)
{
	return counts_total(s->counts, s->header.scale, RATING_TYPE_NAME);
}

/* Reject a scale_max parameter outside 2..10. */
static int
rating_checked_scale(int64 scale, const char *kind_name)
{
	if (scale < RATING_MIN_SCALE || scale > RATING_MAX_SCALE)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s scale_max " INT64_FORMAT " is out of range",
						kind_name, scale),
				 errdetail("A rating scale must run from 1 to between %d and %d.",
						   RATING_MIN_SCALE, RATING_MAX_SCALE)));
	return (int) scale;
}

/* Reject a rating outside 1..scale before it can index the counters. */
static int
rating_checked_rating(const RatingSummary *s, int32 rating)
{
	if (rating < 1 || rating > s->header.scale)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s rating %d is out of range",
						rating_kind_name(s->header.kind), rating),
				 errdetail("Ratings on this scale must be between 1 and %d.",
						   s->header.scale)));
	return rating;
}

/*
 * Reject a point of the scale given as a parameter, such as satisfied_from,
 * outside 1..scale.
 */
static int
rating_checked_point(const RatingSummary *s, int32 point, const char *what)
{
	if (point < 1 || point > s->header.scale)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s %d is out of range", what, point),
				 errdetail("The summary's scale runs from 1 to %d.",
						   s->header.scale)));
	return point;
}

/*
 * Summaries merge and compare only when their measure, direction and scale
 * agree.
 */
static void
rating_check_compatible(const RatingSummary *a, const RatingSummary *b,
						const char *action)
{
	if (rating_kind_is_ces(a->header.kind) != rating_kind_is_ces(b->header.kind))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot %s a %s summary and a %s summary", action,
						rating_kind_name(a->header.kind),
						rating_kind_name(b->header.kind)),
				 errdetail("CSAT and CES answers are different measures.")));
	if (a->header.kind != b->header.kind)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot %s ces summaries of opposite directions", action),
				 errdetail("The first summary counts %s ratings as easier, the second %s ones (lower_is_easier must agree).",
						   rating_lower_is_easier(a) ? "lower" : "higher",
						   rating_lower_is_easier(b) ? "lower" : "higher")));
	if (a->header.scale != b->header.scale)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot %s %s summaries of different scales",
						action, rating_kind_name(a->header.kind)),
				 errdetail("One summary is on a 1..%d scale, the other on 1..%d.",
						   a->header.scale, b->header.scale)));
}

/*
 * The scale of the row being added or removed: argument 2 when the aggregate
 * has a scale_max argument, else the kind's default.  A NULL scale_max is an
 * error when the rating is not NULL: there is no scale to read it on.
 */
static int
rating_row_scale(FunctionCallInfo fcinfo, int kind)
{
	const char *kind_name = rating_kind_name(kind);

	if (PG_NARGS() < 3)
		return rating_kind_is_ces(kind) ? CES_DEFAULT_SCALE : CSAT_DEFAULT_SCALE;
	if (PG_ARGISNULL(2))
	{
		if (PG_ARGISNULL(1))
			return 0;			/* the row is skipped anyway */
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("%s scale_max must not be null", kind_name),
				 errdetail("A rating needs the scale it was given on.")));
	}
	return rating_checked_scale(PG_GETARG_INT32(2), kind_name);
}

/*
 * The kind of the row being added or removed: for ces_agg with a
 * lower_is_easier argument (argument 3), the CES kind it names; otherwise
 * default_kind, the aggregate's own.  A NULL lower_is_easier is an error
 * when the rating is not NULL.
 */
static int
rating_row_kind(FunctionCallInfo fcinfo, int default_kind)
{
	if (PG_NARGS() < 4)
		return default_kind;
	if (PG_ARGISNULL(3))
	{
		if (PG_ARGISNULL(1))
			return default_kind;	/* the row is skipped anyway */
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("ces lower_is_easier must not be null"),
				 errdetail("A CES rating needs the direction of its scale: true when lower ratings mean less effort.")));
	}
	return rating_ces_kind(PG_GETARG_BOOL(3));
}

/*
 * Where the row of an inverse transition counts: at its rating, which the
 * state counted earlier, so on the state's scale and in its direction.
 */
static int
rating_position(FunctionCallInfo fcinfo, const void *summary)
{
	const RatingSummary *s = summary;

	if (rating_row_scale(fcinfo, s->header.kind) != s->header.scale ||
		rating_row_kind(fcinfo, s->header.kind) != s->header.kind)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot remove a rating of another scale or direction from a %s summary",
						rating_kind_name(s->header.kind)),
				 errdetail("An inverse transition removes a rating that the summary counted, on its 1..%d scale.",
						   s->header.scale)));
	return rating_checked_rating(s, PG_GETARG_INT32(1)) - 1;
}

static const CountSummaryType rating_type = {
	.type_name = RATING_TYPE_NAME,
	.aggregate_name = "rating aggregate",
	.size = sizeof(RatingSummary),
	.counts_offset = offsetof(RatingSummary, counts),
	.length = RATING_MAX_SCALE,
	.scale_is_length = true,
	.position = rating_position,
};

/* Argument n as a readable rating summary, every header field checked. */
static RatingSummary *
rating_arg(FunctionCallInfo fcinfo, int n)
{
	RatingSummary *s = count_summary_arg(fcinfo, n, &rating_type);

	rating_check_header(s);
	return s;
}

/*
 * The state, argument 0, as a summary to update, checked as any argument
 * is: rollup() copies its first value into its state without calling us.
 */
static RatingSummary *
rating_state(FunctionCallInfo fcinfo)
{
	(void) rating_arg(fcinfo, 0);
	return summary_for_update(fcinfo, 0);
}

static RatingSummary *
rating_new(int kind, int scale)
{
	RatingSummary *s = count_summary_new(&rating_type);

	s->header.kind = kind;
	s->header.scale = scale;
	return s;
}

/*
 * Read the scale field of the text form: 2..10.  Any other number is an
 * out-of-range field (22003).
 */
static int
rating_parsed_scale(SummaryParser *p, int kind)
{
	const char *start = p->pos;
	int128		value;

	if (!parser_integer(p, RATING_MAX_SCALE, &value) || value < RATING_MIN_SCALE)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s scale %.*s is out of range for type %s",
						rating_kind_name(kind), (int) Min(p->pos - start, 40),
						start, RATING_TYPE_NAME),
				 errdetail("A rating scale must run from 1 to between %d and %d.",
						   RATING_MIN_SCALE, RATING_MAX_SCALE)));
	return (int) value;
}

/*
 * Text form: "v2 kind=ces scale=7 lower_is_easier=true counts=c1,...,c7";
 * a CSAT summary has no lower_is_easier.  Version 1 has no lower_is_easier
 * either: its CES summaries count higher ratings as easier.
 */
PG_FUNCTION_INFO_V1(rating_summary_in);
Datum
rating_summary_in(PG_FUNCTION_ARGS)
{
	SummaryParser p;
	int			version;
	int			kind;
	int			scale;
	RatingSummary *s;

	version = parser_begin_versions(&p, RATING_TYPE_NAME, PG_GETARG_CSTRING(0),
									RATING_FORMAT_VERSION);
	parser_key(&p, "kind");
	kind = parser_choice(&p, rating_measure_names, lengthof(rating_measure_names)) == 0 ?
		RATING_CSAT : RATING_CES_HIGHER_EASIER;
	parser_key(&p, "scale");
	scale = rating_parsed_scale(&p, kind);
	if (version >= 2 && rating_kind_is_ces(kind))
	{
		parser_key(&p, "lower_is_easier");
		kind = rating_ces_kind(parser_choice(&p, rating_booleans, 2) == 1);
	}
	s = rating_new(kind, scale);
	parser_key(&p, "counts");
	parser_counts(&p, s->counts, scale);
	parser_end(&p);
	(void) rating_responses(s);
	PG_RETURN_POINTER(s);
}

PG_FUNCTION_INFO_V1(rating_summary_out);
Datum
rating_summary_out(PG_FUNCTION_ARGS)
{
	RatingSummary *s = rating_arg(fcinfo, 0);
	StringInfoData out;

	initStringInfo(&out);
	appendStringInfo(&out, "v%d kind=%s scale=%d", RATING_FORMAT_VERSION,
					 rating_kind_name(s->header.kind), s->header.scale);
	if (rating_kind_is_ces(s->header.kind))
		appendStringInfo(&out, " lower_is_easier=%s",
						 rating_lower_is_easier(s) ? "true" : "false");
	format_counts(&out, "counts", s->counts, s->header.scale);
	PG_RETURN_CSTRING(out.data);
}

/* One byte of a binary value that must be between lowest and highest. */
static int
rating_recv_field(StringInfo buf, const char *field, int lowest, int highest)
{
	int			value = recv_byte(buf, RATING_TYPE_NAME);

	if (value < lowest || value > highest)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary %s value", RATING_TYPE_NAME),
				 errdetail("Its %s byte is %d; it must be between %d and %d.",
						   field, value, lowest, highest)));
	return value;
}

/*
 * Binary form: the version byte, a measure byte (1 csat, 2 ces), the scale
 * byte, for CES in version 2 a lower_is_easier byte (0 or 1), then one count
 * per point.
 */
PG_FUNCTION_INFO_V1(rating_summary_recv);
Datum
rating_summary_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			version = recv_versions(buf, RATING_TYPE_NAME, RATING_FORMAT_VERSION);
	int			kind;
	int			scale;
	RatingSummary *s;

	kind = rating_recv_field(buf, "measure", RATING_FORM_CSAT, RATING_FORM_CES) ==
		RATING_FORM_CSAT ? RATING_CSAT : RATING_CES_HIGHER_EASIER;
	scale = rating_recv_field(buf, "scale", RATING_MIN_SCALE, RATING_MAX_SCALE);
	if (version >= 2 && rating_kind_is_ces(kind))
		kind = rating_ces_kind(rating_recv_field(buf, "lower_is_easier", 0, 1) == 1);
	s = rating_new(kind, scale);
	recv_counts(buf, s->counts, scale, RATING_TYPE_NAME);
	recv_end(buf, RATING_TYPE_NAME);
	(void) rating_responses(s);
	PG_RETURN_POINTER(s);
}

PG_FUNCTION_INFO_V1(rating_summary_send);
Datum
rating_summary_send(PG_FUNCTION_ARGS)
{
	RatingSummary *s = rating_arg(fcinfo, 0);
	StringInfoData buf;
	bool		ces = rating_kind_is_ces(s->header.kind);

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, RATING_FORMAT_VERSION);
	pq_sendbyte(&buf, ces ? RATING_FORM_CES : RATING_FORM_CSAT);
	pq_sendbyte(&buf, s->header.scale);
	if (ces)
		pq_sendbyte(&buf, rating_lower_is_easier(s) ? 1 : 0);
	send_counts(&buf, s->counts, s->header.scale);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/*
 * A summary that holds no answers takes the scale and direction of the next
 * row: the first row's decide for a new summary, and so they do for a
 * moving window whose frame has emptied (its state starts as an empty
 * summary of the default scale, counting higher as easier for CES).
 * Otherwise every rating of a summary must be on its scale and in its
 * direction.  CSAT and CES never mix: a state of the other measure is not
 * one its aggregate made.
 */
static void
rating_adopt_shape(RatingSummary *s, int kind, int scale)
{
	if (s->header.kind == kind && s->header.scale == scale)
		return;
	if (rating_kind_is_ces(s->header.kind) != rating_kind_is_ces(kind))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot count a %s rating in a %s summary",
						rating_kind_name(kind), rating_kind_name(s->header.kind)),
				 errdetail("csat_agg counts into CSAT summaries and ces_agg into CES summaries.")));
	if (rating_responses(s) != 0 && s->header.kind != kind)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot mix ces ratings where %s is easier with ratings where %s is easier in one summary",
						rating_lower_is_easier(s) ? "lower" : "higher",
						kind == RATING_CES_LOWER_EASIER ? "lower" : "higher"),
				 errdetail("lower_is_easier must be the same for every rating of a group.")));
	if (rating_responses(s) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot mix %s scales 1..%d and 1..%d in one summary",
						rating_kind_name(kind), s->header.scale, scale),
				 errdetail("scale_max must be the same for every rating of a group.")));
	s->header.kind = kind;
	s->header.scale = scale;
}

/*
 * Transition of csat_agg and ces_agg, with or without scale_max and
 * lower_is_easier: count one rating.  kind is the aggregate's own, or its
 * default direction when it has a lower_is_easier argument.  Not strict, so
 * that the summary is created on the first non-NULL rating and NULL ratings
 * leave it as it is.  The row's scale and direction are checked even when
 * its rating is NULL.
 */
static Datum
rating_agg_trans(FunctionCallInfo fcinfo, int kind)
{
	int			scale = rating_row_scale(fcinfo, kind);
	int			row_kind = rating_row_kind(fcinfo, kind);
	RatingSummary *s;

	if (PG_ARGISNULL(1))
		return state_unchanged(fcinfo);
	s = PG_ARGISNULL(0) ? rating_new(row_kind, scale) : rating_state(fcinfo);
	rating_adopt_shape(s, row_kind, scale);
	count_summary_add(&rating_type, s,
					  rating_checked_rating(s, PG_GETARG_INT32(1)) - 1);
	PG_RETURN_POINTER(s);
}

PG_FUNCTION_INFO_V1(csat_agg_trans);
Datum
csat_agg_trans(PG_FUNCTION_ARGS)
{
	return rating_agg_trans(fcinfo, RATING_CSAT);
}

/*
 * ces_agg's transition as 0.1.0 defines ces_agg: higher is easier.  A
 * database runs these definitions until ALTER EXTENSION scorecard UPDATE.
 */
PG_FUNCTION_INFO_V1(ces_agg_trans);
Datum
ces_agg_trans(PG_FUNCTION_ARGS)
{
	return rating_agg_trans(fcinfo, RATING_CES_HIGHER_EASIER);
}

/*
 * ces_agg's transition from 0.2.0 on: lower is easier, as the source
 * articles define CES, unless lower_is_easier (argument 3) says otherwise.
 */
PG_FUNCTION_INFO_V1(ces_agg_trans_directed);
Datum
ces_agg_trans_directed(PG_FUNCTION_ARGS)
{
	return rating_agg_trans(fcinfo, RATING_CES_LOWER_EASIER);
}

/* Inverse transition of every rating aggregate, for moving window frames. */
PG_FUNCTION_INFO_V1(rating_agg_inverse);
Datum
rating_agg_inverse(PG_FUNCTION_ARGS)
{
	if (!PG_ARGISNULL(0) && !PG_ARGISNULL(1))
		(void) rating_arg(fcinfo, 0);
	return count_summary_inverse(fcinfo, &rating_type);
}

/* Whether every count of removed is at most the same count of s. */
static bool
rating_holds(const RatingSummary *s, const RatingSummary *removed)
{
	for (int i = 0; i < s->header.scale; i++)
		if (removed->counts[i] > s->counts[i])
			return false;
	return true;
}

/*
 * Merge argument 1 into the state, argument 0, or take it back out.  A
 * summary of no answers is neutral, whatever its kind and scale: merged or
 * taken out, it changes nothing, and as the state it takes the kind and
 * scale of the summary merged into it.  So a moving rollup() whose frame
 * has emptied accepts summaries of another scale or direction, as
 * recomputing the frame would.
 */
static Datum
rating_combine(FunctionCallInfo fcinfo, bool merging)
{
	RatingSummary *from = rating_arg(fcinfo, 1);
	RatingSummary *into = rating_state(fcinfo);

	if (rating_responses(from) == 0)
		PG_RETURN_POINTER(into);
	if (merging && rating_responses(into) == 0)
	{
		memset(into->counts, 0, sizeof(into->counts));
		into->header.kind = from->header.kind;
		into->header.scale = from->header.scale;
	}
	rating_check_compatible(into, from, merging ? "merge" : "take apart");
	if (merging)
		counts_merge(into->counts, from->counts, into->header.scale, RATING_TYPE_NAME);
	else if (rating_holds(into, from))
		counts_unmerge(into->counts, from->counts, into->header.scale, RATING_TYPE_NAME);
	else
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot take answers out of a %s summary that does not hold them",
						rating_kind_name(into->header.kind)),
				 errdetail("rating_summary_unmerge removes a summary that was merged into the first one.")));
	PG_RETURN_POINTER(into);
}

/* The combine function, and rollup's transition and inverse. */
PG_FUNCTION_INFO_V1(rating_summary_merge);
Datum
rating_summary_merge(PG_FUNCTION_ARGS)
{
	return rating_combine(fcinfo, true);
}

PG_FUNCTION_INFO_V1(rating_summary_unmerge);
Datum
rating_summary_unmerge(PG_FUNCTION_ARGS)
{
	return rating_combine(fcinfo, false);
}

/* Final function of every aggregate: NULL for a summary of no answers. */
PG_FUNCTION_INFO_V1(rating_summary_final);
Datum
rating_summary_final(PG_FUNCTION_ARGS)
{
	(void) rating_arg(fcinfo, 0);
	return count_summary_final(fcinfo, &rating_type);
}

/*
 * The lowest "satisfied" rating of csat(s): the top two boxes (4 and 5 of
 * 5), except on 2- and 3-point scales, where the top two boxes would count
 * everyone or the neutral answers too, and the top box alone is satisfied.
 */
static int
rating_default_satisfied_from(const RatingSummary *s)
{
	return s->header.scale >= 4 ? s->header.scale - 1 : s->header.scale;
}

/* Answers from rating first to rating last. */
static int64
rating_count_between(const RatingSummary *s, int first, int last)
{
	return counts_total(&s->counts[first - 1], last - first + 1, RATING_TYPE_NAME);
}

/* Answers at or above the given rating. */
static int64
rating_count_from(const RatingSummary *s, int from)
{
	return rating_count_between(s, from, s->header.scale);
}

/*
 * Answers at the easy end of a CES summary's scale: its two easiest points
 * on scales of 5 points or more, the easiest alone on smaller scales, as
 * CSAT's top two boxes are (a CSAT summary counts its satisfied answers).
 */
static int64
rating_count_easy(const RatingSummary *s)
{
	int			width = s->header.scale >= 5 ? 2 : 1;

	if (rating_lower_is_easier(s))
		return rating_count_between(s, 1, width);
	return rating_count_between(s, s->header.scale - width + 1, s->header.scale);
}

/* Percent of the n > 0 answers at or above the given rating. */
static double
rating_percent_from(const RatingSummary *s, int from, int64 n)
{
	return 100.0 * (double) rating_count_from(s, from) / (double) n;
}

static double
rating_mean(const RatingSummary *s)
{
	return counts_mean(s->counts, s->header.scale, 1);
}

/*
 * The confidence interval of the headline figure; false with no answers.
 *
 * CSAT: the Wilson score interval of the satisfied share, in percent.
 * CES: the normal interval of the mean, mean -/+ z * sqrt(variance / n), with
 * the sample variance of the counted ratings, clipped to the scale.  One
 * answer says nothing about the spread, so its interval is the whole scale.
 */
static bool
rating_interval(const void *summary, double confidence,
				ConfidenceInterval *interval)
{
	const RatingSummary *s = summary;
	double		z = confidence_z(confidence);
	int64		n = rating_responses(s);

	if (n == 0)
		return false;
	if (!rating_kind_is_ces(s->header.kind))
	{
		*interval = wilson_interval(rating_count_from(s, rating_default_satisfied_from(s)),
									n, z);
		interval->lower *= 100.0;
		interval->upper *= 100.0;
	}
	else if (n == 1)
	{
		interval->lower = 1.0;
		interval->upper = s->header.scale;
	}
	else
	{
		double		mean = rating_mean(s);
		double		half = z * sqrt(counts_variance(s->counts, s->header.scale, 1) /
									(double) n);

		interval->lower = mean - half;
		interval->upper = mean + half;
		*interval = clip_interval(*interval, 1.0, s->header.scale);
	}
	return true;
}

/*
 * Compare a and b (arguments 0 and 1, with the confidence level as argument
 * 2 where there is one) and return the part asked for.  CSAT: satisfied
 * percents, as proportions.  CES: means, by Welch's t test (compare_means),
 * whose interval is the difference -/+ t * sqrt(v1/n1 + v2/n2) with the
 * Welch-Satterthwaite degrees of freedom; it needs two answers on each side
 * and some variation on at least one.  NULL when either summary has no
 * answers.
 */
static Datum
rating_comparison(FunctionCallInfo fcinfo, ComparisonPart part)
{
	RatingSummary *a = rating_arg(fcinfo, 0);
	RatingSummary *b = rating_arg(fcinfo, 1);
	double		confidence = PG_NARGS() > 2 ? PG_GETARG_FLOAT8(2) : 0.95;
	int64		n1;
	int64		n2;
	Comparison	result;

	rating_check_compatible(a, b, "compare");
	(void) confidence_z(confidence);	/* a bad level is an error even with no answers */
	n1 = rating_responses(a);
	n2 = rating_responses(b);
	if (n1 == 0 || n2 == 0)
		PG_RETURN_NULL();
	if (!rating_kind_is_ces(a->header.kind))
	{
		int			from = rating_default_satisfied_from(a);

		compare_proportions(rating_count_from(a, from), n1,
							rating_count_from(b, from), n2,
							confidence, &result);
	}
	else
	{
		/* CES means; a sample variance needs two answers */
		MeanSample	sa = {rating_mean(a), 0.0, n1};
		MeanSample	sb = {rating_mean(b), 0.0, n2};

		if (n1 >= 2)
			sa.variance = counts_variance(a->counts, a->header.scale, 1);
		if (n2 >= 2)
			sb.variance = counts_variance(b->counts, b->header.scale, 1);
		compare_means(&sa, &sb, confidence, a->header.scale - 1, &result);
	}
	return comparison_part(fcinfo, &result, part);
}

PG_FUNCTION_INFO_V1(rating_summary_csat);
Datum
rating_summary_csat(PG_FUNCTION_ARGS)
{
	RatingSummary *s = rating_arg(fcinfo, 0);
	int64		n = rating_responses(s);
	int			from;

	/* checked before n, so that a bad parameter never passes unnoticed */
	from = PG_NARGS() > 1 ? rating_checked_point(s, PG_GETARG_INT32(1), "satisfied_from")
		: rating_default_satisfied_from(s);
	if (n == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(rating_percent_from(s, from, n));
}

/* Mean rating, on the 1..k scale: ces(s) and mean(s). */
PG_FUNCTION_INFO_V1(rating_summary_mean);
Datum
rating_summary_mean(PG_FUNCTION_ARGS)
{
	RatingSummary *s = rating_arg(fcinfo, 0);

	if (rating_responses(s) == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(rating_mean(s));
}

PG_FUNCTION_INFO_V1(rating_summary_responses);
Datum
rating_summary_responses(PG_FUNCTION_ARGS)
{
	PG_RETURN_ZERO_IF_NULL(0);
	PG_RETURN_INT64(rating_responses(rating_arg(fcinfo, 0)));
}

/* Counts per rating, subscripted by the rating: distribution(s)[5]. */
PG_FUNCTION_INFO_V1(rating_summary_distribution);
Datum
rating_summary_distribution(PG_FUNCTION_ARGS)
{
	RatingSummary *s = rating_arg(fcinfo, 0);

	PG_RETURN_DATUM(counts_array(s->counts, s->header.scale, 1));
}

/*
 * Percent of a CES summary's answers at the easy end of its scale: easy(s).
 * A CSAT summary has no easy end (22023).
 */
PG_FUNCTION_INFO_V1(rating_summary_easy);
Datum
rating_summary_easy(PG_FUNCTION_ARGS)
{
	RatingSummary *s = rating_arg(fcinfo, 0);
	int64		n = rating_responses(s);

	if (!rating_kind_is_ces(s->header.kind))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("easy() needs a ces summary, not a csat summary"),
				 errdetail("A CSAT summary's share of satisfied answers is csat(s).")));
	if (n == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(100.0 * (double) rating_count_easy(s) / (double) n);
}

/*
 * 'green', 'amber' or 'red' against a target for the headline figure: a
 * CSAT percent (0..100), higher being better, or a CES mean on the
 * summary's scale, lower being better when lower is easier.
 */
PG_FUNCTION_INFO_V1(rating_summary_status);
Datum
rating_summary_status(PG_FUNCTION_ARGS)
{
	RatingSummary *s = rating_arg(fcinfo, 0);
	bool		is_csat = !rating_kind_is_ces(s->header.kind);

	return interval_status(fcinfo, s, rating_interval, !rating_lower_is_easier(s),
						   is_csat ? 0.0 : 1.0,
						   is_csat ? 100.0 : (double) s->header.scale,
						   is_csat ? "a CSAT percent" : "a CES mean on this scale");
}

PG_FUNCTION_INFO_V1(rating_summary_lower_bound);
Datum
rating_summary_lower_bound(PG_FUNCTION_ARGS)
{
	return interval_lower_bound(fcinfo, rating_arg(fcinfo, 0), rating_interval);
}

PG_FUNCTION_INFO_V1(rating_summary_upper_bound);
Datum
rating_summary_upper_bound(PG_FUNCTION_ARGS)
{
	return interval_upper_bound(fcinfo, rating_arg(fcinfo, 0), rating_interval);
}

PG_FUNCTION_INFO_V1(rating_summary_difference);
Datum
rating_summary_difference(PG_FUNCTION_ARGS)
{
	return rating_comparison(fcinfo, COMPARISON_DIFFERENCE);
}

PG_FUNCTION_INFO_V1(rating_summary_difference_lower_bound);
Datum
rating_summary_difference_lower_bound(PG_FUNCTION_ARGS)
{
	return rating_comparison(fcinfo, COMPARISON_LOWER_BOUND);
}

PG_FUNCTION_INFO_V1(rating_summary_difference_upper_bound);
Datum
rating_summary_difference_upper_bound(PG_FUNCTION_ARGS)
{
	return rating_comparison(fcinfo, COMPARISON_UPPER_BOUND);
}

PG_FUNCTION_INFO_V1(rating_summary_p_value);
Datum
rating_summary_p_value(PG_FUNCTION_ARGS)
{
	return rating_comparison(fcinfo, COMPARISON_P_VALUE);
}

/*
 * Every figure and count, for BI tools and exports; a CES summary adds its
 * direction and easy(s).
 */
PG_FUNCTION_INFO_V1(rating_summary_jsonb);
Datum
rating_summary_jsonb(PG_FUNCTION_ARGS)
{
	RatingSummary *s = rating_arg(fcinfo, 0);
	StringInfoData out;
	int64		n = rating_responses(s);
	ConfidenceInterval interval = {0.0, 0.0};
	int			from = rating_default_satisfied_from(s);

	(void) rating_interval(s, 0.95, &interval);
	json_begin(&out);
	json_string(&out, "kind", rating_kind_name(s->header.kind));
	if (rating_kind_is_ces(s->header.kind))
	{
		json_bool(&out, "lower_is_easier", rating_lower_is_easier(s));
		json_double(&out, "easy",
					n > 0 ? 100.0 * (double) rating_count_easy(s) / (double) n : 0.0,
					n == 0);
	}
	json_int64(&out, "scale", s->header.scale);
	json_int64(&out, "responses", n);
	json_double(&out, "csat", n > 0 ? rating_percent_from(s, from, n) : 0.0, n == 0);
	json_int64(&out, "satisfied_from", from);
	json_double(&out, "mean", n > 0 ? rating_mean(s) : 0.0, n == 0);
	json_double(&out, "lower_bound", interval.lower, n == 0);
	json_double(&out, "upper_bound", interval.upper, n == 0);
	json_double(&out, "confidence", 0.95, false);
	json_int64_array(&out, "distribution", s->counts, s->header.scale);
	PG_RETURN_DATUM(json_finish(&out));
}
