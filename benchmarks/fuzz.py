#!/usr/bin/env python3
"""The long fuzz run: many mutated, random and hostile inputs through clean_html and clean_text.

    python benchmarks/fuzz.py --count 10000 --seed 1      # one part; run several seeds
    python benchmarks/fuzz.py --count 60 --big           # hostile inputs of megabytes

The cases come from tests/fuzzing.py (mutations of the fixture pages and texts, random
text-ish and HTML-ish input, hostile inputs: huge repeats, deep nesting, control characters,
lone surrogates, bad URLs, nested JSON-LD, UTF-16/32 pages). For each case it checks that
cleaning raises nothing, that the result encodes as UTF-8 and as JSON, and it times the call
(CPU time of this process, so that other work on a shared machine does not count):
a document is *slow* when it takes more than ``--per-mb`` seconds per MB of input (inputs
under 100 KB count as 100 KB, so start-up costs of tiny inputs do not count), or more than
``--limit`` seconds at all (it is then stopped). It prints the counts per family, every failure
with its seed and case number (so that ``--only N`` replays it), and the slowest cases.
Nothing is written to the repository.
"""

from __future__ import annotations

import argparse
import json
import random
import signal
import sys
import time
import traceback
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import fuzzing

import newsclean

FLOOR = 100_000  # bytes: smaller inputs are timed as if they were this size


class _Stopped(Exception):
    pass


def _alarm(signum: int, frame: object) -> None:
    raise _Stopped


OPTIONS = newsclean.Options()


def run_case(mode: str, data: str | bytes) -> newsclean.Article:
    if mode == "html":
        return newsclean.clean_html(data, url="https://warta.example/berita/1", options=OPTIONS)
    if isinstance(data, bytes):
        data = data.decode("utf-8", "replace")
    return newsclean.clean_text(data, options=OPTIONS)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--count", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--per-mb", type=float, default=2.0, help="seconds per MB allowed")
    ap.add_argument("--limit", type=float, default=60.0, help="seconds before a case is stopped")
    ap.add_argument("--family", help="only cases whose family starts with this")
    ap.add_argument("--only", type=int, help="replay one case number")
    ap.add_argument("--big", action="store_true", help="hostile inputs of megabytes only")
    ap.add_argument(
        "--no-fallback", action="store_true", help="Options(html_fallback=False): no trafilatura"
    )
    args = ap.parse_args()
    if args.no_fallback:
        global OPTIONS
        OPTIONS = newsclean.Options(html_fallback=False)
    signal.signal(signal.SIGALRM, _alarm)
    # warm up: rules compiled, modules loaded (trafilatura's on a page without paragraphs)
    run_case("html", "<p>Harga beras naik di pasar induk pekan ini, kata pedagang.</p>")
    run_case("html", "<html><body><span>kata</span></body></html>")
    families: Counter[str] = Counter()
    failures: list[str] = []
    slow: list[tuple[float, int, str, int]] = []
    worst: list[tuple[float, int, str, int]] = []
    total_bytes = 0
    slow_fallback = 0  # slow cases where the trafilatura fallback ran
    start = time.perf_counter()
    done = 0
    for n in range(args.count):
        rng = random.Random(f"{args.seed}:{n}")
        family, mode, data = fuzzing.case(rng, args.big)
        if args.only is not None and n != args.only:
            continue
        if args.family and not family.startswith(args.family):
            continue
        size = len(data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data)
        total_bytes += size
        families[family] += 1
        done += 1
        t0 = time.process_time()  # CPU time: the machine may be shared
        signal.setitimer(signal.ITIMER_REAL, args.limit)
        article = None
        try:
            article = run_case(mode, data)
            article.text.encode("utf-8")
            json.dumps(article.to_dict(), ensure_ascii=False).encode("utf-8")
        except _Stopped:
            failures.append(f"case {n} ({family}, {size:,} bytes): stopped after {args.limit} s")
        except Exception:
            tb = traceback.format_exc(limit=-3).strip().splitlines()
            failures.append(f"case {n} ({family}, {size:,} bytes): {' | '.join(tb[-3:])}")
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        took = time.process_time() - t0
        per_mb = took / (max(size, FLOOR) / 1e6)
        worst.append((per_mb, n, family, size))
        worst = sorted(worst, reverse=True)[:10]
        if per_mb > args.per_mb:
            slow.append((per_mb, n, family, size))
            if article is not None and (
                article.source_of("body") == "trafilatura"
                or (mode == "html" and article.reason == "no article body found on the page")
            ):
                slow_fallback += 1
    elapsed = time.perf_counter() - start
    print(f"seed {args.seed}: {done:,} cases, {total_bytes / 1e6:,.1f} MB in {elapsed:,.0f} s")
    for family, count in sorted(families.items()):
        print(f"  {count:>7,}  {family}")
    print(f"exceptions or stopped: {len(failures)}")
    for line in failures[:50]:
        print(f"  {line}")
    print(
        f"over {args.per_mb:g} s per MB (inputs under {FLOOR // 1000} KB counted as such): "
        f"{len(slow)} ({slow_fallback} where the trafilatura fallback ran)"
    )
    for per_mb, n, family, size in sorted(slow, reverse=True)[:30]:
        print(f"  case {n} ({family}, {size:,} bytes): {per_mb:.2f} s/MB")
    print("slowest per MB:")
    for per_mb, n, family, size in worst:
        print(f"  case {n} ({family}, {size:,} bytes): {per_mb:.3f} s/MB")
    return 1 if failures or slow else 0


if __name__ == "__main__":
    sys.exit(main())
