"""Batch reliability: every record exactly once on every truncation of a WARC or JSONL, --resume
without duplicates, and signals that always end the run with whole lines, even when the
output is a pipe nobody reads."""

from __future__ import annotations

import gzip
import importlib.util
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsclean import batch
from newsclean.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "batch"
_spec = importlib.util.spec_from_file_location("batch_builders", FIXTURES / "builders.py")
builders = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(builders)


def run(path: Path) -> list[dict]:
    out = io.BytesIO()
    batch.run([str(path)], out, batch.Cleaner())
    return [json.loads(line) for line in out.getvalue().splitlines()]


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _key(record: dict) -> str:
    return json.dumps(record["source"], sort_keys=True)


@pytest.mark.parametrize("missing", range(1, 13))
def test_warc_gz_missing_its_last_bytes_gives_the_last_record_once(tmp_path, missing):
    data = builders.warc_bytes(builders.pages(), gz=True, noise=False)
    out = run(_write(tmp_path / "cut.warc.gz", data[:-missing]))
    # was: the last record cleaned, then again as truncated-warc. Now once: cleaned when only
    # the gzip trailer (8 bytes) is lost, a truncated-warc error when its data was cut too.
    assert len(out) == 2 and "error" not in out[0]
    if missing <= 8:
        assert "error" not in out[1]
    elif "error" in out[1]:
        assert out[1]["error"]["kind"] == "truncated-warc"


def test_warc_cut_inside_a_record_header_says_truncated(tmp_path):
    data = builders.warc_bytes(builders.pages(), gz=False, noise=False)
    second = data.index(b"WARC/1", 10)
    cut = data.index(b"WARC-Target-URI", second) - 20
    out = run(_write(tmp_path / "head.warc", data[:cut]))
    assert [("error" in r) for r in out] == [False, True]
    err = out[-1]["error"]
    assert err["kind"] == "truncated-warc"
    assert "NoneType" not in err["message"] and "ends inside a record" in err["message"]


@pytest.mark.parametrize("gz", [True, False], ids=["gz", "plain"])
def test_every_truncation_of_a_warc_gives_each_record_at_most_once(tmp_path, gz):
    data = builders.warc_bytes(builders.pages(), gz=gz, noise=True)
    name = "c.warc.gz" if gz else "c.warc"
    step = max(1, len(data) // 150)
    for cut in [*range(0, len(data), step), *range(len(data) - 40, len(data) + 1)]:
        out = run(_write(tmp_path / name, data[:cut]))
        keys = [_key(r) for r in out]
        cleaned = [r["id"] for r in out if "error" not in r]
        assert len(set(keys)) == len(keys), cut
        assert len(set(cleaned)) == len(cleaned) <= 2, cut
        assert sum("error" in r for r in out) <= 1, cut
        assert not any("NoneType" in json.dumps(r) for r in out), cut


@pytest.mark.parametrize("gz", [True, False], ids=["gz", "plain"])
def test_every_truncation_of_a_jsonl_gives_each_line_at_most_once(tmp_path, gz):
    records = builders.many_texts(4)
    raw = ("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n").encode()
    data = gzip.compress(raw) if gz else raw
    name = "a.jsonl.gz" if gz else "a.jsonl"
    step = max(1, len(data) // 120)
    for cut in range(0, len(data) + 1, step):
        out = run(_write(tmp_path / name, data[:cut]))
        lines = [r["source"]["line"] for r in out]
        assert lines == sorted(set(lines)) and len(lines) <= 4, cut


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32"])
@pytest.mark.parametrize("mode", ["sniff", "text", "html"])
def test_utf16_and_utf32_documents_in_every_mode(encoding, mode):
    para = "Harga beras medium di pasar tradisional naik lagi pekan ini, kata pedagang."
    data = (f"<p>{para}</p>" if mode != "text" else para).encode(encoding)
    article = batch.clean_document(data, mode)
    assert article.text == para
    assert article.mode == ("text" if mode == "text" else "html")


# -- --resume ------------------------------------------------------------------------------


def _texts(tmp_path: Path, n: int) -> Path:
    src = tmp_path / "in.jsonl"
    builders.write_jsonl(src, builders.many_texts(n))
    return src


def test_resume_continues_a_cut_run_without_duplicates(tmp_path):
    src = _texts(tmp_path, 40)
    full = tmp_path / "full.jsonl"
    assert main(["clean", str(src), "-o", str(full), "--workers", "1", "-q"]) == 0
    whole = full.read_bytes()
    for cut in (0, 1, len(whole) // 3, whole.index(b"\n") + 1, len(whole) - 5, len(whole)):
        out = tmp_path / "out.jsonl"
        out.write_bytes(whole[:cut])  # a run stopped there (SIGKILL: maybe inside a line)
        args = ["clean", str(src), "-o", str(out), "--resume", "--workers", "2", "-q"]
        assert main([*args, "--chunk-size", "4"]) == 0
        assert out.read_bytes() == whole, cut


def test_resume_without_an_output_file_starts_afresh(tmp_path):
    src = _texts(tmp_path, 3)
    out = tmp_path / "new.jsonl"
    assert main(["clean", str(src), "-o", str(out), "--resume", "-q"]) == 0
    assert len(out.read_bytes().splitlines()) == 3


def test_resume_refuses_an_output_of_other_inputs(tmp_path, capsys):
    src = _texts(tmp_path, 5)
    other = tmp_path / "other.jsonl"
    builders.write_jsonl(other, builders.many_texts(5))
    out = tmp_path / "out.jsonl"
    assert main(["clean", str(src), "-o", str(out), "-q"]) == 0
    lines = out.read_bytes().splitlines(keepends=True)
    out.write_bytes(b"".join(lines[:2]))
    assert main(["clean", str(other), "-o", str(out), "--resume", "-q"]) == 2
    assert "does not continue these inputs" in capsys.readouterr().err
    assert main(["clean", str(src), str(src), "-o", str(out), "--resume", "-q"]) == 0


@pytest.mark.parametrize(
    ("extra", "message"),
    [([], "needs the output file"), (["-o", "x.jsonl", "--format", "text"], "--format jsonl")],
)
def test_resume_usage_errors(tmp_path, capsys, extra, message):
    src = _texts(tmp_path, 2)
    assert main(["clean", str(src), "--resume", *extra]) == 2
    assert message in capsys.readouterr().err


# -- signals -------------------------------------------------------------------------------


def _corpus(tmp_path: Path, n: int) -> Path:
    src = tmp_path / "big.jsonl"
    line = json.dumps(builders.articles()[0], ensure_ascii=False) + "\n"
    src.write_text(line * n)
    return src


@pytest.mark.parametrize(("signum", "status"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_signal_ends_a_run_whose_pipe_nobody_reads(tmp_path, signum, status):
    """The command blocked writing to a full pipe must still hear the signal (it ignored
    SIGTERM for over a minute), and the pipe must hold whole lines only."""
    src = _corpus(tmp_path, 30_000)
    cmd = [sys.executable, "-m", "newsclean", "clean", str(src), "--workers", "2"]
    proc = subprocess.Popen(
        [*cmd, "--chunk-size", "8", "--no-progress"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    time.sleep(2.5)  # start-up, then the pipe fills and the command blocks writing
    assert proc.poll() is None
    sent = time.monotonic()
    os.killpg(proc.pid, signum)
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        pytest.fail("the command did not exit within 10 s of the signal")
    assert time.monotonic() - sent < 10
    data = proc.stdout.read()
    err = proc.stderr.read()
    proc.stdout.close()
    proc.stderr.close()
    assert proc.returncode == status, err.decode()
    assert data.endswith(b"\n")
    for line in data.splitlines():
        json.loads(line)
    assert b"interrupted by" in err and b"Traceback" not in err


def test_signal_while_cleaning_in_the_main_process_is_no_document_error(tmp_path, monkeypatch):
    """A signal raised inside a stage must stop the run, not become a stage's warning or an
    'internal' error record."""
    from newsclean import pipeline

    real = pipeline.drop_repeats
    calls = []

    def interrupting(doc, opts):
        calls.append(1)
        if len(calls) == 3:
            os.kill(os.getpid(), signal.SIGINT)
        return real(doc, opts)

    monkeypatch.setattr(pipeline, "drop_repeats", interrupting)
    guard = batch.Guard()
    guard.install()
    out = io.BytesIO()
    try:
        with pytest.raises(batch.Interrupted):
            batch.run([str(_texts(tmp_path, 10))], out, batch.Cleaner(), chunk_docs=1, guard=guard)
    finally:
        guard.restore()
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert len(records) == 2
    assert not any("error" in r or r["warnings"] for r in records)


def test_repeated_signals_on_a_two_worker_run(tmp_path):
    """A few of the 20 + 20 tries of benchmarks/signals.py, at random moments of the run."""
    sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
    try:
        import signals
    finally:
        sys.path.pop(0)
    import random

    src = tmp_path / "in.jsonl"
    signals.corpus(src, 20_000)
    rng = random.Random(12)
    for signum in (signal.SIGINT, signal.SIGTERM) * 2:
        ok, _took, why = signals.one_try(src, tmp_path, signum, False, 10.0, rng)
        assert ok, why
