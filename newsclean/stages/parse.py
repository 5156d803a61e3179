"""Stage 2 of HTML mode: text to an lxml tree, the fast parser on the hot path.

lxml parses a news page in about a millisecond; BeautifulSoup's own tree costs ten times that, so
newsclean keeps BeautifulSoup for what it is best at (charset detection) and parses with lxml.
libxml2 caps nesting depth, so a 10,000-level page parses into a shallower tree instead of
recursing; nothing downstream walks the tree recursively.

libxml2 is no browser, though: a root written as a self-closing tag (``<html lang="id" />``,
served by a large Indonesian network) gives it an empty tree, text after a stray ``</html>``
or ``</body>`` is lost, and a second ``<body>`` becomes a second body. Browsers ignore the
slash, read on after the end tags and merge the bodies, so :func:`repair` makes the markup say
what a browser reads before lxml sees it: the slash goes, and the end tags of ``html`` and
``body`` go (the parser closes both at the end; a second ``<body>`` is then ignored, as a
browser ignores it).
"""

from __future__ import annotations

import re
import threading
from typing import Any

import lxml.etree
import lxml.html

_TAG = re.compile(r"<\s*(?:html|head|body|div|p|span|a|article|meta|title|script|table|br)\b", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_SELF_CLOSED_ROOT = re.compile(r"<(html|head|body)\b([^<>]*?)/\s*>", re.I)
_ROOT_END = re.compile(r"</\s*(?:html|body)\s*>", re.I)
# what may follow the first end tag of a page that ends as it should
_ONLY_END = re.compile(r"(?:\s*</\s*(?:html|body)\s*>|\s*<!--.*?-->)*\s*", re.I | re.S)


def looks_like_html(text: str) -> bool:
    return _TAG.search(text[:200_000]) is not None


_LOCAL = threading.local()  # (an lxml parser must not be shared between threads)


def _parser() -> Any:
    """lxml's HTML parser with one element class for every tag: lxml.html's default looks the
    class up by tag name for every element Python touches, which costs more than the parse."""
    parser = getattr(_LOCAL, "parser", None)
    if parser is None:
        parser = _LOCAL.parser = lxml.html.HTMLParser()
        parser.set_element_class_lookup(
            lxml.etree.ElementDefaultClassLookup(
                element=lxml.html.HtmlElement,
                comment=lxml.html.HtmlComment,
                pi=lxml.html.HtmlProcessingInstruction,
                entity=lxml.html.HtmlEntity,
            )
        )
    return parser


def parse(text: str) -> Any | None:
    """The document element, or None when nothing parses."""
    text = repair(_XML_DECL.sub("", text, count=1))  # (lxml refuses str input with an encoding
    try:  # declaration)
        root = lxml.html.document_fromstring(text, parser=_parser())
    except (lxml.etree.ParserError, ValueError):
        return None
    return root


def repair(text: str) -> str:
    """Markup as a browser reads it: no self-closing ``<html/>``, ``<head/>`` or ``<body/>``,
    no end tags of ``html`` and ``body`` before the end.

    >>> repair('<html lang="id" /><body><p>a</p></html><p>b</p>')
    '<html lang="id" ><body><p>a</p><p>b</p>'

    Most pages need neither, and a few substring searches tell before any regex scans the page
    (a root tag is looked for in lower case, then in upper case).
    """
    for name in ("html", "head", "body"):
        at = _find(text, f"<{name}")
        if at >= 0:
            end = text.find(">", at)
            if end > 0 and text[end - 1] == "/":
                fixed = _SELF_CLOSED_ROOT.sub(r"<\1\2>", text[at : end + 1])
                text = text[:at] + fixed + text[end + 1 :]
    ends = [at for at in (_find(text, "</body"), _find(text, "</html")) if at >= 0]
    if not ends or _ONLY_END.fullmatch(text, min(ends)):
        return text
    return _ROOT_END.sub("", text)


def _find(text: str, needle: str) -> int:
    at = text.find(needle)
    return at if at >= 0 else text.find(needle.upper())
