-- Sample contact-centre data: five teams of eight agents, a year of phone,
-- chat and email interactions on working days, and post-contact surveys
-- that only a minority of customers answer.  Generated deterministically
-- (setseed, serial plan), so every run prints the same scorecard.

SET max_parallel_workers_per_gather = 0;
SELECT setseed(0.2026) AS seeded \gset

CREATE TABLE teams (
    team_id integer PRIMARY KEY,
    team_name text NOT NULL
);
INSERT INTO teams VALUES
    (1, 'Billing'), (2, 'Tech Support'), (3, 'Onboarding'),
    (4, 'Retention'), (5, 'Enterprise');

CREATE TABLE agents (
    agent_id integer PRIMARY KEY,
    agent_name text NOT NULL,
    team_id integer NOT NULL REFERENCES teams
);
INSERT INTO agents
SELECT g, format('Agent %s', to_char(g, 'FM00')), (g - 1) / 8 + 1
FROM generate_series(1, 40) g;

-- How good each agent is; hidden from the report, which must find it.
CREATE TEMP TABLE agent_skill AS
SELECT agent_id, 0.8 * sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()) AS skill
FROM agents;

CREATE TABLE interactions (
    interaction_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    agent_id integer NOT NULL REFERENCES agents,
    channel text NOT NULL CHECK (channel IN ('phone', 'chat', 'email')),
    created_at timestamptz NOT NULL,
    handle_seconds integer NOT NULL,
    resolved_first_contact boolean NOT NULL,
    nps_score integer CHECK (nps_score BETWEEN 0 AND 10),    -- NULL: not answered
    csat_rating integer CHECK (csat_rating BETWEEN 1 AND 5),  -- NULL: not answered
    ces_rating integer CHECK (ces_rating BETWEEN 1 AND 7)     -- 7: very easy; NULL: not answered
);

INSERT INTO interactions (agent_id, channel, created_at, handle_seconds,
                          resolved_first_contact, nps_score, csat_rating, ces_rating)
SELECT agent_id, channel, created_at, handle_seconds, resolved,
       CASE WHEN surveyed AND answered_nps
            THEN least(10, greatest(0, round(7.4 + quality)))::integer END,
       CASE WHEN surveyed THEN least(5, greatest(1, round(3.9 + 0.55 * quality)))::integer END,
       CASE WHEN surveyed THEN least(7, greatest(1, round(5.1 + 0.6 * quality)))::integer END
FROM (
    SELECT agent_id, team_id, channel, created_at, resolved, surveyed, answered_nps,
           -- log-normal handle times around a median that depends on the
           -- channel; Tech Support and Enterprise contacts take longer, and
           -- skilled agents are a little quicker
           round(CASE channel WHEN 'phone' THEN 360 WHEN 'chat' THEN 540 ELSE 900 END
                 * CASE team_id WHEN 2 THEN 1.2 WHEN 5 THEN 1.1 ELSE 1 END
                 * exp(0.6 * noise_a - 0.08 * skill))::integer AS handle_seconds,
           -- how the customer felt: the agent, the team's year, resolution, luck
           skill + team_trend + CASE WHEN resolved THEN 0.9 ELSE -0.9 END
             + 1.5 * noise_b AS quality
    FROM (
        SELECT a.agent_id, a.team_id, s.skill, day + interval '8 hours'
                   + random() * interval '10 hours' AS created_at,
               CASE WHEN r_channel < 0.5 THEN 'phone'
                    WHEN r_channel < 0.85 THEN 'chat' ELSE 'email' END AS channel,
               random() < 0.70 + 0.08 * s.skill AS resolved,
               random() < 0.15 AS surveyed,        -- survey response rate
               random() < 0.80 AS answered_nps,    -- some skip the NPS question
               -- Tech Support dips over the summer; Onboarding improves all year
               CASE a.team_id
                   WHEN 2 THEN -0.8 * exp(-power((extract(month FROM day) - 7) / 1.5, 2))
                   WHEN 3 THEN -0.6 + 0.1 * ((extract(month FROM day)::integer + 1) % 12)
                   ELSE 0 END AS team_trend,
               sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()) AS noise_a,
               sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()) AS noise_b
        FROM agents a
        JOIN agent_skill s USING (agent_id)
        CROSS JOIN generate_series(date '2025-11-01', date '2026-10-31', interval '1 day') AS d(day)
        -- 18 to 29 contacts per agent per working day (naming the agent
        -- makes the count vary per agent, not only per day)
        CROSS JOIN LATERAL generate_series(1, CASE WHEN extract(isodow FROM day) < 6
                                                   THEN 18 + floor(random() * 12)::integer
                                                        + 0 * a.agent_id
                                                   ELSE 0 END) AS k
        -- one channel draw per contact: naming k makes the subquery run
        -- for each row (uncorrelated, it ran once and made every contact
        -- the same channel)
        CROSS JOIN LATERAL (SELECT random() + 0 * k AS r_channel OFFSET 0) c
    ) draws
) shaped;

-- The QA rubric: six criteria, each scored in points from 0 to its maximum.
-- Compliance (identity checks, required disclosures) is pass or fail and
-- critical: failing it makes the whole evaluation score 0.
CREATE TABLE rubric_criteria (
    criterion integer PRIMARY KEY,   -- position in every evaluation's score array
    name text NOT NULL UNIQUE,
    weight double precision NOT NULL,
    max_points double precision NOT NULL,
    critical boolean NOT NULL
);
INSERT INTO rubric_criteria VALUES
    (1, 'greeting',      1, 5,  false),
    (2, 'listening',     2, 5,  false),
    (3, 'knowledge',     3, 10, false),
    (4, 'communication', 2, 5,  false),
    (5, 'empathy',       2, 5,  false),
    (6, 'compliance',    2, 1,  true);

-- QA evaluations of a 3% random sample of the interactions, one row per
-- evaluation, a column per criterion in points.  NULL is N/A: listening
-- does not apply to email, empathy only where the customer was upset.
CREATE TABLE qa_evaluations (
    evaluation_id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    interaction_id bigint NOT NULL UNIQUE REFERENCES interactions,
    evaluated_at timestamptz NOT NULL,
    greeting smallint CHECK (greeting BETWEEN 0 AND 5),
    listening smallint CHECK (listening BETWEEN 0 AND 5),
    knowledge smallint CHECK (knowledge BETWEEN 0 AND 10),
    communication smallint CHECK (communication BETWEEN 0 AND 5),
    empathy smallint CHECK (empathy BETWEEN 0 AND 5),
    compliance smallint CHECK (compliance BETWEEN 0 AND 1)
);

CREATE FUNCTION pg_temp.gaussian() RETURNS double precision LANGUAGE sql VOLATILE
RETURN sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random());

-- Each agent's strengths and weaknesses on the rubric: their skill, plus an
-- offset per criterion that gives each agent a different weakest criterion.
CREATE TEMP TABLE agent_rubric_skill AS
SELECT agent_id, skill,
       0.90 + 0.04 * skill + 0.05 * pg_temp.gaussian() AS greeting,
       0.84 + 0.04 * skill + 0.05 * pg_temp.gaussian() AS listening,
       0.80 + 0.05 * skill + 0.05 * pg_temp.gaussian() AS knowledge,
       0.84 + 0.04 * skill + 0.05 * pg_temp.gaussian() AS communication,
       0.82 + 0.04 * skill + 0.05 * pg_temp.gaussian() AS empathy,
       -- chance of failing compliance on one contact
       0.02 * exp(-0.6 * skill + 0.4 * pg_temp.gaussian()) AS compliance_risk
FROM agent_skill
ORDER BY agent_id;

-- Points out of max_points for an agent whose expected share is mean.
CREATE FUNCTION pg_temp.points(mean double precision, max_points integer) RETURNS smallint
LANGUAGE sql VOLATILE
RETURN least(max_points, greatest(0, round(max_points * (mean + 0.13 * pg_temp.gaussian()))));

INSERT INTO qa_evaluations (interaction_id, evaluated_at, greeting, listening, knowledge,
                            communication, empathy, compliance)
SELECT i.interaction_id,
       i.created_at + interval '1 day' + random() * interval '6 days',
       pg_temp.points(r.greeting, 5),
       CASE WHEN i.channel <> 'email' THEN pg_temp.points(r.listening, 5) END,
       pg_temp.points(r.knowledge, 10),
       pg_temp.points(r.communication, 5),
       CASE WHEN random() < 0.35 THEN pg_temp.points(r.empathy, 5) END,
       CASE WHEN random() < r.compliance_risk THEN 0 ELSE 1 END
FROM interactions i TABLESAMPLE BERNOULLI (3) REPEATABLE (2026)
JOIN agent_rubric_skill r USING (agent_id)
ORDER BY i.interaction_id;

ANALYZE teams, agents, interactions, rubric_criteria, qa_evaluations;

\echo
\echo 'Sample data (answered: percent of interactions with an answer to the question)'
SELECT count(*) AS interactions,
       count(DISTINCT agent_id) AS agents,
       min(created_at)::date AS first_day, max(created_at)::date AS last_day,
       round(100.0 * count(nps_score) / count(*), 1) AS nps_answered,
       round(100.0 * count(csat_rating) / count(*), 1) AS csat_answered,
       (SELECT count(*) FROM qa_evaluations) AS qa_evaluations
FROM interactions;
