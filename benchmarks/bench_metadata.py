#!/usr/bin/env python3
"""Metadata checks on a folder of pages that are not Indonesian: instants and language.

    python benchmarks/bench_metadata.py ../shared/bench/aeb [--list]

Reads ``html/*.html.gz`` (and ``ground-truth.json`` for each page's URL when it is there),
cleans every page in HTML mode and counts:

- timed pages whose ``published`` is another instant than the page's own JSON-LD
  ``datePublished`` (only pages whose JSON-LD gives a time with an offset count; a naive
  ``published``, a zone newsclean could not know, is no contradiction and is counted apart);
- pages whose clean text is English but whose ``language`` is not "en", and English pages
  labelled "id" (the clean text is called English when English stop words outnumber every
  other language's by far: the benchmark itself gives no language).

Nothing of the benchmark is copied: the path is an argument.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import newsclean

_LD = re.compile(
    r"<script[^>]*application/ld\+json[^>]*>(.*?)</script>", re.I | re.S
)  # a plain reader, independent of newsclean's own
_EN = frozenset(
    [
        "the",
        "of",
        "and",
        "to",
        "in",
        "is",
        "that",
        "for",
        "it",
        "was",
        "on",
        "with",
        "as",
        "by",
        "at",
        "from",
        "this",
        "be",
        "are",
        "have",
        "has",
        "not",
        "but",
        "an",
        "were",
        "which",
        "their",
        "they",
    ]
)


def _ld_published(html: str) -> datetime | None:
    for raw in _LD.findall(html):
        try:
            data = json.loads(raw.strip(), strict=False)
        except (ValueError, RecursionError):
            continue
        for obj in _objects(data):
            value = obj.get("datePublished")
            if isinstance(value, str) and "T" in value:
                try:
                    got = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
                except ValueError:
                    continue
                if got.tzinfo is not None and got.year >= 1995:  # not a "0001-01-01" filler
                    return got
    return None


def _objects(data: Any, depth: int = 0) -> list[dict[str, Any]]:
    if depth > 5:
        return []
    if isinstance(data, list):
        return [o for item in data for o in _objects(item, depth + 1)]
    if isinstance(data, dict):
        out = [data]
        for item in data.get("@graph") or []:
            out.extend(_objects(item, depth + 1))
        return out
    return []


def _english(text: str) -> bool:
    words = re.findall(r"[a-z]+", text.lower())
    if len(words) < 30:
        return False
    share = sum(w in _EN for w in words) / len(words)
    return share > 0.2


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("path", type=Path, help="the benchmark folder (holding html/*.html.gz)")
    ap.add_argument("--list", action="store_true", help="list every page that counts as wrong")
    a = ap.parse_args()
    truth_file = a.path / "ground-truth.json"
    truth = json.loads(truth_file.read_text("utf8")) if truth_file.exists() else {}
    pages = sorted((a.path / "html").glob("*.html.gz"))
    with_ld = contradict = naive = english = en_as_id = en_wrong = 0
    for p in pages:
        key = p.name.split(".")[0]
        with gzip.open(p) as f:
            raw = f.read()
        url = (truth.get(key) or {}).get("url")
        art = newsclean.clean_html(raw, url=url)
        ld = _ld_published(raw.decode("utf8", "replace"))
        if ld is not None:
            with_ld += 1
            got = art.published
            if got is not None and got.tzinfo is None:
                naive += 1
            elif got is not None and abs((got - ld).total_seconds()) > 60:
                contradict += 1
                if a.list:
                    print(f"time  {key[:12]} json-ld {ld.isoformat()} got {got.isoformat()}")
        if _english(art.text):
            english += 1
            if art.language != "en":
                en_wrong += 1
                en_as_id += art.language == "id"
                if a.list:
                    print(f"lang  {key[:12]} english text labelled {art.language!r}")
    print(f"pages: {len(pages)}")
    print(f"JSON-LD datePublished with an offset: {with_ld}")
    print(f"  published contradicts it: {contradict}")
    print(f"  published naive (zone unknown): {naive}")
    print(f"English clean text: {english}")
    print(f"  labelled 'id': {en_as_id}")
    print(f"  labelled anything but 'en': {en_wrong}")


if __name__ == "__main__":
    main()
