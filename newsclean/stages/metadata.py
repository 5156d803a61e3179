"""Stage: read the metadata of an HTML page, saying where every field came from.

Sources, in the order they are trusted for each field (``Article.provenance`` names the one used):

title      the profile's headline selector (what readers see) → an ``<h1>`` that agrees with
           og:title or ``<title>`` → og:title → JSON-LD headline → ``<title>``; the site suffix
           (" - Kompas.com") is cut from whichever is used.
published  the visible date line (profile selector, then an element marked as a date) when it
           gives a time → JSON-LD ``datePublished`` → publication meta tags → the date in the URL.
           Sources lie: a "Z" on a WIB wall-clock time, "+07:00Z", a JSON-LD date later than its
           own ``dateModified``. Where the visible local line and a machine value disagree, the
           visible line wins; among machine values an explicit local offset beats a bare UTC "Z".
authors    the profile's byline selector → JSON-LD persons → author meta tags → credit lines
           found in the body by the text rules. Team credits ("Tim detikBali") and the editor
           are not authors.
others     publisher, section, tags, description, image, url (canonical), language: the profile
           where it names a selector, then JSON-LD, then meta tags, then the URL.
"""

from __future__ import annotations

import json
import re
from contextvars import ContextVar
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urljoin, urlsplit

from lxml import etree

from ..dates import WIB, DateMatch, parse_date_match
from ..people import is_person, split_authors
from ..profiles import Profile
from ..selectors import PageVocab

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
_URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?:/|$)")
_SUFFIX_SPLIT = re.compile(r"\s+(?:[-|–—:•»]|::)\s+")


def read_metadata(
    root: Any,
    profile: Profile | None,
    url: str | None,
    vocab: PageVocab | None = None,
    bodies: list[Any] | None = None,
    reference: datetime | None = None,
) -> dict[str, Any]:
    """Every metadata field the page gives, with ``provenance`` naming each one's source.

    ``bodies`` (the article body elements, when known) tell where a credit line may sit;
    ``reference`` is the "now" that relative dates resolve against.
    """
    token = _REFERENCE.set(reference)
    try:
        return _read_metadata(root, profile, url, vocab, bodies)
    finally:
        _REFERENCE.reset(token)


def _read_metadata(
    root: Any,
    profile: Profile | None,
    url: str | None,
    vocab: PageVocab | None = None,
    bodies: list[Any] | None = None,
) -> dict[str, Any]:
    vocab = vocab or PageVocab(root)
    elements = _Elements(root)
    metas = _meta_tags(root)
    ld = _json_ld(root)
    fields: dict[str, Any] = {}
    prov: dict[str, str] = {}

    def put(name: str, value: Any, source: str) -> None:
        if value not in (None, "", (), []) and name not in fields:
            fields[name] = value
            prov[name] = source

    page_url = _canonical(root, metas, url)
    put("url", page_url, "canonical")
    publisher = profile.publisher if profile else None
    put("publisher", publisher, f"profile:{profile.name}" if profile else "")
    put("publisher", metas.get("og:site_name"), "meta:og:site_name")
    put("publisher", _ld_name(ld.get("publisher")), "json-ld")
    host = urlsplit(page_url or "").hostname if page_url else None
    put("publisher", host.removeprefix("www.") if host else None, "url")

    title, source, title_el = _title(root, profile, metas, ld, fields.get("publisher"), host, vocab)
    put("title", title, source)

    published, source, warnings = _published(
        root, profile, metas, ld, page_url, title_el, vocab, elements
    )
    put("published", published, source)
    modified, source = _modified(metas, ld)
    put("modified", modified, source)

    anchors = [a for a in (title_el, *(bodies or ())) if a is not None]
    credits = _credit_lines(root, anchors, elements)
    authors, source = _authors(root, profile, metas, ld, vocab, credits)
    put("authors", authors, source)
    editor, source = _editor(root, profile, metas, ld, vocab, credits)
    put("editor", editor, source)
    if editor and fields.get("authors"):
        fields["authors"] = tuple(a for a in fields["authors"] if a.casefold() != editor.casefold())

    put("section", _select_text(root, profile, "section", vocab), _psrc(profile, "section"))
    put("section", _first(metas, _SECTION_META), "meta")
    put("section", _ld_text(ld.get("articleSection")), "json-ld")
    put("tags", _tags(root, profile, metas, ld, vocab), "tags")
    put(
        "description",
        metas.get("og:description") or metas.get("description") or _ld_text(ld.get("description")),
        "meta",
    )
    image = metas.get("og:image") or _ld_image(ld.get("image"))
    put("image", urljoin(page_url, image) if page_url and image else image, "meta")
    lang = root.get("lang") or metas.get("content-language") or metas.get("og:locale") or ""
    put(
        "language",
        lang.split("-")[0].split("_")[0].lower() or (profile.language if profile else "id"),
        "html",
    )
    fields["provenance"] = {k: v for k, v in prov.items() if v}
    if warnings:
        fields["warnings"] = tuple(warnings)
    return fields


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
    """The first article-like JSON-LD object of the page (NewsArticle, Article, ...)."""
    found: dict[str, Any] = {}
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        raw = (script.text or "").strip()
        if not raw:
            continue
        raw = re.sub(r"^\s*(?://\s*)?<!\[CDATA\[|(?://\s*)?\]\]>\s*$", "", raw)
        try:
            data = json.loads(raw, strict=False)
        except ValueError:
            continue
        for obj in _walk(data):
            types = obj.get("@type")
            types = [types] if isinstance(types, str) else types or []
            is_article = any(isinstance(t, str) and t.lower() in _ARTICLE_TYPES for t in types)
            if is_article and (not found or found.get("@type") in ("WebPage", ["WebPage"])):
                found = obj
    return found


def _walk(data: Any, depth: int = 0) -> list[dict[str, Any]]:
    if depth > 4:
        return []
    if isinstance(data, list):
        return [o for item in data for o in _walk(item, depth + 1)]
    if isinstance(data, dict):
        out = [data]
        if isinstance(data.get("@graph"), list):
            out.extend(o for item in data["@graph"] for o in _walk(item, depth + 1))
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
    for link in root.iter("link"):
        if (link.get("rel") or "").lower() == "canonical" and link.get("href"):
            href = link.get("href").strip()
            return urljoin(url, href) if url else href
    return metas.get("og:url") or url


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
        text = " ".join(el.text_content().split())
        if len(text) < 8:
            continue
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


# The "now" relative dates ("2 jam yang lalu") resolve against, for the page being read.
_REFERENCE: ContextVar[datetime | None] = ContextVar("newsclean_reference_time", default=None)


def _parse(value: str | None) -> DateMatch | None:
    return parse_date_match(value, reference=_REFERENCE.get()) if value else None


def _visible_date(
    root: Any,
    profile: Profile | None,
    title_el: Any,
    vocab: PageVocab,
    elements: _Elements,
) -> tuple[DateMatch | None, str]:
    """The date line readers see: the profile's selector; else the first short element after
    the headline that reads as a full date (one with a time preferred); else an element whose
    class or id says it is a date (again one with a time preferred)."""
    for el in _select(root, profile, "date", vocab):
        m = _parse(" ".join(el.text_content().split())) or _parse(el.get("datetime"))
        if m:
            return m, _psrc(profile, "date")
    if title_el is not None:
        near = _date_near(elements, title_el)
        if near is not None:
            return near, "visible:near-headline"
    for el in root.iter("time"):
        m = _parse(" ".join(el.text_content().split())) or _parse(el.get("datetime"))
        if m:
            return m, "visible:time"
    # An element whose class says it is a date: the first that gives a time, else the first.
    dated: DateMatch | None = None
    for el in root.iter("div", "span", "p", "time", "li", "small"):
        cls = f"{el.get('class') or ''} {el.get('id') or ''}"
        if cls.strip() and _DATE_CLASS.search(cls):
            text = " ".join(el.text_content().split())
            if 6 <= len(text) <= 120:
                m = _parse(text)
                if m and m.has_time:
                    return m, "visible:date-line"
                dated = dated or m
    return (dated, "visible:date-line") if dated else (None, "")


def _date_near(
    elements: _Elements, title_el: Any, before: int = 80, after: int = 400
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
        if not 8 <= len(text) <= 90 or not any(ch.isdigit() for ch in text):
            continue
        m = _parse(text) or _parse(el.get("datetime"))
        if m is None:
            continue
        rank = (0 if m.has_time else 1, abs(i - at))
        if best is None or rank < best[:2]:
            best = (*rank, m)
    return best[2] if best else None


def _machine_dates(
    root: Any, metas: dict[str, str], ld: dict[str, Any]
) -> list[tuple[DateMatch, str]]:
    out = []
    published = _parse(_ld_text(ld.get("datePublished")))
    modified = _parse(_ld_text(ld.get("dateModified")))
    if published and not (modified and published.value > modified.value):
        out.append((published, "json-ld:datePublished"))
    for key in _PUBLISHED_META:
        m = _parse(metas.get(key))
        if m:
            out.append((m, f"meta:{key}"))
    for el in _DATE_ATTR(root):
        m = _parse(el.get("datetime") or el.get("content") or el.get("title"))
        if m and m.has_time:
            out.append((m, "microdata:datePublished"))
            break
    if published and modified and published.value > modified.value:
        out.append((published, "json-ld:datePublished"))  # later than its own modified: last
    return out


def _is_utc(m: DateMatch) -> bool:
    return m.has_zone and m.value.utcoffset() == timedelta(0)


def _published(
    root: Any,
    profile: Profile | None,
    metas: dict[str, str],
    ld: dict[str, Any],
    url: str | None,
    title_el: Any,
    vocab: PageVocab,
    elements: _Elements,
) -> tuple[datetime | None, str, list[str]]:
    visible, vsource = _visible_date(root, profile, title_el, vocab, elements)
    machine = _machine_dates(root, metas, ld)
    # an explicit local offset beats a bare UTC "Z" (often a WIB wall-clock time mislabelled)
    machine.sort(key=lambda item: _is_utc(item[0]) and item[0].has_time)
    warnings: list[str] = []
    if visible and visible.has_time:
        for m, source in machine:
            if m.has_time and abs(m.value - visible.value) > timedelta(minutes=2):
                warnings.append(
                    f"published: {source} says {m.value.isoformat()}, the visible "
                    f"date line {visible.value.isoformat()}; the date line wins"
                )
                break
        return visible.value, vsource, warnings
    if machine:
        m, source = machine[0]
        value = m.value
        if (
            visible
            and value.astimezone(WIB).date() != visible.value.date()
            and value.date() != visible.value.date()
        ):
            warnings.append(f"published: {source} gives another day than the visible date line")
            return visible.value, vsource, warnings
        if (
            _is_utc(m)
            and m.has_time
            and visible is None
            and not any(not _is_utc(o) for o, _ in machine)
        ):
            pass  # only UTC values: taken as they are
        return value, source, warnings
    if visible:
        return visible.value, vsource, warnings
    if url:
        u = _URL_DATE.search(url)
        if u:
            try:
                d = datetime(int(u.group(1)), int(u.group(2)), int(u.group(3)), tzinfo=WIB)
                return d, "url", warnings
            except ValueError:
                pass
    return None, "", warnings


def _modified(metas: dict[str, str], ld: dict[str, Any]) -> tuple[datetime | None, str]:
    m = _parse(_ld_text(ld.get("dateModified")))
    if m:
        return m.value, "json-ld:dateModified"
    for key in _MODIFIED_META:
        m = _parse(metas.get(key))
        if m:
            return m.value, f"meta:{key}"
    return None, ""


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
# "Penulis: A dan B | Editor: C", "Rep: C31/ Red: Israr Itah", "Oleh : Maya Sofia"
_CREDIT_BEFORE = re.compile(
    r"^(?:.{0,80}?\s[-|•]\s+)?"  # "Senin, 10 Januari 2011 | 16:45 WIB - Penulis: …"
    r"(?:(?:penulis|reporter|rep|pewarta|jurnalis|wartawan|kontributor|laporan)\b|oleh\s*:|by\s*:)"
    r"\s*[:.|]?\s*(?P<names>[^|]+?)\s*(?:[/|,;]?\s*(?:editor|red|redaktur|penyunting)\s*[:.]"
    r"\s*(?P<editor>[^|/]+?))?\s*(?:[|/].*)?$",
    re.I,
)
# "Dewi Kania Jurnalis", "Dian Erika Nugraheny Penulis"
_CREDIT_AFTER = re.compile(
    r"^(?P<names>[A-Z][\w.'’ -]{2,60}?)\s+(?:jurnalis|penulis|reporter|"
    r"wartawan)$",
    re.I,
)
_SCRIPT_AUTHOR = re.compile(
    r"""["'](?:author|penulis|reporter|writer|content_author|"""
    r"""penulis_name)["']\s*:\s*["']([^"'<>]{3,80})["']""",
    re.I,
)


_CREDIT_HINT = re.compile(
    r"penulis|reporter|rep\s*[:/]|pewarta|jurnalis|wartawan|kontributor|oleh|editor|red\s*:|"
    r"redaktur|penyunting|by\s*:",
    re.I,
)


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
_EDITOR_BEFORE = re.compile(
    r"^(?:editor|penyunting|redaktur|red)\s*[:.]\s*(?P<editor>[^|/]{3,60}?)"
    r"\s*(?:[|/].*)?$",
    re.I,
)
_EDITOR_AFTER = re.compile(r"^(?P<editor>[A-Z][\w.'’ -]{2,60}?)\s+(?:editor|penyunting)$", re.I)


def _credit_lines(root: Any, near: list[Any], elements: _Elements) -> tuple[list[str], str | None]:
    """Names from a labelled credit line readers see ("Penulis: X", "X Jurnalis") near the
    headline or the body, and the editor such a line, or one beside it, names."""
    windows: list[Any] = []
    for anchor in near:
        size = sum(1 for _ in anchor.iter()) if len(anchor) else 1
        windows.extend(elements.around(anchor, 60, size + 200))
    if not near:
        windows = elements.items
    tried: set[int] = set()
    names: list[str] = []
    editor: str | None = None
    for el in windows:
        if id(el) in tried or el.tag in ("script", "style", "head", "title") or len(el) > 6:
            continue
        tried.add(id(el))
        text = " ".join(" ".join(el.itertext()).split())  # "Nama<h6>Penulis" → "Nama Penulis"
        if not 4 <= len(text) <= 110 or not _CREDIT_HINT.search(text):
            continue
        m = _CREDIT_BEFORE.match(text) or _CREDIT_AFTER.match(text)
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
) -> tuple[tuple[str, ...], str]:
    """Writers in trust order: profile byline, labelled credit line, microdata, the page's
    analytics variables, JSON-LD persons, author meta tags."""
    visible = [
        " ".join(el.text_content().split()) for el in _select(root, profile, "authors", vocab)
    ]
    names = _names([v for v in visible if v])
    if names:
        return names, _psrc(profile, "authors")
    credited = credits[0]
    if credited:
        return _names(credited), "visible:credit-line"
    micro = [" ".join(el.text_content().split()) for el in _MICRODATA_AUTHOR(root)]
    names = _names([m for m in micro if m])
    if names:
        return names, "microdata:author"
    for script in root.iter("script"):
        text = script.text or ""
        if "author" in text or "penulis" in text:
            found = _SCRIPT_AUTHOR.search(text)
            if found:
                names = _names([found.group(1)])
                if names:
                    return names, "script:author"
    author = ld.get("author")
    items = author if isinstance(author, list) else [author] if author else []
    persons = []
    for a in items:
        if isinstance(a, dict):
            if str(a.get("@type", "Person")).lower() in ("person", "['person']"):
                persons.append(_ld_text(a.get("name")) or "")
        elif isinstance(a, str):
            persons.append(a)
    names = _names([p for p in persons if p])
    if names:
        return names, "json-ld:author"
    for key in _AUTHOR_META:
        value = metas.get(key)
        if value and not value.startswith("http"):
            names = _names([value])
            if names:
                return names, f"meta:{key}"
    return (), ""


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
        names = split_authors(
            re.sub(r"^\s*(?:editor|penyunting|redaktur)\s*:?\s*", "", text, flags=re.I)
        )
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


UTC = UTC
