"""The glued-word repair (rule repair.glued-words): tables of glued and clean sentences, the
switch, the trail, HTML mode, and the fallback when the word lists cannot load."""

import json
from pathlib import Path

import pytest

import newsclean
from newsclean import Options
from newsclean.rules.registry import code_rules
from newsclean.stages import repair

CASES = json.loads((Path(__file__).parent / "fixtures" / "glue_cases.json").read_text("utf-8"))
RULE = "repair.glued-words"
_SENTENCE = "Layanan {} kini dipakai oleh jutaan warga di berbagai daerah."


@pytest.mark.parametrize("case", CASES["glued"], ids=lambda c: c["input"][:40])
def test_glued_words_are_split(case):
    article = newsclean.clean_text(case["input"])
    assert article.text == case["output"]
    assert any(r.rule == RULE and r.kind == "repair" for r in article.removed)


@pytest.mark.parametrize("text", CASES["clean"], ids=lambda t: t[:40])
def test_clean_text_is_left_alone(text):
    article = newsclean.clean_text(text)
    assert article.text == text
    assert [r.text for r in article.removed if r.rule == RULE] == []


@pytest.mark.parametrize("name", CASES["brands"])
def test_camel_case_names_stay_whole(name):
    text = _SENTENCE.format(name)
    assert newsclean.clean_text(text).text == text


def test_names_of_the_phrase_list_stay_whole():
    from newsclean.vocab import phrases

    for name in phrases("camel_case_names"):
        text = _SENTENCE.format(name)
        assert repair.repair_text(text, repair.lexicon())[1] == [], name


def test_switched_off_like_any_rule():
    glued = CASES["glued"][0]["input"]
    for off in ({RULE}, {"repair"}, {"repair.*"}):
        article = newsclean.clean_text(glued, options=Options(disable=frozenset(off)))
        assert article.text == glued
        assert not article.removed


def test_each_repair_is_in_the_trail_counts_and_explanation():
    article = newsclean.clean_text("Kabar itu dikutip dariAntara dan atauINDFakan naik.")
    entries = [r for r in article.removed if r.rule == RULE]
    assert [r.text for r in entries] == [
        "dariAntara → dari Antara",
        "atauINDFakan → atau INDF akan",
    ]
    assert [r.column for r in entries] == [19, 34]
    assert dict(article.rule_counts)[RULE] == 2
    explained = article.explain()
    assert "repair.glued-words (repair, line 1, column 19): 'dariAntara → dari Antara'" in explained
    assert GLUED_REASON in explained


GLUED_REASON = repair.GLUED.reason


def test_registered_as_a_rule_with_examples():
    assert repair.GLUED in code_rules()
    assert repair.GLUED.removes and repair.GLUED.keeps


def test_html_blocks_are_repaired_where_the_markup_dropped_the_spaces():
    page = (
        "<html><body><article>"
        "<p>Abu vulkanik dari erupsi<a href='/tag/gunung'>Gunung</a> Lewotobi terbawa angin ke "
        "arah barat, menurut laporan dari<b>Antara</b> pada Selasa malam.</p>"
        "<p>Petugas masih berjaga di pos pengamatan dan meminta warga menjauhi kawasan itu.</p>"
        "</article></body></html>"
    )
    article = newsclean.clean_html(page)
    assert "erupsi Gunung Lewotobi" in article.text
    assert "dari Antara pada Selasa" in article.text
    assert any(r.rule == RULE for r in article.removed)


def test_without_word_lists_camel_case_seams_are_still_split(monkeypatch):
    monkeypatch.setattr(repair, "lexicon", lambda: None)
    article = newsclean.clean_text(
        "Kabar itu dikutip dariAntara, dan warga membeligadgetbaru pada Selasa malam."
    )
    assert "dari Antara" in article.text
    assert "membeligadgetbaru" in article.text  # (only the lists can split lower-case glue)
    assert any("word lists" in w for w in article.warnings)


def test_segmenter_never_splits_a_known_or_affixed_word():
    lex = repair.lexicon()
    assert lex is not None
    for word in ("membagikannya", "dipertanyakan", "keberlanjutan", "berhati", "sinergitas"):
        assert repair.segment(word, lex) is None, word
    assert repair.segment("membagikandividensenilai", lex) == ["membagikan", "dividen", "senilai"]


def test_text_that_is_not_indonesian_is_not_segmented():
    text = "The company said the motorsportdivision will open a new plant near the coast."
    assert newsclean.clean_text(text).text == text


def test_a_repair_is_repaired_again_until_nothing_changes():
    # The first seam split uncovered a second ("POTRETterbaruDenada" → "POTRET terbaruDenada"),
    # which only a second cleaning used to split: cleaning a cleaned text must change nothing.
    text = (
        "POTRETterbaruDenadausai operasi plastik jadi makin cantik. Denada menjadi sorotan "
        "usai memamerkan wajah barunya kepada para penggemar di media sosial."
    )
    once = newsclean.clean_text(text).text
    assert once.startswith("POTRET terbaru Denada")
    assert newsclean.clean_text(once).text == once
