"""Dates as Indonesian news pages print them, read into timezone-aware datetimes.

Pages and their meta tags print the same instant a dozen ways ("Kamis, 5 November 2015 - 15:56
wib", "Kompas.com - 28/05/2025, 13:30 WIB", "2015-06-19T03:40:00+07:00Z"), so one tolerant reader
serves them all. Every word it knows (months, day names, zones, relative units) lives in
``data/dates.toml``; the patterns are built from it once, at import, so a parse costs
microseconds (about 1 µs for a line without four digits in a row, 10-20 µs for a date line).

Rules kept on purpose: numeric dates are day-first unless the year comes first; a date without
a year, or an impossible one, is ``None`` rather than a guess; a time without a zone is in ``tz``
(WIB by default); relative times ("2 jam yang lalu") resolve only against a given ``reference``.
Eight digits ("20150619") are a date only when they are the whole input: inside text they are
more often an id. Epoch seconds are never read as dates.

>>> parse_date("Tayang: Senin, 9 Juni 2025 21:58 WITA").isoformat()
'2025-06-09T21:58:00+08:00'
>>> m = parse_date_match("Kompas.com - 28/05/2025, 13:30 WIB")
>>> m.value.isoformat(), m.has_time, m.has_zone, m.text
('2025-05-28T13:30:00+07:00', True, True, '28/05/2025, 13:30 WIB')
>>> parse_date("Rabu (20/9)") is None  # no year: no guess
True
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from functools import cache
from typing import Any

import regex

from .vocab import VocabularyError, table

__all__ = ["WIB", "WIT", "WITA", "DateMatch", "parse_date", "parse_date_match"]


@dataclass(frozen=True, slots=True)
class DateMatch:
    """A date found in text, with what the text itself gave versus what was assumed."""

    value: datetime  # always timezone-aware
    has_time: bool  # the text gave a time of day (else 00:00)
    has_zone: bool  # the text gave a zone or offset (else ``tz`` was assumed)
    text: str  # the part of the input that was read


# --- building the grammar from data -------------------------------------------------------------

_OFFSET_TEXT = regex.compile(r"([+-])(\d{2}):(\d{2})")
_SLOT = regex.compile(r"\{\{(\w+)\}\}")


@dataclass(frozen=True, slots=True)
class _Grammar:
    absolute: Any  # regex.Pattern[str]
    relative: Any
    weekday: Any
    lookback: int  # how far before its year a date can start
    keywords: tuple[str, ...]  # one of these is in every relative time (a cheap pre-check)
    months: dict[str, int]
    zones: dict[str, timezone]
    meridiem: dict[str, bool]  # word -> is afternoon
    numbers: dict[str, int]
    units: dict[str, timedelta | int]  # timedelta: exact instant; int: whole days (date only)
    phrases: dict[str, timedelta | int]
    min_year: int
    max_year: int


def _err(msg: str) -> VocabularyError:
    return VocabularyError(f"data/dates.toml: {msg}")


def _words(value: Any, where: str) -> list[str]:
    """A non-empty list of non-empty strings, lowercased with single spaces."""
    if not isinstance(value, list) or not value:
        raise _err(f"{where} must be a non-empty list of words")
    out = []
    for w in value:
        if not isinstance(w, str) or not w.strip():
            raise _err(f"{where} holds an empty or non-text entry: {w!r}")
        out.append(_key(w))
    return out


def _key(s: str) -> str:
    return " ".join(s.split()).lower()


def _alt(words: Iterable[str]) -> str:
    """A non-capturing alternation, longest first so "Juni" wins over "Jun"."""
    alts = sorted(set(words), key=lambda w: (-len(w), w))
    return "(?:" + "|".join(r"\s+".join(regex.escape(p) for p in w.split()) for w in alts) + ")"


def _fill(template: str, **pieces: str) -> str:
    """Put named pieces into a pattern's ``{{name}}`` slots."""
    return _SLOT.sub(lambda m: pieces[m[1]], template)


def _int(value: Any, where: str, minimum: int = 0) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
        raise _err(f"{where} must be an integer >= {minimum}, got {value!r}")
    return value


def _amount(entry: Any, where: str) -> timedelta | int:
    """``seconds = n`` keeps a time of day; ``days = n`` gives a date only."""
    if not isinstance(entry, Mapping):
        raise _err(f"{where} must be a table")
    has_s, has_d = "seconds" in entry, "days" in entry
    if has_s == has_d:
        raise _err(f"{where} needs exactly one of 'seconds' or 'days'")
    if has_s:
        return timedelta(seconds=_int(entry["seconds"], f"{where}.seconds"))
    return _int(entry["days"], f"{where}.days")


def _word_table(entries: Any, where: str) -> dict[str, timedelta | int]:
    if not isinstance(entries, list) or not entries:
        raise _err(f"{where} must be a non-empty array of tables")
    out: dict[str, timedelta | int] = {}
    for i, entry in enumerate(entries):
        amount = _amount(entry, f"{where}[{i}]")
        for w in _words(entry.get("words"), f"{where}[{i}].words"):
            if w in out:
                raise _err(f"{where}: {w!r} is listed twice")
            out[w] = amount
    return out


def _compile(data: Mapping[str, Any]) -> _Grammar:
    """Validate the vocabulary and build the patterns; a broken file fails here, at import."""
    min_year = _int(data.get("min_year"), "min_year", 1)
    max_year = _int(data.get("max_year"), "max_year", min_year)

    raw_months = data.get("months")
    if not isinstance(raw_months, list) or len(raw_months) != 12:
        raise _err("months must be a list of 12 lists of names, January first")
    months: dict[str, int] = {}
    for number, names in enumerate(raw_months, start=1):
        for name in _words(names, f"months[{number - 1}]"):
            if months.get(name, number) != number:
                raise _err(f"month name {name!r} is listed for two months")
            months[name] = number

    weekdays = _words(data.get("weekdays"), "weekdays")
    time_words = _words(data.get("time_words"), "time_words")
    ordinals = _words(data.get("ordinal_suffixes"), "ordinal_suffixes")
    offset_prefixes = _words(data.get("offset_prefixes"), "offset_prefixes")

    raw_zones = data.get("zones")
    if not isinstance(raw_zones, Mapping) or not raw_zones:
        raise _err("[zones] must map zone names to offsets")
    zones: dict[str, timezone] = {}
    for name, offset in raw_zones.items():
        m = _OFFSET_TEXT.fullmatch(offset) if isinstance(offset, str) else None
        if not m or int(m[2]) > 23 or int(m[3]) > 59:
            raise _err(f"zone {name} has offset {offset!r}; expected ±HH:MM")
        minutes = int(m[2]) * 60 + int(m[3])
        zones[_key(name)] = timezone(timedelta(minutes=-minutes if m[1] == "-" else minutes), name)
    for required in ("wib", "wita", "wit"):
        if required not in zones:
            raise _err(f"[zones] must define {required.upper()}")

    raw_meridiem = data.get("meridiem")
    if not isinstance(raw_meridiem, Mapping):
        raise _err("[meridiem] must have 'am' and 'pm' lists")
    meridiem = {w: False for w in _words(raw_meridiem.get("am"), "meridiem.am")}
    meridiem |= {w: True for w in _words(raw_meridiem.get("pm"), "meridiem.pm")}

    rel = data.get("relative")
    if not isinstance(rel, Mapping):
        raise _err("[relative] is missing")
    ago = _words(rel.get("ago"), "relative.ago")
    one_prefixes = _words(rel.get("one_prefixes"), "relative.one_prefixes")
    raw_numbers = rel.get("numbers")
    if not isinstance(raw_numbers, Mapping) or not raw_numbers:
        raise _err("[relative.numbers] must map number words to counts")
    numbers = {_key(k): _int(v, f"relative.numbers.{k}", 1) for k, v in raw_numbers.items()}
    units = _word_table(rel.get("unit"), "relative.unit")
    phrases = _word_table(rel.get("phrase"), "relative.phrase")

    # Patterns are written with {{piece}} slots (as rule patterns are) and filled from the data.
    # (?<!\p{L}) / (?!\p{L}) stand for word edges: "_" and digits are not letters, so
    # "WIB_x0000_" still ends the zone where \b would not.
    colon = r":(?P<mi>[0-5]\d)(?::(?P<s>[0-5]\d)(?:[.,](?P<f>\d+))?)?"
    dot = r"\.(?P<mi>[0-5]\d)(?:\.(?P<s>[0-5]\d))?"
    # After a "T" (ISO 8601) the clock may also use dashes or no separator at all.
    dashes = r"-(?P<mi>[0-5]\d)(?:-(?P<s>[0-5]\d))?|(?P<mi>[0-5]\d)(?P<s>[0-5]\d)?"
    zone = _fill(
        r"(?:(?P<z>z)(?!\p{L})"
        r"|{{prefix}}\s?(?P<sign>[+-])(?P<oh>[01]?\d|2[0-3])(?::?(?P<om>[0-5]\d))?(?!\d)"
        r"|(?P<zname>{{zones}})(?!\p{L})"
        # A bare "-hh:mm" only after seconds or a "T": "10:00-12:00" is a range, not UTC-12.
        r"|(?P<sign>\+|(?(iso)-|(?(s)-|(?!))))(?P<oh>[01]\d|2[0-3]):?(?P<om>[0-5]\d)(?!\d))"
        # "+07:00Z": a meta tag with an offset and a stray Z; the Z is read and ignored.
        r"(?:(?<=\d)z(?!\p{L}))?",
        prefix=_alt(offset_prefixes),
        zones=_alt(zones),
    )
    time_part = _fill(
        r"(?:\s?(?P<iso>t)\s?(?P<h>[01]\d|2[0-3])(?:{{colon}}|{{dashes}})(?!\d)"
        r"|[\s,|/@–—-]{0,8}(?:(?<!\p{L}){{words}}(?!\p{L})\.?\s{0,3})?"
        r"(?P<h>[01]?\d|2[0-3])(?:{{colon}}|{{dot}})(?!\d))"
        r"(?:\s?(?P<ampm>{{meridiem}})(?!\p{L}))?"
        r"(?:\s{0,3}{{zone}})?",
        colon=colon,
        dot=dot,
        dashes=dashes,
        words=_alt(time_words),
        meridiem=_alt(meridiem),
        zone=zone,
    )
    pieces = {"month": r"(?P<mon>" + _alt(months) + r")(?!\p{L})\.?", "ord": _alt(ordinals)}
    dates = [
        # 2015/08/25, 2023-09-20, 2015.08.25
        r"(?<!\d)(?P<y>\d{4})(?P<s1>[-/.])(?P<m>\d{1,2})(?P=s1)(?P<d>\d{1,2})(?!\d)",
        # 28/05/2025, 25-05-2025, 18.06.2025: day first
        r"(?<!\d)(?P<d>\d{1,2})(?P<s2>[-/.])(?P<m>\d{1,2})(?P=s2)(?P<y>\d{4})(?!\d)",
        # 5 November 2015, 18 Jun 2015, 02-April-2025, 25th June 2016
        r"(?<!\d)(?P<d>\d{1,2}){{ord}}?(?!\p{L})[\s.,/-]{0,3}{{month}}[\s.,/-]{0,3}"
        r"(?P<y>\d{4})(?!\d)",
        # June 25, 2016
        r"(?<!\p{L}){{month}}\s{0,3}(?P<d>\d{1,2}){{ord}}?(?!\p{L})\s?,?\s{0,3}(?P<y>\d{4})(?!\d)",
        # 20150619 (or 20150619T034000Z), only as the whole input: inside text it is an id.
        r"^\s*(?P<y>\d{4})(?P<m>\d\d)(?P<d>\d\d)(?=(?:t[\d:.,+\-z]*)?\s*$)",
    ]
    absolute = "(?i)(?:" + _fill("|".join(dates), **pieces) + ")(?:" + time_part + ")?"
    # A day name before the date is only read into ``text``: it is matched backwards from the
    # date's start rather than tried at every position of every line.
    weekday = r"(?ri)(?<!\p{L})" + _alt(weekdays) + r"(?!\p{L})\.?[\s,]{0,6}"
    relative = _fill(
        r"(?i)(?:(?<![\p{L}\d.,])(?P<n>\d{1,5})\s{0,3}"  # not the 5 of "1,5 jam"
        r"|(?<!\p{L})(?P<nw>{{numbers}})\s+|(?<!\p{L}){{one}})"
        r"(?P<unit>{{units}})(?!\p{L})\s+{{ago}}(?!\p{L})"
        r"|(?<!\p{L})(?P<phrase>{{phrases}})(?!\p{L})",
        numbers=_alt(numbers),
        one=_alt(one_prefixes),
        units=_alt(units),
        ago=_alt(ago),
        phrases=_alt(phrases),
    )
    longest = max(map(len, months)) + max(map(len, ordinals))
    keywords = {w.split()[-1] for w in ago} | {w.split()[0] for w in phrases}
    return _Grammar(
        absolute=regex.compile(absolute, regex.V0),
        relative=regex.compile(relative, regex.V0),
        weekday=regex.compile(weekday, regex.V0),
        # Room for the separators, dot, day and ordinal around a month name (20 in the longest
        # branch), with a margin: a date that starts earlier than this before its year is missed.
        lookback=longest + 16,
        keywords=tuple(sorted(keywords)),
        months=months,
        zones=zones,
        meridiem=meridiem,
        numbers=numbers,
        units=units,
        phrases=phrases,
        min_year=min_year,
        max_year=max_year,
    )


_G = _compile(table("dates.toml"))

WIB: timezone = _G.zones["wib"]
WITA: timezone = _G.zones["wita"]
WIT: timezone = _G.zones["wit"]


# --- reading ------------------------------------------------------------------------------------


# Group numbers, not names: the regex module looks names up slowly when they repeat.
_NAMES = ["y", "m", "mon", "d", "h", "mi", "s", "f", "ampm", "z", "sign", "oh", "om", "zname"]
_GROUPS = tuple(_G.absolute.groupindex[name] for name in _NAMES)
_YEAR = regex.compile(r"\d{4}")


def _from_match(m: Any, tz: tzinfo) -> DateMatch | None:
    """Turn one candidate into a DateMatch, or None if it is not a real calendar date."""
    y, mo, mon, d, h, mi, s, f, ampm, z, sign, oh, om, zname = m.group(*_GROUPS)
    year = int(y)
    if not _G.min_year <= year <= _G.max_year:
        return None
    try:
        day = date(year, int(mo) if mo is not None else _G.months[_key(mon)], int(d))
    except ValueError:
        return None
    wd = _G.weekday.match(m.string, 0, m.start())
    read = m.string[wd.start() if wd else m.start() : m.end()]
    if h is None:
        return DateMatch(datetime.combine(day, time(), tz), False, False, read)

    hour = int(h)
    if ampm is not None and 1 <= hour <= 12:
        hour = hour % 12 + (12 if _G.meridiem[_key(ampm)] else 0)
    micro = int(f[:6].ljust(6, "0")) if f else 0
    zone: tzinfo = tz
    if z is not None:
        zone = UTC
    elif sign is not None:
        zone = _offset(sign, int(oh), int(om or 0))
    elif zname is not None:
        zone = _G.zones[_key(zname)]
    value = datetime.combine(day, time(hour, int(mi), int(s or 0), micro), zone)
    has_zone = z is not None or sign is not None or zname is not None
    return DateMatch(value, True, has_zone, read)


@cache
def _offset(sign: str, hours: int, minutes: int) -> timezone:
    total = hours * 60 + minutes
    return timezone(timedelta(minutes=-total if sign == "-" else total))


def _absolute(text: str, tz: tzinfo) -> DateMatch | None:
    # Every date has four digits in a row (its year); start looking just before the first such
    # run, so lines without one cost one quick scan instead of a full pattern search.
    first = _YEAR.search(text)
    if first is None:
        return None
    for m in _G.absolute.finditer(text, max(0, first.start() - _G.lookback)):
        found = _from_match(m, tz)
        if found is not None:
            return found
    return None


def _relative(text: str, reference: datetime, tz: tzinfo) -> DateMatch | None:
    lowered = text.lower()
    if not any(k in lowered for k in _G.keywords):
        return None
    m = _G.relative.search(text)
    if m is None:
        return None
    if m["phrase"] is not None:
        amount, count = _G.phrases[_key(m["phrase"])], 1
    else:
        amount = _G.units[_key(m["unit"])]
        count = int(m["n"]) if m["n"] else _G.numbers[_key(m["nw"])] if m["nw"] else 1
    try:
        if isinstance(amount, timedelta):
            # an exact instant: the aware reference gives its zone
            found = DateMatch((reference - amount * count).astimezone(tz), True, True, m[0])
        else:
            day = reference.astimezone(tz).date() - timedelta(days=amount * count)
            found = DateMatch(datetime.combine(day, time(), tz), False, False, m[0])
    except (OverflowError, ValueError):
        return None
    return found if _G.min_year <= found.value.year <= _G.max_year else None


def parse_date_match(
    text: str, *, reference: datetime | None = None, tz: tzinfo = WIB
) -> DateMatch | None:
    """The first full date in ``text`` (a meta value or a visible date line), or None.

    A written date always wins over a relative one ("2 jam yang lalu", "kemarin"); the latter
    resolve only against ``reference`` (a timezone-aware "now") and come back in ``tz``.
    """
    if not isinstance(text, str):
        raise TypeError(f"parse_date expects text as str, got {type(text).__name__}")
    if not isinstance(tz, tzinfo):
        raise TypeError(f"parse_date expects tz as a datetime.tzinfo, got {type(tz).__name__}")
    if reference is not None:
        if not isinstance(reference, datetime):
            raise TypeError(
                f"parse_date expects reference as a datetime, got {type(reference).__name__}"
            )
        if reference.utcoffset() is None:
            raise ValueError("parse_date needs a timezone-aware reference (e.g. tzinfo=WIB)")
    found = _absolute(text, tz)
    if found is None and reference is not None:
        found = _relative(text, reference, tz)
    return found


def parse_date(
    text: str, *, reference: datetime | None = None, tz: tzinfo = WIB
) -> datetime | None:
    """The first full date in ``text`` as an aware datetime, or None; see :func:`parse_date_match`."""
    found = parse_date_match(text, reference=reference, tz=tz)
    return None if found is None else found.value
