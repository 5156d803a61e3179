"""Stage: find the article body.

A publisher profile names its body container; where it matches, that is the body (several
matches, as when every page of a multi-page story is in the HTML, are the pages in order). For
every other site a generic finder scores elements by the paragraph text directly inside them,
the way readability does, in one pass over the tree; trafilatura is the last resort when the
page has no paragraph-shaped text at all.
"""

from __future__ import annotations

from typing import Any

from ..document import Block
from ..profiles import Profile
from ..selectors import PageVocab

_SKIP = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "nav",
        "header",
        "footer",
        "aside",
        "form",
        "button",
        "select",
        "textarea",
        "iframe",
        "head",
        "title",
    }
)
_PARA = frozenset({"p", "pre", "blockquote"})
_TEXT_HOLDERS = frozenset({"div", "span", "td", "font", "section", "article"})
_BLOCKS = frozenset(
    {
        "div",
        "p",
        "section",
        "article",
        "table",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "blockquote",
        "pre",
        "figure",
    }
)
_MIN_PARA = 25


def profile_bodies(root: Any, profile: Profile, vocab: PageVocab | None = None) -> list[Any]:
    """Elements the profile's body selectors find, outermost only, in document order."""
    for sel in profile.body:
        found = [el for el in sel(root, vocab) if el.text_content().strip()]
        if not found:
            continue
        chosen = set(found)
        outer = [el for el in found if not any(a in chosen for a in el.iterancestors())]
        return outer
    return []


def _direct_text(el: Any) -> int:
    """Characters of text directly in the element (its text and its children's tails)."""
    n = len(el.text.strip()) if el.text else 0
    for c in el:
        if c.tail:
            n += len(c.tail.strip())
    return n


def find_body(root: Any) -> Any | None:
    """The element that holds the article's paragraphs, or None when nothing looks like one."""
    body = root.find("body")
    if body is None:
        body = root
    scores: dict[Any, float] = {}
    skipped: dict[Any, bool] = {}
    for el in body.iter():
        tag = el.tag
        if not isinstance(tag, str):
            continue
        if tag in _PARA:
            text = el.text_content()
            length = len(text.strip())
            if length < _MIN_PARA:
                continue
            links = sum(len(a.text_content()) for a in el.iter("a"))
            if links > 0.5 * length:
                continue
            score = 1.0 + min(length, 600) / 100 + text.count(",")
            container = el.getparent()
        elif tag in _TEXT_HOLDERS:
            length = _direct_text(el)
            if length < _MIN_PARA:
                continue
            if el.find("br") is not None:  # lines split by <br>: the element holds the story
                if length < 3 * _MIN_PARA:
                    continue
                score = 1.0 + min(length, 3000) / 100 + (el.text or "").count(",")
                container = el
            elif any(isinstance(c.tag, str) and c.tag in _BLOCKS for c in el):
                continue
            else:  # a <div> used as a paragraph (old antaranews)
                score = 1.0 + min(length, 600) / 100 + (el.text or "").count(",")
                container = el.getparent()
        else:
            continue
        if container is None:
            continue
        if container not in skipped:
            skipped[container] = _skipped(container)
        if skipped[container]:
            continue
        scores[container] = scores.get(container, 0.0) + score
        grand = container.getparent()
        if grand is not None:
            scores[grand] = scores.get(grand, 0.0) + score / 2
    if not scores:
        # A small page (a fragment, a stub) with some text: its body is the article.
        text = body.text_content().strip()
        return body if 0 < len(text) < 3000 else None
    top = sorted(scores, key=scores.__getitem__, reverse=True)[:5]
    best = max(top, key=lambda e: scores[e] * (1 - _link_density(e)))
    if scores[best] >= 3:
        parent = best.getparent()
        # The story's first paragraph sometimes sits in the parent as bare text (old antaranews).
        if parent is not None and parent.tag not in ("body", "html") and _direct_text(parent) >= 80:
            return parent
        return best
    text = body.text_content().strip()
    return body if 0 < len(text) < 3000 else None


def _skipped(el: Any) -> bool:
    return any(isinstance(a.tag, str) and a.tag in _SKIP for a in (el, *el.iterancestors()))


def _link_density(el: Any) -> float:
    total = len(el.text_content()) or 1
    return min(1.0, sum(len(a.text_content()) for a in el.iter("a")) / total)


def trafilatura_blocks(root: Any, url: str | None) -> list[Block]:
    """Body lines from trafilatura, for pages where no element looks like a body."""
    import trafilatura

    result = trafilatura.bare_extraction(
        root, url=url, favor_precision=True, include_comments=False, include_tables=True
    )
    if not result:
        return []
    text = (
        getattr(result, "text", None)
        or (result.get("text") if isinstance(result, dict) else None)
        or ""
    )
    return [
        Block(text=line.strip(), line=i, element="trafilatura")
        for i, line in enumerate(text.split("\n"), 1)
        if line.strip()
    ]
