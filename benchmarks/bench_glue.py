"""Benchmark of the glued-word repair (rule ``repair.glued-words``): recall, false splits, speed.

Reads real paragraphs from files given as arguments (never shipped with newsclean): JSON lines
with a ``text`` field (scraped article texts, cleaned here in text mode) and/or a folder of
``*.html`` pages (cleaned in HTML mode). Every clean paragraph (repair off) of eight words or
more is used twice:

* as it is, to count false splits: every space the repair puts into it, per 10,000 words (a
  scraped text may hold real glue, so ``--show`` lists the splits for a reader to judge);
* glued, by dropping the spaces around random one- to three-word spans (seeded), as a scraper
  that loses the spaces around link and emphasis text does: the share of dropped spaces the
  repair restores is the recall; spaces it adds elsewhere count as false splits too.

It also checks that camel-case names stay whole, and times the stage against text mode.

    python benchmarks/bench_glue.py --text ../shared/corpus/text/articles.jsonl \\
        --html ../shared/corpus/dev [--seed 16] [--show 20]
"""

from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path

import newsclean
from newsclean import Options
from newsclean.stages.repair import GLUED, lexicon, repair_text
from newsclean.vocab import phrases

OFF = Options(disable=frozenset({GLUED.id}))
BRANDS = [
    "detikOto",
    "detikNews",
    "detikcom",
    "iPhone",
    "iPad",
    "WhatsApp",
    "YouTube",
    "TikTok",
    "LinkedIn",
    "KompasTV",
    "PlayStation",
    "OpenAI",
    "BlackBerry",
    "McDonald",
    "eSports",
    "kumparanNEWS",
    "GoPay",
    "ShopeePay",
    "LinkAja",
    "JavaScript",
    "PowerPoint",
    "MacBook",
    "AirPods",
    "FaceTime",
    "GitHub",
    "ChatGPT",
    "DeepSeek",
    "SpaceX",
    "SoftBank",
]
_SENTENCE = "Menurut laporan itu, layanan {} kini dipakai oleh jutaan warga di berbagai daerah."


def paragraphs(text_files: list[Path], html_dirs: list[Path], limit: int) -> list[tuple[str, str]]:
    """(source kind, paragraph) of eight words or more: "text" or "html"."""
    out: list[tuple[str, str]] = []
    for path in text_files:
        for line in path.read_text("utf-8").splitlines()[:limit]:
            text = json.loads(line).get("text") or ""
            out.extend(("text", p) for p in newsclean.clean_text(text, options=OFF).paragraphs)
    for folder in html_dirs:
        for page in sorted(folder.glob("*.html"))[:limit]:
            art = newsclean.clean_html(page.read_bytes(), options=OFF)
            out.extend(("html", p) for p in art.paragraphs)
    return [(k, p) for k, p in out if len(p.split()) >= 8]


def bounds(text: str) -> set[int]:
    """Spaces as positions in the text's non-space characters (what a repair keeps fixed)."""
    out, n = set(), 0
    for ch in text:
        if ch.isspace():
            out.add(n)
        else:
            n += 1
    return out


def glue(paragraph: str, rng: random.Random) -> str:
    """Drop the spaces around random one- to three-word spans, about one span per 12 words."""
    words = paragraph.split()
    joins = [" "] * (len(words) - 1)  # joins[i] sits between words i and i+1
    i = rng.randrange(0, 6)
    while i < len(words):
        size = rng.randint(1, 3)
        if i > 0:
            joins[i - 1] = ""
        if i + size - 1 < len(joins):
            joins[i + size - 1] = ""
        i += size + rng.randint(6, 16)
    return words[0] + "".join(j + w for j, w in zip(joins, words[1:], strict=True))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--text", type=Path, action="append", default=[], help="JSON lines")
    ap.add_argument("--html", type=Path, action="append", default=[], help="folder of pages")
    ap.add_argument("--limit", type=int, default=400, help="records or pages per source")
    ap.add_argument("--seed", type=int, default=16)
    ap.add_argument("--show", type=int, default=0, help="print this many splits of each kind")
    args = ap.parse_args()
    lex = lexicon()
    if lex is None:
        raise SystemExit("the word lists did not load")
    sourced = paragraphs(args.text, args.html, args.limit)
    paras = [p for _, p in sourced]
    words = sum(len(p.split()) for p in paras)

    clean_splits: list[tuple[str, str]] = []
    by_kind: dict[str, list[int]] = {}  # kind → [words, spaces added]
    before: list[set[int]] = []  # spaces the repair adds to each paragraph as it is
    for kind, p in sourced:
        out, reps = repair_text(p, lex)
        clean_splits.extend((b, a) for _, b, a in reps)
        before.append(bounds(out) - bounds(p))
        tally = by_kind.setdefault(kind, [0, 0])
        tally[0] += len(p.split())
        tally[1] += sum(a.count(" ") - b.count(" ") for _, b, a in reps)

    rng = random.Random(args.seed)
    dropped = restored = false = glued_words = 0
    clean = [
        0,
        0,
        0,
        0,
    ]  # paragraphs the repair leaves as they are: dropped, restored, false, words
    misses: list[str] = []
    wrong: list[str] = []
    for p, already in zip(paras, before, strict=True):
        g = glue(p, rng)
        ref, cut = bounds(p), bounds(g)
        out, reps = repair_text(g, lex)
        got = bounds(out)
        lost = ref - cut
        dropped += len(lost)
        restored += len(lost & got)
        bad = got - ref - already  # (the paragraph's own glue, repaired, is counted above)
        false += len(bad)
        glued_words += len(p.split())
        if not already:
            for i, n in enumerate((len(lost), len(lost & got), len(bad), len(p.split()))):
                clean[i] += n
        if bad and len(wrong) < args.show:
            pos = {at: (b, a) for at, b, a in reps}
            wrong.extend(
                f"{b} → {a}"
                for at, (b, a) in pos.items()
                if any(len("".join(g[:at].split())) + x in bad for x in bounds(a))
            )
        if lost - got and len(misses) < args.show:
            misses.extend(w for w in g.split() if len(w) > 12 and w not in p.split())

    brands_changed = [
        b
        for b in (*BRANDS, *phrases("camel_case_names"))
        if repair_text(_SENTENCE.format(b), lex)[1]
    ]

    texts = [
        json.loads(line).get("text") or ""
        for t in args.text
        for line in t.read_text("utf-8").splitlines()[: args.limit]
    ]
    passes = _time(texts)

    print(f"paragraphs: {len(paras)}, words: {words:,}")
    print(
        f"glued: {dropped:,} spaces dropped, {restored:,} restored "
        f"({100 * restored / max(dropped, 1):.1f}%), {false} spaces added where none was "
        f"({10_000 * false / max(glued_words, 1):.2f} per 10,000 words)"
    )
    for kind, (n, added) in sorted(by_kind.items()):
        print(
            f"as they are ({kind}): {added} spaces added in {n:,} words "
            f"({10_000 * added / max(n, 1):.2f} per 10,000 words)"
        )
    print(
        f"glued, only paragraphs with no glue of their own ({clean[3]:,} words): "
        f"{100 * clean[1] / max(clean[0], 1):.1f}% restored, {clean[2]} false splits "
        f"({10_000 * clean[2] / max(clean[3], 1):.2f} per 10,000 words)"
    )
    print(
        f"camel-case names changed: {len(brands_changed)} of "
        f"{len(BRANDS) + len(phrases('camel_case_names'))} {brands_changed}"
    )
    if texts:
        for label, (total, stage) in zip(("first", "second"), passes, strict=True):
            print(
                f"text mode, {label} pass: {total:.2f} s for {len(texts)} texts, of which the "
                f"repair stage {stage:.2f} s ({100 * stage / total:.1f}%)"
            )
    for label, items in (
        ("splits in clean paragraphs", [f"{b} → {a}" for b, a in clean_splits]),
        ("false splits in glued text", wrong),
        ("missed", misses),
    ):
        if args.show and items:
            print(f"\n{label}:")
            for item in items[: args.show]:
                print("  ", item)


def _time(texts: list[str]) -> list[tuple[float, float]]:
    """Seconds of text mode and of the repair stage within it: a first pass, when the stage
    meets every word for the first time, and a second one."""
    import newsclean.pipeline as pipeline
    from newsclean.stages import repair

    spent = [0.0]
    stage = pipeline.repair_glued_words

    def timed(doc, options):  # type: ignore[no-untyped-def]
        t = time.process_time()
        stage(doc, options)
        spent[0] += time.process_time() - t

    for memo in (repair._memo, repair._costs, repair._known, repair._clean):
        memo.clear()
    pipeline.repair_glued_words = timed
    out = []
    try:
        for _ in range(2):  # a cold pass, then one that has seen the words
            spent[0] = 0.0
            t0 = time.process_time()
            for t in texts:
                newsclean.clean_text(t)
            out.append((time.process_time() - t0, spent[0]))
    finally:
        pipeline.repair_glued_words = stage
    return out


if __name__ == "__main__":
    main()
