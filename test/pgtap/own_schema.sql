-- scorecard installed into a schema of its own, outside search_path, for a
-- database that already has functions named mean, score, status and
-- difference: every aggregate, rollup, moving window, cast, operator class
-- and the materialized-view recipe work called schema-qualified, and the
-- user's own functions keep answering.  Figures are checked against plain
-- SQL over the same rows.
BEGIN;
SELECT plan(27);

DROP EXTENSION scorecard;
CREATE SCHEMA scorecard;
CREATE EXTENSION scorecard SCHEMA scorecard;
SET LOCAL search_path = public;

-- The user's own functions, of the names scorecard also uses.
CREATE FUNCTION public.mean(double precision[]) RETURNS double precision
	LANGUAGE sql IMMUTABLE AS $$ SELECT avg(x) FROM unnest($1) x $$;
CREATE FUNCTION public.score(integer) RETURNS integer
	LANGUAGE sql IMMUTABLE AS $$ SELECT $1 * 10 $$;
CREATE FUNCTION public.status(text) RETURNS text
	LANGUAGE sql IMMUTABLE AS $$ SELECT 'user status ' || $1 $$;
CREATE FUNCTION public.difference(integer, integer) RETURNS integer
	LANGUAGE sql IMMUTABLE AS $$ SELECT $1 - $2 $$;

SELECT is((SELECT extnamespace::regnamespace::text FROM pg_extension WHERE extname = 'scorecard'),
		  'scorecard', 'scorecard lives in schema scorecard');
SELECT is((SELECT count(*) FROM pg_proc WHERE proname IN ('nps_agg', 'mean', 'rollup')
		   AND pronamespace = 'public'::regnamespace AND proname <> 'mean'), 0::bigint,
		  'and nothing of it is in public');
SELECT is(mean(ARRAY[1, 2, 6]::float8[]) || ' ' || score(4) || ' ' || status('x') || ' '
		  || difference(5, 2), '3 40 user status x 3', 'the user''s mean, score, status and difference answer');

CREATE TABLE calls (agent int, day date, nps_score int, rating int, resolved boolean,
					handle_seconds float8, wait interval, answered boolean, points float8[]);
INSERT INTO calls
	SELECT g % 4, date '2026-03-01' + g % 5,
		   CASE WHEN g % 6 = 0 THEN NULL ELSE g % 11 END,
		   1 + g % 5, g % 3 > 0, (g * 17 % 900)::float8,
		   make_interval(secs => g % 50), g % 4 > 0,
		   ARRAY[(g % 3) / 2.0, (g % 5) / 4.0]::float8[]
	FROM generate_series(1, 600) g;

-- Every aggregate, schema-qualified, against plain SQL.
SELECT is((SELECT scorecard.nps(scorecard.nps_agg(nps_score)) FROM calls),
		  (SELECT 100.0::float8 * (count(*) FILTER (WHERE nps_score >= 9)
								   - count(*) FILTER (WHERE nps_score <= 6)) / count(nps_score)
		   FROM calls), 'scorecard.nps_agg and scorecard.nps');
SELECT is((SELECT round(scorecard.csat(scorecard.csat_agg(rating))::numeric, 9) || ' '
				  || round(scorecard.csat(scorecard.csat_agg(rating + 5, 10), 8)::numeric, 9) FROM calls),
		  (SELECT round(100.0 * count(*) FILTER (WHERE rating >= 4) / count(*), 9) || ' '
				  || round(100.0 * count(*) FILTER (WHERE rating + 5 >= 8) / count(*), 9) FROM calls),
		  'scorecard.csat_agg of 5 and of 10 points');
SELECT is((SELECT round(scorecard.ces(scorecard.ces_agg(rating))::numeric, 9) || ' '
				  || round(scorecard.ces(scorecard.ces_agg(rating, 5))::numeric, 9) FROM calls),
		  (SELECT round(avg(rating), 9) || ' ' || round(avg(rating), 9) FROM calls),
		  'scorecard.ces_agg of 7 and of 5 points');
SELECT is((SELECT round(scorecard.percent(scorecard.fcr_rate(resolved))::numeric, 9) || ' '
				  || round(scorecard.percent(scorecard.rate_agg(answered))::numeric, 9) FROM calls),
		  (SELECT round(100.0 * count(*) FILTER (WHERE resolved) / count(*), 9) || ' '
				  || round(100.0 * count(*) FILTER (WHERE answered) / count(*), 9) FROM calls),
		  'scorecard.fcr_rate and scorecard.rate_agg');
SELECT ok((SELECT abs(scorecard.score(scorecard.weighted_rubric(points, '{1,3}')) - avg(100 * (points[1] + 3 * points[2]) / 4))
				  + abs(scorecard.score(scorecard.weighted_rubric(points, '{1,3}', '{2,2}')) - avg(100 * (points[1] + 3 * points[2]) / 8))
				  + abs(scorecard.score(scorecard.weighted_rubric(points, '{1,3}', '{1,1}', '{f,f}')) - avg(100 * (points[1] + 3 * points[2]) / 4))
				  < 1e-6 FROM calls),
		  'scorecard.weighted_rubric of 2, 3 and 4 arguments');
SELECT ok((SELECT abs(scorecard.mean(scorecard.aht_agg(handle_seconds)) - avg(handle_seconds)) < 1e-9
				  AND abs(scorecard.mean(scorecard.aht_agg(make_interval(secs => handle_seconds))) - avg(handle_seconds)) < 1e-9
		   FROM calls), 'scorecard.aht_agg of seconds and of intervals');
SELECT is((SELECT scorecard.answered(scorecard.queue_agg(wait, answered)) || ' '
				  || scorecard.short_abandoned(scorecard.queue_agg(extract(epoch FROM wait)::float8, answered, 20, 5)) || ' '
				  || round(scorecard.service_level(scorecard.queue_agg(wait, answered, interval '30 s',
																	   interval '5 s'))::numeric, 9)
		   FROM calls),
		  (SELECT count(*) FILTER (WHERE answered) || ' '
				  || count(*) FILTER (WHERE NOT answered AND wait < interval '5 s') || ' '
				  || round(100.0 * count(*) FILTER (WHERE answered AND wait <= interval '30 s')
						   / count(*) FILTER (WHERE answered OR wait >= interval '5 s'), 9)
		   FROM calls), 'scorecard.queue_agg of intervals and of seconds');

-- The recipe of demo/2_summaries.sql: daily summaries in a materialized
-- view, refreshed concurrently, rolled up in a reporting view.
CREATE MATERIALIZED VIEW agent_daily AS
	SELECT agent, day, count(*) AS interactions,
		   scorecard.nps_agg(nps_score) AS nps, scorecard.csat_agg(rating) AS csat,
		   scorecard.fcr_rate(resolved) AS fcr, scorecard.aht_agg(handle_seconds) AS aht,
		   scorecard.weighted_rubric(points, '{1,3}') AS qa,
		   scorecard.queue_agg(wait, answered) AS queue
	FROM calls GROUP BY agent, day;
CREATE UNIQUE INDEX ON agent_daily (agent, day);
INSERT INTO calls (agent, day, nps_score, rating, resolved, handle_seconds, wait, answered, points)
	VALUES (0, date '2026-03-01', 10, 5, true, 60, interval '3 s', true, '{1,1}');
REFRESH MATERIALIZED VIEW CONCURRENTLY agent_daily;
CREATE VIEW agent_report AS
	SELECT agent, scorecard.responses(nps) AS nps_responses, scorecard.nps(nps) AS nps,
		   scorecard.lower_bound(nps) AS nps_low, scorecard.status(nps, 0) AS nps_status,
		   scorecard.csat(csat) AS csat, scorecard.percent(fcr) AS fcr,
		   scorecard.percentile(aht, 0.5) AS aht_median, scorecard.score(qa) AS qa,
		   scorecard.offered(queue) AS offered, nps AS nps_summary
	FROM (SELECT agent, scorecard.rollup(nps) AS nps, scorecard.rollup(csat) AS csat,
				 scorecard.rollup(fcr) AS fcr, scorecard.rollup(aht) AS aht,
				 scorecard.rollup(qa) AS qa, scorecard.rollup(queue) AS queue
		  FROM agent_daily GROUP BY agent) r;
SELECT is((SELECT string_agg(agent || ':' || nps_responses || ':' || round(nps::numeric, 6), ' ' ORDER BY agent)
		   FROM agent_report),
		  (SELECT string_agg(agent || ':' || n || ':' || round(100.0 * (p - d) / n, 6), ' ' ORDER BY agent)
		   FROM (SELECT agent, count(nps_score) AS n, count(*) FILTER (WHERE nps_score >= 9) AS p,
						count(*) FILTER (WHERE nps_score <= 6) AS d FROM calls GROUP BY agent) c),
		  'the materialized view, refreshed concurrently, rolls up to the NPS of all rows');
SELECT is((SELECT count(*) FROM (SELECT DISTINCT * FROM agent_report) d), 4::bigint,
		  'SELECT DISTINCT * over the reporting view, summary column and all');
SELECT is((SELECT string_agg(concat_ws(':', agent, offered, round(fcr::numeric, 9), round(csat::numeric, 9),
									 aht_median >= 0, round(qa::numeric, 6)), ' ' ORDER BY agent)
		   FROM agent_report),
		  (SELECT string_agg(line, ' ' ORDER BY agent) FROM (
			   SELECT agent, concat_ws(':', agent, count(*),
									   round(100.0 * count(*) FILTER (WHERE resolved) / count(*), 9),
									   round(100.0 * count(*) FILTER (WHERE rating >= 4) / count(*), 9), true,
									   round(avg(100 * (points[1] + 3 * points[2]) / 4)::numeric, 6)) AS line
			   FROM calls GROUP BY agent) c),
		  'rollups of the other types in the reporting view equal plain SQL');

-- Moving windows, against count() over the same frames.
SELECT is((SELECT count(*) FROM (
			   SELECT scorecard.responses(scorecard.nps_agg(nps_score) OVER w) AS r,
					  count(nps_score) OVER w AS n,
					  scorecard.successes(scorecard.fcr_rate(resolved) OVER w) AS s,
					  count(*) FILTER (WHERE resolved) OVER w AS t
			   FROM calls WINDOW w AS (ORDER BY day, agent, handle_seconds
									   ROWS BETWEEN 6 PRECEDING AND CURRENT ROW)) f
		   WHERE (r, s) IS DISTINCT FROM (n, t)), 0::bigint,
		  'moving windows of scorecard.nps_agg and scorecard.fcr_rate equal count() over the frames');

-- Casts and text forms, with the types schema-qualified.
SELECT is((SELECT (scorecard.nps_agg(nps_score)::jsonb ->> 'responses')::bigint FROM calls),
		  (SELECT count(nps_score) FROM calls), 'the jsonb cast works outside search_path');
SELECT is(scorecard.responses('v1 counts=1,0,0,0,0,0,0,0,0,2,0'::scorecard.nps_summary), 3::bigint,
		  'text input of scorecard.nps_summary');
SELECT is(('v1 counts=1,0,0,0,0,0,0,0,0,2,0'::scorecard.nps_summary)::text,
		  'v1 counts=1,0,0,0,0,0,0,0,0,2,0', 'and text output');

-- Operator classes: DISTINCT, GROUP BY, ORDER BY find them by type, not by
-- name; = between summaries is OPERATOR(scorecard.=).
SELECT is((SELECT count(DISTINCT nps) FROM agent_daily),
		  (SELECT count(DISTINCT nps::text) FROM agent_daily), 'count(DISTINCT) of a summary column');
SELECT is((SELECT count(*) FROM (SELECT qa FROM agent_daily GROUP BY qa) g),
		  (SELECT count(DISTINCT qa::text) FROM agent_daily), 'GROUP BY a summary column');
SELECT is((SELECT count(*) FILTER (WHERE previous OPERATOR(scorecard.<=) queue) || ' of ' || count(previous)
		   FROM (SELECT queue, lag(queue) OVER (ORDER BY queue) AS previous FROM agent_daily) o),
		  '19 of 19', 'ORDER BY a summary column: each row at or after the one before');
SELECT is((SELECT count(*) FROM agent_daily a JOIN agent_daily b ON a.csat OPERATOR(scorecard.=) b.csat),
		  (SELECT count(*) FROM agent_daily a JOIN agent_daily b ON a.csat::text = b.csat::text),
		  'a join on OPERATOR(scorecard.=)');
SELECT throws_ok($$SELECT count(*) FROM agent_daily a JOIN agent_daily b ON a.csat = b.csat$$,
				 '42883', NULL, 'a bare = between summaries needs scorecard on search_path');

-- With scorecard on search_path after public, unqualified calls reach it,
-- and the user's own overloads still win for their own argument types.
SET LOCAL search_path = public, scorecard;
SELECT is((SELECT mean(ARRAY[1, 2, 6]::float8[]) || ' ' || mean(nps_agg(x)) || ' ' || score(4)
		   FROM (VALUES (1), (2), (6)) v(x)), '3 3 40',
		  'on search_path after public: mean(float8[]) is the user''s, mean(nps_summary) scorecard''s');
SELECT is((SELECT count(*) FROM agent_daily a JOIN agent_daily b ON a.csat = b.csat),
		  (SELECT count(*) FROM agent_daily a JOIN agent_daily b ON a.csat::text = b.csat::text),
		  'and a bare = works');

-- Moving the extension moves every object, operator classes included.
CREATE SCHEMA metrics;
ALTER EXTENSION scorecard SET SCHEMA metrics;
SET LOCAL search_path = public;
SELECT is((SELECT count(DISTINCT nps) FROM agent_daily), (SELECT count(DISTINCT nps::text) FROM agent_daily),
		  'after ALTER EXTENSION SET SCHEMA, DISTINCT still works');
SELECT is((SELECT metrics.responses(metrics.rollup(nps)) FROM agent_daily),
		  (SELECT count(nps_score) FROM calls), 'and schema-qualified calls name the new schema');

-- No function of the extension is written in SQL or PL/pgSQL without a
-- pinned search_path: each would break outside search_path.
SELECT is((SELECT count(*) FROM pg_proc p JOIN pg_depend d ON d.objid = p.oid AND d.deptype = 'e'
		   JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'scorecard'
		   WHERE p.prolang NOT IN (SELECT oid FROM pg_language WHERE lanname IN ('c', 'internal'))
			 AND NOT coalesce(p.proconfig::text LIKE '%search_path%', false)), 0::bigint,
		  'every function is C, or pins its search_path');

SELECT * FROM finish();
ROLLBACK;
