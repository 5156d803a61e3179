"""Rules that look at the whole document rather than one line: copies of the body, doubled titles,
the writer's bio at the end of an opinion piece, a title above the dateline, a line holding
only the date, another story's headline dropped between two paragraphs.

Some scrapes store an article twice: Republika 2025 and KapanLagi first as one run-together
line, then paragraph by paragraph. The paragraph-shaped copy is the one worth keeping, so the
run-together copy goes *before* the line rules run (they then see each artifact on its own
line). Date lines go before the rules too, so that a dateline under a page header's date stays
within the lead rules' first lines. Repeats, doubled titles and the rest go after the rules.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import regex

from ..dates import parse_date_match
from ..document import Block, Doc
from ..options import Options
from ..rules.rule import CodeRule, Example
from ..rules.shape import content_words, looks_like_headline
from ..vocab import expand, phrases
from .blocks import HEADINGS

_LEAD = (
    "Menteri ESDM pun kini sedang mengunjungi Rusia bersama Presiden. "
    "Ada perjanjian bilateral, termasuk pembicaraan di sektor energi."
)
_NEXT = (
    "Pemerintah akan melihat peluang apakah menggunakan teknologi reaktor modular kecil "
    "atau skala besar, kata Yuliot di Kantor Kementerian ESDM, Jumat (20/6/2025)."
)
_THIRD = (
    "Faisal memahami, jika berbicara tentang nuklir ada kaidah tertentu dalam "
    "mengembangkannya. Indonesia harus memastikan semua syarat terpenuhi."
)
_PARAGRAPH_END = tuple('.!?"”)')
_TITLE = "Video Antrean Mudik di Pelabuhan Merak Mengular"

RUN_TOGETHER = CodeRule(
    id="dedupe.run-together-copy",
    reason="The scraper stored the body twice; the run-together copy goes, the paragraphs stay.",
    scope="document",
    removes=(
        Example(
            f"{_LEAD}{_NEXT}{_THIRD}\n{_LEAD}\n{_NEXT}\n{_THIRD}",
            f"{_LEAD}\n\n{_NEXT}\n\n{_THIRD}",
        ),
    ),
    keeps=(f"{_LEAD}\n{_NEXT}\n{_THIRD}",),
)
_CHORUS = "Kau cahaya di malam sepi, kau lagu di hati ini"
_QUESTION = "Apa makanan favorit Anda saat berbuka puasa di rumah?"
REPEATED = CodeRule(
    id="dedupe.repeated-paragraph",
    reason="A paragraph the scraper copied: repeated word for word right after itself (alone or "
    "in a run), or a long paragraph of prose repeated anywhere; the first copy stays.",
    scope="document",
    removes=(
        Example(f"{_LEAD}\n{_LEAD}\n{_NEXT}", f"{_LEAD}\n\n{_NEXT}"),
        Example(f"{_LEAD}\n{_NEXT}\n{_LEAD}\n{_NEXT}\n{_THIRD}", f"{_LEAD}\n\n{_NEXT}\n\n{_THIRD}"),
        Example(
            f"{_LEAD} {_NEXT}\n{_THIRD}\n{_TITLE}\n{_LEAD} {_NEXT}",
            f"{_LEAD} {_NEXT}\n\n{_THIRD}\n\n{_TITLE}",
        ),
    ),
    keeps=(
        "Ya.\nYa.",
        f"{_LEAD}\n{_NEXT}",
        # a chorus, a question of an interview, an item of two lists: repeated on purpose
        f"{_CHORUS}\nBait kedua dimulai di sini\n{_CHORUS}",
        f"{_CHORUS}\n{_CHORUS}",
        f"{_QUESTION}\nKolak pisang.\n{_QUESTION}\nEs buah.",
        "Tiga maskapai terbaik:\n1. Garuda Contoh Airways\n2. Nusantara Air\n"
        "Tiga maskapai terbersih:\n1. Nusantara Air\n2. Garuda Contoh Airways",
    ),
)
DOUBLED_TITLE = CodeRule(
    id="teaser.doubled-title",
    reason="A headline printed twice in a row is the title of an embedded video player (detik).",
    scope="document",
    removes=(Example(f"{_LEAD}\n{_TITLE}\n{_TITLE}\n{_NEXT}", f"{_LEAD}\n\n{_NEXT}"),),
    keeps=(f"{_LEAD}\n{_TITLE}\n{_NEXT}",),
)
AUTHOR_BIO = CodeRule(
    id="credit.author-bio",
    reason="An opinion piece ends with its writer's name and position: a credit, not body text.",
    scope="document",
    removes=(
        Example(
            "Oleh: Gunawan Hadi\nKabinet butuh menteri yang bekerja! Gunawan HadiDirektur "
            "Eksekutif Lembaga Contoh dan Dosen Komunikasi",
            "Kabinet butuh menteri yang bekerja!",
        ),
    ),
    keeps=("Menurut Gunawan Hadi, kabinet butuh menteri yang bekerja.",),
    needs=("credit.opinion-byline",),
)
TITLE_ABOVE = CodeRule(
    id="nav.title-above-dateline",
    reason="A headline line just above the dateline is the story's title, kept by the scraper.",
    scope="document",
    removes=(
        Example(
            "Pemerintah Izinkan Rapat di Hotel Lagi, Pelaku Wisata Bernapas Lega\n"
            "TRIBUNCONTOH.COM, DENPASAR – Pelaku usaha hotel menyambut baik izin itu.",
            "Pelaku usaha hotel menyambut baik izin itu.",
        ),
    ),
    keeps=(
        "Warga lega karena izin rapat di hotel kembali dibuka pemerintah pusat.\n"
        "TRIBUNCONTOH.COM, DENPASAR – Pelaku usaha hotel menyambut baik izin itu.",
    ),
    needs=("dateline.outlet-city",),
)
_HAJI = (
    "Ada beberapa ciri yang dapat dikenali dari seseorang yang telah melakukan haji mabrur.",
    "Pertama, santun dalam bertutur kata kepada sesama jemaah.",
    "Kedua, menebarkan kedamaian di lingkungan tempat tinggalnya setelah pulang haji.",
    "Ketiga, memiliki kepedulian sosial kepada tetangga yang kesusahan.",
)
OFF_TOPIC = CodeRule(
    id="teaser.off-topic-headline",
    reason="A headline line mid-body sharing no word with the story is another story's teaser.",
    scope="document",
    removes=(
        Example(
            "\n".join(
                [*_HAJI[:2], "Jenazah Nelayan Dievakuasi dari Perairan Nusakambangan", *_HAJI[2:]]
            ),
            "\n\n".join(_HAJI),
        ),
    ),
    keeps=(
        "\n".join([*_HAJI[:2], "Ciri Kedua: Kedamaian Setelah Pulang Haji", *_HAJI[2:]]),
        "\n".join(
            [*_HAJI[:2], "• Husky-CNOOC Madura Ltd. - Operator Blok Lepas Pantai", *_HAJI[2:]]
        ),
        "Q: Aplikasi favorit?\nA: Peta Digital, Dompet Elektronik, dan Kamus Bahasa\n"
        "Q: Tempat liburan favorit?\nA: Pantai Selatan.",
        "\n".join(
            [
                *_HAJI[:2],
                "Menunggu Hujan di Beranda Rumah Nenek",
                "Puisi itu ditulis sang penyair di Yogyakarta.",
                *_HAJI[2:],
            ]
        ),
    ),
)
_BODY = "Harga cabai rawit naik tajam menjelang Idul Adha, kata pedagang di Pasar Induk."
DATE_LINE = CodeRule(
    id="nav.date-line",
    reason="A line that holds only the publication date (and a label or the outlet) is page "
    "chrome; its date becomes Article.published.",
    scope="document",
    removes=(
        Example(f"Senin, 16 Juni 2025 10:00 WIB\n{_BODY}", _BODY),
        Example(f"Kompas.com - 16/06/2025, 10:00 WIB\n{_BODY}", _BODY),
        Example(f"{_BODY}\nDiperbarui 18 Jun 2025, 14:05 WIB", _BODY),
    ),
    keeps=(
        f"{_BODY}\nPada 16 Juni 2025 harga kembali normal.",
        "\n".join([*_HAJI, "Sabtu, 14 Juni 2025", *_HAJI[1:], _BODY]),
        f"Panitia merilis jadwal festival tahun ini.\nJumat, 14 Maret 2025\n{_BODY}",
    ),
)
RULES = (RUN_TOGETHER, REPEATED, DOUBLED_TITLE, AUTHOR_BIO, TITLE_ABOVE, OFF_TOPIC, DATE_LINE)


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _live(doc: Doc) -> list[Block]:
    return [b for b in doc.blocks if not b.removed and b.text.strip()]


def drop_run_together_copy(doc: Doc, options: Options) -> None:
    """A long block made mostly of later blocks, glued together, is a copy of the body."""
    blocks = doc.blocks
    if len(blocks) < 3 or not options.enabled(RUN_TOGETHER.id):
        return
    keys: dict[int, str] = {}  # (a body copied several times asks for the same keys again)
    for i in range(len(blocks) - 1):
        b = blocks[i]
        # A copy is long and followed at once by the first paragraph it glued together.
        if len(b.text) < 300 or b.removed or blocks[i + 1].text[:60] not in b.text:
            continue
        k = _key(b.text)
        covered = 0
        for j in range(i + 1, len(blocks)):
            if not blocks[j].removed:
                lk = keys.get(j)
                if lk is None:
                    lk = keys[j] = _key(blocks[j].text)
                if len(lk) >= 20 and lk in k:
                    covered += len(lk)
                    if covered >= 0.5 * len(k):
                        doc.drop(b, RUN_TOGETHER.id)
                        break


_DATE_EDGE = 4  # date lines are looked for among the first lines and the last two


@cache
def _update_label() -> Any:
    return regex.compile(expand(r"(?i)(?<!\p{L}){{date_update_labels}}(?!\p{L})"), regex.V0)


@cache
def _date_residue() -> Any:
    """What may stand beside the date on a date line: labels, an outlet, punctuation."""
    return regex.compile(
        expand(r"(?i)[\W_]*(?:(?:{{date_labels}}|{{date_update_labels}}|{{outlets}})[\W_]*)*"),
        regex.V0,
    )


_DIGIT = regex.compile(r"\d")
_FIRST_YEAR = 1995  # no Indonesian news site published before this


def drop_date_lines(doc: Doc, options: Options) -> None:
    """Lines near the start or the end that hold nothing but a date, before the rules run (a
    dateline under them is then within the lead rules' reach)."""
    if not options.enabled(DATE_LINE.id):
        return
    first = doc.first_live(_DATE_EDGE)
    last = [b for b in doc.first_live(2, from_end=True) if b not in first]
    before: Block | None = None
    for b in first + last:
        prev, before = before, b
        text = b.text.strip()
        if len(text) > 80 or not _DIGIT.search(text):
            continue
        if prev is not None and prev.text.rstrip().endswith(":"):
            continue  # "Pemungutan suara digelar pada:⏎Rabu, 14 Februari 2024": the story's
        found = parse_date_match(text, reference=options.reference_time)
        if found is None:
            continue
        at = text.find(found.text)
        rest = f"{text[:at]} {text[at + len(found.text) :]}" if at >= 0 else text
        if not _date_residue().fullmatch(rest):
            continue
        if b in first and not _CLOCK.search(text) and _in_story(prev, _next_live(doc, b)):
            # "Panitia merilis jadwalnya.⏎Jumat, 14 Maret 2025⏎08.00 Pembukaan": a date of
            # the story's own (a schedule); a page's date line sits above the body, or has a time
            doc.note(DATE_LINE.id, "kept", f"looked like a date of the story: {text}", b)
            continue
        doc.drop(b, DATE_LINE.id)
        updated = _update_label().search(rest)  # the time of the last change, not publication
        if "published" not in doc.meta and not updated and found.value.year >= _FIRST_YEAR:
            doc.meta["published"] = found  # the resolver needs to know if it gave a zone
            doc.provenance.setdefault("published", f"text:{DATE_LINE.id}")


_CLOCK = regex.compile(r"\d{1,2}[:.]\d{2}")


_SCHEDULE_ITEM = regex.compile(
    r"(?i)\d{1,2}(?:[:.]\d{2}(?:\s*(?:[ap]\.?m\.?|wib|wita|wit))?|\s*[ap]\.?m\.?)\s+\S"
)


def _sentence(text: str) -> bool:
    """A line of running text: it ends a sentence and is long enough to be one."""
    text = text.strip()
    return (
        len(text.split()) >= 4 and text.endswith((".", "!", "?")) and not looks_like_headline(text)
    )


def _in_story(prev: Block | None, after: Block | None) -> bool:
    """Whether a date line with no time sits inside the story: under a sentence of it, or next
    to an item of a schedule ("10.00 Lomba tari", "6 p.m. Opening concert")."""
    return (prev is not None and (_sentence(prev.text) or _SCHEDULE_ITEM.match(prev.text))) or (
        after is not None and _SCHEDULE_ITEM.match(after.text.strip()) is not None
    )


def _next_live(doc: Doc, b: Block) -> Block | None:
    found = False
    for x in doc.blocks:
        if found and not x.removed and x.text.strip():
            return x
        found = found or x is b
    return None


def drop_repeats(doc: Doc, options: Options) -> None:
    """Doubled video titles, then paragraphs that repeat an earlier one."""
    live = _live(doc)
    keys = [b.text.strip() for b in live]
    if options.enabled(DOUBLED_TITLE.id):
        for i in range(len(live) - 1):
            if keys[i] and keys[i] == keys[i + 1] and looks_like_headline(live[i].text):
                for b in (live[i], live[i + 1]):
                    if not b.removed:
                        doc.drop(b, DOUBLED_TITLE.id)
    if options.enabled(REPEATED.id):
        _drop_repeated(doc, live, keys)


_MAX_RUN = 12  # paragraphs a copied run may hold (a copy further away needs long prose)
_PROSE_LINE = 80  # characters: a paragraph this long that ends a sentence is prose
_LONG_PROSE = 200  # ... and one this long, of two sentences or more, is not repeated on purpose
_PROSE_END = tuple('.!"”')
_SENTENCE_BREAK = regex.compile(r"[.!?][\"”’)]?\s+[\p{Lu}\"“]")


def _prose(text: str, long: bool = False) -> bool:
    """A paragraph of running text: it ends a sentence (a question is an interview's or a
    quiz's, repeated on purpose) and is long; ``long``: long and of several sentences."""
    if not text.endswith(_PROSE_END):
        return False
    if not long:
        return len(text) >= _PROSE_LINE
    return len(text) >= _LONG_PROSE and _SENTENCE_BREAK.search(text) is not None


def _looks_like(text: str) -> str:
    """What a repeat that stays looked like, for its "kept" note."""
    if text.endswith("?"):
        return "repeated on purpose (a question)"
    if len(text) < _PROSE_LINE or not text.endswith(_PROSE_END):
        return "repeated on purpose (a list item, a lyric or a label)"
    return "repeated on purpose (a paragraph repeated apart, too short to call a copy)"


def _drop_repeated(doc: Doc, live: list[Block], keys: list[str]) -> None:
    """Repeats that show a copy: a paragraph or run of paragraphs printed twice in a row, with
    prose in it (KapanLagi prints each section twice), or a long paragraph of prose repeated
    anywhere. Short lines, lists, lyrics and questions repeat in real writing (a chorus, an
    item of two rankings, the same question to each guest): they stay, with a "kept" note."""
    last: dict[str, int] = {}
    noted: set[str] = set()
    i = 0
    while i < len(live):
        k = keys[i]
        j = last.get(k)
        if len(k) < 20 or live[i].removed or j is None:
            if len(k) >= 20:
                last[k] = i
            i += 1
            continue
        run = i - j
        copied = run <= _MAX_RUN and keys[j:i] == keys[i : i + run]
        if copied and any(_prose(t) for t in keys[j:i]):
            for b in live[i : i + run]:
                doc.drop(b, REPEATED.id)
            i += run
            continue
        if _prose(k, long=True):
            doc.drop(live[i], REPEATED.id)
        else:
            if k not in noted:  # (once per paragraph: a meal plan repeats dozens of lines)
                noted.add(k)
                doc.note(REPEATED.id, "kept", f"{_looks_like(k)}: {k}", live[i])
            last[k] = i
        i += 1


def drop_author_bio(doc: Doc, options: Options) -> None:
    """Cut '<writer's name><position>…' from the end when an opinion byline named the writer."""
    if (
        not options.enabled(AUTHOR_BIO.id)
        or doc.provenance.get("authors") != "text:credit.opinion-byline"
    ):
        return
    live = _live(doc)
    if not live:
        return
    last = live[-1]
    tail_start = max(0, len(last.text) - 400)
    for name in doc.authors:
        at = last.text.find(name, tail_start)
        if at < 0 or at + len(name) >= len(last.text):
            continue
        if not last.text[at + len(name)].isupper() and last.text[at + len(name)] not in ",(":
            continue
        cut = last.text[at:]
        rest = last.text[:at].rstrip()
        if rest:
            last.text = rest
            doc.record(AUTHOR_BIO.id, "span", cut, last, column=at + 1)
        else:
            doc.drop(last, AUTHOR_BIO.id)
        return


def drop_title_above_dateline(doc: Doc, options: Options) -> None:
    """When the dateline opens the 2nd to 4th line, headline lines above it are the title."""
    if doc.dateline_block is None or not options.enabled(TITLE_ABOVE.id):
        return
    live = _live(doc)
    at = next((i for i, b in enumerate(live) if b is doc.dateline_block), None)
    if not at or at > 3:
        return
    titles = []
    for b in live[:at]:
        if looks_like_headline(b.text):
            titles.append(" ".join(b.text.split()))
            doc.drop(b, TITLE_ABOVE.id)
    if len(titles) == 1:  # one headline line: the story's title, kept as metadata
        doc.meta.setdefault("title", titles[0].strip('"“” '))


def drop_off_topic_headlines(doc: Doc, options: Options) -> None:
    """A headline-shaped line between two sentences whose content words (four or more, of four
    letters or more) occur nowhere else in the story: liputan6 drops the title of an unrelated
    video between paragraphs. A subheading shares its words with the text under it."""
    if not options.enabled(OFF_TOPIC.id):
        return
    live = _live(doc)
    if len(live) < 4:
        return
    lowered: str | None = None
    starts: list[int] = []
    for i in range(1, len(live) - 1):
        text = live[i].text.strip()
        if len(text) > 220 or text[-1:] in ".,;?" or not text[:1].isalpha():
            continue  # (a question is a subheading's way of opening a section, not a teaser's)
        if live[i].tag in HEADINGS:
            continue  # a heading of the page's own markup
        before, after = live[i - 1].text.rstrip(), live[i + 1].text.strip()
        if before[-1:] not in _PARAGRAPH_END or after[-1:] not in _PARAGRAPH_END:
            continue  # (between fragments of a split sentence, not between two paragraphs)
        if not looks_like_headline(text):
            continue
        own = {w.casefold() for w in content_words(text) if len(w) >= 4}
        if len(own) < 4:
            continue
        if _labelled(text) and (
            len(_labelled(text)) <= 2 or _labelled(before) or _labelled(after)
        ):  # "A: Bleacher Report, Uber Eats": an answer of a Q&A, a line of a transcript
            doc.note(OFF_TOPIC.id, "kept", f"looked like a labelled line (Q&A): {text}", live[i])
            continue
        if any(_names_a_work(b.text) for b in live[max(0, i - 2) : i + 2] if b is not live[i]):
            doc.note(OFF_TOPIC.id, "kept", f"looked like the title of a work: {text}", live[i])
            continue
        if lowered is None:
            folded = [b.text.casefold() for b in live]  # ("ß" folds to two letters)
            lowered = "\n".join(folded)
            pos = 0
            for f in folded:
                starts.append(pos)
                pos += len(f) + 1
        span = (starts[i], starts[i] + len(live[i].text.casefold()))
        if not any(_occurs_outside(lowered, w, span) for w in own):
            doc.drop(live[i], OFF_TOPIC.id)


@cache
def _work_nouns() -> frozenset[str]:
    return frozenset(p.casefold() for p in phrases("work_nouns"))


_WORDS = regex.compile(r"\p{L}+")


def _names_a_work(text: str) -> bool:
    """Whether a paragraph names a kind of work ("lagu", "puisinya", "the song"): a title-case
    line beside it (two paragraphs before, one after) is that work's title. Its start and its
    end are read."""
    words = _WORDS.findall(text[-120:].casefold()) + _WORDS.findall(text[:60].casefold())
    return not _work_nouns().isdisjoint(words)


_LABEL = regex.compile(r"(\p{L}[\p{L}.]{0,15}(?: \p{L}[\p{L}.]{0,15})?)[ \t]*:[ \t]")


def _labelled(text: str) -> str:
    """The label a line opens with ("A", "Tanya", "Budi Santoso"), or ""."""
    m = _LABEL.match(text)
    return m.group(1) if m else ""


def _occurs_outside(text: str, word: str, span: tuple[int, int]) -> bool:
    """Whether ``word`` occurs in ``text`` as a whole word outside ``span``: near it first (a
    subheading's words are in the paragraphs around it), then anywhere."""
    near = (max(0, span[0] - _NEAR), min(len(text), span[1] + _NEAR))
    if _whole_word(text, word, span, *near):
        return True
    # (in a long document only the neighbourhood counts: a search of all of it for every
    # word of every headline line would grow with the square of its length)
    return (
        near != (0, len(text))
        and len(text) <= _WHOLE
        and _whole_word(text, word, span, 0, len(text))
    )


_NEAR = 4000  # characters on either side of a headline line looked at first
_WHOLE = 60_000  # documents up to this length are searched whole after that


def _whole_word(text: str, word: str, span: tuple[int, int], lo: int, hi: int) -> bool:
    at = text.find(word, lo, hi)
    while at >= 0:
        end = at + len(word)
        whole = (at == 0 or not text[at - 1].isalpha()) and (
            end == len(text) or not text[end].isalpha()
        )
        if whole and not span[0] <= at < span[1]:
            return True
        at = text.find(word, end, hi)
    return False
