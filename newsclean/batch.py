"""Batch cleaning for corpora: documents in from files, clean text out as ordered JSON Lines.

The command ``newsclean clean`` is a thin shell over :func:`run`. The design follows from three
promises to a corpus builder:

* **Every input document comes out exactly once, in input order.** Readers turn every input
  (a page, a JSONL line, a WARC response) into one :class:`Task`; what cannot be read becomes an
  error task rather than an exception, so a bad line costs one error record, not the run.
* **Memory stays flat however big the input.** Tasks are read lazily and grouped into small
  chunks (bounded by documents and bytes); only a few chunks per worker are in flight at once,
  and results are written in order as soon as the oldest chunk is done.
* **Output on disk is whole JSON lines.** Each chunk's records are written with one
  ``os.write`` of complete lines, and interruption (Ctrl-C, SIGTERM, SIGHUP) is deferred while
  a write is under way, so a stopped run leaves valid JSON Lines behind. Only SIGKILL, which
  no program can catch, may leave an unfinished last line.

Workers are processes (``concurrent.futures``), forked where the platform allows so that they
start with newsclean imported and its rules compiled. JSON parsing and serialising happen in the
workers too: the parent only splits input into lines and writes bytes. A worker that dies (a
segfault in a parser, the OOM killer) costs only the documents it was holding: the chunks then
in flight are retried one document at a time, and a document that kills its worker again gets
an error record of kind ``worker-crashed``.
"""

from __future__ import annotations

import contextlib
import gzip
import io
import json
import multiprocessing
import os
import re
import select
import signal
import stat
import sys
import time
import zlib
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import IO, Any

from .article import Article
from .options import Options
from .pipeline import clean_html, clean_text
from .stages.decode import bom_encoding

MODES = ("auto", "html", "text")
FORMATS = ("jsonl", "text", "markdown")

HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
TEXT_SUFFIXES = (".txt",)
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
WARC_SUFFIXES = (".warc", ".warc.gz")
KNOWN_SUFFIXES = HTML_SUFFIXES + TEXT_SUFFIXES + JSONL_SUFFIXES + WARC_SUFFIXES

_HTML_SNIFF = re.compile(
    rb"<\s*(?:!doctype|html|head|body|div|p|span|article|meta|title|section|table|br)\b", re.I
)
_HTML_TYPES = ("text/html", "application/xhtml+xml")


class InputError(Exception):
    """An input that cannot be used at all (missing file, ``-`` twice): a usage error."""


class Interrupted(BaseException):
    """Ctrl-C or SIGTERM arrived; the run stops after the write under way, if any.

    A BaseException, like KeyboardInterrupt: raised while a document is cleaned, it must not be
    taken for a failure of that document by an ``except Exception`` (a stage's guard, the
    error record of a document)."""

    def __init__(self, signum: int):
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


# -- tasks: one per input document ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Task:
    """One input document, or the error that stands in for one.

    ``kind`` says what ``data`` holds: ``file`` (a path; the worker reads it), ``bytes`` (a
    page or text already read), ``jsonl`` (one raw JSONL line; the worker parses it),
    ``status`` (a WARC response that is no page: a redirect or an error status; ``data`` is
    the reason its record gives) or ``error`` (a ``(kind, message)`` pair found while
    reading). ``hint`` is the mode the input suggests (``html``, ``text`` or ``sniff``);
    ``--mode html|text`` overrides it. ``http_status`` is the status of a WARC response
    (None for other inputs and for WARC resource records).
    """

    source: dict[str, Any]
    kind: str
    data: Any
    hint: str = "sniff"
    id: Any = None
    url: str | None = None
    size: int = 0
    http_status: int | None = None


@dataclass
class ReadStats:
    """What the readers passed over without making a document of it."""

    skipped_files: int = 0  # files of unknown kind inside a directory
    skipped_outputs: int = 0  # JSONL files in directories that are newsclean's own output
    skipped_kinds: Counter[str] = field(default_factory=Counter)  # WARC records, by kind

    @property
    def skipped_records(self) -> int:
        """WARC records that hold no document, of every kind."""
        return sum(self.skipped_kinds.values())


def check_inputs(inputs: Iterable[str]) -> list[str]:
    """The inputs, or :class:`InputError` for one that cannot even be opened as a path."""
    out = []
    stdin_seen = False
    for path in inputs:
        if path == "-":
            if stdin_seen:
                raise InputError("'-' (standard input) can be given only once")
            stdin_seen = True
        elif not os.path.exists(path):
            raise InputError(f"no such file or directory: {path!r}")
        elif path.lower().endswith(WARC_SUFFIXES) and not _has_warcio():
            raise InputError(
                f'{path}: reading WARC files needs warcio: pip install "newsclean[warc]"'
            )
        out.append(path)
    return out


def iter_tasks(
    inputs: Iterable[str], stats: ReadStats | None = None, exclude: Iterable[str] = ()
) -> Iterator[Task]:
    """Every document of every input, in order, as tasks (errors included, never raised).

    Files in ``exclude`` are passed over in directories: the output file, when it is written
    inside a folder being cleaned, must not become an input. So are JSONL files in directories
    that are newsclean's own output (an earlier run's ``-o`` file; counted in
    ``stats.skipped_outputs``): cleaning a folder twice must not read the first run's output.
    """
    stats = stats if stats is not None else ReadStats()
    skip = {os.path.realpath(p) for p in exclude}
    for path in inputs:
        if path == "-":
            yield from _read_stream(sys.stdin.buffer, "-", stats)
        elif os.path.isdir(path):
            for file in _dir_inputs(path, stats, skip):
                yield from _read_path(file, stats)
        else:
            yield from _read_path(path, stats)


def _dir_inputs(root: str, stats: ReadStats, skip: set[str]) -> Iterator[str]:
    """The files of a directory that are inputs: not the output, not an earlier output."""
    for file in _walk(root, stats):
        if skip and os.path.realpath(file) in skip:
            continue
        if file.lower().endswith(JSONL_SUFFIXES) and is_newsclean_output(file):
            stats.skipped_outputs += 1
            continue
        yield file


# Keys every record newsclean writes has (an article's or an error's), beside ``source``.
_OUTPUT_KEYS = ("source", "id")
_OUTPUT_BODY_KEYS = ("removed", "error")


def is_newsclean_output(path: str) -> bool:
    """Whether a JSONL file is newsclean's own output: its first record has the keys only
    newsclean writes together (``source`` as an object, ``id``, and ``removed`` or
    ``error``). Scraped input has ``id`` and ``text`` but never ``source`` with ``removed``."""
    try:
        opener: Any = gzip.open if path.lower().endswith(".gz") else open
        with opener(path, "rb") as f:
            first = b""
            for line in f:
                if line.strip():
                    first = line
                    break
        obj = json.loads(first) if first else None
    except (OSError, EOFError, ValueError):
        return False
    return (
        isinstance(obj, dict)
        and all(k in obj for k in _OUTPUT_KEYS)
        and isinstance(obj["source"], dict)
        and any(k in obj for k in _OUTPUT_BODY_KEYS)
    )


def input_size(inputs: Iterable[str], exclude: Iterable[str] = ()) -> int | None:
    """The bytes the run will read, in the unit of :attr:`Task.size`, when known before
    reading: for pages, texts and JSON Lines (a ``.gz`` by the size its trailer records).
    None when an input is standard input, a WARC or a file of unknown kind: progress then
    shows no percentage."""
    skip = {os.path.realpath(p) for p in exclude}
    total = 0
    for path in inputs:
        if path == "-":
            return None
        files = _dir_inputs(path, ReadStats(), skip) if os.path.isdir(path) else [path]
        for file in files:
            size = _known_size(file)
            if size is None:
                return None
            total += size
    return total


def _known_size(path: str) -> int | None:
    low = path.lower()
    try:
        if low.endswith(HTML_SUFFIXES + TEXT_SUFFIXES) or low.endswith((".jsonl", ".ndjson")):
            return os.path.getsize(path)
        if low.endswith(JSONL_SUFFIXES):  # gzip: the uncompressed size, modulo 4 GiB
            packed = os.path.getsize(path)
            with open(path, "rb") as f:
                f.seek(max(0, packed - 4))
                size = int.from_bytes(f.read(4), "little")
            return size if size >= packed // 2 else None  # (over 4 GiB: not known)
    except OSError:
        return 0
    return None


def _walk(root: str, stats: ReadStats) -> Iterator[str]:
    """Files of known kinds under a directory, in sorted order (hidden entries skipped)."""
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            if name.lower().endswith(KNOWN_SUFFIXES):
                yield os.path.join(dirpath, name)
            else:
                stats.skipped_files += 1


def _read_path(path: str, stats: ReadStats) -> Iterator[Task]:
    low = path.lower()
    if low.endswith(HTML_SUFFIXES) or low.endswith(TEXT_SUFFIXES):
        hint = "text" if low.endswith(TEXT_SUFFIXES) else "html"
        try:
            size = os.path.getsize(path)
        except OSError:
            size = 0
        yield Task({"path": path}, "file", path, hint=hint, size=size)
        return
    try:
        stream: IO[bytes] = open(path, "rb")  # noqa: SIM115 (closed below, generator-safe)
    except OSError as e:
        yield _error({"path": path}, "unreadable", f"cannot open the file: {e.strerror or e}")
        return
    with stream:
        if low.endswith(JSONL_SUFFIXES):
            if low.endswith(".gz"):
                stream = _buffered(gzip.GzipFile(fileobj=stream))
            yield from _read_jsonl(stream, path)
        elif low.endswith(WARC_SUFFIXES):
            yield from _read_warc(stream, path, stats)
        else:
            yield from _read_stream(stream, path, stats)


def _read_stream(stream: IO[bytes], path: str, stats: ReadStats) -> Iterator[Task]:
    """A stream of unknown kind (stdin, a file without a known suffix): look at its first bytes.

    gzip is unpacked; ``WARC/`` starts a WARC; ``{`` starts JSON Lines; anything else is one
    document. An empty stream holds no document.
    """
    buffered: Any = stream if hasattr(stream, "peek") else _buffered(stream)
    head = _peek(buffered, 2)
    if head[:2] == b"\x1f\x8b":
        buffered = _buffered(gzip.GzipFile(fileobj=buffered))
    head = _peek(buffered, 64)
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not start:
        return
    if start.startswith(b"WARC/"):
        yield from _read_warc(buffered, path, stats)
    elif start.startswith(b"{"):
        yield from _read_jsonl(buffered, path)
    else:
        try:
            data = buffered.read()
        except (OSError, EOFError) as e:
            yield _error({"path": path}, "unreadable", f"cannot read: {e}")
            return
        yield Task({"path": path}, "bytes", data, hint="sniff", size=len(data))


def _buffered(raw: Any) -> Any:
    """A stream that can peek (what sniffing needs), over any binary stream."""
    return io.BufferedReader(raw)


def _peek(stream: Any, n: int) -> bytes:
    """At least the first ``n`` bytes of a buffered stream (if it has them), not consumed."""
    try:
        data = stream.peek(n)
        while len(data) < n:  # a pipe may hand out less than asked; peek again once filled
            more = stream.peek(n)
            if len(more) <= len(data):
                break
            data = more
        return bytes(data)
    except (OSError, EOFError):
        return b""


def _read_jsonl(stream: IO[bytes], path: str) -> Iterator[Task]:
    """One task per non-blank line; the worker parses the JSON (parsing is work to spread)."""
    lineno = 0
    try:
        for lineno, line in enumerate(stream, 1):
            if not line.strip():
                continue
            yield Task({"path": path, "line": lineno}, "jsonl", line, size=len(line))
    except (OSError, EOFError, ValueError) as e:  # a truncated or corrupt .gz
        src = {"path": path, "line": lineno + 1}
        yield _error(src, "unreadable", f"cannot read further: {e}")


def _read_warc(stream: IO[bytes], path: str, stats: ReadStats) -> Iterator[Task]:
    """One task per HTTP response (or resource record) with HTML; other records are skipped."""
    try:
        from warcio.archiveiterator import ArchiveIterator
    except ImportError:
        msg = 'reading WARC files needs warcio: pip install "newsclean[warc]"'
        yield _error({"path": path}, "unreadable-warc", msg)
        return
    head = _warc_head(stream)
    if not head.startswith(b"WARC/"):
        shown = head[:40].decode("utf-8", "replace")
        msg = f"not a WARC file: it starts with {shown!r}, not 'WARC/'"
        yield _error({"path": path, "offset": 0}, "unreadable-warc", msg)
        return
    offset = 0  # where the record being read starts: the end of the last one read
    last_start = -1  # where the last record read whole starts
    counted = _Counted(stream)
    try:
        records = ArchiveIterator(counted)
        for record in records:
            if record.rec_type is None or not record.rec_headers.get_header("Content-Length"):
                # (every WARC record has both: the file ends inside this record's header, unless
                # what warcio took for one is the white space after the last record)
                if counted.unread_after(offset):
                    msg = "truncated WARC: the file ends inside a record's header"
                    yield _error({"path": path, "offset": offset}, "truncated-warc", msg)
                return
            task = _warc_task(record, path, stats)
            # (warcio knows a record's offset only once it was read to its end)
            start, length = records.get_record_offset(), records.get_record_length()
            if getattr(record.raw_stream, "limit", 0) > 0:  # the file ends inside the record
                short = record.raw_stream.limit
                msg = f"truncated WARC: the file ends {short:,} bytes before this record does"
                yield _error({"path": path, "offset": start}, "truncated-warc", msg)
                return
            offset, last_start = start + length, start
            if task is not None:
                task.source["offset"] = start
                yield task
    except Exception as e:  # warcio raises ArchiveLoadFailed, zlib/gzip errors, ValueError...
        if counted.at_end and counted.unread_after(offset):
            # (warcio fails on a header cut short with errors that do not say so)
            msg = "truncated WARC: the file ends inside a record; what it held could not be read"
            yield _error({"path": path, "offset": offset}, "truncated-warc", msg)
            return
        msg = f"not a readable WARC file: {str(e).strip() or type(e).__name__}"
        yield _error({"path": path, "offset": offset}, "unreadable-warc", msg)
        return
    # A gzipped WARC cut inside a record ends the iteration without an error; the gzip stream
    # itself tells: its last member never reached its end. If that member is the one of the
    # last record read whole, only its gzip trailer is missing and no record was lost.
    if counted.cut_short() and not counted.only_trailer_lost(last_start):
        msg = "truncated WARC: the gzip data ends inside a record; what it held could not be read"
        yield _error({"path": path, "offset": offset}, "truncated-warc", msg)
    elif not counted.gzipped and counted.unread_after(offset):
        # (an uncompressed WARC cut inside a record's header ends the iteration quietly too)
        msg = "truncated WARC: the file ends inside a record; what it held could not be read"
        yield _error({"path": path, "offset": offset}, "truncated-warc", msg)


class _Counted:
    """A byte stream that follows what passes through it, to tell a WARC that ends cleanly
    from one cut short (warcio stops quietly at a cut gzip member or a cut record header): the
    gzip members must all end; uncompressed, nothing but white space may follow the last
    whole record."""

    _KEEP = 1 << 16  # bytes kept from the end of what was read

    def __init__(self, raw: Any):
        self.raw = raw
        self.read_bytes = 0
        self._tail = b""
        self._gzip: bool | None = None  # decided by the first bytes
        self._z: Any = None
        self._open = False  # a member has begun and not ended
        self._broken = False
        self._member_start = 0  # where the last member began (compressed offset)
        self.at_end = False  # a read found nothing more

    def read(self, size: int = -1) -> bytes:
        data = bytes(self.raw.read(size))
        base = self.read_bytes
        self.read_bytes += len(data)
        if not data and size != 0:
            self.at_end = True
        self._tail = (self._tail + data)[-self._KEEP :]
        if data and self._gzip is None:
            self._gzip = data[:2] == b"\x1f\x8b"
        if data and self._gzip and not self._broken:
            self._follow(data, base)
        return data

    def _follow(self, data: bytes, base: int) -> None:
        while data:
            if self._z is None:
                if data[:1] != b"\x1f":  # not a new member: white space after the last one
                    self._broken = self._broken or bool(data.strip())
                    return
                self._z = zlib.decompressobj(16 + zlib.MAX_WBITS)
                self._member_start = base
            try:
                self._z.decompress(data)
            except zlib.error:
                self._broken = True
                return
            self._open = not self._z.eof
            if not self._z.eof:
                return
            rest = self._z.unused_data
            base += len(data) - len(rest)
            data = rest
            self._z = None

    def only_trailer_lost(self, record_start: int) -> bool:
        """The member left open is the one of the record starting at ``record_start``, which
        was read whole: the file lost the end of that member (its gzip trailer), no record."""
        return self._open and not self._broken and self._member_start == record_start

    @property
    def gzipped(self) -> bool:
        return bool(self._gzip)

    def cut_short(self) -> bool:
        """A gzip member began and never ended, or the data stopped being gzip."""
        return bool(self._gzip) and (self._open or self._broken)

    def unread_after(self, offset: int) -> bool:
        """Whether more than white space was read after ``offset``."""
        unread = self.read_bytes - offset
        if unread <= 0:
            return False
        return bool(self._tail[-unread:].strip())  # (what is no longer kept is taken as read)


def _warc_head(stream: Any) -> bytes:
    """The first bytes of a WARC, unpacked if gzipped: warcio itself would read almost any
    text as an old ARC file, so the format is checked here first."""
    if not hasattr(stream, "peek"):
        return b"WARC/"  # cannot look ahead; let warcio decide
    head = _peek(stream, 4096)
    if head[:2] == b"\x1f\x8b":
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 64)
        except zlib.error:
            return head[:64]
    return head.lstrip(b"\r\n")


def _warc_task(record: Any, path: str, stats: ReadStats) -> Task | None:
    """The task for one WARC record, or None when it holds no HTML page (counted by kind:
    ``request``, ``metadata``, ``warcinfo``, ``revisit``..., and ``non-html`` for responses
    of another content type).

    A response with a status other than 2xx (a redirect whose body says "Moved", a 404 page)
    is not an article whatever its body: it becomes a ``status`` task, whose record has empty
    text and a ``reason``, without its body being cleaned.
    """
    if record.rec_type not in ("response", "resource"):
        stats.skipped_kinds[str(record.rec_type or "unknown")] += 1
        return None
    status = _http_status(record)
    ctype = _content_type(record)
    if ctype is not None and not ctype.startswith(_HTML_TYPES):
        stats.skipped_kinds["non-html"] += 1
        return None
    rid = record.rec_headers.get_header("WARC-Record-ID")
    url = record.rec_headers.get_header("WARC-Target-URI")
    src: dict[str, Any] = {"path": path, "record": rid, "offset": None}
    if status is not None and not 200 <= status < 300:
        reason = _status_reason(status, record)
        return Task(src, "status", reason, hint="html", id=rid, url=url, http_status=status)
    payload = record.content_stream().read()
    if ctype is None and not _HTML_SNIFF.search(payload[:65536]):
        stats.skipped_kinds["non-html"] += 1
        return None
    return Task(
        src, "bytes", payload, hint="html", id=rid, url=url, size=len(payload), http_status=status
    )


def _http_status(record: Any) -> int | None:
    """The status code of a WARC response's HTTP status line (None: no HTTP headers)."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    try:
        return int(record.http_headers.get_statuscode())
    except (TypeError, ValueError):
        return None


def _status_reason(status: int, record: Any) -> str:
    """Why a response with this status holds no article (the record's ``reason``)."""
    words = str(record.http_headers.statusline or "").split(None, 1)
    said = f"HTTP {status}" + (f" {words[1]}" if len(words) > 1 else "")
    if 300 <= status < 400:
        target = record.http_headers.get_header("Location")
        return f"{said}: a redirect" + (f" to {target}" if target else "") + ", not a page"
    return f"{said}: the server sent no page (only 2xx responses are cleaned)"


def _content_type(record: Any) -> str | None:
    headers = record.http_headers if record.rec_type == "response" else record.rec_headers
    if headers is None:
        return None
    value = headers.get_header("Content-Type")
    return value.split(";", 1)[0].strip().lower() if value else None


def _error(source: dict[str, Any], kind: str, message: str) -> Task:
    return Task(source, "error", (kind, message))


def _has_warcio() -> bool:
    try:
        import warcio  # noqa: F401
    except ImportError:
        return False
    return True


# -- the work: a chunk of tasks to a chunk of output lines ---------------------------------


class DocError(Exception):
    """A document that cannot be cleaned (bad JSON line, missing field...): an error record.

    ``message`` says what is wrong; the record's message adds where (path, line, record).
    ``id`` and ``url`` are those of the JSONL record, when it got that far.
    """

    def __init__(self, kind: str, message: str, id: Any = None, url: str | None = None):
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.id = id
        self.url = url


@dataclass
class ChunkResult:
    """What a worker hands back for a chunk: the output bytes and what to count."""

    data: bytes = b""
    documents: int = 0
    empty: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)  # (kind, message)
    rules: Counter[str] = field(default_factory=Counter)
    size: int = 0  # input bytes of the chunk's tasks (what progress counts)


@dataclass(frozen=True)
class Cleaner:
    """How each document is cleaned and written; picklable, sent once to each worker."""

    options: Options = field(default_factory=Options)
    mode: str = "auto"
    field_name: str | None = None
    format: str = "jsonl"

    def run(self, tasks: list[Task]) -> ChunkResult:
        """Clean a chunk; every task gives exactly one record (or text block), even on error."""
        out = ChunkResult()
        parts: list[bytes] = []
        for task in tasks:
            out.documents += 1
            out.size += task.size
            try:
                record, article = self._one(task)
            except DocError as e:
                record, article = _error_record(task, e.kind, e.message, e.id, e.url), None
            except Exception as e:  # anything else unexpected: still one record
                msg = f"{type(e).__name__}: {e}"
                record, article = _error_record(task, "internal", msg), None
            if article is None:
                err = record["error"]
                out.errors.append((err["kind"], err["message"]))
            else:
                out.rules.update(dict(article.rule_counts))
                if not article.text:
                    out.empty += 1
            if self.format in ("text", "markdown"):
                if article is not None and article.paragraphs:
                    parts.append(
                        _markdown_block(article, record)
                        if self.format == "markdown"
                        else _text_block(article)
                    )
            else:
                parts.append(dumps_line(record))
        out.data = b"".join(parts)
        return out

    def _one(self, task: Task) -> tuple[dict[str, Any], Article | None]:
        if task.kind == "error":
            kind, message = task.data
            return _error_record(task, kind, message), None
        doc_id, url, hint = task.id, task.url, task.hint
        if task.kind == "status":
            return _with_status({"source": task.source, "id": doc_id}, status_article(task), task)
        if task.kind == "file":
            try:
                with open(task.data, "rb") as f:
                    payload: str | bytes = f.read()
            except OSError as e:
                raise DocError("unreadable", f"cannot read the file: {e.strerror or e}") from e
        elif task.kind == "jsonl":
            payload, doc_id, url, hint = self._from_jsonl(task)
        else:
            payload = task.data
        mode = self.mode if self.mode != "auto" else hint
        try:
            article = clean_document(payload, mode, url, self.options)
        except Exception as e:  # a bug in a rule or parser must cost one document, not the run
            raise DocError("internal", f"{type(e).__name__}: {e}", doc_id, url) from e
        return _with_status({"source": task.source, "id": doc_id}, article, task)

    def _from_jsonl(self, task: Task) -> tuple[str, Any, str | None, str]:
        try:
            obj = json.loads(task.data)
        except json.JSONDecodeError as e:
            raise DocError("malformed-json", f"not valid JSON ({e.msg} at column {e.colno})") from e
        except ValueError as e:  # UnicodeDecodeError
            raise DocError("malformed-json", f"not valid UTF-8 JSON ({e})") from e
        if not isinstance(obj, dict):
            kind = (
                "an array"
                if isinstance(obj, list)
                else "a string"
                if isinstance(obj, str)
                else "a bare value"
            )
            raise DocError("not-an-object", f"the line holds {kind}, not a JSON object")
        doc_id, url = obj.get("id"), obj.get("url")
        url = url if isinstance(url, str) else None
        if self.field_name is not None:
            name = self.field_name
            if name not in obj:
                msg = f"the record has no {name!r} field"
                raise DocError("missing-field", msg, doc_id, url)
        elif obj.get("html") is not None:
            name = "html"
        elif "text" in obj:
            name = "text"
        else:
            msg = "the record has neither an 'html' nor a 'text' field (name one with --field)"
            raise DocError("missing-field", msg, doc_id, url)
        value = obj[name]
        if not isinstance(value, str):
            kind = "null" if value is None else f"a JSON {type(value).__name__}"
            msg = f"field {name!r} is {kind}, not a string"
            raise DocError("bad-field", msg, doc_id, url)
        hint = name if name in ("html", "text") else "sniff"
        return value, doc_id, url, hint


def status_article(task: Task) -> Article:
    """The article of a WARC response that is no page (a ``status`` task): no text, and the
    reason its HTTP status gives."""
    evidence = (f"http status {task.http_status}",)
    return Article(
        text="",
        url=task.url,
        mode="html",
        reason=str(task.data),
        is_article=False,
        article_evidence=evidence,
    )


def _with_status(
    record: dict[str, Any], article: Article, task: Task
) -> tuple[dict[str, Any], Article]:
    """The record of a cleaned document; a WARC response's also holds its ``http_status``."""
    record.update(article.to_dict())
    if "record" in task.source:
        record["http_status"] = task.http_status
    return record, article


def clean_document(
    payload: str | bytes, mode: str, url: str | None = None, options: Options | None = None
) -> Article:
    """Clean one document in ``html``, ``text`` or ``sniff`` mode (HTML if it has tags)."""
    opts = options
    if isinstance(payload, bytes) and bom_encoding(payload) not in (None, "utf-8"):
        # UTF-16 or UTF-32 with a byte-order mark: no tag can be sniffed in the raw bytes
        payload = payload.decode(str(bom_encoding(payload)), "replace").lstrip("\ufeff")
    if mode == "sniff":
        head = payload[:65536]
        raw = head.encode("utf-8", "replace") if isinstance(head, str) else head
        mode = "html" if _HTML_SNIFF.search(raw) else "text"
    if mode == "html":
        return clean_html(payload, url=url, options=opts)
    if isinstance(payload, bytes):
        payload = payload.decode("utf-8-sig", "replace")
    return clean_text(payload, url=url, options=opts)


def _error_record(
    task: Task, kind: str, message: str, doc_id: Any = None, url: str | None = None
) -> dict[str, Any]:
    """The record for a document that failed; its message says where, then what."""
    return {
        "source": task.source,
        "id": doc_id if doc_id is not None else task.id,
        "url": url or task.url,
        "error": {"kind": kind, "message": f"{_label(task.source)}: {message}"},
    }


def _label(source: dict[str, Any]) -> str:
    """A short human name for where a document came from (for messages)."""
    label = str(source.get("path", "?"))
    if "line" in source:
        label += f", line {source['line']}"
    if source.get("record"):
        label += f", record {source['record']}"
    elif "offset" in source:
        label += f", offset {source['offset']}"
    return label


def _text_block(article: Article) -> bytes:
    """``--format text``: paragraphs one per line, documents separated by one blank line."""
    return ("\n".join(p.replace("\n", " ") for p in article.paragraphs) + "\n\n").encode()


def _markdown_block(article: Article, record: dict[str, Any]) -> bytes:
    """``--format markdown``: per document a comment line naming it (``<!-- newsclean {"id":
    ..., "url": ..., "source": ...} -->``, unseen when rendered), ``# Title``, the body."""
    names = {"id": record.get("id"), "url": article.url, "source": record.get("source")}
    ident = json.dumps(names, ensure_ascii=False)
    head = "<!-- newsclean " + ident.replace("--", "\\u002d\\u002d") + " -->\n\n"
    title = f"# {article.title}\n\n" if article.title else ""
    return f"{head}{title}{article.markdown or article.text}\n\n".encode()


def dumps_line(record: dict[str, Any]) -> bytes:
    """One JSON line (UTF-8, compact); lone surrogates from bad input are escaped, not fatal."""
    try:
        return (json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n").encode()
    except UnicodeEncodeError:
        return (json.dumps(record, ensure_ascii=True, separators=(",", ":")) + "\n").encode()


# Worker-process state: set once per process by _init_worker.
_CLEANER: Cleaner = Cleaner()


def _set_cleaner(cleaner: Cleaner) -> None:
    global _CLEANER
    _CLEANER = cleaner


def _init_worker(cleaner: Cleaner) -> None:
    """Worker start: the parent handles Ctrl-C and SIGTERM; a worker dies with its parent."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _die_with_parent()
    _set_cleaner(cleaner)
    from .rules.registry import ruleset_for

    ruleset_for(cleaner.options)  # compile once, before the first chunk


def _run_chunk(tasks: list[Task]) -> ChunkResult:
    return _CLEANER.run(tasks)


def _die_with_parent() -> None:
    """On Linux, ask the kernel to end this worker when the parent dies (even by SIGKILL)."""
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(Exception):
        import ctypes

        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


# -- the run: chunks out to workers, results back in order ----------------------------------


@dataclass
class Summary:
    """Counts for the end-of-run report and ``--stats``."""

    documents: int = 0
    empty: int = 0
    errors: int = 0
    error_kinds: Counter[str] = field(default_factory=Counter)
    rules: Counter[str] = field(default_factory=Counter)
    skipped_files: int = 0
    skipped_outputs: int = 0  # JSONL files in directories that are newsclean's own output
    skipped_records: int = 0
    skipped_record_kinds: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0
    workers: int = 1
    interrupted: str | None = None
    resumed: int = 0  # documents already in the output of the run this one continues
    bytes_done: int = 0  # input bytes of the documents done (see input_size)
    bytes_resumed: int = 0  # of which those an earlier run had done (--resume)

    def add(self, result: ChunkResult) -> None:
        self.documents += result.documents
        self.bytes_done += result.size
        self.empty += result.empty
        self.errors += len(result.errors)
        self.error_kinds.update(kind for kind, _ in result.errors)
        self.rules.update(result.rules)

    @property
    def docs_per_second(self) -> float:
        return self.documents / self.seconds if self.seconds > 0 else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "with_text": self.documents - self.errors - self.empty,
            "empty": self.empty,
            "errors": self.errors,
            "error_kinds": dict(sorted(self.error_kinds.items())),
            "skipped_files": self.skipped_files,
            "skipped_outputs": self.skipped_outputs,
            "skipped_records": self.skipped_records,
            "skipped_record_kinds": dict(sorted(self.skipped_record_kinds.items())),
            "seconds": round(self.seconds, 3),
            "docs_per_second": round(self.docs_per_second, 1),
            "workers": self.workers,
            "interrupted": self.interrupted,
            "resumed": self.resumed,
            "rules": dict(sorted(self.rules.items(), key=lambda kv: (-kv[1], kv[0]))),
        }


class Guard:
    """Turns SIGINT, SIGTERM and SIGHUP into :class:`Interrupted` at safe points only.

    An exception raised by a signal handler lands wherever the main thread is: inside the
    process pool's own code, holding one of its locks, or in a fork hook, it would leave a lock
    taken (the run then hangs at exit) or be swallowed. So the handler only notes the signal;
    it raises at once only inside :meth:`interruptible` sections (reading input, cleaning in
    the main process), and elsewhere the run raises at its next :meth:`check`: every wait for a
    worker is a short poll that checks, and a write stops at a line end. A stopped run so leaves
    whole lines. (SIGKILL cannot be caught: the kernel may then cut a write at a page boundary,
    leaving the last line unfinished.)"""

    def __init__(self) -> None:
        self.pending: int | None = None
        self._interruptible = False
        self._saved: dict[int, Any] = {}

    def install(self) -> None:
        import threading

        if threading.current_thread() is not threading.main_thread():
            return  # signals can only be caught on the main thread; leave the defaults
        signums = [signal.SIGINT, signal.SIGTERM]
        if hasattr(signal, "SIGHUP"):  # the terminal went away
            signums.append(signal.SIGHUP)
        for signum in signums:
            self._saved[signum] = signal.signal(signum, self._handle)

    def restore(self) -> None:
        for signum, handler in self._saved.items():
            signal.signal(signum, handler)
        self._saved.clear()

    def _handle(self, signum: int, frame: Any) -> None:
        first = self.pending is None
        self.pending = signum
        if first and self._interruptible:  # a second signal must not cut the clean-up short
            self._interruptible = False
            raise Interrupted(signum)

    @contextlib.contextmanager
    def interruptible(self) -> Iterator[None]:
        """A section of our own code (no locks of others held) that a signal may stop at once."""
        self.check()
        self._interruptible = True
        try:
            yield
        finally:
            self._interruptible = False

    @contextlib.contextmanager
    def writing(self) -> Iterator[None]:
        """A section a signal must not cut short: the signal waits for :meth:`check`."""
        was, self._interruptible = self._interruptible, False
        try:
            yield
        finally:
            self._interruptible = was

    def check(self) -> None:
        """Raise :class:`Interrupted` for a signal that arrived outside a safe point."""
        if self.pending is not None:
            raise Interrupted(self.pending)


class Sink:
    """Writes whole lines to a file descriptor, each batch in one ``os.write`` under the guard.

    A pipe or terminal can block a write for ever (a reader that stopped reading), and a signal
    must still stop the run. Into a pipe (on Linux) whole lines are written only when the pipe
    has room for them, so a run stopped while its reader has stopped leaves whole lines in the
    pipe; elsewhere lines go out in pieces the reader has room for, and a signal stops the run at
    the next line end, or after :attr:`GRACE` seconds if the reader takes nothing more.
    """

    GRACE = 2.0  # seconds a signal waits for the reader to take the rest of a line

    def __init__(self, stream: IO[bytes] | Any, guard: Guard):
        self.guard = guard
        self.stream = stream
        self.blocking = False  # a pipe, socket or terminal: a write may wait on the reader
        self.pipe_size: int | None = None  # a pipe whose free room can be known
        self._writes = 0  # writes into the pipe since it was last seen empty
        try:
            stream.flush()
            self.fd: int | None = stream.fileno()
            mode = os.fstat(self.fd).st_mode
            # (select() takes only sockets on Windows: plain writes there)
            self.blocking = not stat.S_ISREG(mode) and os.name != "nt"
            if stat.S_ISFIFO(mode):
                self.pipe_size = _pipe_size(self.fd)
        except (AttributeError, OSError, ValueError, io.UnsupportedOperation):
            self.fd = None  # e.g. a test's in-memory stream
        self.bytes_written = 0

    def write(self, data: bytes) -> None:
        if not data:
            return
        with self.guard.writing():
            if self.fd is None:
                target = getattr(self.stream, "buffer", self.stream)
                target.write(data)
                target.flush()
            elif self.blocking:
                self._write_when_ready(self.fd, data)
                return
            else:
                view = memoryview(data)
                while view:
                    n = os.write(self.fd, view)
                    view = view[n:]
            self.bytes_written += len(data)

    def _write_when_ready(self, fd: int, data: bytes) -> None:
        """Write what the reader has room for, checking for a signal in between."""
        view = memoryview(data)
        line_end = True  # what was written so far ends a line
        give_up: float | None = None
        while view:
            pending = self.guard.pending
            if pending is not None:
                if line_end:
                    raise Interrupted(pending)
                give_up = give_up or time.monotonic() + self.GRACE
                if time.monotonic() > give_up:  # the reader takes nothing: stop anyway
                    raise Interrupted(pending)
            piece = self._whole_lines_that_fit(fd, view) if line_end else None
            if piece is None:  # no pipe room to tell, or a line longer than the pipe holds
                _, ready, _ = select.select([], [fd], [], 0.2)
                if not ready:
                    continue
                piece = select.PIPE_BUF  # (a pipe or terminal with room takes this at once)
            elif piece == 0:  # the next line does not fit yet: wait for the reader
                select.select([], [fd], [], 0.05)
                continue
            n = os.write(fd, view[:piece])
            line_end = view[n - 1] == 10  # b"\n"
            view = view[n:]
            self.bytes_written += n

    def _whole_lines_that_fit(self, fd: int, view: memoryview) -> int | None:
        """How many bytes of whole lines the pipe can take now without blocking (0: none yet);
        None when that cannot be known or the next line is longer than the whole pipe."""
        if self.pipe_size is None:
            return None
        unread = _pipe_unread(fd)
        if unread is None:
            return None
        if unread == 0:
            self._writes = 0
        # The kernel keeps a pipe in pages; each write may leave its last page part full, and
        # the reader may have read part of the first: the room is at least what is left of
        # the size after the pages the unread bytes may take.
        page = select.PIPE_BUF
        room = self.pipe_size - (-(-unread // page) + self._writes + 1) * page
        end = view[: max(0, min(room, len(view)))].tobytes().rfind(b"\n")
        if end >= 0:
            self._writes += 1
            return end + 1
        first = view[: self.pipe_size].tobytes().find(b"\n")
        return 0 if 0 <= first < self.pipe_size - 2 * select.PIPE_BUF else None


_F_SETPIPE_SZ, _F_GETPIPE_SZ = 1031, 1032  # Linux fcntl commands


def _pipe_size(fd: int) -> int | None:
    """The capacity of a pipe, grown to 1 MiB where allowed (so that long lines fit); None
    where the platform cannot tell."""
    try:
        import fcntl

        with contextlib.suppress(OSError):
            fcntl.fcntl(fd, _F_SETPIPE_SZ, 1 << 20)
        return int(fcntl.fcntl(fd, _F_GETPIPE_SZ))
    except (ImportError, OSError, ValueError):
        return None


def _pipe_unread(fd: int) -> int | None:
    """Bytes written into a pipe and not yet read (None where the platform cannot tell)."""
    try:
        import array
        import fcntl
        import termios

        buf = array.array("i", [0])
        fcntl.ioctl(fd, termios.FIONREAD, buf, True)
    except (ImportError, OSError, ValueError):
        return None
    return int(buf[0])


def _context() -> Any:
    """Fork where it is safe and cheap (Linux): workers start with newsclean already loaded."""
    if sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def default_workers() -> int:
    """All the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def chunked(tasks: Iterable[Task], max_docs: int, max_bytes: int) -> Iterator[list[Task]]:
    """Group tasks into chunks of at most ``max_docs`` documents and about ``max_bytes`` bytes."""
    chunk: list[Task] = []
    size = 0
    for task in tasks:
        chunk.append(task)
        size += task.size
        if len(chunk) >= max_docs or size >= max_bytes:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


class _Pool:
    """A process pool that can be rebuilt after a worker died, and stopped at once."""

    def __init__(self, workers: int, cleaner: Cleaner):
        self.workers = workers
        self.cleaner = cleaner
        self.executor: ProcessPoolExecutor | None = None

    def submit(self, chunk: list[Task]) -> Future[ChunkResult]:
        if self.executor is None:
            from .rules.registry import ruleset_for

            ruleset_for(self.cleaner.options)  # compiled once here, inherited by forked workers
            self.executor = ProcessPoolExecutor(
                self.workers, _context(), initializer=_init_worker, initargs=(self.cleaner,)
            )
        return self.executor.submit(_run_chunk, chunk)

    def reset(self) -> None:
        self.kill()

    def close(self) -> None:
        if self.executor is not None:
            self.executor.shutdown(wait=True)
            self.executor = None

    def kill(self) -> None:
        """Stop now: cancel queued chunks and end the worker processes."""
        ex, self.executor = self.executor, None
        if ex is None:
            return
        procs = list(getattr(ex, "_processes", {}).values())
        ex.shutdown(wait=False, cancel_futures=True)
        for p in procs:
            with contextlib.suppress(Exception):
                p.terminate()
        for p in procs:
            with contextlib.suppress(Exception):
                p.join(2)
                if p.is_alive():
                    p.kill()
                    p.join(1)
        # The queue's feeder thread may be blocked writing work to the pipe the workers read,
        # and would hold up the interpreter's exit (which joins it) for ever: with the workers
        # gone, close the parent's copy of the reading end, so that the write fails instead.
        queue = getattr(ex, "_call_queue", None)
        with contextlib.suppress(Exception):
            queue.cancel_join_thread()  # type: ignore[union-attr]
        with contextlib.suppress(Exception):
            queue._reader.close()  # type: ignore[union-attr]


def run(
    inputs: list[str],
    out: IO[bytes] | Any,
    cleaner: Cleaner,
    *,
    workers: int = 1,
    chunk_docs: int = 64,
    chunk_bytes: int = 1 << 20,
    in_flight: int = 3,
    guard: Guard | None = None,
    summary: Summary | None = None,
    on_chunk: Callable[[Summary, ChunkResult], None] | None = None,
    exclude: Iterable[str] = (),
    resume: ResumePoint | None = None,
) -> Summary:
    """Clean every document of ``inputs`` and write one record per document to ``out``.

    At most ``in_flight`` chunks per worker are queued. Raises :class:`Interrupted` when a
    signal stopped the run (all that was written is whole lines) and ``BrokenPipeError`` when
    the reader of ``out`` went away; pass ``summary`` to keep the counts in either case. With
    ``resume`` (see :func:`resume_point`), the documents an earlier run already wrote are read
    but not cleaned again; :class:`InputError` when they are not those of ``inputs``.
    """
    guard = guard or Guard()
    sink = Sink(out, guard)
    summary = summary if summary is not None else Summary()
    summary.workers = workers
    read = ReadStats()
    start = time.monotonic()

    def sync() -> None:
        summary.seconds = time.monotonic() - start
        summary.skipped_files, summary.skipped_records = read.skipped_files, read.skipped_records
        summary.skipped_outputs = read.skipped_outputs
        summary.skipped_record_kinds = Counter(read.skipped_kinds)

    def done(result: ChunkResult) -> None:
        sink.write(result.data)
        summary.add(result)
        sync()
        if on_chunk is not None:
            on_chunk(summary, result)
        guard.check()

    try:
        tasks = iter_tasks(inputs, read, exclude)
        if resume is not None and resume.records:
            tasks = _skip_done(tasks, resume, summary)
            summary.resumed = resume.records
        chunks = _read_safely(chunked(tasks, chunk_docs, chunk_bytes), guard)
        first = next(chunks, None)
        second = next(chunks, None) if first is not None else None
        if workers <= 1 or second is None:  # one worker, or too little work for a pool
            for chunk in _chain(first, second, chunks):
                with guard.interruptible():
                    result = cleaner.run(chunk)
                done(result)
        else:
            pool = _Pool(workers, cleaner)
            _run_pool(_chain(first, second, chunks), pool, workers * in_flight, done, guard.check)
    finally:
        sync()
    return summary


@dataclass(frozen=True)
class ResumePoint:
    """Where an earlier run stopped: how many records its output holds, and the last one's
    ``source`` (which must be where the inputs' document of that number comes from)."""

    records: int = 0
    last_source: dict[str, Any] | None = None


def resume_point(path: str) -> ResumePoint:
    """Read the JSON Lines output of a cut run, dropping an unfinished last line (a run killed
    by SIGKILL may leave one), so that the run can continue by appending to it."""
    records, end, size = 0, 0, 0
    with open(path, "rb") as f:
        while block := f.read(1 << 20):
            records += block.count(b"\n")
            cut = block.rfind(b"\n")
            if cut >= 0:
                end = size + cut + 1
            size += len(block)
    if end < size:  # an unfinished last line: its document is cleaned again
        with open(path, "r+b") as f:
            f.truncate(end)
    if not records:
        return ResumePoint()
    last = _last_line(path, end)
    try:
        source = json.loads(last)["source"]
    except (ValueError, KeyError, TypeError) as e:
        raise InputError(f"{path}: its last line is not a newsclean record; cannot resume") from e
    return ResumePoint(records, source)


def _last_line(path: str, end: int) -> bytes:
    """The last whole line of a file whose lines end at ``end``, read from the end."""
    span = 1 << 16
    with open(path, "rb") as f:
        while True:
            start = max(0, end - span)
            f.seek(start)
            tail = f.read(end - start)[:-1]
            cut = tail.rfind(b"\n")
            if cut >= 0 or start == 0:
                return tail[cut + 1 :]
            span *= 4


def _skip_done(
    tasks: Iterator[Task], resume: ResumePoint, summary: Summary | None = None
) -> Iterator[Task]:
    """The tasks after the first ``resume.records``, checking that those are the ones the
    output holds (same inputs, same order); their bytes count as done in ``summary``."""
    n = 0
    for task in tasks:
        n += 1
        if summary is not None and n <= resume.records:
            summary.bytes_done += task.size
            summary.bytes_resumed += task.size
        if n < resume.records:
            continue
        if n == resume.records:
            if _same_source(task.source, resume.last_source):
                continue
            raise InputError(
                f"the output does not continue these inputs: its record {n:,} is from "
                f"{_label(resume.last_source or {})}, the inputs' document {n:,} is from "
                f"{_label(task.source)} (give the same inputs, in the same order)"
            )
        yield task
    if n < resume.records:
        raise InputError(
            f"the output holds {resume.records:,} records; the inputs hold fewer documents ({n:,})"
        )


def _same_source(a: dict[str, Any], b: dict[str, Any] | None) -> bool:
    return json.dumps(a, sort_keys=True, default=str) == json.dumps(b, sort_keys=True, default=str)


def _read_safely(chunks: Iterator[list[Task]], guard: Guard) -> Iterator[list[Task]]:
    """The chunks, read where a signal may stop the run at once (a read from a pipe can wait
    for ever)."""
    while True:
        with guard.interruptible():
            chunk = next(chunks, None)
        if chunk is None:
            return
        yield chunk


def _chain(first: Any, second: Any, rest: Iterator[list[Task]]) -> Iterator[list[Task]]:
    for chunk in (first, second):
        if chunk is not None:
            yield chunk
    yield from rest


def _result(future: Future[ChunkResult], check: Callable[[], None]) -> ChunkResult:
    """A worker's result, waited for in short polls so that a signal is heard in between."""
    while not future.done():
        wait([future], timeout=0.1)
        check()
    return future.result()


def _run_pool(
    chunks: Iterator[list[Task]],
    pool: _Pool,
    limit: int,
    done: Callable[[ChunkResult], None],
    check: Callable[[], None] = lambda: None,
) -> None:
    pending: deque[tuple[list[Task], Future[ChunkResult]]] = deque()
    try:
        for chunk in chunks:
            try:
                future = pool.submit(chunk)
            except BrokenProcessPool:  # a worker died since the last result came back
                _recover(pending, pool, done, check)
                future = pool.submit(chunk)
            pending.append((chunk, future))
            check()
            while len(pending) >= limit:
                _collect(pending, pool, done, check)
        while pending:
            _collect(pending, pool, done, check)
        pool.close()
    finally:
        pool.kill()


def _collect(
    pending: deque[tuple[list[Task], Future[ChunkResult]]],
    pool: _Pool,
    done: Callable[[ChunkResult], None],
    check: Callable[[], None] = lambda: None,
) -> None:
    try:
        result = _result(pending[0][1], check)
    except BrokenProcessPool:
        _recover(pending, pool, done, check)
        return
    pending.popleft()
    done(result)


def _recover(
    pending: deque[tuple[list[Task], Future[ChunkResult]]],
    pool: _Pool,
    done: Callable[[ChunkResult], None],
    check: Callable[[], None] = lambda: None,
) -> None:
    """A worker died: keep the chunks that finished, redo the others one document at a time
    on a new pool, so that only a document that kills a worker again gets an error record."""
    lost = list(pending)
    pending.clear()
    pool.reset()
    for chunk, future in lost:
        if future.done() and not future.cancelled() and future.exception() is None:
            done(future.result())
        else:
            done(_isolated(chunk, pool, check))


def _isolated(
    chunk: list[Task], pool: _Pool, check: Callable[[], None] = lambda: None
) -> ChunkResult:
    merged = ChunkResult()
    parts = []
    for task in chunk:
        try:
            result = _result(pool.submit([task]), check)
        except BrokenProcessPool:
            pool.reset()
            msg = "the worker process died while cleaning this document"
            record = _error_record(task, "worker-crashed", msg, *_ids_of(task))
            result = ChunkResult(
                data=dumps_line(record) if pool.cleaner.format == "jsonl" else b"",
                documents=1,
                errors=[("worker-crashed", record["error"]["message"])],
            )
        parts.append(result.data)
        merged.documents += result.documents
        merged.size += result.size
        merged.empty += result.empty
        merged.errors.extend(result.errors)
        merged.rules.update(result.rules)
    merged.data = b"".join(parts)
    return merged


def _ids_of(task: Task) -> tuple[Any, str | None]:
    """The id and URL of a task, reading them from its JSONL line if need be."""
    if task.kind != "jsonl":
        return task.id, task.url
    try:
        obj = json.loads(task.data)
        url = obj.get("url")
        return obj.get("id"), url if isinstance(url, str) else None
    except (ValueError, AttributeError):
        return None, None
