"""Metadata the text itself gives, as candidates for the resolver (``stages/resolve.py``): what
the text rules read while removing lines (credit lines give authors and the editor, the dateline
the place and outlet, a title line above the dateline the title, a line holding only the date
the publication time), and, in text mode, the host of the URL as publisher."""

from __future__ import annotations

from ..dates import DateMatch
from ..document import Doc
from ..profiles import host_of
from .resolve import Candidate


def doc_candidates(doc: Doc) -> list[Candidate]:
    """What the text rules and document rules captured, in the order they are trusted."""
    out: list[Candidate] = []
    title = doc.meta.get("title")
    if title:  # a title line above the dateline
        out.append(Candidate("title", title, "text:nav.title-above-dateline"))
    published = doc.meta.get("published")
    if isinstance(published, DateMatch):  # a line holding only the date
        out.append(Candidate("published", published, doc.provenance.get("published", "text")))
    if doc.authors:
        out.append(Candidate("authors", tuple(doc.authors), doc.provenance.get("authors", "text")))
    if doc.editor:
        out.append(Candidate("editor", doc.editor, doc.provenance.get("editor", "text")))
    if doc.dateline and doc.dateline.outlet:
        out.append(Candidate("publisher", doc.dateline.outlet, "dateline"))
    return out


def text_metadata(doc: Doc, url: str | None) -> list[Candidate]:
    """Text mode's candidates: the captures, then the URL's host as publisher."""
    out = doc_candidates(doc)
    host = host_of(url) if url else None
    if host:
        out.append(Candidate("publisher", host.removeprefix("www."), "url"))
    return out
