"""Stage: remove noise elements from the article body before its text is read.

The generic element rules live in ``newsclean/data/dom.toml`` (ads, related boxes, captions,
embeds, share and tag lists, pagination, page chrome); a publisher profile adds its own ``drop``
selectors, reported as rule ``site.<name>``. Each rule's selectors are joined into one CSS group
and compiled to one XPath expression, so a rule costs one tree query. Related-link boxes are not
just dropped: their links become ``Article.related``, with URLs.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any
from urllib.parse import urljoin

from ..document import Doc
from ..options import Options
from ..rules.rule import Example, RuleError
from ..selectors import PageVocab, Selector, compile_all, select_group
from ..vocab import table


@dataclass(frozen=True)
class DomRule:
    """An element rule: CSS selectors, what to do with matches, and HTML examples."""

    id: str
    reason: str
    selectors: tuple[str, ...]
    action: str = "drop"
    removes: tuple[Example, ...] = ()
    keeps: tuple[str, ...] = ()
    origin: str = "builtin:dom"
    scope: str = "element"

    @property
    def family(self) -> str:
        return self.id.split(".", 1)[0]

    @property
    def compiled(self) -> tuple[Selector, ...]:
        return _compiled(self.selectors)

    def to_mapping(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "reason": self.reason,
            "scope": self.scope,
            "selectors": list(self.selectors),
            "action": self.action,
            "removes": [{"input": e.input, "output": e.output} for e in self.removes],
            "keeps": list(self.keeps),
            "origin": self.origin,
        }


@cache
def _compiled(selectors: tuple[str, ...]) -> tuple[Selector, ...]:
    return compile_all(selectors)


@cache
def dom_rules() -> tuple[DomRule, ...]:
    """The built-in element rules, in the order they run."""
    rules = []
    for item in table("dom.toml").get("rule", []):
        try:
            rule = DomRule(
                id=item["id"],
                reason=item["reason"],
                selectors=tuple(item["selectors"]),
                action=item.get("action", "drop"),
                removes=tuple(Example.of(e) for e in item.get("removes", ())),
                keeps=tuple(item.get("keeps", ())),
            )
        except KeyError as e:
            raise RuleError(f"data/dom.toml: a rule lacks {e}") from e
        if rule.action not in ("drop", "related") or not rule.selectors:
            raise RuleError(f"data/dom.toml: rule {rule.id} has a bad action or no selectors")
        rule.compiled  # noqa: B018 - compile now so a bad selector fails at load
        rules.append(rule)
    return tuple(rules)


def describe(el: Any) -> str:
    """'div#main.read__content' for the trail."""
    tag = el.tag if isinstance(el.tag, str) else "node"
    ident = el.get("id")
    classes = (el.get("class") or "").split()
    return tag + (f"#{ident}" if ident else "") + "".join(f".{c}" for c in classes[:3])


def _text(el: Any) -> str:
    return " ".join(el.text_content().split())


def remove_noise(
    body: Any,
    doc: Doc,
    options: Options,
    *,
    profile_drop: tuple[Selector, ...] = (),
    profile_name: str | None = None,
    base_url: str | None = None,
    vocab: PageVocab | None = None,
) -> None:
    """Apply the profile's drop selectors, then every enabled element rule, inside ``body``."""
    steps: list[tuple[str, str, list[Any]]] = []
    site_rule = f"site.{profile_name}" if profile_name else None
    if site_rule and profile_drop and options.enabled(site_rule):
        steps.append((site_rule, "drop", select_group(profile_drop, body, vocab)))
    for rule in dom_rules():
        if options.enabled(rule.id):
            steps.append((rule.id, rule.action, select_group(rule.compiled, body, vocab)))
    for rule_id, action, found in steps:
        for el in found:
            if el is body or _detached(el, body):
                continue
            if action == "related":
                for a in el.iter("a"):
                    headline = _text(a)
                    href = a.get("href")
                    if headline and len(headline) > 8:
                        doc.add_related(
                            headline,
                            rule_id,
                            urljoin(base_url, href) if base_url and href else href,
                        )
            text = _text(el)
            if text:  # an empty element changes no text: no entry in the trail
                doc.record(
                    rule_id,
                    "element",
                    text if len(text) <= 300 else text[:297] + "...",
                    element=describe(el),
                )
            el.drop_tree()


def _detached(el: Any, body: Any) -> bool:
    """True when an earlier removal already took this element out of the body."""
    return all(anc is not body for anc in el.iterancestors())
