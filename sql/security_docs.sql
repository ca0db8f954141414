-- The examples of docs/security.md ("Errors"), as the page shows them.
-- test/scripts/docs.py runs the page itself; this file keeps the worked
-- SQLSTATEs under pg_regress on every major.  Each error is worked out from
-- the rule the page states: which field or check fails, and its SQLSTATE.

-- Malformed text: the field after true= is missing: 22P02.
SELECT 'v1 true=3'::rate_summary;
\echo :LAST_ERROR_SQLSTATE

-- A field out of range: a count of 2^63: 22003.
SELECT 'v1 true=9223372036854775808 false=0'::rate_summary;
\echo :LAST_ERROR_SQLSTATE

-- Well formed, but no data gives it: two late answers (each more than the
-- 20 s target) cannot have waited 40 s in all: 22P02.
SELECT 'v1 target_us=20000000 short_abandon_us=5000000 answered=0,2 abandoned=0,0 answered_wait_us=40000000'::queue_summary;
\echo :LAST_ERROR_SQLSTATE

-- A support function asked to take out what the summary does not hold:
-- 22023; with no summary at all: 22004.
SELECT rate_agg_inverse('v1 true=0 false=0', true);
\echo :LAST_ERROR_SQLSTATE
SELECT rate_agg_inverse(NULL, true);
\echo :LAST_ERROR_SQLSTATE

-- status() checks its target first, even for a summary with no answers
-- (as a moving window leaves), whose status is otherwise NULL: 120 is not
-- a percent: 22003.
SELECT status('v1 true=0 false=0'::rate_summary, 120);
\echo :LAST_ERROR_SQLSTATE
SELECT status('v1 true=0 false=0'::rate_summary, 80) IS NULL AS no_status;
