-- 10M interactions (by default): 500 agents in 25 teams, a year of
-- timestamps, survey answers on about 30% of rows, FCR flags, handle times.
SELECT setseed(0.6) AS seeded \gset
\echo generating :rows interactions
CREATE UNLOGGED TABLE bench_interactions AS
SELECT agent_id,
	   agent_id % 25 AS team_id,
	   created_at,
	   CASE WHEN answered THEN least(10, greatest(0, round(7.5 + 2.2 * noise)))::integer END AS nps_score,
	   CASE WHEN answered THEN least(5, greatest(1, round(4 + 1.1 * noise)))::integer END AS csat_rating,
	   CASE WHEN answered THEN least(7, greatest(1, round(5 + 1.3 * noise)))::integer END AS ces_rating,
	   random() < 0.7 AS fcr,
	   round(300 * exp(0.7 * noise2))::double precision AS handle_seconds
FROM (
	SELECT 1 + (g % 500)::integer AS agent_id,
		   timestamptz '2025-11-01' + random() * interval '365 days' AS created_at,
		   random() < 0.3 AS answered,
		   sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()) AS noise,
		   sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()) AS noise2
	FROM generate_series(1, :rows) g
) draws;
VACUUM ANALYZE bench_interactions;

-- 1M QA evaluations of six criteria scored 0..5 points; empathy is N/A on a
-- tenth of them, and resolution is critical.
\set evaluations 1000000
CREATE UNLOGGED TABLE bench_evaluations AS
SELECT 1 + (g % 500)::integer AS agent_id,
	   timestamptz '2025-11-01' + random() * interval '365 days' AS evaluated_at,
	   least(5, floor(random() * 7))::float8 AS greeting,
	   least(5, floor(random() * 7))::float8 AS listening,
	   least(5, floor(random() * 7))::float8 AS knowledge,
	   least(5, floor(random() * 7))::float8 AS communication,
	   CASE WHEN random() < 0.1 THEN NULL ELSE least(5, floor(random() * 7))::float8 END AS empathy,
	   least(5, floor(random() * 6.3))::float8 AS resolution
FROM generate_series(1, :evaluations) g;
VACUUM ANALYZE bench_evaluations;

-- Tickets for business hours: one per interaction, first replied to after
-- an exponential wait (mean 3 hours) and resolved after another (mean 2
-- days), so that spans run from minutes to several weeks.
CREATE UNLOGGED TABLE bench_tickets AS
SELECT created_at, first_reply_at,
	   first_reply_at - 48 * ln(1 - random()) * interval '1 hour' AS resolved_at
FROM (SELECT created_at, created_at - 3 * ln(1 - random()) * interval '1 hour' AS first_reply_at
	  FROM bench_interactions) t;
VACUUM ANALYZE bench_tickets;

-- Queued calls for queue_agg: one per interaction, a wait in whole
-- microseconds with an exponential distribution (mean 25 s), and 12% of
-- calls abandoned.
CREATE UNLOGGED TABLE bench_calls AS
SELECT agent_id, created_at,
	   floor(-25e6 * ln(1 - random()))::bigint * interval '1 microsecond' AS wait,
	   random() >= 0.12 AS answered
FROM bench_interactions;
VACUUM ANALYZE bench_calls;
