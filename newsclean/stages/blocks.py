"""Stage: the body element's text as blocks, one per paragraph-like element or line.

A block ends at every block-level element and at every ``<br>``, so old layouts that separate
paragraphs with line breaks come out as lines, like text mode. Each block keeps the links it
holds, so a "Baca juga: <a>…</a>" paragraph removed by a text rule still yields the link's URL.
The walk is iterative (lxml's ``iterwalk``): deep pages cannot exhaust the stack.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from ..document import Block
from .dom import describe, join_url
from .normalize import _joinable

BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "dl",
        "dd",
        "dt",
        "blockquote",
        "pre",
        "table",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "section",
        "article",
        "main",
        "header",
        "footer",
        "aside",
        "nav",
        "figure",
        "figcaption",
        "address",
        "hr",
        "center",
        "details",
        "summary",
        "caption",
        "form",
        "fieldset",
        "body",
        "html",
    }
)
CELL_TAGS = frozenset({"td", "th"})
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


def blocks_of(body: Any, base_url: str | None = None, start: int = 1) -> list[Block]:
    out: list[Block] = []
    parts: list[str] = []
    links: list[tuple[str, str | None]] = []
    stack: list[Any] = [body]

    def flush() -> None:
        if parts:
            text = " ".join("".join(parts).split())
            parts.clear()
            if text:
                top = stack[-1]
                out.append(
                    Block(
                        text=text,
                        line=start + len(out),
                        element=describe(top),
                        tag=top.tag if isinstance(top.tag, str) else "p",
                        links=tuple(links) if links else None,
                    )
                )
        links.clear()

    for event, el in etree.iterwalk(body, events=("start", "end", "comment", "pi")):
        if event in ("comment", "pi"):  # their text is hidden, their tail is not
            if el.tail:
                parts.append(el.tail)
            continue
        tag = el.tag if isinstance(el.tag, str) else None
        if event == "start":
            if tag is None:
                continue
            if tag in BLOCK_TAGS:
                flush()
                stack.append(el)
            elif tag == "br":
                flush()
            elif tag in CELL_TAGS and parts:
                parts.append(" ")
            elif tag == "a":
                href = el.get("href")
                links.append((" ".join(el.text_content().split()), join_url(base_url, href)))
            if el.text and tag != "br":
                parts.append(el.text)
        else:
            if tag in BLOCK_TAGS:
                flush()
                if stack and stack[-1] is el:
                    stack.pop()
            if el is body:
                break
            if el.tail:
                parts.append(el.tail)
    flush()
    return join_dateline_fragments(out)


def join_dateline_fragments(blocks: list[Block]) -> list[Block]:
    """'<strong>Jakarta</strong> -' before the first paragraph is one block with it."""
    out: list[Block] = []
    for b in blocks:
        if (
            out
            and len(out[-1].text) <= 60
            and _joinable(out[-1].text, b.text, None)
            and (out[-1].text[-1] in "-–—" or b.text[0] in "-–—")
        ):
            prev = out[-1]
            prev.text = f"{prev.text} {b.text}"
            if b.links:
                prev.links = (prev.links or ()) + b.links
            continue
        out.append(b)
    return out
