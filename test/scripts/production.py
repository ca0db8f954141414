#!/usr/bin/python3
"""Production path, end to end with real components, printed as TAP.

Loads the demo's sample data and recipes (demo/*.sql, the same files
docs/production.md shows) into a fresh database, then checks what DBAs and
BI tools do with them: concurrent refresh under reads, a pg_cron schedule,
incremental refresh, pg_dump/pg_restore, COPY BINARY, a real client driver,
and GROUPING SETS totals.  (test/scripts/docs.py checks that
docs/production.md still shows the recipe files as they are.)  Runs inside pg_virtualenv, whose server preloads
pg_cron (see scripts/test).
"""
import glob
import io
import os
import subprocess
import sys
import tempfile
import threading
import time
from decimal import Decimal

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "helpers"))
from tap import check, connect as connect_to, finish, query, skip  # noqa: E402

DATABASE = "scorecard_prod"


def connect(database=DATABASE, autocommit=True):
    return connect_to(database, autocommit)


def value(connection, sql, params=None):
    return query(connection, sql, params)[0][0]


def psql(database, *args):
    subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", database, *args],
                   check=True, stdout=subprocess.DEVNULL)


def add_answers(connection, count):
    """New survey answers today, as a live system would record them."""
    query(connection, """
        INSERT INTO interactions (agent_id, channel, created_at, handle_seconds,
                                  resolved_first_contact, nps_score, csat_rating, ces_rating)
        SELECT 1 + g %% 40, 'chat', now(), 300 + g %% 7, g %% 3 > 0, 10, 4 + g %% 2, 6
        FROM generate_series(1, %s) g""", (count,))


# The summary columns of the interaction metrics, in agent_daily and in
# agent_daily_summary, and the aggregates that compute them from the raw rows.
SUMMARIES = {
    "nps": "nps_agg(nps_score)",
    "csat": "csat_agg(csat_rating)",
    "ces": "ces_agg(ces_rating, 7, false)",
    "fcr": "fcr_rate(resolved_first_contact)",
    "aht": "aht_agg(handle_seconds)",
}
STORED = ", ".join(f"{name}::text" for name in SUMMARIES)
RECOMPUTED = ", ".join(f"{aggregate}::text" for aggregate in SUMMARIES.values())

# Targets as the demo states them, and which side of each is good.
HIGHER_IS_BETTER = {"nps": True, "csat": True, "ces": True, "fcr": True, "qa": True,
                    "aht": False}


def load(admin):
    query(admin, f"DROP DATABASE IF EXISTS {DATABASE}")
    query(admin, f"CREATE DATABASE {DATABASE}")
    psql(DATABASE, "-c", "CREATE EXTENSION scorecard")
    for script in sorted(glob.glob("demo/[0-9]*.sql")):
        if "report" not in script:
            psql(DATABASE, "-f", script)


def test_concurrent_refresh(db):
    """REFRESH ... CONCURRENTLY while readers keep reading the report."""
    before = value(db, "SELECT sum(nps_responses) FROM team_monthly_scorecard")
    add_answers(db, 500)
    seen, errors, done = set(), [], threading.Event()

    def reader():
        connection = connect()
        try:
            while not done.is_set():
                seen.add(value(connection, "SELECT sum(nps_responses) FROM team_monthly_scorecard"))
        except Exception as error:  # any error a reader sees fails the test
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=reader) for _ in range(2)]
    for thread in threads:
        thread.start()
    time.sleep(0.2)
    query(db, "REFRESH MATERIALIZED VIEW CONCURRENTLY agent_daily")
    time.sleep(0.2)
    done.set()
    for thread in threads:
        thread.join()
    after = value(db, "SELECT sum(nps_responses) FROM team_monthly_scorecard")
    check(after == before + 500, "concurrent refresh picks up the new answers",
          f"before {before}, after {after}")
    check(not errors and seen <= {before, after},
          "readers during the refresh see the old or the new totals, never an error",
          f"errors {errors}, totals seen {sorted(seen)}")

    # The QA summaries have their own view and unique index.
    before = value(db, "SELECT sum(qa_evaluations) FROM team_monthly_scorecard")
    query(db, """
        INSERT INTO qa_evaluations (interaction_id, evaluated_at, greeting, listening,
                                    knowledge, communication, empathy, compliance)
        SELECT min(interaction_id), now(), 5, 4, 9, 4, NULL, 1 FROM interactions
        WHERE interaction_id NOT IN (SELECT interaction_id FROM qa_evaluations)""")
    query(db, "REFRESH MATERIALIZED VIEW CONCURRENTLY agent_daily_qa")
    after = value(db, "SELECT sum(qa_evaluations) FROM team_monthly_scorecard")
    check(after == before + 1, "concurrent refresh of agent_daily_qa picks up a new evaluation",
          f"before {before}, after {after}")


def test_pg_cron(db):
    """pg_cron, loaded for real, refreshes the view on its schedule."""
    admin = connect("postgres")
    if value(admin, "SELECT current_setting('shared_preload_libraries') !~ 'pg_cron'"):
        admin.close()
        for _ in range(2):
            skip("pg_cron is not installed for this PostgreSQL major")
        return
    query(admin, "CREATE EXTENSION IF NOT EXISTS pg_cron")
    before = value(db, "SELECT sum(nps_responses) FROM team_monthly_scorecard")
    add_answers(db, 40)
    job = value(admin, """SELECT cron.schedule_in_database(
        'refresh agent_daily', '* * * * *',
        'REFRESH MATERIALIZED VIEW CONCURRENTLY agent_daily', %s)""", (DATABASE,))
    status = None
    for _ in range(80):  # the next minute starts within 60 s
        rows = query(admin, "SELECT status, return_message FROM cron.job_run_details "
                            "WHERE jobid = %s AND status IN ('succeeded', 'failed')", (job,))
        if rows:
            status = rows[0]
            break
        time.sleep(1)
    query(admin, "SELECT cron.unschedule(%s)", (job,))
    admin.close()
    check(status is not None and status[0] == "succeeded",
          "cron.job_run_details shows the scheduled refresh succeeded", f"run: {status}")
    after = value(db, "SELECT sum(nps_responses) FROM team_monthly_scorecard")
    check(after == before + 40, "the scheduled refresh changed the view",
          f"before {before}, after {after}")


def summary_table_matches_full_recompute(db):
    return value(db, f"""
        SELECT count(*) = 0 FROM (
            (SELECT agent_id, day, interactions, {STORED} FROM agent_daily_summary
             EXCEPT
             SELECT agent_id, created_at::date, count(*), {RECOMPUTED}
             FROM interactions GROUP BY 1, 2)
            UNION ALL
            (SELECT agent_id, created_at::date, count(*), {RECOMPUTED}
             FROM interactions GROUP BY 1, 2
             EXCEPT
             SELECT agent_id, day, interactions, {STORED} FROM agent_daily_summary)) d""")


def test_incremental_refresh(db):
    """Refreshing the last days in one transaction: no gap, no double count."""
    add_answers(db, 300)
    check(not summary_table_matches_full_recompute(db),
          "new answers are missing from the summary table before its refresh")
    expected = value(db, "SELECT count(nps_score) FROM interactions")
    old = value(db, "SELECT sum(responses(nps)) FROM agent_daily_summary")
    seen, errors, done = set(), [], threading.Event()

    def reader():
        connection = connect()
        try:
            while not done.is_set():
                seen.add(value(connection,
                               "SELECT sum(responses(nps)) FROM agent_daily_summary"))
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    thread = threading.Thread(target=reader)
    thread.start()
    for _ in range(5):
        query(db, "CALL refresh_agent_daily_summary(3)")
    done.set()
    thread.join()
    check(summary_table_matches_full_recompute(db),
          "after the refresh the summary table equals a full recompute")
    check(not errors and seen <= {old, expected},
          "readers during five refreshes see old or new totals only (no gap, no double count)",
          f"errors {errors}, totals seen {sorted(seen)}, old {old}, new {expected}")


def snapshot(connection):
    return query(connection, f"""
        SELECT 'mv', agent_id, day, {STORED}, NULL FROM agent_daily
        UNION ALL
        SELECT 'table', agent_id, day, {STORED}, NULL FROM agent_daily_summary
        UNION ALL
        SELECT 'qa', agent_id, day, NULL, NULL, NULL, NULL, NULL, qa::text FROM agent_daily_qa
        ORDER BY 1, 2, 3""")


def test_dump_restore(db):
    """pg_dump -Fc then pg_restore into a new database: summaries unchanged."""
    restored = DATABASE + "_restored"
    # pg_restore recomputes a materialized view, so bring ours up to date first
    query(db, "REFRESH MATERIALIZED VIEW agent_daily")
    query(db, "REFRESH MATERIALIZED VIEW agent_daily_qa")
    admin = connect("postgres")
    query(admin, f"DROP DATABASE IF EXISTS {restored}")
    query(admin, f"CREATE DATABASE {restored}")
    with tempfile.TemporaryDirectory() as directory:
        path = os.path.join(directory, "dump.custom")
        subprocess.run(["pg_dump", "-Fc", "-f", path, DATABASE], check=True)
        subprocess.run(["pg_restore", "--exit-on-error", "-d", restored, path], check=True)
    copy = connect(restored)
    original, restored_rows = snapshot(db), snapshot(copy)
    differing = [pair for pair in zip(original, restored_rows) if pair[0] != pair[1]]
    check(len(original) > 1000 and original == restored_rows,
          f"pg_dump -Fc / pg_restore keeps the summaries of all {len(original)} stored rows "
          "unchanged",
          f"{len(restored_rows)} rows restored; first differences {differing[:3]}")
    copy.close()
    query(admin, f"DROP DATABASE {restored}")
    admin.close()


def test_binary_copy(db):
    """COPY ... (FORMAT binary) out and back in: summaries unchanged."""
    for table, columns in (("agent_daily_summary", list(SUMMARIES)), ("agent_daily_qa", ["qa"])):
        listed = ", ".join(columns)
        data = io.BytesIO()
        with db.cursor() as cursor:
            cursor.copy_expert(f"COPY (SELECT agent_id, day, {listed} FROM {table}) "
                               "TO STDOUT (FORMAT binary)", data)
            query(db, f"CREATE TEMP TABLE copied_{table} AS "
                      f"SELECT agent_id, day, {listed} FROM {table} WITH NO DATA")
            data.seek(0)
            cursor.copy_expert(f"COPY copied_{table} FROM STDIN (FORMAT binary)", data)
        differences = " OR ".join(f"c.{column} IS DISTINCT FROM s.{column}" for column in columns)
        differing = value(db, f"""SELECT count(*) FROM {table} s
                                  FULL JOIN copied_{table} c USING (agent_id, day)
                                  WHERE {differences}""")
        rows = value(db, f"SELECT count(*) FROM copied_{table}")
        check(differing == 0 and rows > 1000,
              f"COPY BINARY out and in keeps every summary of {table} ({listed}) unchanged",
              f"{differing} rows differ, {rows} copied")


def test_client_driver(db):
    """A BI tool's driver gets numbers, not strings."""
    with db.cursor() as cursor:
        cursor.execute("SELECT * FROM team_monthly_scorecard")
        names = [column.name for column in cursor.description]
        rows = cursor.fetchall()
    figures = [name for name in names if not name.endswith("_status")
               and name not in ("team", "month")]
    # The month of the answers the tests added has no QA evaluations, so its
    # QA figures are NULL and its count of evaluations 0; every other value
    # must be a number.
    counts = ("interactions", "nps_responses", "csat_responses", "ces_responses",
              "qa_evaluations")
    wrong = [(name, type(row[names.index(name)]).__name__) for row in rows for name in figures
             if not isinstance(row[names.index(name)], (int, float, Decimal))
             and not (row[names.index(name)] is None and name.startswith("qa")
                      and name not in counts)]
    unanswered = sorted((row[names.index("team")], row[names.index("month")]) for row in rows
                        if row[names.index("qa")] is None
                        and row[names.index("qa_evaluations")] == 0)
    without_qa = sorted(query(db, """
        SELECT t.team_name, date_trunc('month', i.created_at)::date
        FROM interactions i JOIN agents a USING (agent_id) JOIN teams t USING (team_id)
        EXCEPT
        SELECT t.team_name, date_trunc('month', i.created_at)::date
        FROM qa_evaluations e JOIN interactions i USING (interaction_id)
        JOIN agents a USING (agent_id) JOIN teams t USING (team_id)"""))
    complete = [row for row in rows if all(row[names.index(name)] is not None
                                           for name in figures)]
    check(len(complete) >= 60 and len(figures) >= 25 and not wrong,
          f"psycopg2 reads {', '.join(figures)} as numbers",
          f"{len(rows)} rows, {len(complete)} without NULLs; not numbers: {wrong[:5]}")
    check(unanswered and unanswered == without_qa,
          "team-months without QA evaluations (the tests' new answers) have NULL QA figures "
          "and 0 evaluations, not NULL",
          f"NULL QA and 0 evaluations: {unanswered}; without evaluations: {without_qa}")
    # What the BI-facing views expose: numbers, dates and text, no summary.
    columns = query(db, """
        SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod)
        FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
        WHERE c.relname IN ('team_monthly_scorecard', 'team_monthly_operations')
          AND a.attnum > 0 AND NOT a.attisdropped""")
    other = [column for column in columns if column[2] not in
             ("bigint", "integer", "double precision", "numeric", "date", "text")]
    check(len(columns) >= 50 and not other,
          f"the reporting views' {len(columns)} columns are numbers, dates and text only",
          f"other types: {other}")


def test_status(db):
    """Each status in team_monthly_scorecard agrees with the bounds and the target."""
    targets = dict(query(db, "SELECT metric, target FROM scorecard_targets"))
    metrics = list(HIGHER_IS_BETTER)
    rows = query(db, f"""
        SELECT {", ".join(f"{m}_low, {m}_high, {m}_status" for m in metrics)}
        FROM team_monthly_scorecard
        WHERE qa IS NOT NULL""")
    wrong, seen = [], set()
    for row in rows:
        for k, metric in enumerate(metrics):
            low, high, status = row[3 * k:3 * k + 3]
            target = targets[metric]
            good, bad = (low > target, high < target)
            if not HIGHER_IS_BETTER[metric]:
                good, bad = (high < target, low > target)
            expected = "green" if good else "red" if bad else "amber"
            seen.add(status)
            if status != expected:
                wrong.append((metric, low, high, target, status, expected))
    check(len(rows) >= 60 and len(targets) == 6 and not wrong and seen == {"green", "amber", "red"},
          "team_monthly_scorecard: each status is green, amber or red as its interval and target say "
          "(lower is better for AHT)",
          f"{len(rows)} rows, statuses seen {seen}; wrong: {wrong[:5]}")


def test_grouping_sets(db):
    """ROLLUP totals from summaries agree with the rows beneath them."""
    rows = query(db, """
        SELECT t.team_name, date_trunc('month', d.day) AS month,
               nps(rollup(d.nps)) AS nps, responses(rollup(d.nps)) AS answers
        FROM agent_daily d JOIN agents a USING (agent_id) JOIN teams t USING (team_id)
        GROUP BY ROLLUP (t.team_name, date_trunc('month', d.day))""")
    raw = dict(((team, None), nps) for team, nps in query(db, """
        SELECT t.team_name, 100.0 * (count(*) FILTER (WHERE nps_score >= 9)
                                     - count(*) FILTER (WHERE nps_score <= 6)) / count(nps_score)
        FROM interactions i JOIN agents a USING (agent_id) JOIN teams t USING (team_id)
        GROUP BY ROLLUP (t.team_name)"""))
    totals = {(team, month): nps for team, month, nps, _ in rows if month is None}
    worst = max(abs(float(raw[key]) - totals[key]) for key in raw)
    check(len(totals) == 6 and worst < 1e-9,
          "team subtotals and the grand total equal the plain formula over the raw rows",
          f"totals {totals}, raw {raw}")
    months = [nps for team, month, nps, _ in rows if team == "Billing" and month is not None]
    averaged = sum(months) / len(months)
    check(abs(averaged - totals[("Billing", None)]) > 1e-6,
          "while the average of the monthly NPS is not the yearly NPS",
          f"average {averaged}, yearly {totals[('Billing', None)]}")

    # The same for CSAT, FCR and AHT, by the same GROUPING SETS over the wider view.
    rows = query(db, """
        SELECT t.team_name, date_trunc('month', d.day)::date AS month,
               csat(rollup(d.csat)), percent(rollup(d.fcr)), mean(rollup(d.aht))
        FROM agent_daily d JOIN agents a USING (agent_id) JOIN teams t USING (team_id)
        GROUP BY GROUPING SETS ((t.team_name, date_trunc('month', d.day)::date),
                                (t.team_name), ())""")
    raw = {(team, month): figures for team, month, *figures in query(db, """
        SELECT t.team_name, date_trunc('month', i.created_at)::date,
               100.0 * count(*) FILTER (WHERE csat_rating >= 4) / count(csat_rating),
               100.0 * count(*) FILTER (WHERE resolved_first_contact) / count(*),
               avg(handle_seconds)
        FROM interactions i JOIN agents a USING (agent_id) JOIN teams t USING (team_id)
        GROUP BY GROUPING SETS ((t.team_name, date_trunc('month', i.created_at)::date),
                                (t.team_name), ())""")}
    worst = max(abs(float(expected) - got)
                for team, month, *figures in rows
                for expected, got in zip(raw[(team, month)], figures))
    check(len(rows) == len(raw) and len(rows) >= 66 and worst < 1e-9,
          "CSAT, FCR and AHT of every team-month, team and the grand total equal "
          "plain SQL over the raw rows", f"{len(rows)} rows, {len(raw)} raw; worst {worst}")


def main():
    admin = connect("postgres")
    load(admin)
    db = connect()
    tests = [test_concurrent_refresh, test_pg_cron, test_incremental_refresh,
             test_dump_restore, test_binary_copy, test_client_driver, test_status,
             test_grouping_sets]
    for test in tests:
        try:
            test(db)
        except Exception as error:  # a crash in one test fails it, not the run
            check(False, f"{test.__name__} ran to the end", repr(error))
    return finish()


if __name__ == "__main__":
    sys.exit(main())
