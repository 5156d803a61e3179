"""`newsclean explain FILE --id/--line/--record/--url`: one record of a JSONL or WARC file."""

from __future__ import annotations

import gzip
import importlib.util
import io
import json
import sys
from pathlib import Path

import pytest

from newsclean import cli

FIXTURES = Path(__file__).parent / "fixtures" / "batch"
_spec = importlib.util.spec_from_file_location("batch_builders", FIXTURES / "builders.py")
builders = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(builders)

JSONL = FIXTURES / "articles.jsonl"


def _explain(capsys, *argv: str) -> tuple[int, str, str]:
    rc = cli.main(["explain", *argv, "--color", "never"])
    out = capsys.readouterr()
    return rc, out.out, out.err


def _records() -> list[dict]:
    return [json.loads(line) for line in JSONL.read_text().splitlines() if line.strip()]


def test_jsonl_without_a_selector_is_a_usage_error(capsys):
    rc, out, err = _explain(capsys, str(JSONL))
    assert rc == 2 and out == ""
    assert "is a JSONL file" in err and "--id ID, --line N, --record N or --url URL" in err
    rc, _, err = _explain(capsys, str(JSONL), "--id", "x", "--line", "2")
    assert rc == 2 and "only one record" in err


def test_jsonl_by_id_line_record_and_url_pick_the_same_record(capsys):
    second = _records()[1]
    outs = []
    for argv in (
        ["--id", str(second["id"])],
        ["--line", "2"],
        ["--record", "2"],
        ["--url", second["url"]],
    ):
        rc, out, _ = _explain(capsys, str(JSONL), *argv)
        assert rc == 0
        outs.append(out)
    assert len(set(outs)) == 1
    head = outs[0].splitlines()[0]
    assert head == f"== {JSONL}, line 2 (id {second['id']}) (text mode) =="
    first_words = " ".join(second["text"].split("\n")[0].split()[3:8])
    assert first_words in outs[0]  # the record's text, not the whole file as one text
    assert "\\n" not in outs[0]


def test_jsonl_gz_and_missing_records(tmp_path, capsys):
    gz = tmp_path / "a.jsonl.gz"
    gz.write_bytes(gzip.compress(JSONL.read_bytes()))
    rc, out, _ = _explain(capsys, str(gz), "--record", "1")
    assert rc == 0 and "clean text" in out
    rc, _, err = _explain(capsys, str(JSONL), "--id", "tidak-ada")
    n = len(_records())
    assert rc == 2 and f"no record with id tidak-ada ({n} records in the file)" in err
    rc, _, err = _explain(capsys, str(JSONL), "--record", "0")
    assert rc == 2 and "counts from 1" in err


def test_a_record_that_is_an_error_exits_1(tmp_path, capsys):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "ok", "text": "Isi berita yang cukup panjang."}\n{"id": "rusak"\n')
    rc, out, err = _explain(capsys, str(bad), "--line", "2")
    assert rc == 1 and out == "" and "line 2: malformed-json" in err


def test_selectors_on_a_single_document_are_rejected(capsys):
    rc, _, err = _explain(capsys, str(FIXTURES / "pages" / "banjir.html"), "--record", "1")
    assert rc == 2 and "pick a record of a JSONL or WARC file" in err


@pytest.fixture
def warc(tmp_path):
    pytest.importorskip("warcio")
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(builders.warc_bytes(builders.pages()))
    return path


def _warc_ids(path: Path) -> list[tuple[str, str]]:
    from warcio.archiveiterator import ArchiveIterator

    with open(path, "rb") as f:
        return [
            (
                r.rec_headers.get_header("WARC-Record-ID"),
                r.rec_headers.get_header("WARC-Target-URI"),
            )
            for r in ArchiveIterator(f)
            if r.rec_type == "response" and r.http_headers.get_header("Content-Type") != "image/png"
        ]


def test_warc_without_a_selector_is_a_usage_error(warc, capsys):
    rc, out, err = _explain(capsys, str(warc))
    assert rc == 2 and out == ""
    assert "is a WARC file" in err and "--id WARC-RECORD-ID, --record N or --url URL" in err
    rc, _, err = _explain(capsys, str(warc), "--line", "1")
    assert rc == 2 and "--line picks a JSONL line" in err


def test_warc_by_url_id_and_record(warc, capsys):
    (id1, url1), (id2, url2) = _warc_ids(warc)
    rc, by_url, _ = _explain(capsys, str(warc), "--url", url2)
    assert rc == 0
    assert by_url.splitlines()[0] == f"== {warc}, record {id2} <{url2}> (html mode) =="
    assert "clean text" in by_url and "not HTML" not in by_url
    bare = id2.strip("<>").removeprefix("urn:uuid:")
    assert _explain(capsys, str(warc), "--id", bare)[1] == by_url
    assert _explain(capsys, str(warc), "--record", "2")[1] == by_url
    rc, first, _ = _explain(capsys, str(warc), "--id", id1)
    assert rc == 0 and url1 in first.splitlines()[0]


def test_stdin_jsonl_needs_a_selector_too(monkeypatch, capsys):
    data = JSONL.read_bytes()
    for payload in (data, gzip.compress(data)):
        stdin = io.TextIOWrapper(io.BufferedReader(io.BytesIO(payload)))
        monkeypatch.setattr(sys, "stdin", stdin)
        rc, _, err = _explain(capsys, "-")
        assert rc == 2 and "is a JSONL file" in err
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(data))))
    rc, out, _ = _explain(capsys, "-", "--record", "3")
    assert rc == 0 and "(id " in out.splitlines()[0]
