-- Counts of a NULL summary are 0, as count() of no rows is; figures stay
-- NULL.  So responses(nps_agg(x)) = count(x) for every group, empty ones
-- included, and so does every other count against plain SQL.
BEGIN;
SELECT plan(24);

-- Six groups: 0 to 3 have answers, some NULL; 4 has rows whose answers are
-- all NULL; 5 has no rows at all (an outer join brings it in).
CREATE TEMP TABLE answers AS
	SELECT g % 4 AS grp, g,
		   CASE WHEN g % 7 = 0 THEN NULL ELSE g % 11 END AS score,
		   CASE WHEN g % 5 = 0 THEN NULL ELSE 1 + g % 5 END AS rating,
		   CASE WHEN g % 6 = 0 THEN NULL ELSE g % 3 = 0 END AS resolved,
		   CASE WHEN g % 9 = 0 THEN NULL ELSE (g * 13 % 700)::float8 END AS secs,
		   CASE WHEN g % 8 = 0 THEN NULL ELSE make_interval(secs => g * 3 % 45) END AS wait,
		   g % 4 <> 1 AS answered,
		   CASE WHEN g % 10 = 0 THEN NULL
				ELSE ARRAY[(g % 3) / 2.0, (g % 5) / 4.0]::float8[] END AS points
	FROM generate_series(1, 400) g
	UNION ALL
	SELECT 4, g, NULL, NULL, NULL, NULL, NULL, NULL, NULL FROM generate_series(1, 5) g;
CREATE TEMP TABLE groups AS SELECT generate_series(0, 5) AS grp;

CREATE TEMP TABLE by_group AS
	SELECT grp,
		   nps_agg(score) AS nps, count(score) AS n_score,
		   count(*) FILTER (WHERE score >= 9) AS n_promoters,
		   count(*) FILTER (WHERE score BETWEEN 7 AND 8) AS n_passives,
		   count(*) FILTER (WHERE score <= 6) AS n_detractors,
		   csat_agg(rating) AS csat, ces_agg(rating) AS ces, count(rating) AS n_rating,
		   rate_agg(resolved) AS fcr, count(resolved) AS n_resolved,
		   count(*) FILTER (WHERE resolved) AS n_true,
		   weighted_rubric(points, '{1,1}', '{1,1}', '{t,f}') AS qa, count(points) AS n_points,
		   count(*) FILTER (WHERE points[1] < 0.5) AS n_autofail,
		   aht_agg(secs) AS aht, count(secs) AS n_secs,
		   queue_agg(wait, answered) AS queue,
		   count(*) FILTER (WHERE wait IS NOT NULL AND answered IS NOT NULL) AS n_offered,
		   count(*) FILTER (WHERE wait IS NOT NULL AND answered) AS n_answered,
		   count(*) FILTER (WHERE wait IS NOT NULL AND NOT answered) AS n_abandoned,
		   count(*) FILTER (WHERE wait < interval '5 s' AND NOT answered) AS n_short
	FROM groups LEFT JOIN answers USING (grp) GROUP BY grp;

SELECT is((SELECT string_agg(grp || ':' || n_score || '/' || (nps IS NULL), ' ' ORDER BY grp)
		   FROM by_group),
		  '0:86/false 1:86/false 2:86/false 3:85/false 4:0/true 5:0/true',
		  'the fixture: groups 4 (all NULL) and 5 (no rows) aggregate to NULL summaries');

SELECT is((SELECT count(*) FROM by_group
		   WHERE (responses(nps), promoters(nps), passives(nps), detractors(nps))
				 IS DISTINCT FROM (n_score, n_promoters, n_passives, n_detractors)),
		  0::bigint, 'nps_summary: responses, promoters, passives, detractors = count() in every group');
SELECT is((SELECT count(*) FROM by_group
		   WHERE (responses(csat), responses(ces)) IS DISTINCT FROM (n_rating, n_rating)),
		  0::bigint, 'rating_summary: responses = count() in every group');
SELECT is((SELECT count(*) FROM by_group
		   WHERE (responses(fcr), successes(fcr)) IS DISTINCT FROM (n_resolved, n_true)),
		  0::bigint, 'rate_summary: responses, successes = count() in every group');
SELECT is((SELECT count(*) FROM by_group
		   WHERE (responses(qa), autofails(qa)) IS DISTINCT FROM (n_points, n_autofail)),
		  0::bigint, 'rubric_summary: responses, autofails = count() in every group');
SELECT is((SELECT count(*) FROM by_group WHERE responses(aht) IS DISTINCT FROM n_secs),
		  0::bigint, 'duration_summary: responses = count() in every group');
SELECT is((SELECT count(*) FROM by_group
		   WHERE (offered(queue), answered(queue), abandoned(queue), short_abandoned(queue),
				  responses(queue))
				 IS DISTINCT FROM (n_offered, n_answered, n_abandoned, n_short, n_offered)),
		  0::bigint, 'queue_summary: offered, answered, abandoned, short_abandoned = count() in every group');

-- the empty groups: counts 0 and figures NULL
SELECT is((SELECT string_agg(concat_ws(',', responses(nps), promoters(nps), passives(nps),
										detractors(nps), responses(csat), responses(ces),
										responses(fcr), successes(fcr), responses(qa),
										autofails(qa), responses(aht), offered(queue),
										answered(queue), abandoned(queue),
										short_abandoned(queue), responses(queue)), ' ' ORDER BY grp)
		   FROM by_group WHERE grp >= 4),
		  '0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0 0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0',
		  'every count of an empty group is 0');
SELECT is((SELECT count(*) FROM by_group WHERE grp >= 4
		   AND num_nulls(nps(nps), mean(nps), lower_bound(nps), status(nps, 0), distribution(nps),
						 csat(csat), ces(ces), mean(csat), distribution(csat),
						 percent(fcr), lower_bound(fcr),
						 score(qa), autofail_rate(qa), criterion_responses(qa), distribution(qa),
						 mean(aht), percentile(aht, 0.5), total(aht), minimum(aht),
						 service_level(queue), abandonment_rate(queue), asa(queue)) = 22),
		  2::bigint, 'every figure of an empty group stays NULL');

-- A NULL summary written out, and rollups of nothing.
SELECT is(responses(NULL::nps_summary), 0::bigint, 'responses(NULL::nps_summary) is 0');
SELECT is(promoters(NULL::nps_summary) + passives(NULL::nps_summary)
		  + detractors(NULL::nps_summary), 0::bigint, 'promoters, passives, detractors of NULL are 0');
SELECT is(responses(NULL::rating_summary), 0::bigint, 'responses(NULL::rating_summary) is 0');
SELECT is(successes(NULL::rate_summary) + responses(NULL::rate_summary), 0::bigint,
		  'successes and responses of NULL::rate_summary are 0');
SELECT is(autofails(NULL::rubric_summary) + responses(NULL::rubric_summary), 0::bigint,
		  'autofails and responses of NULL::rubric_summary are 0');
SELECT is(responses(NULL::duration_summary), 0::bigint, 'responses(NULL::duration_summary) is 0');
SELECT is(offered(NULL::queue_summary) + responses(NULL::queue_summary), 0::bigint,
		  'offered and responses of NULL::queue_summary are 0');
SELECT is((SELECT responses(rollup(nps)) FROM by_group WHERE grp > 3), 0::bigint,
		  'responses of a rollup of NULL summaries is 0');
SELECT is((SELECT responses(rollup(nps)) FROM by_group WHERE false), 0::bigint,
		  'responses of a rollup of no rows is 0, as count() of no rows');
SELECT ok((SELECT nps(rollup(nps)) IS NULL FROM by_group WHERE false),
		  'and its NPS is NULL');

-- Over a window frame that holds only NULL answers, as count() over it.
SELECT is((SELECT count(*) FROM (
			   SELECT responses(nps_agg(x) OVER w) AS r, count(x) OVER w AS n
			   FROM (VALUES (1, 9), (2, NULL), (3, NULL), (4, 3)) v(i, x)
			   WINDOW w AS (ORDER BY i ROWS BETWEEN CURRENT ROW AND 1 FOLLOWING)) f
		   WHERE r IS DISTINCT FROM n), 0::bigint,
		  'responses over a moving frame of NULL answers is 0, as count() over it');

-- The calibration types: pairable items (every points array here has two
-- ratings) and items with both a score and a reference, per group.
SELECT is((SELECT count(*) FROM groups g
		   LEFT JOIN (SELECT grp, agreement_agg(points) AS s, count(points) AS n
					  FROM answers GROUP BY grp) a USING (grp)
		   WHERE responses(a.s) IS DISTINCT FROM coalesce(a.n, 0)), 0::bigint,
		  'responses(agreement_agg(x)) = count(x) of two-rating items in every group, empty ones included');
SELECT is((SELECT count(*) FROM groups g
		   LEFT JOIN (SELECT grp, calibration_agg(secs, score::float8) AS s,
							 count(*) FILTER (WHERE secs IS NOT NULL AND score IS NOT NULL) AS n
					  FROM answers GROUP BY grp) a USING (grp)
		   WHERE responses(a.s) IS DISTINCT FROM coalesce(a.n, 0)), 0::bigint,
		  'responses(calibration_agg(score, reference)) = count of rows with both, in every group');

-- The catalog: every count accessor is called on NULL input, every figure
-- is strict.
SELECT is((SELECT string_agg(p.oid::regprocedure::text, ', ' ORDER BY p.oid::regprocedure::text)
		   FROM pg_proc p JOIN pg_depend d ON d.objid = p.oid AND d.deptype = 'e'
		   JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'scorecard'
		   WHERE NOT p.proisstrict AND p.prorettype = 'bigint'::regtype AND p.pronargs = 1),
		  'abandoned(queue_summary), answered(queue_summary), autofails(rubric_summary), '
		  'detractors(nps_summary), offered(queue_summary), passives(nps_summary), '
		  'promoters(nps_summary), ratings(agreement_summary), responses(agreement_summary), '
		  'responses(calibration_summary), responses(duration_summary), responses(nps_summary), '
		  'responses(queue_summary), responses(rate_summary), responses(rating_summary), '
		  'responses(rubric_summary), short_abandoned(queue_summary), successes(rate_summary)',
		  'exactly the count accessors return bigint and are called on NULL input');
SELECT is((SELECT count(*) FROM pg_proc p JOIN pg_depend d ON d.objid = p.oid AND d.deptype = 'e'
		   JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'scorecard'
		   WHERE p.prorettype = 'bigint'::regtype AND p.proisstrict AND p.pronargs = 1),
		  0::bigint, 'no bigint accessor is left strict');

SELECT * FROM finish();
ROLLBACK;
