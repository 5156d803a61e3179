#!/usr/bin/env python3
"""Idempotence of text mode: does cleaning a cleaned text again change it?

    python benchmarks/bench_idempotence.py ../shared/corpus/text/gold.jsonl
    python benchmarks/bench_idempotence.py ../shared/corpus/text/articles.jsonl --mutate

Reads JSON Lines of scraped texts (the ``text`` field, or the one ``--field`` names), cleans
each, cleans the result again and counts the texts whose second pass differs. With
``--mutate`` it also does so for variants of each text with artifacts added where scrapers put
them (the dateline printed twice, an advertisement line after it, a doubled first line, a
promo line on top, a related link between paragraphs), and lists a few that still change.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path


def mutations(text: str) -> dict[str, str]:
    """Variants of ``text`` with artifacts added the way scrapers leave them."""
    import newsclean

    lines = text.strip().split("\n")
    out: dict[str, str] = {}
    article = newsclean.clean_text(text)
    raw = article.dateline.raw if article.dateline else None
    at = text.find(raw) if raw else -1
    if raw and at >= 0:
        end = at + len(raw)
        out["dateline-twice"] = f"{text[:at]}{raw} {text[at:]}"
        out["ad-after-dateline"] = f"{text[:end]} ADVERTISEMENT {text[end:]}"
        out["ad-line-after-dateline"] = f"{text[:end]}\nADVERTISEMENT\n{text[end:]}"
    out["ad-line-top"] = "ADVERTISEMENT\n" + text
    out["scroll-top"] = "SCROLL TO CONTINUE WITH CONTENT\n" + text
    out["double-first-line"] = lines[0] + "\n" + text
    if len(lines) > 3:
        out["related-mid"] = "\n".join([*lines[:2], "Baca juga: Warga Berkumpul di Alun-Alun"])
        out["related-mid"] += "\n" + "\n".join(lines[2:])
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("jsonl", type=Path, help="JSON Lines of texts, e.g. corpus/text/gold.jsonl")
    ap.add_argument("--field", default="text")
    ap.add_argument("--mutate", action="store_true", help="also clean mutated variants")
    ap.add_argument("--show", type=int, default=5, help="list this many texts that change")
    a = ap.parse_args(argv)

    import newsclean

    total = changed = 0
    by_kind: Counter[str] = Counter()
    tried: Counter[str] = Counter()
    shown = 0
    for line in a.jsonl.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        text = rec.get(a.field) or ""
        variants = {"as-is": text}
        if a.mutate:
            variants.update(mutations(text))
        for kind, variant in variants.items():
            once = newsclean.clean_text(variant).text
            twice = newsclean.clean_text(once).text if once else once
            total += 1
            tried[kind] += 1
            if twice != once:
                changed += 1
                by_kind[kind] += 1
                if shown < a.show:
                    shown += 1
                    print(f"changes on a second pass: {rec.get('id')} ({kind})")
    print(f"{changed} of {total} texts change on a second pass ({changed / max(total, 1):.1%})")
    for kind in tried:
        print(f"  {kind}: {by_kind[kind]} of {tried[kind]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
