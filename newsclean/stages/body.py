"""Stage: find the article body. Publisher profiles first; trafilatura for every other site."""

from __future__ import annotations

from typing import Any

from ..document import Block


def generic_blocks(root: Any, url: str | None) -> tuple[list[Block], dict[str, Any]]:
    """Body blocks and metadata from trafilatura, for pages no profile fits."""
    import trafilatura

    result = trafilatura.bare_extraction(
        root,
        url=url,
        with_metadata=True,
        favor_precision=True,
        include_comments=False,
        include_tables=True,
    )
    if not result:
        return [], {}
    data = result.as_dict() if hasattr(result, "as_dict") else dict(result)
    text = data.get("text") or ""
    blocks = [
        Block(text=line.strip(), line=i, element="trafilatura")
        for i, line in enumerate(text.split("\n"), 1)
        if line.strip()
    ]
    return blocks, data
