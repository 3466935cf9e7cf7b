"""Structured data on the page, read once and shared by every field extractor."""

from __future__ import annotations

from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser

from newsparse.structured import jsonld
from newsparse.structured.meta import (
    MetaTags,
    read_dated_elements,
    read_lang,
    read_links,
    read_meta,
)


@dataclass
class StructuredData:
    jsonld_objects: list[jsonld.JsonObject] = field(default_factory=list)
    article: jsonld.JsonObject | None = None
    meta: MetaTags = field(default_factory=dict)
    links: dict[str, list[str]] = field(default_factory=dict)
    lang: str | None = None
    title: str | None = None
    dated_elements: list[tuple[str, str]] = field(default_factory=list)
    """("published" | "updated", machine value) from microdata and hAtom markup."""


def read_structured(tree: LexborHTMLParser) -> StructuredData:
    scripts = [
        node.text(deep=True)
        for node in tree.css(
            'script[type="application/ld+json" i], script[type="application/json+ld" i]'
        )
    ]
    objects = jsonld.load_blocks(scripts)
    article = jsonld.find_article(objects)
    title_node = tree.css_first("head title") or tree.css_first("title")
    return StructuredData(
        jsonld_objects=objects,
        article=jsonld.resolve_references(article, objects) if article is not None else None,
        meta=read_meta(tree),
        links=read_links(tree),
        lang=read_lang(tree),
        title=title_node.text() if title_node is not None else None,
        dated_elements=read_dated_elements(tree),
    )
