/*
 * agreement.c
 *		agreement_summary: ratings of the same items by several graders, as
 *		a mergeable summary of their agreement, Krippendorff's alpha.
 *
 * One row is one item (an interaction that several graders scored): an
 * array of ratings, one element per grader, NULL where a grader did not
 * rate it.  An item with fewer than two ratings cannot be paired and is
 * ignored.  Krippendorff's alpha is then
 *
 *		alpha = 1 - (n - 1) * sum_ck o_ck delta2_ck / sum_ck n_c n_k delta2_ck
 *
 * where o is the coincidence matrix of the distinct rating values (an item
 * of m ratings adds 1 / (m - 1) to o_ck for every ordered pair of its
 * ratings, by different graders, valued c and k), n_c = sum_k o_ck counts
 * the pairable ratings of value c, n their total, and delta2 the squared
 * difference of the level: nominal, ordinal, interval or ratio
 * (Krippendorff, "Computing Krippendorff's Alpha-Reliability", 2011).
 *
 * The summary is that matrix, so it merges exactly: the distinct values in
 * ascending order, and the upper triangle of o (it is symmetric), each
 * entry an int128 count of units of 1 / AGREEMENT_LCM.  AGREEMENT_LCM, the
 * least common multiple of 1 .. AGREEMENT_MAX_RATINGS - 1, makes every
 * 1 / (m - 1) a whole number of units, so sums, merges and a moving
 * window's inverse transitions are exact integer arithmetic.  An item adds
 * m * AGREEMENT_LCM units in all, below 2.4e15, so no count of items that
 * fits in 64 bits can overflow the 128-bit entries.
 *
 * Limits: an item has at most AGREEMENT_MAX_RATINGS ratings, and a summary
 * at most AGREEMENT_MAX_VALUES distinct values (enough for whole points on
 * 0..100); past either, 22023.  The state grows with the distinct values
 * it holds: a 1..5 scale takes 15 entries, 0..100 in whole points 5151.
 * Values are kept canonical (ascending, each one rated at least once, -0
 * as 0), so equal summaries are equal bytes.
 */
#include "postgres.h"

#include <ctype.h>
#include <math.h>

#include "catalog/pg_type.h"
#include "common/shortest_dec.h"
#include "libpq/pqformat.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"

#include "scorecard.h"

#define AGREEMENT_TYPE_NAME "agreement_summary"
#define AGREEMENT_MAX_RATINGS 32	/* ratings of one item */
#define AGREEMENT_MAX_VALUES 128	/* distinct values of one summary */
/* lcm(1, ..., AGREEMENT_MAX_RATINGS - 1) */
#define AGREEMENT_LCM INT64CONST(72201776446800)

/*
 * The fixed part; double values[values] and int128 coincidences[values *
 * (values + 1) / 2] follow it.
 */
typedef struct AgreementSummary
{
	SummaryHeader header;
	int64		items;			/* pairable items */
	int32		values;			/* distinct values, 0..AGREEMENT_MAX_VALUES */
	int32		reserved;		/* always 0 */
} AgreementSummary;

#define AGREEMENT_VALUES(s) ((double *) ((s) + 1))
#define AGREEMENT_COINCIDENCES(s) \
	((int128 *) ((char *) (s) + sizeof(AgreementSummary) + \
				 (Size) (s)->values * sizeof(double)))

/* The levels of measurement alpha() knows, in the order of its names. */
typedef enum AgreementLevel
{
	LEVEL_NOMINAL,
	LEVEL_ORDINAL,
	LEVEL_INTERVAL,
	LEVEL_RATIO
} AgreementLevel;

static const char *const level_names[] = {"nominal", "ordinal", "interval", "ratio"};

#define PG_GETARG_AGREEMENT(n) agreement_for_read(fcinfo, (n))

static int
triangle(int values)
{
	return values * (values + 1) / 2;
}

/* Position of o_ck, c <= k, in the upper triangle of v values. */
static int
entry(int values, int c, int k)
{
	return c * values - c * (c - 1) / 2 + (k - c);
}

static Size
agreement_size(int values)
{
	return sizeof(AgreementSummary) + (Size) values * sizeof(double) +
		(Size) triangle(values) * sizeof(int128);
}

static AgreementSummary *
agreement_new(int values)
{
	AgreementSummary *s = summary_alloc(agreement_size(values));

	s->values = values;
	return s;
}

static AgreementSummary *
agreement_for_read(FunctionCallInfo fcinfo, int argno)
{
	AgreementSummary *s = summary_for_read(fcinfo, argno, 0, AGREEMENT_TYPE_NAME);

	if (VARSIZE(s) < sizeof(AgreementSummary) || s->values < 0 ||
		s->values > AGREEMENT_MAX_VALUES || VARSIZE(s) != agreement_size(s->values))
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("%s value has an unsupported layout", AGREEMENT_TYPE_NAME),
				 errdetail("Size %u does not match its count of distinct values.",
						   (unsigned) VARSIZE(s))));
	return s;
}

pg_noreturn static void
too_many_values(int values)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("agreement_summary cannot hold %d distinct rating values", values),
			 errdetail("A summary holds at most %d distinct values; round continuous scores, for example to whole points, first.",
					   AGREEMENT_MAX_VALUES)));
}

/* Units of o in row c of the full symmetric matrix: n_c * AGREEMENT_LCM. */
static int128
row_units(const AgreementSummary *s, int c)
{
	const int128 *o = AGREEMENT_COINCIDENCES(s);
	int128		units = 0;

	for (int k = 0; k < s->values; k++)
		units += o[c <= k ? entry(s->values, c, k) : entry(s->values, k, c)];
	return units;
}

/* The pairable ratings of value c, n_c. */
static double
value_ratings(const AgreementSummary *s, int c)
{
	int64		ratings = (int64) (row_units(s, c) / AGREEMENT_LCM);

	return (double) ratings;
}

/* ---------------------------------------------------------------------
 * Items
 * ---------------------------------------------------------------------
 */

/* An item's ratings: its distinct values, ascending, and how often each. */
typedef struct Item
{
	int			m;				/* ratings */
	int			distinct;
	double		value[AGREEMENT_MAX_RATINGS];
	int			count[AGREEMENT_MAX_RATINGS];
} Item;

static int
compare_doubles(const void *a, const void *b)
{
	double		x = *(const double *) a;
	double		y = *(const double *) b;

	return (x > y) - (x < y);
}

/*
 * Read the item of a transition (argument 1): false when it cannot be
 * paired (a NULL array, or fewer than two ratings).
 */
static bool
item_read(FunctionCallInfo fcinfo, Item *item)
{
	ArrayType  *array;
	Datum	   *elements;
	bool	   *nulls;
	int			n;
	double		ratings[AGREEMENT_MAX_RATINGS];

	if (PG_ARGISNULL(1))
		return false;
	array = PG_GETARG_ARRAYTYPE_P(1);
	deconstruct_array(array, FLOAT8OID, sizeof(float8), FLOAT8PASSBYVAL,
					  TYPALIGN_DOUBLE, &elements, &nulls, &n);
	item->m = 0;
	for (int i = 0; i < n; i++)
	{
		double		rating;

		if (nulls[i])
			continue;
		rating = DatumGetFloat8(elements[i]);
		if (isinf(rating) || isnan(rating))
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("rating %g is out of range", rating),
					 errdetail("Ratings must be finite numbers.")));
		if (item->m == AGREEMENT_MAX_RATINGS)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("an item has more than %d ratings", AGREEMENT_MAX_RATINGS),
					 errdetail("agreement_agg takes at most %d graders' ratings of one item.",
							   AGREEMENT_MAX_RATINGS)));
		ratings[item->m++] = rating == 0.0 ? 0.0 : rating;	/* -0 is 0 */
	}
	if (item->m < 2)
		return false;
	qsort(ratings, item->m, sizeof(double), compare_doubles);
	item->distinct = 0;
	for (int i = 0; i < item->m; i++)
	{
		if (i == 0 || ratings[i] != ratings[i - 1])
		{
			item->value[item->distinct] = ratings[i];
			item->count[item->distinct++] = 0;
		}
		item->count[item->distinct - 1]++;
	}
	return true;
}

/* Position of value v among the summary's values, or -1. */
static int
value_position(const AgreementSummary *s, double v)
{
	const double *values = AGREEMENT_VALUES(s);
	int			low = 0;
	int			high = s->values - 1;

	while (low <= high)
	{
		int			middle = (low + high) / 2;

		if (values[middle] == v)
			return middle;
		if (values[middle] < v)
			low = middle + 1;
		else
			high = middle - 1;
	}
	return -1;
}

/*
 * A copy of s whose values are the union of its own and the n ascending
 * values given, its coincidences carried over; s itself when it has them
 * all already.
 */
static AgreementSummary *
agreement_with_values(AgreementSummary *s, const double *more, int n)
{
	const double *mine = AGREEMENT_VALUES(s);
	double	   *merged = palloc(sizeof(double) * (s->values + n));
	int			total = 0;
	int			i = 0;
	int			j = 0;
	AgreementSummary *r;
	int		   *position;

	while (i < s->values || j < n)
	{
		if (j == n || (i < s->values && mine[i] < more[j]))
			merged[total++] = mine[i++];
		else if (i == s->values || more[j] < mine[i])
			merged[total++] = more[j++];
		else
		{
			merged[total++] = mine[i++];
			j++;
		}
	}
	if (total == s->values)
		return s;
	if (total > AGREEMENT_MAX_VALUES)
		too_many_values(total);
	r = agreement_new(total);
	r->items = s->items;
	memcpy(AGREEMENT_VALUES(r), merged, sizeof(double) * total);
	position = palloc(sizeof(int) * Max(s->values, 1));
	for (int c = 0; c < s->values; c++)
		position[c] = value_position(r, mine[c]);
	for (int c = 0; c < s->values; c++)
		for (int k = c; k < s->values; k++)
			AGREEMENT_COINCIDENCES(r)[entry(total, position[c], position[k])] =
				AGREEMENT_COINCIDENCES(s)[entry(s->values, c, k)];
	return r;
}

/*
 * Drop the values no rating holds any more (after an inverse transition),
 * in place: the value only shrinks.
 */
static void
agreement_compact(AgreementSummary *s)
{
	int			values = s->values;
	int		   *keep = palloc(sizeof(int) * Max(values, 1));
	int			kept = 0;
	int128	   *o = AGREEMENT_COINCIDENCES(s);
	int128	   *entries;
	double	   *v = AGREEMENT_VALUES(s);

	for (int c = 0; c < values; c++)
		if (row_units(s, c) != 0)
			keep[kept++] = c;
	if (kept == values)
		return;
	/* copy the surviving entries out, then lay them out anew */
	entries = palloc(sizeof(int128) * Max(triangle(kept), 1));
	for (int c = 0; c < kept; c++)
		for (int k = c; k < kept; k++)
			entries[entry(kept, c, k)] = o[entry(values, keep[c], keep[k])];
	for (int c = 0; c < kept; c++)
		v[c] = v[keep[c]];
	s->values = kept;
	memcpy(AGREEMENT_COINCIDENCES(s), entries, sizeof(int128) * triangle(kept));
	SET_VARSIZE(s, agreement_size(kept));
}

/* Add (sign 1) or take back (sign -1) one item, whose values s holds. */
static void
agreement_apply(AgreementSummary *s, const Item *item, int sign)
{
	int128	   *o = AGREEMENT_COINCIDENCES(s);
	int64		unit = AGREEMENT_LCM / (item->m - 1);
	int			position[AGREEMENT_MAX_RATINGS];

	for (int a = 0; a < item->distinct; a++)
	{
		position[a] = value_position(s, item->value[a]);
		if (position[a] < 0)
			summary_not_held(AGREEMENT_TYPE_NAME);
	}
	for (int a = 0; a < item->distinct; a++)
		for (int b = a; b < item->distinct; b++)
		{
			/* ordered pairs of different graders valued a and b */
			int64		pairs = (int64) item->count[a] *
				(a == b ? item->count[a] - 1 : item->count[b]);
			int128	   *cell = &o[entry(s->values, position[a], position[b])];

			if (sign > 0)
				sum_added(cell, (int128) pairs * unit, AGREEMENT_TYPE_NAME);
			else
				sum_removed(cell, (int128) pairs * unit, AGREEMENT_TYPE_NAME);
		}
	if (sign > 0)
		count_added(&s->items, AGREEMENT_TYPE_NAME);
	else
		count_removed(&s->items, AGREEMENT_TYPE_NAME);
}

/* ---------------------------------------------------------------------
 * Aggregate support
 * ---------------------------------------------------------------------
 */

/*
 * Transition of agreement_agg: add one item.  Not strict, so that the
 * summary is created on the first pairable item, and a NULL array or an
 * item of fewer than two ratings leaves it as it is.
 */
PG_FUNCTION_INFO_V1(agreement_agg_trans);
Datum
agreement_agg_trans(PG_FUNCTION_ARGS)
{
	Item		item;
	AgreementSummary *s;

	if (!item_read(fcinfo, &item))
		return state_unchanged(fcinfo);
	s = PG_ARGISNULL(0) ? agreement_new(0) : summary_for_update(fcinfo, 0);
	s = agreement_with_values(s, item.value, item.distinct);
	agreement_apply(s, &item, 1);
	PG_RETURN_POINTER(s);
}

/* Below, with the text and binary forms it guards. */
static void agreement_check(AgreementSummary *s, int code);

/* Inverse transition, for moving window frames: take back an item. */
PG_FUNCTION_INFO_V1(agreement_agg_inverse);
Datum
agreement_agg_inverse(PG_FUNCTION_ARGS)
{
	Item		item;
	AgreementSummary *s;

	if (!item_read(fcinfo, &item))
		return state_unchanged(fcinfo);
	if (PG_ARGISNULL(0))
		summary_state_missing("agreement_agg");
	s = summary_for_update(fcinfo, 0);
	agreement_apply(s, &item, -1);
	agreement_compact(s);
	/* called directly, it may be asked to take out what was never put in */
	agreement_check(s, ERRCODE_INVALID_PARAMETER_VALUE);
	PG_RETURN_POINTER(s);
}

/* Merge two summaries: the combine function, and rollup's transition. */
PG_FUNCTION_INFO_V1(agreement_summary_merge);
Datum
agreement_summary_merge(PG_FUNCTION_ARGS)
{
	AgreementSummary *from = PG_GETARG_AGREEMENT(1);
	AgreementSummary *into;
	const int128 *o = AGREEMENT_COINCIDENCES(from);
	int		   *position;

	(void) PG_GETARG_AGREEMENT(0);	/* checks the layout */
	into = summary_for_update(fcinfo, 0);
	if (from->items == 0)
		PG_RETURN_POINTER(into);
	into = agreement_with_values(into, AGREEMENT_VALUES(from), from->values);
	position = palloc(sizeof(int) * from->values);
	for (int c = 0; c < from->values; c++)
		position[c] = value_position(into, AGREEMENT_VALUES(from)[c]);
	for (int c = 0; c < from->values; c++)
		for (int k = c; k < from->values; k++)
			sum_added(&AGREEMENT_COINCIDENCES(into)[entry(into->values, position[c], position[k])],
					  o[entry(from->values, c, k)], AGREEMENT_TYPE_NAME);
	counts_merge_each(&into->items, &from->items, 1, AGREEMENT_TYPE_NAME);
	PG_RETURN_POINTER(into);
}

/* rollup's inverse transition: take back a summary merged earlier. */
PG_FUNCTION_INFO_V1(agreement_summary_unmerge);
Datum
agreement_summary_unmerge(PG_FUNCTION_ARGS)
{
	AgreementSummary *removed = PG_GETARG_AGREEMENT(1);
	AgreementSummary *from;
	const int128 *o = AGREEMENT_COINCIDENCES(removed);

	(void) PG_GETARG_AGREEMENT(0);	/* checks the layout */
	from = summary_for_update(fcinfo, 0);
	if (removed->items == 0)
		PG_RETURN_POINTER(from);
	for (int c = 0; c < removed->values; c++)
	{
		int			pc = value_position(from, AGREEMENT_VALUES(removed)[c]);

		for (int k = c; k < removed->values; k++)
		{
			int			pk = value_position(from, AGREEMENT_VALUES(removed)[k]);

			if (pc < 0 || pk < 0)
				summary_not_held(AGREEMENT_TYPE_NAME);
			sum_removed(&AGREEMENT_COINCIDENCES(from)[entry(from->values, pc, pk)],
						o[entry(removed->values, c, k)], AGREEMENT_TYPE_NAME);
		}
	}
	counts_unmerge(&from->items, &removed->items, 1, AGREEMENT_TYPE_NAME);
	agreement_compact(from);
	agreement_check(from, ERRCODE_INVALID_PARAMETER_VALUE);
	PG_RETURN_POINTER(from);
}

/* Final function of both aggregates: NULL for a summary of no items. */
PG_FUNCTION_INFO_V1(agreement_summary_final);
Datum
agreement_summary_final(PG_FUNCTION_ARGS)
{
	AgreementSummary *s = PG_GETARG_AGREEMENT(0);

	if (s->items == 0)
		PG_RETURN_NULL();
	PG_RETURN_POINTER(s);
}

/* ---------------------------------------------------------------------
 * Text and binary forms
 *
 *		v1 items=3 values=1,2,3 coincidences=...
 *
 * values= the distinct values, ascending, in shortest round-trip decimal;
 * coincidences= the upper triangle of o row by row (o_11, o_12, ..., o_1v,
 * o_22, ...), in units of 1 / 72201776446800.  The binary form has the
 * same fields in the same order, the count of values before them.
 * ---------------------------------------------------------------------
 */

/*
 * Check a decoded summary: ascending finite values, each rated (its row of
 * o a positive whole number of ratings), and as many pairable ratings as
 * the items allow, 2 to AGREEMENT_MAX_RATINGS each.  code is 22P02 for
 * text, 22P03 for binary.
 */
static void
agreement_check(AgreementSummary *s, int code)
{
	const double *v = AGREEMENT_VALUES(s);
	int128		ratings = 0;

	for (int c = 0; c < s->values; c++)
	{
		int128		units = row_units(s, c);

		if (isinf(v[c]) || isnan(v[c]) || (c > 0 && !(v[c] > v[c - 1])))
			summary_invalid(AGREEMENT_TYPE_NAME, code,
							"The values must be finite and in strictly ascending order.");
		if (units == 0 || units % AGREEMENT_LCM != 0)
			summary_invalid(AGREEMENT_TYPE_NAME, code,
							"The coincidences of every value must add up to a positive whole number of ratings.");
		ratings += units / AGREEMENT_LCM;
		if (v[c] == 0.0)
			AGREEMENT_VALUES(s)[c] = 0.0;	/* -0 is 0 */
	}
	if ((s->items == 0) != (s->values == 0) ||
		ratings < (int128) s->items * 2 ||
		ratings > (int128) s->items * AGREEMENT_MAX_RATINGS)
		summary_invalid(AGREEMENT_TYPE_NAME, code,
						"The ratings do not fit the items: each pairable item has 2 to 32 ratings.");
}

/* Read a comma-separated list of up to AGREEMENT_MAX_VALUES values. */
static int
parser_values(SummaryParser *p, double *values)
{
	int			n = 0;

	if (*p->pos == '\0' || isspace((unsigned char) *p->pos))
		return 0;
	for (;;)
	{
		char	   *end;

		if (n == AGREEMENT_MAX_VALUES)
			too_many_values(n + 1);
		errno = 0;
		values[n] = strtod(p->pos, &end);
		if (end == p->pos || errno != 0 || isinf(values[n]) || isnan(values[n]))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					 errmsg("invalid input syntax for type %s: \"%s\"",
							p->type_name, p->input),
					 errdetail("Expected a finite number at character %d.",
							   (int) (p->pos - p->input) + 1)));
		p->pos = end;
		n++;
		if (*p->pos != ',')
			return n;
		p->pos++;
	}
}

PG_FUNCTION_INFO_V1(agreement_summary_in);
Datum
agreement_summary_in(PG_FUNCTION_ARGS)
{
	SummaryParser p;
	double		values[AGREEMENT_MAX_VALUES];
	int64		items;
	int			n;
	AgreementSummary *s;

	parser_begin(&p, AGREEMENT_TYPE_NAME, PG_GETARG_CSTRING(0));
	parser_key(&p, "items");
	items = parser_count(&p);
	parser_key(&p, "values");
	n = parser_values(&p, values);
	s = agreement_new(n);
	s->items = items;
	memcpy(AGREEMENT_VALUES(s), values, sizeof(double) * n);
	parser_key(&p, "coincidences");
	parser_sums(&p, AGREEMENT_COINCIDENCES(s), triangle(n));
	parser_end(&p);
	agreement_check(s, ERRCODE_INVALID_TEXT_REPRESENTATION);
	PG_RETURN_POINTER(s);
}

PG_FUNCTION_INFO_V1(agreement_summary_out);
Datum
agreement_summary_out(PG_FUNCTION_ARGS)
{
	AgreementSummary *s = PG_GETARG_AGREEMENT(0);
	StringInfoData out;
	char		shown[DOUBLE_SHORTEST_DECIMAL_LEN];

	format_begin(&out);
	format_int128(&out, "items", s->items);
	appendStringInfoString(&out, " values=");
	for (int c = 0; c < s->values; c++)
	{
		double_to_shortest_decimal_buf(AGREEMENT_VALUES(s)[c], shown);
		appendStringInfo(&out, "%s%s", c == 0 ? "" : ",", shown);
	}
	format_sums(&out, "coincidences", AGREEMENT_COINCIDENCES(s), triangle(s->values));
	PG_RETURN_CSTRING(out.data);
}

PG_FUNCTION_INFO_V1(agreement_summary_recv);
Datum
agreement_summary_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int64		items;
	int32		n;
	AgreementSummary *s;

	recv_version(buf, AGREEMENT_TYPE_NAME);
	items = recv_count(buf, AGREEMENT_TYPE_NAME);
	n = recv_int32(buf, AGREEMENT_TYPE_NAME);
	if (n < 0 || n > AGREEMENT_MAX_VALUES)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary %s value", AGREEMENT_TYPE_NAME),
				 errdetail("%d distinct values; there can be 0 to %d.",
						   n, AGREEMENT_MAX_VALUES)));
	s = agreement_new(n);
	s->items = items;
	for (int c = 0; c < n; c++)
	{
		int64		bits = recv_int64(buf, AGREEMENT_TYPE_NAME);

		memcpy(&AGREEMENT_VALUES(s)[c], &bits, sizeof(double));
	}
	recv_sums(buf, AGREEMENT_COINCIDENCES(s), triangle(n), AGREEMENT_TYPE_NAME);
	recv_end(buf, AGREEMENT_TYPE_NAME);
	agreement_check(s, ERRCODE_INVALID_BINARY_REPRESENTATION);
	PG_RETURN_POINTER(s);
}

PG_FUNCTION_INFO_V1(agreement_summary_send);
Datum
agreement_summary_send(PG_FUNCTION_ARGS)
{
	AgreementSummary *s = PG_GETARG_AGREEMENT(0);
	StringInfoData buf;

	send_begin(&buf);
	pq_sendint64(&buf, s->items);
	pq_sendint32(&buf, s->values);
	for (int c = 0; c < s->values; c++)
		pq_sendfloat8(&buf, AGREEMENT_VALUES(s)[c]);
	send_sums(&buf, AGREEMENT_COINCIDENCES(s), triangle(s->values));
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* ---------------------------------------------------------------------
 * Figures
 * ---------------------------------------------------------------------
 */

/* The level named by text, or 22023. */
static AgreementLevel
level_of(text *name)
{
	char	   *given = text_to_cstring(name);

	for (int i = 0; i < (int) lengthof(level_names); i++)
		if (strcmp(given, level_names[i]) == 0)
			return (AgreementLevel) i;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("unknown level of measurement \"%s\"", given),
			 errdetail("The level must be 'nominal', 'ordinal', 'interval' or 'ratio'.")));
}

/*
 * The squared difference of values c < k at the level; rated holds n_c,
 * below the number of ratings at or below each value (ordinal ranks).
 */
static double
delta2(AgreementLevel level, const double *v, const double *rated,
	   const double *below, int c, int k)
{
	double		d;

	switch (level)
	{
		case LEVEL_NOMINAL:
			return 1.0;
		case LEVEL_ORDINAL:
			/* ratings from c to k, less half of those at either end */
			d = below[k] - (c > 0 ? below[c - 1] : 0.0) - (rated[c] + rated[k]) / 2.0;
			return d * d;
		case LEVEL_INTERVAL:
			d = v[c] - v[k];
			return d * d;
		default:
			d = (v[c] - v[k]) / (v[c] + v[k]);
			return d * d;
	}
}

/*
 * Krippendorff's alpha at the level; false when it is undefined, that is
 * when every pairable rating has the same value (no disagreement could be
 * expected).  The ratio level needs ratings of 0 or more.
 */
static bool
agreement_alpha(const AgreementSummary *s, AgreementLevel level, double *alpha)
{
	const double *v = AGREEMENT_VALUES(s);
	const int128 *o = AGREEMENT_COINCIDENCES(s);
	double	   *rated = palloc(sizeof(double) * Max(s->values, 1));
	double	   *below = palloc(sizeof(double) * Max(s->values, 1));
	double		n = 0.0;
	double		observed = 0.0;
	double		expected = 0.0;

	if (level == LEVEL_RATIO && s->values > 0 && v[0] < 0.0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("alpha at the ratio level needs ratings of 0 or more"),
				 errdetail("The summary holds the rating %g.", v[0])));
	for (int c = 0; c < s->values; c++)
	{
		rated[c] = value_ratings(s, c);
		n += rated[c];
		below[c] = n;
	}
	for (int c = 0; c < s->values; c++)
		for (int k = c + 1; k < s->values; k++)
		{
			double		d2 = delta2(level, v, rated, below, c, k);

			/* each unordered pair of values stands for o_ck and o_kc */
			observed += 2.0 * ((double) o[entry(s->values, c, k)] / (double) AGREEMENT_LCM) * d2;
			expected += 2.0 * rated[c] * rated[k] * d2;
		}
	if (!(expected > 0.0))
		return false;
	*alpha = 1.0 - (n - 1.0) * observed / expected;
	return true;
}

PG_FUNCTION_INFO_V1(agreement_summary_alpha);
Datum
agreement_summary_alpha(PG_FUNCTION_ARGS)
{
	AgreementSummary *s = PG_GETARG_AGREEMENT(0);
	AgreementLevel level = level_of(PG_GETARG_TEXT_PP(1));
	double		alpha;

	if (s->items == 0 || !agreement_alpha(s, level, &alpha))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(alpha);
}

/*
 * Counts: declared CALLED ON NULL INPUT, so that a NULL summary (a group of
 * no pairable items) has 0, as count() of no rows is.
 */
PG_FUNCTION_INFO_V1(agreement_summary_responses);
Datum
agreement_summary_responses(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(0))
		PG_RETURN_INT64(0);
	PG_RETURN_INT64(PG_GETARG_AGREEMENT(0)->items);
}

/* The pairable ratings, n: the ratings of the pairable items. */
static int64
agreement_ratings(const AgreementSummary *s)
{
	int128		units = 0;

	for (int c = 0; c < s->values; c++)
		units += row_units(s, c);
	return (int64) (units / AGREEMENT_LCM);
}

PG_FUNCTION_INFO_V1(agreement_summary_ratings);
Datum
agreement_summary_ratings(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(0))
		PG_RETURN_INT64(0);
	PG_RETURN_INT64(agreement_ratings(PG_GETARG_AGREEMENT(0)));
}

/* Every figure and count, for BI tools and exports. */
PG_FUNCTION_INFO_V1(agreement_summary_jsonb);
Datum
agreement_summary_jsonb(PG_FUNCTION_ARGS)
{
	AgreementSummary *s = PG_GETARG_AGREEMENT(0);
	StringInfoData out;
	double	   *rated = palloc(sizeof(double) * Max(s->values, 1));
	bool	   *rated_null = palloc0(sizeof(bool) * Max(s->values, 1));

	json_begin(&out);
	json_int64(&out, "responses", s->items);
	json_int64(&out, "ratings", agreement_ratings(s));
	for (int i = 0; i < (int) lengthof(level_names); i++)
	{
		double		alpha = 0.0;
		bool		defined = s->items > 0 &&
			!(i == LEVEL_RATIO && AGREEMENT_VALUES(s)[0] < 0.0) &&
			agreement_alpha(s, (AgreementLevel) i, &alpha);
		char		key[32];

		snprintf(key, sizeof(key), "alpha_%s", level_names[i]);
		json_double(&out, key, alpha, !defined);
	}
	json_double_array(&out, "values", AGREEMENT_VALUES(s), rated_null, s->values);
	for (int c = 0; c < s->values; c++)
		rated[c] = value_ratings(s, c);
	json_double_array(&out, "ratings_per_value", rated, rated_null, s->values);
	PG_RETURN_DATUM(json_finish(&out));
}
