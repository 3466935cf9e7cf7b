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
        content = attr(node, "content")
        if not content:
            continue
        for key_attr in ("property", "name", "itemprop", "http-equiv"):
            key = attr(node, key_attr).lower()
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
