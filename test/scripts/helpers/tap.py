"""What the TAP scripts in test/scripts/ share: TAP output and a database session.

The scripts run inside pg_virtualenv, whose environment (PGHOST, PGPORT,
PGUSER, PGPASSWORD) psycopg2 picks up.
"""
import sys

import psycopg2

results = []


def check(passed, description, detail=""):
    """Print one TAP result, with the detail as comments when it failed."""
    results.append(passed)
    print(f"{'ok' if passed else 'not ok'} {len(results)} - {description}")
    if not passed and detail:
        for line in str(detail).splitlines():
            print(f"#   {line}")
    sys.stdout.flush()


def skip(reason):
    """Print one skipped TAP result."""
    results.append(True)
    print(f"ok {len(results)} - # SKIP {reason}")
    sys.stdout.flush()


def finish():
    """Print the plan; return the exit status: 0 when every result passed."""
    print(f"1..{len(results)}")
    return 0 if all(results) else 1


def connect(database, autocommit=True):
    connection = psycopg2.connect(dbname=database)
    connection.autocommit = autocommit
    return connection


def query(connection, sql, params=None):
    """Run one statement; its rows, or None when it returns none."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall() if cursor.description else None
