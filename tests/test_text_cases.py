"""Table-driven text-mode cases: every ``tests/fixtures/text_cases*.json`` file, one test per case.

Each file is a JSON list of cases in the format of :func:`newsclean.testing.check_case`
(``id``, ``input`` and any of ``output``, ``contains``, ``excludes``, ``rules``, ``not_rules``,
``meta``), plus two fields of the table's own:

``note``
    What real shape the case models (publisher, year, the artifact and its spelling). The texts
    are written for the table; they copy the *shape* of scraped artifacts, never their sentences.
``xfail``
    Set when the library is known to fail the case; the value says why. The case then runs as
    ``xfail(strict=True)``: when a change makes it pass, the test fails until the ``xfail`` field
    is removed, so the table always says what the library does.

Expected results are what a correct cleaner should produce, written by hand: do not weaken a case
to make it pass; mark it ``xfail`` with the reason instead.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsclean.testing import check_case

FIXTURES = Path(__file__).parent / "fixtures"
FILES = sorted(FIXTURES.glob("text_cases*.json"))

CHECKS = {"output", "contains", "excludes", "rules", "not_rules", "meta"}
KEYS = {"id", "note", "input", "xfail"} | CHECKS


def _load() -> list[dict]:
    cases = []
    for path in FILES:
        data = json.loads(path.read_text(encoding="utf-8"))
        assert isinstance(data, list), f"{path.name}: the top level must be a JSON list"
        for case in data:
            cases.append({**case, "_file": path.name})
    return cases


CASES = _load()


def _param(case: dict) -> object:
    marks = []
    if case.get("xfail"):
        marks.append(pytest.mark.xfail(strict=True, reason=case["xfail"]))
    return pytest.param(case, marks=marks)


@pytest.mark.parametrize("case", [_param(c) for c in CASES], ids=[c["id"] for c in CASES])
def test_text_case(case: dict) -> None:
    assert check_case(case) == []


def test_case_table_is_well_formed() -> None:
    assert FILES, "no tests/fixtures/text_cases*.json files"
    ids = [c["id"] for c in CASES]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
    for c in CASES:
        where = f"{c['_file']}: {c.get('id', '?')}"
        assert set(c) - {"_file"} <= KEYS, f"{where}: unknown keys {set(c) - KEYS - {'_file'}}"
        assert isinstance(c.get("input"), str), f"{where}: 'input' must be a string"
        assert c.get("note", "").strip(), f"{where}: every case needs a 'note'"
        assert CHECKS & set(c), f"{where}: the case checks nothing"
        assert "xfail" not in c or c["xfail"].strip(), f"{where}: an 'xfail' needs a reason"
