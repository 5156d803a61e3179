"""Stage: find the article body.

A publisher profile names its body container; where it matches, that is the body (several
matches, as when every page of a multi-page story is in the HTML, are the pages in order).

Every other page goes to the generic finder, which selects *content*, not one element:

1. Paragraph-shaped text (``<p>``, ``<pre>``, a ``<div>`` or ``<td>`` holding text directly,
   lines split by ``<br>``) scores by its length and commas, unless links make up most of it;
   the score goes to the paragraph's container and, less of it, to two ancestors above.
   Regions that hold no story are not looked into: page chrome (``nav``, ``aside``, ``footer``
   …) and regions whose class or id names them (comments, consent banners, newsletter boxes,
   recommendation widgets: ``data/phrases/boilerplate_classes.txt``), unless they hold the
   headline.
2. The best container (its score less its link density, with a small bonus for a class that
   names content) is the story's core. Where several containers score close to it, the story
   is split over them (one ``<div>`` per paragraph, a column per ad slot): their common
   ancestor becomes the core.
3. The core's siblings join it when they score well or are real paragraphs (a ``<p>``, or a
   ``<div>`` holding only text), and so do subheadings, lists, quotes and tables between two
   parts of the story.

The finder says when it is unsure (a tiny body on a big page, a close rival elsewhere, no
paragraphs at all); :func:`safety_net` then asks trafilatura and keeps what covers the story.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from lxml import etree

from ..document import Block
from ..profiles import Profile
from ..selectors import PageVocab
from ..vocab import phrase_pattern

_SKIP = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "nav",
        "header",
        "footer",
        "aside",
        "button",
        "select",
        "textarea",
        "iframe",
        "head",
        "title",
    }
)
_PARA = frozenset({"p", "pre"})
_TEXT_HOLDERS = frozenset(
    {"div", "span", "td", "font", "section", "article", "blockquote", "li", "dd"}
)
_BLOCKS = frozenset(
    {
        "div",
        "p",
        "section",
        "article",
        "table",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "blockquote",
        "pre",
        "figure",
    }
)
_BETWEEN = frozenset({"h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "blockquote", "table", "pre"})
_MIN_PARA = 25
_COMMAS = re.compile(r"[,،、，]")
_LEVELS = (1.0, 0.5, 1 / 6)  # the share of a paragraph's score its container and ancestors get
_CANDIDATES = 12  # containers weighed in full (their link density costs a walk of each)
_ALTERNATIVE = 0.75  # a rival within this share of the best one is another part of the story
_RIVAL = 0.4  # a region outside the chosen body scoring this share of it makes the finder unsure
_RIVAL_MIN = 10.0  # (and at least this score: a few short lines are no rival)
_NET_MAX_CHARS = 200_000  # pages with more text than this are not handed to trafilatura
_NET_MAX_TABLES = 200  # nor pages with more tables than this (hostile or broken nesting)
_NET_MAX_DEPTH = 120  # nor pages nested deeper than this


@dataclass(frozen=True, slots=True)
class Found:
    """What the generic finder chose: the story's elements in document order, the core's
    score, and why it is unsure (``None`` when it is not)."""

    elements: tuple[Any, ...]
    score: float
    unsure: str | None = None


def profile_bodies(root: Any, profile: Profile, vocab: PageVocab | None = None) -> list[Any]:
    """Elements the profile's body selectors find, outermost only, in document order."""
    for sel in profile.body:
        found = [el for el in sel(root, vocab) if el.text_content().strip()]
        if not found:
            continue
        chosen = set(found)
        outer = [el for el in found if not any(a in chosen for a in el.iterancestors())]
        return outer
    return []


@cache
def _boilerplate_name() -> Any:
    return re.compile(rf"(?:^|[-_]){phrase_pattern('boilerplate_classes')}(?:$|[-_])", re.I)


@cache
def _content_name() -> Any:
    return re.compile(rf"(?:^|[-_]){phrase_pattern('content_classes')}(?:$|[-_])", re.I)


@cache
def _page_name() -> Any:
    return re.compile(rf"(?:^|[-_]){phrase_pattern('page_classes')}(?:$|[-_])", re.I)


_CAMEL_SEAM = re.compile(r"(?<=[a-z])(?=[A-Z])")


@cache
def _describing() -> Any:
    """Class names that describe the element rather than name it ("no-share", "tag-<slug>")."""
    return re.compile(rf"^{phrase_pattern('describing_class_prefixes')}[-_]", re.I)


_VOCAB = {"boilerplate": _boilerplate_name, "content": _content_name, "page": _page_name}


@lru_cache(maxsize=8192)
def _names_match(kind: str, classes: str, ident: str) -> bool:
    """Whether a class name or the id matches the ``kind`` vocabulary (camel case parted by
    "-": "boxKomentar" → "box-Komentar"). Pages repeat their class strings: asked once each."""
    pattern = _VOCAB[kind]()
    for name in (*classes.split(), *ident.split()):
        if not _describing().match(name) and pattern.search(_CAMEL_SEAM.sub("-", name)):
            return True
    return False


def _named(el: Any, kind: str) -> bool:
    classes, ident = el.get("class"), el.get("id")
    return bool(classes or ident) and _names_match(kind, classes or "", ident or "")


def named_boilerplate(el: Any) -> bool:
    """Whether the element's class or id names a region without story text (comments, a
    consent banner, a recommendation list: ``data/phrases/boilerplate_classes.txt``)."""
    return _named(el, "boilerplate")


def _direct_text(el: Any) -> int:
    """Characters of text directly in the element (its text and its children's tails)."""
    n = len(el.text.strip()) if el.text else 0
    for c in el:
        if c.tail:
            n += len(c.tail.strip())
    return n


def _link_chars(el: Any) -> int:
    return sum(len(a.text_content()) for a in el.iter("a"))


def _link_density(el: Any) -> float:
    total = len(el.text_content()) or 1
    return min(1.0, _link_chars(el) / total)


def _unit(el: Any, tag: str) -> tuple[float, Any] | None:
    """The score of a paragraph-shaped element and the container it scores for, or None."""
    if tag in _PARA:
        text = el.text_content()
        length = len(text.strip())
        if length < _MIN_PARA or _link_chars(el) > 0.5 * length:
            return None
        return 1.0 + min(length, 600) / 100 + min(len(_COMMAS.findall(text)), 10), el.getparent()
    if tag not in _TEXT_HOLDERS:
        return None
    length = _direct_text(el)
    if length < _MIN_PARA:
        return None
    commas = min(len(_COMMAS.findall(el.text or "")), 10)
    if el.find("br") is not None:  # lines split by <br>: the element holds the story
        if length < 3 * _MIN_PARA:
            return None
        return 1.0 + min(length, 3000) / 100 + commas, el
    if any(isinstance(c.tag, str) and c.tag in _BLOCKS for c in el):
        return None
    return 1.0 + min(length, 600) / 100 + commas, el.getparent()  # a <div> as a paragraph


def _scores(body: Any, keep: set[Any]) -> dict[Any, float]:
    """Paragraph scores summed into containers, skipping regions that hold no story."""
    scores: dict[Any, float] = {}
    stack = [body]
    while stack:
        el = stack.pop()
        tag = el.tag
        if not isinstance(tag, str):
            continue
        if el is not body:
            if tag in _SKIP:
                continue
            if el not in keep and _named(el, "boilerplate"):
                continue
            unit = _unit(el, tag)
            if unit is not None:
                score, container = unit
                level = 0
                while container is not None and level < len(_LEVELS):
                    if container is body or container.tag == "html":
                        break
                    scores[container] = scores.get(container, 0.0) + score * _LEVELS[level]
                    container = container.getparent()
                    level += 1
        stack.extend(reversed(el))
    return scores


def find_body(root: Any) -> Found | None:
    """The story's elements on a page no profile knows, or None when nothing looks like one."""
    body = root.find("body")
    if body is None:
        body = root
    headline = next(body.iter("h1"), None)
    keep = set(headline.iterancestors()) if headline is not None else set()
    raw = _scores(body, keep)
    if not raw:
        return _small_page(body, "no paragraphs")
    top = sorted(raw, key=raw.__getitem__, reverse=True)[:_CANDIDATES]
    final = {
        el: raw[el] * (1 - _link_density(el)) * (1.25 if _named(el, "content") else 1.0)
        for el in top
    }
    core = max(top, key=final.__getitem__)
    best = final[core]
    if best < 3:
        return _small_page(body, "weak paragraphs")
    core = _common_core(core, best, final, raw, body)
    parent = core.getparent()
    # The story's first paragraph sometimes sits in the parent as bare text (old antaranews).
    if (
        parent is not None
        and parent is not body
        and parent.tag != "html"
        and _direct_text(parent) >= 80
    ):
        core = parent
    elements = _with_siblings(core, best, raw, body)
    return Found(tuple(elements), best, _doubt(elements, best, final, body))


def _small_page(body: Any, why: str) -> Found | None:
    """A small page (a fragment, a stub) with some text: its body is the article."""
    text = body.text_content().strip()
    if 0 < len(text) < 3000:
        return Found((body,), 0.0, why)
    return None


def _common_core(
    core: Any, best: float, final: dict[Any, float], raw: dict[Any, float], body: Any
) -> Any:
    """The common ancestor of the best container and the rivals that score close to it: a
    story split over sibling or cousin containers. Then, while the only element child of its
    parent, the parent (which holds the same story and its direct text)."""
    repeated = _repeated_parent(core, raw)
    if repeated is not None:
        core = repeated
    mine = set(core.iterancestors())
    rivals = [
        el
        for el, score in final.items()
        if el is not core
        and score >= _ALTERNATIVE * best
        and el not in mine
        and core not in set(el.iterancestors())
    ]
    if len(rivals) >= 2:
        for up in core.iterancestors():
            if up is body or up.tag == "html":
                break
            inside = sum(1 for r in rivals if up in set(r.iterancestors()))
            if inside >= 2:
                core = up
                break
    while True:
        parent = core.getparent()
        if parent is None or parent is body or parent.tag == "html":
            return core
        children = [c for c in parent if isinstance(c.tag, str) and c.tag not in _SKIP]
        if len(children) != 1 or _direct_text(parent) >= 25:
            return core
        core = parent


def _repeated_parent(core: Any, scores: dict[Any, float]) -> Any | None:
    """The parent of a repeated container the core sits in (itself, or one or two levels up):
    a story printed one paragraph per card (``div.card`` after ``div.card``) when at least two
    of the other copies hold scored text as well, or one page per container (a class naming a
    page: ``data/phrases/page_classes.txt``) when another page does."""
    node = core
    for _ in range(3):
        parent = node.getparent()
        if parent is None or parent.tag in ("body", "html"):
            return None
        kind = _first_class(node)
        if kind:
            same = [
                c for c in parent if c is not node and c.tag == node.tag and _first_class(c) == kind
            ]
            scored = sum(1 for c in same if any(d in scores for d in c.iter()))
            if scored >= 2 or (scored and _named(node, "page")):
                return parent
        node = parent
    return None


def _with_siblings(core: Any, best: float, raw: dict[Any, float], body: Any) -> list[Any]:
    """The core and the siblings that belong to the story: ones that score well themselves,
    real paragraphs, and subheadings, lists, quotes and tables between two parts of the story
    unless links make them up."""
    parent = core.getparent()
    if parent is None or core is body:
        return [core]
    threshold = max(10.0, 0.2 * best)
    core_class = core.get("class") or ""
    siblings = [c for c in parent if isinstance(c.tag, str)]
    chosen = []
    for s in siblings:
        if s is core:
            chosen.append(True)
            continue
        if s.tag in _SKIP or _named(s, "boilerplate") or _teaser_list(s):
            chosen.append(False)
            continue
        bonus = 0.2 * best if core_class and s.get("class") == core_class else 0.0
        score = raw.get(s, 0.0)
        if score and score * (1 - _link_density(s)) + bonus >= threshold:
            chosen.append(True)
        elif s.tag == "p" or (s.tag in _TEXT_HOLDERS and not _has_blocks(s)):
            text = " ".join(visible_text(s).split())
            density = _link_density(s) if text else 1.0
            if s.tag != "p":  # a <div> as a paragraph must read as prose, not as a notice
                chosen.append(len(text) > 80 and density < 0.25 and _prose(text))
                continue
            chosen.append(
                (len(text) > 80 and density < 0.25)
                or (0 < len(text) <= 80 and density == 0 and _ends_sentence(text))
            )
        else:
            chosen.append(False)
    # a sibling of the same class as a paragraph that joined is one too, however short
    kinds = {
        _first_class(s) for s, ok in zip(siblings, chosen, strict=True) if ok and s is not core
    }
    kinds.discard("")
    for i, s in enumerate(siblings):
        if not chosen[i] and kinds and _first_class(s) in kinds and not _has_blocks(s):
            chosen[i] = bool(visible_text(s).strip()) and _link_density(s) < 0.25
    picked = [i for i, ok in enumerate(chosen) if ok]
    if len(picked) > 1:  # subheadings, lists and quotes between two parts of the story
        for i in range(picked[0], picked[-1] + 1):
            s = siblings[i]
            if not chosen[i] and s.tag in _BETWEEN and not _named(s, "boilerplate"):
                chosen[i] = _link_density(s) < 0.3
    return [s for s, ok in zip(siblings, chosen, strict=True) if ok]


_HEADINGS = ("h2", "h3", "h4", "h5")


def _teaser_list(el: Any) -> bool:
    """Two or more headings that are links: a list of other stories with their excerpts,
    whatever its class (a story's own subheadings are not links)."""
    linked = 0
    for h in el.iter(_HEADINGS):
        text = len(" ".join(h.text_content().split()))
        if text and _link_chars(h) >= 0.8 * text:
            linked += 1
            if linked >= 2:
                return True
    return False


def _first_class(el: Any) -> str:
    classes = (el.get("class") or "").split()
    return classes[0] if classes else ""


def _has_blocks(el: Any) -> bool:
    return any(isinstance(c.tag, str) and c.tag in _BLOCKS for c in el)


_VISIBLE_TEXT = etree.XPath(
    ".//text()[not(ancestor::script or ancestor::style or ancestor::noscript"
    " or ancestor::template)]"
)


def visible_text(el: Any) -> str:
    """The element's text without what scripts, styles and templates hold."""
    return "".join(_VISIBLE_TEXT(el))


def _prose(text: str) -> bool:
    """Ten words or more ending a sentence, and starting as a sentence does (not "...")."""
    return len(text.split()) >= 10 and text[-1:] in '.!?"”' and text[:1].isalnum()


def _ends_sentence(text: str) -> bool:
    return text[-1:] in '.!?"”' or ". " in text


def _doubt(elements: list[Any], best: float, final: dict[Any, float], body: Any) -> str | None:
    """Why the choice may be wrong: a rival region outside it scoring close to it, or a small
    body on a page with much more text."""
    inside: set[Any] = set()
    around: set[Any] = set()
    for el in elements:
        inside.update(el.iter())
        around.update(el.iterancestors())
    for el, score in final.items():
        if score >= max(_RIVAL * best, _RIVAL_MIN) and el not in inside and el not in around:
            return "close rival"
    mine = sum(len(el.text_content().strip()) for el in elements)
    page = len(body.text_content().strip())
    if mine < 500 and page > 5 * mine and page > 2500:
        return "small body on a big page"
    return None


_WORD = re.compile(r"\w{2,}")


def _words(text: str) -> set[str]:
    return {w.casefold() for w in _WORD.findall(text)}


@dataclass(frozen=True, slots=True)
class NetChoice:
    """The safety net's decision: trafilatura's lines replace the finder's body (``lines``
    set) or not, and why."""

    lines: tuple[str, ...] | None
    why: str


def safety_net(root: Any, found_text: str, evidence: str, url: str | None) -> NetChoice:
    """Ask trafilatura when the generic finder is unsure, and keep what covers the story
    (:func:`decide`); what trafilatura took from regions named as boilerplate does not count."""
    theirs = _trafilatura_text(root, url, precision=False)
    return decide(found_text, theirs, evidence, boilerplate_text(root))


def boilerplate_text(root: Any) -> str:
    """The text of the regions whose class or id names them boilerplate (the finder's
    vocabulary), white space folded: those that hold the headline excepted."""
    headline = next(root.iter("h1"), None)
    keep = set(headline.iterancestors()) if headline is not None else set()
    parts: list[str] = []
    for el in root.iter():
        if not isinstance(el.tag, str) or el in keep or not named_boilerplate(el):
            continue
        if any(named_boilerplate(up) and up not in keep for up in el.iterancestors()):
            continue  # (inside one already taken)
        parts.append(" ".join(visible_text(el).split()))
    return "\n".join(parts)


def decide(found_text: str, theirs_text: str, evidence: str, excluded: str = "") -> NetChoice:
    """Trafilatura's text wins when it holds most of the finder's words and is a third longer
    (the finder found part of the story), or when the two disagree and trafilatura's shares
    more words with the page's headline and description (``evidence``). Its lines found in
    ``excluded`` (regions named as boilerplate: comments, lists of other stories) are dropped
    first: more text from there is not more of the story.

    >>> story = "Harga beras naik di pasar induk menjelang Lebaran, kata pedagang."
    >>> decide(story, story + " Pemerintah menggelar operasi pasar di empat puluh titik.", "")
    NetChoice(lines=(...), why='trafilatura found more of the same story')
    >>> decide(story, "Komentar pembaca: mahal sekali!", "Harga Beras Naik").lines is None
    True
    """
    lines = tuple(line.strip() for line in theirs_text.split("\n") if line.strip())
    if excluded:
        lines = tuple(
            line for line in lines if len(line) < 20 or " ".join(line.split()) not in excluded
        )
        theirs_text = "\n".join(lines)
    theirs, mine = _words(theirs_text), _words(found_text)
    if not theirs:
        return NetChoice(None, "trafilatura found nothing")
    if not mine:
        return NetChoice(lines, "the finder found no words")
    shared = len(mine & theirs)
    longer = len(_WORD.findall(theirs_text)) >= 1.3 * len(_WORD.findall(found_text))
    if shared >= 0.6 * len(mine) and longer:
        return NetChoice(lines, "trafilatura found more of the same story")
    if shared < 0.3 * len(mine):
        ev = _words(evidence)
        if ev and len(ev & theirs) > len(ev & mine):
            return NetChoice(lines, "trafilatura's text matches the headline better")
    return NetChoice(None, "the finder's body covers the story")


def _trafilatura_text(root: Any, url: str | None, *, precision: bool) -> str:
    import trafilatura

    result = trafilatura.bare_extraction(
        root,
        url=url,
        favor_precision=precision,
        include_comments=False,
        include_tables=True,
        with_metadata=False,
    )
    if not result:
        return ""
    return (
        getattr(result, "text", None)
        or (result.get("text") if isinstance(result, dict) else None)
        or ""
    )


def too_much_for_trafilatura(root: Any, text_length: int) -> bool:
    """Pages trafilatura is not asked about: over 200,000 characters of text (its time grows
    faster than the page: 2.7 s a MB on a page of 460 KB of related links), over 200
    tables, or elements nested over 120 deep (its work grows with the square of the nesting:
    fuzzed pages of 251 nested tables or 255 nested ``<div>``s took it a third of a second to
    a second; real pages nest 20 to 60 deep)."""
    if text_length > _NET_MAX_CHARS:
        return True
    if any(n > _NET_MAX_TABLES for n, _ in enumerate(root.iter("table"), 1)):
        return True
    depth = 0
    for event, _ in etree.iterwalk(root, events=("start", "end")):
        depth += 1 if event == "start" else -1
        if depth > _NET_MAX_DEPTH:
            return True
    return False


def lines_to_blocks(lines: tuple[str, ...] | list[str], element: str) -> list[Block]:
    return [Block(text=line, line=i, element=element) for i, line in enumerate(lines, 1)]


def trafilatura_blocks(root: Any, url: str | None) -> list[Block]:
    """Body lines from trafilatura, for pages where no element looks like a body."""
    text = _trafilatura_text(root, url, precision=True)
    return lines_to_blocks(
        [line.strip() for line in text.split("\n") if line.strip()], "trafilatura"
    )
