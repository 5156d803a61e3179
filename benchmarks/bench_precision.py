#!/usr/bin/env python3
"""Precision of text mode on clean article bodies: how many of their words survive ``clean_text``.

    python benchmarks/bench_precision.py ../shared/bench/aeb/ground-truth.json --worst 15
    python benchmarks/bench_precision.py ../shared/corpus/text/gold.jsonl --field expected

The input holds article bodies with no artifacts in them (the ground truth of an extraction
benchmark, or the expected outputs of a gold set): every word that text mode removes from them
is body text lost. A JSON object of records (``{"id": {"articleBody": ...}}``) or JSON Lines
(``--field`` names the text field) are read.

Words are compared as a multiset of lower-case word tokens of the normalised input (soft hyphens
and entities folded), so re-joined lines and changed white space cost nothing; the words of a dateline moved to ``Article.dateline`` count as kept. The
report gives the share of words kept overall, the texts that lost words, which rules removed
how many words, and the worst texts with what each rule took.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

_WORD = re.compile(r"[^\W_]+")  # (underscores of a rule line are no word)


def words(text: str) -> Counter[str]:
    return Counter(w.casefold() for w in _WORD.findall(text))


def load(path: Path, field: str) -> list[tuple[str, str]]:
    """(id, body) pairs from a JSON object of records or from JSON Lines."""
    raw = path.read_text(encoding="utf-8")
    if path.suffix == ".json":
        data = json.loads(raw)
        items = data.items() if isinstance(data, dict) else enumerate(data)
        out = []
        for key, rec in items:
            body = rec.get(field) or rec.get("articleBody") or rec.get("text") or ""
            out.append((str(key), body))
        return out
    out = []
    for n, line in enumerate(raw.splitlines()):
        if line.strip():
            rec = json.loads(line)
            out.append((str(rec.get("id", n)), rec.get(field) or ""))
    return out


def measure(body: str) -> tuple[int, int, Counter[str], list[tuple[str, str]]]:
    """Words in, words kept, words removed by rule, and (rule, text) of each removal."""
    import newsclean
    from newsclean.stages.normalize import normalize_text

    article = newsclean.clean_text(body)
    before = words(normalize_text(body))  # (a soft hyphen splits no word of the output)
    after = words(article.text)
    if article.dateline is not None:
        after += words(article.dateline.raw)
    kept = sum(min(n, after[w]) for w, n in before.items())
    by_rule: Counter[str] = Counter()
    taken = []
    for r in article.removed:
        if r.kind in ("join", "kept") or (r.rule.startswith("dateline.") and article.dateline):
            continue
        n = len(_WORD.findall(r.text))
        if n:
            by_rule[r.rule] += n
            taken.append((r.rule, r.text))
    return sum(before.values()), kept, by_rule, taken


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("path", type=Path, help="ground-truth.json, or JSON Lines of clean texts")
    ap.add_argument("--field", default="articleBody", help="the text field (default articleBody)")
    ap.add_argument("--worst", type=int, default=10, help="list this many worst texts")
    a = ap.parse_args(argv)

    total = kept = 0
    rules: Counter[str] = Counter()
    rows = []
    for key, body in load(a.path, a.field):
        if not body.strip():
            continue
        n, k, by_rule, taken = measure(body)
        total += n
        kept += k
        rules.update(by_rule)
        rows.append((key, n, k, taken))
    losing = [r for r in rows if r[2] < r[1]]
    share = kept / total if total else 1.0
    print(f"{len(rows)} texts, {total:,} words: {share:.2%} kept ({total - kept:,} lost)")
    print(f"{len(losing)} texts lose words")
    print("words removed, by rule:")
    for rule, n in rules.most_common():
        print(f"  {n:6,}  {rule}")
    losing.sort(key=lambda r: (r[2] / r[1], r[0]))
    for key, n, k, taken in losing[: a.worst]:
        print(f"\n{key}: {k}/{n} words kept ({k / n:.1%})")
        for rule, text in taken[:8]:
            snippet = text if len(text) <= 110 else text[:107] + "..."
            print(f"  - {rule}: {snippet!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
