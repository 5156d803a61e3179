"""newsclean as datatrove pipeline steps, to clean corpora on a cluster (see docs/datatrove.md).

:class:`NewscleanExtractor` turns HTML documents (``WarcReader`` output, crawled pages) into
clean article text; :class:`NewscleanCleaner` cleans documents that already hold extracted text
(``JsonlReader`` over scraped articles). Both write what newsclean learns (title, authors,
dates, the dateline, the related headlines it removed...) into ``doc.metadata`` and count every
rule that fired in datatrove's stats (``rule:<id>``), so ``stats.json`` shows what was removed
across the whole corpus.

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
except ImportError as e:  # pragma: no cover - exercised only without the extra
    raise ImportError(
        'newsclean.integrations.datatrove needs datatrove: pip install "newsclean[datatrove]"'
    ) from e

from ..article import Article
from ..options import Options
from ..pipeline import clean_html, clean_text

__all__ = ["NewscleanCleaner", "NewscleanExtractor", "article_metadata"]

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
        try:
            article = self.clean(doc.text, url if isinstance(url, str) else None)
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
