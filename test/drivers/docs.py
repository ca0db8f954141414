#!/usr/bin/python3
"""docs/bi.md shows what runs: each ```sql block's statements, run with psql
against the demo loaded by test/drivers/run, print what the block shows
after its first blank line; each block introduced by "From `test/drivers/...`"
is a verbatim excerpt of that test file.  Prints TAP.
"""
import re
import subprocess
import sys

from common import check, finish

PAGE = "docs/bi.md"


def statements(query):
    """The statements of a block, one per line group ending in ';'."""
    found, current = [], []
    for line in query.splitlines():
        current.append(line)
        if line.rstrip().endswith(";"):
            found.append("\n".join(current))
            current = []
    return found


def printed(database, query):
    """What psql prints for the statements, errors included, lines stripped."""
    arguments = ["psql", "-X", "-q", "-P", "footer=off", "-d", database]
    for statement in statements(query):
        arguments += ["-c", statement]
    run = subprocess.run(arguments, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    return "\n".join(line.rstrip() for line in run.stdout.strip("\n").splitlines())


def main():
    database = sys.argv[1]
    page = open(PAGE).read()
    excerpts = re.findall(r"From `(test/drivers/[^`]+)`:\n\n```\w*\n(.*?)```", page, re.S)
    blocks = re.findall(r"^```sql\n(.*?)^```", page, re.S | re.M)
    print(f"# {len(blocks)} sql blocks and {len(excerpts)} excerpts of the tests")
    missing = [path for path, block in excerpts if block not in open(path).read()]
    check(len(excerpts) >= 4 and not missing,
          f"{PAGE}: its {len(excerpts)} code blocks from test/drivers/ are verbatim excerpts",
          f"not found in their file: {missing}")
    for number, block in enumerate(blocks, 1):
        query, _, shown = block.partition("\n\n")
        shown = "\n".join(line.rstrip() for line in shown.strip("\n").splitlines())
        got = printed(database, query)
        first = query.splitlines()[0]
        check(got == shown, f"{PAGE}: sql block {number} ({first}) prints what the page shows",
              f"printed:\n{got}\nshown:\n{shown}")
    return finish()


if __name__ == "__main__":
    sys.exit(main())
