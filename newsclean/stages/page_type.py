"""Stage (HTML mode): is this page a news article, and on what evidence?

A crawl holds tag indexes, search results, section fronts and documentation pages as well as
stories; newsclean still finds "a body" on them. ``Article.is_article`` says whether the page
is a story, and ``Article.article_evidence`` lists what was seen, the deciding signal first.
The signals are read from the page before the body is cleaned (``page_signals``) and weighed
with the clean text after (``judge``), in this order:

1. no clean text: not an article;
2. JSON-LD declares a story type (NewsArticle, ...) and there is a paragraph of prose (100
   characters and 12 words or more; fewer words in scripts written without spaces) or 400
   characters of text: article;
3. the URL's first path segment names an index (``/tag/``, ``/topik/``, ``/indeks``), or
   JSON-LD declares only a non-story type (CollectionPage, SearchResultsPage, ...): not one;
4. no paragraph of prose and under 400 characters of text: not one;
5. links make half the page's text and fewer than three paragraphs of prose: not one;
6. og:type ``article``, a publication date, a dateline, or a story URL (a date in its path, or
   a segment such as ``/berita/``, ``/read/``, ``/news/``): article;
7. otherwise not one: nothing says it is a news story (a docs page, an about page).

The vocabularies are data (``newsclean/data/page_type.toml``). Text mode has no page to judge:
``is_article`` stays None there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache
from typing import Any
from urllib.parse import urlsplit

from lxml import etree

from ..article import Article
from ..vocab import table
from .metadata import json_ld_data, walk_json_ld

_PROSE_CHARS = 100
_PROSE_WORDS = 12
_LENGTH = etree.XPath("string-length(normalize-space(.))")
_SHORT_TEXT = 400  # characters: less than any story but a flash report
_DATE_IN_PATH = re.compile(r"/(?:19|20)\d\d[/-]?(?:0[1-9]|1[0-2])(?:[/-]|\d\d)")


@dataclass(frozen=True)
class PageSignals:
    """What the page says about itself, read before cleaning."""

    ld_types: tuple[str, ...] = ()
    og_type: str | None = None
    listing_path: str | None = None
    story_path: str | None = None
    link_density: float = 0.0


@cache
def _vocab() -> dict[str, frozenset[str]]:
    data = table("page_type.toml")
    return {k: frozenset(str(v).lower() for v in data[k]) for k in data}


def page_signals(root: Any, url: str | None) -> PageSignals:
    """Read the page's declared types, its URL shape and its link density."""
    og = None
    for m in root.iter("meta"):
        if (m.get("property") or m.get("name") or "").strip().lower() == "og:type":
            og = (m.get("content") or "").strip().lower() or None
            break
    body = root.find(".//body")
    body = body if body is not None else root
    text = int(_LENGTH(body))  # (white space folded, in C: pages are large)
    links = int(sum(_LENGTH(a) for a in body.iter("a")))
    address = url or _canonical(root)
    return PageSignals(
        ld_types=_ld_types(root),
        og_type=og,
        listing_path=_listing_path(address),
        story_path=_story_path(address),
        link_density=round(links / text, 2) if text else 0.0,
    )


def judge(signals: PageSignals, article: Article) -> tuple[bool, tuple[str, ...]]:
    """Whether the cleaned page is a news article, and the evidence (deciding signal first)."""
    vocab = _vocab()
    lower = {t.lower() for t in signals.ld_types}
    story_types = [t for t in signals.ld_types if t.lower() in vocab["article_types"]]
    other_types = [t for t in signals.ld_types if t.lower() in vocab["other_types"]]
    prose = sum(1 for p in article.paragraphs if _is_prose(p))
    enough = prose > 0 or len(article.text) >= _SHORT_TEXT
    seen: list[str] = []
    if signals.ld_types:
        seen.append("json-ld @type " + ", ".join(signals.ld_types))
    if signals.og_type:
        seen.append(f"og:type {signals.og_type}")
    if signals.listing_path:
        seen.append(f"url path /{signals.listing_path}/ names an index")
    if signals.story_path:
        seen.append(f"url path {signals.story_path}")
    seen.append(f"{prose} paragraph{'' if prose == 1 else 's'} of prose")
    seen.append(f"links are {signals.link_density:.0%} of the page's text")
    dated = article.published is not None or article.dateline is not None
    if dated:
        seen.append("a publication date" if article.published else "a dateline")

    def verdict(value: bool, why: str) -> tuple[bool, tuple[str, ...]]:
        return value, (why, *(s for s in seen if s != why))

    if not article.text:
        return verdict(False, "no article text")
    if story_types and enough:
        return verdict(True, "json-ld @type " + ", ".join(signals.ld_types))
    if signals.listing_path:
        return verdict(False, f"url path /{signals.listing_path}/ names an index")
    if other_types and not (lower & vocab["article_types"]):
        return verdict(False, "json-ld @type " + ", ".join(signals.ld_types))
    if not enough:
        return verdict(False, f"{prose} paragraphs of prose")
    if signals.link_density >= 0.5 and prose < 3:
        return verdict(False, f"links are {signals.link_density:.0%} of the page's text")
    if signals.og_type in vocab["og_article"]:
        return verdict(True, f"og:type {signals.og_type}")
    if dated:
        return verdict(True, "a publication date" if article.published else "a dateline")
    if signals.story_path:
        return verdict(True, f"url path {signals.story_path}")
    return verdict(
        False, "no sign of a news story: no story type, og:type, date, dateline or story URL"
    )


def _is_prose(paragraph: str) -> bool:
    if len(paragraph) < _PROSE_CHARS:
        return False
    words = len(paragraph.split())
    # (Chinese, Japanese, Thai are written without spaces between words)
    return words >= _PROSE_WORDS or words < len(paragraph) / 25


def with_page_type(article: Article, signals: PageSignals) -> Article:
    is_article, evidence = judge(signals, article)
    return replace(article, is_article=is_article, article_evidence=evidence)


def _ld_types(root: Any) -> tuple[str, ...]:
    types: list[str] = []
    for data in json_ld_data(root):
        for item in walk_json_ld(data):
            value = item.get("@type")
            for t in [value] if isinstance(value, str) else value or []:
                if isinstance(t, str) and t not in types:
                    types.append(t)
    return tuple(types)


def _canonical(root: Any) -> str | None:
    for el in root.iter("link"):
        if (el.get("rel") or "").strip().lower() == "canonical" and el.get("href"):
            return str(el.get("href"))
    return None


def _story_path(url: str | None) -> str | None:
    """'/2024/05/' or '/berita/' when the URL's path looks like a story's."""
    if not url:
        return None
    try:
        path = urlsplit(url).path.lower()
    except ValueError:
        return None
    m = _DATE_IN_PATH.search(path)
    if m:
        return f"has a date ({m.group(0).rstrip('/-')})"
    words = _vocab()["article_paths"]
    seg = next((s for s in path.split("/")[:-1] if s in words), None)
    return f"/{seg}/ names a story" if seg else None


def _listing_path(url: str | None) -> str | None:
    if not url:
        return None
    try:
        path = urlsplit(url).path
    except ValueError:
        return None
    first = next((seg for seg in path.lower().split("/") if seg), "")
    return first if first in _vocab()["listing_paths"] else None
