"""Publisher profiles: where a site keeps its article body and its metadata, as data.

One TOML file per publisher in ``newsclean/data/sites/``. Adding a publisher takes a file, not
code::

    name = "kompas"                      # the file name, used by Options.site
    publisher = "Kompas.com"             # the site name as readers know it
    hosts = ["kompas.com"]               # the host and all its subdomains
    body = [".read__content", ".kcm-read-text"]   # CSS selectors, tried in order
    drop = [".read__photo", ".ads-on-body"]       # removed from the body before text rules
    related = [".read__bacajuga"]        # boxes of links to other stories: kept as Article.related
    title = ["h1.read__title"]           # optional selectors for metadata fields:
    authors = [".read__credit__item a"]  #   title, authors, editor, date, section, tags
    date = [".read__time"]
    disable = ["nav.tags"]               # text rules that misfire on this site
    reason = "..."                       # optional: why ``drop`` and ``related`` go
    removes = [{input = "<div class='read__content'>...</div>", output = "..."}]
    keeps = ["<div class='read__content'><p>...</p></div>"]

``drop`` and ``related`` together are one element rule, ``site.<name>`` (:class:`SiteRule`),
listed, explained and switched off like any other rule. Its ``removes`` and ``keeps`` examples
are body fragments, cleaned as a page of the profile's first host; a profile with ``drop`` or
``related`` selectors must have both kinds of example.

Selectors are CSS, compiled to XPath once. A profile is validated when it loads: an unknown
key, an empty ``body`` list or a selector that does not parse is an error naming the file.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any
from urllib.parse import urlsplit

from cssselect import SelectorError
from lxml import etree

from .rules.rule import Example, RuleError, examples_mapping
from .selectors import Selector, compile_all
from .vocab import VocabularyError, data_names, table

_FIELDS = ("title", "authors", "editor", "date", "modified", "section", "tags")
_KEYS = {
    "name",
    "publisher",
    "hosts",
    "body",
    "drop",
    "related",
    "disable",
    "notes",
    "language",
    "reason",
    "removes",
    "keeps",
    *_FIELDS,
}


@dataclass(frozen=True)
class Profile:
    name: str
    publisher: str
    hosts: tuple[str, ...]
    body: tuple[Selector, ...]
    drop: tuple[Selector, ...]
    related: tuple[Selector, ...]
    fields: tuple[tuple[str, tuple[Selector, ...]], ...]
    disable: frozenset[str] = frozenset()
    language: str = "id"

    rule: SiteRule | None = None

    def selectors(self, field: str) -> tuple[Selector, ...]:
        return dict(self.fields).get(field, ())


@dataclass(frozen=True)
class SiteRule:
    """A profile's ``drop`` and ``related`` selectors as one element rule, ``site.<name>``.

    The removals happen in :func:`newsclean.stages.dom.remove_noise`; this object gives them
    what every rule has: an id, a reason and examples that run as tests.
    """

    id: str
    reason: str
    selectors: tuple[str, ...]
    removes: tuple[Example, ...] = ()
    keeps: tuple[str, ...] = ()
    example_url: str | None = None  # the examples are cleaned as a page at this address
    origin: str = "builtin:sites"
    scope: str = "element"

    @property
    def family(self) -> str:
        return "site"

    def to_mapping(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "reason": self.reason,
            "scope": self.scope,
            "selectors": list(self.selectors),
            **examples_mapping(self.removes, self.keeps, self.origin),
        }


def _site_rule(name: str, publisher: str, host: str, data: dict[str, Any], where: str):
    """The ``site.<name>`` rule of a profile, or None when it drops nothing."""
    selectors = tuple(_strings(data.get("drop", []))) + tuple(_strings(data.get("related", [])))
    if not selectors:
        return None
    reason = data.get(
        "reason",
        f"Parts of a {publisher} story body that are not the story (tags, media, captions, "
        "related-link boxes), named by the selectors of its profile.",
    )
    if not isinstance(reason, str) or not reason.strip() or "\n" in reason.strip():
        raise VocabularyError(f"{where}: 'reason' must be one line of text")
    try:
        removes = tuple(Example.of(e) for e in data.get("removes", ()))
    except RuleError as e:
        raise VocabularyError(f"{where}: {e}") from e
    keeps = tuple(str(k) for k in data.get("keeps", ()))
    if not removes or not keeps:
        raise VocabularyError(
            f"{where}: a profile with 'drop' or 'related' selectors needs 'removes' and 'keeps' "
            f"examples (body fragments) for its rule site.{name}"
        )
    return SiteRule(
        id=f"site.{name}",
        reason=reason.strip(),
        selectors=selectors,
        removes=removes,
        keeps=keeps,
        example_url=f"https://www.{host}/berita/contoh",
    )


def _strings(value: Any) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def _compile(selectors: Any, where: str) -> tuple[Selector, ...]:
    if isinstance(selectors, str):
        selectors = [selectors]
    if not isinstance(selectors, list) or not all(isinstance(s, str) for s in selectors):
        raise VocabularyError(f"{where}: selectors must be a list of strings")
    try:
        return compile_all(selectors)
    except (SelectorError, etree.XPathSyntaxError, ValueError) as e:
        raise VocabularyError(f"{where}: bad selector in {selectors!r}: {e}") from e


def load_profile(name: str, data: dict[str, Any]) -> Profile:
    where = f"data/sites/{name}.toml"
    unknown = set(data) - _KEYS
    if unknown:
        raise VocabularyError(f"{where}: unknown keys {sorted(unknown)}")
    hosts = tuple(h.lower().removeprefix("www.") for h in data.get("hosts", ()))
    if not hosts:
        raise VocabularyError(f"{where}: 'hosts' is empty")
    body = _compile(data.get("body", []), f"{where} body")
    if not body:
        raise VocabularyError(f"{where}: 'body' is empty")
    name = data.get("name", name)
    publisher = data.get("publisher", name)
    return Profile(
        name=name,
        publisher=publisher,
        hosts=hosts,
        body=body,
        drop=_compile(data.get("drop", []), f"{where} drop"),
        related=_compile(data.get("related", []), f"{where} related"),
        fields=tuple((f, _compile(data[f], f"{where} {f}")) for f in _FIELDS if f in data),
        disable=frozenset(data.get("disable", ())),
        language=data.get("language", "id"),
        rule=_site_rule(name, publisher, hosts[0], data, where),
    )


@cache
def profiles() -> tuple[Profile, ...]:
    """Every shipped profile, loaded and validated once."""
    return tuple(load_profile(n, table("sites", f"{n}.toml")) for n in data_names("sites", ".toml"))


@cache
def _by_host() -> dict[str, Profile]:
    out: dict[str, Profile] = {}
    for p in profiles():
        for h in p.hosts:
            out[h] = p
    return out


def site_rules() -> tuple[SiteRule, ...]:
    """The ``site.<name>`` rules of the profiles that drop something, in profile order."""
    return tuple(p.rule for p in profiles() if p.rule is not None)


def profile_named(name: str) -> Profile | None:
    return next((p for p in profiles() if p.name == name), None)


def profile_for_host(host: str | None) -> Profile | None:
    """The profile whose host is ``host`` or a parent domain of it (bola.kompas.com → kompas)."""
    if not host:
        return None
    host = host.lower().strip(".").removeprefix("www.")
    index = _by_host()
    parts = host.split(".")
    for i in range(len(parts) - 1):
        p = index.get(".".join(parts[i:]))
        if p is not None:
            return p
    return None


def host_of(url: str | None) -> str | None:
    if not url:
        return None
    try:
        return urlsplit(url if "//" in url else f"//{url}").hostname
    except ValueError:
        return None
