"""Page-level metadata: site name, language, canonical URL, description, tags, reading time."""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser

from newsparse import vocab
from newsparse.dom import Node, absolute_url, attr, normalize_space
from newsparse.patterns import alternation
from newsparse.structured import StructuredData, jsonld
from newsparse.structured.meta import first

_READING_TIME = re.compile(
    r"(\d{1,3})\s*(?:" + alternation(vocab.READING_TIME_WORDS) + ")",
    re.IGNORECASE,
)
_LANG = re.compile(r"^[a-zA-Z]{2,3}(?:[-_][a-zA-Z0-9]{2,8})*$")


def site_name(structured: StructuredData) -> str | None:
    article = structured.article or {}
    publisher = article.get("publisher")
    website = jsonld.find_type(structured.jsonld_objects, "website", "newsmediaorganization")
    for value in (
        first(structured.meta, "og:site_name", "application-name", "publisher"),
        jsonld.first_text(publisher) if isinstance(publisher, (dict, list)) else None,
        jsonld.first_text(website.get("name")) if website else None,
    ):
        if value and not value.startswith("http"):
            return normalize_space(value)
    return None


def publisher_name(structured: StructuredData) -> str | None:
    """The JSON-LD publisher's name, when it is given."""
    publisher = (structured.article or {}).get("publisher")
    return jsonld.first_text(publisher) if isinstance(publisher, (dict, list)) else None


def language(structured: StructuredData) -> str | None:
    article = structured.article or {}
    for value in (
        structured.lang,
        jsonld.first_text(article.get("inLanguage")),
        first(structured.meta, "og:locale", "content-language", "language", "dc.language"),
    ):
        if value and _LANG.match(value.strip()):
            return value.strip().replace("_", "-")
    return None


def canonical_url(structured: StructuredData, base: str | None) -> str | None:
    canonical = structured.links.get("canonical") or []
    for value in (
        canonical[0] if canonical else None,
        first(structured.meta, "og:url"),
        jsonld.first_text((structured.article or {}).get("url")),
    ):
        url = absolute_url(value, base)
        if url:
            return url
    return None


def description(structured: StructuredData) -> str | None:
    article = structured.article or {}
    value = first(structured.meta, "description", "og:description", "twitter:description")
    value = value or jsonld.first_text(article.get("description"))
    return normalize_space(value) if value else None


# Tag links: rel=tag, or links inside an element whose class names a tag list. One cheap query
# for candidates, then a Python check of the class (a long selector list costs more per page).
TAG_LINK_SELECTOR = 'a[rel~="tag"], [class*="tag" i] a'
_TAG_LIST_CLASS = re.compile(
    r"(?:^|[\s_-])(?:tags|tag-list|taglist|field--name-field-tags|article-tags|post-tags|entry-tags)"
    r"(?=$|[\s_-])",
    re.IGNORECASE,
)
# More visible tag links than this is a tag cloud, not the article's tags.
MAX_VISIBLE_TAGS = 25
# A tag link sits at most this many levels below its tag-list element.
TAG_LIST_LEVELS = 4


def _in_tag_list(link: Node) -> bool:
    node = link.parent
    for _ in range(TAG_LIST_LEVELS):
        if node is None:
            return False
        if _TAG_LIST_CLASS.search(attr(node, "class")):
            return True
        node = node.parent
    return False


def visible_tags(tree: LexborHTMLParser) -> list[str]:
    """Tags shown as links (rel=tag, a tag list under the article); without such markup,
    links to tag pages after the headline."""
    texts = [
        normalize_space(a.text())
        for a in tree.css(TAG_LINK_SELECTOR)
        if "tag" in attr(a, "rel").split() or _in_tag_list(a)
    ]
    texts = [t for t in texts if t and len(t) <= 60] or _tag_page_links(tree)
    return texts if len(texts) <= MAX_VISIBLE_TAGS else []


_TAG_URL = re.compile(
    r"/(?:" + alternation(vocab.TAG_URL_SEGMENTS) + r")/[^/?#]+/?(?:[?#]|$)",
    re.IGNORECASE,
)


def is_tag_url(href: str) -> bool:
    """A link to a tag or topic page ("/tag/harbour/")."""
    return _TAG_URL.search(href) is not None


_TAG_URL_SELECTOR = ", ".join(f'a[href*="/{s}/" i]' for s in vocab.TAG_URL_SEGMENTS)
# Page furniture whose tag links are the site's topics, not the article's tags.
_FURNITURE_TAGS = ("nav", "header", "footer", "aside")


def _tag_page_links(tree: LexborHTMLParser) -> list[str]:
    """Texts of links to tag pages ("/tag/devops") that follow the <h1> outside navigation:
    the article's topics, where the page marks no tag list (the topic menu above the
    headline links to tag pages too)."""
    found: list[str] = []
    seen_h1 = False
    for node in tree.css(f"h1, {_TAG_URL_SELECTOR}"):
        if node.tag == "h1":
            seen_h1 = True
            continue
        if not seen_h1 or not _TAG_URL.search(attr(node, "href")) or _in_furniture(node):
            continue
        text = normalize_space(node.text())
        if (
            text
            and len(text) <= MAX_TAG_CHARS
            and text.casefold() not in {t.casefold() for t in found}
        ):
            found.append(text)
    return found


# A tag is a word or a short phrase.
MAX_TAG_CHARS = 60


def _in_furniture(node: Node) -> bool:
    current = node.parent
    while current is not None and current.tag not in ("body", "html"):
        if current.tag in _FURNITURE_TAGS:
            return True
        current = current.parent
    return False


def declared_tags(structured: StructuredData) -> list[str]:
    """Tags the page declares for the article (``article:tag``, JSON-LD ``keywords``): these
    win over the tag links it shows, which then need not be looked for."""
    values = structured.meta.get("article:tag", [])
    if not values:
        raw = (structured.article or {}).get("keywords")
        if isinstance(raw, str):
            values = raw.split(",")
        elif isinstance(raw, list):
            values = [v for v in raw if isinstance(v, str)]
    return values


def tags(structured: StructuredData, shown: list[str] | None = None) -> list[str]:
    values = declared_tags(structured)
    if not values and shown:
        values = shown
    if not values:
        raw_keywords = first(structured.meta, "news_keywords", "keywords")
        values = raw_keywords.split(",") if raw_keywords else []
    seen: list[str] = []
    for value in values:
        tag = normalize_space(value)
        if tag and tag.casefold() not in {s.casefold() for s in seen}:
            seen.append(tag)
    return seen


def reading_time(text: str) -> int | None:
    match = _READING_TIME.search(text)
    return int(match.group(1)) if match else None
