-- attainment(value, worst, best), and the overall score as rubric_score
-- over attainments.  Expected figures were worked out by hand.
SET extra_float_digits = 0;

-- higher is better, worst 50, best 100: linear between, clipped outside
SELECT attainment(50, 50, 100) AS at_worst, attainment(75, 50, 100) AS half,
	   attainment(100, 50, 100) AS at_best, attainment(40, 50, 100) AS below,
	   attainment(120, 50, 100) AS above;

-- lower is better (worst > best), e.g. handle time, worst 600 s, best 240 s:
-- 300 s is (600 - 300) / (600 - 240) = 300 / 360 of the way: 83.3333333333333;
-- at worst exactly 0 (not -0), at best 100, beyond either end clipped
SELECT attainment(600, 600, 240) AS at_worst, attainment(300, 600, 240) AS mid,
	   attainment(240, 600, 240) AS at_best, attainment(700, 600, 240) AS worse,
	   attainment(0, 600, 240) AS better;

-- negative scales, e.g. NPS: worst -20, best 40; 10 is half-way
SELECT attainment(10, -20, 40) AS nps_half, attainment(-100, -20, 40) AS nps_floor;

-- infinite values lie beyond one end; bounds near the ends of the double
-- range, whose difference overflows, still give the right share:
-- (1e308 + 1.7e308) / 3.4e308 = 79.4117647058824%
SELECT attainment('Infinity', 0, 10) AS inf_up, attainment('-Infinity', 0, 10) AS inf_down,
	   attainment('Infinity', 10, 0) AS inf_lower_better,
	   attainment(0, -1.7e308, 1.7e308) AS centre,
	   attainment(1e308, -1.7e308, 1.7e308) AS near_top;

-- NULL (no data) gives NULL
SELECT attainment(NULL, 0, 10) IS NULL AS null_value,
	   attainment(5, NULL, 10) IS NULL AS null_worst,
	   attainment(5, 0, NULL) IS NULL AS null_best;

-- The overall score: rubric_score over the attainments, each metric a
-- criterion out of 100, weighted; a NULL attainment is N/A and its weight
-- renormalizes away.  Targets (worst -> best): NPS 0 -> 50, CSAT 60 -> 90,
-- FCR 50 -> 80, AHT 600 -> 300 s, QA 70 -> 95; weights 3, 2, 2, 1, 2.
CREATE TABLE agent_month (agent text, nps float8, csat float8, fcr float8,
						  aht float8, qa float8);
INSERT INTO agent_month VALUES
	-- 80, 80, 50, 90, 72: (240 + 160 + 100 + 90 + 144) / 10 = 73.4
	('ana', 40, 84, 65, 330, 88),
	-- NPS N/A; 50, 100 (clipped), 0 (clipped), 100:
	-- (100 + 200 + 0 + 200) / 7 = 71.428571429 (rubric_score keeps a billionth)
	('ben', NULL, 75, 85, 700, 95),
	-- 0 (clipped), 100, 75, 50, 40: (0 + 200 + 150 + 50 + 80) / 10 = 48
	('cruz', -10, 90, 72.5, 450, 80),
	-- no data at all: NULL
	('dee', NULL, NULL, NULL, NULL, NULL);

SELECT agent,
	   rubric_score(ARRAY[attainment(nps, 0, 50), attainment(csat, 60, 90),
						  attainment(fcr, 50, 80), attainment(aht, 600, 300),
						  attainment(qa, 70, 95)],
					'{3,2,2,1,2}', '{100,100,100,100,100}') AS overall
FROM agent_month ORDER BY agent;

-- errors: NaN value (22003); non-finite or equal bounds (22023)
SELECT attainment('NaN', 0, 10);
SELECT attainment(5, 'NaN', 10);
SELECT attainment(5, 0, '-Infinity');
SELECT attainment(5, 10, 10);

DROP TABLE agent_month;
