"""Every registered rule runs its own keep/remove examples: the examples are the rule's tests."""

import pytest

from newsclean.rules.registry import all_rules
from newsclean.testing import check_rule

RULES = all_rules()


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_examples(rule):
    assert rule.removes, f"{rule.id} has no 'removes' example"
    assert rule.keeps, f"{rule.id} has no 'keeps' example"
    assert check_rule(rule) == []


def test_rule_ids_unique_and_namespaced():
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids))
    assert all("." in i for i in ids)


def test_every_rule_has_one_line_reason():
    for r in RULES:
        assert r.reason.strip() and "\n" not in r.reason, r.id


def test_then_source_takes_the_outlet_block_in_html_mode():
    """HTML blocks are not re-joined like text lines: the outlet stays a block of its own."""
    import newsclean

    page = (
        "<html><body><article>"
        "<p>Warga diminta waspada terhadap hujan lebat yang akan turun hingga malam hari.</p>"
        "<p>Petugas telah menyiapkan pompa air di titik rawan banjir sejak pekan lalu.</p>"
        "<p>Artikel ini telah tayang di</p><p>detikJabar.</p>"
        "</article></body></html>"
    )
    article = newsclean.clean_html(page)
    assert "tayang" not in article.text and "detikJabar" not in article.text
    assert [r.rule for r in article.removed] == ["syndication.published-at-bare"] * 2
    assert article.text.endswith("sejak pekan lalu.")
