"""Bad input never crashes or hangs: it gets a clear error or an empty Article that says why."""

import time

import pytest

import newsclean
from newsclean import Options, Rule

BODY = (
    "<p>Pemerintah kota meresmikan jembatan penyeberangan baru di kawasan pusat kota pada "
    "Senin pagi, disaksikan ratusan warga yang sudah menunggu sejak subuh.</p>"
)


@pytest.mark.parametrize("value", ["", "   ", "\n\n\t "], ids=["empty", "spaces", "blank-lines"])
def test_clean_text_empty_says_why(value):
    a = newsclean.clean_text(value)
    assert a.text == ""
    assert "empty" in a.reason


@pytest.mark.parametrize(
    "value", [None, 42, b"bytes", ["list"]], ids=["none", "int", "bytes", "list"]
)
def test_clean_text_wrong_type(value):
    with pytest.raises(TypeError, match="expects str"):
        newsclean.clean_text(value)


@pytest.mark.parametrize("value", [None, 3.5, {"html": "x"}], ids=["none", "float", "dict"])
def test_clean_html_wrong_type(value):
    with pytest.raises(TypeError, match="expects str or bytes"):
        newsclean.clean_html(value)


@pytest.mark.parametrize(
    ("page", "reason"),
    [
        (b"", "empty"),
        ("", "empty"),
        (b"   \n ", "empty"),
        (bytes(range(256)) * 40, "binary"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 2000, "binary"),
    ],
    ids=["empty-bytes", "empty-str", "blank-bytes", "garbage", "png"],
)
def test_clean_html_unusable_pages_say_why(page, reason):
    a = newsclean.clean_html(page)
    assert a.text == ""
    assert reason in a.reason


def test_not_html_is_cleaned_as_text_and_says_so():
    a = newsclean.clean_html(
        "Jakarta - Harga cabai naik lagi di pasar induk.\nBaca juga: Judul Lain"
    )
    assert a.text == "Harga cabai naik lagi di pasar induk."
    assert any("no HTML tags" in w for w in a.warnings)


def test_truncated_page():
    page = "<html><head><title>Judul</title></head><body><div><p>" + BODY[3:200]
    a = newsclean.clean_html(page)
    assert "jembatan penyeberangan" in a.text


def test_content_after_closing_html():
    page = f"<html><body>{BODY}</body></html><p>Sisa halaman setelah penutup.</p>"
    a = newsclean.clean_html(page)
    assert "jembatan penyeberangan" in a.text


def test_ten_thousand_levels_deep_does_not_recurse():
    page = "<html><body>" + "<div>" * 10_000 + BODY + "</div>" * 10_000 + "</body></html>"
    a = newsclean.clean_html(page)  # libxml2 caps the depth; nothing walks the tree recursively
    assert isinstance(a, newsclean.Article)


def test_ten_megabyte_page():
    page = "<html><body><article>" + BODY * (10_000_000 // len(BODY)) + "</article></body></html>"
    start = time.perf_counter()
    a = newsclean.clean_html(page.encode("utf-8"))
    assert "jembatan penyeberangan" in a.text
    assert time.perf_counter() - start < 120


def test_fifty_megabyte_text():
    para = "Warga Jakarta menyambut baik jembatan baru itu, kata seorang pedagang kaki lima.\n"
    text = para * (50_000_000 // len(para))
    a = newsclean.clean_text(text, options=Options(trail=False))
    assert a.text.startswith("Warga Jakarta menyambut")


def test_oversized_input_is_refused_with_a_reason():
    a = newsclean.clean_text("x" * 2000, options=Options(max_input_chars=1000))
    assert a.text == "" and "too large" in a.reason
    b = newsclean.clean_html(b"<p>" + b"x" * 2000, options=Options(max_input_chars=1000))
    assert b.text == "" and "too large" in b.reason


def test_lying_charset_is_read_as_utf8():
    page = (
        '<html><head><meta charset="iso-8859-1"></head><body>'
        "<p>Penyanyi itu tampil memukau di Seoul dengan lagu “Cinta Lama” yang dinyanyikan "
        "ulang bersama penggemarnya — sebuah momen yang emosional.</p></body></html>"
    ).encode()
    a = newsclean.clean_html(page)
    assert "“Cinta Lama”" in a.text
    assert any("UTF-8" in w for w in a.warnings)


def test_real_latin1_page_and_bom():
    latin = (
        '<html><head><meta charset="windows-1252"></head><body><p>Caf\xe9 itu ramai '
        "dikunjungi wisatawan sejak pagi hingga malam hari di akhir pekan.</p></body></html>"
    )
    a = newsclean.clean_html(latin.encode("cp1252"))
    assert "Café itu ramai" in a.text
    bom = b"\xef\xbb\xbf" + f"<html><body>{BODY}</body></html>".encode()
    assert "jembatan" in newsclean.clean_html(bom).text


def test_catastrophic_user_rule_is_stopped_and_reported():
    slow = Rule(id="user.slow", reason="A badly written rule.", pattern=r"(a|aa)+b", scope="span")
    text = "Warga antre.\n" + "a" * 60 + "\nHarga naik."
    start = time.perf_counter()
    a = newsclean.clean_text(text, options=Options(extra_rules=(slow,), rule_timeout=0.2))
    assert time.perf_counter() - start < 10
    assert any("user.slow" in w and "stopped" in w for w in a.warnings)
    assert "Harga naik." in a.text
