/*
 * rate.c
 *		rate_summary: a proportion of boolean answers (first-contact
 *		resolution, abandonment, service level met) as a mergeable summary.
 *
 * The summary is two counters, of false and of true answers; every figure
 * derives from them and two summaries merge by adding them.
 */
#include "postgres.h"

#include "libpq/pqformat.h"

#include "scorecard.h"

#define RATE_TYPE_NAME "rate_summary"

/* counts[RATE_FALSE] and counts[RATE_TRUE] */
#define RATE_FALSE 0
#define RATE_TRUE 1
#define RATE_POINTS 2

typedef struct RateSummary
{
	SummaryHeader header;
	int64		counts[RATE_POINTS];
} RateSummary;

#define PG_GETARG_RATE(n) ((RateSummary *) count_summary_arg(fcinfo, (n), &rate_type))

/* Where a row counts: at its answer, false or true. */
static int
rate_position(FunctionCallInfo fcinfo, const void *summary pg_attribute_unused())
{
	return PG_GETARG_BOOL(1) ? RATE_TRUE : RATE_FALSE;
}

static const CountSummaryType rate_type = {
	.type_name = RATE_TYPE_NAME,
	.aggregate_name = "rate_agg",
	.size = sizeof(RateSummary),
	.counts_offset = offsetof(RateSummary, counts),
	.length = RATE_POINTS,
	.position = rate_position,
	.header_unused = true,
};

static int64
rate_responses(const RateSummary *s)
{
	return counts_total(s->counts, RATE_POINTS, RATE_TYPE_NAME);
}

PG_FUNCTION_INFO_V1(rate_summary_in);
Datum
rate_summary_in(PG_FUNCTION_ARGS)
{
	RateSummary *s = count_summary_new(&rate_type);
	SummaryParser p;

	parser_begin(&p, RATE_TYPE_NAME, PG_GETARG_CSTRING(0));
	parser_key(&p, "true");
	s->counts[RATE_TRUE] = parser_count(&p);
	parser_key(&p, "false");
	s->counts[RATE_FALSE] = parser_count(&p);
	parser_end(&p);
	(void) count_summary_check(&rate_type, s, SOURCE_TEXT);
	PG_RETURN_POINTER(s);
}

PG_FUNCTION_INFO_V1(rate_summary_out);
Datum
rate_summary_out(PG_FUNCTION_ARGS)
{
	RateSummary *s = PG_GETARG_RATE(0);
	StringInfoData out;

	format_begin(&out);
	format_counts(&out, "true", &s->counts[RATE_TRUE], 1);
	format_counts(&out, "false", &s->counts[RATE_FALSE], 1);
	PG_RETURN_CSTRING(out.data);
}

PG_FUNCTION_INFO_V1(rate_summary_recv);
Datum
rate_summary_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	RateSummary *s = count_summary_new(&rate_type);

	recv_version(buf, RATE_TYPE_NAME);
	s->counts[RATE_TRUE] = recv_count(buf, RATE_TYPE_NAME);
	s->counts[RATE_FALSE] = recv_count(buf, RATE_TYPE_NAME);
	recv_end(buf, RATE_TYPE_NAME);
	(void) count_summary_check(&rate_type, s, SOURCE_BINARY);
	PG_RETURN_POINTER(s);
}

PG_FUNCTION_INFO_V1(rate_summary_send);
Datum
rate_summary_send(PG_FUNCTION_ARGS)
{
	RateSummary *s = PG_GETARG_RATE(0);
	StringInfoData buf;

	send_begin(&buf);
	send_counts(&buf, &s->counts[RATE_TRUE], 1);
	send_counts(&buf, &s->counts[RATE_FALSE], 1);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* Transition and inverse transition of fcr_rate and rate_agg. */
PG_FUNCTION_INFO_V1(rate_agg_trans);
Datum
rate_agg_trans(PG_FUNCTION_ARGS)
{
	return count_summary_trans(fcinfo, &rate_type);
}

PG_FUNCTION_INFO_V1(rate_agg_inverse);
Datum
rate_agg_inverse(PG_FUNCTION_ARGS)
{
	return count_summary_inverse(fcinfo, &rate_type);
}

/* The combine function, and rollup's transition and inverse. */
PG_FUNCTION_INFO_V1(rate_summary_merge);
Datum
rate_summary_merge(PG_FUNCTION_ARGS)
{
	return count_summary_merge(fcinfo, &rate_type);
}

PG_FUNCTION_INFO_V1(rate_summary_unmerge);
Datum
rate_summary_unmerge(PG_FUNCTION_ARGS)
{
	return count_summary_unmerge(fcinfo, &rate_type);
}

/* Final function of the aggregates: NULL for a summary of no answers. */
PG_FUNCTION_INFO_V1(rate_summary_final);
Datum
rate_summary_final(PG_FUNCTION_ARGS)
{
	return count_summary_final(fcinfo, &rate_type);
}

/* 100 * true / responses, or false with no responses. */
static bool
rate_percent(const RateSummary *s, double *value)
{
	int64		n = rate_responses(s);

	if (n == 0)
		return false;
	*value = 100.0 * (double) s->counts[RATE_TRUE] / (double) n;
	return true;
}

/* Wilson score interval of the percent; false with no responses. */
static bool
rate_interval(const void *summary, double confidence,
			  ConfidenceInterval *interval)
{
	const RateSummary *s = summary;
	double		z = confidence_z(confidence);
	int64		n = rate_responses(s);

	if (n == 0)
		return false;
	*interval = wilson_interval(s->counts[RATE_TRUE], n, z);
	interval->lower *= 100.0;
	interval->upper *= 100.0;
	return true;
}

PG_FUNCTION_INFO_V1(rate_summary_percent);
Datum
rate_summary_percent(PG_FUNCTION_ARGS)
{
	double		value;

	if (!rate_percent(PG_GETARG_RATE(0), &value))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(value);
}

PG_FUNCTION_INFO_V1(rate_summary_successes);
Datum
rate_summary_successes(PG_FUNCTION_ARGS)
{
	PG_RETURN_ZERO_IF_NULL(0);
	PG_RETURN_INT64(PG_GETARG_RATE(0)->counts[RATE_TRUE]);
}

PG_FUNCTION_INFO_V1(rate_summary_responses);
Datum
rate_summary_responses(PG_FUNCTION_ARGS)
{
	PG_RETURN_ZERO_IF_NULL(0);
	PG_RETURN_INT64(rate_responses(PG_GETARG_RATE(0)));
}

/* 'green', 'amber' or 'red' against a target percent; higher is better. */
PG_FUNCTION_INFO_V1(rate_summary_status);
Datum
rate_summary_status(PG_FUNCTION_ARGS)
{
	return interval_status(fcinfo, PG_GETARG_RATE(0), rate_interval, true,
						   0.0, 100.0, "a percent");
}

PG_FUNCTION_INFO_V1(rate_summary_lower_bound);
Datum
rate_summary_lower_bound(PG_FUNCTION_ARGS)
{
	return interval_lower_bound(fcinfo, PG_GETARG_RATE(0), rate_interval);
}

PG_FUNCTION_INFO_V1(rate_summary_upper_bound);
Datum
rate_summary_upper_bound(PG_FUNCTION_ARGS)
{
	return interval_upper_bound(fcinfo, PG_GETARG_RATE(0), rate_interval);
}

/*
 * Compare summaries a and b (arguments 0 and 1, with the confidence level as
 * argument 2 where there is one) and return the part asked for: NULL when
 * either summary has no answers.
 */
static Datum
rate_comparison(FunctionCallInfo fcinfo, ComparisonPart part)
{
	RateSummary *a = PG_GETARG_RATE(0);
	RateSummary *b = PG_GETARG_RATE(1);
	double		confidence = PG_NARGS() > 2 ? PG_GETARG_FLOAT8(2) : 0.95;
	int64		n1 = rate_responses(a);
	int64		n2 = rate_responses(b);
	Comparison	result;

	(void) confidence_z(confidence);	/* a bad level is an error even with no answers */
	if (n1 == 0 || n2 == 0)
		PG_RETURN_NULL();
	compare_proportions(a->counts[RATE_TRUE], n1, b->counts[RATE_TRUE], n2,
						confidence, &result);
	return comparison_part(fcinfo, &result, part);
}

PG_FUNCTION_INFO_V1(rate_summary_difference);
Datum
rate_summary_difference(PG_FUNCTION_ARGS)
{
	return rate_comparison(fcinfo, COMPARISON_DIFFERENCE);
}

PG_FUNCTION_INFO_V1(rate_summary_difference_lower_bound);
Datum
rate_summary_difference_lower_bound(PG_FUNCTION_ARGS)
{
	return rate_comparison(fcinfo, COMPARISON_LOWER_BOUND);
}

PG_FUNCTION_INFO_V1(rate_summary_difference_upper_bound);
Datum
rate_summary_difference_upper_bound(PG_FUNCTION_ARGS)
{
	return rate_comparison(fcinfo, COMPARISON_UPPER_BOUND);
}

PG_FUNCTION_INFO_V1(rate_summary_p_value);
Datum
rate_summary_p_value(PG_FUNCTION_ARGS)
{
	return rate_comparison(fcinfo, COMPARISON_P_VALUE);
}

/* Every figure and count, for BI tools and exports. */
PG_FUNCTION_INFO_V1(rate_summary_jsonb);
Datum
rate_summary_jsonb(PG_FUNCTION_ARGS)
{
	RateSummary *s = PG_GETARG_RATE(0);
	StringInfoData out;
	double		value = 0.0;
	ConfidenceInterval interval = {0.0, 0.0};
	bool		has_value = rate_percent(s, &value);

	(void) rate_interval(s, 0.95, &interval);
	json_begin(&out);
	json_double(&out, "percent", value, !has_value);
	json_int64(&out, "responses", rate_responses(s));
	json_int64(&out, "successes", s->counts[RATE_TRUE]);
	json_double(&out, "lower_bound", interval.lower, !has_value);
	json_double(&out, "upper_bound", interval.upper, !has_value);
	json_double(&out, "confidence", 0.95, false);
	PG_RETURN_DATUM(json_finish(&out));
}
