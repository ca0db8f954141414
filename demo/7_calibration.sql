-- Grader calibration.  Each month the QA lead and three graders score the
-- same twelve evaluated contacts again, blind; the lead's scores are the
-- reference.  The summaries are stored per session: each grader's
-- evaluation scores against the lead's (calibration_agg), and per
-- criterion the agreement of all four (agreement_agg, Krippendorff's
-- alpha).  Both roll up exactly to a quarter or a year.

-- The same draws on every run.
SELECT setseed(0.7) AS seeded \gset

-- How each grader departs from the lead: a bias, in shares of a
-- criterion's maximum, and noise.  Hidden from the report, which must find
-- them: grader_b is harsh, grader_c inconsistent.
CREATE TABLE qa_graders (
    grader text PRIMARY KEY,
    bias double precision NOT NULL,
    noise double precision NOT NULL
);
INSERT INTO qa_graders VALUES
    ('lead', 0, 0), ('grader_a', 0, 0.06), ('grader_b', -0.12, 0.06), ('grader_c', 0.02, 0.2);

CREATE TABLE calibration_scores (
    session date NOT NULL,            -- the month of the session
    evaluation_id integer NOT NULL REFERENCES qa_evaluations,
    grader text NOT NULL REFERENCES qa_graders,
    greeting smallint, listening smallint, knowledge smallint,
    communication smallint, empathy smallint, compliance smallint,
    PRIMARY KEY (session, evaluation_id, grader)
);

-- A grader's points for a criterion the original evaluation scored
-- points of max_points (NULL: N/A): the lead gives the same, the others
-- depart.
CREATE FUNCTION pg_temp.regrade(points smallint, max_points integer, bias double precision,
                                noise double precision) RETURNS smallint
LANGUAGE sql VOLATILE
RETURN CASE WHEN points IS NOT NULL THEN
    least(max_points, greatest(0, round(points + max_points *
          (bias + noise * sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random())))))
END;

-- The first twelve evaluations of each month; N/A stays N/A for everyone.
INSERT INTO calibration_scores
SELECT date_trunc('month', e.evaluated_at)::date, e.evaluation_id, g.grader,
       pg_temp.regrade(e.greeting, 5, g.bias, g.noise),
       pg_temp.regrade(e.listening, 5, g.bias, g.noise),
       pg_temp.regrade(e.knowledge, 10, g.bias, g.noise),
       pg_temp.regrade(e.communication, 5, g.bias, g.noise),
       pg_temp.regrade(e.empathy, 5, g.bias, g.noise),
       -- grader_c also gets compliance wrong on 8% of contacts
       CASE WHEN g.grader = 'grader_c' AND random() < 0.08 THEN 1 - e.compliance
            ELSE e.compliance END
FROM (SELECT *, row_number() OVER (PARTITION BY date_trunc('month', evaluated_at)
                                   ORDER BY evaluated_at) AS n
      FROM qa_evaluations) e
CROSS JOIN qa_graders g
WHERE e.n <= 12
ORDER BY 1, 2, 3;

-- Per session and grader: evaluation scores (rubric_score over the rubric)
-- against the lead's, within 5 points.
CREATE MATERIALIZED VIEW grader_calibration AS
WITH rubric AS (
    SELECT array_agg(weight ORDER BY criterion) AS weights,
           array_agg(max_points ORDER BY criterion) AS max_points,
           array_agg(critical ORDER BY criterion) AS critical
    FROM rubric_criteria),
scored AS (
    SELECT c.session, c.evaluation_id, c.grader,
           rubric_score(ARRAY[c.greeting, c.listening, c.knowledge, c.communication,
                              c.empathy, c.compliance]::float8[],
                        r.weights, r.max_points, r.critical) AS score
    FROM calibration_scores c CROSS JOIN rubric r)
SELECT g.session, g.grader, calibration_agg(g.score, l.score, 5) AS calibration
FROM scored g
JOIN scored l ON l.session = g.session AND l.evaluation_id = g.evaluation_id AND l.grader = 'lead'
WHERE g.grader <> 'lead'
GROUP BY g.session, g.grader;

CREATE UNIQUE INDEX grader_calibration_key ON grader_calibration (session, grader);

-- Per session and criterion: the four graders' points, one item per
-- evaluation (graders in name order), for Krippendorff's alpha.
CREATE MATERIALIZED VIEW criterion_agreement AS
SELECT session, criterion, agreement_agg(points) AS agreement
FROM (SELECT c.session, c.evaluation_id, x.criterion,
             array_agg(x.points::float8 ORDER BY c.grader) AS points
      FROM calibration_scores c
      CROSS JOIN LATERAL (VALUES (1, c.greeting), (2, c.listening), (3, c.knowledge),
                                 (4, c.communication), (5, c.empathy), (6, c.compliance))
                         x(criterion, points)
      GROUP BY 1, 2, 3) items
GROUP BY session, criterion;

CREATE UNIQUE INDEX criterion_agreement_key ON criterion_agreement (session, criterion);
