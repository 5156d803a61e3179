"""One rule-id namespace: a profile's removals are the rule site.<name>, listed, explained and
switched off like any other; unknown ids raise in the API as in the command; files in errors."""

from __future__ import annotations

from pathlib import Path

import pytest

import newsclean
from newsclean import cli
from newsclean.profiles import profiles, site_rules
from newsclean.rules.registry import UnknownRuleError, all_rules, known_names

PAGE = Path(__file__).parent / "fixtures" / "html" / "detik-2024.html"
URL = "https://news.detik.com/berita/d-1/contoh"


def test_every_profile_that_drops_has_a_rule_with_examples():
    with_drops = [p for p in profiles() if p.drop or p.related]
    assert with_drops and {r.id for r in site_rules()} == {f"site.{p.name}" for p in with_drops}
    ids = {r.id for r in all_rules()}
    for p in with_drops:
        assert p.rule is not None and p.rule.id in ids
        assert p.rule.removes and p.rule.keeps and p.rule.reason


def test_profile_disable_lists_name_real_rules():
    for p in profiles():
        assert p.disable <= known_names(), p.name


def test_rules_lists_a_site_rule(capsys):
    assert cli.main(["rules", "site.detik"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("site.detik  [element, builtin:sites]")
    assert "detikcom" in out and "removes:" in out and "keeps:" in out
    assert out.rstrip().endswith("1 rules")


def test_site_rule_can_be_disabled_in_api_and_cli(tmp_path, capsys):
    html = PAGE.read_bytes()
    fired = {r.rule for r in newsclean.clean_html(html, url=URL).removed}
    assert "site.detik" in fired
    off = newsclean.Options(disable=frozenset({"site.detik"}))
    art = newsclean.clean_html(html, url=URL, options=off)
    assert "site.detik" not in {r.rule for r in art.removed}
    assert art.text  # the body is still found: only the removals are off
    page = tmp_path / "p.html"
    page.write_bytes(html)
    assert cli.main(["explain", str(page), "--url", URL, "--disable", "site.detik"]) == 0
    assert "site.detik" not in capsys.readouterr().out


def test_explain_says_why_for_profile_removals(tmp_path, capsys):
    page = tmp_path / "p.html"
    page.write_bytes(PAGE.read_bytes())
    assert cli.main(["explain", str(page), "--url", URL, "--color", "never"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    i = next(n for n, line in enumerate(lines) if line.startswith("site.detik"))
    assert lines[i + 2].strip().startswith("why: Parts of a detikcom story body")
    art = newsclean.clean_html(PAGE.read_bytes(), url=URL)
    assert "why: Parts of a detikcom" in art.explain()


def test_unknown_ids_raise_in_the_api():
    with pytest.raises(UnknownRuleError, match="unknown rule id or family 'nosuch'"):
        newsclean.Options(disable={"nosuch"})
    with pytest.raises(ValueError, match=r"did you mean 'site\.detik'"):
        newsclean.Options(only={"site.detk"})
    with pytest.raises(ValueError):
        newsclean.Options().replace(disable=frozenset({"relatd"}))


def test_families_and_extra_rule_ids_are_known():
    assert newsclean.Options(disable={"related", "related.*", "site", "site.kompas"}).disable
    mine = newsclean.Rule(
        id="mine.cta",
        reason="Our own call to action.",
        pattern=r"Ikuti kami di Mastodon\.?",
        removes=["Ikuti kami di Mastodon."],
        keeps=["Ia aktif di Mastodon."],
    )
    opts = newsclean.Options(only={"mine.cta"}, extra_rules=(mine,))
    assert newsclean.clean_text("Berita pagi ini.\nIkuti kami di Mastodon.", options=opts).text == (
        "Berita pagi ini."
    )
    with pytest.raises(ValueError):
        newsclean.Options(only={"mine.cta"})  # without the rule, its id is unknown


def test_cli_rejects_unknown_ids(capsys):
    assert cli.main(["rules", "--rules", "/nonexistent.toml"]) == 2
    assert cli.main(["explain", "-", "--disable", "site.nosuch"]) == 2
    assert "unknown rule id or family 'site.nosuch'" in capsys.readouterr().err


@pytest.mark.parametrize(
    "body, message",
    [
        ('[[rule]]\nid = "Bad id"\nreason = "x"\npattern = "x"\n', "must look like"),
        ('[[rule]]\nid = "my.rule"\nreason = "x"\npattern = "(open"\n', "does not compile"),
        ("[[rule]\n", "Expected"),
    ],
)
def test_rules_file_errors_name_the_file(tmp_path, capsys, body, message):
    path = tmp_path / "mine.toml"
    path.write_text(body)
    assert cli.main(["rules", "--rules", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"bad rules file: {path}: " in err and message in err
