"""Stage 1 of text mode: make white space and line structure predictable before rules run.

Nothing here removes words. It folds the spellings of white space (CRLF, no-break spaces,
zero-width characters), undoes HTML entities left in scraped text, and re-joins lines that a
scraper split at inline links ("Jakarta⏎-⏎Luna Maya⏎ternyata ..."), so that rules see whole
lines and the first sentence after a dateline stays whole.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from functools import cache

import regex

from ..document import Block, Doc
from ..rules.rule import CodeRule, Example
from ..rules.shape import looks_like_headline
from ..vocab import phrases

# The standard library's engine is the faster one for these plain character-class scans.
_FOLD = {
    **dict.fromkeys("\u2028\u2029\x0b\x0c\x85", "\n"),
    **dict.fromkeys(
        [chr(c) for c in range(0x200B, 0x2010)]
        + [chr(c) for c in range(0x2060, 0x2065)]
        + ["\ufeff", "\u00ad", "\x7f"]
        + [chr(c) for c in range(0x00, 0x09)]
        + [chr(c) for c in range(0x0E, 0x20)],
        "",
    ),
    **dict.fromkeys(
        ["\t", "\u00a0", "\u1680", "\u202f", "\u205f", "\u3000"]
        + [chr(c) for c in range(0x2000, 0x200B)],
        " ",
    ),
}
_ODD = re.compile("[" + "".join(map(re.escape, sorted(_FOLD))) + "]")
_SPACES = re.compile("[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_ENTITY = re.compile(r"&(?:[a-zA-Z]{2,8}|#\d{2,6}|#x[0-9a-fA-F]{2,5});")
_SEP = re.compile(r"[-–—]{1,2}")
_STARTS_SEP = re.compile(r"[-–—]{1,2}\s")
_DASHES = "-–—"
# "Jakarta - " re-joined before a split link: not part of the line's shape
_DATELINE_HEAD = re.compile(r"^[^-–—\n]{1,60}?\s[-–—]{1,2}\s")
_TERMINAL = '.!?:"”’)]…'
_CONTINUES = ",.;:)]"


def strip_outer_quotes(text: str) -> str:
    """Remove a pair of quotes a dataset wrapped around the whole text ('"Jakarta - … ."').

    Only when the opening quote is not closed on its own line (or, for one line, closes only at
    the very end): an article that opens and ends with real quotations keeps them."""
    t = text.strip()
    if len(t) < 3 or t[0] not in '"“' or t[-1] not in '"”':
        return text
    first, _, rest = t.partition("\n")
    if not rest:
        inner = t[1:-1]
        return inner if not any(q in inner for q in '"“”') else text
    last = t.rsplit("\n", 1)[-1]
    odd_first = sum(first.count(q) for q in '"“”') % 2 == 1
    odd_last = sum(last.count(q) for q in '"“”') % 2 == 1
    return t[1:-1] if odd_first and odd_last else text


def normalize_text(text: str) -> str:
    """Fold line endings and space characters; drop invisible ones; undo HTML entities."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _ODD.search(text):
        text = _ODD.sub(_fold, text)
    if "&" in text and _ENTITY.search(text):
        text = _SPACES.sub(" ", html.unescape(text))
    return text


def _fold(m: re.Match[str]) -> str:
    return _FOLD[m.group()]


# Scrapy wrote a list of <p> texts joined by commas: 'kata dia.",Yogi mengisahkan ...'.
_LIST_JOIN = re.compile(r'(?<=[.!?"”]),(?=[ ]?[A-Z"“\n])|^[ ]*,[ ]*$', re.MULTILINE)
_LONE_COMMA = re.compile(r"^[ \t]*,[ ,\t]*$", re.MULTILINE)
_LIST_JOIN_HINT = re.compile(r'[.!?"”],[ ]?[A-Z"“\n]')


REJOIN = CodeRule(
    id="normalize.rejoin-link-split",
    reason="A sentence the scraper broke into lines at its links is joined again (the trail "
    "keeps the pieces as a 'join' note); nothing is removed.",
    scope="document",
    removes=(
        Example(
            "Mantan asisten pelatih Contoh di\nKlub Kota Pep Contoh gabung\nKlub Sebelah. Ia "
            "menandatangani kontrak dua tahun.",
            "Mantan asisten pelatih Contoh di Klub Kota Pep Contoh gabung Klub Sebelah. Ia "
            "menandatangani kontrak dua tahun.",
        ),
        Example(
            "Polisi menjaga kediamannya dan\nAyu Contoh\n, kawasan Depok, sejak pagi.",
            "Polisi menjaga kediamannya dan Ayu Contoh, kawasan Depok, sejak pagi.",
        ),
    ),
    keeps=(
        "Bahan:\nbawang merah\nbawang putih\ngaram secukupnya",
        "Kau cahaya di malam sepi\nKau lagu di hati ini\nJangan pergi dariku",
        "Harga Cabai Naik Jelang Lebaran\nPedagang mengeluh sepi pembeli.",
    ),
)


@cache
def _unfinished() -> frozenset[str]:
    return frozenset(phrases("unfinished_line_ends"))


class _Open:
    """The block being built: its pieces, and the start and end that the join tests read (a
    line re-joined many times is never copied whole again: 2 MB of pieces stay linear)."""

    __slots__ = ("block", "glued", "head", "pieces", "size", "split", "tail")

    def __init__(self, line: str, number: int):
        self.block = Block(line, number)
        self.pieces = [line]
        self.glued = [line]  # the pieces with the glue before each
        self.size = len(line)
        self.head = line[:_HEAD]
        self.tail = line[-_TAIL:]
        self.split = False  # proven a sentence split at a link (a chain may go on)

    def add(self, glue: str, line: str) -> None:
        self.pieces.append(line)
        self.glued.append(glue + line)
        self.size += len(glue) + len(line)
        if len(self.head) < _HEAD:
            self.head = (self.head + glue + line)[:_HEAD]
        self.tail = (self.tail + glue + line)[-_TAIL:]

    def sketch(self) -> str:
        """The line for the join tests: whole while short, else its start and its end (the
        tests read no more: a headline is never this long)."""
        if self.size <= _HEAD:
            return self.head
        return f"{self.head} … {self.tail}"

    def close(self) -> Block:
        if len(self.glued) > 1:
            self.block.text = "".join(self.glued)
            self.block.joined = tuple(self.pieces)
        return self.block


_HEAD = 300  # characters of a growing line the join tests read at its start ...
_TAIL = 100  # ... and at its end


def split_lines(
    text: str, *, rejoin: bool = True, label: Callable[[str], bool] | None = None
) -> list[Block]:
    """One block per non-empty line, numbered as in the input, split lines re-joined (a
    re-joined block keeps its pieces in ``Block.joined``, for the trail). ``label`` tells a
    label whose content follows on the next line ("Artikel ini telah tayang di"), which a
    sentence broken at a link is not.

    Paragraphs that a scraper joined with commas (``…kata dia.",Yogi …``) are split first when
    the text shows that join at least twice.
    """
    scrapy = (
        "." in text
        and (".," in text or '",' in text or "”," in text)
        and len(_LIST_JOIN_HINT.findall(text)) >= 2
    ) or ("\n," in text and len(_LONE_COMMA.findall(text)) >= 2)
    if scrapy:
        text = _LIST_JOIN.sub("\n", text)
        lines = [line.strip(" ,") for line in text.split("\n")]
    else:
        lines = [line.strip() for line in text.split("\n")]
    # A text with a blank line after every line says nothing by its blank lines: a link split
    # off a sentence is as far from it as the next paragraph ("di\n\nRaja Ampat\n\n, Papua").
    spaced = rejoin and "\n\n" in text and _blank_after_every_line(lines)
    out: list[Block] = []
    prev: _Open | None = None
    for i, line in enumerate(lines):
        if not line:
            if not spaced and prev is not None:
                out.append(prev.close())
                prev = None
            continue
        # (most lines end a sentence: no need to ask whether the next one continues them)
        if rejoin and prev is not None and prev.tail[-1] not in _TERMINAL:
            a = prev.sketch()
            after = _next_line(lines, i, spaced)
            if _joinable(a, line, after) or _split_sentence(a, line, prev.split, label):
                glue = "" if line[0] in _CONTINUES or a[-1] in "([" else " "
                prev.add(glue, line)
                prev.split = prev.split or _ends_unfinished(a) or a[-1].islower()
                continue
        if prev is not None:
            out.append(prev.close())
        prev = _Open(line, i + 1)
    if prev is not None:
        out.append(prev.close())
    return out


def note_joins(doc: Doc) -> None:
    """Put each re-joined line in the trail, with its pieces one a line."""
    for b in doc.blocks:
        if b.joined:
            doc.note(REJOIN.id, "join", "\n".join(b.joined), b)


_LIST_MARK = regex.compile(r"[•·*▪►-]|\d{1,2}[.)]\s")


def _ends_unfinished(a: str) -> bool:
    """Whether the line stops at a word no sentence ends on ("… Klopp di"); a line all in
    lower case is a tag or a line of verse, not a sentence."""
    words = a[-16:].split()
    return bool(words) and words[-1] in _unfinished() and a != a.lower()  # ("Vitamin A": a name)


def _split_sentence(
    a: str, b: str, chained: bool, label: Callable[[str], bool] | None = None
) -> bool:
    """A sentence broken at its links: the line stops at a word no sentence ends on ("…
    Klopp di⏎Liverpool"), or it is already known to be such a piece and has not ended yet
    ("… di Liverpool Pep Lijnders gabung⏎Manchester City. …"). A list item or a label under
    it starts something new, and a label ending in "di" is not a sentence."""
    if a[-1] in _TERMINAL or a[-1] in _DASHES or _LIST_MARK.match(b):
        return False
    if _ends_unfinished(a):
        return label is None or not label(a)
    return chained and (a[-1].isalpha() or a[-1] == ",")


def _blank_after_every_line(lines: list[str]) -> bool:
    """Whether non-empty lines are never next to each other, and enough of them are pieces of
    a sentence (a link's text, ", Papua Barat Daya, …"): a text of whole paragraphs with a
    blank line between them keeps its paragraphs apart."""
    filled = pieces = 0
    for i, line in enumerate(lines):
        if line:
            filled += 1
            if i and lines[i - 1]:
                return False
            if line[0] in _CONTINUES or (len(line) <= 30 and line[-1] not in _TERMINAL):
                pieces += 1
    return pieces >= 3 and pieces >= 0.2 * filled


def _next_line(lines: list[str], i: int, spaced: bool) -> str | None:
    """The line after line ``i``, or None where a paragraph ends there."""
    for j in range(i + 1, len(lines)):
        if lines[j]:
            return lines[j]
        if not spaced:
            return None
    return None


def _joinable(a: str, b: str, after: str | None) -> bool:
    """Whether line ``b`` continues line ``a`` (``after`` is the line after ``b``, if any)."""
    end = a[-1]
    if end in "([":  # "Subsidi Upah (⏎BSU⏎) tahap …"
        return True
    if end in _TERMINAL:
        return False
    if end in _DASHES:  # "Jakarta -" then the story
        return (len(a) <= 60 and a[0] not in _DASHES) or _SEP.fullmatch(a) is not None
    if b[0] in _DASHES:
        if _SEP.fullmatch(b) or _STARTS_SEP.match(b):  # "Jakarta⏎-" or "KOMPAS.com⏎- Direktur"
            return len(a) <= 60 and a[0] not in _DASHES
        return False
    head = a[:200]  # (a line re-joined many times grows: look at its start only)
    has_upper = head != head.lower()  # all-lower-case lines are tags, not sentences
    if not has_upper:
        return False
    if b[0].islower() or b[0] in _CONTINUES:
        return True
    # "Asosiasi Penambang⏎Nikel⏎Indonesia (⏎APNI⏎) Meidy …": a bracket left open at the end
    # of this line or the next one means the sentence goes on
    open_bracket = b[-1] in "([" or (after is not None and after[-1] in "([")
    if open_bracket and end.isalpha() and len(b) <= 50 and b[-1] not in _TERMINAL:
        # (under a heading only a piece of a name goes on: "Nikel", "Indonesia (")
        name_piece = all(w[:1].isupper() for w in b.rstrip("([ ").split()[:3])
        if name_piece or not looks_like_headline(_DATELINE_HEAD.sub("", a, count=1)):
            return True
    # "... kediamannya dan⏎Ayu Ting Ting⏎, kawasan Depok": link text split onto its own line.
    # A headline line is whole: a label or a promo under it is not its continuation.
    return (
        (end.islower() or end == ",")
        and len(b) <= 50
        and b[-1] not in _TERMINAL
        and after is not None
        and (after[0].islower() or after[0] in _CONTINUES)
        and not looks_like_headline(_DATELINE_HEAD.sub("", a, count=1))
    )
