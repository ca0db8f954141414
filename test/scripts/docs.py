r"""Every ```sql block of README.md and docs/*.md runs, and prints what the
page shows.

Each page runs in a database of its own, with the extension, through psql
as a reader would run it (`psql -X -q`, footers off, TimeZone UTC).  Before
a page of docs/ runs, the blocks of the README's section "The tables in the
examples" run in its database: that section is the fixture every page
shares, and its CREATE TABLE statements are excerpts of
demo/1_sample_data.sql, so the examples and the demo use the same tables.
docs/production.md and docs/bi.md instead run in a database loaded with
the demo (PAGE_SETUP).  Roles a page creates are dropped after it.  A
block that creates the extension (installing it into a schema of its own)
runs after the runner drops it, with whatever depends on it (CASCADE).

In a ```sql block, a paragraph (lines between blank lines) whose second
line is a psql rule (`----+----`), or whose first line starts with
`ERROR:`, is output: what the statements before it, since the previous
output, print.  It must equal what psql prints for them, trailing white
space aside (psql's error lines included, so a shown error is the error the
block raises).  Statements that the page shows no output for must print
nothing (psql -q prints nothing for CREATE, INSERT, SET and the like).  A
shown output of more than one row must come from a query with an ORDER BY
of its own, so that it is the only output possible.

A ```sql block that follows a line "From `demo/FILE`:" is an excerpt: each
of its paragraphs is a passage of that file, verbatim and in order.  It
runs like any other block, unless the page's database already loaded that
file.

Blocks that are not meant to run (shell commands, psql's backslash
commands, SQL that needs a server set up otherwise, sample output) use a
fence other than ```sql: ```sh, ```psql, ```plpgsql, ```text.  The one
backslash command a sql block may hold is \echo (`\echo :LAST_ERROR_SQLSTATE`
shows an error's SQLSTATE).  The script
prints, per page, how many blocks ran, how many outputs it compared, how
many excerpts it checked and how many blocks it did not run.

    python3 test/scripts/docs.py [PAGE ...]    (inside pg_virtualenv)
"""
import glob
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "helpers"))
from tap import check, finish  # noqa: E402

# The checkout's root: the nearest directory above this file with README.md.
ROOT = HERE
while not os.path.exists(os.path.join(ROOT, "README.md")) and ROOT != os.path.dirname(ROOT):
    ROOT = os.path.dirname(ROOT)

FIXTURE_SECTION = "## The tables in the examples"
DEMO = ["demo/1_sample_data.sql", "demo/2_summaries.sql", "demo/3_incremental_refresh.sql"]
PAGE_SETUP = {"docs/production.md": DEMO,
              "docs/bi.md": DEMO + ["demo/5_operations.sql"]}
# The demo draws its rows with setseed() and random(), and the rows come
# out different on the chroots' majors (17, 18 and 19 print other figures
# than 15 does).  The pages over the demo show what the host's major
# prints; on another major their blocks still run and must raise no error,
# but their figures are not compared.
DEMO_MAJOR = 15
RULE = re.compile(r"^-+(\+-+)*$")
FENCE = re.compile(r"^```([^\n`]*)\n(.*?)^```[ \t]*$", re.S | re.M)
EXCERPT = re.compile(r"From `([^`]+)`:\s*$")
MARK = "@@docs-segment@@"
WITHOUT_EXTENSION = ("SET client_min_messages = warning;\nDROP EXTENSION scorecard CASCADE;\n"
                     "RESET client_min_messages;")
ROLES = "\\pset tuples_only on\nSELECT rolname FROM pg_roles;\n"


def read(path):
    with open(os.path.join(ROOT, path)) as f:
        return f.read()


def section(text, heading):
    """The part of a Markdown text under a heading line, up to the next
    heading of the same level or higher; None when there is none."""
    level = len(heading) - len(heading.lstrip("#"))
    found = re.search(rf"^{re.escape(heading)}\n(.*?)(?=^#{{1,{level}}} |\Z)", text,
                      re.S | re.M)
    return found.group(1) if found else None


def bindir():
    pg_config = os.environ.get("PG_CONFIG", "pg_config")
    return subprocess.run([pg_config, "--bindir"], capture_output=True, text=True,
                          check=True).stdout.strip()


def blocks(text):
    """(language, body, excerpt file or None, line number) of each fenced block."""
    found = []
    for match in FENCE.finditer(text):
        before = text[:match.start()].rstrip("\n").splitlines()
        excerpt = EXCERPT.search(before[-1]) if before else None
        found.append((match.group(1).strip(), match.group(2),
                      excerpt.group(1) if excerpt else None,
                      text.count("\n", 0, match.start()) + 1))
    return found


def paragraphs(body):
    return [p for p in re.split(r"\n[ \t]*\n", body.strip("\n")) if p.strip()]


def is_output(paragraph):
    lines = paragraph.splitlines()
    return lines[0].startswith("ERROR:") or (len(lines) > 1 and RULE.match(lines[1].strip()))


def segments(body):
    """The block as (sql, shown output or None) pairs, in order."""
    result, sql, shown = [], [], []
    for paragraph in paragraphs(body) + [None]:
        if paragraph is not None and is_output(paragraph):
            shown.append(paragraph)
            continue
        if shown or paragraph is None:
            if sql or shown:
                result.append(("\n\n".join(sql), "\n\n".join(shown) if shown else None))
            sql, shown = [], []
        if paragraph is not None:
            sql.append(paragraph)
    return result


def clean(text):
    lines = [line.rstrip() for line in text.splitlines()]
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    return lines


def without_parentheses(sql):
    while True:
        shorter = re.sub(r"\([^()]*\)", "", sql)
        if shorter == sql:
            return sql
        sql = shorter


def unordered(sql, shown):
    """Whether the output shows more tables of several rows than the SQL has
    statements with an ORDER BY of their own (outside parentheses)."""
    statements = [s for s in re.sub(r"--[^\n]*", "", sql).split(";") if s.strip()]
    ordered = sum("ORDER BY" in without_parentheses(s).upper() for s in statements)
    tables = [p.splitlines() for p in paragraphs(shown)]
    several = sum(len(lines) > 3 and RULE.match(lines[1].strip()) is not None for lines in tables)
    return several > ordered


def excerpt_missing(body, path):
    """The paragraphs of an excerpt that its file lacks, in order."""
    text, at, missing = read(path), 0, []
    for paragraph in paragraphs(body):
        found = text.find(paragraph, at)
        if found < 0:
            missing.append(paragraph.splitlines()[0])
        else:
            at = found + len(paragraph)
    return missing


def psql(database, script):
    """What psql prints for a script, standard error in its place."""
    env = dict(os.environ, PGTZ="UTC", PGDATESTYLE="ISO, MDY", PGOPTIONS="-c lc_messages=C")
    run = subprocess.run([os.path.join(bindir(), "psql"), "-X", "-q", "-P", "footer=off",
                          "-v", "ON_ERROR_STOP=0", "-d", database],
                         input=script, stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT, text=True, env=env, cwd=ROOT)
    return run.stdout


def fresh_database(name):
    script = (f"SET client_min_messages = warning;\nDROP DATABASE IF EXISTS {name};\n"
              f"CREATE DATABASE {name};\n\\c {name}\nCREATE EXTENSION scorecard;\n")
    out = psql("postgres", script)
    return "ERROR" not in out, out


def fixture():
    """The README's fixture section: its sql blocks, in order."""
    text = section(read("README.md"), FIXTURE_SECTION)
    return [body for language, body, _, _ in blocks(text or "") if language == "sql"]


def page_script(page, prelude_files, prelude_blocks):
    """The psql script of a page, what to check of each segment, its block
    counts, and the failures found without running it."""
    failures, script, checks = [], [], []
    for path in prelude_files:
        script.append(f"\\echo {MARK}\n\\i {path}\n")
        checks.append((f"loading {path}", ..., ""))  # prints a summary: no error
    for n, body in enumerate(prelude_blocks):
        script.append(f"\\echo {MARK}\n{body}\n")
        checks.append((f"README fixture block {n + 1}", None, body))
    counts = {"ran": 0, "excerpts": 0, "other": 0}
    for language, body, excerpt, line in blocks(read(page)):
        if language != "sql":
            counts["other"] += 1
            continue
        if re.search(r"^\\(?!echo )", body, re.M):
            failures.append(f"{page}:{line}: a psql backslash command other than \\echo "
                            "in a sql block")
        if excerpt:
            counts["excerpts"] += 1
            missing = excerpt_missing(body, excerpt)
            if missing:
                failures.append(f"{page}:{line}: not verbatim in {excerpt}: {missing}")
            if excerpt in prelude_files:
                continue
        counts["ran"] += 1
        if re.search(r"^CREATE EXTENSION scorecard\b", body, re.M):
            script.append(f"\\echo {MARK}\n{WITHOUT_EXTENSION}\n")
            checks.append((f"{page}:{line}: dropping the extension", None, WITHOUT_EXTENSION))
        for sql, shown in segments(body):
            if not re.sub(r"--[^\n]*|^\\echo [^\n]*", "", sql, flags=re.M).rstrip().endswith(";"):
                failures.append(f"{page}:{line}: SQL before an output or the block's end "
                                "does not end with a semicolon")
            script.append(f"\\echo {MARK}\n{sql}\n")
            checks.append((f"{page}:{line}", shown, sql))
    return "".join(script), checks, counts, failures


def segment_failure(where, shown, sql, actual):
    """What is wrong with what one segment printed, or None."""
    first = sql.strip().splitlines()[0] if sql.strip() else ""
    if shown is ...:
        errors = any("ERROR:" in line for line in actual)
        return f"{where}: " + "\n".join(actual) if errors else None
    if shown is None:
        return (f"{where}: `{first}` printed what the page does not show:\n"
                + "\n".join(f"+ {line}" for line in actual)) if actual else None
    expected = clean(shown)
    if expected != actual:
        return (f"{where}: `{first}` printed what the page does not show:\n"
                + "\n".join(f"+ {line}" for line in actual) + "\n"
                + "\n".join(f"- {line}" for line in expected))
    if unordered(sql, shown):
        return f"{where}: `{first}` shows several rows without ORDER BY"
    return None


def run_page(page, prelude_files, prelude_blocks):
    """Check one page: (counts of its blocks, outputs compared, failures)."""
    database = "scorecard_docs_" + re.sub(r"\W", "_", os.path.basename(page)[:-3]).lower()
    made, out = fresh_database(database)
    if not made:
        return {}, 0, [f"could not create {database}: {out}"]
    script, checks, counts, failures = page_script(page, prelude_files, prelude_blocks)
    roles = set(psql("postgres", ROLES).split())
    printed = psql(database, script).split(MARK + "\n")[1:]
    made_roles = sorted(set(psql("postgres", ROLES).split()) - roles)
    psql(database, "".join(f'DROP OWNED BY "{role}";\n' for role in made_roles))
    psql("postgres", f"SET client_min_messages = warning;\nDROP DATABASE IF EXISTS {database};\n"
         + "".join(f'DROP ROLE "{role}";\n' for role in made_roles))
    if len(printed) != len(checks):
        return counts, 0, failures + [f"{page}: psql printed {len(printed)} of "
                                      f"{len(checks)} segments"]
    compare = not prelude_files or server_major() == DEMO_MAJOR
    for (where, shown, sql), actual in zip(checks, printed):
        if compare:
            failure = segment_failure(where, shown, sql, clean(actual))
        elif "ERROR:" in actual and "ERROR:" not in (shown or ""):
            failure = f"{where}: an error the page does not show:\n{clean(actual)}"
        else:
            failure = None
        if failure:
            failures.append(failure)
    if not compare:
        counts["not compared"] = sum(isinstance(shown, str) for _, shown, _ in checks)
        return counts, 0, failures
    return counts, sum(isinstance(shown, str) for _, shown, _ in checks), failures


def server_major():
    """The major version of the server the pages run on."""
    return int(re.search(r"\d+", psql("postgres", "SELECT current_setting('server_version_num')::int / 10000;"
                                        )).group(0))


def summary(counts):
    return (f"{counts.get('ran', 0)} sql blocks ran, {counts.get('compared', 0)} outputs "
            f"compared, {counts.get('excerpts', 0)} excerpts verbatim, "
            f"{counts.get('other', 0)} other blocks not run"
            + (f", {counts['not compared']} outputs over the demo's data not compared on "
               f"this major (they show {DEMO_MAJOR}'s)" if counts.get("not compared") else ""))


def main():
    prelude = fixture()
    check(len(prelude) >= 2, f"the README's section \"{FIXTURE_SECTION[3:]}\" has its "
          f"{len(prelude)} sql blocks")
    pages = sys.argv[1:] or ["README.md"] + sorted(
        os.path.relpath(p, ROOT) for p in glob.glob(os.path.join(ROOT, "docs", "*.md")))
    total = {"ran": 0, "excerpts": 0, "other": 0, "compared": 0}
    for page in pages:
        files = PAGE_SETUP.get(page, [])
        counts, compared, failures = run_page(page, files,
                                              [] if page == "README.md" or files else prelude)
        counts["compared"] = compared
        for key in total:
            total[key] += counts.get(key, 0)
        check(not failures, f"{page}: " + summary(counts), "\n".join(failures))
    print(f"# {len(pages)} pages: " + summary(total))
    return finish()


if __name__ == "__main__":
    sys.exit(main())
