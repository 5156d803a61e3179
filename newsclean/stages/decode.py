"""Stage 1 of HTML mode: bytes to text, surviving pages whose declared charset lies.

Order of trust: a byte-order mark; then UTF-8 if the bytes are valid UTF-8 (kapanlagi pages
declare iso-8859-1 and are UTF-8, and valid UTF-8 is almost never an accident); then the charset
the page declares; then BeautifulSoup's detector (``UnicodeDammit``). Whatever is chosen, bytes
that still do not decode become U+FFFD rather than an exception.

Both modes then pass their text through :func:`clean_chars` once, here: characters no parser or
encoder accepts (C0 controls, lone surrogates, U+FFFE/U+FFFF) would otherwise crash lxml when an
element is removed, stop its parser at the first one (dropping the rest of the page), or make
``Article.text.encode()`` raise.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_DECLARED = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]{2,40})|"""
    rb"""<\?xml[^>]{0,100}?encoding\s*=\s*["']([a-zA-Z0-9_.:-]{2,40})""",
    re.IGNORECASE,
)
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1f]")
# What XML (so lxml) refuses: C0 controls but tab and line ends, surrogates, U+FFFE/U+FFFF.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_LINE_LIKE = {"\x0b": "\n", "\x0c": "\n"}  # vertical tab, form feed: line breaks
_UTF16_32 = ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    note: str | None = None  # set when the declared charset was overruled


def declared_charset(head: bytes) -> str | None:
    m = _DECLARED.search(head)
    if not m:
        return None
    name = (m.group(1) or m.group(2)).decode("ascii", "replace").lower()
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def bom_encoding(data: bytes) -> str | None:
    """The encoding a byte-order mark names, if the data starts with one."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    return None


def looks_binary(data: bytes) -> bool:
    """Many NUL or control bytes in the first kilobytes: an image, a PDF, a zip, not a page.

    UTF-16 and UTF-32 text is half or three quarters NUL bytes: with a byte-order mark it is
    text, so it is judged after decoding instead."""
    if bom_encoding(data) in _UTF16_32:
        return False
    head = data[:4096]
    if not head:
        return False
    return head.count(0) > 8 or len(_CONTROL.findall(head)) > len(head) // 20


def decode(data: bytes) -> Decoded:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return Decoded(data[len(bom) :].decode(name, "replace"), name)
    declared = declared_charset(data[:8192])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        note = None
        if declared and declared not in ("utf-8", "ascii"):
            note = f"the page declares {declared} but its bytes are UTF-8; read as UTF-8"
        return Decoded(text, "utf-8", note)
    if declared and declared != "utf-8":
        try:
            return Decoded(data.decode(declared), declared)
        except (UnicodeDecodeError, LookupError):
            pass
    from bs4 import UnicodeDammit

    dammit = UnicodeDammit(data[:200_000], is_html=True)
    guess = dammit.original_encoding or "utf-8"
    try:
        codecs.lookup(guess)
    except LookupError:
        guess = "utf-8"
    note = f"no usable charset; detected {guess}"
    return Decoded(data.decode(guess, "replace"), guess, note)


def clean_chars(text: str) -> tuple[str, str | None]:
    """``text`` without the characters parsers and encoders refuse, and a note when any went.

    A surrogate pair left as two code points (text decoded as UTF-16 by hand) becomes its
    character; a lone surrogate becomes U+FFFD; C0 controls are dropped (vertical tab and form
    feed become line breaks), as text mode's normalising would drop them later anyway.
    """
    if not _UNSAFE.search(text):
        return text, None
    found = len(_UNSAFE.findall(text))
    if _SURROGATE.search(text):
        text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    text = _UNSAFE.sub(_replacement, text)
    return text, f"{found:,} control or invalid characters in the input were removed or replaced"


def _replacement(m: re.Match[str]) -> str:
    return _LINE_LIKE.get(m.group(), "")
