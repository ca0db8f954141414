-- CES direction properties: easy() and status() in both directions equal
-- plain SQL over the same rows, rollups keep the direction, mixing
-- directions is refused, moving windows equal recomputed frames (also when
-- the direction changes after a frame has emptied), the text and binary
-- forms carry the direction, and 0.1.0's forms and C transition still mean
-- higher is easier.
BEGIN;
SELECT plan(37);

SELECT setseed(0.23);
-- Each agent answers the effort question on 1..7 (lower is easier), and a
-- survey of its own scale (3..10) and direction: even agents ask about
-- effort, odd agents ask for agreement (higher is easier).
CREATE TEMP TABLE answers AS
	SELECT g AS id, g % 60 AS agent, date '2026-01-01' + (g % 45) AS day,
		   CASE WHEN random() < 0.12 THEN NULL ELSE 1 + floor(random() * 7)::integer END AS effort,
		   3 + (g % 60) % 8 AS scale, (g % 60) % 2 = 0 AS lower_is_easier, random() AS u
	FROM generate_series(1, 12000) g;
ALTER TABLE answers ADD COLUMN rating integer;
UPDATE answers SET rating = CASE WHEN u < 0.1 THEN NULL ELSE 1 + floor(u * 1000)::integer % scale END;

-- plain SQL: the easy end is the two easiest points from 5 points up, the
-- easiest alone below
CREATE TEMP TABLE by_agent AS
	SELECT agent, ces_agg(effort) AS e, ces_agg(effort, 7, false) AS h,
		   ces_agg(8 - effort) AS mirrored,
		   ces_agg(rating, scale, lower_is_easier) AS k,
		   min(scale) AS scale, bool_and(lower_is_easier) AS lower_is_easier,
		   count(effort) AS en, avg(effort) AS emean, stddev_samp(effort) AS esd,
		   count(*) FILTER (WHERE effort <= 2) AS effort_low_end,
		   count(*) FILTER (WHERE effort >= 6) AS effort_high_end,
		   count(rating) AS kn,
		   count(*) FILTER (WHERE CASE WHEN lower_is_easier
									   THEN rating <= CASE WHEN scale >= 5 THEN 2 ELSE 1 END
									   ELSE rating > scale - CASE WHEN scale >= 5 THEN 2 ELSE 1 END END)
			   AS k_easy
	FROM answers GROUP BY agent;

SELECT is((SELECT count(*) FROM by_agent WHERE en > 30 AND kn > 30), 60::bigint,
		  '60 agents, each with answers');
SELECT is((SELECT count(*) FROM by_agent WHERE abs(easy(e) - 100.0 * effort_low_end / en) > 1e-9),
		  0::bigint, 'easy() of ces_agg(effort) is the percent of 1s and 2s');
SELECT is((SELECT count(*) FROM by_agent WHERE abs(easy(h) - 100.0 * effort_high_end / en) > 1e-9),
		  0::bigint, 'easy() of ces_agg(effort, 7, false) is the percent of 6s and 7s');
SELECT is((SELECT count(*) FROM by_agent WHERE abs(easy(k) - 100.0 * k_easy / kn) > 1e-9),
		  0::bigint, 'easy() on scales 3 to 10 in both directions equals plain SQL');
SELECT is((SELECT count(DISTINCT (scale >= 5, lower_is_easier)) FROM by_agent), 4::bigint,
		  'and those cover both widths of the easy end in both directions');
SELECT is((SELECT count(*) FROM by_agent
		   WHERE abs(ces(e) - emean) > 1e-12 OR ces(h) <> ces(e)
			  OR responses(e) <> en OR responses(h) <> en),
		  0::bigint, 'the direction changes no figure: ces() is avg() and responses() count() either way');
SELECT is((SELECT count(*) FROM by_agent
		   WHERE (e::jsonb->'lower_is_easier', h::jsonb->'lower_is_easier', k::jsonb->'lower_is_easier')
				 IS DISTINCT FROM ('true'::jsonb, 'false'::jsonb, to_jsonb(lower_is_easier))),
		  0::bigint, 'each summary records its direction (jsonb lower_is_easier)');

-- status() against plain SQL: the interval avg -/+ z * sd / sqrt(n), clipped
-- to 1..7; lower is better for e, higher for h.
CREATE TEMP TABLE statuses AS
	SELECT agent, t, status(e, t) AS e_status, status(h, t) AS h_status,
		   CASE WHEN hi < t THEN 'green' WHEN lo > t THEN 'red' ELSE 'amber' END AS lower_better,
		   CASE WHEN lo > t THEN 'green' WHEN hi < t THEN 'red' ELSE 'amber' END AS higher_better
	FROM (SELECT agent, e, h, greatest(1, emean - 1.959963984540054 * esd / sqrt(en)) AS lo,
				 least(7, emean + 1.959963984540054 * esd / sqrt(en)) AS hi
		  FROM by_agent) b,
		 generate_series(1.0, 7.0, 0.25) t;
SELECT is((SELECT count(*) FROM statuses WHERE e_status IS DISTINCT FROM lower_better),
		  0::bigint, 'status() of lower-is-easier CES: green below the target, red above');
SELECT is((SELECT count(*) FROM statuses WHERE h_status IS DISTINCT FROM higher_better),
		  0::bigint, 'status() of higher-is-easier CES: green above the target, red below');
SELECT is((SELECT array_agg(DISTINCT e_status ORDER BY e_status) FROM statuses),
		  '{amber,green,red}'::text[], 'the targets give every status');
SELECT is((SELECT count(*) FROM statuses WHERE e_status = h_status AND e_status <> 'amber'),
		  0::bigint, 'the same answers read in opposite directions never agree on green or red');
SELECT is((SELECT count(*) FROM by_agent, generate_series(1.0, 7.0, 0.5) t
		   WHERE status(mirrored, 8 - t) IS DISTINCT FROM status(h, t)
			  OR easy(mirrored) IS DISTINCT FROM easy(h)),
		  0::bigint, 'effort 8 - x against target 8 - t has the status and easy() of agreement x against t');

-- Rollups keep the direction and merge exactly.
CREATE TEMP TABLE daily AS
	SELECT agent, day, ces_agg(effort) AS e, ces_agg(effort, 7, false) AS h,
		   ces_agg(rating, scale, lower_is_easier) AS k
	FROM answers GROUP BY agent, day;
SELECT is((SELECT count(*) FROM by_agent b
		   JOIN (SELECT agent, rollup(e) AS e, rollup(h) AS h, rollup(k) AS k
				 FROM daily GROUP BY agent) d USING (agent)
		   WHERE (d.e, d.h, d.k) IS DISTINCT FROM (b.e, b.h, b.k)),
		  0::bigint, 'rollup of daily summaries equals the aggregate over all rows, in both directions');
-- agents 1, 9, ..., 57: odd (higher is easier), all on 1..4
SELECT is((SELECT rollup(k) FROM daily WHERE agent % 8 = 1),
		  (SELECT ces_agg(rating, scale, lower_is_easier) FROM answers WHERE agent % 8 = 1),
		  'rollup of higher-is-easier summaries across agents equals ces_agg over their rows');

-- Mixing directions is refused.
SELECT throws_ok($$SELECT rollup(s) FROM (SELECT e AS s FROM daily UNION ALL SELECT h FROM daily) x$$,
				 '22023', 'cannot merge ces summaries of opposite directions',
				 'rollup of lower- and higher-is-easier summaries raises 22023');
SELECT throws_ok($$SELECT difference(e, h) FROM by_agent$$, '22023',
				 'cannot compare ces summaries of opposite directions', 'difference() across directions raises 22023');
SELECT throws_ok($$SELECT p_value(h, e) FROM by_agent$$, '22023', NULL,
				 'p_value() across directions raises 22023');
SELECT throws_ok($$SELECT difference_lower_bound(e, h, 0.9) FROM by_agent$$, '22023', NULL,
				 'difference_lower_bound() across directions raises 22023');
SELECT throws_ok($$SELECT ces_agg(effort, 7, id % 2 = 0) FROM answers$$, '22023', NULL,
				 'one group of ratings in two directions raises 22023');
SELECT throws_ok($$SELECT ces_agg(effort, 7, NULL) FROM answers$$, '22004',
				 'ces lower_is_easier must not be null', 'a NULL direction beside a rating raises 22004');
SELECT throws_ok($$SELECT csat_agg(effort, NULL) FROM answers$$, '22004', NULL,
				 'a NULL scale_max beside a rating raises 22004');
SELECT throws_ok($$SELECT easy(csat_agg(least(effort, 5))) FROM answers$$, '22023', NULL,
				 'easy() of a CSAT summary raises 22023');
SELECT throws_ok($$SELECT ces_agg_trans(csat_agg(5), 3) $$, '22023', NULL,
				 'ces_agg_trans refuses a CSAT summary');
SELECT throws_ok($$SELECT csat_agg_trans(ces_agg(5), 3)$$, '22023', NULL,
				 'csat_agg_trans refuses a CES summary');
SELECT throws_ok($$SELECT rating_agg_inverse(ces_agg(5), 5, 7, false)$$, '22023', NULL,
				 'the inverse transition refuses a row of the other direction');

-- Moving windows equal each frame recomputed.  A survey that switches from
-- effort to agreement after a pause: a frame that has emptied takes the new
-- direction, as recomputing it would; a frame holding both raises 22023.
SELECT is((SELECT count(*) FROM (
			   SELECT agent, id, ces_agg(effort) OVER w AS e, ces_agg(effort, 7, false) OVER w AS h,
					  ces_agg(rating, scale, lower_is_easier) OVER w AS k
			   FROM answers WHERE agent < 8
			   WINDOW w AS (PARTITION BY agent ORDER BY id ROWS 9 PRECEDING)) w,
			   LATERAL (SELECT ces_agg(effort) AS e, ces_agg(effort, 7, false) AS h,
							   ces_agg(rating, scale, lower_is_easier) AS k
						FROM (SELECT * FROM answers b WHERE b.agent = w.agent AND b.id <= w.id
							  ORDER BY id DESC LIMIT 10) f) f
		   WHERE (w.e, w.h, w.k) IS DISTINCT FROM (f.e, f.h, f.k)),
		  0::bigint, 'CES aggregates over ROWS 9 PRECEDING equal each frame recomputed');
CREATE TEMP TABLE switched AS
	SELECT i, CASE WHEN i BETWEEN 30 AND 37 THEN NULL ELSE 1 + i % 7 END AS rating,
		   i < 34 AS lower_is_easier
	FROM generate_series(1, 70) i;
SELECT is((SELECT count(*) FROM (
			   SELECT i, ces_agg(rating, 7, lower_is_easier) OVER (ORDER BY i ROWS 5 PRECEDING) AS moving
			   FROM switched) w
		   WHERE moving IS DISTINCT FROM
			   (SELECT ces_agg(rating, 7, lower_is_easier) FROM switched b WHERE b.i BETWEEN w.i - 5 AND w.i)),
		  0::bigint, 'a moving frame that empties takes the direction of the next rating');
SELECT is((SELECT array_agg(DISTINCT moving::jsonb->>'lower_is_easier' ORDER BY moving::jsonb->>'lower_is_easier')
		   FROM (SELECT ces_agg(rating, 7, lower_is_easier) OVER (ORDER BY i ROWS 5 PRECEDING) AS moving
				 FROM switched) w),
		  '{false,true,NULL}'::text[], 'and holds both directions in turn, with empty frames between');
SELECT throws_ok($$SELECT ces_agg(rating, 7, lower_is_easier) OVER (ORDER BY i ROWS 10 PRECEDING) FROM switched$$,
				 '22023', NULL, 'a frame holding both directions raises 22023');
-- rollup over summaries, empty ones (no answers, of any direction) among
-- them: an emptied state takes the direction of the next summary
CREATE TEMP TABLE summaries AS
	SELECT i, CASE WHEN i < 10 THEN ces_agg(r)
				   WHEN i < 13 THEN 'v2 kind=ces scale=7 lower_is_easier=false counts=0,0,0,0,0,0,0'::rating_summary
				   ELSE ces_agg(r, 7, false) END AS s
	FROM generate_series(1, 25) i, LATERAL (SELECT 1 + (i * 5 + j) % 7 AS r FROM generate_series(1, 3) j) x
	GROUP BY i;
SELECT is((SELECT count(*) FROM (
			   SELECT i, rollup(s) OVER (ORDER BY i ROWS 2 PRECEDING) AS moving FROM summaries) w
		   WHERE moving IS DISTINCT FROM
			   (SELECT rollup(s) FROM summaries b WHERE b.i BETWEEN w.i - 2 AND w.i)),
		  0::bigint, 'rollup over ROWS 2 PRECEDING equals each frame recomputed across a change of direction');

-- Text and binary forms carry the direction.
SELECT is((SELECT count(*) FROM daily
		   WHERE (e::text::rating_summary, h::text::rating_summary, k::text::rating_summary)
				 IS DISTINCT FROM (e, h, k)),
		  0::bigint, 'text output reads back as the same summary, direction included');
\ir helpers/binary_copy.psql
CREATE TEMP TABLE copied (agent integer, day date, e rating_summary, h rating_summary, k rating_summary);
SELECT pg_temp.copy_through_binary_file('SELECT agent, day, e, h, k FROM daily', 'copied');
SELECT is((SELECT count(*) FROM daily d JOIN copied x USING (agent, day)
		   WHERE (x.e, x.h, x.k) IS NOT DISTINCT FROM (d.e, d.h, d.k)),
		  (SELECT count(*) FROM daily), 'COPY BINARY reads every summary back, direction included');
CREATE TEMP TABLE one_summary (s rating_summary);
-- version 2: measure 2 (ces), scale 3, lower_is_easier 1, three counts
SELECT pg_temp.load_binary('\x02020301'::bytea || decode(repeat('0000000000000000', 2) || '0000000000000005', 'hex'));
SELECT is((SELECT s FROM one_summary), 'v2 kind=ces scale=3 lower_is_easier=true counts=0,0,5'::rating_summary,
		  'a version 2 binary CES value carries lower_is_easier');
TRUNCATE one_summary;
-- version 1, as 0.1.0 sent it: no direction byte
SELECT pg_temp.load_binary('\x010203'::bytea || decode(repeat('0000000000000000', 2) || '0000000000000005', 'hex'));
SELECT is((SELECT s FROM one_summary), 'v2 kind=ces scale=3 lower_is_easier=false counts=0,0,5'::rating_summary,
		  'a version 1 binary CES value reads as lower_is_easier = false');
SELECT throws_ok($$SELECT pg_temp.load_binary('\x02020302'::bytea || decode(repeat('0000000000000000', 3), 'hex'))$$,
				 '22P03', NULL, 'a direction byte other than 0 or 1 raises 22P03');
SELECT throws_ok($$SELECT pg_temp.load_binary('\x02010b'::bytea || decode(repeat('0000000000000000', 11), 'hex'))$$,
				 '22P03', NULL, 'a version 2 binary scale above 10 raises 22P03');

-- 0.1.0's C transition, which a database not yet updated still calls for
-- its ces_agg, keeps 0.1.0's meaning: higher is easier.
DO $$BEGIN
	EXECUTE format('CREATE FUNCTION pg_temp.ces_agg_trans_010(rating_summary, integer) '
				   'RETURNS rating_summary AS %L, %L LANGUAGE C IMMUTABLE',
				   (SELECT probin FROM pg_proc WHERE proname = 'csat_agg_trans' LIMIT 1),
				   'ces_agg_trans');
END$$;
SELECT is(pg_temp.ces_agg_trans_010(NULL, 6)::text,
		  'v2 kind=ces scale=7 lower_is_easier=false counts=0,0,0,0,0,1,0',
		  'the C function ces_agg_trans of 0.1.0 counts higher as easier');

SELECT * FROM finish();
ROLLBACK;
