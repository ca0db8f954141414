/*
 * rating.c
 *		rating_summary: CSAT and CES answers on a 1..k scale as a mergeable
 *		summary.
 *
 * The summary is one counter per scale point, with the scale (k, 2..10) and
 * the kind (CSAT or CES) in the header.  It is fixed-size: ten counters, of
 * which those beyond the scale stay zero, so equal summaries are equal bytes.
 * The kind decides the headline figure that intervals and comparisons are
 * about: the satisfied percent for CSAT, the mean for CES.  Summaries merge
 * by adding their counters, and only with summaries of the same kind and
 * scale.
 */
#include "postgres.h"

#include <math.h>

#include "libpq/pqformat.h"

#include "scorecard.h"

#define RATING_TYPE_NAME "rating_summary"
#define RATING_MIN_SCALE 2
#define RATING_MAX_SCALE 10

/* header.kind; 0 is never used, so that a zeroed summary is invalid */
#define RATING_CSAT 1
#define RATING_CES 2

/* default scale_max of the one-argument aggregates */
#define CSAT_DEFAULT_SCALE 5
#define CES_DEFAULT_SCALE 7

typedef struct RatingSummary
{
	SummaryHeader header;		/* kind: RATING_CSAT or RATING_CES; scale: k */
	int64		counts[RATING_MAX_SCALE];	/* counts[r - 1]: answers of r */
} RatingSummary;

#define PG_GETARG_RATING(n) \
	((RatingSummary *) count_summary_arg(fcinfo, (n), &rating_type))

/* Kind names as in the text form, indexed by kind - 1. */
static const char *const rating_kind_names[] = {"csat", "ces"};

static const char *
rating_kind_name(const RatingSummary *s)
{
	return rating_kind_names[s->header.kind - 1];
}

static int64
rating_responses(const RatingSummary *s)
{
	return counts_total(s->counts, s->header.scale, RATING_TYPE_NAME);
}

/* Reject a scale_max outside 2..10. */
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
				 errmsg("%s rating %d is out of range", rating_kind_name(s), rating),
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

/* Summaries merge and compare only when their kind and scale agree. */
static void
rating_check_compatible(const RatingSummary *a, const RatingSummary *b,
						const char *action)
{
	if (a->header.kind != b->header.kind)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot %s a %s summary and a %s summary",
						action, rating_kind_name(a), rating_kind_name(b)),
				 errdetail("CSAT and CES answers are different measures.")));
	if (a->header.scale != b->header.scale)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot %s %s summaries of different scales",
						action, rating_kind_name(a)),
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
	const char *kind_name = rating_kind_names[kind - 1];

	if (PG_NARGS() < 3)
		return kind == RATING_CSAT ? CSAT_DEFAULT_SCALE : CES_DEFAULT_SCALE;
	if (PG_ARGISNULL(2))
	{
		if (PG_ARGISNULL(1))
			return 0;			/* the row is skipped anyway */
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s scale_max must not be null", kind_name),
				 errdetail("A rating needs the scale it was given on.")));
	}
	return rating_checked_scale(PG_GETARG_INT32(2), kind_name);
}

/*
 * Where the row of an inverse transition counts: at its rating, which the
 * state counted earlier, so on the state's scale.
 */
static int
rating_position(FunctionCallInfo fcinfo, const void *summary)
{
	const RatingSummary *s = summary;

	if (rating_row_scale(fcinfo, s->header.kind) != s->header.scale)
		elog(ERROR, "rating aggregate inverse transition removed a rating of another scale");
	return rating_checked_rating(s, PG_GETARG_INT32(1)) - 1;
}

static void
rating_check_mergeable(const void *a, const void *b)
{
	rating_check_compatible(a, b, "merge");
}

static const CountSummaryType rating_type = {
	.type_name = RATING_TYPE_NAME,
	.aggregate_name = "rating aggregate",
	.size = sizeof(RatingSummary),
	.counts_offset = offsetof(RatingSummary, counts),
	.length = RATING_MAX_SCALE,
	.scale_is_length = true,
	.position = rating_position,
	.check_mergeable = rating_check_mergeable,
};

static RatingSummary *
rating_new(int kind, int scale)
{
	RatingSummary *s = count_summary_new(&rating_type);

	s->header.kind = kind;
	s->header.scale = scale;
	return s;
}

PG_FUNCTION_INFO_V1(rating_summary_in);
Datum
rating_summary_in(PG_FUNCTION_ARGS)
{
	SummaryParser p;
	int			kind;
	int			scale;
	RatingSummary *s;

	parser_begin(&p, RATING_TYPE_NAME, PG_GETARG_CSTRING(0));
	parser_key(&p, "kind");
	kind = parser_choice(&p, rating_kind_names, lengthof(rating_kind_names)) + 1;
	parser_key(&p, "scale");
	scale = rating_checked_scale(parser_count(&p), rating_kind_names[kind - 1]);
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
	RatingSummary *s = PG_GETARG_RATING(0);
	StringInfoData out;

	format_begin(&out);
	appendStringInfo(&out, " kind=%s scale=%d", rating_kind_name(s), s->header.scale);
	format_counts(&out, "counts", s->counts, s->header.scale);
	PG_RETURN_CSTRING(out.data);
}

/* Binary form: version, kind byte, scale byte, then one count per point. */
PG_FUNCTION_INFO_V1(rating_summary_recv);
Datum
rating_summary_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			kind;
	int			scale;
	RatingSummary *s;

	recv_version(buf, RATING_TYPE_NAME);
	kind = recv_byte(buf, RATING_TYPE_NAME);
	if (kind != RATING_CSAT && kind != RATING_CES)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary %s value", RATING_TYPE_NAME),
				 errdetail("Kind %d is neither %d (csat) nor %d (ces).",
						   kind, RATING_CSAT, RATING_CES)));
	scale = rating_checked_scale(recv_byte(buf, RATING_TYPE_NAME),
								 rating_kind_names[kind - 1]);
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
	RatingSummary *s = PG_GETARG_RATING(0);
	StringInfoData buf;

	send_begin(&buf);
	pq_sendbyte(&buf, s->header.kind);
	pq_sendbyte(&buf, s->header.scale);
	send_counts(&buf, s->counts, s->header.scale);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/*
 * A summary that holds no answers takes the scale of the next row: the first
 * row's scale decides for a new summary, and so it does for a moving window
 * whose frame has emptied (its state starts as an empty summary of the
 * default scale).  Otherwise every rating of a summary must be on its scale.
 */
static void
rating_adopt_scale(RatingSummary *s, int scale)
{
	if (s->header.scale == scale)
		return;
	if (rating_responses(s) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot mix %s scales 1..%d and 1..%d in one summary",
						rating_kind_name(s), s->header.scale, scale),
				 errdetail("scale_max must be the same for every rating of a group.")));
	s->header.scale = scale;
}

/*
 * Transition of csat_agg and ces_agg, with or without scale_max: count one
 * rating.  Not strict, so that the summary is created on the first non-NULL
 * rating and NULL ratings leave it as it is.  The row's scale is checked
 * even when its rating is NULL.
 */
static Datum
rating_agg_trans(FunctionCallInfo fcinfo, int kind)
{
	int			scale = rating_row_scale(fcinfo, kind);
	RatingSummary *s;

	if (PG_ARGISNULL(1))
		return state_unchanged(fcinfo);
	s = PG_ARGISNULL(0) ? rating_new(kind, scale) : summary_for_update(fcinfo, 0);
	rating_adopt_scale(s, scale);
	count_added(&s->counts[rating_checked_rating(s, PG_GETARG_INT32(1)) - 1],
				RATING_TYPE_NAME);
	PG_RETURN_POINTER(s);
}

PG_FUNCTION_INFO_V1(csat_agg_trans);
Datum
csat_agg_trans(PG_FUNCTION_ARGS)
{
	return rating_agg_trans(fcinfo, RATING_CSAT);
}

PG_FUNCTION_INFO_V1(ces_agg_trans);
Datum
ces_agg_trans(PG_FUNCTION_ARGS)
{
	return rating_agg_trans(fcinfo, RATING_CES);
}

/* Inverse transition of all four aggregates, for moving window frames. */
PG_FUNCTION_INFO_V1(rating_agg_inverse);
Datum
rating_agg_inverse(PG_FUNCTION_ARGS)
{
	return count_summary_inverse(fcinfo, &rating_type);
}

/* The combine function, and rollup's transition and inverse. */
PG_FUNCTION_INFO_V1(rating_summary_merge);
Datum
rating_summary_merge(PG_FUNCTION_ARGS)
{
	return count_summary_merge(fcinfo, &rating_type);
}

PG_FUNCTION_INFO_V1(rating_summary_unmerge);
Datum
rating_summary_unmerge(PG_FUNCTION_ARGS)
{
	return count_summary_unmerge(fcinfo, &rating_type);
}

/* Final function of every aggregate: NULL for a summary of no answers. */
PG_FUNCTION_INFO_V1(rating_summary_final);
Datum
rating_summary_final(PG_FUNCTION_ARGS)
{
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

/* Answers at or above the given rating. */
static int64
rating_count_from(const RatingSummary *s, int from)
{
	return counts_total(&s->counts[from - 1], s->header.scale - from + 1,
						RATING_TYPE_NAME);
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
	if (s->header.kind == RATING_CSAT)
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
 * percents, as proportions.  CES: means, by Welch's t test, whose interval
 * is the difference -/+ t * sqrt(v1/n1 + v2/n2) with the Welch-Satterthwaite
 * degrees of freedom; it needs two answers on each side and some variation
 * on at least one.  NULL when either summary has no answers.
 */
static Datum
rating_comparison(FunctionCallInfo fcinfo, ComparisonPart part)
{
	RatingSummary *a = PG_GETARG_RATING(0);
	RatingSummary *b = PG_GETARG_RATING(1);
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
	if (a->header.kind == RATING_CSAT)
	{
		int			from = rating_default_satisfied_from(a);

		compare_proportions(rating_count_from(a, from), n1,
							rating_count_from(b, from), n2,
							confidence, &result);
	}
	else
	{
		double		range = a->header.scale - 1;
		double		e1 = 0.0;
		double		e2 = 0.0;

		result.difference = rating_mean(a) - rating_mean(b);
		if (n1 >= 2 && n2 >= 2)
		{
			/* squared standard errors of the two means */
			e1 = counts_variance(a->counts, a->header.scale, 1) / (double) n1;
			e2 = counts_variance(b->counts, b->header.scale, 1) / (double) n2;
		}
		result.tested = e1 + e2 > 0.0;
		if (result.tested)
		{
			double		se = sqrt(e1 + e2);
			double		df = (e1 + e2) * (e1 + e2) /
				(e1 * e1 / (double) (n1 - 1) + e2 * e2 / (double) (n2 - 1));
			double		half = confidence_t(confidence, df) * se;

			result.interval.lower = result.difference - half;
			result.interval.upper = result.difference + half;
			result.interval = clip_interval(result.interval, -range, range);
			result.p_value = student_t_p_value(result.difference / se, df);
		}
	}
	return comparison_part(fcinfo, &result, part);
}

PG_FUNCTION_INFO_V1(rating_summary_csat);
Datum
rating_summary_csat(PG_FUNCTION_ARGS)
{
	RatingSummary *s = PG_GETARG_RATING(0);
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
	RatingSummary *s = PG_GETARG_RATING(0);

	if (rating_responses(s) == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(rating_mean(s));
}

PG_FUNCTION_INFO_V1(rating_summary_responses);
Datum
rating_summary_responses(PG_FUNCTION_ARGS)
{
	PG_RETURN_ZERO_IF_NULL(0);
	PG_RETURN_INT64(rating_responses(PG_GETARG_RATING(0)));
}

/* Counts per rating, subscripted by the rating: distribution(s)[5]. */
PG_FUNCTION_INFO_V1(rating_summary_distribution);
Datum
rating_summary_distribution(PG_FUNCTION_ARGS)
{
	RatingSummary *s = PG_GETARG_RATING(0);

	PG_RETURN_DATUM(counts_array(s->counts, s->header.scale, 1));
}

/*
 * 'green', 'amber' or 'red' against a target for the headline figure, higher
 * being better: a CSAT percent (0..100), or a CES mean on the summary's scale.
 */
PG_FUNCTION_INFO_V1(rating_summary_status);
Datum
rating_summary_status(PG_FUNCTION_ARGS)
{
	RatingSummary *s = PG_GETARG_RATING(0);
	bool		is_csat = s->header.kind == RATING_CSAT;

	return interval_status(fcinfo, s, rating_interval, true,
						   is_csat ? 0.0 : 1.0,
						   is_csat ? 100.0 : (double) s->header.scale,
						   is_csat ? "a CSAT percent" : "a CES mean on this scale");
}

PG_FUNCTION_INFO_V1(rating_summary_lower_bound);
Datum
rating_summary_lower_bound(PG_FUNCTION_ARGS)
{
	return interval_lower_bound(fcinfo, PG_GETARG_RATING(0), rating_interval);
}

PG_FUNCTION_INFO_V1(rating_summary_upper_bound);
Datum
rating_summary_upper_bound(PG_FUNCTION_ARGS)
{
	return interval_upper_bound(fcinfo, PG_GETARG_RATING(0), rating_interval);
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

/* Every figure and count, for BI tools and exports. */
PG_FUNCTION_INFO_V1(rating_summary_jsonb);
Datum
rating_summary_jsonb(PG_FUNCTION_ARGS)
{
	RatingSummary *s = PG_GETARG_RATING(0);
	StringInfoData out;
	int64		n = rating_responses(s);
	ConfidenceInterval interval = {0.0, 0.0};
	int			from = rating_default_satisfied_from(s);

	(void) rating_interval(s, 0.95, &interval);
	json_begin(&out);
	json_string(&out, "kind", rating_kind_name(s));
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
