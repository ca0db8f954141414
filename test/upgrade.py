#!/usr/bin/python3
"""Upgrades, printed as TAP.

For every released version that has a full install script in extension/
(scorecard--X.Y.Z.sql) other than the current default_version: install it,
build a view on its aggregates, ALTER EXTENSION scorecard UPDATE, and check
that the objects now equal a fresh install's and that the view still works.
Also checks that no upgrade script drops an aggregate, and that every object
of a fresh install has a comment.  A version without an upgrade path shows
up as a failed update.
"""
import glob
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "helpers"))
from tap import check, connect, finish, query, skip  # noqa: E402

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
                             (SELECT concat_ws(' ', a.aggtransfn, a.aggfinalfn, a.aggcombinefn,
                                               a.aggmtransfn, a.aggminvtransfn, a.aggmfinalfn,
                                               a.aggtranstype::regtype, a.aggmtranstype::regtype,
                                               a.agginitval, a.aggminitval)
                              FROM pg_aggregate a WHERE a.aggfnoid = p.oid))
            FROM pg_proc p WHERE p.oid = m.objid)
        WHEN 'pg_type'::regclass THEN (
            SELECT concat_ws(' ', t.typlen, t.typalign, t.typstorage, t.typinput, t.typoutput,
                             t.typreceive, t.typsend)
            FROM pg_type t WHERE t.oid = m.objid)
        WHEN 'pg_operator'::regclass THEN (
            SELECT concat_ws(' ', o.oprcode, o.oprcom::regoperator, o.oprnegate::regoperator,
                             o.oprrest, o.oprjoin)
            FROM pg_operator o WHERE o.oid = m.objid)
        WHEN 'pg_cast'::regclass THEN (
            SELECT concat_ws(' ', c.castfunc::regprocedure, c.castcontext, c.castmethod)
            FROM pg_cast c WHERE c.oid = m.objid)
    END, '') || ' | ' || coalesce(obj_description(m.objid, m.classid::regclass::text), '')
FROM members m ORDER BY 1
"""

VIEW = """
CREATE TABLE upgrade_answers (day date, score integer);
INSERT INTO upgrade_answers SELECT current_date - g % 30, g % 11 FROM generate_series(1, 500) g;
CREATE VIEW upgrade_report AS
SELECT nps(rollup(s)) AS nps, responses(rollup(s)) AS answers
FROM (SELECT day, nps_agg(score) AS s FROM upgrade_answers GROUP BY day) d;
"""


def fresh_database(admin, name):
    query(admin, f"DROP DATABASE IF EXISTS {name}")
    query(admin, f"CREATE DATABASE {name}")
    return connect(name)


def version_key(version):
    return tuple(int(part) for part in version.split("."))


def versions():
    control = open("scorecard.control").read()
    current = re.search(r"default_version\s*=\s*'([^']+)'", control).group(1)
    full = [re.fullmatch(r"scorecard--(\d+\.\d+\.\d+)\.sql", os.path.basename(path))
            for path in glob.glob("extension/scorecard--*.sql")]
    released = sorted((m.group(1) for m in full if m and m.group(1) != current),
                      key=version_key)
    return current, released


def check_scripts():
    upgrades = [path for path in glob.glob("extension/scorecard--*--*.sql")]
    dropping = [path for path in upgrades
                if re.search(r"\bDROP\s+AGGREGATE\b", open(path).read(), re.IGNORECASE)]
    check(not dropping, f"no upgrade script drops an aggregate ({len(upgrades)} scripts)",
          f"{dropping}")


def check_upgrade(admin, old, current, expected):
    connection = fresh_database(admin, "scorecard_upgrade")
    query(connection, f"CREATE EXTENSION scorecard VERSION '{old}'")
    query(connection, VIEW)
    before = query(connection, "SELECT * FROM upgrade_report")
    query(connection, "ALTER EXTENSION scorecard UPDATE")
    version = query(connection, "SELECT extversion FROM pg_extension WHERE extname = 'scorecard'")
    check(version == [(current,)], f"{old} updates to {current}", f"now {version}")
    got = [row[0] for row in query(connection, FINGERPRINT)]
    missing, extra = sorted(set(expected) - set(got)), sorted(set(got) - set(expected))
    check(not missing and not extra,
          f"after updating from {old}, the {len(got)} objects equal a fresh install's",
          "missing or different: " + "\n".join(missing[:10]) + "\nextra: " + "\n".join(extra[:10]))
    check(query(connection, "SELECT * FROM upgrade_report") == before,
          f"a view on the aggregates survives the update from {old}")
    connection.close()


def main():
    admin = connect("postgres")
    current, released = versions()
    fresh = fresh_database(admin, "scorecard_fresh")
    query(fresh, "CREATE EXTENSION scorecard")
    expected = [row[0] for row in query(fresh, FINGERPRINT)]
    check(len(expected) > 20, f"a fresh install of {current} has {len(expected)} objects")
    check(all(" | " in line and not line.endswith(" | ") for line in expected),
          "every object of a fresh install has a comment",
          "\n".join(line for line in expected if line.endswith(" | ")))
    fresh.close()
    check_scripts()
    if not released:
        skip(f"no released version before {current} to update from")
    for old in released:
        check_upgrade(admin, old, current, expected)
    return finish()


if __name__ == "__main__":
    sys.exit(main())
