"""Issue 14 (part B): WARC statuses and record kinds, outputs never read back as inputs,
honest progress, the short summary, and datatrove on WARCs whatever libmagic says."""

from __future__ import annotations

import importlib.util
import io
import json
from pathlib import Path

from newsclean import batch, cli

FIXTURES = Path(__file__).parent / "fixtures" / "batch"
_spec = importlib.util.spec_from_file_location("batch_builders", FIXTURES / "builders.py")
builders = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(builders)


def run(inputs, **kw) -> tuple[list[dict], batch.Summary]:
    out = io.BytesIO()
    summary = batch.run([str(i) for i in inputs], out, batch.Cleaner(), **kw)
    return [json.loads(line) for line in out.getvalue().splitlines()], summary


# -- WARC: HTTP status, responses that are no page, every record kind counted ----------------


def test_warc_records_carry_http_status_and_non_2xx_get_a_reason(tmp_path):
    path = tmp_path / "statuses.warc.gz"
    path.write_bytes(builders.warc_statuses())
    out, summary = run([path])
    assert [r["http_status"] for r in out] == [200, 301, 404, 200, None]
    ok, moved, missing, sniffed, resource = out
    assert "Banjir setinggi" in ok["text"] and ok["reason"] is None
    # a redirect whose body says "Moved" is no article, and says where it points
    assert moved["text"] == "" and moved["removed"] == [] and moved["is_article"] is False
    assert (
        moved["reason"].startswith("HTTP 301") and "https://warta.example/baru" in moved["reason"]
    )
    assert missing["text"] == "" and missing["reason"].startswith("HTTP 404")
    assert "Maaf" not in json.dumps(missing)  # the 404 page's body is not cleaned
    assert "Jembatan gantung" in sniffed["text"]  # no Content-Type: HTML told by its bytes
    assert resource["text"] and resource["http_status"] is None  # no HTTP status line
    assert summary.errors == 0 and summary.empty == 2  # not failures: records with a reason
    # every record that is no document is counted, by kind
    assert summary.skipped_records == 5
    assert summary.skipped_record_kinds == {
        "warcinfo": 1,
        "request": 1,
        "metadata": 1,
        "revisit": 1,
        "non-html": 1,
    }
    stats = summary.to_dict()
    assert stats["skipped_record_kinds"]["revisit"] == 1 and stats["skipped_records"] == 5


def test_records_of_other_inputs_have_no_http_status(tmp_path):
    out, _ = run([FIXTURES / "articles.jsonl"])
    assert out and all("http_status" not in r for r in out)


def test_explain_a_redirect_record_says_why(tmp_path, capsys):
    path = tmp_path / "statuses.warc"
    path.write_bytes(builders.warc_statuses(gz=False))
    assert cli.main(["explain", str(path), "--url", "https://warta.example/lama"]) == 0
    shown = capsys.readouterr().out
    assert "(HTTP 301)" in shown.splitlines()[0]
    assert "(no text: HTTP 301 Moved Permanently: a redirect to https://warta.example/baru" in shown
    assert "0 paragraphs" in shown and "cleaned as text" not in shown


def test_summary_names_skipped_record_kinds(tmp_path, capsys):
    path = tmp_path / "statuses.warc.gz"
    path.write_bytes(builders.warc_statuses())
    assert cli.main(["clean", str(path), "-o", str(tmp_path / "out.jsonl")]) == 0
    err = capsys.readouterr().err
    assert "5 WARC records" in err and "revisit 1" in err and "warcinfo 1" in err


# -- outputs never read back as inputs --------------------------------------------------------


def _folder_with_inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "korpus"
    folder.mkdir()
    builders.write_jsonl(folder / "artikel.jsonl", builders.articles())
    (folder / "banjir.html").write_bytes(builders.pages()[0][1])
    return folder


def test_cleaning_a_folder_twice_does_not_read_the_first_output(tmp_path, capsys):
    folder = _folder_with_inputs(tmp_path)
    first, second = folder / "bersih.jsonl", folder / "lagi.jsonl"
    assert cli.main(["clean", str(folder), "-o", str(first), "--no-progress"]) == 0
    n = len(first.read_text().splitlines())
    assert n == len(builders.articles()) + 1
    capsys.readouterr()
    # the second run writes elsewhere in the folder: the first output is not an input
    stats = tmp_path / "stats.json"
    args = ["clean", str(folder), "-o", str(second), "--stats", str(stats), "--no-progress"]
    assert cli.main(args) == 0
    assert len(second.read_text().splitlines()) == n
    assert json.loads(stats.read_text())["skipped_outputs"] == 1
    assert "1 earlier newsclean output" in capsys.readouterr().err


def test_gzipped_and_error_only_outputs_are_told_but_scraped_jsonl_is_not(tmp_path):
    import gzip

    error_only = {"source": {"path": "x.jsonl", "line": 1}, "id": None, "url": None}
    error_only["error"] = {"kind": "malformed-json", "message": "x.jsonl, line 1: not JSON"}
    out = tmp_path / "lama.jsonl.gz"
    out.write_bytes(gzip.compress((json.dumps(error_only) + "\n").encode()))
    assert batch.is_newsclean_output(str(out))
    scraped = tmp_path / "scrape.jsonl"
    # a scrape that happens to have a "source" column (a site name) is still an input
    builders.write_jsonl(scraped, [{"id": "a", "source": "warta", "text": "Isi berita."}])
    assert not batch.is_newsclean_output(str(scraped))
    builders.write_jsonl(tmp_path / "kosong.jsonl", [])
    assert not batch.is_newsclean_output(str(tmp_path / "kosong.jsonl"))


# -- progress and summary -----------------------------------------------------------------------


def test_input_size_is_known_for_files_and_jsonl_not_for_warc_or_stdin(tmp_path):
    folder = _folder_with_inputs(tmp_path)
    expected = sum(p.stat().st_size for p in folder.iterdir())
    assert batch.input_size([str(folder)]) == expected
    import gzip

    packed = tmp_path / "a.jsonl.gz"
    raw = (folder / "artikel.jsonl").read_bytes()
    packed.write_bytes(gzip.compress(raw))
    assert batch.input_size([str(packed)]) == len(raw)  # the size the gzip trailer records
    warc = tmp_path / "c.warc.gz"
    warc.write_bytes(builders.warc_statuses())
    assert batch.input_size([str(warc)]) is None
    assert batch.input_size(["-"]) is None
    # the run counts the same bytes, so a finished run is at 100%
    _, summary = run([folder])
    assert summary.bytes_done == expected


def test_progress_line_has_percentage_rate_and_eta_when_the_total_is_known():
    s = batch.Summary(documents=500, seconds=10.0, bytes_done=250)
    line = cli.progress_line(s, 1000)
    assert "25%" in line and "500 docs" in line and "50 docs/s" in line
    assert "0:10 elapsed" in line and "ETA 0:30" in line
    unknown = cli.progress_line(s, None)
    assert "%" not in unknown and "ETA" not in unknown and "500 docs" in unknown
    wrong = batch.Summary(documents=500, seconds=10.0, bytes_done=2000)  # the size lied
    assert "%" not in cli.progress_line(wrong, 1000)


def test_summary_names_the_top_rules_and_points_to_stats(tmp_path):
    s = batch.Summary(documents=3)
    s.rules.update({f"family.rule-{i}": 10 + i for i in range(8)})
    stream = io.StringIO()
    cli._Report(stream, progress=False, quiet=False).summary(s)
    text = stream.getvalue()
    assert len(text.splitlines()) == 2  # the head line and one line of rules
    assert "family.rule-7 17" in text and "family.rule-0" not in text
    assert "3 more rules (--stats FILE for all)" in text
    stream = io.StringIO()
    cli._Report(stream, progress=False, quiet=False, stats_file="s.json").summary(s)
    assert "all in s.json" in stream.getvalue()


class _TTY(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_on_a_terminal_shows_percentage_and_eta(tmp_path, monkeypatch):
    import sys

    src = tmp_path / "in.jsonl"
    builders.write_jsonl(src, builders.many_texts(120))
    tty = _TTY()
    monkeypatch.setattr(sys, "stderr", tty)
    monkeypatch.setattr(cli._Report, "chunk", _draw_every_chunk)
    args = ["clean", str(src), "-o", str(tmp_path / "o.jsonl"), "--chunk-size", "10"]
    assert cli.main([*args, "--workers", "1"]) == 0
    shown = tty.getvalue()
    assert "%" in shown and "ETA" in shown and "docs/s" in shown and "100%" in shown


_original_chunk = cli._Report.chunk


def _draw_every_chunk(self, summary, result):  # (no 0.2 s throttle: the test is fast)
    self.last_draw = -1e9
    _original_chunk(self, summary, result)


# -- --format text: texts only, as documented ---------------------------------------------------


def test_format_text_holds_only_the_texts_as_documented(tmp_path):
    src = tmp_path / "in.jsonl"
    recs = builders.articles()[:2]
    builders.write_jsonl(src, recs)
    out = tmp_path / "out.txt"
    assert cli.main(["clean", str(src), "-o", str(out), "--format", "text", "--no-progress"]) == 0
    blocks = out.read_text().split("\n\n")
    assert len([b for b in blocks if b.strip()]) == len(recs)
    assert not any(str(r["id"]) in out.read_text() for r in recs)  # no ids, by design
    docs = (Path(__file__).parent.parent / "docs" / "cli.md").read_text()
    assert "It holds\nno ids or sources, by design" in docs
    assert "(no ids)" in cli._parser()._subparsers._group_actions[0].choices["clean"].format_help()


def test_progress_after_resume_counts_the_earlier_part_as_done():
    s = batch.Summary(documents=100, seconds=10.0, bytes_done=600, bytes_resumed=500)
    line = cli.progress_line(s, 1000)
    assert "60%" in line and "ETA 0:40" in line  # 400 bytes left at this run's 10 bytes/s


def test_resumed_run_counts_skipped_bytes(tmp_path):
    src = tmp_path / "in.jsonl"
    builders.write_jsonl(src, builders.many_texts(6))
    out = io.BytesIO()
    batch.run([str(src)], out, batch.Cleaner())
    first = out.getvalue().splitlines()[1]
    resume = batch.ResumePoint(2, json.loads(first)["source"])
    summary = batch.run([str(src)], io.BytesIO(), batch.Cleaner(), resume=resume)
    assert (
        summary.bytes_done == src.stat().st_size and 0 < summary.bytes_resumed < src.stat().st_size
    )
