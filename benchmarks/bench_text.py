#!/usr/bin/env python3
"""Throughput of text mode on one core, trail on, against a bare line-start regex filter.

    python benchmarks/bench_text.py ../shared/corpus/text/articles.jsonl --rounds 5

Reads a JSON Lines file of texts (the ``text`` field, or the one ``--field`` names), cleans
every text ``--rounds`` times in this one process and reports the best round as MB of UTF-8 text
per second, next to the filter most scrapers write by hand (drop lines that start with a known
phrase) measured in the same run, and peak memory. Absolute figures drift on shared machines;
the ratio between the two in one run does not.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path

_PATTERN = r"\s*(baca juga|simak juga|advertisement)"


def naive(text: str) -> str:
    """The bare line-start filter the performance issue measures against, word for word."""
    return "\n".join(line for line in text.split("\n") if not re.match(_PATTERN, line, re.I))


def best_of(
    rounds: int, fns: dict[str, Callable[[str], object]], texts: list[str]
) -> dict[str, float]:
    """The fastest round of each function. Rounds alternate between them, so that a slow spell
    of a shared machine hits both alike."""
    best = dict.fromkeys(fns, float("inf"))
    for _ in range(rounds):
        for name, fn in fns.items():
            start = time.perf_counter()
            for t in texts:
                fn(t)
            best[name] = min(best[name], time.perf_counter() - start)
    return best


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("jsonl", type=Path, help="JSON Lines of texts, e.g. corpus/text/articles.jsonl")
    ap.add_argument("--field", default="text")
    ap.add_argument("--rounds", type=int, default=5, help="rounds; the fastest is reported")
    ap.add_argument("--no-trail", action="store_true", help="switch the audit trail off")
    a = ap.parse_args(argv)

    import newsclean

    texts = [
        json.loads(line)[a.field]
        for line in a.jsonl.read_text("utf-8").splitlines()
        if line.strip()
    ]
    size = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    options = newsclean.Options(trail=not a.no_trail)
    newsclean.clean_text("warm up: load the rules once", options=options)

    best = best_of(
        a.rounds,
        {"ours": lambda t: newsclean.clean_text(t, options=options), "bare": naive},
        texts,
    )
    ours, bare = best["ours"], best["bare"]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{len(texts)} texts, {size:.2f} MB of UTF-8, best of {a.rounds} rounds, one core, "
        f"trail {'off' if a.no_trail else 'on'}"
    )
    print(
        f"newsclean.clean_text   {size / ours:8.1f} MB/s   {1000 * ours / len(texts):7.3f} ms/text"
    )
    print(
        f"line-start regex       {size / bare:8.1f} MB/s   {1000 * bare / len(texts):7.3f} ms/text"
    )
    print(f"newsclean takes {ours / bare:.1f}x the time of the bare filter; peak RSS {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
