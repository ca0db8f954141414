/*
 * duration.c
 *		duration_summary: handling times (or any durations) as a mergeable
 *		summary with an exact mean and percentiles within 1% relative error.
 *
 * Durations are held as integer microseconds: an interval already is one, and
 * seconds given as double precision are rounded to the nearest microsecond
 * (halves to even).  The count, the sum and the sum of squares are exact
 * integers (the sums in 128 bits), so means and variances merge and un-merge
 * exactly.  The minimum and the maximum are exact too.
 *
 * Percentiles come from logarithmic buckets: bucket i holds the durations d
 * with GAMMA^(i-1) < d <= GAMMA^i microseconds, GAMMA = 1.02, and reports
 * them as 2 GAMMA^i / (GAMMA + 1), which is within (GAMMA - 1) / (GAMMA + 1)
 * = 1/101 (0.990%) of every duration in the bucket.  A duration of exactly
 * zero has its own exact counter; one microsecond falls in bucket 0, and the
 * largest duration, 2^63 - 1 microseconds, in bucket 2206.  Merging adds
 * bucket counts, so a rollup's percentiles equal a single aggregate's.
 *
 * Only the range of buckets from the lowest to the highest occupied one is
 * stored, with 32-bit counts while every count fits and 64-bit counts once
 * one does not.  That keeps ten million handle times between 1 second and
 * 10 hours (531 buckets) near 2 kB.  Values are canonical (no empty bucket at
 * either end, the narrowest width), so equal summaries are equal bytes.
 */
#include "postgres.h"

#include <ctype.h>
#include <math.h>

#include "common/int.h"
#include "libpq/pqformat.h"

#include "scorecard.h"

#define DURATION_TYPE_NAME "duration_summary"
#define DURATION_GAMMA 1.02
#define DURATION_MAX_BUCKET 2206	/* bucket of 2^63 - 1 microseconds */
#define DURATION_USECS_PER_SEC 1000000

typedef struct DurationSummary
{
	SummaryHeader header;		/* scale: bytes per bucket count, 4 or 8 */
	int64		responses;		/* durations summarized */
	int64		zeros;			/* durations of exactly 0 */
	int64		minimum;		/* microseconds; 0 when empty */
	int64		maximum;		/* microseconds; 0 when empty */
	int128		sum;			/* microseconds */
	int128		sum_squares;	/* microseconds squared */
	int32		first_bucket;	/* bucket of the first count; 0 when none */
	int32		buckets;		/* number of bucket counts that follow */
	/* int32 or int64 counts[buckets] follow, per header.scale */
} DurationSummary;

#define PG_GETARG_DURATION(n) duration_for_read(fcinfo, (n))

static Size
duration_size(int buckets, int width)
{
	return sizeof(DurationSummary) + (Size) buckets * width;
}

static DurationSummary *
duration_new(int buckets, int width)
{
	DurationSummary *s = summary_alloc(duration_size(buckets, width));

	s->header.scale = width;
	s->buckets = buckets;
	return s;
}

static DurationSummary *
duration_for_read(FunctionCallInfo fcinfo, int argno)
{
	DurationSummary *s = summary_for_read(fcinfo, argno, 0, DURATION_TYPE_NAME);

	if ((s->header.scale != 4 && s->header.scale != 8) || s->buckets < 0 ||
		VARSIZE(s) != duration_size(s->buckets, s->header.scale))
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("%s value has an unsupported layout", DURATION_TYPE_NAME)));
	return s;
}

static int32 *
counts32(DurationSummary *s)
{
	return (int32 *) ((char *) s + sizeof(DurationSummary));
}

static int64 *
counts64(DurationSummary *s)
{
	return (int64 *) ((char *) s + sizeof(DurationSummary));
}

/* Count at position k of the stored range (not bucket index k). */
static int64
bucket_count(const DurationSummary *s, int k)
{
	if (s->header.scale == 4)
		return counts32((DurationSummary *) s)[k];
	return counts64((DurationSummary *) s)[k];
}

/* Store a count at position k; the caller made the width wide enough. */
static void
bucket_set(DurationSummary *s, int k, int64 value)
{
	if (s->header.scale == 4)
		counts32(s)[k] = (int32) value;
	else
		counts64(s)[k] = value;
}

/* Bucket of a duration of at least one microsecond: ceil(log_gamma(us)). */
static int
bucket_of(int64 us)
{
	int			i = (int) ceil(log((double) us) / log(DURATION_GAMMA));

	return Min(Max(i, 0), DURATION_MAX_BUCKET);
}

/* The duration a bucket reports, in microseconds: 2 gamma^i / (gamma + 1). */
static double
bucket_value(int i)
{
	return 2.0 * pow(DURATION_GAMMA, i) / (DURATION_GAMMA + 1.0);
}

/*
 * A copy of s whose stored range is buckets first..last, with counts of the
 * given width.  Used when a value or a merge widens the range or the counts.
 */
static DurationSummary *
duration_reshaped(const DurationSummary *s, int first, int last, int width)
{
	DurationSummary *r = duration_new(last - first + 1, width);

	r->responses = s->responses;
	r->zeros = s->zeros;
	r->minimum = s->minimum;
	r->maximum = s->maximum;
	r->sum = s->sum;
	r->sum_squares = s->sum_squares;
	r->first_bucket = first;
	for (int k = 0; k < s->buckets; k++)
		bucket_set(r, s->first_bucket + k - first, bucket_count(s, k));
	return r;
}

/* Empty a summary in place. */
static void
duration_clear(DurationSummary *s)
{
	Size		size = duration_size(0, 4);

	memset((char *) s + sizeof(SummaryHeader), 0, size - sizeof(SummaryHeader));
	s->header.scale = 4;
	SET_VARSIZE(s, size);
}

/*
 * Bring a summary whose counts went down back to canonical form, in place:
 * drop empty buckets at both ends and narrow 64-bit counts that all fit in
 * 32 bits.  The value only shrinks, so no allocation is needed.
 */
static void
duration_canonicalize(DurationSummary *s)
{
	int			lo = 0;
	int			hi = s->buckets - 1;
	int			width = 4;
	int			n;

	while (lo <= hi && bucket_count(s, lo) == 0)
		lo++;
	while (hi >= lo && bucket_count(s, hi) == 0)
		hi--;
	n = hi - lo + 1;
	for (int k = lo; k <= hi; k++)
		if (bucket_count(s, k) > PG_INT32_MAX)
			width = 8;
	/* position k is read before it is written, and the data only moves down */
	for (int k = 0; k < n; k++)
	{
		int64		count = bucket_count(s, lo + k);

		if (width == 4)
			counts32(s)[k] = (int32) count;
		else
			counts64(s)[k] = count;
	}
	/* n is 0 when a moving window's inverse emptied every bucket */
	/* cppcheck-suppress knownConditionTrueFalse ; it cannot see that case */
	s->first_bucket = n > 0 ? s->first_bucket + lo : 0;
	s->buckets = n;
	s->header.scale = width;
	SET_VARSIZE(s, duration_size(n, width));
}

pg_noreturn static void
sum_squares_overflow(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("%s sum of squares is out of range", DURATION_TYPE_NAME),
			 errdetail("The squared durations of one summary, in microseconds, cannot add up to 2^127 or more.")));
}

/*
 * Add one count to bucket i in place.  Returns false when bucket i lies
 * outside the stored range or its 32-bit count is full: the caller then
 * reshapes the summary, which is the only allocation on this path.
 */
static bool
bucket_try_increment(DurationSummary *s, int i)
{
	int			k = i - s->first_bucket;

	if (k < 0 || k >= s->buckets)
		return false;
	if (s->header.scale == 4)
	{
		if (counts32(s)[k] == PG_INT32_MAX)
			return false;
		counts32(s)[k]++;
	}
	else
		count_added(&counts64(s)[k], DURATION_TYPE_NAME);
	return true;
}

/* Add one duration of us microseconds; returns the (maybe moved) summary. */
static DurationSummary *
duration_add(DurationSummary *s, int64 us)
{
	int128		square = (int128) us * us;
	int			i;

	if (s->sum_squares > INT128_MAX_VALUE - square)
		sum_squares_overflow();
	count_added(&s->responses, DURATION_TYPE_NAME);
	/* sum < responses * 2^63 <= 2^126: it cannot overflow */
	s->sum += us;
	s->sum_squares += square;
	if (s->responses == 1)
		s->minimum = s->maximum = us;
	else
	{
		s->minimum = Min(s->minimum, us);
		s->maximum = Max(s->maximum, us);
	}
	if (us == 0)
	{
		s->zeros++;				/* at most responses, which was checked */
		return s;
	}
	i = bucket_of(us);
	if (!bucket_try_increment(s, i))
	{
		int			first = s->buckets > 0 ? Min(s->first_bucket, i) : i;
		int			last = s->buckets > 0 ? Max(s->first_bucket + s->buckets - 1, i) : i;
		bool		inside = s->buckets > 0 && first == s->first_bucket &&
			last == s->first_bucket + s->buckets - 1;

		s = duration_reshaped(s, first, last, inside ? 8 : s->header.scale);
		if (!bucket_try_increment(s, i))
			elog(ERROR, "%s bucket %d missing after reshaping", DURATION_TYPE_NAME, i);
	}
	return s;
}

/*
 * Whether taking away durations from minimum lo to maximum hi, with the
 * given number of zeros, leaves the minimum and maximum of s known.  They
 * stay known when s holds one value repeated, or when what leaves is
 * strictly inside s's range (zeros may leave while other zeros stay).
 */
static bool
extremes_survive(const DurationSummary *s, int64 lo, int64 hi, int64 zeros)
{
	if (s->minimum == s->maximum)
		return true;
	if (hi == s->maximum)
		return false;
	return lo != s->minimum || (lo == 0 && s->zeros > zeros);
}

/*
 * Remove one duration (a moving aggregate's inverse).  Returns false when
 * the duration was the frame's minimum or maximum: the remaining extreme is
 * then unknown, and the caller makes PostgreSQL recompute the frame.
 */
static bool
duration_remove(DurationSummary *s, int64 us)
{
	int			k;

	if (s->responses <= 1)
	{
		if (s->responses == 0 || us != s->minimum)
			elog(ERROR, "%s inverse transition removed what was not added",
				 DURATION_TYPE_NAME);
		duration_clear(s);
		return true;
	}
	if (!extremes_survive(s, us, us, 1))
		return false;
	s->responses--;
	s->sum -= us;
	s->sum_squares -= (int128) us * us;
	if (us == 0)
	{
		count_removed(&s->zeros, DURATION_TYPE_NAME);
		return true;
	}
	k = bucket_of(us) - s->first_bucket;
	if (k < 0 || k >= s->buckets || bucket_count(s, k) == 0)
		elog(ERROR, "%s inverse transition removed what was not added",
			 DURATION_TYPE_NAME);
	bucket_set(s, k, bucket_count(s, k) - 1);
	/*
	 * An end bucket can empty out when the minimum is a zero that stays, and
	 * 64-bit counts may fit in 32 bits again: then shrink in place.
	 */
	if ((bucket_count(s, k) == 0 && (k == 0 || k == s->buckets - 1)) ||
		(s->header.scale == 8 && bucket_count(s, k) == PG_INT32_MAX))
		duration_canonicalize(s);
	return true;
}

/* Merge b into a; returns a, or a reshaped copy of it. */
static DurationSummary *
duration_merge(DurationSummary *a, const DurationSummary *b)
{
	int64		responses;
	int			first,
				last,
				width;

	if (b->responses == 0)
		return a;
	if (pg_add_s64_overflow(a->responses, b->responses, &responses))
		count_overflow(DURATION_TYPE_NAME);
	if (a->sum_squares > INT128_MAX_VALUE - b->sum_squares)
		sum_squares_overflow();

	first = b->first_bucket;
	last = b->first_bucket + b->buckets - 1;
	width = Max(a->header.scale, b->header.scale);
	if (a->buckets > 0)
	{
		first = b->buckets > 0 ? Min(first, a->first_bucket) : a->first_bucket;
		last = b->buckets > 0 ? Max(last, a->first_bucket + a->buckets - 1) :
			a->first_bucket + a->buckets - 1;
	}
	for (int k = 0; k < b->buckets && width == 4; k++)
	{
		int			ka = b->first_bucket + k - a->first_bucket;
		int64		mine = (ka >= 0 && ka < a->buckets) ? bucket_count(a, ka) : 0;

		if (mine + bucket_count(b, k) > PG_INT32_MAX)
			width = 8;
	}
	if (first != a->first_bucket || last - first + 1 != a->buckets ||
		width != a->header.scale)
		a = duration_reshaped(a, first, last, width);

	for (int k = 0; k < b->buckets; k++)
	{
		int			ka = b->first_bucket + k - a->first_bucket;
		int64		count;

		if (pg_add_s64_overflow(bucket_count(a, ka), bucket_count(b, k), &count))
			count_overflow(DURATION_TYPE_NAME);
		bucket_set(a, ka, count);
	}
	a->minimum = a->responses > 0 ? Min(a->minimum, b->minimum) : b->minimum;
	a->maximum = a->responses > 0 ? Max(a->maximum, b->maximum) : b->maximum;
	a->responses = responses;
	a->zeros += b->zeros;		/* at most responses, which was checked */
	a->sum += b->sum;			/* below 2^126, as for duration_add */
	a->sum_squares += b->sum_squares;
	return a;
}

/*
 * Take b, merged earlier, back out of a (rollup's moving inverse).  Returns
 * false, leaving a unchanged, when b held a's minimum or maximum.
 */
static bool
duration_unmerge(DurationSummary *a, const DurationSummary *b)
{
	if (b->responses == 0)
		return true;
	if (b->responses > a->responses)
		elog(ERROR, "%s inverse transition removed more than was added",
			 DURATION_TYPE_NAME);
	if (b->responses == a->responses)
	{
		duration_clear(a);
		return true;
	}
	if (!extremes_survive(a, b->minimum, b->maximum, b->zeros))
		return false;
	for (int k = 0; k < b->buckets; k++)
	{
		int			ka = b->first_bucket + k - a->first_bucket;

		if (ka < 0 || ka >= a->buckets || bucket_count(a, ka) < bucket_count(b, k))
			elog(ERROR, "%s inverse transition removed more than was added",
				 DURATION_TYPE_NAME);
		bucket_set(a, ka, bucket_count(a, ka) - bucket_count(b, k));
	}
	if (b->zeros > a->zeros)
		elog(ERROR, "%s inverse transition removed more than was added",
			 DURATION_TYPE_NAME);
	a->responses -= b->responses;
	a->zeros -= b->zeros;
	a->sum -= b->sum;
	a->sum_squares -= b->sum_squares;
	duration_canonicalize(a);
	return true;
}

/*
 * Sample variance in microseconds squared, for at least 2 durations.  With
 * the mean split as q + r/n, sum (x - q)^2 = S2 - q (S1 + r) is an exact
 * integer, and sum (x - mean)^2 is that less r^2/n.
 */
static double
duration_variance(const DurationSummary *s)
{
	int128		q = s->sum / s->responses;
	int128		r = s->sum % s->responses;
	int128		around_q = s->sum_squares - q * (s->sum + r);
	double		squares = (double) around_q - (double) r * ((double) r / (double) s->responses);

	return Max(squares, 0.0) / (double) (s->responses - 1);
}

/* Normal interval of the mean, in seconds, clipped at 0: needs n >= 2. */
static bool
duration_interval(const void *summary, double confidence,
				  ConfidenceInterval *interval)
{
	const DurationSummary *s = summary;
	double		z = confidence_z(confidence);
	double		mean;
	double		half;

	if (s->responses < 2)
		return false;
	mean = exact_ratio(s->sum, (int128) s->responses * DURATION_USECS_PER_SEC);
	half = z * sqrt(duration_variance(s) / (double) s->responses) / DURATION_USECS_PER_SEC;
	interval->lower = mean - half;
	interval->upper = mean + half;
	*interval = clip_interval(*interval, 0.0, INFINITY);
	return true;
}

static void
check_fraction(double fraction)
{
	if (!(fraction >= 0.0 && fraction <= 1.0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("percentile fraction %g is out of range", fraction),
				 errdetail("The fraction must be between 0 and 1, such as 0.9 for the 90th percentile.")));
}

/*
 * The percentile in seconds, by the rank percentile_disc uses: the smallest
 * duration whose cumulative share reaches the fraction, i.e. the duration of
 * rank max(1, ceil(fraction * n)).  Ranks 1 and n are the exact minimum and
 * maximum; any other rank reports its bucket's estimate, brought inside the
 * minimum and maximum (which only ever moves it closer to the true value).
 */
static double
duration_percentile(const DurationSummary *s, double fraction)
{
	int64		rank = (int64) ceil(fraction * (double) s->responses);
	int64		seen = s->zeros;
	double		us;

	rank = Min(Max(rank, 1), s->responses);
	if (rank == 1)
		return us_to_seconds(s->minimum);	/* the first is the minimum */
	if (rank == s->responses)
		return us_to_seconds(s->maximum);
	if (rank <= seen)
		return 0.0;
	for (int k = 0; k < s->buckets; k++)
	{
		seen += bucket_count(s, k);
		if (seen >= rank)
		{
			us = bucket_value(s->first_bucket + k);
			us = Min(Max(us, (double) s->minimum), (double) s->maximum);
			return us / DURATION_USECS_PER_SEC;
		}
	}
	elog(ERROR, "%s counts do not add up to its responses", DURATION_TYPE_NAME);
}

/* ---------------------------------------------------------------------
 * Text and binary input and output
 * ---------------------------------------------------------------------
 */

/* floor(a / b) >= c for a >= 0, b > 0, without overflowing a product */
static bool
product_at_most(int128 b, int128 c, int128 a)
{
	return b == 0 || c <= a / b;
}

/*
 * Check that the sums can come from the counts, minimum and maximum: the
 * extremes are attained, every duration lies between them, and the variance
 * is not negative.  Any value from our own output passes.
 */
static void
check_sums(const DurationSummary *s, int code)
{
	int64		n = s->responses;
	int128		q,
				r,
				around_q;

	if (s->sum < (int128) s->maximum + (int128) (n - 1) * s->minimum ||
		s->sum > (int128) s->minimum + (int128) (n - 1) * s->maximum)
		summary_invalid(DURATION_TYPE_NAME, code,
						"The sum is not consistent with the count, minimum and maximum.");
	/* minimum * sum <= sum_squares <= maximum * sum */
	if (!product_at_most(s->minimum, s->sum, s->sum_squares) ||
		(s->maximum > 0 &&
		 s->sum_squares / s->maximum + (s->sum_squares % s->maximum != 0) > s->sum) ||
		(s->maximum == 0 && s->sum_squares != 0))
		summary_invalid(DURATION_TYPE_NAME, code,
						"The sum of squares is not consistent with the sum, minimum and maximum.");
	/* n * sum_squares >= sum^2 */
	q = s->sum / n;
	r = s->sum % n;
	if (!product_at_most(q, s->sum + r, s->sum_squares))
		summary_invalid(DURATION_TYPE_NAME, code,
						"The sum of squares is smaller than the sum allows.");
	around_q = s->sum_squares - q * (s->sum + r);
	if (around_q < n && around_q * n < r * r)
		summary_invalid(DURATION_TYPE_NAME, code,
						"The sum of squares is smaller than the sum allows.");
}

/*
 * Build a canonical summary from decoded fields and check everything: the
 * bucket range, the total count, and that minimum, maximum and sums fit the
 * counts.  code is 22P02 for text, 22P03 for binary.
 */
static DurationSummary *
duration_from_parts(const DurationSummary *fields, const int64 *counts, int code)
{
	DurationSummary *s;
	int64		total = fields->zeros;
	int			n = fields->buckets;

	if (fields->first_bucket < 0 || fields->first_bucket > DURATION_MAX_BUCKET ||
		n > DURATION_MAX_BUCKET + 1 - fields->first_bucket)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s buckets %d to %d are out of range", DURATION_TYPE_NAME,
						fields->first_bucket, fields->first_bucket + n - 1),
				 errdetail("Buckets are numbered from 0 to %d.", DURATION_MAX_BUCKET)));
	for (int k = 0; k < n; k++)
		if (pg_add_s64_overflow(total, counts[k], &total))
			count_overflow(DURATION_TYPE_NAME);

	s = duration_new(n, 8);
	s->responses = total;
	s->zeros = fields->zeros;
	s->minimum = fields->minimum;
	s->maximum = fields->maximum;
	s->sum = fields->sum;
	s->sum_squares = fields->sum_squares;
	s->first_bucket = fields->first_bucket;
	memcpy(counts64(s), counts, sizeof(int64) * n);
	duration_canonicalize(s);

	if (total == 0)
	{
		if (s->minimum != 0 || s->maximum != 0 || s->sum != 0 || s->sum_squares != 0)
			summary_invalid(DURATION_TYPE_NAME, code,
							"An empty summary must have a minimum, maximum and sums of 0.");
		return s;
	}
	if (s->minimum > s->maximum)
		summary_invalid(DURATION_TYPE_NAME, code,
						"The minimum exceeds the maximum.");
	if ((s->zeros > 0) != (s->minimum == 0) ||
		(s->buckets > 0 && s->minimum > 0 && bucket_of(s->minimum) != s->first_bucket))
		summary_invalid(DURATION_TYPE_NAME, code,
						"The minimum does not fall in the lowest occupied bucket.");
	if ((s->buckets == 0) != (s->maximum == 0) ||
		(s->buckets > 0 && bucket_of(s->maximum) != s->first_bucket + s->buckets - 1))
		summary_invalid(DURATION_TYPE_NAME, code,
						"The maximum does not fall in the highest occupied bucket.");
	check_sums(s, code);
	return s;
}

/* Read a non-negative integer of up to 128 bits, at most max. */
static int128
parser_int128(SummaryParser *p, const char *field, int128 max)
{
	const char *start = p->pos;
	int128		value;

	if (!parser_integer(p, max, &value))
	{
		StringInfoData shown;

		initStringInfo(&shown);
		append_int128(&shown, max);
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s %.*s is out of range for type %s", field,
						(int) Min(p->pos - start, 50), start, p->type_name),
				 errdetail("It must be an integer from 0 to %s.", shown.data)));
	}
	return value;
}

/* Read a comma-separated list of up to max counts, maybe empty. */
static int
parser_count_list(SummaryParser *p, int64 *counts, int max)
{
	int			n = 0;

	if (*p->pos == '\0' || isspace((unsigned char) *p->pos))
		return 0;
	for (;;)
	{
		if (n == max)
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("%s has more than %d bucket counts", p->type_name, max),
					 errdetail("Buckets are numbered from 0 to %d.", DURATION_MAX_BUCKET)));
		counts[n++] = parser_count(p);
		if (*p->pos != ',')
			return n;
		p->pos++;
	}
}

PG_FUNCTION_INFO_V1(duration_summary_in);
Datum
duration_summary_in(PG_FUNCTION_ARGS)
{
	DurationSummary fields = {0};
	int64	   *counts = palloc(sizeof(int64) * (DURATION_MAX_BUCKET + 1));
	SummaryParser p;

	parser_begin(&p, DURATION_TYPE_NAME, PG_GETARG_CSTRING(0));
	parser_key(&p, "zeros");
	fields.zeros = parser_count(&p);
	parser_key(&p, "min");
	fields.minimum = (int64) parser_int128(&p, "minimum", PG_INT64_MAX);
	parser_key(&p, "max");
	fields.maximum = (int64) parser_int128(&p, "maximum", PG_INT64_MAX);
	parser_key(&p, "sum");
	fields.sum = parser_int128(&p, "sum", INT128_MAX_VALUE);
	parser_key(&p, "sum_squares");
	fields.sum_squares = parser_int128(&p, "sum of squares", INT128_MAX_VALUE);
	parser_key(&p, "first_bucket");
	fields.first_bucket = (int32) parser_int128(&p, "first bucket", DURATION_MAX_BUCKET);
	parser_key(&p, "counts");
	fields.buckets = parser_count_list(&p, counts, DURATION_MAX_BUCKET + 1);
	parser_end(&p);
	PG_RETURN_POINTER(duration_from_parts(&fields, counts,
										  ERRCODE_INVALID_TEXT_REPRESENTATION));
}

PG_FUNCTION_INFO_V1(duration_summary_out);
Datum
duration_summary_out(PG_FUNCTION_ARGS)
{
	DurationSummary *s = PG_GETARG_DURATION(0);
	StringInfoData out;

	format_begin(&out);
	format_int128(&out, "zeros", s->zeros);
	format_int128(&out, "min", s->minimum);
	format_int128(&out, "max", s->maximum);
	format_int128(&out, "sum", s->sum);
	format_int128(&out, "sum_squares", s->sum_squares);
	format_int128(&out, "first_bucket", s->first_bucket);
	appendStringInfoString(&out, " counts=");
	for (int k = 0; k < s->buckets; k++)
		appendStringInfo(&out, "%s%lld", k == 0 ? "" : ",",
						 (long long) bucket_count(s, k));
	PG_RETURN_CSTRING(out.data);
}

/* A 128-bit sum as its high and low 64 bits, as send_sums() writes it. */
static int128
recv_int128(StringInfo buf)
{
	int64		high = recv_count(buf, DURATION_TYPE_NAME);	/* sums are >= 0 */
	uint64		low = (uint64) recv_int64(buf, DURATION_TYPE_NAME);

	return (int128) (((uint128) high << 64) | low);
}

PG_FUNCTION_INFO_V1(duration_summary_recv);
Datum
duration_summary_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	DurationSummary fields = {0};
	int64	   *counts;

	recv_version(buf, DURATION_TYPE_NAME);
	fields.zeros = recv_count(buf, DURATION_TYPE_NAME);
	fields.minimum = recv_count(buf, DURATION_TYPE_NAME);
	fields.maximum = recv_count(buf, DURATION_TYPE_NAME);
	fields.sum = recv_int128(buf);
	fields.sum_squares = recv_int128(buf);
	fields.first_bucket = recv_int32(buf, DURATION_TYPE_NAME);
	fields.buckets = recv_int32(buf, DURATION_TYPE_NAME);
	if (fields.buckets < 0 || fields.buckets > DURATION_MAX_BUCKET + 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary %s value", DURATION_TYPE_NAME),
				 errdetail("%d bucket counts; there can be 0 to %d.",
						   fields.buckets, DURATION_MAX_BUCKET + 1)));
	counts = palloc(sizeof(int64) * (fields.buckets + 1));
	recv_counts(buf, counts, fields.buckets, DURATION_TYPE_NAME);
	recv_end(buf, DURATION_TYPE_NAME);
	PG_RETURN_POINTER(duration_from_parts(&fields, counts,
										  ERRCODE_INVALID_BINARY_REPRESENTATION));
}

PG_FUNCTION_INFO_V1(duration_summary_send);
Datum
duration_summary_send(PG_FUNCTION_ARGS)
{
	DurationSummary *s = PG_GETARG_DURATION(0);
	StringInfoData buf;

	send_begin(&buf);
	pq_sendint64(&buf, s->zeros);
	pq_sendint64(&buf, s->minimum);
	pq_sendint64(&buf, s->maximum);
	send_sums(&buf, &s->sum, 1);
	send_sums(&buf, &s->sum_squares, 1);
	pq_sendint32(&buf, s->first_bucket);
	pq_sendint32(&buf, s->buckets);
	for (int k = 0; k < s->buckets; k++)
		pq_sendint64(&buf, bucket_count(s, k));
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* ---------------------------------------------------------------------
 * Aggregate support
 * ---------------------------------------------------------------------
 */

/*
 * The transitions of aht_agg: add one duration.  Not strict, so that the
 * summary is created on the first non-NULL duration and NULLs are skipped.
 */
static Datum
duration_trans(FunctionCallInfo fcinfo, int64 us)
{
	DurationSummary *s = PG_ARGISNULL(0) ? duration_new(0, 4) :
		summary_for_update(fcinfo, 0);

	PG_RETURN_POINTER(duration_add(s, us));
}

PG_FUNCTION_INFO_V1(aht_agg_trans_seconds);
Datum
aht_agg_trans_seconds(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(1))
		return state_unchanged(fcinfo);
	return duration_trans(fcinfo, seconds_to_us(PG_GETARG_FLOAT8(1), "duration",
											   ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE));
}

PG_FUNCTION_INFO_V1(aht_agg_trans_interval);
Datum
aht_agg_trans_interval(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(1))
		return state_unchanged(fcinfo);
	return duration_trans(fcinfo, interval_to_us(PG_GETARG_DATUM(1), "duration",
												ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE));
}

/*
 * The inverse transitions, for moving window frames.  Returning NULL tells
 * PostgreSQL to recompute the frame from scratch: we do that when the
 * duration leaving is the frame's minimum or maximum, so that those stay
 * exact.  For frames of k rows in random order that happens about every k/2
 * rows, so a frame still costs O(1) per row on average.
 */
static Datum
duration_inverse(FunctionCallInfo fcinfo, int64 us)
{
	DurationSummary *s;

	if (PG_ARGISNULL(0))
		elog(ERROR, "aht_agg inverse transition called without a state");
	s = summary_for_update(fcinfo, 0);
	if (!duration_remove(s, us))
		PG_RETURN_NULL();
	PG_RETURN_POINTER(s);
}

PG_FUNCTION_INFO_V1(aht_agg_inverse_seconds);
Datum
aht_agg_inverse_seconds(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(1))
		return state_unchanged(fcinfo);
	return duration_inverse(fcinfo, seconds_to_us(PG_GETARG_FLOAT8(1), "duration",
											   ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE));
}

PG_FUNCTION_INFO_V1(aht_agg_inverse_interval);
Datum
aht_agg_inverse_interval(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(1))
		return state_unchanged(fcinfo);
	return duration_inverse(fcinfo, interval_to_us(PG_GETARG_DATUM(1), "duration",
												ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE));
}

/* Merge two summaries: the combine function, and rollup's transition. */
PG_FUNCTION_INFO_V1(duration_summary_merge);
Datum
duration_summary_merge(PG_FUNCTION_ARGS)
{
	DurationSummary *from = PG_GETARG_DURATION(1);
	DurationSummary *into = summary_for_update(fcinfo, 0);

	PG_RETURN_POINTER(duration_merge(into, from));
}

/*
 * rollup's inverse transition: take back a summary merged earlier, or
 * return NULL (recompute the frame) when it held the frame's minimum or
 * maximum.
 */
PG_FUNCTION_INFO_V1(duration_summary_unmerge);
Datum
duration_summary_unmerge(PG_FUNCTION_ARGS)
{
	DurationSummary *removed = PG_GETARG_DURATION(1);
	DurationSummary *from = summary_for_update(fcinfo, 0);

	if (!duration_unmerge(from, removed))
		PG_RETURN_NULL();
	PG_RETURN_POINTER(from);
}

/* Final function of both aggregates: NULL for a summary of no durations. */
PG_FUNCTION_INFO_V1(duration_summary_final);
Datum
duration_summary_final(PG_FUNCTION_ARGS)
{
	DurationSummary *s = PG_GETARG_DURATION(0);

	if (s->responses == 0)
		PG_RETURN_NULL();
	PG_RETURN_POINTER(s);
}

/* ---------------------------------------------------------------------
 * Accessors: every figure in seconds
 * ---------------------------------------------------------------------
 */

/* A figure in seconds of the summary's, NULL for a summary of no durations. */
static Datum
seconds_or_null(FunctionCallInfo fcinfo, const DurationSummary *s, int128 us)
{
	if (s->responses == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(us_to_seconds(us));
}

PG_FUNCTION_INFO_V1(duration_summary_mean);
Datum
duration_summary_mean(PG_FUNCTION_ARGS)
{
	DurationSummary *s = PG_GETARG_DURATION(0);

	if (s->responses == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(exact_ratio(s->sum, (int128) s->responses * DURATION_USECS_PER_SEC));
}

PG_FUNCTION_INFO_V1(duration_summary_responses);
Datum
duration_summary_responses(PG_FUNCTION_ARGS)
{
	PG_RETURN_ZERO_IF_NULL(0);
	PG_RETURN_INT64(PG_GETARG_DURATION(0)->responses);
}

PG_FUNCTION_INFO_V1(duration_summary_total);
Datum
duration_summary_total(PG_FUNCTION_ARGS)
{
	DurationSummary *s = PG_GETARG_DURATION(0);

	return seconds_or_null(fcinfo, s, s->sum);
}

PG_FUNCTION_INFO_V1(duration_summary_minimum);
Datum
duration_summary_minimum(PG_FUNCTION_ARGS)
{
	DurationSummary *s = PG_GETARG_DURATION(0);

	return seconds_or_null(fcinfo, s, s->minimum);
}

PG_FUNCTION_INFO_V1(duration_summary_maximum);
Datum
duration_summary_maximum(PG_FUNCTION_ARGS)
{
	DurationSummary *s = PG_GETARG_DURATION(0);

	return seconds_or_null(fcinfo, s, s->maximum);
}

PG_FUNCTION_INFO_V1(duration_summary_percentile);
Datum
duration_summary_percentile(PG_FUNCTION_ARGS)
{
	DurationSummary *s = PG_GETARG_DURATION(0);
	double		fraction = PG_GETARG_FLOAT8(1);

	check_fraction(fraction);
	if (s->responses == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(duration_percentile(s, fraction));
}

/*
 * 'green', 'amber' or 'red' against a target mean duration in seconds: for
 * durations lower is better, so green means the whole interval is below it.
 */
PG_FUNCTION_INFO_V1(duration_summary_status);
Datum
duration_summary_status(PG_FUNCTION_ARGS)
{
	return interval_status(fcinfo, PG_GETARG_DURATION(0), duration_interval,
						   false, 0.0, INFINITY, "a mean duration");
}

PG_FUNCTION_INFO_V1(duration_summary_lower_bound);
Datum
duration_summary_lower_bound(PG_FUNCTION_ARGS)
{
	return interval_lower_bound(fcinfo, PG_GETARG_DURATION(0), duration_interval);
}

PG_FUNCTION_INFO_V1(duration_summary_upper_bound);
Datum
duration_summary_upper_bound(PG_FUNCTION_ARGS)
{
	return interval_upper_bound(fcinfo, PG_GETARG_DURATION(0), duration_interval);
}

/* Every figure and count, for BI tools and exports. */
PG_FUNCTION_INFO_V1(duration_summary_jsonb);
Datum
duration_summary_jsonb(PG_FUNCTION_ARGS)
{
	DurationSummary *s = PG_GETARG_DURATION(0);
	StringInfoData out;
	ConfidenceInterval interval = {0.0, 0.0};
	bool		empty = s->responses == 0;
	bool		has_interval = duration_interval(s, 0.95, &interval);
	int64	   *counts = palloc(sizeof(int64) * (s->buckets + 1));

	for (int k = 0; k < s->buckets; k++)
		counts[k] = bucket_count(s, k);
	json_begin(&out);
	json_int64(&out, "responses", s->responses);
	json_double(&out, "mean", empty ? 0.0 :
				exact_ratio(s->sum, (int128) s->responses * DURATION_USECS_PER_SEC), empty);
	json_double(&out, "median", empty ? 0.0 : duration_percentile(s, 0.5), empty);
	json_double(&out, "p90", empty ? 0.0 : duration_percentile(s, 0.9), empty);
	json_double(&out, "p95", empty ? 0.0 : duration_percentile(s, 0.95), empty);
	json_double(&out, "p99", empty ? 0.0 : duration_percentile(s, 0.99), empty);
	json_double(&out, "minimum", us_to_seconds(s->minimum), empty);
	json_double(&out, "maximum", us_to_seconds(s->maximum), empty);
	json_double(&out, "total", us_to_seconds(s->sum), empty);
	json_double(&out, "stddev", has_interval ? sqrt(duration_variance(s)) / DURATION_USECS_PER_SEC : 0.0,
				!has_interval);
	json_double(&out, "lower_bound", interval.lower, !has_interval);
	json_double(&out, "upper_bound", interval.upper, !has_interval);
	json_double(&out, "confidence", 0.95, false);
	json_double(&out, "gamma", DURATION_GAMMA, false);
	json_int64(&out, "zeros", s->zeros);
	json_int64(&out, "first_bucket", s->first_bucket);
	json_int64_array(&out, "counts", counts, s->buckets);
	PG_RETURN_DATUM(json_finish(&out));
}

/* ---------------------------------------------------------------------
 * Comparisons of mean durations
 * ---------------------------------------------------------------------
 */

/* The durations of a summary, in seconds, as one side of Welch's test. */
static MeanSample
duration_sample(const DurationSummary *s)
{
	MeanSample	sample = {0.0, 0.0, s->responses};

	if (sample.n > 0)
		sample.mean = exact_ratio(s->sum, (int128) s->responses * DURATION_USECS_PER_SEC);
	if (sample.n > 1)
		sample.variance = duration_variance(s) /
			((double) DURATION_USECS_PER_SEC * (double) DURATION_USECS_PER_SEC);
	return sample;
}

/*
 * Compare the mean durations of a and b (arguments 0 and 1, with the
 * confidence level as argument 2 where there is one) by Welch's t test and
 * interval, in seconds: NULL when either holds no durations.
 */
static Datum
duration_comparison(FunctionCallInfo fcinfo, ComparisonPart part)
{
	DurationSummary *a = PG_GETARG_DURATION(0);
	DurationSummary *b = PG_GETARG_DURATION(1);
	double		confidence = PG_NARGS() > 2 ? PG_GETARG_FLOAT8(2) : 0.95;
	MeanSample	sa;
	MeanSample	sb;
	Comparison	result;

	(void) confidence_z(confidence);	/* a bad level is an error even with no answers */
	sa = duration_sample(a);
	sb = duration_sample(b);
	if (sa.n == 0 || sb.n == 0)
		PG_RETURN_NULL();
	compare_means(&sa, &sb, confidence, INFINITY, &result);
	return comparison_part(fcinfo, &result, part);
}

PG_FUNCTION_INFO_V1(duration_summary_difference);
Datum
duration_summary_difference(PG_FUNCTION_ARGS)
{
	return duration_comparison(fcinfo, COMPARISON_DIFFERENCE);
}

PG_FUNCTION_INFO_V1(duration_summary_difference_lower_bound);
Datum
duration_summary_difference_lower_bound(PG_FUNCTION_ARGS)
{
	return duration_comparison(fcinfo, COMPARISON_LOWER_BOUND);
}

PG_FUNCTION_INFO_V1(duration_summary_difference_upper_bound);
Datum
duration_summary_difference_upper_bound(PG_FUNCTION_ARGS)
{
	return duration_comparison(fcinfo, COMPARISON_UPPER_BOUND);
}

PG_FUNCTION_INFO_V1(duration_summary_p_value);
Datum
duration_summary_p_value(PG_FUNCTION_ARGS)
{
	return duration_comparison(fcinfo, COMPARISON_P_VALUE);
}
