"""CSS selectors that know when they cannot match, so a page only pays for the ones that can.

An XPath query costs about a millisecond on a big news page whatever it looks for, and profiles
and element rules carry hundreds of selectors. Each :class:`Selector` records the class names
and ids it requires; :class:`PageVocab` reads the class names and ids a page uses in two cheap
attribute queries; a selector whose requirements are missing is never run.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from cssselect import parse
from cssselect.parser import (
    Attrib,
    Class,
    CombinedSelector,
    Element,
    Function,
    Hash,
    Negation,
    Pseudo,
)
from lxml import etree
from lxml.cssselect import CSSSelector

_CLASSES = etree.XPath("//@class", smart_strings=False)
_IDS = etree.XPath("//@id", smart_strings=False)


class PageVocab:
    """The class names and ids a page uses."""

    __slots__ = ("classes", "ids")

    def __init__(self, root: Any):
        self.classes = frozenset(" ".join(_CLASSES(root)).split())
        self.ids = frozenset(_IDS(root))


def _needs(node: Any, classes: set[str], ids: set[str]) -> None:
    """Collect what a parsed selector cannot match without (negations require nothing)."""
    if isinstance(node, Class):
        classes.add(node.class_name)
        _needs(node.selector, classes, ids)
    elif isinstance(node, Hash):
        ids.add(node.id)
        _needs(node.selector, classes, ids)
    elif isinstance(node, CombinedSelector):
        _needs(node.selector, classes, ids)
        _needs(node.subselector, classes, ids)
    elif isinstance(node, (Attrib, Negation, Pseudo, Function)):
        _needs(node.selector, classes, ids)
    elif isinstance(node, Element):
        return


class Selector:
    """One CSS selector (no commas), compiled once, with its requirements."""

    __slots__ = ("classes", "css", "ids", "query")

    def __init__(self, css: str):
        parsed = parse(css)
        if len(parsed) != 1:
            raise ValueError(f"one selector expected, got a group: {css!r}")
        classes: set[str] = set()
        ids: set[str] = set()
        _needs(parsed[0].parsed_tree, classes, ids)
        self.css = css
        self.query = CSSSelector(css)
        self.classes = frozenset(classes)
        self.ids = frozenset(ids)

    def possible(self, vocab: PageVocab | None) -> bool:
        return vocab is None or (self.classes <= vocab.classes and self.ids <= vocab.ids)

    def __call__(self, root: Any, vocab: PageVocab | None = None) -> list[Any]:
        if not self.possible(vocab):
            return []
        return self.query(root)

    def __repr__(self) -> str:
        return f"Selector({self.css!r})"


def compile_all(css_list: Iterable[str]) -> tuple[Selector, ...]:
    """Selectors from strings; a comma group is split into its members."""
    out: list[Selector] = []
    for css in css_list:
        for one in _split_group(css):
            out.append(Selector(one))
    return tuple(out)


def _split_group(css: str) -> list[str]:
    parts, depth, current = [], 0, ""
    for ch in css:
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        if ch == "," and depth == 0:
            parts.append(current.strip())
            current = ""
        else:
            current += ch
    if current.strip():
        parts.append(current.strip())
    return parts


def select_group(selectors: Iterable[Selector], root: Any, vocab: PageVocab | None) -> list[Any]:
    """Elements matching any of the selectors that can match on this page, in document order."""
    live = tuple(s.css for s in selectors if s.possible(vocab))
    if not live:
        return []
    return _group(live)(root)


@lru_cache(maxsize=1024)
def _group(css: tuple[str, ...]) -> Any:
    return CSSSelector(", ".join(css))
