-- The query of issue 12, item 1, in one backend: prints one line,
-- label|HashAggregate peak kB|backend VmHWM kB|md5 of every group's figures
CREATE EXTENSION scorecard;
CREATE TABLE grow AS SELECT k, 1.0::float8 secs FROM generate_series(1, 300000) k
 UNION ALL SELECT k, 0.000001 FROM generate_series(1, 300000) k
 UNION ALL SELECT k, 9000000.0 FROM generate_series(1, 300000) k;
VACUUM ANALYZE grow;
\c
SET work_mem = '64MB';
CREATE TABLE plan (p json);
-- EXPLAIN's JSON into a table, then this backend's peak resident memory
DO $$
DECLARE
	p json;
BEGIN
	EXECUTE 'EXPLAIN (ANALYZE, FORMAT JSON) SELECT k, aht_agg(secs * 1e6) FROM grow GROUP BY k'
		INTO p;
	INSERT INTO plan VALUES (p);
END $$;
SELECT (regexp_match(pg_read_file('/proc/' || pg_backend_pid() || '/status'),
					 'VmHWM:\s+(\d+) kB'))[1] AS vmhwm \gset
\c
SELECT :'label', p -> 0 -> 'Plan' ->> 'Peak Memory Usage', :'vmhwm',
	   (SELECT md5(string_agg(concat_ws(' ', k, responses(s), total(s), minimum(s), maximum(s),
										percentile(s, 0.5), mean(s)), ',' ORDER BY k))
		FROM (SELECT k, aht_agg(secs * 1e6) AS s FROM grow GROUP BY k) g)
FROM plan;
