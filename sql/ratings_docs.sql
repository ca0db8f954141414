-- The CES examples of docs/ratings.md (and of the README's section on CSAT
-- and CES), as the page shows them; figures worked out by hand in the
-- comments.  test/scripts/docs.py runs the pages themselves; this file
-- keeps the worked figures under pg_regress on every major.

-- Effort: a 1,1,2,3,6 (mean 2.6, s^2 = 4.3, 95% half-width
-- 1.959964 * sqrt(4.3/5) = 1.8176 -> [0.78, 4.42], clipped to [1.00, 4.42],
-- below 5: green; easy: 1s and 2s, 3 of 5 = 60); b 5,6,6,7 (mean 6,
-- s^2 = 2/3, half-width 1.959964 * sqrt(1/6) = 0.8002 -> [5.20, 6.80],
-- above 5: red; easy 0).  Agreement, 8 minus effort: a 7,7,6,5,2 (mean 5.4,
-- [3.58, 7.00], above 3: green; easy: 6s and 7s, 60); b 3,2,2,1 (mean 2,
-- [1.20, 2.80], below 3: red; easy 0).
CREATE TABLE ces_answers (team text, effort integer, made_it_easy integer);
INSERT INTO ces_answers VALUES
    ('a', 1, 7), ('a', 1, 7), ('a', 2, 6), ('a', 3, 5), ('a', 6, 2),
    ('b', 5, 3), ('b', 6, 2), ('b', 6, 2), ('b', 7, 1);

SELECT team, ces(s), easy(s), round(lower_bound(s)::numeric, 2) AS low,
       round(upper_bound(s)::numeric, 2) AS high, status(s, 5) AS against_5
FROM (SELECT team, ces_agg(effort) AS s FROM ces_answers GROUP BY team) t
ORDER BY team;

SELECT team, ces(s), easy(s), round(lower_bound(s)::numeric, 2) AS low,
       round(upper_bound(s)::numeric, 2) AS high, status(s, 3) AS against_3
FROM (SELECT team, ces_agg(made_it_easy, 7, false) AS s FROM ces_answers GROUP BY team) t
ORDER BY team;

-- the first summary (effort) counts lower as easier, the second higher
SELECT rollup(s)
FROM (SELECT ces_agg(effort) FROM ces_answers
      UNION ALL SELECT ces_agg(made_it_easy, 7, false) FROM ces_answers) x(s);

DROP TABLE ces_answers;
