"""The generated reference is what the rules say today."""

from pathlib import Path

from newsclean.reference import rules_markdown

DOCS = Path(__file__).parent.parent / "docs"


def test_rules_reference_is_current():
    current = (DOCS / "rules-reference.md").read_text("utf-8")
    assert current == rules_markdown(), (
        "docs/rules-reference.md is stale: run python -m newsclean.reference > "
        "docs/rules-reference.md"
    )
