"""A bounded fuzz run for CI: hypothesis strategies for text-ish and HTML-ish input, and seeded
mutations of our fixture pages and texts (tests/fuzzing.py). The property is the promise of
the docs: cleaning never raises for content, and what comes back encodes as UTF-8 and JSON.
The long run (50,000+ inputs, with timing) is benchmarks/fuzz.py; see docs/reliability.md.
"""

from __future__ import annotations

import json
import random

import fuzzing
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import newsclean

settings.register_profile(
    "ci",
    max_examples=150,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile("ci")

URL = "https://warta.example/berita/1"

# every code point, surrogates and controls included
ANY_CHAR = st.characters(codec=None, exclude_categories=())
PIECES = st.one_of(
    st.sampled_from(fuzzing.TOKENS),
    st.sampled_from(fuzzing.TAGS),
    st.sampled_from(fuzzing.CONTROL + fuzzing.SURROGATES),
    st.text(ANY_CHAR, max_size=12),
)
TEXTISH = st.lists(PIECES, max_size=60).map("".join)
HTMLISH = st.lists(
    st.one_of(PIECES, st.sampled_from(fuzzing.BAD_URLS).map(lambda u: f"<a href='{u}'>x</a>")),
    max_size=60,
).map(lambda parts: "<html><body><article>" + "".join(parts))


def _check(article: newsclean.Article) -> None:
    assert isinstance(article, newsclean.Article)
    article.text.encode("utf-8")
    json.dumps(article.to_dict(), ensure_ascii=False).encode("utf-8")


@given(TEXTISH)
def test_clean_text_never_raises(text):
    _check(newsclean.clean_text(text))


@given(st.one_of(HTMLISH, TEXTISH))
def test_clean_html_never_raises_on_str(page):
    _check(newsclean.clean_html(page, url=URL))


@given(st.binary(max_size=3000))
def test_clean_html_never_raises_on_bytes(data):
    _check(newsclean.clean_html(data))


@given(st.text(max_size=40))
def test_any_url_string_never_raises(url):
    _check(newsclean.clean_html("<p>Harga beras naik di pasar induk.</p>", url=url))
    _check(newsclean.clean_text("Harga beras naik di pasar induk.", url=url))


@pytest.mark.parametrize("seed", range(4))
def test_mutated_fixture_pages_and_texts(seed):
    rng = random.Random(f"ci:{seed}")
    for _ in range(60):
        _family, mode, data = fuzzing.case(rng)
        if mode == "html":
            article = newsclean.clean_html(data, url=URL)
        else:
            text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
            article = newsclean.clean_text(text)
        _check(article)
