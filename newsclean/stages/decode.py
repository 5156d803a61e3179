"""Stage 1 of HTML mode: bytes to text, surviving pages whose declared charset lies.

Order of trust: a byte-order mark; then UTF-8 if the bytes are valid UTF-8 (kapanlagi pages
declare iso-8859-1 and are UTF-8, and valid UTF-8 is almost never an accident); then the charset
the page declares; then BeautifulSoup's detector (``UnicodeDammit``). Whatever is chosen, bytes
that still do not decode become U+FFFD rather than an exception.
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


def looks_binary(data: bytes) -> bool:
    """Many NUL or control bytes in the first kilobytes: an image, a PDF, a zip, not a page."""
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
