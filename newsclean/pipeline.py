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

from dataclasses import replace

from .article import Article
from .document import Doc
from .options import DEFAULT, Options
from .rules.registry import ruleset_for
from .stages.body import generic_blocks
from .stages.decode import decode, looks_binary
from .stages.document_rules import drop_author_bio, drop_repeats, drop_run_together_copy
from .stages.finish import empty_article, finish
from .stages.metadata_text import text_metadata
from .stages.normalize import normalize_text, split_lines
from .stages.parse import looks_like_html, parse


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


def clean_html(
    html: str | bytes, *, url: str | None = None, options: Options | None = None
) -> Article:
    """Clean a news page: find the body, remove publisher artifacts, read the metadata.

    Returns an :class:`Article`; when the page holds no article (empty, binary, not HTML, no
    body found) its ``text`` is empty and its ``reason`` says why. Never raises for page
    content; raises ``TypeError`` for anything but ``str`` or ``bytes``.
    """
    opts = _options(options)
    if isinstance(html, (bytes, bytearray, memoryview)):
        data = bytes(html)
        if len(data) > opts.max_input_chars:
            return empty_article(_too_large(len(data), opts), mode="html", url=url)
        if not data.strip():
            return empty_article("empty input: the page is empty", mode="html", url=url)
        if looks_binary(data):
            return empty_article(
                "not HTML: the bytes look binary (an image, PDF or archive?)", mode="html", url=url
            )
        decoded = decode(data)
        text, notes = decoded.text, [decoded.note] if decoded.note else []
    elif isinstance(html, str):
        text, notes = html, []
    else:
        raise TypeError(f"clean_html() expects str or bytes, got {type(html).__name__}")
    if len(text) > opts.max_input_chars:
        return empty_article(_too_large(len(text), opts), mode="html", url=url)
    if not text.strip():
        return empty_article("empty input: the page is empty", mode="html", url=url)
    if "\x00" in text[:4096] and text[:4096].count("\x00") > 8:
        return empty_article("not HTML: the text looks binary", mode="html", url=url)
    if not looks_like_html(text):
        article = clean_text(text, url=url, options=opts)
        return replace(
            article,
            mode="html",
            warnings=(
                *notes,
                "the input has no HTML tags; it was cleaned as text",
                *article.warnings,
            ),
        )
    root = parse(text)
    if root is None:
        return empty_article("not HTML: the page did not parse", mode="html", url=url)
    blocks, meta = generic_blocks(root, url) if opts.html_fallback else ([], {})
    if not blocks:
        return replace(
            empty_article("no article body found on the page", mode="html", url=url),
            warnings=tuple(notes),
        )
    doc = Doc(blocks, trail=opts.trail)
    doc.warnings.extend(notes)
    ruleset_for(opts).apply(doc, opts.rule_timeout)
    drop_repeats(doc, opts)
    drop_author_bio(doc, opts)
    fields = text_metadata(doc, url)
    fields["title"] = meta.get("title")
    return finish(doc, opts, mode="html", url=url, meta=fields)


def _too_large(size: int, opts: Options) -> str:
    return (
        f"input too large: {size:,} characters; the limit is {opts.max_input_chars:,} "
        "(Options.max_input_chars)"
    )
