/*
 * fuzz.c
 *		Feeds every summary type's text input and binary receive function
 *		generated garbage, through libpq, and prints TAP.
 *
 * Each input must either load as a value that round-trips, or fail with a
 * data exception (SQLSTATE class 22).  Anything else (another SQLSTATE, a
 * value that does not round-trip, a lost connection) fails the batch and
 * prints the seed and the input.  The generator is seeded, so a run
 * reproduces: `fuzz [-s seed] [-n cases]`, with the libpq environment
 * (PGHOST, PGPORT, PGDATABASE, ...) saying where to connect.
 *
 * A third mode calls the aggregate support functions (transition, inverse
 * transition, combine, unmerge, final; those of every aggregate whose state
 * is the type, read from the catalog) with fuzzed summaries and arguments.
 * Each call must either fail with a data exception, or return NULL or a
 * value that reads back unchanged through the type's text and binary input:
 * a support function is callable by any user, and a value that input
 * rejects cannot be dumped and restored.
 *
 * To fuzz a new summary type, add it to summary_types[] below with a few
 * valid values in its text form; binary seeds are read back from the server.
 * An argument type that the support functions take and support_values[]
 * does not list fails the run until it is added there.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#define MAX_SEEDS 8
#define MAX_INPUT 4096

typedef struct SummaryType
{
	const char *name;
	const char *seeds[MAX_SEEDS];	/* valid text values, NULL-terminated */
	int			not_a_summary;	/* 1: no aggregate, no support functions */
} SummaryType;

#define MAX_VALUES 24

/* Arguments for the support functions: SQL text of each argument type. */
typedef struct ArgumentValues
{
	const char *type;			/* as format_type() spells it */
	const char *values[MAX_VALUES]; /* NULL-terminated */
} ArgumentValues;

static const ArgumentValues support_values[] = {
	{"integer", {"0", "1", "2", "3", "4", "5", "6", "7", "9", "10", "11", "-1",
	"2147483647", "-2147483648", NULL}},
	{"boolean", {"true", "false", NULL}},
	{"double precision", {"0", "1", "2.5", "5", "20", "30", "0.000001",
		"0.0000004", "-1", "-0", "NaN", "Infinity", "-Infinity", "1e300",
		"9223372036854.775807", "9223372036854.775808", "86400", NULL}},
	{"interval", {"0", "1 second", "20 seconds", "5 seconds", "30 seconds",
		"-1 second", "1 day", "1 mon", "100 years", "00:00:00.000001",
	"178000000 years", NULL}},
	{"double precision[]", {"{1,0,1}", "{1,1,1}", "{0.5,1}", "{1}", "{}",
		"{NULL,1,0}", "{1,1,0.5,1,1}", "{NaN,1,1}", "{-1,2,1}", "{1e308,1,1}",
	"{0,0,0}", "{2,3,1}", "{{1,0},{1,1}}", NULL}},
	{"boolean[]", {"{false,true,false}", "{true}", "{}", "{NULL,true,false}",
	"{true,true,true,true,true}", NULL}},
};

/*
 * Support functions whose findings are known and owned by other branches
 * (issue 12): their calls are kept out of the run until those branches are
 * merged.  The coordinator empties this list after merging them; each
 * entry says what the fuzzer found.
 */
static const char *const known_failures[] = {
	/* rubric.c (branch rubric) */
	"rubric_summary_unmerge",	/* XX000: removing what was never added */
	"weighted_rubric_inverse",	/* XX000: a NULL state */
	NULL
};

/* The one place that lists what to fuzz. */
static const SummaryType summary_types[] = {
	{"nps_summary", {
			"v1 counts=0,0,0,0,0,0,0,0,0,0,0",
			"v1 counts=0,0,0,0,0,0,0,0,0,0,1",
			"v1 counts=3,1,4,1,5,9,2,6,5,3,5",
			"v1 counts=0,0,0,0,0,0,0,0,0,0,9223372036854775807",
			"v1 counts=1000000,0,0,0,0,0,7,0,0,123456789012,0",
	NULL}, 0},
	{"rubric_summary", {
			"v1 criteria=0 autofails=0 score_sum=0 score_squares=0 distribution=0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0 criterion_sums= criterion_counts=",
			"v1 criteria=3 autofails=0 score_sum=142500000000 score_squares=10306250000000000000000 distribution=0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,1,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,1,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0 criterion_sums=140000000000,140000000000,150000000000 criterion_counts=2,2,2",
	NULL}, 0},
	{"duration_summary", {
			"v1 zeros=1 min=0 max=1000001 sum=1000001 sum_squares=1000002000001 first_bucket=698 counts=1",
			"v1 zeros=2 min=0 max=30000000 sum=30000000 sum_squares=900000000000000 first_bucket=870 counts=1",
			"v1 zeros=0 min=0 max=0 sum=0 sum_squares=0 first_bucket=0 counts=",
			"v1 zeros=0 min=60000000 max=600000000 sum=1200000000 sum_squares=468000000000000000 first_bucket=905 counts=1,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,1,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,1,0,0,0,0,0,0,0,0,0,0,0,0,0,0,1,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,1",
	NULL}, 0},
	{"rating_summary", {
			"v1 kind=csat scale=5 counts=0,0,0,0,0",
			"v1 kind=csat scale=5 counts=1,1,1,1,2",
			"v1 kind=ces scale=7 counts=0,0,1,0,1,2,1",
			"v1 kind=csat scale=2 counts=3,9223372036854775800",
			"v1 kind=ces scale=10 counts=1,2,3,4,5,6,7,8,9,10",
			"v2 kind=ces scale=7 lower_is_easier=true counts=0,0,1,0,1,2,1",
			"v2 kind=ces scale=3 lower_is_easier=false counts=9,0,9223372036854775798",
	NULL}, 0},
	{"rate_summary", {
			"v1 true=0 false=0",
			"v1 true=3 false=1",
			"v1 true=9223372036854775807 false=0",
			"v1 true=123456789 false=987654321",
	NULL}, 0},
	{"agreement_summary", {
			"v1 items=0 values= coincidences=",
			"v1 items=3 values=1,2 coincidences=144403552893600,72201776446800,144403552893600",
			"v1 items=1 values=-0.5,2.25 coincidences=0,72201776446800,0",
			"v1 items=2 values=1,2,3 coincidences=0,36100888223400,36100888223400,144403552893600,36100888223400,0",
			"v1 items=1 values=1 coincidences=2310456846297600",
	NULL}, 0},
	{"calibration_summary", {
			"v1 tolerance_nanopoints=5000000000 within=0 outside=0 over_nanopoints=0 under_nanopoints=0",
			"v1 tolerance_nanopoints=5000000000 within=3 outside=2 over_nanopoints=17000000000 under_nanopoints=10500000000",
			"v1 tolerance_nanopoints=0 within=9223372036854775806 outside=1 over_nanopoints=1 under_nanopoints=0",
			"v1 tolerance_nanopoints=1000000000000000000 within=1 outside=0 over_nanopoints=0 under_nanopoints=1000000000000000000",
	NULL}, 0},
	/* not a summary, but an input of the same kind: text and binary */
	{"business_calendar", {
			"America/Chicago; mon-fri 09:00-12:00 13:00-17:00; sat 10:00-14:00; closed 2026-12-25 2027-01-01",
			"UTC",
			"Europe/Berlin; mon-sun 00:00-24:00",
			"Asia/Kolkata; mon 08:30-09:00 22:00-24:00; tue 00:00-06:00; closed 2026-01-26 2026-08-15",
			"Etc/GMT+5; fri-mon 10:00-14:00; wed 9:00-12:00 12:00-13:00",
			"europe/vatican; sat-sun 23:59-24:00; closed 9999-12-31 0001-01-01",
	NULL}, 1},
	{"queue_summary", {
			"v1 target_us=20000000 short_abandon_us=5000000 answered=0,0 abandoned=0,0 answered_wait_us=0",
			"v1 target_us=20000000 short_abandon_us=5000000 answered=3,2 abandoned=2,3 answered_wait_us=94000000",
			"v1 target_us=0 short_abandon_us=0 answered=1,1 abandoned=0,1 answered_wait_us=1",
			"v1 target_us=30000000 short_abandon_us=10000000 answered=1,2 abandoned=1,1 answered_wait_us=86460000001",
			"v1 target_us=9223372036854775807 short_abandon_us=9223372036854775807 answered=9223372036854775806,0 abandoned=1,0 answered_wait_us=0",
	NULL}, 0},
};

#define N_TYPES (sizeof(summary_types) / sizeof(summary_types[0]))

/* One generated input; binary inputs may hold any byte, text inputs no NUL. */
typedef struct Input
{
	unsigned char bytes[MAX_INPUT + 1];
	int			len;
} Input;

#define MAX_FUNCTIONS 64

/* An aggregate support function, as the catalog describes it. */
typedef struct SupportFunction
{
	char		name[64];
	int			nargs;
	char		argtypes[8][64];
	char		returns[64];	/* its result type */
	char		send[64];		/* and that type's send function */
} SupportFunction;

typedef struct Batch
{
	PGconn	   *conn;
	const SummaryType *type;
	int			binary;			/* 0: text input, 1: binary receive,
								 * 2: support functions */
	SupportFunction functions[MAX_FUNCTIONS];
	int			n_functions;
	unsigned int oid;
	Input		seeds[MAX_SEEDS];
	int			n_seeds;
	uint64_t	rng;
	long		accepted;
	long		rejected;
	char		failure[8192];	/* empty while the batch passes */
} Batch;

/* splitmix64: small, fast, and the same sequence on every platform. */
static uint64_t
next_random(uint64_t *state)
{
	uint64_t	z = (*state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* A random integer in [0, n), or 0 when n is not positive. */
static int
below(Batch *b, int n)
{
	if (n <= 0)
		return 0;
	return (int) (next_random(&b->rng) % (uint64_t) n);
}

/* Replace len bytes at pos with the given bytes, within MAX_INPUT. */
static void
splice(Input *in, int pos, int len, const void *with, int with_len)
{
	int			tail;

	if (pos > in->len)
		pos = in->len;
	if (len > in->len - pos)
		len = in->len - pos;
	tail = in->len - pos - len;
	if (pos + with_len + tail > MAX_INPUT)
		return;
	memmove(in->bytes + pos + with_len, in->bytes + pos + len, tail);
	memcpy(in->bytes + pos, with, with_len);
	in->len = pos + with_len + tail;
}

/* Numbers that break parsers: limits, one past them, signs, floats, NaN. */
static const char *const text_tokens[] = {
	"0", "1", "-1", "-0", "+1", "00", "9223372036854775807",
	"9223372036854775808", "-9223372036854775808", "-9223372036854775809",
	"18446744073709551615", "99999999999999999999999999999999999999",
	"4611686018427387904", "2147483647", "2147483648", "4294967296",
	"NaN", "nan", "Infinity", "-Infinity", "inf", "1e308", "1e309", "-1e309",
	"4.9e-324", "1.5", ".5", "5.", "1e", "0x10", " ", "", ",", "=", "v", "v0",
	"v2", "v255", "v99999999999999999999", "\t", ",,", "counts=",
};

/* Find the start and length of a random run of digits; false if none. */
static int
find_number(Batch *b, const Input *in, int *start, int *len)
{
	int			starts[MAX_INPUT];
	int			n = 0;

	for (int i = 0; i < in->len; i++)
		if (isdigit(in->bytes[i]) && (i == 0 || !isdigit(in->bytes[i - 1])))
			starts[n++] = i;
	if (n == 0)
		return 0;
	*start = starts[below(b, n)];
	for (*len = 0; *start + *len < in->len && isdigit(in->bytes[*start + *len]);)
		(*len)++;
	return 1;
}

static void
mutate_text(Batch *b, Input *in)
{
	int			pos = in->len > 0 ? below(b, in->len + 1) : 0;
	int			start, len;
	const char *token;
	unsigned char c;

	switch (below(b, 7))
	{
		case 0:					/* delete a few bytes */
			splice(in, pos, pos < in->len ? below(b, in->len - pos) % 4 + 1 : 0, "", 0);
			break;
		case 1:					/* insert a byte, mostly a meaningful one */
			c = below(b, 2) ? (unsigned char) ",= -+.v0123456789eEnNaI\t"[below(b, 24)]
				: (unsigned char) (below(b, 255) + 1);
			splice(in, pos, 0, &c, 1);
			break;
		case 2:					/* flip a bit */
			if (in->len > 0)
				in->bytes[below(b, in->len)] ^= (unsigned char) (1 << below(b, 8));
			break;
		case 3:					/* truncate */
			in->len = pos;
			break;
		case 4:					/* replace a number with a hostile one */
		case 5:
			token = text_tokens[below(b, sizeof(text_tokens) / sizeof(text_tokens[0]))];
			if (find_number(b, in, &start, &len))
				splice(in, start, len, token, (int) strlen(token));
			else
				splice(in, pos, 0, token, (int) strlen(token));
			break;
		default:				/* splice in a piece of another seed */
			{
				const Input *other = &b->seeds[below(b, b->n_seeds)];
				int			from = below(b, other->len);

				splice(in, pos, below(b, 2) ? in->len - pos : 0,
					   other->bytes + from, other->len - from);
			}
			break;
	}
}

/* Write v big-endian into size bytes at pos, if they fit. */
static void
put_big_endian(Input *in, int pos, uint64_t v, int size)
{
	if (pos + size > in->len)
		return;
	for (int i = size - 1; i >= 0; i--, v >>= 8)
		in->bytes[pos + i] = (unsigned char) (v & 0xff);
}

/* 8-byte integers and doubles at and around the limits. */
static const uint64_t binary_words[] = {
	0, 1, 0x7fffffffffffffffULL, 0x8000000000000000ULL, 0xffffffffffffffffULL,
	0x4000000000000000ULL, 0x7ffffffffffffffeULL, 0x00000000ffffffffULL,
	0x7ff8000000000000ULL,		/* NaN */
	0x7ff0000000000000ULL,		/* +infinity */
	0xfff0000000000000ULL,		/* -infinity */
	0x3ff0000000000000ULL,		/* 1.0 */
	0x8000000000000000ULL,		/* -0.0 */
	0x0000000000000001ULL,		/* smallest subnormal */
	0x7fefffffffffffffULL,		/* largest double */
};

/* 4-byte lengths and counts: negative, huge, just past small sizes. */
static const uint32_t binary_ints[] = {
	0, 1, 2, 10, 11, 12, 255, 256, 65536, 0x7fffffff, 0x80000000, 0xffffffff,
};

static void
mutate_binary(Batch *b, Input *in)
{
	int			pos = in->len > 0 ? below(b, in->len) : 0;
	unsigned char c;

	switch (below(b, 8))
	{
		case 0:					/* delete a few bytes */
			if (in->len > 0)
				splice(in, pos, below(b, in->len - pos) % 8 + 1, "", 0);
			break;
		case 1:					/* insert a few random bytes */
			for (int i = below(b, 8) + 1; i > 0; i--)
			{
				c = (unsigned char) below(b, 256);
				splice(in, pos, 0, &c, 1);
			}
			break;
		case 2:					/* flip a bit */
			if (in->len > 0)
				in->bytes[pos] ^= (unsigned char) (1 << below(b, 8));
			break;
		case 3:					/* truncate */
			in->len = below(b, in->len + 1);
			break;
		case 4:					/* a hostile 8-byte word, often aligned */
			pos = below(b, 2) ? 1 + 8 * below(b, in->len / 8 + 1) : pos;
			put_big_endian(in, pos,
						   binary_words[below(b, sizeof(binary_words) / sizeof(binary_words[0]))], 8);
			break;
		case 5:					/* a hostile 4-byte length */
			put_big_endian(in, pos,
						   binary_ints[below(b, sizeof(binary_ints) / sizeof(binary_ints[0]))], 4);
			break;
		case 6:					/* a hostile byte, often the version */
			c = (unsigned char[]) {0, 1, 2, 0x7f, 0x80, 0xff}[below(b, 6)];
			in->bytes[below(b, 2) ? 0 : pos] = c;
			break;
		default:				/* append what another seed ends with */
			{
				const Input *other = &b->seeds[below(b, b->n_seeds)];
				int			from = below(b, other->len + 1);

				splice(in, in->len, 0, other->bytes + from, other->len - from);
			}
			break;
	}
}

/* Random bytes; for text, mostly printable so that the parser sees them. */
static void
random_input(Batch *b, Input *in)
{
	in->len = below(b, 4) == 0 ? below(b, 1024) : below(b, 64);
	for (int i = 0; i < in->len; i++)
		in->bytes[i] = (unsigned char) (b->binary || below(b, 8) == 0
										? below(b, 256) : 32 + below(b, 95));
}

/* Case i of the batch: the seeds first, then mutations and random bytes. */
static void
generate(Batch *b, long i, Input *in)
{
	if (i < b->n_seeds)
	{
		*in = b->seeds[i];
		return;
	}
	if (below(b, 8) == 0)
	{
		random_input(b, in);
		return;
	}
	*in = b->seeds[below(b, b->n_seeds)];
	for (int n = below(b, 4) + 1; n > 0; n--)
		(b->binary ? mutate_binary : mutate_text) (b, in);
}

/* Record why the batch failed, with the input in hex and as text. */
static void
fail(Batch *b, long i, const Input *in, const char *fmt,...)
{
	va_list		args;
	size_t		used;

	if (b->failure[0] != '\0')
		return;
	va_start(args, fmt);
	used = vsnprintf(b->failure, sizeof(b->failure) / 2, fmt, args);
	va_end(args);
	used += snprintf(b->failure + used, sizeof(b->failure) - used,
					 "\n# case %ld, input of %d bytes: \\x", i, in->len);
	for (int k = 0; k < in->len && used + 3 < sizeof(b->failure); k++)
		used += snprintf(b->failure + used, sizeof(b->failure) - used,
						 "%02x", in->bytes[k]);
}

/* A rejection is fine when it is a data exception (class 22). */
static int
check_error(Batch *b, long i, const Input *in, PGresult *res)
{
	const char *state = PQresultErrorField(res, PG_DIAG_SQLSTATE);

	if (PQstatus(b->conn) != CONNECTION_OK)
		fail(b, i, in, "the connection was lost: %s", PQerrorMessage(b->conn));
	else if (state == NULL || strncmp(state, "22", 2) != 0)
		fail(b, i, in, "SQLSTATE %s is not a data exception: %s",
			 state ? state : "(none)", PQresultErrorMessage(res));
	else
		return 1;
	return 0;
}

/*
 * Load one input.  The query returns the value (as text or in binary) and
 * whether its text output reads back as the same text.
 */
static PGresult *
load(Batch *b, const Input *in)
{
	const char *values[1] = {(const char *) in->bytes};
	int			lengths[1] = {in->len};
	int			formats[1] = {b->binary};

	return PQexecPrepared(b->conn, b->binary ? "load_binary" : "load_text",
						  1, values, lengths, formats, b->binary);
}

/* One case: accepted and round-trips, or rejected with a data exception. */
static void
run_case(Batch *b, long i, Input *in)
{
	PGresult   *res;

	in->bytes[in->len] = '\0';	/* text parameters end at the first NUL */
	if (!b->binary)
		in->len = (int) strlen((char *) in->bytes);
	res = load(b, in);
	if (PQresultStatus(res) != PGRES_TUPLES_OK)
	{
		if (check_error(b, i, in, res))
			b->rejected++;
		if (i < b->n_seeds)
			fail(b, i, in, "a seed value was rejected");
	}
	else if (PQgetvalue(res, 0, 1)[0] != (b->binary ? 1 : 't'))
		fail(b, i, in, "the text output does not read back: %s",
			 b->binary ? "(binary)" : PQgetvalue(res, 0, 0));
	else
	{
		Input		out;

		/* binary: the value's own send form must read back unchanged */
		out.len = PQgetlength(res, 0, 0);
		memcpy(out.bytes, PQgetvalue(res, 0, 0), out.len);
		if (b->binary && (out.len != in->len || memcmp(out.bytes, in->bytes, in->len) != 0))
		{
			PGresult   *again = load(b, &out);

			if (PQresultStatus(again) != PGRES_TUPLES_OK ||
				PQgetlength(again, 0, 0) != out.len ||
				memcmp(PQgetvalue(again, 0, 0), out.bytes, out.len) != 0)
				fail(b, i, in, "the value's binary form does not read back unchanged");
			PQclear(again);
		}
		b->accepted++;
	}
	PQclear(res);
}

/* Prepare the two statements and read the type's OID and binary seeds. */
static int
prepare(Batch *b)
{
	char		sql[512];
	PGresult   *res;

	snprintf(sql, sizeof(sql),
			 "SELECT v, v::text::%1$s::text = v::text FROM (SELECT $1::%1$s AS v) s",
			 b->type->name);
	res = PQexec(b->conn, "DEALLOCATE ALL");
	PQclear(res);
	res = PQprepare(b->conn, "load_text", sql, 1, NULL);
	if (PQresultStatus(res) != PGRES_COMMAND_OK)
	{
		snprintf(b->failure, sizeof(b->failure), "cannot prepare: %s",
				 PQresultErrorMessage(res));
		PQclear(res);
		return 0;
	}
	PQclear(res);
	res = PQexecParams(b->conn, "SELECT $1::regtype::oid", 1, NULL,
					   (const char *[]) {b->type->name}, NULL, NULL, 0);
	b->oid = (unsigned int) strtoul(PQgetvalue(res, 0, 0), NULL, 10);
	PQclear(res);
	res = PQprepare(b->conn, "load_binary", sql, 1, (const Oid[]) {b->oid});
	PQclear(res);

	/* the seeds in text; for binary, their send form */
	for (b->n_seeds = 0; b->type->seeds[b->n_seeds]; b->n_seeds++)
	{
		Input	   *seed = &b->seeds[b->n_seeds];
		const char *text = b->type->seeds[b->n_seeds];

		seed->len = (int) strlen(text);
		memcpy(seed->bytes, text, seed->len);
		if (!b->binary)
			continue;
		res = PQexecPrepared(b->conn, "load_text", 1, &text, NULL, NULL, 1);
		if (PQresultStatus(res) != PGRES_TUPLES_OK)
		{
			snprintf(b->failure, sizeof(b->failure), "seed %s is invalid: %s",
					 text, PQresultErrorMessage(res));
			PQclear(res);
			return 0;
		}
		seed->len = PQgetlength(res, 0, 0);
		memcpy(seed->bytes, PQgetvalue(res, 0, 0), seed->len);
		PQclear(res);
	}
	if (b->n_seeds == 0)
	{
		snprintf(b->failure, sizeof(b->failure), "%s lists no seed values",
				 b->type->name);
		return 0;
	}
	return 1;
}

/* ---------------------------------------------------------------------
 * Support functions
 * ---------------------------------------------------------------------
 */

static int
known_failure(const char *name)
{
	for (int i = 0; known_failures[i]; i++)
		if (strcmp(known_failures[i], name) == 0)
			return 1;
	return 0;
}

/*
 * Read the support functions of every aggregate of the extension whose state
 * is the batch's type, with their argument and result types.  Serial and
 * deserial functions, which take internal, are not SQL-callable: none is
 * read.
 */
static int
read_support_functions(Batch *b)
{
	PGresult   *res = PQexecParams(b->conn,
								   "SELECT DISTINCT p.proname, p.pronargs, "
								   "  array_to_string(ARRAY(SELECT format_type(t, NULL) "
								   "    FROM unnest(p.proargtypes) WITH ORDINALITY u(t, i) ORDER BY i), '/'), "
								   "  format_type(p.prorettype, NULL), r.typsend::regproc::text "
								   "FROM pg_aggregate a "
								   "JOIN pg_depend d ON d.classid = 'pg_proc'::regclass "
								   "  AND d.objid = a.aggfnoid AND d.deptype = 'e' "
								   "JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'scorecard' "
								   "CROSS JOIN LATERAL unnest(ARRAY[a.aggtransfn, a.aggcombinefn, "
								   "  a.aggmtransfn, a.aggminvtransfn, a.aggfinalfn, a.aggmfinalfn, "
								   "  a.aggserialfn, a.aggdeserialfn]::oid[]) f(fn) "
								   "JOIN pg_proc p ON p.oid = f.fn "
								   "JOIN pg_type r ON r.oid = p.prorettype "
								   "WHERE a.aggtranstype = $1::regtype "
								   "  AND NOT 'internal'::regtype = ANY (p.proargtypes) "
								   "ORDER BY 1, 2, 3",
								   1, NULL, (const char *[]) {b->type->name},
								   NULL, NULL, 0);

	if (PQresultStatus(res) != PGRES_TUPLES_OK)
	{
		snprintf(b->failure, sizeof(b->failure), "cannot read the support functions: %s",
				 PQresultErrorMessage(res));
		PQclear(res);
		return 0;
	}
	for (int row = 0; row < PQntuples(res) && b->n_functions < MAX_FUNCTIONS; row++)
	{
		SupportFunction *f = &b->functions[b->n_functions];
		char		types[512];
		char	   *next = types;

		if (known_failure(PQgetvalue(res, row, 0)))
		{
			printf("# %s: kept out as a known failure\n", PQgetvalue(res, row, 0));
			continue;
		}
		snprintf(f->name, sizeof(f->name), "%.63s", PQgetvalue(res, row, 0));
		f->nargs = (int) strtol(PQgetvalue(res, row, 1), NULL, 10);
		snprintf(types, sizeof(types), "%s", PQgetvalue(res, row, 2));
		for (int i = 0; i < f->nargs && i < 8; i++)
		{
			char	   *slash = strchr(next, '/');

			if (slash)
				*slash = '\0';
			snprintf(f->argtypes[i], sizeof(f->argtypes[i]), "%.63s", next);
			next = slash ? slash + 1 : next + strlen(next);
		}
		snprintf(f->returns, sizeof(f->returns), "%.63s", PQgetvalue(res, row, 3));
		snprintf(f->send, sizeof(f->send), "%.63s", PQgetvalue(res, row, 4));
		b->n_functions++;
	}
	PQclear(res);
	if (b->n_functions == 0)
		snprintf(b->failure, sizeof(b->failure), "%s has no support functions to call",
				 b->type->name);
	return b->n_functions > 0;
}

/* Counts that keep many mutated summaries valid, and reach the limits. */
static const char *const support_tokens[] = {
	"0", "0", "1", "1", "2", "3", "5", "7", "10", "20000000", "5000000",
	"9223372036854775806", "9223372036854775807", "4611686018427387904",
};

/* A summary argument: a seed, or one with a few numbers replaced. */
static void
fuzzed_summary(Batch *b, Input *in)
{
	*in = b->seeds[below(b, b->n_seeds)];
	for (int n = below(b, 4); n > 0; n--)
	{
		int			start,
					len;
		const char *token = support_tokens[below(b, sizeof(support_tokens) / sizeof(support_tokens[0]))];

		if (find_number(b, in, &start, &len))
			splice(in, start, len, token, (int) strlen(token));
	}
	in->bytes[in->len] = '\0';
}

/* A value of an argument type, or NULL if support_values[] has none. */
static const char *
argument_value(Batch *b, const char *type)
{
	for (size_t i = 0; i < sizeof(support_values) / sizeof(support_values[0]); i++)
		if (strcmp(support_values[i].type, type) == 0)
		{
			int			n = 0;

			while (support_values[i].values[n])
				n++;
			return support_values[i].values[below(b, n)];
		}
	return NULL;
}

/*
 * Does a returned value read back unchanged?  Its text through text input,
 * its send form through binary input (which must give the same send form).
 */
static const char *
reads_back(Batch *b, const SupportFunction *f, PGresult *res)
{
	char		sql[256];
	const char *text = PQgetvalue(res, 0, 0);
	const char *bytes = PQgetvalue(res, 0, 1);
	int			len = PQgetlength(res, 0, 1);
	int			format = 1;
	PGresult   *again;
	const char *problem = NULL;

	snprintf(sql, sizeof(sql), "SELECT $1::%s::text", f->returns);
	again = PQexecParams(b->conn, sql, 1, NULL, &text, NULL, NULL, 0);
	if (PQresultStatus(again) != PGRES_TUPLES_OK)
		problem = "its text is rejected by text input";
	else if (strcmp(PQgetvalue(again, 0, 0), text) != 0)
		problem = "its text reads back as another value";
	PQclear(again);
	if (problem)
		return problem;
	snprintf(sql, sizeof(sql), "SELECT %s($1::%s)", f->send, f->returns);
	again = PQexecParams(b->conn, sql, 1, NULL, &bytes, &len, &format, 1);
	if (PQresultStatus(again) != PGRES_TUPLES_OK)
		problem = "its binary form is rejected by binary input";
	else if (PQgetlength(again, 0, 0) != len ||
			 memcmp(PQgetvalue(again, 0, 0), bytes, len) != 0)
		problem = "its binary form reads back as another value";
	PQclear(again);
	return problem;
}

/*
 * One call of a random support function with random arguments, NULL one
 * time in eight.  The query returns the result's text and send form.
 */
static void
run_support_case(Batch *b, long i)
{
	const SupportFunction *f = &b->functions[below(b, b->n_functions)];
	static Input summaries[8];
	const char *values[8];
	char		sql[1024];
	int			used = 0;
	PGresult   *res;
	const char *problem = NULL;

	used += snprintf(sql + used, sizeof(sql) - used,
					 "SELECT r::text, %s(r) FROM (SELECT %s(", f->send, f->name);
	for (int k = 0; k < f->nargs; k++)
	{
		if (below(b, 8) == 0)
			values[k] = NULL;
		else if (strcmp(f->argtypes[k], b->type->name) == 0)
		{
			fuzzed_summary(b, &summaries[k]);
			values[k] = (const char *) summaries[k].bytes;
		}
		else if ((values[k] = argument_value(b, f->argtypes[k])) == NULL)
		{
			snprintf(b->failure, sizeof(b->failure),
					 "%s takes %s, which support_values[] does not list",
					 f->name, f->argtypes[k]);
			return;
		}
		used += snprintf(sql + used, sizeof(sql) - used, "%s$%d::%s",
						 k ? ", " : "", k + 1, f->argtypes[k]);
	}
	snprintf(sql + used, sizeof(sql) - used, ") AS r) s");
	res = PQexecParams(b->conn, sql, f->nargs, NULL, values, NULL, NULL, 1);
	if (PQresultStatus(res) != PGRES_TUPLES_OK)
	{
		const char *state = PQresultErrorField(res, PG_DIAG_SQLSTATE);

		if (PQstatus(b->conn) != CONNECTION_OK)
			problem = "the connection was lost";
		else if (state == NULL || strncmp(state, "22", 2) != 0)
			problem = "it raised an error that is not a data exception";
		else
			b->rejected++;
	}
	else if (PQgetisnull(res, 0, 0) || (problem = reads_back(b, f, res)) == NULL)
		b->accepted++;
	if (problem && b->failure[0] == '\0')
	{
		int			n = snprintf(b->failure, sizeof(b->failure),
								 "case %ld: %s(", i, f->name);

		for (int k = 0; k < f->nargs; k++)
			n += snprintf(b->failure + n, sizeof(b->failure) - n, "%s%s%s%s",
						  k ? ", " : "", values[k] ? "'" : "",
						  values[k] ? values[k] : "NULL", values[k] ? "'" : "");
		snprintf(b->failure + n, sizeof(b->failure) - n, "): %s: %s", problem,
				 PQresultStatus(res) == PGRES_TUPLES_OK ? PQgetvalue(res, 0, 0)
				 : PQresultErrorMessage(res));
	}
	PQclear(res);
}

/* The support-function mode's batch: seeds, functions, then the calls. */
static void
run_support_batch(Batch *b, long cases)
{
	PGresult   *res;

	for (b->n_seeds = 0; b->type->seeds[b->n_seeds]; b->n_seeds++)
	{
		Input	   *seed = &b->seeds[b->n_seeds];

		seed->len = (int) strlen(b->type->seeds[b->n_seeds]);
		memcpy(seed->bytes, b->type->seeds[b->n_seeds], seed->len);
	}
	res = PQexecParams(b->conn, "SELECT $1::regtype::oid", 1, NULL,
					   (const char *[]) {b->type->name}, NULL, NULL, 0);
	b->oid = (unsigned int) strtoul(PQgetvalue(res, 0, 0), NULL, 10);
	PQclear(res);
	if (!read_support_functions(b))
		return;
	for (long i = 0; i < cases && b->failure[0] == '\0'; i++)
		run_support_case(b, i);
}

/* Seed each batch from the run's seed, its type and its mode. */
static uint64_t
batch_seed(uint64_t seed, const char *name, int binary)
{
	uint64_t	h = seed * 31 + (uint64_t) binary;

	for (const char *c = name; *c; c++)
		h = h * 131 + (unsigned char) *c;
	return h;
}

/* Does the server still answer? */
static int
server_answers(PGconn *conn)
{
	PGresult   *res = PQexec(conn, "SELECT 1");
	int			ok = PQresultStatus(res) == PGRES_TUPLES_OK;

	PQclear(res);
	return ok;
}

int
main(int argc, char **argv)
{
	uint64_t	seed = 20260101;
	long		cases = 12000;
	int			test = 0;
	int			tests = 0;
	int			failed = 0;

	for (int i = 1; i + 1 < argc; i += 2)
	{
		if (strcmp(argv[i], "-s") == 0)
			seed = strtoull(argv[i + 1], NULL, 10);
		else if (strcmp(argv[i], "-n") == 0)
			cases = strtol(argv[i + 1], NULL, 10);
	}
	for (size_t t = 0; t < N_TYPES; t++)
		tests += summary_types[t].not_a_summary ? 2 : 3;
	printf("1..%d\n# fuzz seed %llu, %ld cases per type and mode\n",
		   tests, (unsigned long long) seed, cases);
	for (size_t t = 0; t < N_TYPES; t++)
		for (int mode = 0; mode <= (summary_types[t].not_a_summary ? 1 : 2); mode++)
		{
			static Batch b;
			static Input in;

			memset(&b, 0, sizeof(b));
			b.type = &summary_types[t];
			b.binary = mode;
			b.rng = batch_seed(seed, b.type->name, mode);
			b.conn = PQconnectdb("");
			if (PQstatus(b.conn) != CONNECTION_OK)
				snprintf(b.failure, sizeof(b.failure), "cannot connect: %s",
						 PQerrorMessage(b.conn));
			else if (mode == 2)
				run_support_batch(&b, cases);
			else if (prepare(&b))
				for (long i = 0; i < cases && b.failure[0] == '\0'; i++)
				{
					generate(&b, i, &in);
					run_case(&b, i, &in);
				}
			if (b.failure[0] == '\0' && !server_answers(b.conn))
				snprintf(b.failure, sizeof(b.failure), "the server stopped answering");
			failed |= b.failure[0] != '\0';
			if (mode == 2)
				printf("%s %d - %s support functions: %ld calls of %d functions, %ld returned NULL or a value that round-trips, %ld rejected with SQLSTATE class 22\n",
					   b.failure[0] ? "not ok" : "ok", ++test, b.type->name,
					   b.accepted + b.rejected, b.n_functions, b.accepted, b.rejected);
			else
				printf("%s %d - %s %s input: %ld cases, %ld accepted and round-trip, %ld rejected with SQLSTATE class 22\n",
					   b.failure[0] ? "not ok" : "ok", ++test, b.type->name,
					   mode ? "binary" : "text", b.accepted + b.rejected,
					   b.accepted, b.rejected);
			if (b.failure[0])
				printf("# %s\n# reproduce with: fuzz -s %llu -n %ld\n", b.failure,
					   (unsigned long long) seed, cases);
			PQfinish(b.conn);
		}
	return failed;
}
