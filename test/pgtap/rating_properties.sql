-- rating_summary properties: every figure equals plain SQL over the same
-- rows, rollups are exact, moving windows equal recomputed frames, and both
-- the text and the binary forms round-trip.
BEGIN;
SELECT plan(40);

SELECT setseed(0.17);
-- Each agent answers CSAT on 1..5 and CES on 1..7, and a survey of its own
-- scale (3..10) through csat_agg(rating, scale_max).
CREATE TEMP TABLE answers AS
	SELECT g AS id, g % 120 AS agent, date '2026-01-01' + (g % 90) AS day,
		   CASE WHEN random() < 0.15 THEN NULL ELSE 1 + floor(random() * 5)::integer END AS csat,
		   CASE WHEN random() < 0.15 THEN NULL ELSE 1 + floor(random() * 7)::integer END AS ces,
		   3 + (g % 120) % 8 AS scale, random() AS u
	FROM generate_series(1, 24000) g;
ALTER TABLE answers ADD COLUMN rating integer;
UPDATE answers SET rating = CASE WHEN u < 0.1 THEN NULL ELSE 1 + floor(u * 1000)::integer % scale END;
-- agent 7 never answers; agent 3 goes quiet for a stretch, so that moving
-- frames empty out and fill again
UPDATE answers SET csat = NULL, ces = NULL, rating = NULL WHERE agent = 7;
UPDATE answers SET csat = NULL, ces = NULL, rating = NULL
	WHERE agent = 3 AND id BETWEEN 3000 AND 12000;

CREATE TEMP TABLE by_agent AS
	SELECT agent, csat_agg(csat) AS c, ces_agg(ces) AS e, csat_agg(rating, scale) AS k,
		   min(scale) AS scale,
		   count(csat) AS cn, count(*) FILTER (WHERE csat >= 4) AS satisfied, avg(csat) AS cmean,
		   count(ces) AS en, avg(ces) AS emean, stddev_samp(ces) AS esd,
		   count(*) FILTER (WHERE ces >= 5) AS easy,
		   count(rating) AS kn, count(*) FILTER (WHERE rating >= CASE WHEN scale >= 4 THEN scale - 1 ELSE scale END)
			   AS ksatisfied
	FROM answers GROUP BY agent;

SELECT is((SELECT count(*) FROM by_agent), 120::bigint, '120 agents');
SELECT is((SELECT count(*) FROM by_agent
		   WHERE cn > 0 AND abs(csat(c) - 100.0 * satisfied / cn) > 1e-9),
		  0::bigint, 'csat() equals 100 * count(rating >= 4) / count(rating)');
SELECT is((SELECT count(*) FROM by_agent b, generate_series(1, 5) f
		   WHERE cn > 0 AND abs(csat(c, f) - 100.0 *
				 (SELECT count(*) FROM answers a WHERE a.agent = b.agent AND a.csat >= f) / cn) > 1e-9),
		  0::bigint, 'csat(s, satisfied_from) equals the plain-SQL share for every threshold');
SELECT is((SELECT count(*) FROM by_agent
		   WHERE en > 0 AND abs(csat(e, 5) - 100.0 * easy / en) > 1e-9),
		  0::bigint, 'csat(ces summary, 5) is the CES "easy" share');
SELECT is((SELECT count(*) FROM by_agent
		   WHERE cn > 0 AND (abs(mean(c) - cmean) > 1e-12 OR abs(ces(e) - emean) > 1e-12
							 OR mean(e) <> ces(e))),
		  0::bigint, 'mean() and ces() equal avg()');
SELECT is((SELECT count(*) FROM by_agent
		   WHERE cn > 0 AND (responses(c), responses(e), responses(k)) IS DISTINCT FROM (cn, en, kn)),
		  0::bigint, 'responses() equals count()');
SELECT is((SELECT count(*) FROM by_agent b
		   WHERE cn > 0 AND distribution(c) IS DISTINCT FROM
			   (SELECT array_agg((SELECT count(*) FROM answers a
								  WHERE a.agent = b.agent AND a.csat = r) ORDER BY r)
				FROM generate_series(1, 5) r)),
		  0::bigint, 'distribution() holds count(*) per rating, subscripted from 1');
SELECT is((SELECT count(*) FROM by_agent b
		   WHERE kn > 0 AND distribution(k) IS DISTINCT FROM
			   (SELECT array_agg((SELECT count(*) FROM answers a
								  WHERE a.agent = b.agent AND a.rating = r) ORDER BY r)
				FROM generate_series(1, b.scale) r)),
		  0::bigint, 'csat_agg(rating, scale_max) counts on the given scale');
SELECT is((SELECT count(*) FROM by_agent
		   WHERE kn > 0 AND abs(csat(k) - 100.0 * ksatisfied / kn) > 1e-9),
		  0::bigint, 'csat() of other scales is the top-two-box share (the top box on 3 points)');
SELECT ok((SELECT c IS NULL AND e IS NULL AND k IS NULL AND csat(c) IS NULL
		   FROM by_agent WHERE agent = 7),
		  'a group whose ratings are all NULL gives NULL');

-- Intervals in plain SQL: Wilson for CSAT, mean -/+ z * sd / sqrt(n) for CES.
SELECT is((SELECT count(*) FROM (
			   SELECT c, cn, satisfied::float8 / cn AS p, 1.959963984540054 AS z
			   FROM by_agent WHERE cn > 0) x
		   WHERE abs(lower_bound(c) - 100 * greatest(0,
					 ((p + z * z / (2 * cn)) - z * sqrt(p * (1 - p) / cn + z * z / (4 * cn * cn)))
					 / (1 + z * z / cn))) > 1e-9
			  OR abs(upper_bound(c) - 100 * least(1,
					 ((p + z * z / (2 * cn)) + z * sqrt(p * (1 - p) / cn + z * z / (4 * cn * cn)))
					 / (1 + z * z / cn))) > 1e-9),
		  0::bigint, 'CSAT bounds equal the Wilson formula in plain SQL');
SELECT is((SELECT count(*) FROM by_agent
		   WHERE en > 1
			 AND (abs(lower_bound(e) - greatest(1, emean - 1.959963984540054 * esd / sqrt(en))) > 1e-9
				  OR abs(upper_bound(e) - least(7, emean + 1.959963984540054 * esd / sqrt(en))) > 1e-9
				  OR abs(upper_bound(e, 0.9) - least(7, emean + 1.6448536269514722 * esd / sqrt(en))) > 1e-9)),
		  0::bigint, 'CES bounds equal avg() -/+ z * stddev_samp() / sqrt(count()) in plain SQL');

-- Rollups: daily summaries merge into exactly the all-rows summary.
CREATE TEMP TABLE daily AS
	SELECT agent, day, csat_agg(csat) AS c, ces_agg(ces) AS e, csat_agg(rating, scale) AS k
	FROM answers GROUP BY agent, day;
SELECT ok((SELECT count(*) FROM daily WHERE c IS NULL) > 0,
		  'some agent-days have no answers (NULL summaries)');
SELECT is((SELECT count(*) FROM by_agent b
		   JOIN (SELECT agent, rollup(c) AS c, rollup(e) AS e, rollup(k) AS k
				 FROM daily GROUP BY agent) d USING (agent)
		   WHERE (d.c, d.e, d.k) IS DISTINCT FROM (b.c, b.e, b.k)),
		  0::bigint, 'rollup of daily summaries equals the aggregate over all rows, per agent');
SELECT is((SELECT rollup(c) FROM daily), (SELECT csat_agg(csat) FROM answers),
		  'rollup of every daily CSAT summary equals csat_agg over the whole table');
SELECT is((SELECT rollup(w) FROM (SELECT rollup(e) AS w FROM daily
								  GROUP BY agent, date_trunc('week', day)) x),
		  (SELECT ces_agg(ces) FROM answers),
		  'a rollup of weekly CES rollups equals ces_agg over the whole table');
SELECT is((SELECT count(*) FROM (
			   SELECT agent % 10 AS team, date_trunc('month', day) AS month,
					  csat(rollup(c)) AS csat, ces(rollup(e)) AS ces
			   FROM daily GROUP BY 1, 2) ours
		   JOIN (SELECT agent % 10 AS team, date_trunc('month', day) AS month,
						100.0 * count(*) FILTER (WHERE csat >= 4) / count(csat) AS csat,
						avg(ces) AS ces
				 FROM answers GROUP BY 1, 2) plain USING (team, month)
		   WHERE abs(ours.csat - plain.csat) > 1e-9 OR abs(ours.ces - plain.ces) > 1e-12),
		  0::bigint, 'monthly team CSAT and CES from daily summaries equal plain SQL');

-- Moving windows: the inverse transition gives what recomputing each frame
-- from scratch gives, including frames that empty out.
CREATE TEMP TABLE numbered AS
	SELECT agent, row_number() OVER (PARTITION BY agent ORDER BY id) AS rn, day, csat, ces,
		   rating, scale
	FROM answers WHERE agent < 12;
CREATE INDEX ON numbered (agent, rn);
SELECT is((SELECT count(*) FROM (
			   SELECT agent, rn, csat_agg(csat) OVER w AS c, ces_agg(ces) OVER w AS e,
					  csat_agg(rating, scale) OVER w AS k
			   FROM numbered WINDOW w AS (PARTITION BY agent ORDER BY rn ROWS 27 PRECEDING)) w,
			   LATERAL (SELECT csat_agg(csat) AS c, ces_agg(ces) AS e,
							   csat_agg(rating, scale) AS k
						FROM numbered b
						WHERE b.agent = w.agent AND b.rn BETWEEN w.rn - 27 AND w.rn) f
		   WHERE (w.c, w.e, w.k) IS DISTINCT FROM (f.c, f.e, f.k)),
		  0::bigint, 'rating aggregates over ROWS 27 PRECEDING equal each frame recomputed');
SELECT ok((SELECT count(*) FROM (
			   SELECT csat_agg(csat) OVER (PARTITION BY agent ORDER BY rn ROWS 27 PRECEDING) AS c
			   FROM numbered WHERE agent = 3) w WHERE c IS NULL) > 0,
		  'frames with no answers give NULL after answers leave the frame');
SELECT is((SELECT count(*) FROM (
			   SELECT agent, day, ces_agg(ces) OVER (PARTITION BY agent ORDER BY day
													 RANGE BETWEEN '27 days' PRECEDING
													 AND CURRENT ROW) AS moving
			   FROM numbered) w
		   WHERE moving IS DISTINCT FROM
			   (SELECT ces_agg(ces) FROM numbered b
				WHERE b.agent = w.agent AND b.day BETWEEN w.day - 27 AND w.day)),
		  0::bigint, 'ces_agg over a 28-day RANGE frame equals each frame recomputed');
SELECT is((SELECT count(*) FROM (
			   SELECT agent, day, rollup(c) OVER (PARTITION BY agent ORDER BY day
												  ROWS 6 PRECEDING) AS moving
			   FROM daily WHERE agent < 12) w
		   WHERE moving IS DISTINCT FROM
			   (SELECT rollup(c) FROM (
					SELECT c FROM daily b WHERE b.agent = w.agent AND b.day <= w.day
					ORDER BY day DESC LIMIT 7) f)),
		  0::bigint, 'rollup over ROWS 6 PRECEDING equals each frame recomputed');

-- A survey that changes scale: an emptied moving frame takes the new scale,
-- as recomputing the frame would; a frame holding both scales is an error.
CREATE TEMP TABLE rescaled AS
	SELECT i, CASE WHEN i BETWEEN 40 AND 49 THEN NULL ELSE 1 + i % 4 END AS rating,
		   CASE WHEN i < 45 THEN 4 ELSE 10 END AS scale
	FROM generate_series(1, 90) i;
SELECT is((SELECT count(*) FROM (
			   SELECT i, csat_agg(rating, scale) OVER (ORDER BY i ROWS 5 PRECEDING) AS moving
			   FROM rescaled) w
		   WHERE moving IS DISTINCT FROM
			   (SELECT csat_agg(rating, scale) FROM rescaled b WHERE b.i BETWEEN w.i - 5 AND w.i)),
		  0::bigint, 'a moving frame that empties takes the scale of the next rating');
SELECT is((SELECT count(DISTINCT moving::jsonb->>'scale')
		   FROM (SELECT csat_agg(rating, scale) OVER (ORDER BY i ROWS 5 PRECEDING) AS moving
				 FROM rescaled) w),
		  2::bigint, 'and holds both scales in turn');
SELECT throws_ok($$SELECT csat_agg(rating, scale) OVER (ORDER BY i ROWS 15 PRECEDING) FROM rescaled$$,
				 '22023', NULL, 'a frame holding two scales raises 22023');

-- Text and binary forms round-trip exactly.
SELECT is((SELECT count(*) FROM daily
		   WHERE (c::text::rating_summary, e::text::rating_summary, k::text::rating_summary)
				 IS DISTINCT FROM (c, e, k)),
		  0::bigint, 'text output reads back as the same summary');
\ir helpers/binary_copy.psql
CREATE TEMP TABLE copied (agent integer, day date, c rating_summary, e rating_summary, k rating_summary);
SELECT lives_ok($$SELECT pg_temp.copy_through_binary_file('SELECT agent, day, c, e, k FROM daily', 'copied')$$,
				'COPY BINARY writes and reads rating_summary');
SELECT is((SELECT count(*) FROM daily d JOIN copied x USING (agent, day)
		   WHERE (x.c, x.e, x.k) IS NOT DISTINCT FROM (d.c, d.e, d.k)),
		  (SELECT count(*) FROM daily),
		  'every summary reads back from COPY BINARY unchanged');

-- Binary input is checked as strictly as text input: version, kind byte,
-- scale byte, then one 64-bit count per rating.
CREATE TEMP TABLE one_summary (s rating_summary);
-- kind 2 (ces), scale 3
SELECT lives_ok($$SELECT pg_temp.load_binary('\x010203'::bytea
		|| decode(repeat('0000000000000000', 2) || '0000000000000005', 'hex'))$$,
		'a valid binary rating_summary loads');
SELECT is((SELECT s FROM one_summary), 'v1 kind=ces scale=3 counts=0,0,5'::rating_summary,
		  'and holds the kind, scale and counts it was sent');
SELECT throws_ok($$SELECT pg_temp.load_binary('\x010303'::bytea
		|| decode(repeat('0000000000000000', 3), 'hex'))$$,
		'22P03', NULL, 'an unknown binary kind raises 22P03');
SELECT throws_ok($$SELECT pg_temp.load_binary('\x01010b'::bytea
		|| decode(repeat('0000000000000000', 11), 'hex'))$$,
		'22P03', NULL, 'a binary scale above 10 raises 22P03');
SELECT throws_ok($$SELECT pg_temp.load_binary('\x010203'::bytea
		|| decode(repeat('0000000000000000', 2), 'hex'))$$,
		'22P03', NULL, 'a truncated binary value raises 22P03');
SELECT throws_ok($$SELECT pg_temp.load_binary('\x010202'::bytea
		|| decode(repeat('0000000000000000', 3), 'hex'))$$,
		'22P03', NULL, 'trailing bytes raise 22P03');
SELECT throws_ok($$SELECT pg_temp.load_binary('\x010202'::bytea
		|| decode('0000000000000000ffffffffffffffff', 'hex'))$$,
		'22003', NULL, 'a negative binary count raises 22003');

-- SQLSTATEs of bad input.
SELECT throws_ok('SELECT csat_agg(x) FROM (VALUES (6)) v(x)', '22003',
				 'csat rating 6 is out of range', 'a rating above the scale raises 22003');
SELECT throws_ok('SELECT ces_agg(x, 4) FROM (VALUES (0)) v(x)', '22003',
				 'ces rating 0 is out of range', 'a rating below 1 raises 22003');
SELECT throws_ok('SELECT csat_agg(x, 1) FROM (VALUES (1)) v(x)', '22023',
				 'csat scale_max 1 is out of range', 'scale_max below 2 raises 22023');
SELECT throws_ok($$SELECT csat(s, 8) FROM (SELECT ces_agg(x) s FROM (VALUES (1)) v(x)) t$$,
				 '22023', 'satisfied_from 8 is out of range', 'satisfied_from outside the scale raises 22023');
SELECT throws_ok($$SELECT rollup(s) FROM (VALUES ((SELECT csat_agg(1))), ((SELECT ces_agg(1)))) v(s)$$,
				 '22023', NULL, 'rollup of a CSAT and a CES summary raises 22023');
SELECT throws_ok($$SELECT p_value(csat_agg(1, 4), csat_agg(1))$$,
				 '22023', NULL, 'comparing two scales raises 22023');

SELECT * FROM finish();
ROLLBACK;
