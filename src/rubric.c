/*
 * rubric.c
 *		rubric_summary: weighted QA rubric evaluations as a mergeable summary,
 *		and rubric: a rubric definition, parsed once.
 *
 * One evaluation scores n criteria.  Criterion i has points p_i (NULL: N/A),
 * a weight w_i >= 0, a maximum m_i > 0 (default 1) and may be critical.  Its
 * normalized score is p_i / m_i; the evaluation score is
 * 100 * sum(w_i * p_i / m_i) / sum(w_i) over the criteria that apply, or 0
 * when an applicable critical criterion scores below half its maximum (an
 * auto-fail).  An evaluation with no applicable criterion, or whose
 * applicable weights sum to 0, has no score and is ignored like a NULL.
 *
 * A rubric value names the criteria and may group them in sections.  A
 * section's score in an evaluation is the same weighted mean over the
 * section's applicable criteria (never zeroed by an auto-fail); a section
 * whose applicable weights sum to 0 does not count in that evaluation.  A
 * summary made from a rubric value records the rubric's fingerprint, so that
 * summaries of different rubrics refuse to merge; summaries made by the
 * array forms, and those stored by 0.1.0, record none.
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

#include <ctype.h>
#include <math.h>

#include "catalog/pg_type.h"
#include "common/shortest_dec.h"
#include "libpq/pqformat.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/json.h"
#include "utils/lsyscache.h"

#include "scorecard.h"

#define RUBRIC_TYPE_NAME "rubric_summary"
#define DEFINITION_TYPE_NAME "rubric"
#define RUBRIC_MAX_CRITERIA 1000
#define SCORE_UNIT INT64CONST(1000000000)	/* units per point */
#define SCORE_MAX_UNITS (100 * SCORE_UNIT)	/* a score of 100 */
#define RUBRIC_BINS 101			/* bin k: k <= score < k + 1; bin 100: 100 */

/* header.kind of a summary: what made it */
#define KIND_ARRAYS 0			/* the array forms, or 0.1.0: no rubric recorded */
#define KIND_RUBRIC 1			/* a rubric value: its fingerprint is recorded */

/*
 * The fixed part, then criterion_sums (int128[criteria]), section_sums
 * (int128[sections]), criterion_counts (int64[criteria]), section_counts
 * (int64[sections]) and, for KIND_RUBRIC only, the rubric's fingerprint
 * (uint64).  A summary of the array forms has no sections and no
 * fingerprint: that is exactly the layout 0.1.0 stored, whose "reserved"
 * field was always 0.  The number of evaluations is the total of the
 * distribution.  criteria = 0 is the empty summary a moving aggregate starts
 * from; any summary of no evaluations adopts the shape of the first
 * evaluation or summary added to it.
 */
typedef struct RubricSummary
{
	SummaryHeader header;
	int32		criteria;		/* number of criteria, 0..RUBRIC_MAX_CRITERIA */
	int32		sections;		/* number of sections, 0..criteria */
	int64		autofails;		/* evaluations failed by a critical criterion */
	int128		score_sum;		/* sum of evaluation scores, in SCORE_UNITs */
	int128		score_squares;	/* sum of their squares, in SCORE_UNITs^2 */
	int64		distribution[RUBRIC_BINS];	/* evaluations per integer point */
} RubricSummary;

/* Sum of normalized scores per criterion, as percent in SCORE_UNITs. */
#define CRITERION_SUMS(s) \
	((int128 *) ((char *) (s) + sizeof(RubricSummary)))
/* Sum of section scores per section, in SCORE_UNITs. */
#define SECTION_SUMS(s) (CRITERION_SUMS(s) + (s)->criteria)
/* Evaluations in which each criterion applied. */
#define CRITERION_COUNTS(s) \
	((int64 *) (SECTION_SUMS(s) + (s)->sections))
/* Evaluations in which each section counted. */
#define SECTION_COUNTS(s) (CRITERION_COUNTS(s) + (s)->criteria)
/* The rubric's fingerprint (KIND_RUBRIC only). */
#define FINGERPRINT(s) ((uint64 *) (SECTION_COUNTS(s) + (s)->sections))

#define PG_GETARG_RUBRIC(n) rubric_for_read(fcinfo, (n))

/* What a summary must share with what is merged into it. */
typedef struct RubricShape
{
	int			kind;
	int			criteria;
	int			sections;
	uint64		fingerprint;	/* 0 for KIND_ARRAYS */
} RubricShape;

static Size
rubric_size(int kind, int criteria, int sections)
{
	return sizeof(RubricSummary) +
		(Size) (criteria + sections) * (sizeof(int128) + sizeof(int64)) +
		(kind == KIND_RUBRIC ? sizeof(uint64) : 0);
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

/* A field of a summary's input beyond what the type holds (22003). */
static int
rubric_field_in_range(int64 value, int64 max, const char *field)
{
	if (value > max)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s %lld is out of range for type %s", field,
						(long long) value, RUBRIC_TYPE_NAME),
				 errdetail("It must be between 0 and %lld.", (long long) max)));
	return (int) value;
}

static RubricSummary *
rubric_new(const RubricShape *shape)
{
	RubricSummary *s = summary_alloc(rubric_size(shape->kind, shape->criteria,
												 shape->sections));

	s->header.kind = (uint8) shape->kind;
	s->criteria = shape->criteria;
	s->sections = shape->sections;
	if (shape->kind == KIND_RUBRIC)
		*FINGERPRINT(s) = shape->fingerprint;
	return s;
}

static RubricShape
rubric_shape(const RubricSummary *s)
{
	RubricShape shape = {s->header.kind, s->criteria, s->sections, 0};

	if (s->header.kind == KIND_RUBRIC)
		shape.fingerprint = *FINGERPRINT(s);
	return shape;
}

static bool
shapes_equal(const RubricShape *a, const RubricShape *b)
{
	return a->kind == b->kind && a->criteria == b->criteria &&
		a->sections == b->sections && a->fingerprint == b->fingerprint;
}

pg_noreturn static void
rubric_corrupt(const RubricSummary *s, const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_DATA_CORRUPTED),
			 errmsg("%s value is corrupt", RUBRIC_TYPE_NAME),
			 errdetail("%s (kind %d, %d criteria, %d sections, %u bytes)", detail,
					   s->header.kind, s->criteria, s->sections,
					   (unsigned) VARSIZE(s))));
}

/*
 * Argument argno as a summary whose header and size agree, so that reading
 * it stays inside the value: a value that fails is corrupt (XX001).
 */
static RubricSummary *
rubric_for_read(FunctionCallInfo fcinfo, int argno)
{
	RubricSummary *s = summary_for_read(fcinfo, argno, 0, RUBRIC_TYPE_NAME);

	if (VARSIZE(s) < sizeof(RubricSummary))
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("%s value is corrupt", RUBRIC_TYPE_NAME),
				 errdetail("It has %u bytes, fewer than the %d of an empty summary.",
						   (unsigned) VARSIZE(s), (int) sizeof(RubricSummary))));
	if (s->header.kind != KIND_ARRAYS && s->header.kind != KIND_RUBRIC)
		rubric_corrupt(s, "Its kind is neither 0 (arrays) nor 1 (rubric).");
	if (s->header.scale != 0 || s->header.reserved != 0)
		rubric_corrupt(s, "Its header's unused bytes are not 0.");
	if (s->criteria < 0 || s->criteria > RUBRIC_MAX_CRITERIA ||
		s->sections < 0 || s->sections > s->criteria ||
		(s->header.kind == KIND_ARRAYS && s->sections != 0) ||
		(s->header.kind == KIND_RUBRIC && s->criteria == 0))
		rubric_corrupt(s, "Its criteria or sections count is impossible.");
	if (VARSIZE(s) != rubric_size(s->header.kind, s->criteria, s->sections))
		rubric_corrupt(s, "Its size does not match its counts.");
	return s;
}

static int64
rubric_responses(const RubricSummary *s)
{
	return counts_total(s->distribution, RUBRIC_BINS, RUBRIC_TYPE_NAME);
}

/* A summary of no evaluations: the identity of merges, of any shape. */
static bool
rubric_is_empty(const RubricSummary *s)
{
	return s->criteria == 0 || rubric_responses(s) == 0;
}

/* Raise the error for two shapes that cannot merge (22023). */
pg_noreturn static void
rubric_mismatch(const RubricShape *into, const RubricShape *from, const char *what)
{
	if (into->kind != from->kind)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot combine a summary made from a rubric value with one made from arrays"),
				 errdetail("The %s was made %s; the summary was made %s. Summaries of the array forms record no rubric, so they merge only with each other.",
						   what, from->kind == KIND_RUBRIC ? "from a rubric value" : "from arrays",
						   into->kind == KIND_RUBRIC ? "from a rubric value" : "from arrays")));
	if (into->kind == KIND_RUBRIC)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot combine summaries of different rubrics"),
				 errdetail("The summary's rubric has fingerprint %016llx; that of the %s has %016llx. Summaries merge only when their rubrics have the same criteria, weights, maximums, critical flags and sections.",
						   (unsigned long long) into->fingerprint, what,
						   (unsigned long long) from->fingerprint)));
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("cannot combine rubrics with different numbers of criteria"),
			 errdetail("The summary's criterion count is %d; that of the %s is %d.",
					   into->criteria, what, from->criteria)));
}

/*
 * Raise 22023 unless two summaries come from the same rubric: what the
 * comparisons (difference, p_value, ...) call before comparing.
 */
static void
rubric_check_same_rubric(const RubricSummary *a, const RubricSummary *b)
{
	RubricShape sa = rubric_shape(a);
	RubricShape sb = rubric_shape(b);

	if (!rubric_is_empty(a) && !rubric_is_empty(b) && !shapes_equal(&sa, &sb))
		rubric_mismatch(&sa, &sb, "other summary");
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
 * Sum of squared deviations from the mean, in SCORE_UNITs^2.  With
 * sum = n q + r (0 <= r < n), sum((x - q)^2) = squares - q (sum + r) exactly
 * in integers, and the deviations from the mean take r^2 / n less.  So no
 * cancellation between two large floating-point numbers.  Input values are
 * checked, so the result is not negative.
 */
static double
fixed_deviations(int128 sum, int128 squares, int64 n)
{
	int128		q = sum / n;
	int128		r = sum - q * n;

	return (double) (squares - q * (sum + r)) - (double) r * (double) r / (double) n;
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

/* Non-negative int128 arithmetic that saturates, for the bounds below. */
static int128
saturating_add(int128 a, int128 b)
{
	int128		r;

	return __builtin_add_overflow(a, b, &r) ? INT128_MAX_VALUE : r;
}

static int128
saturating_mul(int128 a, int128 b)
{
	int128		r;

	return __builtin_mul_overflow(a, b, &r) ? INT128_MAX_VALUE : r;
}

/*
 * Evaluations of bin k whose score may vary: auto-failed evaluations score
 * exactly 0, so they take nothing from the sums.
 */
static int64
bin_free(const RubricSummary *s, int k)
{
	return k == 0 ? s->distribution[0] - s->autofails : s->distribution[k];
}

/*
 * The largest sum of squares of integer scores in their bins that add up to
 * the score sum: every score at its bin's lowest, then the excess given to
 * the highest bins first, each filled to its top (a convex function is
 * largest at a vertex, and the vertex that fills the highest bins is the
 * largest).  Saturates at the int128 maximum.
 */
static int128
squares_highest(const RubricSummary *s)
{
	int128		excess = s->score_sum;
	int128		squares = 0;

	for (int k = 0; k < RUBRIC_BINS; k++)
	{
		excess -= bin_free(s, k) * bin_lowest(k);
		squares = saturating_add(squares, saturating_mul(bin_free(s, k),
														 bin_lowest(k) * bin_lowest(k)));
	}
	for (int k = RUBRIC_BINS - 2; k >= 0 && excess > 0; k--)
	{
		int128		width = bin_highest(k) - bin_lowest(k);
		int128		full = Min((int128) bin_free(s, k), excess / width);
		int128		top = bin_highest(k);
		int128		low = bin_lowest(k);

		squares = saturating_add(squares, saturating_mul(full, top * top - low * low));
		excess -= full * width;
		if (full < bin_free(s, k) && excess > 0)
		{
			squares = saturating_add(squares, (low + excess) * (low + excess) - low * low);
			excess = 0;
		}
	}
	return squares;
}

/*
 * The smallest sum of squares of integer scores in their bins that add up to
 * the score sum: the scores as equal as the bins allow.  Some bin k holds the
 * level; lower bins are at their tops, higher bins at their bottoms, and bin
 * k's scores differ by at most 1.  Saturates at the int128 maximum.
 */
static int128
squares_lowest(const RubricSummary *s)
{
	int128		above = 0;
	int128		below = 0;

	for (int k = 0; k < RUBRIC_BINS; k++)
		above += bin_free(s, k) * bin_lowest(k);
	for (int k = 0; k < RUBRIC_BINS; k++)
	{
		int64		h = bin_free(s, k);
		int128		rest;

		above -= h * bin_lowest(k);
		rest = s->score_sum - below - above;
		if (h > 0 && rest >= h * bin_lowest(k) && rest <= h * bin_highest(k))
		{
			int128		q = rest / h;
			int128		r = rest % h;
			int128		squares = saturating_add(saturating_mul(h - r, q * q),
												 saturating_mul(r, (q + 1) * (q + 1)));

			for (int j = 0; j < RUBRIC_BINS; j++)
				if (j != k)
				{
					int128		v = j < k ? bin_highest(j) : bin_lowest(j);

					squares = saturating_add(squares, saturating_mul(bin_free(s, j), v * v));
				}
			return squares;
		}
		below += h * bin_highest(k);
	}
	return 0;					/* no evaluations, or a sum out of the bins */
}

/*
 * Why a summary could not come from real evaluations, or NULL when it could.
 * Input functions and the functions that take evaluations or summaries back
 * out check it, so that no SQL function returns a value that input rejects.
 */
static const char *
rubric_impossible(const RubricSummary *s)
{
	int64		n = rubric_responses(s);
	int128		lowest = 0;
	int128		highest = 0;
	int128		applied = 0;
	int128	   *sums = CRITERION_SUMS(s);
	int64	   *counts = CRITERION_COUNTS(s);

	if (s->criteria == 0 && (n != 0 || s->autofails != 0 ||
							 s->score_sum != 0 || s->score_squares != 0))
		return "A summary of 0 criteria holds no evaluations.";
	if (s->autofails > s->distribution[0])
		return "Auto-failed evaluations score 0, but fewer evaluations are in the distribution's bin 0.";
	/* criteria and sections: sums and counts side by side */
	for (int i = 0; i < s->criteria + s->sections; i++)
	{
		if (counts[i] > n || sums[i] > (int128) counts[i] * (int128) SCORE_MAX_UNITS)
			return "A criterion's or section's count exceeds the evaluations, or its sum exceeds 100 percent of its count.";
		if (i < s->criteria)
			applied += counts[i];
	}
	if (s->criteria > 0 && applied < n)
		return "Every scored evaluation has an applicable criterion, but the criterion counts add up to fewer than the evaluations.";
	for (int k = 0; k < RUBRIC_BINS; k++)
	{
		lowest += bin_free(s, k) * bin_lowest(k);
		highest += bin_free(s, k) * bin_highest(k);
	}
	if (s->score_sum < lowest || s->score_sum > highest)
		return "The score sum does not lie within the distribution's bins.";
	if (n > 0 && (s->score_squares < squares_lowest(s) ||
				  s->score_squares > squares_highest(s)))
		return "The sum of squares is not possible for scores in the distribution's bins that add up to the score sum.";
	if (n == 0 && s->score_squares != 0)
		return "A summary of no evaluations has a sum of squares of 0.";
	return NULL;
}

/* Input must be a summary that evaluations could have produced. */
static void
rubric_check(const RubricSummary *s, int errcode_value)
{
	const char *why = rubric_impossible(s);

	if (why != NULL)
		summary_invalid(RUBRIC_TYPE_NAME, errcode_value, why);
}

/* The summary s with another shape's trailing fields (zero), for input. */
static RubricSummary *
rubric_reshaped(const RubricSummary *s, const RubricShape *shape)
{
	RubricSummary *t = rubric_new(shape);

	t->autofails = s->autofails;
	t->score_sum = s->score_sum;
	t->score_squares = s->score_squares;
	memcpy(t->distribution, s->distribution, sizeof(s->distribution));
	memcpy(CRITERION_SUMS(t), CRITERION_SUMS(s), sizeof(int128) * s->criteria);
	memcpy(CRITERION_COUNTS(t), CRITERION_COUNTS(s), sizeof(int64) * s->criteria);
	return t;
}

/* Read 16 hexadecimal digits: a rubric's fingerprint. */
static uint64
parser_fingerprint(SummaryParser *p)
{
	uint64		value = 0;

	for (int i = 0; i < 16; i++, p->pos++)
	{
		int			c = tolower((unsigned char) *p->pos);

		if (!isxdigit(c))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					 errmsg("invalid input syntax for type %s: \"%s\"",
							RUBRIC_TYPE_NAME, p->input),
					 errdetail("Expected 16 hexadecimal digits of a rubric fingerprint at character %d.",
							   (int) (p->pos - p->input) + 1)));
		value = value * 16 + (uint64) (isdigit(c) ? c - '0' : c - 'a' + 10);
	}
	return value;
}

/* Whether only white space is left. */
static bool
parser_at_end(const SummaryParser *p)
{
	const char *ahead = p->pos;

	while (isspace((unsigned char) *ahead))
		ahead++;
	return *ahead == '\0';
}

/*
 * The text form: see the README.  A summary made from a rubric value ends
 * with its fingerprint and sections; 0.1.0's form, which has neither, reads
 * as a summary of the array forms.
 */
PG_FUNCTION_INFO_V1(rubric_summary_in);
Datum
rubric_summary_in(PG_FUNCTION_ARGS)
{
	SummaryParser p;
	RubricSummary *s;
	RubricShape shape = {KIND_ARRAYS, 0, 0, 0};

	parser_begin(&p, RUBRIC_TYPE_NAME, PG_GETARG_CSTRING(0));
	parser_key(&p, "criteria");
	shape.criteria = rubric_field_in_range(parser_count(&p), RUBRIC_MAX_CRITERIA,
										   "criteria");
	s = rubric_new(&shape);
	parser_key(&p, "autofails");
	s->autofails = parser_count(&p);
	parser_key(&p, "score_sum");
	s->score_sum = parser_sum(&p);
	parser_key(&p, "score_squares");
	s->score_squares = parser_sum(&p);
	parser_key(&p, "distribution");
	parser_counts(&p, s->distribution, RUBRIC_BINS);
	parser_key(&p, "criterion_sums");
	parser_sums(&p, CRITERION_SUMS(s), shape.criteria);
	parser_key(&p, "criterion_counts");
	parser_counts(&p, CRITERION_COUNTS(s), shape.criteria);
	if (!parser_at_end(&p))
	{
		shape.kind = KIND_RUBRIC;
		parser_key(&p, "rubric");
		shape.fingerprint = parser_fingerprint(&p);
		parser_key(&p, "sections");
		shape.sections = rubric_field_in_range(parser_count(&p), shape.criteria,
											   "sections");
		s = rubric_reshaped(s, &shape);
		parser_key(&p, "section_sums");
		parser_sums(&p, SECTION_SUMS(s), shape.sections);
		parser_key(&p, "section_counts");
		parser_counts(&p, SECTION_COUNTS(s), shape.sections);
		if (shape.criteria == 0)
			summary_invalid(RUBRIC_TYPE_NAME, ERRCODE_INVALID_TEXT_REPRESENTATION,
							"A rubric has at least one criterion.");
	}
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
	if (s->header.kind == KIND_RUBRIC)
	{
		appendStringInfo(&out, " rubric=%016llx sections=%d",
						 (unsigned long long) *FINGERPRINT(s), s->sections);
		format_sums(&out, "section_sums", SECTION_SUMS(s), s->sections);
		format_counts(&out, "section_counts", SECTION_COUNTS(s), s->sections);
	}
	PG_RETURN_CSTRING(out.data);
}

/*
 * Binary: version, criteria, autofails, the two sums, the distribution,
 * then the criterion sums and counts; in the order of the text form.  A
 * summary made from a rubric value goes on with its fingerprint, its
 * section count, and the section sums and counts.
 */
PG_FUNCTION_INFO_V1(rubric_summary_recv);
Datum
rubric_summary_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	RubricSummary *s;
	RubricShape shape = {KIND_ARRAYS, 0, 0, 0};

	recv_version(buf, RUBRIC_TYPE_NAME);
	shape.criteria = rubric_field_in_range(recv_count(buf, RUBRIC_TYPE_NAME),
										   RUBRIC_MAX_CRITERIA, "criteria");
	s = rubric_new(&shape);
	s->autofails = recv_count(buf, RUBRIC_TYPE_NAME);
	recv_sums(buf, &s->score_sum, 1, RUBRIC_TYPE_NAME);
	recv_sums(buf, &s->score_squares, 1, RUBRIC_TYPE_NAME);
	recv_counts(buf, s->distribution, RUBRIC_BINS, RUBRIC_TYPE_NAME);
	recv_sums(buf, CRITERION_SUMS(s), shape.criteria, RUBRIC_TYPE_NAME);
	recv_counts(buf, CRITERION_COUNTS(s), shape.criteria, RUBRIC_TYPE_NAME);
	if (buf->cursor < buf->len)
	{
		shape.kind = KIND_RUBRIC;
		shape.fingerprint = (uint64) recv_int64(buf, RUBRIC_TYPE_NAME);
		shape.sections = rubric_field_in_range(recv_count(buf, RUBRIC_TYPE_NAME),
											   shape.criteria, "sections");
		s = rubric_reshaped(s, &shape);
		recv_sums(buf, SECTION_SUMS(s), shape.sections, RUBRIC_TYPE_NAME);
		recv_counts(buf, SECTION_COUNTS(s), shape.sections, RUBRIC_TYPE_NAME);
		if (shape.criteria == 0)
			summary_invalid(RUBRIC_TYPE_NAME, ERRCODE_INVALID_BINARY_REPRESENTATION,
							"A rubric has at least one criterion.");
	}
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
	int64		sections = s->sections;

	send_begin(&buf);
	send_counts(&buf, &criteria, 1);
	send_counts(&buf, &s->autofails, 1);
	send_sums(&buf, &s->score_sum, 1);
	send_sums(&buf, &s->score_squares, 1);
	send_counts(&buf, s->distribution, RUBRIC_BINS);
	send_sums(&buf, CRITERION_SUMS(s), s->criteria);
	send_counts(&buf, CRITERION_COUNTS(s), s->criteria);
	if (s->header.kind == KIND_RUBRIC)
	{
		pq_sendint64(&buf, (int64) *FINGERPRINT(s));
		send_counts(&buf, &sections, 1);
		send_sums(&buf, SECTION_SUMS(s), s->sections);
		send_counts(&buf, SECTION_COUNTS(s), s->sections);
	}
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
	double		normalized;		/* points / maximum, when it applies */
	bool		applies;		/* false when the score is NULL (N/A) */
	bool		critical;
	int16		section;		/* 0: none, else the section's number */
} Criterion;

/*
 * llround() for 0 <= x < 2^63, exactly, without a library call (the per-row
 * path rounds once per criterion): x - trunc(x) is exact (Sterbenz), so
 * halves round away from zero as llround() rounds them.
 */
static inline int64
round_units(double x)
{
	int64		whole = (int64) x;

	return whole + (x - (double) whole >= 0.5);
}

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
array_length_of(ArrayType *a, const char *name)
{
	if (ARR_NDIM(a) == 0)
		return 0;
	if (ARR_NDIM(a) != 1)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("%s must be a one-dimensional array", name),
				 errdetail("It has %d dimensions.", ARR_NDIM(a))));
	return ARR_DIMS(a)[0];
}

/* Raise 2202E for an array whose length differs from the first one's. */
static void
check_same_length(const char *name, int length, const char *first, int expected)
{
	if (length != expected)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("%s and %s have different lengths", name, first),
				 errdetail("The length of %s is %d; that of %s is %d.",
						   first, expected, name, length)));
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
		length = array_length_of(r->arrays[which], rubric_array_names[which]);
		if (which == 0)
			r->criteria = length;
		else
			check_same_length(rubric_array_names[which], length, "scores",
							  r->criteria);
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

/* Check a criterion's weight and maximum (number is 1-based). */
static void
criterion_check_definition(int number, double weight, double maximum)
{
	if (!isfinite(weight) || weight < 0.0)
		rubric_invalid(number, "weight", weight,
					   "Weights must be finite and not negative.");
	if (!isfinite(maximum) || maximum <= 0.0)
		rubric_invalid(number, "max_score", maximum,
					   "Maximum scores must be finite and greater than 0.");
}

/*
 * Check an applicable criterion's points against its maximum, and
 * normalize them.
 */
static inline void
criterion_check_points(int number, Criterion *c)
{
	if (!isfinite(c->points))
		rubric_invalid(number, "score", c->points, "Scores must be finite.");
	if (c->points < 0.0 || c->points > c->maximum)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("score %g of criterion %d is out of range",
						c->points, number),
				 errdetail("Scores must be between 0 and the criterion's maximum, %g.",
						   c->maximum)));
	c->normalized = c->points / c->maximum;
}

/* Read and check criterion number (1-based) of the arrays. */
static void
criterion_next(ArrayCursor *cursors, int number, Criterion *c)
{
	c->maximum = 1.0;
	c->critical = false;
	c->section = 0;
	c->applies = cursor_next(&cursors[SCORES], &c->points);
	if (!cursor_next(&cursors[WEIGHTS], &c->weight))
		rubric_null_element(number, WEIGHTS);
	if (cursors[MAX_SCORES].data && !cursor_next(&cursors[MAX_SCORES], &c->maximum))
		rubric_null_element(number, MAX_SCORES);
	if (cursors[CRITICAL].data && !cursor_next(&cursors[CRITICAL], &c->critical))
		rubric_null_element(number, CRITICAL);
	criterion_check_definition(number, c->weight, c->maximum);
	if (c->applies)
		criterion_check_points(number, c);
}

static void
rubric_cursors(const Rubric *r, ArrayCursor *cursors)
{
	cursor_begin(&cursors[SCORES], r->arrays[SCORES], sizeof(double));
	cursor_begin(&cursors[WEIGHTS], r->arrays[WEIGHTS], sizeof(double));
	cursor_begin(&cursors[MAX_SCORES], r->arrays[MAX_SCORES], sizeof(double));
	cursor_begin(&cursors[CRITICAL], r->arrays[CRITICAL], sizeof(bool));
}

/* Criteria up to this many are read into a buffer on the stack. */
#define CRITERIA_ON_STACK 64

/* Room for n criteria: buffer when they fit, else a fresh array. */
static Criterion *
criteria_room(int n, Criterion *buffer)
{
	return n <= CRITERIA_ON_STACK ? buffer : palloc(sizeof(Criterion) * n);
}

/*
 * Read and check every criterion of an evaluation, once: into buffer when
 * they fit, else into a fresh array.
 */
static Criterion *
rubric_read(const Rubric *r, Criterion *buffer)
{
	ArrayCursor cursors[4];
	Criterion  *c = criteria_room(r->criteria, buffer);

	rubric_cursors(r, cursors);
	for (int i = 0; i < r->criteria; i++)
		criterion_next(cursors, i + 1, &c[i]);
	return c;
}

/* A normalized score p / m as percent, in SCORE_UNITs. */
static int64
criterion_units(const Criterion *c)
{
	return round_units(c->normalized * (double) SCORE_MAX_UNITS);
}

/* ---------------------------------------------------------------------
 * rubric: a rubric definition
 *
 * The criteria's names, weights, maximums, critical flags and sections,
 * checked once when the value is made.  The value is flat: the aggregates
 * read it where it lies, and cache it across rows.  Its fingerprint is the
 * 64-bit FNV-1a hash of its text form, which is canonical, so equal rubrics
 * have equal fingerprints on every platform.
 * ---------------------------------------------------------------------
 */

#define DEFINITION_VERSION 1

typedef struct RubricDefinition
{
	int32		vl_len_;		/* varlena header (do not touch directly) */
	uint8		version;		/* DEFINITION_VERSION */
	uint8		reserved[3];	/* always 0 */
	int32		criteria;		/* 1..RUBRIC_MAX_CRITERIA */
	int32		sections;		/* 0..criteria */
	int32		names_size;		/* bytes of the names that end the value */
	int32		reserved2;		/* always 0 */
	uint64		fingerprint;	/* FNV-1a 64 of the text form */
	/*
	 * Then weights and max_scores (double[criteria]), each criterion's
	 * section (int16[criteria]: 0 for none, else its number), the critical
	 * flags (bool[criteria]), and the names: the criteria's, then the
	 * sections' in order of first appearance, each ending in a NUL.
	 */
} RubricDefinition;

/* Where each array starts, in bytes from the start of the value. */
#define DEF_WEIGHTS_AT(d) sizeof(RubricDefinition)
#define DEF_MAXIMA_AT(d) (DEF_WEIGHTS_AT(d) + sizeof(double) * (d)->criteria)
#define DEF_SECTIONS_AT(d) (DEF_MAXIMA_AT(d) + sizeof(double) * (d)->criteria)
#define DEF_CRITICAL_AT(d) (DEF_SECTIONS_AT(d) + sizeof(int16) * (d)->criteria)
#define DEF_NAMES(d) ((char *) (d) + DEF_CRITICAL_AT(d) + (d)->criteria)

/* Element i of an array of a definition, read with memcpy (any alignment). */
static inline double
def_double(const RubricDefinition *d, Size at, int i)
{
	double		value;

	memcpy(&value, (const char *) d + at + sizeof(double) * i, sizeof(double));
	return value;
}

#define DEF_WEIGHT(d, i) def_double((d), DEF_WEIGHTS_AT(d), (i))
#define DEF_MAXIMUM(d, i) def_double((d), DEF_MAXIMA_AT(d), (i))

static inline int16
def_section(const RubricDefinition *d, int i)
{
	int16		value;

	memcpy(&value, (const char *) d + DEF_SECTIONS_AT(d) + sizeof(int16) * i,
		   sizeof(int16));
	return value;
}

/* The critical flag's byte: 0 or 1 in a valid value. */
static inline uint8
def_critical(const RubricDefinition *d, int i)
{
	return ((const uint8 *) d)[DEF_CRITICAL_AT(d) + i];
}

static Size
definition_size(int criteria, int names_size)
{
	return sizeof(RubricDefinition) +
		(Size) criteria * (2 * sizeof(double) + sizeof(int16) + sizeof(bool)) +
		names_size;
}

/* A definition being read from arrays or text; NULL names are NULL. */
typedef struct RubricSpec
{
	int			criteria;
	char	  **names;
	double	   *weights;
	double	   *maxima;
	bool	   *critical;
	char	  **sections;		/* NULL: no section */
	bool	   *isnull[3];		/* NULL elements of weights, maxima, critical */
} RubricSpec;

static void
spec_alloc(RubricSpec *spec, int criteria)
{
	spec->criteria = criteria;
	spec->names = palloc0(sizeof(char *) * Max(criteria, 1));
	spec->weights = palloc0(sizeof(double) * Max(criteria, 1));
	spec->maxima = palloc0(sizeof(double) * Max(criteria, 1));
	spec->critical = palloc0(sizeof(bool) * Max(criteria, 1));
	spec->sections = palloc0(sizeof(char *) * Max(criteria, 1));
	for (int f = 0; f < 3; f++)
		spec->isnull[f] = palloc0(sizeof(bool) * Max(criteria, 1));
	for (int i = 0; i < criteria; i++)
		spec->maxima[i] = 1.0;
}

/* Every name of a definition: the criteria's, then the sections'. */
static const char **
definition_names(const RubricDefinition *d)
{
	const char **names = palloc(sizeof(char *) * (d->criteria + d->sections));
	const char *next = DEF_NAMES(d);

	for (int i = 0; i < d->criteria + d->sections; i++)
	{
		names[i] = next;
		next += strlen(next) + 1;
	}
	return names;
}

/* A name as an element of an array literal: quoted, \ and " escaped. */
static void
append_quoted(StringInfo out, const char *name)
{
	appendStringInfoChar(out, '"');
	for (const char *c = name; *c; c++)
	{
		if (*c == '"' || *c == '\\')
			appendStringInfoChar(out, '\\');
		appendStringInfoChar(out, *c);
	}
	appendStringInfoChar(out, '"');
}

static void
append_double(StringInfo out, double value)
{
	char		digits[DOUBLE_SHORTEST_DECIMAL_LEN];

	double_to_shortest_decimal_buf(value, digits);
	appendStringInfoString(out, digits);
}

/*
 * The text form, canonical and exact:
 *	v1 names={"a","b"} weights={1,2} max_scores={5,1} critical={f,t} sections={"S",NULL}
 */
static char *
definition_text(const RubricDefinition *d)
{
	StringInfoData out;
	const char **names = definition_names(d);
	const char *const keys[] = {"names", "weights", "max_scores", "critical", "sections"};

	initStringInfo(&out);
	appendStringInfo(&out, "v%d", DEFINITION_VERSION);
	for (int field = 0; field < 5; field++)
	{
		appendStringInfo(&out, " %s={", keys[field]);
		for (int i = 0; i < d->criteria; i++)
		{
			int			section = def_section(d, i);

			if (i > 0)
				appendStringInfoChar(&out, ',');
			if (field == 0)
				append_quoted(&out, names[i]);
			else if (field == 1 || field == 2)
				append_double(&out, field == 1 ? DEF_WEIGHT(d, i) : DEF_MAXIMUM(d, i));
			else if (field == 3)
				appendStringInfoChar(&out, def_critical(d, i) ? 't' : 'f');
			else if (section == 0)
				appendStringInfoString(&out, "NULL");
			else
				append_quoted(&out, names[d->criteria + section - 1]);
		}
		appendStringInfoChar(&out, '}');
	}
	return out.data;
}

/* 64-bit FNV-1a: small, and the same on every platform. */
static uint64
fnv1a(const char *text)
{
	uint64		hash = UINT64CONST(14695981039346656037);

	for (const unsigned char *c = (const unsigned char *) text; *c; c++)
		hash = (hash ^ *c) * UINT64CONST(1099511628211);
	return hash;
}

pg_noreturn static void
definition_error(int code, const char *message, const char *detail)
{
	ereport(ERROR, (errcode(code), errmsg("%s", message), errdetail("%s", detail)));
}

/* The name of criterion i, which may not be NULL (22004). */
static const char *
spec_name(const RubricSpec *spec, int i)
{
	if (spec->names[i] == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("name of criterion %d is NULL", i + 1),
				 errdetail("Every criterion has a name; only sections may be NULL (none).")));
	return spec->names[i];
}

/* Check each criterion as the array forms do, plus names. */
static void
spec_check(const RubricSpec *spec)
{
	if (spec->criteria == 0)
		definition_error(ERRCODE_INVALID_PARAMETER_VALUE,
						 "a rubric needs at least one criterion",
						 "names and weights are empty.");
	(void) rubric_checked_criteria(spec->criteria);
	for (int i = 0; i < spec->criteria; i++)
	{
		(void) spec_name(spec, i);
		for (int f = 0; f < 3; f++)
			if (spec->isnull[f][i])
				rubric_null_element(i + 1, WEIGHTS + f);
		criterion_check_definition(i + 1, spec->weights[i], spec->maxima[i]);
		for (int j = 0; j < i; j++)
			if (strcmp(spec->names[j], spec->names[i]) == 0)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("criterion name \"%s\" appears twice", spec->names[i]),
						 errdetail("Criteria %d and %d have the same name; each criterion needs its own.",
								   j + 1, i + 1)));
	}
}

/* The definition of a checked spec, with its fingerprint. */
static RubricDefinition *
definition_build(const RubricSpec *spec)
{
	int			n = spec->criteria;
	const char **section_names = palloc(sizeof(char *) * n);
	int16	   *section_of = palloc0(sizeof(int16) * n);
	int			sections = 0;
	int			names_size = 0;
	RubricDefinition *d;
	char	   *next;

	spec_check(spec);
	for (int i = 0; i < n; i++)
	{
		names_size += (int) strlen(spec_name(spec, i)) + 1;
		if (spec->sections[i] == NULL)
			continue;
		for (int k = 0; k < sections && section_of[i] == 0; k++)
			if (strcmp(section_names[k], spec->sections[i]) == 0)
				section_of[i] = (int16) (k + 1);
		if (section_of[i] == 0)
		{
			section_names[sections++] = spec->sections[i];
			section_of[i] = (int16) sections;
			names_size += (int) strlen(spec->sections[i]) + 1;
		}
	}
	d = palloc0(definition_size(n, names_size));
	SET_VARSIZE(d, definition_size(n, names_size));
	d->version = DEFINITION_VERSION;
	d->criteria = n;
	d->sections = sections;
	d->names_size = names_size;
	memcpy((char *) d + DEF_WEIGHTS_AT(d), spec->weights, sizeof(double) * n);
	memcpy((char *) d + DEF_MAXIMA_AT(d), spec->maxima, sizeof(double) * n);
	memcpy((char *) d + DEF_SECTIONS_AT(d), section_of, sizeof(int16) * n);
	for (int i = 0; i < n; i++)
		((uint8 *) d)[DEF_CRITICAL_AT(d) + i] = spec->critical[i] ? 1 : 0;
	next = DEF_NAMES(d);
	for (int i = 0; i < n + sections; i++)
	{
		const char *name = i < n ? spec_name(spec, i) : section_names[i - n];
		size_t		len = strlen(name) + 1;

		memcpy(next, name, len);
		next += len;
	}
	d->fingerprint = fnv1a(definition_text(d));
	return d;
}

pg_noreturn static void
definition_corrupt(const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_DATA_CORRUPTED),
			 errmsg("%s value is corrupt", DEFINITION_TYPE_NAME),
			 errdetail("%s", detail)));
}

/* Check a stored definition, so that reading it stays inside it (XX001). */
static RubricDefinition *
definition_check(RubricDefinition *d)
{
	const char *names;
	int			nuls = 0;

	if (VARSIZE(d) < sizeof(RubricDefinition) || d->version != DEFINITION_VERSION ||
		d->reserved[0] != 0 || d->reserved[1] != 0 || d->reserved[2] != 0 ||
		d->reserved2 != 0)
		definition_corrupt("Its header is not that of this version's rubric.");
	if (d->criteria < 1 || d->criteria > RUBRIC_MAX_CRITERIA ||
		d->sections < 0 || d->sections > d->criteria ||
		d->names_size < d->criteria + d->sections ||
		VARSIZE(d) != definition_size(d->criteria, d->names_size))
		definition_corrupt("Its counts do not match its size.");
	names = DEF_NAMES(d);
	for (int i = 0; i < d->names_size; i++)
		nuls += names[i] == '\0';
	if (nuls != d->criteria + d->sections || names[d->names_size - 1] != '\0')
		definition_corrupt("Its names are not as many as its criteria and sections.");
	for (int i = 0; i < d->criteria; i++)
		if (def_section(d, i) < 0 || def_section(d, i) > d->sections ||
			def_critical(d, i) > 1 ||
			!isfinite(DEF_WEIGHT(d, i)) || DEF_WEIGHT(d, i) < 0.0 ||
			!isfinite(DEF_MAXIMUM(d, i)) || DEF_MAXIMUM(d, i) <= 0.0)
			definition_corrupt("A criterion's weight, maximum, section or critical flag is impossible.");
	return d;
}

static RubricDefinition *
definition_for_read(FunctionCallInfo fcinfo, int argno)
{
	return definition_check((RubricDefinition *) PG_DETOAST_DATUM(PG_GETARG_DATUM(argno)));
}

/*
 * The definition of argument argno, cached in fn_extra across rows and keyed
 * by the value's bytes: a row whose rubric is the one of the row before
 * costs one comparison of a few hundred bytes, or less when the argument is
 * the very datum of the row before (a constant): then its size and its
 * fingerprint, a hash of all of it, must match.
 */
typedef struct DefinitionCache
{
	Size		key_len;
	const void *last;			/* the datum last read */
	RubricDefinition *definition;	/* its payload is the key */
} DefinitionCache;

/* The fingerprint field of a definition's payload (maybe unaligned). */
static uint64
payload_fingerprint(const char *payload)
{
	uint64		fingerprint;

	memcpy(&fingerprint, payload + offsetof(RubricDefinition, fingerprint) - VARHDRSZ,
		   sizeof(uint64));
	return fingerprint;
}

static const RubricDefinition *
definition_cached(FunctionCallInfo fcinfo, int argno)
{
	struct varlena *raw = (struct varlena *) PG_GETARG_POINTER(argno);
	DefinitionCache *cache = fcinfo->flinfo->fn_extra;
	const char *data;
	Size		len;
	RubricDefinition *copy;

	if (VARATT_IS_EXTERNAL(raw) || VARATT_IS_COMPRESSED(raw))
		raw = PG_DETOAST_DATUM(PG_GETARG_DATUM(argno));
	data = VARDATA_ANY(raw);
	len = VARSIZE_ANY_EXHDR(raw);
	if (cache != NULL && cache->key_len == len &&
		len >= sizeof(RubricDefinition) - VARHDRSZ &&
		(raw == cache->last
		 ? payload_fingerprint(data) == cache->definition->fingerprint
		 : memcmp(VARDATA(cache->definition), data, len) == 0))
	{
		cache->last = raw;
		return cache->definition;
	}

	/* a copy that lives as long as fn_extra, cached once it checks out */
	copy = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt, len + VARHDRSZ);
	SET_VARSIZE(copy, len + VARHDRSZ);
	memcpy(VARDATA(copy), data, len);
	(void) definition_check(copy);
	if (cache == NULL)
		cache = fcinfo->flinfo->fn_extra =
			MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(DefinitionCache));
	else
		pfree(cache->definition);
	cache->definition = copy;
	cache->key_len = len;
	cache->last = raw;
	return copy;
}

/*
 * The elements of an optional argument array as Datums, checking its shape
 * against the names (2202E).
 */
static Datum *
spec_elements(FunctionCallInfo fcinfo, int argno, const char *name, Oid type,
			  int criteria, bool **isnull)
{
	ArrayType  *a = PG_GETARG_ARRAYTYPE_P(argno);
	int16		len;
	bool		byval;
	char		align;
	Datum	   *elements;
	int			count;

	check_same_length(name, array_length_of(a, name), "names", criteria);
	get_typlenbyvalalign(type, &len, &byval, &align);
	deconstruct_array(a, type, len, byval, align, &elements, isnull, &count);
	return elements;
}

/* rubric(names, weights [, max_scores [, critical [, sections]]]) */
PG_FUNCTION_INFO_V1(rubric_build);
Datum
rubric_build(PG_FUNCTION_ARGS)
{
	ArrayType  *names = PG_GETARG_ARRAYTYPE_P(0);
	int			n = array_length_of(names, "names");
	static const char *const fields[] = {"names", "weights", "max_scores", "critical", "sections"};
	static const Oid types[] = {TEXTOID, FLOAT8OID, FLOAT8OID, BOOLOID, TEXTOID};
	RubricSpec spec;

	spec_alloc(&spec, n);
	for (int field = 0; field < PG_NARGS(); field++)
	{
		bool	   *isnull;
		Datum	   *e = spec_elements(fcinfo, field, fields[field], types[field], n, &isnull);

		for (int i = 0; i < n; i++)
		{
			if (field == 0 || field == 4)
				(field == 0 ? spec.names : spec.sections)[i] =
					isnull[i] ? NULL : text_to_cstring(DatumGetTextPP(e[i]));
			else if (isnull[i])
				spec.isnull[field - 1][i] = true;
			else if (field == 3)
				spec.critical[i] = DatumGetBool(e[i]);
			else
				(field == 1 ? spec.weights : spec.maxima)[i] = DatumGetFloat8(e[i]);
		}
	}
	PG_RETURN_POINTER(definition_build(&spec));
}

/* Reading the text form: a parser over the input, as for summaries. */
pg_noreturn static void
definition_syntax(const char *input, const char *at, const char *expected)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type %s: \"%s\"", DEFINITION_TYPE_NAME, input),
			 errdetail("Expected %s at character %d.", expected, (int) (at - input) + 1)));
}

/*
 * One element of an array literal at *pos: a quoted string with \ escapes,
 * or a bare word (NULL, in any case, is the NULL element).  Returns a fresh
 * string, or NULL for NULL.
 */
static char *
definition_element(const char *input, const char **pos)
{
	StringInfoData element;
	const char *c = *pos;

	initStringInfo(&element);
	if (*c == '"')
	{
		for (c++; *c != '"'; c++)
		{
			if (*c == '\\')
				c++;
			if (*c == '\0')
				definition_syntax(input, c, "a closing quote");
			appendStringInfoChar(&element, *c);
		}
		*pos = c + 1;
		return element.data;
	}
	for (; *c && !strchr(",{}\"\\", *c) && !isspace((unsigned char) *c); c++)
		appendStringInfoChar(&element, *c);
	if (element.len == 0)
		definition_syntax(input, c, "an array element");
	*pos = c;
	return pg_strcasecmp(element.data, "NULL") == 0 ? NULL : element.data;
}

/* " key={e1,e2,...}": the elements as strings, how many in *count. */
static char **
definition_list(const char *input, const char **pos, const char *key, int *count)
{
	char		expected[64];
	size_t		len = strlen(key);
	const char *c = *pos;
	char	  **items = palloc(sizeof(char *) * (RUBRIC_MAX_CRITERIA + 1));

	snprintf(expected, sizeof(expected), "\" %s={\"", key);
	if (!isspace((unsigned char) *c))
		definition_syntax(input, c, expected);
	while (isspace((unsigned char) *c))
		c++;
	if (strncmp(c, key, len) != 0 || c[len] != '=' || c[len + 1] != '{')
		definition_syntax(input, c, expected);
	c += len + 2;
	*count = 0;
	for (;;)
	{
		while (isspace((unsigned char) *c))
			c++;
		if (*c == '}' && *count == 0)
			break;
		if (*count > RUBRIC_MAX_CRITERIA)
			(void) rubric_checked_criteria(*count + 1);
		items[(*count)++] = definition_element(input, &c);
		while (isspace((unsigned char) *c))
			c++;
		if (*c == '}')
			break;
		if (*c++ != ',')
			definition_syntax(input, c - 1, "\",\" or \"}\"");
	}
	*pos = c + 1;
	return items;
}

pg_noreturn static void
definition_not_a(const char *input, const char *key, const char *item,
				 const char *expected)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type %s: \"%s\"", DEFINITION_TYPE_NAME, input),
			 errdetail("Each element of %s must be %s, not \"%s\".", key, expected, item)));
}

/* A number or boolean element of the text form. */
static void
definition_scalar(const char *input, const char *key, const char *item,
				  bool is_bool, double *number, bool *flag, bool *isnull)
{
	char	   *end;

	*isnull = item == NULL;
	if (item == NULL)
		return;
	if (is_bool)
	{
		if (pg_strcasecmp(item, "t") == 0 || pg_strcasecmp(item, "true") == 0)
			*flag = true;
		else if (pg_strcasecmp(item, "f") == 0 || pg_strcasecmp(item, "false") == 0)
			*flag = false;
		else
			definition_not_a(input, key, item, "t or f");
		return;
	}
	errno = 0;
	*number = strtod(item, &end);
	if (*end != '\0' || end == item)
		definition_not_a(input, key, item, "a number");
	if (errno == ERANGE && fabs(*number) > 1.0)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("\"%s\" is out of range for type double precision", item),
				 errdetail("The %s of a rubric are double precision numbers.", key)));
}

PG_FUNCTION_INFO_V1(rubric_in);
Datum
rubric_in(PG_FUNCTION_ARGS)
{
	const char *input = PG_GETARG_CSTRING(0);
	const char *pos = input;
	static const char *const keys[] = {"names", "weights", "max_scores", "critical", "sections"};
	char	  **items[5];
	RubricSpec spec;
	int			n = 0;

	while (isspace((unsigned char) *pos))
		pos++;
	if (strncmp(pos, "v1", 2) != 0 || isdigit((unsigned char) pos[2]))
		definition_syntax(input, pos, "the format version \"v1\"");
	pos += 2;
	for (int field = 0; field < 5; field++)
	{
		int			count;

		items[field] = definition_list(input, &pos, keys[field], &count);
		if (field == 0)
			n = count;
		else
			check_same_length(keys[field], count, "names", n);
	}
	while (isspace((unsigned char) *pos))
		pos++;
	if (*pos != '\0')
		definition_syntax(input, pos, "end of input");
	spec_alloc(&spec, n);
	for (int i = 0; i < n; i++)
	{
		spec.names[i] = items[0][i];
		spec.sections[i] = items[4][i];
		definition_scalar(input, keys[1], items[1][i], false, &spec.weights[i], NULL, &spec.isnull[0][i]);
		definition_scalar(input, keys[2], items[2][i], false, &spec.maxima[i], NULL, &spec.isnull[1][i]);
		definition_scalar(input, keys[3], items[3][i], true, NULL, &spec.critical[i], &spec.isnull[2][i]);
	}
	PG_RETURN_POINTER(definition_build(&spec));
}

PG_FUNCTION_INFO_V1(rubric_out);
Datum
rubric_out(PG_FUNCTION_ARGS)
{
	PG_RETURN_CSTRING(definition_text(definition_for_read(fcinfo, 0)));
}

/* Binary: a version byte, then the text form, read as text input reads it. */
PG_FUNCTION_INFO_V1(rubric_recv);
Datum
rubric_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			version = recv_byte(buf, DEFINITION_TYPE_NAME);
	char	   *text;

	if (version != DEFINITION_VERSION)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary %s value", DEFINITION_TYPE_NAME),
				 errdetail("Format version %d is not supported; this version of scorecard reads version %d.",
						   version, DEFINITION_VERSION)));
	text = pnstrdup(buf->data + buf->cursor, buf->len - buf->cursor);
	if ((int) strlen(text) != buf->len - buf->cursor)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary %s value", DEFINITION_TYPE_NAME),
				 errdetail("The text form holds a NUL byte.")));
	buf->cursor = buf->len;
	PG_RETURN_DATUM(DirectFunctionCall1(rubric_in, CStringGetDatum(text)));
}

PG_FUNCTION_INFO_V1(rubric_send);
Datum
rubric_send(PG_FUNCTION_ARGS)
{
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, DEFINITION_VERSION);
	appendStringInfoString(&buf, definition_text(definition_for_read(fcinfo, 0)));
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* Names as a text[]: the criteria's (first 0) or the sections'. */
static Datum
definition_name_array(const RubricDefinition *d, bool sections)
{
	const char **names = definition_names(d);
	int			first = sections ? d->criteria : 0;
	int			n = sections ? d->sections : d->criteria;
	Datum	   *elements = palloc(sizeof(Datum) * Max(n, 1));

	for (int i = 0; i < n; i++)
		elements[i] = PointerGetDatum(cstring_to_text(names[first + i]));
	return PointerGetDatum(construct_array(elements, n, TEXTOID, -1, false, TYPALIGN_INT));
}

PG_FUNCTION_INFO_V1(rubric_criterion_names);
Datum
rubric_criterion_names(PG_FUNCTION_ARGS)
{
	PG_RETURN_DATUM(definition_name_array(definition_for_read(fcinfo, 0), false));
}

PG_FUNCTION_INFO_V1(rubric_section_names);
Datum
rubric_section_names(PG_FUNCTION_ARGS)
{
	PG_RETURN_DATUM(definition_name_array(definition_for_read(fcinfo, 0), true));
}

/* Every criterion with its settings, the sections, and the fingerprint. */
PG_FUNCTION_INFO_V1(rubric_jsonb);
Datum
rubric_jsonb(PG_FUNCTION_ARGS)
{
	RubricDefinition *d = definition_for_read(fcinfo, 0);
	const char **names = definition_names(d);
	StringInfoData out;

	json_begin(&out);
	appendStringInfoString(&out, "\"criteria\": [");
	for (int i = 0; i < d->criteria; i++)
	{
		int			section = def_section(d, i);

		appendStringInfoString(&out, i == 0 ? "{\"name\": " : ", {\"name\": ");
		escape_json(&out, names[i]);
		appendStringInfoString(&out, ", \"weight\": ");
		append_double(&out, DEF_WEIGHT(d, i));
		appendStringInfoString(&out, ", \"max_score\": ");
		append_double(&out, DEF_MAXIMUM(d, i));
		appendStringInfo(&out, ", \"critical\": %s, \"section\": ",
						 def_critical(d, i) ? "true" : "false");
		if (section == 0)
			appendStringInfoString(&out, "null");
		else
			escape_json(&out, names[d->criteria + section - 1]);
		appendStringInfoChar(&out, '}');
	}
	appendStringInfoString(&out, "], \"sections\": [");
	for (int k = 0; k < d->sections; k++)
	{
		if (k > 0)
			appendStringInfoString(&out, ", ");
		escape_json(&out, names[d->criteria + k]);
	}
	appendStringInfo(&out, "], \"fingerprint\": \"%016llx\"",
					 (unsigned long long) d->fingerprint);
	PG_RETURN_DATUM(json_finish(&out));
}

/* ---------------------------------------------------------------------
 * Scoring evaluations, and the aggregates' support functions
 * ---------------------------------------------------------------------
 */

/* The result of scoring one evaluation. */
typedef struct Evaluation
{
	bool		scored;			/* false: no score, the evaluation is ignored */
	bool		autofail;
	int64		units;			/* the score, in SCORE_UNITs */
} Evaluation;

/* One evaluation read from a row, with the shape of its summary. */
typedef struct Scored
{
	int			criteria;
	Criterion  *c;				/* the criteria, in buffer when they fit */
	Evaluation	e;
	RubricShape shape;
	int64	   *section_units;	/* per section: its score, or -1 */
	Criterion	buffer[CRITERIA_ON_STACK];
	int64		section_buffer[CRITERIA_ON_STACK];
} Scored;

/*
 * 100 * sum(w p / m) / sum(w) over the applicable criteria of section
 * (0: every criterion), in units, or -1 when their weights sum to 0.  The
 * weights are divided by the largest applicable weight first, so that their
 * sum cannot overflow.
 */
static int64
weighted_units_from(int n, const Criterion *c, int section, double largest)
{
	double		weights = 0.0;
	double		weighted = 0.0;

	if (largest == 0.0)
		return -1;
	for (int i = 0; i < n; i++)
	{
		if (c[i].applies && (section == 0 || c[i].section == section))
		{
			weights += c[i].weight / largest;
			weighted += c[i].weight / largest * c[i].normalized;
		}
	}
	/* weighted <= weights, as each term is, so the score is at most 100 */
	return round_units(weighted / weights * (double) SCORE_MAX_UNITS);
}

/* The same, finding the largest applicable weight of the section first. */
static int64
weighted_units(int n, const Criterion *c, int section)
{
	double		largest = 0.0;

	for (int i = 0; i < n; i++)
		if (c[i].applies && (section == 0 || c[i].section == section))
			largest = Max(largest, c[i].weight);
	return weighted_units_from(n, c, section, largest);
}

/*
 * An evaluation from its checked criteria, the largest applicable weight
 * and whether a critical criterion failed.
 */
static Evaluation
evaluation_of(int n, const Criterion *c, double largest, bool autofail)
{
	Evaluation	e = {false, autofail, 0};
	int64		units = weighted_units_from(n, c, 0, largest);

	e.scored = units >= 0;
	if (e.scored && !e.autofail)
		e.units = units;
	return e;
}

/* Score an evaluation from its checked criteria. */
static Evaluation
rubric_evaluate(int n, const Criterion *c)
{
	double		largest = 0.0;
	bool		autofail = false;

	for (int i = 0; i < n; i++)
	{
		if (!c[i].applies)
			continue;
		largest = Max(largest, c[i].weight);
		if (c[i].critical && c[i].normalized < 0.5)
			autofail = true;
	}
	return evaluation_of(n, c, largest, autofail);
}

/* Read an evaluation of the array forms from arguments 1 and on. */
static void
scored_from_arrays(FunctionCallInfo fcinfo, int first, Scored *x)
{
	Rubric		r;

	memset(&x->e, 0, sizeof(Evaluation));
	x->shape = (RubricShape)
	{
		KIND_ARRAYS, 0, 0, 0
	};
	x->section_units = NULL;
	x->criteria = 0;
	x->c = NULL;
	if (!rubric_begin(fcinfo, first, &r))
		return;
	x->criteria = x->shape.criteria = r.criteria;
	x->c = rubric_read(&r, x->buffer);
	x->e = rubric_evaluate(r.criteria, x->c);
}

/*
 * Read an evaluation's scores against a rubric: the scores array of
 * argument scores_arg, the rubric of argument rubric_arg (cached).
 */
static void
scored_from_definition(FunctionCallInfo fcinfo, int scores_arg, int rubric_arg,
					   Scored *x)
{
	const RubricDefinition *d;
	ArrayType  *scores;
	const char *data;
	const uint8 *nulls;
	int			n;
	double		largest = 0.0;
	bool		autofail = false;

	memset(&x->e, 0, sizeof(Evaluation));
	x->shape = (RubricShape)
	{
		KIND_RUBRIC, 0, 0, 0
	};
	x->criteria = 0;
	x->c = NULL;
	x->section_units = NULL;
	if (PG_ARGISNULL(scores_arg) || PG_ARGISNULL(rubric_arg))
		return;
	d = definition_cached(fcinfo, rubric_arg);
	n = d->criteria;
	x->shape = (RubricShape)
	{
		KIND_RUBRIC, n, d->sections, d->fingerprint
	};
	scores = PG_GETARG_ARRAYTYPE_P(scores_arg);
	check_same_length("scores", array_length_of(scores, "scores"),
					  "the rubric's criteria", n);
	x->criteria = n;
	x->c = criteria_room(n, x->buffer);
	data = array_data(scores);
	nulls = ARR_NULLBITMAP(scores);
	for (int i = 0; i < n; i++)
	{
		Criterion  *c = &x->c[i];

		c->weight = DEF_WEIGHT(d, i);
		c->maximum = DEF_MAXIMUM(d, i);
		c->critical = def_critical(d, i) != 0;
		c->section = def_section(d, i);
		/* cursor_next(), for doubles: a fixed-size copy the compiler inlines */
		c->applies = !nulls || (nulls[i / 8] & (1 << (i % 8)));
		if (c->applies)
		{
			memcpy(&c->points, data, sizeof(double));
			data += sizeof(double);
			criterion_check_points(i + 1, c);
			/* what rubric_evaluate() finds, found on the way */
			largest = Max(largest, c->weight);
			autofail |= c->critical && c->normalized < 0.5;
		}
	}
	x->e = evaluation_of(n, x->c, largest, autofail);
	x->section_units = d->sections <= CRITERIA_ON_STACK ? x->section_buffer
		: palloc(sizeof(int64) * d->sections);
	for (int k = 0; k < d->sections && x->e.scored; k++)
		x->section_units[k] = weighted_units(n, x->c, k + 1);
}

static int
score_bin(int64 units)
{
	return (int) (units / SCORE_UNIT);
}

/* sum_added(), inline for the per-row path; it raises on overflow. */
static inline void
sum_add(int128 *sum, int128 value)
{
	int128		result;

	if (unlikely(__builtin_add_overflow(*sum, value, &result)))
		sum_added(sum, value, RUBRIC_TYPE_NAME);
	*sum = result;
}

/* Add one scored evaluation to a summary of its shape. */
static void
rubric_add(RubricSummary *s, const Scored *x)
{
	int128		square = (int128) x->e.units * x->e.units;

	count_added(&s->distribution[score_bin(x->e.units)], RUBRIC_TYPE_NAME);
	if (x->e.autofail)
		count_added(&s->autofails, RUBRIC_TYPE_NAME);
	sum_add(&s->score_sum, x->e.units);
	sum_add(&s->score_squares, square);
	for (int i = 0; i < x->criteria; i++)
	{
		if (!x->c[i].applies)
			continue;
		count_added(&CRITERION_COUNTS(s)[i], RUBRIC_TYPE_NAME);
		sum_add(&CRITERION_SUMS(s)[i], criterion_units(&x->c[i]));
	}
	for (int k = 0; x->section_units != NULL && k < s->sections; k++)
	{
		if (x->section_units[k] < 0)
			continue;
		count_added(&SECTION_COUNTS(s)[k], RUBRIC_TYPE_NAME);
		sum_add(&SECTION_SUMS(s)[k], x->section_units[k]);
	}
}

/*
 * What the inverse functions raise for what was never added: SQL can call
 * them with any values, and no result may be a value that input rejects.
 */
pg_noreturn static void
rubric_not_held(const char *what)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("cannot take %s out of a %s that does not hold it", what,
					RUBRIC_TYPE_NAME),
			 errdetail("An inverse transition takes out only what was added to the summary.")));
}

/* Take counts, then sums, out of a summary, never below 0. */
static void
take_counts(int64 *from, const int64 *removed, int n, const char *what)
{
	for (int i = 0; i < n; i++)
	{
		if (removed[i] > from[i])
			rubric_not_held(what);
		from[i] -= removed[i];
	}
}

static void
take_sums(int128 *from, const int128 *removed, int n, const char *what)
{
	for (int i = 0; i < n; i++)
	{
		if (removed[i] > from[i])
			rubric_not_held(what);
		from[i] -= removed[i];
	}
}

/* Take one scored evaluation back out of a summary of its shape. */
static void
rubric_take(RubricSummary *s, const Scored *x)
{
	const char *what = "an evaluation";
	int64		one = 1;
	int128		units = x->e.units;
	int128		square = units * units;

	take_counts(&s->distribution[score_bin(x->e.units)], &one, 1, what);
	if (x->e.autofail)
		take_counts(&s->autofails, &one, 1, what);
	take_sums(&s->score_sum, &units, 1, what);
	take_sums(&s->score_squares, &square, 1, what);
	for (int i = 0; i < x->criteria; i++)
	{
		int128		criterion = criterion_units(&x->c[i]);

		if (!x->c[i].applies)
			continue;
		take_counts(&CRITERION_COUNTS(s)[i], &one, 1, what);
		take_sums(&CRITERION_SUMS(s)[i], &criterion, 1, what);
	}
	for (int k = 0; x->section_units != NULL && k < s->sections; k++)
	{
		int128		section = x->section_units[k];

		if (section < 0)
			continue;
		take_counts(&SECTION_COUNTS(s)[k], &one, 1, what);
		take_sums(&SECTION_SUMS(s)[k], &section, 1, what);
	}
	if (rubric_impossible(s) != NULL)
		rubric_not_held(what);
}

/*
 * The transition state to add an evaluation or a summary of this shape to:
 * the state itself, updated in place, or a new summary when the state is
 * NULL or holds nothing (an emptied moving state adopts the next shape).
 */
static RubricSummary *
rubric_state_for(FunctionCallInfo fcinfo, const RubricShape *shape, const char *what)
{
	if (!PG_ARGISNULL(0))
	{
		RubricSummary *s = PG_GETARG_RUBRIC(0);
		RubricShape current = rubric_shape(s);

		if (shapes_equal(&current, shape))
			return summary_for_update(fcinfo, 0);
		if (!rubric_is_empty(s))
			rubric_mismatch(&current, shape, what);
	}
	return rubric_new(shape);	/* the executor copies it into its context */
}

/* Add a scored evaluation to the state (argument 0). */
static Datum
rubric_transition(FunctionCallInfo fcinfo, const Scored *x)
{
	RubricSummary *s;

	if (!x->e.scored)
		return state_unchanged(fcinfo);
	s = rubric_state_for(fcinfo, &x->shape, "evaluation");
	rubric_add(s, x);
	PG_RETURN_POINTER(s);
}

/* Take a scored evaluation out of the state (argument 0). */
static Datum
rubric_inverse(FunctionCallInfo fcinfo, const Scored *x)
{
	RubricSummary *s;
	RubricShape current;

	if (!x->e.scored)
		return state_unchanged(fcinfo);
	if (PG_ARGISNULL(0))
		rubric_not_held("an evaluation");
	current = rubric_shape(PG_GETARG_RUBRIC(0));
	if (!shapes_equal(&current, &x->shape))
		rubric_not_held("an evaluation");
	s = summary_for_update(fcinfo, 0);
	rubric_take(s, x);
	PG_RETURN_POINTER(s);
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
	Scored		x;

	scored_from_arrays(fcinfo, 0, &x);
	if (!x.e.scored)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8((double) x.e.units / (double) SCORE_UNIT);
}

/* rubric_score(scores, r): the same, against a rubric value. */
PG_FUNCTION_INFO_V1(rubric_score_definition);
Datum
rubric_score_definition(PG_FUNCTION_ARGS)
{
	Scored		x;

	scored_from_definition(fcinfo, 0, 1, &x);
	if (!x.e.scored)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8((double) x.e.units / (double) SCORE_UNIT);
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
	Scored		x;

	scored_from_arrays(fcinfo, 1, &x);
	return rubric_transition(fcinfo, &x);
}

/* weighted_rubric's inverse transition, for moving window frames. */
PG_FUNCTION_INFO_V1(weighted_rubric_inverse);
Datum
weighted_rubric_inverse(PG_FUNCTION_ARGS)
{
	Scored		x;

	scored_from_arrays(fcinfo, 1, &x);
	return rubric_inverse(fcinfo, &x);
}

/* weighted_rubric(scores, r)'s transition. */
PG_FUNCTION_INFO_V1(weighted_rubric_definition_trans);
Datum
weighted_rubric_definition_trans(PG_FUNCTION_ARGS)
{
	Scored		x;

	scored_from_definition(fcinfo, 1, 2, &x);
	return rubric_transition(fcinfo, &x);
}

/* weighted_rubric(scores, r)'s inverse transition. */
PG_FUNCTION_INFO_V1(weighted_rubric_definition_inverse);
Datum
weighted_rubric_definition_inverse(PG_FUNCTION_ARGS)
{
	Scored		x;

	scored_from_definition(fcinfo, 1, 2, &x);
	return rubric_inverse(fcinfo, &x);
}

/*
 * Merge two summaries: the combine function, and rollup's transition.  A
 * summary of no evaluations is empty, so merging it changes nothing, and
 * merging into it gives the other summary.
 */
PG_FUNCTION_INFO_V1(rubric_summary_merge);
Datum
rubric_summary_merge(PG_FUNCTION_ARGS)
{
	RubricSummary *current = PG_GETARG_RUBRIC(0);
	RubricSummary *from = PG_GETARG_RUBRIC(1);
	RubricShape shape = rubric_shape(from);
	RubricSummary *into;
	int			n = from->criteria + from->sections;

	if (rubric_is_empty(from))
		PG_RETURN_POINTER(current);
	if (rubric_is_empty(current))
		PG_RETURN_POINTER(from);
	into = rubric_state_for(fcinfo, &shape, "other summary");
	counts_merge_each(&into->autofails, &from->autofails, 1, RUBRIC_TYPE_NAME);
	sums_merge(&into->score_sum, &from->score_sum, 1, RUBRIC_TYPE_NAME);
	sums_merge(&into->score_squares, &from->score_squares, 1, RUBRIC_TYPE_NAME);
	counts_merge(into->distribution, from->distribution, RUBRIC_BINS,
				 RUBRIC_TYPE_NAME);
	sums_merge(CRITERION_SUMS(into), CRITERION_SUMS(from), n, RUBRIC_TYPE_NAME);
	counts_merge_each(CRITERION_COUNTS(into), CRITERION_COUNTS(from), n,
					  RUBRIC_TYPE_NAME);
	PG_RETURN_POINTER(into);
}

/*
 * rollup's inverse transition: take back a summary merged earlier.  Any
 * other summary is refused (22023), so the result is always a summary that
 * evaluations could have produced.
 */
PG_FUNCTION_INFO_V1(rubric_summary_unmerge);
Datum
rubric_summary_unmerge(PG_FUNCTION_ARGS)
{
	RubricSummary *current = PG_GETARG_RUBRIC(0);
	RubricSummary *removed = PG_GETARG_RUBRIC(1);
	RubricShape have = rubric_shape(current);
	RubricShape take = rubric_shape(removed);
	RubricSummary *from;
	int			n = removed->criteria + removed->sections;
	const char *what = "a summary";

	if (rubric_is_empty(removed))
		PG_RETURN_POINTER(current);
	if (!shapes_equal(&have, &take))
		rubric_mismatch(&have, &take, "summary taken out");
	from = summary_for_update(fcinfo, 0);
	take_counts(&from->autofails, &removed->autofails, 1, what);
	take_sums(&from->score_sum, &removed->score_sum, 1, what);
	take_sums(&from->score_squares, &removed->score_squares, 1, what);
	take_counts(from->distribution, removed->distribution, RUBRIC_BINS, what);
	take_sums(CRITERION_SUMS(from), CRITERION_SUMS(removed), n, what);
	take_counts(CRITERION_COUNTS(from), CRITERION_COUNTS(removed), n, what);
	if (rubric_impossible(from) != NULL)
		rubric_not_held(what);
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

/* Means of sums over counts as percent: NULL where the count is 0. */
static void
rubric_means(const int128 *sums, const int64 *counts, int n, double *values,
			 bool *isnull)
{
	for (int i = 0; i < n; i++)
	{
		isnull[i] = counts[i] == 0;
		values[i] = counts[i] == 0 ? 0.0 : fixed_mean(sums[i], counts[i]);
	}
}

/* The same as a float8[] subscripted from 1. */
static Datum
rubric_means_array(const int128 *sums, const int64 *counts, int n)
{
	double	   *values = palloc(sizeof(double) * Max(n, 1));
	bool	   *isnull = palloc(sizeof(bool) * Max(n, 1));
	Datum	   *elems = palloc(sizeof(Datum) * Max(n, 1));
	int			dims[1] = {n};
	int			lbs[1] = {1};

	rubric_means(sums, counts, n, values, isnull);
	for (int i = 0; i < n; i++)
		elems[i] = Float8GetDatum(values[i]);
	return PointerGetDatum(construct_md_array(elems, isnull, 1, dims, lbs,
											  FLOAT8OID, sizeof(double),
											  FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
}

/* Mean normalized score of each criterion as percent; NULL: never applied. */
PG_FUNCTION_INFO_V1(rubric_summary_criterion_scores);
Datum
rubric_summary_criterion_scores(PG_FUNCTION_ARGS)
{
	RubricSummary *s = PG_GETARG_RUBRIC(0);

	PG_RETURN_DATUM(rubric_means_array(CRITERION_SUMS(s), CRITERION_COUNTS(s),
									   s->criteria));
}

/*
 * Mean score of each section, in the order in which sections first appear
 * in the rubric; NULL where a section never counted.  A summary of the
 * array forms has no sections: an empty array.
 */
PG_FUNCTION_INFO_V1(rubric_summary_section_scores);
Datum
rubric_summary_section_scores(PG_FUNCTION_ARGS)
{
	RubricSummary *s = PG_GETARG_RUBRIC(0);

	PG_RETURN_DATUM(rubric_means_array(SECTION_SUMS(s), SECTION_COUNTS(s),
									   s->sections));
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
	int			both = s->criteria + s->sections;
	StringInfoData out;
	ConfidenceInterval interval = {0.0, 0.0};
	double	   *values = palloc(sizeof(double) * Max(both, 1));
	bool	   *isnull = palloc(sizeof(bool) * Max(both, 1));
	(void) rubric_interval(s, 0.95, &interval);
	rubric_means(CRITERION_SUMS(s), CRITERION_COUNTS(s), s->criteria, values, isnull);
	rubric_means(SECTION_SUMS(s), SECTION_COUNTS(s), s->sections,
				 values + s->criteria, isnull + s->criteria);
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
	json_double_array(&out, "section_scores", values + s->criteria,
					  isnull + s->criteria, s->sections);
	json_int64_array(&out, "section_responses", SECTION_COUNTS(s), s->sections);
	json_int64_array(&out, "distribution", s->distribution, RUBRIC_BINS);
	if (s->header.kind == KIND_RUBRIC)
	{
		char		fingerprint[17];

		snprintf(fingerprint, sizeof(fingerprint), "%016llx",
				 (unsigned long long) *FINGERPRINT(s));
		json_string(&out, "rubric", fingerprint);
	}
	else
	{
		json_double(&out, "rubric", 0.0, true);
	}
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
 * Both must come from the same rubric (or from arrays of the same number
 * of criteria); NULL when either has no evaluations.
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

	rubric_check_same_rubric(a, b);
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
