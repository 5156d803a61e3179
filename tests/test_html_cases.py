"""HTML pages of our own, modelled on real Indonesian news pages, with their expectations.

Each ``tests/fixtures/html/<id>.html`` has a ``<id>.json`` in the gold format of the shared
scorer (``with`` / ``without`` snippets, title, published, authors, place, outlet) plus
optionally ``editor``, ``related`` (headlines that must be among ``Article.related``) and
``xfail`` (a known failure, run as a strict xfail so that a fix forces someone to move it).
Snippets are compared like the scorer does: NFKC, plain quotes and dashes, folded white space
and case.
"""

import json
import re
import unicodedata
from datetime import datetime
from pathlib import Path

import pytest

import newsclean

FIXTURES = Path(__file__).parent / "fixtures" / "html"
_PLAIN = str.maketrans(
    {
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2018": "'",
        "\u2019": "'",
        "\u2013": "-",
        "\u2014": "-",
        "\u2012": "-",
        "\u2212": "-",
        "\u00a0": " ",
    }
)


def norm(s: str | None) -> str:
    s = unicodedata.normalize("NFKC", s or "").translate(_PLAIN)
    return re.sub(r"\s+", " ", s).strip().casefold()


def _cases():
    for expect in sorted(FIXTURES.glob("*.json")):
        page = expect.with_suffix(".html")
        if page.exists():
            gold = json.loads(expect.read_text("utf-8"))
            marks = (
                [pytest.mark.xfail(strict=True, reason=gold["xfail"])] if gold.get("xfail") else []
            )
            yield pytest.param(page, gold, id=expect.stem, marks=marks)


def _same_minute(got: str | None, want: str) -> bool:
    if not got:
        return False
    g = datetime.fromisoformat(got)
    w = datetime.fromisoformat(want)
    if len(want) <= 10:
        return g.date() == w.date()
    # the same instant to the minute, and the same UTC offset (as the shared scorer requires)
    same = g.replace(second=0, microsecond=0) == w.replace(second=0, microsecond=0)
    return same and g.utcoffset() == w.utcoffset()


@pytest.mark.parametrize(("page", "gold"), list(_cases()))
def test_html_case(page, gold):
    article = newsclean.clean_html(page.read_bytes(), url=gold.get("url"))
    data = article.to_dict()
    text = norm(data["text"])
    problems = [f"missing: {s!r}" for s in gold.get("with", []) if norm(s) not in text]
    problems += [f"leaked: {s!r}" for s in gold.get("without", []) if norm(s) in text]
    if gold.get("title") and norm(data["title"]) != norm(gold["title"]):
        problems.append(f"title {data['title']!r}, expected {gold['title']!r}")
    if gold.get("published") and not _same_minute(data["published"], gold["published"]):
        problems.append(f"published {data['published']}, expected {gold['published']}")
    if gold.get("language") and data["language"] != gold["language"]:
        problems.append(f"language {data['language']!r}, expected {gold['language']!r}")
    if gold.get("authors") is not None:
        got = {norm(a) for a in data["authors"]}
        if not {norm(a) for a in gold["authors"]} <= got or (not gold["authors"] and got):
            problems.append(f"authors {data['authors']}, expected {gold['authors']}")
    if gold.get("editor") and norm(data["editor"]) != norm(gold["editor"]):
        problems.append(f"editor {data['editor']!r}, expected {gold['editor']!r}")
    dateline = data["dateline"] or {}
    for key in ("place", "outlet"):
        if key in gold and norm(dateline.get(key)) != norm(gold[key]):
            problems.append(f"{key} {dateline.get(key)!r}, expected {gold[key]!r}")
    related = {norm(r["headline"]) for r in data["related"]}
    for headline in gold.get("related", []):
        if norm(headline) not in related:
            problems.append(f"related headline not recorded: {headline!r}")
    assert problems == [], f"{page.name}: " + "; ".join(problems)


def test_a_short_story_in_the_profile_body_is_kept():
    # A flash report is short; the reader comments under it are longer. The profile's body is
    # the story (plain paragraphs, not a promo card in the sidebar), so it is not swapped.
    story = (
        "<p><strong>Jakarta, CNN Indonesia</strong> -- Gempa magnitudo 5,1 mengguncang Sukabumi"
        " pada Selasa pagi. BMKG menyatakan gempa tidak berpotensi tsunami.</p>"
    )
    comments = "".join(
        f"<p>Komentar pembaca nomor {i}: semoga semua warga di sana selalu selamat dan sehat, "
        "amin, tetap waspada dan ikuti arahan petugas setempat.</p>"
        for i in range(12)
    )
    page = (
        "<html><head><title>Gempa Sukabumi</title></head><body><main>"
        f'<h1>Gempa Guncang Sukabumi</h1><div class="detail-text">{story}</div>'
        f'<div class="komentar-list">{comments}</div></main></body></html>'
    )
    a = newsclean.clean_html(page, url="https://www.cnnindonesia.com/nasional/2024-gempa")
    assert a.text.startswith("Gempa magnitudo 5,1 mengguncang Sukabumi")
    assert "Komentar pembaca" not in a.text
    assert not a.warnings
