"""docs/security.md shows what its queries print.

sql/security_docs.sql runs the page's examples of errors in pg_regress,
whose expected output (expected/security_docs.out) was checked by hand
against the rule the page states.  Every line of every code block of the
page must be a line of that file.  Needs no database.
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "helpers"))
from shown import code_blocks, lines_not_shown, read  # noqa: E402
from tap import check, finish  # noqa: E402

TESTED = ["expected/security_docs.out"]


def main():
    text = read("docs/security.md")
    blocks = code_blocks(text)
    missing = lines_not_shown(blocks, TESTED)
    check(len(blocks) >= 6 and not missing,
          f"every line of the {len(blocks)} code blocks of docs/security.md is in the tested output",
          "\n".join(missing))
    return finish()


if __name__ == "__main__":
    sys.exit(main())
