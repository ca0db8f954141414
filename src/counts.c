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
		summary_not_held(type_name);
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
 * The total of a count vector read from the given source: every count
 * non-negative and the total within 64 bits, or the source's error.
 */
int64
counts_checked_total(const int64 *counts, int n, const char *type_name,
					 SummarySource source)
{
	for (int i = 0; i < n; i++)
		if (counts[i] < 0)
			summary_check_field(type_name, source, "count", counts[i],
								0, PG_INT64_MAX);
	if (source == SOURCE_STORED)
	{
		int64		total = 0;

		for (int i = 0; i < n; i++)
			if (pg_add_s64_overflow(total, counts[i], &total))
				summary_invalid(type_name, ERRCODE_DATA_CORRUPTED,
								"Its counts add up to more than 2^63 - 1.");
		return total;
	}
	return counts_total(counts, n, type_name);
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
 * inverse).  A negative result would mean taking out what was never added:
 * then nothing changes and the error says so.
 */
void
counts_unmerge(int64 *from, const int64 *removed, int n, const char *type_name)
{
	for (int i = 0; i < n; i++)
		if (removed[i] > from[i])
			summary_not_held(type_name);
	for (int i = 0; i < n; i++)
		from[i] -= removed[i];
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

/*
 * Check a summary of the type from the given source: its header, its
 * counts (non-negative, those past the length it uses zero, the total
 * within 64 bits) and then the type's own fields.  Returns the total.
 */
int64
count_summary_check(const CountSummaryType *type, const void *summary,
					SummarySource source)
{
	const SummaryHeader *h = summary;
	const int64 *counts = (const int64 *) ((const char *) summary + type->counts_offset);
	int			used = type->length;
	int64		total;

	if (type->header_unused)
		summary_check_unused_header(h, type->type_name, source);
	if (type->scale_is_length)
	{
		summary_check_field(type->type_name, source, "scale", h->scale,
							0, type->length);
		used = h->scale;
	}
	total = counts_checked_total(counts, used, type->type_name, source);
	for (int i = used; i < type->length; i++)
		if (counts[i] != 0)
			summary_invalid(type->type_name, summary_error_code(source, false),
							"A count past the scale is not zero.");
	if (type->check != NULL)
		type->check(summary, source);
	return total;
}

/* Argument argno as a readable summary of the type, checked. */
void *
count_summary_arg(FunctionCallInfo fcinfo, int argno,
				  const CountSummaryType *type)
{
	void	   *s = summary_for_read(fcinfo, argno, type->size, type->type_name);

	(void) count_summary_check(type, s, SOURCE_STORED);
	return s;
}

/*
 * Argument argno as a summary of the type to update (see
 * summary_for_update), checked as count_summary_arg checks: it may be the
 * first value that rollup() copied into its state, or any value when the
 * function is called directly.
 */
void *
count_summary_state(FunctionCallInfo fcinfo, int argno,
					const CountSummaryType *type)
{
	void	   *s = summary_for_update(fcinfo, argno);

	summary_check_layout(s, type->size, type->type_name);
	(void) count_summary_check(type, s, SOURCE_STORED);
	return s;
}

/*
 * The state (argument 0) of a transition function, to update.  Inside an
 * aggregate it is updated in place, and everything it held came from the
 * transition function itself or from the input function (an INITCOND):
 * the function is not strict, so no stored value is ever copied in.  That
 * state is not checked again on every row; a value given by a direct call,
 * which is a copy, is.
 */
void *
count_summary_trans_state(FunctionCallInfo fcinfo, const CountSummaryType *type)
{
	void	   *s = summary_for_update(fcinfo, 0);

	if (s != PG_GETARG_POINTER(0))
	{
		summary_check_layout(s, type->size, type->type_name);
		(void) count_summary_check(type, s, SOURCE_STORED);
	}
	return s;
}

/*
 * Count one more answer at the position, in a checked summary.  The total
 * is checked before the count, so that no summary ever holds more answers
 * than 2^63 - 1, even one that started near the limit.  This is the
 * per-row hot path: up to 16 counts below 2^59 cannot add up to 2^63, which
 * one OR of them shows, so the exact total is only summed near the limit.
 */
void
count_summary_add(const CountSummaryType *type, void *summary, int position)
{
	int64	   *counts = summary_counts(type, summary);
	int			n = summary_length(type, summary);
	uint64		any = 0;

	for (int i = 0; i < n; i++)
		any |= (uint64) counts[i];
	if (unlikely(n > 16 || any >= (UINT64CONST(1) << 59)) &&
		counts_total(counts, n, type->type_name) == PG_INT64_MAX)
		count_overflow(type->type_name);
	counts[position]++;
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
	s = PG_ARGISNULL(0) ? count_summary_new(type) :
		count_summary_trans_state(fcinfo, type);
	count_summary_add(type, s, type->position(fcinfo, s));
	PG_RETURN_POINTER(s);
}

/*
 * Inverse transition, for moving window frames: take back a row counted
 * earlier.  A moving aggregate's state is never NULL (it starts as an empty
 * summary); called directly with a NULL one, it raises 22004.
 */
Datum
count_summary_inverse(FunctionCallInfo fcinfo, const CountSummaryType *type)
{
	void	   *s;

	if (PG_ARGISNULL(1))
		return state_unchanged(fcinfo);
	if (PG_ARGISNULL(0))
		summary_state_missing(type->aggregate_name);
	s = count_summary_state(fcinfo, 0, type);
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
	void	   *into = count_summary_state(fcinfo, 0, type);

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
