"""docs/rubrics.md shows what its queries print.

sql/rubrics_docs.sql runs the page's examples of rubric values, sections
and fingerprints in pg_regress, and sql/rubric_scorecard.sql and
sql/rubric.sql its other examples and errors; their expected outputs were
checked by hand.  Every line of every code block must be a line of those
files.  Needs no database.
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "helpers"))
from shown import code_blocks, lines_not_shown, read  # noqa: E402
from tap import check, finish  # noqa: E402

TESTED = ["expected/rubrics_docs.out", "expected/rubric_scorecard.out", "expected/rubric.out"]


def main():
    text = read("docs/rubrics.md")
    blocks = code_blocks(text)
    missing = lines_not_shown(blocks, TESTED)
    check(len(blocks) >= 6 and not missing,
          f"every line of the {len(blocks)} code blocks of docs/rubrics.md is in the tested output",
          "\n".join(missing))
    return finish()


if __name__ == "__main__":
    sys.exit(main())
