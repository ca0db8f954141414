-- Each case times scorecard's query, the plain SQL a user would write
-- instead, and the floor (count(col): one transition call per row) over the
-- same rows.  The three run interleaved, after a warm-up, and the table
-- reports medians, so that machine noise hits all three alike.
\set runs 5

CREATE TEMP TABLE results (
	position serial, name text, scorecard_ms float8, plain_ms float8, floor_ms float8);

CREATE FUNCTION pg_temp.elapsed_ms(query text) RETURNS float8 LANGUAGE plpgsql AS $$
DECLARE
	started timestamptz := clock_timestamp();
BEGIN
	EXECUTE query;
	RETURN 1000 * extract(epoch FROM clock_timestamp() - started);
END $$;

CREATE FUNCTION pg_temp.measure(name text, scorecard text, plain text, floor text, runs integer)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
	ours float8[] := '{}';
	theirs float8[] := '{}';
	floors float8[] := '{}';
BEGIN
	PERFORM pg_temp.elapsed_ms(scorecard), pg_temp.elapsed_ms(plain);  -- warm-up
	FOR i IN 1 .. runs LOOP
		ours := ours || pg_temp.elapsed_ms(scorecard);
		theirs := theirs || pg_temp.elapsed_ms(plain);
		IF floor IS NOT NULL THEN
			floors := floors || pg_temp.elapsed_ms(floor);
		END IF;
	END LOOP;
	INSERT INTO results (name, scorecard_ms, plain_ms, floor_ms)
	SELECT name,
		   (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY t) FROM unnest(ours) t),
		   (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY t) FROM unnest(theirs) t),
		   (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY t) FROM unnest(floors) t);
END $$;

\echo measuring
\o /dev/null
SELECT pg_temp.measure('NPS over all rows',
	'SELECT nps(nps_agg(nps_score)) FROM bench_interactions',
	'SELECT 100.0 * (count(*) FILTER (WHERE nps_score >= 9)
	                 - count(*) FILTER (WHERE nps_score <= 6)) / count(nps_score)
	 FROM bench_interactions',
	'SELECT count(nps_score) FROM bench_interactions',
	:runs);

\o
SELECT name AS "case",
	   round(scorecard_ms::numeric) AS "scorecard ms",
	   round(plain_ms::numeric) AS "plain SQL ms",
	   round(floor_ms::numeric) AS "count(col) ms",
	   round((scorecard_ms / plain_ms)::numeric, 2) AS "vs plain SQL",
	   round((scorecard_ms / floor_ms)::numeric, 2) AS "vs count(col)"
FROM results ORDER BY position;
