"""docs/ratings.md's section on CES directions, and the CES example of the
README's section on CSAT and CES, show what their queries print.

sql/ratings_docs.sql runs those examples in pg_regress, whose expected
output (expected/ratings_docs.out) was checked by hand.  Every line of
every code block of the page's section, and of the README's blocks that
call ces_agg, white space aside, must be a line of that file.  Needs no
database.
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "helpers"))
from shown import code_blocks, lines_not_shown, read, section  # noqa: E402
from tap import check, finish  # noqa: E402

TESTED = ["expected/ratings_docs.out"]


def main():
    page = section(read("docs/ratings.md"), "## CES: which end is easy")
    readme = section(read("README.md"), "### CSAT and CES: `rating_summary`")
    parts = [("docs/ratings.md's section on CES directions", page, 2),
             ("the README's CES example", readme, 1)]
    for name, text, at_least in parts:
        check(text is not None, f"{name} exists")
        if text is None:
            continue
        blocks = [block for block in code_blocks(text) if "ces_" in block]
        missing = lines_not_shown(blocks, TESTED)
        check(len(blocks) >= at_least and not missing,
              f"every line of the {len(blocks)} CES code blocks of {name} is in the tested output",
              "\n".join(missing))
    return finish()


if __name__ == "__main__":
    sys.exit(main())
