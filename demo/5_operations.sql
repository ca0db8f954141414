-- The operational half of the scorecard (issue 14): the calls and chats
-- that queued for the teams of 1_sample_data.sql, answered or abandoned;
-- email tickets, replied to and resolved within each team's business
-- hours; daily summaries of both; and the targets of one overall score per
-- agent.  Generated deterministically after a seed of its own, so the
-- earlier files' data is the same with or without this one.

SET max_parallel_workers_per_gather = 0;
SELECT setseed(0.714) AS seeded \gset

-- Opening hours per team, on the clock of London (the sample contacts
-- arrive between 08:00 and 18:00 UTC), with England's bank holidays of the
-- year.  Tech Support also opens on Saturday mornings; Enterprise works
-- longer days and through the holidays.
CREATE TABLE team_calendars (
    team_id integer PRIMARY KEY REFERENCES teams,
    calendar business_calendar NOT NULL
);
INSERT INTO team_calendars
SELECT team_id,
       CASE team_id
           WHEN 2 THEN 'Europe/London; mon-fri 08:00-20:00; sat 09:00-13:00; ' || holidays
           WHEN 5 THEN 'Europe/London; mon-fri 07:00-19:00'
           ELSE 'Europe/London; mon-fri 08:00-18:00; ' || holidays
       END::business_calendar
FROM teams
CROSS JOIN (VALUES ('closed 2025-12-25 2025-12-26 2026-01-01 2026-04-03 2026-04-06 '
                    '2026-05-04 2026-05-25 2026-08-31')) h(holidays);

-- How long callers wait: an exponential wait whose mean depends on the
-- team and the month.  Tech Support is short-staffed over the summer, as
-- its surveys show; Onboarding adds staff through the year; Enterprise has
-- a dedicated line.
CREATE FUNCTION pg_temp.mean_wait(team_id integer, month double precision)
RETURNS double precision LANGUAGE sql IMMUTABLE
RETURN CASE team_id
           WHEN 2 THEN 11 + 22 * exp(-power((month - 7) / 1.5, 2))
           WHEN 3 THEN 19 - 0.8 * ((month::integer + 1) % 12)
           WHEN 5 THEN 7
           ELSE 11 END;

CREATE FUNCTION pg_temp.exponential(mean double precision)
RETURNS double precision LANGUAGE sql VOLATILE
RETURN -mean * ln(1 - random());

-- One row per contact offered to a team's phone or chat queue.  Every
-- phone and chat interaction was answered after its wait; callers who gave
-- up come on top, more of them when waits are long, and a third of them
-- within seconds (misdials, a change of mind at the greeting).  Waits are
-- whole seconds, as the phone system reports them.
CREATE TABLE queue_calls (
    call_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    team_id integer NOT NULL REFERENCES teams,
    channel text NOT NULL CHECK (channel IN ('phone', 'chat')),
    entered_at timestamptz NOT NULL,
    wait interval NOT NULL,
    answered boolean NOT NULL,
    interaction_id bigint REFERENCES interactions   -- the answered contact
);
INSERT INTO queue_calls (team_id, channel, entered_at, wait, answered, interaction_id)
SELECT team_id, channel, created_at - wait, wait, true, interaction_id
FROM (
    SELECT a.team_id, i.channel, i.created_at, i.interaction_id,
           round(pg_temp.exponential(pg_temp.mean_wait(a.team_id, extract(month FROM i.created_at))))
             * interval '1 second' AS wait
    FROM interactions i JOIN agents a USING (agent_id)
    WHERE i.channel IN ('phone', 'chat')
    ORDER BY i.interaction_id
) answered;
INSERT INTO queue_calls (team_id, channel, entered_at, wait, answered)
SELECT team_id, channel, entered_at,
       round(CASE WHEN random() < 0.35 THEN 4 * random()
                  ELSE pg_temp.exponential(3 * mean) END) * interval '1 second',
       false
FROM (
    SELECT team_id, channel, entered_at + random() * interval '20 minutes' AS entered_at,
           pg_temp.mean_wait(team_id, extract(month FROM entered_at)) AS mean
    FROM queue_calls
    ORDER BY call_id
) offered
WHERE random() < 0.004 * mean;

-- Email tickets, about three per agent per day, weekends included (the
-- mail arrives, the team is closed), at any hour from 06:00 to 22:00 UTC.
-- Agents reply and resolve only while their team is open, so each ticket
-- draws how much open time passed before the first reply (exponential,
-- mean 2 business hours; longer for Tech Support in the summer) and before
-- resolution, and business_deadline turns those into instants.  Two in
-- three tickets are resolved by the first reply; the others take another
-- day or two of open time.
CREATE TABLE tickets (
    ticket_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    agent_id integer NOT NULL REFERENCES agents,
    created_at timestamptz NOT NULL,
    first_reply_after interval NOT NULL,   -- open time drawn, for the cross-check
    first_reply_at timestamptz NOT NULL,
    resolved_at timestamptz NOT NULL
);
INSERT INTO tickets (agent_id, created_at, first_reply_after, first_reply_at, resolved_at)
SELECT agent_id, created_at, reply_after,
       business_deadline(created_at, reply_after, calendar),
       business_deadline(created_at, reply_after + resolve_after, calendar)
FROM (
    SELECT agent_id, created_at, calendar,
           date_trunc('second', pg_temp.exponential(
               CASE WHEN team_id = 2
                    THEN 2 + 3 * exp(-power((extract(month FROM created_at) - 7) / 1.5, 2))
                    ELSE 2 END) * interval '1 hour') + interval '1 second' AS reply_after,
           CASE WHEN random() < 0.67 THEN interval '0'
                ELSE date_trunc('second', pg_temp.exponential(14) * interval '1 hour') END
             AS resolve_after
    FROM (
        SELECT a.agent_id, a.team_id, c.calendar,
               day + interval '6 hours' + random() * interval '16 hours' AS created_at
        FROM agents a
        JOIN team_calendars c USING (team_id)
        CROSS JOIN generate_series(date '2025-11-01', date '2026-10-31', interval '1 day') AS d(day)
        -- naming the agent and the day draws a count for each of them
        CROSS JOIN LATERAL generate_series(1, 1 + floor(random() * 5)::integer
                                              + 0 * a.agent_id + 0 * extract(doy FROM day)::integer) k
        ORDER BY a.agent_id, day, k
    ) created
) drawn;

ANALYZE team_calendars, queue_calls, tickets;

-- Daily queue summaries per team and channel, as the phone system's
-- interval reports would feed them: a service level of 20 seconds, and
-- abandons within 5 seconds short (queue_agg's defaults).
CREATE MATERIALIZED VIEW team_daily_queue AS
SELECT team_id, channel, entered_at::date AS day, queue_agg(wait, answered) AS queue
FROM queue_calls
GROUP BY team_id, channel, entered_at::date;
CREATE UNIQUE INDEX team_daily_queue_key ON team_daily_queue (team_id, channel, day);

-- Daily ticket summaries per agent, in business hours: the share of
-- tickets first replied to within 4 business hours (the SLA), and the
-- first-reply and resolution times, in seconds of open time.
CREATE MATERIALIZED VIEW agent_daily_tickets AS
SELECT t.agent_id,
       t.created_at::date AS day,
       rate_agg(t.first_reply_at <= business_deadline(t.created_at, '4 hours', c.calendar))
         AS first_reply_sla,
       aht_agg(business_duration(t.created_at, t.first_reply_at, c.calendar)) AS first_reply,
       aht_agg(business_duration(t.created_at, t.resolved_at, c.calendar)) AS resolution
FROM tickets t
JOIN agents a USING (agent_id)
JOIN team_calendars c USING (team_id)
GROUP BY t.agent_id, t.created_at::date;
CREATE UNIQUE INDEX agent_daily_tickets_key ON agent_daily_tickets (agent_id, day);

-- Operational targets, as the report states them: service levels, each
-- with a status from its 95% interval.
CREATE TABLE operations_targets (
    metric text PRIMARY KEY,
    target double precision NOT NULL,
    meaning text NOT NULL
);
INSERT INTO operations_targets VALUES
    ('service_level', 80, '80% of calls and chats answered within 20 seconds'),
    ('first_reply_sla', 85, '85% of emails first replied to within 4 business hours');

-- Monthly operations per team, the view BI tools read: phone and chat
-- queues together, and email tickets in business hours; only numbers,
-- dates and text statuses against the targets (durations in seconds),
-- while the summaries stay in the materialized views beneath.  Counts are
-- 0 where nothing happened, never NULL.
CREATE VIEW team_monthly_operations AS
SELECT t.team_name AS team,
       month,
       coalesce(offered(q), 0) AS offered,
       coalesce(answered(q), 0) AS answered,
       coalesce(abandoned(q), 0) AS abandoned,
       coalesce(short_abandoned(q), 0) AS short_abandoned,
       service_level(q) AS service_level,
       lower_bound(q) AS service_level_low,
       upper_bound(q) AS service_level_high,
       status(q, service_level_target) AS service_level_status,
       abandonment_rate(q) AS abandonment,
       asa(q) AS asa,
       coalesce(responses(sla), 0) AS tickets,
       percent(sla) AS first_reply_sla,
       lower_bound(sla) AS first_reply_sla_low,
       upper_bound(sla) AS first_reply_sla_high,
       status(sla, first_reply_sla_target) AS first_reply_sla_status,
       percentile(first_reply, 0.5) AS first_reply_median,
       mean(resolution) AS resolution,
       percentile(resolution, 0.9) AS resolution_p90
FROM (
    SELECT team_id, date_trunc('month', day)::date AS month, rollup(queue) AS q
    FROM team_daily_queue
    GROUP BY team_id, date_trunc('month', day)
) queues
FULL JOIN (
    SELECT a.team_id, date_trunc('month', d.day)::date AS month,
           rollup(d.first_reply_sla) AS sla, rollup(d.first_reply) AS first_reply,
           rollup(d.resolution) AS resolution
    FROM agent_daily_tickets d
    JOIN agents a USING (agent_id)
    GROUP BY a.team_id, date_trunc('month', d.day)
) emails USING (team_id, month)
JOIN teams t USING (team_id)
CROSS JOIN (
    SELECT max(target) FILTER (WHERE metric = 'service_level') AS service_level_target,
           max(target) FILTER (WHERE metric = 'first_reply_sla') AS first_reply_sla_target
    FROM operations_targets
) targets;

-- The overall score per agent: each metric's attainment between the value
-- that earns nothing and the value that earns everything, weighted.
CREATE TABLE overall_targets (
    metric text PRIMARY KEY,
    worst double precision NOT NULL,
    best double precision NOT NULL,
    weight double precision NOT NULL
);
INSERT INTO overall_targets VALUES
    ('nps', -10, 40, 3),
    ('csat', 55, 85, 2),
    ('fcr', 60, 80, 2),
    ('aht', 900, 540, 1),
    ('qa', 75, 92, 2);

\echo
\echo 'Operations data (queue_calls: contacts offered to the phone and chat queues; tickets: emails)'
SELECT count(*) AS offered,
       count(*) FILTER (WHERE NOT answered) AS abandoned,
       (SELECT count(*) FROM tickets) AS tickets,
       (SELECT count(*) FROM team_daily_queue) AS queue_days,
       pg_size_pretty(pg_total_relation_size('team_daily_queue')) AS queue_summaries_size
FROM queue_calls;
