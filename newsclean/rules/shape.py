"""Shape tests shared by rules: does a line look like a headline, where does a glued one end.

Indonesian headlines are in title case (every content word capitalised, short function words
such as "di", "ke", "dan", "yang" in lower case) and carry no final period. Running text is
mostly lower case and ends in punctuation. That difference tells a related-link headline on the
line after a bare "Baca juga:" (detik, kompas) from body text after a bare "Baca Juga"
(liputan6), and finds the end of a headline glued into a paragraph (sindonews, okezone).
"""

from __future__ import annotations

from functools import cache
from itertools import pairwise

import regex

from ..vocab import phrases

_WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}'’&.-]*")
_TOKEN = regex.compile(r"\S+")
_OPEN_QUOTE = ('"', "“", "'", "‘", "«")
_SENTENCE_END = (".", "!", "?", "…")
_CREDIT_LABEL = regex.compile(
    r"(?i)\(?\s*(?:editor|penulis|reporter|pewarta|redaktur|penyunting|sumber|"
    r"kontributor|wartawan)\s*:"
)
_MAX_HEADLINE_WORDS = 60  # a walk over title-case words stops here whatever comes next
_LIST_NUMBER = regex.compile(r"\d{1,2}[.)]")  # a numbered subheading of the body: "1."
_LIST_ITEM = regex.compile(r"\d{1,2}[.)]\s*\p{Lu}")  # "1.Mantel Krem": a numbered subheading
_GLUED_QUOTE = regex.compile(r"[\p{L}\p{N}.?!][\"“]")


@cache
def _lowercase_words() -> frozenset[str]:
    return frozenset(p.casefold() for p in phrases("title_lowercase"))


@cache
def _openers() -> frozenset[str]:
    """Sentence openers ("Menurut", "Sementara"), as written."""
    return frozenset(phrases("sentence_openers"))


def content_words(text: str) -> list[str]:
    small = _lowercase_words()
    return [w for w in _WORD.findall(text) if w[0].isalpha() and w.casefold() not in small]


def looks_like_headline(text: str, max_len: int = 220) -> bool:
    """True for "Sri Mulyani Siapkan Rp 49,3 T buat Gaji ke-13", false for running text and
    for credit lines ("Editor: Ayu Lestari")."""
    text = text.strip()
    if not text or len(text) > max_len or _CREDIT_LABEL.match(text) or _LIST_ITEM.match(text):
        return False
    if text[-1] in ".;," and not text.endswith("..."):
        return False
    if len(_WORD.findall(text)) < 2:
        return False
    words = content_words(text)
    if not words:
        return False
    capitalised = sum(1 for w in words if w[0].isupper())
    return capitalised >= 0.75 * len(words)


def glued_headline_end(text: str) -> int:
    """How many characters at the start of ``text`` belong to a headline glued before the body.

    When the rest of the line is nothing but headlines (a related list flattened into one run),
    all of it. Otherwise walk title-case words and stop where running text starts again: an
    opening quote, a run of two spaces, a sentence end, a sentence opener ("Menurut"), a word
    glued to the headline's last one ("Hati NuraniTerkait lamanya", "Naik Terus?Menurut"), or
    a lower-case content word. In the last case the sentence began at the capitalised word
    before it, or at a title that opens its subject ("… Alasannya Menteri Luar Negeri Jepang
    menyampaikan").
    """
    line = text.split("\n", 1)[0]
    rest = line.strip()
    if rest and len(rest) <= 400 and not _SENTENCE_INSIDE.search(rest):
        pieces = split_glued_headlines(rest)
        if looks_like_headline(rest, 400) or (
            pieces and all(looks_like_headline(p) for p in pieces)
        ):
            return len(line.rstrip())
    small = _lowercase_words()
    openers, roles = _openers(), _roles()
    last_cap_start = None
    role_start = None  # where the last title word of the current capitalised run starts
    end = 0
    for i, m in enumerate(_TOKEN.finditer(text)):
        tok = m.group()
        if (i and text[end : m.start()].count(" ") >= 2) or i == _MAX_HEADLINE_WORDS:
            return end
        if i >= 2 and (_opens_sentence(tok, text, m.end(), openers) or _LIST_NUMBER.fullmatch(tok)):
            return end  # "… Terbitkan IUP Menurut Meidy, …", "… Tinggi 1. Moldova Di …"
        if i and tok.startswith(_OPEN_QUOTE):
            return end
        glued_quote = _GLUED_QUOTE.search(tok)
        if glued_quote:  # 'Dimulai"Kami masih…': the quote opens the body
            return m.start() + glued_quote.start() + 1
        glued = _body_glued(tok)
        if glued and not _headline_follows(text[m.start() + glued : m.start() + glued + 400]):
            return m.start() + glued  # "NuraniTerkait lamanya": the body starts inside the token
        core = tok.lstrip("\"“‘'([«")
        if not core:
            end = m.end()
            continue
        head = core[0]
        if head.isupper() or head.isdigit() or not head.isalpha():
            inner = [b.start() for b in _ACRONYM_GLUE.finditer(tok)]
            if inner and tok[inner[-1] :].rstrip(",") in openers:
                return m.start() + inner[-1]  # "Dolar ASMenurutnya, …"
            last_cap_start = m.start() + (inner[-1] if inner else 0)
            if i and core.rstrip(",:") in roles:
                role_start = last_cap_start
            end = m.end()
            if tok.endswith(".") and not tok.endswith("..") and len(core) > 3 and i:
                return m.end()
            continue
        word = _WORD.match(core)
        if word and word.group().casefold() in small:
            role_start = None  # "Menteri dan …": a title word in a headline, not a subject
            end = m.end()
            continue
        # A lower-case content word: the body sentence started at the subject's title, or at
        # the last capitalised word.
        start = role_start if role_start is not None else last_cap_start
        if start is not None and start > 0:
            return len(text[:start].rstrip()) if text[:start].strip() else 0
        return 0
    return end


@cache
def _strong_openers() -> frozenset[str]:
    return frozenset(phrases("sentence_openers_strong"))


def _opens_sentence(tok: str, text: str, after: int, openers: frozenset[str]) -> bool:
    """An opener that starts the body: "Namun," with its comma, "Sementara itu", "Meski stok"
    with a lower-case word after it; inside a headline the next word is capitalised ("Harga
    Naik Meski Stok Melimpah")."""
    word = tok.rstrip(",")
    if word not in openers:
        return False
    if tok.endswith(",") or word in _strong_openers():
        return True
    nxt = text[after : after + 30].split(maxsplit=1)  # ("Sebanyak 360 jemaah …": a number too)
    return bool(nxt) and (nxt[0][:1].islower() or nxt[0][:1].isdigit())


@cache
def _camel_names() -> tuple[str, ...]:
    return phrases("camel_case_names")


@cache
def _roles() -> frozenset[str]:
    return frozenset(phrases("role_words"))


# A capital right after two lower-case letters (or after "x." "x?" "x!"): where a word of the
# body was glued to the headline's last word.
_BODY_GLUE = regex.compile(r"(?<=\p{Ll}\p{Ll}[.!?]?)(?=\p{Lu})")
_DOMAIN_LIKE = regex.compile(r"(?i)\.(?:com|co|id|net|org|tv)\b|^tribun|news$")


def _headline_follows(text: str) -> bool:
    """Whether what follows a glue point is another headline of a flattened related box
    ("AturanProyek Baru Segera Dimulai\"Kami …"), not the body."""
    line = text.split("\n", 1)[0]
    pieces = split_glued_headlines(line[:400])
    return bool(pieces) and looks_like_headline(pieces[0])


def _body_glued(tok: str) -> int:
    """Where inside ``tok`` a body word glued to a headline starts (0: nowhere)."""
    if not _BODY_GLUE.search(tok) or _DOMAIN_LIKE.search(tok):
        return 0
    for m in _BODY_GLUE.finditer(tok):
        if not _inside_camel_name(tok, m.start()):
            return m.start()
    return 0


# "Dolar ASMenurutnya": an acronym glued to the next word (not "WhatsApp", not "McLaren").
_ACRONYM_GLUE = regex.compile(r"(?<=\p{Lu}{2})(?=\p{Lu}\p{Ll}{2})")
# "kata dia. Menurut …": a sentence end followed by a new sentence inside the run.
_SENTENCE_INSIDE = regex.compile(r"[.!?][\"”’]?\s+\p{Lu}\p{Ll}+\s+\p{Ll}")


_CAMEL = regex.compile(
    r"(?<=\p{Ll}{3}|[?!)\"”]|\p{N})(?=\p{Lu}\p{Ll})|(?<=\p{Lu}{2})(?=\p{Lu}\p{Ll}{2})"
)


def split_glued_headlines(text: str) -> list[str]:
    """'Title OneTitle Two' → ['Title One', 'Title Two'] for related boxes flattened without breaks."""
    # The split points sit between two letters, never at white space: one split of the whole
    # run is the same as one per word.
    if not _CAMEL.search(text):
        return [text.strip()] if text.strip() else []
    cuts = [m.start() for m in _CAMEL.finditer(text) if not _inside_camel_name(text, m.start())]
    bounds = [0, *cuts, len(text)]
    pieces = [text[a:b].strip() for a, b in pairwise(bounds)]
    return [p for p in pieces if p]


def _inside_camel_name(text: str, at: int) -> bool:
    """Whether ``at`` falls inside a name written with an inner capital ("WhatsApp")."""
    for name in _camel_names():
        start = text.find(name, max(0, at - len(name)), at + len(name))
        if start != -1 and start < at < start + len(name):
            return True
    return False
