"""JSON-LD: read every ``application/ld+json`` block once, flatten it, find the article.

Pure functions over already-extracted script texts, so they are easy to test alone."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

JsonObject = dict[str, Any]

# schema.org types whose object describes the page's article (CreativeWork subtypes used by news
# and blog CMSs). Order matters only for ties: a LiveBlogPosting beats a plain WebPage.
ARTICLE_TYPES = (
    "newsarticle",
    "article",
    "reportagenews",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "reviewnewsarticle",
    "backgroundnewsarticle",
    "blogposting",
    "liveblogposting",
    "socialmediaposting",
    "scholarlyarticle",
    "techarticle",
    "report",
)
PAGE_TYPES = ("webpage", "itempage", "collectionpage", "aboutpage", "profilepage")
# A JSON-LD block larger than this is not parsed: no real article needs it, and it bounds work.
MAX_JSONLD_CHARS = 8_000_000
# Nesting we follow into "mainEntity"/"@graph"/arrays before giving up.
MAX_DEPTH = 6

_TRAILING_COMMA = re.compile(r",\s*([\]}])")
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def load_blocks(texts: Iterable[str]) -> list[JsonObject]:
    """Parse JSON-LD script texts into a flat list of objects (arrays and @graph unrolled)."""
    objects: list[JsonObject] = []
    for text in texts:
        data = _loads_lenient(text)
        if data is not None:
            objects.extend(_flatten(data, 0))
    return objects


def _loads_lenient(text: str) -> Any:
    """json.loads that survives the usual CMS damage: comments, CDATA, trailing commas."""
    if len(text) > MAX_JSONLD_CHARS:
        return None
    text = text.strip()
    for prefix, suffix in (("<!--", "-->"), ("/*<![CDATA[*/", "/*]]>*/"), ("<![CDATA[", "]]>")):
        if text.startswith(prefix) and text.endswith(suffix):
            text = text[len(prefix) : -len(suffix)].strip()
    for candidate in (text, _TRAILING_COMMA.sub(r"\1", _CONTROL_CHARS.sub(" ", text))):
        try:
            return json.loads(candidate, strict=False)
        except (ValueError, RecursionError):
            continue
    return None


def _flatten(data: Any, depth: int) -> Iterator[JsonObject]:
    if depth > MAX_DEPTH:
        return
    if isinstance(data, list):
        for item in data:
            yield from _flatten(item, depth + 1)
    elif isinstance(data, dict):
        graph = data.get("@graph")
        if isinstance(graph, (list, dict)):
            yield from _flatten(graph, depth + 1)
        if "@type" in data:
            yield data
        main = data.get("mainEntity")
        if isinstance(main, dict) and _is_article(main):
            yield from _flatten(main, depth + 1)


def types_of(obj: JsonObject) -> list[str]:
    """The object's @type values, lowercased, without a schema.org prefix."""
    raw = obj.get("@type")
    values = raw if isinstance(raw, list) else [raw]
    return [str(v).rsplit("/", 1)[-1].lower() for v in values if isinstance(v, str)]


def _is_article(obj: JsonObject) -> bool:
    # schema.org keeps adding Article subtypes (ReportageNewsArticle, SatiricalArticle,
    # AdvertiserContentArticle...): every type named "...Article" or "...Posting" is one.
    return any(t in ARTICLE_TYPES or t.endswith(("article", "posting")) for t in types_of(obj))


def find_article(objects: list[JsonObject]) -> JsonObject | None:
    """The object describing the page's article: an Article subtype, else a WebPage with a
    headline. When several qualify, the one with the most article fields wins."""
    articles = [o for o in objects if _is_article(o)]
    if not articles:
        articles = [o for o in objects if any(t in PAGE_TYPES for t in types_of(o))]
        articles = [o for o in articles if "headline" in o or "datePublished" in o]
    if not articles:
        return None

    def richness(obj: JsonObject) -> int:
        keys = ("headline", "author", "datePublished", "articleBody", "image", "dateModified")
        return sum(1 for k in keys if obj.get(k))

    return max(articles, key=richness)


# Fields of the article whose references to other nodes of a @graph are followed. (Not the
# author: SEO plugins point it at the CMS account that posted the story, often an editor or
# the site itself, while the byline credits the writer; a named author stays as written.)
REFERENCED_FIELDS = ("publisher",)


def resolve_references(article: JsonObject, objects: list[JsonObject]) -> JsonObject:
    """The article with its publisher reference ({"@id": ...}, as SEO plugins write a
    @graph) replaced by the node it names, when the page holds it."""
    by_id = {o["@id"]: o for o in objects if isinstance(o.get("@id"), str)}
    if not by_id:
        return article
    resolved = dict(article)
    for key in REFERENCED_FIELDS:
        value = article.get(key)
        if value is None:
            continue
        items = [_resolved(item, by_id) for item in as_list(value)]
        resolved[key] = items if isinstance(value, list) else items[0]
    return resolved


def _resolved(item: Any, by_id: dict[str, JsonObject]) -> Any:
    if isinstance(item, dict) and "name" not in item and isinstance(item.get("@id"), str):
        return by_id.get(item["@id"], item)
    return item


def find_type(objects: list[JsonObject], *wanted: str) -> JsonObject | None:
    """The first object of one of the wanted types (lowercase names)."""
    for obj in objects:
        if any(t in wanted for t in types_of(obj)):
            return obj
    return None


def first_text(value: Any) -> str | None:
    """A string from a JSON-LD value that may be a string, a list, or an object with a name."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, list):
        for item in value:
            text = first_text(item)
            if text:
                return text
        return None
    if isinstance(value, dict):
        for key in ("name", "@value", "text", "url", "@id"):
            text = first_text(value.get(key))
            if text:
                return text
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return None


def as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]
