-- The queries every driver test runs (test/drivers/*), each after a line
-- "-- name: NAME".  A query named X_plain computes X's figures and counts
-- independently, by plain SQL over the raw rows of demo/1_sample_data.sql
-- and demo/5_operations.sql, with the same columns in the same order.
-- {view} stands for a reporting view's name.

-- name: columns
SELECT attname::text AS name, format_type(atttypid, atttypmod) AS type
FROM pg_attribute
WHERE attrelid = '{view}'::regclass AND attnum > 0 AND NOT attisdropped
ORDER BY attnum

-- name: all
SELECT * FROM {view} ORDER BY team, month

-- name: scorecard
SELECT team, month, interactions, nps_responses, nps, csat_responses, csat,
       ces_responses, ces, fcr, qa_evaluations, aht
FROM team_monthly_scorecard
ORDER BY team, month

-- name: scorecard_plain
WITH raw AS (
    SELECT t.team_name AS team, date_trunc('month', i.created_at)::date AS month,
           count(*) AS interactions,
           count(i.nps_score) AS nps_responses,
           (100.0 * (count(*) FILTER (WHERE i.nps_score >= 9)
                     - count(*) FILTER (WHERE i.nps_score <= 6))
            / count(i.nps_score))::float8 AS nps,
           count(i.csat_rating) AS csat_responses,
           (100.0 * count(*) FILTER (WHERE i.csat_rating >= 4)
            / count(i.csat_rating))::float8 AS csat,
           count(i.ces_rating) AS ces_responses,
           avg(i.ces_rating)::float8 AS ces,
           (100.0 * count(*) FILTER (WHERE i.resolved_first_contact) / count(*))::float8 AS fcr,
           avg(i.handle_seconds)::float8 AS aht
    FROM interactions i JOIN agents a USING (agent_id) JOIN teams t USING (team_id)
    GROUP BY 1, 2
),
evaluations AS (
    SELECT t.team_name AS team, date_trunc('month', i.created_at)::date AS month,
           count(*) AS qa_evaluations
    FROM qa_evaluations e JOIN interactions i USING (interaction_id)
    JOIN agents a USING (agent_id) JOIN teams t USING (team_id)
    GROUP BY 1, 2
)
SELECT team, month, interactions, nps_responses, nps, csat_responses, csat,
       ces_responses, ces, fcr, coalesce(qa_evaluations, 0) AS qa_evaluations, aht
FROM raw LEFT JOIN evaluations USING (team, month)
ORDER BY team, month

-- name: operations
SELECT team, month, offered, answered, abandoned, short_abandoned,
       service_level, abandonment, asa, tickets
FROM team_monthly_operations
ORDER BY team, month

-- name: operations_plain
SELECT t.team_name AS team, q.month, q.offered, q.answered, q.abandoned,
       q.short_abandoned, q.service_level, q.abandonment, q.asa,
       (SELECT count(*) FROM tickets k JOIN agents b USING (agent_id)
        WHERE b.team_id = t.team_id
          AND date_trunc('month', k.created_at)::date = q.month) AS tickets
FROM (
    SELECT team_id, date_trunc('month', entered_at)::date AS month,
           count(*) AS offered,
           count(*) FILTER (WHERE answered) AS answered,
           count(*) FILTER (WHERE NOT answered) AS abandoned,
           count(*) FILTER (WHERE NOT answered AND wait < '5 s') AS short_abandoned,
           (100.0 * count(*) FILTER (WHERE answered AND wait <= '20 s')
            / count(*) FILTER (WHERE answered OR wait >= '5 s'))::float8 AS service_level,
           (100.0 * count(*) FILTER (WHERE NOT answered AND wait >= '5 s')
            / count(*) FILTER (WHERE answered OR wait >= '5 s'))::float8 AS abandonment,
           avg(extract(epoch FROM wait)) FILTER (WHERE answered)::float8 AS asa
    FROM queue_calls
    GROUP BY team_id, date_trunc('month', entered_at)
) q
JOIN teams t USING (team_id)
ORDER BY team, month

-- name: long_aht
SELECT agent_id, day, aht AS summary, length(aht::text) AS length, md5(aht::text) AS md5
FROM agent_daily_summary
WHERE agent_id = 21
ORDER BY day

-- name: long_qa
SELECT agent_id, day, qa AS summary, length(qa::text) AS length, md5(qa::text) AS md5
FROM agent_daily_qa
WHERE agent_id = 21
ORDER BY day

-- name: as_text
SELECT qa::text AS text, qa::jsonb AS json, length(qa::text) AS length,
       md5(qa::text) AS md5, responses(qa) AS responses
FROM agent_daily_qa
WHERE agent_id = 21
ORDER BY day
