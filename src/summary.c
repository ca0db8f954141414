/*
 * summary.c
 *		What every summary type shares: allocation, access to the aggregate
 *		state, equality, exact 128-bit sums, and durations as microseconds.
 */
#include "postgres.h"

#include <math.h>

#include "common/hashfn.h"
#include "common/shortest_dec.h"
#include "datatype/timestamp.h"
#include "utils/fmgrprotos.h"
#include "utils/sortsupport.h"

#include "scorecard.h"

PG_MODULE_MAGIC;

/* Allocate a zeroed summary of the given size, with its header filled in. */
void *
summary_alloc(Size size)
{
	SummaryHeader *s = palloc0(size);

	SET_VARSIZE(s, size);
	s->version = SUMMARY_FORMAT_VERSION;
	return s;
}

/*
 * Return argument argno as a summary we may write to.
 *
 * Inside an aggregate the argument is the transition state, which the
 * executor owns on our behalf, so we update it in place: a row then costs no
 * allocation.  Anywhere else, or if the value is packed or toasted, we work
 * on a fresh copy and the caller returns that.
 */
void *
summary_for_update(FunctionCallInfo fcinfo, int argno)
{
	struct varlena *v = (struct varlena *) PG_GETARG_POINTER(argno);

	if (AggCheckCallContext(fcinfo, NULL) && !VARATT_IS_EXTENDED(v))
		return v;
	return PG_DETOAST_DATUM_COPY(PG_GETARG_DATUM(argno));
}

/*
 * The result of a transition or inverse transition that skips its row (a
 * NULL answer): the state as it is, or NULL while there is none yet.
 */
Datum
state_unchanged(FunctionCallInfo fcinfo)
{
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	PG_RETURN_DATUM(PG_GETARG_DATUM(0));
}

/*
 * Check that a summary has the layout this build understands: our format
 * version, the size of its type (unless expected_size is 0, for types of
 * variable size), and a zero reserved byte.  Values only reach us through
 * our own input functions, so a mismatch means a corrupt value, or one from
 * an incompatible build.
 */
void
summary_check_layout(const SummaryHeader *s, Size expected_size,
					 const char *type_name)
{
	if (s->version != SUMMARY_FORMAT_VERSION ||
		(expected_size != 0 && VARSIZE(s) != expected_size))
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("%s value has an unsupported layout", type_name),
				 errdetail("Layout version %d, size %u; expected version %d.",
						   s->version, (unsigned) VARSIZE(s),
						   SUMMARY_FORMAT_VERSION)));
	if (s->reserved != 0)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("corrupt %s value", type_name),
				 errdetail("The reserved header byte is %d; it must be 0.",
						   s->reserved)));
}

/* Return argument argno as a readable summary, its layout checked. */
void *
summary_for_read(FunctionCallInfo fcinfo, int argno, Size expected_size,
				 const char *type_name)
{
	SummaryHeader *s = (SummaryHeader *) PG_DETOAST_DATUM(PG_GETARG_DATUM(argno));

	summary_check_layout(s, expected_size, type_name);
	return s;
}

/* ---------------------------------------------------------------------
 * Validation
 *
 * One check per type serves every source of a summary (see SummarySource
 * in scorecard.h): what differs is only the SQLSTATE of a failure.
 * ---------------------------------------------------------------------
 */

/* The SQLSTATE of a failed check of a summary from the given source. */
int
summary_error_code(SummarySource source, bool out_of_range)
{
	switch (source)
	{
		case SOURCE_TEXT:
			return out_of_range ? ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE :
				ERRCODE_INVALID_TEXT_REPRESENTATION;
		case SOURCE_BINARY:
			return out_of_range ? ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE :
				ERRCODE_INVALID_BINARY_REPRESENTATION;
		case SOURCE_STORED:
			return ERRCODE_DATA_CORRUPTED;
		case SOURCE_RESULT:
			break;
	}
	return out_of_range ? ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE :
		ERRCODE_INVALID_PARAMETER_VALUE;
}

/*
 * Check one field of a summary (a header byte, a length, a threshold)
 * against the range its type allows.  This is where every type checks its
 * header fields, so that no reader indexes or names past what it knows.
 */
void
summary_check_field(const char *type_name, SummarySource source,
					const char *field, int64 value, int64 lowest, int64 highest)
{
	if (value >= lowest && value <= highest)
		return;
	if (source == SOURCE_STORED)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("corrupt %s value", type_name),
				 errdetail("Its %s is %lld; it must be between %lld and %lld.",
						   field, (long long) value, (long long) lowest,
						   (long long) highest)));
	ereport(ERROR,
			(errcode(summary_error_code(source, true)),
			 errmsg("%s %lld is out of range for type %s",
					field, (long long) value, type_name),
			 errdetail("The %s must be between %lld and %lld.",
					   field, (long long) lowest, (long long) highest)));
}

/* For the types that use neither: header.kind and header.scale are 0. */
void
summary_check_unused_header(const SummaryHeader *s, const char *type_name,
							SummarySource source)
{
	summary_check_field(type_name, source, "kind byte", s->kind, 0, 0);
	summary_check_field(type_name, source, "scale byte", s->scale, 0, 0);
}

/*
 * An inverse transition or an unmerge asked to take out of a summary what
 * it does not hold.  Inside a moving aggregate that cannot happen; called
 * directly, the arguments are wrong.
 */
void
summary_not_held(const char *type_name)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("cannot take out of a %s what it does not hold", type_name),
			 errdetail("An inverse transition or unmerge can only remove answers that were added to the same summary.")));
}

/* An inverse transition called with a NULL state. */
void
summary_state_missing(const char *aggregate_name)
{
	ereport(ERROR,
			(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
			 errmsg("%s inverse transition needs a summary", aggregate_name),
			 errdetail("An inverse transition takes an answer out of a summary, so the summary must not be null.")));
}

/*
 * Equality of two summaries of the same type.  Summaries are canonical (no
 * padding, unused counters zero), so equal values are equal bytes, and one
 * function serves every summary type.
 */
PG_FUNCTION_INFO_V1(summary_eq);
Datum
summary_eq(PG_FUNCTION_ARGS)
{
	struct varlena *a = PG_DETOAST_DATUM(PG_GETARG_DATUM(0));
	struct varlena *b = PG_DETOAST_DATUM(PG_GETARG_DATUM(1));

	PG_RETURN_BOOL(VARSIZE(a) == VARSIZE(b) &&
				   memcmp(a, b, VARSIZE(a)) == 0);
}

PG_FUNCTION_INFO_V1(summary_ne);
Datum
summary_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(!DatumGetBool(summary_eq(fcinfo)));
}

/* ---------------------------------------------------------------------
 * Order and hash
 *
 * The btree and hash operator classes of every summary type (and of
 * business_calendar) share these functions.  They read nothing but the
 * stored bytes, which are canonical: equal values are equal bytes, as
 * summary_eq says.  The order is a total order on those bytes, the same for
 * every type: a shorter stored value sorts first; of two equally long, the
 * one whose first differing byte is lower, read as unsigned.  It is not an
 * order by any figure (ORDER BY nps(s) is that); it lets DISTINCT, GROUP BY,
 * UNION, merge joins and btree indexes work.  The hash is hash_any() of the
 * same bytes, so equal values hash alike.
 * ---------------------------------------------------------------------
 */

/* -1, 0 or 1 as a sorts before, with, or after b. */
static int
summary_order(const struct varlena *a, const struct varlena *b)
{
	Size		length_a = VARSIZE_ANY_EXHDR(a);
	Size		length_b = VARSIZE_ANY_EXHDR(b);
	int			bytes;

	if (length_a != length_b)
		return length_a < length_b ? -1 : 1;
	bytes = memcmp(VARDATA_ANY(a), VARDATA_ANY(b), length_a);
	return (bytes > 0) - (bytes < 0);
}

/* summary_order() of two Datums, freeing what detoasting copied. */
static int
summary_order_datums(Datum a, Datum b)
{
	struct varlena *va = PG_DETOAST_DATUM_PACKED(a);
	struct varlena *vb = PG_DETOAST_DATUM_PACKED(b);
	int			order = summary_order(va, vb);

	if ((Pointer) va != DatumGetPointer(a))
		pfree(va);
	if ((Pointer) vb != DatumGetPointer(b))
		pfree(vb);
	return order;
}

/* The btree support function: <0, 0 or >0. */
PG_FUNCTION_INFO_V1(summary_cmp);
Datum
summary_cmp(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(summary_order_datums(PG_GETARG_DATUM(0), PG_GETARG_DATUM(1)));
}

PG_FUNCTION_INFO_V1(summary_lt);
Datum
summary_lt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(summary_order_datums(PG_GETARG_DATUM(0), PG_GETARG_DATUM(1)) < 0);
}

PG_FUNCTION_INFO_V1(summary_le);
Datum
summary_le(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(summary_order_datums(PG_GETARG_DATUM(0), PG_GETARG_DATUM(1)) <= 0);
}

PG_FUNCTION_INFO_V1(summary_gt);
Datum
summary_gt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(summary_order_datums(PG_GETARG_DATUM(0), PG_GETARG_DATUM(1)) > 0);
}

PG_FUNCTION_INFO_V1(summary_ge);
Datum
summary_ge(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(summary_order_datums(PG_GETARG_DATUM(0), PG_GETARG_DATUM(1)) >= 0);
}

/* Sort comparator: the same order, without a function call per pair. */
static int
summary_sort_compare(Datum a, Datum b, SortSupport ssup pg_attribute_unused())
{
	return summary_order_datums(a, b);
}

/* The btree sort support function, one for every type. */
PG_FUNCTION_INFO_V1(summary_sortsupport);
Datum
summary_sortsupport(PG_FUNCTION_ARGS)
{
	SortSupport ssup = (SortSupport) PG_GETARG_POINTER(0);

	ssup->comparator = summary_sort_compare;
	PG_RETURN_VOID();
}

/* The hash support function: hash_any() of the stored bytes. */
PG_FUNCTION_INFO_V1(summary_hash);
Datum
summary_hash(PG_FUNCTION_ARGS)
{
	struct varlena *v = PG_GETARG_VARLENA_PP(0);
	Datum		hash = hash_any((const unsigned char *) VARDATA_ANY(v),
								VARSIZE_ANY_EXHDR(v));

	PG_FREE_IF_COPY(v, 0);
	return hash;
}

/*
 * The extended hash, for hash partitioning: seeded, and with seed 0 its low
 * 32 bits are summary_hash(), as PostgreSQL requires.
 */
PG_FUNCTION_INFO_V1(summary_hash_extended);
Datum
summary_hash_extended(PG_FUNCTION_ARGS)
{
	struct varlena *v = PG_GETARG_VARLENA_PP(0);
	Datum		hash = hash_any_extended((const unsigned char *) VARDATA_ANY(v),
										 VARSIZE_ANY_EXHDR(v),
										 (uint64) PG_GETARG_INT64(1));

	PG_FREE_IF_COPY(v, 0);
	return hash;
}

/* ---------------------------------------------------------------------
 * Exact sums
 *
 * A sum of non-integer values is kept as a non-negative int128 count of a
 * small unit, so that merges and a moving window's inverse transitions are
 * exact.
 * ---------------------------------------------------------------------
 */

/* Raise the error for a sum that would leave the 128-bit range. */
pg_noreturn static void
sum_overflow(const char *type_name)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("%s sum is out of range", type_name),
			 errdetail("A sum cannot exceed the 128-bit integer range.")));
}

/* Add a non-negative value to a sum, raising 22003 on overflow. */
void
sum_added(int128 *sum, int128 value, const char *type_name)
{
	if (__builtin_add_overflow(*sum, value, sum))
		sum_overflow(type_name);
}

/*
 * Take back a value added earlier (a moving aggregate's inverse).  Going
 * below zero means taking out what was never added.
 */
void
sum_removed(int128 *sum, int128 value, const char *type_name)
{
	if (value > *sum)
		summary_not_held(type_name);
	*sum -= value;
}

void
sums_merge(int128 *into, const int128 *from, int n, const char *type_name)
{
	for (int i = 0; i < n; i++)
		sum_added(&into[i], from[i], type_name);
}

void
sums_unmerge(int128 *from, const int128 *removed, int n, const char *type_name)
{
	for (int i = 0; i < n; i++)
		sum_removed(&from[i], removed[i], type_name);
}

/*
 * numerator / denominator (both >= 0, denominator > 0) correctly rounded to
 * a double: long division to a 63-bit quotient, with a sticky bit for the
 * remainder, then one rounding in the conversion.  This keeps means and
 * totals exact to the last bit however large the sums grow.
 */
double
exact_ratio(int128 numerator, int128 denominator)
{
	int128		q = numerator / denominator;
	int128		r = numerator % denominator;
	int			shift = 0;

	if (numerator == 0)
		return 0.0;
	if (q >= ((int128) 1 << 63))
	{
		/* 64 bits or more: drop the excess into the sticky bit */
		while ((q >> shift) >= ((int128) 1 << 63))
			shift++;
		if ((q & ((((int128) 1) << shift) - 1)) != 0)
			r = 1;
		q >>= shift;
		return ldexp((double) (uint64) (q | (r != 0)), shift);
	}
	/* fewer than 63 bits: long division, one more bit at a time */
	while (q < ((int128) 1 << 62))
	{
		bool		next_bit = 2 * r >= denominator;

		q = 2 * q + next_bit;
		r = next_bit ? 2 * r - denominator : 2 * r;
		shift++;
	}
	return ldexp((double) (uint64) (q | (r != 0)), -shift);
}

/* ---------------------------------------------------------------------
 * Durations as microseconds
 *
 * Durations (handle times, queue waits, thresholds) are kept as integer
 * microseconds: an interval already is one, and seconds given as double
 * precision are rounded to the nearest microsecond (halves to even).  A
 * negative, NaN or infinite duration, or one of 2^63 microseconds or more,
 * raises the caller's SQLSTATE: 22003 for data, 22023 for a parameter.
 * ---------------------------------------------------------------------
 */

pg_noreturn static void
duration_out_of_range(const char *what, const char *shown, int code)
{
	ereport(ERROR,
			(errcode(code),
			 errmsg("%s %s is out of range", what, shown),
			 errdetail("Durations must be finite and between 0 and 9223372036854.775807 seconds.")));
}

int64
seconds_to_us(double seconds, const char *what, int code)
{
	double		us = rint(seconds * USECS_PER_SEC);

	/* 2^63 is exact as a double; NaN fails every comparison */
	if (!(seconds >= 0.0 && us < 9223372036854775808.0))
	{
		char		shown[DOUBLE_SHORTEST_DECIMAL_LEN + 10];

		double_to_shortest_decimal_buf(seconds, shown);
		strlcat(shown, " seconds", sizeof(shown));
		duration_out_of_range(what, shown, code);
	}
	return (int64) us;
}

/*
 * An interval's length as extract(epoch from ...) counts it: a year of
 * months is 365.25 days, other months are 30 days, a day is 24 hours.
 */
int64
interval_to_us(Datum interval, const char *what, int code)
{
	const Interval *span = (const Interval *) DatumGetPointer(interval);
	int128		us = (int128) span->time +
		(int128) span->day * USECS_PER_DAY +
		(int128) (span->month / MONTHS_PER_YEAR) *
		((int128) (int64) (DAYS_PER_YEAR * SECS_PER_DAY) * USECS_PER_SEC) +
		(int128) (span->month % MONTHS_PER_YEAR) * DAYS_PER_MONTH * USECS_PER_DAY;

	if (us < 0 || us > PG_INT64_MAX)
		duration_out_of_range(what,
							  DatumGetCString(DirectFunctionCall1(interval_out, interval)),
							  code);
	return (int64) us;
}

/* Microseconds (a sum of them, maybe) in seconds, correctly rounded. */
double
us_to_seconds(int128 us)
{
	return exact_ratio(us, USECS_PER_SEC);
}
