"""Options(output="markdown") and `--format markdown`: structure kept, artifacts removed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import newsclean
from newsclean import cli
from newsclean.document import Block, Markup
from newsclean.markdown import render_markdown

PAGE = Path(__file__).parent / "fixtures" / "markdown" / "laporan.html"
MARKDOWN = newsclean.Options(output="markdown")

EXPECTED = """\
DPRD kabupaten menyetujui anggaran pembangunan jembatan di atas Sungai Deras setelah rapat yang \
berlangsung hingga larut malam.

## Rincian pekerjaan

Dinas pekerjaan umum membagi pembangunan itu menjadi beberapa tahap yang dikerjakan bergantian \
selama dua tahun anggaran.

1. Pengukuran ulang dan pembebasan lahan di kedua tepi sungai
1. Pembangunan fondasi dan tiang penyangga
1. Pemasangan rangka baja serta lantai jembatan

Bahan yang dipakai antara lain:

- baja ringan buatan pabrik lokal
- beton bertulang mutu tinggi

| Tahun | Tahap | Anggaran |
| --- | --- | --- |
| 2025 | Fondasi | Rp 14 miliar |
| 2026 | Rangka \\| lantai | Rp 21 miliar |

> Warga sudah menunggu jembatan ini lebih dari sepuluh tahun, jadi kami akan mengawasi \
pengerjaannya.
>
> Setiap laporan kemajuan akan kami umumkan kepada masyarakat.

### Tanggapan warga

\\- Sebagian warga menyambut baik keputusan itu karena selama ini mereka harus menyeberang \
dengan perahu kecil yang sering kelebihan muatan.

1\\. Nelayan di hilir sungai meminta agar tiang jembatan tidak menghalangi jalur perahu mereka \
saat air sedang surut."""


def test_html_structure_as_markdown_with_artifacts_removed():
    art = newsclean.clean_html(PAGE.read_bytes(), options=MARKDOWN)
    assert art.markdown == EXPECTED
    # the artifacts went as in plain output: the dateline, the related link
    assert "Palu" not in art.markdown and "Baca juga" not in art.markdown
    assert {"dateline.city", "related.baca-juga"} <= {r.rule for r in art.removed}
    # the plain text is what it is without the option
    plain = newsclean.clean_html(PAGE.read_bytes())
    assert art.text == plain.text and art.paragraphs == plain.paragraphs
    assert plain.markdown is None and "markdown" not in plain.to_dict()
    assert art.to_dict()["markdown"] == EXPECTED


def test_text_mode_keeps_its_lines_as_paragraphs():
    text = (
        "JAKARTA, KOMPAS.com - Harga cabai naik tajam di pasar induk pekan ini.\n"
        "- Pedagang menyebut pasokan dari daerah berkurang.\n"
        "Baca juga: Harga Bawang Ikut Naik\n"
        "Pemerintah berjanji menggelar operasi pasar."
    )
    art = newsclean.clean_text(text, options=MARKDOWN)
    assert art.markdown == (
        "Harga cabai naik tajam di pasar induk pekan ini.\n\n"
        "\\- Pedagang menyebut pasokan dari daerah berkurang.\n\n"
        "Pemerintah berjanji menggelar operasi pasar."
    )


def test_a_row_a_rule_changed_is_a_paragraph_and_tables_are_kept_apart():
    head = Markup("row", cells=("a", "b"), header=True, group=1)
    rows = [
        Block("a b", 1, markup=head),
        Block("1 2", 2, markup=Markup("row", cells=("1", "2"), group=1)),
        Block("x", 3, markup=Markup("row", cells=("x y",), group=1)),  # 'y' was cut
        Block("p q r", 4, markup=Markup("row", cells=("p", "q", "r"), group=2)),
        Block("s", 5, markup=Markup("row", cells=("s",), group=2)),
        Block("gone", 6, removed=True),
    ]
    assert render_markdown(rows) == (
        "| a | b |\n| --- | --- |\n| 1 | 2 |\n\nx\n\n| p | q | r |\n| --- | --- | --- |\n| s |  |  |"
    )


def test_bad_output_name_raises():
    with pytest.raises(ValueError, match=r"Options\.output must be one of"):
        newsclean.Options(output="html")


def test_cli_format_markdown(tmp_path, capsys):
    src = tmp_path / "a.jsonl"
    page = PAGE.read_text()
    lines = [
        {"id": "doc-1", "url": "https://warta.example/daerah/jembatan", "html": page},
        {"id": "doc--2", "text": "Hujan turun sejak pagi di seluruh kota dan jalanan licin."},
    ]
    src.write_text("".join(json.dumps(r) + "\n" for r in lines))
    out = tmp_path / "out.md"
    rc = cli.main(["clean", str(src), "--format", "markdown", "-o", str(out), "-w", "1", "-q"])
    assert rc == 0
    md = out.read_text()
    first, second = md.split("<!-- newsclean ")[1:]
    meta = json.loads(first.split(" -->", 1)[0])
    assert meta["id"] == "doc-1" and meta["source"] == {"path": str(src), "line": 1}
    assert "# Anggaran Jembatan Sungai Deras Disetujui\n\n" in first
    assert EXPECTED in first
    assert json.loads(second.split(" -->", 1)[0])["id"] == "doc--2"  # '--' escaped in JSON
    assert "doc--2" not in second.split(" -->", 1)[0]
    assert second.rstrip().endswith("jalanan licin.")
