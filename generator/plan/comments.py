"""The comments of a YAML plan, with their positions.

The YAML parser drops comments, but they are committed and read like the rest of
the plan, so the secrets check reads them too. A ``#`` starts a comment at the
start of a line or after a space, outside quotes and outside the lines of a block
scalar (``|`` or ``>``), whose ``#`` is text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# a line whose value is a block scalar: `key: |`, `- >-`, `key: |2 # note`
_BLOCK_HEADER = re.compile(r"(?:^|[:-]\s)\s*[|>][-+1-9]{0,2}\s*$")


def _comment_start(line: str) -> int | None:
    """Where the comment of one line starts, or ``None``: quotes on the line are
    followed (a ``'`` inside a word is an apostrophe, not a quote)."""
    quote = ""
    i = 0
    while i < len(line):
        ch = line[i]
        if (quote == '"' and ch == "\\") or (quote == "'" and line[i : i + 2] == "''"):
            i += 2  # an escaped character, or '' inside single quotes
            continue
        if quote:
            if ch == quote:
                quote = ""
        elif ch in "\"'" and (i == 0 or line[i - 1] in " \t[{,:-?"):
            quote = ch
        elif ch == "#" and (i == 0 or line[i - 1] in " \t"):
            return i
        i += 1
    return None


def yaml_comments(text: str) -> Iterator[tuple[int, int, str]]:
    """Each comment as (line, column of the text after ``#``, its text), 1-based."""
    block_parent: int | None = None  # the indentation of the key that opened a block
    for number, line in enumerate(text.splitlines(), 1):
        if block_parent is None and "#" not in line and "|" not in line and ">" not in line:
            continue  # neither a comment nor a block's header: nothing to do
        indent = len(line) - len(line.lstrip(" "))
        if block_parent is not None:
            if not line.strip() or indent > block_parent:
                continue  # a line of the block's text
            block_parent = None
        start = _comment_start(line) if "#" in line else None
        code = line if start is None else line[:start]
        if start is not None:
            yield number, start + 2, line[start + 1 :]
        if ("|" in code or ">" in code) and _BLOCK_HEADER.search(code.rstrip()):
            block_parent = indent
