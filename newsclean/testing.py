"""Helpers for testing rules: run a rule's own examples, or a table of cases, and say what failed.

>>> from newsclean import Rule
>>> from newsclean.testing import check_rule
>>> rule = Rule(id="promo.my-site", reason="Our own CTA.", pattern=r"Ikuti kami di Mastodon\\.?",
...             removes=["Ikuti kami di Mastodon."], keeps=["Ia aktif di Mastodon."])
>>> check_rule(rule)
[]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from .options import Options
from .rules.rule import CodeRule, Rule


def fold(text: str) -> str:
    """White space folded, as clean text is compared."""
    return " ".join(text.split())


def options_for(rule: Rule | CodeRule, base: Options | None = None) -> Options:
    """Options under which only this rule runs."""
    base = base or Options()
    extra = (rule,) if isinstance(rule, Rule) and not rule.origin.startswith("builtin") else ()
    needs = getattr(rule, "needs", ())
    return base.replace(
        only=frozenset({rule.id, *needs}),
        extra_rules=base.extra_rules + extra,
        disable=base.disable - {rule.id},
    )


def _clean(rule: Rule | CodeRule, text: str) -> Any:
    import newsclean

    opts = options_for(rule)
    if rule.scope == "element":
        # (a profile's rule, site.<name>, needs its examples cleaned as a page of its site)
        return newsclean.clean_html(text, url=getattr(rule, "example_url", None), options=opts)
    return newsclean.clean_text(text, options=opts)


def _baseline(rule: Rule | CodeRule, text: str) -> str:
    needs = getattr(rule, "needs", ())
    if not needs:
        return text
    import newsclean

    return str(newsclean.clean_text(text, options=Options(only=frozenset(needs))).text)


def check_rule(rule: Rule | CodeRule) -> list[str]:
    """Run the rule alone on each of its examples; return a message per failure (none: [])."""
    failures: list[str] = []
    for ex in rule.removes:
        art = _clean(rule, ex.input)
        got = fold(art.text)
        fired = [r.rule for r in art.removed if r.kind != "kept"]
        if rule.id not in fired:
            failures.append(f"{rule.id}: did not fire on {ex.input!r}")
        if got != fold(ex.output):
            failures.append(
                f"{rule.id}: on {ex.input!r} left {got!r}, expected {fold(ex.output)!r}"
            )
    for keep in rule.keeps:
        art = _clean(rule, keep)
        fired = [r.rule for r in art.removed if r.kind != "kept"]
        # What the rules it builds on make of the input is the baseline it must leave alone.
        expected = fold(_baseline(rule, keep))
        if rule.id in fired:
            taken = [r.text for r in art.removed if r.rule == rule.id and r.kind != "kept"]
            failures.append(f"{rule.id}: should keep {keep!r} but removed {taken!r}")
        elif rule.scope != "element" and fold(art.text) != expected:
            failures.append(f"{rule.id}: changed {keep!r} into {fold(art.text)!r}")
    return failures


def check_case(case: Mapping[str, Any], options: Options | None = None) -> list[str]:
    """Check one table case: ``input`` (text or ``html``), and any of ``output`` (the whole clean
    text, white space folded), ``contains`` / ``excludes`` (snippets), ``rules`` (ids that must
    appear in the trail), ``not_rules``, and ``meta`` (Article fields by name)."""
    import newsclean

    label = case.get("id", "?")
    if "html" in case:
        art = newsclean.clean_html(case["html"], url=case.get("url"), options=options)
    else:
        art = newsclean.clean_text(case["input"], url=case.get("url"), options=options)
    text = fold(art.text)
    out: list[str] = []
    if "output" in case and text != fold(case["output"]):
        out.append(f"{label}: text is {text!r}, expected {fold(case['output'])!r}")
    for s in case.get("contains", ()):
        if fold(s) not in text:
            out.append(f"{label}: missing {s!r}")
    for s in case.get("excludes", ()):
        if fold(s) in text:
            out.append(f"{label}: still contains {s!r}")
    fired = {r.rule for r in art.removed if r.kind != "kept"}  # (a "kept" note: no firing)
    for rid in case.get("rules", ()):
        if rid not in fired:
            out.append(f"{label}: rule {rid} did not fire (fired: {sorted(fired)})")
    for rid in case.get("not_rules", ()):
        if rid in fired:
            out.append(f"{label}: rule {rid} fired but should not")
    data = art.to_dict()
    for key, want in (case.get("meta") or {}).items():
        got = data.get(key)
        if key == "dateline" and isinstance(want, Mapping) and isinstance(got, Mapping):
            got = {k: got.get(k) for k in want}
        if got != want:
            out.append(f"{label}: {key} is {got!r}, expected {want!r}")
    return out


def check_cases(cases: Iterable[Mapping[str, Any]], options: Options | None = None) -> list[str]:
    return [msg for case in cases for msg in check_case(case, options)]
