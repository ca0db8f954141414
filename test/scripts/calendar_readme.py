"""docs/calendar.md, and the README's example of business hours, show what
their queries print.

sql/calendar_readme.sql runs the page's examples in pg_regress, whose
expected output (expected/calendar_readme.out) was checked by hand; the
error messages the page quotes come from expected/calendar.out.  This
script checks that every line of every code block of the page and of the
README's section, white space aside, is a line of those files, so that the
text and the tested output cannot drift apart.  It needs no database.
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "helpers"))
from shown import code_blocks, lines_not_shown, read, section  # noqa: E402
from tap import check, finish  # noqa: E402


TESTED = ["expected/calendar_readme.out", "expected/calendar.out"]


def main():
    pages = [("docs/calendar.md", read("docs/calendar.md"), 5),
             ("the README's section",
              section(read("README.md"), "### Business hours: `business_calendar`"), 1)]
    for name, text, at_least in pages:
        check(text is not None, f"{name} exists")
        if text is None:
            continue
        blocks = code_blocks(text)
        missing = lines_not_shown(blocks, TESTED)
        check(len(blocks) >= at_least and not missing,
              f"every line of the {len(blocks)} code blocks of {name} is in the tested output",
              "\n".join(missing))
    return finish()


if __name__ == "__main__":
    sys.exit(main())
