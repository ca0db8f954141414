/*
 * calibration.c
 *		calibration_summary: one grader's scores against reference scores
 *		(the calibration lead, an expert grader, an automated QA score) as a
 *		mergeable summary of bias, mean absolute difference and agreement
 *		within a tolerance.
 *
 * One row is one item scored twice: score, by the grader, and reference.
 * Its difference d = score - reference is rounded once to the nearest
 * billionth of a point (a nanopoint, the unit rubric scores are kept in);
 * the summary holds, in nanopoints, the tolerance, the sum of the positive
 * differences (over) and the sum of the magnitudes of the negative ones
 * (under), and two counts: items within the tolerance (|d| <= tolerance)
 * and items outside it.  Then
 *
 *		bias = (over - under) / n,  mean absolute difference = (over + under) / n.
 *
 * Exactness.  The sums are integers, so merges, rollups and a moving
 * window's inverse transitions are exact, and a rollup of daily summaries
 * equals the summary of all the rows, bit for bit, in any order.  A plain
 * avg(score - reference) in double precision depends on the order of the
 * rows; ours differs from the exact mean only by the one rounding of each
 * difference to a nanopoint, far below any displayed precision.  Rounding
 * also makes the tolerance test what a person expects: 80.1 - 75.1 is
 * 4.999999999999986 in double precision, and exactly 5 points here.
 *
 * Limits: scores and references are finite, their difference at most 1e9
 * points in magnitude (22003 otherwise); the tolerance lies in 0..1e9
 * points (22023 otherwise).  Summaries merge only when their tolerances
 * agree; a summary of no items takes the tolerance of whatever comes next.
 */
#include "postgres.h"

#include <math.h>

#include "libpq/pqformat.h"

#include "scorecard.h"

#define CALIBRATION_TYPE_NAME "calibration_summary"
#define CALIBRATION_UNIT 1e9	/* nanopoints per point */
#define CALIBRATION_MAX_POINTS 1e9	/* largest difference and tolerance */
#define CALIBRATION_MAX_UNITS INT64CONST(1000000000000000000)
#define CALIBRATION_DEFAULT_TOLERANCE INT64CONST(5000000000)	/* 5 points */

/* the counts, in order */
#define CALIBRATION_WITHIN 0
#define CALIBRATION_OUTSIDE 1
#define CALIBRATION_COUNTS 2

typedef struct CalibrationSummary
{
	SummaryHeader header;
	int64		tolerance;		/* nanopoints */
	int64		counts[CALIBRATION_COUNTS]; /* items within, outside */
	int128		over;			/* nanopoints by which scores exceed references */
	int128		under;			/* nanopoints by which they fall short */
} CalibrationSummary;

static const CountSummaryType calibration_type = {
	.type_name = CALIBRATION_TYPE_NAME,
	.aggregate_name = "calibration_agg",
	.size = sizeof(CalibrationSummary),
	.counts_offset = offsetof(CalibrationSummary, counts),
	.length = CALIBRATION_COUNTS,
};

#define PG_GETARG_CALIBRATION(n) \
	((CalibrationSummary *) count_summary_arg(fcinfo, (n), &calibration_type))

static int64
calibration_responses(const CalibrationSummary *s)
{
	return counts_total(s->counts, CALIBRATION_COUNTS, CALIBRATION_TYPE_NAME);
}

static CalibrationSummary *
calibration_new(int64 tolerance)
{
	CalibrationSummary *s = count_summary_new(&calibration_type);

	s->tolerance = tolerance;
	return s;
}

/* ---------------------------------------------------------------------
 * Rows
 * ---------------------------------------------------------------------
 */

/* One row of calibration_agg: its difference and tolerance in nanopoints. */
typedef struct CalibrationRow
{
	int64		difference;
	int64		tolerance;
} CalibrationRow;

/* The tolerance argument (3) in nanopoints, or the default of 5 points. */
static int64
calibration_tolerance_arg(FunctionCallInfo fcinfo, bool skipped)
{
	double		points;

	if (PG_NARGS() < 4)
		return CALIBRATION_DEFAULT_TOLERANCE;
	if (PG_ARGISNULL(3))
	{
		if (!skipped)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("calibration_agg tolerance must not be null"),
					 errdetail("Every counted item needs the tolerance its difference is measured against.")));
		return CALIBRATION_DEFAULT_TOLERANCE;
	}
	points = PG_GETARG_FLOAT8(3);
	if (!(points >= 0.0 && points <= CALIBRATION_MAX_POINTS))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("calibration_agg tolerance %g is out of range", points),
				 errdetail("The tolerance must be between 0 and %g points.",
						   CALIBRATION_MAX_POINTS)));
	return (int64) rint(points * CALIBRATION_UNIT);
}

/*
 * Read the row of a transition (arguments 1 to 3).  Returns false when it
 * is skipped: a NULL score or reference, as corr() skips a row where either
 * is NULL.  A given tolerance is checked even then.
 */
static bool
calibration_row(FunctionCallInfo fcinfo, CalibrationRow *row)
{
	bool		skipped = PG_ARGISNULL(1) || PG_ARGISNULL(2);
	double		score;
	double		reference;
	double		difference;

	row->tolerance = calibration_tolerance_arg(fcinfo, skipped);
	if (skipped)
		return false;
	score = PG_GETARG_FLOAT8(1);
	reference = PG_GETARG_FLOAT8(2);
	difference = score - reference;
	if (!(fabs(difference) <= CALIBRATION_MAX_POINTS))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("calibration_agg score %g against reference %g is out of range",
						score, reference),
				 errdetail("Scores and references must be finite and differ by at most %g points.",
						   CALIBRATION_MAX_POINTS)));
	row->difference = (int64) rint(difference * CALIBRATION_UNIT);
	return true;
}

/*
 * The size of a difference, which calibration_row bounds well inside int64
 * (PostgreSQL's Abs macro is gone from 16 on).
 */
static inline int64
magnitude(int64 difference)
{
	return difference < 0 ? -difference : difference;
}

/* Where a row counts: within the tolerance or outside it. */
static int
calibration_position(int64 difference, int64 tolerance)
{
	return magnitude(difference) <= tolerance ? CALIBRATION_WITHIN : CALIBRATION_OUTSIDE;
}

/* The tolerance as error messages show it, in points. */
static double
tolerance_points(int64 tolerance)
{
	return (double) tolerance / CALIBRATION_UNIT;
}

/*
 * Make the summary count against a tolerance: a summary of no items takes
 * it; any other must already have it.  message says what would mix them.
 */
static void
calibration_adopt_tolerance(CalibrationSummary *s, int64 tolerance,
							const char *message)
{
	if (s->tolerance == tolerance)
		return;
	if (calibration_responses(s) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s", message),
				 errdetail("One counts differences within %g points, the other within %g.",
						   tolerance_points(s->tolerance), tolerance_points(tolerance))));
	s->tolerance = tolerance;
}

/* Add (sign 1) or take back (sign -1) one difference. */
static void
calibration_apply(CalibrationSummary *s, int64 difference, int sign)
{
	int			position = calibration_position(difference, s->tolerance);
	int128	   *sum = difference > 0 ? &s->over : &s->under;

	if (sign > 0)
	{
		/* checks the total, within and outside together, before counting */
		count_summary_add(&calibration_type, s, position);
		sum_added(sum, magnitude(difference), CALIBRATION_TYPE_NAME);
	}
	else
	{
		count_removed(&s->counts[position], CALIBRATION_TYPE_NAME);
		sum_removed(sum, magnitude(difference), CALIBRATION_TYPE_NAME);
	}
}

/* ---------------------------------------------------------------------
 * Aggregate support
 * ---------------------------------------------------------------------
 */

/* Below, with the text and binary forms it guards. */
static void calibration_check(const CalibrationSummary *s, int code);

/*
 * Transition of calibration_agg, with or without a tolerance: count one
 * item.  Not strict, so that the summary is created on the first counted
 * row and skipped rows leave it as it is.
 */
PG_FUNCTION_INFO_V1(calibration_agg_trans);
Datum
calibration_agg_trans(PG_FUNCTION_ARGS)
{
	CalibrationRow row;
	CalibrationSummary *s;

	if (!calibration_row(fcinfo, &row))
		return state_unchanged(fcinfo);
	s = PG_ARGISNULL(0) ? calibration_new(row.tolerance) : summary_for_update(fcinfo, 0);
	calibration_adopt_tolerance(s, row.tolerance,
								"cannot mix calibration_agg tolerances in one summary");
	calibration_apply(s, row.difference, 1);
	PG_RETURN_POINTER(s);
}

/*
 * Inverse transition, for moving window frames: take back an item counted
 * earlier, against the state's tolerance (a state takes a new one only once
 * its frame is empty), so another tolerance means a bug.
 */
PG_FUNCTION_INFO_V1(calibration_agg_inverse);
Datum
calibration_agg_inverse(PG_FUNCTION_ARGS)
{
	CalibrationRow row;
	CalibrationSummary *s;

	if (!calibration_row(fcinfo, &row))
		return state_unchanged(fcinfo);
	if (PG_ARGISNULL(0))
		summary_state_missing("calibration_agg");
	s = summary_for_update(fcinfo, 0);
	if (s->tolerance != row.tolerance)
		summary_not_held(CALIBRATION_TYPE_NAME);
	calibration_apply(s, row.difference, -1);
	/* called directly, it may be asked to take out what was never put in */
	calibration_check(s, ERRCODE_INVALID_PARAMETER_VALUE);
	PG_RETURN_POINTER(s);
}

/*
 * Merge two summaries: the combine function, and rollup's transition.
 * Their tolerances must agree, except that a summary of no items merges
 * with any summary as the identity.
 */
PG_FUNCTION_INFO_V1(calibration_summary_merge);
Datum
calibration_summary_merge(PG_FUNCTION_ARGS)
{
	CalibrationSummary *from = PG_GETARG_CALIBRATION(1);
	CalibrationSummary *into = summary_for_update(fcinfo, 0);

	if (calibration_responses(from) == 0)
		PG_RETURN_POINTER(into);
	calibration_adopt_tolerance(into, from->tolerance,
								"cannot merge calibration summaries of different tolerances");
	counts_merge(into->counts, from->counts, CALIBRATION_COUNTS, CALIBRATION_TYPE_NAME);
	(void) counts_total(into->counts, CALIBRATION_COUNTS, CALIBRATION_TYPE_NAME);
	sums_merge(&into->over, &from->over, 1, CALIBRATION_TYPE_NAME);
	sums_merge(&into->under, &from->under, 1, CALIBRATION_TYPE_NAME);
	PG_RETURN_POINTER(into);
}

/* rollup's inverse transition: take back a summary merged earlier. */
PG_FUNCTION_INFO_V1(calibration_summary_unmerge);
Datum
calibration_summary_unmerge(PG_FUNCTION_ARGS)
{
	CalibrationSummary *removed = PG_GETARG_CALIBRATION(1);
	CalibrationSummary *from = summary_for_update(fcinfo, 0);

	if (calibration_responses(removed) == 0)
		PG_RETURN_POINTER(from);
	if (from->tolerance != removed->tolerance)
		summary_not_held(CALIBRATION_TYPE_NAME);
	counts_unmerge(from->counts, removed->counts, CALIBRATION_COUNTS, CALIBRATION_TYPE_NAME);
	sums_unmerge(&from->over, &removed->over, 1, CALIBRATION_TYPE_NAME);
	sums_unmerge(&from->under, &removed->under, 1, CALIBRATION_TYPE_NAME);
	calibration_check(from, ERRCODE_INVALID_PARAMETER_VALUE);
	PG_RETURN_POINTER(from);
}

/* Final function of every aggregate: NULL for a summary of no items. */
PG_FUNCTION_INFO_V1(calibration_summary_final);
Datum
calibration_summary_final(PG_FUNCTION_ARGS)
{
	return count_summary_final(fcinfo, &calibration_type);
}

/* ---------------------------------------------------------------------
 * Text and binary forms
 *
 *		v1 tolerance_nanopoints=5000000000 within=7 outside=2
 *		   over_nanopoints=31000000000 under_nanopoints=12500000000
 *
 * The binary form has the same fields in the same order.
 * ---------------------------------------------------------------------
 */

/*
 * Check a decoded summary: a tolerance in range, and sums that the counts
 * allow (none without items; within the tolerance, each item adds at most
 * the tolerance, outside it at most the largest difference).  code is 22P02
 * for text, 22P03 for binary.
 */
static void
calibration_check(const CalibrationSummary *s, int code)
{
	int64		n = calibration_responses(s);
	int128		most = (int128) s->counts[CALIBRATION_WITHIN] * s->tolerance +
		(int128) s->counts[CALIBRATION_OUTSIDE] * CALIBRATION_MAX_UNITS;

	if (s->tolerance < 0 || s->tolerance > CALIBRATION_MAX_UNITS)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s tolerance of %lld nanopoints is out of range",
						CALIBRATION_TYPE_NAME, (long long) s->tolerance),
				 errdetail("The tolerance must be between 0 and %lld nanopoints.",
						   (long long) CALIBRATION_MAX_UNITS)));
	if ((n == 0 && (s->over != 0 || s->under != 0)) ||
		s->over > most || s->under > most || s->over + s->under > most)
		summary_invalid(CALIBRATION_TYPE_NAME, code,
						"The sums of differences exceed what the counts and the tolerance allow.");
}

PG_FUNCTION_INFO_V1(calibration_summary_in);
Datum
calibration_summary_in(PG_FUNCTION_ARGS)
{
	SummaryParser p;
	CalibrationSummary *s = calibration_new(0);

	parser_begin(&p, CALIBRATION_TYPE_NAME, PG_GETARG_CSTRING(0));
	parser_key(&p, "tolerance_nanopoints");
	s->tolerance = parser_count(&p);
	parser_key(&p, "within");
	s->counts[CALIBRATION_WITHIN] = parser_count(&p);
	parser_key(&p, "outside");
	s->counts[CALIBRATION_OUTSIDE] = parser_count(&p);
	parser_key(&p, "over_nanopoints");
	s->over = parser_sum(&p);
	parser_key(&p, "under_nanopoints");
	s->under = parser_sum(&p);
	parser_end(&p);
	calibration_check(s, ERRCODE_INVALID_TEXT_REPRESENTATION);
	PG_RETURN_POINTER(s);
}

PG_FUNCTION_INFO_V1(calibration_summary_out);
Datum
calibration_summary_out(PG_FUNCTION_ARGS)
{
	CalibrationSummary *s = PG_GETARG_CALIBRATION(0);
	StringInfoData out;

	format_begin(&out);
	format_int128(&out, "tolerance_nanopoints", s->tolerance);
	format_counts(&out, "within", &s->counts[CALIBRATION_WITHIN], 1);
	format_counts(&out, "outside", &s->counts[CALIBRATION_OUTSIDE], 1);
	format_int128(&out, "over_nanopoints", s->over);
	format_int128(&out, "under_nanopoints", s->under);
	PG_RETURN_CSTRING(out.data);
}

PG_FUNCTION_INFO_V1(calibration_summary_recv);
Datum
calibration_summary_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	CalibrationSummary *s = calibration_new(0);

	recv_version(buf, CALIBRATION_TYPE_NAME);
	s->tolerance = recv_count(buf, CALIBRATION_TYPE_NAME);
	recv_counts(buf, s->counts, CALIBRATION_COUNTS, CALIBRATION_TYPE_NAME);
	recv_sums(buf, &s->over, 1, CALIBRATION_TYPE_NAME);
	recv_sums(buf, &s->under, 1, CALIBRATION_TYPE_NAME);
	recv_end(buf, CALIBRATION_TYPE_NAME);
	calibration_check(s, ERRCODE_INVALID_BINARY_REPRESENTATION);
	PG_RETURN_POINTER(s);
}

PG_FUNCTION_INFO_V1(calibration_summary_send);
Datum
calibration_summary_send(PG_FUNCTION_ARGS)
{
	CalibrationSummary *s = PG_GETARG_CALIBRATION(0);
	StringInfoData buf;

	send_begin(&buf);
	pq_sendint64(&buf, s->tolerance);
	send_counts(&buf, s->counts, CALIBRATION_COUNTS);
	send_sums(&buf, &s->over, 1);
	send_sums(&buf, &s->under, 1);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* ---------------------------------------------------------------------
 * Figures
 * ---------------------------------------------------------------------
 */

/* Nanopoints summed over n > 0 items, as a mean in points, correctly rounded. */
static double
mean_points(int128 sum, int64 n)
{
	return exact_ratio(sum, (int128) n * (int128) CALIBRATION_UNIT);
}

/* (over - under) / n in points, correctly rounded. */
static double
calibration_bias(const CalibrationSummary *s, int64 n)
{
	if (s->over >= s->under)
		return mean_points(s->over - s->under, n);
	return -mean_points(s->under - s->over, n);
}

/* Wilson score interval of the percent within tolerance; false if empty. */
static bool
calibration_interval(const void *summary, double confidence,
					 ConfidenceInterval *interval)
{
	const CalibrationSummary *s = summary;
	double		z = confidence_z(confidence);
	int64		n = calibration_responses(s);

	if (n == 0)
		return false;
	*interval = wilson_interval(s->counts[CALIBRATION_WITHIN], n, z);
	interval->lower *= 100.0;
	interval->upper *= 100.0;
	return true;
}

PG_FUNCTION_INFO_V1(calibration_summary_bias);
Datum
calibration_summary_bias(PG_FUNCTION_ARGS)
{
	CalibrationSummary *s = PG_GETARG_CALIBRATION(0);
	int64		n = calibration_responses(s);

	if (n == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(calibration_bias(s, n));
}

PG_FUNCTION_INFO_V1(calibration_summary_mean_absolute_difference);
Datum
calibration_summary_mean_absolute_difference(PG_FUNCTION_ARGS)
{
	CalibrationSummary *s = PG_GETARG_CALIBRATION(0);
	int64		n = calibration_responses(s);

	if (n == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(mean_points(s->over + s->under, n));
}

PG_FUNCTION_INFO_V1(calibration_summary_within_tolerance);
Datum
calibration_summary_within_tolerance(PG_FUNCTION_ARGS)
{
	CalibrationSummary *s = PG_GETARG_CALIBRATION(0);
	int64		n = calibration_responses(s);

	if (n == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(100.0 * (double) s->counts[CALIBRATION_WITHIN] / (double) n);
}

PG_FUNCTION_INFO_V1(calibration_summary_tolerance);
Datum
calibration_summary_tolerance(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT8(tolerance_points(PG_GETARG_CALIBRATION(0)->tolerance));
}

/*
 * Items scored: declared CALLED ON NULL INPUT, so that a NULL summary (a
 * group of no items) has 0, as count() of no rows is.
 */
PG_FUNCTION_INFO_V1(calibration_summary_responses);
Datum
calibration_summary_responses(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(0))
		PG_RETURN_INT64(0);
	PG_RETURN_INT64(calibration_responses(PG_GETARG_CALIBRATION(0)));
}

/* 'green', 'amber' or 'red' against a target percent within tolerance. */
PG_FUNCTION_INFO_V1(calibration_summary_status);
Datum
calibration_summary_status(PG_FUNCTION_ARGS)
{
	return interval_status(fcinfo, PG_GETARG_CALIBRATION(0), calibration_interval,
						   true, 0.0, 100.0, "a percent within tolerance");
}

PG_FUNCTION_INFO_V1(calibration_summary_lower_bound);
Datum
calibration_summary_lower_bound(PG_FUNCTION_ARGS)
{
	return interval_lower_bound(fcinfo, PG_GETARG_CALIBRATION(0), calibration_interval);
}

PG_FUNCTION_INFO_V1(calibration_summary_upper_bound);
Datum
calibration_summary_upper_bound(PG_FUNCTION_ARGS)
{
	return interval_upper_bound(fcinfo, PG_GETARG_CALIBRATION(0), calibration_interval);
}

/* Every figure and count, for BI tools and exports. */
PG_FUNCTION_INFO_V1(calibration_summary_jsonb);
Datum
calibration_summary_jsonb(PG_FUNCTION_ARGS)
{
	CalibrationSummary *s = PG_GETARG_CALIBRATION(0);
	StringInfoData out;
	int64		n = calibration_responses(s);
	bool		empty = n == 0;
	ConfidenceInterval interval = {0.0, 0.0};

	(void) calibration_interval(s, 0.95, &interval);
	json_begin(&out);
	json_int64(&out, "responses", n);
	json_double(&out, "tolerance", tolerance_points(s->tolerance), false);
	json_double(&out, "bias", empty ? 0.0 : calibration_bias(s, n), empty);
	json_double(&out, "mean_absolute_difference",
				empty ? 0.0 : mean_points(s->over + s->under, n), empty);
	json_double(&out, "within_tolerance",
				empty ? 0.0 : 100.0 * (double) s->counts[CALIBRATION_WITHIN] / (double) n,
				empty);
	json_int64(&out, "within", s->counts[CALIBRATION_WITHIN]);
	json_double(&out, "lower_bound", interval.lower, empty);
	json_double(&out, "upper_bound", interval.upper, empty);
	json_double(&out, "confidence", 0.95, false);
	PG_RETURN_DATUM(json_finish(&out));
}
