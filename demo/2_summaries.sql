-- What a data engineer builds: materialized views of daily summaries per
-- agent (small, refreshed on a schedule), and a reporting view that rolls
-- those summaries up to any period and level, exactly, and shows BI tools
-- only numbers, dates and statuses.

-- Every interaction metric, one summary each, per agent per day.
CREATE MATERIALIZED VIEW agent_daily AS
SELECT agent_id,
       created_at::date AS day,
       count(*) AS interactions,
       nps_agg(nps_score) AS nps,
       csat_agg(csat_rating) AS csat,
       -- the demo asks how easy it was, 7 being very easy: higher is easier
       ces_agg(ces_rating, 7, false) AS ces,
       fcr_rate(resolved_first_contact) AS fcr,
       aht_agg(handle_seconds) AS aht
FROM interactions
GROUP BY agent_id, created_at::date;

-- The unique index lets REFRESH MATERIALIZED VIEW CONCURRENTLY run under reads.
CREATE UNIQUE INDEX agent_daily_key ON agent_daily (agent_id, day);

-- QA evaluations per agent and day of the evaluated contact.  The score
-- array follows rubric_criteria's order, and so do the rubric's arrays.
CREATE MATERIALIZED VIEW agent_daily_qa AS
SELECT i.agent_id,
       i.created_at::date AS day,
       weighted_rubric(ARRAY[e.greeting, e.listening, e.knowledge,
                             e.communication, e.empathy, e.compliance]::float8[],
                       r.weights, r.max_points, r.critical) AS qa
FROM qa_evaluations e
JOIN interactions i USING (interaction_id)
CROSS JOIN (SELECT array_agg(weight ORDER BY criterion) AS weights,
                   array_agg(max_points ORDER BY criterion) AS max_points,
                   array_agg(critical ORDER BY criterion) AS critical
            FROM rubric_criteria) r
GROUP BY i.agent_id, i.created_at::date;

CREATE UNIQUE INDEX agent_daily_qa_key ON agent_daily_qa (agent_id, day);

-- Targets, one per metric; status() compares a figure's 95% interval with
-- its target: green when the interval lies wholly on the good side, red
-- when wholly on the bad side, amber when the target lies inside it.
CREATE TABLE scorecard_targets (
    metric text PRIMARY KEY,
    target double precision NOT NULL,
    meaning text NOT NULL
);
INSERT INTO scorecard_targets VALUES
    ('nps',  10,  'NPS of at least +10'),
    ('csat', 70,  'at least 70% satisfied (4 or 5 of 5)'),
    ('ces',  5.2, 'mean ease rating of at least 5.2 of 7 (7: very easy)'),
    ('fcr',  70,  'at least 70% resolved on first contact'),
    ('qa',   85,  'mean QA evaluation score of at least 85 of 100'),
    ('aht',  720, 'mean handle time of at most 720 seconds (12 minutes)');

-- Monthly team scorecard, the view BI tools read: only numbers (figures,
-- 95% bounds, counts), dates and text statuses against the targets.  The
-- summaries stay in the materialized views beneath, rolled up here when
-- the view is read.  Counts are 0 where nothing was answered, never NULL;
-- figures are NULL only where no answer exists (QA in a month without
-- evaluations).
CREATE VIEW team_monthly_scorecard AS
SELECT team_name AS team,
       month,
       interactions,
       coalesce(responses(nps), 0) AS nps_responses,
       nps(nps) AS nps,
       lower_bound(nps) AS nps_low,
       upper_bound(nps) AS nps_high,
       status(nps, nps_target) AS nps_status,
       coalesce(responses(csat), 0) AS csat_responses,
       csat(csat) AS csat,
       lower_bound(csat) AS csat_low,
       upper_bound(csat) AS csat_high,
       status(csat, csat_target) AS csat_status,
       coalesce(responses(ces), 0) AS ces_responses,
       ces(ces) AS ces,
       lower_bound(ces) AS ces_low,
       upper_bound(ces) AS ces_high,
       status(ces, ces_target) AS ces_status,
       percent(fcr) AS fcr,
       lower_bound(fcr) AS fcr_low,
       upper_bound(fcr) AS fcr_high,
       status(fcr, fcr_target) AS fcr_status,
       coalesce(responses(qa), 0) AS qa_evaluations,
       score(qa) AS qa,
       lower_bound(qa) AS qa_low,
       upper_bound(qa) AS qa_high,
       status(qa, qa_target) AS qa_status,
       autofail_rate(qa) AS qa_autofail_pct,
       mean(aht) AS aht,
       lower_bound(aht) AS aht_low,
       upper_bound(aht) AS aht_high,
       status(aht, aht_target) AS aht_status,
       percentile(aht, 0.5) AS aht_median,
       percentile(aht, 0.9) AS aht_p90
FROM (
    SELECT t.team_name,
           date_trunc('month', d.day)::date AS month,
           sum(d.interactions)::bigint AS interactions,
           rollup(d.nps) AS nps,
           rollup(d.csat) AS csat,
           rollup(d.ces) AS ces,
           rollup(d.fcr) AS fcr,
           rollup(d.aht) AS aht
    FROM agent_daily d
    JOIN agents a USING (agent_id)
    JOIN teams t USING (team_id)
    GROUP BY t.team_name, date_trunc('month', d.day)
) monthly
LEFT JOIN (
    SELECT t.team_name,
           date_trunc('month', q.day)::date AS month,
           rollup(q.qa) AS qa
    FROM agent_daily_qa q
    JOIN agents a USING (agent_id)
    JOIN teams t USING (team_id)
    GROUP BY t.team_name, date_trunc('month', q.day)
) quality USING (team_name, month)
CROSS JOIN (
    SELECT max(target) FILTER (WHERE metric = 'nps') AS nps_target,
           max(target) FILTER (WHERE metric = 'csat') AS csat_target,
           max(target) FILTER (WHERE metric = 'ces') AS ces_target,
           max(target) FILTER (WHERE metric = 'fcr') AS fcr_target,
           max(target) FILTER (WHERE metric = 'qa') AS qa_target,
           max(target) FILTER (WHERE metric = 'aht') AS aht_target
    FROM scorecard_targets
) targets;

\echo
\echo 'Daily summaries per agent (materialized views agent_daily and agent_daily_qa)'
SELECT count(*) AS agent_days,
       count(nps) AS days_with_nps_answers,
       (SELECT count(*) FROM agent_daily_qa) AS days_with_qa,
       pg_size_pretty(pg_total_relation_size('agent_daily')
                      + pg_total_relation_size('agent_daily_qa')) AS size,
       pg_size_pretty(pg_total_relation_size('interactions')
                      + pg_total_relation_size('qa_evaluations')) AS raw_tables_size
FROM agent_daily;
