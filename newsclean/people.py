"""Names of people as news pages print them: bylines split into persons, team credits dropped."""

from __future__ import annotations

from functools import cache

import regex

from .vocab import phrase_pattern, phrases

_LABEL = regex.compile(
    r"^\s*(?:oleh|by|penulis|reporter|reportase|wartawan|kontributor|laporan wartawan|pewarta)"
    r"\s*[:\-–]?\s*",
    regex.IGNORECASE,
)
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
def _date_tail() -> regex.Pattern[str]:
    """Where a date written after a name starts ('Yulianus Wenda Kamis, 8 Februari 2024')."""
    days = phrase_pattern("weekdays")
    return regex.compile(rf"\s+(?:{days}\b|\d{{1,2}}[/ .-]\d|\d{{4}})", regex.IGNORECASE)


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
    """False for team and desk credits ("Tim detikBali", "Redaksi", "Admin")."""
    folded = name.casefold().strip()
    if not folded or not _NAME.fullmatch(name.strip()) or _organisation().search(name):
        return False
    if folded in _outlets():  # "CNN Indonesia" as a byline is the outlet, not a person
        return False
    return not any(folded == t or folded.startswith(t + " ") for t in _teams())


def split_authors(text: str) -> list[str]:
    """'Reporter: A dan B' → ['A', 'B']; 'Tim detikcom - detikNews' → []."""
    text = _SUFFIX.sub("", " ".join(text.split()))
    text = _CONTRIBUTOR_PLACE.sub("", text)  # "Kontributor Lebak, Acep Nazmudin" → the name
    text = _date_tail().split(text, 1)[0]  # "Yulianus Wenda Kamis, 8 Februari 2024" → the name
    text = _LABEL.sub("", text).strip(" .,:()")
    out = []
    for part in _SPLIT.split(text):
        part = part.strip(" .,:()")
        if part.islower():  # "(tribunpekanbaru.com/dimas prasetyo)"
            part = part.title()
        if part and is_person(part):
            out.append(part)
    return out
