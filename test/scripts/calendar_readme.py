"""The README's business-hours section shows what its queries print.

sql/calendar_readme.sql runs the section's examples in pg_regress, whose
expected output (expected/calendar_readme.out) was checked by hand; the
error messages the section quotes come from expected/calendar.out.  This
script checks that every line of every code block in the section, white
space aside, is a line of those files, so that the page and the tested
output cannot drift apart.  It needs no database.
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "helpers"))
from shown import code_blocks, lines_not_shown, read, section  # noqa: E402
from tap import check, finish  # noqa: E402


def main():
    text = section(read("README.md"), "## Business hours: `business_calendar`")
    check(text is not None, "the README has a business-hours section")
    if text is None:
        return finish()
    blocks = code_blocks(text)
    missing = lines_not_shown(blocks, ["expected/calendar_readme.out", "expected/calendar.out"])
    check(len(blocks) >= 5 and not missing,
          f"every line of the section's {len(blocks)} code blocks is in the tested output",
          "\n".join(missing))
    return finish()


if __name__ == "__main__":
    sys.exit(main())
