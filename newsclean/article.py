"""The result of cleaning: an immutable Article that carries its own explanation.

Every removal is a :class:`Removal` naming the rule behind it; every metadata field can say
where it came from (``Article.provenance``). ``to_dict()`` is JSON-safe, so batch output and
library output are the same thing.

The small records (:class:`Removal`, :class:`Related`, :class:`Dateline`) are named tuples:
immutable like the Article, and made by the thousand per second in batch runs, where a frozen
dataclass costs several times as much to build.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, NamedTuple


class Dateline(NamedTuple):
    """The "JAKARTA, KOMPAS.com -" lead of a story: where it was filed and by which outlet."""

    place: str | None
    outlet: str | None
    raw: str

    def to_dict(self) -> dict[str, Any]:
        return {"place": self.place, "outlet": self.outlet, "raw": self.raw}


class Related(NamedTuple):
    """A related-article link that was removed from the body ("Baca juga: ...")."""

    headline: str
    url: str | None = None
    rule: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"headline": self.headline, "url": self.url, "rule": self.rule}


NOTE_KINDS = frozenset({"join", "kept"})  # trail entries that remove nothing


class Removal(NamedTuple):
    """One entry of the audit trail.

    ``kind`` says how the text went: ``line`` (a whole line or block), ``span`` (part of a
    line), ``prefix`` (the start of a line, e.g. a dateline) or ``element`` (an HTML element,
    before text rules ran); ``repair`` is no removal but glued words split again (``text`` is
    "before → after"). ``line`` is the 1-based line of the normalised input (text mode)
    or the block number (HTML mode); ``element`` names the HTML element where there was one.

    Two kinds are notes that remove nothing (``note`` is true): ``join`` (lines a scraper split
    at a link, re-joined; ``text`` is the joined line) and ``kept`` (a rule saw the shape of an
    artifact but not enough evidence, and left the line; ``text`` says what it looked like).
    """

    rule: str
    kind: str
    text: str
    line: int | None = None
    column: int | None = None
    element: str | None = None

    @property
    def note(self) -> bool:
        """Whether this entry is a note (``join``, ``kept``) rather than a removal."""
        return self.kind in NOTE_KINDS

    @property
    def where(self) -> str:
        parts = []
        if self.element:
            parts.append(self.element)
        if self.line is not None:
            parts.append(f"line {self.line}" + (f", column {self.column}" if self.column else ""))
        return "; ".join(parts) or "document"

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "kind": self.kind,
            "text": self.text,
            "line": self.line,
            "column": self.column,
            "element": self.element,
        }


@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned article: body text, metadata, and the trail of what was removed and why.

    ``text`` is the clean body, paragraphs separated by a blank line. When nothing could be
    extracted, ``text`` is empty and ``reason`` says why. ``markdown`` is the same body with
    its headings, lists, tables and quotes, when ``Options(output="markdown")`` asked for it
    (else None). ``is_article`` says whether an HTML page is a news story (a tag index or a
    docs page is not), ``article_evidence`` why, the deciding signal first; None in text mode.
    ``warnings`` lists what went wrong without stopping the run (a user rule that timed out, a
    charset that lied, two sources that disagree on a date). ``provenance`` names the source
    each metadata field came from; ``candidates`` lists the values other sources offered and
    lost, as (field, source, value). ``published`` is naive (no ``tzinfo``) when the page
    gives a local time in a zone it never names (docs/metadata.md, "Time").
    """

    text: str
    paragraphs: tuple[str, ...] = ()
    title: str | None = None
    authors: tuple[str, ...] = ()
    editor: str | None = None
    published: datetime | None = None
    modified: datetime | None = None
    publisher: str | None = None
    section: str | None = None
    tags: tuple[str, ...] = ()
    description: str | None = None
    image: str | None = None
    url: str | None = None
    language: str | None = None
    dateline: Dateline | None = None
    related: tuple[Related, ...] = ()
    removed: tuple[Removal, ...] = ()
    provenance: tuple[tuple[str, str], ...] = ()
    site: str | None = None
    mode: str = "text"
    reason: str | None = None
    warnings: tuple[str, ...] = ()
    is_article: bool | None = None
    article_evidence: tuple[str, ...] = ()
    markdown: str | None = field(default=None, repr=False)
    candidates: tuple[tuple[str, str, str], ...] = field(default=(), repr=False)
    rule_counts: tuple[tuple[str, int], ...] = field(default=(), repr=False)
    reasons: tuple[tuple[str, str], ...] = field(default=(), repr=False)

    def source_of(self, field_name: str) -> str | None:
        """Where a metadata field came from (``json-ld``, ``meta:og:title``, ``dateline`` ...)."""
        return dict(self.provenance).get(field_name)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-safe mapping; datetimes are ISO 8601 strings with their UTC offset.
        ``markdown`` is there only when it was asked for."""
        out = {
            "text": self.text,
            "title": self.title,
            "authors": list(self.authors),
            "editor": self.editor,
            "published": _iso(self.published),
            "modified": _iso(self.modified),
            "publisher": self.publisher,
            "section": self.section,
            "tags": list(self.tags),
            "description": self.description,
            "image": self.image,
            "url": self.url,
            "language": self.language,
            "dateline": self.dateline.to_dict() if self.dateline else None,
            "related": [r.to_dict() for r in self.related],
            "removed": [r.to_dict() for r in self.removed],
            "provenance": dict(self.provenance),
            "site": self.site,
            "mode": self.mode,
            "reason": self.reason,
            "warnings": list(self.warnings),
            "is_article": self.is_article,
            "article_evidence": list(self.article_evidence),
        }
        if self.markdown is not None:
            out["markdown"] = self.markdown
        return out

    def explain(self) -> str:
        """A readable account of what was kept, what was removed, and which rule removed it."""
        reasons = dict(self.reasons)
        out: list[str] = []
        if self.reason:
            out.append(f"No article text: {self.reason}")
        meta = [
            ("title", self.title),
            ("authors", ", ".join(self.authors) or None),
            ("editor", self.editor),
            ("published", _iso(self.published)),
            ("publisher", self.publisher),
            ("dateline", self.dateline and f"{self.dateline.place} / {self.dateline.outlet}"),
        ]
        for name, value in meta:
            if value:
                src = self.source_of(name)
                out.append(f"{name}: {value}" + (f"  [{src}]" if src else ""))
                for lost, source, other in self.candidates:
                    if lost == name:
                        out.append(f"    lost: {other}  [{source}]")
        out.append(f"kept {len(self.paragraphs)} paragraphs, {len(self.text)} characters")
        if not any(not r.note for r in self.removed):
            out.append("removed nothing")
        for r in self.removed:
            snippet = r.text if len(r.text) <= 100 else r.text[:97] + "..."
            out.append(f"- {r.rule} ({r.kind}, {r.where}): {snippet!r}")
            reason = reasons.get(r.rule)
            if reason:
                out.append(f"    why: {reason}")
        for w in self.warnings:
            out.append(f"warning: {w}")
        return "\n".join(out)


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None
