/*
 * summary.c
 *		State access and count vectors shared by every summary type.
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "common/int.h"
#include "utils/array.h"

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
 * Return argument argno as a readable summary, checking that it has the
 * layout this build understands.  Values only reach us through our own input
 * functions, so a mismatch means a value from an incompatible build.
 */
void *
summary_for_read(FunctionCallInfo fcinfo, int argno, Size expected_size,
				 const char *type_name)
{
	SummaryHeader *s = (SummaryHeader *) PG_DETOAST_DATUM(PG_GETARG_DATUM(argno));

	if (s->version != SUMMARY_FORMAT_VERSION ||
		(expected_size != 0 && VARSIZE(s) != expected_size))
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("%s value has an unsupported layout", type_name),
				 errdetail("Layout version %d, size %u; expected version %d.",
						   s->version, (unsigned) VARSIZE(s),
						   SUMMARY_FORMAT_VERSION)));
	return s;
}

/* Raise the error for a count that would leave the 64-bit range. */
void
count_overflow(const char *type_name)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("%s count is out of range", type_name),
			 errdetail("A count cannot exceed %lld.", (long long) PG_INT64_MAX)));
}

/* Sum a count vector, raising 22003 if the total does not fit in 64 bits. */
int64
counts_total(const int64 *counts, int n, const char *type_name)
{
	int64		total = 0;

	for (int i = 0; i < n; i++)
		if (pg_add_s64_overflow(total, counts[i], &total))
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("%s total count is out of range", type_name),
					 errdetail("The counts of one summary cannot add up to more than %lld.",
							   (long long) PG_INT64_MAX)));
	return total;
}

/*
 * Add one count vector into another, raising 22003 if a count or the total
 * overflows.
 */
void
counts_merge(int64 *into, const int64 *from, int n, const char *type_name)
{
	counts_merge_each(into, from, n, type_name);
	(void) counts_total(into, n, type_name);
}

/*
 * Subtract a count vector that was merged earlier (a moving aggregate's
 * inverse).  A negative result means the executor removed something it never
 * added, which is a bug, not bad input.
 */
void
counts_unmerge(int64 *from, const int64 *removed, int n, const char *type_name)
{
	for (int i = 0; i < n; i++)
	{
		if (removed[i] > from[i])
			elog(ERROR, "%s inverse transition removed more than was added",
				 type_name);
		from[i] -= removed[i];
	}
}

/* Remove one answer from a counter (a moving aggregate's inverse). */
void
count_removed(int64 *count, const char *type_name)
{
	if (*count <= 0)
		elog(ERROR, "%s inverse transition removed more than was added",
			 type_name);
	(*count)--;
}

/*
 * Mean of the values first_value .. first_value + n - 1 weighted by counts.
 * The caller guarantees a non-zero total.
 */
double
counts_mean(const int64 *counts, int n, int first_value)
{
	double		sum = 0.0;
	double		total = 0.0;

	for (int i = 0; i < n; i++)
	{
		sum += (double) counts[i] * (first_value + i);
		total += (double) counts[i];
	}
	return sum / total;
}

/*
 * Sample variance (divisor n - 1) of the same values.  Computed around the
 * mean, so it does not lose precision to cancellation.  The caller guarantees
 * a total of at least 2.
 */
double
counts_variance(const int64 *counts, int n, int first_value)
{
	double		mean = counts_mean(counts, n, first_value);
	double		squares = 0.0;
	double		total = 0.0;

	for (int i = 0; i < n; i++)
	{
		double		d = (first_value + i) - mean;

		squares += (double) counts[i] * d * d;
		total += (double) counts[i];
	}
	return squares / (total - 1.0);
}

/* Build a bigint[] of the counts whose first subscript is lower_bound. */
Datum
counts_array(const int64 *counts, int n, int lower_bound)
{
	Datum	   *elems = palloc(sizeof(Datum) * n);
	int			dims[1] = {n};
	int			lbs[1] = {lower_bound};

	for (int i = 0; i < n; i++)
		elems[i] = Int64GetDatum(counts[i]);
	return PointerGetDatum(construct_md_array(elems, NULL, 1, dims, lbs,
											  INT8OID, sizeof(int64),
											  FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
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

/*
 * Exact fixed-point sums (added for rubric_summary).
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
 * below zero means the executor removed what it never added: a bug.
 */
void
sum_removed(int128 *sum, int128 value, const char *type_name)
{
	if (value > *sum)
		elog(ERROR, "%s inverse transition removed more than was added",
			 type_name);
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
 * Add counts element by element, raising 22003 if one overflows.  Unlike
 * counts_merge() it does not check their total, for counts that do not
 * partition one population (such as per-criterion counts of a rubric).
 */
void
counts_merge_each(int64 *into, const int64 *from, int n, const char *type_name)
{
	for (int i = 0; i < n; i++)
		if (pg_add_s64_overflow(into[i], from[i], &into[i]))
			count_overflow(type_name);
}
