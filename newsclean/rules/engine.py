"""Applying a set of rules to a document: the hot path of both modes.

Most lines are body text that no rule touches, so the engine avoids asking patterns about them:
line rules are indexed by the words a matching line can start with (``Rule.starts``); span
rules are dropped for a whole document when none of their hint words occurs in it
(``Rule.hints``), and otherwise run only on the lines that hold one. Only what is left reaches
the patterns. Every user rule runs under a time budget per document (``Options.rule_timeout``,
all its calls on all lines together): a rule that backtracks catastrophically, or slowly on
every line, is stopped, reported in ``Article.warnings`` and skipped for the rest of that
document.

Timeouts guard the rules of users. The built-in patterns are written with bounded repetition and
are tested against adversarial input instead, because the timer costs more than most matches
(about 2 µs a call).
"""

from __future__ import annotations

import math
import re
import time
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import regex

from ..article import Dateline
from ..document import Block, Doc
from ..vocab import expand, phrases
from .rule import Rule, RuleError
from .shape import glued_headline_end, looks_like_headline, split_glued_headlines

# The first word of a line once leading punctuation is skipped ("(Baca: …" → "baca").
_FIRST_WORD = re.compile(r"[\s\-–—•·*(\[{\"“”'‘’!.,:;<|>~_=/\\)\]]*([^\W_]+|\S)?")
_WORDS = re.compile(r"[^\W_]{3,}")
_SOURCE_MAX = 60  # an outlet named on the line after "Artikel ini telah tayang di"
_LEAD_WINDOW = 240  # lead rules look at the first characters of a line only
# ... and their hint words sit nearer still: the longest lead seen in 350 real texts (a
# "Laporan Wartawan …" byline) is 54 characters, a dateline's separator comes within 60
_LEAD_HINT_WINDOW = 120
_TAIL_WINDOW = 600  # tail rules look at this many characters at the end of the last line


@dataclass(frozen=True, slots=True)
class _Compiled:
    rule: Rule
    rx: Any  # regex.Pattern
    guarded: bool  # run under the timeout (every rule that is not built in)
    scan: Any  # the pattern in MULTILINE mode, to scan a whole document of lines at once
    anchored: bool  # the pattern starts with ^: try it at the start of each line instead
    hint_set: frozenset[str]
    names: tuple[str, ...]  # its named groups (what a match keeps as metadata)


def _compile(rule: Rule) -> _Compiled:
    body = expand(rule.pattern)
    flags = regex.V0 | (regex.IGNORECASE if rule.ignore_case else 0)
    if rule.scope == "lead":
        body = rf"[ \t]*(?:[\"“](?=\p{{Lu}}))?(?:{body})"
    elif rule.scope == "tail":
        body = rf"(?:{body})[ \t]*\Z"
    try:
        rx = regex.compile(body, flags)
        # only span rules scan whole documents, where ^ and $ must mean a line's ends
        scan = regex.compile(body, flags | regex.MULTILINE) if rule.scope == "span" else rx
        return _Compiled(
            rule,
            rx,
            not rule.origin.startswith("builtin"),
            scan,
            rule.pattern.lstrip().startswith("^"),
            frozenset(rule.hints),
            tuple(rx.groupindex),
        )
    except regex.error as e:
        raise RuleError(f"rule {rule.id}: pattern does not compile: {e}") from e


def first_word(text: str) -> str:
    m = _FIRST_WORD.match(text)
    word = m.group(1) if m else None
    return word.lower() if word else ""


class RuleSet:
    """Rules compiled and grouped by scope, in the order they were given."""

    def __init__(self, rules: Sequence[Rule]):
        seen: set[str] = set()
        for r in rules:
            if r.id in seen:
                raise RuleError(f"two rules share the id {r.id!r}")
            seen.add(r.id)
        self.rules = tuple(rules)
        compiled = [_compile(r) for r in rules]
        self.scope = {
            s: tuple(c for c in compiled if c.rule.scope == s)
            for s in ("line", "span", "lead", "tail")
        }
        # Line rules by the first word of the line; rules without `starts` try every line.
        anywhere = tuple(c for c in self.scope["line"] if not c.rule.starts)
        words = {w for c in self.scope["line"] for w in c.rule.starts}
        self.line_index = {
            w: tuple(c for c in self.scope["line"] if not c.rule.starts or w in c.rule.starts)
            for w in words
        }
        self.line_anywhere = anywhere
        self.leads = _lead_entries(self.scope["lead"])
        # Each distinct hint word of a scope is looked for once per document, not once per rule,
        # and hints that share a word are looked for only when that word is there.
        self.hint_groups = {
            scope: _hint_groups(h for c in self.scope[scope] for h in c.rule.hints)
            for scope in ("span", "tail")
        }
        self.hint_groups["lead"] = _hint_groups(h for e in self.leads for h in e.hints)
        self.lead_window = max((e.lines for e in self.leads), default=0)

    def __len__(self) -> int:
        return len(self.rules)

    def takes_next_line(self, text: str) -> bool:
        """Whether ``text`` is a label whose content a line rule expects on the next line
        ("Artikel ini telah tayang di", "Baca juga:"): the two are not one sentence."""
        text = text.strip()
        for c in self.scope["line"]:
            if c.rule.then and not c.guarded and c.rx.fullmatch(text):
                return True
        return False

    def apply(self, doc: Doc, timeout: float) -> None:
        run = _Run(self, doc, timeout)
        run.lines()
        cut = run.leads()
        spans = run.spans()
        if spans:  # a lead a span rule uncovered ("ADVERTISEMENT JAKARTA - …")
            cut |= spans | run.leads(spans)
        if cut:  # what a cut left of a line ("JAKARTA - ADVERTISEMENT", "…Baca juga: …") again
            run.lines(cut)
        run.tails()


@dataclass(frozen=True, slots=True)
class _LeadEntry:
    """Lead rules tried together: one rule, or an exclusive group whose members are tried in
    order on each line of the window until one fires."""

    members: tuple[_Compiled, ...]
    hints: frozenset[str]  # the line must hold one of these, unless empty
    lines: int  # how many of the first lines the entry looks at


def _lead_entries(rules: Sequence[_Compiled]) -> tuple[_LeadEntry, ...]:
    groups: dict[str, list[_Compiled]] = {}
    order: list[list[_Compiled]] = []
    for c in rules:
        key = c.rule.exclusive
        if key and key in groups:
            groups[key].append(c)
            continue
        members = [c]
        order.append(members)
        if key:
            groups[key] = members
    entries = []
    for members in order:
        hints: frozenset[str] = frozenset()
        if all(m.rule.hints for m in members):
            hints = frozenset(h for m in members for h in m.rule.hints)
        lines = max(m.rule.lead_lines for m in members)
        entries.append(_LeadEntry(tuple(members), hints, lines))
    return tuple(entries)


def _hint_groups(hints: Iterable[str]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Hint words grouped under a word they share ('baca' for 'baca juga', 'yuk baca', ...).

    Looking for a hint costs a scan of the document; a group costs one scan when its word is
    absent, which it mostly is.
    """
    todo = list(dict.fromkeys(hints))
    words = {h: set(_WORDS.findall(h)) for h in todo}
    groups: list[tuple[str, tuple[str, ...]]] = []
    while todo:
        counts: dict[str, int] = {}
        for h in todo:
            for w in words[h]:
                counts[w] = counts.get(w, 0) + 1
        best = max(counts, key=lambda w: (counts[w], len(w)), default=None)
        if best is None or counts[best] < 2:
            groups.extend((h, (h,)) for h in todo)
            break
        members = tuple(h for h in todo if best in words[h])
        groups.append((best, members))
        todo = [h for h in todo if best not in words[h]]
    return tuple(groups)


def _present(groups: tuple[tuple[str, tuple[str, ...]], ...], text: str) -> set[str]:
    """The hint words of ``groups`` that occur in ``text`` (lower case).

    A group's members all contain its word, so they can only occur around an occurrence of it:
    they are looked for in those few windows, not in the whole text again.
    """
    found: set[str] = set()
    for word, members in groups:
        if len(members) == 1 and members[0] == word:
            if word in text:  # (cheaper than find: no arguments to parse)
                found.add(word)
            continue
        at = text.find(word)
        if at < 0:
            continue
        pad = max(map(len, members))
        windows: list[str] = []
        while at >= 0 and len(windows) < 8:
            windows.append(text[max(0, at - pad) : at + len(word) + pad])
            at = text.find(word, at + 1)
        # "\0" never occurs in normalised text, so no hint can match across two windows
        hay = text if at >= 0 else "\0".join(windows)
        found.update(h for h in members if h in hay)
    return found


class _View:
    """The live lines of a document joined into one string (and in lower case), with where each
    line starts, built once when first asked for.

    It is not rebuilt when a rule cuts into a line: a cut takes text away and joins what is
    left, so the lines the view names for a later rule are the ones worth trying (a line whose
    match an earlier rule took just fails the pattern; a match that only a join would create
    is missed, as the hint words are looked for once anyway), and the line numbers never
    change. Rebuilding after every rule that fired cost a large document one pass per rule.
    """

    def __init__(self, blocks: list[Block]):
        self.blocks = blocks
        self._joined: str | None = None
        self._lowered: str | None = None
        self._starts: list[int] = []
        self._lower_starts: list[int] = []

    def joined(self) -> str:
        if self._joined is None:
            self._joined = "\n".join(b.text for b in self.blocks)
        return self._joined

    def lowered(self) -> str:
        if self._lowered is None:
            self._lowered = self.joined().lower()
        return self._lowered

    def starts(self) -> list[int]:
        if not self._starts:
            pos = 0
            for b in self.blocks:
                self._starts.append(pos)
                pos += len(b.text) + 1
        return self._starts

    def lower_starts(self) -> list[int]:
        """Where each line starts in the lower-case text ('İ' lowers to two characters)."""
        if not self._lower_starts:
            if len(self.lowered()) == len(self.joined()):
                self._lower_starts = self.starts()
            else:
                pos = 0
                for b in self.blocks:
                    self._lower_starts.append(pos)
                    pos += len(b.text.lower()) + 1
        return self._lower_starts

    def lines_with(self, words: Iterable[str]) -> list[int]:
        """Indexes of the lines that hold one of ``words`` (lower case)."""
        lowered, starts = self.lowered(), self.lower_starts()
        found: set[int] = set()
        for word in words:
            at = lowered.find(word)
            while at >= 0:
                found.add(bisect_right(starts, at) - 1)
                at = lowered.find(word, at + 1)
        return sorted(found)


class _Run:
    """One application of a RuleSet to one Doc (holds the per-document timeout state)."""

    def __init__(self, rules: RuleSet, doc: Doc, timeout: float):
        self.rs = rules
        self.doc = doc
        self.timeout = timeout
        self.broken: set[str] = set()
        self.spent: dict[str, float] = {}  # rule id -> seconds its guarded calls took
        self._index: dict[int, int] = {}  # id(block) -> its place in doc.blocks, when asked
        self._noted: set[tuple[str, int]] = set()  # (rule id, id(block)) of "kept" notes
        self._fired: set[int] = set()  # the lead entries that fired (each fires once)

    # -- matching under a time budget per rule and document -----------------------------
    def _left(self, rule_id: str) -> float | None:
        """Seconds the rule may still spend on this document (None: no limit)."""
        if math.isinf(self.timeout):
            return None  # (the regex module takes an infinite timeout as zero)
        return max(self.timeout - self.spent.get(rule_id, 0.0), 1e-6)

    def _spend(self, rule_id: str, since: float) -> None:
        self.spent[rule_id] = self.spent.get(rule_id, 0.0) + time.perf_counter() - since

    def _call(self, c: _Compiled, method: str, text: str, *args: int) -> Any:
        if not c.guarded:
            return getattr(c.rx, method)(text, *args)
        if c.rule.id in self.broken:
            return None
        since = time.perf_counter()
        try:
            return getattr(c.rx, method)(text, *args, timeout=self._left(c.rule.id))
        except TimeoutError:
            self._broke(c.rule.id, text)
            return None
        finally:
            self._spend(c.rule.id, since)

    def _iter(self, c: _Compiled, text: str, scan: bool = False) -> Iterator[Any]:
        rx = c.scan if scan else c.rx
        if not c.guarded:
            yield from rx.finditer(text)
            return
        if c.rule.id in self.broken:
            return
        since = time.perf_counter()
        try:
            yield from rx.finditer(text, timeout=self._left(c.rule.id))
        except TimeoutError:
            self._broke(c.rule.id, text)
        finally:
            self._spend(c.rule.id, since)

    def _broke(self, rule_id: str, text: str) -> None:
        self.broken.add(rule_id)
        self.doc.counts[f"{rule_id}!timeout"] += 1
        self.doc.warnings.append(
            f"rule {rule_id} used up its time budget of {self.timeout:g}s on this document "
            f"(stopped on a {len(text)}-character line: its pattern backtracks too much) and was "
            "skipped for the rest of this document"
        )

    # -- what a match leaves behind as metadata ----------------------------------------
    def _capture(
        self, m: Any, c: _Compiled, headline: str | None = None, block: Block | None = None
    ) -> None:
        if headline is None and not c.names:
            return
        rule = c.rule
        groups = {}
        for name in c.names:
            value = m.group(name)
            if value and value.strip():
                groups[name] = value
        if not groups and headline is None:
            return
        doc = self.doc
        head = headline if headline is not None else _unbracket(groups.get("headline"))
        if head:
            pieces = split_glued_headlines(head) if rule.scope == "span" else [head]
            for piece in pieces:
                doc.add_related(piece, rule.id, groups.get("url") or _link_for(piece, block))
        if "author" in groups:
            doc.add_author(groups["author"], f"text:{rule.id}")
        if "editor" in groups and not doc.editor:
            doc.editor = " ".join(groups["editor"].split()).strip(" .,")
            doc.provenance.setdefault("editor", f"text:{rule.id}")
        if ("place" in groups or "outlet" in groups) and doc.dateline is None:
            place = groups.get("place")
            outlet = groups.get("outlet")
            doc.dateline = Dateline(
                place=_tidy_place(place) if place else None,
                outlet=" ".join(outlet.split()) if outlet else None,
                raw=" ".join(m.group(0).split()).strip('"“ '),
            )
            doc.provenance.setdefault("dateline", f"text:{rule.id}")
            doc.dateline_block = block

    @staticmethod
    def _headline_ok(rule: Rule, m: Any) -> bool:
        if rule.require != "headline":
            return True
        headline = _unbracket(m.groupdict().get("headline"))
        return not headline or looks_like_headline(headline)

    # -- scopes -------------------------------------------------------------------------
    def lines(self, only: set[int] | None = None) -> None:
        """Line rules on every line, or on the lines whose index is in ``only``."""
        rs = self.rs
        if not rs.scope["line"]:
            return
        index, anywhere = rs.line_index, rs.line_anywhere
        blocks = self.doc.blocks
        first = _FIRST_WORD.match
        for i, b in enumerate(blocks):
            text = b.text
            if b.removed or not text or (only is not None and i not in only):
                continue
            m = first(text)  # (always matches: every part is optional)
            word = m.group(1) if m else None
            candidates = index.get(word.lower() if word else "", anywhere)
            if not candidates:
                continue
            text = text.strip()
            low = ""
            for c in candidates:
                if c.hint_set:  # the line must hold one of the rule's hint words
                    low = low or text.lower()
                    if not any(h in low for h in c.rule.hints):
                        continue
                m = self._call(c, "fullmatch", text) if c.guarded else c.rx.fullmatch(text)
                if m is None or not self._headline_ok(c.rule, m):
                    continue
                self.doc.drop(b, c.rule.id)
                self._capture(m, c, block=b)
                if c.rule.then and not (m.groupdict().get("headline") or "").strip():
                    self._take_following(i, c.rule)
                break

    def _take_following(self, i: int, rule: Rule) -> None:
        blocks = self.doc.blocks
        for j in range(i + 1, len(blocks)):  # (by index: a slice per bare label is quadratic)
            b = blocks[j]
            if b.removed or not b.text.strip():
                continue
            if rule.then == "source":  # "Artikel ini telah tayang di⏎CNN Indonesia."
                words = b.text.strip().rstrip(".").split()
                if len(" ".join(words)) <= _SOURCE_MAX and all(map(_names_outlet, words)):
                    self.doc.drop(b, rule.id)
                return
            if not looks_like_headline(b.text):
                return
            why = _not_whole(b.text, _next_text(blocks, j))
            if why:  # a headline-shaped start of the body's own text: it stays
                self.doc.note(rule.id, "kept", f"looked like {why}: {b.text.strip()}", b)
                return
            self.doc.drop(b, rule.id)
            self.doc.add_related(b.text, rule.id, _link_for(b.text, b))
            if rule.then == "headline":
                return

    def leads(self, only: set[int] | None = None) -> set[int]:
        """Lead rules on the first lines; with ``only``, a second pass over the lines a span
        rule cut into, for the entries that have not fired ("ADVERTISEMENT JAKARTA - …").
        Returns the indexes (in ``doc.blocks``) of the lines they cut into."""
        entries = self.rs.leads
        touched: set[int] = set()
        if not entries:
            return touched
        size = self.rs.lead_window
        groups = self.rs.hint_groups["lead"]
        window = self.doc.first_live(size)
        # the hint words at the start of each line of the window, by block
        present: dict[int, tuple[str, set[str]]] = {}
        for n, entry in enumerate(entries):
            if n in self._fired:
                continue
            for depth, b in enumerate(window[: entry.lines]):
                if b.removed or (only is not None and self._index_of(b) not in only):
                    continue
                words: set[str] | None = None
                if entry.hints:
                    seen = present.get(id(b))
                    if seen is None or seen[0] is not b.text:
                        seen = present[id(b)] = (
                            b.text,
                            _present(groups, b.text[:_LEAD_HINT_WINDOW].lower()),
                        )
                    words = seen[1]
                    if entry.hints.isdisjoint(words):
                        continue
                hit = self._lead_match(entry, depth, b.text, words)
                if hit is None:
                    continue
                c, m = hit
                self._fired.add(n)
                self._cut_lead(c, m, b, touched)
                self._capture(m, c, block=b)
                # the same lead again: printed twice on the line, or on a doubled first line
                cut = "".join(m.group(0).split())
                for again in window[depth:]:
                    while not again.removed:
                        m2 = self._call(c, "match", again.text, 0, _LEAD_WINDOW)
                        if m2 is None or "".join(m2.group(0).split()) != cut:
                            break
                        self._cut_lead(c, m2, again, touched)
                if any(x.removed for x in window):
                    window = self.doc.first_live(size)
                break
        return touched

    def _cut_lead(self, c: _Compiled, m: Any, b: Block, touched: set[int]) -> None:
        rest = b.text[m.end() :].lstrip(" \t")
        cut = m.group(0).strip()
        if rest.strip():
            b.text = rest
            self.doc.record(c.rule.id, "prefix", cut, b)
            touched.add(self._index_of(b))
        else:
            b.removed = True
            self.doc.record(c.rule.id, "line", cut, b)

    def _lead_match(
        self, entry: _LeadEntry, depth: int, text: str, words: set[str] | None
    ) -> tuple[_Compiled, Any] | None:
        for c in entry.members:
            if c.rule.lead_lines <= depth:
                continue
            if words is not None and c.hint_set.isdisjoint(words):
                continue  # (a member with hints whose words the line does not hold)
            m = self._call(c, "match", text, 0, _LEAD_WINDOW)
            if m is not None and m.group(0).strip():
                return c, m
        return None

    def spans(self) -> set[int]:
        """Span rules; returns the indexes (in ``doc.blocks``) of the lines they cut into."""
        rules = self.rs.scope["span"]
        if not rules:
            return set()
        blocks = [b for b in self.doc.blocks if not b.removed and b.text]
        if not blocks:
            return set()
        cut: set[int] = set()
        view = _View(blocks)
        # Rules whose hint words occur nowhere in the document are done with at once.
        present = _present(self.rs.hint_groups["span"], view.lowered())
        live = [c for c in rules if not c.hint_set or not c.hint_set.isdisjoint(present)]
        for c in live:
            if c.hint_set:
                # only the lines that hold a hint word can hold a match
                touched = view.lines_with(c.hint_set & present)
            elif c.anchored:  # tried at the start of each line
                touched = [
                    i
                    for i, b in enumerate(blocks)
                    if not b.removed and self._first(c, b.text) is not None
                ]
            else:  # one scan of the whole document finds the lines worth a closer look
                touched = self._touched(c, view.joined(), view.starts(), len(blocks))
            for i in touched:
                b = blocks[i]
                if b.removed:
                    continue
                text = self._cut_spans(c, b.text, b)
                if text != b.text:
                    b.text = text
                    if not text.strip():
                        b.removed = True
                    else:
                        cut.add(id(b))
        if not cut:
            return cut
        return {i for i, b in enumerate(self.doc.blocks) if id(b) in cut and not b.removed}

    def _first(self, c: _Compiled, text: str) -> Any:
        return self._call(c, "search", text) if c.guarded else c.rx.search(text)

    def _touched(self, c: _Compiled, joined: str, starts: list[int], n: int) -> list[int]:
        """Indexes of the lines a scan of the whole document finds a match in.

        The regex engine scans fast for a pattern that starts with one literal; that is why
        built-in span patterns do, and why one scan beats a call per line.
        """
        if self._first_scan(c, joined) is None:
            return []
        out: list[int] = []
        for m in self._iter(c, joined, scan=True):
            first = bisect_right(starts, m.start()) - 1
            last = bisect_right(starts, max(m.start(), m.end() - 1)) - 1
            for i in range(first, min(last, n - 1) + 1):
                if not out or out[-1] < i:
                    out.append(i)
        return out

    def _first_scan(self, c: _Compiled, joined: str) -> Any:
        if not c.guarded:
            return c.scan.search(joined)
        if c.rule.id in self.broken:
            return None
        since = time.perf_counter()
        try:
            return c.scan.search(joined, timeout=self._left(c.rule.id))
        except TimeoutError:
            self._broke(c.rule.id, joined)
            return None
        finally:
            self._spend(c.rule.id, since)

    def _cut_spans(self, c: _Compiled, text: str, b: Block) -> str:
        out: list[str] = []
        pos = 0
        bare = False  # the last match cut took no headline
        for m in list(self._iter(c, text)):
            start, end = m.span()
            if start < pos or end == start or not self._headline_ok(c.rule, m):
                continue
            headline = None
            if c.rule.until == "headline":
                n = glued_headline_end(text[end:])
                headline = text[end : end + n]
                end += n
            out.append(text[pos:start])
            self.doc.record(c.rule.id, "span", text[start:end].strip(), b, column=start + 1)
            self._capture(m, c, headline, block=b)
            bare = not (headline or m.groupdict().get("headline") or "").strip()
            pos = end
        if not out:
            return text
        if c.rule.then and bare and not text[pos:].strip():
            # "…kata dia.Baca juga:" ends the line: its headline is on the next one
            self._take_following(self._index_of(b), c.rule)
        out.append(text[pos:])
        return _join_cut(out)

    def _index_of(self, b: Block) -> int:
        if not self._index:  # (blocks are never added or dropped during a run, only marked)
            self._index = {id(x): i for i, x in enumerate(self.doc.blocks)}
        return self._index[id(b)]

    def tails(self) -> None:
        rules = self.rs.scope["tail"]
        if not rules:
            return
        live = [b for b in self.doc.blocks if not b.removed and b.text.strip()]
        groups = self.rs.hint_groups["tail"]
        changed = True
        while changed and live:
            changed = False
            seen: str | None = None  # the last line's text that `present` was read from
            present: set[str] = set()
            for c in rules:
                if not live:
                    return
                if c.rule.min_lines > 1:
                    if self._tail_run(c, live):
                        changed = True
                        live = [b for b in live if not b.removed]
                    continue
                b = live[-1]
                text = b.text
                offset = len(text) - _TAIL_WINDOW if len(text) > _TAIL_WINDOW else 0
                if c.hint_set:
                    if text is not seen:
                        seen = text
                        present = _present(groups, text[offset:].lower())
                    if c.hint_set.isdisjoint(present):
                        continue
                m = (
                    self._call(c, "search", text, offset)
                    if c.guarded
                    else c.rx.search(text, offset)
                )
                if m is None or not m.group(0).strip():
                    continue
                rest = text[: m.start()].rstrip()
                if (
                    not rest
                    and text.lstrip()[:1].islower()
                    and _ends_colon_list(live, len(live) - 1)
                ):
                    continue  # a lower-case item of a list the body introduced, not tags
                if not self._evidence(c, live, len(live) - 1 if not rest else None):
                    continue
                if rest:
                    b.text = rest
                    self.doc.record(c.rule.id, "span", m.group(0).strip(), b, column=m.start() + 1)
                else:
                    b.removed = True
                    self.doc.record(c.rule.id, "line", m.group(0).strip(), b)
                    live.pop()
                self._capture(m, c)
                changed = True

    def _evidence(self, c: _Compiled, live: list[Block], start: int | None) -> bool:
        """For a rule that requires it, whether the line before ``live[start]`` (the first
        line the rule would take) is an artifact; when it is not, the lines stay and the
        trail says so, once."""
        if c.rule.require != "after-artifact" or start is None:
            return True
        if self._artifact_before(c, live, start):
            return True
        b = live[start]
        if (c.rule.id, id(b)) not in self._noted:
            self._noted.add((c.rule.id, id(b)))
            self.doc.note(
                c.rule.id,
                "kept",
                "looked like tags, but nothing before it ends the story (no credit, no "
                f"'Tags:'): {b.text.strip()}",
                b,
            )
        return False

    def _artifact_before(self, c: _Compiled, live: list[Block], start: int) -> bool:
        """A line a rule removed, a line another tail rule matches whole ("(dry/din)"), or a
        list heading ("Tags:"), just before ``live[start]``."""
        blocks = self.doc.blocks
        for j in range(self._index_of(live[start]) - 1, -1, -1):
            b = blocks[j]
            if not b.text.strip():
                continue
            if b.removed:
                return True
            text = b.text.strip()
            if text.rstrip(" :：").casefold() in _list_headings():
                return True
            return any(
                o.rule.require != c.rule.require and o.rx.fullmatch(text) is not None
                for o in _builtin_tails()
            )
        return False

    def _tail_run(self, c: _Compiled, live: list[Block]) -> bool:
        run: list[tuple[Block, Any]] = []
        for b in reversed(live):
            m = self._call(c, "fullmatch", b.text.strip())
            if m is None:
                break
            run.append((b, m))
        if len(run) < c.rule.min_lines:
            return False
        if _ends_colon_list(live, len(live) - len(run)):
            return False  # "… dokumen berikut:" introduces the run: a list of the body
        if not self._evidence(c, live, len(live) - len(run)):
            return False
        for b, m in reversed(run):
            self.doc.drop(b, c.rule.id)
            self._capture(m, c)
        return True


_QUOTES = (('"', '"'), ("“", "”"))
_CONTINUES = ",.;:)]"


def _not_whole(text: str, after: str | None) -> str:
    """Why a headline-shaped line after a bare label is not a whole headline, or "": it opens
    a quotation it does not close ('"Rekrutmen Bersama … ⏎• …': a quoted post), or the next
    line carries its sentence on ("… Jürgen Klopp di⏎Liverpool⏎gabung …")."""
    t = text.strip()
    for opening, closing in _QUOTES:
        if opening == closing:
            if t.count(opening) % 2:
                return "the start of a quotation"
        elif t.count(opening) > t.count(closing):
            return "the start of a quotation"
    if after is not None and (after[:1].islower() or after[:1] in _CONTINUES):
        return "a piece of a sentence split at a link"
    return ""


def _next_text(blocks: list[Block], j: int) -> str | None:
    """The text of the next live line after ``blocks[j]``, stripped, if any."""
    for b in blocks[j + 1 : j + 4]:  # (a few lines: blank or removed ones in between)
        if not b.removed and b.text.strip():
            return b.text.strip()
    return None


@cache
def _builtin_tails() -> tuple[_Compiled, ...]:
    """The built-in tail rules, enabled or not: evidence that a line is a credit holds even
    when the rule that would remove it is switched off."""
    from .registry import builtin_rules

    return tuple(_compile(r) for r in builtin_rules() if r.scope == "tail")


@cache
def _list_headings() -> frozenset[str]:
    return frozenset(p.casefold() for p in phrases("list_headings"))


def _ends_colon_list(live: list[Block], start: int) -> bool:
    """Whether the lines from ``start`` on continue a list that a sentence ending in ':'
    opened ("Warga diminta membawa dokumen berikut:⏎ktp asli⏎kartu keluarga"); a label such as
    "Tags:" or "Kata kunci:" opens the tag list itself."""
    for b in reversed(live[:start]):
        text = b.text.rstrip()
        if text.endswith(":"):
            return len(text.split()) >= 3
        if len(text) > 80 or text[-1:] in ".!?)":
            return False
    return False


def _names_outlet(word: str) -> bool:
    """A word of an outlet's name: 'CNN', 'Indonesia', 'Kompas.com', 'detikJabar'."""
    return word[0].isupper() or any(ch.isupper() for ch in word[1:]) or ".co" in word.lower()


def _unbracket(headline: str | None) -> str:
    """A headline without the closing bracket of '(Baca juga: …)' that a pattern took along."""
    headline = (headline or "").strip()
    if headline[-1:] in (")", "]"):
        opening = "(" if headline[-1] == ")" else "["
        if headline.count(opening) < headline.count(headline[-1]):
            headline = headline[:-1].rstrip()
    return headline


def _link_for(headline: str, block: Block | None) -> str | None:
    """The URL of the block's link that carries this headline (HTML mode), if any."""
    if block is None or not block.links:
        return None
    wanted = " ".join(headline.split()).casefold()
    for text, url in block.links:
        t = text.casefold()
        if url and t and (t in wanted or wanted in t):
            return url
    real = [url for text, url in block.links if url and text]
    return real[0] if len(real) == 1 else None


def _join_cut(pieces: list[str]) -> str:
    """Join what is left around cut spans without gluing words or doubling spaces."""
    out = pieces[0]
    for p in pieces[1:]:
        if out and p and not out[-1].isspace() and not p[0].isspace():
            left, right = out[-1], p[0]
            if (
                (left.isalnum() and right.isalnum())
                or (left in '.!?,;:"”)' and right.isalnum())
                or (left in ".!?" and right in '"“')
            ):
                out += " "
        out += p
    return out


_PLACE_CASE = regex.compile(r"\p{Lu}[\p{Lu}.'’ -]+")


def _tidy_place(place: str) -> str:
    """'JAKARTA' → 'Jakarta', 'BOGOR TENGAH' → 'Bogor Tengah'; mixed case stays as printed."""
    place = " ".join(place.split()).strip(" ,.-–—")
    if _PLACE_CASE.fullmatch(place) and any(ch.isalpha() for ch in place):
        return " ".join(
            w if "." in w else "-".join(p[:1] + p[1:].lower() for p in w.split("-"))
            for w in place.split(" ")
        )
    return place
