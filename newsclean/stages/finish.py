"""Last stage: fold white space in what is left, resolve the metadata candidates, and assemble
the immutable Article."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..article import Article
from ..document import Doc
from ..markdown import render_markdown
from ..options import Options
from ..rules.registry import reasons_for
from .resolve import Candidate, related_headlines, resolve

# Fields the resolver owns: a text rule's own provenance note for them is superseded.
_RESOLVED = frozenset({"title", "authors", "editor", "published", "modified", "publisher"})


def paragraphs_of(doc: Doc) -> tuple[str, ...]:
    out = []
    for b in doc.blocks:
        if b.removed:
            continue
        text = b.text.strip()
        if "  " in text or "\n" in text or "\t" in text:
            text = " ".join(text.split())
        if text:
            out.append(text)
    return tuple(out)


def finish(
    doc: Doc,
    options: Options,
    *,
    mode: str,
    url: str | None = None,
    candidates: Sequence[Candidate] = (),
    site: str | None = None,
    provenance: dict[str, str] | None = None,
) -> Article:
    """The Article: the live paragraphs, and each metadata field resolved from ``candidates``
    (recorded in trust order by the metadata stages and the text rules)."""
    paragraphs = paragraphs_of(doc)
    text = "\n\n".join(paragraphs)
    resolved = resolve(candidates, text=text, site=site, url=url)
    fields: dict[str, Any] = resolved.fields
    fields.setdefault("url", url)
    prov = {k: v for k, v in doc.provenance.items() if k not in _RESOLVED}
    prov.update(resolved.provenance)
    prov.update(provenance or {})
    reason = None
    if not paragraphs:
        reason = (
            "every line was removed by a rule" if doc.removals or doc.counts else "no text found"
        )
    known = reasons_for(options)
    fired = sorted({r.split("!", 1)[0] for r in doc.counts})
    reasons = tuple((rid, known[rid]) for rid in fired if rid in known)
    return Article(
        text=text,
        paragraphs=paragraphs,
        dateline=doc.dateline,
        related=related_headlines(doc.related),
        removed=tuple(sorted(doc.removals, key=_position)),
        provenance=tuple(sorted(prov.items())),
        candidates=tuple(resolved.lost),
        mode=mode,
        reason=reason,
        warnings=(*doc.warnings, *resolved.warnings),
        rule_counts=tuple(sorted(doc.counts.items())),
        reasons=reasons,
        markdown=render_markdown(doc.blocks) if options.output == "markdown" else None,
        site=site,
        **fields,
    )


def _position(r: Any) -> int:
    """Removals in reading order: element removals (no line) first, then by line."""
    return -1 if r.line is None else r.line


def empty_article(reason: str, *, mode: str, url: str | None = None) -> Article:
    """The result for input that holds no article, saying why."""
    return Article(text="", mode=mode, url=url, reason=reason)
