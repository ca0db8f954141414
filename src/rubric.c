/*
 * rubric.c
 *		rubric_summary: weighted QA rubric evaluations as a mergeable summary.
 *
 * One evaluation scores n criteria.  Criterion i has points p_i (NULL: N/A),
 * a weight w_i >= 0, a maximum m_i > 0 (default 1) and may be critical.  Its
 * normalized score is p_i / m_i; the evaluation score is
 * 100 * sum(w_i * p_i / m_i) / sum(w_i) over the criteria that apply, or 0
 * when an applicable critical criterion scores below half its maximum (an
 * auto-fail).  An evaluation with no applicable criterion, or whose
 * applicable weights sum to 0, has no score and is ignored like a NULL.
 *
 * Fixed-point sums.  Scores are kept as integers of SCORE_UNIT (a billionth
 * of a point on the 0..100 scale), summed in int128, so merges, rollups and
 * a moving window's inverse transitions are exact.  A billionth of a point is
 * far below any displayed precision, yet coarse enough to absorb the
 * floating-point noise of the division (a score that is 80 up to rounding,
 * like 79.99999999999999, is stored as exactly 80), so the per-point
 * histogram that answers pass_rate() bins it where a person expects.
 * Headroom: a score is at most 1e11 units and an evaluation count at most
 * 2^63, so sums stay below 1e30 and cannot overflow; sums of squares (up to
 * 1e22 per evaluation) could only overflow beyond 1.7e16 evaluations, and
 * every addition is checked anyway.
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "libpq/pqformat.h"
#include "utils/array.h"

#include "scorecard.h"

#define RUBRIC_TYPE_NAME "rubric_summary"
#define RUBRIC_MAX_CRITERIA 1000
#define SCORE_UNIT INT64CONST(1000000000)	/* units per point */
#define SCORE_MAX_UNITS (100 * SCORE_UNIT)	/* a score of 100 */
#define RUBRIC_BINS 101			/* bin k: k <= score < k + 1; bin 100: 100 */

/*
 * The fixed part; criterion_sums (int128[criteria]) and criterion_counts
 * (int64[criteria]) follow it.  The number of evaluations is the total of
 * the distribution.  criteria = 0 is the empty summary a moving aggregate
 * starts from: it adopts the criteria count of its first evaluation.
 */
typedef struct RubricSummary
{
	SummaryHeader header;
	int32		criteria;		/* number of criteria, 0..RUBRIC_MAX_CRITERIA */
	int32		reserved;		/* always 0 */
	int64		autofails;		/* evaluations failed by a critical criterion */
	int128		score_sum;		/* sum of evaluation scores, in SCORE_UNITs */
	int128		score_squares;	/* sum of their squares, in SCORE_UNITs^2 */
	int64		distribution[RUBRIC_BINS];	/* evaluations per integer point */
} RubricSummary;

/* Sum of normalized scores per criterion, as percent in SCORE_UNITs. */
#define CRITERION_SUMS(s) \
	((int128 *) ((char *) (s) + sizeof(RubricSummary)))
/* Evaluations in which each criterion applied. */
#define CRITERION_COUNTS(s) \
	((int64 *) (CRITERION_SUMS(s) + (s)->criteria))

#define PG_GETARG_RUBRIC(n) rubric_for_read(fcinfo, (n))

static Size
rubric_size(int criteria)
{
	return sizeof(RubricSummary) + criteria * (sizeof(int128) + sizeof(int64));
}

/* Refuse a criteria count the summary cannot hold (22023). */
static int
rubric_checked_criteria(int64 criteria)
{
	if (criteria > RUBRIC_MAX_CRITERIA)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("a rubric of %lld criteria is too large",
						(long long) criteria),
				 errdetail("A rubric has at most %d criteria.",
						   RUBRIC_MAX_CRITERIA)));
	return (int) criteria;
}

static RubricSummary *
rubric_new(int criteria)
{
	RubricSummary *s = summary_alloc(rubric_size(criteria));

	s->criteria = criteria;
	return s;
}

static RubricSummary *
rubric_for_read(FunctionCallInfo fcinfo, int argno)
{
	RubricSummary *s = summary_for_read(fcinfo, argno, 0, RUBRIC_TYPE_NAME);

	if (VARSIZE(s) < sizeof(RubricSummary) ||
		s->criteria < 0 || s->criteria > RUBRIC_MAX_CRITERIA ||
		VARSIZE(s) != rubric_size(s->criteria))
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("%s value has an unsupported layout", RUBRIC_TYPE_NAME),
				 errdetail("Size %u does not match its criteria count.",
						   (unsigned) VARSIZE(s))));
	return s;
}

static int64
rubric_responses(const RubricSummary *s)
{
	return counts_total(s->distribution, RUBRIC_BINS, RUBRIC_TYPE_NAME);
}

/* sum / n as a double, without losing the sum's precision (n > 0). */
static double
fixed_mean(int128 sum, int64 n)
{
	int128		quotient = sum / n;

	return ((double) quotient + (double) (sum - quotient * n) / (double) n) /
		(double) SCORE_UNIT;
}

/*
 * Sum of squared deviations from the mean, in SCORE_UNITs^2, or -1 when the
 * sums cannot come from real scores.  With sum = n q + r (0 <= r < n),
 * sum((x - q)^2) = squares - q (sum + r) exactly in integers, and the
 * deviations from the mean take r^2 / n less.  So no cancellation between
 * two large floating-point numbers.
 */
static double
fixed_deviations(int128 sum, int128 squares, int64 n)
{
	int128		q = sum / n;
	int128		r = sum - q * n;
	int128		product;
	int128		around_q;

	if (__builtin_mul_overflow(q, sum + r, &product) || product > squares)
		return -1.0;
	around_q = squares - product;
	/* around_q >= r^2 / n, checked exactly: r < n < 2^63 */
	if (around_q < r && around_q * n < r * r)
		return -1.0;
	return (double) around_q - (double) r * (double) r / (double) n;
}

/* The smallest and largest score, in units, that bin k can hold. */
static int128
bin_lowest(int k)
{
	return (int128) k * SCORE_UNIT;
}

static int128
bin_highest(int k)
{
	return k == RUBRIC_BINS - 1 ? (int128) SCORE_MAX_UNITS : (int128) (k + 1) * SCORE_UNIT - 1;
}

/*
 * Input values must be summaries that evaluations could have produced:
 * otherwise the figures would be wrong numbers.  errcode_value is 22P02 for
 * text and 22P03 for binary input.
 */
static void
rubric_check(const RubricSummary *s, int errcode_value)
{
	int64		n = rubric_responses(s);
	int128		lowest = 0;
	int128		highest = 0;
	int128		highest_squares = 0;
	bool		squares_unbounded = false;
	int128	   *sums = CRITERION_SUMS(s);
	int64	   *counts = CRITERION_COUNTS(s);

	if (s->criteria == 0 && (n != 0 || s->autofails != 0 ||
							 s->score_sum != 0 || s->score_squares != 0))
		summary_invalid(RUBRIC_TYPE_NAME, errcode_value,
						"A summary of 0 criteria holds no evaluations.");
	if (s->autofails > s->distribution[0])
		summary_invalid(RUBRIC_TYPE_NAME, errcode_value,
						"Auto-failed evaluations score 0, but fewer evaluations are in the distribution's bin 0.");
	for (int i = 0; i < s->criteria; i++)
		if (counts[i] > n || sums[i] > (int128) counts[i] * (int128) SCORE_MAX_UNITS)
			summary_invalid(RUBRIC_TYPE_NAME, errcode_value,
							"A criterion's count exceeds the evaluations, or its sum exceeds 100 percent of its count.");
	for (int k = 0; k < RUBRIC_BINS; k++)
	{
		int128		h = s->distribution[k];
		int128		top_square;

		lowest += h * bin_lowest(k);
		highest += h * bin_highest(k);
		if (__builtin_mul_overflow(h, bin_highest(k) * bin_highest(k), &top_square) ||
			__builtin_add_overflow(highest_squares, top_square, &highest_squares))
			squares_unbounded = true;
	}
	if (s->score_sum < lowest || s->score_sum > highest)
		summary_invalid(RUBRIC_TYPE_NAME, errcode_value,
						"The score sum does not lie within the distribution's bins.");
	if (n > 0 && (fixed_deviations(s->score_sum, s->score_squares, n) < 0.0 ||
				  (!squares_unbounded && s->score_squares > highest_squares)))
		summary_invalid(RUBRIC_TYPE_NAME, errcode_value,
						"The sum of squares does not fit the score sum and the distribution.");
	if (n == 0 && s->score_squares != 0)
		summary_invalid(RUBRIC_TYPE_NAME, errcode_value,
						"A summary of no evaluations has a sum of squares of 0.");
}

/* The text form: see the README. */
PG_FUNCTION_INFO_V1(rubric_summary_in);
Datum
rubric_summary_in(PG_FUNCTION_ARGS)
{
	SummaryParser p;
	RubricSummary *s;
	int			criteria;

	parser_begin(&p, RUBRIC_TYPE_NAME, PG_GETARG_CSTRING(0));
	parser_key(&p, "criteria");
	criteria = rubric_checked_criteria(parser_count(&p));
	s = rubric_new(criteria);
	parser_key(&p, "autofails");
	s->autofails = parser_count(&p);
	parser_key(&p, "score_sum");
	s->score_sum = parser_sum(&p);
	parser_key(&p, "score_squares");
	s->score_squares = parser_sum(&p);
	parser_key(&p, "distribution");
	parser_counts(&p, s->distribution, RUBRIC_BINS);
	parser_key(&p, "criterion_sums");
	parser_sums(&p, CRITERION_SUMS(s), criteria);
	parser_key(&p, "criterion_counts");
	parser_counts(&p, CRITERION_COUNTS(s), criteria);
	parser_end(&p);
	rubric_check(s, ERRCODE_INVALID_TEXT_REPRESENTATION);
	PG_RETURN_POINTER(s);
}

PG_FUNCTION_INFO_V1(rubric_summary_out);
Datum
rubric_summary_out(PG_FUNCTION_ARGS)
{
	RubricSummary *s = PG_GETARG_RUBRIC(0);
	StringInfoData out;

	format_begin(&out);
	appendStringInfo(&out, " criteria=%d autofails=%lld", s->criteria,
					 (long long) s->autofails);
	format_int128(&out, "score_sum", s->score_sum);
	format_int128(&out, "score_squares", s->score_squares);
	format_counts(&out, "distribution", s->distribution, RUBRIC_BINS);
	format_sums(&out, "criterion_sums", CRITERION_SUMS(s), s->criteria);
	format_counts(&out, "criterion_counts", CRITERION_COUNTS(s), s->criteria);
	PG_RETURN_CSTRING(out.data);
}

/* Binary: version, criteria, autofails, the two sums, the distribution,
 * then the criterion sums and counts; in the order of the text form. */
PG_FUNCTION_INFO_V1(rubric_summary_recv);
Datum
rubric_summary_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	RubricSummary *s;
	int			criteria;

	recv_version(buf, RUBRIC_TYPE_NAME);
	criteria = rubric_checked_criteria(recv_count(buf, RUBRIC_TYPE_NAME));
	s = rubric_new(criteria);
	s->autofails = recv_count(buf, RUBRIC_TYPE_NAME);
	recv_sums(buf, &s->score_sum, 1, RUBRIC_TYPE_NAME);
	recv_sums(buf, &s->score_squares, 1, RUBRIC_TYPE_NAME);
	recv_counts(buf, s->distribution, RUBRIC_BINS, RUBRIC_TYPE_NAME);
	recv_sums(buf, CRITERION_SUMS(s), criteria, RUBRIC_TYPE_NAME);
	recv_counts(buf, CRITERION_COUNTS(s), criteria, RUBRIC_TYPE_NAME);
	recv_end(buf, RUBRIC_TYPE_NAME);
	rubric_check(s, ERRCODE_INVALID_BINARY_REPRESENTATION);
	PG_RETURN_POINTER(s);
}

PG_FUNCTION_INFO_V1(rubric_summary_send);
Datum
rubric_summary_send(PG_FUNCTION_ARGS)
{
	RubricSummary *s = PG_GETARG_RUBRIC(0);
	StringInfoData buf;
	int64		criteria = s->criteria;

	send_begin(&buf);
	send_counts(&buf, &criteria, 1);
	send_counts(&buf, &s->autofails, 1);
	send_sums(&buf, &s->score_sum, 1);
	send_sums(&buf, &s->score_squares, 1);
	send_counts(&buf, s->distribution, RUBRIC_BINS);
	send_sums(&buf, CRITERION_SUMS(s), s->criteria);
	send_counts(&buf, CRITERION_COUNTS(s), s->criteria);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/*
 * Reading one evaluation's arrays.
 *
 * The arrays are read in place, element by element, so that a row costs no
 * allocation.  Criteria are matched by position, whatever the arrays' lower
 * bounds.
 */
typedef struct ArrayCursor
{
	const char *data;			/* next non-NULL element */
	const uint8 *nulls;			/* NULL bitmap, or NULL if none */
	int			index;
	int			element_size;
} ArrayCursor;

/* One evaluation: scores, weights, and optional max_scores and critical. */
typedef struct Rubric
{
	int			criteria;
	ArrayType  *arrays[4];		/* arrays[2] and arrays[3] may be NULL */
} Rubric;

enum
{
	SCORES, WEIGHTS, MAX_SCORES, CRITICAL
};

static const char *const rubric_array_names[] = {
	"scores", "weights", "max_scores", "critical"
};

/* What one element of each array is, for messages. */
static const char *const rubric_element_names[] = {
	"score", "weight", "max_score", "critical flag"
};

/* One criterion of an evaluation. */
typedef struct Criterion
{
	double		points;
	double		weight;
	double		maximum;
	bool		applies;		/* false when the score is NULL (N/A) */
	bool		critical;
} Criterion;

/* ARR_DATA_PTR(), spelled out: the macro trips -Wsign-compare. */
static const char *
array_data(ArrayType *a)
{
	Size		offset = ARR_HASNULL(a) ? (Size) a->dataoffset
		: ARR_OVERHEAD_NONULLS(ARR_NDIM(a));

	return (const char *) a + offset;
}

static void
cursor_begin(ArrayCursor *c, ArrayType *a, int element_size)
{
	c->data = a ? array_data(a) : NULL;
	c->nulls = a ? ARR_NULLBITMAP(a) : NULL;
	c->index = 0;
	c->element_size = element_size;
}

/* Copy the next element into value; false if it is NULL. */
static bool
cursor_next(ArrayCursor *c, void *value)
{
	int			i = c->index++;

	if (c->data == NULL)		/* an absent array has no elements */
		return false;
	if (c->nulls && !(c->nulls[i / 8] & (1 << (i % 8))))
		return false;
	memcpy(value, c->data, c->element_size);
	c->data += c->element_size;
	return true;
}

/* The number of elements of a one-dimensional (or empty) array. */
static int
rubric_array_length(ArrayType *a, int which)
{
	if (ARR_NDIM(a) == 0)
		return 0;
	if (ARR_NDIM(a) != 1)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("%s must be a one-dimensional array",
						rubric_array_names[which]),
				 errdetail("It has %d dimensions.", ARR_NDIM(a))));
	return ARR_DIMS(a)[0];
}

/*
 * Read the arrays of an evaluation from arguments first.. of the call; the
 * number of arguments tells which optional arrays there are.  Returns false
 * if any array is NULL: the evaluation is then ignored.
 */
static bool
rubric_begin(FunctionCallInfo fcinfo, int first, Rubric *r)
{
	int			given = PG_NARGS() - first;

	memset(r, 0, sizeof(Rubric));
	for (int which = 0; which < given; which++)
		if (PG_ARGISNULL(first + which))
			return false;
	for (int which = 0; which < given; which++)
	{
		int			length;

		r->arrays[which] = PG_GETARG_ARRAYTYPE_P(first + which);
		length = rubric_array_length(r->arrays[which], which);
		if (which == 0)
			r->criteria = length;
		else if (length != r->criteria)
			ereport(ERROR,
					(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
					 errmsg("%s and scores have different lengths",
							rubric_array_names[which]),
					 errdetail("The length of scores is %d; that of %s is %d.",
							   r->criteria, rubric_array_names[which], length)));
	}
	(void) rubric_checked_criteria(r->criteria);
	return true;
}

pg_noreturn static void
rubric_invalid(int criterion, const char *what, double value, const char *rule)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("%s %g of criterion %d is invalid", what, value, criterion),
			 errdetail("%s", rule)));
}

pg_noreturn static void
rubric_null_element(int criterion, int which)
{
	ereport(ERROR,
			(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
			 errmsg("%s of criterion %d is NULL", rubric_element_names[which],
					criterion),
			 errdetail("Only scores may be NULL (N/A); weights, max_scores and critical may not.")));
}

/* Read and check criterion number (1-based) of the arrays. */
static void
criterion_next(ArrayCursor *cursors, int number, Criterion *c)
{
	c->maximum = 1.0;
	c->critical = false;
	c->applies = cursor_next(&cursors[SCORES], &c->points);
	if (!cursor_next(&cursors[WEIGHTS], &c->weight))
		rubric_null_element(number, WEIGHTS);
	if (cursors[MAX_SCORES].data && !cursor_next(&cursors[MAX_SCORES], &c->maximum))
		rubric_null_element(number, MAX_SCORES);
	if (cursors[CRITICAL].data && !cursor_next(&cursors[CRITICAL], &c->critical))
		rubric_null_element(number, CRITICAL);

	if (!isfinite(c->weight) || c->weight < 0.0)
		rubric_invalid(number, "weight", c->weight,
					   "Weights must be finite and not negative.");
	if (!isfinite(c->maximum) || c->maximum <= 0.0)
		rubric_invalid(number, "max_score", c->maximum,
					   "Maximum scores must be finite and greater than 0.");
	if (!c->applies)
		return;
	if (!isfinite(c->points))
		rubric_invalid(number, "score", c->points, "Scores must be finite.");
	if (c->points < 0.0 || c->points > c->maximum)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("score %g of criterion %d is out of range",
						c->points, number),
				 errdetail("Scores must be between 0 and the criterion's maximum, %g.",
						   c->maximum)));
}

static void
rubric_cursors(const Rubric *r, ArrayCursor *cursors)
{
	cursor_begin(&cursors[SCORES], r->arrays[SCORES], sizeof(double));
	cursor_begin(&cursors[WEIGHTS], r->arrays[WEIGHTS], sizeof(double));
	cursor_begin(&cursors[MAX_SCORES], r->arrays[MAX_SCORES], sizeof(double));
	cursor_begin(&cursors[CRITICAL], r->arrays[CRITICAL], sizeof(bool));
}

/* A normalized score p / m as percent, in SCORE_UNITs. */
static int64
criterion_units(const Criterion *c)
{
	return (int64) llround(c->points / c->maximum * (double) SCORE_MAX_UNITS);
}

/* The result of scoring one evaluation. */
typedef struct Evaluation
{
	bool		scored;			/* false: no score, the evaluation is ignored */
	bool		autofail;
	int64		units;			/* the score, in SCORE_UNITs */
} Evaluation;

/* Criteria up to this many are read into a buffer on the stack. */
#define CRITERIA_ON_STACK 64

/*
 * Read and check every criterion of an evaluation, once: into buffer when
 * they fit, else into a fresh array.
 */
static Criterion *
rubric_read(const Rubric *r, Criterion *buffer)
{
	ArrayCursor cursors[4];
	Criterion  *c = r->criteria <= CRITERIA_ON_STACK ? buffer :
		palloc(sizeof(Criterion) * r->criteria);

	rubric_cursors(r, cursors);
	for (int i = 0; i < r->criteria; i++)
		criterion_next(cursors, i + 1, &c[i]);
	return c;
}

/*
 * Score an evaluation from its checked criteria.  The weights are divided by
 * the largest applicable weight first, so that their sum cannot overflow.
 */
static Evaluation
rubric_evaluate(const Rubric *r, const Criterion *c)
{
	Evaluation	e = {false, false, 0};
	double		largest = 0.0;
	double		weights = 0.0;
	double		weighted = 0.0;

	for (int i = 0; i < r->criteria; i++)
	{
		if (c[i].applies)
		{
			largest = Max(largest, c[i].weight);
			if (c[i].critical && c[i].points / c[i].maximum < 0.5)
				e.autofail = true;
		}
	}
	if (largest == 0.0)			/* no criterion applies, or weights sum to 0 */
		return e;

	for (int i = 0; i < r->criteria; i++)
	{
		if (c[i].applies)
		{
			weights += c[i].weight / largest;
			weighted += c[i].weight / largest * (c[i].points / c[i].maximum);
		}
	}
	e.scored = true;
	/* weighted <= weights, as each term is, so the score is at most 100 */
	if (!e.autofail)
		e.units = (int64) llround(weighted / weights * (double) SCORE_MAX_UNITS);
	return e;
}

static int
score_bin(int64 units)
{
	return (int) (units / SCORE_UNIT);
}

/* Add (direction 1) or take back (-1) one scored evaluation. */
static void
rubric_apply(RubricSummary *s, const Rubric *r, const Criterion *c,
			 const Evaluation *e, int direction)
{
	int128	   *sums = CRITERION_SUMS(s);
	int64	   *counts = CRITERION_COUNTS(s);
	int128		square = (int128) e->units * e->units;

	if (direction > 0)
	{
		count_added(&s->distribution[score_bin(e->units)], RUBRIC_TYPE_NAME);
		if (e->autofail)
			count_added(&s->autofails, RUBRIC_TYPE_NAME);
		sum_added(&s->score_sum, e->units, RUBRIC_TYPE_NAME);
		sum_added(&s->score_squares, square, RUBRIC_TYPE_NAME);
	}
	else
	{
		count_removed(&s->distribution[score_bin(e->units)], RUBRIC_TYPE_NAME);
		if (e->autofail)
			count_removed(&s->autofails, RUBRIC_TYPE_NAME);
		sum_removed(&s->score_sum, e->units, RUBRIC_TYPE_NAME);
		sum_removed(&s->score_squares, square, RUBRIC_TYPE_NAME);
	}

	for (int i = 0; i < r->criteria; i++)
	{
		if (!c[i].applies)
			continue;
		if (direction > 0)
		{
			count_added(&counts[i], RUBRIC_TYPE_NAME);
			sum_added(&sums[i], criterion_units(&c[i]), RUBRIC_TYPE_NAME);
		}
		else
		{
			count_removed(&counts[i], RUBRIC_TYPE_NAME);
			sum_removed(&sums[i], criterion_units(&c[i]), RUBRIC_TYPE_NAME);
		}
	}
}

pg_noreturn static void
rubric_mismatch(int expected, int found, const char *what)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("cannot combine rubrics with different numbers of criteria"),
			 errdetail("The summary's criterion count is %d; that of the %s is %d.",
					   expected, what, found)));
}

/*
 * rubric_score(scores, weights [, max_scores [, critical]]): one
 * evaluation's score, rounded to the billionth of a point the summaries
 * keep, or NULL when it has none.  Strict: a NULL array gives NULL.
 */
PG_FUNCTION_INFO_V1(rubric_score);
Datum
rubric_score(PG_FUNCTION_ARGS)
{
	Rubric		r;
	Criterion	buffer[CRITERIA_ON_STACK];
	Evaluation	e;

	(void) rubric_begin(fcinfo, 0, &r);
	e = rubric_evaluate(&r, rubric_read(&r, buffer));
	if (!e.scored)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8((double) e.units / (double) SCORE_UNIT);
}

/*
 * weighted_rubric's transition: add one evaluation.  Not strict: the
 * summary is created on the first scored evaluation, and evaluations with a
 * NULL array or without a score leave it as it is.
 */
PG_FUNCTION_INFO_V1(weighted_rubric_trans);
Datum
weighted_rubric_trans(PG_FUNCTION_ARGS)
{
	RubricSummary *s;
	Rubric		r;
	/* cppcheck-suppress variableScope ; c points into it after the block */
	Criterion	buffer[CRITERIA_ON_STACK];
	Criterion  *c = NULL;
	Evaluation	e = {false, false, 0};

	if (rubric_begin(fcinfo, 1, &r))
	{
		c = rubric_read(&r, buffer);
		e = rubric_evaluate(&r, c);
	}
	if (!e.scored)
		return state_unchanged(fcinfo);
	if (PG_ARGISNULL(0) || PG_GETARG_RUBRIC(0)->criteria == 0)
		s = rubric_new(r.criteria); /* the executor copies it into its context */
	else
	{
		s = summary_for_update(fcinfo, 0);
		if (s->criteria != r.criteria)
			rubric_mismatch(s->criteria, r.criteria, "evaluation");
	}
	rubric_apply(s, &r, c, &e, 1);
	PG_RETURN_POINTER(s);
}

/* weighted_rubric's inverse transition, for moving window frames. */
PG_FUNCTION_INFO_V1(weighted_rubric_inverse);
Datum
weighted_rubric_inverse(PG_FUNCTION_ARGS)
{
	RubricSummary *s;
	Rubric		r;
	/* cppcheck-suppress variableScope ; c points into it after the block */
	Criterion	buffer[CRITERIA_ON_STACK];
	Criterion  *c = NULL;
	Evaluation	e = {false, false, 0};

	if (PG_ARGISNULL(0))
		elog(ERROR, "weighted_rubric inverse transition called without a state");
	if (rubric_begin(fcinfo, 1, &r))
	{
		c = rubric_read(&r, buffer);
		e = rubric_evaluate(&r, c);
	}
	if (!e.scored)
		return state_unchanged(fcinfo);
	s = summary_for_update(fcinfo, 0);
	if (s->criteria != r.criteria)
		elog(ERROR, "weighted_rubric inverse transition removed an evaluation it never added");
	rubric_apply(s, &r, c, &e, -1);
	PG_RETURN_POINTER(s);
}

/*
 * Merge two summaries: the combine function, and rollup's transition.  A
 * summary of 0 criteria is empty, so merging it changes nothing.
 */
PG_FUNCTION_INFO_V1(rubric_summary_merge);
Datum
rubric_summary_merge(PG_FUNCTION_ARGS)
{
	RubricSummary *from = PG_GETARG_RUBRIC(1);
	RubricSummary *into;

	if (from->criteria == 0)
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	if (PG_GETARG_RUBRIC(0)->criteria == 0)
		PG_RETURN_POINTER(from);
	into = summary_for_update(fcinfo, 0);
	if (into->criteria != from->criteria)
		rubric_mismatch(into->criteria, from->criteria, "other summary");
	counts_merge_each(&into->autofails, &from->autofails, 1, RUBRIC_TYPE_NAME);
	sums_merge(&into->score_sum, &from->score_sum, 1, RUBRIC_TYPE_NAME);
	sums_merge(&into->score_squares, &from->score_squares, 1, RUBRIC_TYPE_NAME);
	counts_merge(into->distribution, from->distribution, RUBRIC_BINS,
				 RUBRIC_TYPE_NAME);
	sums_merge(CRITERION_SUMS(into), CRITERION_SUMS(from), into->criteria,
			   RUBRIC_TYPE_NAME);
	counts_merge_each(CRITERION_COUNTS(into), CRITERION_COUNTS(from),
					  into->criteria, RUBRIC_TYPE_NAME);
	PG_RETURN_POINTER(into);
}

/* rollup's inverse transition: take back a summary merged earlier. */
PG_FUNCTION_INFO_V1(rubric_summary_unmerge);
Datum
rubric_summary_unmerge(PG_FUNCTION_ARGS)
{
	RubricSummary *removed = PG_GETARG_RUBRIC(1);
	RubricSummary *from;

	if (removed->criteria == 0)
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	from = summary_for_update(fcinfo, 0);
	if (from->criteria != removed->criteria)
		elog(ERROR, "rollup inverse transition removed a summary it never added");
	counts_unmerge(&from->autofails, &removed->autofails, 1, RUBRIC_TYPE_NAME);
	sums_unmerge(&from->score_sum, &removed->score_sum, 1, RUBRIC_TYPE_NAME);
	sums_unmerge(&from->score_squares, &removed->score_squares, 1, RUBRIC_TYPE_NAME);
	counts_unmerge(from->distribution, removed->distribution, RUBRIC_BINS,
				   RUBRIC_TYPE_NAME);
	sums_unmerge(CRITERION_SUMS(from), CRITERION_SUMS(removed), from->criteria,
				 RUBRIC_TYPE_NAME);
	counts_unmerge(CRITERION_COUNTS(from), CRITERION_COUNTS(removed),
				   from->criteria, RUBRIC_TYPE_NAME);
	PG_RETURN_POINTER(from);
}

/*
 * Final function of both aggregates: a summary of no scored evaluations is
 * NULL, as avg() of no rows is.
 */
PG_FUNCTION_INFO_V1(rubric_summary_final);
Datum
rubric_summary_final(PG_FUNCTION_ARGS)
{
	RubricSummary *s = PG_GETARG_RUBRIC(0);

	if (rubric_responses(s) == 0)
		PG_RETURN_NULL();
	PG_RETURN_POINTER(s);
}

/*
 * Normal interval of the mean evaluation score from the sample variance,
 * clipped to 0..100.  One evaluation has no sample variance: its interval is
 * the whole range.  Returns false with no evaluations.
 */
static bool
rubric_interval(const void *summary, double confidence,
				ConfidenceInterval *interval)
{
	const RubricSummary *s = summary;
	double		z = confidence_z(confidence);
	int64		n = rubric_responses(s);
	double		mean;
	double		variance;
	double		half;

	if (n == 0)
		return false;
	if (n == 1)
	{
		interval->lower = 0.0;
		interval->upper = 100.0;
		return true;
	}
	mean = fixed_mean(s->score_sum, n);
	variance = fixed_deviations(s->score_sum, s->score_squares, n) /
		((double) n - 1.0) / ((double) SCORE_UNIT * (double) SCORE_UNIT);
	half = z * sqrt(variance / (double) n);
	interval->lower = mean - half;
	interval->upper = mean + half;
	*interval = clip_interval(*interval, 0.0, 100.0);
	return true;
}

PG_FUNCTION_INFO_V1(rubric_summary_score);
Datum
rubric_summary_score(PG_FUNCTION_ARGS)
{
	RubricSummary *s = PG_GETARG_RUBRIC(0);
	int64		n = rubric_responses(s);

	if (n == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(fixed_mean(s->score_sum, n));
}

PG_FUNCTION_INFO_V1(rubric_summary_responses);
Datum
rubric_summary_responses(PG_FUNCTION_ARGS)
{
	PG_RETURN_ZERO_IF_NULL(0);
	PG_RETURN_INT64(rubric_responses(PG_GETARG_RUBRIC(0)));
}

PG_FUNCTION_INFO_V1(rubric_summary_autofails);
Datum
rubric_summary_autofails(PG_FUNCTION_ARGS)
{
	PG_RETURN_ZERO_IF_NULL(0);
	PG_RETURN_INT64(PG_GETARG_RUBRIC(0)->autofails);
}

PG_FUNCTION_INFO_V1(rubric_summary_autofail_rate);
Datum
rubric_summary_autofail_rate(PG_FUNCTION_ARGS)
{
	RubricSummary *s = PG_GETARG_RUBRIC(0);
	int64		n = rubric_responses(s);

	if (n == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(100.0 * (double) s->autofails / (double) n);
}

/* Mean normalized score of each criterion as percent; NULL: never applied. */
static void
rubric_criterion_scores(const RubricSummary *s, double *values, bool *isnull)
{
	for (int i = 0; i < s->criteria; i++)
	{
		int64		count = CRITERION_COUNTS(s)[i];

		isnull[i] = count == 0;
		values[i] = count == 0 ? 0.0 : fixed_mean(CRITERION_SUMS(s)[i], count);
	}
}

PG_FUNCTION_INFO_V1(rubric_summary_criterion_scores);
Datum
rubric_summary_criterion_scores(PG_FUNCTION_ARGS)
{
	RubricSummary *s = PG_GETARG_RUBRIC(0);
	int			n = s->criteria;
	double	   *values = palloc(sizeof(double) * Max(n, 1));
	bool	   *isnull = palloc(sizeof(bool) * Max(n, 1));
	Datum	   *elems = palloc(sizeof(Datum) * Max(n, 1));
	int			dims[1] = {n};
	int			lbs[1] = {1};

	rubric_criterion_scores(s, values, isnull);
	for (int i = 0; i < n; i++)
		elems[i] = Float8GetDatum(values[i]);
	PG_RETURN_DATUM(PointerGetDatum(construct_md_array(elems, isnull, 1, dims, lbs,
													   FLOAT8OID, sizeof(double),
													   FLOAT8PASSBYVAL,
													   TYPALIGN_DOUBLE)));
}

PG_FUNCTION_INFO_V1(rubric_summary_criterion_responses);
Datum
rubric_summary_criterion_responses(PG_FUNCTION_ARGS)
{
	RubricSummary *s = PG_GETARG_RUBRIC(0);

	PG_RETURN_DATUM(counts_array(CRITERION_COUNTS(s), s->criteria, 1));
}

/* Evaluations per integer point, subscripted by the point: [0:100]. */
PG_FUNCTION_INFO_V1(rubric_summary_distribution);
Datum
rubric_summary_distribution(PG_FUNCTION_ARGS)
{
	PG_RETURN_DATUM(counts_array(PG_GETARG_RUBRIC(0)->distribution,
								 RUBRIC_BINS, 0));
}

/*
 * Percent of evaluations scoring at least pass_mark, which must be a whole
 * number of points from 0 to 100: the distribution is kept per point, so it
 * answers exactly for whole marks and for nothing else.
 */
PG_FUNCTION_INFO_V1(rubric_summary_pass_rate);
Datum
rubric_summary_pass_rate(PG_FUNCTION_ARGS)
{
	RubricSummary *s = PG_GETARG_RUBRIC(0);
	double		mark = PG_GETARG_FLOAT8(1);
	int64		n = rubric_responses(s);
	int64		passed;

	if (!(mark >= 0.0 && mark <= 100.0) || mark != floor(mark))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("pass mark %g is invalid", mark),
				 errdetail("The pass mark must be a whole number of points from 0 to 100, such as 80.")));
	if (n == 0)
		PG_RETURN_NULL();
	passed = counts_total(&s->distribution[(int) mark], RUBRIC_BINS - (int) mark,
						  RUBRIC_TYPE_NAME);
	PG_RETURN_FLOAT8(100.0 * (double) passed / (double) n);
}

PG_FUNCTION_INFO_V1(rubric_summary_lower_bound);
Datum
rubric_summary_lower_bound(PG_FUNCTION_ARGS)
{
	return interval_lower_bound(fcinfo, PG_GETARG_RUBRIC(0), rubric_interval);
}

PG_FUNCTION_INFO_V1(rubric_summary_upper_bound);
Datum
rubric_summary_upper_bound(PG_FUNCTION_ARGS)
{
	return interval_upper_bound(fcinfo, PG_GETARG_RUBRIC(0), rubric_interval);
}

/* 'green', 'amber' or 'red' against a quality-score target; higher is better. */
PG_FUNCTION_INFO_V1(rubric_summary_status);
Datum
rubric_summary_status(PG_FUNCTION_ARGS)
{
	return interval_status(fcinfo, PG_GETARG_RUBRIC(0), rubric_interval, true,
						   0.0, 100.0, "a quality score");
}

/* Every figure and count, for BI tools and exports. */
PG_FUNCTION_INFO_V1(rubric_summary_jsonb);
Datum
rubric_summary_jsonb(PG_FUNCTION_ARGS)
{
	RubricSummary *s = PG_GETARG_RUBRIC(0);
	int64		n = rubric_responses(s);
	StringInfoData out;
	ConfidenceInterval interval = {0.0, 0.0};
	double	   *values = palloc(sizeof(double) * Max(s->criteria, 1));
	bool	   *isnull = palloc(sizeof(bool) * Max(s->criteria, 1));

	(void) rubric_interval(s, 0.95, &interval);
	rubric_criterion_scores(s, values, isnull);
	json_begin(&out);
	json_double(&out, "score", n > 0 ? fixed_mean(s->score_sum, n) : 0.0, n == 0);
	json_int64(&out, "responses", n);
	json_int64(&out, "autofails", s->autofails);
	json_double(&out, "autofail_rate",
				n > 0 ? 100.0 * (double) s->autofails / (double) n : 0.0, n == 0);
	json_double(&out, "lower_bound", interval.lower, n == 0);
	json_double(&out, "upper_bound", interval.upper, n == 0);
	json_double(&out, "confidence", 0.95, false);
	json_int64(&out, "criteria", s->criteria);
	json_double_array(&out, "criterion_scores", values, isnull, s->criteria);
	json_int64_array(&out, "criterion_responses", CRITERION_COUNTS(s), s->criteria);
	json_int64_array(&out, "distribution", s->distribution, RUBRIC_BINS);
	PG_RETURN_DATUM(json_finish(&out));
}

/* ---------------------------------------------------------------------
 * Comparisons of quality scores
 * ---------------------------------------------------------------------
 */

/* The evaluation scores of a summary as one side of Welch's test. */
static MeanSample
rubric_sample(const RubricSummary *s)
{
	MeanSample	sample = {0.0, 0.0, rubric_responses(s)};

	if (sample.n > 0)
		sample.mean = fixed_mean(s->score_sum, sample.n);
	if (sample.n > 1)
		sample.variance = Max(fixed_deviations(s->score_sum, s->score_squares,
											   sample.n), 0.0) /
			((double) sample.n - 1.0) / ((double) SCORE_UNIT * (double) SCORE_UNIT);
	return sample;
}

/*
 * Compare the quality scores of a and b (arguments 0 and 1, with the
 * confidence level as argument 2 where there is one), as CES means are
 * compared: Welch's t test and interval, in points on the 0..100 scale.
 * Both must come from rubrics of the same criteria; NULL when either has no
 * evaluations.
 */
static Datum
rubric_comparison(FunctionCallInfo fcinfo, ComparisonPart part)
{
	RubricSummary *a = PG_GETARG_RUBRIC(0);
	RubricSummary *b = PG_GETARG_RUBRIC(1);
	double		confidence = PG_NARGS() > 2 ? PG_GETARG_FLOAT8(2) : 0.95;
	MeanSample	sa;
	MeanSample	sb;
	Comparison	result;

	if (a->criteria != 0 && b->criteria != 0 && a->criteria != b->criteria)
		rubric_mismatch(a->criteria, b->criteria, "other summary");
	(void) confidence_z(confidence);	/* a bad level is an error even with no answers */
	sa = rubric_sample(a);
	sb = rubric_sample(b);
	if (sa.n == 0 || sb.n == 0)
		PG_RETURN_NULL();
	compare_means(&sa, &sb, confidence, 100.0, &result);
	return comparison_part(fcinfo, &result, part);
}

PG_FUNCTION_INFO_V1(rubric_summary_difference);
Datum
rubric_summary_difference(PG_FUNCTION_ARGS)
{
	return rubric_comparison(fcinfo, COMPARISON_DIFFERENCE);
}

PG_FUNCTION_INFO_V1(rubric_summary_difference_lower_bound);
Datum
rubric_summary_difference_lower_bound(PG_FUNCTION_ARGS)
{
	return rubric_comparison(fcinfo, COMPARISON_LOWER_BOUND);
}

PG_FUNCTION_INFO_V1(rubric_summary_difference_upper_bound);
Datum
rubric_summary_difference_upper_bound(PG_FUNCTION_ARGS)
{
	return rubric_comparison(fcinfo, COMPARISON_UPPER_BOUND);
}

PG_FUNCTION_INFO_V1(rubric_summary_p_value);
Datum
rubric_summary_p_value(PG_FUNCTION_ARGS)
{
	return rubric_comparison(fcinfo, COMPARISON_P_VALUE);
}
