"""docs/queues.md, and the README's section on queues and the overall score,
show what their queries print.

sql/queues_docs.sql runs the page's examples in pg_regress, whose expected
output (expected/queues_docs.out) was checked by hand; the error messages
quoted come from expected/queue.out and expected/attainment.out.  Every
line of every code block must be a line of those files.  Needs no database.
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "helpers"))
from shown import code_blocks, lines_not_shown, read, section  # noqa: E402
from tap import check, finish  # noqa: E402

TESTED = ["expected/queues_docs.out", "expected/queue.out", "expected/attainment.out"]


def main():
    pages = [("docs/queues.md", read("docs/queues.md"), 8),
             ("the README's section",
              section(read("README.md"), "### Queues and one overall score"), 2)]
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
