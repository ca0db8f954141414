-- Each case times scorecard's query against a baseline (the SQL a user would
-- write instead) and, for single aggregates, against the floor: count(col),
-- one transition call per row over the same scan.  The queries of a case run
-- interleaved after a warm-up, and the table reports medians, so that machine
-- noise hits every side alike.  Ratios below 1 mean scorecard is faster.
\set runs 5
\if :{?cases}
SET bench.cases = :'cases';
\endif

CREATE TEMP TABLE results (
	position serial, name text, baseline text,
	scorecard_ms float8, baseline_ms float8, floor_ms float8);

CREATE FUNCTION pg_temp.elapsed_ms(query text, settings text) RETURNS float8
LANGUAGE plpgsql AS $$
DECLARE
	started timestamptz;
BEGIN
	-- settings: 'name=value;name=value', in force until another call sets them
	IF settings IS NOT NULL THEN
		PERFORM set_config(split_part(s, '=', 1), split_part(s, '=', 2), true)
		FROM unnest(string_to_array(settings, ';')) s;
	END IF;
	started := clock_timestamp();
	EXECUTE query;
	RETURN 1000 * extract(epoch FROM clock_timestamp() - started);
END $$;

CREATE FUNCTION pg_temp.median(times float8[]) RETURNS float8 LANGUAGE sql AS $$
	SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY t) FROM unnest(times) t
$$;

-- One case: scorecard's query, the baseline, and optionally the floor, each
-- with optional settings (parallel on or off, an aggregate swapped).
CREATE FUNCTION pg_temp.measure(name text, baseline text,
								scorecard text, baseline_query text, floor text,
								runs integer, scorecard_settings text DEFAULT NULL,
								baseline_settings text DEFAULT NULL)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
	ours float8[] := '{}';
	theirs float8[] := '{}';
	floors float8[] := '{}';
	serial text := 'max_parallel_workers_per_gather=0';
BEGIN
	-- bench/run's BENCH_CASES: a regular expression of the cases to run
	IF current_setting('bench.cases', true) <> '' AND name !~ current_setting('bench.cases', true) THEN
		RETURN;
	END IF;
	PERFORM pg_temp.elapsed_ms(scorecard, coalesce(scorecard_settings, serial)),
			pg_temp.elapsed_ms(baseline_query, coalesce(baseline_settings, serial));
	FOR i IN 1 .. runs LOOP
		ours := ours || pg_temp.elapsed_ms(scorecard, coalesce(scorecard_settings, serial));
		theirs := theirs || pg_temp.elapsed_ms(baseline_query, coalesce(baseline_settings, serial));
		IF floor IS NOT NULL THEN
			floors := floors || pg_temp.elapsed_ms(floor, serial);
		END IF;
	END LOOP;
	INSERT INTO results (name, baseline, scorecard_ms, baseline_ms, floor_ms)
	VALUES (name, baseline, pg_temp.median(ours), pg_temp.median(theirs),
			pg_temp.median(floors));
END $$;

\echo measuring
\o /dev/null

-- Single aggregates over every row, against the plain-SQL formula ...
SELECT pg_temp.measure('NPS over all rows', 'FILTER formula',
	'SELECT nps(nps_agg(nps_score)) FROM bench_interactions',
	'SELECT 100.0 * (count(*) FILTER (WHERE nps_score >= 9)
	                 - count(*) FILTER (WHERE nps_score <= 6)) / count(nps_score)
	 FROM bench_interactions',
	'SELECT count(nps_score) FROM bench_interactions',
	:runs);

SELECT pg_temp.measure('CSAT over all rows', 'FILTER formula',
	'SELECT csat(csat_agg(csat_rating)) FROM bench_interactions',
	'SELECT 100.0 * count(*) FILTER (WHERE csat_rating >= 4) / count(csat_rating)
	 FROM bench_interactions',
	'SELECT count(csat_rating) FROM bench_interactions',
	:runs);

SELECT pg_temp.measure('CES over all rows', 'avg()',
	'SELECT ces(ces_agg(ces_rating)) FROM bench_interactions',
	'SELECT avg(ces_rating) FROM bench_interactions',
	'SELECT count(ces_rating) FROM bench_interactions',
	:runs);

SELECT pg_temp.measure('FCR over all rows', 'FILTER formula',
	'SELECT percent(fcr_rate(fcr)) FROM bench_interactions',
	'SELECT 100.0 * count(*) FILTER (WHERE fcr) / count(fcr) FROM bench_interactions',
	'SELECT count(fcr) FROM bench_interactions',
	:runs);

SELECT pg_temp.measure('AHT mean, median, p90 over all rows', 'avg() + percentile_cont()',
	'SELECT mean(s), percentile(s, 0.5), percentile(s, 0.9)
	 FROM (SELECT aht_agg(handle_seconds) AS s FROM bench_interactions) a',
	'SELECT avg(handle_seconds),
	        percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY handle_seconds)
	 FROM bench_interactions',
	'SELECT count(handle_seconds) FROM bench_interactions',
	:runs);

-- QA score over 1M evaluations: the rubric rule written out in SQL for the
-- six columns (weights 1,2,3,2,1,3 of 5 points each, N/A renormalized,
-- resolution critical) against weighted_rubric over the same columns.
SELECT pg_temp.measure('QA score over 1M evaluations', 'the rule in plain SQL',
	'SELECT score(weighted_rubric(
	        ARRAY[greeting, listening, knowledge, communication, empathy, resolution],
	        ''{1,2,3,2,1,3}'', ''{5,5,5,5,5,5}'', ''{f,f,f,f,f,t}''))
	 FROM bench_evaluations',
	'SELECT avg(CASE WHEN resolution / 5 < 0.5 THEN 0 ELSE
	        100 * (greeting / 5 + 2 * listening / 5 + 3 * knowledge / 5
	               + 2 * communication / 5 + coalesce(empathy / 5, 0) + 3 * resolution / 5)
	            / (11 + CASE WHEN empathy IS NULL THEN 0 ELSE 1 END) END)
	 FROM bench_evaluations',
	'SELECT count(greeting) FROM bench_evaluations',
	:runs);

-- Grader calibration over the 1M evaluations: one criterion's points as
-- the grader's score against another's as the reference (on 0..100),
-- against avg() and a FILTER count over the same difference.
SELECT pg_temp.measure('calibration over 1M evaluations', 'avg() and FILTER',
	'SELECT bias(s), mean_absolute_difference(s), within_tolerance(s)
	 FROM (SELECT calibration_agg(20 * greeting, 20 * listening) AS s FROM bench_evaluations) c',
	'SELECT avg(20 * greeting - 20 * listening), avg(abs(20 * greeting - 20 * listening)),
	        100.0 * count(*) FILTER (WHERE abs(20 * greeting - 20 * listening) <= 5)
	            / count(20 * greeting - 20 * listening)
	 FROM bench_evaluations',
	'SELECT count(greeting) FROM bench_evaluations',
	:runs);

-- Krippendorff's interval alpha over the 1M evaluations read as items
-- rated by five graders (empathy NULL 10% of the time), against its
-- closed form in plain SQL: per item m, the sum and the sum of squares of
-- its ratings, as sum over pairs (v_i - v_j)^2 = 2 m S2 - 2 S1^2.
SELECT pg_temp.measure('Krippendorff alpha over 1M items', 'closed form in plain SQL',
	'SELECT alpha(agreement_agg(ARRAY[greeting, listening, knowledge, communication, empathy]))
	 FROM bench_evaluations',
	'SELECT 1 - (sum(m) - 1) * sum((2 * m * s2 - 2 * s1 * s1) / (m - 1))
	            / (2 * sum(m) * sum(s2) - 2 * sum(s1) ^ 2)
	 FROM bench_evaluations e
	 CROSS JOIN LATERAL (SELECT count(v)::float8 AS m, sum(v) AS s1, sum(v * v) AS s2
	                     FROM unnest(ARRAY[e.greeting, e.listening, e.knowledge,
	                                       e.communication, e.empathy]) v) x
	 WHERE m >= 2',
	'SELECT count(greeting) FROM bench_evaluations',
	:runs);

-- The full scorecard per agent per month, from raw rows: NPS, CSAT, CES,
-- FCR, and AHT as its mean and 90th percentile.
SELECT pg_temp.measure('full scorecard per agent per month', 'plain SQL',
	'SELECT agent_id, month, nps(n), csat(c), ces(e), percent(f), mean(a), percentile(a, 0.9)
	 FROM (SELECT agent_id, date_trunc(''month'', created_at) AS month,
	              nps_agg(nps_score) AS n, csat_agg(csat_rating) AS c, ces_agg(ces_rating) AS e,
	              fcr_rate(fcr) AS f, aht_agg(handle_seconds) AS a
	       FROM bench_interactions GROUP BY 1, 2) s',
	'SELECT agent_id, date_trunc(''month'', created_at),
	        100.0 * (count(*) FILTER (WHERE nps_score >= 9)
	                 - count(*) FILTER (WHERE nps_score <= 6)) / count(nps_score),
	        100.0 * count(*) FILTER (WHERE csat_rating >= 4) / count(csat_rating),
	        avg(ces_rating), 100.0 * count(*) FILTER (WHERE fcr) / count(fcr),
	        avg(handle_seconds),
	        percentile_disc(0.9) WITHIN GROUP (ORDER BY handle_seconds)
	 FROM bench_interactions GROUP BY 1, 2',
	NULL, 3);

-- ... and against a PL/pgSQL aggregate, the other thing people write.
CREATE FUNCTION pg_temp.plpgsql_nps_step(state bigint[], score integer) RETURNS bigint[]
LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
	IF score IS NOT NULL THEN
		state[1] := state[1] + 1;
		IF score >= 9 THEN state[2] := state[2] + 1;
		ELSIF score <= 6 THEN state[3] := state[3] + 1;
		END IF;
	END IF;
	RETURN state;
END $$;
CREATE FUNCTION pg_temp.plpgsql_nps_final(state bigint[]) RETURNS float8
LANGUAGE sql IMMUTABLE AS $$
	SELECT 100.0 * (state[2] - state[3]) / nullif(state[1], 0)
$$;
CREATE AGGREGATE pg_temp.plpgsql_nps(integer) (
	SFUNC = pg_temp.plpgsql_nps_step, STYPE = bigint[],
	FINALFUNC = pg_temp.plpgsql_nps_final, INITCOND = '{0,0,0}');
SELECT pg_temp.measure('NPS over all rows', 'PL/pgSQL aggregate',
	'SELECT nps(nps_agg(nps_score)) FROM bench_interactions',
	'SELECT pg_temp.plpgsql_nps(nps_score) FROM bench_interactions',
	'SELECT count(nps_score) FROM bench_interactions',
	3);

-- The same aggregate with a forced parallel plan, against the serial plan.
SELECT pg_temp.measure('NPS over all rows, parallel (2 workers)', 'serial plan',
	'SELECT nps(nps_agg(nps_score)) FROM bench_interactions',
	'SELECT nps(nps_agg(nps_score)) FROM bench_interactions',
	NULL, :runs,
	'max_parallel_workers_per_gather=2;parallel_setup_cost=0;parallel_tuple_cost=0;min_parallel_table_scan_size=0');

-- Month-by-team reports from daily summaries per agent, against the same
-- reports from raw rows.  One materialized view per family of metrics, as a
-- deployment would keep them: the NPS report reads a view of NPS summaries;
-- the full scorecard reads the view that holds every interaction metric.
CREATE MATERIALIZED VIEW bench_agent_daily_nps AS
SELECT agent_id, team_id, created_at::date AS day, nps_agg(nps_score) AS nps
FROM bench_interactions GROUP BY 1, 2, 3;
CREATE MATERIALIZED VIEW bench_agent_daily AS
SELECT agent_id, team_id, created_at::date AS day, nps_agg(nps_score) AS nps,
	   csat_agg(csat_rating) AS csat, ces_agg(ces_rating) AS ces, fcr_rate(fcr) AS fcr,
	   aht_agg(handle_seconds) AS aht
FROM bench_interactions GROUP BY 1, 2, 3;
CREATE MATERIALIZED VIEW bench_agent_daily_qa AS
SELECT agent_id, evaluated_at::date AS day,
	   weighted_rubric(ARRAY[greeting, listening, knowledge, communication, empathy, resolution],
	                   '{1,2,3,2,1,3}', '{5,5,5,5,5,5}', '{f,f,f,f,f,t}') AS qa
FROM bench_evaluations GROUP BY 1, 2;
VACUUM ANALYZE bench_agent_daily_nps, bench_agent_daily, bench_agent_daily_qa;
SELECT pg_temp.measure('month-by-team NPS report', 'from raw rows',
	'SELECT team_id, date_trunc(''month'', day), nps(rollup(nps))
	 FROM bench_agent_daily_nps GROUP BY 1, 2',
	'SELECT team_id, date_trunc(''month'', created_at::date),
	        100.0 * (count(*) FILTER (WHERE nps_score >= 9)
	                 - count(*) FILTER (WHERE nps_score <= 6)) / count(nps_score)
	 FROM bench_interactions GROUP BY 1, 2',
	NULL, :runs);
SELECT pg_temp.measure('month-by-team full scorecard', 'from raw rows',
	'SELECT team_id, month, nps(n), csat(c), ces(e), percent(f), mean(a), percentile(a, 0.9)
	 FROM (SELECT team_id, date_trunc(''month'', day) AS month, rollup(nps) AS n,
	              rollup(csat) AS c, rollup(ces) AS e, rollup(fcr) AS f, rollup(aht) AS a
	       FROM bench_agent_daily GROUP BY 1, 2) s',
	'SELECT team_id, date_trunc(''month'', created_at::date),
	        100.0 * (count(*) FILTER (WHERE nps_score >= 9)
	                 - count(*) FILTER (WHERE nps_score <= 6)) / count(nps_score),
	        100.0 * count(*) FILTER (WHERE csat_rating >= 4) / count(csat_rating),
	        avg(ces_rating), 100.0 * count(*) FILTER (WHERE fcr) / count(fcr),
	        avg(handle_seconds),
	        percentile_disc(0.9) WITHIN GROUP (ORDER BY handle_seconds)
	 FROM bench_interactions GROUP BY 1, 2',
	NULL, 3);

-- A 28-day rolling NPS per agent over raw rows (two agents, about 40,000
-- rows, frames of about 1,500 rows), with the moving aggregate's inverse
-- transition and with an otherwise identical aggregate that has none.
CREATE AGGREGATE pg_temp.nps_agg_without_inverse(integer) (
	SFUNC = nps_agg_trans, STYPE = nps_summary, FINALFUNC = nps_summary_final,
	COMBINEFUNC = nps_summary_merge);
CREATE TABLE bench_two_agents AS
	SELECT agent_id, created_at, nps_score FROM bench_interactions WHERE agent_id <= 2;
VACUUM ANALYZE bench_two_agents;
SELECT pg_temp.measure('28-day rolling NPS per agent', 'without inverse',
	'SELECT count(r) FROM (
	     SELECT nps(nps_agg(nps_score) OVER w) AS r FROM bench_two_agents
	     WINDOW w AS (PARTITION BY agent_id ORDER BY created_at
	                  RANGE BETWEEN ''27 days'' PRECEDING AND CURRENT ROW)) s',
	'SELECT count(r) FROM (
	     SELECT nps(pg_temp.nps_agg_without_inverse(nps_score) OVER w) AS r FROM bench_two_agents
	     WINDOW w AS (PARTITION BY agent_id ORDER BY created_at
	                  RANGE BETWEEN ''27 days'' PRECEDING AND CURRENT ROW)) s',
	NULL, 3);

-- Business hours over 10M tickets, against the same spans measured on the
-- local clock: extract(epoch FROM timezone(z, finished) - timezone(z,
-- started)), the two zone conversions and nothing else.  The calendar has
-- weekday and Saturday hours and the US holidays of the data's year.
\set calendar 'America/Chicago; mon-fri 08:00-18:00; sat 10:00-14:00; closed 2025-11-27 2025-12-25 2026-01-01 2026-01-19 2026-02-16 2026-05-25 2026-07-03 2026-09-07 2026-11-26 2026-12-25'
SELECT pg_temp.measure(format('business_duration to %s', label), 'two zone conversions',
	format('SELECT sum(extract(epoch FROM business_duration(created_at, %I, %L))) FROM bench_tickets',
		   finished, :'calendar'),
	format('SELECT sum(extract(epoch FROM timezone(''America/Chicago'', %1$I)
	                                - timezone(''America/Chicago'', created_at)))
	        FROM bench_tickets', finished),
	format('SELECT count(%I) FROM bench_tickets', finished),
	:runs)
FROM (VALUES ('first reply', 'first_reply_at'), ('resolution (up to weeks)', 'resolved_at')) v(label, finished);
-- The SLA share, first reply within 4 business hours, against the same
-- share on the local clock (4 hours, open or not).
SELECT pg_temp.measure('business_deadline: first reply within a 4-hour SLA', 'two zone conversions',
	format('SELECT count(*) FILTER (WHERE first_reply_at <= business_deadline(created_at, ''4:00'', %L))
	        FROM bench_tickets', :'calendar'),
	'SELECT count(*) FILTER (WHERE timezone(''America/Chicago'', first_reply_at)
	                               - timezone(''America/Chicago'', created_at) <= ''4:00'')
	 FROM bench_tickets',
	'SELECT count(first_reply_at) FROM bench_tickets',
	:runs);

-- Queue service level, abandonment rate and ASA over 10M calls, against
-- the same three figures as FILTER formulas (20 s target, 5 s short
-- abandons, the defaults).
\set queue_formula 'SELECT 100.0 * count(*) FILTER (WHERE answered AND wait <= ''20 s'') / count(*) FILTER (WHERE answered OR wait >= ''5 s''), 100.0 * count(*) FILTER (WHERE NOT answered AND wait >= ''5 s'') / count(*) FILTER (WHERE answered OR wait >= ''5 s''), extract(epoch FROM avg(wait) FILTER (WHERE answered)) FROM bench_calls'
SELECT pg_temp.measure('queue service level, abandonment, ASA over all rows', 'FILTER formula',
	'SELECT service_level(s), abandonment_rate(s), asa(s)
	 FROM (SELECT queue_agg(wait, answered) AS s FROM bench_calls) q',
	:'queue_formula',
	'SELECT count(wait) FROM bench_calls',
	:runs);

-- The operator classes: DISTINCT on a summary column of the daily view
-- (one row per agent-day), hashed and sorted, against DISTINCT over the
-- text form, which is what a user had to write before them.
SELECT pg_temp.measure('DISTINCT nps_summary, hashed', 'DISTINCT over s::text',
	'SELECT count(*) FROM (SELECT DISTINCT nps FROM bench_agent_daily) d',
	'SELECT count(*) FROM (SELECT DISTINCT nps::text FROM bench_agent_daily) d',
	NULL, :runs);
SELECT pg_temp.measure('DISTINCT duration_summary, sorted', 'DISTINCT over s::text',
	'SELECT count(*) FROM (SELECT DISTINCT aht FROM bench_agent_daily) d',
	'SELECT count(*) FROM (SELECT DISTINCT aht::text FROM bench_agent_daily) d',
	NULL, :runs, 'max_parallel_workers_per_gather=0;enable_hashagg=off',
	'max_parallel_workers_per_gather=0;enable_hashagg=off');

\o
\echo
\echo 'scorecard against its baseline (and the floor, count(col) over the same rows); medians of interleaved runs'
SELECT name AS "case",
	   baseline AS "baseline",
	   round(scorecard_ms::numeric) AS "scorecard ms",
	   round(baseline_ms::numeric) AS "baseline ms",
	   round((scorecard_ms / baseline_ms)::numeric, 2) AS "vs baseline",
	   round(floor_ms::numeric) AS "count(col) ms",
	   round((scorecard_ms / floor_ms)::numeric, 2) AS "vs count(col)"
FROM results ORDER BY position;

\echo 'The month-by-team report gives identical figures from summaries and from raw rows:'
SELECT count(*) AS team_months, max(abs(s.nps - r.nps)) < 1e-9 AS identical
FROM (SELECT team_id, date_trunc('month', day) AS month, nps(rollup(nps)) AS nps
	  FROM bench_agent_daily_nps GROUP BY 1, 2) s
JOIN (SELECT team_id, date_trunc('month', created_at::date) AS month,
			 100.0 * (count(*) FILTER (WHERE nps_score >= 9)
					  - count(*) FILTER (WHERE nps_score <= 6)) / count(nps_score) AS nps
	  FROM bench_interactions GROUP BY 1, 2) r USING (team_id, month);

\echo 'Bytes per stored summary (pg_column_size, mean over the daily materialized view):'
SELECT 'nps_summary' AS type, round(avg(pg_column_size(nps)), 1) AS bytes FROM bench_agent_daily
UNION ALL
SELECT 'rating_summary (CSAT)', round(avg(pg_column_size(csat)), 1) FROM bench_agent_daily
UNION ALL
SELECT 'rate_summary (FCR)', round(avg(pg_column_size(fcr)), 1) FROM bench_agent_daily
UNION ALL
SELECT 'duration_summary (AHT, one agent-day)', round(avg(pg_column_size(aht)), 1) FROM bench_agent_daily
UNION ALL
SELECT 'duration_summary (AHT, all 10M rows)', pg_column_size(aht_agg(handle_seconds))
FROM bench_interactions
UNION ALL
SELECT 'rubric_summary (6 criteria)', round(avg(pg_column_size(qa)), 1) FROM bench_agent_daily_qa;

\echo 'The queue figures equal their FILTER formulas (ASA: the exact numeric mean; avg(interval) rounds it to the microsecond):'
SELECT abs(service_level(s) - f.sl) < 1e-9 AND abs(abandonment_rate(s) - f.abandon) < 1e-9
	   AND asa(s) = (SELECT (sum(extract(epoch FROM wait))::numeric(60, 30) / count(*))::float8
					 FROM bench_calls WHERE answered)
	   AS identical, pg_column_size(s) AS queue_summary_bytes
FROM (SELECT queue_agg(wait, answered) AS s FROM bench_calls) q,
	 LATERAL (:queue_formula) f(sl, abandon, asa);
