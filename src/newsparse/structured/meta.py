"""``<meta>`` tags (name, property, itemprop, http-equiv), ``<link rel>`` and ``<html lang>``:
Open Graph, Twitter cards, Dublin Core, article:* and plain name= tags, read in one pass."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from newsparse.dom import attr

MetaTags = dict[str, list[str]]


def read_meta(tree: LexborHTMLParser) -> MetaTags:
    """All meta tags with content, keyed by lowercase name/property/itemprop, in page order."""
    tags: MetaTags = {}
    for node in tree.css("meta[content]"):
        attrs = node.attributes  # (built once per tag: pages carry a hundred or more)
        content = (attrs.get("content") or "").strip()
        if not content:
            continue
        for key_attr in ("property", "name", "itemprop", "http-equiv"):
            key = (attrs.get(key_attr) or "").strip().lower()
            if key:
                tags.setdefault(key, []).append(content)
    return tags


def first(tags: MetaTags, *keys: str) -> str | None:
    """The first non-empty value among the keys, in the order the keys are given."""
    for key in keys:
        for value in tags.get(key, ()):
            if value:
                return value
    return None


def read_links(tree: LexborHTMLParser) -> dict[str, list[str]]:
    """``<link rel=... href=...>`` hrefs keyed by each lowercase rel token."""
    links: dict[str, list[str]] = {}
    for node in tree.css("link[rel][href]"):
        href = attr(node, "href")
        for rel in attr(node, "rel").lower().split():
            links.setdefault(rel, []).append(href)
    return links


def read_lang(tree: LexborHTMLParser) -> str | None:
    html = tree.css_first("html")
    return (attr(html, "lang") or attr(html, "xml:lang")) or None if html is not None else None


# Elements that mark a date without being <meta>: microdata and RDFa on any element and the
# hAtom / microformats2 classes. A page's own markup, so it ranks with the meta tags.
_DATED_SELECTOR = (
    '[itemprop="datePublished"], [itemprop="dateCreated"], [itemprop="dateModified"], '
    '[property$="datePublished"], [property$="dateCreated"], [property$="dateModified"], '
    ".published, .updated, .dt-published, .dt-updated"
)
_UPDATED_MARKS = ("datemodified", "schema:datemodified", "updated", "dt-updated")
# Pages repeat these marks in every teaser; the article's own come first.
MAX_DATED_ELEMENTS = 6


def read_dated_elements(tree: LexborHTMLParser) -> list[tuple[str, str]]:
    """("published" or "updated", machine value) of elements marked as dates, in page order.
    Only machine values count (``content``, ``datetime``, ``title`` attributes): the shown
    text is read with the visible dates."""
    found: list[tuple[str, str]] = []
    for node in tree.css(_DATED_SELECTOR):
        if node.tag == "meta":
            continue  # read with the meta tags
        value = attr(node, "content") or attr(node, "datetime") or attr(node, "title")
        if not value:
            continue
        names = f"{attr(node, 'itemprop')} {attr(node, 'property')} {attr(node, 'class')}"
        marks = names.lower().split()
        kind = "updated" if any(m in _UPDATED_MARKS for m in marks) else "published"
        found.append((kind, value))
        if len(found) >= MAX_DATED_ELEMENTS:
            break
    return found
