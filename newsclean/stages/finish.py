"""Last stage: fold white space in what is left and assemble the immutable Article."""

from __future__ import annotations

from typing import Any

from ..article import Article
from ..document import Doc
from ..markdown import render_markdown
from ..options import Options
from ..rules.registry import reasons_for


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
    meta: dict[str, Any] | None = None,
) -> Article:
    paragraphs = paragraphs_of(doc)
    fields: dict[str, Any] = dict(meta or {})
    fields.setdefault("url", url)
    if doc.authors and not fields.get("authors"):
        fields["authors"] = tuple(doc.authors)
    if doc.editor and not fields.get("editor"):
        fields["editor"] = doc.editor
    provenance = dict(doc.provenance)
    provenance.update(fields.pop("provenance", {}) or {})
    reason = fields.pop("reason", None)
    if not paragraphs and reason is None:
        reason = (
            "every line was removed by a rule" if doc.removals or doc.counts else "no text found"
        )
    known = reasons_for(options)
    fired = sorted({r.split("!", 1)[0] for r in doc.counts})
    reasons = tuple((rid, known[rid]) for rid in fired if rid in known)
    return Article(
        text="\n\n".join(paragraphs),
        paragraphs=paragraphs,
        dateline=doc.dateline,
        related=tuple(doc.related),
        removed=tuple(sorted(doc.removals, key=_position)),
        provenance=tuple(sorted(provenance.items())),
        mode=mode,
        reason=reason if not paragraphs else None,
        warnings=tuple(doc.warnings) + tuple(fields.pop("warnings", ())),
        rule_counts=tuple(sorted(doc.counts.items())),
        reasons=reasons,
        markdown=render_markdown(doc.blocks) if options.output == "markdown" else None,
        **fields,
    )


def _position(r: Any) -> int:
    """Removals in reading order: element removals (no line) first, then by line."""
    return -1 if r.line is None else r.line


def empty_article(reason: str, *, mode: str, url: str | None = None) -> Article:
    """The result for input that holds no article, saying why."""
    return Article(text="", mode=mode, url=url, reason=reason)
