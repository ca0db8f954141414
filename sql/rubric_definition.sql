-- rubric: the definition type, the rubric forms of weighted_rubric and
-- rubric_score, sections, fingerprints, and the shape rules of
-- rubric_summary (issue 12).  Expected figures were worked out by hand; see
-- the comments.
SET extra_float_digits = 0;

-- Criteria: greeting (weight 1, out of 5), empathy (2, out of 5) in
-- "Soft skills"; accuracy (3, out of 10) in "Resolution"; compliance (1,
-- out of 1, critical) in no section.
CREATE TABLE qa_rubrics AS SELECT rubric(
	'{greeting,empathy,accuracy,compliance}', '{1,2,3,1}', '{5,5,10,1}',
	'{f,f,f,t}', '{"Soft skills","Soft skills",Resolution,NULL}') AS r;

-- The text form is canonical and round-trips; jsonb and the names.
SELECT r FROM qa_rubrics;
SELECT r::text::rubric = r AS round_trips, criterion_names(r), section_names(r)
FROM qa_rubrics;
SELECT r::jsonb -> 'criteria' -> 0 AS first, r::jsonb -> 'sections' AS sections
FROM qa_rubrics;
-- Defaults: maximum 1, not critical, no section.
SELECT rubric('{a,b}', '{1,0.5}') AS defaults,
	   section_names(rubric('{a,b}', '{1,0.5}')) AS no_sections;
-- Text input: bare words, spaces, any case of NULL and t/f
SELECT ' v1 names={a, "b \"c\""} weights={1,2.5} max_scores={1,1e1} critical={F,true} sections={null,"S"}'::rubric;

-- Evaluations:
--   e1 {5, 4, 8, 1}: normalized 1, 0.8, 0.8, 1:
--      score 100 * (1 + 1.6 + 2.4 + 1) / 7 = 600/7 = 85.714285714;
--      Soft skills 100 * (1 + 1.6) / 3 = 86.666666667; Resolution 80
--   e2 {3, NULL, 10, 0}: compliance 0 fails: score 0 (auto-fail);
--      Soft skills: greeting alone, 60; Resolution 100 (sections are not
--      zeroed by an auto-fail)
--   e3 {NULL, NULL, 6, 1}: score 100 * (1.8 + 1) / 4 = 70;
--      Soft skills has no applicable criterion and does not count;
--      Resolution 60
--   e4 {NULL, NULL, NULL, NULL}: no score, ignored
CREATE TABLE qa_scores (id integer, scores float8[]);
INSERT INTO qa_scores VALUES (1, '{5,4,8,1}'), (2, '{3,NULL,10,0}'),
	(3, '{NULL,NULL,6,1}'), (4, '{NULL,NULL,NULL,NULL}'), (5, NULL);
SELECT id, rubric_score(scores, r),
	   rubric_score(scores, r) IS NOT DISTINCT FROM
		   rubric_score(scores, '{1,2,3,1}', '{5,5,10,1}', '{f,f,f,t}') AS as_arrays
FROM qa_scores, qa_rubrics ORDER BY id;

-- The summary: score (600/7 + 0 + 70) / 3 = 51.904762; 3 responses, 1
-- auto-fail; sections: Soft skills (86.666666667 + 60) / 2 = 73.333333,
-- Resolution (80 + 100 + 60) / 3 = 80; criteria: greeting (100 + 60) / 2
-- = 80, empathy 80, accuracy 80, compliance (100 + 0 + 100) / 3 = 66.666667
CREATE TABLE qa_summary AS
	SELECT weighted_rubric(scores, r) AS s FROM qa_scores, qa_rubrics;
SELECT round(score(s)::numeric, 6) AS score, responses(s), autofails(s),
	   (SELECT array_agg(round(x::numeric, 6)) FROM unnest(section_scores(s)) x) AS sections,
	   (SELECT array_agg(round(x::numeric, 6)) FROM unnest(criterion_scores(s)) x) AS criteria,
	   criterion_responses(s)
FROM qa_summary;
-- jsonb names the rubric by its fingerprint; the text form carries it too.
SELECT s::jsonb ->> 'rubric' = r::jsonb ->> 'fingerprint' AS same_fingerprint,
	   s::jsonb -> 'section_responses' AS section_responses,
	   s::text::rubric_summary = s AS round_trips,
	   s::text LIKE '%criterion_counts=2,1,3,3 rubric=' || (r::jsonb ->> 'fingerprint')
			|| ' sections=2 section_sums=146666666667,240000000000 section_counts=2,3' AS text_tail
FROM qa_summary, qa_rubrics;
-- A section that never counted has a NULL score.
SELECT section_scores(weighted_rubric(x, rubric('{a,b}', '{1,1}', '{1,1}', '{f,f}', '{S,T}')))
FROM (VALUES ('{1,NULL}'::float8[]), ('{0.5,NULL}')) v(x);

-- Without sections, the rubric form gives what the array form gives: the
-- text forms differ only by the recorded rubric.
SELECT regexp_replace(weighted_rubric(scores, rubric('{a,b,c,d}', '{1,2,3,1}', '{5,5,10,1}', '{f,f,f,t}'))::text,
					  ' rubric=.*$', '')
	   = weighted_rubric(scores, '{1,2,3,1}', '{5,5,10,1}', '{f,f,f,t}')::text AS identical
FROM qa_scores;

-- Summaries of one rubric merge; of different rubrics, or of a rubric and
-- of arrays, they do not.
SELECT score(rollup(x)) = (SELECT score(s) FROM qa_summary) AS merges, responses(rollup(x))
FROM (SELECT s AS x FROM qa_summary UNION ALL SELECT s FROM qa_summary) u;
SELECT rollup(s) FROM (
	SELECT s FROM qa_summary
	UNION ALL SELECT weighted_rubric('{5,4,8,1}', rubric('{greeting,empathy,accuracy,compliance}', '{1,2,3,2}'::float8[], '{5,5,10,1}')) s) u;
SELECT rollup(s) FROM (
	SELECT s FROM qa_summary
	UNION ALL SELECT weighted_rubric('{5,4,8,1}', '{1,2,3,1}'::float8[], '{5,5,10,1}', '{f,f,f,t}')) u;
SELECT weighted_rubric(scores, r) FROM (VALUES
	('{1,1}'::float8[], rubric('{a,b}', '{1,1}')), ('{1,1}', rubric('{a,c}', '{1,1}'))) v(scores, r);

-- Errors: as the array forms, plus names.
SELECT rubric('{a,b,a}', '{1,1,1}');
SELECT rubric('{a,NULL}', '{1,1}');
SELECT rubric('{a,b}', '{1}');
SELECT rubric('{a}', '{1}', '{1}', '{t}', '{S,T}');
SELECT rubric('{}', '{}');
SELECT rubric('{a}', '{-1}');
SELECT rubric('{a}', '{1}', '{0}');
SELECT rubric('{a}', '{NULL}');
SELECT rubric('{a}', '{1}', '{1}', '{NULL}');
SELECT rubric('{{a}}', '{{1}}');
SELECT rubric_score('{1,1}', rubric('{a}', '{1}'));
SELECT rubric_score('{2}', rubric('{a}', '{1}'));
SELECT 'v1 names={a} weights={x} max_scores={1} critical={f} sections={NULL}'::rubric;
SELECT 'v1 names={a} weights={1}'::rubric;

-- Issue 12: a moving window whose frame empties out and refills with
-- evaluations of another criteria count: each frame as the plain aggregate
-- gives it: {1,0,1} alone 66.67; with the NULL row, 66.67; {1,1,0.5,1,1}
-- alone 90.
CREATE TEMP TABLE evals(id int, sc float8[], w float8[]);
INSERT INTO evals VALUES (1,'{1,0,1}','{1,1,1}'),(2,NULL,NULL),(3,'{1,1,0.5,1,1}','{1,1,1,1,1}');
SELECT id, round(score(weighted_rubric(sc, w) OVER (ORDER BY id ROWS 1 PRECEDING))::numeric, 2)
FROM evals ORDER BY id;
-- rollup over an empty value of 0 criteria between two criteria counts:
-- the frames are {3 criteria}, {3 criteria, empty}, {empty, 5 criteria}.
SELECT id, criterion_responses(rollup(s) OVER (ORDER BY id ROWS 1 PRECEDING))
FROM (SELECT id, weighted_rubric(sc, w) AS s FROM evals WHERE id <> 2 GROUP BY id
	  UNION ALL SELECT 2, ('v1 criteria=0 autofails=0 score_sum=0 score_squares=0 distribution='
						   || array_to_string(array_fill(0, ARRAY[101]), ',')
						   || ' criterion_sums= criterion_counts=')::rubric_summary) u
ORDER BY id;

DROP TABLE qa_rubrics, qa_scores, qa_summary;
