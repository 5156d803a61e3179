"""The order of the stages, in one place.

Text mode (``clean_text``)::

    check input → normalize (white space, entities, split and re-join lines) → drop a
    run-together copy of the body and lines holding only a date → rules (line, lead, span,
    tail) → document rules (repeats, doubled titles, writer's bio, title above the dateline,
    off-topic headlines) → repair glued words → metadata candidates → finish (resolve the
    metadata)

HTML mode (``clean_html``)::

    check input → decode → parse → page signals → profile → body → metadata candidates → DOM
    rules → blocks → date lines → rules (line, lead, span, tail) → document rules → repair
    glued words → finish (resolve the metadata: the page's candidates, then the text rules')
    → page type

Each stage is a module of ``newsclean.stages``; each rule they apply has an id and a reason, and
every removal is written to the trail.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import Any, cast
from urllib.parse import urlsplit

from .article import Article
from .document import Block, Doc
from .options import DEFAULT, Options
from .options import _named as named
from .profiles import Profile, host_of, profile_for_host, profile_named
from .rules.registry import ruleset_for
from .selectors import PageVocab
from .stages.blocks import blocks_of
from .stages.body import (
    find_body,
    lines_to_blocks,
    profile_bodies,
    safety_net,
    too_much_for_trafilatura,
    trafilatura_blocks,
    visible_text,
)
from .stages.decode import clean_chars, decode, looks_binary
from .stages.document_rules import (
    drop_author_bio,
    drop_date_lines,
    drop_off_topic_headlines,
    drop_repeats,
    drop_run_together_copy,
    drop_title_above_dateline,
)
from .stages.dom import drop_link_tail, remove_link_lists, remove_named_regions, remove_noise
from .stages.finish import empty_article, finish
from .stages.guard import failure_note, run_stage
from .stages.metadata import page_url, read_metadata
from .stages.metadata_text import doc_candidates, text_metadata
from .stages.normalize import REJOIN, normalize_text, note_joins, split_lines, strip_outer_quotes
from .stages.page_type import page_signals, with_page_type
from .stages.parse import looks_like_html, parse
from .stages.repair import repair_glued_words
from .stages.resolve import Candidate


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
    # the publisher's profile (Options.site, or the URL's host) lends its disabled rules and
    # its zone, as in HTML mode
    profile = profile_named(opts.site) if opts.site else profile_for_host(host_of(url))
    if profile and profile.disable:
        opts = opts.replace(disable=opts.disable | profile.disable)
    # (a normalisation, not a removal: Options.only leaves it on, Options.disable turns it off)
    rejoin = not named(REJOIN.id, opts.disable)
    rules = ruleset_for(opts)
    warnings: list[str] = []
    lines = run_stage(
        warnings,
        "normalize",
        lambda: split_lines(
            strip_outer_quotes(normalize_text(text)), rejoin=rejoin, label=rules.takes_next_line
        ),
        default=None,
    )
    doc = Doc(lines if lines is not None else _raw_lines(text), trail=opts.trail)
    doc.warnings.extend(warnings)
    w = doc.warnings
    try:
        run_stage(w, "normalize", note_joins, doc, default=None)
        run_stage(w, "date-lines", drop_run_together_copy, doc, opts, default=None)
        run_stage(w, "date-lines", drop_date_lines, doc, opts, default=None)
        run_stage(w, "rules", rules.apply, doc, opts.rule_timeout, default=None)
        # (once more: a copy whose dateline or ad marker only the rules cut now matches)
        run_stage(w, "date-lines", drop_run_together_copy, doc, opts, default=None)
        _document_rules(doc, opts)
        found: list[Candidate] = []
        candidates = run_stage(w, "metadata", text_metadata, doc, url, default=found)
        return finish(
            doc,
            opts,
            mode="text",
            url=url,
            candidates=candidates,
            site=profile.name if profile else None,
        )
    except Exception as e:  # finish itself, or a bug outside the stages: keep the text
        return _degraded(doc, "text", url, failure_note("finish", e))


def _document_rules(doc: Doc, opts: Options) -> None:
    """The document rules and the glued-word repair, each guarded (both modes)."""
    w = doc.warnings
    run_stage(w, "document-rules", drop_repeats, doc, opts, default=None)
    run_stage(w, "document-rules", drop_author_bio, doc, opts, default=None)
    run_stage(w, "document-rules", drop_title_above_dateline, doc, opts, default=None)
    run_stage(w, "document-rules", drop_off_topic_headlines, doc, opts, default=None)
    run_stage(w, "repair", repair_glued_words, doc, opts, default=None)


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
    signals = run_stage(notes, "page-type", page_signals, root, url, default=None)  # (before
    try:  # the stages edit the tree)
        article = _clean_tree(root, url, opts, notes)
    except Exception as e:  # a stage outside the guarded ones failed: keep the page's text
        return _page_text(root, url, opts, [*notes, failure_note("html", e)])
    if signals is None:
        return article
    warnings: list[str] = []
    typed = run_stage(warnings, "page-type", with_page_type, article, signals, default=article)
    return _with_notes(typed, warnings)


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
        if generic is not None and _text_length(list(generic.elements)) > 3 * _text_length(bodies):
            bodies, found_by = list(generic.elements), "generic"
            notes = [*notes, f"the body the {profile.name} profile found was too short"]
    net_lines: tuple[str, ...] | None = None
    net_asked = False
    if not bodies:
        generic = find_body(root)
        bodies = list(generic.elements) if generic is not None else []
        unsure = generic.unsure if generic is not None else "no body found"
        if unsure and opts.html_fallback:
            kept = cast("tuple[tuple[str, ...] | None, str]", (None, found_by))
            net_lines, found_by = run_stage(
                notes,
                "safety-net",
                _safety_net,
                root,
                bodies,
                unsure,
                url,
                default=kept,
            )
            net_asked = found_by != "generic"
    # a profile's disable reaches every stage: the DOM rules as well as the text rules
    rule_opts = (
        opts.replace(disable=opts.disable | profile.disable)
        if profile and profile.disable
        else opts
    )
    # before the DOM stage edits the tree
    nothing: list[Candidate] = []
    candidates = run_stage(
        notes,
        "metadata",
        read_metadata,
        root,
        profile,
        url,
        vocab,
        bodies,
        opts.reference_time,
        default=nothing,
    )
    base = page_url(candidates) or url  # the canonical URL, else ``url``: never a malformed one
    doc = Doc([], trail=opts.trail)
    doc.warnings.extend(notes)
    if net_asked:
        doc.counts[NET_ASKED] += 1
    blocks: list[Block] = []
    w = doc.warnings
    for body in bodies if net_lines is None else ():
        run_stage(
            w,
            "dom",
            remove_noise,
            body,
            doc,
            rule_opts,
            profile_drop=profile.drop if profile else (),
            profile_related=profile.related if profile else (),
            profile_name=profile.name if profile else None,
            base_url=base,
            vocab=vocab,
            default=None,
        )
        # (lists of headlines become related links before named regions go)
        run_stage(w, "dom", remove_link_lists, body, doc, rule_opts, base, default=None)
        run_stage(w, "dom", remove_named_regions, body, doc, rule_opts, default=None)
        blocks.extend(run_stage(w, "blocks", blocks_of, body, base, len(blocks) + 1, default=[]))
    if net_lines is not None:
        blocks = lines_to_blocks(net_lines, "trafilatura")
        doc.counts[NET_TAKEN] += 1
    elif (
        not blocks
        and opts.html_fallback
        and not net_asked  # (trafilatura's answer was weighed already: not asked twice)
        and not too_much_for_trafilatura(root, len(visible_text(root)))
    ):
        blocks = run_stage(w, "fallback", trafilatura_blocks, root, url, default=[])
        found_by = "trafilatura"
    if not blocks:
        empty = empty_article("no article body found on the page", mode="html", url=base)
        return replace(empty, warnings=tuple(doc.warnings), site=profile.name if profile else None)
    doc.blocks = blocks
    run_stage(w, "dom", drop_link_tail, doc, rule_opts, default=None)
    run_stage(w, "date-lines", drop_date_lines, doc, rule_opts, default=None)
    run_stage(w, "rules", ruleset_for(rule_opts).apply, doc, rule_opts.rule_timeout, default=None)
    _document_rules(doc, rule_opts)
    try:
        return finish(
            doc,
            rule_opts,
            mode="html",
            url=base,
            candidates=[*candidates, *doc_candidates(doc)],  # the page's, then the text rules'
            site=profile.name if profile else None,
            provenance={"body": found_by},
        )
    except Exception as e:  # keep the text the stages left
        return _degraded(doc, "html", base, failure_note("finish", e))


# Counted in Article.rule_counts (and so in the batch statistics): how often the generic finder
# was unsure and trafilatura was asked, and how often trafilatura's text was taken.
NET_ASKED = "body.safety-net"
NET_TAKEN = "body.safety-net-taken"


def _safety_net(
    root: Any, bodies: list[Any], unsure: str, url: str | None
) -> tuple[tuple[str, ...] | None, str]:
    """Trafilatura's lines when the generic finder is unsure and trafilatura covers the story
    better (see :func:`newsclean.stages.body.safety_net`), and how the body was found."""
    if too_much_for_trafilatura(root, len(visible_text(root))):
        return None, "generic"
    text = " ".join(" ".join(visible_text(el) for el in bodies).split())
    title = root.find(".//h1")
    evidence = " ".join(
        [
            title.text_content() if title is not None else "",
            *(
                m.get("content") or ""
                for m in root.iter("meta")
                if (m.get("property") or m.get("name") or "").lower()
                in ("og:title", "og:description", "description")
            ),
        ]
    )
    choice = safety_net(root, text, evidence, url)
    if choice.lines is None:
        return None, f"generic (unsure: {unsure}; kept: {choice.why})"
    return choice.lines, f"trafilatura (unsure: {unsure}; {choice.why})"


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
    hosts: Counter[str] = Counter()
    for a in root.iter("a"):
        href = a.get("href") or ""
        if href.startswith(("http://", "https://", "//")):
            # (the host by hand: urlsplit on every link of a page costs more than the rest)
            hosts[href.split("/", 3)[2].split("@")[-1].split(":")[0].lower()] += 1
    total = sum(hosts.values())
    votes: dict[str, int] = {}
    by_name: dict[str, Profile] = {}
    for host, n in hosts.items():
        p = profile_for_host(host)
        if p is not None:
            votes[p.name] = votes.get(p.name, 0) + n
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
