/*
 * counts.c
 *		Count vectors, and the aggregate support of count-vector summaries.
 *
 * A count vector is an array of int64 counters: overflow-checked
 * increments, merges and totals, means and variances of the values they
 * count.  A count-vector summary is a fixed-size summary whose answers each
 * count once at one position of its vector, so that the vector's total is
 * the number of answers: NPS (a count per score), ratings (per scale point)
 * and rates (false, true).  Such a type describes its layout in a
 * CountSummaryType, and the functions at the end of this file are its
 * transition, inverse transition, merge, unmerge and final functions.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "common/int.h"
#include "utils/array.h"

#include "scorecard.h"

/* Raise the error for a count that would leave the 64-bit range. */
void
count_overflow(const char *type_name)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("%s count is out of range", type_name),
			 errdetail("A count cannot exceed %lld.", (long long) PG_INT64_MAX)));
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

/* ---------------------------------------------------------------------
 * Count-vector summaries
 * ---------------------------------------------------------------------
 */

/* The count vector of a summary of the given type. */
static int64 *
summary_counts(const CountSummaryType *type, void *summary)
{
	return (int64 *) ((char *) summary + type->counts_offset);
}

/* How many of its counts a summary uses: the others are zero. */
static int
summary_length(const CountSummaryType *type, const void *summary)
{
	if (type->scale_is_length)
		return ((const SummaryHeader *) summary)->scale;
	return type->length;
}

/* A new summary of no answers (header fields beyond the version are 0). */
void *
count_summary_new(const CountSummaryType *type)
{
	return summary_alloc(type->size);
}

/* Argument argno as a readable summary of the type, its layout checked. */
void *
count_summary_arg(FunctionCallInfo fcinfo, int argno,
				  const CountSummaryType *type)
{
	return summary_for_read(fcinfo, argno, type->size, type->type_name);
}

/*
 * Transition: count the row (arguments 1 and on) at the position the type
 * gives it.  Not strict, so that the summary is created on the first
 * non-NULL answer and NULL answers leave it as it is.
 */
Datum
count_summary_trans(FunctionCallInfo fcinfo, const CountSummaryType *type)
{
	void	   *s;

	if (PG_ARGISNULL(1))
		return state_unchanged(fcinfo);
	s = PG_ARGISNULL(0) ? count_summary_new(type) : summary_for_update(fcinfo, 0);
	count_added(&summary_counts(type, s)[type->position(fcinfo, s)],
				type->type_name);
	PG_RETURN_POINTER(s);
}

/*
 * Inverse transition, for moving window frames: take back a row counted
 * earlier.  A moving aggregate's state is never NULL (it starts as an empty
 * summary), so a NULL state is a bug.
 */
Datum
count_summary_inverse(FunctionCallInfo fcinfo, const CountSummaryType *type)
{
	void	   *s;

	if (PG_ARGISNULL(1))
		return state_unchanged(fcinfo);
	if (PG_ARGISNULL(0))
		elog(ERROR, "%s inverse transition called without a state",
			 type->aggregate_name);
	s = summary_for_update(fcinfo, 0);
	count_removed(&summary_counts(type, s)[type->position(fcinfo, s)],
				  type->type_name);
	PG_RETURN_POINTER(s);
}

/*
 * Add the counts of argument 1 into the state (argument 0), with
 * counts_merge, or take them back, with counts_unmerge, once the type has
 * checked that the two may merge.
 */
static Datum
count_summary_combine(FunctionCallInfo fcinfo, const CountSummaryType *type,
					  void (*combine) (int64 *into, const int64 *from, int n,
									   const char *type_name))
{
	void	   *from = count_summary_arg(fcinfo, 1, type);
	void	   *into = summary_for_update(fcinfo, 0);

	if (type->check_mergeable != NULL)
		type->check_mergeable(into, from);
	combine(summary_counts(type, into), summary_counts(type, from),
			summary_length(type, into), type->type_name);
	PG_RETURN_POINTER(into);
}

/* Merge two summaries: the combine function, and rollup's transition. */
Datum
count_summary_merge(FunctionCallInfo fcinfo, const CountSummaryType *type)
{
	return count_summary_combine(fcinfo, type, counts_merge);
}

/* rollup's inverse transition: take back a summary merged earlier. */
Datum
count_summary_unmerge(FunctionCallInfo fcinfo, const CountSummaryType *type)
{
	return count_summary_combine(fcinfo, type, counts_unmerge);
}

/*
 * Final function of the aggregates: a summary of no answers is NULL, as
 * avg() of no rows is.  (A moving window can empty a summary it had filled.)
 * Counting the total here also catches an overflow of the total that the
 * per-row increments do not check.
 */
Datum
count_summary_final(FunctionCallInfo fcinfo, const CountSummaryType *type)
{
	void	   *s = count_summary_arg(fcinfo, 0, type);

	if (counts_total(summary_counts(type, s), summary_length(type, s),
					 type->type_name) == 0)
		PG_RETURN_NULL();
	PG_RETURN_POINTER(s);
}
