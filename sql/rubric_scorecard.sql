-- docs/rubrics.md's QA scorecard, in both layouts: one row per evaluation with a
-- column per criterion, and one row per answer pivoted with array_agg.
SET extra_float_digits = 0;

-- Layout 1: one row per evaluation, a column per criterion (NULL: N/A).
-- Rubric: greeting 1 x /5, listening 2 x /5, knowledge 3 x /10,
-- empathy 2 x /5, resolution 3 x /10, compliance 1 x /1 (critical).
CREATE TABLE evaluations (
	evaluation_id integer, agent text,
	greeting float8, listening float8, knowledge float8,
	empathy float8, resolution float8, compliance float8);
INSERT INTO evaluations VALUES
	(1, 'ana',  5, 4, 9,  4,    8,  1),  -- 100*(1+1.6+2.7+1.6+2.4+1)/12 = 85.83
	(2, 'ana',  4, 5, 8,  NULL, 10, 1),  -- no empathy: 100*(0.8+2+2.4+3+1)/10 = 92
	(3, 'ana',  5, 5, 10, 5,    9,  0),  -- compliance failed: 0
	(4, 'ben',  3, 3, 6,  3,    5,  1),  -- 100*(0.6+1.2+1.8+1.2+1.5+1)/12 = 60.83
	(5, 'ben',  4, 4, 7,  4,    7,  1),  -- 100*(0.8+1.6+2.1+1.6+2.1+1)/12 = 76.67
	(6, 'cruz', 5, 5, 9,  5,    10, 1),  -- 100*(1+2+2.7+2+3+1)/12 = 97.5
	(7, 'cruz', 4, 5, 8,  5,    NULL, 1);-- no resolution: 100*(0.8+2+2.4+2+1)/9 = 91.11

SELECT agent, round(score(s)::numeric, 1) AS quality, responses(s) AS evaluations,
	   round(autofail_rate(s)::numeric, 1) AS autofail_pct,
	   round(pass_rate(s, 85)::numeric, 1) AS pass_85,
	   round(c[1]::numeric) AS greeting, round(c[2]::numeric) AS listening,
	   round(c[3]::numeric) AS knowledge, round(c[4]::numeric) AS empathy,
	   round(c[5]::numeric) AS resolution, round(c[6]::numeric) AS compliance
FROM (SELECT agent, s, criterion_scores(s) AS c
	  FROM (SELECT agent,
				   weighted_rubric(ARRAY[greeting, listening, knowledge, empathy, resolution, compliance],
								   '{1,2,3,2,3,1}', '{5,5,10,5,10,1}', '{f,f,f,f,f,t}') AS s
			FROM evaluations GROUP BY agent) t) u
ORDER BY agent;

-- Layout 2: one row per answer, the rubric in its own table.
CREATE TABLE rubric_criteria (criterion integer, name text, weight float8,
							  max_points float8, critical boolean);
INSERT INTO rubric_criteria VALUES
	(1, 'greeting', 1, 5, false), (2, 'listening', 2, 5, false),
	(3, 'knowledge', 3, 10, false), (4, 'empathy', 2, 5, false),
	(5, 'resolution', 3, 10, false), (6, 'compliance', 1, 1, true);
CREATE TABLE answers (evaluation_id integer, agent text, criterion integer, points float8);
INSERT INTO answers
	SELECT evaluation_id, agent, k, p
	FROM evaluations,
		 unnest(ARRAY[greeting, listening, knowledge, empathy, resolution, compliance])
			 WITH ORDINALITY u(p, k)
	WHERE p IS NOT NULL;			-- N/A answers are simply absent

-- Every evaluation gets every criterion (a missing answer becomes a NULL,
-- N/A), in criterion order.
CREATE VIEW agent_quality AS
SELECT agent, weighted_rubric(scores, weights, max_points, critical) AS s
FROM (SELECT e.evaluation_id, e.agent,
			 array_agg(a.points ORDER BY c.criterion) AS scores,
			 array_agg(c.weight ORDER BY c.criterion) AS weights,
			 array_agg(c.max_points ORDER BY c.criterion) AS max_points,
			 array_agg(c.critical ORDER BY c.criterion) AS critical
	  FROM (SELECT DISTINCT evaluation_id, agent FROM answers) e
	  CROSS JOIN rubric_criteria c
	  LEFT JOIN answers a ON a.evaluation_id = e.evaluation_id AND a.criterion = c.criterion
	  GROUP BY e.evaluation_id, e.agent) per_evaluation
GROUP BY agent;

SELECT agent, round(score(s)::numeric, 1) AS quality,
	   (SELECT string_agg(format('%s %s', name, round(x::numeric)), ', ' ORDER BY k)
		FROM unnest(criterion_scores(s)) WITH ORDINALITY u(x, k)
		JOIN rubric_criteria ON criterion = k) AS breakdown
FROM agent_quality ORDER BY agent;

-- Both layouts give the same summaries.
SELECT bool_and(q.s = t.s) AS same_summaries
FROM agent_quality q
JOIN (SELECT agent,
			 weighted_rubric(ARRAY[greeting, listening, knowledge, empathy, resolution, compliance],
							 '{1,2,3,2,3,1}', '{5,5,10,5,10,1}', '{f,f,f,f,f,t}') AS s
	  FROM evaluations GROUP BY agent) t USING (agent);

DROP VIEW agent_quality;
DROP TABLE answers, rubric_criteria, evaluations;
