"""Stage: remove noise elements from the article body before its text is read.

The generic element rules live in ``newsclean/data/dom.toml`` (ads, related boxes, captions,
embeds, share and tag lists, pagination, page chrome); a publisher profile adds its own ``drop``
selectors, reported as rule ``site.<name>``. Each rule's selectors are joined into one CSS group
and compiled to one XPath expression, so a rule costs one tree query. Related-link boxes are not
just dropped: their links become ``Article.related``, with URLs.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any
from urllib.parse import urljoin

from ..document import Doc
from ..options import Options
from ..rules.rule import CodeRule, Example, RuleError, examples_mapping
from ..rules.shape import looks_like_headline
from ..selectors import PageVocab, Selector, compile_all, select_group
from ..vocab import table
from .body import named_boilerplate


@dataclass(frozen=True)
class DomRule:
    """An element rule: CSS selectors, what to do with matches, and HTML examples."""

    id: str
    reason: str
    selectors: tuple[str, ...]
    action: str = "drop"
    spare: str = ""  # "story": matches that hold story paragraphs stay (hidden later pages)
    removes: tuple[Example, ...] = ()
    keeps: tuple[str, ...] = ()
    origin: str = "builtin:dom"
    scope: str = "element"

    @property
    def family(self) -> str:
        return self.id.split(".", 1)[0]

    @property
    def compiled(self) -> tuple[Selector, ...]:
        return _compiled(self.selectors)

    def to_mapping(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "reason": self.reason,
            "scope": self.scope,
            "selectors": list(self.selectors),
            "action": self.action,
            **({"spare": self.spare} if self.spare else {}),
            **examples_mapping(self.removes, self.keeps, self.origin),
        }


@cache
def _compiled(selectors: tuple[str, ...]) -> tuple[Selector, ...]:
    return compile_all(selectors)


@cache
def dom_rules() -> tuple[DomRule, ...]:
    """The built-in element rules, in the order they run."""
    rules = []
    for item in table("dom.toml").get("rule", []):
        try:
            rule = DomRule(
                id=item["id"],
                reason=item["reason"],
                selectors=tuple(item["selectors"]),
                action=item.get("action", "drop"),
                spare=item.get("spare", ""),
                removes=tuple(Example.of(e) for e in item.get("removes", ())),
                keeps=tuple(item.get("keeps", ())),
            )
        except KeyError as e:
            raise RuleError(f"data/dom.toml: a rule lacks {e}") from e
        if (
            rule.action not in ("drop", "related")
            or not rule.selectors
            or rule.spare not in ("", "story")
        ):
            raise RuleError(f"data/dom.toml: rule {rule.id} has a bad action or no selectors")
        rule.compiled  # noqa: B018 - compile now so a bad selector fails at load
        rules.append(rule)
    return tuple(rules)


def describe(el: Any) -> str:
    """'div#main.read__content' for the trail."""
    tag = el.tag if isinstance(el.tag, str) else "node"
    ident = el.get("id")
    classes = (el.get("class") or "").split()
    return tag + (f"#{ident}" if ident else "") + "".join(f".{c}" for c in classes[:3])


def _text(el: Any) -> str:
    return " ".join(el.text_content().split())


def remove_noise(
    body: Any,
    doc: Doc,
    options: Options,
    *,
    profile_drop: tuple[Selector, ...] = (),
    profile_related: tuple[Selector, ...] = (),
    profile_name: str | None = None,
    base_url: str | None = None,
    vocab: PageVocab | None = None,
) -> None:
    """Apply the element rules inside ``body``: related boxes first (the profile's, then the
    generic ones), so their links are kept, then the profile's drops, then the other rules."""
    steps: list[tuple[str, str, list[Any]]] = []
    spare_story = {r.id for r in dom_rules() if r.spare == "story"}
    site_rule = f"site.{profile_name}" if profile_name else ""
    site_on = bool(site_rule) and options.enabled(site_rule)
    if site_on and profile_related:
        steps.append((site_rule, "related", select_group(profile_related, body, vocab)))
    rules = [r for r in dom_rules() if options.enabled(r.id)]
    for rule in (r for r in rules if r.action == "related"):
        steps.append((rule.id, rule.action, select_group(rule.compiled, body, vocab)))
    if site_on and profile_drop:
        steps.append((site_rule, "drop", select_group(profile_drop, body, vocab)))
    for rule in (r for r in rules if r.action != "related"):
        steps.append((rule.id, rule.action, select_group(rule.compiled, body, vocab)))
    gone: set[Any] = set()  # elements inside one already dropped (a set: no ancestor walks)
    for rule_id, action, found in steps:
        for el in found:
            if el is body or el in gone:
                continue
            if rule_id in spare_story and holds_story(el):
                doc.warnings.append(
                    f"kept {describe(el)}: {rule_id} matched it, but it holds story paragraphs "
                    "(a later page of the story, hidden until the reader asks for it)"
                )
                continue
            if action == "related":
                for a in el.iter("a"):
                    headline = _text(a)
                    href = a.get("href")
                    if headline and len(headline) > 8:
                        doc.add_related(headline, rule_id, join_url(base_url, href))
            drop_recorded(doc, rule_id, el, gone)


def drop_recorded(doc: Doc, rule_id: str, el: Any, gone: set[Any], text: str | None = None) -> None:
    """Drop an element for a rule: its text in the trail (an empty element changes no text and
    leaves no entry), its descendants in ``gone`` (so no later rule asks about them)."""
    text = _text(el) if text is None else text
    if text:
        doc.record(
            rule_id,
            "element",
            text if len(text) <= 300 else text[:297] + "...",
            element=describe(el),
        )
    gone.update(el.iter())
    drop_element(el)


_STORY_PARAGRAPH = 80  # characters: a real paragraph, not a caption or a tracking label


def holds_story(el: Any) -> bool:
    """Two or more real paragraphs and few links: the text of a story, not a widget's."""
    paragraphs = [p for p in el.iter("p") if len(_text(p)) >= _STORY_PARAGRAPH]
    if len(paragraphs) < 2:
        return False
    text = len(_text(el))
    links = sum(len(_text(a)) for a in el.iter("a"))
    return links < 0.2 * text


LINK_LIST = CodeRule(
    id="dom.link-list",
    reason="A block made of links to other stories (one headline or a list), whatever its class.",
    scope="element",
    removes=(
        Example(
            "<p>Harga beras naik di pasar induk, kata pedagang kepada wartawan.</p>"
            "<div><a href='/a'>Harga Cabai Ikut Naik di Pasar Induk</a>"
            "<a href='/b'>Pedagang Daging Mogok Jualan Tiga Hari</a></div>",
            "Harga beras naik di pasar induk, kata pedagang kepada wartawan.",
        ),
    ),
    keeps=(
        "<p>Menurut <a href='/bps'>Badan Pusat Statistik</a>, inflasi bulan ini terkendali "
        "berkat pasokan pangan yang cukup di seluruh daerah.</p>",
        "<p>Baca keterangan resmi di <a href='/siaran'>siaran pers kementerian hari ini</a>.</p>",
    ),
)


def remove_link_lists(body: Any, doc: Doc, options: Options, base_url: str | None) -> None:
    """Drop containers whose text is almost all links of headline length; keep the links.

    Only containers that hold such a link are looked at, each link's text is read once, and
    what a removal took is remembered: a page nested thousands deep costs linear time, not a
    walk of every container's subtree and ancestors."""
    if not options.enabled(LINK_LIST.id):
        return
    total = len(body.text_content())
    link_text = {a: _text(a) for a in body.iter("a")}
    headline_links = {a for a, t in link_text.items() if len(t.split()) >= 4}
    holders = _holders(headline_links, body)
    gone: set[Any] = set()  # elements inside a container already dropped
    for el in list(body.iter("ul", "ol", "div", "section", "table", "p")):
        if el is body or el not in holders or el in gone:
            continue
        links = [a for a in el.iter("a") if a in headline_links]
        if len(links) == 1 and not looks_like_headline(link_text[links[0]]):
            continue
        text = _text(el)
        linked = sum(len(link_text[a]) for a in links)
        if linked < (0.8 if len(links) > 1 else 0.9) * len(text) or len(text) > 0.9 * total:
            continue
        for a in links:
            href = a.get("href")
            doc.add_related(link_text[a], LINK_LIST.id, join_url(base_url, href))
        drop_recorded(doc, LINK_LIST.id, el, gone, text)


def _holders(links: set[Any], body: Any) -> set[Any]:
    """The elements under ``body`` that hold one of ``links`` (each chain walked once)."""
    out: set[Any] = set()
    for a in links:
        for up in a.iterancestors():
            if up is body or up in out:
                break
            out.add(up)
    return out


def join_url(base: str | None, href: str | None) -> str | None:
    """``href`` resolved against ``base``; as written when either is malformed
    (``http://[::1``), since a link on a page must never stop the page being cleaned."""
    if not base or not href:
        return href
    try:
        return urljoin(base, href)
    except ValueError:
        return href


def drop_element(el: Any) -> None:
    """Remove ``el`` and keep its tail, with a space where joining the text on both sides would
    glue two words ("pasokan berkurang<script>…</script>Pemerintah menjanjikan")."""
    tail = el.tail
    if tail and not tail[0].isspace():
        prev, parent = el.getprevious(), el.getparent()
        before = prev.tail if prev is not None else parent.text if parent is not None else None
        if not before or not before[-1].isspace():
            el.tail = " " + tail
    try:
        el.drop_tree()
    except ValueError:  # a character lxml refuses in the joined text: drop the tail with it
        el.tail = None
        el.drop_tree()


NAMED_REGION = CodeRule(
    id="dom.named-region",
    reason="A region whose class or id names it comments, a consent banner, a share bar or a "
    "list of other stories (the generic finder's vocabulary, data/phrases/boilerplate_classes.txt).",
    scope="element",
    removes=(
        Example(
            "<div class='isi'><p>Harga beras naik di pasar induk, kata pedagang kepada wartawan."
            "</p><div class='box-most-read'><p>Paling dibaca: Harga Cabai Ikut Naik di Pasar "
            "Induk Kramat Jati</p></div></div>",
            "Harga beras naik di pasar induk, kata pedagang kepada wartawan.",
        ),
    ),
    keeps=(
        "<div class='entry-content no-share'><p>Harga beras naik di pasar induk, kata pedagang "
        "kepada wartawan.</p></div>",
    ),
)


def remove_named_regions(body: Any, doc: Doc, options: Options) -> None:
    """Drop the regions inside the body whose class or id names them boilerplate."""
    if not options.enabled(NAMED_REGION.id):
        return
    gone: set[Any] = set()  # elements inside a region already dropped
    for el in list(body.iter()):
        if el is body or el in gone or not isinstance(el.tag, str) or not named_boilerplate(el):
            continue
        drop_recorded(doc, NAMED_REGION.id, el, gone)


LINK_TAIL = CodeRule(
    id="dom.link-tail",
    reason="Lines made only of links after the story's last paragraph: topics, tags, more stories.",
    scope="element",
    removes=(
        Example(
            "<p>Harga beras naik di pasar induk, kata pedagang kepada wartawan.</p>"
            "<p><a href='/t/ekonomi'>Ekonomi</a></p><p><a href='/t/pangan'>Pangan</a></p>",
            "Harga beras naik di pasar induk, kata pedagang kepada wartawan.",
        ),
    ),
    keeps=(
        "<p>Harga beras naik di pasar induk, kata pedagang kepada wartawan.</p>"
        "<p>Keterangan lengkap ada di <a href='/siaran'>siaran pers kementerian</a>.</p>",
    ),
)


def drop_link_tail(doc: Doc, options: Options) -> None:
    """From the end of the body, drop the blocks whose text is all link text."""
    if not options.enabled(LINK_TAIL.id):
        return
    live = [b for b in doc.blocks if not b.removed and b.text.strip()]
    for b in reversed(live[1:]):  # (the first block stays: a page of one linked line is text)
        linked = sum(len(text) for text, _ in b.links or ())
        if not b.links or linked < 0.9 * len(b.text):
            return
        doc.drop(b, LINK_TAIL.id)
