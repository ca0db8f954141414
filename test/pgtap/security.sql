-- Security: what the extension's functions may do, who may install it, and
-- that reporting views can respect row-level security.
BEGIN;
SELECT plan(13);

-- Every function and aggregate that belongs to the extension.
CREATE TEMP VIEW members AS
	SELECT p.oid::regprocedure::text AS name, p.prosecdef, p.provolatile,
		   p.proparallel, p.prolang, p.proconfig
	FROM pg_proc p
	JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid
		 AND d.deptype = 'e'
	JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'scorecard';

SELECT ok((SELECT count(*) FROM members) > 0, 'the extension has member functions');
SELECT is((SELECT array_agg(name ORDER BY name) FROM members WHERE prosecdef),
		  NULL, 'no function is SECURITY DEFINER');
SELECT is((SELECT array_agg(name ORDER BY name) FROM members WHERE provolatile = 'v'),
		  NULL, 'no function is VOLATILE');
SELECT is((SELECT array_agg(name ORDER BY name) FROM members WHERE proparallel <> 's'),
		  NULL, 'every function and aggregate is PARALLEL SAFE');
SELECT is((SELECT array_agg(name ORDER BY name) FROM members m
		   JOIN pg_language l ON l.oid = m.prolang
		   WHERE l.lanname IN ('sql', 'plpgsql')
			 AND NOT coalesce(proconfig::text LIKE '%search_path=%', false)),
		  NULL, 'every SQL-language function pins its search_path');
-- The control file, read where the server reads it: in the staged build
-- when a test run stages it (pg_available_extension_versions does not look
-- there), through Debian's extension_destdir up to 17 and the first entry
-- of extension_control_path from 18 on.
SELECT ok(pg_read_file(coalesce(
			  nullif(current_setting('extension_destdir', true), '') || sharedir,
			  nullif(split_part(current_setting('extension_control_path', true), ':', 1),
					 '$system'),
			  sharedir) || '/extension/scorecard.control') ~ '(?n)^trusted = true$',
		  'the control file marks the extension trusted')
FROM (SELECT setting AS sharedir FROM pg_config WHERE name = 'SHAREDIR') d;

-- A database owner without superuser installs it.  CREATE EXTENSION checks
-- the session's real role, so the owner needs a connection of its own:
-- dblink gives one (over TCP with a password), and a second dblink
-- connection as ourselves (over the local socket) creates the roles and the
-- database outside this transaction, since other sessions must see them.
CREATE EXTENSION dblink;
CREATE FUNCTION pg_temp.as_admin(command text) RETURNS text LANGUAGE sql AS $$
	SELECT dblink_exec(format('host=%s port=%s dbname=%s user=%s',
		split_part(current_setting('unix_socket_directories'), ',', 1),
		current_setting('port'), current_database(), current_user), command)
$$;
CREATE FUNCTION pg_temp.connection(role text) RETURNS text LANGUAGE sql AS $$
	SELECT format('host=localhost port=%s dbname=scorecard_owned user=%s password=secret',
				  current_setting('port'), role)
$$;
DO $$
BEGIN
	PERFORM pg_temp.as_admin('DROP DATABASE IF EXISTS scorecard_owned');
	PERFORM pg_temp.as_admin('DROP ROLE IF EXISTS scorecard_owner');
	PERFORM pg_temp.as_admin('DROP ROLE IF EXISTS scorecard_stranger');
	PERFORM pg_temp.as_admin($a$CREATE ROLE scorecard_owner LOGIN PASSWORD 'secret'
							   NOSUPERUSER NOCREATEDB NOCREATEROLE$a$);
	PERFORM pg_temp.as_admin($a$CREATE ROLE scorecard_stranger LOGIN PASSWORD 'secret'
							   NOSUPERUSER NOCREATEDB NOCREATEROLE$a$);
	PERFORM pg_temp.as_admin('CREATE DATABASE scorecard_owned OWNER scorecard_owner');
	PERFORM pg_temp.as_admin('REVOKE CREATE, TEMPORARY ON DATABASE scorecard_owned FROM PUBLIC');
END
$$;

SELECT throws_ok($$SELECT dblink_exec(pg_temp.connection('scorecard_stranger'),
									  'CREATE EXTENSION scorecard')$$,
				 '42501', NULL,
				 'a role without CREATE on the database cannot install it');
SELECT lives_ok($$SELECT dblink_exec(pg_temp.connection('scorecard_owner'),
									 'CREATE EXTENSION scorecard')$$,
				'the non-superuser owner of a database installs it');
SELECT is((SELECT owner FROM dblink(pg_temp.connection('scorecard_owner'),
		   $$SELECT extowner::regrole::text FROM pg_extension
			 WHERE extname = 'scorecard'$$) AS t(owner text)),
		  'scorecard_owner', 'and owns the extension');
SELECT is((SELECT nps FROM dblink(pg_temp.connection('scorecard_owner'),
		   'SELECT nps(nps_agg(x)) FROM (VALUES (10), (9), (3), (8)) v(x)')
		   AS t(nps float8)),
		  25::float8, 'and uses it');

DO $$
BEGIN
	PERFORM pg_temp.as_admin('DROP DATABASE scorecard_owned');
	PERFORM pg_temp.as_admin('DROP ROLE scorecard_owner');
	PERFORM pg_temp.as_admin('DROP ROLE scorecard_stranger');
END
$$;

-- Row-level security: each agent sees only their own team's interactions,
-- and a reporting view built with security_invoker applies that policy to
-- whoever reads it.  (A plain view runs as its owner, who bypasses it.)
CREATE ROLE scorecard_agent_north NOLOGIN;
CREATE ROLE scorecard_agent_south NOLOGIN;
CREATE TABLE agent_teams (agent name PRIMARY KEY, team text NOT NULL);
INSERT INTO agent_teams VALUES
	('scorecard_agent_north', 'north'), ('scorecard_agent_south', 'south');
CREATE TABLE interactions (team text NOT NULL, likelihood integer);
INSERT INTO interactions VALUES
	('north', 10), ('north', 9), ('north', 2), ('north', NULL),
	('south', 0), ('south', 1), ('south', 7), ('south', 10), ('south', 10);
ALTER TABLE interactions ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_team ON interactions FOR SELECT
	USING (team = (SELECT a.team FROM agent_teams a WHERE a.agent = current_user));

CREATE VIEW team_scorecard WITH (security_invoker = true) AS
	SELECT team, nps(nps_agg(likelihood)) AS nps, responses(nps_agg(likelihood)) AS responses
	FROM interactions GROUP BY team;
CREATE VIEW team_scorecard_as_owner AS
	SELECT team, nps(nps_agg(likelihood)) AS nps FROM interactions GROUP BY team;
GRANT SELECT ON agent_teams, interactions, team_scorecard, team_scorecard_as_owner
	TO scorecard_agent_north, scorecard_agent_south;

-- pgTAP's own bookkeeping belongs to us, so read as each agent into a table
-- the agents may write, and test afterwards as ourselves.
CREATE TEMP TABLE seen (reader text, team text, nps float8, responses bigint);
GRANT INSERT ON seen TO scorecard_agent_north, scorecard_agent_south;
SET ROLE scorecard_agent_north;
INSERT INTO seen SELECT 'north', * FROM team_scorecard;
INSERT INTO seen SELECT 'north via owner view', *, NULL FROM team_scorecard_as_owner;
SET ROLE scorecard_agent_south;
INSERT INTO seen SELECT 'south', * FROM team_scorecard;
RESET ROLE;

SELECT results_eq($$SELECT team, round(nps::numeric, 6), responses FROM seen
					WHERE reader = 'north'$$,
				  $$VALUES ('north', round(100.0 / 3, 6), 3::bigint)$$,
				  'an agent of team north sees only north''s scorecard');
SELECT results_eq($$SELECT team, nps, responses FROM seen WHERE reader = 'south'$$,
				  $$VALUES ('south', 0::float8, 5::bigint)$$,
				  'an agent of team south sees only south''s scorecard');
SELECT is((SELECT count(*) FROM seen WHERE reader = 'north via owner view'),
		  2::bigint, 'a view without security_invoker would show every team');

SELECT * FROM finish();
ROLLBACK;
