-- The rubric type and the rubric forms of weighted_rubric and rubric_score:
-- every figure equals a plain-SQL computation of the same rule (section
-- scores, N/A renormalization, critical zeroing), the rubric form equals
-- the array form on a rubric without sections, rollups are exact, moving
-- windows equal recomputed frames, forms round-trip, summaries of different
-- rubrics refuse to merge, and every error has its SQLSTATE.  Then the
-- rubric_summary reproductions of issue 12: frames that empty out and
-- refill with other shapes, inverse functions that cannot take out what was
-- never put in, input that checks the sums against the counts, and corrupt
-- values that raise XX001.
BEGIN;
SELECT plan(60);

SELECT setseed(0.29);
-- The rubric: name, weight, maximum points, critical flag, section.
CREATE TEMP TABLE criteria (k bigint, name text, w numeric, m numeric, crit boolean,
							section text);
INSERT INTO criteria VALUES
	(1, 'greeting', 1, 1, false, 'Soft skills'),
	(2, 'empathy', 2, 5, false, 'Soft skills'),
	(3, 'accuracy', 2, 10, false, 'Resolution'),
	(4, 'compliance', 1, 1, true, NULL),
	(5, 'tone', 0, 4, false, 'Soft skills'),
	(6, 'resolution', 3, 2, true, 'Resolution');
CREATE TEMP TABLE defs AS
	SELECT rubric(array_agg(name ORDER BY k), array_agg(w::float8 ORDER BY k),
				  array_agg(m::float8 ORDER BY k), array_agg(crit ORDER BY k),
				  array_agg(section ORDER BY k)) AS r,
		   rubric(array_agg(name ORDER BY k), array_agg(w::float8 ORDER BY k),
				  array_agg(m::float8 ORDER BY k), array_agg(crit ORDER BY k)) AS flat,
		   array_agg(w::float8 ORDER BY k) AS w, array_agg(m::float8 ORDER BY k) AS m,
		   array_agg(crit ORDER BY k) AS c
	FROM criteria;
-- sections in order of first appearance
CREATE TEMP TABLE sections AS
	SELECT section, row_number() OVER (ORDER BY min(k)) AS pos
	FROM criteria WHERE section IS NOT NULL GROUP BY section;

-- 900 evaluations: points in halves from 0 to the maximum, 15% N/A; some
-- evaluations entirely N/A and some arrays NULL.
CREATE TEMP TABLE evals AS
	SELECT g AS id, g % 12 AS agent, date '2026-03-01' + (g % 40) AS day,
		   CASE WHEN g % 97 = 0 THEN NULL ELSE
		   (SELECT array_agg(CASE WHEN g % 61 = 0 OR random() < 0.15 THEN NULL
								  ELSE floor(random() * (2 * r.m + 1)) / 2 END::float8
							 ORDER BY r.k)
			FROM criteria r WHERE g > 0) END AS scores
	FROM generate_series(1, 900) g;

-- The rules in plain SQL, exactly: the evaluation score, and each section's
-- weighted mean over its applicable criteria, in scored evaluations only,
-- where the section's applicable weights sum to more than 0.
CREATE TEMP TABLE reference AS
	SELECT e.id, e.agent, e.day,
		   CASE WHEN coalesce(sum(r.w) FILTER (WHERE u.p IS NOT NULL), 0) > 0 THEN
				CASE WHEN bool_or(r.crit AND u.p::numeric / r.m < 0.5) THEN 0
					 ELSE 100 * sum(r.w * u.p::numeric / r.m) / sum(r.w) FILTER (WHERE u.p IS NOT NULL)
				END
		   END AS score,
		   coalesce(bool_or(r.crit AND u.p::numeric / r.m < 0.5), false) AS autofail
	FROM evals e, unnest(e.scores) WITH ORDINALITY u(p, k) JOIN criteria r USING (k)
	GROUP BY e.id, e.agent, e.day;
CREATE TEMP TABLE reference_sections AS
	SELECT e.id, e.agent, s.pos, 100 * sum(r.w * u.p::numeric / r.m) / sum(r.w) AS score
	FROM evals e JOIN reference f USING (id), unnest(e.scores) WITH ORDINALITY u(p, k)
		 JOIN criteria r USING (k) JOIN sections s USING (section)
	WHERE f.score IS NOT NULL AND u.p IS NOT NULL
	GROUP BY e.id, e.agent, s.pos HAVING sum(r.w) > 0;

CREATE TEMP TABLE by_agent AS
	SELECT agent, weighted_rubric(scores, r) AS s, weighted_rubric(scores, flat) AS f,
		   weighted_rubric(scores, w, m, c) AS a
	FROM evals, defs GROUP BY agent;

SELECT ok((SELECT count(DISTINCT id) FROM reference_sections) > 600
		  AND (SELECT count(*) FROM reference_sections x JOIN reference f USING (id)
			   WHERE f.autofail AND x.score > 0) > 50,
		  'hundreds of evaluations with section scores, and auto-failed ones with sections above 0');
SELECT is((SELECT count(*) FROM evals, defs
		   WHERE rubric_score(scores, r) IS DISTINCT FROM rubric_score(scores, w, m, c)
			  OR rubric_score(scores, flat) IS DISTINCT FROM rubric_score(scores, w, m, c)),
		  0::bigint, 'rubric_score(scores, r) is identical to the array form, with or without sections');
SELECT is((SELECT count(*) FROM evals e JOIN reference f USING (id), defs
		   WHERE (rubric_score(e.scores, r) IS NULL) <> (f.score IS NULL)
			  OR abs(rubric_score(e.scores, r) - f.score) > 5e-10),
		  0::bigint, 'rubric_score(scores, r) equals the plain-SQL rule for every evaluation');
SELECT is((SELECT count(*) FROM by_agent
		   WHERE (score(f), responses(f), autofails(f), autofail_rate(f), criterion_scores(f),
				  criterion_responses(f), distribution(f), lower_bound(f), upper_bound(f),
				  pass_rate(f, 80), status(f, 60))
				 IS DISTINCT FROM
				 (score(a), responses(a), autofails(a), autofail_rate(a), criterion_scores(a),
				  criterion_responses(a), distribution(a), lower_bound(a), upper_bound(a),
				  pass_rate(a, 80), status(a, 60))),
		  0::bigint, 'on a rubric without sections every figure is identical to the array form''s');
SELECT is((SELECT count(*) FROM by_agent
		   WHERE regexp_replace(f::text, ' rubric=[0-9a-f]{16} sections=0 section_sums= section_counts=$', '')
				 IS DISTINCT FROM a::text),
		  0::bigint, 'and so is the text form, but for the recorded rubric');
SELECT is((SELECT count(*) FROM by_agent
		   WHERE (score(s), autofails(s), criterion_scores(s), distribution(s))
				 IS DISTINCT FROM (score(a), autofails(a), criterion_scores(a), distribution(a))),
		  0::bigint, 'sections leave the evaluation score, auto-fails and criterion scores unchanged');
SELECT is((SELECT count(*) FROM by_agent b, generate_series(1, 2) pos
		   WHERE s IS NOT NULL AND (
				 (section_scores(s))[pos] IS DISTINCT FROM
				 (SELECT avg(round(x.score, 9)) FROM reference_sections x
				  WHERE x.agent = b.agent AND x.pos = pos.pos)::float8
				 AND NOT abs((section_scores(s))[pos] -
						 (SELECT avg(round(x.score, 9)) FROM reference_sections x
						  WHERE x.agent = b.agent AND x.pos = pos.pos)) <= 1e-9)),
		  0::bigint, 'section_scores() equals the plain-SQL mean of each section per agent');
SELECT is((SELECT array_agg(array_length(section_scores(s), 1)) FILTER (WHERE s IS NOT NULL)
				  = array_fill(2, ARRAY[count(s)::integer])
		   FROM by_agent),
		  true, 'section_scores() has one element per section');
SELECT is((SELECT section_names(r) FROM defs), '{"Soft skills",Resolution}'::text[],
		  'section_names() in order of first appearance');
SELECT is((SELECT criterion_names(r) FROM defs),
		  (SELECT array_agg(name ORDER BY k) FROM criteria), 'criterion_names() in order');
SELECT is((SELECT section_scores(a) FROM by_agent WHERE agent = 1), '{}'::float8[],
		  'an array-form summary has no sections');

-- Rollups are exact; moving windows equal recomputed frames.
CREATE TEMP TABLE daily AS
	SELECT agent, day, weighted_rubric(scores, r) AS s FROM evals, defs GROUP BY agent, day;
SELECT is((SELECT count(*) FROM by_agent b
		   JOIN (SELECT agent, rollup(s) AS r FROM daily GROUP BY agent) d USING (agent)
		   WHERE d.r IS DISTINCT FROM b.s),
		  0::bigint, 'rollup of daily summaries equals weighted_rubric over all rows, per agent');
CREATE TEMP TABLE numbered AS
	SELECT agent, row_number() OVER (PARTITION BY agent ORDER BY id) AS rn, scores
	FROM evals WHERE agent IN (1, 2, 7);
SELECT is((SELECT count(*) FROM (
			   SELECT agent, rn, weighted_rubric(scores, r)
						 OVER (PARTITION BY agent ORDER BY rn ROWS 9 PRECEDING) AS moving
			   FROM numbered, defs) x
		   WHERE moving IS DISTINCT FROM
			   (SELECT weighted_rubric(scores, r) FROM numbered b, defs
				WHERE b.agent = x.agent AND b.rn BETWEEN x.rn - 9 AND x.rn)),
		  0::bigint, 'weighted_rubric(scores, r) over ROWS 9 PRECEDING equals each frame recomputed');
SELECT is((SELECT count(*) FROM (
			   SELECT agent, day, rollup(s) OVER (PARTITION BY agent ORDER BY day
												  ROWS 3 PRECEDING) AS moving
			   FROM daily WHERE agent < 4) x
		   WHERE moving IS DISTINCT FROM
			   (SELECT rollup(s) FROM (
					SELECT s FROM daily b WHERE b.agent = x.agent AND b.day <= x.day
					ORDER BY day DESC LIMIT 4) f)),
		  0::bigint, 'rollup over ROWS 3 PRECEDING equals each frame recomputed');

-- Text and binary forms round-trip.
SELECT is((SELECT count(*) FROM daily WHERE s::text::rubric_summary IS DISTINCT FROM s),
		  0::bigint, 'summaries with sections read back from their text form');
\ir helpers/binary_copy.psql
CREATE TEMP TABLE copied (agent integer, day date, s rubric_summary);
SELECT lives_ok($$SELECT pg_temp.copy_through_binary_file('SELECT agent, day, s FROM daily', 'copied')$$,
				'COPY BINARY writes and reads summaries with sections');
SELECT is((SELECT count(*) FROM daily d JOIN copied c USING (agent, day) WHERE c.s = d.s),
		  (SELECT count(*) FROM daily), 'every one reads back unchanged');
CREATE TEMP TABLE copied_defs (r rubric, flat rubric);
SELECT lives_ok($$SELECT pg_temp.copy_through_binary_file('SELECT r, flat FROM defs', 'copied_defs')$$,
				'COPY BINARY writes and reads rubrics');
SELECT is((SELECT (c.r = d.r AND c.flat = d.flat AND d.r::text::rubric = d.r
				   AND d.r::jsonb = c.r::jsonb) FROM defs d, copied_defs c),
		  true, 'rubrics read back unchanged from binary and text');
SELECT is((SELECT r::jsonb -> 'criteria' -> 5 FROM defs),
		  '{"name": "resolution", "weight": 3, "max_score": 2, "critical": true, "section": "Resolution"}'::jsonb,
		  'the jsonb form lists each criterion');

-- Summaries of different rubrics do not merge.
SELECT throws_ok($$SELECT rollup(x) FROM (SELECT s FROM by_agent UNION ALL SELECT f FROM by_agent) u(x)$$,
				 '22023', 'cannot combine summaries of different rubrics',
				 'rollup of summaries of two rubrics raises 22023');
SELECT throws_ok($$SELECT rollup(x) FROM (SELECT f FROM by_agent UNION ALL SELECT a FROM by_agent) u(x)$$,
				 '22023', 'cannot combine a summary made from a rubric value with one made from arrays',
				 'rollup of a rubric-form and an array-form summary raises 22023');
SELECT throws_ok($$SELECT weighted_rubric(scores, CASE WHEN id % 2 = 0 THEN r ELSE flat END)
				   FROM evals, defs$$,
				 '22023', NULL, 'one aggregate over two rubrics raises 22023');
SELECT throws_ok($$SELECT difference(s, f) FROM by_agent WHERE agent = 1$$,
				 '22023', 'cannot combine summaries of different rubrics',
				 'comparing summaries of two rubrics raises 22023');
SELECT throws_ok($$SELECT p_value(f, a) FROM by_agent WHERE agent = 1$$,
				 '22023', NULL, 'comparing a rubric-form and an array-form summary raises 22023');
SELECT is((SELECT difference(s, s2) FROM by_agent b,
				  LATERAL (SELECT s AS s2 FROM by_agent WHERE agent = 2) o WHERE agent = 1),
		  (SELECT score(s) FROM by_agent WHERE agent = 1) - (SELECT score(s) FROM by_agent WHERE agent = 2),
		  'summaries of one rubric compare');
SELECT is((SELECT rollup(x) FROM (SELECT a FROM by_agent) u(x)),
		  (SELECT weighted_rubric(scores, w, m, c) FROM evals, defs),
		  'array-form summaries merge with each other as before');

-- SQLSTATEs of bad definitions and evaluations.
SELECT throws_ok($$SELECT rubric('{a,b,a}', '{1,1,1}')$$, '22023', NULL, 'duplicate names raise 22023');
SELECT throws_ok($$SELECT rubric('{a,NULL}', '{1,1}')$$, '22004', NULL, 'a NULL name raises 22004');
SELECT throws_ok($$SELECT rubric('{a,b}', '{1}')$$, '2202E', NULL, 'arrays of different lengths raise 2202E');
SELECT throws_ok($$SELECT rubric('{{a}}', '{{1}}')$$, '2202E', NULL, 'a multi-dimensional array raises 2202E');
SELECT throws_ok($$SELECT rubric('{}', '{}')$$, '22023', NULL, 'a rubric of no criteria raises 22023');
SELECT throws_ok($$SELECT rubric('{a}', '{-1}')$$, '22023', NULL, 'a negative weight raises 22023');
SELECT throws_ok($$SELECT rubric('{a}', '{1}', '{0}')$$, '22023', NULL, 'a maximum of 0 raises 22023');
SELECT throws_ok($$SELECT rubric('{a}', '{NULL}')$$, '22004', NULL, 'a NULL weight raises 22004');
SELECT throws_ok($$SELECT rubric('{a}', '{1}', '{1}', '{NULL}')$$, '22004', NULL,
				 'a NULL critical flag raises 22004');
SELECT throws_ok($$SELECT rubric(array_fill('x'::text, ARRAY[1001]), array_fill(1::float8, ARRAY[1001]))$$,
				 '22023', NULL, 'more than 1000 criteria raise 22023');
SELECT throws_ok($$SELECT rubric_score('{1,1}', rubric('{a}', '{1}'))$$, '2202E', NULL,
				 'scores of another length than the rubric raise 2202E');
SELECT throws_ok($$SELECT weighted_rubric(x, rubric('{a}', '{1}', '{2}')) FROM (VALUES ('{3}'::float8[])) v(x)$$,
				 '22003', NULL, 'a score above its maximum raises 22003');
SELECT throws_ok($$SELECT rubric_score('{NaN}', rubric('{a}', '{1}'))$$, '22023', NULL,
				 'a NaN score raises 22023');
SELECT throws_ok($$SELECT 'v1 names={a} weights={1}'::rubric$$, '22P02', NULL,
				 'malformed rubric text raises 22P02');

-- Issue 12, section 2: moving frames that empty out and refill with
-- evaluations of other criteria counts, and of other rubrics, equal the
-- plain aggregate over each frame.
CREATE TEMP TABLE shapes AS
	SELECT g AS id,
		   CASE WHEN g % 10 >= 7 THEN NULL
				WHEN g % 30 < 10 THEN ARRAY[g % 2, (g % 3) / 2.0, 1]::float8[]
				WHEN g % 30 < 20 THEN ARRAY[1, g % 2, 0.5, (g % 5) / 4.0, 1]::float8[]
				ELSE ARRAY[(g % 4) / 3.0]::float8[] END AS sc
	FROM generate_series(1, 120) g;
SELECT is((SELECT count(*) FROM (
			   SELECT id, weighted_rubric(sc, array_fill(1::float8, ARRAY[coalesce(array_length(sc, 1), 1)]))
						 OVER (ORDER BY id ROWS 2 PRECEDING) AS moving
			   FROM shapes) x
		   WHERE moving IS DISTINCT FROM
			   (SELECT weighted_rubric(sc, array_fill(1::float8, ARRAY[coalesce(array_length(sc, 1), 1)]))
				FROM shapes b WHERE b.id BETWEEN x.id - 2 AND x.id)),
		  0::bigint, 'array form: frames that empty out and refill with another criteria count');
CREATE TEMP TABLE shape_rubrics AS
	SELECT n, rubric((SELECT array_agg('c' || i) FROM generate_series(1, n) i),
					 array_fill(1::float8, ARRAY[n]), array_fill(1::float8, ARRAY[n]),
					 array_fill(false, ARRAY[n]), array_fill('S'::text, ARRAY[n])) AS r
	FROM (VALUES (1), (3), (5)) v(n);
SELECT is((SELECT count(*) FROM (
			   SELECT id, weighted_rubric(sc, r) OVER (ORDER BY id ROWS 2 PRECEDING) AS moving
			   FROM shapes LEFT JOIN shape_rubrics ON n = array_length(sc, 1)) x
		   WHERE moving IS DISTINCT FROM
			   (SELECT weighted_rubric(sc, r) FROM shapes b
				LEFT JOIN shape_rubrics ON n = array_length(sc, 1)
				WHERE b.id BETWEEN x.id - 2 AND x.id)),
		  0::bigint, 'rubric form: frames that empty out and refill with another rubric');

-- Issue 12, section 3: the inverse functions take out only what was put in.
CREATE TEMP TABLE held AS
	SELECT weighted_rubric(x, '{1}'::float8[]) AS two,
		   weighted_rubric(x, '{1}'::float8[]) FILTER (WHERE x = '{0.5}') AS first
	FROM (VALUES ('{0.5}'::float8[]), ('{0.509}')) v(x);
SELECT is((SELECT weighted_rubric_inverse(two, '{0.509}', '{1}') FROM held),
		  (SELECT first FROM held), 'taking an evaluation back out leaves the others');
SELECT is((SELECT rubric_summary_unmerge(two, rubric_summary_unmerge(two, first)) FROM held),
		  (SELECT first FROM held), 'taking a summary back out leaves the others');
SELECT throws_ok($$SELECT weighted_rubric_inverse(two, '{0.7}', '{1}') FROM held$$,
				 '22023', NULL, 'taking out an evaluation of an empty bin raises 22023');
SELECT throws_ok($$SELECT weighted_rubric_inverse(two, '{0.505}', '{1}') FROM held$$,
				 '22023', NULL, 'taking out a score that was never added, in a held bin, raises 22023');
SELECT throws_ok($$SELECT weighted_rubric_inverse(NULL, '{0.5}', '{1}')$$,
				 '22023', NULL, 'taking an evaluation out of no summary raises 22023');
SELECT throws_ok($$SELECT weighted_rubric_inverse(two, '{0.5,1}', '{1,1}') FROM held$$,
				 '22023', NULL, 'taking out an evaluation of another criteria count raises 22023');
SELECT throws_ok($$SELECT rubric_summary_unmerge(first, two) FROM held$$,
				 '22023', NULL, 'taking out a summary that holds more raises 22023');
SELECT throws_ok($$SELECT rubric_summary_unmerge(two, (SELECT weighted_rubric('{1,1}'::float8[], '{1,1}'))) FROM held$$,
				 '22023', 'cannot combine rubrics with different numbers of criteria',
				 'unmerge with different criteria counts raises 22023');
SELECT throws_ok($$SELECT rubric_summary_unmerge(('v1 criteria=0 autofails=0 score_sum=0 score_squares=0 distribution='
						   || array_to_string(array_fill(0, ARRAY[101]), ',')
						   || ' criterion_sums= criterion_counts=')::rubric_summary, two) FROM held$$,
				 '22023', NULL, 'taking a summary out of the empty summary raises 22023');

-- Issue 12, sections 4 and 5: input refuses sums that the counts rule out,
-- and criteria beyond 1000 are out of range.
CREATE FUNCTION pg_temp.one_bin(score_sum text, squares text) RETURNS text LANGUAGE sql AS $$
	SELECT format('SELECT %L::rubric_summary',
				  'v1 criteria=1 autofails=0 score_sum=' || score_sum || ' score_squares=' || squares
				  || ' distribution=' || repeat('0,', 62) || '1' || repeat(',0', 38)
				  || ' criterion_sums=' || score_sum || ' criterion_counts=1')
$$;
SELECT lives_ok(pg_temp.one_bin('62500000000', '3906250000000000000000'),
				'one evaluation of 62.5 whose sum of squares is 62.5^2 reads');
SELECT throws_ok(pg_temp.one_bin('62500000000', '3906250000000000000001'),
				 '22P02', NULL, 'one evaluation whose sum of squares is sum^2 + 1 raises 22P02');
SELECT throws_ok(format('SELECT %L::rubric_summary',
						'v1 criteria=1 autofails=0 score_sum=100000000000 score_squares=6000000000000000000000 distribution=1'
						|| repeat(',0', 99) || ',1 criterion_sums=100000000000 criterion_counts=2'),
				 '22P02', NULL, 'scores of 0..1 and 100 whose sum of squares is too small for their bins raise 22P02');
SELECT throws_ok($$SELECT 'v1 criteria=1001 autofails=0'::rubric_summary$$, '22003', NULL,
				 'criteria=1001 in text raises 22003');
CREATE TEMP TABLE one_summary (s rubric_summary);
SELECT throws_ok($$SELECT pg_temp.load_binary('\x01'::bytea || int8send(1001))$$, '22003', NULL,
				 'criteria 1001 in binary raises 22003');

-- Issue 12, section 6: a corrupt value (right version and size, wrong
-- header) raises XX001 wherever it is read.  The corrupt bytes are written
-- through byteasend, which returns its argument unchanged.
CREATE FUNCTION pg_temp.as_summary(bytea) RETURNS rubric_summary
	LANGUAGE internal IMMUTABLE STRICT AS 'byteasend';
CREATE FUNCTION pg_temp.summary_bytes(rubric_summary) RETURNS bytea
	LANGUAGE internal IMMUTABLE STRICT AS 'byteasend';
CREATE FUNCTION pg_temp.as_rubric(bytea) RETURNS rubric
	LANGUAGE internal IMMUTABLE STRICT AS 'byteasend';
CREATE FUNCTION pg_temp.rubric_bytes(rubric) RETURNS bytea
	LANGUAGE internal IMMUTABLE STRICT AS 'byteasend';
-- The SQLSTATE of a query, or 'none'.
CREATE FUNCTION pg_temp.sqlstate_of(query text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE query;
	RETURN 'none';
EXCEPTION WHEN OTHERS THEN
	RETURN SQLSTATE;
END $$;
-- Bytes of the payload (after the 4-byte length): 1 version, 2 kind,
-- 3 scale, 4 reserved, 5-8 criteria, 9-12 sections.
CREATE TEMP TABLE corrupt AS
	SELECT what, pg_temp.as_summary(overlay(pg_temp.summary_bytes(s) PLACING bytes FROM pos)) AS bad
	FROM (SELECT weighted_rubric('{1,0.5,1}'::float8[], '{1,1,1}') AS s) v,
		 (VALUES ('version 2', '\x02'::bytea, 1), ('kind 7', '\x07', 2), ('kind 1 without a fingerprint', '\x01', 2),
				 ('scale 5', '\x05', 3), ('reserved byte', '\x01', 4), ('criteria 4', '\x04000000', 5),
				 ('criteria -1', '\xffffffff', 5), ('sections 1 without a rubric', '\x01000000', 9))
		 c(what, bytes, pos);
CREATE TEMP TABLE readers (reader text);
INSERT INTO readers VALUES ('score(%s)'), ('responses(%s)'), ('(%s)::text'), ('(%s)::jsonb'),
	('section_scores(%s)'), ('criterion_scores(%s)'), ('rubric_summary_send(%s)'),
	('rollup(x) FROM (SELECT %s) v(x)'), ('rubric_summary_merge(weighted_rubric(''{1}''::float8[], ''{1}''), %s)'),
	('rubric_summary_merge(%s, weighted_rubric(''{1}''::float8[], ''{1}''))'),
	('rubric_summary_unmerge(%s, weighted_rubric(''{1}''::float8[], ''{1}''))'),
	('weighted_rubric_trans(%s, ''{1,1,1}'', ''{1,1,1}'')'),
	('weighted_rubric_inverse(%s, ''{1,1,1}'', ''{1,1,1}'')');
SELECT is((SELECT array_agg(DISTINCT pg_temp.sqlstate_of(
				format('SELECT ' || reader, format('(SELECT bad FROM corrupt WHERE what = %L)', what))))
		   FROM corrupt, readers),
		  '{XX001}'::text[], 'every reader of every corrupt rubric_summary raises XX001');
-- Rubrics: 1 version, 5-8 criteria, 9-12 sections, 13-16 names_size, then
-- after the fingerprint (21-28) the weights (29-) of the 6 criteria, the
-- maximums, the sections (int16, 125-136) and the critical flags (137-142).
CREATE TEMP TABLE corrupt_rubrics AS
	SELECT what, pg_temp.as_rubric(overlay(pg_temp.rubric_bytes(r) PLACING bytes FROM pos)) AS bad
	FROM defs,
		 (VALUES ('version 2', '\x02'::bytea, 1), ('criteria 5', '\x05000000', 5),
				 ('sections 7', '\x07000000', 9), ('names_size 3', '\x03000000', 13),
				 ('weight NaN', '\x000000000000f87f', 29), ('section 9', '\x0900', 125),
				 ('critical flag 2', '\x02', 137))
		 c(what, bytes, pos);
CREATE TEMP TABLE rubric_readers (reader text);
INSERT INTO rubric_readers VALUES ('(%s)::text'), ('(%s)::jsonb'), ('criterion_names(%s)'),
	('section_names(%s)'), ('rubric_send(%s)'), ('rubric_score(''{1,1,1,1,1,1}'', %s)'),
	('weighted_rubric(''{1,1,1,1,1,1}'', %s)');
SELECT is((SELECT array_agg(DISTINCT pg_temp.sqlstate_of(
				format('SELECT ' || reader, format('(SELECT bad FROM corrupt_rubrics WHERE what = %L)', what))))
		   FROM corrupt_rubrics, rubric_readers),
		  '{XX001}'::text[], 'every reader of every corrupt rubric raises XX001');
SELECT is((SELECT array_agg(pg_temp.sqlstate_of(format('SELECT (%L::rubric)::text', r::text)))
		   FROM defs), '{none}'::text[], 'and the uncorrupted rubric reads');

SELECT * FROM finish();
ROLLBACK;
