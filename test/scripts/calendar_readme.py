"""The README's business-hours section shows what its queries print.

sql/calendar_readme.sql runs the section's examples in pg_regress, whose
expected output (expected/calendar_readme.out) was checked by hand; the
error messages the section quotes come from expected/calendar.out.  This
script checks that every line of every code block in the section, white
space aside, is a line of those files, so that the page and the tested
output cannot drift apart.  It needs no database.
"""
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "helpers"))
from tap import check, finish  # noqa: E402

# The checkout's root: the nearest directory above that holds README.md, so
# that the script runs wherever under test/ it lives.
ROOT = HERE
while not os.path.exists(os.path.join(ROOT, "README.md")) and ROOT != os.path.dirname(ROOT):
    ROOT = os.path.dirname(ROOT)


def normalized(line):
    return " ".join(line.split())


def lines_of(path):
    with open(os.path.join(ROOT, path)) as f:
        return {normalized(line) for line in f}


def main():
    with open(os.path.join(ROOT, "README.md")) as f:
        readme = f.read()
    section = re.search(r"^## Business hours: `business_calendar`\n(.*?)^## ", readme,
                        re.S | re.M)
    check(section is not None, "the README has a business-hours section")
    if section is None:
        return finish()
    blocks = re.findall(r"^```(?:sql)?\n(.*?)^```", section.group(1), re.S | re.M)
    shown = lines_of("expected/calendar_readme.out") | lines_of("expected/calendar.out")
    missing = [line for block in blocks for line in block.splitlines()
               if normalized(line) and normalized(line) not in shown]
    check(len(blocks) >= 5 and not missing,
          f"every line of the section's {len(blocks)} code blocks is in the tested output",
          "\n".join(missing))
    return finish()


if __name__ == "__main__":
    sys.exit(main())
