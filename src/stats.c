/*
 * stats.c
 *		Normal quantiles and confidence intervals shared by the summaries.
 */
#include "postgres.h"

#include <math.h>

#include "scorecard.h"

/* Standard normal cumulative distribution function. */
static double
normal_cdf(double x)
{
	return 0.5 * erfc(-x / M_SQRT2);
}

/*
 * Rough lower-tail quantile for 0 < p <= 0.5, with absolute error below
 * 4.5e-4 (Abramowitz and Stegun, formula 26.2.23).
 */
static double
normal_quantile_rough(double p)
{
	double		t = sqrt(-2.0 * log(p));

	return -(t - (2.515517 + t * (0.802853 + t * 0.010328)) /
			 (1.0 + t * (1.432788 + t * (0.189269 + t * 0.001308))));
}

/* The quantile for 0 < p <= 0.5, the lower tail. */
static double
normal_quantile_lower(double p)
{
	double		x;

	if (p == 0.5)
		return 0.0;

	x = normal_quantile_rough(p);
	for (int i = 0; i < 3; i++)
	{
		double		error = normal_cdf(x) - p;
		double		u = error * sqrt(2.0 * M_PI) * exp(0.5 * x * x);

		x -= u / (1.0 + 0.5 * x * u);
	}
	return x;
}

/*
 * Quantile of the standard normal distribution, for 0 < p < 1, accurate to
 * a few units in the last place.  The rough start is polished by Halley's
 * method on erfc(), which converges cubically: two steps take it from 1e-4
 * to below double precision; a third is a margin.  The lower tail is solved
 * directly so that small p keep their relative precision.
 */
double
normal_quantile(double p)
{
	Assert(p > 0.0 && p < 1.0);
	return p > 0.5 ? -normal_quantile_lower(1.0 - p) : normal_quantile_lower(p);
}

/*
 * The z value of a two-sided interval at the given confidence level, which
 * must lie strictly between 0 and 1.
 */
double
confidence_z(double confidence)
{
	if (!(confidence > 0.0 && confidence < 1.0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("confidence %g is out of range", confidence),
				 errdetail("The confidence level must be greater than 0 and less than 1, such as 0.95.")));
	/* Work from the tail probability, which keeps precision near 1. */
	return -normal_quantile((1.0 - confidence) / 2.0);
}

/*
 * Wilson score interval for a proportion of successes out of n > 0, on the
 * 0..1 scale.
 */
Interval
wilson_interval(int64 successes, int64 n, double z)
{
	double		count = (double) n;
	double		share = (double) successes / count;
	double		z2 = z * z;
	double		denominator = 1.0 + z2 / count;
	double		centre = (share + z2 / (2.0 * count)) / denominator;
	double		half = z * sqrt(share * (1.0 - share) / count +
								z2 / (4.0 * count * count)) / denominator;
	Interval	interval = {centre - half, centre + half};

	return clip_interval(interval, 0.0, 1.0);
}

/* Clip an interval to the range its figure can take. */
Interval
clip_interval(Interval interval, double lowest, double highest)
{
	interval.lower = Max(interval.lower, lowest);
	interval.upper = Min(interval.upper, highest);
	return interval;
}

/*
 * Traffic-light status of a figure against a target, from its confidence
 * interval: green when the whole interval is on the good side of the target,
 * red when the whole interval is on the bad side, amber when the target lies
 * inside the interval (bounds included).  The target must lie in the
 * figure's range [lowest, highest].
 */
const char *
interval_status(Interval interval, double target, bool higher_is_better,
				double lowest, double highest, const char *figure)
{
	if (!(target >= lowest && target <= highest))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("target %g is out of range for %s", target, figure),
				 errdetail("Targets for %s must be between %g and %g.",
						   figure, lowest, highest)));
	if (higher_is_better ? interval.lower > target : interval.upper < target)
		return "green";
	if (higher_is_better ? interval.upper < target : interval.lower > target)
		return "red";
	return "amber";
}
