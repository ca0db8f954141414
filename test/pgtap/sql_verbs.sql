-- The plain SQL verbs on every summary type and on business_calendar:
-- DISTINCT, GROUP BY, UNION, count(DISTINCT), ORDER BY, merge and hash
-- joins, IN (subquery), btree and hash indexes and hash partitioning, each
-- with hashed and with sorted plans, against the same query over the text
-- form (exact and canonical, so text equality is value equality).  Then the
-- documented order, against an independent implementation over the stored
-- bytes: shorter first, then the first differing byte, unsigned.
BEGIN;
SELECT plan(398);

-- The stored bytes of a value as bytea (byteasend returns its argument's
-- bytes), and bytea's own hash of them.  Test scaffolding: internal
-- functions, for a superuser, on varlena types only.
CREATE FUNCTION pg_temp.stored_bytes(anyelement) RETURNS bytea
	LANGUAGE internal IMMUTABLE STRICT AS 'byteasend';
CREATE FUNCTION pg_temp.bytes_hash(bytea) RETURNS integer
	LANGUAGE internal IMMUTABLE STRICT AS 'hashvarlena';
CREATE FUNCTION pg_temp.bytes_hash(bytea, bigint) RETURNS bigint
	LANGUAGE internal IMMUTABLE STRICT AS 'hashvarlenaextended';

-- 30 groups; group k holds 1 + k % 10 answers that depend on j and
-- m = k % 10 alone, so groups k, k + 10 and k + 20 have equal summaries:
-- 9 distinct values three times each, and NULL (m = 9) three times.
CREATE TEMP TABLE answers AS
	SELECT k, k % 10 AS m, j FROM generate_series(0, 29) k,
		LATERAL generate_series(1, 1 + k % 10) j;

CREATE TEMP TABLE v_nps AS
	SELECT k AS id, nps_agg((j * 3 + m) % 11) AS s FROM answers GROUP BY k;
-- three kinds and scales: CSAT of 5, CES of 7, CSAT of 10
CREATE TEMP TABLE v_rating AS
	SELECT k AS id, CASE m % 3 WHEN 0 THEN csat_agg(1 + (j + m) % 5)
		WHEN 1 THEN ces_agg(1 + j % 7) ELSE csat_agg(1 + (j * m) % 10, 10) END AS s
	FROM answers GROUP BY k, m;
CREATE TEMP TABLE v_rate AS
	SELECT k AS id, rate_agg((j + m) % 3 = 0) AS s FROM answers GROUP BY k;
-- 2, 3 or 4 criteria: stored forms of three lengths
CREATE TEMP TABLE v_rubric AS
	SELECT k AS id, weighted_rubric(array_fill(((j + m) % 4) / 3.0::float8, ARRAY[2 + m % 3]),
									array_fill(1.0::float8, ARRAY[2 + m % 3])) AS s
	FROM answers GROUP BY k, m;
CREATE TEMP TABLE v_duration AS
	SELECT k AS id, aht_agg(((j * 37 + m * 11) % 600)::float8) AS s FROM answers GROUP BY k;
CREATE TEMP TABLE v_queue AS
	SELECT k AS id, queue_agg(make_interval(secs => (j * 7 + m) % 40), (j + m) % 4 > 0) AS s
	FROM answers GROUP BY k;
-- 2 or 3 graders, values of one to three distinct ratings
CREATE TEMP TABLE v_agreement AS
	SELECT k AS id, agreement_agg(ARRAY[(j + m) % 3, (j * m) % 3, CASE WHEN m % 2 = 0 THEN j % 2 END]::float8[]) AS s
	FROM answers GROUP BY k, m;
-- tolerances of 5 and 10 points
CREATE TEMP TABLE v_calibration AS
	SELECT k AS id, calibration_agg(((j * 13 + m) % 100)::float8, ((j * 7) % 100)::float8,
									CASE WHEN m % 2 = 0 THEN 5 ELSE 10 END) AS s
	FROM answers GROUP BY k, m;
-- 0, 1 or 2 closed dates: stored forms of three lengths
CREATE TEMP TABLE v_calendar AS
	SELECT k AS id, ('Europe/Paris; mon-fri 09:00-' || 10 + m || ':00'
					 || CASE m % 3 WHEN 0 THEN '' WHEN 1 THEN '; closed 2026-12-25'
						ELSE '; closed 2026-12-25 2027-01-01' END)::business_calendar AS s
	FROM generate_series(0, 29) k, LATERAL (SELECT k % 10) x(m);

CREATE TEMP TABLE kinds (tab text, type text);
INSERT INTO kinds VALUES ('v_nps', 'nps_summary'), ('v_rating', 'rating_summary'),
	('v_rate', 'rate_summary'), ('v_rubric', 'rubric_summary'),
	('v_duration', 'duration_summary'), ('v_queue', 'queue_summary'),
	('v_calendar', 'business_calendar'), ('v_agreement', 'agreement_summary'),
	('v_calibration', 'calibration_summary');
DO $$
DECLARE
	t text;
BEGIN
	FOR t IN SELECT tab FROM kinds LOOP
		-- rewritten, not updated: an index built over HOT-updated rows is
		-- not used in the transaction that built it
		EXECUTE format('CREATE TEMP TABLE fixture AS SELECT id, CASE WHEN id %% 10 <> 9 THEN s END AS s '
					   'FROM %1$I; DROP TABLE %1$I; ALTER TABLE fixture RENAME TO %1$I', t);
		EXECUTE format('ANALYZE %I', t);
	END LOOP;
END
$$;

CREATE TEMP TABLE fixtures (type text, distinct_values bigint, nulls bigint);
DO $$
DECLARE
	k record;
BEGIN
	FOR k IN SELECT * FROM kinds LOOP
		EXECUTE format('INSERT INTO fixtures SELECT %L, count(DISTINCT s::text), '
					   'count(*) FILTER (WHERE s IS NULL) FROM %I', k.type, k.tab);
	END LOOP;
END
$$;
SELECT is((SELECT (distinct_values, nulls)::text FROM fixtures f WHERE f.type = k.type), '(9,3)',
		  k.type || ': the fixture holds 9 distinct values, 3 rows each, and 3 NULLs')
FROM kinds k ORDER BY k.type;

-- One query in one plan shape, and the same query over the text form.
-- The result is text: rows in the order returned (ordered = true) or
-- sorted; the plan must show node (a regular expression) and not shown.
CREATE FUNCTION pg_temp.run(query text, ordered boolean, settings text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
	result text;
BEGIN
	EXECUTE 'SET LOCAL enable_nestloop = off';
	IF settings <> '' THEN
		EXECUTE settings;
	END IF;
	IF ordered THEN
		EXECUTE format('SELECT string_agg(coalesce(r::text, ''NULL''), '';'') FROM (%s) q(r)', query)
			INTO result;
	ELSE
		EXECUTE format('SELECT string_agg(coalesce(q::text, ''NULL''), '';'' ORDER BY q::text) FROM (%s) q',
					   query) INTO result;
	END IF;
	RESET enable_nestloop; RESET enable_hashagg; RESET enable_sort; RESET enable_hashjoin;
	RESET enable_mergejoin; RESET enable_seqscan; RESET enable_bitmapscan; RESET enable_indexscan;
	RETURN result;
END
$$;

CREATE FUNCTION pg_temp.plan(query text, settings text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
	line text;
	result text := '';
BEGIN
	EXECUTE 'SET LOCAL enable_nestloop = off';
	IF settings <> '' THEN
		EXECUTE settings;
	END IF;
	FOR line IN EXECUTE 'EXPLAIN (COSTS OFF) ' || query LOOP
		result := result || line || E'\n';
	END LOOP;
	RESET enable_nestloop; RESET enable_hashagg; RESET enable_sort; RESET enable_hashjoin;
	RESET enable_mergejoin; RESET enable_seqscan; RESET enable_bitmapscan; RESET enable_indexscan;
	RETURN result;
END
$$;

-- The verbs: {t} is the table, {s} the column; want replaces {s} by the
-- text form.  Each runs with hashed and with sorted plans.
CREATE TEMP TABLE verbs (verb text, query text, ordered boolean, mode text,
						 settings text, node text, not_node text);
INSERT INTO verbs VALUES
	('SELECT DISTINCT', 'SELECT DISTINCT {s} FROM {t}', false, 'hashed',
	 'SET LOCAL enable_sort = off', 'HashAggregate', NULL),
	('SELECT DISTINCT', 'SELECT DISTINCT {s} FROM {t}', false, 'sorted',
	 'SET LOCAL enable_hashagg = off', 'Unique', 'Hash'),
	('GROUP BY', 'SELECT {s}, count(*), min(id) FROM {t} GROUP BY {s}', false, 'hashed',
	 'SET LOCAL enable_sort = off', 'HashAggregate', NULL),
	('GROUP BY', 'SELECT {s}, count(*), min(id) FROM {t} GROUP BY {s}', false, 'sorted',
	 'SET LOCAL enable_hashagg = off', 'GroupAggregate', 'Hash'),
	('UNION', 'SELECT {s} FROM {t} WHERE id < 12 UNION SELECT {s} FROM {t} WHERE id >= 15',
	 false, 'hashed', 'SET LOCAL enable_sort = off', 'HashAggregate', NULL),
	('UNION', 'SELECT {s} FROM {t} WHERE id < 12 UNION SELECT {s} FROM {t} WHERE id >= 15',
	 false, 'sorted', 'SET LOCAL enable_hashagg = off', 'Unique', 'Hash'),
	('count(DISTINCT)', 'SELECT count(DISTINCT {s}), count(DISTINCT {s}) FILTER (WHERE id < 14) FROM {t}',
	 false, 'sorted', '', 'Aggregate', NULL),
	('join', 'SELECT a.id, b.id FROM {t} a JOIN {t} b ON a.{s} = b.{s} AND b.id < 17', false,
	 'hashed', 'SET LOCAL enable_mergejoin = off', 'Hash Join', NULL),
	('join', 'SELECT a.id, b.id FROM {t} a JOIN {t} b ON a.{s} = b.{s} AND b.id < 17', false,
	 'sorted', 'SET LOCAL enable_hashjoin = off', 'Merge Join', 'Hash'),
	('IN (subquery)', 'SELECT id FROM {t} WHERE {s} IN (SELECT {s} FROM {t} WHERE id BETWEEN 3 AND 7)',
	 false, 'hashed', 'SET LOCAL enable_mergejoin = off', 'Hash', NULL),
	('IN (subquery)', 'SELECT id FROM {t} WHERE {s} IN (SELECT {s} FROM {t} WHERE id BETWEEN 3 AND 7)',
	 false, 'sorted', 'SET LOCAL enable_hashjoin = off; SET LOCAL enable_hashagg = off',
	 'Merge', 'Hash'),
	('ORDER BY', 'SELECT {s} FROM {t} ORDER BY {s}', true, 'sorted', '', 'Sort', NULL),
	('ORDER BY DESC', 'SELECT {s} FROM {t} ORDER BY {s} DESC NULLS LAST', true, 'sorted', '',
	 'Sort', NULL);

-- The order, worked independently: shorter stored form first, then bytea's
-- order of the bytes (memcmp); NULLs last.
CREATE FUNCTION pg_temp.reference_order(tab text, descending boolean) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
	result text;
BEGIN
	EXECUTE format($q$SELECT string_agg(coalesce(s::text, 'NULL'), ';'
			ORDER BY s IS NULL, octet_length(pg_temp.stored_bytes(s)) %1$s,
			pg_temp.stored_bytes(s) %1$s) FROM %2$I$q$,
		CASE WHEN descending THEN 'DESC' ELSE '' END, tab) INTO result;
	RETURN result;
END
$$;

CREATE TEMP TABLE outcomes AS
	SELECT k.type, v.verb, v.mode, v.node, v.not_node,
		   pg_temp.run(replace(replace(v.query, '{t}', k.tab), '{s}', 's'), v.ordered, v.settings) AS got,
		   CASE WHEN v.ordered THEN pg_temp.reference_order(k.tab, v.verb LIKE '%DESC')
				ELSE pg_temp.run(replace(replace(v.query, '{t}', k.tab), '{s}', 's::text'), false, '')
		   END AS want,
		   pg_temp.plan(replace(replace(v.query, '{t}', k.tab), '{s}', 's'), v.settings) AS plan
	FROM kinds k, verbs v;

SELECT is(got, want, format('%s: %s, %s plan, equals the text form''s answer', type, verb, mode))
FROM outcomes ORDER BY type, verb, mode;
SELECT ok(plan ~ node AND (not_node IS NULL OR plan !~ not_node),
		  format('%s: %s, the %s plan has %s%s', type, verb, mode, node,
				 coalesce(' and no ' || not_node, '')))
FROM outcomes ORDER BY type, verb, mode;

-- Indexes: a btree gives the documented order and finds every value; a
-- hash index finds every value; hash partitions route equal values alike.
CREATE TEMP TABLE index_outcomes (type text, what text, got text, want text, plan text, node text);
DO $$
DECLARE
	k record;
	q text;
BEGIN
	FOR k IN SELECT * FROM kinds LOOP
		EXECUTE format('CREATE INDEX ON %I (s)', k.tab);
		q := format('SELECT s FROM %I ORDER BY s', k.tab);
		INSERT INTO index_outcomes VALUES (k.type, 'ORDER BY from a btree index scan',
			pg_temp.run(q, true, 'SET LOCAL enable_sort = off; SET LOCAL enable_seqscan = off'),
			pg_temp.reference_order(k.tab, false),
			pg_temp.plan(q, 'SET LOCAL enable_sort = off; SET LOCAL enable_seqscan = off'), 'Index');
		q := format('SELECT a.id, b.id FROM %1$I a JOIN %1$I b ON a.s = b.s', k.tab);
		INSERT INTO index_outcomes VALUES (k.type, 'merge join over btree index scans',
			pg_temp.run(q, false, 'SET LOCAL enable_sort = off; SET LOCAL enable_seqscan = off;'
						|| 'SET LOCAL enable_hashjoin = off'),
			pg_temp.run(replace(q, '.s', '.s::text'), false, ''),
			pg_temp.plan(q, 'SET LOCAL enable_sort = off; SET LOCAL enable_seqscan = off;'
						 || 'SET LOCAL enable_hashjoin = off'), 'Merge Join');
		-- every value looked up through the btree index: its rows' ids
		q := format('SELECT v.s, (SELECT array_agg(id ORDER BY id) FROM %1$I w WHERE w.s = v.s) '
					'FROM (SELECT DISTINCT ON (s::text) s FROM %1$I WHERE s IS NOT NULL) v', k.tab);
		INSERT INTO index_outcomes VALUES (k.type, 'equality lookups through a btree index',
			pg_temp.run(q, false, 'SET LOCAL enable_seqscan = off; SET LOCAL enable_bitmapscan = off'),
			pg_temp.run(replace(q, 'w.s = v.s', 'w.s::text = v.s::text'), false, ''),
			pg_temp.plan(q, 'SET LOCAL enable_seqscan = off; SET LOCAL enable_bitmapscan = off'),
			'Index Scan using');
		-- ranges through the btree index: how many sort before each value
		q := format('SELECT v.s, (SELECT count(*) FROM %1$I w WHERE w.s < v.s), '
					'(SELECT count(*) FROM %1$I w WHERE w.s >= v.s) '
					'FROM (SELECT DISTINCT ON (s::text) s FROM %1$I WHERE s IS NOT NULL) v', k.tab);
		INSERT INTO index_outcomes VALUES (k.type, 'range scans < and >= through a btree index',
			pg_temp.run(q, false, 'SET LOCAL enable_seqscan = off'),
			pg_temp.run(replace(replace(q, 'w.s < v.s',
				'(octet_length(pg_temp.stored_bytes(w.s)), pg_temp.stored_bytes(w.s)) < '
				'(octet_length(pg_temp.stored_bytes(v.s)), pg_temp.stored_bytes(v.s))'),
				'w.s >= v.s',
				'(octet_length(pg_temp.stored_bytes(w.s)), pg_temp.stored_bytes(w.s)) >= '
				'(octet_length(pg_temp.stored_bytes(v.s)), pg_temp.stored_bytes(v.s))'), false, ''),
			pg_temp.plan(q, 'SET LOCAL enable_seqscan = off'), 'Index');
		EXECUTE format('DROP INDEX %I', k.tab || '_s_idx');
		EXECUTE format('CREATE INDEX ON %I USING hash (s)', k.tab);
		q := format('SELECT v.s, (SELECT array_agg(id ORDER BY id) FROM %1$I w WHERE w.s = v.s) '
					'FROM (SELECT DISTINCT ON (s::text) s FROM %1$I WHERE s IS NOT NULL) v', k.tab);
		INSERT INTO index_outcomes VALUES (k.type, 'equality lookups through a hash index',
			pg_temp.run(q, false, 'SET LOCAL enable_seqscan = off; SET LOCAL enable_bitmapscan = off'),
			pg_temp.run(replace(q, 'w.s = v.s', 'w.s::text = v.s::text'), false, ''),
			pg_temp.plan(q, 'SET LOCAL enable_seqscan = off; SET LOCAL enable_bitmapscan = off'),
			'Index Scan using \S+_s_idx');
		-- hash partitions: each value in exactly one partition, with its ids
		EXECUTE format('CREATE TEMP TABLE %1$I (id int, s %2$s) PARTITION BY HASH (s)',
					   k.tab || '_parts', k.type);
		FOR i IN 0..2 LOOP
			EXECUTE format('CREATE TEMP TABLE %1$I PARTITION OF %2$I FOR VALUES WITH (MODULUS 3, REMAINDER %3$s)',
						   k.tab || '_part' || i, k.tab || '_parts', i);
		END LOOP;
		EXECUTE format('INSERT INTO %1$I SELECT id, s FROM %2$I WHERE s IS NOT NULL', k.tab || '_parts', k.tab);
		q := format('SELECT s, count(DISTINCT tableoid), count(*) FROM %1$I GROUP BY s', k.tab || '_parts');
		INSERT INTO index_outcomes VALUES (k.type, 'hash partitioning: one partition per value',
			pg_temp.run(q, false, ''),
			pg_temp.run(format('SELECT s::text, 1, count(*) FROM %1$I WHERE s IS NOT NULL GROUP BY s::text',
							   k.tab), false, ''),
			'', '');
	END LOOP;
END
$$;

SELECT is(got, want, format('%s: %s', type, what)) FROM index_outcomes ORDER BY type, what;
SELECT ok(plan ~ node, format('%s: %s, the plan has %s', type, what, node))
FROM index_outcomes WHERE node <> '' ORDER BY type, what;

-- The order's documented properties, over every pair of non-NULL values.
CREATE TEMP TABLE pairs (type text, a text, b text, cmp int, lt boolean, le boolean,
						 eq boolean, ne boolean, ge boolean, gt boolean,
						 ref int, same_text boolean, cmp_back int,
						 length_a int, length_b int);
DO $$
DECLARE
	k record;
BEGIN
	FOR k IN SELECT * FROM kinds LOOP
		EXECUTE format($q$INSERT INTO pairs
			SELECT %1$L, x.s::text, y.s::text, %2$I(x.s, y.s), x.s < y.s, x.s <= y.s,
				   x.s = y.s, x.s <> y.s, x.s >= y.s, x.s > y.s,
				   CASE WHEN (octet_length(pg_temp.stored_bytes(x.s)), pg_temp.stored_bytes(x.s))
							 < (octet_length(pg_temp.stored_bytes(y.s)), pg_temp.stored_bytes(y.s)) THEN -1
						WHEN pg_temp.stored_bytes(x.s) = pg_temp.stored_bytes(y.s) THEN 0 ELSE 1 END,
				   x.s::text = y.s::text, %2$I(y.s, x.s),
				   octet_length(pg_temp.stored_bytes(x.s)), octet_length(pg_temp.stored_bytes(y.s))
			FROM %3$I x, %3$I y WHERE x.s IS NOT NULL AND y.s IS NOT NULL$q$,
			k.type, k.type || '_cmp', k.tab);
	END LOOP;
END
$$;

SELECT is((SELECT count(*) FROM pairs p WHERE p.type = k.type AND sign(cmp) <> ref), 0::bigint,
		  k.type || ': the comparison is shorter stored form first, then the bytes (all pairs)')
FROM kinds k ORDER BY k.type;
SELECT is((SELECT count(*) FROM pairs p WHERE p.type = k.type
		   AND (lt, le, eq, ne, ge, gt) IS DISTINCT FROM
			   (cmp < 0, cmp <= 0, cmp = 0, cmp <> 0, cmp >= 0, cmp > 0)), 0::bigint,
		  k.type || ': <, <=, =, <>, >=, > agree with the comparison (all pairs)')
FROM kinds k ORDER BY k.type;
SELECT is((SELECT count(*) FROM pairs p WHERE p.type = k.type
		   AND (eq <> same_text OR sign(cmp) <> -sign(cmp_back))), 0::bigint,
		  k.type || ': equal exactly when the text forms are; a < b exactly when b > a')
FROM kinds k ORDER BY k.type;
-- 27 values, 3 rows of each of 9: of the 27 * 27 ordered pairs, 81 are
-- equal and half of the other 648 sort first
SELECT is((SELECT count(*) FILTER (WHERE cmp < 0) || ' ' || count(*) FILTER (WHERE cmp = 0)
		   FROM pairs p WHERE p.type = k.type), '324 81',
		  k.type || ': 324 of 729 ordered pairs sort first, 81 tie: a total order')
FROM kinds k ORDER BY k.type;
-- rubric summaries of 2, 3 and 4 criteria, calendars of 0, 1 and 2 closed
-- dates: a shorter stored form sorts first, whatever its counts
SELECT is((SELECT count(*) FILTER (WHERE cmp < 0) || ' of ' || count(*)
		   FROM pairs p WHERE p.type = k.type AND length_a < length_b), '243 of 243',
		  k.type || ': every value sorts before every longer one')
FROM kinds k WHERE k.type IN ('rubric_summary', 'business_calendar') ORDER BY k.type;

-- Hashes: bytea's hash of the stored bytes; the extended hash with seed 0
-- has the same low 32 bits, and another seed changes it.
CREATE TEMP TABLE hashes (type text, h int, bh int, h0 bigint, bh0 bigint, h7 bigint, bh7 bigint);
DO $$
DECLARE
	k record;
BEGIN
	FOR k IN SELECT * FROM kinds LOOP
		EXECUTE format($q$INSERT INTO hashes
			SELECT %1$L, %2$I(s), pg_temp.bytes_hash(pg_temp.stored_bytes(s)),
				   %3$I(s, 0), pg_temp.bytes_hash(pg_temp.stored_bytes(s), 0),
				   %3$I(s, 7), pg_temp.bytes_hash(pg_temp.stored_bytes(s), 7)
			FROM %4$I WHERE s IS NOT NULL$q$,
			k.type, k.type || '_hash', k.type || '_hash_extended', k.tab);
	END LOOP;
END
$$;
SELECT is((SELECT count(*) FROM hashes h WHERE h.type = k.type
		   AND (h <> bh OR h0 <> bh0 OR h7 <> bh7 OR (h0 & 4294967295) <> (h::bigint & 4294967295))),
		  0::bigint, k.type || ': hashes are bytea''s hashes of the stored bytes; seed 0 keeps the low bits')
FROM kinds k ORDER BY k.type;
SELECT ok((SELECT bool_or(h0 <> h7) FROM hashes h WHERE h.type = k.type),
		  k.type || ': the seed changes the extended hash')
FROM kinds k ORDER BY k.type;

SELECT * FROM finish();
ROLLBACK;
