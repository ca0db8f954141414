-- The examples of docs/queues.md (and of the README's section on queues
-- and the overall score), as the page shows them; figures worked out by
-- hand in the comments.  test/scripts/docs.py runs the page itself;
-- this file keeps the worked figures under pg_regress on every major.

-- calls: one row per call offered to a queue on 2 March 2026
CREATE TABLE calls (queue text, entered_at timestamptz, wait interval, answered boolean);
INSERT INTO calls VALUES
	('support', '2026-03-02 09:00:05', '12 s', true),
	('support', '2026-03-02 09:04:10', '25 s', true),
	('support', '2026-03-02 09:10:00', '3 s', false),
	('support', '2026-03-02 09:31:00', '45 s', false),
	('support', '2026-03-02 09:40:00', '8 s', true),
	('support', '2026-03-02 09:52:00', '19 s', true),
	('support', '2026-03-02 10:05:00', '2 s', false),
	('support', '2026-03-02 10:15:00', '31 s', true),
	('support', '2026-03-02 10:20:00', '20 s', true),
	('support', '2026-03-02 10:44:00', '90 s', false),
	('sales', '2026-03-02 09:02:00', '5 s', true),
	('sales', '2026-03-02 09:15:00', '9 s', true),
	('sales', '2026-03-02 09:33:00', '14 s', true),
	('sales', '2026-03-02 09:47:00', '4 s', false),
	('sales', '2026-03-02 10:01:00', '22 s', true),
	('sales', '2026-03-02 10:30:00', '7 s', true);

-- The queue report.  support: 6 answered (12, 25, 8, 19, 31, 20 s), 4
-- within 20 s; 4 abandoned, 2 of them short (3 and 2 s): service level
-- 4 / (6 + 2) = 50, abandonment 2 / 8 = 25, ASA 115 / 6 = 19.2 s, Wilson
-- [21.5, 78.5] below 80: red.  sales: 5 answered (5, 9, 14, 22, 7 s), 4
-- within; 1 short abandon: 4 / 5 = 80, 0 / 5 = 0, ASA 57 / 5 = 11.4 s,
-- [37.6, 96.4]: amber.
SELECT queue, offered(s), answered(s), abandoned(s), short_abandoned(s) AS short,
       round(service_level(s)::numeric, 1) AS sl,
       round(abandonment_rate(s)::numeric, 1) AS abandon_pct,
       round(asa(s)::numeric, 1) AS asa_s,
       status(s, 80) AS sl_status
FROM (SELECT queue, queue_agg(wait, answered) AS s FROM calls GROUP BY queue) q
ORDER BY queue;

-- Every definition from one summary.  support: 4 within target;
-- (true, false) 4 / 8 = 50, (false, false) 4 / 6 = 66.7, (true, true)
-- 4 / 10 = 40, (false, true) 4 / 8 = 50; abandonment 25, and with short
-- abandons 4 / 10 = 40.
SELECT round(service_level(s)::numeric, 1) AS sl,
       round(service_level(s, false, false)::numeric, 1) AS answered_only,
       round(service_level(s, true, true)::numeric, 1) AS all_offered,
       round(abandonment_rate(s)::numeric, 1) AS abandon_pct,
       round(abandonment_rate(s, true)::numeric, 1) AS abandon_all_pct
FROM (SELECT queue_agg(wait, answered) AS s FROM calls WHERE queue = 'support') q;

-- Half-hour intervals, kept as summaries, rolled up to the day.  support:
-- 09:00 12 in, 25 late, 3 short: 1 / 2 = 50; 09:30 45 abandoned, 8 and 19
-- in: 2 / 3 = 66.7; 10:00 2 short, 31 late, 20 in: 1 / 2 = 50; 10:30 90
-- abandoned: 0 / 1 = 0.  Their mean, 41.7, is not the day's 50.
CREATE TABLE queue_intervals AS
SELECT queue, date_bin('30 minutes', entered_at, '2026-01-01') AS interval_start,
       queue_agg(wait, answered) AS s
FROM calls GROUP BY 1, 2;

SELECT to_char(interval_start, 'HH24:MI') AS interval_start, offered(s),
       round(service_level(s)::numeric, 1) AS sl
FROM queue_intervals WHERE queue = 'support' ORDER BY interval_start;

SELECT queue, round(service_level(rollup(s))::numeric, 1) AS day_sl,
       round(avg(service_level(s))::numeric, 1) AS mean_of_intervals
FROM queue_intervals GROUP BY queue ORDER BY queue;

-- Other thresholds: a 30 s target and 10 s short abandons.  support:
-- within 30 s are 12, 25, 8, 19, 20 (5); short abandons 3 and 2 s; other
-- abandons 45 and 90 s: 5 / (6 + 2) = 62.5.  sales: all 5 within 30 s,
-- the 4 s abandon short: 5 / 5 = 100.
SELECT queue, round(service_level(queue_agg(wait, answered, '30 s', '10 s'))::numeric, 1) AS sl_30s
FROM calls GROUP BY queue ORDER BY queue;

-- The overall score.  contacts: NPS, CSAT (1..5), first-contact resolution
-- and handle time per contact; evaluations: two QA criteria out of 10.
CREATE TABLE contacts (agent text, nps_score integer, csat_rating integer,
                       resolved boolean, handle_seconds double precision);
INSERT INTO contacts VALUES
	('ana', 10, 5, true, 300), ('ana', 9, 4, true, 360), ('ana', 9, 4, false, 330),
	('ana', 7, 4, true, 300), ('ana', 3, 2, false, 360),
	('ben', NULL, 3, true, 720), ('ben', NULL, 4, true, 660), ('ben', NULL, 5, true, 700),
	('ben', NULL, 4, true, 720),
	('cruz', 6, 5, true, 450), ('cruz', 8, 4, false, 400), ('cruz', 9, 5, true, 500),
	('cruz', 2, 3, true, 450);
CREATE TABLE evaluations (agent text, accuracy float8, tone float8);
INSERT INTO evaluations VALUES
	('ana', 9, 8), ('ana', 10, 9), ('ben', 10, 10), ('cruz', 8, 7), ('cruz', 7, 6);

-- Targets, worst to best, and weights.
CREATE TABLE targets (metric text PRIMARY KEY, worst float8, best float8, weight float8);
INSERT INTO targets VALUES
	('nps', 0, 50, 3), ('csat', 60, 90, 2), ('fcr', 50, 80, 2),
	('aht', 600, 300, 1), ('qa', 70, 95, 2);

-- Figures: ana NPS (3 - 1) / 5 = 40, CSAT 4 / 5 = 80, FCR 3 / 5 = 60, AHT
-- 1650 / 5 = 330, QA (85 + 95) / 2 = 90; ben no NPS answers, CSAT 3 / 4 =
-- 75, FCR 100, AHT 2800 / 4 = 700, QA 100; cruz NPS (1 - 2) / 4 = -25,
-- CSAT 75, FCR 75, AHT 450, QA (75 + 65) / 2 = 70.
-- Attainments and overall: ana 80, 66.7, 33.3, 90, 80:
-- (240 + 133.3 + 66.7 + 90 + 160) / 10 = 69; ben N/A, 50, 100, 0, 100:
-- (100 + 200 + 0 + 200) / 7 = 71.4; cruz 0, 50, 83.3, 50, 0:
-- (0 + 100 + 166.7 + 50 + 0) / 10 = 31.7.
CREATE VIEW agent_figures AS
SELECT agent, nps(nps_agg(nps_score)) AS nps, csat(csat_agg(csat_rating)) AS csat,
       percent(fcr_rate(resolved)) AS fcr, mean(aht_agg(handle_seconds)) AS aht,
       (SELECT score(weighted_rubric(ARRAY[accuracy, tone], '{1,1}', '{10,10}'))
        FROM evaluations e WHERE e.agent = c.agent) AS qa
FROM contacts c GROUP BY agent;

SELECT f.agent, round(f.nps) AS nps, round(f.csat) AS csat, round(f.fcr) AS fcr,
       round(f.aht) AS aht, round(f.qa) AS qa,
       round(rubric_score(array_agg(attainment(m.value, t.worst, t.best) ORDER BY t.metric),
                          array_agg(t.weight ORDER BY t.metric),
                          array_agg(100::float8 ORDER BY t.metric))::numeric, 1) AS overall
FROM agent_figures f
CROSS JOIN LATERAL (VALUES ('nps', f.nps), ('csat', f.csat), ('fcr', f.fcr),
                           ('aht', f.aht), ('qa', f.qa)) m(metric, value)
JOIN targets t USING (metric)
GROUP BY f.agent, f.nps, f.csat, f.fcr, f.aht, f.qa
ORDER BY f.agent;

-- Each metric's attainment, for the coaching view.
SELECT agent, round(attainment(nps, 0, 50)) AS nps, round(attainment(csat, 60, 90)) AS csat,
       round(attainment(fcr, 50, 80)) AS fcr, round(attainment(aht, 600, 300)) AS aht,
       round(attainment(qa, 70, 95)) AS qa
FROM agent_figures ORDER BY agent;

DROP VIEW agent_figures;
DROP TABLE calls, queue_intervals, contacts, evaluations, targets;
