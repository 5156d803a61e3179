"""Stage: pick each metadata field from the candidates the other stages recorded.

Every source (a profile selector, JSON-LD, a meta tag, the visible date line, a credit line, the
dateline, a text rule) records :class:`Candidate` values in the order it is trusted; one resolver
per field picks the winner by the rules of ``docs/metadata.md``, the same in text and HTML mode.
``Article.provenance`` names the winner's source, ``Article.candidates`` the losers, and every
conflict worth knowing goes to ``Article.warnings`` with both values.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo
from functools import cache
from typing import Any, NamedTuple

import regex

from ..article import Related
from ..dates import WIB, DateMatch
from ..language import detect
from ..people import is_person
from ..profiles import host_of
from ..vocab import phrase_pattern


class Candidate(NamedTuple):
    """One value a source offers for a field. ``value`` is a DateMatch for dates, a tuple of
    names for authors, a string otherwise; ``note`` says what the source read."""

    field: str
    value: Any
    source: str
    note: str = ""


@dataclass
class Resolved:
    """The winners, where each came from, the losers, and the conflicts."""

    fields: dict[str, Any] = field(default_factory=dict)
    provenance: dict[str, str] = field(default_factory=dict)
    lost: list[tuple[str, str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def win(self, name: str, value: Any, source: str) -> None:
        self.fields[name] = value
        self.provenance[name] = source

    def lose(self, name: str, source: str, shown: str, winner: str) -> None:
        """A loser that offered another value than the winner's (agreeing ones add nothing)."""
        if shown != winner and (name, source, shown) not in self.lost:
            self.lost.append((name, source, shown))


_MACHINE = ("json-ld", "meta:", "microdata")
_AGREE = timedelta(minutes=2)
_TIMED = ("published", "modified")


def resolve(
    candidates: Sequence[Candidate],
    *,
    text: str,
    declared_language: str | None = None,
    site: str | None = None,
    url: str | None = None,
) -> Resolved:
    """Pick every field. ``text`` (the clean body) tells the language; ``site`` (a profile) or
    an Indonesian host or language tells the local zone of zone-less times."""
    out = Resolved()
    by_field: dict[str, list[Candidate]] = {}
    for c in candidates:
        if c.value not in (None, "", (), []):
            by_field.setdefault(c.field, []).append(c)
    declared = next((c.value for c in by_field.get("language", ())), declared_language)
    language, told_by = detect(text, declared)
    if language:
        out.win("language", language, "text" if told_by == "text" else "declared")
    zone = local_zone(site, url, language)
    for name, cands in by_field.items():
        if name == "language":
            continue
        if name in _TIMED:
            _resolve_time(name, cands, zone, out)
        elif name == "authors":
            _resolve_authors(cands, by_field.get("editor", []), out)
        elif name == "editor":  # a person too: "Editor: Tim Redaksi" names a desk
            chosen = next((c for c in cands if is_person(c.value)), None)
            if chosen is not None:
                out.win(name, chosen.value, chosen.source)
            for c in cands:
                if c is not chosen:
                    out.lose(name, c.source, c.value, out.fields.get(name, ""))
        else:
            out.win(name, cands[0].value, cands[0].source)
            for c in cands[1:]:
                out.lose(name, c.source, str(c.value), str(cands[0].value))
    return out


def local_zone(site: str | None, url: str | None, language: str | None) -> tzinfo | None:
    """The zone of a zone-less time: WIB for an Indonesian outlet (one with a profile, an .id
    host, or Indonesian text); None (unknown) otherwise. A page's own words (WIB, WITA, WIT)
    and offsets are read before this is asked."""
    if site or language == "id":
        return WIB
    host = host_of(url) or ""
    return WIB if host.endswith(".id") else None


def _stamp(m: DateMatch, zone: tzinfo | None) -> datetime:
    """The instant a date gives: its own zone, else the page's local zone, else naive."""
    if m.has_zone:
        return m.value
    return m.value.replace(tzinfo=zone)


def _wall(value: datetime) -> datetime:
    return value.replace(tzinfo=None)


def _is_utc(m: DateMatch) -> bool:
    return m.has_zone and m.value.utcoffset() == timedelta(0)


def _kind(source: str) -> str:
    """machine (JSON-LD, meta tags, microdata), text (a date line the rules removed from the
    body), url (the date in the URL), or visible (the page's date line)."""
    if source.startswith(_MACHINE):
        return "machine"
    if source == "url" or source.startswith("text"):
        return source.split(":", 1)[0]
    return "visible"


_LAST_RESORT = {"visible": 0, "text": 1, "url": 2}  # without a machine value: this order


def _resolve_time(name: str, cands: list[Candidate], zone: tzinfo | None, out: Resolved) -> None:
    """Rules of docs/metadata.md, "Time": the visible date line with a time wins; a zone-less
    one takes the offset of a machine date that agrees on its wall-clock time, else the
    outlet's known zone, else the machine instant when there is one; never a guessed zone."""
    visible = next((c for c in cands if _kind(c.source) == "visible"), None)
    machine = [c for c in cands if _kind(c.source) == "machine"]
    if zone is not None:
        # on an Indonesian outlet an explicit local offset beats a bare UTC "Z" (often a WIB
        # wall-clock time mislabelled); elsewhere the sources keep their trust order
        machine.sort(key=lambda c: _is_utc(c.value) and c.value.has_time)
    timed = [c for c in machine if c.value.has_time and c.value.has_zone]
    winner: Candidate | None = None
    value: datetime | None = None
    vm: DateMatch | None = visible.value if visible else None
    if visible and vm is not None and vm.has_time:
        agreeing = [c for c in timed if abs(_wall(c.value.value) - _wall(vm.value)) <= _AGREE]
        local = [c for c in agreeing if not _is_utc(c.value)]
        mislabelled = [c for c in agreeing if _is_utc(c.value)]
        if vm.has_zone and zone is None and timed and not mislabelled:
            if abs(timed[0].value.value - vm.value) > _AGREE:
                # a foreign page: its visible time is often the update's; the machine instant
                # of the publication wins
                winner, value = timed[0], timed[0].value.value
                out.warnings.append(
                    f"{name}: the visible date line says {vm.value.isoformat()}, "
                    f"{timed[0].source} says {value.isoformat()}; {timed[0].source} wins"
                )
            else:
                winner, value = visible, vm.value
        elif vm.has_zone:
            winner, value = visible, vm.value
        elif local:
            winner, value = visible, vm.value.replace(tzinfo=local[0].value.value.tzinfo)
            out.provenance[f"{name}.zone"] = local[0].source
        elif zone is not None:
            winner, value = visible, vm.value.replace(tzinfo=zone)
        elif agreeing:
            winner, value = visible, vm.value.replace(tzinfo=agreeing[0].value.value.tzinfo)
            out.provenance[f"{name}.zone"] = agreeing[0].source
        elif timed:
            winner, value = timed[0], timed[0].value.value
            out.warnings.append(
                f"{name}: the visible date line says {vm.value.replace(tzinfo=None).isoformat()} "
                f"with no zone, {timed[0].source} says {value.isoformat()}; the instant of "
                f"{timed[0].source} wins"
            )
        else:
            winner, value = visible, vm.value.replace(tzinfo=None)
        if winner is visible and value is not None and value.tzinfo is not None:
            for c in timed:
                if abs(c.value.value - value) > _AGREE:
                    out.warnings.append(
                        f"{name}: {c.source} says {c.value.value.isoformat()}, the visible "
                        f"date line {value.isoformat()}; the date line wins"
                    )
                    break
    elif machine:
        # a machine value with a time before one that gives the day only
        best = next((c for c in machine if c.value.has_time), machine[0])
        m = best.value
        winner, value = best, _stamp(m, zone)
        if vm is not None and visible is not None:
            if zone is not None:  # the day in WIB, or the value's own day
                days = {m.value.date(), m.value.astimezone(zone).date()}
            else:  # somewhere on Earth the instant falls on the day before or after
                days = {m.value.date() + timedelta(days=d) for d in (-1, 0, 1)}
            if vm.value.date() not in days:
                out.warnings.append(
                    f"{name}: {best.source} gives another day than the visible date line"
                )
                winner, value = visible, _stamp(vm, zone)
    else:  # the visible date alone, a date line in the body, the URL's date
        winner = min(cands, key=lambda c: _LAST_RESORT.get(_kind(c.source), 3))
        value = _stamp(winner.value, zone)
    if winner is None or value is None:
        return
    if value.tzinfo is None:
        out.warnings.append(
            f"{name}: {value.isoformat()} is a local time in a zone the page does not give; "
            "it is kept without an offset"
        )
    out.win(name, value, winner.source)
    for c in cands:
        other = _stamp(c.value, zone)
        agrees = (other.tzinfo is None) == (value.tzinfo is None) and abs(other - value) <= _AGREE
        if c is not winner and not (c.value.has_time and agrees):  # the same minute: no loser
            out.lose(name, c.source, other.isoformat(), value.isoformat())


def _resolve_authors(cands: list[Candidate], editors: list[Candidate], out: Resolved) -> None:
    """The most trusted source that names a person; never the editor; a source whose names
    are all the editor's (JSON-LD often credits the editor) gives way to the next."""
    editor = next((e.value.casefold() for e in editors if is_person(e.value)), None)
    for c in cands:
        names = tuple(n for n in c.value if is_person(n) and n.casefold() != editor)
        if names:
            out.win("authors", names, c.source)
            for o in cands:
                if o is not c:
                    out.lose("authors", o.source, ", ".join(o.value), ", ".join(names))
            return
    for o in cands:
        out.lose("authors", o.source, ", ".join(o.value), "")


# -- related ------------------------------------------------------------------------------------


@cache
def _not_a_headline() -> Any:
    """Ads and box labels that sit where related links do ("Cari di sini!", "FOTO TERPOPULER")."""
    return regex.compile(
        rf"(?i)(?<!\p{{L}})(?:{phrase_pattern('ad_calls')})(?!\p{{L}})"
        rf"|^\W*(?:{phrase_pattern('box_labels')})\W*$"
    )


def related_headlines(related: Iterable[Related]) -> tuple[Related, ...]:
    """Related links that are headlines: not an advertiser's call to action, not the label of a
    box ("FOTO TERPOPULER"), not a bare word or two in capitals."""
    out = []
    for r in related:
        words = r.headline.split()
        if _not_a_headline().search(r.headline):
            continue
        if len(words) <= 3 and r.headline.isupper():
            continue
        out.append(r)
    return tuple(out)
