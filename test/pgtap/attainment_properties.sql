-- attainment and the overall score: attainment equals the plain-SQL
-- formula on random values in both directions, and rubric_score over
-- attainments equals a weighted mean in plain SQL that leaves out NULL
-- attainments with their weights.
BEGIN;
SELECT plan(4);

SELECT setseed(0.53);
CREATE TEMP TABLE triples AS
	SELECT (random() - 0.5) * 300 AS value, (random() - 0.5) * 200 AS worst,
		   (random() - 0.5) * 200 AS best
	FROM generate_series(1, 20000);

SELECT is((SELECT count(*) FROM triples
		   WHERE abs(attainment(value, worst, best)
					 - greatest(0, least(100, 100 * (value - worst) / (best - worst)))) > 1e-9),
		  0::bigint, 'attainment equals clip(100 (value - worst) / (best - worst)) in plain SQL');
SELECT ok((SELECT count(*) FILTER (WHERE worst > best) > 5000
				  AND count(*) FILTER (WHERE attainment(value, worst, best) = 0) > 1000
				  AND count(*) FILTER (WHERE attainment(value, worst, best) = 100) > 1000
		   FROM triples),
		  'the triples cover both directions and both clipped ends');
SELECT is((SELECT count(*) FROM triples
		   WHERE attainment(value, worst, best) + attainment(value, best, worst) <> 100
			 AND abs(attainment(value, worst, best) + attainment(value, best, worst) - 100) > 1e-9),
		  0::bigint, 'swapping worst and best turns an attainment a into 100 - a');

-- Five metrics per agent, some NULL (no data), weights 3, 2, 2, 1, 2.
CREATE TEMP TABLE agents AS
	SELECT g AS agent,
		   ARRAY(SELECT CASE WHEN random() < 0.2 THEN NULL ELSE random() * 120 - 10 END
				 FROM generate_series(1, 5) k WHERE g > 0) AS figures
	FROM generate_series(1, 2000) g;
SELECT is((SELECT count(*) FROM (
			   SELECT agent,
					  rubric_score(ARRAY(SELECT attainment(figures[k], 0, 100) FROM generate_series(1, 5) k ORDER BY k),
								   '{3,2,2,1,2}', '{100,100,100,100,100}') AS ours,
					  (SELECT sum(w * attainment(figures[k], 0, 100)) / nullif(sum(w) FILTER (WHERE figures[k] IS NOT NULL), 0)
					   FROM unnest('{3,2,2,1,2}'::float8[]) WITH ORDINALITY u(w, k)) AS theirs
			   FROM agents) x
		   WHERE (ours IS NULL) <> (theirs IS NULL) OR abs(ours - theirs) > 1e-8),
		  0::bigint, 'rubric_score over attainments is the weighted mean of the non-NULL attainments');

SELECT * FROM finish();
ROLLBACK;
