#!/usr/bin/python3
"""psqlODBC (odbc-postgresql) through unixODBC and pyodbc, as Power BI,
Excel and Tableau on Windows read PostgreSQL: the reporting views and raw
summary tables of the demo, with a DSN-less connection string.  Prints TAP.

psqlODBC describes a column of a type it does not know (every summary type)
as VARCHAR(MaxVarcharSize), 255 by default, and an application that binds
the described size truncates longer values.  UnknownSizes=2 describes it by
the longest value in the result, MaxVarcharSize=65535 raises the limit, and
a summary read as ::text is LONGVARCHAR (8190) and ::jsonb is sized by its
longest value with the defaults.
"""
import datetime
import json
import os
import sys

import pyodbc

from common import VIEWS, check, differences, finish, queries, whole

Q = queries()
DATABASE = sys.argv[1]
CONNECTION = ("Driver={PostgreSQL Unicode};Server=%s;Port=%s;Database=%s;Uid=%s;Pwd=%s"
              % (os.environ["PGHOST"], os.environ["PGPORT"], DATABASE,
                 os.environ["PGUSER"], os.environ["PGPASSWORD"]))
# Either setting makes psqlODBC describe a summary column at least as long
# as its longest value, so that an application binding the described size
# gets it whole.
SETTINGS = (";UnknownSizes=2", ";MaxVarcharSize=65535")
# The Python type pyodbc gives each SQL type of the reporting views.
TYPES = {"bigint": int, "double precision": float, "date": datetime.date, "text": str}


def fetch(connection, sql):
    cursor = connection.cursor()
    cursor.execute(sql)
    rows = [tuple(row) for row in cursor.fetchall()]
    return cursor.description, rows


def check_view(connection, view):
    _, columns = fetch(connection, Q["columns"].format(view=view))
    _, rows = fetch(connection, Q["all"].format(view=view))
    wrong = [(name, sql_type, type(row[k]).__name__) for row in rows
             for k, (name, sql_type) in enumerate(columns)
             if not isinstance(row[k], TYPES[sql_type])
             and not (row[k] is None and sql_type in ("double precision", "text"))]
    nulls = sum(1 for row in rows for k, (_, sql_type) in enumerate(columns)
                if row[k] is None and sql_type == "double precision")
    check(len(rows) >= 60 and len(columns) >= 20 and not wrong,
          f"{view}: {len(rows)} rows; each of {len(columns)} columns arrives as "
          f"int (bigint, counts never NULL), float ({nulls} NULL where no answer exists), "
          "datetime.date or str (statuses NULL there too)",
          f"columns {columns}; wrong: {wrong[:5]}")
    name = "scorecard" if view == "team_monthly_scorecard" else "operations"
    got, want = fetch(connection, Q[name])[1], fetch(connection, Q[name + "_plain"])[1]
    check(len(got) >= 60 and not differences(got, want),
          f"{view}: figures and counts of {len(got)} rows equal plain SQL over the raw rows",
          differences(got, want))


def check_summaries(settings, query):
    """With the settings, every summary is described at least as long as it
    is, and arrives whole."""
    connection = pyodbc.connect(CONNECTION + settings)
    description, rows = fetch(connection, Q[query])
    connection.close()
    size = description[2][3]
    broken, long_ones = whole([row[2:5] for row in rows])
    longest = max(row[3] for row in rows)
    check(len(rows) >= 100 and long_ones >= 10 and not broken and size >= longest,
          f"{settings.lstrip(';')}: {query[5:]} summaries ({long_ones} of {len(rows)} longer "
          f"than 255) are described as {size} >= {longest} characters and arrive whole",
          f"broken (got, length): {broken[:5]}")


def main():
    connection = pyodbc.connect(CONNECTION)
    print(f"# pyodbc {pyodbc.version}, {connection.getinfo(pyodbc.SQL_DRIVER_NAME)} "
          f"{connection.getinfo(pyodbc.SQL_DRIVER_VER)}, "
          f"unixODBC {connection.getinfo(pyodbc.SQL_DM_VER)}")
    for view in VIEWS:
        check_view(connection, view)

    # Without settings: the described size the issue is about.
    description, rows = fetch(connection, Q["long_aht"])
    longest = max(row[3] for row in rows)
    check(description[2][3] == 255 and longest > 255,
          f"without settings, psqlODBC describes a summary column as {description[2][3]} "
          f"characters, shorter than its longest value ({longest})")
    for settings in SETTINGS:
        for query in ("long_aht", "long_qa"):
            check_summaries(settings, query)

    # ::text and ::jsonb need no settings.
    description, rows = fetch(connection, Q["as_text"])
    broken, long_ones = whole([(row[0], row[2], row[3]) for row in rows])
    counts = [json.loads(row[1])["responses"] == row[4] for row in rows]
    longest_json = max(len(row[1]) for row in rows)
    check(len(rows) >= 100 and long_ones >= 10 and not broken and all(counts)
          and description[0][3] >= max(row[2] for row in rows)
          and description[1][3] >= longest_json,
          f"with the default settings, {len(rows)} summaries read as ::text (described as "
          f"{description[0][3]}) and ::jsonb (described as {description[1][3]}) arrive whole",
          f"broken: {broken[:5]}; responses agree: {counts.count(True)}")
    connection.close()
    return finish()


if __name__ == "__main__":
    sys.exit(main())
