"""The generic body finder, the parse repair and the safety net, on small pages of our own.

The fixture pages in tests/fixtures/html/generic-*.html test the same classes on whole pages;
these cases pin one mechanism each.
"""

import pytest

import newsclean
from newsclean.stages.body import decide, find_body
from newsclean.stages.parse import parse, repair

_STORY = [
    "Harga beras di Pasar Induk Cipinang naik tiga persen dalam sepekan terakhir, kata pedagang.",
    "Pedagang menyebut pasokan dari Karawang dan Indramayu berkurang karena hujan deras.",
    "Pemerintah berjanji menggelar operasi pasar di empat puluh titik sebelum akhir bulan ini.",
    "Warga berharap harga kembali normal menjelang Lebaran, ketika kebutuhan beras meningkat.",
]
_COMMENT = (
    "Saya setuju sekali dengan pendapat ini, harga beras memang sudah tidak masuk akal lagi "
    "dan pemerintah harus segera turun tangan, jangan hanya berjanji di depan kamera saja."
)


def _page(body: str, head: str = "<title>Harga Beras Naik</title>") -> str:
    return f"<html><head>{head}</head><body>{body}</body></html>"


def _text(html: str) -> str:
    return newsclean.clean_html(html).text


def test_comments_are_not_the_story_even_when_longer():
    story = "".join(f"<p>{s}</p>" for s in _STORY)
    comments = "".join(
        f"<li class='comment'><div class='comment-body'><p>{_COMMENT} ({i})</p></div></li>"
        for i in range(8)
    )
    text = _text(
        _page(
            f"<h1>Harga Beras Naik</h1><div class='entry-content'>{story}</div>"
            f"<div id='comments'><ol class='comment-list'>{comments}</ol></div>"
        )
    )
    assert _STORY[0] in text and _STORY[-1] in text
    assert "Saya setuju" not in text


def test_a_wrapper_that_holds_the_headline_is_looked_into_whatever_its_class():
    story = "".join(f"<p>{s}</p>" for s in _STORY)
    text = _text(_page(f"<article class='post comments-open'><h1>Harga</h1>{story}</article>"))
    assert all(s in text for s in _STORY)


def test_a_story_split_over_sibling_columns_comes_out_whole():
    columns = "".join(
        f"<div class='StoryColumn'><div><p>{s}</p><p>{s[:-1]} lagi.</p></div></div>"
        f"<div class='ad'>ADVERTISEMENT</div>"
        for s in _STORY
    )
    text = _text(_page(f"<h1>Harga</h1><section class='story'>{columns}</section>"))
    assert all(s in text for s in _STORY)
    assert "ADVERTISEMENT" not in text


def test_one_paragraph_per_card():
    cards = "".join(
        f"<div class='card item'><div class='card-content'><p>{s}</p></div></div>" for s in _STORY
    )
    text = _text(_page(f"<h1>Harga</h1><div id='article-body'>{cards}</div>"))
    assert all(s in text for s in _STORY)


def test_a_later_page_hidden_until_asked_for_is_body():
    page1 = "".join(f"<p>{s}</p>" for s in _STORY[:2])
    page2 = "".join(f"<p>{s}</p>" for s in _STORY[2:])
    article = newsclean.clean_html(
        _page(
            "<h1>Harga</h1><div class='pages'>"
            f"<div class='item-page'>{page1}</div>"
            f"<div class='item-page' style='display:none'>{page2}</div></div>"
        )
    )
    assert all(s in article.text for s in _STORY)
    assert any("holds story paragraphs" in w for w in article.warnings)


def test_a_hidden_widget_without_story_paragraphs_still_goes():
    story = "".join(f"<p>{s}</p>" for s in _STORY)
    text = _text(_page(f"<div class='isi'>{story}<div hidden>Promo tiket bus murah</div></div>"))
    assert "Promo tiket" not in text


@pytest.mark.parametrize(
    ("broken", "why"),
    [
        ('<!DOCTYPE html><html class="no-js" lang="id" /><head></head><body>{}</body>', "root"),
        ("<html><body><p>{first}</p></html><p>{rest}</p></body>", "stray end tag"),
        ("<html><body><p>{first}</p></body><body class='x'><p>{rest}</p></body></html>", "body"),
    ],
    ids=["self-closing root", "stray </html>", "second <body>"],
)
def test_broken_markup_is_read_as_a_browser_reads_it(broken, why):
    story = "".join(f"<p>{s}</p>" for s in _STORY)
    html = broken.format(story, first=_STORY[0], rest=" ".join(_STORY[1:]))
    root = parse(html)
    text = " ".join(root.text_content().split())
    assert _STORY[0] in text and _STORY[-1] in text, why


def test_repair_leaves_a_well_formed_page_alone():
    page = _page("<p>a</p>") + "\n<!-- served in 0.1 s -->\n"
    assert repair(page) == page


def test_the_finder_says_when_it_is_unsure():
    assert find_body(parse(_page("<div>Halo</div>"))).unsure == "no paragraphs"
    story = "".join(f"<p>{s}</p>" for s in _STORY)
    assert find_body(parse(_page(f"<div class='isi'>{story}</div>"))).unsure is None


def test_the_safety_net_keeps_the_finders_body_when_it_covers_the_story():
    mine = " ".join(_STORY)
    assert decide(mine, mine, "Harga Beras Naik").lines is None
    assert decide(mine, _STORY[0], "Harga Beras Naik").lines is None


def test_the_safety_net_takes_trafilatura_when_it_found_more_of_the_story():
    mine = " ".join(_STORY[:2])
    choice = decide(mine, "\n".join(_STORY), "Harga Beras Naik")
    assert choice.lines == tuple(_STORY)


def test_the_safety_net_settles_a_disagreement_by_the_headline():
    story, other = " ".join(_STORY), _COMMENT
    assert decide(other, story, "Harga beras di Pasar Induk naik").lines is not None
    assert decide(story, other, "Harga beras di Pasar Induk naik").lines is None


def test_trafilatura_is_not_asked_about_hundreds_of_tables_or_deep_nesting(monkeypatch):
    # A fuzzed page of 251 tables, most nested in each other, took trafilatura a second (its
    # table handling grows with the square of the nesting); pages of over 200 tables are not
    # handed to it.
    from newsclean.stages import body

    asked = []
    monkeypatch.setattr(body, "_trafilatura_text", lambda *a, **k: asked.append(1) or "")
    nested = ("<table><tr><td>" * 50 + "Teks" + "</td></tr></table>" * 50) * 5
    newsclean.clean_html(f"<html><body>{nested}</body></html>")
    assert asked == []
    deep = "<div>" * 150 + "Teks" + "</div>" * 150  # (a mutant: no end tags)
    newsclean.clean_html(f"<html><body>{deep}</body></html>")
    assert asked == []
    newsclean.clean_html("<html><body><table><tr><td>Teks</td></tr></table></body></html>")
    assert asked  # a page of one table is asked about as before


def _teasers(n: int) -> str:
    """A list of other stories: linked headlines over excerpts."""
    return "".join(
        f"<div class='item'><h3><a href='/b/{i}'>Judul Berita Lain Nomor {i}</a></h3>"
        f"<p>{_COMMENT}</p></div>"
        for i in range(n)
    )


def test_a_list_of_other_stories_with_excerpts_beside_the_story_stays_out():
    # Regional Indonesian templates put "Berita Lainnya" / "Terkini" boxes of teasers with
    # excerpts right after the story, as its siblings: their class names them.
    story = "".join(f"<p>{s}</p>" for s in _STORY)
    teasers = _teasers(12)
    for name in ("box-berita-lainnya", "widget-terkini", "pilihan-redaksi"):
        text = _text(
            _page(
                f"<h1>Harga</h1><div class='isi'>{story}</div><div class='{name}'>{teasers}</div>"
            )
        )
        assert all(s in text for s in _STORY), name
        assert "Saya setuju" not in text, name


def test_an_unnamed_list_of_other_stories_does_not_join_the_story_as_a_sibling():
    # Linked headlines over excerpts are a list of other stories whatever its class; a story's
    # own subheadings are not links.
    story = "".join(f"<p>{s}</p><p>{s[:-1]}, kata warga.</p>" for s in _STORY)
    teasers = _teasers(5)
    html = _page(f"<h1>Harga</h1><div class='isi'>{story}</div><div class='box'>{teasers}</div>")
    text = _text(html)
    assert all(s in text for s in _STORY)
    assert "Saya setuju" not in text
