"""``parse_text``: a page as plain text (a browser's "copy all", a reader view, a scraped text
dump) into the same :class:`Article` record ``parse`` gives for HTML.

Each non-empty line becomes a text block without an element, and the HTML pipeline's field
extractors run on those blocks: chrome phrases and repetition, timed feed lists, bylines, dates,
reading time, photo captions. Where the HTML pipeline reads markup, the text pipeline reads the
order of the lines instead (see :mod:`newsparse.textlines`)."""

from __future__ import annotations

import re

from newsparse import chrome
from newsparse.blocks import TextBlock, Walk
from newsparse.claims import Drops, claim, claim_captions, first_reading_time, mark_text_chrome
from newsparse.decode import decode_html
from newsparse.dom import LONE_SURROGATE, normalize_space
from newsparse.errors import EmptyDocumentError
from newsparse.fields import body as body_field
from newsparse.fields import byline, images, pagetype
from newsparse.fields.feed import FeedResult, find_feed_items
from newsparse.fields.feed_parts import is_feed_label
from newsparse.fields.timestamps import DateEvidence, choose_dates
from newsparse.models import Article, Author, PageType, Removal
from newsparse.structured import StructuredData
from newsparse.textcards import absorb_widget_text, find_card_pairs, find_teasers
from newsparse.textlines import Head, body_lines, byline_names, find_head, is_loose

__all__ = ["looks_like_html", "parse_text"]

# How much of the input the HTML sniff reads: markup shows itself in the first few kilobytes.
SNIFF_CHARS = 4096
# A text page may mention a tag or two ("use <br> for breaks"); markup has many.
MIN_SNIFFED_TAGS = 3

# Characters a copied page carries but nobody sees: zero-width spaces, word joiners, soft
# hyphens, stray byte-order marks. Lone surrogates (from bad decoding) become U+FFFD.
_INVISIBLE = re.compile("[\u200b\u2060\ufeff\u00ad]")
_CONTROL = re.compile("[\x00-\x08\x0e-\x1b\x7f]")
_MARKUP_START = re.compile(
    r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>]|\?xml)", re.I | re.S
)
_TAG = re.compile(
    r"</?(?:html|head|body|div|span|p|a|br|hr|meta|link|title|script|style|article|section"
    r"|header|footer|nav|main|h[1-6]|ul|ol|li|table|tr|td|img|figure|iframe)(?:\s[^<>]*)?/?>",
    re.IGNORECASE,
)


def parse_text(text: str | bytes, url: str | None = None, *, charset: str | None = None) -> Article:
    """Parse a page given as plain text into an :class:`Article`.

    ``text`` is the page's text; bytes are decoded as UTF-8 (with or without a byte-order mark),
    else as ``parse`` would decode them (``charset`` is the transport charset, when known).
    ``url`` is where the page came from. Raises ``TypeError`` for a wrong argument type and
    :class:`~newsparse.EmptyDocumentError` when the text is empty or only whitespace."""
    if isinstance(text, (bytes, bytearray, memoryview)):
        text, encoding = _decode(bytes(text), charset)
    elif isinstance(text, str):
        encoding = None
    else:
        raise TypeError(f"text must be str or bytes, not {type(text).__name__}")
    if url is not None and not isinstance(url, str):
        raise TypeError(f"url must be str or None, not {type(url).__name__}")
    blocks, gaps = _blocks(text)
    if not blocks:
        raise EmptyDocumentError("the document is empty")
    return _extract(blocks, gaps, url, encoding)


def looks_like_html(data: bytes | str) -> bool:
    """Whether ``data`` is HTML markup rather than plain text (for choosing ``parse`` or
    ``parse_text``): a doctype or ``<html>`` at the top, or several HTML tags early on."""
    if isinstance(data, (bytes, bytearray, memoryview)):
        sample = decode_html(bytes(data[: SNIFF_CHARS * 4])).text[:SNIFF_CHARS]
    else:
        sample = data[:SNIFF_CHARS]
    sample = sample.lstrip("\ufeff")
    if _MARKUP_START.match(sample):
        return True
    return len(_TAG.findall(sample)) >= MIN_SNIFFED_TAGS


def _decode(data: bytes, charset: str | None) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8"
    if charset is None:
        try:
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
    decoded = decode_html(data, charset)
    return decoded.text, decoded.encoding


def _blocks(text: str) -> tuple[list[TextBlock], list[bool]]:
    """One block per non-empty line (CRLF, CR and Unicode line breaks all end a line; runs of
    spaces, tabs and no-break spaces become one space), and whether a blank line came before."""
    text = LONE_SURROGATE.sub("\ufffd", _INVISIBLE.sub("", text))
    text = _CONTROL.sub(" ", text)
    blocks: list[TextBlock] = []
    gaps: list[bool] = []
    blank = False
    for raw in text.splitlines():
        line = normalize_space(raw)
        if not line:
            blank = True
            continue
        blocks.append(TextBlock(tag="run", text=line, path=(0,), node=None))
        gaps.append(blank)
        blank = False
    return blocks, gaps


def _extract(
    blocks: list[TextBlock], gaps: list[bool], url: str | None, encoding: str | None
) -> Article:
    page = Walk(blocks=blocks)
    drop: Drops = {}
    mark_text_chrome(page, drop)
    feed = find_feed_items(blocks, url)
    _release_loose_summaries(blocks, drop, feed)
    claim(drop, feed.used, "feed", "timed list item")
    _claim_feed_headings(blocks, drop, feed.used)
    teasers = find_teasers(blocks, gaps, drop)
    claim(drop, teasers.used, "related", "related-article teaser")
    claim_captions(blocks, drop)

    head = find_head(blocks, drop)
    byline_texts = [blocks[i].text for i in head.bylines]
    claim(drop, set(head.bylines), "byline", "byline or dateline")
    if head.dek is not None:
        drop[head.dek] = ("boilerplate", "standfirst (kept as subheadline)")
    title = blocks[head.headline].text if head.headline is not None else None
    dek = blocks[head.dek].text if head.dek is not None else None

    absorb_widget_text(blocks, gaps, drop, head.body_start)
    find_card_pairs(blocks, gaps, drop, head.body_start, teasers)
    claim(drop, teasers.used, "related", "related-article teaser")
    body_indexes = body_lines(blocks, gaps, drop, head.body_start)
    captions = _captions(blocks, drop, max(body_indexes, default=head.body_start))
    repeats = {t.casefold() for t in (title, dek) if t}
    body_indexes = [i for i in body_indexes if blocks[i].text.casefold() not in repeats]
    body = body_field.with_standfirst([body_field.to_record(blocks[i]) for i in body_indexes], dek)

    warnings: list[str] = []
    dates = choose_dates(DateEvidence(StructuredData(), [], byline_texts, url), warnings)
    authors = _authors(byline_texts)
    provenance = dict(dates.provenance)
    if title is not None:
        provenance["headline"] = "text"
    if authors:
        provenance["authors"] = "byline"
    body_chars = sum(len(block.text) for block in body)
    return Article(
        url=url,
        encoding=encoding,
        page_type=_page_type(StructuredData(), body_chars, len(feed.items) + len(teasers.links)),
        headline=title,
        subheadline=dek,
        authors=authors,
        published_at=dates.published,
        updated_at=dates.updated,
        published_text=dates.published_text,
        reading_time_minutes=first_reading_time(byline_texts),
        body=body,
        images=images.assemble_images(None, [], captions),
        related_links=teasers.links,
        feed_items=feed.items,
        removed=_removals(blocks, drop, head, set(body_indexes)),
        warnings=warnings,
        provenance=provenance,
    )


def _release_loose_summaries(blocks: list[TextBlock], drop: Drops, feed: FeedResult) -> None:
    """The last item of a feed may have no summary: the line under its headline is then the
    next section's first line, a label ("Datenschutz") or chrome ("MORE NEWS")."""
    order = iter(sorted(feed.used))
    for position, item in enumerate(feed.items):
        next(order), next(order)  # the time line and the headline
        if item.summary is None:
            continue
        index = next(order)
        if index + 1 not in feed.used and (is_loose(blocks[index].text) or index in drop):
            feed.items[position] = item.model_copy(update={"summary": None})
            feed.used.discard(index)


def _claim_feed_headings(blocks: list[TextBlock], drop: Drops, used: set[int]) -> None:
    """The "News Feed" / "Latest" line right above a feed's first time line."""
    for index in used:
        heading = index - 1
        if heading >= 0 and heading not in used and is_feed_label(blocks[heading].text):
            drop.setdefault(heading, ("feed", "feed heading"))


def _captions(blocks: list[TextBlock], drop: Drops, last: int) -> list[str]:
    """The caption lines of the article; below it, a credit-shaped line is page footer
    ("© 2024 The Coastal Review")."""
    captions = []
    for index in sorted(drop):
        if drop[index][0] != "caption":
            continue
        if index > last:
            drop[index] = ("footer", "line below the article")
        else:
            captions.append(blocks[index].text)
    return captions


def _authors(byline_texts: list[str]) -> list[Author]:
    for text in byline_texts:
        names = byline_names(text)
        if names:
            return byline.dedupe([Author(name=name) for name in names])
    return []


def _page_type(structured: StructuredData, body_chars: int, teasers: int) -> PageType:
    """The page type from structured data and counts alone (plain-text input has no DOM)."""
    return pagetype.page_type(structured, [], body_chars, teasers, None)


def _removals(blocks: list[TextBlock], drop: Drops, head: Head, body: set[int]) -> list[Removal]:
    """Every line that is neither the headline nor body, in page order, with why it went."""
    removed: list[Removal] = []
    first_body = min(body, default=head.body_start)
    for index, block in enumerate(blocks):
        if index == head.headline or index in body or (index == head.dek and body):
            continue  # (the standfirst leads a body)
        if index in drop:
            kind, reason = drop[index]
        elif head.headline is not None and index < head.headline:
            kind, reason = "header", "line above the headline"
        elif index < first_body:
            kind, reason = "boilerplate", "line between the headline and the body"
        else:
            kind, reason = "footer", "line below the article"
        removed.append(Removal(kind=kind, text=chrome.shorten(block.text), reason=reason))
    return removed
