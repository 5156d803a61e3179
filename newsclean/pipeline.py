"""The order of the stages, in one place.

Text mode (``clean_text``)::

    check input → normalize (white space, entities, split and re-join lines) → drop a
    run-together copy of the body → rules (line, lead, span, tail) → document rules (repeats,
    doubled titles, writer's bio) → metadata → finish

HTML mode (``clean_html``)::

    check input → decode → parse → profile → metadata → body → DOM rules → blocks → rules
    (line, lead, span, tail) → document rules → finish

Each stage is a module of ``newsclean.stages``; each rule they apply has an id and a reason, and
every removal is written to the trail.
"""

from __future__ import annotations

from .article import Article
from .document import Doc
from .options import DEFAULT, Options
from .rules.registry import ruleset_for
from .stages.document_rules import drop_author_bio, drop_repeats, drop_run_together_copy
from .stages.finish import empty_article, finish
from .stages.metadata_text import text_metadata
from .stages.normalize import normalize_text, split_lines


def _options(options: Options | None) -> Options:
    if options is None:
        return DEFAULT
    if not isinstance(options, Options):
        raise TypeError(f"options must be a newsclean.Options, not {type(options).__name__}")
    return options


def clean_text(text: str, *, url: str | None = None, options: Options | None = None) -> Article:
    """Clean article text that a scraper already extracted, artifacts and all.

    Returns an :class:`Article`; for empty or oversized input its ``text`` is empty and its
    ``reason`` says why. Raises ``TypeError`` for anything but ``str``.
    """
    opts = _options(options)
    if not isinstance(text, str):
        hint = (
            " (decode bytes first, or pass HTML to clean_html)"
            if isinstance(text, (bytes, bytearray))
            else ""
        )
        raise TypeError(f"clean_text() expects str, got {type(text).__name__}{hint}")
    if not text.strip():
        return empty_article(
            "empty input: the text is empty or only white space", mode="text", url=url
        )
    if len(text) > opts.max_input_chars:
        return empty_article(
            f"input too large: {len(text):,} characters; the limit is "
            f"{opts.max_input_chars:,} (Options.max_input_chars)",
            mode="text",
            url=url,
        )
    doc = Doc(split_lines(normalize_text(text)), trail=opts.trail)
    drop_run_together_copy(doc, opts)
    ruleset_for(opts).apply(doc, opts.rule_timeout)
    drop_repeats(doc, opts)
    drop_author_bio(doc, opts)
    return finish(doc, opts, mode="text", url=url, meta=text_metadata(doc, url))
