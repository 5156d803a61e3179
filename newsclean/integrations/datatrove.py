"""newsclean as datatrove pipeline steps, to clean corpora on a cluster (see docs/datatrove.md).

:class:`NewscleanExtractor` turns HTML documents (``WarcReader`` output, crawled pages) into
clean article text; :class:`NewscleanCleaner` cleans documents that already hold extracted text
(``JsonlReader`` over scraped articles). Both write what newsclean learns (title, authors,
dates, the dateline, the related headlines it removed...) into ``doc.metadata`` and count every
rule that fired in datatrove's stats (``rule:<id>``), so ``stats.json`` shows what was removed
across the whole corpus.

:class:`NewscleanWarcReader` reads WARC files like datatrove's ``WarcReader`` but tells HTML
the way ``newsclean clean`` does (the HTTP ``Content-Type``, else the bytes), never by libmagic,
which calls many news pages "application/javascript"; it also writes each response's
``http_status``, and the extractor gives responses other than 2xx no text.

Neither drops a document by default: a document without article text keeps its place with
``text == ""`` and ``metadata["newsclean_reason"]`` saying why; pass ``drop_empty=True`` to drop
such documents instead (they are counted as ``dropped``).

This module needs the optional extra: ``pip install "newsclean[datatrove]"``. Importing
``newsclean`` itself never imports datatrove.
"""

from __future__ import annotations

from typing import Any

try:
    from datatrove.data import Document, DocumentsPipeline
    from datatrove.pipeline.base import PipelineStep
    from datatrove.pipeline.readers import WarcReader
except ImportError as e:  # pragma: no cover - exercised only without the extra
    raise ImportError(
        'newsclean.integrations.datatrove needs datatrove: pip install "newsclean[datatrove]"'
    ) from e

from .. import batch
from ..article import Article
from ..options import Options
from ..pipeline import clean_html, clean_text
from ..stages.decode import decode

__all__ = ["NewscleanCleaner", "NewscleanExtractor", "NewscleanWarcReader", "article_metadata"]

# Article fields copied into doc.metadata under their own names. When newsclean found nothing
# for one of them, a value the reader already put there (a JSONL "title" column) is kept.
_FIELDS = (
    "title",
    "authors",
    "editor",
    "published",
    "modified",
    "publisher",
    "section",
    "tags",
    "description",
    "image",
    "language",
    "dateline",
    "related",
    "site",
)


def article_metadata(article: Article, *, trail: bool = False) -> dict[str, Any]:
    """The metadata newsclean writes for one article: JSON-safe, the same keys every time.

    Every key is present on every document (``None`` or ``[]`` when absent), so columnar
    writers such as Parquet see one schema. ``newsclean_*`` keys describe the cleaning itself.
    """
    data = article.to_dict()
    out = {name: data[name] for name in _FIELDS}
    out["newsclean_mode"] = data["mode"]
    out["newsclean_reason"] = data["reason"]
    out["newsclean_warnings"] = data["warnings"]
    if trail:
        out["newsclean_removed"] = data["removed"]
    return out


class _NewscleanStep(PipelineStep):
    """What both steps share: clean each document, write metadata and rule stats."""

    name = "📰 newsclean"

    def __init__(
        self,
        options: Options | None = None,
        *,
        drop_empty: bool = False,
        url_key: str = "url",
    ):
        """``options`` default to newsclean's defaults without the removal trail (rule counts
        still reach the stats); pass ``Options(trail=True)`` to keep the trail in
        ``metadata["newsclean_removed"]``. ``url_key`` names the metadata field with the URL."""
        super().__init__()
        if options is not None and not isinstance(options, Options):
            raise TypeError(f"options must be a newsclean.Options, not {type(options).__name__}")
        self.options = options if options is not None else Options(trail=False)
        self.drop_empty = drop_empty
        self.url_key = url_key

    def clean(self, text: Any, url: str | None) -> Article:  # pragma: no cover - abstract
        raise NotImplementedError

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        if data is None:
            return
        for doc in data:
            self.stat_update("total")
            with self.track_time():
                kept = self._process(doc)
            if kept:
                self.stat_update("forwarded")
                self.update_doc_stats(doc)
                yield doc
            else:
                self.stat_update("dropped")

    def _process(self, doc: Document) -> bool:
        """Clean one document in place; whether it goes on down the pipeline."""
        url = doc.metadata.get(self.url_key)
        url = url if isinstance(url, str) else None
        status = doc.metadata.get("http_status")
        try:
            if isinstance(status, int) and not 200 <= status < 300:
                # a redirect ("Moved") or an error page: no article, whatever its body says
                self.stat_update("http_status_not_2xx")
                reason = doc.metadata.get("newsclean_reason") or f"HTTP {status}: not a page"
                article = Article(
                    text="",
                    url=url,
                    mode="html",
                    reason=str(reason),
                    is_article=False,
                    article_evidence=(f"http status {status}",),
                )
            else:
                article = self.clean(doc.text, url)
        except Exception as e:  # one bad document must not stop a cluster job
            self.stat_update("clean_error")
            doc.text = ""
            doc.metadata["newsclean_reason"] = f"error: {type(e).__name__}: {e}"
            return not self.drop_empty
        doc.text = article.text
        meta = doc.metadata
        for key, value in article_metadata(article, trail=self.options.trail).items():
            if value in (None, []) and meta.get(key) not in (None, "", []):
                continue  # keep what the source had when newsclean found nothing
            meta[key] = value
        for rule_id, count in article.rule_counts:
            self.stat_update(f"rule:{rule_id}", value=count)
        if article.dateline is not None:
            self.stat_update("with_dateline")
        if article.text:
            return True
        self.stat_update("empty")
        return not self.drop_empty


class NewscleanExtractor(_NewscleanStep):
    """HTML documents (``doc.text`` is the page) to clean article text plus metadata.

    >>> from newsclean.integrations.datatrove import NewscleanExtractor
    >>> from datatrove.data import Document
    >>> page = "<html><body><article><p>JAKARTA, KOMPAS.com - Harga cabai naik lagi di pasar."
    >>> page += "</p><p>Baca juga: Harga Bawang Turun</p></article></body></html>"
    >>> [doc] = NewscleanExtractor().run([Document(text=page, id="1")])
    >>> doc.text, doc.metadata["dateline"]["place"]
    ('Harga cabai naik lagi di pasar.', 'Jakarta')
    """

    type = "🛢 - EXTRAC"

    def clean(self, text: Any, url: str | None) -> Article:
        return clean_html(text, url=url, options=self.options)


class NewscleanCleaner(_NewscleanStep):
    """Documents that already hold extracted text, artifacts and all, to clean text plus metadata.

    >>> from newsclean.integrations.datatrove import NewscleanCleaner
    >>> from datatrove.data import Document
    >>> text = "JAKARTA, KOMPAS.com - Harga cabai naik.\\nBaca juga: Harga Bawang Turun"
    >>> [doc] = NewscleanCleaner().run([Document(text=text, id="1")])
    >>> doc.text, doc.metadata["related"][0]["headline"]
    ('Harga cabai naik.', 'Harga Bawang Turun')
    """

    type = "✂️ - FORMAT"

    def clean(self, text: Any, url: str | None) -> Article:
        return clean_text(text, url=url, options=self.options)


class NewscleanWarcReader(WarcReader):
    """datatrove's ``WarcReader``, telling HTML pages the way ``newsclean clean`` does.

    ``WarcReader`` keeps a response only when its ``WARC-Identified-Payload-Type`` says HTML
    or, when that header is missing (warcio and most crawlers other than Common Crawl do not
    write it), when libmagic says ``text/html``; libmagic calls many news pages
    ``application/javascript`` (a page that opens with an indented comment and has
    ``(function()`` in a script), and those pages are silently lost. This reader keeps every
    ``response`` or ``resource`` record whose HTTP ``Content-Type`` is HTML, or, without one,
    whose bytes hold HTML tags. Each document's metadata gets ``url``, ``date`` and
    ``http_status`` (None for resource records); a response other than 2xx (a redirect, a
    404 page) is read too, with ``newsclean_reason`` set, and :class:`NewscleanExtractor`
    gives it no text (or drops it, with ``drop_empty=True``). Takes ``WarcReader``'s
    arguments.
    """

    name = "🕷 Warc (newsclean)"

    def read_file(self, filepath: str) -> DocumentsPipeline:
        from warcio.archiveiterator import ArchiveIterator

        with self.data_folder.open(filepath, "rb", compression=self.compression) as f:
            for ri, record in enumerate(ArchiveIterator(f)):
                with self.track_time():
                    data = warc_record_data(record)
                    if data is None:
                        continue
                    document = self.get_document_from_dict(data, filepath, ri)
                    if not document:
                        continue
                yield document


def warc_record_data(record: Any) -> dict[str, Any] | None:
    """The document dict of one WARC record (``text``, ``id``, ``url``, ``date``,
    ``http_status``...), or None when it holds no HTML page; HTML is told by
    ``newsclean clean``'s own test, never by libmagic."""
    task = batch._warc_task(record, "", batch.ReadStats())
    if task is None:
        return None
    data: dict[str, Any] = {
        "id": task.id,
        "url": task.url,
        "date": record.rec_headers.get_header("WARC-Date"),
        "http_status": task.http_status,
    }
    if task.kind == "status":
        # (the reader drops a document without text: the reason keeps its place)
        data["text"] = str(task.data)
        data["newsclean_reason"] = str(task.data)
    else:
        data["text"] = decode(task.data).text
    return data
