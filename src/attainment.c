/*
 * attainment.c
 *		attainment(value, worst, best): a figure placed on a common 0..100
 *		scale between the value that earns nothing and the value that
 *		earns everything, so that figures of different units (NPS points,
 *		percents, seconds) can be weighed into one overall score.
 *
 * The overall score itself is rubric_score() over the attainments, with
 * each metric a criterion of maximum 100: its weights renormalize away a
 * metric with no data (a NULL attainment), as a rubric's N/A does.
 */
#include "postgres.h"

#include <math.h>

#include "scorecard.h"

/* worst and best are parameters: finite numbers, else 22023. */
static void
attainment_check_bound(double bound, const char *name)
{
	if (isnan(bound) || isinf(bound))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("attainment %s must be a finite number", name),
				 errdetail("The %s value was %g.", name, bound)));
}

/*
 * The share of the way from worst to best that value has come, before
 * clipping: (value - worst) / (best - worst).  When best - worst overflows
 * (bounds near the ends of the double range) both differences are taken
 * of halves, which cannot overflow.  An infinite value gives an infinite
 * share of the right sign.
 */
static double
attainment_share(double value, double worst, double best)
{
	double		span = best - worst;

	if (isinf(span))
		return (value / 2 - worst / 2) / (best / 2 - worst / 2);
	return (value - worst) / span;
}

/*
 * attainment(value, worst, best): 0 at worst, 100 at best, linear between,
 * clipped to 0..100.  worst > best means lower is better.  Strict: a NULL
 * value (no data) gives NULL.  NaN is no figure at all, so it raises 22003
 * rather than turning the overall score into NaN; an infinite value lies
 * beyond one end and gives 0 or 100.
 */
PG_FUNCTION_INFO_V1(attainment);
Datum
attainment(PG_FUNCTION_ARGS)
{
	double		value = PG_GETARG_FLOAT8(0);
	double		worst = PG_GETARG_FLOAT8(1);
	double		best = PG_GETARG_FLOAT8(2);
	double		share;

	attainment_check_bound(worst, "worst");
	attainment_check_bound(best, "best");
	if (worst == best)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("attainment worst and best must differ"),
				 errdetail("Both are %g, so no value lies between them.", worst)));
	if (isnan(value))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("attainment value NaN is out of range"),
				 errdetail("The value must be a number; infinities count as beyond worst or best.")));
	share = attainment_share(value, worst, best);
	/* also turns -0 (value = worst > best) into 0 */
	if (!(share > 0.0))
		share = 0.0;
	else if (share > 1.0)
		share = 1.0;
	PG_RETURN_FLOAT8(100.0 * share);
}
