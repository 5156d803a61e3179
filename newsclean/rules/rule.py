"""A cleaning rule: a small named object with a stable id, a reason, and examples that run as tests.

A rule is a regular expression plus where it applies (its ``scope``) and a few switches. Rules
carry no code of their own, so they can live in data files (``newsclean/data/rules/*.toml``)
and users can write them in TOML or Python alike.

Scopes
    ``line``  the pattern must match a whole line (block); the line is dropped.
    ``span``  every match inside a line is cut out (markers glued into paragraphs).
    ``lead``  the pattern must match at the start of one of the first ``lead_lines`` lines;
              the matched prefix is cut (datelines, bylines). Fires at most once.
    ``tail``  the pattern must match at the end of the last remaining line; the match is cut,
              and the rule is tried again on what is then last (initials, tag lists, CTAs).

Named groups carry what a removal keeps as metadata: ``headline`` and ``url`` (a related
link), ``author``, ``editor``, ``place`` and ``outlet`` (the dateline). Patterns may use
``{{name}}`` to insert a phrase list from ``newsclean/data/phrases/<name>.txt``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import regex

SCOPES = ("line", "span", "lead", "tail")
THEN = ("", "headline", "headlines", "source")
UNTIL = ("", "headline")
REQUIRE = ("", "headline", "after-artifact")
_ID = regex.compile(r"[a-z0-9][a-z0-9-]*(?:\.[a-z0-9][a-z0-9-]*)+")


class RuleError(ValueError):
    """A rule definition is invalid (bad id, unknown scope, pattern that does not compile...)."""


@dataclass(frozen=True, slots=True)
class Example:
    """An input and what must remain of it once the rule has run ("" = all of it goes)."""

    input: str
    output: str = ""

    @classmethod
    def of(cls, value: str | Mapping[str, str] | Example) -> Example:
        if isinstance(value, Example):
            return value
        if isinstance(value, str):
            return cls(value, "")
        try:
            return cls(str(value["input"]), str(value.get("output", "")))
        except (KeyError, TypeError) as e:
            raise RuleError(f"an example needs 'input' (and optionally 'output'): {value!r}") from e


def examples_mapping(
    removes: Iterable[Example], keeps: Iterable[str], origin: str
) -> dict[str, Any]:
    """The examples and origin of any kind of rule, as data (``to_mapping`` of each kind)."""
    return {
        "removes": [{"input": e.input, "output": e.output} for e in removes],
        "keeps": list(keeps),
        "origin": origin,
    }


@dataclass(frozen=True, slots=True)
class Rule:
    """One cleaning rule. See the module docstring for scopes and named groups.

    ``then`` (line and span scope): when the line held only a label (span scope: when the
    last match ends its line and took no headline), also take the following line
    (``headline``) or lines (``headlines``) that look like headlines, or the following line
    when it names a source (``source``: a short line of capitalised words, 'CNN Indonesia.').
    ``until`` (span scope): ``headline`` extends each match over a headline glued after it,
    ending where running text starts again.
    ``require``: ``headline`` means the ``headline`` group must look like a headline;
    ``after-artifact`` (tail scope) means the line before the match must be an artifact too
    (a line a rule removed or another tail rule matches whole, such as the writer's initials,
    or a list heading such as "Tags:"): lower-case lines that end a recipe or a poem are not
    tags. Without that evidence the line stays, with a "kept" note.
    ``exclusive``: among rules sharing this name, only the first that fires applies.
    ``starts`` (line scope) and ``hints`` (any scope) are fast filters, not part of the
    match: ``starts`` lists the words (lower case) a matching line can begin with, once leading
    punctuation is skipped (``""`` stands for a line of punctuation only); ``hints`` lists
    words one of which every match contains, in any case. Text without them never reaches the
    pattern. Leave them empty when no word is certain: the rule then runs everywhere, slower.
    """

    id: str
    reason: str
    pattern: str
    scope: str = "line"
    ignore_case: bool = False
    then: str = ""
    until: str = ""
    require: str = ""
    exclusive: str = ""
    lead_lines: int = 3
    min_lines: int = 1
    starts: tuple[str, ...] = ()
    hints: tuple[str, ...] = ()
    removes: tuple[Example, ...] = ()
    keeps: tuple[str, ...] = ()
    origin: str = "user"

    def __post_init__(self) -> None:
        if not isinstance(self.id, str) or not _ID.fullmatch(self.id):
            raise RuleError(f"rule id {self.id!r} must look like 'family.name' (lower case, dots)")
        if not self.reason or not str(self.reason).strip():
            raise RuleError(f"rule {self.id}: a one-line reason is required")
        if self.scope not in SCOPES:
            raise RuleError(f"rule {self.id}: scope {self.scope!r} is not one of {SCOPES}")
        for name, value, allowed in (
            ("then", self.then, THEN),
            ("until", self.until, UNTIL),
            ("require", self.require, REQUIRE),
        ):
            if value not in allowed:
                raise RuleError(f"rule {self.id}: {name}={value!r} is not one of {allowed}")
        if self.then and self.scope not in ("line", "span"):
            raise RuleError(f"rule {self.id}: 'then' only applies to line and span rules")
        if self.require == "after-artifact" and self.scope != "tail":
            raise RuleError(f"rule {self.id}: require='after-artifact' only applies to tail rules")
        if self.until and self.scope != "span":
            raise RuleError(f"rule {self.id}: 'until' only applies to span rules")
        if not self.pattern:
            raise RuleError(f"rule {self.id}: empty pattern")
        object.__setattr__(self, "removes", tuple(Example.of(e) for e in self.removes))
        object.__setattr__(self, "keeps", tuple(str(k) for k in self.keeps))
        for name in ("starts", "hints"):
            value = getattr(self, name)
            words = (value,) if isinstance(value, str) else tuple(value)
            if any(not isinstance(w, str) or (name == "hints" and not w.strip()) for w in words):
                raise RuleError(f"rule {self.id}: {name} must be words")
            object.__setattr__(self, name, tuple(w.strip().lower() for w in words))
        if self.starts and self.scope != "line":
            raise RuleError(f"rule {self.id}: 'starts' only applies to line rules; use 'hints'")

    @property
    def family(self) -> str:
        return self.id.split(".", 1)[0]

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], origin: str = "user") -> Rule:
        """Build a rule from a TOML/JSON table, rejecting unknown keys (typos fail loudly)."""
        known = {f for f in cls.__dataclass_fields__ if f != "origin"}
        unknown = set(data) - known
        if unknown:
            raise RuleError(f"rule {data.get('id', '?')}: unknown keys {sorted(unknown)}")
        fields = dict(data)
        fields["removes"] = tuple(Example.of(e) for e in fields.get("removes", ()))
        fields["keeps"] = tuple(fields.get("keeps", ()))
        fields["hints"] = tuple(fields.get("hints", ()))
        fields["starts"] = tuple(fields.get("starts", ()))
        return cls(**fields, origin=origin)

    def to_mapping(self) -> dict[str, Any]:
        """The rule as data (for ``newsclean rules --json`` and the generated reference)."""
        out: dict[str, Any] = {
            "id": self.id,
            "reason": self.reason,
            "scope": self.scope,
            "pattern": self.pattern,
        }
        for name in ("ignore_case", "then", "until", "require", "exclusive"):
            value = getattr(self, name)
            if value:
                out[name] = value
        if self.scope == "lead":
            out["lead_lines"] = self.lead_lines
        if self.scope == "tail" and self.min_lines != 1:
            out["min_lines"] = self.min_lines
        for name in ("starts", "hints"):
            if getattr(self, name):
                out[name] = list(getattr(self, name))
        out.update(examples_mapping(self.removes, self.keeps, self.origin))
        return out


@dataclass(frozen=True, slots=True)
class CodeRule:
    """A rule whose test is code rather than one pattern (duplicate bodies, HTML elements).

    It has what every rule has: a stable id, a reason shown to users, and examples that run as
    tests. ``scope`` says where it works: ``document`` (text after the rules) or ``element``
    (HTML, before text rules). ``needs`` names rules whose findings it builds on, which its
    examples run with it.
    """

    id: str
    reason: str
    scope: str
    removes: tuple[Example, ...] = ()
    keeps: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()
    origin: str = "builtin:code"

    def __post_init__(self) -> None:
        if not _ID.fullmatch(self.id):
            raise RuleError(f"rule id {self.id!r} must look like 'family.name'")
        object.__setattr__(self, "removes", tuple(Example.of(e) for e in self.removes))
        object.__setattr__(self, "keeps", tuple(self.keeps))

    @property
    def family(self) -> str:
        return self.id.split(".", 1)[0]

    def to_mapping(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "reason": self.reason,
            "scope": self.scope,
            **examples_mapping(self.removes, self.keeps, self.origin),
        }
