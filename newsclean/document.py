"""The working state of one document while the stages run: blocks plus what was learned.

Text mode makes one block per line; HTML mode one block per paragraph-like element. Blocks are
never deleted, only marked removed, so every removal keeps its original position.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from .article import Dateline, Related, Removal


@dataclass(frozen=True, slots=True)
class Markup:
    """The structure an HTML block had: ``kind`` is ``heading`` (``level`` 1-6), ``item``
    (``ordered`` or not), ``row`` (``cells``, ``header``; ``group`` tells tables apart) or
    ``quote``. Plain paragraphs and text-mode lines have none."""

    kind: str
    level: int = 0
    ordered: bool = False
    cells: tuple[str, ...] = ()
    header: bool = False
    group: int = 0
    quote: bool = False  # a heading, item or row inside a blockquote


@dataclass(slots=True)
class Block:
    text: str
    line: int
    element: str | None = None
    tag: str = "p"
    removed: bool = False
    links: tuple[tuple[str, str | None], ...] | None = None  # (text, url) of links in an HTML block
    joined: tuple[str, ...] = ()  # the lines a re-joined block was made of (text mode)
    markup: Markup | None = None  # what the block was in the HTML, for markdown output


@dataclass
class Doc:
    blocks: list[Block]
    trail: bool = True
    removals: list[Removal] = field(default_factory=list)
    related: list[Related] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)
    warnings: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    editor: str | None = None
    dateline: Dateline | None = None
    dateline_block: Block | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    provenance: dict[str, str] = field(default_factory=dict)
    _related_seen: set[str] = field(default_factory=set, repr=False)

    def first_live(self, n: int, *, from_end: bool = False) -> list[Block]:
        """The first (or last) ``n`` blocks that are neither removed nor blank."""
        out: list[Block] = []
        for b in reversed(self.blocks) if from_end else self.blocks:
            if not b.removed and b.text.strip():
                out.append(b)
                if len(out) == n:
                    break
        return out

    def record(
        self,
        rule: str,
        kind: str,
        text: str,
        block: Block | None = None,
        column: int | None = None,
        element: str | None = None,
    ) -> None:
        """Count a removal and, when the trail is on, keep what it took and where."""
        self.counts[rule] += 1
        self._trail(rule, kind, text, block, column, element)

    def note(
        self, rule: str, kind: str, text: str, block: Block | None = None, column: int | None = None
    ) -> None:
        """Put a note in the trail that removes nothing: ``join`` (lines re-joined) or ``kept``
        (a rule saw its shape but not enough evidence). Counted as ``rule!kind``, apart from
        the rule's removals."""
        self.counts[f"{rule}!{kind}"] += 1
        self._trail(rule, kind, text, block, column)

    def _trail(
        self,
        rule: str,
        kind: str,
        text: str,
        block: Block | None,
        column: int | None,
        element: str | None = None,
    ) -> None:
        if self.trail:
            self.removals.append(
                Removal(
                    rule=rule,
                    kind=kind,
                    text=text,
                    line=block.line if block else None,
                    column=column,
                    element=element or (block.element if block else None),
                )
            )

    def drop(self, block: Block, rule: str) -> None:
        block.removed = True
        self.record(rule, "line", block.text, block)

    def add_related(self, headline: str, rule: str, url: str | None = None) -> None:
        headline = " ".join(headline.split()).strip(" :-–—\"'“”")
        # (a set, not a scan of the list: a page of 100,000 related links stays linear)
        if headline and headline not in self._related_seen:
            self._related_seen.add(headline)
            self.related.append(Related(headline=headline, url=url, rule=rule))

    def add_author(self, name: str, source: str) -> None:
        from .people import split_authors

        for person in split_authors(name):
            if person.casefold() not in {a.casefold() for a in self.authors}:
                self.authors.append(person)
                self.provenance.setdefault("authors", source)
