"""Inputs that try to break newsclean: mutations of our fixture pages and texts, and hostile
inputs of the kinds the web serves. Shared by tests/test_fuzz.py (a bounded run in CI, with
hypothesis) and benchmarks/fuzz.py (the long run documented in docs/reliability.md).

Every generator takes a ``random.Random`` so a run is reproducible from its seed. The texts are
the repository's own invented fixtures; nothing here comes from a real corpus.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from functools import cache
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"

BAD_URLS = (
    "http://[::1",
    "https://[fe80::1%25eth0",
    "http://host:99999/x",
    "http://host:port/x",
    "//[",
    "javascript:alert(1)",
    "http://exa mple.com/ spasi",
    "\x00http://nul.example/",
    "https://" + "a" * 5000 + ".example/",
)
CONTROL = [chr(c) for c in range(0x00, 0x20)] + ["\x7f", "\x85", "\ufffe", "\uffff"]
SURROGATES = ["\ud800", "\udbff", "\udc00", "\udfff", "\ud83d", "\ude00"]
# Pieces of Indonesian news pages and scraped texts that rules and stages react to.
TOKENS = (
    "Baca juga:",
    "Baca Juga: ",
    "JAKARTA, KOMPAS.com -",
    "Jakarta -",
    "ADVERTISEMENT",
    "SCROLL TO CONTINUE WITH CONTENT",
    "(ant/ant)",
    "Editor: Rina",
    "Penulis: Budi",
    "Senin, 3 Juni 2024 10:00 WIB",
    "Simak berita lainnya di Google News",
    "Harga beras naik di pasar induk.",
    "Pemerintah menjanjikan operasi pasar pekan depan.",
    "\n",
    "\n\n",
    " ",
    "&nbsp;",
    "&amp;",
    "&#0;",
    "&#xD800;",
    "\u00a0",
    "\u200b",
    '"',
    "“",
    "-",
    "—",
)
TAGS = (
    "<p>",
    "</p>",
    "<div>",
    "</div>",
    "<br>",
    "<script>x()</script>",
    "<style>p{}</style>",
    "<div class='baca-juga'><a href='/x'>Harga Cabai Ikut Naik di Pasar Induk</a></div>",
    "<span class='ads'>Iklan</span>",
    "<ins class='adsbygoogle'></ins>",
    "<a href='http://[::1'>Tautan Rusak ke Berita Lain Hari Ini</a>",
    "<article>",
    "</article>",
    "<h1>Judul Berita</h1>",
    "<!-- komentar -->",
    "<?xml version='1.0'?>",
    "<![CDATA[x]]>",
    "<table><tr><td>sel</td></tr></table>",
    "<meta charset='utf-16'>",
    "<meta property='og:url' content='http://[::1'>",
    "<link rel='canonical' href='http://[::1'>",
    '<script type=\'application/ld+json\'>{"@type": "NewsArticle"}</script>',
)


@cache
def fixture_pages() -> tuple[bytes, ...]:
    return tuple(p.read_bytes() for p in sorted((FIXTURES / "html").glob("*.html")))


@cache
def fixture_texts() -> tuple[str, ...]:
    out = []
    for path in sorted(FIXTURES.glob("text_cases_*.json")):
        out.extend(case["input"] for case in json.loads(path.read_text("utf-8")) if case["input"])
    return tuple(out)


# -- mutations: each takes a str (page or text) and returns a changed one ---------------------


def _at(rng: random.Random, s: str) -> int:
    return rng.randrange(len(s) + 1)


def insert_controls(rng: random.Random, s: str) -> str:
    for _ in range(rng.randint(1, 20)):
        i = _at(rng, s)
        s = s[:i] + rng.choice(CONTROL) + s[i:]
    return s


def insert_surrogates(rng: random.Random, s: str) -> str:
    n = rng.choice((1, 3, 300))
    for _ in range(n):
        i = _at(rng, s)
        s = s[:i] + rng.choice(SURROGATES) + s[i:]
    return s


def truncate(rng: random.Random, s: str) -> str:
    return s[: _at(rng, s)]


def cut_out(rng: random.Random, s: str) -> str:
    i = _at(rng, s)
    return s[:i] + s[i + rng.randint(1, 400) :]


def repeat_slice(rng: random.Random, s: str) -> str:
    i = _at(rng, s)
    piece = s[i : i + rng.randint(1, 300)] or "Baca juga: "
    return s[:i] + piece * rng.choice((2, 10, 200)) + s[i:]


def insert_tokens(rng: random.Random, s: str) -> str:
    for _ in range(rng.randint(1, 12)):
        i = _at(rng, s)
        s = s[:i] + rng.choice(TOKENS + TAGS) + s[i:]
    return s


def bad_urls(rng: random.Random, s: str) -> str:
    url = rng.choice(BAD_URLS)
    snippets = (
        f"<a href='{url}'>Berita Lain yang Rusak Tautannya</a>",
        f"<link rel='canonical' href='{url}'>",
        f"<meta property='og:url' content='{url}'>",
        f"<meta property='og:image' content='{url}'>",
        f"<img src='{url}'>",
        f"<div class='baca-juga'><a href='{url}'>Harga Cabai Ikut Naik Lagi</a></div>",
    )
    for _ in range(rng.randint(1, 4)):
        i = _at(rng, s)
        s = s[:i] + rng.choice(snippets) + s[i:]
    return s


def deep_nesting(rng: random.Random, s: str) -> str:
    n = rng.choice((100, 1000, 5000))
    tag = rng.choice(("div", "span", "b", "table", "li"))
    i = _at(rng, s)
    return s[:i] + f"<{tag}>" * n + "teks dalam" + f"</{tag}>" * n + s[i:]


def nested_json_ld(rng: random.Random, s: str) -> str:
    n = rng.choice((50, 1000, 3000))
    body = rng.choice(("[" * n + "]" * n, '{"a":' * n + "1" + "}" * n))
    i = _at(rng, s)
    return s[:i] + f"<script type='application/ld+json'>{body}</script>" + s[i:]


def html_to_text(rng: random.Random, s: str) -> str:
    """A page's text with its tags (what a careless scraper keeps)."""
    return s.replace("<", "\n<") if rng.random() < 0.5 else s


MUTATIONS: tuple[Callable[[random.Random, str], str], ...] = (
    insert_controls,
    insert_surrogates,
    truncate,
    cut_out,
    repeat_slice,
    insert_tokens,
    bad_urls,
    deep_nesting,
    nested_json_ld,
    html_to_text,
)


def flip_bytes(rng: random.Random, data: bytes) -> bytes:
    b = bytearray(data)
    for _ in range(rng.randint(1, 30)):
        if b:
            b[rng.randrange(len(b))] = rng.randrange(256)
    return bytes(b)


def reencode(rng: random.Random, page: str) -> bytes:
    """The page in another encoding, with a byte-order mark or none, its meta tag unchanged."""
    enc = rng.choice(("utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-8-sig", "latin-1"))
    data = page.encode(enc, "replace")
    if enc in ("utf-16-le", "utf-16-be") and rng.random() < 0.5:
        data = ("\ufeff".encode(enc)) + data
    return data


def mutate(rng: random.Random, s: str, rounds: int | None = None) -> str:
    for _ in range(rounds or rng.randint(1, 3)):
        s = rng.choice(MUTATIONS)(rng, s)
    return s


# -- whole inputs -------------------------------------------------------------------------


def random_text(rng: random.Random, size: int = 2000) -> str:
    """Text-ish noise: tokens, tags, control characters, surrogates and random code points."""
    out: list[str] = []
    total = 0
    while total < size:
        r = rng.random()
        if r < 0.55:
            piece = rng.choice(TOKENS)
        elif r < 0.75:
            piece = rng.choice(TAGS)
        elif r < 0.85:
            piece = rng.choice(CONTROL + SURROGATES)
        else:
            piece = "".join(chr(rng.randrange(0x20, 0x3000)) for _ in range(rng.randint(1, 12)))
        out.append(piece)
        total += len(piece)
    return "".join(out)


def hostile(rng: random.Random, big: bool = False) -> tuple[str, str | bytes]:
    """(kind, input) of the kinds that crashed or slowed newsclean once, at random sizes (with
    ``big``, at sizes of 0.2 to 6 MB, which is where a quadratic step shows)."""
    n = rng.choice((20_000, 50_000, 100_000)) if big else rng.choice((10, 300, 2000))
    para = "<p>Harga beras naik di pasar induk pekan ini, kata pedagang.</p>"
    choices: list[tuple[str, str | bytes]] = [
        ("baca-juga-paragraphs", "<html><body><article>" + "<p>Baca juga: Judul</p>" * n),
        ("baca-juga-lines", "Baca juga:\n" * n + "Isi berita yang panjang sekali.\n"),
        ("related-headlines", "\n".join(f"Baca juga: Harga Cabai Naik {i} Kali" for i in range(n))),
        ("link-split-lines", "Jakarta\n-\nLuna Maya\nternyata pergi.\n" * n),
        (
            "control-after-removed",
            f"<div>{para}<script>x</script>\x04 ekor</div>" * max(1, n // 100),
        ),
        ("surrogates-page", "<html><body>" + (para + "\ud800") * max(1, n // 10)),
        ("surrogates-text", "Kalimat berita \udc80 yang panjang.\n" * max(1, n // 10)),
        ("deep-divs", "<div>" * n + para + "</div>" * n),
        ("json-ld-deep", f"<script type='application/ld+json'>{'[' * n}</script>{para}"),
        ("utf-16-page", ("<html><body>" + para * 20 + "</body></html>").encode("utf-16")),
        ("utf-32-page", ("<html><body>" + para * 20 + "</body></html>").encode("utf-32")),
        ("no-paragraphs", "<html><body>" + "<span>kata kata kata</span>" * n),
        ("one-long-line", "kata " * (n * 10)),
        ("bad-url-links", "<body>" + "".join(f"<a href='{u}'>tautan</a>" for u in BAD_URLS) * 20),
        ("nul-text", "Harga\x00 beras\x00 naik.\n" * max(1, n // 10)),
    ]
    return rng.choice(choices)


def case(rng: random.Random, big: bool = False) -> tuple[str, str, str | bytes]:
    """One fuzz case: (family, mode, input) with mode 'html' or 'text'; ``big``: hostile
    inputs of megabytes only."""
    r = 1.0 if big else rng.random()
    if r < 0.35:
        page = rng.choice(fixture_pages())
        if rng.random() < 0.25:
            return "page-bytes", "html", flip_bytes(rng, page)
        text = page.decode("utf-8", "replace")
        if rng.random() < 0.1:
            return "page-encoding", "html", reencode(rng, text)
        return "page-mutant", "html", mutate(rng, text)
    if r < 0.65:
        return "text-mutant", "text", mutate(rng, rng.choice(fixture_texts()))
    if r < 0.9:
        mode = rng.choice(("html", "text"))
        return "random", mode, random_text(rng, rng.choice((50, 2000, 20_000)))
    kind, data = hostile(rng, big)
    return f"hostile:{kind}", "html" if isinstance(data, bytes) or "<" in data else "text", data
