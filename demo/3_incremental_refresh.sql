-- Incremental refresh, for tables too big to recompute nightly: a summary
-- table of daily summaries per agent, recomputed for the last N days only
-- (today included; choose N to cover late-arriving rows).
-- The delete and the insert commit together, so readers see either the old
-- days or the new ones: never a gap, never a day counted twice.

CREATE TABLE agent_daily_summary (
    agent_id integer NOT NULL,
    day date NOT NULL,
    interactions bigint NOT NULL,
    nps nps_summary,
    csat rating_summary,
    ces rating_summary,
    fcr rate_summary,
    aht duration_summary,
    PRIMARY KEY (agent_id, day)
);

CREATE PROCEDURE refresh_agent_daily_summary(days integer)
LANGUAGE sql
BEGIN ATOMIC
    DELETE FROM agent_daily_summary
    WHERE day > current_date - days;
    INSERT INTO agent_daily_summary
    SELECT agent_id, created_at::date, count(*),
           nps_agg(nps_score), csat_agg(csat_rating), ces_agg(ces_rating, 7, false),
           fcr_rate(resolved_first_contact), aht_agg(handle_seconds)
    FROM interactions
    WHERE created_at >= current_date - days + 1
    GROUP BY agent_id, created_at::date;
END;

-- The first load covers every day; scheduled runs then pass a few days.
CALL refresh_agent_daily_summary(36500);
