#!/usr/bin/env python3
"""Peak memory of cleaning one large document, as a multiple of its size.

    python benchmarks/memory.py                 # the default cases
    python benchmarks/memory.py --scale 0.2     # smaller inputs, for a quick look

Each case runs in a fresh subprocess (so that nothing else counts) that builds the input,
notes its own peak resident memory, cleans the input once and reports the growth of the peak:
what cleaning cost on top of having the input in memory. The inputs are invented and built
here: a page of many "Baca juga" paragraphs, a page of plain paragraphs, a text of paragraphs,
a text of "Baca juga" lines. Nothing is written to the repository.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys

CHILD = r"""
import json, resource, sys, time
import newsclean
kind, n = sys.argv[1], int(sys.argv[2])
para = "Harga beras medium di pasar tradisional naik lagi pekan ini, kata pedagang. "
if kind == "page-baca-juga":
    data = "<html><body><article>" + "".join(
        f"<p>{para}</p><p>Baca juga: Harga Cabai Naik untuk Kali ke-{i}</p>" for i in range(n)
    ) + "</article></body></html>"
elif kind == "page-paragraphs":
    data = "<html><body><article>" + f"<p>{para}</p>" * n + "</article></body></html>"
elif kind == "text-paragraphs":
    data = (para + "\n\n") * n
else:
    data = "".join(f"{para}\nBaca juga: Harga Cabai Naik untuk Kali ke-{i}\n" for i in range(n))
newsclean.clean_text("warm up")
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
t = time.process_time()
article = (newsclean.clean_html if kind.startswith("page") else newsclean.clean_text)(data)
took = time.process_time() - t
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({"bytes": len(data.encode()), "before": before, "after": after,
                  "seconds": took, "kept": len(article.text), "removed": len(article.removed)}))
"""

CASES = (
    ("page-baca-juga", 50_000),
    ("page-paragraphs", 70_000),
    ("text-paragraphs", 60_000),
    ("text-baca-juga", 40_000),
)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scale", type=float, default=1.0, help="multiply the input sizes")
    ap.add_argument("--only", help="one case by name")
    args = ap.parse_args()
    print(f"{'case':<18} {'input MB':>9} {'peak growth MB':>15} {'x input':>8} {'CPU s':>7}")
    for kind, n in CASES:
        if args.only and kind != args.only:
            continue
        size = max(1, int(n * args.scale))
        out = subprocess.run(
            [sys.executable, "-c", CHILD, kind, str(size)], capture_output=True, text=True
        )
        if out.returncode != 0:
            print(f"{kind:<18} failed: {out.stderr.strip()[-300:]}")
            continue
        r = json.loads(out.stdout.strip().splitlines()[-1])
        growth = (r["after"] - r["before"]) / 1e6
        print(
            f"{kind:<18} {r['bytes'] / 1e6:>9.1f} {growth:>15.0f} "
            f"{growth / (r['bytes'] / 1e6):>8.1f} {r['seconds']:>7.1f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
