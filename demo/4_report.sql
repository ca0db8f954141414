-- The printed scorecard: the targets, then per team and month every metric
-- with its status against its target (customer surveys in one table,
-- operations and quality in another), the year per team, each agent's QA
-- with their weakest rubric criterion, and a cross-check of every figure
-- against plain SQL over the raw rows.

\echo
\echo 'Targets.  status: green when the 95% interval lies wholly on the good side of'
\echo 'the target, red when wholly on the bad side, amber when the target is inside it.'
SELECT metric, target, meaning FROM scorecard_targets
ORDER BY array_position(ARRAY['nps', 'csat', 'ces', 'fcr', 'qa', 'aht'], metric);

\echo 'Monthly scorecard per team: customer surveys'
\echo '(NPS with its 95% adjusted-Wald interval and the answers behind it; CSAT:'
\echo 'percent satisfied; CES: mean ease rating of 7)'
SELECT team,
       to_char(month, 'YYYY-MM') AS month,
       nps_responses AS answers,
       to_char(nps, 'S990.0') || ' ' || nps_status AS nps,
       format('[%s, %s]', to_char(nps_low, 'FMS990.0'), to_char(nps_high, 'FMS990.0')) AS nps_95,
       to_char(csat, '990.0') || ' ' || csat_status AS csat,
       to_char(ces, '0.00') || ' ' || ces_status AS ces
FROM team_monthly_scorecard
ORDER BY team, month;

\echo 'Monthly scorecard per team: operations and quality'
\echo '(FCR: percent resolved on first contact; QA: mean evaluation score over the'
\echo 'evaluations of the month''s contacts; AHT: mean handle time and 90th percentile, s)'
SELECT team,
       to_char(month, 'YYYY-MM') AS month,
       to_char(fcr, '990.0') || ' ' || fcr_status AS fcr,
       qa_evaluations AS evaluations,
       to_char(qa, '990.0') || ' ' || qa_status AS qa,
       to_char(aht, '9990') || ' ' || aht_status AS aht,
       round(aht_p90) AS aht_p90
FROM team_monthly_scorecard
ORDER BY team, month;

\echo 'The year per team and for all teams: the daily summaries rolled up again'
SELECT coalesce(yearly.team, 'All teams') AS team,
       to_char(nps(nps), 'S990.0') AS nps,
       format('[%s, %s]', to_char(lower_bound(nps), 'FMS990.0'),
              to_char(upper_bound(nps), 'FMS990.0')) AS nps_95,
       round(csat(csat)::numeric, 1) AS csat,
       round(ces(ces)::numeric, 2) AS ces,
       round(percent(fcr)::numeric, 1) AS fcr,
       round(score(qa)::numeric, 1) AS qa,
       round(mean(aht)) AS aht,
       round(percentile(aht, 0.9)) AS aht_p90
FROM (
    SELECT t.team_name AS team, rollup(d.nps) AS nps, rollup(d.csat) AS csat,
           rollup(d.ces) AS ces, rollup(d.fcr) AS fcr, rollup(d.aht) AS aht
    FROM agent_daily d JOIN agents a USING (agent_id) JOIN teams t USING (team_id)
    GROUP BY ROLLUP (t.team_name)
) yearly
LEFT JOIN (
    SELECT t.team_name AS team, rollup(q.qa) AS qa
    FROM agent_daily_qa q JOIN agents a USING (agent_id) JOIN teams t USING (team_id)
    GROUP BY ROLLUP (t.team_name)
) quality ON quality.team IS NOT DISTINCT FROM yearly.team
ORDER BY yearly.team IS NULL, nps(nps) DESC;

\echo 'Agents: the year''s QA score with its 95% interval and status against the target,'
\echo 'the percent of evaluations auto-failed on compliance, and the weakest rubric'
\echo 'criterion with its score (mean percent of its maximum points where it applied)'
SELECT agent_name AS agent,
       team_name AS team,
       responses(qa) AS evals,
       to_char(score(qa), 'FM990.0') || ' ' || status(qa, (SELECT target FROM scorecard_targets
                                                          WHERE metric = 'qa')) AS qa,
       format('[%s, %s]', to_char(lower_bound(qa), 'FM990.0'),
              to_char(upper_bound(qa), 'FM990.0')) AS qa_95,
       round(autofail_rate(qa)::numeric, 1) AS autofail,
       weakest.name || ' ' || round(weakest.score::numeric) AS weakest_criterion
FROM (
    SELECT agent_id, rollup(qa) AS qa FROM agent_daily_qa GROUP BY agent_id
) yearly
JOIN agents USING (agent_id)
JOIN teams USING (team_id)
CROSS JOIN LATERAL (
    SELECT c.name, u.score
    FROM unnest(criterion_scores(qa)) WITH ORDINALITY u(score, criterion)
    JOIN rubric_criteria c USING (criterion)
    ORDER BY u.score, c.criterion
    LIMIT 1
) weakest
ORDER BY agent_id;

\echo 'Cross-check: every figure above from the daily summaries, against plain SQL'
\echo 'over the raw rows, for all team-months (and per agent, the weakest criterion)'
WITH raw AS (
    SELECT t.team_name AS team, date_trunc('month', i.created_at)::date AS month,
           100.0 * (count(*) FILTER (WHERE nps_score >= 9)
                    - count(*) FILTER (WHERE nps_score <= 6)) / count(nps_score) AS nps,
           100.0 * count(*) FILTER (WHERE csat_rating >= 4) / count(csat_rating) AS csat,
           avg(ces_rating) AS ces,
           100.0 * count(*) FILTER (WHERE resolved_first_contact) / count(*) AS fcr,
           avg(handle_seconds) AS aht,
           percentile_disc(0.9) WITHIN GROUP (ORDER BY handle_seconds) AS aht_p90
    FROM interactions i JOIN agents a USING (agent_id) JOIN teams t USING (team_id)
    GROUP BY 1, 2
),
-- each evaluation's points as rows: N/A criteria drop out, and a failed
-- critical criterion makes the evaluation score 0
evaluation_points AS (
    SELECT e.evaluation_id, e.interaction_id, c.criterion, c.weight, c.critical,
           100.0 * p.points / c.max_points AS percent
    FROM qa_evaluations e
    CROSS JOIN LATERAL unnest(ARRAY[e.greeting, e.listening, e.knowledge, e.communication,
                                    e.empathy, e.compliance]) WITH ORDINALITY p(points, criterion)
    JOIN rubric_criteria c USING (criterion)
    WHERE p.points IS NOT NULL
),
evaluation_scores AS (
    SELECT interaction_id,
           CASE WHEN bool_or(critical AND percent < 50) THEN 0
                ELSE sum(weight * percent) / sum(weight) END AS score
    FROM evaluation_points
    GROUP BY evaluation_id, interaction_id
),
raw_qa AS (
    SELECT t.team_name AS team, date_trunc('month', i.created_at)::date AS month,
           avg(s.score) AS qa
    FROM evaluation_scores s JOIN interactions i USING (interaction_id)
    JOIN agents a USING (agent_id) JOIN teams t USING (team_id)
    GROUP BY 1, 2
),
raw_weakest AS (
    SELECT DISTINCT ON (i.agent_id) i.agent_id, c.name
    FROM evaluation_points p JOIN interactions i USING (interaction_id)
    JOIN rubric_criteria c USING (criterion)
    GROUP BY i.agent_id, p.criterion, c.name
    ORDER BY i.agent_id, avg(p.percent), p.criterion
),
differences AS (
    SELECT abs(s.nps - r.nps) AS nps, abs(s.csat - r.csat) AS csat, abs(s.ces - r.ces) AS ces,
           abs(s.fcr - r.fcr) AS fcr, abs(s.qa - q.qa) AS qa, abs(s.aht - r.aht) AS aht,
           abs(s.aht_p90 - r.aht_p90) / r.aht_p90 AS aht_p90
    FROM team_monthly_scorecard s
    JOIN raw r USING (team, month)
    JOIN raw_qa q USING (team, month)
)
SELECT figure, compared, largest_difference, allowed
FROM (SELECT count(*) AS n, max(nps) AS nps, max(csat) AS csat, max(ces) AS ces,
             max(fcr) AS fcr, max(qa) AS qa, max(aht) AS aht, max(aht_p90) AS aht_p90
      FROM differences) d
CROSS JOIN LATERAL (VALUES
    ('NPS', d.n, round(d.nps::numeric, 9)::text, 'rounding'),
    ('CSAT %', d.n, round(d.csat::numeric, 9)::text, 'rounding'),
    ('CES mean', d.n, round(d.ces::numeric, 9)::text, 'rounding'),
    ('FCR %', d.n, round(d.fcr::numeric, 9)::text, 'rounding'),
    ('QA score', d.n, round(d.qa::numeric, 9)::text, 'rounding'),
    ('AHT mean, s', d.n, round(d.aht::numeric, 9)::text, 'rounding'),
    ('AHT p90, relative to percentile_disc', d.n,
     to_char(100 * d.aht_p90, 'FM0.000') || '%', 'under 1%')
) v(figure, compared, largest_difference, allowed)
UNION ALL
SELECT 'weakest criterion per agent', count(*),
       count(*) FILTER (WHERE w.name IS DISTINCT FROM r.name) || ' differ', 'none'
FROM (
    SELECT agent_id, (SELECT c.name
                      FROM unnest(criterion_scores(rollup(qa))) WITH ORDINALITY u(score, criterion)
                      JOIN rubric_criteria c USING (criterion)
                      ORDER BY u.score, c.criterion LIMIT 1) AS name
    FROM agent_daily_qa GROUP BY agent_id
) w
FULL JOIN raw_weakest r USING (agent_id);
