"""The `newsclean` command: clean (every input kind), explain, rules, exit status, signals."""

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

from newsclean import cli

FIXTURES = Path(__file__).parent / "fixtures" / "batch"
_spec = importlib.util.spec_from_file_location("batch_builders", FIXTURES / "builders.py")
builders = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(builders)


def records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_bytes().splitlines()]


class _TTY(io.StringIO):
    def isatty(self) -> bool:
        return True


# -- the done-when checks -------------------------------------------------------------------


def test_2000_texts_with_two_bad_lines(tmp_path, capsys):
    src = tmp_path / "corpus.jsonl"
    recs = builders.many_texts(2000)
    bad = {700: '{"id": "rusak", "text": "kutipan tanpa penutup}', 1500: '{"id": "tanpa-teks"}'}
    builders.write_jsonl(src, recs, extra_lines=bad)
    out1, out2 = tmp_path / "w1.jsonl", tmp_path / "w2.jsonl"

    assert cli.main(["clean", str(src), "-o", str(out1), "--workers", "1"]) == 1
    err = capsys.readouterr().err
    assert cli.main(["clean", str(src), "-o", str(out2), "--workers", "2"]) == 1
    assert out1.read_bytes() == out2.read_bytes()

    out = records(out1)
    assert len(out) == 2002
    errors = [r for r in out if "error" in r]
    cleaned = [r for r in out if "error" not in r]
    assert len(cleaned) == 2000 and all(r["text"] for r in cleaned)
    assert [r["id"] for r in cleaned] == [r["id"] for r in recs]  # input order
    assert [e["source"]["line"] for e in errors] == [701, 1502]
    assert errors[0]["error"]["kind"] == "malformed-json"
    assert "line 701" in errors[0]["error"]["message"]
    assert errors[1]["error"]["kind"] == "missing-field"
    assert "line 1502" in errors[1]["error"]["message"]
    assert errors[1]["id"] == "tanpa-teks"
    assert "line 701: not valid JSON" in err and "line 1502: the record has neither" in err
    assert "2,002 documents" in err and "2 errors" in err
    assert "related.baca-juga" in err  # how often each rule fired


def test_warc_one_record_per_response(tmp_path):
    warc = tmp_path / "crawl.warc.gz"
    warc.write_bytes(builders.warc_bytes(builders.pages()))
    out = tmp_path / "out.jsonl"
    assert cli.main(["clean", str(warc), "-o", str(out)]) == 0
    recs = records(out)
    assert len(recs) == 2
    assert [r["url"] for r in recs] == [u for u, _ in builders.pages()]
    assert all(r["source"]["record"].startswith("<urn:uuid:") for r in recs)
    assert recs[1]["dateline"]["place"] == "Medan"


# -- inputs ---------------------------------------------------------------------------------


def test_missing_file_is_a_usage_error(tmp_path, capsys):
    out = tmp_path / "out.jsonl"
    assert cli.main(["clean", str(tmp_path / "tidak-ada.jsonl"), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "no such file or directory" in err and "tidak-ada.jsonl" in err
    assert not out.exists()


def test_usage_errors(tmp_path, capsys):
    assert cli.main([]) == 2
    assert cli.main(["clean"]) == 2
    assert cli.main(["clean", "--mode", "pdf", str(FIXTURES / "articles.jsonl")]) == 2
    assert cli.main(["clean", "--workers", "-1", str(FIXTURES / "articles.jsonl")]) == 2
    assert cli.main(["clean", "--disable", "related.bacajuga", str(FIXTURES)]) == 2
    assert "did you mean 'related.baca-juga'" in capsys.readouterr().err
    assert cli.main(["clean", "--rules", str(tmp_path / "none.toml"), str(FIXTURES)]) == 2
    src = tmp_path / "a.jsonl"
    src.write_text("")
    assert cli.main(["clean", str(src), "-o", str(src)]) == 2
    assert "also an input" in capsys.readouterr().err


def test_empty_inputs(tmp_path, capsys, monkeypatch):
    empty = tmp_path / "kosong.jsonl"
    empty.write_bytes(b"")
    out = tmp_path / "out.jsonl"
    assert cli.main(["clean", str(empty), "-o", str(out)]) == 0
    assert out.read_bytes() == b""
    assert "0 documents" in capsys.readouterr().err
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(b""))))
    assert cli.main(["clean", "-", "-o", str(out)]) == 0
    assert out.read_bytes() == b""


@pytest.mark.parametrize(
    ("data", "n"),
    [
        (b'{"id": "a", "text": "JAKARTA, KOMPAS.com - Harga cabai naik."}\n{"text": "Dua."}\n', 2),
        (builders.pages()[0][1], 1),
        (gzip.compress(b'{"id": "z", "text": "MEDAN, KOMPAS.com - Sidang ditunda."}\n'), 1),
    ],
)
def test_stdin(data, n, capfdbinary, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(data))))
    assert cli.main(["clean", "-", "--workers", "1"]) == 0
    lines = capfdbinary.readouterr().out.splitlines()
    assert len(lines) == n
    first = json.loads(lines[0])
    assert first["source"]["path"] == "-"
    assert first["text"] and "KOMPAS.com" not in first["text"]


def test_directory_recursion_and_gz(tmp_path):
    corpus = tmp_path / "korpus"
    (corpus / "2024" / "02").mkdir(parents=True)
    (corpus / "2024" / "02" / "banjir.html").write_bytes(builders.pages()[0][1])
    builders.write_jsonl(corpus / "2024" / "teks.jsonl.gz", builders.many_texts(3))
    (corpus / "2024" / "catatan.txt").write_text("MEDAN, KOMPAS.com - Sidang ditunda lagi.\n")
    (corpus / "gambar.png").write_bytes(builders.PNG)
    out = tmp_path / "out.jsonl"
    stats = tmp_path / "stats.json"
    assert cli.main(["clean", str(corpus), "-o", str(out), "--stats", str(stats)]) == 0
    recs = records(out)
    names = [Path(r["source"]["path"]).name for r in recs]
    assert names == [
        "catatan.txt",
        "teks.jsonl.gz",
        "teks.jsonl.gz",
        "teks.jsonl.gz",
        "banjir.html",
    ]
    assert recs[0]["mode"] == "text" and recs[-1]["mode"] == "html"
    assert recs[1]["source"]["line"] == 1
    data = json.loads(stats.read_text())
    assert data["documents"] == 5 and data["errors"] == 0 and data["skipped_files"] == 1
    assert data["rules"]["related.baca-juga"] >= 1


def test_output_inside_an_input_folder_is_not_read(tmp_path):
    folder = tmp_path / "halaman"
    folder.mkdir()
    (folder / "banjir.html").write_bytes(builders.pages()[0][1])
    out = folder / "bersih.jsonl"
    assert cli.main(["clean", str(folder), "-o", str(out)]) == 0
    assert [Path(r["source"]["path"]).name for r in records(out)] == ["banjir.html"]


def test_format_text_rules_disable_and_no_trail(tmp_path):
    src = tmp_path / "in.jsonl"
    rec = dict(builders.articles()[3])
    rec["text"] += "\nUnduh aplikasi Warta Contoh di Play Store."
    builders.write_jsonl(src, [rec])
    out = tmp_path / "out.txt"
    assert cli.main(["clean", str(src), "-o", str(out), "--format", "text"]) == 0
    assert out.read_text().endswith("ponsel.\nUnduh aplikasi Warta Contoh di Play Store.\n\n")
    args = ["clean", str(src), "-o", str(out), "--rules", str(FIXTURES / "rules.toml")]
    assert (
        cli.main(
            [*args, "--disable", "dateline,related.baca-juga,related.baca-juga-glued", "--no-trail"]
        )
        == 0
    )
    [r] = records(out)
    assert "Unduh aplikasi" not in r["text"]
    assert r["text"].startswith("Surabaya, Warta Contoh")  # datelines are switched off
    assert "Warga Keluhkan Antrean" in r["text"]
    assert r["removed"] == []


def test_progress_bar_only_on_a_terminal(tmp_path, monkeypatch):
    src = tmp_path / "in.jsonl"
    builders.write_jsonl(src, builders.many_texts(200))
    out = tmp_path / "out.jsonl"
    tty = _TTY()
    monkeypatch.setattr(sys, "stderr", tty)
    assert cli.main(["clean", str(src), "-o", str(out), "--chunk-size", "10"]) == 0
    shown = tty.getvalue()
    assert "\r" in shown and "docs/s" in shown and "errors" in shown
    plain = io.StringIO()
    monkeypatch.setattr(sys, "stderr", plain)
    assert cli.main(["clean", str(src), "-o", str(out), "--chunk-size", "10"]) == 0
    assert "\r" not in plain.getvalue() and "200 documents" in plain.getvalue()


# -- explain and rules ----------------------------------------------------------------------


def test_explain_text_and_html(capsys):
    assert cli.main(["explain", str(FIXTURES / "pages" / "banjir.html")]) == 0
    out = capsys.readouterr().out
    assert "(html mode)" in out
    assert "Banjir setinggi 50 sentimeter" in out
    assert "related.baca-juga" in out and "why: " in out
    assert "Tanggul Sungai Jebol" in out
    assert "\x1b[" not in out  # not a terminal: no colour


def test_explain_txt_colour_and_errors(tmp_path, capsys):
    txt = tmp_path / "berita.txt"
    txt.write_text(builders.articles()[1]["text"])
    assert cli.main(["explain", str(txt), "--color", "always"]) == 0
    out = capsys.readouterr().out
    assert "(text mode)" in out and "\x1b[1;36mteaser.video\x1b[0m" in out
    assert "dateline: Semarang / KOMPAS.com" in out
    assert cli.main(["explain", str(tmp_path / "hilang.txt")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_rules_listing(capsys):
    assert cli.main(["rules"]) == 0
    out = capsys.readouterr().out
    assert "related.baca-juga" in out and "removes: " in out and "keeps: " in out
    assert cli.main(["rules", "--json", "--rules", str(FIXTURES / "rules.toml"), "promo"]) == 0
    data = json.loads(capsys.readouterr().out)
    ids = [r["id"] for r in data]
    assert "promo.warta-contoh-app" in ids and all(i.startswith("promo.") for i in ids)
    assert all(r["reason"] and r["removes"] for r in data)


# -- signals: the output stays whole JSON lines ---------------------------------------------


def _start(tmp_path: Path, n: int) -> tuple[subprocess.Popen, Path]:
    src = tmp_path / "big.jsonl"
    line = json.dumps(builders.articles()[0], ensure_ascii=False) + "\n"
    src.write_text(line * n)
    out = tmp_path / "out.jsonl"
    cmd = [sys.executable, "-m", "newsclean", "clean", str(src), "-o", str(out)]
    proc = subprocess.Popen(
        [*cmd, "--workers", "2", "--chunk-size", "8"],
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while (not out.exists() or out.stat().st_size == 0) and time.monotonic() < deadline:
        if proc.poll() is not None:
            break
        time.sleep(0.02)
    if not out.exists() or out.stat().st_size == 0:
        proc.kill()
        pytest.fail(f"no output from the run: {proc.communicate()[1].decode()[-2000:]}")
    return proc, out


def _whole_lines(out: Path) -> int:
    data = out.read_bytes()
    assert data.endswith(b"\n")
    lines = data.splitlines()
    for line in lines:
        json.loads(line)
    return len(lines)


@pytest.mark.parametrize(("signum", "status"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_interrupted_run_leaves_whole_lines(tmp_path, signum, status):
    n = 30_000
    proc, out = _start(tmp_path, n)
    os.killpg(proc.pid, signum)  # as a terminal's Ctrl-C does: the whole process group
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == status, err.decode()
    assert 0 < _whole_lines(out) < n
    assert b"interrupted by" in err and b"Traceback" not in err


def test_killed_run_loses_at_most_its_last_line(tmp_path):
    """SIGKILL cannot be caught, and the kernel may cut the write under way at a page
    boundary: every line but an unfinished last one is whole (docs/cli.md says so)."""
    n = 30_000
    proc, out = _start(tmp_path, n)
    time.sleep(0.3)
    proc.kill()
    proc.communicate(timeout=60)
    *whole, tail = out.read_bytes().split(b"\n")
    assert 0 < len(whole) < n
    for line in whole:
        json.loads(line)
    assert b"\n" not in tail


# -- help: examples and exit status --------------------------------------------------------


def _help(argv: list[str], capsys) -> str:
    with pytest.raises(SystemExit) as e:
        cli._parser().parse_args(argv)
    assert e.value.code == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("command", [[], ["clean"], ["explain"], ["rules"]])
def test_help_has_examples_and_exit_status_that_work(command, capsys):
    import shlex

    from newsclean import Options

    text = _help([*command, "--help"], capsys)
    assert "examples:" in text and "exit status:" in text
    assert "  0    all went well" in text and "  2    usage error" in text
    examples = [
        line.strip().split("  ")[0]
        for line in text.split("examples:", 1)[1].split("exit status:", 1)[0].splitlines()
        if line.strip().startswith("newsclean ")
    ]
    assert len(examples) >= 3
    for example in examples:
        argv = shlex.split(example.split(" > ")[0])[1:]
        args = cli._parser().parse_args(argv)  # every example is a valid command line
        if command:
            assert args.command == command[0]
        for flag in ("disable", "only"):
            for value in getattr(args, flag, None) or []:
                Options(disable=frozenset(value.split(",")))  # known rule ids only
