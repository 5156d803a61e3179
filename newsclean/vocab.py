"""Vocabulary as data: phrase lists and TOML tables shipped inside the package.

Phrase lists live in ``newsclean/data/phrases/<name>.txt``, one phrase a line; a line starting
with ``#`` and anything after `` # `` are comments. They are literal text: a rule pattern inserts one with ``{{name}}`` and gets an
alternation that matches any phrase (longest first, any run of spaces between words). An empty
or missing list is an error, never a match-all.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any

import regex

_PLACEHOLDER = regex.compile(r"\{\{([a-z0-9_]+)\}\}")


class VocabularyError(ValueError):
    """A data file is missing, empty or malformed."""


def _data_file(*parts: str) -> Any:
    return resources.files("newsclean").joinpath("data", *parts)


@cache
def phrases(name: str) -> tuple[str, ...]:
    """The phrases of ``data/phrases/<name>.txt``, in file order, without comments."""
    path = _data_file("phrases", f"{name}.txt")
    if not path.is_file():
        raise VocabularyError(f"no phrase list named {name!r} (looked for data/phrases/{name}.txt)")
    items = []
    for raw in path.read_text("utf-8").splitlines():
        line = raw.split(" # ", 1)[0].strip()
        if line and not line.startswith("#"):
            items.append(line)
    if not items:
        raise VocabularyError(f"phrase list {name!r} is empty")
    return tuple(items)


@cache
def phrase_pattern(name: str) -> str:
    """A non-capturing alternation matching any phrase of the list."""
    alts = sorted(set(phrases(name)), key=lambda p: (-len(p), p))
    return "(?:" + "|".join(r"\s+".join(regex.escape(w) for w in p.split()) for p in alts) + ")"


@cache
def fragments() -> dict[str, str]:
    """Named pattern pieces of ``data/fragments.toml`` (a separator, a domain, a place...)."""
    return dict(table("fragments.toml").get("fragments", {}))


def expand(pattern: str, _depth: int = 0) -> str:
    """Replace every ``{{name}}`` with its pattern fragment or phrase-list alternation."""
    if _depth > 5:
        raise VocabularyError(f"placeholders nest too deep in {pattern[:80]!r}")

    def one(m: regex.Match[str]) -> str:
        name = m.group(1)
        frag = fragments().get(name)
        if frag is not None:
            return "(?:" + expand(frag, _depth + 1) + ")"
        return phrase_pattern(name)

    return _PLACEHOLDER.sub(one, pattern)


@cache
def table(*parts: str) -> dict[str, Any]:
    """A TOML data file, parsed once (``table("dates.toml")``)."""
    path = _data_file(*parts)
    if not path.is_file():
        raise VocabularyError(f"missing data file data/{'/'.join(parts)}")
    try:
        return tomllib.loads(path.read_text("utf-8"))
    except tomllib.TOMLDecodeError as e:
        raise VocabularyError(f"data/{'/'.join(parts)}: {e}") from e


def data_names(folder: str, suffix: str) -> list[str]:
    """File names (without suffix) in a data folder, sorted, e.g. all site profiles."""
    base = _data_file(folder)
    return sorted(p.name[: -len(suffix)] for p in base.iterdir() if p.name.endswith(suffix))
