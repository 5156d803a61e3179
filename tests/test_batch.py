"""newsclean.batch: readers, ordering, bounded work in flight, and survival of bad input."""

from __future__ import annotations

import gzip
import importlib.util
import io
import json
import os
from pathlib import Path

import pytest

from newsclean import Options, batch

FIXTURES = Path(__file__).parent / "fixtures" / "batch"
_spec = importlib.util.spec_from_file_location("batch_builders", FIXTURES / "builders.py")
builders = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(builders)


def run(inputs, *, cleaner=None, **kw) -> tuple[list[dict], batch.Summary]:
    out = io.BytesIO()
    summary = batch.run([str(i) for i in inputs], out, cleaner or batch.Cleaner(), **kw)
    return [json.loads(line) for line in out.getvalue().splitlines()], summary


def test_jsonl_records_keep_id_url_and_order(tmp_path):
    path = tmp_path / "in.jsonl"
    recs = builders.many_texts(10)
    builders.write_jsonl(path, recs)
    out, summary = run([path], chunk_docs=3)
    assert [r["id"] for r in out] == [r["id"] for r in recs]
    assert [r["source"] for r in out] == [{"path": str(path), "line": i} for i in range(1, 11)]
    assert out[0]["url"] == recs[0]["url"]
    assert out[0]["dateline"]["place"] == "Jakarta"
    assert "Baca juga" not in out[0]["text"]
    assert summary.documents == 10 and summary.errors == 0
    assert summary.rules["related.baca-juga"] >= 3


def test_jsonl_errors_are_records_not_exceptions(tmp_path):
    path = tmp_path / "in.jsonl"
    lines = [
        '{"id": "a", "text": "JAKARTA, KOMPAS.com - Harga cabai naik di pasar induk."}',
        "{not json",
        '{"id": "b", "body": "no text field"}',
        '["an", "array"]',
        '{"id": "c", "text": null}',
        "",
        '{"id": "d", "text": "Harga bawang turun."}',
    ]
    path.write_text("\n".join(lines) + "\n")
    out, summary = run([path])
    assert len(out) == 6  # the blank line is not a document
    kinds = [r.get("error", {}).get("kind") for r in out]
    assert kinds == [None, "malformed-json", "missing-field", "not-an-object", "bad-field", None]
    assert out[1]["error"]["message"].startswith(f"{path}, line 2: not valid JSON")
    assert out[2]["id"] == "b" and "line 3" in out[2]["error"]["message"]
    assert out[5]["source"]["line"] == 7
    assert summary.errors == 4 and summary.error_kinds["malformed-json"] == 1


def test_field_option_and_modes(tmp_path):
    path = tmp_path / "in.jsonl"
    html = builders.pages()[0][1].decode()
    path.write_text(
        json.dumps({"id": 1, "body": html}) + "\n" + json.dumps({"id": 2, "body": "Teks biasa."})
    )
    out, _ = run([path], cleaner=batch.Cleaner(field_name="body"))
    assert out[0]["mode"] == "html" and "Banjir setinggi" in out[0]["text"]
    assert out[1]["mode"] == "text" and out[1]["text"] == "Teks biasa."
    out, _ = run([path], cleaner=batch.Cleaner(field_name="body", mode="text"))
    assert out[0]["mode"] == "text"
    out, _ = run([path])  # no html/text field
    assert [r["error"]["kind"] for r in out] == ["missing-field", "missing-field"]


def test_jsonl_gz_and_truncated_gz(tmp_path):
    path = tmp_path / "in.jsonl.gz"
    builders.write_jsonl(path, builders.many_texts(5))
    out, _ = run([path])
    assert len(out) == 5 and all(r["text"] for r in out)
    broken = tmp_path / "broken.jsonl.gz"
    broken.write_bytes(path.read_bytes()[:-30])
    out, summary = run([broken])
    assert out[-1]["error"]["kind"] == "unreadable"
    assert summary.errors == 1


def test_directory_recursion_in_sorted_order(tmp_path):
    out, summary = run([FIXTURES / "pages"])
    names = [Path(r["source"]["path"]).name for r in out]
    assert names == ["banjir.html", "kosong.html", "jembatan.html"]
    assert out[1]["text"] == "" and out[1]["reason"].startswith("empty input")
    assert summary.skipped_files == 1  # catatan.md
    assert summary.empty == 1


def test_warc_one_record_per_html_response(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(builders.warc_bytes(builders.pages()))
    out, summary = run([path])
    assert len(out) == 2
    assert [r["url"] for r in out] == [u for u, _ in builders.pages()]
    assert out[0]["source"]["record"] == out[0]["id"] and out[0]["id"].startswith("<urn:uuid:")
    assert isinstance(out[0]["source"]["offset"], int)
    assert "Banjir setinggi" in out[0]["text"]
    assert summary.skipped_records == 4  # the warcinfo, the two requests, the PNG
    assert summary.skipped_record_kinds == {"warcinfo": 1, "request": 2, "non-html": 1}


def test_unreadable_warc_is_one_error_record(tmp_path):
    path = tmp_path / "bad.warc"
    path.write_bytes(b"this is not a warc file\n" * 10)
    out, summary = run([path])
    assert len(out) == 1
    assert out[0]["error"]["kind"] == "unreadable-warc"
    assert out[0]["error"]["message"].startswith(f"{path}, offset 0: not a WARC file")
    assert summary.errors == 1


def test_warc_broken_midway_keeps_what_came_before(tmp_path):
    path = tmp_path / "cut.warc"
    good = builders.warc_bytes(builders.pages(), gz=False, noise=False)
    path.write_bytes(good + b"<html>garbage where the next record should be</html>\n" * 3)
    out, _ = run([path])
    assert len(out) == 3
    assert all("error" not in r for r in out[:2])
    assert out[2]["error"]["kind"] == "unreadable-warc"
    assert (
        len(good) - 8 <= out[2]["source"]["offset"] <= len(good)
    )  # warcio's lengths are approximate


@pytest.mark.parametrize("gz", [True, False])
def test_warc_cut_inside_a_record_ends_with_an_error_record(tmp_path, gz):
    # warcio stops quietly at a cut gzip member or a cut record header: the record that was
    # cut must still come out, as an error
    data = builders.warc_bytes(builders.pages(), gz=gz, noise=False)
    path = tmp_path / ("cut.warc.gz" if gz else "cut.warc")
    whole, _ = run([_write(path, data)])
    assert [("error" in r) for r in whole] == [False, False]
    for cut in (len(data) * 3 // 4, len(data) - 40):
        out, _ = run([_write(path, data[:cut])])
        assert [("error" in r) for r in out] == [False, True], cut
        assert out[-1]["error"]["kind"] == "truncated-warc"
        assert out[-1]["source"]["offset"] > 0


def test_warc_cut_inside_the_first_header_is_an_error_record(tmp_path):
    data = builders.warc_bytes(builders.pages(), gz=False, noise=False)
    cut = data.index(b"Content-Length: ") + len(b"Content-Length: ")
    out, _ = run([_write(tmp_path / "head.warc", data[:cut])])
    assert [r["error"]["kind"] for r in out] == ["truncated-warc"]


def test_warc_with_trailing_blank_lines_is_whole(tmp_path):
    data = builders.warc_bytes(builders.pages(), gz=False, noise=False) + b"\r\n\r\n\n"
    out, _ = run([_write(tmp_path / "tail.warc", data)])
    assert [("error" in r) for r in out] == [False, False]


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b'{"text": "Harga cabai naik."}\n{"text": "Harga bawang turun."}\n', "jsonl"),
        (b"<html><body><p>Harga cabai naik di pasar.</p></body></html>", "page"),
        (b"Harga cabai naik di pasar induk.", "text"),
        (gzip.compress(b'{"text": "Harga cabai naik."}\n'), "jsonl"),
        (b"", "empty"),
    ],
)
def test_stream_sniffing(data, kind):
    stats = batch.ReadStats()
    tasks = list(batch._read_stream(io.BufferedReader(io.BytesIO(data)), "-", stats))
    if kind == "jsonl":
        assert tasks and all(t.kind == "jsonl" for t in tasks)
    elif kind == "empty":
        assert tasks == []
    else:
        assert len(tasks) == 1 and tasks[0].kind == "bytes"
        out = batch.Cleaner().run(tasks)
        rec = json.loads(out.data)
        assert rec["mode"] == ("html" if kind == "page" else "text")


def test_stream_sniffs_warc():
    data = builders.warc_bytes(builders.pages()[:1], gz=True)
    tasks = list(batch._read_stream(io.BufferedReader(io.BytesIO(data)), "-", batch.ReadStats()))
    assert len(tasks) == 1 and tasks[0].url == builders.pages()[0][0]


def test_check_inputs():
    with pytest.raises(batch.InputError, match="no such file"):
        batch.check_inputs(["/nonexistent/x.jsonl"])
    with pytest.raises(batch.InputError, match="only once"):
        batch.check_inputs(["-", "-"])


def test_two_workers_same_bytes_as_one(tmp_path):
    path = tmp_path / "in.jsonl"
    builders.write_jsonl(path, builders.many_texts(300), extra_lines={17: "{oops"})
    outs = []
    for workers in (1, 2):
        buf = io.BytesIO()
        s = batch.run([str(path)], buf, batch.Cleaner(), workers=workers, chunk_docs=16)
        outs.append(buf.getvalue())
        assert s.documents == 301 and s.errors == 1
    assert outs[0] == outs[1]


def test_work_in_flight_is_bounded():
    """The reader is never more than workers × in_flight chunks ahead of the writer."""
    pulled = 0
    ahead = []

    def chunks():
        nonlocal pulled
        for i in range(40):
            pulled += 1
            yield [batch.Task({"path": "-", "line": i}, "jsonl", b'{"text": "Harga naik."}')]

    written = 0

    def done(result):
        nonlocal written
        written += 1
        ahead.append(pulled - written)

    pool = batch._Pool(2, batch.Cleaner())
    batch._run_pool(chunks(), pool, 4, done)
    assert written == 40
    assert max(ahead) <= 4


def _crash_on_boom(payload, mode, url=None, options=None):
    if "BOOM" in payload:
        os._exit(3)  # a worker dying hard, as a segfault or the OOM killer would make it
    return _real_clean_document(payload, mode, url, options)


_real_clean_document = batch.clean_document


@pytest.mark.skipif(batch._context().get_start_method() != "fork", reason="needs fork")
def test_a_dying_worker_costs_one_document(tmp_path, monkeypatch):
    monkeypatch.setattr(batch, "clean_document", _crash_on_boom)  # forked workers inherit it
    path = tmp_path / "in.jsonl"
    recs = [{"id": i, "text": f"Harga cabai naik {i} persen."} for i in range(40)]
    recs[13]["text"] = "BOOM"
    builders.write_jsonl(path, recs)
    buf = io.BytesIO()
    summary = batch.run([str(path)], buf, batch.Cleaner(), workers=2, chunk_docs=4)
    out = [json.loads(line) for line in buf.getvalue().splitlines()]
    assert [r["id"] for r in out] == list(range(40))
    assert [r["id"] for r in out if "error" in r] == [13]
    assert out[13]["error"]["kind"] == "worker-crashed"
    assert summary.errors == 1


def test_internal_error_is_an_error_record(monkeypatch):
    def broken(*a, **k):
        raise RuntimeError("rule exploded")

    monkeypatch.setattr(batch, "clean_document", broken)
    task = batch.Task({"path": "x.txt"}, "bytes", b"Harga naik.")
    result = batch.Cleaner().run([task])
    rec = json.loads(result.data)
    assert rec["error"] == {"kind": "internal", "message": "x.txt: RuntimeError: rule exploded"}


def test_text_format_and_no_trail(tmp_path):
    path = tmp_path / "in.jsonl"
    builders.write_jsonl(path, builders.many_texts(3))
    buf = io.BytesIO()
    batch.run([str(path)], buf, batch.Cleaner(format="text"))
    docs = buf.getvalue().decode().split("\n\n")
    assert len([d for d in docs if d.strip()]) == 3
    assert docs[0].startswith("Harga beras medium")
    out, summary = run([path], cleaner=batch.Cleaner(Options(trail=False)))
    assert all(r["removed"] == [] for r in out)
    assert summary.rules["related.baca-juga"] >= 1  # counts survive without the trail


def test_lone_surrogates_do_not_break_output():
    line = batch.dumps_line({"text": "a\ud800b"})
    assert json.loads(line) == {"text": "a\ud800b"}
