"""RSS and Atom feeds to :class:`~newsparse.models.Feed` records.

Reads RSS 0.91/0.92/2.0, RSS 1.0 (RDF) and Atom 1.0 (and the old Atom 0.3 namespace) with lxml,
configured so that a feed can never make the parser load a DTD, touch the network or the file
system, or expand entities (billion laughs, XXE). A well-formed feed is read as it is. A broken
one is repaired (text before the root, HTML entities XML does not know, bare ``&``) and read again
in lxml's recovery mode; every repair is reported in ``Feed.warnings``.

Text: titles and summaries become plain text with collapsed whitespace. RSS descriptions and Atom
``type="html"`` are HTML; other text is read as HTML only when it looks like markup, because feeds
double-escape far more often than they mean a literal ``<b>``.

Dates: ``time_text`` keeps the feed's own string. ``published_at`` is timezone-aware whenever the
date names a zone (an offset, ``Z``, ``GMT``, or an unambiguous abbreviation from
``ZONE_OFFSETS``). It is naive only when the date carries no zone at all (``2025-06-02``,
``Mon, 02 Jun 2025 10:00:00``): assuming UTC would invent a fact. An unknown or ambiguous zone name
(``IST``) or an incomplete date leaves it ``None``, with a warning.
"""

from __future__ import annotations

import re

from newsparse.feeds.dates import read_date
from newsparse.feeds.items import to_feed
from newsparse.feeds.source import decode_head, read_tree
from newsparse.models import Feed

__all__ = ["looks_like_feed", "parse_feed", "read_date"]

# looks_like_feed reads this much: the root element follows at most a declaration, a stylesheet
# PI, a comment or a short DTD, all well inside 4 KB.
SNIFF_BYTES = 4096

_FEED_ROOTS = frozenset({"rss", "RDF", "feed"})


def parse_feed(xml: str | bytes, url: str | None = None) -> Feed:
    """Parse an RSS (0.9x, 1.0/RDF, 2.0) or Atom (1.0, 0.3) feed into a :class:`Feed`.

    ``xml`` is the feed as raw bytes (the XML declaration's encoding is honoured) or as text.
    ``url`` is where the feed came from; it resolves relative links. Broken feeds are recovered
    as far as possible and described in ``Feed.warnings``. Raises ``TypeError`` for a wrong
    argument type and :class:`~newsparse.FeedError` when the input is not a feed (an HTML page,
    plain text, nothing at all).
    """
    if isinstance(xml, (bytearray, memoryview)):
        xml = bytes(xml)
    if not isinstance(xml, (str, bytes)):
        raise TypeError(f"xml must be str or bytes, not {type(xml).__name__}")
    if url is not None and not isinstance(url, str):
        raise TypeError(f"url must be str or None, not {type(url).__name__}")
    notes: list[str] = []
    root = read_tree(xml, notes)
    return to_feed(root, url or None, notes)


def looks_like_feed(data: str | bytes) -> bool:
    """Whether ``data`` starts like an RSS, RDF or Atom document (a cheap sniff of its first
    few KB: the first element after any declaration, comments, PIs and DOCTYPE)."""
    if isinstance(data, (bytearray, memoryview)):
        data = bytes(data)
    if isinstance(data, bytes):
        head = decode_head(data[:SNIFF_BYTES])
    elif isinstance(data, str):
        head = data[:SNIFF_BYTES]
    else:
        raise TypeError(f"data must be str or bytes, not {type(data).__name__}")
    match = _PROLOG_THEN_ROOT.match(head.lstrip("\ufeff"))
    if not match:
        return False
    local = match.group("local")
    if local == "RDF":
        # rdf:RDF is also used for non-feed metadata; RSS 1.0 and 0.90 always declare their own
        # namespace on it.
        return "purl.org/rss/1.0" in head or "rdf/simple/0.9" in head
    return local in _FEED_ROOTS


# Anchored (``\A``: it is only ever matched at the start). Each prolog item ends at its first
# terminator, as XML says it does ("?>", "-->", "]" + ">"): lazy ``.*?`` bodies could also
# stretch over later items, and on a long prolog that is not followed by an element a regex
# tries every way of grouping the items (exponential).
_PROLOG_THEN_ROOT = re.compile(
    r"""\A\s*
        (?:(?:<\?[^?]*(?:\?(?!>)[^?]*)*\?>                      # processing instruction
            |<!--[^-]*(?:-(?!->)[^-]*)*-->                       # comment
            |<!DOCTYPE[^\[>]*(?:\[[^\]]*(?:\](?!\s*>)[^\]]*)*\])?\s*>  # DOCTYPE
        )\s*)*
        <(?:[A-Za-z_][\w.-]*:)?(?P<local>[A-Za-z_][\w.-]*)[\s/>]""",
    re.VERBOSE,
)
