"""The language of a clean text, told by its function words; a page's declaration is a hint.

Pages declare their language badly (an English page with ``lang="id"`` from an Indonesian CMS
theme, ``lang="in"``, no declaration at all), and text mode has none, so the text decides. Each
language of ``data/languages.toml`` has a list of short grammatical words; the language whose
words make up most of the text's tokens wins. A language with its own alphabet (Cyrillic,
Greek, Arabic, Thai, Hangul, Kana, Han ...) is told by the alphabet. The declaration settles
close calls (Indonesian and Malay share most function words) and stands when the text is too
short to tell.

>>> detect("Presiden mengatakan bahwa pemerintah akan segera membangun jembatan itu.")
('id', 'text')
>>> detect("The minister said that the bridge would be built after the elections.")
('en', 'text')
>>> detect("Menteri berkata bahawa kerajaan akan membina jambatan itu selepas pilihan raya.")
('ms', 'text')
>>> detect("Banjir", declared="id-ID")
('id', 'declared')
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from itertools import chain

from .vocab import VocabularyError, table

__all__ = ["detect", "normalize_code"]

_MAX_CHARS = 500  # about 70 words: enough to tell a language; the rest adds only time
_MIN_HITS = 2  # fewer function words than this: the text does not say
_HINT_SHARE = 0.8  # the declared language wins when it scores this share of the best
# Old and three-letter codes pages still declare.
_ALIASES = {"in": "id", "ind": "id", "msa": "ms", "may": "ms", "zsm": "ms", "eng": "en"}
_CYRILLIC = frozenset({"ru", "uk", "bg", "sr", "be", "mk", "kk"})


@cache
def _words() -> dict[str, frozenset[str]]:
    data = table("languages.toml").get("words")
    if not isinstance(data, dict) or not data:
        raise VocabularyError("data/languages.toml: [words] must list languages")
    return {lang: frozenset(str(text).split()) for lang, text in data.items()}


@cache
def _index() -> dict[str, tuple[str, ...]]:
    """Each function word and the languages it belongs to: one look-up per token."""
    out: dict[str, tuple[str, ...]] = {}
    for lang, words in _words().items():
        for w in words:
            out[w] = (*out.get(w, ()), lang)
    return out


@cache
def _scripts() -> dict[str, str]:
    data = table("languages.toml").get("scripts", {})
    return {script: lang for lang, script in data.items()}


def normalize_code(code: str | None) -> str | None:
    """'id-ID' → 'id', 'en_US' → 'en', 'in' → 'id'; None for an empty or odd value."""
    if not code:
        return None
    base = code.strip().replace("_", "-").split("-")[0].lower()
    base = _ALIASES.get(base, base)
    return base if base.isalpha() and 2 <= len(base) <= 3 else None


_SCRIPTS = {  # Unicode blocks of the alphabets told apart, each a pattern of its letters
    "Cyrillic": "\u0400-\u04ff",
    "Greek": "\u0370-\u03ff",
    "Hebrew": "\u0590-\u05ff",
    "Arabic": "\u0600-\u06ff",
    "Devanagari": "\u0900-\u097f",
    "Thai": "\u0e00-\u0e7f",
    "Kana": "\u3040-\u30ff",
    "Han": "\u4e00-\u9fff",
    "Hangul": "\uac00-\ud7af",
}
_NON_LATIN = re.compile("[" + "".join(_SCRIPTS.values()) + "]")
_SCRIPT_RX = {name: re.compile(f"[{chars}]") for name, chars in _SCRIPTS.items()}
_LETTER = re.compile(r"[^\W\d_]")
_SAMPLE = 500  # characters looked at to tell an alphabet


def _by_script(text: str, declared: str | None) -> str | None:
    """The language of a text mostly written in a non-Latin alphabet."""
    sample = text[:_SAMPLE]
    if not _NON_LATIN.search(sample):  # the common case, told at C speed
        return None
    counts = {name: len(rx.findall(sample)) for name, rx in _SCRIPT_RX.items()}
    letters = len(_LETTER.findall(sample))
    if not letters or sum(counts.values()) < 0.5 * letters:
        return None
    if counts["Kana"]:
        return "ja"
    script = max(counts, key=lambda s: counts[s])
    if script == "Cyrillic" and declared in _CYRILLIC:
        return declared
    return _scripts().get(script)


def detect(text: str, declared: str | None = None) -> tuple[str | None, str]:
    """The language code of ``text`` and what told it: ``text`` or ``declared``.

    ``declared`` is the page's own ``lang`` (any form: 'id-ID', 'en_US', 'in'). Returns
    ``(None, "")`` when neither the text nor a declaration says."""
    hint = normalize_code(declared)
    by_script = _by_script(text, hint)
    if by_script:
        return by_script, "text"
    # words as str.split() gives them: a function word rarely carries punctuation, and
    # stripping it would cost more than the rest of the detection
    words = text[:_MAX_CHARS].lower().split()
    # each word's languages, counted without a Python-level loop (this runs on every document)
    scores = Counter(chain.from_iterable(filter(None, map(_index().get, words))))
    if not scores:
        return (hint, "declared") if hint else (None, "")
    best = max(scores, key=lambda lang: (scores[lang], lang == "id"))
    if scores[best] < _MIN_HITS:
        return (hint, "declared") if hint else (None, "")
    if hint is not None and hint in scores and scores[hint] >= _HINT_SHARE * scores[best]:
        return hint, "declared" if hint != best else "text"
    return best, "text"
