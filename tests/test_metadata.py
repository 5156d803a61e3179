"""The metadata resolver: zones never invented, language told by the text, authors that are
people, related links that are headlines, options that reach both modes, and pages that must
not make metadata raise. Pages here are small and invented; whole pages are in fixtures/html."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

import pytest

import newsclean
from newsclean import WIB, Options
from newsclean.dates import DateMatch
from newsclean.language import detect
from newsclean.people import split_authors
from newsclean.profiles import profile_named
from newsclean.stages.resolve import Candidate, resolve

_BODY_ID = (
    "<p>Pemerintah kota mengatakan bahwa jembatan itu akan dibangun tahun depan karena "
    "banyak warga yang harus memutar jauh setiap hari.</p>"
    "<p>Warga berharap pembangunan bisa selesai sebelum musim hujan tiba dan tidak "
    "mengganggu pasar yang ada di dekatnya.</p>"
)
_BODY_EN = (
    "<p>The city council said on Tuesday that the new bridge would be built next year, "
    "after residents had complained for months about the long detour.</p>"
    "<p>Officials have not said how much the work will cost, but they expect it to be "
    "finished before the rainy season and to keep the market open.</p>"
)


def _page(body: str, head: str = "", lang: str = "", byline: str = "") -> str:
    lang_attr = f' lang="{lang}"' if lang else ""
    return (
        f"<html{lang_attr}><head><title>Judul Berita Contoh</title>{head}</head><body>"
        f"<article><h1>Judul Berita Contoh</h1>{byline}<div class='content'>{body}</div>"
        "</article></body></html>"
    )


def _ld(value: str) -> str:
    return (
        '<script type="application/ld+json">{"@type": "NewsArticle", '
        f'"datePublished": "{value}"}}</script>'
    )


def _match(text: str, value: datetime, has_time: bool = True, has_zone: bool = True):
    return DateMatch(value, has_time, has_zone, text)


# -- time ---------------------------------------------------------------------------------------


def test_zone_less_visible_time_takes_the_offset_of_an_agreeing_json_ld():
    html = _page(
        _BODY_EN,
        head=_ld("2019-11-19T09:01:42+05:30"),
        byline="<div class='date'>November 19, 2019 9:01 AM</div>",
    )
    art = newsclean.clean_html(html, url="https://www.example.in/news/bridge")
    assert art.published.isoformat() == "2019-11-19T09:01:00+05:30"
    assert art.source_of("published.zone") == "json-ld:datePublished"


def test_a_utc_instant_is_not_restamped_as_wib():
    html = _page(_BODY_EN, head=_ld("2019-11-19T13:03:00Z"))
    art = newsclean.clean_html(html, url="https://news.example.com/bridge")
    assert art.published == datetime(2019, 11, 19, 13, 3, tzinfo=UTC)


def test_zone_less_time_on_a_foreign_page_stays_naive_with_a_warning():
    html = _page(_BODY_EN, byline="<div class='date'>November 19, 2019 9:01 AM</div>")
    art = newsclean.clean_html(html, url="https://news.example.com/bridge")
    assert art.published == datetime(2019, 11, 19, 9, 1)
    assert art.published.tzinfo is None
    assert any("zone the page does not give" in w for w in art.warnings)
    assert art.to_dict()["published"] == "2019-11-19T09:01:00"


def test_zone_less_time_of_an_indonesian_page_is_wib():
    html = _page(_BODY_ID, byline="<div class='date'>Selasa, 19 November 2019 09:01</div>")
    art = newsclean.clean_html(html, url="https://www.beritacontoh.com/a/1")
    assert art.published.isoformat() == "2019-11-19T09:01:00+07:00"


def test_visible_wib_beats_a_mislabelled_utc_machine_value():
    html = _page(
        _BODY_ID,
        head='<meta property="article:published_time" content="2024-03-01T20:15:00Z">',
        byline="<div class='date'>Jumat, 1 Maret 2024 | 20:15 WIB</div>",
    )
    art = newsclean.clean_html(html, url="https://www.beritacontoh.com/a/1")
    assert art.published.isoformat() == "2024-03-01T20:15:00+07:00"
    assert any("2024-03-01T20:15:00+00:00" in w for w in art.warnings)  # both values named


def test_resolver_on_a_foreign_page_prefers_the_machine_instant_to_another_visible_one():
    visible = _match("Nov 19, 2019 14:41 UTC", datetime(2019, 11, 19, 14, 41, tzinfo=UTC))
    ld = _match("2019-11-19T01:19:34Z", datetime(2019, 11, 19, 1, 19, 34, tzinfo=UTC))
    out = resolve(
        [
            Candidate("published", visible, "visible:time"),
            Candidate("published", ld, "json-ld:datePublished"),
        ],
        text="",
        url="https://news.example.com/x",
    )
    assert out.fields["published"] == ld.value
    assert out.provenance["published"] == "json-ld:datePublished"
    assert ("published", "visible:time", visible.value.isoformat()) in out.lost
    assert out.warnings and "json-ld:datePublished wins" in out.warnings[0]


def test_resolver_keeps_the_trust_order_where_sources_agree():
    day = datetime(2024, 3, 1, 9, 0, tzinfo=WIB)
    out = resolve(
        [
            Candidate("published", _match("1 Maret 2024 09:00 WIB", day), "visible:date-line"),
            Candidate("published", _match("2024-03-01T09:00+07:00", day), "meta:pubdate"),
        ],
        text="",
        site="kompas",
    )
    assert out.provenance["published"] == "visible:date-line"
    assert out.warnings == []


def test_reference_time_reaches_text_mode():
    now = datetime(2025, 6, 18, 10, 0, tzinfo=WIB)
    text = (
        "2 jam yang lalu\n"
        "Pemerintah kota mengatakan bahwa jembatan itu akan dibangun tahun depan.\n"
        "Warga berharap pembangunan bisa selesai sebelum musim hujan tiba."
    )
    assert newsclean.clean_text(text).published is None
    art = newsclean.clean_text(text, options=Options(reference_time=now))
    assert art.published == now - timedelta(hours=2)
    assert "2 jam yang lalu" not in art.text


def test_reference_time_reaches_html_mode():
    now = datetime(2025, 6, 18, 10, 0, tzinfo=WIB)
    html = _page(_BODY_ID, byline="<div class='date'>2 jam yang lalu</div>")
    art = newsclean.clean_html(html, options=Options(reference_time=now))
    assert art.published == now - timedelta(hours=2)


# -- options that reach every stage --------------------------------------------------------------


def test_a_profiles_disable_reaches_the_dom_stage(monkeypatch):
    kompas = profile_named("kompas")
    assert kompas is not None
    quiet = dataclasses.replace(kompas, disable=frozenset({"dom.ads"}))
    monkeypatch.setattr(newsclean.pipeline, "profile_named", lambda name: quiet)
    html = _page(_BODY_ID + '<div class="ads">Iklan Kopi Sedap Mantap Sekali</div>')
    with_ads = newsclean.clean_html(html, options=Options(site="kompas"))
    assert "Kopi Sedap" in with_ads.text
    assert not any(r.rule == "dom.ads" for r in with_ads.removed)
    monkeypatch.setattr(newsclean.pipeline, "profile_named", lambda name: kompas)
    cleaned = newsclean.clean_html(html, options=Options(site="kompas"))
    assert "Kopi Sedap" not in cleaned.text


def test_a_profiles_disable_reaches_text_mode(monkeypatch):
    kompas = profile_named("kompas")
    assert kompas is not None
    quiet = dataclasses.replace(kompas, disable=frozenset({"related"}))
    text = (
        "Pemerintah kota mengatakan bahwa jembatan itu akan dibangun tahun depan.\n"
        "Baca juga: Harga Cabai Naik Jelang Lebaran di Pasar Induk\n"
        "Warga berharap pembangunan bisa selesai sebelum musim hujan tiba."
    )
    assert "Baca juga" not in newsclean.clean_text(text, options=Options(site="kompas")).text
    monkeypatch.setattr(newsclean.pipeline, "profile_named", lambda name: quiet)
    assert "Baca juga" in newsclean.clean_text(text, options=Options(site="kompas")).text


# -- language -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "declared", "expected"),
    [
        (_BODY_EN, "id", "en"),  # an English page an Indonesian theme labels "id"
        (_BODY_ID, "en", "id"),
        (_BODY_ID, "in", "id"),  # the old code for Indonesian
        (
            "Kerajaan negeri berkata bahawa jambatan itu akan dibina selepas pilihan raya "
            "kerana penduduk sudah lama menunggu dan mereka boleh menggunakan wang itu.",
            None,
            "ms",
        ),
        ("Правительство заявило, что мост будет построен в следующем году.", None, "ru"),
        (
            "Die Regierung hat gesagt, dass die Brücke im nächsten Jahr gebaut wird und "
            "nicht mehr als ein Jahr dauern soll.",
            None,
            "de",
        ),
        ("Banjir", "id-ID", "id"),  # too short to tell: the declaration stands
        ("", None, None),
    ],
)
def test_language_is_told_by_the_text(text, declared, expected):
    assert detect(text, declared)[0] == expected


def test_text_mode_language_is_detected_not_assumed():
    english = "The council said the bridge would be built next year, after months of complaints."
    assert newsclean.clean_text(english * 3).language == "en"
    indonesian = "Pemerintah mengatakan bahwa jembatan itu akan dibangun tahun depan oleh kota."
    assert newsclean.clean_text(indonesian * 3).language == "id"


def test_html_language_reads_xml_lang_as_a_hint():
    html = _page("<p>Banjir.</p>").replace("<html>", '<html xml:lang="ms">')
    assert newsclean.clean_html(html).language == "ms"


# -- authors ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("credit", "expected"),
    [
        ("Ditulis oleh Andi Saputra", ["Andi Saputra"]),
        ("Laporan Wartawan Tribunnews.com, Rina Ayu", ["Rina Ayu"]),
        ("Penulis: RINA MARLINA", ["Rina Marlina"]),
        ("Reporter: A dan B", ["A", "B"]),
        ("By Jane Doe and John Roe", ["Jane Doe", "John Roe"]),
        ("Portalberita Developer", []),  # a site's account
        ("prwir", []),  # a username
        ("user_12", []),
        ("ANT", []),  # an initials code: a person only where a profile maps it
        ("Kredit Muhammad Safi'i Author Fadila Adelin", []),  # two credits glued together
        ("Corry Anestia on 16 Feb 2016, 10:00 WIB", ["Corry Anestia"]),
        ("Tim Redaksi", []),
        ("wahyudi", ["wahyudi"]),  # a name in lower case stays
        ("Isaac Butler Nov 15", ["Isaac Butler"]),
        ("Ravi Menon Published: Nov 19, 2019", ["Ravi Menon"]),
        ("Agus Juni Santoso", ["Agus Juni Santoso"]),  # a month inside a name stays
        ("Sun Yang", ["Sun Yang"]),
        ("Tue", []),
        ("About the", []),
        ("Associated Press", []),
    ],
)
def test_authors_are_people(credit, expected):
    assert split_authors(credit) == expected


def test_credit_line_names_writer_and_editor_apart():
    byline = "<div class='credit'>Penulis: RINA MARLINA</div><div class='credit'>Editor: Yusuf Hidayat</div>"
    head = '<meta name="author" content="Yusuf Hidayat">'
    art = newsclean.clean_html(_page(_BODY_ID, head=head, byline=byline))
    assert art.authors == ("Rina Marlina",)
    assert art.editor == "Yusuf Hidayat"


def test_an_editor_credited_as_author_gives_way():
    head = (
        '<meta name="author" content="Yusuf Hidayat">'
        '<script type="application/ld+json">{"@type": "NewsArticle", '
        '"editor": {"name": "Yusuf Hidayat"}}</script>'
    )
    art = newsclean.clean_html(_page(_BODY_ID, head=head))
    assert art.authors == ()
    assert art.editor == "Yusuf Hidayat"


def test_oleh_in_a_sentence_is_not_a_credit():
    body = "<p>Oleh karena itu warga meminta jalan diperbaiki.</p>" + _BODY_ID
    assert newsclean.clean_html(_page(body)).authors == ()


# -- related ------------------------------------------------------------------------------------


def test_related_holds_headlines_not_ads_or_box_labels():
    from newsclean.article import Related
    from newsclean.stages.resolve import related_headlines

    kept = related_headlines(
        [
            Related("Butuh tenaga kerja terbaik untuk bisnismu? Cari di sini!"),
            Related("FOTO TERPOPULER"),
            Related("Load More..."),
            Related("Harga Cabai Naik Jelang Lebaran di Pasar Induk"),
            Related("BMKG: Hujan Lebat di Jawa Barat"),
        ]
    )
    assert [r.headline for r in kept] == [
        "Harga Cabai Naik Jelang Lebaran di Pasar Induk",
        "BMKG: Hujan Lebat di Jawa Barat",
    ]


# -- pages that must not make metadata raise ------------------------------------------------------


def test_json_ld_nested_a_thousand_deep_does_not_raise():
    deep = "[" * 1000 + "]" * 1000
    head = f'<script type="application/ld+json">{deep}</script>'
    art = newsclean.clean_html(_page(_BODY_ID, head=head))
    assert "jembatan" in art.text


@pytest.mark.parametrize(
    "head",
    [
        '<link rel="canonical" href="http://[::1">',
        '<meta property="og:url" content="http://[::1">',
        '<meta property="og:image" content="http://[::1/x.jpg">',
    ],
)
def test_malformed_urls_do_not_raise(head):
    links = (
        '<p>Baca juga: <a href="/a/2">Harga Cabai Naik Jelang Lebaran di Pasar Induk</a></p>'
        '<ul><li><a href="/x">Satu dua tiga empat lima</a></li>'
        '<li><a href="/y">Enam tujuh delapan sembilan</a></li></ul>'
    )
    for url in (None, "https://www.beritacontoh.com/a/1", "http://[::1"):
        art = newsclean.clean_html(_page(_BODY_ID + links, head=head), url=url)
        assert "jembatan" in art.text
        assert art.url != "http://[::1" or url == "http://[::1"  # never taken from the page


def test_explain_names_the_losers():
    html = _page(
        _BODY_ID,
        head='<meta property="og:site_name" content="Berita Contoh">',
    )
    art = newsclean.clean_html(html, url="https://www.beritacontoh.com/a/1")
    assert art.publisher == "Berita Contoh"
    assert ("publisher", "url", "beritacontoh.com") in art.candidates
    assert "lost: beritacontoh.com  [url]" in art.explain()


def test_the_author_of_a_reviewed_book_is_not_the_writer():
    body = (
        '<div itemscope itemtype="https://schema.org/Book"><span itemprop="name">Kisah Lama'
        '</span> karya <span itemprop="author">Hendra Wiguna Prawira</span></div>' + _BODY_ID
    )
    art = newsclean.clean_html(_page(body))
    assert "Hendra Wiguna Prawira" not in art.authors
    page = _page(
        '<div itemscope itemtype="https://schema.org/NewsArticle"><span itemprop="author">'
        "Rina Marlina</span>" + _BODY_ID + "</div>"
    )
    assert newsclean.clean_html(page).authors == ("Rina Marlina",)


@pytest.mark.parametrize("line", ["Posted by", "Written by", "Ditulis oleh", "Foto oleh"])
def test_a_label_that_opens_a_credit_makes_no_person_of_the_word_before_it(line):
    art = newsclean.clean_html(_page(_BODY_ID, byline=f"<div class='meta'>{line}</div>"))
    assert art.authors == ()
