#!/usr/bin/python3
"""pandas with SQLAlchemy (psycopg2 beneath), as notebooks and Superset
read PostgreSQL: the demo's reporting views and raw summary tables, their
dtypes and values against plain SQL.  Prints TAP.

Reflecting a table (read_sql_table, Superset's dataset sync) warns "Did not
recognize type 'nps_summary'" and maps a summary column to NullType; the
reporting views have no such column.  Registering the summary types as TEXT
in the engine's dialect silences it; the values are the whole text form
either way.  Counts are never NULL in the views, so pandas keeps them int64
rather than turning them into float64 with NaN.
"""
import os
import sys
import warnings

import pandas
import sqlalchemy
from sqlalchemy.types import TEXT

from common import VIEWS, check, differences, finish, queries, whole

Q = queries()
DTYPES = {"bigint": "int64", "double precision": "float64", "date": "datetime64[ns]",
          "text": "object"}


def engine(database):
    url = sqlalchemy.engine.URL.create(
        "postgresql+psycopg2", username=os.environ["PGUSER"], password=os.environ["PGPASSWORD"],
        host=os.environ["PGHOST"], port=int(os.environ["PGPORT"]), database=database)
    return sqlalchemy.create_engine(url)


# Every base type of the extension: its summaries, and any other type it
# adds (business_calendar).
EXTENSION_TYPES = """
    SELECT t.typname::text FROM pg_type t
    JOIN pg_depend d ON d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e'
    JOIN pg_extension e ON e.oid = d.refobjid
    WHERE e.extname = 'scorecard' AND t.typtype = 'b'"""


def register_summary_types(target):
    """The setting: the extension's types reflect as TEXT, for this engine only."""
    with target.connect() as connection:
        names = [name for name, in connection.execute(sqlalchemy.text(EXTENSION_TYPES))]
    target.dialect.ischema_names = dict(target.dialect.ischema_names,
                                        **{name: TEXT for name in names})
    return names


def reflect(target, table):
    """read_sql_table, and the warnings it gave."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        frame = pandas.read_sql_table(table, target)
    return frame, [str(warning.message) for warning in caught]


def records(frame):
    """A frame's rows as tuples of Python values, NaN as None."""
    frame = frame.astype(object).where(frame.notna(), None)
    return [tuple(row) for row in frame.itertuples(index=False)]


def check_view(target, view):
    columns = pandas.read_sql_query(Q["columns"].format(view=view), target)
    frame, caught = reflect(target, view)
    wrong = [(row.name, row.type, str(frame[row.name].dtype)) for row in columns.itertuples()
             if str(frame[row.name].dtype) != DTYPES[row.type]]
    check(len(frame) >= 60 and len(columns) >= 20 and not wrong and not caught,
          f"{view}: read_sql_table reflects {len(frame)} rows without warnings; each of "
          f"{len(columns)} columns is int64 (bigint: counts never NULL), float64 "
          f"({int(frame.select_dtypes('float64').isna().sum().sum())} NaN where no answer "
          "exists), datetime64 or object (text)",
          f"wrong dtypes: {wrong[:5]}; warnings: {caught[:3]}")
    name = "scorecard" if view == "team_monthly_scorecard" else "operations"
    got = records(pandas.read_sql_query(Q[name], target))
    want = records(pandas.read_sql_query(Q[name + "_plain"], target))
    check(len(got) >= 60 and not differences(got, want),
          f"{view}: figures and counts of {len(got)} rows (read_sql_query) equal plain SQL "
          "over the raw rows", differences(got, want))


def main():
    database = sys.argv[1]
    plain = engine(database)
    print(f"# pandas {pandas.__version__}, SQLAlchemy {sqlalchemy.__version__}, "
          f"psycopg2 {plain.dialect.dbapi.__version__}")
    for view in VIEWS:
        check_view(plain, view)

    # A raw summary table: without the setting reflection warns per summary
    # column; with it, none; the values arrive whole both ways.
    _, caught = reflect(plain, "agent_daily_summary")
    unknown = sorted(message for message in caught if "Did not recognize type" in message)
    check(len(unknown) == 5,
          f"without the setting, reflecting agent_daily_summary warns {len(unknown)} times: "
          f"{unknown[0] if unknown else ''}", f"warnings: {caught}")
    registered = engine(database)
    names = register_summary_types(registered)
    frame, caught = reflect(registered, "agent_daily_summary")
    table = sqlalchemy.Table("agent_daily_summary", sqlalchemy.MetaData(),
                             autoload_with=registered)
    lengths = pandas.read_sql_query(Q["long_aht"], registered)
    reflected = frame[frame.agent_id == 21].sort_values("day")
    broken, long_ones = whole(list(zip(reflected.aht, lengths.length, lengths.md5)))
    check("nps_summary" in names and not caught and isinstance(table.c.aht.type, TEXT)
          and len(reflected) >= 100
          and long_ones >= 10 and not broken,
          f"with the summary types registered as TEXT, agent_daily_summary reflects without "
          f"warnings and its aht summaries ({long_ones} of {len(reflected)} longer than 255) "
          "arrive as whole str", f"warnings {caught}; broken {broken[:5]}")

    for query in ("long_aht", "long_qa"):
        frame = pandas.read_sql_query(Q[query], plain)
        broken, long_ones = whole(list(zip(frame.summary, frame.length, frame.md5)))
        check(len(frame) >= 100 and long_ones >= 10 and not broken
              and all(isinstance(value, str) for value in frame.summary),
              f"read_sql_query: {query[5:]} summaries ({long_ones} of {len(frame)} longer than "
              "255) arrive as whole str", f"broken {broken[:5]}")

    frame = pandas.read_sql_query(Q["as_text"], plain)
    broken, _ = whole(list(zip(frame.text, frame.length, frame.md5)))
    counts = [json["responses"] == responses for json, responses in zip(frame.json, frame.responses)]
    check(len(frame) >= 100 and not broken and all(counts),
          f"{len(frame)} summaries read as ::text arrive as whole str, as ::jsonb as dicts "
          "with their count of responses", f"broken {broken[:5]}; counts {counts.count(False)} wrong")
    return finish()


if __name__ == "__main__":
    sys.exit(main())
