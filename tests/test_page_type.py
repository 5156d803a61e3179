"""Article.is_article and its evidence: a story, a tag index and a docs page of our own."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import newsclean

PAGES = Path(__file__).parent / "fixtures" / "page_type"


def _page(name: str) -> str:
    return (PAGES / name).read_text("utf-8")


def _strip_declarations(html: str) -> str:
    """The page without its canonical link, JSON-LD and og:type: only its shape is left."""
    html = re.sub(r'<link rel="canonical"[^>]*>', "", html)
    html = re.sub(r'<script type="application/ld\+json">.*?</script>', "", html, flags=re.S)
    return re.sub(r'<meta property="og:type"[^>]*>', "", html)


def test_a_news_story_is_an_article():
    art = newsclean.clean_html(_page("artikel.html"))
    assert art.is_article is True
    assert art.article_evidence[0] == "json-ld @type NewsArticle"
    assert "og:type article" in art.article_evidence
    assert "4 paragraphs of prose" in art.article_evidence
    data = art.to_dict()
    assert data["is_article"] is True and data["article_evidence"] == list(art.article_evidence)


def test_a_story_without_declarations_is_known_by_its_date():
    art = newsclean.clean_html(_strip_declarations(_page("artikel.html")))
    assert art.is_article is True
    assert art.article_evidence[0] in ("a publication date", "a dateline")


def test_a_tag_index_is_not_an_article():
    art = newsclean.clean_html(_page("tag-banjir.html"))
    assert art.text  # a "body" is still found ...
    assert art.is_article is False  # ... but the page says it is an index
    assert art.article_evidence[0] == "url path /tag/ names an index"
    assert "json-ld @type CollectionPage" in art.article_evidence


def test_a_tag_index_is_known_by_its_shape_alone():
    html = _strip_declarations(_page("tag-banjir.html"))
    art = newsclean.clean_html(html)
    assert art.is_article is False
    assert re.fullmatch(r"links are \d+% of the page's text", art.article_evidence[0])
    by_type = newsclean.clean_html(html.replace("<head>", _ld("CollectionPage")))
    assert by_type.is_article is False
    assert by_type.article_evidence[0] == "json-ld @type CollectionPage"


def _ld(kind: str) -> str:
    return f'<head><script type="application/ld+json">{{"@type": "{kind}"}}</script>'


def test_a_docs_page_is_not_an_article():
    art = newsclean.clean_html(_page("panduan.html"))
    assert art.text and art.is_article is False
    assert art.article_evidence[0].startswith("no sign of a news story")
    tech = newsclean.clean_html(_page("panduan.html").replace("<head>", _ld("TechArticle")))
    assert tech.is_article is False and tech.article_evidence[0] == "json-ld @type TechArticle"


@pytest.mark.parametrize(
    "url, verdict",
    [
        ("https://kabarsungai.example/berita/pasar-apung", True),
        ("https://kabarsungai.example/2025/03/14/pasar-apung", True),
        ("https://kabarsungai.example/topik/pasar-apung", False),
        ("https://kabarsungai.example/tentang-kami", False),
    ],
)
def test_the_url_is_evidence_when_nothing_else_is(url, verdict):
    html = _strip_declarations(_page("panduan.html"))
    art = newsclean.clean_html(html, url=url)
    assert art.is_article is verdict, art.article_evidence


def test_no_text_is_no_article_and_text_mode_does_not_judge():
    empty = newsclean.clean_html("<html><body><nav><a href='/'>Beranda</a></nav></body></html>")
    assert empty.is_article is False and empty.article_evidence[0] == "no article text"
    assert newsclean.clean_text("Harga beras naik di pasar induk pekan ini.").is_article is None
    assert newsclean.clean_text("Harga beras naik.").to_dict()["is_article"] is None
