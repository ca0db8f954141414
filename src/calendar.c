/*
 * calendar.c
 *		business_calendar: weekly opening hours in a time zone, with closed
 *		dates; business_duration, the open time between two instants, and
 *		business_deadline, the instant at which a target of open time has
 *		elapsed.
 *
 * The model.  Opening hours are periods of the local wall clock of the
 * calendar's zone.  The open time between two instants is the real time that
 * elapses while the local clock shows an opening period of a day that is not
 * closed.  So an hour that a spring-forward night skips is never open (no
 * clock shows it), an hour that a fall-back night repeats is open twice if
 * it is open at all (it really elapses twice), and a calendar open around
 * the clock gives exactly finished_at - started_at.  Open time then grows
 * continuously with finished_at, and business_deadline is its inverse.
 *
 * How it is computed.  Between two changes of the zone's UTC offset, local
 * time is the instant plus a constant, so the open time of such a stretch is
 * the open time of the matching stretch of local time.  open_before() gives
 * that for local time arithmetically, from a fixed origin: whole weeks times
 * the week's open time, plus the current week so far from prefix sums, minus
 * the closed dates passed, found by binary search.  A span thus costs one
 * zone lookup per change of offset inside it (none for most spans), however
 * many weeks it covers.
 *
 * The calendar is parsed and compiled once per query and call site: the
 * compiled schedules of the last few calendar values are kept in fn_extra,
 * keyed by the values' bytes.
 */
#include "postgres.h"

#include <ctype.h>

#include "datatype/timestamp.h"
#include "libpq/pqformat.h"
#include "miscadmin.h"
#include "pgtime.h"
#include "utils/datetime.h"
#include "utils/fmgrprotos.h"
#include "utils/memutils.h"
#include "utils/timestamp.h"

#include "scorecard.h"

#define CALENDAR_TYPE_NAME "business_calendar"
#define CALENDAR_FORMAT_VERSION 1

#define DAYS_PER_WEEK 7
#define MINUTES_PER_DAY 1440
#define USECS_PER_MINUTE_64 INT64CONST(60000000)

/*
 * Once touching periods are joined, the periods of a day are at least a
 * minute long with at least a minute between them: at most 720 a day.
 */
#define MAX_PERIODS_PER_DAY (MINUTES_PER_DAY / 2)

/* Local day 0 is PostgreSQL's epoch, 2000-01-01, a Saturday: day 5 of a
 * week that starts on Monday. */
#define EPOCH_WEEKDAY 5

/* Seconds from the Unix epoch, which the zone library counts from, to
 * PostgreSQL's. */
#define EPOCH_SECONDS ((int64) (POSTGRES_EPOCH_JDATE - UNIX_EPOCH_JDATE) * SECS_PER_DAY)

/* A zone whose offset never changes again within the timestamp range. */
#define NO_CHANGE PG_INT64_MAX

static const char *const day_names[DAYS_PER_WEEK] = {
	"mon", "tue", "wed", "thu", "fri", "sat", "sun"
};

/*
 * The stored layout (after the varlena header), version 1: this header,
 * then int32 closed[n_closed] (local dates as days since 2000-01-01,
 * ascending, distinct), then uint16 minutes[2 * periods] (each period's
 * start and end in minutes after local midnight, Monday's periods first,
 * ascending and neither overlapping nor touching within a day), then the
 * zone name as the zone database spells it, without a terminating NUL.
 * Every value has one layout, so equal calendars are equal bytes.  Readers
 * copy fields out with memcpy, so the value needs no alignment.
 */
typedef struct CalendarHeader
{
	uint8		version;		/* CALENDAR_FORMAT_VERSION */
	uint8		reserved;		/* always 0 */
	uint16		zone_len;		/* bytes of the zone name */
	uint16		periods[DAYS_PER_WEEK]; /* opening periods, Monday first */
	uint16		reserved2;		/* always 0 */
	int32		n_closed;		/* closed dates */
} CalendarHeader;

StaticAssertDecl(sizeof(CalendarHeader) == 24, "CalendarHeader has no padding");

/* An opening period of a day, in minutes after local midnight. */
typedef struct Period
{
	int			start;
	int			end;			/* up to MINUTES_PER_DAY */
} Period;

/* A calendar taken apart: what the text and binary forms spell out. */
typedef struct Calendar
{
	char		zone[TZ_STRLEN_MAX + 1];
	int			n_periods[DAYS_PER_WEEK];
	Period	   *periods[DAYS_PER_WEEK];
	int			n_closed;
	int32	   *closed;			/* days since 2000-01-01, ascending */
} Calendar;

/*
 * A calendar compiled for computing, all times in microseconds.  Period p
 * of the week (Monday's first) runs from start[p] to end[p] after local
 * midnight, and the day's periods before it are open for before[p].
 */
typedef struct Schedule
{
	pg_tz	   *zone;
	int64		week_open;		/* open time of a week without closed dates */
	int64		week_before[DAYS_PER_WEEK + 1]; /* ... before each day */
	int			first[DAYS_PER_WEEK + 1];	/* day d's periods: first[d] ..
											 * first[d + 1] - 1 */
	int64	   *start;
	int64	   *end;
	int64	   *before;
	int			n_closed;
	int32	   *closed;
	int64	   *closed_before;	/* [n_closed + 1]: open time that the closed
								 * dates before index i remove */
} Schedule;

static int64
floor_div(int64 a, int64 b)
{
	int64		q = a / b;

	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

/* The weekday (0 = Monday) of a date given as days since 2000-01-01. */
static int
weekday(int64 day)
{
	int64		k = day + EPOCH_WEEKDAY;

	return (int) (k - floor_div(k, DAYS_PER_WEEK) * DAYS_PER_WEEK);
}

/* The closed dates the text form can spell: 0001-01-01 to 9999-12-31. */
static bool
date_in_range(int64 day)
{
	return day >= date2j(1, 1, 1) - POSTGRES_EPOCH_JDATE &&
		day <= date2j(9999, 12, 31) - POSTGRES_EPOCH_JDATE;
}

static char *
format_period(Period p)
{
	return psprintf("%02d:%02d-%02d:%02d", p.start / 60, p.start % 60,
					p.end / 60, p.end % 60);
}

/*
 * Time zones
 */

/*
 * Is the name spelled like a POSIX TZ specification ("EST5", "<+03>-3")?
 * pg_tzset() accepts those too, spelled in upper case, when no zone of the
 * database has the name.  They need an offset, so a digit.
 */
static bool
spelled_like_posix(const char *name)
{
	bool		digit = false;

	for (const char *c = name; *c; c++)
	{
		if (islower((unsigned char) *c))
			return false;
		digit |= isdigit((unsigned char) *c) != 0;
	}
	return digit;
}

/*
 * Does the zone database hold a zone of this name, spelled so?  Asked only
 * for names spelled like a POSIX specification (EST5EDT and GMT+0 are
 * zones of the database too); the few such zones are listed once per
 * backend, by reading the zone database.
 */
static bool
zone_in_database(const char *name)
{
	static char **zones = NULL;
	static int	n_zones = -1;

	if (n_zones < 0)
	{
		pg_tzenum  *dir = pg_tzenumerate_start();
		pg_tz	   *tz;
		int			n = 0;
		int			capacity = 16;
		char	  **found = MemoryContextAlloc(TopMemoryContext,
											   capacity * sizeof(char *));

		while ((tz = pg_tzenumerate_next(dir)) != NULL)
		{
			if (!spelled_like_posix(pg_get_timezone_name(tz)))
				continue;
			if (n == capacity)
			{
				capacity *= 2;
				found = repalloc(found, capacity * sizeof(char *));
			}
			found[n++] = MemoryContextStrdup(TopMemoryContext,
											 pg_get_timezone_name(tz));
		}
		pg_tzenumerate_end(dir);
		zones = found;
		n_zones = n;
	}
	for (int i = 0; i < n_zones; i++)
		if (strcmp(zones[i], name) == 0)
			return true;
	return false;
}

pg_noreturn static void
unknown_zone(const char *name, const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("time zone \"%s\" not recognized", name),
			 errdetail("%s", detail)));
}

/*
 * Look up a zone of the IANA database by name, in any case; its canonical
 * spelling goes to canonical (TZ_STRLEN_MAX + 1 bytes) when not NULL.
 */
static pg_tz *
zone_lookup(const char *name, char *canonical)
{
	pg_tz	   *tz = strlen(name) <= TZ_STRLEN_MAX ? pg_tzset(name) : NULL;
	const char *spelled;

	if (tz == NULL)
		unknown_zone(name, "A business calendar starts with a time zone of the IANA database, such as America/Chicago or Europe/Berlin.");
	spelled = pg_get_timezone_name(tz);
	if (spelled_like_posix(spelled) && !zone_in_database(spelled))
		unknown_zone(name, "POSIX time zone specifications are not accepted: name a zone of the IANA database, such as America/Chicago or Etc/GMT+5.");
	if (!pg_tz_acceptable(tz))
		unknown_zone(name, "The zone counts leap seconds, which PostgreSQL does not support.");
	if (canonical)
		strlcpy(canonical, spelled, TZ_STRLEN_MAX + 1);
	return tz;
}

/*
 * Building a calendar from its text or binary form
 */

typedef struct DraftPeriod
{
	int			day;
	Period		period;
} DraftPeriod;

typedef struct CalendarDraft
{
	char	   *zone;
	DraftPeriod *periods;
	int			n_periods;
	int			periods_capacity;
	int32	   *closed;
	int			n_closed;
	int			closed_capacity;
} CalendarDraft;

static void
draft_begin(CalendarDraft *d)
{
	memset(d, 0, sizeof(*d));
	d->periods_capacity = 16;
	d->periods = palloc(d->periods_capacity * sizeof(DraftPeriod));
	d->closed_capacity = 16;
	d->closed = palloc(d->closed_capacity * sizeof(int32));
}

/* Add an opening period to a day; it must end after it starts. */
static void
draft_period(CalendarDraft *d, int day, int start, int end)
{
	Period		p = {start, end};

	if (end <= start)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg(end == start ? "opening interval %s of %s is empty"
						: "opening interval %s of %s ends before it starts",
						format_period(p), day_names[day]),
				 errdetail("An opening interval ends later on the day it starts; write a night shift as two intervals, such as \"mon 22:00-24:00; tue 00:00-06:00\".")));
	if (d->n_periods == d->periods_capacity)
	{
		d->periods_capacity *= 2;
		d->periods = repalloc(d->periods,
							  d->periods_capacity * sizeof(DraftPeriod));
	}
	d->periods[d->n_periods].day = day;
	d->periods[d->n_periods].period = p;
	d->n_periods++;
}

static void
draft_closed(CalendarDraft *d, int32 date)
{
	if (d->n_closed == d->closed_capacity)
	{
		d->closed_capacity *= 2;
		d->closed = repalloc(d->closed, d->closed_capacity * sizeof(int32));
	}
	d->closed[d->n_closed++] = date;
}

static int
compare_draft_periods(const void *a, const void *b)
{
	const DraftPeriod *x = a;
	const DraftPeriod *y = b;

	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	if (x->period.start != y->period.start)
		return x->period.start < y->period.start ? -1 : 1;
	return (x->period.end > y->period.end) - (x->period.end < y->period.end);
}

static int
compare_dates(const void *a, const void *b)
{
	int32		x = *(const int32 *) a;
	int32		y = *(const int32 *) b;

	return (x > y) - (x < y);
}

/*
 * The draft's periods of each day in order, touching ones joined; periods
 * that overlap raise 22023.
 */
static void
canonical_periods(CalendarDraft *d, Calendar *c)
{
	qsort(d->periods, d->n_periods, sizeof(DraftPeriod), compare_draft_periods);
	for (int day = 0; day < DAYS_PER_WEEK; day++)
		c->periods[day] = palloc(sizeof(Period) * (d->n_periods + 1));
	for (int i = 0; i < d->n_periods; i++)
	{
		int			day = d->periods[i].day;
		Period		p = d->periods[i].period;
		Period	   *last = c->n_periods[day] > 0
			? &c->periods[day][c->n_periods[day] - 1] : NULL;

		if (last && p.start < last->end)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("opening intervals %s and %s of %s overlap",
							format_period(*last), format_period(p),
							day_names[day]),
					 errdetail("Each time of a day may be in one opening interval only; intervals that only touch, such as 09:00-12:00 and 12:00-17:00, are joined.")));
		if (last && p.start == last->end)
			last->end = p.end;
		else
			c->periods[day][c->n_periods[day]++] = p;
	}
}

/* The calendar a draft describes, in canonical form. */
static void
calendar_from_draft(CalendarDraft *d, Calendar *c)
{
	memset(c, 0, sizeof(*c));
	(void) zone_lookup(d->zone, c->zone);
	canonical_periods(d, c);
	qsort(d->closed, d->n_closed, sizeof(int32), compare_dates);
	c->closed = palloc(sizeof(int32) * (d->n_closed + 1));
	for (int i = 0; i < d->n_closed; i++)
		if (c->n_closed == 0 || c->closed[c->n_closed - 1] != d->closed[i])
			c->closed[c->n_closed++] = d->closed[i];
}

/* The stored value of a calendar. */
static struct varlena *
calendar_encode(const Calendar *c)
{
	CalendarHeader h;
	int			total = 0;
	Size		size;
	struct varlena *v;
	char	   *at;

	memset(&h, 0, sizeof(h));
	h.version = CALENDAR_FORMAT_VERSION;
	h.zone_len = (uint16) strlen(c->zone);
	for (int day = 0; day < DAYS_PER_WEEK; day++)
	{
		h.periods[day] = (uint16) c->n_periods[day];
		total += c->n_periods[day];
	}
	h.n_closed = c->n_closed;
	size = VARHDRSZ + sizeof(h) + sizeof(int32) * c->n_closed +
		sizeof(uint16) * 2 * total + h.zone_len;
	v = palloc0(size);
	SET_VARSIZE(v, size);
	at = VARDATA(v);
	memcpy(at, &h, sizeof(h));
	at += sizeof(h);
	memcpy(at, c->closed, sizeof(int32) * c->n_closed);
	at += sizeof(int32) * c->n_closed;
	for (int day = 0; day < DAYS_PER_WEEK; day++)
		for (int i = 0; i < c->n_periods[day]; i++)
		{
			uint16		minutes[2] = {(uint16) c->periods[day][i].start,
			(uint16) c->periods[day][i].end};

			memcpy(at, minutes, sizeof(minutes));
			at += sizeof(minutes);
		}
	memcpy(at, c->zone, h.zone_len);
	return v;
}

pg_noreturn static void
corrupt_value(const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_DATA_CORRUPTED),
			 errmsg("corrupt %s value", CALENDAR_TYPE_NAME),
			 errdetail("%s", detail)));
}

/* Read a day's periods of a stored value, checking their order. */
static void
decode_periods(const char *at, int n, Period *periods)
{
	for (int i = 0; i < n; i++)
	{
		uint16		minutes[2];

		memcpy(minutes, at + i * sizeof(minutes), sizeof(minutes));
		periods[i].start = minutes[0];
		periods[i].end = minutes[1];
		if (periods[i].end <= periods[i].start ||
			periods[i].end > MINUTES_PER_DAY ||
			(i > 0 && periods[i].start <= periods[i - 1].end))
			corrupt_value("An opening period is empty, out of order or out of range.");
	}
}

/*
 * Take a stored value apart (its bytes after the varlena header), checking
 * that it is a value the input functions could have made: anything else is
 * corrupt (XX001).
 */
static void
calendar_decode(const char *data, Size len, Calendar *c)
{
	CalendarHeader h;
	int			total = 0;
	const char *at = data + sizeof(h);

	if (len < sizeof(h))
		corrupt_value("The value is shorter than its header.");
	memcpy(&h, data, sizeof(h));
	if (h.version != CALENDAR_FORMAT_VERSION)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("%s value has an unsupported layout", CALENDAR_TYPE_NAME),
				 errdetail("Layout version %d; this version of scorecard reads version %d.",
						   h.version, CALENDAR_FORMAT_VERSION)));
	for (int day = 0; day < DAYS_PER_WEEK; day++)
	{
		if (h.periods[day] > MAX_PERIODS_PER_DAY)
			corrupt_value("A day has more opening periods than fit in it.");
		total += h.periods[day];
	}
	if (h.reserved != 0 || h.reserved2 != 0 || h.n_closed < 0 ||
		h.zone_len == 0 || h.zone_len > TZ_STRLEN_MAX ||
		(Size) h.n_closed > len / sizeof(int32) ||
		len != sizeof(h) + sizeof(int32) * h.n_closed +
		sizeof(uint16) * 2 * total + h.zone_len)
		corrupt_value("The value's size does not match its header.");

	memset(c, 0, sizeof(*c));
	c->n_closed = h.n_closed;
	c->closed = palloc(sizeof(int32) * (h.n_closed + 1));
	memcpy(c->closed, at, sizeof(int32) * h.n_closed);
	at += sizeof(int32) * h.n_closed;
	for (int i = 0; i < c->n_closed; i++)
		if (!date_in_range(c->closed[i]) ||
			(i > 0 && c->closed[i] <= c->closed[i - 1]))
			corrupt_value("The closed dates are out of order or out of range.");
	for (int day = 0; day < DAYS_PER_WEEK; day++)
	{
		c->n_periods[day] = h.periods[day];
		c->periods[day] = palloc(sizeof(Period) * (h.periods[day] + 1));
		decode_periods(at, h.periods[day], c->periods[day]);
		at += sizeof(uint16) * 2 * h.periods[day];
	}
	memcpy(c->zone, at, h.zone_len);
	c->zone[h.zone_len] = '\0';
	if (strlen(c->zone) != h.zone_len)
		corrupt_value("The zone name holds a NUL byte.");
}

static void
calendar_from_datum(Datum d, Calendar *c)
{
	struct varlena *v = PG_DETOAST_DATUM_PACKED(d);

	calendar_decode(VARDATA_ANY(v), VARSIZE_ANY_EXHDR(v), c);
}

/*
 * Text input
 *
 *	 zone [; days HH:MM-HH:MM ...] [; closed YYYY-MM-DD ...] ...
 */

typedef struct CalendarParser
{
	const char *input;
	const char *pos;
} CalendarParser;

pg_noreturn static void
syntax_error(const CalendarParser *p, const char *at, const char *expected)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type %s: \"%s\"",
					CALENDAR_TYPE_NAME, p->input),
			 errdetail("Expected %s at character %d.",
					   expected, (int) (at - p->input) + 1)));
}

static void
skip_spaces(CalendarParser *p)
{
	while (isspace((unsigned char) *p->pos))
		p->pos++;
}

/* Skip white space before another item of a list: is there one? */
static bool
next_item(CalendarParser *p, bool (*starts_item) (char))
{
	const char *from = p->pos;

	skip_spaces(p);
	if (p->pos > from && starts_item(*p->pos))
		return true;
	p->pos = from;
	return false;
}

static bool
is_digit(char c)
{
	return isdigit((unsigned char) c) != 0;
}

/* Read a word (case-insensitively) if it comes next, ending there. */
static bool
read_word(CalendarParser *p, const char *word)
{
	size_t		len = strlen(word);

	if (pg_strncasecmp(p->pos, word, len) != 0 ||
		isalpha((unsigned char) p->pos[len]))
		return false;
	p->pos += len;
	return true;
}

/* Read exactly n digits as a number; false if they are not there. */
static bool
read_digits(CalendarParser *p, int n, int *value)
{
	*value = 0;
	for (int i = 0; i < n; i++)
	{
		if (!isdigit((unsigned char) p->pos[i]))
			return false;
		*value = *value * 10 + (p->pos[i] - '0');
	}
	p->pos += n;
	return true;
}

static int
read_day(CalendarParser *p)
{
	for (int day = 0; day < DAYS_PER_WEEK; day++)
		if (pg_strncasecmp(p->pos, day_names[day], 3) == 0 &&
			!isalpha((unsigned char) p->pos[3]))
		{
			p->pos += 3;
			return day;
		}
	return -1;
}

/* HH:MM (or H:MM) from 00:00 to 24:00, in minutes. */
static int
read_time(CalendarParser *p)
{
	const char *at = p->pos;
	int			hour,
				minute;

	if (!(read_digits(p, 2, &hour) || read_digits(p, 1, &hour)) ||
		*p->pos++ != ':' || !read_digits(p, 2, &minute) ||
		isdigit((unsigned char) *p->pos) ||
		minute > 59 || hour > 24 || (hour == 24 && minute != 0))
		syntax_error(p, at, "a time from 00:00 to 24:00 as HH:MM");
	return hour * 60 + minute;
}

/* One opening interval HH:MM-HH:MM, added to the days first..last. */
static void
read_interval(CalendarParser *p, CalendarDraft *d, int first, int last)
{
	int			start = read_time(p);
	int			end;

	if (*p->pos != '-')
		syntax_error(p, p->pos, "\"-\" and the time the interval ends");
	p->pos++;
	end = read_time(p);
	for (int day = first;; day = (day + 1) % DAYS_PER_WEEK)
	{
		draft_period(d, day, start, end);
		if (day == last)
			break;
	}
}

/* YYYY-MM-DD, a date from 0001-01-01 to 9999-12-31. */
static int32
read_date(CalendarParser *p)
{
	const char *at = p->pos;
	int			year,
				month,
				day;

	if (!read_digits(p, 4, &year) || *p->pos++ != '-' ||
		!read_digits(p, 2, &month) || *p->pos++ != '-' ||
		!read_digits(p, 2, &day) || isdigit((unsigned char) *p->pos) ||
		year < 1 || month < 1 || month > 12 || day < 1 ||
		day > day_tab[isleap(year)][month - 1])
		syntax_error(p, at, "a date from 0001-01-01 to 9999-12-31 as YYYY-MM-DD");
	return date2j(year, month, day) - POSTGRES_EPOCH_JDATE;
}

/* "mon" or "mon-fri" (a range may wrap: "fri-mon"), then intervals. */
static void
read_days_clause(CalendarParser *p, CalendarDraft *d)
{
	int			first = read_day(p);
	int			last = first;

	if (first < 0)
		syntax_error(p, p->pos, "a day (mon to sun), a range of days such as mon-fri, or \"closed\"");
	if (*p->pos == '-')
	{
		p->pos++;
		last = read_day(p);
		if (last < 0)
			syntax_error(p, p->pos, "the day that ends the range (mon to sun)");
	}
	if (!next_item(p, is_digit))
		syntax_error(p, p->pos, "white space and an opening interval such as 09:00-17:00");
	do
		read_interval(p, d, first, last);
	while (next_item(p, is_digit));
}

static void
read_closed_clause(CalendarParser *p, CalendarDraft *d)
{
	if (!next_item(p, is_digit))
		syntax_error(p, p->pos, "white space and a date as YYYY-MM-DD");
	do
		draft_closed(d, read_date(p));
	while (next_item(p, is_digit));
}

static bool
ends_zone(char c)
{
	return c == '\0' || c == ';' || isspace((unsigned char) c);
}

static void
parse_calendar(const char *input, CalendarDraft *d)
{
	CalendarParser p = {input, input};
	const char *zone;

	skip_spaces(&p);
	zone = p.pos;
	while (!ends_zone(*p.pos))
		p.pos++;
	if (p.pos == zone)
		syntax_error(&p, p.pos, "a time zone name such as America/Chicago");
	d->zone = pnstrdup(zone, p.pos - zone);
	skip_spaces(&p);
	while (*p.pos != '\0')
	{
		if (*p.pos != ';')
			syntax_error(&p, p.pos, "\";\" and a clause, or the end of the calendar");
		p.pos++;
		skip_spaces(&p);
		if (read_word(&p, "closed"))
			read_closed_clause(&p, d);
		else
			read_days_clause(&p, d);
		skip_spaces(&p);
	}
}

PG_FUNCTION_INFO_V1(business_calendar_in);
Datum
business_calendar_in(PG_FUNCTION_ARGS)
{
	CalendarDraft d;
	Calendar	c;

	draft_begin(&d);
	parse_calendar(PG_GETARG_CSTRING(0), &d);
	calendar_from_draft(&d, &c);
	PG_RETURN_POINTER(calendar_encode(&c));
}

/*
 * Text output: the zone, then the days in order from Monday with equal
 * consecutive days joined into ranges, then the closed dates.
 */

static bool
same_periods(const Calendar *c, int a, int b)
{
	return c->n_periods[a] == c->n_periods[b] &&
		memcmp(c->periods[a], c->periods[b],
			   sizeof(Period) * c->n_periods[a]) == 0;
}

static void
format_days(StringInfo out, const Calendar *c)
{
	int			day = 0;

	while (day < DAYS_PER_WEEK)
	{
		int			last = day;

		if (c->n_periods[day] == 0)
		{
			day++;
			continue;
		}
		while (last + 1 < DAYS_PER_WEEK && same_periods(c, day, last + 1))
			last++;
		appendStringInfo(out, "; %s", day_names[day]);
		if (last > day)
			appendStringInfo(out, "-%s", day_names[last]);
		for (int i = 0; i < c->n_periods[day]; i++)
			appendStringInfo(out, " %s", format_period(c->periods[day][i]));
		day = last + 1;
	}
}

static void
format_closed(StringInfo out, const Calendar *c)
{
	if (c->n_closed == 0)
		return;
	appendStringInfoString(out, "; closed");
	for (int i = 0; i < c->n_closed; i++)
	{
		int			year,
					month,
					day;

		j2date(c->closed[i] + POSTGRES_EPOCH_JDATE, &year, &month, &day);
		appendStringInfo(out, " %04d-%02d-%02d", year, month, day);
	}
}

PG_FUNCTION_INFO_V1(business_calendar_out);
Datum
business_calendar_out(PG_FUNCTION_ARGS)
{
	Calendar	c;
	StringInfoData out;

	calendar_from_datum(PG_GETARG_DATUM(0), &c);
	initStringInfo(&out);
	appendStringInfoString(&out, c.zone);
	format_days(&out, &c);
	format_closed(&out, &c);
	PG_RETURN_CSTRING(out.data);
}

/*
 * Binary form: a version byte; the zone name as an int32 length and its
 * bytes; for each day from Monday, an int32 count and each period's start
 * and end minutes as int32; an int32 count of closed dates and each date
 * as int32 days since 2000-01-01 (as PostgreSQL sends a date).
 */

PG_FUNCTION_INFO_V1(business_calendar_send);
Datum
business_calendar_send(PG_FUNCTION_ARGS)
{
	Calendar	c;
	StringInfoData buf;

	calendar_from_datum(PG_GETARG_DATUM(0), &c);
	pq_begintypsend(&buf);
	pq_sendbyte(&buf, CALENDAR_FORMAT_VERSION);
	pq_sendint32(&buf, (int32) strlen(c.zone));
	pq_sendbytes(&buf, c.zone, (int) strlen(c.zone));
	for (int day = 0; day < DAYS_PER_WEEK; day++)
	{
		pq_sendint32(&buf, c.n_periods[day]);
		for (int i = 0; i < c.n_periods[day]; i++)
		{
			pq_sendint32(&buf, c.periods[day][i].start);
			pq_sendint32(&buf, c.periods[day][i].end);
		}
	}
	pq_sendint32(&buf, c.n_closed);
	for (int i = 0; i < c.n_closed; i++)
		pq_sendint32(&buf, c.closed[i]);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

pg_noreturn static void
binary_error(const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
			 errmsg("invalid binary %s value", CALENDAR_TYPE_NAME),
			 errdetail("%s", detail)));
}

/* A count of items of item_size bytes each that must follow in buf. */
static int
recv_item_count(StringInfo buf, int item_size)
{
	int32		n = recv_int32(buf, CALENDAR_TYPE_NAME);

	if (n < 0 || n > (buf->len - buf->cursor) / item_size)
		binary_error(psprintf("A count of %d items does not fit in the %d bytes left.",
							  n, buf->len - buf->cursor));
	return n;
}

/* The zone name: printable ASCII without spaces or ";", as in text. */
static char *
recv_zone(StringInfo buf)
{
	int			len = recv_item_count(buf, 1);
	char	   *zone;

	if (len == 0 || len > TZ_STRLEN_MAX)
		binary_error("The zone name must have 1 to 255 bytes.");
	zone = palloc(len + 1);
	pq_copymsgbytes(buf, zone, len);
	zone[len] = '\0';
	for (int i = 0; i < len; i++)
		if (zone[i] <= ' ' || zone[i] > '~' || zone[i] == ';')
			binary_error("The zone name holds a byte that no zone name has.");
	return zone;
}

static int
recv_minute(StringInfo buf)
{
	int32		minute = recv_int32(buf, CALENDAR_TYPE_NAME);

	if (minute < 0 || minute > MINUTES_PER_DAY)
		binary_error(psprintf("Minute %d is not a time from 00:00 to 24:00.", minute));
	return minute;
}

PG_FUNCTION_INFO_V1(business_calendar_recv);
Datum
business_calendar_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			version = recv_byte(buf, CALENDAR_TYPE_NAME);
	CalendarDraft d;
	Calendar	c;
	int			n;

	if (version != CALENDAR_FORMAT_VERSION)
		binary_error(psprintf("Format version %d is not supported; this version of scorecard reads version %d.",
							  version, CALENDAR_FORMAT_VERSION));
	draft_begin(&d);
	d.zone = recv_zone(buf);
	for (int day = 0; day < DAYS_PER_WEEK; day++)
	{
		n = recv_item_count(buf, 8);
		for (int i = 0; i < n; i++)
		{
			int			start = recv_minute(buf);

			draft_period(&d, day, start, recv_minute(buf));
		}
	}
	n = recv_item_count(buf, 4);
	for (int i = 0; i < n; i++)
	{
		int32		date = recv_int32(buf, CALENDAR_TYPE_NAME);

		if (!date_in_range(date))
			binary_error(psprintf("Closed date %d is not a date from 0001-01-01 to 9999-12-31.", date));
		draft_closed(&d, date);
	}
	recv_end(buf, CALENDAR_TYPE_NAME);
	calendar_from_draft(&d, &c);
	PG_RETURN_POINTER(calendar_encode(&c));
}

/*
 * The compiled schedule, and its cache in fn_extra
 */

static void
compile_schedule(const Calendar *c, Schedule *s)
{
	int			total = 0;
	int			p = 0;

	s->zone = zone_lookup(c->zone, NULL);
	for (int day = 0; day < DAYS_PER_WEEK; day++)
		total += c->n_periods[day];
	s->start = palloc(sizeof(int64) * (total + 1));
	s->end = palloc(sizeof(int64) * (total + 1));
	s->before = palloc(sizeof(int64) * (total + 1));
	s->week_before[0] = 0;
	for (int day = 0; day < DAYS_PER_WEEK; day++)
	{
		int64		open = 0;

		s->first[day] = p;
		for (int i = 0; i < c->n_periods[day]; i++, p++)
		{
			s->start[p] = c->periods[day][i].start * USECS_PER_MINUTE_64;
			s->end[p] = c->periods[day][i].end * USECS_PER_MINUTE_64;
			s->before[p] = open;
			open += s->end[p] - s->start[p];
		}
		s->week_before[day + 1] = s->week_before[day] + open;
	}
	s->first[DAYS_PER_WEEK] = p;
	s->week_open = s->week_before[DAYS_PER_WEEK];
	s->n_closed = c->n_closed;
	s->closed = c->closed;
	s->closed_before = palloc(sizeof(int64) * (c->n_closed + 1));
	s->closed_before[0] = 0;
	for (int i = 0; i < c->n_closed; i++)
	{
		int			day = weekday(c->closed[i]);

		s->closed_before[i + 1] = s->closed_before[i] +
			(s->week_before[day + 1] - s->week_before[day]);
	}
}

#define SCHEDULE_CACHE_SIZE 4

typedef struct CachedSchedule
{
	MemoryContext context;		/* holds bytes and schedule; NULL if unused */
	Size		len;
	char	   *bytes;			/* the calendar value's bytes: the key */
	Schedule	schedule;
} CachedSchedule;

typedef struct ScheduleCache
{
	int			next;			/* the entry to replace next */
	CachedSchedule entries[SCHEDULE_CACHE_SIZE];
} ScheduleCache;

/* Decode and compile a calendar value into a cache entry with its own memory. */
static void
cache_schedule(CachedSchedule *entry, const char *bytes, Size len,
			   MemoryContext parent)
{
	/* ALLOCSET_SMALL_SIZES, spelled out: its macros multiply in int */
	MemoryContext context = AllocSetContextCreate(parent,
												  "business_calendar schedule",
												  0, 1024, 8192);
	MemoryContext old = MemoryContextSwitchTo(context);

	PG_TRY();
	{
		Calendar	c;

		calendar_decode(bytes, len, &c);
		compile_schedule(&c, &entry->schedule);
	}
	PG_CATCH();
	{
		MemoryContextSwitchTo(old);
		MemoryContextDelete(context);
		PG_RE_THROW();
	}
	PG_END_TRY();
	entry->bytes = palloc(len);
	memcpy(entry->bytes, bytes, len);
	MemoryContextSwitchTo(old);
	entry->len = len;
	entry->context = context;
}

/*
 * The compiled schedule of argument argno: from the cache when one of its
 * entries holds the same bytes, else compiled into the oldest entry.
 */
static const Schedule *
schedule_arg(FunctionCallInfo fcinfo, int argno)
{
	struct varlena *v = PG_DETOAST_DATUM_PACKED(PG_GETARG_DATUM(argno));
	const char *bytes = VARDATA_ANY(v);
	Size		len = VARSIZE_ANY_EXHDR(v);
	ScheduleCache *cache = fcinfo->flinfo->fn_extra;
	CachedSchedule *entry;

	if (cache == NULL)
		cache = fcinfo->flinfo->fn_extra =
			MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(ScheduleCache));
	for (int i = 0; i < SCHEDULE_CACHE_SIZE; i++)
	{
		entry = &cache->entries[i];
		if (entry->context && entry->len == len &&
			memcmp(entry->bytes, bytes, len) == 0)
			return &entry->schedule;
	}
	entry = &cache->entries[cache->next];
	cache->next = (cache->next + 1) % SCHEDULE_CACHE_SIZE;
	if (entry->context)
		MemoryContextDelete(entry->context);
	entry->context = NULL;
	cache_schedule(entry, bytes, len, fcinfo->flinfo->fn_mcxt);
	return &entry->schedule;
}

/*
 * Open time in local time
 */

/* Open time of the periods of weekday dow before time of day t. */
static int64
open_in_day(const Schedule *s, int dow, int64 t)
{
	for (int p = s->first[dow]; p < s->first[dow + 1]; p++)
		if (t < s->end[p])
			return s->before[p] + Max(t - s->start[p], 0);
	return s->week_before[dow + 1] - s->week_before[dow];
}

/* Open time of the weeks from the origin to the start of the given day. */
static int64
open_before_day(const Schedule *s, int64 day)
{
	int64		k = day + EPOCH_WEEKDAY;
	int64		week = floor_div(k, DAYS_PER_WEEK);

	return week * s->week_open + s->week_before[k - week * DAYS_PER_WEEK];
}

/*
 * How many closed dates come before a day (by_open false: key is the day),
 * or start while open_before() is still below key (by_open true).  Both
 * grow with the index, so a binary search finds them.
 */
static int
closed_count(const Schedule *s, int64 key, bool by_open)
{
	int			lo = 0;
	int			hi = s->n_closed;

	while (lo < hi)
	{
		int			mid = lo + (hi - lo) / 2;
		int64		at = by_open
			? open_before_day(s, s->closed[mid]) - s->closed_before[mid]
			: s->closed[mid];

		if (at < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/*
 * Open time of local time from the origin (the Monday before 2000-01-01)
 * to the local time given, in microseconds from 2000-01-01 00:00; negative
 * before the origin.  It is continuous and non-decreasing.
 */
static int64
open_before(const Schedule *s, int64 local)
{
	int64		day = floor_div(local, USECS_PER_DAY);
	int			i = closed_count(s, day, false);
	int64		open = open_before_day(s, day) - s->closed_before[i];

	if (i < s->n_closed && s->closed[i] == day)
		return open;
	return open + open_in_day(s, weekday(day), local - day * USECS_PER_DAY);
}

/*
 * The earliest local time at which the weekly schedule, closed dates aside,
 * has been open for `open` since the origin.  week_open must be positive.
 */
static int64
weekly_reaching(const Schedule *s, int64 open)
{
	int64		week = floor_div(open - 1, s->week_open);
	int64		rest = open - week * s->week_open;	/* 1 .. week_open */
	int			dow = 0;
	int			p;

	while (s->week_before[dow + 1] < rest)
		dow++;
	rest -= s->week_before[dow];	/* 1 .. the day's open time */
	p = s->first[dow];
	while (s->before[p] + (s->end[p] - s->start[p]) < rest)
		p++;
	return (week * DAYS_PER_WEEK + dow - EPOCH_WEEKDAY) * USECS_PER_DAY +
		s->start[p] + (rest - s->before[p]);
}

/*
 * The earliest local time at which open_before() reaches `open`, which must
 * be more than open_before() of some local time.  The answer lies after
 * every closed date at whose start open_before() is still short of `open`,
 * and before every other: found by binary search, then the weekly schedule
 * with those dates' open time added back.
 */
static int64
local_reaching(const Schedule *s, int64 open)
{
	return weekly_reaching(s, open + s->closed_before[closed_count(s, open, true)]);
}

/*
 * Open time between instants
 */

/*
 * The zone's UTC offset at instant t, in microseconds, and the instant of
 * its next change (NO_CHANGE if it changes no more before the end of the
 * timestamp range).  The zone library works in whole seconds, and
 * transitions fall on whole seconds.  This is the offset PostgreSQL uses to
 * read local times (DetermineTimeZoneOffset); before a zone's first
 * transition it takes the zone's first standard-time type, which in the
 * zone data of this century is the type pg_localtime() uses there (LMT).
 */
static int64
zone_offset(pg_tz *zone, TimestampTz t, TimestampTz *next_change)
{
	pg_time_t	seconds = floor_div(t, USECS_PER_SEC) + EPOCH_SECONDS;
	pg_time_t	boundary = 0;
	long int	before_gmtoff = 0,
				after_gmtoff = 0;
	int			before_isdst = 0,
				after_isdst = 0;
	int			found = pg_next_dst_boundary(&seconds, &before_gmtoff,
											 &before_isdst, &boundary,
											 &after_gmtoff, &after_isdst, zone);

	/*
	 * At the very instant of the last transition of its table, the zone
	 * library reports no later one, although it extrapolates transitions
	 * for every later instant; a second later (no zone changes twice in a
	 * second) it finds the next.
	 */
	if (found == 0)
	{
		pg_time_t	later = seconds + 1;
		long int	later_gmtoff = 0;

		found = pg_next_dst_boundary(&later, &later_gmtoff, &before_isdst,
									 &boundary, &after_gmtoff, &after_isdst,
									 zone);
	}
	if (found < 0)
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("timestamp out of range")));
	if (found == 0 || boundary >= END_TIMESTAMP / USECS_PER_SEC + EPOCH_SECONDS)
		*next_change = NO_CHANGE;
	else
		*next_change = (boundary - EPOCH_SECONDS) * USECS_PER_SEC;
	return (int64) before_gmtoff * USECS_PER_SEC;
}

/*
 * Open time between two instants, from <= to: over each stretch of constant
 * UTC offset between them, the open time of the matching local times.
 */
static int128
open_between(const Schedule *s, TimestampTz from, TimestampTz to)
{
	int128		open = 0;

	if (s->week_open == 0)
		return 0;
	for (;;)
	{
		TimestampTz change;
		int64		offset = zone_offset(s->zone, from, &change);
		TimestampTz until = Min(change, to);

		open += (int128) open_before(s, until + offset) -
			open_before(s, from + offset);
		if (until == to)
			return open;
		from = until;
		CHECK_FOR_INTERRUPTS();
	}
}

pg_noreturn static void
deadline_out_of_range(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
			 errmsg("timestamp out of range"),
			 errdetail("The deadline would fall after the last timestamp PostgreSQL represents.")));
}

/*
 * The earliest instant at which `target` (> 0) of open time has elapsed
 * since `from`: walk the stretches of constant offset until the one in
 * which the target is reached, then invert open_before() there.
 */
static TimestampTz
deadline_after(const Schedule *s, TimestampTz from, int64 target)
{
	int64		remaining = target;

	for (;;)
	{
		TimestampTz change;
		int64		offset = zone_offset(s->zone, from, &change);
		int64		open_from = open_before(s, from + offset);
		TimestampTz until = change == NO_CHANGE ? END_TIMESTAMP - 1 : change;
		int128		stretch = (int128) open_before(s, until + offset) - open_from;

		if (stretch >= remaining)
			return local_reaching(s, open_from + remaining) - offset;
		if (change == NO_CHANGE)
			deadline_out_of_range();
		remaining -= (int64) stretch;
		from = change;
		CHECK_FOR_INTERRUPTS();
	}
}

/*
 * The SQL functions
 */

static void
check_finite(TimestampTz t, const char *function, const char *argument)
{
	if (TIMESTAMP_NOT_FINITE(t))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("%s of %s cannot be infinite", argument, function),
				 errdetail("Open time is counted between finite instants.")));
}

PG_FUNCTION_INFO_V1(business_duration);
Datum
business_duration(PG_FUNCTION_ARGS)
{
	TimestampTz started_at = PG_GETARG_TIMESTAMPTZ(0);
	TimestampTz finished_at = PG_GETARG_TIMESTAMPTZ(1);
	const Schedule *s = schedule_arg(fcinfo, 2);
	int128		open;
	Interval   *result;

	check_finite(started_at, "business_duration", "started_at");
	check_finite(finished_at, "business_duration", "finished_at");
	if (finished_at < started_at)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("finished_at %s is before started_at %s",
						pstrdup(timestamptz_to_str(finished_at)),
						pstrdup(timestamptz_to_str(started_at))),
				 errdetail("business_duration measures forward from started_at; finished_at must be at or after it.")));
	open = open_between(s, started_at, finished_at);
	if (open > PG_INT64_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("interval out of range")));
	result = palloc(sizeof(Interval));
	result->time = (int64) open;
	result->day = 0;
	result->month = 0;
	PG_RETURN_INTERVAL_P(result);
}

static char *
interval_text(const Interval *interval)
{
	return DatumGetCString(DirectFunctionCall1(interval_out,
											   IntervalPGetDatum(interval)));
}

/* The target as microseconds: a time part only, not negative. */
static int64
target_usecs(const Interval *target)
{
	if (target->month != 0 || target->day != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("business_deadline target \"%s\" has a day or month part",
						interval_text(target)),
				 errdetail("Open time is counted in hours, minutes and seconds, such as '36:00:00'; a day or a month of business hours would depend on the calendar.")));
	if (target->time < 0)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("business_deadline target \"%s\" is negative",
						interval_text(target)),
				 errdetail("The target is open time to come, zero or more.")));
	return target->time;
}

PG_FUNCTION_INFO_V1(business_deadline);
Datum
business_deadline(PG_FUNCTION_ARGS)
{
	TimestampTz started_at = PG_GETARG_TIMESTAMPTZ(0);
	int64		target = target_usecs(PG_GETARG_INTERVAL_P(1));
	const Schedule *s = schedule_arg(fcinfo, 2);

	check_finite(started_at, "business_deadline", "started_at");
	if (target == 0)
		PG_RETURN_TIMESTAMPTZ(started_at);
	if (s->week_open == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("business calendar \"%s\" has no opening hours",
						DatumGetCString(DirectFunctionCall1(business_calendar_out,
															PG_GETARG_DATUM(2)))),
				 errdetail("A deadline in open time would never come.")));
	PG_RETURN_TIMESTAMPTZ(deadline_after(s, started_at, target));
}
