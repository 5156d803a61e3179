"""Repair words a scraper glued together ("atauINDFakan", "membeligadgetbaru"), after the rules.

Scrapers that join text nodes without the spaces around link and emphasis text leave glued
words that a tokenizer, a language model or a search index sees as one unknown word. This stage
puts the space back where there is evidence for it, since a false split is worse than a missed
one (docs/repair.md has the table of seams and their evidence):

camel case
    A lower-case letter then a capital ("dariAntara", "erupsiGunung"), capitals then lower case
    ("atauINDFakan", "KPKmenyita"), two capitalised words ("RatuDenmark"). Names written in
    camel case stay whole: the phrase list ``camel_case_names``, any token whose lower-case
    form is a listed word ("YouTube"), brand and outlet prefixes of ``data/repair.toml``
    ("detikNews", "iPhone", "TribunJateng"), and words English has ("KeyBank", "maxValue").
all lower case
    A token that is no word, whose letters split into listed words ("membagikandividensenilai"
    → "membagikan dividen senilai"): a Viterbi search over word frequencies. A listed word, or
    one Indonesian affixes derive from a root ("membagikannya"), is never split.
punctuation and numbers
    "baru,healing", "waspada.Petugas", "Negara(BUMN)sejak", "tahun2024" (never "2,45",
    "detik.com", "hati2", "5000mAh").

The rule runs after the text rules, because those read glue as evidence (a headline glued to the
body: "Hati NuraniTerkait"). Handles, hashtags, URLs, e-mail addresses and paths are left alone;
so is all-lower-case glue in a text without Indonesian words (English compounds are no glue).

The word lists (``data/words/``, derived from wordfreq and PySastrawi) load on first use; where
they cannot load, seams are still split by shape alone and the article carries a warning.
Decisions are remembered per token across documents, so a batch pays for each new word once.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

import regex

from ..document import Doc
from ..options import Options
from ..rules.rule import CodeRule, Example
from ..vocab import _data_file, phrases, table

GLUED = CodeRule(
    id="repair.glued-words",
    reason="Words the scraper glued together (link or emphasis text without its spaces) are "
    "split again where the pieces are known words and the glued form is none.",
    scope="document",
    removes=(
        Example(
            "Perusahaan itu atauINDFakan membagikandividensenilai Rp 2,45 triliun tahun ini.",
            "Perusahaan itu atau INDF akan membagikan dividen senilai Rp 2,45 triliun tahun ini.",
        ),
        Example(
            "Abu vulkanik dari erupsiGunung Lewotobi terbawa angin, menurut laporan dariAntara.",
            "Abu vulkanik dari erupsi Gunung Lewotobi terbawa angin, menurut laporan dari Antara.",
        ),
        Example(
            "Banyak anak muda memilih membeligadgetbaru,healing trip, atau liburan ke luar kota.",
            "Banyak anak muda memilih membeli gadget baru, healing trip, atau liburan ke luar "
            "kota.",
        ),
    ),
    keeps=(
        "Video lengkapnya dapat ditonton di YouTube, TikTok dan detikNews melalui iPhone Anda.",
        "Ponsel itu membawa baterai 5000mAh, dan pihaknya membagikannya lewat akun @budiSantoso.",
        "Warga mempertanyakan keberlanjutan program itu, namun pemerintah belum menjawabnya.",
    ),
)
RULES = (GLUED,)

_EDGE = regex.compile(r"^([^\p{L}\d]*)(.*?)([^\p{L}\d]*)$", regex.S)
_HYPHENATED = regex.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
# handles, hashtags, paths and URLs, file names and domains ("Liputan6.com"), e-mail
_UNTOUCHABLE = regex.compile(r"[@#/_\\=&<>|{}\[\]*+]|\.\p{Ll}|^www|:/")
# Punctuation with no space after it, between two words: "baru,healing", "selesai.Kemudian",
# "seksama,\"tutur", "dimulai.“Mereka", "(DJP)Kementerian", "Pajak(DJP)". Not between digits
# ("2,45", "18.00"), and a full stop only before a capital (a domain: "detik.com").
_PUNCT_SEAM = regex.compile(
    r"(?<=\p{Ll}\p{Ll}[,;:]|\p{Ll}\p{Ll}[.!?])(?=“?\p{Lu}\p{Ll})"
    r"|(?<=\p{Ll}\p{Ll}[,;:])(?=\p{Ll}\p{Ll})"
    r"|(?<=\p{L}\p{L}[,.!?]?”|\(\p{Lu}[^()\s]*\)[,.!?]?)(?=\p{L}\p{L})"
    r"|(?<=\p{L}\p{L},\")(?=\p{Ll}\p{Ll})|(?<=\p{Ll}\p{Ll},)(?=\"\p{Lu})"
    r"|(?<=\p{L}\p{L}[,.!?]?)(?=“\p{L}\p{L}|\(\p{Lu})"
)
# (A straight quote after a full stop may open or close, and "kebencian(mu)", "(multi)media"
# are written so: left alone. After a comma, a straight quote closes before a lower-case word,
# 'ujarnya,"kata', and opens before a capital, 'menjelaskan,"Beberapa'. Between two words it may
# open or close, 'untuk"meminimalkan', 'matang"oleh', unless the token opened it: '"cuma"menang'.)
_DIGIT_SEAM = regex.compile(
    r"^(?:([A-Za-z]{3,})(\d[\d.,]*)|(\d[\d.,]*\d|\d)([a-z]{3,}|[A-Z][a-z]{2,}))$"
)
_RUNS = regex.compile(r"[A-Z]+|[a-z]+")
_LONGEST_TOKEN = 120  # characters: longer tokens (minified code, base64, URLs) are left alone
_LONGEST = 40  # letters: longer tokens are not segmented (a run-together line, a code)
_SHORTEST = 5  # letters: shorter all-lower-case tokens are too ambiguous to split
_PIECE_COST = 120  # centibels added per piece: fewer pieces when the words are as likely
_COMMON = 450  # centibels: a word at least this frequent (1 in 30,000) is "common"
_RARE_SHORT = {2: 300, 3: 440, 4: 460}  # centibels: a short piece must be at least this frequent
_FREQUENT = 500  # centibels: a capitalised word this frequent may take function words after it
_RAREST_PIECE = 580  # centibels: no piece rarer than this ("anyang")
_AFFIXED_COST = 250  # centibels added for an affixed form the list lacks ("dihafal")
_RARE_UNROOTED = 560  # centibels: rarer pieces must be root words (or English)
_SHORT_PIECE = 60  # centibels added to a piece of two or three letters
_UNLISTED_ROOT = 560  # centibels of a root word that the frequency list lacks
_DERIVED_COST = 100  # centibels added for a listed word plus "-nya", "-lah", "-pun" ...
_MEMO_SIZE = 200_000  # tokens whose repair is remembered across documents


@dataclass(frozen=True)
class Lexicon:
    """Word frequencies (centibels) and roots: what counts as a word, and how likely."""

    indonesian: dict[str, int]
    english: dict[str, int]
    roots: frozenset[str]
    only_indonesian: frozenset[str] = frozenset()  # Indonesian words English hardly has
    plain: frozenset[str] = frozenset()  # listed words as written in running text: no repair

    def cost(self, word: str, first: bool = True) -> int | None:
        if first and len(word) == 2:
            return None  # (a two-letter piece never opens a split)
        if first and word == "pun":  # ("pun|diberikan": a particle opens no word, ends many)
            return self.indonesian.get(word, _COMMON) + _SHORT_PIECE
        got = _costs.get(word, _UNSEEN_COST)
        if got is _UNSEEN_COST:
            if len(_costs) >= _MEMO_SIZE:
                _costs.clear()
            got = _costs[word] = self._cost(word)
        return got

    def _cost(self, word: str) -> int | None:
        """Centibels of a piece a split may produce, or None when it may not be one. Two-letter
        pieces are the few short words of ``data/repair.toml`` (and never open a split, see
        :meth:`cost`: "dikota" may be a verb)."""
        n = len(word)
        if word not in self.indonesian and (n < 4 or word not in self.english):
            # (the fast path: most substrings the segmenter tries are no listed word and carry
            # no affix, so none of the options below can apply)
            if n < 6:
                return None
            aff = _affixes()
            if not (word.startswith(aff["starts_any"]) or word.endswith(aff["ends"]["any"])) and (
                n < 7 or not (word in self.roots or word in _split_data()["joined"])
            ):
                return None
        if word in _bound() or word in _split_data()["bound_first"]:
            return None  # ("angka|non|produktif": "non" goes with the word after it)
        if len(word) == 2 and word not in _split_data()["short"]:
            return None
        options = [self.indonesian.get(word)]
        if len(word) >= 4:
            en = self.english.get(word)
            options.append(None if en is None else en + 30)  # (borrowed: a little less likely)
        affixed = len(word) >= 6 and (
            word.startswith(_affixes()["starts_any"]) or word.endswith(_affixes()["ends"]["any"])
        )  # (one C call each: most substrings the segmenter tries carry no affix)
        if affixed and not any(options):
            options += [self.with_clitic(word), self.derived(word)]
        if affixed and len(word) >= 7 and not any(options):
            options.append(self.with_bound_prefix(word))
        if (
            len(word) >= 7
            and not any(options)
            and (word in self.roots or word in _split_data()["joined"])
        ):
            options.append(_RAREST_PIECE)  # a root the frequency list lacks ("akuntabel")
        found = [c for c in options if c is not None]
        if not found:
            return None
        got = min(found)
        if got > _RARE_SHORT.get(len(word), 10_000) or (len(word) < 7 and got > _RAREST_PIECE):
            return None
        if (
            len(word) < 7
            and got > _RARE_UNROOTED
            and not (word in self.roots or word in self.english)
        ):
            return None  # a rare word that is no root either: a name or noise ("cheong")
        return got + _SHORT_PIECE if len(word) <= 3 else got

    def with_bound_prefix(self, word: str) -> int | None:
        """A word behind "anti-", "non-", "pasca-" ... ("antikorupsi", "nonproduktif")."""
        bound = _split_data()["joined_prefixes"]
        for k in range(2, min(7, len(word) - 3)):
            if word[:k] in bound:
                rest = self.cost(word[k:], False)
                if rest is not None:
                    return rest + _DERIVED_COST
        return None

    def derived(self, word: str) -> int | None:
        """Centibels of an affixed form of a listed root of four letters or more ("dihafal",
        "dimintakan"): the root's, plus a cost for the affixes."""
        aff = _affixes()
        if not _prefixes_of(word) and not word.endswith(aff["ends"]["any"]):
            return None  # (no affix to take off: most substrings the segmenter tries)
        best = None
        for root in _roots_of(word, loans=False):  # ("pesertaman" is no word)
            if len(root) >= 4 and root != word and root in self.roots:
                got = self.indonesian.get(root, _UNLISTED_ROOT)
                if best is None or got < best:
                    best = got
        return None if best is None else best + _AFFIXED_COST

    def with_clitic(self, word: str) -> int | None:
        """A listed word plus "-nya", "-lah", "-pun", "-kah" ("pengolahannya"); not "-ku",
        "-mu" (too short to tell: "juru|mu|di" is "jurumudi")."""
        aff = _affixes()
        for end in (*aff["possessives"], *aff["particles"]):
            if len(end) < 3:
                continue
            if word.endswith(end):
                base = self.indonesian.get(word[: -len(end)])
                if base is not None and len(word) - len(end) >= 4:
                    return base + _DERIVED_COST
        return None

    def listed(self, word: str) -> bool:
        return word in self.indonesian or word in self.english or word in self.roots

    def known(self, word: str) -> bool:
        """A listed word, or one Indonesian affixes derive from a listed root."""
        got = _known.get(word)
        if got is None:
            if len(_known) >= _MEMO_SIZE:
                _known.clear()
            got = _known[word] = self._known(word)
        return got

    def _known(self, word: str) -> bool:
        return (
            word in _split_data()["joined"]
            or self.listed(word)
            or any(
                len(root) >= 3
                and (
                    root in self.roots or root in self.indonesian or root in _split_data()["joined"]
                )
                for root in _roots_of(word)
            )
            or any(
                word[:k] in _split_data()["joined_prefixes"] and self.known(word[k:])
                for k in range(2, min(7, len(word) - 3))
            )
        )


_costs: dict[str, int | None] = {}
_UNSEEN_COST: Any = object()
_known: dict[str, bool] = {}


def _roots_of(word: str, loans: bool = True) -> Iterator[str]:
    """Candidate roots of a word once its particles, possessive, suffix and prefix are off
    (and, with ``loans``, the suffix of a borrowed word: "sinergitas"). A generator: the
    caller stops at the first root it knows."""
    aff = _affixes()
    ends = aff["ends"]
    stems = [word]
    groups: tuple[str, ...] = ("particles", "possessives", "suffixes", "loan_suffixes")
    if not word.endswith(ends["all"] if loans else ends["any"]):
        groups = ()  # (no ending of any group: the word is its only stem)
    for group in groups if loans else groups[:3]:
        stems += [
            s[: -len(x)]
            for s in stems
            if s.endswith(ends[group])  # (a tuple: one C call a stem)
            for x in aff[group]
            if s.endswith(x)
        ]
    nasal, by_start = aff["nasal"], aff["by_start"]
    for stem in stems:
        yield stem
        if stem[:2] not in by_start:
            continue  # (no prefix: what _prefixes_of would find, without the call)
        for p in _prefixes_of(stem):
            rest = stem[len(p) :]
            yield rest
            if p in nasal:
                yield nasal[p] + rest
            for q in _prefixes_of(rest):  # "diper-", "ke-ber-"
                yield rest[len(q) :]


def _prefixes_of(word: str) -> list[str]:
    """The prefixes of data/repair.toml that ``word`` starts with, leaving three letters."""
    candidates = _affixes()["by_start"].get(word[:2])
    if not candidates:
        return []
    return [p for p in candidates if word.startswith(p) and len(word) > len(p) + 2]


@cache
def _affixes() -> dict[str, Any]:
    data = table("repair.toml")["affixes"]
    out: dict[str, Any] = {
        k: tuple(sorted(v, key=len, reverse=True)) for k, v in data.items() if k != "nasal"
    }
    out["nasal"] = dict(data["nasal"])
    by_start: dict[str, list[str]] = {}
    for p in data["prefixes"]:
        by_start.setdefault(p[:2], []).append(p)
    out["by_start"] = by_start
    out["starts_any"] = tuple(data["prefixes"]) + tuple(
        table("repair.toml")["split"]["joined_prefixes"]
    )
    out["ends"] = {
        k: tuple(data[k]) for k in ("particles", "possessives", "suffixes", "loan_suffixes")
    }
    out["ends"]["any"] = tuple(x for k in ("particles", "possessives", "suffixes") for x in data[k])
    out["ends"]["all"] = out["ends"]["any"] + tuple(data["loan_suffixes"])
    return out


@cache
def _split_data() -> dict[str, frozenset[str]]:
    return {k: frozenset(v) for k, v in table("repair.toml")["split"].items()}


@cache
def _bound() -> frozenset[str]:
    """Bound forms of data/repair.toml, and every chain of suffixes ("annya", "kanlah")."""
    aff = _affixes()
    chains = {
        a + b + c
        for a in ("", *aff["suffixes"], *aff["loan_suffixes"])
        for b in ("", *aff["possessives"])
        for c in ("", *aff["particles"])
    }
    return _split_data()["bound"] | frozenset(chains - {""})


def _read(name: str) -> list[str]:
    raw = gzip.decompress(_data_file("words", name).read_bytes()).decode("utf-8")
    return [line for line in raw.splitlines() if line and not line.startswith("#")]


def _frequencies(name: str) -> dict[str, int]:
    out: dict[str, int] = {}
    for line in _read(name):
        bucket, words = line.split("\t", 1)
        for w in words.split():
            out.setdefault(w, int(bucket))
    return out


@cache
def lexicon() -> Lexicon | None:
    """The word lists, loaded once; None when they cannot be read (camel case still works)."""
    try:
        indonesian, english = _frequencies("id.txt.gz"), _frequencies("en.txt.gz")
        roots = frozenset(_read("roots_id.txt.gz"))
        words = indonesian.keys() | english.keys() | roots
        return Lexicon(
            indonesian,
            english,
            roots,
            frozenset(  # (English has "yang", "dan", "itu" too, but 100 times rarer)
                w for w, cb in indonesian.items() if english.get(w, 10_000) > cb + 200
            ),
            frozenset(words | {w.capitalize() for w in words}),
        )
    except (OSError, ValueError, EOFError):
        return None


@cache
def _names() -> tuple[frozenset[str], regex.Pattern[str]]:
    """Camel-case names (whole tokens, lower-cased) and a pattern finding them inside tokens."""
    names = phrases("camel_case_names")
    alts = sorted(names, key=len, reverse=True)
    return frozenset(n.casefold() for n in names), regex.compile("|".join(map(regex.escape, alts)))


def segment(word: str, lex: Lexicon) -> list[str] | None:
    """The most likely split of an all-lower-case word into two or more listed words (Viterbi
    over centibels plus a cost per piece), or None when the word is known or no split is."""
    n = len(word)
    if n < _SHORTEST or n > _LONGEST:
        return None
    if word[:2] in ("di", "ke") and _preposition_glued(word, lex):
        return [word[:2], word[2:]]
    if lex.known(word):
        return None
    costs, unseen, cost = _costs, _UNSEEN_COST, lex.cost  # (locals: the loops below are hot)
    for k in range(n - 2, max(2, n - 24) - 1, -1):  # (the shortest first: most often listed)
        c = costs.get(word[k:], unseen)
        if c is unseen:
            c = cost(word[k:], False)
        if c is not None:
            break
    else:
        return None  # no listed word ends it: no split can (most names and inflections)
    best: list[tuple[int, int] | None] = [None] * (n + 1)  # (cost, start of last piece)
    best[0] = (0, 0)
    # Pieces from each reachable start in turn (the same choices, ties included, as taking
    # each end in turn: a start's best is final before any piece leaves it).
    for start in range(n - 1):
        prev = best[start]
        if prev is None:
            continue
        so_far = prev[0] + _PIECE_COST
        for end in range(start + 2, min(n, start + 24) + 1):
            piece = word[start:end]
            if start == 0:
                c = cost(piece, True)
            else:
                c = costs.get(piece, unseen)
                if c is unseen:
                    c = cost(piece, False)
            if c is None:
                continue
            total = so_far + c
            here = best[end]
            if here is None or total < here[0]:
                best[end] = (total, start)
    if best[n] is None:
        return None
    pieces = []
    end = n
    while end > 0:
        start = best[end][1]  # type: ignore[index]
        pieces.append(word[start:end])
        end = start
    pieces.reverse()
    for i in range(len(pieces) - 2, -1, -1):  # "mudah|di|hafal" → "mudah|dihafal"
        if pieces[i] in _split_data()["short"] and lex.known(pieces[i] + pieces[i + 1]):
            pieces[i : i + 2] = [pieces[i] + pieces[i + 1]]
    if len(pieces) < 2 or not any(_more_indonesian(x, lex) for x in pieces):
        return None  # (English compounds stay: "backdoor", "downforce")
    if sum(1 for x in pieces if not lex.listed(x)) > 1:
        return None  # two affixed forms the lists lack: "kesiap|siagaan" is one word
    return pieces


def _preposition_glued(word: str, lex: Lexicon) -> bool:
    """ "di" or "ke" glued to a word that already carries a prefix ("di|berbagai",
    "ke|berbagai"): Indonesian stacks no verb prefix on "ber-", "ter-", "se-", so the "di" is
    the preposition. The word itself must be no listed word ("keberadaan" is one)."""
    rest = word[2:]
    if lex.listed(word) or rest in lex.roots or rest not in lex.indonesian:
        return False
    if lex.indonesian[rest] > _COMMON:
        return False
    return rest.startswith(("ber", "ter", "se", "mem", "men", "meng")) and any(
        r in lex.roots for r in _roots_of(rest) if len(r) >= 4 and r != rest
    )


def _camel_parts(core: str, lex: Lexicon | None) -> list[str] | None:
    """Split a letters-only token at its camel-case seams, or None to leave it whole."""
    names, inside = _names()
    if core.casefold() in names or (lex is not None and lex.listed(core.casefold())):
        return None  # "YouTube", "WhatsApp", "iPhone" ...
    data = _split_data()
    if core.startswith(_camel_prefixes()) and any(
        core.startswith(p) and core[len(p) : len(p) + 1].isupper() for p in data["camel_prefixes"]
    ):
        return None  # "detikNews", "McDonald", "eSports" (one C call rules most tokens out)
    protected: set[int] = set()
    for m in inside.finditer(core):
        protected.update(range(m.start() + 1, m.end()))
    for m in _outlet_inside().finditer(core):
        protected.add(m.end())  # "dariTribunTangerang": the outlet's own seam
    runs = [(m.start(), m.group()) for m in _RUNS.finditer(core)]
    cuts: list[int] = []
    for i in range(1, len(runs)):
        at, run = runs[i]
        prev = runs[i - 1][1]
        if run[0].isupper():  # lower → Upper: "dariAntara", "IndofoodSukses"
            left = core[_word_start(runs, i - 1) : at]
            right = core[at : _word_end(runs, i)]
            if _camel_seam(left, right, lex):
                cuts.append(at)
        else:  # Upper run → lower: "INDFakan", "PTIndofood"
            if len(prev) < 2:
                continue
            tail = core[at : _word_end(runs, i)]
            if (
                len(prev) >= 3
                and prev[:-1] in data["abbreviations"]
                and tail not in data["function_words"]
            ):
                cuts.append(at - 1)  # "PT Indofood" (but "PTS itu", "PTN dan")
            elif (
                lex is not None
                and _word_after_acronym(tail, lex)
                and not lex.listed(prev[-1:].lower() + tail)
            ):
                cuts.append(at)  # an abbreviation, then a word: "INDF akan", "KPK menyita"
            elif len(prev) >= 3 and lex is not None and _indonesian_only(prev[-1] + tail, lex):
                cuts.append(at - 1)  # "KPK Menurut"
    cuts = [c for c in cuts if c not in protected and 0 < c < len(core)]
    if not cuts:
        return None
    return [core[a:b] for a, b in zip([0, *cuts], [*cuts, len(core)], strict=True)]


@cache
def _camel_prefixes() -> tuple[str, ...]:
    return tuple(_split_data()["camel_prefixes"])


@cache
def _outlet_inside() -> regex.Pattern[str]:
    """Capitalised brand prefixes of data/repair.toml, followed by a capital, anywhere."""
    names = [p for p in _split_data()["camel_prefixes"] if p[:1].isupper() and len(p) >= 4]
    return regex.compile("(?:" + "|".join(sorted(names, key=len, reverse=True)) + ")(?=[A-Z])")


def _word_start(runs: list[tuple[int, str]], i: int) -> int:
    """Where the word ending with lower-case run ``i`` starts (with its capital, if any)."""
    at, _ = runs[i]
    if i > 0 and len(runs[i - 1][1]) == 1 and runs[i - 1][1].isupper():
        return runs[i - 1][0]
    if i > 0 and runs[i - 1][1].isupper():
        return at - 1
    return at


def _word_end(runs: list[tuple[int, str]], i: int) -> int:
    """Where the word starting with run ``i`` ends: a capital takes the lower-case run after it."""
    at, run = runs[i]
    if run.isupper() and len(run) == 1 and i + 1 < len(runs):
        return runs[i + 1][0] + len(runs[i + 1][1])
    return at + len(run)


def _common(word: str, lex: Lexicon) -> bool:
    """A frequent Indonesian word (or one plus "-nya", "-lah" ...) of three letters or more."""
    low = word.lower()
    got = lex.indonesian.get(low)
    if got is None and len(low) >= 6:
        got = lex.with_clitic(low)
    return len(low) >= 3 and got is not None and got <= _COMMON and low not in _bound()


def _word_after_acronym(tail: str, lex: Lexicon) -> bool:
    """A common word, or a listed Indonesian word of five letters or more ("KPK|menyita"), but
    no English one ("BRImo", "URLs")."""
    if _common(tail, lex):
        return True
    return len(tail) >= 5 and tail in lex.indonesian and tail not in lex.english


def _camel_seam(left: str, right: str, lex: Lexicon | None) -> bool:
    """Evidence for a lower → Upper seam: the word before it is a known Indonesian word
    ("dari|Antara"), or, after a capitalised name, the word after it is a common one
    ("Indofood|Sukses"). Without word lists: a lower-case word of three letters or more."""
    if len(left) < 2:
        return False  # "kWh", "mAh", "pH"
    if lex is None:
        return left.islower() and len(left) >= 3
    if left in _split_data()["short"]:
        return right.istitle() and len(right) >= 3  # "di|Indonesia", "ke|Swedia"
    if left.islower():  # (more Indonesian than English: "maxValue", "getUserName" are code)
        if _more_indonesian(left, lex) or left in lex.roots:
            return True
        pieces = segment(left, lex)  # "dikutipdari|Android"
        return pieces is not None and _more_indonesian(pieces[-1], lex)
    if len(left) >= 4 and left.istitle() and _more_indonesian(left.lower(), lex):
        return right.istitle() and len(right) >= 3  # "Ratu|Denmark", "Nabi|Muhammad"
    return len(left) >= 3 and _indonesian_only(right, lex)


def _more_indonesian(word: str, lex: Lexicon) -> bool:
    """A listed Indonesian word at least as frequent in Indonesian as in English."""
    cb = lex.indonesian.get(word)
    return cb is not None and cb <= lex.english.get(word, 10_000)


def _indonesian_only(word: str, lex: Lexicon) -> bool:
    """A common word that English lacks: after a capitalised word, "Indofood|Sukses" is glue but
    "Key|Bank", "Car|Play", "Air|Power" are names."""
    return not word.isupper() and _common(word, lex) and word.lower() not in lex.english


def _is_indonesian(tokens: set[str], lex: Lexicon) -> bool:
    """Whether a text holds a few words only Indonesian has (one set intersection): English,
    German or Portuguese compounds are not glue, and the lists would split them."""
    need = int(table("repair.toml")["language"]["min_hits"])
    if len(tokens & lex.only_indonesian) >= need:
        return True
    words = {t.strip(_OUTER).lower() for t in tokens}  # ("Saham", "triliun.")
    return len(words & lex.only_indonesian) >= need


_memo: dict[str, list[str | None]] = {}
_clean: set[str] = set()  # tokens seen before that need no repair


_OUTER = "\"'“”‘’()[]{}.,;:!?-–—…*"  # punctuation around a word, stripped for the quick test


def _fixes(token: str, lex: Lexicon, segment_ok: bool) -> str | None:
    """The repaired form of a white-space token (None: unchanged), with the word lists or, for
    text that is not Indonesian, by seams alone. Remembered across documents: news repeats its
    words."""
    got = _memo.get(token)
    if got is None:
        got = _first_look(token, lex)
    if segment_ok or got[1] is None:
        return got[1]
    if got[0] is _UNSEEN:
        shape = _repair_token(token, lex, False)
        got[0] = shape if shape != token else None
    return got[0]


_NOTHING: list[str | None] = [None, None]


def _first_look(token: str, lex: Lexicon) -> list[str | None]:
    """The memo entry of a token not seen before: [repair by seams alone (_UNSEEN: not worked
    out yet), repair with the word lists]. A token that needs no work is not remembered here
    (:func:`plan` remembers it in ``_clean``)."""
    if not _needs_work(token.strip(_OUTER), lex):
        return _NOTHING
    if len(_memo) >= _MEMO_SIZE:
        _memo.clear()
    full = _repair_token(token, lex, True)
    got = _memo[token] = [_UNSEEN, full if full != token else None]
    return got


def _needs_work(core: str, lex: Lexicon | None) -> bool:
    """Whether a token (without its outer punctuation) may hold a seam or glued words: not a
    number, a listed word, an all-capitals word, or a capitalised one that opens with no
    sentence opener (a name)."""
    if not core.isalpha():
        if (
            lex is not None
            and "-" in core
            and _HYPHENATED.fullmatch(core)
            and all(lex.listed(w.lower()) for w in core.split("-"))
        ):
            return False  # listed words joined by hyphens ("sama-sama", "Hati-hati"): no seam
        return _LETTER.search(core) is not None
    if not core.isascii() or core.isupper():
        return False
    if core.islower():
        return lex is not None and len(core) >= _SHORTEST and not lex.listed(core)
    if core.istitle():
        return (
            lex is not None
            and len(core) > _SHORTEST
            and not lex.listed(core.lower())  # (before the pattern: most such words are listed)
            and _opener_start().match(core) is not None
        )
    return True  # a capital inside: a camel-case seam


_LETTER = regex.compile(r"[A-Za-z]")


@cache
def _opener_start() -> regex.Pattern[str]:
    return regex.compile("|".join(sorted(_openers(), key=len, reverse=True)))


_UNSEEN = "\x00"  # (the repair by seams alone is worked out only for text that needs it)


def plan(tokens: set[str], lex: Lexicon | None) -> dict[str, str]:
    """The repair of each white-space token of a text that needs one."""
    if lex is None:  # (no lists: seams only, and nothing remembered that the lists decided)
        found = {
            tok: _repair_token(tok, None, False)
            for tok in tokens
            if 5 <= len(tok) <= _LONGEST_TOKEN
        }
        return {tok: fixed for tok, fixed in found.items() if fixed != tok}
    fixes: dict[str, str] = {}
    segment_ok: bool | None = None
    memo, clean = _memo, _clean
    for tok in tokens - lex.plain - clean:  # (set differences: most words are listed or seen)
        full = None
        if 5 <= len(tok) <= _LONGEST_TOKEN:
            got = memo.get(tok)  # (what _fixes(tok, lex, True) reads, without its calls)
            full = (_first_look(tok, lex) if got is None else got)[1]
        if full is None:
            if len(clean) >= _MEMO_SIZE:
                clean.clear()
            clean.add(tok)
            continue
        if segment_ok is None:
            segment_ok = _is_indonesian(tokens, lex)
        fixed = _fixes(tok, lex, segment_ok)
        if fixed is not None:
            fixes[tok] = fixed
    return fixes


def repair_text(
    text: str, lex: Lexicon | None, fixes: dict[str, str] | None = None
) -> tuple[str, list[tuple[int, str, str]]]:
    """The text with its glued words split, and each repair as (offset, before, after);
    ``fixes`` is the :func:`plan` of the whole document the text belongs to."""
    if fixes is None:
        fixes = plan(set(text.split()), lex)
    fixes = {tok: fixed for tok, fixed in fixes.items() if tok in text}
    if not fixes:
        return text, []
    found: list[tuple[int, str, str]] = []
    for tok, fixed in fixes.items():
        at = text.find(tok)
        while at >= 0:
            end = at + len(tok)
            if (at == 0 or text[at - 1].isspace()) and (end == len(text) or text[end].isspace()):
                found.append((at, tok, fixed))
            at = text.find(tok, end)
    found.sort()
    out: list[str] = []
    last = 0
    for at, tok, fixed in found:
        out.append(text[last:at])
        out.append(fixed)
        last = at + len(tok)
    out.append(text[last:])
    return "".join(out), found


def _repair_token(token: str, lex: Lexicon | None, segment_ok: bool) -> str:
    """The token repaired, and its pieces repaired again until nothing changes (a split can
    uncover another seam: "POTRETterbaruDenada" → "POTRET terbaruDenada" → "POTRET terbaru
    Denada"), so that cleaning a cleaned text changes nothing."""
    fixed = _repair_once(token, lex, segment_ok)
    for _ in range(3):  # (each round only splits: it ends; three rounds are plenty)
        if fixed == token:
            return fixed
        token = fixed
        fixed = " ".join(
            _repair_once(piece, lex, segment_ok) if len(piece) >= 4 else piece
            for piece in token.split(" ")
        )
    return fixed


def _repair_once(token: str, lex: Lexicon | None, segment_ok: bool) -> str:
    if token.isalpha():  # (most tokens: what the general path below does with them, directly)
        if not token.isascii() or len(token) < 4 or _UNTOUCHABLE.search(token):
            return token
        return _repair_word(token, lex, segment_ok)
    if _UNTOUCHABLE.search(token) or (not token.isascii() and not _mostly_ascii(token)):
        return token
    inner = token.strip(_OUTER)
    if inner.isalnum() or not _INNER.search(inner):
        parts = [token]
    else:
        parts = _PUNCT_SEAM.split(token)
        if token.count('"') >= 2:
            parts = [q for p in parts for q in _QUOTED_SEAM.split(p)]
    return " ".join(_repair_piece(p, lex, segment_ok) for p in parts)


_QUOTED_SEAM = regex.compile(r"(?<=^[^\"]*\"[^\"]+[,.!?]?\")(?=\p{L}\p{L})")  # '"cuma"menang'
_INNER = regex.compile(r"[,;:.!?”)\"“(]")  # punctuation a seam may follow or precede


def _mostly_ascii(token: str) -> bool:
    return all(ch.isascii() or not ch.isalpha() for ch in token)  # (curly quotes, dashes)


def _repair_piece(piece: str, lex: Lexicon | None, segment_ok: bool) -> str:
    edge = _EDGE.match(piece)
    if edge is None:
        return piece
    head, core, tail = edge.groups()
    if len(core) < 4:
        return piece
    if _HYPHENATED.fullmatch(core):
        words = [_repair_word(w, lex, segment_ok) for w in core.split("-")]
        return head + "-".join(words) + tail
    digits = _DIGIT_SEAM.match(core)
    if digits and lex is not None:
        before = digits[1] is not None
        word, number = (digits[1], digits[2]) if before else (digits[4], digits[3])
        words = _repair_word(word, lex, segment_ok).split() if segment_ok else [word]
        near = words[-1] if before else words[0]  # the word that touches the number
        if (
            _common(near, lex)
            and (near.islower() or len(number) == 4 or _indonesian_only(near, lex))
            and not (before and number == "2")  # ("hati2", "masing2": informal "hati-hati")
        ):  # ("Solo3", "LMGT3" are names; "tahun2024", "26Mei", "2025menjadi" glue)
            joined = f"{' '.join(words)} {number}" if before else f"{number} {' '.join(words)}"
            return head + joined + tail
    return piece


def _repair_word(word: str, lex: Lexicon | None, segment_ok: bool) -> str:
    """Split one letters-only word at camel-case seams, then, where the word lists allow, its
    all-lower-case parts (and a capitalised part's common words) into listed words."""
    parts = [word]
    if not word.islower() and not word.isupper() and not word.istitle():
        parts = _camel_parts(word, lex) or [word]
    if lex is None or not segment_ok:
        return " ".join(parts)
    out: list[str] = []
    for part in parts:
        if part.islower():
            out.extend(segment(part, lex) or [part])
        elif part.istitle() and len(part) > _SHORTEST:
            out.extend(_segment_capitalised(part, lex))
        else:
            out.append(part)
    return " ".join(out)


def _segment_capitalised(part: str, lex: Lexicon) -> list[str]:
    """A capitalised word splits only after a sentence opener or function word, into common
    words ("Meskipun|harga|resminya"): names are made of words too ("Sukadana", "Harimurti")."""
    pieces = segment(part.lower(), lex)
    if not pieces or len(pieces[0]) < 4:
        return [part]  # (short openers start names: "Danantara", "Adaro", "Itulah")
    head = part[: len(pieces[0])]
    if head in _openers():
        if not all(len(x) >= 3 and _common(x, lex) for x in pieces[1:]):
            return [part]
    elif not (  # a frequent word, then function words: "Kejadian|ini", "Indonesia|dapat"
        lex.indonesian.get(pieces[0], 10_000) <= _FREQUENT
        and all(x in _split_data()["function_words"] for x in pieces[1:])
    ):
        return [part]
    return [head, *pieces[1:]]


@cache
def _openers() -> frozenset[str]:
    return frozenset(table("repair.toml")["capitalised"]["openers"]) | frozenset(
        phrases("sentence_openers")
    )


def repair_glued_words(doc: Doc, options: Options) -> None:
    """Split glued words in every live block; each repair goes in the trail as 'before → after'."""
    if not options.enabled(GLUED.id):
        return
    lex = lexicon()
    if lex is None:
        doc.warnings.append(
            "the word lists of data/words/ could not be read: glued words were split at "
            "camel-case seams and punctuation only"
        )
    live = [b for b in doc.blocks if not b.removed and b.text.strip()]
    # (for the whole document: one split, one language check)
    fixes = plan(set("\n".join(b.text for b in live).split()), lex)
    if not fixes:
        return
    for block in live:
        mine = {tok: fixed for tok, fixed in fixes.items() if tok in block.text}
        if not mine:
            continue  # (most blocks of a document: no token of theirs needs a repair)
        fixed, repairs = repair_text(block.text, lex, mine)
        if not repairs:
            continue
        block.text = fixed
        for at, before, after in repairs:
            doc.record(GLUED.id, "repair", f"{before} → {after}", block, column=at + 1)
