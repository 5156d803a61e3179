"""Text mode's precision promises that no single table case states: cleaning twice changes
nothing, the trail's notes remove nothing, and the paths that walk lines grow linearly."""

from __future__ import annotations

import gc
import json
import time
from collections.abc import Callable
from pathlib import Path

import pytest

import newsclean
from newsclean import Options
from newsclean.document import Block, Doc
from newsclean.rules.registry import ruleset_for
from newsclean.stages import normalize
from newsclean.stages.normalize import split_lines

FIXTURES = Path(__file__).parent / "fixtures"


def _inputs() -> list[tuple[str, str]]:
    out = []
    for path in sorted(FIXTURES.glob("text_cases*.json")):
        for case in json.loads(path.read_text(encoding="utf-8")):
            if not case.get("xfail"):
                out.append((case["id"], case["input"]))
    return out


INPUTS = _inputs()


@pytest.mark.parametrize("text", [t for _, t in INPUTS], ids=[i for i, _ in INPUTS])
def test_cleaning_twice_changes_nothing(text: str) -> None:
    once = newsclean.clean_text(text).text
    if once:
        assert newsclean.clean_text(once).text == once


_SAMPLE = (
    "Jakarta - Warga Desa Contoh memadati balai desa sejak pagi untuk mengikuti lomba.\n"
    "Panitia menyiapkan hadiah bagi tiga pemenang."
)


@pytest.mark.parametrize(
    "text",
    [
        # a dateline printed twice, on the line and on a doubled first line
        "JAKARTA, CONTOH.com - JAKARTA, CONTOH.com - Warga memadati balai desa sejak pagi.\n"
        "Panitia menyiapkan hadiah.",
        f"{_SAMPLE.splitlines()[0]}\n{_SAMPLE}",
        # an advertisement line after the dateline (re-joined to it), and before it
        "Jakarta -\nADVERTISEMENT\nWarga memadati balai desa sejak pagi.\nPanitia menyiapkan hadiah.",
        # a promo line re-joined to the separator of a dateline whose city was lost
        "SCROLL TO CONTINUE WITH CONTENT\n- Warga memadati balai desa sejak pagi.\nPanitia "
        "menyiapkan hadiah.",
    ],
    ids=["dateline-twice", "doubled-first-line", "ad-after-dateline", "promo-before-separator"],
)
def test_mutations_are_cleaned_in_one_pass(text: str) -> None:
    once = newsclean.clean_text(text)
    assert once.text.startswith("Warga"), once.text
    assert newsclean.clean_text(once.text).text == once.text


def test_notes_remove_nothing_and_are_not_counted_as_removals() -> None:
    text = (
        "Lagu itu dibuka dengan bait ini.\nJangan pergi lagi, sayangku\nHari berganti\n"
        "Jangan pergi lagi, sayangku\nMantan pelatih Contoh di\nKlub Kota gabung\nKlub Sebelah."
    )
    art = newsclean.clean_text(text)
    kinds = {r.kind for r in art.removed}
    assert kinds == {"kept", "join"}
    assert all(r.note for r in art.removed)
    assert art.text.count("Jangan pergi lagi, sayangku") == 2
    counts = dict(art.rule_counts)
    assert counts == {
        "dedupe.repeated-paragraph!kept": 1,
        "normalize.rejoin-link-split!join": 1,
    }
    assert "Mantan pelatih Contoh di Klub Kota gabung Klub Sebelah." in art.paragraphs


def test_rejoin_can_be_switched_off() -> None:
    text = "Mantan pelatih Contoh di\nKlub Kota gabung\nKlub Sebelah."
    on = newsclean.clean_text(text)
    off = newsclean.clean_text(text, options=Options(disable=frozenset({"normalize"})))
    assert len(on.paragraphs) == 1
    assert len(off.paragraphs) == 3 and not off.removed


def _growth(fn: Callable[[str], object], unit: str, small: int) -> float:
    """How much longer ``fn`` takes on 5 times the input (best of three runs each)."""

    def best(text: str) -> float:
        times = []
        for _ in range(3):
            gc.collect()
            gc.disable()  # (a collection in one run and not the other is not growth)
            try:
                start = time.perf_counter()
                fn(text)
                times.append(time.perf_counter() - start)
            finally:
                gc.enable()
        return min(times)

    return best(unit * (5 * small)) / best(unit * small)


# Quadratic work on 5 times the input takes 25 times as long; linear work 5 times. The bound
# sits between them, generous enough for a noisy shared machine.
_LINEAR = 15.0


@pytest.mark.parametrize(
    "unit",
    ["Warga Kota di\n", "Warga Kota\nberkumpul\n", "Jakarta -\n", "Ayu Contoh\n, kawasan\n"],
    ids=["unfinished-word", "lower-case-piece", "dash", "comma-piece"],
)
def test_rejoining_lines_grows_linearly(unit: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # every line continues the one before it: one block grows over the whole input
    assert len(split_lines(unit * 3)) == 1
    # the join tests read a bounded sketch of the growing line, never all of it again
    read = [0]
    joinable = normalize._joinable

    def counting(a: str, b: str, after: str | None) -> bool:
        read[0] += len(a)
        return joinable(a, b, after)

    monkeypatch.setattr(normalize, "_joinable", counting)
    split_lines(unit * 400)
    small, read[0] = read[0], 0
    split_lines(unit * 2000)
    assert read[0] <= 6 * max(small, 1)


class _CountingList(list[Block]):
    """The document's lines, counting how many of them slices copy."""

    copied = 0

    def __getitem__(self, key):  # type: ignore[no-untyped-def]
        got = super().__getitem__(key)
        if isinstance(key, slice):
            _CountingList.copied += len(got)
        return got


def _copies(text: str) -> int:
    _CountingList.copied = 0
    doc = Doc(_CountingList(split_lines(text)))
    ruleset_for(Options()).apply(doc, 0.5)
    return _CountingList.copied


def test_bare_related_labels_grow_linearly() -> None:
    # each bare label looks at the lines after it: by index, never by a copy of the rest
    unit = "Baca Juga\nIa berkata begitu kepada warga yang datang.\n"
    small, large = _copies(unit * 200), _copies(unit * 1000)
    assert large <= 6 * max(small, 1)
    assert _growth(newsclean.clean_text, unit, 1000) < _LINEAR
