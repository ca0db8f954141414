-- The examples of docs/rubrics.md on rubric values, sections and
-- fingerprints, as the page shows them; figures worked out by hand in the
-- comments.  test/scripts/docs.py runs the page itself; this file keeps
-- the worked figures under pg_regress on every major.
SET extra_float_digits = 0;

-- The page's evaluations: one row per evaluation, a column per criterion
-- (the table of docs/rubrics.md's first example).
CREATE TABLE evaluations (
	evaluation_id integer, agent text,
	greeting float8, listening float8, knowledge float8,
	empathy float8, resolution float8, compliance float8);
INSERT INTO evaluations VALUES
	(1, 'ana',  5, 4, 9,  4,    8,  1),
	(2, 'ana',  4, 5, 8,  NULL, 10, 1),
	(3, 'ana',  5, 5, 10, 5,    9,  0),
	(4, 'ben',  3, 3, 6,  3,    5,  1),
	(5, 'ben',  4, 4, 7,  4,    7,  1),
	(6, 'cruz', 5, 5, 9,  5,    10, 1),
	(7, 'cruz', 4, 5, 8,  5,    NULL, 1);

CREATE TABLE rubrics (version text PRIMARY KEY, r rubric NOT NULL);
INSERT INTO rubrics VALUES ('2026', rubric(
    '{greeting,listening,knowledge,empathy,resolution,compliance}',
    '{1,2,3,2,3,1}', '{5,5,10,5,10,1}', '{f,f,f,f,f,t}',
    '{Soft skills,Soft skills,Resolution,Soft skills,Resolution,Compliance}'));

SELECT criterion_names(r), section_names(r) FROM rubrics;

-- Section scores per agent.  Soft skills is greeting (weight 1 of 5
-- points), listening (2, of 5) and empathy (2, of 5); Resolution is
-- knowledge (3, of 10) and resolution (3, of 10); Compliance is compliance.
--   ana: Soft skills (1 + 1.6 + 1.6)/5 = 84, (0.8 + 2)/3 = 93.33 (empathy
--        N/A), 100: 92.4; Resolution (2.7 + 2.4)/6 = 85, (2.4 + 3)/6 = 90,
--        (3 + 2.7)/6 = 95: 90.0; Compliance 100, 100, 0: 66.7.  Quality
--        59.3, as from the arrays: the failed compliance zeroes the third
--        evaluation, not its sections.
--   ben: Soft skills 60, 80: 70.0; Resolution 55, 70: 62.5; Compliance 100
--   cruz: Soft skills 100, (0.8 + 2 + 2)/5 = 96: 98.0; Resolution 95 and
--        80 (resolution N/A): 87.5; Compliance 100
SELECT agent, round(score(s)::numeric, 1) AS quality,
       (SELECT string_agg(format('%s %s', name, round(x::numeric, 1)), ', ' ORDER BY k)
        FROM unnest(section_names(r), section_scores(s)) WITH ORDINALITY u(name, x, k)) AS sections
FROM (SELECT agent,
             weighted_rubric(ARRAY[greeting, listening, knowledge, empathy, resolution, compliance], r) AS s
      FROM evaluations, rubrics WHERE version = '2026' GROUP BY agent) t,
     rubrics
WHERE version = '2026'
ORDER BY agent;

-- A new version of the rubric weighs knowledge 2 instead of 3: its
-- summaries do not merge with the old version's.
INSERT INTO rubrics VALUES ('2027', rubric(
    '{greeting,listening,knowledge,empathy,resolution,compliance}',
    '{1,2,2,2,3,1}', '{5,5,10,5,10,1}', '{f,f,f,f,f,t}',
    '{Soft skills,Soft skills,Resolution,Soft skills,Resolution,Compliance}'));
CREATE TABLE qa_daily AS
SELECT version, agent,
       weighted_rubric(ARRAY[greeting, listening, knowledge, empathy, resolution, compliance], r) AS s
FROM evaluations, rubrics GROUP BY version, agent;

SELECT agent, round(score(rollup(s))::numeric, 1) AS quality
FROM qa_daily GROUP BY agent ORDER BY agent;

SELECT agent, round(score(rollup(s))::numeric, 1) AS quality
FROM qa_daily WHERE version = '2027' GROUP BY agent ORDER BY agent;

SELECT version, s::jsonb ->> 'rubric' AS rubric, r::jsonb ->> 'fingerprint' AS fingerprint
FROM qa_daily JOIN rubrics USING (version) WHERE agent = 'ana' ORDER BY version;

DROP TABLE evaluations, rubrics, qa_daily;
