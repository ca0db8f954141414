-- The printed scorecard: monthly NPS per team with its 95% interval and the
-- number of answers behind it, then the year per team.

\echo
\echo 'Monthly NPS scorecard per team (95% adjusted-Wald interval)'
SELECT team,
       to_char(month, 'YYYY-MM') AS month,
       interactions,
       nps_responses AS answers,
       to_char(nps, 'S990.0') AS nps,
       format('[%s, %s]', to_char(nps_low, 'FMS990.0'), to_char(nps_high, 'FMS990.0')) AS interval_95
FROM team_monthly_scorecard
ORDER BY team, month;

\echo 'The year per team, rolled up from the same daily summaries'
SELECT team_name AS team,
       responses(y) AS answers,
       promoters(y), passives(y), detractors(y),
       to_char(nps(y), 'S990.0') AS nps,
       format('[%s, %s]', to_char(lower_bound(y), 'FMS990.0'),
              to_char(upper_bound(y), 'FMS990.0')) AS interval_95
FROM (
    SELECT t.team_name, rollup(d.nps) AS y
    FROM agent_daily d JOIN agents a USING (agent_id) JOIN teams t USING (team_id)
    GROUP BY t.team_name
) yearly
ORDER BY nps(y) DESC;

\echo 'Cross-check: monthly NPS from the daily summaries against the plain formula over the raw rows'
SELECT count(*) AS team_months,
       round(max(abs(s.nps - raw.nps))::numeric, 12) AS largest_difference
FROM team_monthly_scorecard s
JOIN (
    SELECT t.team_name AS team, date_trunc('month', i.created_at)::date AS month,
           100.0 * (count(*) FILTER (WHERE nps_score >= 9)
                    - count(*) FILTER (WHERE nps_score <= 6)) / count(nps_score) AS nps
    FROM interactions i JOIN agents a USING (agent_id) JOIN teams t USING (team_id)
    GROUP BY 1, 2
) raw USING (team, month);
