"""The ``newsclean`` command: ``clean`` a corpus, ``explain`` one document, list the ``rules``.

Exit status: 0 when all went well, 1 when some documents failed (they are still written, as
error records), 2 for usage errors (bad option, missing file, bad rules file), 128 + the signal
number when interrupted (130 for Ctrl-C, 143 for SIGTERM, 129 for SIGHUP). See docs/cli.md.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import signal
import sys
import time
from collections.abc import Sequence
from typing import IO, Any

from . import batch
from ._version import __version__
from .article import Article
from .options import Options
from .rules.registry import all_rules, load_rules
from .rules.rule import RuleError

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
MAX_ERROR_LINES = 10  # error messages shown on stderr; the rest only go to the output


class UsageError(Exception):
    """Wrong use of the command: reported in one line, exit status 2."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (the console script exits with it)."""
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:  # argparse reports usage errors itself, with status 2
        return int(e.code or 0) if not isinstance(e.code, str) else EXIT_USAGE
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return int(args.func(args))
    except UsageError as e:
        print(f"newsclean {args.command}: error: {e}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:  # outside a batch run (which handles its own signals)
        return 128 + signal.SIGINT
    except batch.Interrupted as e:  # a signal during a batch run's clean-up
        return 128 + e.signum


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsclean",
        description="Clean Indonesian news pages and texts into article text plus metadata.",
    )
    parser.add_argument("--version", action="version", version=f"newsclean {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    clean = sub.add_parser(
        "clean",
        help="clean files, directories, JSONL or WARC into JSON Lines",
        description=(
            "Clean every document of the inputs and write one JSON record per document, in "
            "input order. INPUT is an .html or .txt file, a directory (searched recursively), "
            "a .jsonl or .jsonl.gz file (one document per line), a .warc or .warc.gz file, "
            "or - for standard input (JSONL, WARC or one document, told apart by content)."
        ),
    )
    clean.add_argument("inputs", nargs="+", metavar="INPUT")
    clean.add_argument("-o", "--output", metavar="OUT", help="write here instead of stdout")
    clean.add_argument(
        "-w",
        "--workers",
        type=int,
        default=0,
        metavar="N",
        help="worker processes (default 0: all cores)",
    )
    clean.add_argument(
        "--mode",
        choices=batch.MODES,
        default="auto",
        help="auto (default): HTML for pages and 'html' fields, text for .txt and 'text' "
        "fields, sniffed otherwise; html or text: force one mode for every document",
    )
    clean.add_argument(
        "--field",
        metavar="NAME",
        help="the JSONL field holding the document (default: 'html', else 'text')",
    )
    clean.add_argument(
        "--format",
        choices=batch.FORMATS,
        default="jsonl",
        help="jsonl (default): one record per document; text: the clean texts only",
    )
    _add_rule_options(clean)
    clean.add_argument(
        "--no-trail",
        action="store_true",
        help="leave the list of removals out of the records (rule counts are still kept)",
    )
    clean.add_argument("--stats", metavar="FILE", help="write the end-of-run summary as JSON")
    clean.add_argument(
        "--resume",
        action="store_true",
        help="continue a run that was cut short: keep the records already in OUT (-o) and "
        "clean only the documents after them (same inputs, same order)",
    )
    clean.add_argument(
        "--chunk-size",
        type=int,
        default=64,
        metavar="N",
        help="documents per unit of work sent to a worker (default 64)",
    )
    clean.add_argument(
        "--no-progress", action="store_true", help="no progress bar, even on a terminal"
    )
    clean.add_argument(
        "-q", "--quiet", action="store_true", help="no summary and no error messages on stderr"
    )
    clean.set_defaults(func=_cmd_clean)

    explain = sub.add_parser(
        "explain",
        help="show the clean text of one file and every removal with its rule and reason",
        description=(
            "Clean one .html or .txt file (or - for standard input) and show the clean text, "
            "the metadata, and every removal with its rule id and reason."
        ),
    )
    explain.add_argument("file", metavar="FILE")
    explain.add_argument("--mode", choices=batch.MODES, default="auto")
    explain.add_argument("--url", help="the page's URL (helps metadata and site profiles)")
    _add_rule_options(explain)
    explain.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    explain.set_defaults(func=_cmd_explain)

    rules = sub.add_parser(
        "rules",
        help="list every rule with its id, reason and examples",
        description="List the rules (built-in, plus those of --rules files) with their examples.",
    )
    rules.add_argument(
        "select", nargs="*", metavar="ID", help="only these rule ids or families ('related')"
    )
    rules.add_argument("--json", action="store_true", help="machine-readable output")
    rules.add_argument(
        "--rules", action="append", default=[], metavar="FILE", help="also list these rules"
    )
    rules.set_defaults(func=_cmd_rules)
    return parser


def _add_rule_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--rules",
        action="append",
        default=[],
        metavar="FILE",
        help="add your own rules from a TOML file of [[rule]] tables (repeatable)",
    )
    p.add_argument(
        "--disable",
        action="append",
        default=[],
        metavar="ID,...",
        help="switch off rules or whole families ('related', 'ads.advertisement')",
    )
    p.add_argument(
        "--only",
        action="append",
        default=None,
        metavar="ID,...",
        help="run only these rules or families (to see what one rule does)",
    )


def _rule_files(paths: list[str]) -> list[Any]:
    """The rules of the user's ``--rules`` files; a missing or bad file is a usage error."""
    rules: list[Any] = []
    for path in paths:
        if not os.path.isfile(path):
            raise UsageError(f"no such rules file: {path!r}")
        try:
            rules.extend(load_rules(path))
        except RuleError as e:
            raise UsageError(f"bad rules file: {e}") from e
    return rules


def _options(args: argparse.Namespace, **extra: Any) -> Options:
    """Options from the rule flags; unknown rule ids are usage errors (typos fail loudly)."""
    extra_rules = _rule_files(args.rules)
    known = _known_names(extra_rules)

    def ids(values: list[str] | None) -> frozenset[str] | None:
        if values is None:
            return None
        out = frozenset(v.strip() for value in values for v in value.split(",") if v.strip())
        for name in sorted(out):
            if name not in known:
                close = difflib.get_close_matches(name, sorted(known), n=1)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                raise UsageError(f"unknown rule id or family {name!r}{hint}")
        return out

    try:
        return Options(
            disable=ids(args.disable) or frozenset(),
            only=ids(args.only),
            extra_rules=tuple(extra_rules),
            **extra,
        )
    except (TypeError, ValueError) as e:
        raise UsageError(str(e)) from e


def _known_names(extra: Sequence[Any]) -> set[str]:
    names: set[str] = set()
    for rule in (*all_rules(), *extra):
        names.add(rule.id)
        family = rule.id.split(".", 1)[0]
        names.update((family, f"{family}.*"))
    return names


# -- clean ---------------------------------------------------------------------------------


def _cmd_clean(args: argparse.Namespace) -> int:
    if args.workers < 0:
        raise UsageError("--workers must be 0 (all cores) or more")
    if args.chunk_size < 1:
        raise UsageError("--chunk-size must be at least 1")
    try:
        inputs = batch.check_inputs(args.inputs)
    except batch.InputError as e:
        raise UsageError(str(e)) from e
    options = _options(args, trail=not args.no_trail)
    cleaner = batch.Cleaner(options, args.mode, args.field, args.format)
    workers = args.workers or batch.default_workers()
    resume = _resume_point(args)
    out, close = _open_output(args.output, inputs, append=resume is not None)
    report = _Report(
        sys.stderr,
        progress=not args.no_progress and not args.quiet and _isatty(sys.stderr),
        quiet=args.quiet,
    )
    summary = batch.Summary()
    guard = batch.Guard()
    guard.install()
    status = EXIT_OK
    try:
        batch.run(
            inputs,
            out,
            cleaner,
            workers=workers,
            chunk_docs=args.chunk_size,
            guard=guard,
            summary=summary,
            on_chunk=report.chunk,
            exclude=[args.output] if close is not None else [],
            resume=resume,
        )
    except batch.InputError as e:  # --resume on an output of other inputs
        raise UsageError(str(e)) from e
    except batch.Interrupted as e:
        summary.interrupted = signal.Signals(e.signum).name
        status = 128 + e.signum
    except BrokenPipeError:
        # The reader went away (`newsclean clean ... | head`): stop quietly, like any filter.
        summary.interrupted = "SIGPIPE"
        status = 128 + signal.SIGPIPE
        _silence_stdout()
    finally:
        guard.restore()
        report.done()
        if close is not None:
            close.close()
    if summary.errors and status == EXIT_OK:
        status = EXIT_FAILED
    if args.stats:
        _write_stats(args.stats, summary, args, inputs)
    if not args.quiet and summary.interrupted != "SIGPIPE":
        report.summary(summary)
    return status


def _resume_point(args: argparse.Namespace) -> batch.ResumePoint | None:
    """With --resume, where the output's earlier run stopped (None: start afresh)."""
    if not args.resume:
        return None
    if not args.output or args.output == "-":
        raise UsageError("--resume needs the output file of the earlier run (-o OUT)")
    if args.format != "jsonl":
        raise UsageError(
            "--resume needs --format jsonl (text output does not say where it stopped)"
        )
    if not os.path.exists(args.output):
        return batch.ResumePoint()
    try:
        return batch.resume_point(args.output)
    except batch.InputError as e:
        raise UsageError(str(e)) from e
    except OSError as e:
        raise UsageError(f"cannot read {args.output!r}: {e.strerror or e}") from e


def _open_output(
    path: str | None, inputs: list[str], *, append: bool = False
) -> tuple[Any, IO[bytes] | None]:
    """The stream to write to, and the file to close after (None for stdout)."""
    if path is None or path == "-":
        return sys.stdout, None
    for name in inputs:
        if (
            name != "-"
            and os.path.isfile(name)
            and os.path.exists(path)
            and os.path.samefile(name, path)
        ):
            raise UsageError(f"the output {path!r} is also an input")
    try:
        f = open(path, "ab" if append else "wb")  # noqa: SIM115 (closed by the caller)
    except OSError as e:
        raise UsageError(f"cannot write {path!r}: {e.strerror or e}") from e
    return f, f


def _silence_stdout() -> None:
    """After a broken pipe, point stdout at /dev/null so the interpreter's last flush is quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _write_stats(path: str, summary: batch.Summary, args: argparse.Namespace, inputs: list[str]):
    data = {"inputs": inputs, "mode": args.mode, "format": args.format, **summary.to_dict()}
    try:
        with open(path, "w", encoding="utf-8") as f:
            json.dump(data, f, ensure_ascii=False, indent=2)
            f.write("\n")
    except OSError as e:
        print(f"newsclean clean: cannot write stats to {path!r}: {e}", file=sys.stderr)


class _Report:
    """Everything `clean` says on stderr: the progress bar, the first errors, the summary."""

    def __init__(self, stream: IO[str], *, progress: bool, quiet: bool):
        self.stream = stream
        self.progress = progress
        self.quiet = quiet
        self.shown_errors = 0
        self.last_draw = 0.0
        self.drawn = False

    def chunk(self, summary: batch.Summary, result: batch.ChunkResult) -> None:
        if not self.quiet:
            for _kind, message in result.errors:
                if self.shown_errors < MAX_ERROR_LINES:
                    self._clear()
                    print(f"newsclean: {message}", file=self.stream)
                self.shown_errors += 1
        if self.progress:
            now = time.monotonic()
            if now - self.last_draw >= 0.2:
                self.last_draw = now
                self._draw(summary)

    def _draw(self, s: batch.Summary) -> None:
        line = f"{s.documents:,} documents  {s.docs_per_second:,.0f} docs/s  {s.errors:,} errors"
        spinner = "|/-\\"[int(s.seconds * 5) % 4]
        self.stream.write(f"\r\x1b[K{spinner} {line}")
        self.stream.flush()
        self.drawn = True

    def _clear(self) -> None:
        if self.drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.drawn = False

    def done(self) -> None:
        self._clear()

    def summary(self, s: batch.Summary) -> None:
        w = self.stream
        more = self.shown_errors - MAX_ERROR_LINES
        if more > 0:
            print(f"newsclean: ... and {more:,} more errors (see the error records)", file=w)
        with_text = s.documents - s.errors - s.empty
        head = (
            f"newsclean: {s.documents:,} documents in {s.seconds:.1f} s "
            f"({s.docs_per_second:,.0f} docs/s, {s.workers} worker{'s' if s.workers != 1 else ''})"
            f": {with_text:,} with text, {s.empty:,} empty, {s.errors:,} errors"
        )
        print(head, file=w)
        if s.resumed:
            print(f"resumed: {_n(s.resumed, 'document')} already in the output were kept", file=w)
        if s.interrupted:
            print(f"interrupted by {s.interrupted}: the output holds whole records only", file=w)
        if s.error_kinds:
            kinds = ", ".join(f"{k} {n:,}" for k, n in sorted(s.error_kinds.items()))
            print(f"errors by kind: {kinds}", file=w)
        skipped = []
        if s.skipped_files:
            skipped.append(f"{_n(s.skipped_files, 'file')} of other kinds in directories")
        if s.skipped_records:
            skipped.append(f"{_n(s.skipped_records, 'WARC record')} that are not HTML")
        if skipped:
            print("skipped: " + "; ".join(skipped), file=w)
        if s.rules:
            print("rules fired:", file=w)
            for rule_id, n in sorted(s.rules.items(), key=lambda kv: (-kv[1], kv[0])):
                print(f"  {n:>9,}  {rule_id}", file=w)


def _n(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


# -- explain -------------------------------------------------------------------------------


class _Colors:
    def __init__(self, on: bool):
        self.on = on

    def __call__(self, code: str, text: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if self.on else text


def _cmd_explain(args: argparse.Namespace) -> int:
    options = _options(args)
    path = args.file
    if path == "-":
        payload = sys.stdin.buffer.read()
    else:
        if os.path.isdir(path):
            raise UsageError(f"{path!r} is a directory; explain takes one file")
        try:
            with open(path, "rb") as f:
                payload = f.read()
        except FileNotFoundError as e:
            raise UsageError(f"no such file: {path!r}") from e
        except OSError as e:
            raise UsageError(f"cannot read {path!r}: {e.strerror or e}") from e
    mode = args.mode
    if mode == "auto":
        low = path.lower()
        mode = (
            "html"
            if low.endswith(batch.HTML_SUFFIXES)
            else "text"
            if low.endswith(batch.TEXT_SUFFIXES)
            else "sniff"
        )
    article = batch.clean_document(payload, mode, args.url, options)
    color = args.color == "always" or (
        args.color == "auto" and _isatty(sys.stdout) and not os.environ.get("NO_COLOR")
    )
    sys.stdout.write(render_explanation(article, path, _Colors(color)))
    return EXIT_OK


def render_explanation(article: Article, name: str, c: _Colors | None = None) -> str:
    """The clean text, the metadata, then every removal (in reading order) with rule and reason."""
    c = c or _Colors(False)
    reasons = dict(article.reasons)
    out = [c("1", f"== {name} ({article.mode} mode) ==")]
    meta = [
        ("title", article.title),
        ("authors", ", ".join(article.authors) or None),
        ("editor", article.editor),
        ("published", article.published.isoformat() if article.published else None),
        ("publisher", article.publisher),
        (
            "dateline",
            article.dateline
            and " / ".join(p for p in (article.dateline.place, article.dateline.outlet) if p),
        ),
    ]
    for key, value in meta:
        if value:
            src = article.source_of(key)
            out.append(f"{key}: {value}" + (c("2", f"  [{src}]") if src else ""))
    for rel in article.related:
        out.append(f"related: {rel.headline}" + (f" <{rel.url}>" if rel.url else ""))
    out.append("")
    n_par, n_chars = len(article.paragraphs), len(article.text)
    out.append(c("1", f"-- clean text: {n_par} paragraphs, {n_chars:,} characters --"))
    if article.text:
        out.append(article.text)
    else:
        out.append(c("33", f"(no text: {article.reason})"))
    out.append("")
    removed = sorted(article.removed, key=lambda r: (r.line or 0, r.column or 0))
    out.append(c("1", f"-- removed: {len(removed)} --"))
    if not removed:
        out.append("(nothing)")
    for r in removed:
        rule_reason = reasons.get(r.rule) or reasons.get(r.rule.split("!", 1)[0])
        out.append(f"{c('1;36', r.rule)}  {c('2', f'{r.kind}, {r.where}')}")
        out.append("    " + c("31", repr(_snippet(r.text))))
        if rule_reason:
            out.append("    " + c("2", f"why: {rule_reason}"))
    for w in article.warnings:
        out.append(c("33", f"warning: {w}"))
    return "\n".join(out) + "\n"


def _snippet(text: str, limit: int = 200) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# -- rules ---------------------------------------------------------------------------------


def _cmd_rules(args: argparse.Namespace) -> int:
    rules = list(all_rules(_rule_files(args.rules)))
    if args.select:
        wanted = set(args.select)
        rules = [r for r in rules if r.id in wanted or r.id.split(".", 1)[0] in wanted]
        if not rules:
            raise UsageError(f"no rule matches {', '.join(sorted(wanted))}")
    if args.json:
        data = [r.to_mapping() for r in rules]
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return EXIT_OK
    lines: list[str] = []
    for r in rules:
        lines.append(f"{r.id}  [{r.scope}, {r.origin}]")
        lines.append(f"    {r.reason}")
        for ex in r.removes:
            shown = repr(ex.input) + (f" -> {ex.output!r}" if ex.output else "")
            lines.append(f"    removes: {shown}")
        for keep in r.keeps:
            lines.append(f"    keeps:   {keep!r}")
        lines.append("")
    lines.append(f"{len(rules)} rules")
    sys.stdout.write("\n".join(lines) + "\n")
    return EXIT_OK
