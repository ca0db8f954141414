-- The QA program's report: how the graders calibrate against the lead and
-- agree with each other, over the last quarter's sessions; then each
-- agent's quality score and handle time against the rest of their team,
-- and the team's month against the month before (Welch's test).

\echo
\echo 'Grader calibration over the last three sessions: evaluation scores against'
\echo 'the lead''s (bias and mean absolute difference in points; percent within'
\echo '5 points, with its 95% interval and status against a target of 80%)'
SELECT grader, responses(c) AS evaluations,
       round(bias(c)::numeric, 1) AS bias,
       round(mean_absolute_difference(c)::numeric, 1) AS mad,
       round(within_tolerance(c)::numeric, 1) AS within_5,
       format('[%s, %s]', round(lower_bound(c)::numeric, 1), round(upper_bound(c)::numeric, 1)) AS within_95,
       status(c, 80) AS status
FROM (SELECT grader, rollup(calibration) AS c FROM grader_calibration
      WHERE session > (SELECT max(session) FROM grader_calibration) - interval '3 months'
      GROUP BY grader) t
ORDER BY grader;

\echo 'Agreement of the four graders per criterion over the same sessions'
\echo '(Krippendorff''s alpha: 1 is perfect agreement, 0 what chance gives;'
\echo 'compliance is pass or fail, so nominal)'
SELECT r.name AS criterion, responses(a) AS evaluations, ratings(a) AS ratings,
       round(alpha(a, 'ordinal')::numeric, 3) AS ordinal,
       round(alpha(a, 'interval')::numeric, 3) AS interval,
       round(alpha(a, 'nominal')::numeric, 3) AS nominal
FROM (SELECT criterion, rollup(agreement) AS a FROM criterion_agreement
      WHERE session > (SELECT max(session) FROM criterion_agreement) - interval '3 months'
      GROUP BY criterion) t
JOIN rubric_criteria r USING (criterion)
ORDER BY t.criterion;

\echo 'The last full month: each agent of Billing against the rest of the team'
\echo '(QA: difference of quality scores in points; AHT: of mean handle times in'
\echo 's; 95% Welch intervals and p-values)'
WITH last_month AS (
    SELECT date_trunc('month', max(day)) - interval '1 month' AS month FROM agent_daily),
team AS (
    SELECT agent_id, agent_name FROM agents JOIN teams USING (team_id)
    WHERE team_name = 'Billing'),
qa AS (
    SELECT t.agent_id, rollup(d.qa) FILTER (WHERE d.agent_id = t.agent_id) AS mine,
           rollup(d.qa) FILTER (WHERE d.agent_id <> t.agent_id) AS rest
    FROM agent_daily_qa d JOIN team USING (agent_id) CROSS JOIN team t, last_month m
    WHERE date_trunc('month', d.day) = m.month GROUP BY t.agent_id),
aht AS (
    SELECT t.agent_id, rollup(d.aht) FILTER (WHERE d.agent_id = t.agent_id) AS mine,
           rollup(d.aht) FILTER (WHERE d.agent_id <> t.agent_id) AS rest
    FROM agent_daily d JOIN team USING (agent_id) CROSS JOIN team t, last_month m
    WHERE date_trunc('month', d.day) = m.month GROUP BY t.agent_id)
SELECT team.agent_name AS agent,
       round(score(qa.mine)::numeric, 1) AS qa,
       round(difference(qa.mine, qa.rest)::numeric, 1) AS qa_vs_team,
       format('[%s, %s]', round(difference_lower_bound(qa.mine, qa.rest)::numeric, 1),
              round(difference_upper_bound(qa.mine, qa.rest)::numeric, 1)) AS qa_95,
       round(p_value(qa.mine, qa.rest)::numeric, 3) AS qa_p,
       round(mean(aht.mine)::numeric) AS aht,
       round(difference(aht.mine, aht.rest)::numeric) AS aht_vs_team,
       format('[%s, %s]', round(difference_lower_bound(aht.mine, aht.rest)::numeric),
              round(difference_upper_bound(aht.mine, aht.rest)::numeric)) AS aht_95,
       round(p_value(aht.mine, aht.rest)::numeric, 3) AS aht_p
FROM team JOIN qa USING (agent_id) JOIN aht USING (agent_id)
ORDER BY agent;

\echo 'Each team, the last full month against the month before'
WITH months AS (
    SELECT date_trunc('month', max(day)) - interval '1 month' AS this,
           date_trunc('month', max(day)) - interval '2 months' AS last
    FROM agent_daily),
qa AS (
    SELECT a.team_id,
           rollup(d.qa) FILTER (WHERE date_trunc('month', d.day) = m.this) AS now,
           rollup(d.qa) FILTER (WHERE date_trunc('month', d.day) = m.last) AS before
    FROM agent_daily_qa d JOIN agents a USING (agent_id) CROSS JOIN months m GROUP BY a.team_id),
aht AS (
    SELECT a.team_id,
           rollup(d.aht) FILTER (WHERE date_trunc('month', d.day) = m.this) AS now,
           rollup(d.aht) FILTER (WHERE date_trunc('month', d.day) = m.last) AS before
    FROM agent_daily d JOIN agents a USING (agent_id) CROSS JOIN months m GROUP BY a.team_id)
SELECT t.team_name AS team,
       round(score(qa.now)::numeric, 1) AS qa,
       round(difference(qa.now, qa.before)::numeric, 1) AS qa_change,
       round(p_value(qa.now, qa.before)::numeric, 3) AS qa_p,
       round(mean(aht.now)::numeric) AS aht,
       round(difference(aht.now, aht.before)::numeric) AS aht_change,
       round(p_value(aht.now, aht.before)::numeric, 3) AS aht_p
FROM teams t JOIN qa USING (team_id) JOIN aht USING (team_id)
ORDER BY team;

\echo 'The last full month''s QA by section, per team: the rubric as one value,'
\echo 'knowledge and compliance its primary section, the rest secondary (section'
\echo 'scores: the mean over the evaluations where the section applied)'
WITH last_month AS (
    SELECT date_trunc('month', max(day)) - interval '1 month' AS month FROM agent_daily),
definition AS (
    SELECT rubric(array_agg(name ORDER BY criterion), array_agg(weight ORDER BY criterion),
                  array_agg(max_points ORDER BY criterion), array_agg(critical ORDER BY criterion),
                  array_agg(CASE WHEN name IN ('knowledge', 'compliance') THEN 'primary'
                                 ELSE 'secondary' END ORDER BY criterion)) AS r
    FROM rubric_criteria),
scored AS (
    SELECT t.team_name AS team, d.r,
           weighted_rubric(ARRAY[e.greeting, e.listening, e.knowledge,
                                 e.communication, e.empathy, e.compliance]::float8[], d.r) AS qa
    FROM qa_evaluations e
    JOIN interactions i USING (interaction_id)
    JOIN agents a USING (agent_id)
    JOIN teams t USING (team_id)
    CROSS JOIN definition d
    WHERE date_trunc('month', i.created_at) = (SELECT month FROM last_month)
    GROUP BY t.team_name, d.r)
SELECT team, responses(qa) AS evaluations, round(score(qa)::numeric, 1) AS qa,
       round((section_scores(qa))[array_position(section_names(r), 'primary')]::numeric, 1) AS primary_section,
       round((section_scores(qa))[array_position(section_names(r), 'secondary')]::numeric, 1) AS secondary_section
FROM scored
ORDER BY team;
