/*
 * queue.c
 *		queue_summary: contacts offered to a queue (answered or abandoned,
 *		and how long each waited) as a mergeable summary of service level,
 *		abandonment and average speed of answer.
 *
 * One row is one offered contact: its wait in queue, and whether it was
 * answered.  Against two thresholds, the service-level target and the
 * short-abandon threshold, every contact has one of four outcomes:
 *
 *	- answered within target: answered, wait <= target;
 *	- answered late: answered, wait > target;
 *	- short abandon: not answered, wait < short_abandon;
 *	- other abandon: not answered, wait >= short_abandon.
 *
 * The summary is those four counts (a count vector whose total is the
 * contacts offered), the exact sum of the answered contacts' waits in
 * microseconds, and the two thresholds, in microseconds too.  Waits and
 * thresholds are compared as whole microseconds, as intervals hold them;
 * seconds given as double precision are rounded to the microsecond first.
 *
 * Summaries merge by adding counts and sums, and only when their
 * thresholds agree: counted against different targets, the same contact
 * may be within one and late for the other.  A summary of no contacts has
 * nothing counted against its thresholds, so it takes those of the row or
 * summary that comes next: that is how a moving window whose frame has
 * emptied, or the moving aggregate's initial state, follows the data.
 */
#include "postgres.h"

#include "datatype/timestamp.h"
#include "libpq/pqformat.h"
#include "utils/fmgrprotos.h"

#include "scorecard.h"

#define QUEUE_TYPE_NAME "queue_summary"

/* the outcomes, in the order of the count vector */
#define QUEUE_ANSWERED_IN_TARGET 0
#define QUEUE_ANSWERED_LATE 1
#define QUEUE_ABANDONED_SHORT 2
#define QUEUE_ABANDONED_OTHER 3
#define QUEUE_OUTCOMES 4

/* thresholds of queue_agg(wait, answered), in microseconds */
#define QUEUE_DEFAULT_TARGET INT64CONST(20000000)
#define QUEUE_DEFAULT_SHORT_ABANDON INT64CONST(5000000)

typedef struct QueueSummary
{
	SummaryHeader header;
	int64		target;			/* microseconds; answered within it meet it */
	int64		short_abandon;	/* microseconds; abandons before it are short */
	int64		counts[QUEUE_OUTCOMES]; /* contacts by outcome */
	int128		answered_wait;	/* microseconds waited by answered contacts */
} QueueSummary;

/*
 * queue_agg has transitions of its own, since a row adds a wait as well as
 * a count; creation, reading and the final function are those of every
 * count-vector summary.
 */
static void queue_check(const void *summary, SummarySource source);

static const CountSummaryType queue_type = {
	.type_name = QUEUE_TYPE_NAME,
	.aggregate_name = "queue_agg",
	.size = sizeof(QueueSummary),
	.counts_offset = offsetof(QueueSummary, counts),
	.length = QUEUE_OUTCOMES,
	.header_unused = true,
	.check = queue_check,
};

#define PG_GETARG_QUEUE(n) ((QueueSummary *) count_summary_arg(fcinfo, (n), &queue_type))

/* One row of queue_agg, read and checked. */
typedef struct QueueRow
{
	int64		wait;			/* microseconds */
	bool		answered;
	int64		target;			/* microseconds */
	int64		short_abandon;	/* microseconds */
} QueueRow;

/* Contacts with outcomes first .. first + n - 1. */
static int64
queue_count(const QueueSummary *s, int first, int n)
{
	return counts_total(&s->counts[first], n, QUEUE_TYPE_NAME);
}

static int64
queue_offered(const QueueSummary *s)
{
	return queue_count(s, 0, QUEUE_OUTCOMES);
}

static int64
queue_answered(const QueueSummary *s)
{
	return queue_count(s, QUEUE_ANSWERED_IN_TARGET, 2);
}

static QueueSummary *
queue_new(int64 target, int64 short_abandon)
{
	QueueSummary *s = count_summary_new(&queue_type);

	s->target = target;
	s->short_abandon = short_abandon;
	return s;
}

static bool
queue_same_thresholds(const QueueSummary *s, int64 target, int64 short_abandon)
{
	return s->target == target && s->short_abandon == short_abandon;
}

/* A threshold as error messages show it: as an interval, "00:00:20". */
static char *
queue_threshold_text(int64 us)
{
	Interval   *span = palloc0(sizeof(Interval));

	span->time = us;
	return DatumGetCString(DirectFunctionCall1(interval_out, PointerGetDatum(span)));
}

/* ---------------------------------------------------------------------
 * Rows
 * ---------------------------------------------------------------------
 */

/*
 * Read threshold argument argno (3: target, 4: short_abandon) into *us,
 * unless it is NULL.  A NULL threshold is an error in a row that counts:
 * there would be nothing to count its wait against.
 */
static void
queue_threshold_arg(FunctionCallInfo fcinfo, int argno, bool seconds,
					bool skipped, int64 *us)
{
	const char *what = argno == 3 ? "queue_agg target" : "queue_agg short_abandon";

	if (PG_ARGISNULL(argno))
	{
		if (!skipped)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s must not be null", what),
					 errdetail("Every counted contact needs the thresholds its wait is measured against.")));
		return;
	}
	*us = seconds ?
		seconds_to_us(PG_GETARG_FLOAT8(argno), what, ERRCODE_INVALID_PARAMETER_VALUE) :
		interval_to_us(PG_GETARG_DATUM(argno), what, ERRCODE_INVALID_PARAMETER_VALUE);
}

/*
 * Read the row of a transition (arguments 1 to 4; waits and thresholds as
 * double precision seconds or as intervals).  Returns false when the row is
 * skipped: a NULL wait or a NULL answered, as strict aggregates of two
 * arguments such as corr() skip a row where either is NULL.  Thresholds
 * that are given are checked even then.
 */
static bool
queue_row(FunctionCallInfo fcinfo, bool seconds, QueueRow *row)
{
	bool		skipped = PG_ARGISNULL(1) || PG_ARGISNULL(2);

	row->target = QUEUE_DEFAULT_TARGET;
	row->short_abandon = QUEUE_DEFAULT_SHORT_ABANDON;
	if (PG_NARGS() > 3)
	{
		queue_threshold_arg(fcinfo, 3, seconds, skipped, &row->target);
		queue_threshold_arg(fcinfo, 4, seconds, skipped, &row->short_abandon);
	}
	if (skipped)
		return false;
	row->wait = seconds ?
		seconds_to_us(PG_GETARG_FLOAT8(1), "queue wait", ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE) :
		interval_to_us(PG_GETARG_DATUM(1), "queue wait", ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE);
	row->answered = PG_GETARG_BOOL(2);
	return true;
}

/* The outcome of a row: where it counts. */
static int
queue_outcome(const QueueRow *row)
{
	if (row->answered)
		return row->wait <= row->target ? QUEUE_ANSWERED_IN_TARGET : QUEUE_ANSWERED_LATE;
	return row->wait < row->short_abandon ? QUEUE_ABANDONED_SHORT : QUEUE_ABANDONED_OTHER;
}

/*
 * Make the summary count against the row's thresholds: a summary of no
 * contacts takes them; any other must already have them.
 */
static void
queue_adopt_thresholds(QueueSummary *s, const QueueRow *row)
{
	if (queue_same_thresholds(s, row->target, row->short_abandon))
		return;
	if (queue_offered(s) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot mix queue_agg thresholds in one summary"),
				 errdetail("The summary counts against a target of %s and a short abandon of %s, this row against %s and %s.",
						   queue_threshold_text(s->target),
						   queue_threshold_text(s->short_abandon),
						   queue_threshold_text(row->target),
						   queue_threshold_text(row->short_abandon))));
	s->target = row->target;
	s->short_abandon = row->short_abandon;
}

/* ---------------------------------------------------------------------
 * Aggregate support
 * ---------------------------------------------------------------------
 */

/*
 * Transition of every queue_agg: count one contact.  Not strict, so that
 * the summary is created on the first counted row and skipped rows leave
 * it as it is.
 */
static Datum
queue_agg_trans(FunctionCallInfo fcinfo, bool seconds)
{
	QueueRow	row;
	QueueSummary *s;
	int			outcome;

	if (!queue_row(fcinfo, seconds, &row))
		return state_unchanged(fcinfo);
	s = PG_ARGISNULL(0) ? queue_new(row.target, row.short_abandon) :
		count_summary_trans_state(fcinfo, &queue_type);
	queue_adopt_thresholds(s, &row);
	outcome = queue_outcome(&row);
	count_summary_add(&queue_type, s, outcome);
	if (row.answered)
		sum_added(&s->answered_wait, row.wait, QUEUE_TYPE_NAME);
	PG_RETURN_POINTER(s);
}

PG_FUNCTION_INFO_V1(queue_agg_trans_interval);
Datum
queue_agg_trans_interval(PG_FUNCTION_ARGS)
{
	return queue_agg_trans(fcinfo, false);
}

PG_FUNCTION_INFO_V1(queue_agg_trans_seconds);
Datum
queue_agg_trans_seconds(PG_FUNCTION_ARGS)
{
	return queue_agg_trans(fcinfo, true);
}

/*
 * Inverse transition, for moving window frames: take back a row counted
 * earlier.  Every row in a frame was counted against the state's
 * thresholds (a state takes new ones only once its frame is empty), so a
 * row of other thresholds was never counted in it.  Called directly, it
 * could take out a wait that was never put in: the result is checked as
 * input is.
 */
static Datum
queue_agg_inverse(FunctionCallInfo fcinfo, bool seconds)
{
	QueueRow	row;
	QueueSummary *s;

	if (!queue_row(fcinfo, seconds, &row))
		return state_unchanged(fcinfo);
	if (PG_ARGISNULL(0))
		summary_state_missing("queue_agg");
	s = count_summary_state(fcinfo, 0, &queue_type);
	if (!queue_same_thresholds(s, row.target, row.short_abandon))
		summary_not_held(QUEUE_TYPE_NAME);
	count_removed(&s->counts[queue_outcome(&row)], QUEUE_TYPE_NAME);
	if (row.answered)
		sum_removed(&s->answered_wait, row.wait, QUEUE_TYPE_NAME);
	queue_check(s, SOURCE_RESULT);
	PG_RETURN_POINTER(s);
}

PG_FUNCTION_INFO_V1(queue_agg_inverse_interval);
Datum
queue_agg_inverse_interval(PG_FUNCTION_ARGS)
{
	return queue_agg_inverse(fcinfo, false);
}

PG_FUNCTION_INFO_V1(queue_agg_inverse_seconds);
Datum
queue_agg_inverse_seconds(PG_FUNCTION_ARGS)
{
	return queue_agg_inverse(fcinfo, true);
}

/*
 * Merge two summaries: the combine function, and rollup's transition.
 * Their thresholds must agree, except that a summary of no contacts merges
 * with any summary as the identity.
 */
PG_FUNCTION_INFO_V1(queue_summary_merge);
Datum
queue_summary_merge(PG_FUNCTION_ARGS)
{
	QueueSummary *from = PG_GETARG_QUEUE(1);
	QueueSummary *into = count_summary_state(fcinfo, 0, &queue_type);

	if (!queue_same_thresholds(into, from->target, from->short_abandon))
	{
		if (queue_offered(from) == 0)
			PG_RETURN_POINTER(into);
		if (queue_offered(into) != 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("cannot merge queue summaries with different thresholds"),
					 errdetail("One counts against a target of %s and a short abandon of %s, the other against %s and %s.",
							   queue_threshold_text(into->target),
							   queue_threshold_text(into->short_abandon),
							   queue_threshold_text(from->target),
							   queue_threshold_text(from->short_abandon))));
		into->target = from->target;
		into->short_abandon = from->short_abandon;
	}
	counts_merge(into->counts, from->counts, QUEUE_OUTCOMES, QUEUE_TYPE_NAME);
	sums_merge(&into->answered_wait, &from->answered_wait, 1, QUEUE_TYPE_NAME);
	PG_RETURN_POINTER(into);
}

/*
 * rollup's inverse transition: take back a summary merged earlier.  Called
 * directly, it could take out waits that were never put in: the result is
 * checked as input is.
 */
PG_FUNCTION_INFO_V1(queue_summary_unmerge);
Datum
queue_summary_unmerge(PG_FUNCTION_ARGS)
{
	QueueSummary *removed = PG_GETARG_QUEUE(1);
	QueueSummary *from = count_summary_state(fcinfo, 0, &queue_type);

	if (queue_offered(removed) == 0)
		PG_RETURN_POINTER(from);
	if (!queue_same_thresholds(from, removed->target, removed->short_abandon))
		summary_not_held(QUEUE_TYPE_NAME);
	counts_unmerge(from->counts, removed->counts, QUEUE_OUTCOMES, QUEUE_TYPE_NAME);
	sums_unmerge(&from->answered_wait, &removed->answered_wait, 1, QUEUE_TYPE_NAME);
	queue_check(from, SOURCE_RESULT);
	PG_RETURN_POINTER(from);
}

/* Final function of every aggregate: NULL for a summary of no contacts. */
PG_FUNCTION_INFO_V1(queue_summary_final);
Datum
queue_summary_final(PG_FUNCTION_ARGS)
{
	return count_summary_final(fcinfo, &queue_type);
}

/* ---------------------------------------------------------------------
 * Text and binary forms
 *
 *		v1 target_us=20000000 short_abandon_us=5000000 answered=7,2
 *		   abandoned=1,1 answered_wait_us=95000000
 *
 * answered= counts within target, then late; abandoned= counts short
 * abandons, then the others.  The binary form has the same fields in the
 * same order.
 * ---------------------------------------------------------------------
 */

/* A threshold outside 0 .. 2^63 - 1 microseconds in a stored value. */
pg_noreturn static void
queue_threshold_out_of_range(const char *name, const char *shown)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("%s %s is out of range for type %s", name, shown,
					QUEUE_TYPE_NAME),
			 errdetail("Thresholds must be between 0 and %lld microseconds.",
					   (long long) PG_INT64_MAX)));
}

/* Read a threshold in microseconds. */
static int64
parser_threshold(SummaryParser *p, const char *key)
{
	const char *start;
	int128		value;

	parser_key(p, key);
	start = p->pos;
	if (!parser_integer(p, PG_INT64_MAX, &value))
		queue_threshold_out_of_range(key,
									 psprintf("%.*s", (int) Min(p->pos - start, 40), start));
	return (int64) value;
}

static int64
recv_threshold(StringInfo buf, const char *name)
{
	int64		value = recv_int64(buf, QUEUE_TYPE_NAME);

	if (value < 0)
		queue_threshold_out_of_range(name, psprintf(INT64_FORMAT, value));
	return value;
}

/*
 * Check the fields of a summary other than its counts (which
 * count_summary_check checks before it calls this): that data could have
 * produced it.  The thresholds are 0 .. 2^63 - 1 microseconds, no wait is
 * below 0 (so no short abandon when the threshold is 0), and the answered
 * waits fit the outcomes: each within target at most target, each late
 * one more than it (so none when the target is 2^63 - 1 microseconds).
 */
static void
queue_check(const void *summary, SummarySource source)
{
	const QueueSummary *s = summary;
	int			code = summary_error_code(source, false);
	int64		within = s->counts[QUEUE_ANSWERED_IN_TARGET];
	int64		late = s->counts[QUEUE_ANSWERED_LATE];

	summary_check_field(QUEUE_TYPE_NAME, source, "target_us", s->target,
						0, PG_INT64_MAX);
	summary_check_field(QUEUE_TYPE_NAME, source, "short_abandon_us",
						s->short_abandon, 0, PG_INT64_MAX);
	if (s->short_abandon == 0 && s->counts[QUEUE_ABANDONED_SHORT] != 0)
		summary_invalid(QUEUE_TYPE_NAME, code,
						"With a short-abandon threshold of 0 no abandon can be short.");
	if (s->target == PG_INT64_MAX && late != 0)
		summary_invalid(QUEUE_TYPE_NAME, code,
						"With a target of 2^63 - 1 microseconds no answer can be late.");
	if (s->answered_wait < (int128) late * ((int128) s->target + 1) ||
		s->answered_wait > (int128) within * s->target + (int128) late * PG_INT64_MAX)
		summary_invalid(QUEUE_TYPE_NAME, code,
						"The answered wait is not consistent with the answered counts and the target.");
}

PG_FUNCTION_INFO_V1(queue_summary_in);
Datum
queue_summary_in(PG_FUNCTION_ARGS)
{
	SummaryParser p;
	QueueSummary *s;
	int64		target;

	parser_begin(&p, QUEUE_TYPE_NAME, PG_GETARG_CSTRING(0));
	target = parser_threshold(&p, "target_us");
	s = queue_new(target, parser_threshold(&p, "short_abandon_us"));
	parser_key(&p, "answered");
	parser_counts(&p, &s->counts[QUEUE_ANSWERED_IN_TARGET], 2);
	parser_key(&p, "abandoned");
	parser_counts(&p, &s->counts[QUEUE_ABANDONED_SHORT], 2);
	parser_key(&p, "answered_wait_us");
	s->answered_wait = parser_sum(&p);
	parser_end(&p);
	(void) count_summary_check(&queue_type, s, SOURCE_TEXT);
	PG_RETURN_POINTER(s);
}

PG_FUNCTION_INFO_V1(queue_summary_out);
Datum
queue_summary_out(PG_FUNCTION_ARGS)
{
	QueueSummary *s = PG_GETARG_QUEUE(0);
	StringInfoData out;

	format_begin(&out);
	format_int128(&out, "target_us", s->target);
	format_int128(&out, "short_abandon_us", s->short_abandon);
	format_counts(&out, "answered", &s->counts[QUEUE_ANSWERED_IN_TARGET], 2);
	format_counts(&out, "abandoned", &s->counts[QUEUE_ABANDONED_SHORT], 2);
	format_int128(&out, "answered_wait_us", s->answered_wait);
	PG_RETURN_CSTRING(out.data);
}

PG_FUNCTION_INFO_V1(queue_summary_recv);
Datum
queue_summary_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	QueueSummary *s;
	int64		target;

	recv_version(buf, QUEUE_TYPE_NAME);
	target = recv_threshold(buf, "target_us");
	s = queue_new(target, recv_threshold(buf, "short_abandon_us"));
	recv_counts(buf, s->counts, QUEUE_OUTCOMES, QUEUE_TYPE_NAME);
	recv_sums(buf, &s->answered_wait, 1, QUEUE_TYPE_NAME);
	recv_end(buf, QUEUE_TYPE_NAME);
	(void) count_summary_check(&queue_type, s, SOURCE_BINARY);
	PG_RETURN_POINTER(s);
}

PG_FUNCTION_INFO_V1(queue_summary_send);
Datum
queue_summary_send(PG_FUNCTION_ARGS)
{
	QueueSummary *s = PG_GETARG_QUEUE(0);
	StringInfoData buf;

	send_begin(&buf);
	pq_sendint64(&buf, s->target);
	pq_sendint64(&buf, s->short_abandon);
	send_counts(&buf, s->counts, QUEUE_OUTCOMES);
	send_sums(&buf, &s->answered_wait, 1);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* ---------------------------------------------------------------------
 * Figures
 * ---------------------------------------------------------------------
 */

/*
 * The service level's denominator: the answered contacts, plus the
 * abandons other than short ones if include_abandoned, plus the short
 * abandons if include_short_abandoned.
 */
static int64
queue_service_level_base(const QueueSummary *s, bool include_abandoned,
						 bool include_short_abandoned)
{
	int64		parts[3] = {
		queue_answered(s),
		include_abandoned ? s->counts[QUEUE_ABANDONED_OTHER] : 0,
		include_short_abandoned ? s->counts[QUEUE_ABANDONED_SHORT] : 0,
	};

	return counts_total(parts, lengthof(parts), QUEUE_TYPE_NAME);
}

/*
 * Wilson score interval of the service level as service_level(s) defines
 * it by default (abandons count, short abandons do not); false when that
 * has no contacts.
 */
static bool
queue_interval(const void *summary, double confidence,
			   ConfidenceInterval *interval)
{
	const QueueSummary *s = summary;
	double		z = confidence_z(confidence);
	int64		n = queue_service_level_base(s, true, false);

	if (n == 0)
		return false;
	*interval = wilson_interval(s->counts[QUEUE_ANSWERED_IN_TARGET], n, z);
	interval->lower *= 100.0;
	interval->upper *= 100.0;
	return true;
}

/* 100 * part / whole, or false when whole is 0. */
static bool
queue_percent(int64 part, int64 whole, double *value)
{
	if (whole == 0)
		return false;
	*value = 100.0 * (double) part / (double) whole;
	return true;
}

static bool
queue_service_level(const QueueSummary *s, bool include_abandoned,
					bool include_short_abandoned, double *value)
{
	return queue_percent(s->counts[QUEUE_ANSWERED_IN_TARGET],
						 queue_service_level_base(s, include_abandoned,
												  include_short_abandoned),
						 value);
}

/*
 * Abandons other than short ones among the contacts offered other than
 * short abandons; with include_short_abandoned, all abandons among all
 * contacts offered.  The denominator is the default service level's, with
 * the short abandons as the option says.
 */
static bool
queue_abandonment_rate(const QueueSummary *s, bool include_short_abandoned,
					   double *value)
{
	int64		abandoned[2] = {
		s->counts[QUEUE_ABANDONED_OTHER],
		include_short_abandoned ? s->counts[QUEUE_ABANDONED_SHORT] : 0,
	};

	return queue_percent(counts_total(abandoned, 2, QUEUE_TYPE_NAME),
						 queue_service_level_base(s, true, include_short_abandoned),
						 value);
}

/* Mean wait of the answered contacts in seconds, exact; false with none. */
static bool
queue_asa(const QueueSummary *s, double *value)
{
	int64		answered = queue_answered(s);

	if (answered == 0)
		return false;
	*value = exact_ratio(s->answered_wait, (int128) answered * USECS_PER_SEC);
	return true;
}

/*
 * A count of a summary: outcomes first .. first + n - 1.  Declared CALLED
 * ON NULL INPUT: the counts of a NULL summary (a group of no contacts) are
 * 0, as count() of no rows is.
 */
static Datum
queue_count_accessor(FunctionCallInfo fcinfo, int first, int n)
{
	PG_RETURN_ZERO_IF_NULL(0);
	PG_RETURN_INT64(queue_count(PG_GETARG_QUEUE(0), first, n));
}

PG_FUNCTION_INFO_V1(queue_summary_offered);
Datum
queue_summary_offered(PG_FUNCTION_ARGS)
{
	return queue_count_accessor(fcinfo, 0, QUEUE_OUTCOMES);
}

PG_FUNCTION_INFO_V1(queue_summary_answered);
Datum
queue_summary_answered(PG_FUNCTION_ARGS)
{
	return queue_count_accessor(fcinfo, QUEUE_ANSWERED_IN_TARGET, 2);
}

PG_FUNCTION_INFO_V1(queue_summary_abandoned);
Datum
queue_summary_abandoned(PG_FUNCTION_ARGS)
{
	return queue_count_accessor(fcinfo, QUEUE_ABANDONED_SHORT, 2);
}

PG_FUNCTION_INFO_V1(queue_summary_short_abandoned);
Datum
queue_summary_short_abandoned(PG_FUNCTION_ARGS)
{
	return queue_count_accessor(fcinfo, QUEUE_ABANDONED_SHORT, 1);
}

/* service_level(s, include_abandoned, include_short_abandoned) */
PG_FUNCTION_INFO_V1(queue_summary_service_level);
Datum
queue_summary_service_level(PG_FUNCTION_ARGS)
{
	double		value;

	if (!queue_service_level(PG_GETARG_QUEUE(0), PG_GETARG_BOOL(1),
							 PG_GETARG_BOOL(2), &value))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(value);
}

/* abandonment_rate(s, include_short_abandoned) */
PG_FUNCTION_INFO_V1(queue_summary_abandonment_rate);
Datum
queue_summary_abandonment_rate(PG_FUNCTION_ARGS)
{
	double		value;

	if (!queue_abandonment_rate(PG_GETARG_QUEUE(0), PG_GETARG_BOOL(1), &value))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(value);
}

PG_FUNCTION_INFO_V1(queue_summary_asa);
Datum
queue_summary_asa(PG_FUNCTION_ARGS)
{
	double		value;

	if (!queue_asa(PG_GETARG_QUEUE(0), &value))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(value);
}

/* 'green', 'amber' or 'red' against a target percent; higher is better. */
PG_FUNCTION_INFO_V1(queue_summary_status);
Datum
queue_summary_status(PG_FUNCTION_ARGS)
{
	return interval_status(fcinfo, PG_GETARG_QUEUE(0), queue_interval, true,
						   0.0, 100.0, "a service level");
}

PG_FUNCTION_INFO_V1(queue_summary_lower_bound);
Datum
queue_summary_lower_bound(PG_FUNCTION_ARGS)
{
	return interval_lower_bound(fcinfo, PG_GETARG_QUEUE(0), queue_interval);
}

PG_FUNCTION_INFO_V1(queue_summary_upper_bound);
Datum
queue_summary_upper_bound(PG_FUNCTION_ARGS)
{
	return interval_upper_bound(fcinfo, PG_GETARG_QUEUE(0), queue_interval);
}

/* Every figure (by their defaults) and count, for BI tools and exports. */
PG_FUNCTION_INFO_V1(queue_summary_jsonb);
Datum
queue_summary_jsonb(PG_FUNCTION_ARGS)
{
	QueueSummary *s = PG_GETARG_QUEUE(0);
	StringInfoData out;
	double		service_level = 0.0;
	double		abandonment_rate = 0.0;
	double		asa = 0.0;
	ConfidenceInterval interval = {0.0, 0.0};
	bool		has_service_level = queue_service_level(s, true, false, &service_level);
	bool		has_abandonment_rate = queue_abandonment_rate(s, false, &abandonment_rate);
	bool		has_asa = queue_asa(s, &asa);

	(void) queue_interval(s, 0.95, &interval);
	json_begin(&out);
	json_int64(&out, "offered", queue_offered(s));
	json_int64(&out, "answered", queue_answered(s));
	json_int64(&out, "answered_within_target", s->counts[QUEUE_ANSWERED_IN_TARGET]);
	json_int64(&out, "abandoned", queue_count(s, QUEUE_ABANDONED_SHORT, 2));
	json_int64(&out, "short_abandoned", s->counts[QUEUE_ABANDONED_SHORT]);
	json_double(&out, "service_level", service_level, !has_service_level);
	json_double(&out, "lower_bound", interval.lower, !has_service_level);
	json_double(&out, "upper_bound", interval.upper, !has_service_level);
	json_double(&out, "confidence", 0.95, false);
	json_double(&out, "abandonment_rate", abandonment_rate, !has_abandonment_rate);
	json_double(&out, "asa", asa, !has_asa);
	json_double(&out, "target", us_to_seconds(s->target), false);
	json_double(&out, "short_abandon", us_to_seconds(s->short_abandon), false);
	PG_RETURN_DATUM(json_finish(&out));
}
