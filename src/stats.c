/*
 * stats.c
 *		Normal and Student t quantiles, confidence intervals and the tests
 *		that compare two summaries, shared by the summary types.
 */
#include "postgres.h"

#include <float.h>
#include <math.h>

#include "utils/builtins.h"

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
ConfidenceInterval
wilson_interval(int64 successes, int64 n, double z)
{
	double		count = (double) n;
	double		share = (double) successes / count;
	double		z2 = z * z;
	double		denominator = 1.0 + z2 / count;
	double		centre = (share + z2 / (2.0 * count)) / denominator;
	double		half = z * sqrt(share * (1.0 - share) / count +
								z2 / (4.0 * count * count)) / denominator;
	ConfidenceInterval interval = {centre - half, centre + half};

	/* exact at the edges, where rounding could leave a sliver */
	if (successes == 0)
		interval.lower = 0.0;
	if (successes == n)
		interval.upper = 1.0;
	return clip_interval(interval, 0.0, 1.0);
}

/* Clip an interval to the range its figure can take. */
ConfidenceInterval
clip_interval(ConfidenceInterval interval, double lowest, double highest)
{
	interval.lower = Max(interval.lower, lowest);
	interval.upper = Min(interval.upper, highest);
	return interval;
}

/*
 * lower_bound(s, confidence): the lower end of the summary's interval, NULL
 * when it has none.
 */
Datum
interval_lower_bound(FunctionCallInfo fcinfo, const void *summary,
					 IntervalFunction interval_of)
{
	ConfidenceInterval interval;

	if (!interval_of(summary, PG_GETARG_FLOAT8(1), &interval))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(interval.lower);
}

/* upper_bound(s, confidence): the upper end, as lower_bound. */
Datum
interval_upper_bound(FunctionCallInfo fcinfo, const void *summary,
					 IntervalFunction interval_of)
{
	ConfidenceInterval interval;

	if (!interval_of(summary, PG_GETARG_FLOAT8(1), &interval))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(interval.upper);
}

/*
 * status(s, target, confidence): the traffic-light status of the summary's
 * figure against a target, from its confidence interval: green when the
 * whole interval is on the good side of the target, red when the whole
 * interval is on the bad side, amber when the target lies inside the
 * interval (bounds included), NULL when there is no interval.  The target
 * must lie in the figure's range [lowest, highest], which is checked first,
 * so that a bad target is an error whatever the summary holds.
 */
Datum
interval_status(FunctionCallInfo fcinfo, const void *summary,
				IntervalFunction interval_of, bool higher_is_better,
				double lowest, double highest, const char *figure)
{
	double		target = PG_GETARG_FLOAT8(1);
	ConfidenceInterval interval;
	const char *status;

	/* the arguments first: a bad target is an error even with no interval */
	if (!(target >= lowest && target <= highest))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("target %g is out of range for %s", target, figure),
				 errdetail("Targets for %s must be between %g and %g.",
						   figure, lowest, highest)));
	(void) confidence_z(PG_GETARG_FLOAT8(2));
	if (!interval_of(summary, PG_GETARG_FLOAT8(2), &interval))
		PG_RETURN_NULL();
	if (higher_is_better ? interval.lower > target : interval.upper < target)
		status = "green";
	else if (higher_is_better ? interval.upper < target : interval.lower > target)
		status = "red";
	else
		status = "amber";
	PG_RETURN_TEXT_P(cstring_to_text(status));
}

/* Two-sided p-value of a standard normal statistic. */
double
normal_p_value(double z)
{
	return erfc(fabs(z) / M_SQRT2);
}

/*
 * log(Gamma(a + 1/2) / Gamma(a)) for a > 0.  For large a the difference of
 * two lgamma() values loses the digits the t distribution needs (at a = 5e4
 * both are near 5e5, and their difference near 5.4), so there we sum the
 * asymptotic series instead, whose first omitted term is below 1e-16 from
 * a = 20 on.
 */
static double
log_gamma_half_ratio(double a)
{
	if (a < 20.0)
		return lgamma(a + 0.5) - lgamma(a);
	return 0.5 * log(a) - 1.0 / (8.0 * a) + 1.0 / (192.0 * pow(a, 3)) -
		1.0 / (640.0 * pow(a, 5)) + 17.0 / (14336.0 * pow(a, 7));
}

/*
 * Continued fraction of the regularized incomplete beta function, by the
 * modified Lentz method (Press et al., Numerical Recipes, section 6.4).  It
 * converges quickly for x < (a + 1) / (a + b + 2): a few dozen terms at most
 * for the arguments of the t distribution.
 */
static double
beta_continued_fraction(double a, double b, double x)
{
	const double tiny = 1e-300;
	/* cppcheck-suppress variableScope ; c carries from one step to the next */
	double		c = 1.0;
	double		d = 1.0 - (a + b) * x / (a + 1.0);
	double		h;

	d = 1.0 / (fabs(d) < tiny ? tiny : d);
	h = d;
	for (int m = 1; m <= 10000; m++)
	{
		double		m2 = 2.0 * m;
		double		step;
		double		numerator;

		/* even step */
		numerator = m * (b - m) * x / ((a - 1.0 + m2) * (a + m2));
		d = 1.0 + numerator * d;
		d = 1.0 / (fabs(d) < tiny ? tiny : d);
		c = 1.0 + numerator / c;
		c = fabs(c) < tiny ? tiny : c;
		h *= d * c;
		/* odd step */
		numerator = -(a + m) * (a + b + m) * x / ((a + m2) * (a + 1.0 + m2));
		d = 1.0 + numerator * d;
		d = 1.0 / (fabs(d) < tiny ? tiny : d);
		c = 1.0 + numerator / c;
		c = fabs(c) < tiny ? tiny : c;
		step = d * c;
		h *= step;
		if (fabs(step - 1.0) <= DBL_EPSILON)
			break;
	}
	return h;
}

/*
 * Two-sided p-value of a Student t statistic (given as t^2) with many
 * degrees of freedom, by Hill's normalizing transformation (G. W. Hill,
 * "Algorithm 395: Student's t-distribution", Communications of the ACM 13,
 * 1970).  Past 1e5 degrees of freedom the continued fraction loses digits to
 * cancellation, since x is then within 1e-5 of 1, while this is accurate to
 * about 1e-13 relative (checked against mpmath from 1e4 to 1e12).
 */
static double
student_t_p_value_large_df(double t2, double df)
{
	double		a = df - 0.5;
	double		b = 48.0 * a * a;
	double		y = a * log1p(t2 / df);

	y = (((((-0.4 * y - 3.3) * y - 24.0) * y - 85.5) / (0.8 * y * y + 100.0 + b) +
		  y + 3.0) / b + 1.0) * sqrt(y);
	return normal_p_value(y);
}

/*
 * Two-sided p-value of a Student t statistic with df > 0 degrees of freedom
 * (df need not be an integer, as Welch's is not): P(|T| >= |t|), which is the
 * regularized incomplete beta function I_x(df/2, 1/2) at x = df / (df + t^2).
 * Its front factor x^a (1-x)^b / B(a, b) is formed in logarithms from x and
 * 1 - x computed separately, so that neither loses digits to cancellation.
 */
double
student_t_p_value(double t, double df)
{
	double		a = df / 2.0;
	double		b = 0.5;
	double		t2 = t * t;
	double		x = df / (df + t2);
	double		y = t2 / (df + t2);
	double		log_front;

	if (t2 == 0.0)
		return 1.0;
	if (df > 1e5)
		return student_t_p_value_large_df(t2, df);
	/* log of x^a y^b / B(a, b), with B(a, 1/2) = Gamma(a) sqrt(pi) / Gamma(a + 1/2) */
	log_front = -a * log1p(t2 / df) + b * log(y) +
		log_gamma_half_ratio(a) - 0.5 * log(M_PI);
	if (x < (a + 1.0) / (a + b + 2.0))
		return exp(log_front) * beta_continued_fraction(a, b, x) / a;
	return 1.0 - exp(log_front) * beta_continued_fraction(b, a, y) / b;
}

/* Density of Student's t distribution with df degrees of freedom. */
static double
student_t_density(double t, double df)
{
	return exp(log_gamma_half_ratio(df / 2.0) - 0.5 * log(df * M_PI) -
			   (df + 1.0) / 2.0 * log1p(t * t / df));
}

/*
 * The t value of a two-sided interval at the given confidence level with df
 * degrees of freedom: the t > 0 whose two-sided p-value is 1 - confidence.
 * It is at least the normal z, so the search starts there and brackets the
 * root by doubling; Newton's method on the logarithm of the p-value (which
 * keeps its slope in the far tails of small df) then converges in a few
 * steps, with bisection as a safeguard whenever a step leaves the bracket.
 */
double
confidence_t(double confidence, double df)
{
	double		alpha;
	double		log_alpha;
	double		low;
	double		high;
	double		t;

	low = confidence_z(confidence); /* also checks the confidence */
	alpha = 1.0 - confidence;
	log_alpha = log(alpha);
	high = 2.0 * low;
	while (student_t_p_value(high, df) > alpha)
	{
		low = high;
		high *= 2.0;
	}
	t = low;
	for (int i = 0; i < 200; i++)
	{
		double		p = student_t_p_value(t, df);
		double		next;

		if (p > alpha)
			low = t;
		else
			high = t;
		/* d log p / dt = -2 f(t) / p */
		next = t + (log(p) - log_alpha) * p / (2.0 * student_t_density(t, df));
		if (!(next > low && next < high))
			next = (low + high) / 2.0;
		if (fabs(next - t) <= 1e-15 * t || high - low <= 1e-15 * t)
			return next;
		t = next;
	}
	return t;
}

/*
 * Compare two proportions, successes1 of n1 against successes2 of n2 (both
 * n > 0), in percentage points: the difference, its Newcombe hybrid score
 * interval (Newcombe 1998, method 10, built from the two Wilson intervals,
 * so it stays honest at 0% and 100%), and the two-sided p-value of the
 * two-proportion z-test with pooled variance.  Identical proportions of 0%
 * or 100% leave the pooled variance zero; they are no evidence of a
 * difference, so their p-value is 1.
 */
void
compare_proportions(int64 successes1, int64 n1, int64 successes2, int64 n2,
					double confidence, Comparison *result)
{
	double		z = confidence_z(confidence);
	double		p1 = (double) successes1 / (double) n1;
	double		p2 = (double) successes2 / (double) n2;
	ConfidenceInterval w1 = wilson_interval(successes1, n1, z);
	ConfidenceInterval w2 = wilson_interval(successes2, n2, z);
	double		total = (double) n1 + (double) n2;
	double		pooled = ((double) successes1 + (double) successes2) / total;
	double		pooled_failures = ((double) (n1 - successes1) +
								   (double) (n2 - successes2)) / total;
	double		variance = pooled * pooled_failures *
		(1.0 / (double) n1 + 1.0 / (double) n2);
	double		d = p1 - p2;

	result->difference = 100.0 * d;
	result->interval.lower = 100.0 * (d - sqrt((p1 - w1.lower) * (p1 - w1.lower) +
											   (w2.upper - p2) * (w2.upper - p2)));
	result->interval.upper = 100.0 * (d + sqrt((w1.upper - p1) * (w1.upper - p1) +
											   (p2 - w2.lower) * (p2 - w2.lower)));
	result->interval = clip_interval(result->interval, -100.0, 100.0);
	result->p_value = variance > 0.0 ? normal_p_value(d / sqrt(variance)) : 1.0;
	result->tested = true;
}

/*
 * Compare two means by Welch's t test: the difference a - b, its interval
 * difference -/+ t * sqrt(v1/n1 + v2/n2) with the Welch-Satterthwaite
 * degrees of freedom, clipped to [-range, range], and the two-sided p-value
 * of the test of equal means.  Both samples need n > 0.  The test needs two
 * answers on each side and some variation on at least one; without them
 * only the difference is known.
 */
void
compare_means(const MeanSample *a, const MeanSample *b, double confidence,
			  double range, Comparison *result)
{
	double		e1 = 0.0;
	double		e2 = 0.0;

	result->difference = a->mean - b->mean;
	if (a->n >= 2 && b->n >= 2)
	{
		/* squared standard errors of the two means */
		e1 = a->variance / (double) a->n;
		e2 = b->variance / (double) b->n;
	}
	result->tested = e1 + e2 > 0.0;
	if (result->tested)
	{
		double		se = sqrt(e1 + e2);
		double		df = (e1 + e2) * (e1 + e2) /
			(e1 * e1 / (double) (a->n - 1) + e2 * e2 / (double) (b->n - 1));
		double		half = confidence_t(confidence, df) * se;

		result->interval.lower = result->difference - half;
		result->interval.upper = result->difference + half;
		result->interval = clip_interval(result->interval, -range, range);
		result->p_value = student_t_p_value(result->difference / se, df);
	}
}

/*
 * Return one part of a comparison from an SQL function: the difference
 * always, the interval and p-value only when the data supported a test.
 */
Datum
comparison_part(FunctionCallInfo fcinfo, const Comparison *result,
				ComparisonPart part)
{
	if (part == COMPARISON_DIFFERENCE)
		PG_RETURN_FLOAT8(result->difference);
	if (!result->tested)
		PG_RETURN_NULL();
	switch (part)
	{
		case COMPARISON_LOWER_BOUND:
			PG_RETURN_FLOAT8(result->interval.lower);
		case COMPARISON_UPPER_BOUND:
			PG_RETURN_FLOAT8(result->interval.upper);
		default:
			PG_RETURN_FLOAT8(result->p_value);
	}
}
