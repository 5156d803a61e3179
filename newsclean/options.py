"""One immutable options object instead of a growing list of keyword arguments."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .rules.rule import Rule


OUTPUTS = ("text", "markdown")


@dataclass(frozen=True)
class Options:
    """How to clean. Derive variants with :meth:`replace`; every field has a safe default.

    disable
        Rule ids to switch off. A family name switches off the whole family: ``"related"``
        or ``"related.*"`` turns off every ``related.…`` rule; ``"site.detik"`` switches off
        the detik profile's element removals. A name no rule answers to (built-in or in
        ``extra_rules``) raises :class:`newsclean.rules.registry.UnknownRuleError`, a
        ``ValueError``.
    only
        When set, only these rule ids (or families) run: handy to test one rule alone.
    extra_rules
        Rules of your own (:class:`newsclean.Rule`), applied after the built-in ones.
    trail
        Keep the audit trail (``Article.removed``). Rule counts are kept either way.
    rule_timeout
        Seconds each user rule may spend on one document, all its lines together, before it is
        stopped for that document and reported in ``Article.warnings``. ``math.inf`` switches
        the budget off (trusted rules only). Built-in rules are not timed.
    site
        Force a publisher profile by name instead of choosing one from the URL.
    reference_time
        The "now" that relative dates ("2 jam yang lalu") resolve against; without it they
        stay unresolved.
    max_input_chars
        Larger inputs are refused with a reason instead of being cleaned.
    html_fallback
        In HTML mode, use trafilatura's generic extraction where no profile finds the body.
    output
        ``"text"`` (default): plain paragraphs in ``Article.text``. ``"markdown"``: also
        ``Article.markdown``, the same kept text with headings, lists, tables and quotes as
        markdown (HTML mode; text mode has no structure to keep). See docs/html.md.
    """

    disable: frozenset[str] = frozenset()
    only: frozenset[str] | None = None
    extra_rules: tuple[Rule, ...] = ()
    trail: bool = True
    rule_timeout: float = 0.5
    site: str | None = None
    reference_time: datetime | None = None
    max_input_chars: int = 200_000_000
    html_fallback: bool = True
    output: str = "text"

    def __post_init__(self) -> None:
        for name in ("disable", "only"):
            value = getattr(self, name)
            if isinstance(value, str):
                raise TypeError(f"Options.{name} takes a set of rule ids, not a single string")
            if value is not None:
                object.__setattr__(self, name, frozenset(value))
        object.__setattr__(self, "extra_rules", tuple(self.extra_rules))
        if self.disable or self.only:
            from .rules.registry import check_names  # (the registry imports this module)

            check_names(self.disable | (self.only or frozenset()), self.extra_rules)
        if self.output not in OUTPUTS:
            raise ValueError(f"Options.output must be one of {OUTPUTS}, not {self.output!r}")
        timeout = self.rule_timeout
        if isinstance(timeout, bool) or not isinstance(timeout, (int, float)):
            raise TypeError(f"Options.rule_timeout takes seconds, not {type(timeout).__name__}")
        if math.isnan(timeout) or timeout <= 0:
            raise ValueError(
                f"Options.rule_timeout must be a positive number of seconds, not {timeout!r}"
            )
        if self.reference_time is not None and self.reference_time.tzinfo is None:
            raise ValueError("Options.reference_time must be timezone-aware")

    def replace(self, **changes: Any) -> Options:
        """A copy with some fields changed: ``opts.replace(trail=False)``."""
        return replace(self, **changes)

    def enabled(self, rule_id: str) -> bool:
        """Whether a rule runs under these options."""
        if self.only is None and not self.disable:
            return True
        if _named(rule_id, self.disable):
            return False
        return self.only is None or _named(rule_id, self.only)


def _named(rule_id: str, names: frozenset[str]) -> bool:
    if rule_id in names:
        return True
    family = rule_id.split(".", 1)[0]
    return family in names or f"{family}.*" in names


DEFAULT = Options()
