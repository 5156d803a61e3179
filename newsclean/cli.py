"""The ``newsclean`` command: ``clean`` a corpus, ``explain`` one document, list the ``rules``.

Exit status: 0 when all went well, 1 when some documents failed (they are still written, as
error records), 2 for usage errors (bad option, missing file, bad rules file), 128 + the signal
number when interrupted (130 for Ctrl-C, 143 for SIGTERM, 129 for SIGHUP). See docs/cli.md.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import time
import zlib
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


class _Formatter(argparse.HelpFormatter):
    """Descriptions wrapped as usual; epilogs (examples, exit status) printed as written."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if text.startswith("examples:"):
            return "".join(indent + line for line in text.splitlines(keepends=True))
        return super()._fill_text(text, width, indent)


_EXIT = """\
exit status:
  0    all went well
  1    {one}
  2    usage error: bad option, missing file, bad rules file, unknown rule id
"""

_EPILOG_MAIN = (
    """\
examples:
  newsclean clean halaman/ -o bersih.jsonl        clean a folder of pages into JSON Lines
  newsclean clean crawl.warc.gz --format markdown  WARC responses as markdown
  newsclean explain artikel.html                  why each line was removed
  newsclean explain artikel.jsonl --id nc-002     the same for one record of a JSONL file
  newsclean rules related                         the rules of the 'related' family

"""
    + _EXIT.format(one="some documents failed (clean), or the record explained holds none")
    + "  130  interrupted (128 + the signal number; 143 for SIGTERM)\n\n"
    "'newsclean COMMAND --help' tells more; docs/cli.md tells all."
)
_EPILOG_CLEAN = (
    """\
examples:
  newsclean clean halaman/ -o bersih.jsonl
  newsclean clean korpus.jsonl.gz --field isi -o bersih.jsonl --stats stats.json
  newsclean clean crawl.warc.gz --workers 2 --no-trail -o bersih.jsonl
  zcat korpus.jsonl.gz | newsclean clean - --format text > teks.txt
  newsclean clean halaman/ --format markdown -o bersih.md
  newsclean clean halaman/ --disable site.detik,related -o bersih.jsonl

"""
    + _EXIT.format(one="some documents failed; they are in the output as error records")
    + "  130  interrupted by Ctrl-C (143 SIGTERM, 129 SIGHUP): the output holds whole records\n"
    "  141  the reader of the output went away (newsclean clean ... | head)\n"
)
_EPILOG_EXPLAIN = """\
examples:
  newsclean explain artikel.html --url https://news.detik.com/berita/d-1/contoh
  newsclean explain teks.txt --only dateline
  newsclean explain korpus.jsonl --id nc-002        (or --line N, --record N, --url URL)
  newsclean explain crawl.warc.gz --url https://www.kompas.com/read/2024/01/01/contoh
  newsclean explain crawl.warc.gz --record 17      the 17th record 'clean' writes for it

""" + _EXIT.format(one="the record picked holds no document (as its error record says)")
_EPILOG_RULES = """\
examples:
  newsclean rules                     every rule, with its reason and examples
  newsclean rules related site.detik  one family and one publisher profile's rule
  newsclean rules --json --rules aturan-saya.toml > semua-aturan.json

exit status:
  0    all went well
  2    usage error: bad option, no rule matches, bad rules file
"""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsclean",
        description="Clean Indonesian news pages and texts into article text plus metadata.",
        epilog=_EPILOG_MAIN,
        formatter_class=_Formatter,
    )
    parser.add_argument("--version", action="version", version=f"newsclean {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    clean = sub.add_parser(
        "clean",
        help="clean files, directories, JSONL or WARC into JSON Lines",
        epilog=_EPILOG_CLEAN,
        formatter_class=_Formatter,
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
        help="jsonl (default): one record per document; text: the clean texts only (no ids); "
        "markdown: per document a comment naming it, '# title' and the body as markdown",
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
        help="show the clean text of one document and every removal with its rule and reason",
        epilog=_EPILOG_EXPLAIN,
        formatter_class=_Formatter,
        description=(
            "Clean one document and show the clean text, the metadata, and every removal with "
            "its rule id and reason. FILE is an .html or .txt file, - for standard input, or "
            "one record of a JSONL or WARC file, picked with --id, --line, --record or (WARC) "
            "--url."
        ),
    )
    explain.add_argument("file", metavar="FILE")
    explain.add_argument("--mode", choices=batch.MODES, default="auto")
    explain.add_argument(
        "--url",
        help="the page's URL (helps metadata and site profiles); in a JSONL or WARC file, "
        "picks the record with this URL",
    )
    pick = explain.add_argument_group("picking one record of a JSONL or WARC file")
    pick.add_argument("--id", help="the record whose 'id' field (JSONL) or WARC-Record-ID is ID")
    pick.add_argument("--line", type=int, metavar="N", help="the JSONL record on line N")
    pick.add_argument(
        "--record",
        type=int,
        metavar="N",
        help="the Nth record `clean` writes for this file (1 is the first)",
    )
    pick.add_argument(
        "--field", metavar="NAME", help="the JSONL field holding the document (as for clean)"
    )
    _add_rule_options(explain)
    explain.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    explain.set_defaults(func=_cmd_explain)

    rules = sub.add_parser(
        "rules",
        help="list every rule with its id, reason and examples",
        description="List the rules (built-in, plus those of --rules files) with their examples.",
        epilog=_EPILOG_RULES,
        formatter_class=_Formatter,
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
        help="switch off rules or whole families ('related', 'ads.advertisement', 'site.detik')",
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

    def ids(values: list[str] | None) -> frozenset[str] | None:
        if values is None:
            return None
        return frozenset(v.strip() for value in values for v in value.split(",") if v.strip())

    try:
        return Options(
            disable=ids(args.disable) or frozenset(),
            only=ids(args.only),
            extra_rules=tuple(extra_rules),
            **extra,
        )
    except (TypeError, ValueError) as e:  # UnknownRuleError is a ValueError
        raise UsageError(str(e)) from e


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
    markdown = {"output": "markdown"} if args.format == "markdown" else {}
    options = _options(args, trail=not args.no_trail, **markdown)
    cleaner = batch.Cleaner(options, args.mode, args.field, args.format)
    workers = args.workers or batch.default_workers()
    resume = _resume_point(args)
    out, close = _open_output(args.output, inputs, append=resume is not None)
    progress = not args.no_progress and not args.quiet and _isatty(sys.stderr)
    exclude = [args.output] if close is not None else []
    report = _Report(
        sys.stderr,
        progress=progress,
        quiet=args.quiet,
        total_bytes=batch.input_size(inputs, exclude) if progress else None,
        stats_file=args.stats,
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
            exclude=exclude,
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

    TOP_RULES = 5  # rules named in the summary; --stats has them all

    def __init__(
        self,
        stream: IO[str],
        *,
        progress: bool,
        quiet: bool,
        total_bytes: int | None = None,
        stats_file: str | None = None,
    ):
        self.stream = stream
        self.progress = progress
        self.quiet = quiet
        self.total_bytes = total_bytes or None  # known for files, JSONL; not for WARC, stdin
        self.stats_file = stats_file
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
        self.stream.write("\r\x1b[K" + progress_line(s, self.total_bytes))
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
        if s.skipped_outputs:
            skipped.append(f"{_n(s.skipped_outputs, 'earlier newsclean output')} in directories")
        if s.skipped_records:
            kinds = ", ".join(f"{k} {n:,}" for k, n in sorted(s.skipped_record_kinds.items()))
            skipped.append(f"{_n(s.skipped_records, 'WARC record')} with no page ({kinds})")
        if skipped:
            print("skipped: " + "; ".join(skipped), file=w)
        if s.rules:
            ranked = sorted(s.rules.items(), key=lambda kv: (-kv[1], kv[0]))
            top = ", ".join(f"{rule_id} {n:,}" for rule_id, n in ranked[: self.TOP_RULES])
            rest = len(ranked) - self.TOP_RULES
            where = f"all in {self.stats_file}" if self.stats_file else "--stats FILE for all"
            tail = f"; {rest:,} more rules ({where})" if rest > 0 else ""
            print(f"rules fired ({sum(s.rules.values()):,} removals): {top}{tail}", file=w)


def progress_line(s: batch.Summary, total_bytes: int | None) -> str:
    """The progress line: with the input's size known, a bar, the percentage and the time
    left (by the bytes done so far); else a spinner. Documents, rate and errors always."""
    counts = f"{s.documents:,} docs  {s.docs_per_second:,.0f} docs/s  {s.errors:,} errors"
    if not total_bytes or s.bytes_done > total_bytes:
        # (unknown; or the size was wrong: a .gz over 4 GiB, or of several members)
        return "|/-\\"[int(s.seconds * 5) % 4] + " " + counts
    done = min(1.0, s.bytes_done / total_bytes)
    bar = "#" * int(done * 20)
    this_run = s.bytes_done - s.bytes_resumed  # (the rate is that of this run)
    left = s.seconds * (total_bytes - s.bytes_done) / this_run if this_run > 0 else None
    eta = "ETA " + (_clock(left) if left is not None else "?")
    return f"[{bar:<20}] {done:4.0%}  {counts}  {_clock(s.seconds)} elapsed, {eta}"


def _clock(seconds: float) -> str:
    m, sec = divmod(int(seconds + 0.5), 60)
    h, m = divmod(m, 60)
    return f"{h}:{m:02d}:{sec:02d}" if h else f"{m}:{sec:02d}"


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
    if path != "-" and os.path.isdir(path):
        raise UsageError(f"{path!r} is a directory; explain takes one file")
    if path != "-" and not os.path.exists(path):
        raise UsageError(f"no such file: {path!r}")
    container = _container_kind(path)
    if container is not None:
        task = _Pick.of(args, container).find(path)
        if task.kind == "status":  # a redirect or error response: no page, as `clean` says
            name = f"{path}, record {task.id} <{task.url}> (HTTP {task.http_status})"
            sys.stdout.write(render_explanation(batch.status_article(task), name, _colors(args)))
            return EXIT_OK
        try:
            name, payload, url, mode = _task_document(task, path, args)
        except _Unexplainable as e:  # the record is there but holds no document: as `clean` says
            print(f"newsclean explain: {e}", file=sys.stderr)
            return EXIT_FAILED
    else:
        if args.id is not None or args.line is not None or args.record is not None:
            raise UsageError("--id, --line and --record pick a record of a JSONL or WARC file")
        name, payload, url = path, _read_all(path), args.url
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
    article = batch.clean_document(payload, mode, url, options)
    sys.stdout.write(render_explanation(article, name, _colors(args)))
    return EXIT_OK


def _colors(args: argparse.Namespace) -> _Colors:
    return _Colors(
        args.color == "always"
        or (args.color == "auto" and _isatty(sys.stdout) and not os.environ.get("NO_COLOR"))
    )


def _read_all(path: str) -> bytes:
    if path == "-":
        return sys.stdin.buffer.read()
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError as e:
        raise UsageError(f"cannot read {path!r}: {e.strerror or e}") from e


def _container_kind(path: str) -> str | None:
    """``jsonl`` or ``warc`` for a file of many documents (by suffix, or for standard input
    by its first bytes), else None: one document."""
    low = path.lower()
    if low.endswith(batch.JSONL_SUFFIXES):
        return "jsonl"
    if low.endswith(batch.WARC_SUFFIXES):
        return "warc"
    if path != "-":
        return None
    stream: Any = sys.stdin.buffer
    try:
        head = bytes(stream.peek(64)[:64]) if hasattr(stream, "peek") else b""
    except (OSError, ValueError):
        head = b""
    if head[:2] == b"\x1f\x8b":  # the start of the stream is enough to know what it holds
        try:
            unpack = zlib.decompressobj(16 + zlib.MAX_WBITS)
            head = unpack.decompress(bytes(stream.peek(65536)), 64)
        except zlib.error:
            return None
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    return "warc" if start.startswith(b"WARC/") else "jsonl" if start.startswith(b"{") else None


class _Pick:
    """Which record of a JSONL or WARC file to explain: exactly one selector."""

    def __init__(self, by: str, value: Any, container: str):
        self.by, self.value, self.container = by, value, container

    @classmethod
    def of(cls, args: argparse.Namespace, container: str) -> _Pick:
        given = [
            (name, value)
            for name, value in (
                ("id", args.id),
                ("line", args.line),
                ("record", args.record),
                ("url", args.url),
            )
            if value is not None
        ]
        if container == "warc" and args.line is not None:
            raise UsageError(
                "--line picks a JSONL line; in a WARC file use --id, --record or --url"
            )
        if len(given) != 1:
            what = "a JSONL" if container == "jsonl" else "a WARC"
            pickers = (
                "--id ID, --line N, --record N or --url URL"
                if container == "jsonl"
                else "--id WARC-RECORD-ID, --record N or --url URL"
            )
            how = "pick only one record, with one of" if given else "pick one record with"
            raise UsageError(f"{args.file} is {what} file; {how} {pickers}")
        by, value = given[0]
        if by in ("line", "record") and value < 1:
            raise UsageError(f"--{by} counts from 1")
        return cls(by, value, container)

    def describe(self) -> str:
        return f"{self.by} {self.value}"

    def find(self, path: str) -> batch.Task:
        try:
            inputs = batch.check_inputs([path])
        except batch.InputError as e:
            raise UsageError(str(e)) from e
        n = 0
        last_error: batch.Task | None = None
        for task in batch.iter_tasks(inputs):
            n += 1
            if task.kind == "error":
                last_error = task
            if self._matches(task, n):
                return task
        if last_error is not None and self.by != "line":
            _kind, message = last_error.data
            raise UsageError(f"{path}: no record with {self.describe()}; {message}")
        count = f"{n:,} record{'' if n == 1 else 's'}"
        raise UsageError(f"{path}: no record with {self.describe()} ({count} in the file)")

    def _matches(self, task: batch.Task, n: int) -> bool:
        if self.by == "record":
            return n == self.value
        if self.by == "line":
            return task.source.get("line") == self.value
        if task.kind == "jsonl":
            if str(self.value) not in task.data.decode("utf-8", "replace"):
                return False  # (a cheap test before parsing the line)
            obj = _json_object(task.data)
            key = "id" if self.by == "id" else "url"
            return obj is not None and key in obj and str(obj[key]) == str(self.value)
        if self.by == "url":
            return task.url == self.value
        return task.id is not None and _bare_id(str(task.id)) == _bare_id(str(self.value))


def _bare_id(record_id: str) -> str:
    """'<urn:uuid:X>', 'urn:uuid:X' and 'X' name the same WARC record."""
    return record_id.strip().strip("<>").removeprefix("urn:uuid:")


def _json_object(line: bytes) -> dict[str, Any] | None:
    try:
        obj = json.loads(line)
    except ValueError:
        return None
    return obj if isinstance(obj, dict) else None


class _Unexplainable(Exception):
    """The picked record holds no document (the error record `clean` writes for it)."""


def _task_document(
    task: batch.Task, path: str, args: argparse.Namespace
) -> tuple[str, bytes | str, str | None, str]:
    """What a picked record holds: a name for the header, the document, its URL, the mode."""
    where = f"{path}, line {task.source['line']}" if "line" in task.source else path
    if task.kind == "error":
        kind, message = task.data
        raise _Unexplainable(f"{where}: {kind}: {message}")
    if task.kind != "jsonl":  # a WARC record
        name = f"{path}, record {task.id}" + (f" <{task.url}>" if task.url else "")
        mode = args.mode if args.mode != "auto" else task.hint
        return name, task.data, task.url, mode
    obj = _json_object(task.data)
    if obj is None:
        raise _Unexplainable(f"{where}: malformed-json: the line is not a JSON object")
    name_field = args.field or ("html" if obj.get("html") is not None else "text")
    value = obj.get(name_field)
    if not isinstance(value, str):
        msg = f"{where}: missing-field: no {name_field!r} field holding a string (see --field)"
        raise _Unexplainable(msg)
    url = obj.get("url") if isinstance(obj.get("url"), str) else None
    doc_id = obj.get("id")
    name = where + (f" (id {doc_id})" if doc_id is not None else "")
    hint = name_field if name_field in ("html", "text") else "sniff"
    return name, value, url, args.mode if args.mode != "auto" else hint


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
    notes = sum(1 for r in removed if r.note)  # ("kept" and "join" remove nothing)
    label = f"-- removed: {len(removed) - notes}" + (f", notes: {notes}" if notes else "")
    out.append(c("1", f"{label} --"))
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
