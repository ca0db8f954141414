/*
 * nps.c
 *		nps_summary: Net Promoter Score answers (0..10) as a mergeable summary.
 *
 * The summary is one counter per score.  Every NPS figure (promoters,
 * detractors, the score, the mean, the interval) derives from those eleven
 * counters, and two summaries merge by adding them, so rolling daily
 * summaries up to a month gives exactly the monthly figures.
 */
#include "postgres.h"

#include <math.h>

#include "libpq/pqformat.h"

#include "scorecard.h"

#define NPS_TYPE_NAME "nps_summary"
#define NPS_MAX_SCORE 10
#define NPS_POINTS (NPS_MAX_SCORE + 1)
#define NPS_FIRST_PROMOTER 9	/* 9 and 10 are promoters */
#define NPS_LAST_DETRACTOR 6	/* 0 to 6 are detractors */

typedef struct NpsSummary
{
	SummaryHeader header;
	int64		counts[NPS_POINTS]; /* counts[k]: answers with score k */
} NpsSummary;

#define PG_GETARG_NPS(n) ((NpsSummary *) count_summary_arg(fcinfo, (n), &nps_type))

static int64
nps_responses(const NpsSummary *s)
{
	return counts_total(s->counts, NPS_POINTS, NPS_TYPE_NAME);
}

/* Sum of the counters from score first to score last. */
static int64
nps_count_between(const NpsSummary *s, int first, int last)
{
	return counts_total(&s->counts[first], last - first + 1, NPS_TYPE_NAME);
}

static int64
nps_promoters(const NpsSummary *s)
{
	return nps_count_between(s, NPS_FIRST_PROMOTER, NPS_MAX_SCORE);
}

static int64
nps_detractors(const NpsSummary *s)
{
	return nps_count_between(s, 0, NPS_LAST_DETRACTOR);
}

/* Reject a score outside 0..10 before it can index the counters. */
static int
nps_checked_score(int32 score)
{
	if (score < 0 || score > NPS_MAX_SCORE)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("nps score %d is out of range", score),
				 errdetail("NPS scores must be between 0 and %d.", NPS_MAX_SCORE)));
	return score;
}

/* Where a row of nps_agg counts: at its score, which must be 0..10. */
static int
nps_position(FunctionCallInfo fcinfo, const void *summary pg_attribute_unused())
{
	return nps_checked_score(PG_GETARG_INT32(1));
}

static const CountSummaryType nps_type = {
	.type_name = NPS_TYPE_NAME,
	.aggregate_name = "nps_agg",
	.size = sizeof(NpsSummary),
	.counts_offset = offsetof(NpsSummary, counts),
	.length = NPS_POINTS,
	.position = nps_position,
	.header_unused = true,
};

PG_FUNCTION_INFO_V1(nps_summary_in);
Datum
nps_summary_in(PG_FUNCTION_ARGS)
{
	NpsSummary *s = count_summary_new(&nps_type);
	SummaryParser p;

	parser_begin(&p, NPS_TYPE_NAME, PG_GETARG_CSTRING(0));
	parser_key(&p, "counts");
	parser_counts(&p, s->counts, NPS_POINTS);
	parser_end(&p);
	(void) count_summary_check(&nps_type, s, SOURCE_TEXT);
	PG_RETURN_POINTER(s);
}

PG_FUNCTION_INFO_V1(nps_summary_out);
Datum
nps_summary_out(PG_FUNCTION_ARGS)
{
	NpsSummary *s = PG_GETARG_NPS(0);
	StringInfoData out;

	format_begin(&out);
	format_counts(&out, "counts", s->counts, NPS_POINTS);
	PG_RETURN_CSTRING(out.data);
}

PG_FUNCTION_INFO_V1(nps_summary_recv);
Datum
nps_summary_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	NpsSummary *s = count_summary_new(&nps_type);

	recv_version(buf, NPS_TYPE_NAME);
	recv_counts(buf, s->counts, NPS_POINTS, NPS_TYPE_NAME);
	recv_end(buf, NPS_TYPE_NAME);
	(void) count_summary_check(&nps_type, s, SOURCE_BINARY);
	PG_RETURN_POINTER(s);
}

PG_FUNCTION_INFO_V1(nps_summary_send);
Datum
nps_summary_send(PG_FUNCTION_ARGS)
{
	NpsSummary *s = PG_GETARG_NPS(0);
	StringInfoData buf;

	send_begin(&buf);
	send_counts(&buf, s->counts, NPS_POINTS);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* nps_agg's transition and inverse transition. */
PG_FUNCTION_INFO_V1(nps_agg_trans);
Datum
nps_agg_trans(PG_FUNCTION_ARGS)
{
	return count_summary_trans(fcinfo, &nps_type);
}

PG_FUNCTION_INFO_V1(nps_agg_inverse);
Datum
nps_agg_inverse(PG_FUNCTION_ARGS)
{
	return count_summary_inverse(fcinfo, &nps_type);
}

/* The combine function, and rollup's transition and inverse. */
PG_FUNCTION_INFO_V1(nps_summary_merge);
Datum
nps_summary_merge(PG_FUNCTION_ARGS)
{
	return count_summary_merge(fcinfo, &nps_type);
}

PG_FUNCTION_INFO_V1(nps_summary_unmerge);
Datum
nps_summary_unmerge(PG_FUNCTION_ARGS)
{
	return count_summary_unmerge(fcinfo, &nps_type);
}

/* Final function of both aggregates: NULL for a summary of no answers. */
PG_FUNCTION_INFO_V1(nps_summary_final);
Datum
nps_summary_final(PG_FUNCTION_ARGS)
{
	return count_summary_final(fcinfo, &nps_type);
}

/* 100 * (promoters - detractors) / responses, or NULL with no responses. */
static bool
nps_value(const NpsSummary *s, double *value)
{
	int64		n = nps_responses(s);

	if (n == 0)
		return false;
	*value = 100.0 * ((double) nps_promoters(s) - (double) nps_detractors(s)) / (double) n;
	return true;
}

/*
 * The adjusted shares of Rocks (2016): 3/4 of a response added to the
 * promoters and to the detractors, and 3 to the n > 0 responses.  The
 * adjusted NPS is p - d on -1..1 and its per-response variance
 * V = p + d - (p - d)^2, which the adjustment keeps above zero even when
 * every answer is a promoter.
 */
typedef struct NpsAdjusted
{
	double		p;				/* adjusted promoter share */
	double		d;				/* adjusted detractor share */
	double		n;				/* responses + 3 */
} NpsAdjusted;

static NpsAdjusted
nps_adjusted(const NpsSummary *s, int64 n)
{
	NpsAdjusted a;

	a.n = (double) n + 3.0;
	a.p = ((double) nps_promoters(s) + 0.75) / a.n;
	a.d = ((double) nps_detractors(s) + 0.75) / a.n;
	return a;
}

/* Squared standard error of the adjusted NPS (on -1..1): V / (n + 3). */
static double
nps_adjusted_error2(NpsAdjusted a)
{
	return (a.p + a.d - (a.p - a.d) * (a.p - a.d)) / a.n;
}

/*
 * Adjusted-Wald interval (Rocks 2016): the normal interval of the adjusted
 * p - d.  Returns false with no responses.
 */
static bool
nps_interval(const void *summary, double confidence,
			 ConfidenceInterval *interval)
{
	const NpsSummary *s = summary;
	double		z = confidence_z(confidence);
	int64		n = nps_responses(s);
	NpsAdjusted a;
	double		half;

	if (n == 0)
		return false;
	a = nps_adjusted(s, n);
	half = z * sqrt(nps_adjusted_error2(a));
	interval->lower = 100.0 * (a.p - a.d - half);
	interval->upper = 100.0 * (a.p - a.d + half);
	*interval = clip_interval(*interval, -100.0, 100.0);
	return true;
}

/*
 * Compare a and b (arguments 0 and 1, with the confidence level as argument
 * 2 where there is one) and return the part asked for; NULL when either has
 * no responses.  The difference is that of the two NPS.  The interval and
 * the test are the adjusted-Wald ones (Lewis and Sauro 2021), which match
 * the single interval: the difference of the adjusted NPS over
 * sqrt(V1 / (n1 + 3) + V2 / (n2 + 3)), on the adjusted shares, so that one
 * promoter against one detractor is not taken for a certain difference.
 */
static Datum
nps_comparison(FunctionCallInfo fcinfo, ComparisonPart part)
{
	NpsSummary *a = PG_GETARG_NPS(0);
	NpsSummary *b = PG_GETARG_NPS(1);
	double		confidence = PG_NARGS() > 2 ? PG_GETARG_FLOAT8(2) : 0.95;
	double		z = confidence_z(confidence);
	int64		n1 = nps_responses(a);
	int64		n2 = nps_responses(b);
	NpsAdjusted a1;
	NpsAdjusted a2;
	double		adjusted_difference;
	double		se;
	double		value1;
	double		value2;
	Comparison	result;

	if (!nps_value(a, &value1) || !nps_value(b, &value2))
		PG_RETURN_NULL();
	a1 = nps_adjusted(a, n1);
	a2 = nps_adjusted(b, n2);
	adjusted_difference = (a1.p - a1.d) - (a2.p - a2.d);
	se = sqrt(nps_adjusted_error2(a1) + nps_adjusted_error2(a2));
	result.difference = value1 - value2;
	result.interval.lower = 100.0 * (adjusted_difference - z * se);
	result.interval.upper = 100.0 * (adjusted_difference + z * se);
	result.interval = clip_interval(result.interval, -200.0, 200.0);
	result.p_value = normal_p_value(adjusted_difference / se);
	result.tested = true;
	return comparison_part(fcinfo, &result, part);
}

PG_FUNCTION_INFO_V1(nps_summary_nps);
Datum
nps_summary_nps(PG_FUNCTION_ARGS)
{
	double		value;

	if (!nps_value(PG_GETARG_NPS(0), &value))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(value);
}

PG_FUNCTION_INFO_V1(nps_summary_promoters);
Datum
nps_summary_promoters(PG_FUNCTION_ARGS)
{
	PG_RETURN_ZERO_IF_NULL(0);
	PG_RETURN_INT64(nps_promoters(PG_GETARG_NPS(0)));
}

PG_FUNCTION_INFO_V1(nps_summary_passives);
Datum
nps_summary_passives(PG_FUNCTION_ARGS)
{
	PG_RETURN_ZERO_IF_NULL(0);
	PG_RETURN_INT64(nps_count_between(PG_GETARG_NPS(0),
									  NPS_LAST_DETRACTOR + 1,
									  NPS_FIRST_PROMOTER - 1));
}

PG_FUNCTION_INFO_V1(nps_summary_detractors);
Datum
nps_summary_detractors(PG_FUNCTION_ARGS)
{
	PG_RETURN_ZERO_IF_NULL(0);
	PG_RETURN_INT64(nps_detractors(PG_GETARG_NPS(0)));
}

PG_FUNCTION_INFO_V1(nps_summary_responses);
Datum
nps_summary_responses(PG_FUNCTION_ARGS)
{
	PG_RETURN_ZERO_IF_NULL(0);
	PG_RETURN_INT64(nps_responses(PG_GETARG_NPS(0)));
}

/* Mean likelihood-to-recommend score, on the 0..10 scale. */
PG_FUNCTION_INFO_V1(nps_summary_mean);
Datum
nps_summary_mean(PG_FUNCTION_ARGS)
{
	NpsSummary *s = PG_GETARG_NPS(0);

	if (nps_responses(s) == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(counts_mean(s->counts, NPS_POINTS, 0));
}

/* Counts per score, subscripted by the score: distribution(s)[10]. */
PG_FUNCTION_INFO_V1(nps_summary_distribution);
Datum
nps_summary_distribution(PG_FUNCTION_ARGS)
{
	PG_RETURN_DATUM(counts_array(PG_GETARG_NPS(0)->counts, NPS_POINTS, 0));
}

PG_FUNCTION_INFO_V1(nps_summary_lower_bound);
Datum
nps_summary_lower_bound(PG_FUNCTION_ARGS)
{
	return interval_lower_bound(fcinfo, PG_GETARG_NPS(0), nps_interval);
}

PG_FUNCTION_INFO_V1(nps_summary_upper_bound);
Datum
nps_summary_upper_bound(PG_FUNCTION_ARGS)
{
	return interval_upper_bound(fcinfo, PG_GETARG_NPS(0), nps_interval);
}

/* 'green', 'amber' or 'red' against an NPS target; higher is better. */
PG_FUNCTION_INFO_V1(nps_summary_status);
Datum
nps_summary_status(PG_FUNCTION_ARGS)
{
	return interval_status(fcinfo, PG_GETARG_NPS(0), nps_interval, true,
						   -100.0, 100.0, "NPS");
}

/* Every figure and count, for BI tools and exports. */
PG_FUNCTION_INFO_V1(nps_summary_jsonb);
Datum
nps_summary_jsonb(PG_FUNCTION_ARGS)
{
	NpsSummary *s = PG_GETARG_NPS(0);
	StringInfoData out;
	double		value = 0.0;
	ConfidenceInterval interval = {0.0, 0.0};
	bool		has_value = nps_value(s, &value);

	(void) nps_interval(s, 0.95, &interval);
	json_begin(&out);
	json_double(&out, "nps", value, !has_value);
	json_int64(&out, "responses", nps_responses(s));
	json_int64(&out, "promoters", nps_promoters(s));
	json_int64(&out, "passives", nps_count_between(s, NPS_LAST_DETRACTOR + 1,
												   NPS_FIRST_PROMOTER - 1));
	json_int64(&out, "detractors", nps_detractors(s));
	json_double(&out, "mean", has_value ? counts_mean(s->counts, NPS_POINTS, 0) : 0.0,
				!has_value);
	json_double(&out, "lower_bound", interval.lower, !has_value);
	json_double(&out, "upper_bound", interval.upper, !has_value);
	json_double(&out, "confidence", 0.95, false);
	json_int64_array(&out, "distribution", s->counts, NPS_POINTS);
	PG_RETURN_DATUM(json_finish(&out));
}

PG_FUNCTION_INFO_V1(nps_summary_difference);
Datum
nps_summary_difference(PG_FUNCTION_ARGS)
{
	return nps_comparison(fcinfo, COMPARISON_DIFFERENCE);
}

PG_FUNCTION_INFO_V1(nps_summary_difference_lower_bound);
Datum
nps_summary_difference_lower_bound(PG_FUNCTION_ARGS)
{
	return nps_comparison(fcinfo, COMPARISON_LOWER_BOUND);
}

PG_FUNCTION_INFO_V1(nps_summary_difference_upper_bound);
Datum
nps_summary_difference_upper_bound(PG_FUNCTION_ARGS)
{
	return nps_comparison(fcinfo, COMPARISON_UPPER_BOUND);
}

PG_FUNCTION_INFO_V1(nps_summary_p_value);
Datum
nps_summary_p_value(PG_FUNCTION_ARGS)
{
	return nps_comparison(fcinfo, COMPARISON_P_VALUE);
}
