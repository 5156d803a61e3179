"""Names of people as news pages print them: bylines split into persons, team credits dropped."""

from __future__ import annotations

from functools import cache

import regex

from .vocab import phrase_pattern, phrases, table


@cache
def _label() -> regex.Pattern[str]:
    """A credit label opening a byline ("Penulis:", "Ditulis oleh", "Laporan wartawan")."""
    return regex.compile(
        rf"^\s*(?:{phrase_pattern('credit_labels')})(?!\p{{L}})\s*[:\-–]?\s*", regex.IGNORECASE
    )


@cache
def label_words() -> frozenset[str]:
    """Every word of a writer's or editor's credit label: a name holds none of them."""
    words = {w for p in (*phrases("credit_labels"), *phrases("editor_labels")) for w in p.split()}
    return frozenset(w.casefold() for w in words | {"kredit", "credit", "credits"})


# An account name rather than a person's: "prwir", "admin_2", "@redaksi", "user123".
# (A reporter's code in capitals and digits, republika's "C31", is a credit readers see.)
_ACCOUNT = regex.compile(r"[_@]|\p{Ll}\d|(?i)admin|^(?:user|guest|staff)")
# A one-word lower-case credit is a name ("editor: wahyudi") unless it reads as a code: three
# letters or fewer ("dnu"), or three consonants in a row ("prwir").
_CODE = regex.compile(r"^\p{Ll}{1,3}$|[bcdfghjklmnpqrstvwxz]{3}")
# Initials codes ("ANT", "DAS", "asp"): a person only where a publisher profile maps them.
_INITIALS = regex.compile(r"^\p{Lu}{2,5}$")
_SPLIT = regex.compile(r"\s*(?:,|;|/|\||&|\s+dan\s+|\s+and\s+)\s*", regex.IGNORECASE)
_SUFFIX = regex.compile(
    r"\s*[-–—|]\s*(?:detik\w*|kompas\w*|liputan6\w*|tribun\w*)\S*\s*$", regex.IGNORECASE
)
_NAME = regex.compile(
    r"[\p{L}][\p{L}\p{M}\p{N}.'’`-]*(?:\s+[\p{L}\p{N}][\p{L}\p{M}\p{N}.'’`-]*){0,6}"
)
_CONTRIBUTOR_PLACE = regex.compile(
    r"^\s*(?:(?:penulis|reporter)\s*:?\s*)?(?:kontributor|koresponden)\s+\p{Lu}[\p{L} ]{1,40}?,\s*",
    regex.IGNORECASE,
)


@cache
def _months() -> str:
    """Month names and abbreviations of data/dates.toml, as an alternation."""
    names = {n for month in table("dates.toml")["months"] for n in month}
    return "(?:" + "|".join(sorted(map(regex.escape, names), key=len, reverse=True)) + ")"


@cache
def _date_tail() -> regex.Pattern[str]:
    """Where a date written after a name starts ('Yulianus Wenda Kamis, 8 Februari 2024',
    'Corry Anestia on 16 Feb 2016', 'Tigor Simanjuntak 20 November 2023', 'Isaac Butler Nov
    15', 'Al Root Updated Nov. 19', 'Ravi Menon Published: Nov 19')."""
    days = phrase_pattern("weekdays")
    labels, updates = phrase_pattern("date_labels"), phrase_pattern("date_update_labels")
    return regex.compile(
        rf"\s+(?:(?:on|pada|{labels}|{updates})\s*:?\s+)?(?:{days}\b|{_months()}\.?\s+\d"
        rf"|\d{{1,2}}[/ .-]\d|\d{{1,2}}\s+\p{{L}}{{3,}}|\d{{4}}|(?<=on\s+)\d{{1,2}}\b)",
        regex.IGNORECASE,
    )


@cache
def _not_names() -> frozenset[str]:
    """Words no personal name holds: the small words of a phrase ("About the Author")."""
    return frozenset(w.casefold() for w in phrases("not_in_names"))


@cache
def _calendar_words() -> frozenset[str]:
    """Day and month names: a credit that is only one ("Tue", "Nov") is a date's piece. (In a
    longer name they stay: "Agus Juni Santoso", "Dewi Mei".)"""
    dates = table("dates.toml")
    words = {w.casefold() for w in (*phrases("weekdays"), *dates["weekdays"])}
    return frozenset(words | {n for month in dates["months"] for n in month})


@cache
def _organisation() -> regex.Pattern[str]:
    """Words that make a credit an organisation, not a person ("Kompas Cyber Media")."""
    return regex.compile(rf"(?i)\b{phrase_pattern('organisation_words')}\b")


@cache
def _teams() -> tuple[str, ...]:
    return tuple(p.casefold() for p in phrases("team_credits"))


@cache
def _outlets() -> frozenset[str]:
    return frozenset(p.casefold() for p in phrases("outlets"))


def is_person(name: str) -> bool:
    """False for team and desk credits ("Tim detikBali", "Redaksi", "Admin"), accounts
    ("Metrotvnews Developer", "prwir", "user_12"), bare initials codes ("ANT") and text that
    holds a credit label ("Kredit A Author B")."""
    name = name.strip()
    folded = name.casefold()
    if not folded or not _NAME.fullmatch(name) or _organisation().search(name):
        return False
    if " " not in name and (
        _ACCOUNT.search(name) or _INITIALS.match(name) or (name.islower() and _CODE.search(name))
    ):
        return False
    if any(w.casefold() in label_words() for w in name.split()):
        return False
    if any(
        w.islower() and w in _not_names() for w in name.split()
    ):  # "About the" ("Sun Yang" stays)
        return False
    if folded.rstrip(".") in _calendar_words():
        return False
    if folded in _outlets():  # "CNN Indonesia" as a byline is the outlet, not a person
        return False
    return not any(folded == t or folded.startswith(t + " ") for t in _teams())


def split_authors(text: str) -> list[str]:
    """'Reporter: A dan B' → ['A', 'B']; 'Tim detikcom - detikNews' → []."""
    text = _SUFFIX.sub("", " ".join(text.split()))
    text = _CONTRIBUTOR_PLACE.sub("", text)  # "Kontributor Lebak, Acep Nazmudin" → the name
    text = _date_tail().split(text, 1)[0]  # "Yulianus Wenda Kamis, 8 Februari 2024" → the name
    text = _label().sub("", text).strip(" .,:()")
    out = []
    for part in _SPLIT.split(text):
        part = part.strip(" .,:()")
        if (part.islower() or part.isupper()) and " " in part:
            part = _title_case(part)  # "(tribunpekanbaru.com/dimas prasetyo)", "DEWI KANIA"
        if part and is_person(part):
            out.append(part)
    return out


def _title_case(name: str) -> str:
    """'DEWI KANIA' → 'Dewi Kania'; "MUHAMMAD SAFI'I" → "Muhammad Safi'i" (str.title would
    give "Safi'I")."""
    return " ".join(w[:1].upper() + w[1:].lower() for w in name.split())
