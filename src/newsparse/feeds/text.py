"""Feed text to plain text, and feed links to absolute URLs (xml:base aware)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.entities import html5 as _HTML5_ENTITIES
from urllib.parse import urljoin, urlsplit

from lxml import etree
from selectolax.lexbor import LexborHTMLParser

from newsparse.dom import strip_invisible
from newsparse.dom import text_of as html_text_of
from newsparse.html_tags import BLOCK_TAGS

XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"


def split_tag(tag: object) -> tuple[str, str] | None:
    """``(namespace, local name)`` of an element tag; None for comments, PIs and entity nodes."""
    if not isinstance(tag, str):
        return None
    if tag.startswith("{"):
        namespace, _, local = tag[1:].partition("}")
        return namespace, local
    return "", tag


def raw_text(element: etree._Element | None) -> str:
    """All text inside an element, with a space where a block element or <br> breaks it.

    Entity references stay unexpanded nodes (see ``_xml_parser``). One naming an HTML entity
    (``&eacute;`` in an RSS 0.91 feed whose DTD is not loaded) becomes that character from a fixed
    table; any other (a feed's own entities) contributes nothing.
    """
    if element is None:
        return ""
    parts = [element.text or ""]
    for child in element:
        name = split_tag(child.tag)
        if name is not None:
            block = name[1].lower() in BLOCK_TAGS or name[1].lower() == "br"
            parts.append(" " if block else "")
            parts.append(raw_text(child))
            parts.append(" " if block else "")
        else:  # comments and PIs are removed by the parser: this is an entity reference
            parts.append(_HTML5_ENTITIES.get((child.text or "").lstrip("&"), ""))
        parts.append(child.tail or "")
    return "".join(parts)


_MARKUP = re.compile(r"<[A-Za-z/!]|&(?:#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);")


def text_of(element: etree._Element | None, *, html: bool | None) -> str | None:
    return plain(raw_text(element), html=html) if element is not None else None


def plain(raw: str, *, html: bool | None) -> str | None:
    """Plain text with collapsed whitespace. ``html``: True reads ``raw`` as HTML, False as text,
    None as HTML only when it contains tags or character references."""
    if html or (html is None and _MARKUP.search(raw)):
        raw = html_to_text(raw)
    text = " ".join(raw.split())
    return text or None


def html_to_text(fragment: str) -> str:
    """The text of an HTML fragment (a summary in a feed), as a page's text is read: blocks
    and ``<br>`` set off by spaces, scripts and styles left out, whitespace collapsed."""
    if "<" not in fragment and "&" not in fragment:
        return fragment
    tree = LexborHTMLParser(fragment)
    strip_invisible(tree)
    return html_text_of(tree.body) if tree.body is not None else ""


@dataclass(frozen=True)
class Base:
    """A base URL and the element it is in force at: xml:base attributes on that element and
    above are already part of ``url``; those below it still apply."""

    url: str | None
    scope: etree._Element | None


def resolve(href: str | None, element: etree._Element, base: Base) -> str | None:
    """``href`` found on ``element``, made absolute against the xml:base chain above it, itself
    resolved on top of ``base``."""
    chain = []
    node: etree._Element | None = element
    while node is not None and node is not base.scope:
        value = (node.get(XML_BASE) or "").strip()
        if value:
            chain.append(value)
        node = node.getparent()
    current = base.url
    for value in reversed(chain):
        current = urljoin(current, value) if current else value
    return absolute_href(href, current)


def is_absolute(url: str | None) -> bool:
    return bool(url) and bool(urlsplit(url or "").scheme)


def absolute_href(href: str | None, base: str | None) -> str | None:
    """``href`` resolved against ``base``; None for empty or non-web links (javascript:, data:,
    mailto: ...) - an item link is something a reader opens in a browser."""
    href = (href or "").strip()
    if not href:
        return None
    resolved = urljoin(base, href) if base else href
    return resolved if urlsplit(resolved).scheme.lower() in ("http", "https", "") else None
