-- The operational scorecard (issue 14): per team and month the queues'
-- service level, abandonment and speed of answer, and the email tickets'
-- first replies and resolutions in business hours; the year per team; each
-- agent's overall score from NPS, CSAT, FCR, AHT and QA against targets;
-- and a cross-check of every figure against plain SQL over the raw rows.

\echo
\echo 'Operational targets.  status: green when the 95% interval lies wholly on the'
\echo 'good side of the target, red when wholly on the bad side, amber otherwise.'
SELECT metric, target, meaning FROM operations_targets
ORDER BY array_position(ARRAY['service_level', 'first_reply_sla'], metric);

\echo 'Monthly operations per team: phone and chat queues together'
\echo '(SL: percent answered within 20 s, of the answered and the abandons that were not'
\echo 'short; abandon: percent abandoned after 5 s or more; ASA: mean wait of answered'
\echo 'contacts, s), and email tickets in business hours (SLA: percent first replied to'
\echo 'within 4 business hours; resolution: mean business hours to resolve, and p90)'
SELECT team,
       to_char(month, 'YYYY-MM') AS month,
       offered,
       to_char(service_level, '990.0') || ' ' || service_level_status AS sl,
       to_char(abandonment, '90.0') AS abandon,
       to_char(asa, '90.0') AS asa,
       tickets,
       to_char(first_reply_sla, '990.0') || ' ' || first_reply_sla_status AS sla,
       to_char(resolution / 3600, '90.0') AS resolution,
       to_char(resolution_p90 / 3600, '90.0') AS p90
FROM team_monthly_operations
ORDER BY team, month;

\echo 'The year per team and for all teams: the daily queue summaries rolled up'
\echo '(short: abandons under 5 s, left out of SL and abandon; SL all: every contact'
\echo 'offered counted, short abandons too), and the tickets'' first replies and'
\echo 'resolutions in business hours (median and 90th percentile, hours)'
SELECT coalesce(t.team_name, 'All teams') AS team,
       offered(q) AS offered,
       abandoned(q) AS abandoned,
       short_abandoned(q) AS short,
       round(service_level(q)::numeric, 1) AS sl,
       format('[%s, %s]', round(lower_bound(q)::numeric, 1), round(upper_bound(q)::numeric, 1))
         AS sl_95,
       round(service_level(q, true, true)::numeric, 1) AS sl_all,
       round(abandonment_rate(q)::numeric, 1) AS abandon,
       round(asa(q)::numeric, 1) AS asa,
       round(percent(sla)::numeric, 1) AS sla,
       round((percentile(first_reply, 0.5) / 3600)::numeric, 1) AS reply_median,
       round((percentile(resolution, 0.5) / 3600)::numeric, 1) AS resolve_median,
       round((percentile(resolution, 0.9) / 3600)::numeric, 1) AS resolve_p90
FROM (SELECT team_id, rollup(queue) AS q FROM team_daily_queue GROUP BY ROLLUP (team_id)) y
JOIN (SELECT a.team_id, rollup(d.first_reply_sla) AS sla, rollup(d.first_reply) AS first_reply,
             rollup(d.resolution) AS resolution
      FROM agent_daily_tickets d JOIN agents a USING (agent_id)
      GROUP BY ROLLUP (a.team_id)) e ON e.team_id IS NOT DISTINCT FROM y.team_id
LEFT JOIN teams t ON t.team_id = y.team_id
ORDER BY t.team_name IS NULL, t.team_name;

\echo 'Agents: the overall score, the weighted mean of each metric''s attainment (0 at'
\echo 'worst, 100 at best) over the year, with a metric without data left out'
SELECT metric, worst, best, weight FROM overall_targets
ORDER BY array_position(ARRAY['nps', 'csat', 'fcr', 'aht', 'qa'], metric);

CREATE TEMP VIEW agent_year AS
SELECT agent_id, nps(rollup(nps)) AS nps, csat(rollup(csat)) AS csat,
       percent(rollup(fcr)) AS fcr, mean(rollup(aht)) AS aht,
       (SELECT score(rollup(qa)) FROM agent_daily_qa q WHERE q.agent_id = d.agent_id) AS qa
FROM agent_daily d GROUP BY agent_id;

CREATE TEMP VIEW agent_overall AS
SELECT y.agent_id, y.nps, y.csat, y.fcr, y.aht, y.qa,
       rubric_score(array_agg(attainment(m.value, o.worst, o.best) ORDER BY o.metric),
                    array_agg(o.weight ORDER BY o.metric),
                    array_agg(100::float8 ORDER BY o.metric)) AS overall
FROM agent_year y
CROSS JOIN LATERAL (VALUES ('nps', y.nps), ('csat', y.csat), ('fcr', y.fcr),
                           ('aht', y.aht), ('qa', y.qa)) m(metric, value)
JOIN overall_targets o USING (metric)
GROUP BY y.agent_id, y.nps, y.csat, y.fcr, y.aht, y.qa;

SELECT rank() OVER (ORDER BY overall DESC) AS rank,
       agent_name AS agent,
       team_name AS team,
       to_char(overall, '990.0') AS overall,
       to_char(nps, 'S990.0') AS nps, round(csat::numeric, 1) AS csat,
       round(fcr::numeric, 1) AS fcr, round(aht) AS aht, round(qa::numeric, 1) AS qa,
       (SELECT o.metric
        FROM (VALUES ('nps', nps), ('csat', csat), ('fcr', fcr), ('aht', aht), ('qa', qa))
             m(metric, value)
        JOIN overall_targets o USING (metric)
        ORDER BY attainment(m.value, o.worst, o.best), o.metric LIMIT 1) AS lowest
FROM agent_overall
JOIN agents USING (agent_id)
JOIN teams USING (team_id)
ORDER BY agent_overall.overall DESC, agent_id;

\echo 'Cross-check: the figures above from summaries, against plain SQL over the raw'
\echo 'rows (queue figures for all team-months; the overall score for all agents, as a'
\echo 'weighted mean that leaves out metrics without data); and each ticket''s'
\echo 'first-reply time in business hours against the open time its reply was drawn after'
WITH raw_queue AS (
    SELECT team_id, date_trunc('month', entered_at)::date AS month,
           100.0 * count(*) FILTER (WHERE answered AND wait <= '20 s')
             / count(*) FILTER (WHERE answered OR wait >= '5 s') AS sl,
           100.0 * count(*) FILTER (WHERE NOT answered AND wait >= '5 s')
             / count(*) FILTER (WHERE answered OR wait >= '5 s') AS abandon,
           avg(extract(epoch FROM wait)) FILTER (WHERE answered) AS asa
    FROM queue_calls GROUP BY 1, 2
),
summary_queue AS (
    SELECT team_id, date_trunc('month', day)::date AS month, rollup(queue) AS q
    FROM team_daily_queue GROUP BY 1, 2
),
queue_differences AS (
    SELECT abs(service_level(s.q) - r.sl) AS sl, abs(abandonment_rate(s.q) - r.abandon) AS abandon,
           abs(asa(s.q) - r.asa) AS asa
    FROM summary_queue s JOIN raw_queue r USING (team_id, month)
),
raw_overall AS (
    SELECT y.agent_id,
           sum(o.weight * greatest(0, least(100, 100 * (m.value - o.worst) / (o.best - o.worst))))
             / sum(o.weight) FILTER (WHERE m.value IS NOT NULL) AS overall
    FROM agent_year y
    CROSS JOIN LATERAL (VALUES ('nps', y.nps), ('csat', y.csat), ('fcr', y.fcr),
                               ('aht', y.aht), ('qa', y.qa)) m(metric, value)
    JOIN overall_targets o USING (metric)
    GROUP BY y.agent_id
)
SELECT figure, compared, largest_difference, allowed
FROM (SELECT count(*) AS n, max(sl) AS sl, max(abandon) AS abandon, max(asa) AS asa
      FROM queue_differences) d
CROSS JOIN LATERAL (VALUES
    ('service level %', d.n, round(d.sl::numeric, 9)::text, 'rounding'),
    ('abandonment %', d.n, round(d.abandon::numeric, 9)::text, 'rounding'),
    ('ASA, s', d.n, round(d.asa::numeric, 9)::text, 'rounding')
) v(figure, compared, largest_difference, allowed)
UNION ALL
SELECT 'overall score', count(*), round(max(abs(a.overall - r.overall))::numeric, 9)::text,
       'a billionth'
FROM agent_overall a JOIN raw_overall r USING (agent_id)
UNION ALL
SELECT 'first reply in business hours', count(*),
       count(*) FILTER (WHERE business_duration(t.created_at, t.first_reply_at, c.calendar)
                              <> t.first_reply_after) || ' differ', 'none'
FROM tickets t JOIN agents a USING (agent_id) JOIN team_calendars c USING (team_id);
