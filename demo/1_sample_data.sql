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
	ces_rating integer CHECK (ces_rating BETWEEN 1 AND 7)     -- NULL: not answered
);

INSERT INTO interactions (agent_id, channel, created_at, handle_seconds,
						  resolved_first_contact, nps_score, csat_rating, ces_rating)
SELECT agent_id, channel, created_at, handle_seconds, resolved,
	   CASE WHEN surveyed AND answered_nps
			THEN least(10, greatest(0, round(7.4 + quality)))::integer END,
	   CASE WHEN surveyed THEN least(5, greatest(1, round(3.9 + 0.55 * quality)))::integer END,
	   CASE WHEN surveyed THEN least(7, greatest(1, round(5.1 + 0.6 * quality)))::integer END
FROM (
	SELECT agent_id, channel, created_at, resolved, surveyed, answered_nps,
		   -- log-normal handle times around a median that depends on the channel
		   round(CASE channel WHEN 'phone' THEN 360 WHEN 'chat' THEN 540 ELSE 900 END
				 * exp(0.6 * noise_a))::integer AS handle_seconds,
		   -- how the customer felt: the agent, the team's year, resolution, luck
		   skill + team_trend + CASE WHEN resolved THEN 0.9 ELSE -0.9 END
			 + 1.5 * noise_b AS quality
	FROM (
		SELECT a.agent_id, s.skill, day + interval '8 hours'
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
		CROSS JOIN LATERAL (SELECT random() AS r_channel OFFSET 0) c
	) draws
) shaped;

ANALYZE teams, agents, interactions;

\echo
\echo 'Sample data'
SELECT count(*) AS interactions,
	   count(DISTINCT agent_id) AS agents,
	   min(created_at)::date AS first_day, max(created_at)::date AS last_day,
	   round(100.0 * count(nps_score) / count(*), 1) AS nps_answered_pct,
	   round(100.0 * count(csat_rating) / count(*), 1) AS csat_answered_pct
FROM interactions;
