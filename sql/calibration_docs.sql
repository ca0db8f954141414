-- The examples of docs/calibration.md and of the QA score and handling
-- time sections of docs/comparisons.md, as the pages show them; figures
-- worked out by hand in the comments, and the alphas and Welch figures
-- checked against test/reference/krippendorff.py and compare_means.py.
-- test/scripts/docs.py runs the pages themselves; this file keeps the
-- worked figures under pg_regress on every major.

-- A calibration session: the lead and three graders score the same five
-- contacts on two criteria of 0..5 points; the evaluation score is
-- 10 * (greeting + knowledge) out of 100.  Cruz left knowledge of contact
-- 4 unscored.
CREATE TABLE calibration_scores (contact int, grader text, greeting int, knowledge int);
INSERT INTO calibration_scores VALUES
	(1, 'lead', 5, 4), (2, 'lead', 3, 3), (3, 'lead', 4, 5), (4, 'lead', 2, 1), (5, 'lead', 5, 5),
	(1, 'ana', 5, 4), (2, 'ana', 3, 4), (3, 'ana', 4, 5), (4, 'ana', 2, 2), (5, 'ana', 5, 5),
	(1, 'ben', 4, 3), (2, 'ben', 2, 3), (3, 'ben', 3, 4), (4, 'ben', 1, 1), (5, 'ben', 4, 4),
	(1, 'cruz', 5, 5), (2, 'cruz', 4, 2), (3, 'cruz', 5, 3), (4, 'cruz', 3, NULL), (5, 'cruz', 5, 5);

-- Evaluation scores against the lead's (90, 60, 90, 30, 100), within 10:
--   ana  90, 70, 90, 40, 100: differences 0, +10, 0, +10, 0: bias 4, MAD 4,
--        5 of 5 within; Wilson 95% lower bound of 5/5: 56.6
--   ben  70, 50, 70, 20, 80: -20, -10, -20, -10, -20: bias -16, MAD 16,
--        2 of 5 within; Wilson 11.8 .. 76.9
--   cruz 100, 60, 80, (none), 100: +10, 0, -10, 0: bias 0, MAD 5, 4 of 4
\pset footer off
SELECT grader, responses(c) AS contacts, round(bias(c)::numeric, 1) AS bias,
       round(mean_absolute_difference(c)::numeric, 1) AS mad,
       round(within_tolerance(c)::numeric, 1) AS within_10,
       round(lower_bound(c)::numeric, 1) AS low, round(upper_bound(c)::numeric, 1) AS high
FROM (SELECT g.grader,
             calibration_agg(10 * (g.greeting + g.knowledge), 10 * (l.greeting + l.knowledge), 10) AS c
      FROM calibration_scores g
      JOIN calibration_scores l ON l.contact = g.contact AND l.grader = 'lead'
      WHERE g.grader <> 'lead'
      GROUP BY g.grader) t
ORDER BY grader;

-- Per grader and criterion, in points, with no tolerance (exact agreement):
--   greeting: ana 0 each: bias 0, 100%; ben -1 each: bias -1, MAD 1, 0%;
--             cruz 0, +1, +1, +1, 0: bias 0.6, MAD 0.6, 40%
--   knowledge: ana 0, +1, 0, +1, 0: bias 0.4, MAD 0.4, 60%;
--              ben -1, 0, -1, 0, -1: bias -0.6, MAD 0.6, 40%;
--              cruz +1, -1, -2, 0 (4 contacts): bias -0.5, MAD 1, 25%
SELECT g.grader, x.criterion, responses(calibration_agg(x.mine, x.lead, 0)) AS contacts,
       round(bias(calibration_agg(x.mine, x.lead, 0))::numeric, 2) AS bias,
       round(mean_absolute_difference(calibration_agg(x.mine, x.lead, 0))::numeric, 2) AS mad,
       round(within_tolerance(calibration_agg(x.mine, x.lead, 0))::numeric) AS exact_pct
FROM calibration_scores g
JOIN calibration_scores l ON l.contact = g.contact AND l.grader = 'lead'
CROSS JOIN LATERAL (VALUES ('greeting', g.greeting, l.greeting),
                           ('knowledge', g.knowledge, l.knowledge)) x(criterion, mine, lead)
WHERE g.grader <> 'lead'
GROUP BY g.grader, x.criterion
ORDER BY 1, 2;

-- Agreement of all four graders per criterion (Krippendorff's alpha): one
-- item per contact and criterion, one rating per grader (ana, ben, cruz,
-- lead); cruz's missing knowledge score leaves three ratings there.  The
-- alphas are test/reference/krippendorff.py's: greeting ordinal 0.678,
-- interval 207/302 = 0.685; knowledge ordinal 0.588, interval 211/310 =
-- 0.681.
SELECT criterion, responses(s) AS contacts, ratings(s) AS ratings,
       round(alpha(s, 'ordinal')::numeric, 3) AS ordinal,
       round(alpha(s, 'interval')::numeric, 3) AS interval
FROM (SELECT criterion, agreement_agg(ratings) AS s
      FROM (SELECT x.criterion, c.contact, array_agg(x.points::float8 ORDER BY c.grader) AS ratings
            FROM calibration_scores c
            CROSS JOIN LATERAL (VALUES ('greeting', c.greeting),
                                       ('knowledge', c.knowledge)) x(criterion, points)
            GROUP BY 1, 2) items
      GROUP BY criterion) t
ORDER BY criterion;

-- QA evaluations and handle times of three agents over two months.
CREATE TABLE evaluations (agent text, month date, greeting int, knowledge int);
INSERT INTO evaluations VALUES
	-- February: ana 90, 80, 100, 90; ben 60, 70, 70, 50; cruz 80, 70, 90, 70
	('ana', '2026-02-01', 5, 4), ('ana', '2026-02-01', 4, 4), ('ana', '2026-02-01', 5, 5),
	('ana', '2026-02-01', 4, 5), ('ben', '2026-02-01', 3, 3), ('ben', '2026-02-01', 4, 3),
	('ben', '2026-02-01', 3, 4), ('ben', '2026-02-01', 2, 3), ('cruz', '2026-02-01', 4, 4),
	('cruz', '2026-02-01', 4, 3), ('cruz', '2026-02-01', 5, 4), ('cruz', '2026-02-01', 3, 4),
	-- January: ana 80, 70, 90; ben 50, 60, 50; cruz 70, 60, 80
	('ana', '2026-01-01', 4, 4), ('ana', '2026-01-01', 3, 4), ('ana', '2026-01-01', 4, 5),
	('ben', '2026-01-01', 3, 2), ('ben', '2026-01-01', 3, 3), ('ben', '2026-01-01', 2, 3),
	('cruz', '2026-01-01', 4, 3), ('cruz', '2026-01-01', 3, 3), ('cruz', '2026-01-01', 4, 4);
CREATE TABLE handle_times (agent text, month date, seconds float8);
INSERT INTO handle_times VALUES
	('ana', '2026-02-01', 300), ('ana', '2026-02-01', 280), ('ana', '2026-02-01', 350),
	('ana', '2026-02-01', 310), ('ben', '2026-02-01', 420), ('ben', '2026-02-01', 380),
	('ben', '2026-02-01', 450), ('ben', '2026-02-01', 500), ('cruz', '2026-02-01', 360),
	('cruz', '2026-02-01', 340), ('cruz', '2026-02-01', 330), ('cruz', '2026-02-01', 390),
	('ana', '2026-01-01', 320), ('ana', '2026-01-01', 330), ('ana', '2026-01-01', 360),
	('ben', '2026-01-01', 470), ('ben', '2026-01-01', 520), ('ben', '2026-01-01', 430),
	('cruz', '2026-01-01', 380), ('cruz', '2026-01-01', 350), ('cruz', '2026-01-01', 410);

-- Each agent against the rest of the team in February.  Quality: ana 90
-- against the other eight's 70 (difference 20); ben 62.5 against 83.75;
-- cruz 77.5 against 76.25.  Handle times: ana 310 s against 396.25 s; ben
-- 437.5 against 332.5; cruz 355 against 373.75.  Intervals and p-values as
-- test/reference/compare_means.py computes them (ana's quality: 6.62 ..
-- 33.38, p = 0.00832; ana's handle time: -142.43 .. -30.07, p = 0.00657).
SELECT agent, round(score(mine)::numeric, 1) AS qa, round(score(rest)::numeric, 1) AS rest,
       round(difference(mine, rest)::numeric, 1) AS difference,
       round(difference_lower_bound(mine, rest)::numeric, 1) AS low,
       round(difference_upper_bound(mine, rest)::numeric, 1) AS high,
       round(p_value(mine, rest)::numeric, 3) AS p
FROM (SELECT a.agent,
             weighted_rubric(ARRAY[e.greeting, e.knowledge]::float8[], '{1,1}', '{5,5}')
                 FILTER (WHERE e.agent = a.agent) AS mine,
             weighted_rubric(ARRAY[e.greeting, e.knowledge]::float8[], '{1,1}', '{5,5}')
                 FILTER (WHERE e.agent <> a.agent) AS rest
      FROM evaluations e CROSS JOIN (SELECT DISTINCT agent FROM evaluations) a
      WHERE e.month = '2026-02-01'
      GROUP BY a.agent) t
ORDER BY agent;

SELECT agent, round(mean(mine)::numeric) AS aht, round(mean(rest)::numeric) AS rest,
       round(difference(mine, rest)::numeric, 1) AS difference,
       round(difference_lower_bound(mine, rest)::numeric, 1) AS low,
       round(difference_upper_bound(mine, rest)::numeric, 1) AS high,
       round(p_value(mine, rest)::numeric, 3) AS p
FROM (SELECT a.agent, aht_agg(h.seconds) FILTER (WHERE h.agent = a.agent) AS mine,
             aht_agg(h.seconds) FILTER (WHERE h.agent <> a.agent) AS rest
      FROM handle_times h CROSS JOIN (SELECT DISTINCT agent FROM handle_times) a
      WHERE h.month = '2026-02-01'
      GROUP BY a.agent) t
ORDER BY agent;

-- The team, February against January: quality 920/12 = 76.67 against
-- 610/9 = 67.78 (12 evaluations, 9); handle time 367.5 s against 396.67 s.
-- compare_means.py: quality -4.21 .. 21.99, p = 0.171; handle time
-- -90.57 .. 32.24, p = 0.330.
SELECT 'quality score' AS figure,
       round(difference(feb, jan)::numeric, 2) AS difference,
       round(difference_lower_bound(feb, jan)::numeric, 2) AS low,
       round(difference_upper_bound(feb, jan)::numeric, 2) AS high,
       round(p_value(feb, jan)::numeric, 3) AS p
FROM (SELECT weighted_rubric(ARRAY[greeting, knowledge]::float8[], '{1,1}', '{5,5}')
                 FILTER (WHERE month = '2026-02-01') AS feb,
             weighted_rubric(ARRAY[greeting, knowledge]::float8[], '{1,1}', '{5,5}')
                 FILTER (WHERE month = '2026-01-01') AS jan
      FROM evaluations) q
UNION ALL
SELECT 'handle time (s)',
       round(difference(feb, jan)::numeric, 2), round(difference_lower_bound(feb, jan)::numeric, 2),
       round(difference_upper_bound(feb, jan)::numeric, 2), round(p_value(feb, jan)::numeric, 3)
FROM (SELECT aht_agg(seconds) FILTER (WHERE month = '2026-02-01') AS feb,
             aht_agg(seconds) FILTER (WHERE month = '2026-01-01') AS jan
      FROM handle_times) h;

DROP TABLE calibration_scores, evaluations, handle_times;
