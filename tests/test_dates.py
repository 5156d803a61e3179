"""Date parsing: the table in ``tests/fixtures/dates.json`` plus focused tests of the API edges.

Each table case has an ``id`` (a sentence, shown when it fails), the ``input``, and ``expected``:
the ISO 8601 result with its offset, or null. Optional fields: ``reference`` (ISO, for relative
times), ``tz`` (a zone name the module exports, the zone assumed when the text gives none), and
``has_time`` / ``has_zone`` / ``text`` to check those fields of the match too. Expected values are
written by hand; do not copy them from the parser's output.
"""

from __future__ import annotations

import copy
import json
import random
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from newsclean import dates
from newsclean.dates import WIB, WIT, WITA, DateMatch, parse_date, parse_date_match
from newsclean.vocab import VocabularyError, table

CASES = json.loads((Path(__file__).parent / "fixtures" / "dates.json").read_text("utf-8"))
ZONES = {"WIB": WIB, "WITA": WITA, "WIT": WIT, "UTC": UTC}


def _options(case: dict) -> dict:
    opts: dict = {}
    if "reference" in case:
        opts["reference"] = datetime.fromisoformat(case["reference"])
    if "tz" in case:
        opts["tz"] = ZONES[case["tz"]]
    return opts


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_date_table(case):
    found = parse_date_match(case["input"], **_options(case))
    if case["expected"] is None:
        assert found is None, f"read {found.text!r} as {found.value.isoformat()}"
        return
    assert found is not None, "nothing parsed"
    assert found.value.isoformat() == case["expected"]
    for field in ("has_time", "has_zone", "text"):
        if field in case:
            assert getattr(found, field) == case[field], field


def test_table_ids_are_unique():
    ids = [c["id"] for c in CASES]
    assert len(ids) == len(set(ids))


def test_table_covers_every_month_name_and_zone_of_the_data():
    """A name added to dates.toml without a case here fails, so the table keeps up."""
    inputs = " ".join(c["input"].lower() for c in CASES if c["expected"])
    data = table("dates.toml")
    for names in data["months"]:
        for name in names:
            assert f" {name} " in inputs or f" {name}." in inputs, name
    for zone in ("wib", "wita", "wit"):
        assert f" {zone}" in inputs, zone


# --- API ------------------------------------------------------------------------------------------


def test_zone_constants():
    assert [z.utcoffset(None) for z in (WIB, WITA, WIT)] == [timedelta(hours=h) for h in (7, 8, 9)]
    assert datetime(2025, 1, 1, tzinfo=WITA).isoformat() == "2025-01-01T00:00:00+08:00"
    assert WIB.tzname(None) == "WIB"


def test_parse_date_is_the_value_of_the_match():
    text = "Tayang: Senin, 9 Juni 2025 21:58 WITA"
    assert parse_date(text) == parse_date_match(text).value
    assert parse_date("Tidak ditemukan") is None


def test_match_is_frozen_and_aware():
    m = parse_date_match("5 Juni 2025")
    assert isinstance(m, DateMatch)
    assert m.value.tzinfo is WIB and m.value.utcoffset() == timedelta(hours=7)
    assert (m.has_time, m.has_zone, m.text) == (False, False, "5 Juni 2025")
    with pytest.raises(AttributeError):
        m.value = datetime.now(WIB)


def test_named_zone_gives_the_module_zone_object():
    assert parse_date("5 Juni 2025 10:00 WITA").tzinfo is WITA


@pytest.mark.parametrize("bad", [None, b"5 Juni 2025", 20250605, ["5 Juni 2025"]])
def test_non_str_input_is_a_type_error(bad):
    with pytest.raises(TypeError, match="str"):
        parse_date(bad)


def test_naive_reference_is_refused():
    with pytest.raises(ValueError, match="timezone-aware"):
        parse_date("2 jam yang lalu", reference=datetime(2025, 6, 18, 10, 0))


def test_reference_must_be_a_datetime():
    with pytest.raises(TypeError, match="datetime"):
        parse_date("kemarin", reference=date(2025, 6, 18))
    with pytest.raises(TypeError, match="datetime"):
        parse_date("kemarin", reference="2025-06-18T10:00:00+07:00")


def test_tz_must_be_a_tzinfo():
    with pytest.raises(TypeError, match="tzinfo"):
        parse_date("5 Juni 2025", tz="WIB")


def test_reference_is_checked_even_when_a_written_date_wins():
    with pytest.raises(ValueError):
        parse_date("5 Juni 2025", reference=datetime(2025, 6, 18))


def test_date_far_into_a_long_text_is_found():
    text = "Lorem ipsum dolor. " * 600 + "Diperbarui 18 Jun 2025, 14:05 WIB"
    assert parse_date(text).isoformat() == "2025-06-18T14:05:00+07:00"


def test_odd_strings_never_raise():
    rnd = random.Random(20250618)
    alphabet = "0123456789 /.-:,|+TZtzWIBAJunjiMeMinggu'’\u00a0\n_x(){}[]\\*?lalu jam"
    samples = ["\x00", "\ud800", "9" * 5000, "-" * 300, "2025-" * 50, "31/31/3131 31:31 WIB"]
    samples += [
        "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 60))) for _ in range(3000)
    ]
    ref = datetime(2025, 6, 18, 10, tzinfo=WIB)
    for s in samples:
        for found in (parse_date_match(s), parse_date_match(s, reference=ref)):
            assert found is None or found.value.utcoffset() is not None, s


def test_huge_relative_counts_do_not_raise():
    ref = datetime(2025, 6, 18, 10, tzinfo=WIB)
    assert parse_date("99999 minggu yang lalu", reference=ref) is None
    assert parse_date("99999 detik yang lalu", reference=ref) is not None


# --- vocabulary validation ------------------------------------------------------------------------


def _data() -> dict:
    return copy.deepcopy(table("dates.toml"))


def test_shipped_vocabulary_compiles():
    assert dates._compile(_data()).months["pebruari"] == 2


@pytest.mark.parametrize(
    ("what", "change"),
    [
        ("an empty month list", lambda d: d["months"].__setitem__(4, [])),
        ("eleven months", lambda d: d["months"].pop()),
        ("a name in two months", lambda d: d["months"][0].append("feb")),
        ("no weekdays", lambda d: d.__setitem__("weekdays", [])),
        ("a blank weekday", lambda d: d["weekdays"].append("  ")),
        ("no WITA", lambda d: d["zones"].pop("WITA")),
        ("an offset without a colon", lambda d: d["zones"].__setitem__("WIB", "+0700")),
        ("no ago words", lambda d: d["relative"].__setitem__("ago", [])),
        ("no relative units", lambda d: d["relative"].__setitem__("unit", [])),
        ("a unit with seconds and days", lambda d: d["relative"]["unit"][0].__setitem__("days", 1)),
        ("a unit word listed twice", lambda d: d["relative"]["unit"][1]["words"].append("jam")),
        ("no year range", lambda d: d.pop("min_year")),
    ],
)
def test_broken_vocabulary_is_refused(what, change):
    data = _data()
    change(data)
    with pytest.raises(VocabularyError, match=r"dates\.toml"):
        dates._compile(data)
