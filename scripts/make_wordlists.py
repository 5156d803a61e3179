"""Rebuild the word lists of ``newsclean/data/words/`` from the PyPI packages that ship them.

The glued-word repair (``newsclean/stages/repair.py``) needs word frequencies and a list of
Indonesian root words. Rather than depend on a 57 MB package at run time, newsclean ships the
few hundred kilobytes it uses, derived once by this script:

* ``id.txt.gz`` and ``en.txt.gz``: word frequencies of wordfreq 3.1.1 (``small_id`` in full,
  ``large_en`` down to ``--en-cutoff`` centibels), data under CC-BY-SA 4.0;
* ``roots_id.txt.gz``: the root-word dictionary of PySastrawi 1.2.1 (``kata-dasar.txt``), MIT.

Usage (the wheels from ``pip download --no-deps wordfreq==3.1.1 pysastrawi==1.2.1``; reading
wordfreq's msgpack files needs ``msgpack``)::

    python scripts/make_wordlists.py WORDFREQ.whl PYSASTRAWI.whl newsclean/data/words

Each frequency file has one line per frequency bucket: the bucket in centibels (100 × -log10
of the word's frequency) and its words, tab then spaces between them.
"""

from __future__ import annotations

import argparse
import gzip
import io
import re
import zipfile
from pathlib import Path

_WORD = re.compile(r"[a-z]+")

_HEADER = {
    "id.txt.gz": "# Indonesian word frequencies from wordfreq 3.1.1 (small_id), by Robyn Speer and "
    "contributors; CC-BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/). "
    "Lines: centibels<TAB>words.",
    "en.txt.gz": "# English word frequencies from wordfreq 3.1.1 (large_en), by Robyn Speer and "
    "contributors; CC-BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/). "
    "Lines: centibels<TAB>words.",
    "roots_id.txt.gz": "# Indonesian root words from PySastrawi 1.2.1 (kata-dasar.txt), "
    "Copyright (c) 2016 Hanif Amal Robbani, MIT License. One word a line.",
}


def _buckets(wheel: zipfile.ZipFile, name: str) -> list[list[str]]:
    import msgpack  # type: ignore[import-not-found]

    raw = gzip.decompress(wheel.read(f"wordfreq/data/{name}.msgpack.gz"))
    data = msgpack.unpackb(raw, raw=False)
    return list(data[1:])  # data[0] is the header; bucket i holds words of -i centibels


def _write(path: Path, header: str, lines: list[str]) -> None:
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0) as gz:
        gz.write(("\n".join([header, *lines]) + "\n").encode("utf-8"))
    path.write_bytes(buf.getvalue())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("wordfreq_wheel")
    ap.add_argument("sastrawi_wheel")
    ap.add_argument("out", type=Path)
    ap.add_argument("--en-cutoff", type=int, default=650, help="rarest English bucket kept")
    args = ap.parse_args()
    with zipfile.ZipFile(args.wordfreq_wheel) as wf:
        for lang, size, cutoff in (("id", "small", 10_000), ("en", "large", args.en_cutoff)):
            lines = []
            for cb, words in enumerate(_buckets(wf, f"{size}_{lang}")):
                kept = sorted(w for w in words if _WORD.fullmatch(w))
                if kept and cb <= cutoff:
                    lines.append(f"{cb}\t{' '.join(kept)}")
            _write(args.out / f"{lang}.txt.gz", _HEADER[f"{lang}.txt.gz"], lines)
    with zipfile.ZipFile(args.sastrawi_wheel) as sw:
        text = sw.read("Sastrawi/Stemmer/data/kata-dasar.txt").decode("utf-8")
    roots = sorted({w for w in text.split() if _WORD.fullmatch(w)})
    _write(args.out / "roots_id.txt.gz", _HEADER["roots_id.txt.gz"], roots)


if __name__ == "__main__":
    main()
