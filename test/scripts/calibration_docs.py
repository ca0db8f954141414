"""docs/calibration.md, the section on QA scores and handling times of
docs/comparisons.md, and the README's section on grader calibration show
what their queries print.

sql/calibration_docs.sql runs the pages' examples in pg_regress, whose
expected output (expected/calibration_docs.out) was checked by hand and
against test/reference/; every line of every code block must be a line of
that file.  Needs no database.
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "helpers"))
from shown import code_blocks, lines_not_shown, read, section  # noqa: E402
from tap import check, finish  # noqa: E402

TESTED = ["expected/calibration_docs.out"]


def main():
    pages = [("docs/calibration.md", read("docs/calibration.md"), 4),
             ("docs/comparisons.md's section on QA scores and handling times",
              section(read("docs/comparisons.md"), "## QA scores and handling times"), 4),
             ("the README's section on grader calibration",
              section(read("README.md"),
                      "### Grader calibration: `agreement_summary` and `calibration_summary`"), 1)]
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
