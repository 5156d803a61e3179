"""The order of the stages, in one place.

Text mode (``clean_text``)::

    check input → normalize (white space, entities, split and re-join lines) → drop a
    run-together copy of the body and lines holding only a date → rules (line, lead, span,
    tail) → document rules (repeats, doubled titles, writer's bio, title above the dateline,
    off-topic headlines) → metadata → finish

HTML mode (``clean_html``)::

    check input → decode → parse → profile → metadata → body → DOM rules → blocks → date
    lines → rules (line, lead, span, tail) → document rules → finish

Each stage is a module of ``newsclean.stages``; each rule they apply has an id and a reason, and
every removal is written to the trail.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any
from urllib.parse import urlsplit

from .article import Article
from .document import Block, Doc
from .options import DEFAULT, Options
from .profiles import Profile, host_of, profile_for_host, profile_named
from .rules.registry import ruleset_for
from .selectors import PageVocab
from .stages.blocks import blocks_of
from .stages.body import find_body, profile_bodies, trafilatura_blocks
from .stages.decode import clean_chars, decode, looks_binary
from .stages.document_rules import (
    drop_author_bio,
    drop_date_lines,
    drop_off_topic_headlines,
    drop_repeats,
    drop_run_together_copy,
    drop_title_above_dateline,
)
from .stages.dom import remove_link_lists, remove_noise
from .stages.finish import empty_article, finish
from .stages.guard import failure_note, run_stage
from .stages.metadata import read_metadata
from .stages.metadata_text import text_metadata
from .stages.normalize import normalize_text, split_lines, strip_outer_quotes
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
    ``reason`` says why. Never raises for the text's content (a stage that fails is skipped
    with a warning); raises ``TypeError`` for a ``text`` that is not ``str`` or a ``url`` that
    is not ``str`` or None. A malformed URL string is ignored, with a warning.
    """
    opts = _options(options)
    if not isinstance(text, str):
        hint = (
            " (decode bytes first, or pass HTML to clean_html)"
            if isinstance(text, (bytes, bytearray))
            else ""
        )
        raise TypeError(f"clean_text() expects str, got {type(text).__name__}{hint}")
    url, notes = _check_url(url, "clean_text")
    text, note = clean_chars(text)
    return _with_notes(_clean_text(text, url, opts), notes + ([note] if note else []))


def _clean_text(text: str, url: str | None, opts: Options) -> Article:
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
    warnings: list[str] = []
    lines = run_stage(
        warnings,
        "normalize",
        lambda: split_lines(strip_outer_quotes(normalize_text(text))),
        default=None,
    )
    doc = Doc(lines if lines is not None else _raw_lines(text), trail=opts.trail)
    doc.warnings.extend(warnings)
    w = doc.warnings
    try:
        run_stage(w, "date-lines", drop_run_together_copy, doc, opts, default=None)
        run_stage(w, "date-lines", drop_date_lines, doc, opts, default=None)
        run_stage(w, "rules", ruleset_for(opts).apply, doc, opts.rule_timeout, default=None)
        run_stage(w, "document-rules", drop_repeats, doc, opts, default=None)
        run_stage(w, "document-rules", drop_author_bio, doc, opts, default=None)
        run_stage(w, "document-rules", drop_title_above_dateline, doc, opts, default=None)
        run_stage(w, "document-rules", drop_off_topic_headlines, doc, opts, default=None)
        meta = run_stage(w, "metadata", text_metadata, doc, url, default=None)
        return finish(doc, opts, mode="text", url=url, meta=meta)
    except Exception as e:  # finish itself, or a bug outside the stages: keep the text
        return _degraded(doc, "text", url, failure_note("finish", e))


def clean_html(
    html: str | bytes, *, url: str | None = None, options: Options | None = None
) -> Article:
    """Clean a news page: find the body, remove publisher artifacts, read the metadata.

    Returns an :class:`Article`; when the page holds no article (empty, binary, not HTML, no
    body found) its ``text`` is empty and its ``reason`` says why. Never raises for page
    content (a stage that fails is skipped with a warning); raises ``TypeError`` for a page that
    is not ``str`` or ``bytes`` or a ``url`` that is not ``str`` or None. A malformed URL
    string is ignored, with a warning.
    """
    opts = _options(options)
    if not isinstance(html, (str, bytes, bytearray, memoryview)):
        raise TypeError(f"clean_html() expects str or bytes, got {type(html).__name__}")
    url, url_notes = _check_url(url, "clean_html")
    return _with_notes(_clean_html(html, url, opts), url_notes)


def _clean_html(html: str | bytes, url: str | None, opts: Options) -> Article:
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
    else:
        text, notes = html, []
    if len(text) > opts.max_input_chars:
        return empty_article(_too_large(len(text), opts), mode="html", url=url)
    if not text.strip():
        return empty_article("empty input: the page is empty", mode="html", url=url)
    if "\x00" in text[:4096] and text[:4096].count("\x00") > 8:
        return empty_article("not HTML: the text looks binary", mode="html", url=url)
    text, note = clean_chars(text)
    if note:
        notes.append(note)
    if not text.strip():
        return empty_article("empty input: the page is empty", mode="html", url=url)
    if not looks_like_html(text):
        article = _clean_text(text, url, opts)
        return replace(
            article,
            mode="html",
            warnings=(
                *notes,
                "the input has no HTML tags; it was cleaned as text",
                *article.warnings,
            ),
        )
    root = run_stage(notes, "parse", parse, text, default=None)
    if root is None:
        empty = empty_article("not HTML: the page did not parse", mode="html", url=url)
        return _with_notes(empty, notes)
    try:
        return _clean_tree(root, url, opts, notes)
    except Exception as e:  # a stage outside the guarded ones failed: keep the page's text
        return _page_text(root, url, opts, [*notes, failure_note("html", e)])


def _clean_tree(root: Any, url: str | None, opts: Options, notes: list[str]) -> Article:
    profile = choose_profile(root, url, opts)
    vocab = PageVocab(root)
    bodies = profile_bodies(root, profile, vocab) if profile else []
    found_by = f"profile:{profile.name}" if bodies and profile else "generic"
    if bodies and profile and _too_short(bodies) and _looks_like_a_teaser(bodies):
        # A selector that found a promo card instead of the story (a redesign): the generic
        # finder gets a say when it finds several times the text. (A short story in a plain
        # body stays: a flash report is short too.)
        generic = find_body(root)
        if generic is not None and _text_length([generic]) > 3 * _text_length(bodies):
            bodies, found_by = [generic], "generic"
            notes = [*notes, f"the body the {profile.name} profile found was too short"]
    if not bodies:
        generic = find_body(root)
        bodies = [generic] if generic is not None else []
    # before the DOM stage edits the tree
    meta = run_stage(
        notes,
        "metadata",
        read_metadata,
        root,
        profile,
        url,
        vocab,
        bodies,
        opts.reference_time,
        default=None,
    ) or {"provenance": {}}
    base = meta.get("url") or url
    doc = Doc([], trail=opts.trail)
    doc.warnings.extend(notes)
    blocks: list[Block] = []
    w = doc.warnings
    for body in bodies:
        run_stage(
            w,
            "dom",
            remove_noise,
            body,
            doc,
            opts,
            profile_drop=profile.drop if profile else (),
            profile_related=profile.related if profile else (),
            profile_name=profile.name if profile else None,
            base_url=base,
            vocab=vocab,
            default=None,
        )
        run_stage(w, "dom", remove_link_lists, body, doc, opts, base, default=None)
        blocks.extend(run_stage(w, "blocks", blocks_of, body, base, len(blocks) + 1, default=[]))
    if not blocks and opts.html_fallback:
        blocks = trafilatura_blocks(root, url)
        found_by = "trafilatura"
    if not blocks:
        empty = empty_article("no article body found on the page", mode="html", url=base)
        return replace(empty, warnings=tuple(doc.warnings), site=profile.name if profile else None)
    doc.blocks = blocks
    rule_opts = (
        opts.replace(disable=opts.disable | profile.disable)
        if profile and profile.disable
        else opts
    )
    run_stage(w, "date-lines", drop_date_lines, doc, rule_opts, default=None)
    run_stage(w, "rules", ruleset_for(rule_opts).apply, doc, rule_opts.rule_timeout, default=None)
    run_stage(w, "document-rules", drop_repeats, doc, rule_opts, default=None)
    run_stage(w, "document-rules", drop_author_bio, doc, rule_opts, default=None)
    run_stage(w, "document-rules", drop_title_above_dateline, doc, rule_opts, default=None)
    run_stage(w, "document-rules", drop_off_topic_headlines, doc, rule_opts, default=None)
    if not meta.get("published") and doc.meta.get("published"):
        meta["published"] = doc.meta["published"]  # a date line in the body
        meta["provenance"]["published"] = doc.provenance["published"]
    meta["provenance"]["body"] = found_by
    if doc.authors and not meta.get("authors"):
        meta["provenance"]["authors"] = doc.provenance.get("authors", "body")
    meta["site"] = profile.name if profile else None
    try:
        return finish(doc, rule_opts, mode="html", url=base, meta=meta)
    except Exception as e:  # keep the text the stages left
        return _degraded(doc, "html", base, failure_note("finish", e))


_SHORT_BODY = 500  # characters: fewer than a real story's, more than a teaser's


def _text_length(elements: list[Any]) -> int:
    return sum(len(" ".join(el.text_content().split())) for el in elements)


def _too_short(bodies: list[Any]) -> bool:
    return _text_length(bodies) < _SHORT_BODY


_CHROME = frozenset({"aside", "nav", "footer", "header"})


def _looks_like_a_teaser(bodies: list[Any]) -> bool:
    """Mostly link text, or inside the page's chrome: not where a story's paragraphs are."""
    links = sum(len(" ".join(a.text_content().split())) for el in bodies for a in el.iter("a"))
    in_chrome = any(
        isinstance(up.tag, str) and up.tag in _CHROME for el in bodies for up in el.iterancestors()
    )
    return in_chrome or links >= 0.5 * _text_length(bodies)


def choose_profile(root: Any, url: str | None, opts: Options) -> Profile | None:
    """The profile Options.site names; else the one for the URL's host; else, for a page saved
    without its URL, the host of its canonical link, og:url, or most of its links."""
    if opts.site:
        return profile_named(opts.site)
    profile = profile_for_host(host_of(url))
    if profile is not None or url:
        return profile
    for el in root.iter("link", "meta"):
        if (el.get("rel") or "").lower() == "canonical" or (
            el.get("property") or ""
        ).lower() == "og:url":
            profile = profile_for_host(host_of(el.get("href") or el.get("content")))
            if profile:
                return profile
    votes: dict[str, int] = {}
    by_name: dict[str, Profile] = {}
    total = 0
    for a in root.iter("a"):
        href = a.get("href") or ""
        if href.startswith(("http://", "https://", "//")):
            total += 1
            p = profile_for_host(host_of(href))
            if p is not None:
                votes[p.name] = votes.get(p.name, 0) + 1
                by_name[p.name] = p
    if votes:
        name, n = max(votes.items(), key=lambda kv: kv[1])
        if n >= 0.3 * total:
            return by_name[name]
    return None


def _too_large(size: int, opts: Options) -> str:
    return (
        f"input too large: {size:,} characters; the limit is {opts.max_input_chars:,} "
        "(Options.max_input_chars)"
    )


# -- input checks, and the last resort when a stage outside the guarded ones fails ------------


def _check_url(url: Any, caller: str) -> tuple[str | None, list[str]]:
    """The URL to use and a note: a malformed one (``http://[::1``) is ignored with a warning,
    since it would fail deep inside (urljoin, host lookups); a non-string is a usage error."""
    if url is None:
        return None, []
    if not isinstance(url, str):
        raise TypeError(f"{caller}() argument url must be str or None, not {type(url).__name__}")
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port out of range or not a number
    except ValueError as e:
        return None, [f"the url argument {url[:200]!r} is not a valid URL ({e}); it was ignored"]
    return url, []


def _with_notes(article: Article, notes: list[str]) -> Article:
    if not notes:
        return article
    return replace(article, warnings=(*notes, *article.warnings))


def _raw_lines(text: str) -> list[Block]:
    """The input's lines as blocks, untouched: what text mode has when normalising failed."""
    return [Block(line, i) for i, line in enumerate(text.split("\n"), 1)]


def _degraded(doc: Doc, mode: str, url: str | None, note: str) -> Article:
    """The text the stages left, when assembling the Article failed."""
    paragraphs = tuple(" ".join(b.text.split()) for b in doc.blocks if not b.removed)
    paragraphs = tuple(p for p in paragraphs if p)
    return Article(
        text="\n\n".join(paragraphs),
        paragraphs=paragraphs,
        mode=mode,
        url=url,
        reason=None if paragraphs else "no text found",
        warnings=(*doc.warnings, note),
    )


def _page_text(root: Any, url: str | None, opts: Options, notes: list[str]) -> Article:
    """The page's visible text cleaned as text: what HTML mode has when a stage outside the
    guarded ones failed (finding the body, choosing a profile). Page chrome may remain; the
    warning says so."""
    try:
        body = root.find("body")
        lines = [b.text for b in blocks_of(body if body is not None else root, None)]
        article = _clean_text("\n".join(lines), url, opts)
        notes = [
            *notes,
            "the page was cleaned as plain text; menus and other page parts may remain",
        ]
        return replace(_with_notes(article, notes), mode="html")
    except Exception as e:
        empty = empty_article(f"internal error: {failure_note('html', e)}", mode="html", url=url)
        return _with_notes(empty, notes)
