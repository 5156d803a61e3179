"""Markdown output (``Options(output="markdown")``): the kept blocks with the structure they had.

HTML mode knows each block's element (:class:`newsclean.document.Markup`, set by
``stages/blocks.py``): headings become ``## Heading``, list items ``- item`` (``1. item`` in an
ordered list), table rows ``| a | b |`` with a header separator after a table's first row, and
anything inside a ``<blockquote>`` is quoted with ``> ``. Everything else is a paragraph. Text
mode has no structure to keep: its lines come out as paragraphs, as they are.

The markup is decided before the text rules run and rendered after: what the rules cut is cut
here too (the text is the block's final text). A table row whose text a rule changed no longer
matches its cells, so it comes out as a paragraph rather than with wrong cells.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .document import Block, Markup

_SPECIAL_START = re.compile(r"(?:[#>+*-]|(\d{1,9})[.)])(?=\s|$)")


def render_markdown(blocks: Iterable[Block]) -> str:
    """The live blocks as markdown; blocks of one list, table or quote are kept together."""
    pieces: list[tuple[str, str]] = []  # (how it joins the previous piece, text)
    rows: list[tuple[Markup, str]] = []
    prev: Markup | None = None

    def flush_rows() -> None:
        if rows:
            pieces.append(("block", _table(rows)))
            rows.clear()

    for b in blocks:
        if b.removed:
            continue
        text = " ".join(b.text.split())
        if not text:
            continue
        m = b.markup
        if m is not None and m.kind == "row" and " ".join(m.cells) == text:
            if rows and rows[-1][0].group != m.group:
                flush_rows()
            rows.append((m, text))
            prev = m
            continue
        flush_rows()
        line = _line(text, m)
        tight = (
            m is not None
            and prev is not None
            and m.kind == "item"
            and prev.kind == "item"
            and m.group == prev.group
            and m.quote == prev.quote
        )
        quoted = m is not None and m.quote and prev is not None and prev.quote
        pieces.append(("tight" if tight else "quote" if quoted else "block", line))
        prev = m
    flush_rows()
    out: list[str] = []
    for how, text in pieces:
        if out:
            out.append("\n" if how == "tight" else "\n>\n" if how == "quote" else "\n\n")
        out.append(text)
    return "".join(out)


def _line(text: str, m: Markup | None) -> str:
    if m is None:
        return _escape_start(text)
    if m.kind == "heading":
        line = "#" * m.level + " " + text
    elif m.kind == "item":
        line = ("1. " if m.ordered else "- ") + text
    else:  # a paragraph in a quote, or a row a rule changed
        line = _escape_start(text)
    return "> " + line if m.quote else line


def _escape_start(text: str) -> str:
    """A paragraph that starts like markdown syntax ('- ', '# ', '1. ') stays a paragraph."""
    m = _SPECIAL_START.match(text)
    if m is None:
        return text
    if m.group(1):  # '1. ' -> '1\. ': a backslash escapes punctuation, not digits
        return text[: m.end(1)] + "\\" + text[m.end(1) :]
    return "\\" + text


def _table(rows: list[tuple[Markup, str]]) -> str:
    """GFM table: the first row is the header (markdown needs one), padded to one width."""
    width = max(len(m.cells) for m, _ in rows)
    lines = []
    for i, (m, _) in enumerate(rows):
        cells = [c.replace("|", "\\|") for c in m.cells] + [""] * (width - len(m.cells))
        lines.append("| " + " | ".join(cells) + " |")
        if i == 0:
            lines.append("|" + " --- |" * width)
    prefix = "> " if rows[0][0].quote else ""
    return "\n".join(prefix + line for line in lines)
