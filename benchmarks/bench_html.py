#!/usr/bin/env python3
"""Time newsclean's HTML mode against trafilatura (and other extractors you have installed) on a
folder of pages, in one run, and score them where gold files sit beside the pages.

    python benchmarks/bench_html.py ../shared/corpus/dev --repeat 5 --plot docs/benchmark-html.svg

Every tool gets the same decoded page text. Each page is timed ``--repeat`` times per tool and
the fastest run kept; the summary gives each tool's median time per page and its ratio to
trafilatura measured in this same run (absolute times drift on shared machines, ratios do not).
Where ``<id>.gold.json`` files are present (the format of shared/eval/README.md) the `with`/
`without` snippets are scored too, and ``--plot`` draws quality against time per page as SVG.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
import unicodedata
import warnings
from collections.abc import Callable
from pathlib import Path

warnings.filterwarnings("ignore")

_FOLD = str.maketrans(
    {
        "\u201c": '"',
        "\u201d": '"',
        "\u2018": "'",
        "\u2019": "'",
        "\u2013": "-",
        "\u2014": "-",
        "\u00a0": " ",
    }
)


def norm(s: str) -> str:
    s = unicodedata.normalize("NFKC", s or "").translate(_FOLD)
    return re.sub(r"\s+", " ", s).strip().casefold()


def _newsclean(doc: str, url: str | None) -> str:
    import newsclean

    return newsclean.clean_html(doc, url=url).text


def _trafilatura(precision: bool) -> Callable[[str, str | None], str]:
    def run(doc: str, url: str | None) -> str:
        import trafilatura

        return trafilatura.extract(doc, url=url, favor_precision=precision) or ""

    return run


def _justext(doc: str, url: str | None) -> str:
    import justext

    paras = justext.justext(doc.encode("utf-8"), justext.get_stoplist("Indonesian"))
    return "\n".join(p.text for p in paras if not p.is_boilerplate)


def _readability(doc: str, url: str | None) -> str:
    import lxml.html
    from readability import Document

    body = lxml.html.fromstring(Document(doc).summary())
    return "\n".join(p.text_content() for p in body.iter("p", "h1", "h2", "h3", "li"))


def _resiliparse(doc: str, url: str | None) -> str:
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.html import HTMLTree

    return str(extract_plain_text(HTMLTree.parse(doc), main_content=True))


def _boilerpy(doc: str, url: str | None) -> str:
    from boilerpy3 import extractors

    return str(extractors.ArticleExtractor(raise_on_failure=False).get_content(doc))


def _lxml_parse(doc: str, url: str | None) -> str:
    import lxml.html

    lxml.html.document_fromstring(doc)
    return ""


TOOLS: dict[str, Callable[[str, str | None], str]] = {
    "newsclean": _newsclean,
    "trafilatura": _trafilatura(False),
    "trafilatura-precision": _trafilatura(True),
    "justext": _justext,
    "readability": _readability,
    "resiliparse": _resiliparse,
    "boilerpy3": _boilerpy,
    "lxml-parse-only": _lxml_parse,
}


def load(folder: Path) -> list[tuple[str, str, dict]]:
    pages = []
    for page in sorted(folder.glob("*.html")):
        gold_file = page.with_name(page.stem + ".gold.json")
        gold = json.loads(gold_file.read_text("utf-8")) if gold_file.exists() else {}
        pages.append((page.stem, page.read_bytes().decode("utf-8", "replace"), gold))
    return pages


def score(text: str, gold: dict) -> tuple[int, int, int, int]:
    t = norm(text)
    tp = sum(norm(s) in t for s in gold.get("with", []))
    fn = len(gold.get("with", [])) - tp
    fp = sum(norm(s) in t for s in gold.get("without", []))
    tn = len(gold.get("without", [])) - fp
    return tp, fn, fp, tn


def run(pages: list[tuple[str, str, dict]], tools: list[str], repeat: int) -> dict[str, dict]:
    results: dict[str, dict] = {}
    for name in tools:
        fn = TOOLS[name]
        fn(pages[0][1], None)  # warm up: imports, compiled rules, caches
        times, counts, errors = [], [0, 0, 0, 0], 0
        for _, doc, gold in pages:
            best, out = float("inf"), ""
            for _ in range(repeat):
                t0 = time.perf_counter()
                try:
                    out = fn(doc, gold.get("url"))
                except Exception:  # a crash scores as an empty result
                    out, errors = "", errors + 1
                best = min(best, time.perf_counter() - t0)
            times.append(best)
            for i, v in enumerate(score(out, gold)):
                counts[i] += v
        tp, fn_, fp, _ = counts
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn_) if tp + fn_ else 0.0
        results[name] = {
            "median_ms": 1000 * statistics.median(times),
            "mean_ms": 1000 * statistics.fmean(times),
            "f1": 2 * p * r / (p + r) if p + r else 0.0,
            "leaked": fp,
            "errors": errors,
            "scored": any(g for _, _, g in pages),
        }
    return results


def svg_plot(results: dict[str, dict], path: Path, title: str) -> None:
    """Quality (f1) against median time per page, one dot per tool, as a small SVG."""
    pts = {k: v for k, v in results.items() if v["scored"] and k != "lxml-parse-only"}
    if not pts:
        return
    w, h, m = 640, 400, 60
    xmax = max(v["median_ms"] for v in pts.values()) * 1.15
    ymin = min(0.8, min(v["f1"] for v in pts.values()) - 0.02)

    def x(ms: float) -> float:
        return m + (w - 2 * m) * ms / xmax

    def y(f1: float) -> float:
        return h - m - (h - 2 * m) * (f1 - ymin) / (1.0 - ymin)

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" '
        f'font-family="sans-serif" font-size="12">',
        f'<rect width="{w}" height="{h}" fill="white"/>',
        f'<text x="{w / 2}" y="24" text-anchor="middle" font-size="14">{title}</text>',
        f'<line x1="{m}" y1="{h - m}" x2="{w - m}" y2="{h - m}" stroke="black"/>',
        f'<line x1="{m}" y1="{m}" x2="{m}" y2="{h - m}" stroke="black"/>',
        f'<text x="{w / 2}" y="{h - 20}" text-anchor="middle">median time per page (ms)</text>',
        f'<text x="18" y="{h / 2}" transform="rotate(-90 18 {h / 2})" '
        f'text-anchor="middle">f1 (with/without snippets)</text>',
    ]
    for i in range(6):
        ms = xmax * i / 5
        out.append(f'<text x="{x(ms)}" y="{h - m + 16}" text-anchor="middle">{ms:.0f}</text>')
        f1 = ymin + (1.0 - ymin) * i / 5
        out.append(f'<text x="{m - 6}" y="{y(f1) + 4}" text-anchor="end">{f1:.2f}</text>')
    for name, v in pts.items():
        colour = "#c0392b" if name == "newsclean" else "#2c3e50"
        out.append(
            f'<circle cx="{x(v["median_ms"]):.1f}" cy="{y(v["f1"]):.1f}" r="6" fill="{colour}"/>'
        )
        out.append(f'<text x="{x(v["median_ms"]) + 9:.1f}" y="{y(v["f1"]) + 4:.1f}">{name}</text>')
    out.append("</svg>")
    path.write_text("\n".join(out) + "\n", "utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("folder", type=Path, help="a folder of .html pages (gold files optional)")
    ap.add_argument(
        "--tools",
        default="newsclean,trafilatura,trafilatura-precision,lxml-parse-only",
        help=f"comma-separated, from: {', '.join(TOOLS)}",
    )
    ap.add_argument("--repeat", type=int, default=3, help="runs per page; the fastest is kept")
    ap.add_argument("--plot", type=Path, help="write an SVG of f1 against time per page")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    a = ap.parse_args(argv)
    names = a.tools.split(",")
    unknown = [n for n in names if n not in TOOLS]
    if unknown:
        ap.error(f"unknown tools {unknown}")
    pages = load(a.folder)
    if not pages:
        ap.error(f"no .html pages in {a.folder}")
    results = run(pages, names, a.repeat)
    base = results.get("trafilatura", {}).get("median_ms")
    for v in results.values():
        v["ratio_to_trafilatura"] = v["median_ms"] / base if base else None
    if a.json:
        print(json.dumps({"pages": len(pages), "tools": results}, indent=1))
    else:
        print(f"{len(pages)} pages from {a.folder}, fastest of {a.repeat} runs per page")
        print(
            f"{'tool':24}{'median ms':>11}{'mean ms':>10}{'x trafilatura':>15}{'f1':>8}"
            f"{'leaked':>8}{'errors':>8}"
        )
        for name, v in results.items():
            ratio = f"{v['ratio_to_trafilatura']:.2f}" if v["ratio_to_trafilatura"] else "-"
            f1 = f"{v['f1']:.4f}" if v["scored"] else "-"
            print(
                f"{name:24}{v['median_ms']:>11.2f}{v['mean_ms']:>10.2f}{ratio:>15}{f1:>8}"
                f"{v['leaked'] if v['scored'] else '-':>8}{v['errors']:>8}"
            )
    if a.plot:
        svg_plot(results, a.plot, f"{len(pages)} pages of {a.folder.name}: quality and time")
        print(f"plot written to {a.plot}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
