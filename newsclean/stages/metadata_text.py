"""What text mode can know without HTML: the publisher (from the dateline outlet or the URL),
the title when a title line stood above the dateline, and the publication time when a line
held only the date."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from ..document import Doc


def text_metadata(doc: Doc, url: str | None) -> dict[str, Any]:
    meta: dict[str, Any] = {}
    provenance: dict[str, str] = {}
    if doc.dateline and doc.dateline.outlet:
        meta["publisher"] = doc.dateline.outlet
        provenance["publisher"] = "dateline"
    elif url:
        host = urlsplit(url).hostname or ""
        if host:
            meta["publisher"] = host.removeprefix("www.")
            provenance["publisher"] = "url"
    if doc.meta.get("published"):  # a line holding only the date
        meta["published"] = doc.meta["published"]
        provenance["published"] = doc.provenance.get("published", "text")
    if doc.meta.get("title"):  # a title line above the dateline
        meta["title"] = doc.meta["title"]
        provenance["title"] = "text:nav.title-above-dateline"
    meta["provenance"] = provenance
    meta["language"] = "id"
    return meta
