#!/usr/bin/python3
"""Upgrades from every released version, printed as TAP.

For every release in RELEASES: install it as a user has it, store summaries
of every type in a table and a materialized view, read their figures, then
ALTER EXTENSION scorecard UPDATE under the current library and check that

- every stored value still reads, with every figure unchanged, and
  round-trips through text and binary;
- the materialized view still refreshes, with the same figures;
- the updated catalog equals a fresh install's;
- CES summaries stored by 0.1.0 read as lower_is_easier = false, what 0.1.0
  assumed (their status() still treats higher as better), while ces_agg
  now counts lower as easier.

"As a user has it" means the release's own install script, taken from git at
the commit that shipped it.  Where the release's library builds against the
running major, the values are stored by that library (built from the same
commit), and only the update switches to the current one, which is the path
a package upgrade takes; otherwise the current library serves the old
script.  Also checks that no upgrade script drops an aggregate and that every
object of a fresh install has a comment.  Runs inside pg_virtualenv, whose
cluster loads the staged build (see scripts/lib.sh).
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import glob

import psycopg2

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "helpers"))
from tap import check, connect, finish, query  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# Every release, and the commit that shipped it.
RELEASES = [
    ("0.1.0", "039638d573a4a04fddbcd78b5a972a3e22c53204"),
]

# Everything that defines the extension's objects, in a comparable form.
FINGERPRINT = """
WITH members AS (
    SELECT classid, objid FROM pg_depend d JOIN pg_extension e ON d.refobjid = e.oid
    WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
      AND e.extname = 'scorecard')
SELECT pg_describe_object(m.classid, m.objid, 0) || ' | ' || coalesce(
    CASE m.classid
        WHEN 'pg_proc'::regclass THEN (
            SELECT concat_ws(' ', pg_get_function_identity_arguments(p.oid),
                             pg_get_function_result(p.oid), p.prosrc, p.provolatile,
                             p.proisstrict, p.proparallel, p.prosecdef, p.prokind,
                             p.procost, p.prorows, p.prosupport,
                             (SELECT concat_ws(' ', a.aggtransfn, a.aggfinalfn, a.aggcombinefn,
                                               a.aggserialfn, a.aggdeserialfn,
                                               a.aggmtransfn, a.aggminvtransfn, a.aggmfinalfn,
                                               a.aggfinalextra, a.aggmfinalextra,
                                               a.aggfinalmodify, a.aggmfinalmodify,
                                               a.aggsortop::regoperator,
                                               a.aggtranstype::regtype, a.aggtransspace,
                                               a.aggmtranstype::regtype, a.aggmtransspace,
                                               a.agginitval, a.aggminitval)
                              FROM pg_aggregate a WHERE a.aggfnoid = p.oid))
            FROM pg_proc p WHERE p.oid = m.objid)
        WHEN 'pg_type'::regclass THEN (
            SELECT concat_ws(' ', t.typlen, t.typalign, t.typstorage, t.typinput, t.typoutput,
                             t.typreceive, t.typsend, t.typmodin, t.typmodout, t.typanalyze,
                             t.typcategory, t.typispreferred)
            FROM pg_type t WHERE t.oid = m.objid)
        WHEN 'pg_operator'::regclass THEN (
            SELECT concat_ws(' ', o.oprcode, o.oprcom::regoperator, o.oprnegate::regoperator,
                             o.oprrest, o.oprjoin, o.oprcanmerge, o.oprcanhash)
            FROM pg_operator o WHERE o.oid = m.objid)
        WHEN 'pg_cast'::regclass THEN (
            SELECT concat_ws(' ', c.castfunc::regprocedure, c.castcontext, c.castmethod)
            FROM pg_cast c WHERE c.oid = m.objid)
        WHEN 'pg_opclass'::regclass THEN (
            SELECT concat_ws(' ', c.opcdefault, c.opcintype::regtype,
                (SELECT string_agg(concat_ws(' ', ao.amopstrategy, ao.amopopr::regoperator), ', '
                                   ORDER BY ao.amopstrategy)
                 FROM pg_amop ao WHERE ao.amopfamily = c.opcfamily),
                (SELECT string_agg(concat_ws(' ', ap.amprocnum, ap.amproc::regprocedure), ', '
                                   ORDER BY ap.amprocnum)
                 FROM pg_amproc ap WHERE ap.amprocfamily = c.opcfamily))
            FROM pg_opclass c WHERE c.oid = m.objid)
    END, '') || ' | ' || coalesce(obj_description(m.objid, m.classid::regclass::text), '')
FROM members m ORDER BY 1
"""

# Summaries of every type, stored as users store them: aggregates over raw
# rows, grouped, in a table and in a materialized view.  The rows cover the
# edge cases that stored values have: one answer, extremes, N/A criteria,
# auto-fails, zero and very long durations, and 64-bit counts.
STORE = """
CREATE TABLE upgrade_rows AS
SELECT g % 7 AS grp, g % 11 AS score, 1 + g % 5 AS rating, 1 + g % 7 AS effort,
       g % 3 > 0 AS resolved,
       CASE WHEN g % 13 = 0 THEN 0 ELSE (g * 37 % 3600)::float8 + g % 10 * 0.001 END AS secs,
       make_interval(secs => g * 61 % 900) AS span,
       ARRAY[g % 2, (g % 5) / 4.0, CASE WHEN g % 4 = 0 THEN NULL ELSE (g % 3) / 2.0 END,
             (g % 9) / 8.0]::float8[] AS points
FROM generate_series(1, 3000) g;

CREATE TABLE upgrade_stored AS
SELECT grp,
       nps_agg(score) AS nps,
       csat_agg(rating) AS csat,
       csat_agg(rating, 10) AS csat10,
       ces_agg(effort) AS ces,
       ces_agg(rating, 5) AS ces5,
       fcr_rate(resolved) AS fcr,
       weighted_rubric(points, '{1,2,1,0.5}') AS qa,
       weighted_rubric(points, '{1,2,1,0.5}', '{1,1,2,1}', '{f,t,f,f}') AS qa_critical,
       aht_agg(secs) AS aht,
       aht_agg(span) AS aht_interval
FROM upgrade_rows GROUP BY grp;
INSERT INTO upgrade_stored (grp, nps, csat, fcr, aht) VALUES
    (100, nps_agg_single(), csat_single(), fcr_single(), aht_single());

CREATE MATERIALIZED VIEW upgrade_daily AS
SELECT grp % 3 AS bucket, rollup(nps) AS nps, rollup(csat) AS csat, rollup(ces) AS ces,
       rollup(fcr) AS fcr, rollup(qa) AS qa, rollup(aht) AS aht
FROM upgrade_stored WHERE grp < 100 GROUP BY 1;
"""

# Single-answer and extreme summaries, written in 0.1.0's text forms.
SINGLES = """
CREATE FUNCTION nps_agg_single() RETURNS nps_summary LANGUAGE sql
    AS $$ SELECT 'v1 counts=0,0,0,0,0,0,0,0,0,0,4611686018427387903'::nps_summary $$;
CREATE FUNCTION csat_single() RETURNS rating_summary LANGUAGE sql
    AS $$ SELECT 'v1 kind=csat scale=5 counts=0,0,0,0,1'::rating_summary $$;
CREATE FUNCTION fcr_single() RETURNS rate_summary LANGUAGE sql
    AS $$ SELECT 'v1 true=9223372036854775806 false=1'::rate_summary $$;
CREATE FUNCTION aht_single() RETURNS duration_summary LANGUAGE sql
    AS $$ SELECT aht_agg(x) FROM (VALUES (0.000001::float8), (9000000.0)) v(x) $$;
"""

# The figures of each summary column, read before and after the update.
FIGURES = {
    "nps_summary": ["nps({c})", "promoters({c})", "passives({c})", "detractors({c})",
                    "responses({c})", "mean({c})", "distribution({c})",
                    "lower_bound({c})", "upper_bound({c}, 0.9)", "status({c}, 20)"],
    # status({c}, 3) would flip if a stored CES summary read as lower is easier
    "rating_summary": ["csat({c})", "csat({c}, 3)", "ces({c})", "mean({c})",
                       "responses({c})", "distribution({c})", "lower_bound({c})",
                       "upper_bound({c})", "status({c}, 3)"],
    "rate_summary": ["percent({c})", "successes({c})", "responses({c})",
                     "lower_bound({c})", "upper_bound({c})", "status({c}, 50)"],
    "rubric_summary": ["score({c})", "autofails({c})", "autofail_rate({c})",
                       "criterion_scores({c})", "criterion_responses({c})",
                       "pass_rate({c}, 80)", "distribution({c})", "responses({c})",
                       "lower_bound({c})", "upper_bound({c})", "status({c}, 60)"],
    "duration_summary": ["mean({c})", "percentile({c}, 0.5)", "percentile({c}, 0.9)",
                         "minimum({c})", "maximum({c})", "total({c})", "responses({c})",
                         "lower_bound({c})", "upper_bound({c})", "status({c}, 1800)"],
    "queue_summary": ["offered({c})", "answered({c})", "abandoned({c})",
                      "short_abandoned({c})", "responses({c})", "service_level({c})",
                      "service_level({c}, false, false)", "service_level({c}, true, true)",
                      "service_level({c}, false, true)", "abandonment_rate({c})",
                      "abandonment_rate({c}, true)", "asa({c})", "lower_bound({c})",
                      "upper_bound({c})", "status({c}, 80)"],
    "agreement_summary": ["alpha({c})", "alpha({c}, 'nominal')", "alpha({c}, 'ordinal')",
                          "responses({c})", "ratings({c})"],
    "calibration_summary": ["bias({c})", "mean_absolute_difference({c})",
                            "within_tolerance({c})", "tolerance({c})", "responses({c})",
                            "lower_bound({c})", "upper_bound({c})", "status({c}, 80)"],
}


def git(*args):
    return subprocess.run(["git", "-c", "safe.directory=*", "-C", ROOT, *args],
                          check=True, capture_output=True).stdout


def pg_config(option):
    return subprocess.run([os.environ.get("PG_CONFIG", "pg_config"), option],
                          check=True, capture_output=True, text=True).stdout.strip()


def fresh_database(admin, name):
    query(admin, f"DROP DATABASE IF EXISTS {name}")
    query(admin, f"CREATE DATABASE {name}")
    return connect(name)


def summary_columns(connection, relation):
    return query(connection, """
        SELECT attname, atttypid::regtype::text FROM pg_attribute
        WHERE attrelid = %s::regclass AND attnum > 0 AND NOT attisdropped
          AND atttypid::regtype::text LIKE '%%_summary' ORDER BY attnum""", (relation,))


def figures(connection, relation, key):
    """Every figure of every summary column, row by row, as text.  A NULL
    summary has no figures to keep: its counts read 0 from 0.2.0 on."""
    reads = [f"CASE WHEN {column} IS NOT NULL THEN ({figure.format(c=column)})::text END"
             for column, type_name in summary_columns(connection, relation)
             for figure in FIGURES[type_name]]
    return query(connection, f"SELECT {key}, {', '.join(reads)} FROM {relation} ORDER BY {key}")


def release_stage(version, commit, work):
    """The release's own files: its install script from git, and its library
    built from the same commit where that builds against this major.  Returns
    the staging directory, and whether it holds the release's library."""
    stage = os.path.join(work, "stage")
    extension_dir = stage + pg_config("--sharedir") + "/extension"
    source = os.path.join(work, "source")
    os.makedirs(source)
    archive = git("archive", commit)
    subprocess.run(["tar", "-x", "-C", source], input=archive, check=True)
    built = subprocess.run(["make", "-s", "-C", source, "install", f"DESTDIR={stage}",
                            "COPT=-w"], capture_output=True).returncode == 0
    loads = built and subprocess.run(
        ["nm", "-D", "--undefined-only", stage + pg_config("--pkglibdir") + "/scorecard.so"],
        capture_output=True, text=True).stdout.find("SET_VARSIZE") < 0
    os.makedirs(extension_dir, exist_ok=True)
    with open(os.path.join(extension_dir, f"scorecard--{version}.sql"), "wb") as script:
        script.write(git("show", f"{commit}:extension/scorecard--{version}.sql"))
    return stage, loads


def staged_extension_dir(connection):
    """Where the server reads the current build's scripts: the staged build
    (Debian's extension_destdir up to 17, the first entry of
    extension_control_path from 18 on), or PostgreSQL's own directory."""
    settings = dict(query(connection, """
        SELECT name, setting FROM pg_settings
        WHERE name IN ('extension_destdir', 'extension_control_path')"""))
    sharedir = pg_config("--sharedir")
    if settings.get("extension_destdir"):
        return settings["extension_destdir"] + sharedir + "/extension"
    first = settings.get("extension_control_path", "$system").split(":")[0]
    return (sharedir if first == "$system" else first) + "/extension"


def install_release(admin, version, stage, own_library):
    """A database with the release installed and summaries stored."""
    connection = fresh_database(admin, "scorecard_upgrade")
    if own_library:
        # This session loads the release's library and scripts.
        query(connection, "SET extension_destdir = %s", (stage,))
    else:
        # The release's script, beside the current library and scripts.
        extension_dir = pg_config("--sharedir") + "/extension"
        shutil.copy(glob.glob(stage + extension_dir + "/scorecard--*.sql")[0],
                    staged_extension_dir(connection))
    query(connection, f"CREATE EXTENSION scorecard VERSION '{version}'")
    if own_library:
        maps = query(connection, "SELECT pg_read_file('/proc/self/maps')")[0][0]
        check(f"{stage}{pg_config('--pkglibdir')}/scorecard.so" in maps,
              f"the summaries are stored by {version}'s own library")
    query(connection, SINGLES)
    query(connection, STORE)
    return connection


def binary_round_trip(connection, relation):
    """COPY the summaries out in binary and back into a copy of the table."""
    columns = ", ".join(column for column, _ in summary_columns(connection, relation))
    query(connection, f"CREATE TABLE {relation}_copy AS SELECT grp, {columns} "
                      f"FROM {relation} WITH NO DATA")
    data = tempfile.TemporaryFile()
    with connection.cursor() as cursor:
        cursor.copy_expert(f"COPY (SELECT grp, {columns} FROM {relation}) TO STDOUT "
                           "(FORMAT binary)", data)
        data.seek(0)
        cursor.copy_expert(f"COPY {relation}_copy FROM STDIN (FORMAT binary)", data)
    names = [column for column, _ in summary_columns(connection, relation)]
    mismatches = query(connection, f"""
        SELECT count(*) FROM {relation} s JOIN {relation}_copy c USING (grp)
        WHERE ({', '.join('s.' + name for name in names)}) IS DISTINCT FROM
              ({', '.join('c.' + name for name in names)})""")
    return mismatches[0][0]


def text_round_trip(connection, relation):
    columns = summary_columns(connection, relation)
    differing = " OR ".join(f"{column}::text::{type_name} IS DISTINCT FROM {column}"
                            for column, type_name in columns)
    return query(connection, f"SELECT count(*) FROM {relation} WHERE {differing}")[0][0]


def verbs_mismatches(connection, relation):
    """The summary columns whose count(DISTINCT), hash join or merge join
    (the operator classes 0.2.0 adds) disagree with the same over their
    text forms."""
    mismatches = []
    for column, _ in summary_columns(connection, relation):
        for plan in ("enable_hashjoin", "enable_mergejoin"):
            query(connection, f"SET enable_nestloop = off; SET {plan} = off")
            counts = [query(connection, f"""
                SELECT (SELECT count(DISTINCT {value}) FROM {relation}),
                       (SELECT count(*) FROM {relation} a JOIN {relation} b
                        ON {value.replace(column, 'a.' + column)} = {value.replace(column, 'b.' + column)})
                """)[0] for value in (column, column + "::text")]
            query(connection, f"RESET enable_nestloop; RESET {plan}")
            if counts[0] != counts[1]:
                mismatches.append(f"{column} without {plan}: {counts[0]}, text {counts[1]}")
    return mismatches


def check_upgrade(admin, version, commit, current, expected):
    with tempfile.TemporaryDirectory() as work:
        os.chmod(work, 0o755)
        stage, own_library = release_stage(version, commit, work)
        connection = install_release(admin, version, stage, own_library)
        library = "its own library" if own_library else "the current library"
        stored = figures(connection, "upgrade_stored", "grp")
        daily = figures(connection, "upgrade_daily", "bucket")
        texts = query(connection, "SELECT grp, nps::text, csat::text, fcr::text, qa::text, "
                                  "aht::text, ces::text FROM upgrade_stored ORDER BY grp")
        connection.close()

        # A new session loads the current library, as after a package upgrade.
        connection = connect("scorecard_upgrade")
        query(connection, "ALTER EXTENSION scorecard UPDATE")
        version_now = query(connection,
                            "SELECT extversion FROM pg_extension WHERE extname = 'scorecard'")
        check(version_now == [(current,)], f"{version} ({library}) updates to {current}",
              f"now {version_now}")
        after = figures(connection, "upgrade_stored", "grp")
        if own_library:
            maps = query(connection, "SELECT pg_read_file('/proc/self/maps')")[0][0]
            check(stage not in maps and "/scorecard.so" in maps,
                  f"after the update from {version}, the current library reads the values")
        check(after == stored, f"after updating from {version}, every figure of "
                               f"{len(stored)} rows of stored summaries is unchanged",
              "\n".join(f"before {b}\nafter  {a}" for b, a in zip(stored, after) if a != b))
        check(figures(connection, "upgrade_daily", "bucket") == daily,
              f"after updating from {version}, the materialized view reads the same")
        query(connection, "REFRESH MATERIALIZED VIEW upgrade_daily")
        check(figures(connection, "upgrade_daily", "bucket") == daily,
              f"after updating from {version}, the materialized view refreshes to the same figures")
        check(text_round_trip(connection, "upgrade_stored") == 0,
              f"values stored by {version} round-trip through text")
        check(binary_round_trip(connection, "upgrade_stored") == 0,
              f"values stored by {version} round-trip through COPY BINARY")
        mismatches = verbs_mismatches(connection, "upgrade_stored")
        check(not mismatches, f"values stored by {version} work with count(DISTINCT), "
                              "hash joins and merge joins", "\n".join(mismatches))
        old_texts = query(connection, """
            SELECT count(*) FROM upgrade_stored s
            JOIN (VALUES %s) t(grp, nps, csat, fcr, qa, aht, ces) USING (grp)
            WHERE (t.nps::nps_summary, t.csat::rating_summary, t.fcr::rate_summary,
                   t.qa::rubric_summary, t.aht::duration_summary, t.ces::rating_summary)
                  IS DISTINCT FROM (s.nps, s.csat, s.fcr, s.qa, s.aht, s.ces)""" % ", ".join(
            "(%d, %s)" % (row[0], ", ".join("NULL" if v is None else "'%s'" % v for v in row[1:]))
            for row in texts))
        check(old_texts[0][0] == 0,
              f"the text forms {version} printed read back as the stored values")
        check_no_rubric_recorded(connection, version)
        # Duration summaries are stored sparse or dense since 0.2.0; 0.1.0
        # stored them dense (layout 1), and reading converts them.
        durations = query(connection, """
            SELECT count(*) FILTER (WHERE (s.aht, s.aht_interval)
                                          IS DISTINCT FROM (r.aht, r.aht_interval)),
                   count(*) FILTER (WHERE pg_column_size(s.aht) <> pg_column_size(r.aht))
            FROM upgrade_stored s
            JOIN (SELECT grp, aht_agg(secs) AS aht, aht_agg(span) AS aht_interval
                  FROM upgrade_rows GROUP BY grp) r USING (grp)""")[0]
        check(durations[0] == 0,
              f"duration summaries stored by {version} equal the same summaries computed now")
        # Only 0.1.0's own library (built on 15) stores the dense layout; on
        # a major it does not build on, the current library stored them.
        if version == "0.1.0" and own_library:
            check(durations[1] > 0, "and 0.1.0's were stored in its own, dense layout",
                  "no stored value differs in size from its recomputation")
        check_ces_direction(connection, version)
        got = [row[0] for row in query(connection, FINGERPRINT)]
        missing, extra = sorted(set(expected) - set(got)), sorted(set(got) - set(expected))
        check(not missing and not extra,
              f"after updating from {version}, the {len(got)} objects equal a fresh install's",
              "missing or different:\n" + "\n".join(missing[:10]) +
              "\nextra:\n" + "\n".join(extra[:10]))
        connection.close()


def check_no_rubric_recorded(connection, version):
    """rubric_summary values stored by a release without the rubric type
    read as made by the array forms: no rubric recorded, no sections.  They
    merge with new summaries of the array forms, and refuse (22023) those
    made from a rubric value."""
    unmarked = query(connection, """
        SELECT count(*) FILTER (WHERE qa::jsonb -> 'rubric' = 'null'
                                  AND section_scores(qa) = '{}'),
               count(qa)
        FROM upgrade_stored""")[0]
    check(unmarked[0] == unmarked[1] > 0,
          f"{unmarked[1]} rubric summaries stored by {version} read as no rubric recorded",
          f"{unmarked}")
    merged = query(connection, """
        SELECT rollup(s) = (SELECT weighted_rubric(points, '{1,2,1,0.5}') FROM upgrade_rows,
                                   generate_series(1, 2))
        FROM (SELECT qa FROM upgrade_stored WHERE qa IS NOT NULL
              UNION ALL SELECT weighted_rubric(points, '{1,2,1,0.5}') FROM upgrade_rows) u(s)""")
    check(merged == [(True,)],
          f"rubric summaries stored by {version} merge exactly with new array-form summaries",
          f"{merged}")
    try:
        query(connection, """
            SELECT rollup(s) FROM (
                SELECT qa FROM upgrade_stored WHERE qa IS NOT NULL
                UNION ALL SELECT weighted_rubric(points, rubric('{a,b,c,d}', '{1,2,1,0.5}'))
                FROM upgrade_rows) u(s)""")
        state = None
    except psycopg2.Error as error:
        state = error.pgcode
    check(state == "22023",
          f"rubric summaries stored by {version} refuse to merge with rubric-form ones (22023)",
          f"SQLSTATE {state}")


def check_ces_direction(connection, version):
    """CES summaries stored before 0.2.0 count higher as easier, as their
    release assumed; ces_agg counts lower as easier from 0.2.0 on, and
    rollup() refuses to mix the two."""
    stored = query(connection, """
        SELECT count(*), count(*) FILTER (WHERE ces::jsonb->'lower_is_easier' = 'false'
                                            AND ces5::jsonb->'lower_is_easier' = 'false')
        FROM upgrade_stored WHERE ces IS NOT NULL""")[0]
    check(stored[0] > 0 and stored[0] == stored[1],
          f"the {stored[0]} CES summaries stored by {version} read as lower_is_easier = false",
          f"{stored[1]} of them do")
    fresh = query(connection, """
        SELECT count(*) FROM (SELECT grp, ces_agg(effort) AS fresh FROM upgrade_rows GROUP BY grp) f
        JOIN upgrade_stored s USING (grp)
        WHERE distribution(f.fresh) = distribution(s.ces)
          AND f.fresh::jsonb->'lower_is_easier' = 'true'
          AND status(f.fresh, 3) = CASE status(s.ces, 3) WHEN 'green' THEN 'red'
                                   WHEN 'red' THEN 'green' ELSE 'amber' END""")[0][0]
    check(fresh == 7, f"after updating from {version}, ces_agg counts the same answers "
                      "as lower is easier, which mirrors their status against 3",
          f"{fresh} of 7 groups")
    try:
        query(connection, "SELECT rollup(s) FROM (SELECT ces AS s FROM upgrade_stored UNION ALL "
                          "SELECT ces_agg(effort) FROM upgrade_rows) x")
        state = None
    except psycopg2.Error as error:
        state = error.pgcode
    check(state == "22023", f"rollup() refuses to mix {version}'s CES summaries with new ones",
          f"SQLSTATE {state}")


def check_scripts():
    upgrades = glob.glob(os.path.join(ROOT, "extension/scorecard--*--*.sql"))
    dropping = [path for path in upgrades
                if re.search(r"\bDROP\s+AGGREGATE\b", open(path).read(), re.IGNORECASE)]
    check(not dropping, f"no upgrade script drops an aggregate ({len(upgrades)} scripts)",
          f"{dropping}")
    control = open(os.path.join(ROOT, "scorecard.control")).read()
    current = re.search(r"default_version\s*=\s*'([^']+)'", control).group(1)
    previous = RELEASES[-1][0]
    check(os.path.exists(os.path.join(ROOT, f"extension/scorecard--{previous}--{current}.sql")),
          f"an upgrade script leads from the last release, {previous}, to {current}")
    return current


def main():
    admin = connect("postgres")
    current = check_scripts()
    fresh = fresh_database(admin, "scorecard_fresh")
    query(fresh, "CREATE EXTENSION scorecard")
    expected = [row[0] for row in query(fresh, FINGERPRINT)]
    check(len(expected) > 20, f"a fresh install of {current} has {len(expected)} objects")
    # From 17 on, the array types PostgreSQL creates beside each type are
    # members too; they are not ours to comment.
    uncommented = [line for line in expected
                   if line.endswith(" | ") and not re.match(r"type \S+\[\] ", line)]
    check(not uncommented, "every object of a fresh install has a comment",
          "\n".join(uncommented))
    fresh.close()
    for version, commit in RELEASES:
        check_upgrade(admin, version, commit, current, expected)
    return finish()


if __name__ == "__main__":
    sys.exit(main())
