/*
 * scorecard.h
 *		Declarations shared by the scorecard summary types.
 *
 * Every summary type is a small varlena value that is also the aggregate's
 * transition state.  Each type's own file (nps.c, rating.c, rate.c,
 * rubric.c, duration.c, queue.c, agreement.c, calibration.c) holds only its
 * layout, its figures and its SQL entry points; what they share is declared
 * here, one block per file:
 *
 *	- summary.c: allocation, access to the aggregate state, exact sums,
 *	  durations as microseconds;
 *	- counts.c: count vectors, and the aggregate support of summaries that
 *	  are one count vector (NPS, ratings, rates);
 *	- summary_io.c: the text, binary and jsonb forms;
 *	- stats.c: distributions, confidence intervals and comparisons.
 */
#ifndef SCORECARD_H
#define SCORECARD_H

#include "postgres.h"

#include "fmgr.h"
#include "lib/stringinfo.h"

/*
 * PostgreSQL version guards.  scorecard builds from one source against every
 * major from 15 to 19; each difference between them is bridged here, and
 * nowhere else.
 */

/* 16 moved the varlena macros (VARSIZE, SET_VARSIZE, ...) to varatt.h. */
#if PG_VERSION_NUM >= 160000
#include "varatt.h"
#endif

/*
 * 18 replaced pg_attribute_noreturn(), written after a declarator, with
 * pg_noreturn, written before the declaration.  GCC and clang accept the
 * attribute in front too, so older majors get pg_noreturn as the attribute.
 */
#ifndef pg_noreturn
#define pg_noreturn pg_attribute_noreturn()
#endif

/*
 * 16 builds modules with -fvisibility=hidden and exports the symbols that
 * PG_MODULE_MAGIC and PG_FUNCTION_INFO_V1 declare PGDLLEXPORT.  On 15 the
 * Makefile adds the flag, and these definitions, as 16 has them, export
 * the same symbols, so that no helper of ours can clash with another
 * library loaded into the same backend.
 */
#if PG_VERSION_NUM < 160000
#undef PGDLLEXPORT
#define PGDLLEXPORT __attribute__((visibility("default")))
#undef PG_FUNCTION_INFO_V1
#define PG_FUNCTION_INFO_V1(funcname) \
extern PGDLLEXPORT Datum funcname(PG_FUNCTION_ARGS); \
extern PGDLLEXPORT const Pg_finfo_record * CppConcat(pg_finfo_,funcname)(void); \
const Pg_finfo_record * \
CppConcat(pg_finfo_,funcname) (void) \
{ \
	static const Pg_finfo_record my_finfo = { 1 }; \
	return &my_finfo; \
} \
extern int no_such_variable
#endif

/*
 * Exact sums are 128-bit integers: scorecard needs a compiler that has them,
 * as GCC and clang do.
 */
#ifndef HAVE_INT128
#error "scorecard needs a compiler with a 128-bit integer type"
#endif

#define INT128_MAX_VALUE ((int128) (~(uint128) 0 >> 1))

/*
 * summary.c: allocation, state access, exact sums
 */

/*
 * Version of the in-memory layout, and of the text and binary formats of
 * the types whose forms have not changed since 0.1.0.  A type whose forms
 * gained fields writes a later version and reads every earlier one
 * (parser_begin_versions, recv_versions): rating_summary writes v2.
 */
#define SUMMARY_FORMAT_VERSION 1

/*
 * Header shared by every summary.  The 4-byte varlena header plus four bytes
 * of our own keep the payload that follows 8-byte aligned.
 */
typedef struct SummaryHeader
{
	int32		vl_len_;		/* varlena header (do not touch directly) */
	uint8		version;		/* SUMMARY_FORMAT_VERSION */
	uint8		kind;			/* type-specific: e.g. CSAT or CES */
	uint8		scale;			/* type-specific: e.g. number of scale points */
	uint8		reserved;		/* always 0, so equal values are equal bytes */
} SummaryHeader;

extern void *summary_alloc(Size size);
extern void *summary_for_update(FunctionCallInfo fcinfo, int argno);
extern void *summary_for_read(FunctionCallInfo fcinfo, int argno,
							  Size expected_size, const char *type_name);
extern void summary_check_layout(const SummaryHeader *s, Size expected_size,
								 const char *type_name);
extern Datum state_unchanged(FunctionCallInfo fcinfo);

/*
 * Validation.  A summary is checked where it comes from: by the text and
 * binary input functions, wherever a function reads one (storage may be
 * corrupt, or written by an incompatible build), and where a support
 * function called with arbitrary arguments builds one (a moving
 * aggregate's inverse taking out what was never put in).  Each check of a
 * type takes the source, which sets the SQLSTATE of a failure:
 *
 *	source			field out of range		impossible value
 *	SOURCE_TEXT		22003					22P02
 *	SOURCE_BINARY	22003					22P03
 *	SOURCE_STORED	XX001					XX001
 *	SOURCE_RESULT	22003					22023
 */
typedef enum SummarySource
{
	SOURCE_TEXT,				/* text input */
	SOURCE_BINARY,				/* binary input */
	SOURCE_STORED,				/* a value read as an argument */
	SOURCE_RESULT				/* a value a support function built */
} SummarySource;

extern int	summary_error_code(SummarySource source, bool out_of_range);
extern void summary_check_field(const char *type_name, SummarySource source,
								const char *field, int64 value,
								int64 lowest, int64 highest);
extern void summary_check_unused_header(const SummaryHeader *s,
										const char *type_name,
										SummarySource source);
pg_noreturn extern void summary_not_held(const char *type_name);
pg_noreturn extern void summary_state_missing(const char *aggregate_name);

/*
 * The first line of every count accessor, declared CALLED ON NULL INPUT: a
 * NULL summary (a group of no answers) counts 0, as count() of no rows does.
 * Figures of a NULL summary stay NULL, through STRICT.
 */
#define PG_RETURN_ZERO_IF_NULL(argno) \
	do { \
		if (PG_ARGISNULL(argno)) \
			PG_RETURN_INT64(0); \
	} while (0)

/* Overflow-checked non-negative int128 sums, merged exactly. */
extern void sum_added(int128 *sum, int128 value, const char *type_name);
extern void sum_removed(int128 *sum, int128 value, const char *type_name);
extern void sums_merge(int128 *into, const int128 *from, int n,
					   const char *type_name);
extern void sums_unmerge(int128 *from, const int128 *removed, int n,
						 const char *type_name);
extern double exact_ratio(int128 numerator, int128 denominator);

/*
 * summary.c: durations as int64 microseconds.  what names the value in the
 * error ("duration", "queue wait"), code is its SQLSTATE (22003 for data,
 * 22023 for a parameter).
 */
extern int64 seconds_to_us(double seconds, const char *what, int code);
extern int64 interval_to_us(Datum interval, const char *what, int code);
extern double us_to_seconds(int128 us);

/*
 * counts.c: count vectors, arrays of int64 counters.  count_added() adds
 * one answer; it is the per-row hot path, so it is inline, and the total is
 * checked later, once per group, by counts_total().
 */
pg_noreturn extern void count_overflow(const char *type_name);
extern void count_removed(int64 *count, const char *type_name);
extern int64 counts_total(const int64 *counts, int n, const char *type_name);
extern int64 counts_checked_total(const int64 *counts, int n,
								  const char *type_name, SummarySource source);
extern void counts_merge_each(int64 *into, const int64 *from, int n,
							  const char *type_name);
extern void counts_merge(int64 *into, const int64 *from, int n,
						 const char *type_name);
extern void counts_unmerge(int64 *from, const int64 *removed, int n,
						   const char *type_name);
extern double counts_mean(const int64 *counts, int n, int first_value);
extern double counts_variance(const int64 *counts, int n, int first_value);
extern Datum counts_array(const int64 *counts, int n, int lower_bound);

static inline void
count_added(int64 *count, const char *type_name)
{
	if (unlikely(*count == PG_INT64_MAX))
		count_overflow(type_name);
	(*count)++;
}

/*
 * counts.c: count-vector summaries.  A fixed-size summary whose answers each
 * count once, at one position of a count vector, describes itself here; the
 * count_summary_* functions are then its transition, inverse transition,
 * merge, unmerge and final functions, each type's SQL entry point a
 * one-line call.  nps.c is the shortest example; rating.c adds a check
 * before merges and a transition of its own.
 */
typedef struct CountSummaryType
{
	const char *type_name;		/* the SQL type, for error messages */
	const char *aggregate_name; /* for the inverse transition's bug report */
	Size		size;			/* bytes of every value */
	Size		counts_offset;	/* where the int64 counts start */
	int			length;			/* how many counts there are */
	bool		scale_is_length;	/* only header.scale of them are used */

	/*
	 * Where the row of a transition (arguments 1 and on) counts: reads and
	 * checks the row, raising the type's own error for a bad one.
	 */
	int			(*position) (FunctionCallInfo fcinfo, const void *summary);

	/* NULL, or raise the type's error for two values that cannot merge */
	void		(*check_mergeable) (const void *a, const void *b);

	/* header.kind and header.scale are not used, so always 0 */
	bool		header_unused;

	/*
	 * NULL, or check the type's fields other than the counts (which
	 * count_summary_check checks), raising the error the source calls for.
	 */
	void		(*check) (const void *summary, SummarySource source);
} CountSummaryType;

extern void *count_summary_new(const CountSummaryType *type);
extern void *count_summary_arg(FunctionCallInfo fcinfo, int argno,
							   const CountSummaryType *type);
extern void *count_summary_state(FunctionCallInfo fcinfo, int argno,
								 const CountSummaryType *type);
extern void *count_summary_trans_state(FunctionCallInfo fcinfo,
									   const CountSummaryType *type);
extern int64 count_summary_check(const CountSummaryType *type,
								 const void *summary, SummarySource source);
extern void count_summary_add(const CountSummaryType *type, void *summary,
							  int position);
extern Datum count_summary_trans(FunctionCallInfo fcinfo,
								 const CountSummaryType *type);
extern Datum count_summary_inverse(FunctionCallInfo fcinfo,
								   const CountSummaryType *type);
extern Datum count_summary_merge(FunctionCallInfo fcinfo,
								 const CountSummaryType *type);
extern Datum count_summary_unmerge(FunctionCallInfo fcinfo,
								   const CountSummaryType *type);
extern Datum count_summary_final(FunctionCallInfo fcinfo,
								 const CountSummaryType *type);

/*
 * summary_io.c: text, binary and jsonb forms.  Each type writes its fields
 * in order with these; int64 counts and int128 sums sit side by side.
 */

/* both inputs: a value that no data could have produced */
pg_noreturn extern void summary_invalid(const char *type_name, int code,
										const char *detail);

/* text input */
typedef struct SummaryParser
{
	const char *type_name;		/* for error messages */
	const char *input;			/* the whole input, for error messages */
	const char *pos;			/* next character to read */
} SummaryParser;

extern void parser_begin(SummaryParser *p, const char *type_name,
						 const char *input);
extern int	parser_begin_versions(SummaryParser *p, const char *type_name,
								  const char *input, int newest);
extern void parser_key(SummaryParser *p, const char *key);
extern bool parser_integer(SummaryParser *p, int128 max, int128 *value);
extern int64 parser_count(SummaryParser *p);
extern int128 parser_sum(SummaryParser *p);
extern void parser_counts(SummaryParser *p, int64 *counts, int n);
extern void parser_sums(SummaryParser *p, int128 *sums, int n);
extern int	parser_choice(SummaryParser *p, const char *const *words, int n);
extern void parser_end(SummaryParser *p);

/* text output */
extern void format_begin(StringInfo out);
extern void append_int128(StringInfo out, int128 value);
extern void format_counts(StringInfo out, const char *key,
						  const int64 *counts, int n);
extern void format_int128(StringInfo out, const char *key, int128 value);
extern void format_sums(StringInfo out, const char *key,
						const int128 *sums, int n);

/* binary input */
extern int	recv_byte(StringInfo buf, const char *type_name);
extern void recv_version(StringInfo buf, const char *type_name);
extern int	recv_versions(StringInfo buf, const char *type_name, int newest);
extern int64 recv_count(StringInfo buf, const char *type_name);
extern void recv_counts(StringInfo buf, int64 *counts, int n,
						const char *type_name);
extern int32 recv_int32(StringInfo buf, const char *type_name);
extern int64 recv_int64(StringInfo buf, const char *type_name);
extern void recv_sums(StringInfo buf, int128 *sums, int n,
					  const char *type_name);
extern void recv_end(StringInfo buf, const char *type_name);

/* binary output */
extern void send_begin(StringInfo buf);
extern void send_counts(StringInfo buf, const int64 *counts, int n);
extern void send_sums(StringInfo buf, const int128 *sums, int n);

/* jsonb output */
extern void json_begin(StringInfo out);
extern void json_int64(StringInfo out, const char *key, int64 value);
extern void json_string(StringInfo out, const char *key, const char *value);
extern void json_bool(StringInfo out, const char *key, bool value);
extern void json_double(StringInfo out, const char *key, double value,
						bool isnull);
extern void json_int64_array(StringInfo out, const char *key,
							 const int64 *values, int n);
extern void json_double_array(StringInfo out, const char *key,
							  const double *values, const bool *isnull, int n);
extern Datum json_finish(StringInfo out);

/*
 * stats.c: distributions, confidence intervals, comparisons
 */

typedef struct ConfidenceInterval
{
	double		lower;
	double		upper;
} ConfidenceInterval;

/* the normal and Student t distributions */
extern double normal_quantile(double p);
extern double confidence_z(double confidence);
extern double normal_p_value(double z);
extern double student_t_p_value(double t, double df);
extern double confidence_t(double confidence, double df);

/* intervals */
extern ConfidenceInterval wilson_interval(int64 successes, int64 n, double z);
extern ConfidenceInterval clip_interval(ConfidenceInterval interval,
										double lowest, double highest);

/*
 * A summary type's interval function: the confidence interval of its
 * headline figure, or false when the summary has too few answers for one.
 */
typedef bool (*IntervalFunction) (const void *summary, double confidence,
								  ConfidenceInterval *interval);

/* The SQL functions lower_bound, upper_bound and status of every type. */
extern Datum interval_lower_bound(FunctionCallInfo fcinfo, const void *summary,
								  IntervalFunction interval_of);
extern Datum interval_upper_bound(FunctionCallInfo fcinfo, const void *summary,
								  IntervalFunction interval_of);
extern Datum interval_status(FunctionCallInfo fcinfo, const void *summary,
							 IntervalFunction interval_of,
							 bool higher_is_better, double lowest,
							 double highest, const char *figure);

/*
 * Two summaries of the same kind compared: the difference of their headline
 * figures (the first minus the second), its confidence interval and the
 * two-sided p-value of the test of no difference.  tested is false when the
 * data cannot support a test (for means: fewer than two answers on a side,
 * or no variation on either); the interval and p-value are then NULL.
 */
typedef struct Comparison
{
	double		difference;
	ConfidenceInterval interval;
	double		p_value;
	bool		tested;
} Comparison;

/* Which part of a comparison an SQL function returns. */
typedef enum ComparisonPart
{
	COMPARISON_DIFFERENCE,
	COMPARISON_LOWER_BOUND,
	COMPARISON_UPPER_BOUND,
	COMPARISON_P_VALUE
} ComparisonPart;

/*
 * One side of a comparison of means: the mean, the sample variance (read
 * only when n >= 2) and the number of answers.
 */
typedef struct MeanSample
{
	double		mean;
	double		variance;
	int64		n;
} MeanSample;

extern void compare_means(const MeanSample *a, const MeanSample *b,
						  double confidence, double range, Comparison *result);
extern void compare_proportions(int64 successes1, int64 n1, int64 successes2,
								int64 n2, double confidence, Comparison *result);
extern Datum comparison_part(FunctionCallInfo fcinfo, const Comparison *result,
							 ComparisonPart part);

#endif							/* SCORECARD_H */
