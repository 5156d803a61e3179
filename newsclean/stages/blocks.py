"""Stage: the body element's text as blocks, one per paragraph-like element or line.

A block ends at every block-level element and at every ``<br>``, so old layouts that separate
paragraphs with line breaks come out as lines, like text mode. Each block keeps the links it
holds, so a "Baca juga: <a>…</a>" paragraph removed by a text rule still yields the link's URL.
The walk is iterative (lxml's ``iterwalk``): deep pages cannot exhaust the stack.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from ..document import Block, Markup
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
    in_quote = _in_quote(body)

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
                        markup=markup_of(stack, in_quote),
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


def _in_quote(body: Any) -> bool:
    """The body element is itself a blockquote, or inside one (a body of several elements)."""
    return body.tag == "blockquote" or next(body.iterancestors("blockquote"), None) is not None


def markup_of(stack: list[Any], in_quote: bool = False) -> Markup | None:
    """The structure of the block whose element is on top of ``stack`` (the open block-level
    elements, the body first): a heading, a list item, a table row, or anything in a quote."""
    top = stack[-1]
    tag = top.tag if isinstance(top.tag, str) else ""
    quote = in_quote or any(el.tag == "blockquote" for el in stack[1:])
    if tag in HEADINGS:
        return Markup("heading", level=int(tag[1]), quote=quote)
    if tag == "li":
        lists = [el for el in reversed(stack) if el.tag in ("ul", "ol")]
        return Markup(
            "item",
            ordered=bool(lists) and lists[0].tag == "ol",
            group=id(lists[0]) if lists else 0,
            quote=quote,
        )
    if tag == "tr":
        cells = [c for c in top if isinstance(c.tag, str) and c.tag in CELL_TAGS]
        table = next((el for el in reversed(stack) if el.tag == "table"), None)
        if cells and table is not None:
            in_head = any(el.tag == "thead" for el in stack)
            return Markup(
                "row",
                cells=tuple(" ".join(c.text_content().split()) for c in cells),
                header=in_head or all(c.tag == "th" for c in cells),
                group=id(table),
                quote=quote,
            )
    return Markup("quote", quote=True) if quote else None


def join_dateline_fragments(blocks: list[Block]) -> list[Block]:
    """'<strong>Jakarta</strong> -' before the first paragraph is one block with it (a
    heading is never such a fragment: 'Tanggapan warga' stays apart from '- Sebagian ...')."""
    out: list[Block] = []
    for b in blocks:
        if (
            out
            and out[-1].tag not in HEADINGS
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
