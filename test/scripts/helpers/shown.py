"""Pages that show what their queries print, checked against tested output.

A page's code blocks are run by a pg_regress file whose expected output was
checked by hand.  These helpers check that every line of the blocks, white
space aside, is a line of that output (or of another tested file, for the
error messages a page quotes), so that the page and the tests cannot drift
apart.  They need no database.
"""
import os
import re

# The checkout's root: the nearest directory above this file that holds
# README.md, so that the scripts run wherever under test/ they live.
ROOT = os.path.dirname(os.path.abspath(__file__))
while not os.path.exists(os.path.join(ROOT, "README.md")) and ROOT != os.path.dirname(ROOT):
    ROOT = os.path.dirname(ROOT)


def normalized(line):
    return " ".join(line.split())


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


def code_blocks(text):
    """The contents of the fenced code blocks (plain or sql) of a text."""
    return re.findall(r"^```(?:sql)?\n(.*?)^```", text, re.S | re.M)


def lines_not_shown(blocks, tested_paths):
    """The lines of the blocks that no tested file has."""
    shown = set()
    for path in tested_paths:
        shown |= {normalized(line) for line in read(path).splitlines()}
    return [line for block in blocks for line in block.splitlines()
            if normalized(line) and normalized(line) not in shown]
