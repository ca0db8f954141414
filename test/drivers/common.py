"""What the Python driver tests share: the queries of queries.sql, TAP
output, and comparing rows read through a driver."""
import hashlib
import math
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
VIEWS = ("team_monthly_scorecard", "team_monthly_operations")
_count = 0
_failed = 0


def queries():
    """The queries of queries.sql by name."""
    text = open(os.path.join(HERE, "queries.sql")).read()
    parts = re.split(r"^-- name: (\w+)\n", text, flags=re.M)[1:]
    return {name: body.strip() for name, body in zip(parts[::2], parts[1::2])}


def check(ok, description, detail=""):
    global _count, _failed
    _count += 1
    print(f"{'ok' if ok else 'not ok'} {_count} - {description}", flush=True)
    if not ok:
        _failed += 1
        for line in str(detail).splitlines() or [""]:
            print(f"#   {line}")


def finish():
    print(f"1..{_count}")
    return 1 if _failed else 0


def md5(text):
    return hashlib.md5(text.encode()).hexdigest()


def same(a, b):
    """Two values read through a driver are equal: floats to 1e-9 relative."""
    if isinstance(a, float) or isinstance(b, float):
        return a is not None and b is not None and math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)
    return a == b


def differences(rows, expected):
    """The first rows that differ between two lists of rows, for a failure."""
    if len(rows) != len(expected):
        return f"{len(rows)} rows, {len(expected)} expected"
    wrong = [(got, want) for got, want in zip(rows, expected)
             if len(got) != len(want) or not all(same(a, b) for a, b in zip(got, want))]
    return "\n".join(f"got  {got}\nwant {want}" for got, want in wrong[:3])


def whole(rows):
    """Rows of (summary text, length, md5) as the server computed them: the
    ones that did not arrive whole, and how many are longer than 255."""
    broken = [(len(text), length) for text, length, digest in rows
              if len(text) != length or md5(text) != digest]
    return broken, sum(1 for _, length, _ in rows if length > 255)
