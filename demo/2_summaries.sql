-- What a data engineer builds: one materialized view of daily summaries per
-- agent (small, refreshed on a schedule), and a reporting view that rolls
-- those summaries up to any period and level, exactly.

CREATE MATERIALIZED VIEW agent_daily AS
SELECT agent_id,
       created_at::date AS day,
       count(*) AS interactions,
       nps_agg(nps_score) AS nps
FROM interactions
GROUP BY agent_id, created_at::date;

-- The unique index lets REFRESH MATERIALIZED VIEW CONCURRENTLY run under reads.
CREATE UNIQUE INDEX agent_daily_key ON agent_daily (agent_id, day);

-- Monthly team scorecard: plain numeric columns for BI tools, next to the
-- summary they come from.
CREATE VIEW team_monthly_scorecard AS
SELECT team_name AS team,
       month,
       interactions,
       responses(nps) AS nps_responses,
       nps(nps) AS nps,
       lower_bound(nps) AS nps_low,
       upper_bound(nps) AS nps_high,
       nps AS nps_summary
FROM (
    SELECT t.team_name,
           date_trunc('month', d.day)::date AS month,
           sum(d.interactions)::bigint AS interactions,
           rollup(d.nps) AS nps
    FROM agent_daily d
    JOIN agents a USING (agent_id)
    JOIN teams t USING (team_id)
    GROUP BY t.team_name, date_trunc('month', d.day)
) monthly;

\echo
\echo 'Daily summaries per agent (materialized view agent_daily)'
SELECT count(*) AS agent_days,
       count(nps) AS days_with_nps_answers,
       pg_size_pretty(pg_total_relation_size('agent_daily')) AS size,
       pg_size_pretty(pg_total_relation_size('interactions')) AS raw_table_size
FROM agent_daily;
