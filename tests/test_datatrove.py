"""newsclean as datatrove steps, run the way a corpus job runs them: reader → newsclean → writer.

These run datatrove's own LocalPipelineExecutor, JsonlReader, WarcReader and JsonlWriter on
fixtures made here (no network). Those readers need orjson, faust-cchardet and python-magic
(the ``datatrove`` and ``dev`` extras of newsclean); in CI a missing one is a failure, not a skip.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures" / "batch"
_spec = importlib.util.spec_from_file_location("batch_builders", FIXTURES / "builders.py")
builders = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(builders)

_NEEDED = {"datatrove": "datatrove", "orjson": "orjson", "cchardet": "faust-cchardet"}
_NEEDED["magic"] = "python-magic"
_MISSING = [pkg for mod, pkg in _NEEDED.items() if importlib.util.find_spec(mod) is None]
if _MISSING:
    _msg = f"datatrove tests need {', '.join(_MISSING)} (pip install -e '.[dev]')"
    if os.environ.get("CI"):
        raise RuntimeError(_msg)  # CI must run these, never skip them
    pytest.skip(_msg, allow_module_level=True)

from datatrove.data import Document  # noqa: E402
from datatrove.executor import LocalPipelineExecutor  # noqa: E402
from datatrove.pipeline.readers import JsonlReader, WarcReader  # noqa: E402
from datatrove.pipeline.writers import JsonlWriter  # noqa: E402

from newsclean import Options  # noqa: E402
from newsclean.integrations.datatrove import (  # noqa: E402
    NewscleanCleaner,
    NewscleanExtractor,
    article_metadata,
)


def _written(folder: Path) -> list[dict]:
    return [json.loads(line) for f in sorted(folder.glob("*.jsonl")) for line in f.open()]


def _stats(logs: Path) -> dict:
    return json.loads((logs / "stats.json").read_text())


def test_jsonl_reader_text_step_jsonl_writer_keeps_every_document(tmp_path):
    data = tmp_path / "in"
    data.mkdir()
    recs = builders.articles()
    recs.append({"id": "nc-kosong", "url": "https://warta.example/x", "text": "ADVERTISEMENT"})
    builders.write_jsonl(data / "articles.jsonl", recs)
    out, logs = tmp_path / "out", tmp_path / "logs"
    LocalPipelineExecutor(
        pipeline=[
            JsonlReader(str(data)),
            NewscleanCleaner(),
            JsonlWriter(str(out), compression=None),
        ],
        tasks=1,
        workers=1,
        logging_dir=str(logs),
    ).run()

    docs = _written(out)
    assert [d["id"] for d in docs] == [r["id"] for r in recs]  # every document kept
    first = docs[0]
    assert first["text"].startswith("Harga beras medium")
    meta = first["metadata"]
    assert meta["dateline"] == {
        "place": "Jakarta",
        "outlet": "KOMPAS.com",
        "raw": "JAKARTA, KOMPAS.com -",
    }
    assert meta["url"] == recs[0]["url"]
    assert meta["related"][0]["headline"].startswith("Stok Gula Menipis")
    assert meta["newsclean_reason"] is None and "newsclean_removed" not in meta
    assert all(d["metadata"]["dateline"] for d in docs[:6])
    empty = docs[-1]
    assert not empty.get("text") and empty["metadata"]["newsclean_reason"]  # (writer omits "")

    stats = json.dumps(_stats(logs))
    assert "rule:related.baca-juga" in stats and "rule:dateline." in stats


def test_warc_reader_extractor(tmp_path):
    data = tmp_path / "warc"
    data.mkdir()
    (data / "crawl.warc.gz").write_bytes(builders.warc_bytes(builders.pages()))
    out, logs = tmp_path / "out", tmp_path / "logs"
    LocalPipelineExecutor(
        pipeline=[
            WarcReader(str(data)),
            NewscleanExtractor(),
            JsonlWriter(str(out), compression=None),
        ],
        tasks=1,
        workers=1,
        logging_dir=str(logs),
    ).run()
    docs = _written(out)
    assert len(docs) == 2  # the PNG response is not a page; WarcReader drops it
    assert [d["metadata"]["url"] for d in docs] == [u for u, _ in builders.pages()]
    assert "Banjir setinggi 50 sentimeter" in docs[0]["text"] and "<p>" not in docs[0]["text"]
    assert docs[1]["metadata"]["dateline"]["place"] == "Medan"
    assert docs[1]["metadata"]["newsclean_mode"] == "html"


def test_drop_empty_trail_and_source_metadata():
    docs = [
        Document(text="ADVERTISEMENT", id="a", metadata={"title": "Judul dari sumber"}),
        Document(text="JAKARTA, KOMPAS.com - Harga cabai naik.", id="b"),
    ]
    step = NewscleanCleaner(Options(trail=True), drop_empty=True)
    kept = list(step.run(iter(docs)))
    assert [d.id for d in kept] == ["b"]
    assert kept[0].metadata["newsclean_removed"][0]["rule"].startswith("dateline.")
    assert step.stats["dropped"].total == 1 and step.stats["empty"].total == 1
    [doc] = NewscleanCleaner().run(iter([docs[0]]))
    assert doc.metadata["title"] == "Judul dari sumber"  # newsclean found none: source's kept


def test_metadata_keys_are_stable():
    import newsclean

    a = article_metadata(newsclean.clean_text("Harga cabai naik."))
    b = article_metadata(newsclean.clean_text("JAKARTA, KOMPAS.com - Harga cabai naik."))
    assert list(a) == list(b)
    json.dumps(a)


def test_importing_newsclean_does_not_import_datatrove():
    code = (
        "import sys, newsclean, newsclean.cli, newsclean.batch, newsclean.integrations\n"
        "assert 'datatrove' not in sys.modules, 'datatrove imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def _libmagic_warc(folder: Path) -> list[tuple[str, bytes]]:
    """A warcio-written WARC (no WARC-Identified-Payload-Type, as warcio writes them) whose
    pages libmagic calls application/javascript, plus a 301 and a 404 and other records."""
    import magic

    folder.mkdir()
    items = [(url, builders.magic_js_page(html)) for url, html in builders.pages()]
    assert all(magic.from_buffer(h, mime=True) == "application/javascript" for _, h in items)
    (folder / "crawl.warc.gz").write_bytes(builders.warc_bytes(items))
    (folder / "statuses.warc.gz").write_bytes(builders.warc_statuses())
    return items


def _run_warc(reader, tmp_path: Path, **kw) -> list[dict]:
    out, logs = tmp_path / "out", tmp_path / "logs"
    LocalPipelineExecutor(
        pipeline=[reader, NewscleanExtractor(**kw), JsonlWriter(str(out), compression=None)],
        tasks=1,
        workers=1,
        logging_dir=str(logs),
    ).run()
    return _written(out)


def test_warc_reader_loses_pages_libmagic_misreads(tmp_path):
    # Why NewscleanWarcReader exists: datatrove's own reader drops these pages silently.
    _libmagic_warc(tmp_path / "warc")
    docs = _run_warc(WarcReader(str(tmp_path / "warc"), glob_pattern="crawl.warc.gz"), tmp_path)
    assert docs == []


def test_newsclean_warc_reader_keeps_every_page_whatever_libmagic_says(tmp_path):
    from newsclean.integrations.datatrove import NewscleanWarcReader

    items = _libmagic_warc(tmp_path / "warc")
    docs = _run_warc(NewscleanWarcReader(str(tmp_path / "warc")), tmp_path)
    by_url = {d["metadata"]["url"]: d for d in docs}
    # crawl.warc.gz: both pages; statuses.warc.gz: 200, 301, 404, 200 sniffed, resource
    assert [d["metadata"]["url"] for d in docs[:2]] == [u for u, _ in items]
    assert len(docs) == 7
    assert "Banjir setinggi 50 sentimeter" in docs[0]["text"]
    assert docs[1]["metadata"]["dateline"]["place"] == "Medan"
    assert docs[0]["metadata"]["http_status"] == 200
    moved = by_url["https://warta.example/lama"]
    assert moved["metadata"]["http_status"] == 301 and moved.get("text", "") == ""
    assert moved["metadata"]["newsclean_reason"].startswith("HTTP 301")
    assert moved["metadata"]["title"] is None  # the same keys as every document
    assert by_url["https://warta.example/hilang"]["metadata"]["http_status"] == 404
    assert by_url["https://warta.example/arsip/banjir"]["metadata"]["http_status"] is None
    assert "<p>" not in by_url["https://warta.example/daerah/jembatan-gantung"]["text"]


def test_newsclean_warc_reader_with_drop_empty_keeps_only_pages(tmp_path):
    from newsclean.integrations.datatrove import NewscleanWarcReader

    _libmagic_warc(tmp_path / "warc")
    reader = NewscleanWarcReader(str(tmp_path / "warc"), glob_pattern="statuses.warc.gz")
    docs = _run_warc(reader, tmp_path, drop_empty=True)
    assert [d["metadata"]["http_status"] for d in docs] == [200, 200, None]
    stats = json.dumps(_stats(tmp_path / "logs"))
    assert "http_status_not_2xx" in stats
