"""Page type: an article, a live blog, or a listing (a home, section, tag or archive page).

The signals are standard ones: JSON-LD types (``LiveBlogPosting``, ``CollectionPage``), the
Open Graph type, and the shape of what the page holds (timed updates that link to the page
itself, teasers with little article text around them)."""

from __future__ import annotations

from urllib.parse import urldefrag

from newsparse.fields.feed import MIN_FEED_ITEMS
from newsparse.fields.teaser_parts import UNSPACED_SCRIPT
from newsparse.models import FeedItem, PageType
from newsparse.structured import StructuredData, jsonld
from newsparse.structured.meta import first

# A page with less body text than this is no article when other signals say listing
# (counted in text_weight: Latin-script characters).
LISTING_MAX_BODY_CHARS = 400
# One character of a script written without spaces (Japanese, Chinese, Korean, Thai) says
# about as much as this many Latin-script characters.
UNSPACED_CHAR_WEIGHT = 3
# ... and this many teasers (feed items and related links) say so on their own.
LISTING_MIN_TEASERS = 6
# schema.org types of pages that list other pages.
LISTING_JSONLD_TYPES = frozenset({"collectionpage", "itemlist", "searchresultspage"})
# Open Graph types of pages that are not one article (home and section pages use "website").
# Many small sites tag every page so, articles too: this needs teasers on the page as well.
LISTING_OG_TYPES = frozenset({"website"})
LISTING_OG_MIN_TEASERS = MIN_FEED_ITEMS
LIVE_BLOG_JSONLD_TYPE = "liveblogposting"


def page_type(
    structured: StructuredData,
    feed_items: list[FeedItem],
    body_chars: int,
    teasers: int,
    page_url: str | None,
) -> PageType:
    types = {t for obj in structured.jsonld_objects for t in jsonld.types_of(obj)}
    if LIVE_BLOG_JSONLD_TYPE in types or _has_live_updates(feed_items, page_url):
        return "liveblog"
    if body_chars < LISTING_MAX_BODY_CHARS and (
        teasers >= LISTING_MIN_TEASERS or declared_listing(structured, teasers)
    ):
        return "listing"
    return "article"


def text_weight(text: str) -> int:
    """Length of ``text`` in Latin-script characters: 323 characters of Japanese are three
    paragraphs of a story, not a listing's leftovers."""
    return len(text) + (UNSPACED_CHAR_WEIGHT - 1) * len(UNSPACED_SCRIPT.findall(text))


def _has_live_updates(items: list[FeedItem], page_url: str | None) -> bool:
    """Updates of a live blog are read on the page: each has its text (a summary) and a
    permalink into the page itself ("#update-106"). A news widget links to other pages; a
    timetable or a comment list has no permalinks."""
    own = [item for item in items if item.summary and _permalink_here(item.url, page_url)]
    return len(own) >= MIN_FEED_ITEMS


def _permalink_here(url: str | None, page_url: str | None) -> bool:
    if url is None or page_url is None:
        return False
    page, fragment = urldefrag(url)
    return bool(fragment) and page.rstrip("/") == urldefrag(page_url)[0].rstrip("/")


def declared_listing(structured: StructuredData, teasers: int) -> bool:
    """The page calls itself a collection (JSON-LD), or a website (Open Graph) and shows
    teasers, and no JSON-LD object on it is an article. (A listing found by counting teasers
    alone is not declared: its little text may still be a story the walk read badly.)"""
    types = {t for obj in structured.jsonld_objects for t in jsonld.types_of(obj)}
    if any(t in jsonld.ARTICLE_TYPES or t.endswith(("article", "posting")) for t in types):
        return False
    if types & LISTING_JSONLD_TYPES:
        return True
    og_type = (first(structured.meta, "og:type") or "").strip().casefold()
    return og_type in LISTING_OG_TYPES and teasers >= LISTING_OG_MIN_TEASERS
