/*
 * summary_io.c
 *		Text, binary and jsonb input/output shared by every summary type.
 *
 * The text format is a version tag followed by key=value fields, e.g.
 *
 *		v1 counts=0,1,0,0,2,0,1,3,5,9,12
 *
 * Output is canonical and exact, so text round-trips to the same bytes.
 * The binary format is a version byte followed by the fields in order, with
 * integers in network byte order.  Both readers check everything, since
 * their input may come from another server, a file or a user.
 */
#include "postgres.h"

#include <ctype.h>
#include <math.h>

#include "common/shortest_dec.h"
#include "libpq/pqformat.h"
#include "utils/fmgrprotos.h"
#include "utils/json.h"

#include "scorecard.h"

/*
 * Report a value that no data could have produced, such as a sum that does
 * not fit its counts: accepting it would give wrong figures.  code is
 * 22P02 (text input), 22P03 (binary input), XX001 (a corrupt stored value)
 * or 22023 (what a support function would build from its arguments); see
 * summary_error_code().
 */
void
summary_invalid(const char *type_name, int code, const char *detail)
{
	ereport(ERROR,
			(errcode(code),
			 code == ERRCODE_DATA_CORRUPTED ?
			 errmsg("corrupt %s value", type_name) :
			 errmsg("invalid %s value", type_name),
			 errdetail("%s", detail)));
}

/* ---------------------------------------------------------------------
 * Text input
 *
 * Key=value fields after a version tag.  Counts are non-negative decimal
 * integers that fit in 64 bits, sums in 128 bits.
 * ---------------------------------------------------------------------
 */

/* "version 1", or "versions 1 to N": what an input function reads. */
static const char *
versions_read(int newest)
{
	return newest == 1 ? "version 1" : psprintf("versions 1 to %d", newest);
}

/* Report malformed text: what was expected, and where. */
pg_noreturn static void
parse_error(SummaryParser *p, const char *expected)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type %s: \"%s\"",
					p->type_name, p->input),
			 errdetail("Expected %s at character %d.",
					   expected, (int) (p->pos - p->input) + 1)));
}

static void
skip_spaces(SummaryParser *p)
{
	while (isspace((unsigned char) *p->pos))
		p->pos++;
}

/*
 * Start reading a type whose text form has had several versions: the
 * version tag must come first and be one from 1 to newest.  Returns it.
 */
int
parser_begin_versions(SummaryParser *p, const char *type_name,
					  const char *input, int newest)
{
	long		version = 0;

	p->type_name = type_name;
	p->input = input;
	p->pos = input;
	skip_spaces(p);
	if (*p->pos != 'v' || !isdigit((unsigned char) p->pos[1]))
		parse_error(p, "a format version such as \"v1\"");
	/* any number of digits, saturating: all but a few are unsupported */
	for (p->pos++; isdigit((unsigned char) *p->pos); p->pos++)
		version = Min(version * 10 + (*p->pos - '0'), 1000000L);
	if (version < 1 || version > newest)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type %s: \"%s\"",
						type_name, input),
				 errdetail("Format version %ld is not supported; this version of scorecard reads %s.",
						   version, versions_read(newest))));
	return (int) version;
}

/* Start reading a type whose text form has one version. */
void
parser_begin(SummaryParser *p, const char *type_name, const char *input)
{
	(void) parser_begin_versions(p, type_name, input, SUMMARY_FORMAT_VERSION);
}

/* Expect white space, then "key=". */
void
parser_key(SummaryParser *p, const char *key)
{
	size_t		len = strlen(key);
	char		expected[64];

	snprintf(expected, sizeof(expected), "\" %s=\"", key);
	if (!isspace((unsigned char) *p->pos))
		parse_error(p, expected);
	skip_spaces(p);
	if (strncmp(p->pos, key, len) != 0 || p->pos[len] != '=')
		parse_error(p, expected);
	p->pos += len + 1;
}

/*
 * Read a decimal integer from 0 to max into *value.  Anything but digits,
 * after an optional minus sign, is a syntax error.  Returns false for a
 * number out of range (negative, or above max): the caller reports it as an
 * out-of-range value (22003) in its own words.
 */
bool
parser_integer(SummaryParser *p, int128 max, int128 *value)
{
	const char *start = p->pos;
	bool		negative = false;
	bool		overflow = false;

	*value = 0;
	if (*p->pos == '-')
	{
		negative = true;
		p->pos++;
	}
	if (!isdigit((unsigned char) *p->pos))
	{
		p->pos = start;
		parse_error(p, "a non-negative integer");
	}
	for (; isdigit((unsigned char) *p->pos); p->pos++)
	{
		int			digit = *p->pos - '0';

		if (*value > (max - digit) / 10)
			overflow = true;
		else
			*value = *value * 10 + digit;
	}
	return !overflow && !(negative && *value != 0);
}

/* Read a count: a non-negative integer that fits in 64 bits. */
int64
parser_count(SummaryParser *p)
{
	const char *start = p->pos;
	int128		value;

	if (!parser_integer(p, PG_INT64_MAX, &value))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("count %.*s is out of range for type %s",
						(int) Min(p->pos - start, 40), start, p->type_name),
				 errdetail("Counts must be between 0 and %lld.",
						   (long long) PG_INT64_MAX)));
	return (int64) value;
}

/* Read a non-negative integer that fits in 128 bits; 22003 beyond that. */
int128
parser_sum(SummaryParser *p)
{
	const char *start = p->pos;
	int128		value;

	if (!parser_integer(p, INT128_MAX_VALUE, &value))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("sum %.*s is out of range for type %s",
						(int) Min(p->pos - start, 60), start, p->type_name),
				 errdetail("Sums must be between 0 and 2^127 - 1.")));
	return value;
}

/*
 * Before item i of a list of n items (counts, sums): the comma that
 * separates it from the one before, unless it is the first.
 */
static void
parser_list_comma(SummaryParser *p, int i, int n, const char *items)
{
	if (i == 0)
		return;
	if (*p->pos != ',')
	{
		char		expected[64];

		snprintf(expected, sizeof(expected), "\",\" and %d more %s",
				 n - i, items);
		parse_error(p, expected);
	}
	p->pos++;
}

/* Report a list that goes on after its n items. */
pg_noreturn static void
parser_list_too_long(SummaryParser *p, int n, const char *items)
{
	char		expected[64];

	snprintf(expected, sizeof(expected), "exactly %d %s", n, items);
	parse_error(p, expected);
}

/* Read exactly n comma-separated counts. */
void
parser_counts(SummaryParser *p, int64 *counts, int n)
{
	for (int i = 0; i < n; i++)
	{
		parser_list_comma(p, i, n, "counts");
		counts[i] = parser_count(p);
	}
	if (*p->pos == ',')
		parser_list_too_long(p, n, "counts");
}

/* Read exactly n comma-separated sums (none at all when n is 0). */
void
parser_sums(SummaryParser *p, int128 *sums, int n)
{
	for (int i = 0; i < n; i++)
	{
		parser_list_comma(p, i, n, "sums");
		sums[i] = parser_sum(p);
	}
	if (n == 0 ? !isspace((unsigned char) *p->pos) && *p->pos != '\0'
		: *p->pos == ',')
		parser_list_too_long(p, n, "sums");
}

/* Read one of n words; return its index. */
int
parser_choice(SummaryParser *p, const char *const *words, int n)
{
	StringInfoData expected;

	for (int i = 0; i < n; i++)
	{
		size_t		len = strlen(words[i]);

		if (strncmp(p->pos, words[i], len) == 0 &&
			!isalnum((unsigned char) p->pos[len]))
		{
			p->pos += len;
			return i;
		}
	}
	initStringInfo(&expected);
	for (int i = 0; i < n; i++)
		appendStringInfo(&expected, "%s\"%s\"",
						 i == 0 ? "" : (i == n - 1 ? " or " : ", "), words[i]);
	parse_error(p, expected.data);
}

/* Only trailing white space may follow the last field. */
void
parser_end(SummaryParser *p)
{
	skip_spaces(p);
	if (*p->pos != '\0')
		parse_error(p, "end of input");
}

/* ---------------------------------------------------------------------
 * Text output
 * ---------------------------------------------------------------------
 */

void
format_begin(StringInfo out)
{
	initStringInfo(out);
	appendStringInfo(out, "v%d", SUMMARY_FORMAT_VERSION);
}

/* Append a non-negative int128 in decimal. */
void
append_int128(StringInfo out, int128 value)
{
	char		digits[48];
	int			len = 0;

	Assert(value >= 0);
	do
	{
		digits[len++] = (char) ('0' + value % 10);
		value /= 10;
	} while (value > 0);
	while (len > 0)
		appendStringInfoChar(out, digits[--len]);
}

void
format_counts(StringInfo out, const char *key, const int64 *counts, int n)
{
	appendStringInfo(out, " %s=", key);
	for (int i = 0; i < n; i++)
		appendStringInfo(out, "%s%lld", i == 0 ? "" : ",", (long long) counts[i]);
}

/* " key=value", for any non-negative integer up to 128 bits. */
void
format_int128(StringInfo out, const char *key, int128 value)
{
	appendStringInfo(out, " %s=", key);
	append_int128(out, value);
}

void
format_sums(StringInfo out, const char *key, const int128 *sums, int n)
{
	appendStringInfo(out, " %s=", key);
	for (int i = 0; i < n; i++)
	{
		if (i > 0)
			appendStringInfoChar(out, ',');
		append_int128(out, sums[i]);
	}
}

/* ---------------------------------------------------------------------
 * Binary input
 *
 * A version byte, then the fields in order, in network byte order: a count
 * in 8 bytes, a sum in 16 (the high, then the low 64 bits).
 * ---------------------------------------------------------------------
 */

/*
 * Binary input errors are data exceptions (22P03), not the protocol errors
 * pqformat.c would raise, because the bytes may come from a file or a user.
 */
static void
recv_need(StringInfo buf, int bytes, const char *type_name)
{
	if (buf->len - buf->cursor < bytes)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary %s value", type_name),
				 errdetail("The value ends %d bytes early.",
						   bytes - (buf->len - buf->cursor))));
}

int
recv_byte(StringInfo buf, const char *type_name)
{
	recv_need(buf, 1, type_name);
	return pq_getmsgbyte(buf);
}

/* The version byte of a type whose binary form has had versions 1 to newest. */
int
recv_versions(StringInfo buf, const char *type_name, int newest)
{
	int			version = recv_byte(buf, type_name);

	if (version < 1 || version > newest)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary %s value", type_name),
				 errdetail("Format version %d is not supported; this version of scorecard reads %s.",
						   version, versions_read(newest))));
	return version;
}

void
recv_version(StringInfo buf, const char *type_name)
{
	(void) recv_versions(buf, type_name, SUMMARY_FORMAT_VERSION);
}

int64
recv_count(StringInfo buf, const char *type_name)
{
	int64		value;

	recv_need(buf, 8, type_name);
	value = pq_getmsgint64(buf);
	if (value < 0)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("count %lld is out of range for type %s",
						(long long) value, type_name),
				 errdetail("Counts must be between 0 and %lld.",
						   (long long) PG_INT64_MAX)));
	return value;
}

void
recv_counts(StringInfo buf, int64 *counts, int n, const char *type_name)
{
	for (int i = 0; i < n; i++)
		counts[i] = recv_count(buf, type_name);
}

/* Any 32-bit integer; the caller checks its range. */
int32
recv_int32(StringInfo buf, const char *type_name)
{
	recv_need(buf, 4, type_name);
	return (int32) pq_getmsgint(buf, 4);
}

/* Any 64-bit integer (e.g. the low half of a 128-bit sum). */
int64
recv_int64(StringInfo buf, const char *type_name)
{
	recv_need(buf, 8, type_name);
	return pq_getmsgint64(buf);
}

void
recv_sums(StringInfo buf, int128 *sums, int n, const char *type_name)
{
	for (int i = 0; i < n; i++)
	{
		int64		high;
		uint64		low;

		recv_need(buf, 16, type_name);
		high = pq_getmsgint64(buf);
		low = (uint64) pq_getmsgint64(buf);
		if (high < 0)
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("negative sum in binary %s value", type_name),
					 errdetail("Sums must be between 0 and 2^127 - 1.")));
		sums[i] = (int128) (((uint128) high << 64) | low);
	}
}

void
recv_end(StringInfo buf, const char *type_name)
{
	if (buf->cursor != buf->len)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary %s value", type_name),
				 errdetail("%d unexpected bytes follow the value.",
						   buf->len - buf->cursor)));
}

/* ---------------------------------------------------------------------
 * Binary output
 * ---------------------------------------------------------------------
 */

void
send_begin(StringInfo buf)
{
	pq_begintypsend(buf);
	pq_sendbyte(buf, SUMMARY_FORMAT_VERSION);
}

void
send_counts(StringInfo buf, const int64 *counts, int n)
{
	for (int i = 0; i < n; i++)
		pq_sendint64(buf, counts[i]);
}

void
send_sums(StringInfo buf, const int128 *sums, int n)
{
	for (int i = 0; i < n; i++)
	{
		pq_sendint64(buf, (int64) (sums[i] >> 64));
		pq_sendint64(buf, (int64) (uint64) sums[i]);
	}
}

/* ---------------------------------------------------------------------
 * jsonb output
 * ---------------------------------------------------------------------
 */

void
json_begin(StringInfo out)
{
	initStringInfo(out);
	appendStringInfoChar(out, '{');
}

/* Start a member: a comma unless it is the first, then the quoted key. */
static void
json_key(StringInfo out, const char *key)
{
	if (out->len > 1)
		appendStringInfoString(out, ", ");
	appendStringInfo(out, "\"%s\": ", key);
}

void
json_int64(StringInfo out, const char *key, int64 value)
{
	json_key(out, key);
	appendStringInfo(out, "%lld", (long long) value);
}

void
json_string(StringInfo out, const char *key, const char *value)
{
	json_key(out, key);
	escape_json(out, value);
}

void
json_bool(StringInfo out, const char *key, bool value)
{
	json_key(out, key);
	appendStringInfoString(out, value ? "true" : "false");
}

/* A figure, or null when it is undefined (no responses). */
void
json_double(StringInfo out, const char *key, double value, bool isnull)
{
	json_key(out, key);
	if (isnull || isnan(value) || isinf(value))
		appendStringInfoString(out, "null");
	else
	{
		char		digits[DOUBLE_SHORTEST_DECIMAL_LEN];

		double_to_shortest_decimal_buf(value, digits);
		appendStringInfoString(out, digits);
	}
}

void
json_int64_array(StringInfo out, const char *key, const int64 *values, int n)
{
	json_key(out, key);
	appendStringInfoChar(out, '[');
	for (int i = 0; i < n; i++)
		appendStringInfo(out, "%s%lld", i == 0 ? "" : ", ", (long long) values[i]);
	appendStringInfoChar(out, ']');
}

/* An array of figures, with null for those that are undefined. */
void
json_double_array(StringInfo out, const char *key, const double *values,
				  const bool *isnull, int n)
{
	char		digits[DOUBLE_SHORTEST_DECIMAL_LEN];

	json_key(out, key);
	appendStringInfoChar(out, '[');
	for (int i = 0; i < n; i++)
	{
		if (i > 0)
			appendStringInfoString(out, ", ");
		if (isnull[i] || isnan(values[i]) || isinf(values[i]))
			appendStringInfoString(out, "null");
		else
		{
			double_to_shortest_decimal_buf(values[i], digits);
			appendStringInfoString(out, digits);
		}
	}
	appendStringInfoChar(out, ']');
}

Datum
json_finish(StringInfo out)
{
	appendStringInfoChar(out, '}');
	return DirectFunctionCall1(jsonb_in, CStringGetDatum(out->data));
}
