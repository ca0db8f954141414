-- rate_summary: fcr_rate and rate_agg figures, intervals, text form, jsonb,
-- NULLs and errors.  Expected figures were worked out by hand.
SET extra_float_digits = 0;

CREATE TABLE contacts (team text, resolved boolean);
INSERT INTO contacts VALUES
	-- a: 3 of 4 resolved, one unknown: 75%
	('a', true), ('a', true), ('a', false), ('a', true), ('a', NULL),
	-- b: all resolved: 100%
	('b', true), ('b', true),
	-- c: none resolved: 0%
	('c', false),
	-- d: nothing known: NULL
	('d', NULL);

CREATE TABLE fcr_by_team AS
	SELECT team, fcr_rate(resolved) AS s FROM contacts GROUP BY team;

SELECT team, percent(s), successes(s), responses(s) FROM fcr_by_team ORDER BY team;

-- Wilson 95% interval, z = 1.959964, z^2 = 3.841459:
--   a: 3 of 4: centre (0.75 + z^2/8)/(1 + z^2/4) = 0.627527, half-width
--      z*sqrt(0.1875/4 + z^2/64)/(1 + z^2/4) = 0.326885 -> [30.0642, 95.4413]
--   b: 2 of 2: [2/(2 + z^2), 1] = [34.2380, 100]
--   c: 0 of 1: [0, z^2/(1 + z^2)] = [0, 79.3451]
SELECT team, round(lower_bound(s)::numeric, 4) AS low,
	   round(upper_bound(s)::numeric, 4) AS high,
	   round(lower_bound(s, 0.5)::numeric, 4) AS low50,
	   round(upper_bound(s, 0.5)::numeric, 4) AS high50
FROM fcr_by_team ORDER BY team;

-- status against a target percent (higher is better):
--   a [30.0642, 95.4413]: 30 -> green, 50 -> amber, 96 -> red
--   b [34.2380, 100]: 100 -> amber; c [0, 79.3451]: 80 -> red
SELECT team, status(s, 30) AS t30, status(s, 50) AS t50, status(s, 80) AS t80,
	   status(s, 96) AS t96, status(s, 100) AS t100
FROM fcr_by_team ORDER BY team;
SELECT status(s, -5) FROM fcr_by_team WHERE team = 'a';

-- rate_agg is the same aggregate for any other proportion
SELECT rate_agg(abandoned) = fcr_rate(abandoned) AS same, percent(rate_agg(abandoned))
FROM (VALUES (true), (false), (false), (false), (false)) v(abandoned);

-- NULL summaries give NULL; an aggregate over no rows gives NULL
SELECT percent(NULL::rate_summary), successes(NULL::rate_summary);
SELECT fcr_rate(resolved) IS NULL AS no_rows FROM contacts WHERE false;

-- text form: version, then the counts of true and of false; it round-trips
SELECT team, s::text FROM fcr_by_team ORDER BY team;
SELECT bool_and(s::text::rate_summary = s) AS round_trips FROM fcr_by_team;
SELECT ' v1  true=1   false=2 '::rate_summary AS spaces_allowed;

-- an empty summary is a valid value whose figures are NULL
SELECT percent(e), successes(e), responses(e), lower_bound(e), upper_bound(e)
FROM (SELECT 'v1 true=0 false=0'::rate_summary AS e) x;

-- jsonb carries every figure and count
SELECT s::jsonb FROM fcr_by_team WHERE team = 'a';
SELECT 'v1 true=0 false=0'::rate_summary::jsonb;

-- rollup adds the counts
SELECT rollup(s) FROM fcr_by_team;

-- errors: malformed text (22P02) and bad counts (22003)
SELECT 'v1 false=1 true=2'::rate_summary;
SELECT 'v1 true=1'::rate_summary;
SELECT 'v1 true=1 false=2 extra=3'::rate_summary;
SELECT 'v1 true=-1 false=2'::rate_summary;
SELECT 'v1 true=9223372036854775807 false=1'::rate_summary;
SELECT rollup(s) FROM (VALUES ('v1 true=9223372036854775807 false=0'::rate_summary),
							  ('v1 true=1 false=0'::rate_summary)) v(s);

-- errors: confidence outside (0, 1) (22023)
SELECT lower_bound(s, -0.5) FROM fcr_by_team WHERE team = 'a';

DROP TABLE fcr_by_team, contacts;
