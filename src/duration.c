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
 * The occupied buckets are stored in whichever of two forms is smaller:
 * dense, every count from the lowest to the highest occupied bucket; or
 * sparse, the occupied buckets' counts followed by their 16-bit bucket
 * numbers.  Counts are 32-bit while every count fits and 64-bit once one
 * does not.  A few durations thus take a few bytes (the state of a hash
 * aggregate grows with what it holds, so work_mem holds), and ten million
 * handle times between 1 second and 10 hours (531 buckets) take about 2 kB.
 * The form and the width are functions of the counts alone, ties going to
 * the dense form, so equal summaries are equal bytes.
 *
 * The stored layout has version 2.  Version 1 (scorecard 0.1.0) was the
 * dense form alone; such values, read from disk, are converted on the fly.
 */
#include "postgres.h"

#include <ctype.h>
#include <limits.h>
#include <math.h>

#include "common/int.h"
#include "libpq/pqformat.h"
#include "utils/sortsupport.h"

#include "scorecard.h"

#define DURATION_TYPE_NAME "duration_summary"
#define DURATION_GAMMA 1.02
#define DURATION_MAX_BUCKET 2206	/* bucket of 2^63 - 1 microseconds */
#define DURATION_USECS_PER_SEC 1000000

/* header.version of the stored layout, and of 0.1.0's dense-only one */
#define DURATION_LAYOUT 2
#define DURATION_LAYOUT_V1 1
/* header.kind: the form of the bucket counts */
#define DURATION_DENSE 0
#define DURATION_SPARSE 1

typedef struct DurationSummary
{
	SummaryHeader header;		/* kind: dense or sparse; scale: bytes per
								 * bucket count, 4 or 8 */
	int64		responses;		/* durations summarized */
	int64		zeros;			/* durations of exactly 0 */
	int64		minimum;		/* microseconds; 0 when empty */
	int64		maximum;		/* microseconds; 0 when empty */
	int128		sum;			/* microseconds */
	int128		sum_squares;	/* microseconds squared */
	int32		first_bucket;	/* dense: bucket of the first count; else 0 */
	int32		buckets;		/* number of bucket counts that follow */

	/*
	 * int32 or int64 counts[buckets] follow, per header.scale; in the sparse
	 * form, then uint16 bucket numbers[buckets], ascending.
	 */
} DurationSummary;

/* A sparse summary of one 64-bit count, laid out as any sparse summary. */
typedef struct OneBucket
{
	DurationSummary summary;
	int64		count;			/* counts[0] */
	uint16		bucket;			/* bucket numbers[0] */
} OneBucket;

#define PG_GETARG_DURATION(n) duration_for_read(fcinfo, (n))

static Size
duration_size(int kind, int buckets, int width)
{
	Size		per_bucket = width + (kind == DURATION_SPARSE ? sizeof(uint16) : 0);

	return sizeof(DurationSummary) + (Size) buckets * per_bucket;
}

/* An empty summary: dense, no buckets, 32-bit counts. */
static DurationSummary *
duration_new(void)
{
	DurationSummary *s = summary_alloc(duration_size(DURATION_DENSE, 0, 4));

	s->header.version = DURATION_LAYOUT;
	s->header.scale = 4;
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

/* The bucket numbers of a sparse summary, after its counts. */
static uint16 *
sparse_buckets(const DurationSummary *s)
{
	return (uint16 *) ((char *) s + sizeof(DurationSummary) +
					   (Size) s->buckets * s->header.scale);
}

/* Count at position k of the stored counts (not bucket index k). */
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

/* The bucket whose count is at position k. */
static int
bucket_at(const DurationSummary *s, int k)
{
	if (s->header.kind == DURATION_SPARSE)
		return sparse_buckets(s)[k];
	return s->first_bucket + k;
}

/* The position of bucket i among the stored counts, or -1 if none. */
static int
bucket_position(const DurationSummary *s, int i)
{
	int			lo = 0,
				hi = s->buckets;
	const uint16 *numbers;

	if (s->header.kind == DURATION_DENSE)
		return (i >= s->first_bucket && i - s->first_bucket < s->buckets) ?
			i - s->first_bucket : -1;
	numbers = sparse_buckets(s);
	while (lo < hi)
	{
		int			mid = lo + (hi - lo) / 2;

		if (numbers[mid] < i)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (lo < s->buckets && numbers[lo] == i) ? lo : -1;
}

/* The lowest and highest occupied buckets; false when there are none. */
static bool
occupied_ends(const DurationSummary *s, int *first, int *last)
{
	if (s->buckets == 0)
		return false;
	*first = bucket_at(s, 0);
	*last = bucket_at(s, s->buckets - 1);
	return true;
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
 * The shortest duration that falls in bucket i, in microseconds: the least
 * us with bucket_of(us) >= i, found once per bucket by bisection, so that it
 * agrees with bucket_of() whatever the rounding of log().  A bucket that no
 * whole microsecond falls in has a lowest duration above its highest.
 */
static int64
bucket_lowest(int i)
{
	static int64 lowest[DURATION_MAX_BUCKET + 1];

	if (i == 0)
		return 1;
	if (lowest[i] == 0)
	{
		int64		lo = 1,
					hi = PG_INT64_MAX;

		while (lo < hi)
		{
			int64		mid = lo + (hi - lo) / 2;

			if (bucket_of(mid) >= i)
				hi = mid;
			else
				lo = mid + 1;
		}
		lowest[i] = lo;
	}
	return lowest[i];
}

/* The longest duration that falls in bucket i, in microseconds. */
static int64
bucket_highest(int i)
{
	return i == DURATION_MAX_BUCKET ? PG_INT64_MAX : bucket_lowest(i + 1) - 1;
}

/* A corrupt stored value: XX001, as every type reports one. */
pg_noreturn static void
duration_corrupt(const char *detail)
{
	summary_invalid(DURATION_TYPE_NAME, ERRCODE_DATA_CORRUPTED, detail);
}

/*
 * The canonical summary with the scalar fields of fields (counts, extremes
 * and sums) and the n occupied buckets buckets[] (ascending) with counts[]
 * (positive): the form and count width that take fewer bytes.
 */
static DurationSummary *
duration_from_buckets(const DurationSummary *fields, const int *buckets,
					  const int64 *counts, int n)
{
	int			width = 4;
	int			range = n > 0 ? buckets[n - 1] - buckets[0] + 1 : 0;
	int			kind;
	DurationSummary *s;

	for (int j = 0; j < n; j++)
	{
		if (buckets[j] < 0 || buckets[j] > DURATION_MAX_BUCKET ||
			(j > 0 && buckets[j] <= buckets[j - 1]))
			duration_corrupt("Its buckets are not in ascending order.");
		if (counts[j] > PG_INT32_MAX)
			width = 8;
	}
	kind = duration_size(DURATION_SPARSE, n, width) <
		duration_size(DURATION_DENSE, range, width) ? DURATION_SPARSE : DURATION_DENSE;
	s = summary_alloc(kind == DURATION_SPARSE ? duration_size(kind, n, width) :
					  duration_size(kind, range, width));
	s->header.version = DURATION_LAYOUT;
	s->header.kind = kind;
	s->header.scale = width;
	s->responses = fields->responses;
	s->zeros = fields->zeros;
	s->minimum = fields->minimum;
	s->maximum = fields->maximum;
	s->sum = fields->sum;
	s->sum_squares = fields->sum_squares;
	s->buckets = kind == DURATION_SPARSE ? n : range;
	s->first_bucket = (kind == DURATION_DENSE && n > 0) ? buckets[0] : 0;
	for (int j = 0; j < n; j++)
	{
		if (kind == DURATION_SPARSE)
		{
			bucket_set(s, j, counts[j]);
			sparse_buckets(s)[j] = (uint16) buckets[j];
		}
		else
			bucket_set(s, buckets[j] - buckets[0], counts[j]);
	}
	return s;
}

pg_noreturn static void
not_held(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("cannot remove durations that the %s does not hold",
					DURATION_TYPE_NAME),
			 errdetail("An inverse transition may only take out durations that were added.")));
}

/*
 * The occupied buckets of a plus (or minus) those of b into buckets[] and
 * counts[], which have room for both; returns how many.
 */
static int
buckets_combined(const DurationSummary *a, const DurationSummary *b,
				 bool subtract, int *buckets, int64 *counts)
{
	int			na = a->buckets;
	int			nb = b->buckets;
	int			ka = 0,
				kb = 0,
				n = 0;

	while (ka < na || kb < nb)
	{
		int			ia = ka < na ? bucket_at(a, ka) : INT_MAX;
		int			ib = kb < nb ? bucket_at(b, kb) : INT_MAX;
		int			bucket = Min(ia, ib);

		/* cppcheck-suppress knownConditionTrueFalse ; it is true when ia <= ib */
		int64		count = ia == bucket ? bucket_count(a, ka++) : 0;
		int64		other = ib == bucket ? bucket_count(b, kb++) : 0;

		if (subtract && other > count)
			not_held();
		if (subtract)
			count -= other;
		else if (pg_add_s64_overflow(count, other, &count))
			count_overflow(DURATION_TYPE_NAME);
		if (count != 0)
		{
			buckets[n] = bucket;
			counts[n++] = count;
		}
	}
	return n;
}

/*
 * A canonical copy of a with b's bucket counts added (or subtracted); the
 * scalar fields are a's, for the caller to update.  b may be NULL: a
 * summary brought back to canonical form.
 */
static DurationSummary *
duration_rebuilt(const DurationSummary *a, const DurationSummary *b, bool subtract)
{
	DurationSummary none;
	int			room,
				n;
	int		   *buckets;
	int64	   *counts;
	DurationSummary *s;

	memset(&none, 0, sizeof(none));
	if (b == NULL)
		b = &none;
	room = a->buckets + b->buckets + 1;
	buckets = palloc(sizeof(int) * room);
	counts = palloc(sizeof(int64) * room);
	n = buckets_combined(a, b, subtract, buckets, counts);
	s = duration_from_buckets(a, buckets, counts, n);

	pfree(buckets);
	pfree(counts);
	return s;
}

/* b: a sparse summary of one count in bucket i, in the caller's buffer. */
static const DurationSummary *
one_bucket(OneBucket *b, int i)
{
	StaticAssertStmt(offsetof(OneBucket, count) == sizeof(DurationSummary) &&
					 offsetof(OneBucket, bucket) == sizeof(DurationSummary) + sizeof(int64),
					 "OneBucket is laid out as a sparse summary");
	memset(b, 0, sizeof(OneBucket));
	b->summary.header.kind = DURATION_SPARSE;
	b->summary.header.scale = 8;
	b->summary.buckets = 1;
	b->count = 1;
	b->bucket = (uint16) i;
	return &b->summary;
}

/* Empty a summary in place. */
static void
duration_clear(DurationSummary *s)
{
	Size		size = duration_size(DURATION_DENSE, 0, 4);

	memset((char *) s + sizeof(SummaryHeader), 0, size - sizeof(SummaryHeader));
	s->header.kind = DURATION_DENSE;
	s->header.scale = 4;
	SET_VARSIZE(s, size);
}

/* ---------------------------------------------------------------------
 * Reading a stored value: the layout checks, and 0.1.0's layout converted
 * ---------------------------------------------------------------------
 */

/*
 * What is wrong with the layout of s (of version 2, or 1 when v1 is set),
 * or NULL: the fields that say where the counts are, and the size.  Cheap
 * for every value; deep also checks a sparse value's bucket numbers.
 */
static const char *
layout_problem(const DurationSummary *s, bool v1, bool deep)
{
	int			first,
				last;

	if ((s->header.kind != DURATION_DENSE &&
		 (v1 || s->header.kind != DURATION_SPARSE)) || s->header.reserved != 0)
		return "Its form byte is not a known form.";
	if (s->header.scale != 4 && s->header.scale != 8)
		return "Its count width byte is neither 4 nor 8.";
	if (s->buckets < 0 || s->buckets > DURATION_MAX_BUCKET + 1 ||
		VARSIZE(s) != duration_size(s->header.kind, s->buckets, s->header.scale))
		return "Its size does not match its number of buckets.";
	if (s->header.kind == DURATION_DENSE &&
		(s->first_bucket < 0 || s->first_bucket > DURATION_MAX_BUCKET + 1 - s->buckets ||
		 (s->buckets == 0 && s->first_bucket != 0)))
		return "Its bucket range is outside buckets 0 to 2206.";
	if (s->header.kind == DURATION_SPARSE && s->first_bucket != 0)
		return "A sparse value has a first bucket.";
	if (!deep || s->header.kind == DURATION_DENSE || !occupied_ends(s, &first, &last))
		return NULL;
	for (int k = 1; k < s->buckets; k++)
		if (sparse_buckets(s)[k] <= sparse_buckets(s)[k - 1])
			return "Its bucket numbers are not in ascending order.";
	return last > DURATION_MAX_BUCKET ? "Its bucket range is outside buckets 0 to 2206." : NULL;
}

/*
 * What is wrong with the counts of s, or NULL: negative counts, a total
 * that is not the number of responses, and (when canonical) a form or
 * width that is not the one its counts call for.
 */
static const char *
counts_problem(const DurationSummary *s, bool canonical)
{
	int64		total = s->zeros;
	int64		largest = 0;
	int			occupied = 0;
	int			first,
				last;
	int			kind;

	if (s->responses < 0 || s->zeros < 0)
		return "A count is negative.";
	for (int k = 0; k < s->buckets; k++)
	{
		int64		count = bucket_count(s, k);

		if (count < 0)
			return "A count is negative.";
		if (pg_add_s64_overflow(total, count, &total))
			return "Its counts add up to more than 2^63 - 1.";
		largest = Max(largest, count);
		occupied += count > 0;
		if (canonical && count == 0 &&
			(s->header.kind == DURATION_SPARSE || k == 0 || k == s->buckets - 1))
			return "It stores a bucket that holds no duration.";
	}
	if (total != s->responses)
		return "Its counts do not add up to its number of durations.";
	if (!canonical)
		return NULL;
	if ((largest > PG_INT32_MAX) != (s->header.scale == 8))
		return "Its count width is not the narrowest.";
	if (!occupied_ends(s, &first, &last))
		return s->header.kind == DURATION_DENSE ? NULL : "An empty value is not dense.";
	kind = duration_size(DURATION_SPARSE, occupied, s->header.scale) <
		duration_size(DURATION_DENSE, last - first + 1, s->header.scale) ?
		DURATION_SPARSE : DURATION_DENSE;
	return kind == s->header.kind ? NULL : "Its form is not the smaller one.";
}

/*
 * Check a summary read from a datum: raise XX001 for a corrupt value, and
 * return 0.1.0's layout converted to the current one (a new value).  full
 * checks every count; without it (a transition state) the checks cost O(1)
 * and only keep every access in bounds.
 */
static DurationSummary *
duration_checked(DurationSummary *s, bool full)
{
	const char *problem;

	if (VARSIZE(s) < sizeof(DurationSummary))
		duration_corrupt("It is shorter than its header.");
	if (s->header.version == DURATION_LAYOUT_V1)
	{
		problem = layout_problem(s, true, true);
		if (problem == NULL)
			problem = counts_problem(s, false);
		if (problem != NULL)
			duration_corrupt(problem);
		return duration_rebuilt(s, NULL, false);
	}
	if (s->header.version != DURATION_LAYOUT)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("%s value has an unsupported layout", DURATION_TYPE_NAME),
				 errdetail("Layout version %d; this version of scorecard reads versions %d and %d.",
						   s->header.version, DURATION_LAYOUT_V1, DURATION_LAYOUT)));
	problem = layout_problem(s, false, full);
	if (problem == NULL && full)
		problem = counts_problem(s, true);
	if (problem != NULL)
		duration_corrupt(problem);
	return s;
}

/* Argument argno, checked, to read. */
static DurationSummary *
duration_for_read(FunctionCallInfo fcinfo, int argno)
{
	return duration_checked((DurationSummary *) PG_DETOAST_DATUM(PG_GETARG_DATUM(argno)),
							true);
}

/*
 * Argument argno, a transition state, to update (in place inside an
 * aggregate, see summary_for_update).  Inside an aggregate, our own
 * transitions made it, or it is the first value rollup() copied in: the
 * cheap checks keep every access in bounds, and the final function checks
 * the rest.  Called directly, it is checked as any value read.
 */
static DurationSummary *
duration_for_update(FunctionCallInfo fcinfo, int argno)
{
	return duration_checked(summary_for_update(fcinfo, argno),
							!AggCheckCallContext(fcinfo, NULL));
}

/* ---------------------------------------------------------------------
 * Adding, removing, merging
 * ---------------------------------------------------------------------
 */

pg_noreturn static void
sum_squares_overflow(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("%s sum of squares is out of range", DURATION_TYPE_NAME),
			 errdetail("The squared durations of one summary, in microseconds, cannot add up to 2^127 or more.")));
}

/*
 * Add one count to bucket i in place.  Returns false when s stores no count
 * for bucket i or its 32-bit count is full: the caller then rebuilds the
 * summary, which is the only allocation on this path.
 */
static bool
bucket_try_increment(DurationSummary *s, int i)
{
	int			k = bucket_position(s, i);

	if (k < 0)
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
		OneBucket	one;

		s = duration_rebuilt(s, one_bucket(&one, i), false);
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
 * Remove one duration (a moving aggregate's inverse).  Returns the (maybe
 * moved) summary, or NULL when the duration was the frame's minimum or
 * maximum: the remaining extreme is then unknown, and the caller makes
 * PostgreSQL recompute the frame.  A duration that s cannot hold raises
 * 22023.
 */
static DurationSummary *
duration_remove(DurationSummary *s, int64 us)
{
	int			k = us == 0 ? -1 : bucket_position(s, bucket_of(us));

	if (s->responses == 0 || us < s->minimum || us > s->maximum ||
		(us == 0 ? s->zeros == 0 : (k < 0 || bucket_count(s, k) == 0)))
		not_held();
	if (s->responses == 1)
	{
		duration_clear(s);
		return s;
	}
	if (!extremes_survive(s, us, us, 1))
		return NULL;
	s->responses--;
	s->sum -= us;
	s->sum_squares -= (int128) us * us;
	if (us == 0)
	{
		s->zeros--;
		return s;
	}
	bucket_set(s, k, bucket_count(s, k) - 1);
	/* an emptied bucket or a count back within 32 bits may change the form */
	if (bucket_count(s, k) == 0 ||
		(s->header.scale == 8 && bucket_count(s, k) == PG_INT32_MAX))
		s = duration_rebuilt(s, NULL, false);
	return s;
}

/* Merge b into a; returns a, or a rebuilt copy of it. */
static DurationSummary *
duration_merge(DurationSummary *a, const DurationSummary *b)
{
	int64		responses;
	bool		in_place = true;

	if (b->responses == 0)
		return a;
	if (pg_add_s64_overflow(a->responses, b->responses, &responses))
		count_overflow(DURATION_TYPE_NAME);
	if (a->sum_squares > INT128_MAX_VALUE - b->sum_squares)
		sum_squares_overflow();

	/* in place when a stores every bucket of b and no count outgrows it */
	for (int k = 0; k < b->buckets && in_place; k++)
	{
		int			ka = bucket_position(a, bucket_at(b, k));

		in_place = bucket_count(b, k) == 0 ||
			(ka >= 0 && (a->header.scale == 8 ||
						 bucket_count(a, ka) + bucket_count(b, k) <= PG_INT32_MAX));
	}
	if (!in_place)
		a = duration_rebuilt(a, b, false);
	else
	{
		for (int k = 0; k < b->buckets; k++)
		{
			int			ka = bucket_position(a, bucket_at(b, k));
			int64		count;

			if (ka < 0)
				continue;
			if (pg_add_s64_overflow(bucket_count(a, ka), bucket_count(b, k), &count))
				count_overflow(DURATION_TYPE_NAME);
			bucket_set(a, ka, count);
		}
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
 * the result, a new value, or NULL when b held a's minimum or maximum.  What
 * a cannot hold raises 22023.
 */
static DurationSummary *
duration_unmerge(DurationSummary *a, const DurationSummary *b)
{
	DurationSummary *r;

	if (b->responses == 0)
		return a;
	if (b->responses > a->responses || b->zeros > a->zeros ||
		b->minimum < a->minimum || b->maximum > a->maximum ||
		b->sum > a->sum || b->sum_squares > a->sum_squares)
		not_held();
	if (!extremes_survive(a, b->minimum, b->maximum, b->zeros) &&
		b->responses < a->responses)
		return NULL;
	r = duration_rebuilt(a, b, true);
	r->responses -= b->responses;
	r->zeros -= b->zeros;
	r->sum -= b->sum;
	r->sum_squares -= b->sum_squares;
	if (r->responses == 0)
	{
		if (r->zeros != 0 || r->buckets != 0 || r->sum != 0 || r->sum_squares != 0)
			not_held();
		duration_clear(r);
	}
	return r;
}

/*
 * Sample variance in microseconds squared (0 for fewer than 2 durations).  With
 * the mean split as q + r/n, sum (x - q)^2 = S2 - q (S1 + r) is an exact
 * integer, and sum (x - mean)^2 is that less r^2/n.
 */
static double
duration_variance(const DurationSummary *s)
{
	int128		q,
				r,
				around_q;
	double		squares;

	if (s->responses < 2)
		return 0.0;
	q = s->sum / s->responses;
	r = s->sum % s->responses;
	around_q = s->sum_squares - q * (s->sum + r);
	squares = (double) around_q - (double) r * ((double) r / (double) s->responses);
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
			us = bucket_value(bucket_at(s, k));
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

/* ---------------------------------------------------------------------
 * Which sums the counts allow
 * ---------------------------------------------------------------------
 */

/* floor(a / b) >= c for a >= 0, b > 0, without overflowing a product */
static bool
product_at_most(int128 b, int128 c, int128 a)
{
	return b == 0 || c <= a / b;
}

/* a + count * x * y for non-negative operands, saturating at INT128_MAX */
static int128
add_product(int128 a, int64 count, int128 x, int128 y)
{
	int128		product;

	if (__builtin_mul_overflow(x, y, &product) ||
		__builtin_mul_overflow(product, (int128) count, &product) ||
		__builtin_add_overflow(a, product, &product))
		return INT128_MAX_VALUE;
	return product;
}

/*
 * What is wrong with the extremes of s, or NULL: each must be a duration
 * that s holds, in its lowest and highest occupied bucket (or a zero).
 */
static const char *
extremes_problem(const DurationSummary *s)
{
	int			first,
				last;
	bool		occupied = occupied_ends(s, &first, &last);

	if (s->responses == 0)
		return (s->minimum != 0 || s->maximum != 0 || s->sum != 0 || s->sum_squares != 0) ?
			"An empty summary must have a minimum, maximum and sums of 0." : NULL;
	if (s->minimum > s->maximum)
		return "The minimum exceeds the maximum.";
	if ((s->zeros > 0) != (s->minimum == 0) ||
		(occupied && s->minimum > 0 && bucket_of(s->minimum) != first))
		return "The minimum does not fall in the lowest occupied bucket.";
	if (occupied != (s->maximum > 0) ||
		(occupied && bucket_of(s->maximum) != last))
		return "The maximum does not fall in the highest occupied bucket.";
	return NULL;
}

/*
 * What is wrong with the sums of s, or NULL.  Every duration lies in its
 * bucket and between the minimum and maximum, which are held exactly: so
 * the sum and the sum of squares lie between what the lowest and highest
 * durations each bucket allows would give.  And the variance is not
 * negative.  Any value that durations produce passes.
 */
static const char *
sums_problem(const DurationSummary *s)
{
	int			first,
				last;
	int128		low = 0,
				high = 0,
				low2 = 0,
				high2 = 0,
				q,
				r,
				around_q;
	int64		n = s->responses;

	if (!occupied_ends(s, &first, &last))
		return (s->sum != 0 || s->sum_squares != 0) ?
			"The sums of durations that are all zero must be 0." : NULL;
	for (int k = 0; k < s->buckets; k++)
	{
		int			bucket = bucket_at(s, k);
		int64		count = bucket_count(s, k);
		int64		lo = Max(bucket_lowest(bucket), s->minimum);
		int64		hi = Min(bucket_highest(bucket), s->maximum);

		if (count == 0)
			continue;
		if (lo > hi)
			return "A bucket holds durations it cannot hold between the minimum and maximum.";
		/* the maximum is one of the last bucket's, the minimum of the first's */
		low = add_product(low, count - (bucket == last), lo, 1);
		low2 = add_product(low2, count - (bucket == last), lo, lo);
		high = add_product(high, count - (bucket == first && s->minimum > 0), hi, 1);
		high2 = add_product(high2, count - (bucket == first && s->minimum > 0), hi, hi);
	}
	low = add_product(low, 1, s->maximum, 1);
	low2 = add_product(low2, 1, s->maximum, s->maximum);
	high = add_product(high, 1, s->minimum, 1);
	high2 = add_product(high2, 1, s->minimum, s->minimum);
	if (s->sum < low || s->sum > high)
		return "The sum is not one that durations in these buckets can have.";
	if (s->sum_squares < low2 || s->sum_squares > high2)
		return "The sum of squares is not one that durations in these buckets can have.";
	/* n * sum_squares >= sum^2 */
	q = s->sum / n;
	r = s->sum % n;
	if (!product_at_most(q, s->sum + r, s->sum_squares))
		return "The sum of squares is smaller than the sum allows.";
	around_q = s->sum_squares - q * (s->sum + r);
	if (around_q < n && around_q * n < r * r)
		return "The sum of squares is smaller than the sum allows.";
	return NULL;
}

/*
 * Build a canonical summary from decoded fields and the dense counts of
 * buckets fields->first_bucket on, and check everything: the bucket range,
 * the total count, and that minimum, maximum and sums fit the counts.  code
 * is 22P02 for text, 22P03 for binary.
 */
static DurationSummary *
duration_from_parts(const DurationSummary *fields, const int64 *counts, int code)
{
	DurationSummary *s;
	DurationSummary totals = *fields;
	int			n = fields->buckets;
	int		   *buckets = palloc(sizeof(int) * (n + 1));
	int64	   *occupied = palloc(sizeof(int64) * (n + 1));
	int			m = 0;
	const char *problem;

	if (fields->first_bucket < 0 || fields->first_bucket > DURATION_MAX_BUCKET ||
		n > DURATION_MAX_BUCKET + 1 - fields->first_bucket)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s buckets %d to %d are out of range", DURATION_TYPE_NAME,
						fields->first_bucket, fields->first_bucket + n - 1),
				 errdetail("Buckets are numbered from 0 to %d.", DURATION_MAX_BUCKET)));
	totals.responses = fields->zeros;
	for (int k = 0; k < n; k++)
	{
		if (pg_add_s64_overflow(totals.responses, counts[k], &totals.responses))
			count_overflow(DURATION_TYPE_NAME);
		if (counts[k] > 0)
		{
			buckets[m] = fields->first_bucket + k;
			occupied[m++] = counts[k];
		}
	}
	s = duration_from_buckets(&totals, buckets, occupied, m);
	problem = extremes_problem(s);
	if (problem == NULL)
		problem = sums_problem(s);
	if (problem != NULL)
		summary_invalid(DURATION_TYPE_NAME, code, problem);
	return s;
}

/*
 * The counts of every bucket from the lowest to the highest occupied one,
 * whatever the form: the text, binary and jsonb forms show them so.
 */
static int64 *
dense_counts(const DurationSummary *s, int *first_bucket, int *n)
{
	int			first = 0,
				last = -1;
	int64	   *counts;

	occupied_ends(s, &first, &last);
	counts = palloc0(sizeof(int64) * (last - first + 2));
	for (int k = 0; k < s->buckets; k++)
		counts[bucket_at(s, k) - first] = bucket_count(s, k);
	*first_bucket = first;
	*n = last - first + 1;
	return counts;
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
	int			first,
				n;
	int64	   *counts = dense_counts(s, &first, &n);

	format_begin(&out);
	format_int128(&out, "zeros", s->zeros);
	format_int128(&out, "min", s->minimum);
	format_int128(&out, "max", s->maximum);
	format_int128(&out, "sum", s->sum);
	format_int128(&out, "sum_squares", s->sum_squares);
	format_int128(&out, "first_bucket", first);
	appendStringInfoString(&out, " counts=");
	for (int k = 0; k < n; k++)
		appendStringInfo(&out, "%s%lld", k == 0 ? "" : ",", (long long) counts[k]);
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
	int			first,
				n;
	int64	   *counts = dense_counts(s, &first, &n);

	send_begin(&buf);
	pq_sendint64(&buf, s->zeros);
	pq_sendint64(&buf, s->minimum);
	pq_sendint64(&buf, s->maximum);
	send_sums(&buf, &s->sum, 1);
	send_sums(&buf, &s->sum_squares, 1);
	pq_sendint32(&buf, first);
	pq_sendint32(&buf, n);
	for (int k = 0; k < n; k++)
		pq_sendint64(&buf, counts[k]);
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
	DurationSummary *s = PG_ARGISNULL(0) ? duration_new() :
		duration_for_update(fcinfo, 0);

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
 *
 * Inside a window PostgreSQL only takes out what it put in.  Called
 * directly, the function may be handed any duration: then the result is
 * checked as input checks a value, and one that no durations could give
 * (something was taken out that was never put in) raises 22023.
 */
static Datum
duration_inverse(FunctionCallInfo fcinfo, int64 us)
{
	DurationSummary *s;

	if (PG_ARGISNULL(0))
		not_held();
	s = duration_remove(duration_for_update(fcinfo, 0), us);
	if (s == NULL)
		PG_RETURN_NULL();
	if (!AggCheckCallContext(fcinfo, NULL) &&
		(extremes_problem(s) != NULL || sums_problem(s) != NULL))
		not_held();
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
	DurationSummary *into = duration_for_update(fcinfo, 0);

	PG_RETURN_POINTER(duration_merge(into, from));
}

/*
 * rollup's inverse transition: take back a summary merged earlier, or
 * return NULL (recompute the frame) when it held the frame's minimum or
 * maximum.  The result is checked as input checks a value: taking out what
 * was never merged in raises 22023.
 */
PG_FUNCTION_INFO_V1(duration_summary_unmerge);
Datum
duration_summary_unmerge(PG_FUNCTION_ARGS)
{
	DurationSummary *removed = PG_GETARG_DURATION(1);
	DurationSummary *from = duration_unmerge(duration_for_update(fcinfo, 0), removed);

	if (from == NULL)
		PG_RETURN_NULL();
	if (extremes_problem(from) != NULL || sums_problem(from) != NULL)
		not_held();
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
	int			first,
				n;
	int64	   *counts = dense_counts(s, &first, &n);

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
	json_int64(&out, "first_bucket", first);
	json_int64_array(&out, "counts", counts, n);
	PG_RETURN_DATUM(json_finish(&out));
}

/*
 * Equality: equal summaries are equal bytes once read, which converts a
 * value stored by 0.1.0 to the current layout.
 */
PG_FUNCTION_INFO_V1(duration_summary_eq);
Datum
duration_summary_eq(PG_FUNCTION_ARGS)
{
	DurationSummary *a = PG_GETARG_DURATION(0);
	DurationSummary *b = PG_GETARG_DURATION(1);

	PG_RETURN_BOOL(VARSIZE(a) == VARSIZE(b) && memcmp(a, b, VARSIZE(a)) == 0);
}

PG_FUNCTION_INFO_V1(duration_summary_ne);
Datum
duration_summary_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(!DatumGetBool(duration_summary_eq(fcinfo)));
}

/* ---------------------------------------------------------------------
 * Order and hash
 *
 * Those of every summary type (summary.c), over the current layout: a value
 * stored by 0.1.0 is converted first, so that it sorts and hashes as the
 * equal value of now.  A sort compares each value many times, so only the
 * cheap checks run here.
 * ---------------------------------------------------------------------
 */

extern PGDLLEXPORT Datum summary_cmp(PG_FUNCTION_ARGS);
extern PGDLLEXPORT Datum summary_hash(PG_FUNCTION_ARGS);
extern PGDLLEXPORT Datum summary_hash_extended(PG_FUNCTION_ARGS);

/* d as a value of the current layout: d itself, or a copy to free. */
static Datum
duration_canonical(Datum d)
{
	DurationSummary *stored = (DurationSummary *) PG_DETOAST_DATUM(d);
	DurationSummary *s = duration_checked(stored, false);

	if (s != stored && (Pointer) stored != DatumGetPointer(d))
		pfree(stored);
	return PointerGetDatum(s);
}

/* Free what duration_canonical() allocated for d. */
static void
canonical_free(Datum canonical, Datum d)
{
	if (DatumGetPointer(canonical) != DatumGetPointer(d))
		pfree(DatumGetPointer(canonical));
}

/* -1, 0 or 1 as a sorts before, with or after b. */
static int
duration_order(Datum a, Datum b)
{
	Datum		ca = duration_canonical(a);
	Datum		cb = duration_canonical(b);
	int			order = DatumGetInt32(DirectFunctionCall2(summary_cmp, ca, cb));

	canonical_free(ca, a);
	canonical_free(cb, b);
	return order;
}

PG_FUNCTION_INFO_V1(duration_summary_cmp);
Datum
duration_summary_cmp(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(duration_order(PG_GETARG_DATUM(0), PG_GETARG_DATUM(1)));
}

PG_FUNCTION_INFO_V1(duration_summary_lt);
Datum
duration_summary_lt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(duration_order(PG_GETARG_DATUM(0), PG_GETARG_DATUM(1)) < 0);
}

PG_FUNCTION_INFO_V1(duration_summary_le);
Datum
duration_summary_le(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(duration_order(PG_GETARG_DATUM(0), PG_GETARG_DATUM(1)) <= 0);
}

PG_FUNCTION_INFO_V1(duration_summary_gt);
Datum
duration_summary_gt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(duration_order(PG_GETARG_DATUM(0), PG_GETARG_DATUM(1)) > 0);
}

PG_FUNCTION_INFO_V1(duration_summary_ge);
Datum
duration_summary_ge(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(duration_order(PG_GETARG_DATUM(0), PG_GETARG_DATUM(1)) >= 0);
}

/* Sort comparator: the same order, without a function call per pair. */
static int
duration_sort_compare(Datum a, Datum b, SortSupport ssup pg_attribute_unused())
{
	return duration_order(a, b);
}

PG_FUNCTION_INFO_V1(duration_summary_sortsupport);
Datum
duration_summary_sortsupport(PG_FUNCTION_ARGS)
{
	SortSupport ssup = (SortSupport) PG_GETARG_POINTER(0);

	ssup->comparator = duration_sort_compare;
	PG_RETURN_VOID();
}

PG_FUNCTION_INFO_V1(duration_summary_hash);
Datum
duration_summary_hash(PG_FUNCTION_ARGS)
{
	Datum		s = duration_canonical(PG_GETARG_DATUM(0));
	Datum		hash = DirectFunctionCall1(summary_hash, s);

	canonical_free(s, PG_GETARG_DATUM(0));
	return hash;
}

PG_FUNCTION_INFO_V1(duration_summary_hash_extended);
Datum
duration_summary_hash_extended(PG_FUNCTION_ARGS)
{
	Datum		s = duration_canonical(PG_GETARG_DATUM(0));
	Datum		hash = DirectFunctionCall2(summary_hash_extended, s, PG_GETARG_DATUM(1));

	canonical_free(s, PG_GETARG_DATUM(0));
	return hash;
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
