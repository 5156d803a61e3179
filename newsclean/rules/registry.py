"""The built-in rules (read from ``newsclean/data/rules/*.toml``) and the rule sets options ask for.

Files are read in name order and rules keep their order within a file; within one scope, rules
run in that order. Lead rules depend on it: bylines (``credit.toml``) are cut before datelines
(``dateline.toml``) are looked for.
"""

from __future__ import annotations

import difflib
import tomllib
from collections.abc import Iterable
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..options import Options
from ..vocab import data_names, table
from .engine import RuleSet
from .rule import CodeRule, Rule, RuleError

if TYPE_CHECKING:
    from ..profiles import SiteRule
    from ..stages.dom import DomRule


@cache
def builtin_rules() -> tuple[Rule, ...]:
    """Every built-in text rule, in application order."""
    rules: list[Rule] = []
    for name in data_names("rules", ".toml"):
        data = table("rules", f"{name}.toml")
        for item in data.get("rule", []):
            rules.append(Rule.from_mapping(item, origin=f"builtin:{name}"))
    return tuple(rules)


def load_rules(path: str | Path) -> tuple[Rule, ...]:
    """Rules of your own from a TOML file of ``[[rule]]`` tables (the format of the built-ins)."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise RuleError(f"{path}: {e}") from e
    items = data.get("rule")
    if not isinstance(items, list) or not items:
        raise RuleError(f"{path}: no [[rule]] tables found")
    try:
        rules = tuple(Rule.from_mapping(item, origin=str(path)) for item in items)
        RuleSet(rules)  # compile now, so a bad pattern fails at load time, with its file
    except RuleError as e:
        raise RuleError(f"{path}: {e}") from e
    return rules


@lru_cache(maxsize=64)
def _ruleset(
    disable: frozenset[str], only: frozenset[str] | None, extra: tuple[Rule, ...]
) -> RuleSet:
    probe = Options(disable=disable, only=only, extra_rules=extra)
    return RuleSet([r for r in (*builtin_rules(), *extra) if probe.enabled(r.id)])


def ruleset_for(options: Options) -> RuleSet:
    """The compiled rule set an Options asks for (cached: options are immutable)."""
    return _ruleset(options.disable, options.only, options.extra_rules)


def code_rules() -> tuple[CodeRule | DomRule | SiteRule, ...]:
    """Rules implemented by a stage rather than one pattern (HTML elements, duplicate bodies,
    glued words, the publisher profiles' element rules ``site.<name>``)."""
    from ..profiles import site_rules
    from ..stages import document_rules, repair
    from ..stages.dom import LINK_LIST, LINK_TAIL, NAMED_REGION, dom_rules
    from ..stages.normalize import REJOIN

    return (
        REJOIN,
        *document_rules.RULES,
        *dom_rules(),
        NAMED_REGION,
        LINK_LIST,
        LINK_TAIL,
        *repair.RULES,
        *site_rules(),
    )


def all_rules(extra: Iterable[Rule] = ()) -> tuple[Rule | CodeRule | DomRule | SiteRule, ...]:
    """Every built-in rule, text and code alike, plus any extra ones."""
    return (*builtin_rules(), *code_rules(), *extra)


@cache
def _reasons() -> dict[str, str]:
    return {r.id: r.reason for r in all_rules()}


def reasons_for(options: Options) -> dict[str, str]:
    """Rule id → reason for every rule that can fire under these options (code rules too)."""
    return _reasons_for(options.extra_rules)


@lru_cache(maxsize=64)
def _reasons_for(extra: tuple[Rule, ...]) -> dict[str, str]:
    return {**_reasons(), **{r.id: r.reason for r in extra}}


class UnknownRuleError(RuleError):
    """A rule id or family named in ``Options.disable`` or ``Options.only`` that no rule has."""


@cache
def _builtin_names() -> frozenset[str]:
    return _names_of(r.id for r in all_rules())


def _names_of(ids: Iterable[str]) -> frozenset[str]:
    names: set[str] = set()
    for rule_id in ids:
        family = rule_id.split(".", 1)[0]
        names.update((rule_id, family, f"{family}.*"))
    return frozenset(names)


def known_names(extra: Iterable[Rule] = ()) -> frozenset[str]:
    """Every name ``disable`` and ``only`` accept: rule ids, families, ``family.*``."""
    return _builtin_names() | _names_of(r.id for r in extra)


def check_names(names: Iterable[str], extra: Iterable[Rule] = ()) -> None:
    """Raise :class:`UnknownRuleError` for the first name no rule answers to (typos fail
    loudly rather than switching nothing off), with the closest known name as a hint."""
    unknown = set(names) - _builtin_names()
    if not unknown:
        return
    known = known_names(extra)
    for name in sorted(unknown):
        if name not in known:
            close = difflib.get_close_matches(name, sorted(known), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise UnknownRuleError(f"unknown rule id or family {name!r}{hint}")
