"""The front door: ``parse`` (HTML), with ``parse_text`` and ``parse_feed`` beside it."""

from __future__ import annotations

from newsparse import textpage
from newsparse.decode import decode_html
from newsparse.errors import EmptyDocumentError
from newsparse.models import Article
from newsparse.pipeline import Options, extract_article


def parse(
    html: str | bytes,
    url: str | None = None,
    *,
    charset: str | None = None,
    include_comments: bool = False,
    time_budget: float | None = None,
) -> Article:
    """Parse one HTML page into an :class:`Article`.

    ``html`` is the page as text or as raw bytes in any encoding, gzip-compressed or not
    (``charset`` is the transport charset, e.g. from an HTTP header, when the caller knows
    it). ``url`` is where the page came from; it resolves relative links.
    ``include_comments`` adds reader comments as ``Article.comments``. ``time_budget``
    (seconds) bounds the work after the page is parsed: past it the walk stops and optional
    stages are skipped, and the record says so in ``warnings``. Raises ``TypeError`` for a
    wrong argument type and
    :class:`~newsparse.EmptyDocumentError` when there is no document to read.
    """
    if isinstance(html, (bytes, bytearray, memoryview)):
        decoded = decode_html(bytes(html), charset)
        text, encoding = decoded.text, decoded.encoding
    elif isinstance(html, str):
        text, encoding = html, None
    else:
        raise TypeError(f"html must be str or bytes, not {type(html).__name__}")
    if url is not None and not isinstance(url, str):
        raise TypeError(f"url must be str or None, not {type(url).__name__}")
    if not text.strip():
        raise EmptyDocumentError("the document is empty")
    if time_budget is not None and (
        not isinstance(time_budget, (int, float))
        or isinstance(time_budget, bool)
        or time_budget < 0
    ):
        raise TypeError("time_budget must be a non-negative number of seconds or None")
    options = Options(include_comments=include_comments, time_budget=time_budget)
    return extract_article(text, url, encoding, options)


def parse_text(text: str | bytes, url: str | None = None, *, charset: str | None = None) -> Article:
    """Parse a page given as plain text (a reader-view or copy-paste dump) into an
    :class:`Article`: same record, same field extractors as :func:`parse`. Bytes are decoded
    like :func:`parse` does (``charset`` is the transport charset, when known). Raises
    ``TypeError`` for a wrong argument type and :class:`~newsparse.EmptyDocumentError` for
    empty text."""
    return textpage.parse_text(text, url, charset=charset)
