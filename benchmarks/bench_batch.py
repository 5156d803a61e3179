#!/usr/bin/env python3
"""Throughput of `newsclean clean` with 1 and 2 workers, in text mode and in HTML mode.

    python benchmarks/bench_batch.py --texts ../shared/corpus/text/articles.jsonl \\
        --pages ../shared/corpus/dev/*.html --docs 2000

The inputs are repeated until there are ``--docs`` documents: the texts into a temporary JSONL
file, the pages into a temporary directory of links to them. Each configuration runs the real
command in a subprocess (``python -m newsclean clean ... -o FILE --stats FILE``), so start-up and
writing are counted; the figure printed is documents per second of wall-clock time (and, in
brackets, of the run as the command's ``--stats`` times it, without interpreter start-up), and
the scaling factor is the 2-worker figure over the 1-worker one. On small inputs start-up
weighs: use ``--docs 20000`` to see the steady state. Nothing is written to the repo.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _text_input(paths: list[Path], n: int, tmp: Path) -> Path:
    lines = [line for p in paths for line in p.read_text("utf-8").splitlines() if line.strip()]
    if not lines:
        sys.exit("no texts in the --texts files")
    out = tmp / "texts.jsonl"
    with out.open("w", encoding="utf-8") as f:
        for i in range(n):
            f.write(lines[i % len(lines)] + "\n")
    return out


def _html_input(paths: list[Path], n: int, tmp: Path) -> Path:
    if not paths:
        sys.exit("no pages given with --pages")
    folder = tmp / "pages"
    folder.mkdir()
    for i in range(n):
        src = paths[i % len(paths)].resolve()
        os.symlink(src, folder / f"{i:06d}-{src.stem}.html")
    return folder


def _run(source: Path, mode: str, workers: int, tmp: Path) -> dict:
    out, stats = tmp / "out.jsonl", tmp / "stats.json"
    cmd = [sys.executable, "-m", "newsclean", "clean", str(source), "-o", str(out)]
    cmd += ["--mode", mode, "--workers", str(workers), "--stats", str(stats), "--quiet"]
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        sys.exit(f"newsclean clean failed ({proc.returncode}):\n{proc.stderr}")
    data = json.loads(stats.read_text())
    return {
        "docs": data["documents"],
        "errors": data["errors"],
        "wall": wall,
        "run": data["seconds"],  # the run itself, without interpreter start-up
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--texts", nargs="*", type=Path, default=[], help="JSONL files of texts")
    ap.add_argument("--pages", nargs="*", type=Path, default=[], help="HTML pages")
    ap.add_argument("--docs", type=int, default=2000, help="documents per run (default 2000)")
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = ap.parse_args()
    if not args.texts and not args.pages:
        ap.error("give --texts and/or --pages")
    print(f"cores available: {len(os.sched_getaffinity(0))}; {args.docs:,} documents per run")
    with tempfile.TemporaryDirectory(prefix="nc-bench-") as name:
        tmp = Path(name)
        suites = []
        if args.texts:
            suites.append(("text", _text_input(args.texts, args.docs, tmp)))
        if args.pages:
            suites.append(("html", _html_input(args.pages, args.docs, tmp)))
        for mode, source in suites:
            rates, run_rates = {}, {}
            for w in args.workers:
                r = _run(source, mode, w, tmp)
                rates[w] = r["docs"] / r["wall"]
                run_rates[w] = r["docs"] / r["run"] if r["run"] else 0.0
                print(
                    f"{mode:4} mode  {w} worker{'s' if w > 1 else ' '}  {r['docs']:,} docs "
                    f"in {r['wall']:6.1f} s  {rates[w]:8.1f} docs/s  "
                    f"({run_rates[w]:8.1f} docs/s without start-up; {r['errors']} errors)"
                )
            first = args.workers[0]
            for w in args.workers[1:]:
                print(
                    f"{mode:4} mode  scaling {first} -> {w} workers: x{rates[w] / rates[first]:.2f}"
                    f" (x{run_rates[w] / run_rates[first]:.2f} without start-up)"
                )


if __name__ == "__main__":
    main()
