"""Stage: read what an HTML page says about itself, as candidates for the resolver.

Each source records (field, value, source) in the order it is trusted; ``stages/resolve.py``
picks the winners by the rules of ``docs/metadata.md``. This stage only reads, it decides
nothing a later source could overturn — except where reading itself needs a choice (which
heading is the title, which element is the date line).

title      the profile's headline selector (what readers see) → an ``<h1>`` that agrees with
           og:title or ``<title>`` → og:title → JSON-LD headline → ``<title>``; the site suffix
           (" - Kompas.com") is cut from whichever is used.
published  the visible date line (profile selector, the full date nearest the headline, a
           ``<time>``, an element classed as a date), then the machine values (JSON-LD
           ``datePublished``, publication meta tags, microdata), then the date in the URL,
           each as a ``DateMatch`` that says whether the page gave a time and a zone.
authors    the profile's byline → a labelled credit line → an element classed as the byline →
           microdata → analytics variables → JSON-LD persons → author meta tags.
others     publisher, section, tags, description, image, url (canonical), the declared
           language: the profile where it names a selector, then meta tags and JSON-LD.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import datetime
from functools import partial
from typing import Any
from urllib.parse import urljoin, urlsplit

import regex
from lxml import etree

from ..dates import WIB, DateMatch, parse_date_match
from ..people import is_person, split_authors
from ..profiles import Profile
from ..selectors import PageVocab
from ..vocab import expand
from .resolve import Candidate

_ARTICLE_TYPES = {
    "newsarticle",
    "article",
    "reportagenewsarticle",
    "blogposting",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "backgroundnewsarticle",
    "webpage",
    "liveblogposting",
}
_PUBLISHED_META = (
    "article:published_time",
    "og:published_time",
    "publishdate",
    "pubdate",
    "publish_date",
    "publish-date",
    "dtk:publishdate",
    "content_publisheddate",
    "datepublished",
    "date",
    "dc.date.issued",
    "dc.date",
    "sailthru.date",
    "parsely-pub-date",
    "article.published",
    "published_time",
    "releasedate",
)
_MODIFIED_META = (
    "article:modified_time",
    "og:updated_time",
    "datemodified",
    "lastmod",
    "last-modified",
    "dtk:updatedate",
    "content_modifieddate",
    "article.updated",
)
_EDITOR_META = ("content_editor", "editor", "dtk:editor", "article:editor")
_AUTHOR_META = (
    "author",
    "dtk:author",
    "content_author",
    "article:author",
    "byl",
    "parsely-author",
    "sailthru.author",
    "dc.creator",
)
_SECTION_META = (
    "article:section",
    "content_category",
    "dtk:namakanal",
    "category",
    "parsely-section",
    "section",
)
_TAG_META = ("news_keywords", "keywords", "article:tag", "content_tag", "parsely-tags")
_DATE_CLASS = re.compile(
    r"(?:^|[\s_-])(?:date|time|tanggal|tgl|publish|pubdate|timestamp|"
    r"waktu|read__time|detail__date)(?:$|[\s_-])",
    re.I,
)
# Headline elements that are not <h1>: Blogger's h3.post-title, themes' .entry-title.
_TITLE_CLASS = etree.XPath(
    "//*[self::h1 or self::h2 or self::h3 or self::div or self::span]"
    "[contains(@class, 'entry-title') or contains(@class, 'post-title')"
    " or contains(@class, 'article-title') or contains(@class, 'headline')"
    " or contains(@class, 'judul') or @itemprop = 'headline']"
)
# Dates machines wrote into attributes: microdata, hAtom's abbr.published, <time datetime>.
_DATE_ATTR = etree.XPath(
    "//*[@itemprop='datePublished' or contains(@class, 'published')]"
    "[@datetime or @title or @content]"
)
_DIGIT = re.compile(r"\d")  # (a regex: a generator over the characters costs 10x more)
_URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?:/|$)")
_SUFFIX_SPLIT = re.compile(r"\s+(?:[-|–—:•»]|::)\s+")


def read_metadata(
    root: Any,
    profile: Profile | None,
    url: str | None,
    vocab: PageVocab | None = None,
    bodies: list[Any] | None = None,
    reference: datetime | None = None,
) -> list[Candidate]:
    """Every value the page offers for each field, as candidates in trust order (the resolver
    of ``stages/resolve.py`` picks the winners).

    ``bodies`` (the article body elements, when known) tell where a credit line may sit;
    ``reference`` is the "now" that relative dates resolve against.
    """
    vocab = vocab or PageVocab(root)
    elements = _Elements(root)
    metas = _meta_tags(root)
    ld = _json_ld(root)
    parse = partial(_parse, reference=reference)
    out: list[Candidate] = []

    def add(name: str, value: Any, source: str) -> None:
        if value not in (None, "", (), []):
            out.append(Candidate(name, value, source))

    page_url = _canonical(root, metas, url)
    add("url", page_url, "canonical")
    if profile:
        add("publisher", profile.publisher, f"profile:{profile.name}")
    add("publisher", metas.get("og:site_name"), "meta:og:site_name")
    add("publisher", _ld_name(ld.get("publisher")), "json-ld")
    host = _hostname(page_url)
    add("publisher", host.removeprefix("www.") if host else None, "url")
    publisher = next((c.value for c in out if c.field == "publisher"), None)

    title, source, title_el = _title(root, profile, metas, ld, publisher, host, vocab)
    add("title", title, source)

    for m, source in _published(
        root, profile, metas, ld, page_url, title_el, vocab, elements, parse
    ):
        add("published", m, source)
    for m, source in _modified(metas, ld, parse):
        add("modified", m, source)

    anchors = [a for a in (title_el, *(bodies or ())) if a is not None]
    windows = _windows(anchors, elements) if anchors else elements.items
    credits = _credit_lines(windows)
    editor, source = _editor(root, profile, metas, ld, vocab, credits)
    add("editor", editor, source)
    byline = _byline(windows) if anchors else []
    for names, source in _authors(root, profile, metas, ld, vocab, credits, byline, editor):
        add("authors", names, source)

    add("section", _select_text(root, profile, "section", vocab), _psrc(profile, "section"))
    add("section", _first(metas, _SECTION_META), "meta")
    add("section", _ld_text(ld.get("articleSection")), "json-ld")
    add("tags", _tags(root, profile, metas, ld, vocab), "tags")
    add(
        "description",
        metas.get("og:description") or metas.get("description") or _ld_text(ld.get("description")),
        "meta",
    )
    image = metas.get("og:image") or _ld_image(ld.get("image"))
    add("image", _valid(_join(page_url, image)), "meta")
    # a hint only: the resolver tells the language from the clean text
    add("language", _declared_language(root, metas, ld), "declared")
    if profile:
        add("language", profile.language, f"profile:{profile.name}")
    return out


def page_url(candidates: list[Candidate]) -> str | None:
    """The page's canonical URL among the candidates (links in the body resolve against it)."""
    return next((c.value for c in candidates if c.field == "url"), None)


def _declared_language(root: Any, metas: dict[str, str], ld: dict[str, Any]) -> str | None:
    for value in (
        root.get("lang"),
        root.get("{http://www.w3.org/XML/1998/namespace}lang"),
        root.get("xml:lang"),
        metas.get("content-language"),
        metas.get("og:locale"),
        _ld_text(ld.get("inLanguage")),
    ):
        if value and value.strip():
            return value.strip()
    return None


def _hostname(url: str | None) -> str | None:
    try:
        return urlsplit(url).hostname if url else None
    except ValueError:  # "http://[::1": a malformed URL names no host
        return None


def _join(base: str | None, href: str | None) -> str | None:
    """``href`` made absolute against ``base``; as written when either is malformed."""
    if not href or not base:
        return href
    try:
        return urljoin(base, href)
    except ValueError:
        return href


# -- sources ------------------------------------------------------------------------------------


def _meta_tags(root: Any) -> dict[str, str]:
    out: dict[str, str] = {}
    for m in root.iter("meta"):
        key = m.get("property") or m.get("name") or m.get("itemprop") or m.get("http-equiv")
        content = m.get("content")
        if key and content and content.strip():
            out.setdefault(key.strip().lower(), " ".join(content.split()))
    return out


def _json_ld(root: Any) -> dict[str, Any]:
    """The first article-like JSON-LD object of the page (NewsArticle, Article, ...); the other
    article-like objects under its ``_others`` key."""
    found: dict[str, Any] = {}
    others: list[dict[str, Any]] = []
    for data in json_ld_data(root):
        for obj in walk_json_ld(data):
            rank = _ld_rank(obj.get("@type"))
            if rank and (not found or rank > _ld_rank(found.get("@type"))):
                if found:
                    others.append(found)
                found = obj
            elif rank:
                others.append(obj)
    if found and others:
        # the article's datePublished when it gives one, else a sibling's (a WebPage of the
        # same @graph often holds the instant that a BlogPosting gives as a bare day)
        found = {**found, "_others": others}
    return found


_CDATA = re.compile(r"^\s*(?://\s*)?<!\[CDATA\[|(?://\s*)?\]\]>\s*$")


def json_ld_data(root: Any) -> list[Any]:
    """The parsed payload of every JSON-LD script of the page; malformed ones, and ones nested
    deeper than Python recurses, are passed over."""
    out = []
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        raw = _CDATA.sub("", (script.text or "").strip())
        if not raw:
            continue
        try:
            out.append(json.loads(raw, strict=False))
        except (ValueError, RecursionError):
            continue
    return out


def _ld_rank(types: Any) -> int:
    """2 for an article (NewsArticle, BlogPosting ...), 1 for a page about one (WebPage,
    MedicalWebPage, ClaimReview), 0 for anything else (Organization, BreadcrumbList)."""
    names = [types] if isinstance(types, str) else types if isinstance(types, list) else []
    best = 0
    for t in names:
        if not isinstance(t, str):
            continue
        t = t.lower()
        if (t in _ARTICLE_TYPES and t != "webpage") or t.endswith(("article", "posting")):
            best = 2
        elif t.endswith(("webpage", "review")):
            best = max(best, 1)
    return best


def walk_json_ld(data: Any, depth: int = 0) -> list[dict[str, Any]]:
    """The objects of a JSON-LD payload: itself, list items and ``@graph`` members."""
    if depth > 4:
        return []
    if isinstance(data, list):
        return [o for item in data for o in walk_json_ld(item, depth + 1)]
    if isinstance(data, dict):
        out = [data]
        if isinstance(data.get("@graph"), list):
            out.extend(o for item in data["@graph"] for o in walk_json_ld(item, depth + 1))
        return out
    return []


def _ld_text(value: Any) -> str | None:
    if isinstance(value, list):
        value = ", ".join(str(v) for v in value if isinstance(v, (str, int)))
    if isinstance(value, str) and value.strip():
        return " ".join(value.split())
    return None


def _ld_name(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        return _ld_text(value.get("name"))
    return _ld_text(value)


def _ld_image(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        return _ld_text(value.get("url"))
    return _ld_text(value)


def _first(metas: dict[str, str], keys: tuple[str, ...]) -> str | None:
    for k in keys:
        if metas.get(k):
            return metas[k]
    return None


def _canonical(root: Any, metas: dict[str, str], url: str | None) -> str | None:
    """The canonical link, else og:url, else the URL given; a malformed one ("http://[::1")
    is passed over: links in the body are resolved against this URL."""
    url = _valid(url)
    for link in root.iter("link"):
        if (link.get("rel") or "").lower() == "canonical" and link.get("href"):
            found = _valid(_join(url, link.get("href").strip()))
            if found:
                return found
    return _valid(metas.get("og:url")) or url


def _valid(url: str | None) -> str | None:
    """``url`` when urllib can take it apart, else None."""
    if not url:
        return None
    try:
        urlsplit(url)
    except ValueError:
        return None
    return url


def _psrc(profile: Profile | None, field: str) -> str:
    return f"profile:{profile.name}:{field}" if profile else ""


def _select(root: Any, profile: Profile | None, field: str, vocab: PageVocab) -> list[Any]:
    if not profile:
        return []
    for sel in profile.selectors(field):
        found = sel(root, vocab)
        if found:
            return found
    return []


def _select_text(root: Any, profile: Profile | None, field: str, vocab: PageVocab) -> str | None:
    for el in _select(root, profile, field, vocab):
        text = " ".join(el.text_content().split())
        if text:
            return text
    return None


# -- title --------------------------------------------------------------------------------------


def _title(
    root: Any,
    profile: Profile | None,
    metas: dict[str, str],
    ld: dict[str, Any],
    publisher: str | None,
    host: str | None,
    vocab: PageVocab,
) -> tuple[str | None, str, Any]:
    """The headline, its source, and the element that shows it (None for meta values).

    A visible heading wins when it agrees with og:title, ``<title>`` or the JSON-LD headline
    (the profile's selector first, then ``<h1>``, then ``<h2>``): old kompas pages put the
    section in ``<h1>``, okezone its logo."""
    names = {n.casefold() for n in (publisher, metas.get("og:site_name")) if n}
    if host:
        label = host.removeprefix("www.").split(".")[0]
        names.update({label.casefold(), host.removeprefix("www.").casefold()})
    og = metas.get("og:title") or metas.get("twitter:title")
    head = root.find(".//title")
    page_title = " ".join(head.text_content().split()) if head is not None else None
    ld_head = _ld_text(ld.get("headline"))
    # compared on letters and digits only: og:title often drops the headline's ':' and '?'
    refs = [_letters(_strip_suffix(t, names)) for t in (og, page_title, ld_head) if t]
    candidates: list[tuple[Any, str]] = [
        (el, _psrc(profile, "title")) for el in _select(root, profile, "title", vocab)
    ]
    candidates += [(el, "visible:title-class") for el in _TITLE_CLASS(root)]
    candidates += [(el, "h1") for el in root.iter("h1")]
    candidates += [(el, "h2") for el in root.iter("h2")]
    first_visible = None
    agreeing: list[tuple[int, int, str, str, Any]] = []
    target = len(refs[0]) if refs else 0
    for i, (el, source) in enumerate(candidates):
        text = _short_text(el)
        if text is None or len(text) < 8:
            continue  # (no text, or far longer than any headline: a heading left unclosed)
        if first_visible is None and source.startswith("profile"):
            first_visible = (text, source, el)
        folded = _letters(text)
        if refs and folded and any(folded in r or r in folded for r in refs):
            agreeing.append((abs(len(text) - target), i, text, source, el))
    if agreeing:
        _, _, text, source, el = min(agreeing, key=lambda a: (a[0], a[1]))
        return _strip_suffix(text, names), source, el
    if first_visible is not None:
        text, source, el = first_visible
        return _strip_suffix(text, names), source, el
    for value, source in ((og, "meta:og:title"), (ld_head, "json-ld"), (page_title, "title")):
        if value:
            return _strip_suffix(value, names), source, None
    return None, "", None


_LONGEST_TITLE = 400  # characters: a heading longer than this holds more than a headline


def _short_text(el: Any) -> str | None:
    """The element's text, white space folded, or None when it runs past ``_LONGEST_TITLE``
    (read piece by piece, so a heading that wraps the whole page costs no more than a title)."""
    parts: list[str] = []
    size = 0
    for piece in el.itertext():
        parts.append(piece)
        size += len(piece)
        if size > 4 * _LONGEST_TITLE:  # (white space folded may shrink it a lot, not this)
            return None
    text = " ".join("".join(parts).split())
    return None if len(text) > _LONGEST_TITLE else text


def _letters(text: str) -> str:
    """'Raja Ampat: Apa Iya?' → 'rajaampatapaiya', to compare titles that differ in punctuation."""
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def _strip_suffix(title: str, names: set[str]) -> str:
    """'Judul Berita - Kompas.com' → 'Judul Berita'."""
    title = " ".join(title.split())
    for _ in range(3):
        parts = _SUFFIX_SPLIT.split(title)
        if len(parts) < 2:
            break
        last = parts[-1].casefold()
        known = any(n and (n in last or last in n) for n in names)
        if known or (len(last.split()) <= 3 and any(c in last for c in (".com", ".co", ".id"))):
            title = title[: title.rfind(parts[-1])].rstrip(" -|–—:•»")
            continue
        break
    return title


# -- dates --------------------------------------------------------------------------------------


Parse = Callable[[str | None], DateMatch | None]


def _parse(value: str | None, reference: datetime | None = None) -> DateMatch | None:
    """A date as the page writes it; "2 jam yang lalu" only against ``reference``."""
    return parse_date_match(value, reference=reference) if value else None


def _visible_date(
    root: Any,
    profile: Profile | None,
    title_el: Any,
    vocab: PageVocab,
    elements: _Elements,
    parse: Parse,
) -> tuple[DateMatch | None, str]:
    """The date line readers see: the profile's selector; else the first short element after
    the headline that reads as a full date (one with a time preferred); else an element whose
    class or id says it is a date (again one with a time preferred)."""
    for el in _select(root, profile, "date", vocab):
        m = parse(" ".join(el.text_content().split())) or parse(el.get("datetime"))
        if m:
            return m, _psrc(profile, "date")
    if title_el is not None:
        near = _date_near(elements, title_el, parse)
        if near is not None:
            return near, "visible:near-headline"
    for el in root.iter("time"):
        m = parse(" ".join(el.text_content().split())) or parse(el.get("datetime"))
        if m:
            return m, "visible:time"
    # An element whose class says it is a date: the first that gives a time, else the first.
    dated: DateMatch | None = None
    for el in root.iter("div", "span", "p", "time", "li", "small"):
        cls = f"{el.get('class') or ''} {el.get('id') or ''}"
        if cls.strip() and _DATE_CLASS.search(cls):
            text = " ".join(el.text_content().split())
            if 6 <= len(text) <= 120:
                m = parse(text)
                if m and m.has_time:
                    return m, "visible:date-line"
                dated = dated or m
    return (dated, "visible:date-line") if dated else (None, "")


def _date_near(
    elements: _Elements, title_el: Any, parse: Parse, before: int = 80, after: int = 400
) -> DateMatch | None:
    """The full date written nearest the headline (one with a time preferred), looking a few
    elements before it and more after it, in document order."""
    at = elements.index(title_el)
    if at is None:
        return None
    items = elements.items
    best: tuple[int, int, DateMatch] | None = None
    for i in range(max(0, at - before), min(len(items), at + after)):
        el = items[i]
        if el.tag in ("script", "style", "a", "head", "title") or len(el) > 4 or i == at:
            continue
        text = " ".join(el.text_content().split())
        if not 8 <= len(text) <= 90 or not _DIGIT.search(text):
            continue
        m = parse(text) or parse(el.get("datetime"))
        if m is None:
            continue
        rank = (0 if m.has_time else 1, abs(i - at))
        if best is None or rank < best[:2]:
            best = (*rank, m)
    return best[2] if best else None


def _machine_dates(
    root: Any, metas: dict[str, str], ld: dict[str, Any], parse: Parse
) -> list[tuple[DateMatch, str]]:
    out = []
    published = parse(_ld_text(ld.get("datePublished")))
    modified = parse(_ld_text(ld.get("dateModified")))
    if published and not (modified and published.value > modified.value):
        out.append((published, "json-ld:datePublished"))
    if not (published and published.has_time):
        for other in ld.get("_others", ()):
            m = parse(_ld_text(other.get("datePublished")))
            if m and m.has_time and (not published or m.value.date() == published.value.date()):
                out.append((m, "json-ld:datePublished"))
                break
    for key in _PUBLISHED_META:
        m = parse(metas.get(key))
        if m:
            out.append((m, f"meta:{key}"))
    for el in _DATE_ATTR(root):
        m = parse(el.get("datetime") or el.get("content") or el.get("title"))
        if m and m.has_time:
            out.append((m, "microdata:datePublished"))
            break
    if published and modified and published.value > modified.value:
        out.append((published, "json-ld:datePublished"))  # later than its own modified: last
    return out


def _published(
    root: Any,
    profile: Profile | None,
    metas: dict[str, str],
    ld: dict[str, Any],
    url: str | None,
    title_el: Any,
    vocab: PageVocab,
    elements: _Elements,
    parse: Parse,
) -> list[tuple[DateMatch, str]]:
    """Publication dates the page gives: the visible date line, machine values in trust order,
    the date in the URL. The resolver weighs them (docs/metadata.md, "Time")."""
    out: list[tuple[DateMatch, str]] = []
    visible, source = _visible_date(root, profile, title_el, vocab, elements, parse)
    if visible:
        out.append((visible, source))
    out.extend(_machine_dates(root, metas, ld, parse))
    u = _URL_DATE.search(url or "")
    if u:
        try:
            day = datetime(int(u.group(1)), int(u.group(2)), int(u.group(3)), tzinfo=WIB)
            out.append((DateMatch(day, False, False, u.group(0)), "url"))
        except ValueError:
            pass
    return out


def _modified(
    metas: dict[str, str], ld: dict[str, Any], parse: Parse
) -> list[tuple[DateMatch, str]]:
    out = []
    m = parse(_ld_text(ld.get("dateModified")))
    if m:
        out.append((m, "json-ld:dateModified"))
    for key in _MODIFIED_META:
        m = parse(metas.get(key))
        if m:
            out.append((m, f"meta:{key}"))
    return out


# -- people -------------------------------------------------------------------------------------


def _names(values: list[str]) -> tuple[str, ...]:
    out: list[str] = []
    for v in values:
        for name in split_authors(v):
            if name.casefold() not in {o.casefold() for o in out}:
                out.append(name)
    return tuple(out)


_CREDIT_TAGS = (
    "div",
    "span",
    "p",
    "td",
    "tr",
    "li",
    "small",
    "strong",
    "b",
    "em",
    "address",
    "h5",
    "h6",
)
# "Penulis: A dan B | Editor: C", "Rep: C31/ Red: Israr Itah", "Oleh : Maya Sofia",
# "(Ditulis oleh Maya Sofia)", "Laporan Wartawan Tribunnews.com, Maya Sofia"; labels from the
# phrase lists credit_labels and editor_labels (shared with people.py)
_CREDIT_BEFORE = regex.compile(
    expand(
        r"^(?:.{0,80}?\s[-|•]\s+)?"  # "Senin, 10 Januari 2011 | 16:45 WIB - Penulis: …"
        r"[(\[]?\s*(?:{{credit_labels}})(?!\p{L})\s*(?P<colon>[:.|])?\s*(?P<names>[^|()\[\]]+?)"
        r"\s*(?:[/|,;]?\s*(?:{{editor_labels}})\s*[:.]\s*(?P<editor>[^|/()\[\]]+?))?\s*[)\]]?"
        r"\s*(?:[|/].*)?$"
    ),
    regex.I,
)
# "Dewi Kania Jurnalis", "Dian Erika Nugraheny Penulis"
_CREDIT_AFTER = regex.compile(
    expand(r"^(?P<names>\p{Lu}[\w.'’ -]{2,60}?)\s+(?:{{credit_roles}})$"), regex.I
)
_SCRIPT_AUTHOR = re.compile(
    r"""["'](?:author|penulis|reporter|writer|content_author|"""
    r"""penulis_name)["']\s*:\s*["']([^"'<>]{3,80})["']""",
    re.I,
)


# (the standard re module: this runs on every element near the headline and the body, and
# is several times faster than the regex module on a plain alternation)
_CREDIT_HINT = re.compile(expand(r"\b(?:{{credit_labels}}|{{editor_labels}})\b"), re.I)


class _Elements:
    """The page's elements in document order, listed once, to look around an element."""

    def __init__(self, root: Any):
        self.items = [el for el in root.iter() if isinstance(el.tag, str)]
        self._pos: dict[int, int] | None = None

    def index(self, el: Any) -> int | None:
        if self._pos is None:
            self._pos = {id(e): i for i, e in enumerate(self.items)}
        return self._pos.get(id(el))

    def around(self, el: Any, before: int, after: int) -> list[Any]:
        at = self.index(el)
        if at is None:
            return []
        return self.items[max(0, at - before) : at + after]


_CREDIT_END = re.compile(r"(?i)\s*(?:\bcopyright\b|\bhak cipta\b|©|\bsumber\b|\bfoto\b)")
_EDITOR_BEFORE = regex.compile(
    expand(r"^(?:{{editor_labels}})\s*[:.]\s*(?P<editor>[^|/]{3,60}?)\s*(?:[|/].*)?$"),
    regex.I,
)
_EDITOR_AFTER = regex.compile(
    expand(r"^(?P<editor>\p{Lu}[\w.'’ -]{2,60}?)\s+(?:{{editor_labels}})$"), regex.I
)
_EDITOR_LABEL = regex.compile(expand(r"^\s*(?:{{editor_labels}})(?!\p{L})\s*:?\s*"), regex.I)


# An element whose class or rel says it holds the byline: "author", "byline", "penulis"
# (not a comment's author, not an author's bio box).
_BYLINE_CLASS = regex.compile(
    r"(?i)(?:^|[\s_-])(?:author|byline|penulis|reporter|writer)(?:name|__name|-name)?(?:$|\s)"
)
_NOT_BYLINE = regex.compile(r"(?i)comment|bio|avatar|about|box|list|widget|sidebar")


def _byline(windows: list[Any]) -> list[str]:
    """Names in an element classed as the byline ("<div class='author'>A - detikinet</div>")
    near the headline or the body: what readers see under the headline, unlabelled."""
    for el in windows:
        cls = f"{el.get('class') or ''} {el.get('rel') or ''}".strip()
        if not cls or not _BYLINE_CLASS.search(cls) or _NOT_BYLINE.search(cls):
            continue
        text = " ".join(el.text_content().split())
        if 3 <= len(text) <= 80:
            names = split_authors(text)
            if names:
                return names
    return []


def _windows(near: list[Any], elements: _Elements) -> list[Any]:
    """The elements from a little before each anchor (the headline, the body) to a little
    after it: where a credit line sits."""
    windows: list[Any] = []
    for anchor in near:
        size = sum(1 for _ in anchor.iter()) if len(anchor) else 1
        windows.extend(elements.around(anchor, 60, size + 200))
    return windows


def _credit_lines(windows: list[Any]) -> tuple[list[str], str | None]:
    """Names from a labelled credit line readers see ("Penulis: X", "X Jurnalis") near the
    headline or the body, and the editor such a line, or one beside it, names."""
    tried: set[int] = set()
    names: list[str] = []
    editor: str | None = None
    for el in windows:
        if id(el) in tried or el.tag in ("script", "style", "head", "title") or len(el) > 6:
            continue
        tried.add(id(el))
        raw = " ".join(el.itertext())  # "Nama<h6>Penulis" → "Nama Penulis"
        if len(raw) > 400 or not _CREDIT_HINT.search(raw):  # most elements end here, cheaply
            continue
        text = " ".join(raw.split())
        if not 4 <= len(text) <= 110:
            continue
        m = _CREDIT_BEFORE.match(text) or _CREDIT_AFTER.match(text)
        if m and not m.groupdict().get("colon") and not m.group("names")[:1].isupper():
            m = None  # "Oleh karena itu …": a label word in a sentence, not a credit
        if m:
            found = split_authors(m.group("names"))
            names = names or found
            named = split_authors(_CREDIT_END.split(m.groupdict().get("editor") or "")[0])
            if found and named:
                editor = editor or named[0]
            if names and editor:
                break
            if found:
                continue
        if editor is None:
            e = _EDITOR_BEFORE.match(text) or _EDITOR_AFTER.match(text)
            named = split_authors(_CREDIT_END.split(e.group("editor"))[0]) if e else []
            if named:
                editor = named[0]
                if names:
                    break
    return names, editor


_MICRODATA_AUTHOR = etree.XPath("//*[@itemprop='author']")


def _authors(
    root: Any,
    profile: Profile | None,
    metas: dict[str, str],
    ld: dict[str, Any],
    vocab: PageVocab,
    credits: tuple[list[str], str | None],
    byline: list[str],
    editor: str | None,
) -> list[tuple[tuple[str, ...], str]]:
    """Writers each source names, in trust order: profile byline, labelled credit line, an
    element classed as the byline, microdata, the page's analytics variables, JSON-LD persons,
    author meta tags. Sources are read until one names someone besides the editor: the
    resolver takes that one, and the sources after it would cost time and change nothing."""
    sources: list[tuple[Callable[[], list[str]], str]] = [
        (lambda: _visible_texts(root, profile, vocab), _psrc(profile, "authors")),
        (lambda: credits[0], "visible:credit-line"),
        (lambda: byline, "visible:byline"),
        (
            lambda: _microdata_authors(root),
            "microdata:author",
        ),
        (lambda: _script_author(root), "script:author"),
        (lambda: _ld_persons(ld.get("author")), "json-ld:author"),
    ]
    sources += [
        (partial(_meta_author, metas[key]), f"meta:{key}") for key in _AUTHOR_META if metas.get(key)
    ]
    out: list[tuple[tuple[str, ...], str]] = []
    folded = editor.casefold() if editor else None
    for read, source in sources:
        names = _names([v for v in read() if v])
        if names:
            out.append((names, source))
            if any(n.casefold() != folded for n in names):
                break
    return out


def _microdata_authors(root: Any) -> list[str]:
    """itemprop=author of the article, not of a thing the story is about (the author of a
    reviewed Book, of a quoted CreativeWork): the nearest itemscope must be an article, a page
    about one, or untyped."""
    out = []
    for el in _MICRODATA_AUTHOR(root):
        scope = next((up for up in el.iterancestors() if up.get("itemscope") is not None), None)
        itemtype = (scope.get("itemtype") or "") if scope is not None else ""
        kind = itemtype.rstrip("/").rsplit("/", 1)[-1]
        if kind and not _ld_rank(kind):
            continue
        text = " ".join(el.text_content().split())
        if text:
            out.append(text)
    return out


def _meta_author(value: str) -> list[str]:
    return [] if value.startswith("http") else [value]  # a profile URL names no one


def _visible_texts(root: Any, profile: Profile | None, vocab: PageVocab) -> list[str]:
    return [" ".join(el.text_content().split()) for el in _select(root, profile, "authors", vocab)]


def _script_author(root: Any) -> list[str]:
    """The author a page's analytics variables name ({"penulis": "…"})."""
    for script in root.iter("script"):
        text = script.text or ""
        if "author" in text or "penulis" in text:
            found = _SCRIPT_AUTHOR.search(text)
            if found:
                return [found.group(1)]
    return []


def _ld_persons(author: Any) -> list[str]:
    """The names of JSON-LD authors that are persons (an Organization is not a writer)."""
    items = author if isinstance(author, list) else [author] if author else []
    persons = []
    for a in items:
        if isinstance(a, dict):
            if str(a.get("@type", "Person")).lower() in ("person", "['person']"):
                persons.append(_ld_text(a.get("name")) or "")
        elif isinstance(a, str):
            persons.append(a)
    return persons


def _editor(
    root: Any,
    profile: Profile | None,
    metas: dict[str, str],
    ld: dict[str, Any],
    vocab: PageVocab,
    credits: tuple[list[str], str | None],
) -> tuple[str | None, str]:
    text = _select_text(root, profile, "editor", vocab)
    if text:
        names = split_authors(_EDITOR_LABEL.sub("", text))
        if names:
            return names[0], _psrc(profile, "editor")
    credited = credits[1]
    if credited and is_person(credited):
        return credited, "visible:credit-line"
    value = _ld_name(ld.get("editor")) or _first(metas, _EDITOR_META)
    if value and is_person(value):
        return value, "json-ld:editor" if ld.get("editor") else "meta:editor"
    return None, ""


def _tags(
    root: Any,
    profile: Profile | None,
    metas: dict[str, str],
    ld: dict[str, Any],
    vocab: PageVocab,
) -> tuple[str, ...]:
    visible = [" ".join(el.text_content().split()) for el in _select(root, profile, "tags", vocab)]
    values = [v for v in visible if v]
    if not values:
        raw = _first(metas, _TAG_META) or _ld_text(ld.get("keywords")) or ""
        values = [t.strip() for t in re.split(r"[,;]", raw)]
    out: list[str] = []
    for v in values:
        v = v.strip().lstrip("#").strip()
        if v and len(v) <= 60 and v.casefold() not in {o.casefold() for o in out}:
            out.append(v)
    return tuple(out[:30])
