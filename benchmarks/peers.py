"""Adapters for the peer extractors the benchmarks compare against. None of them is a project
dependency: a peer that is not installed is skipped. Each adapter factory imports its library
and returns a function ``(html, url) -> output``; body output is a str, metadata output a dict
with the keys title, authors, published (ISO text) and text."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from importlib import metadata
from typing import Any

BodyFn = Callable[[str, "str | None"], str]
MetaFn = Callable[[str, "str | None"], dict[str, Any]]

# What a metadata adapter can be scored on; "time" means its dates carry a time of day.
META_FIELDS = ("title", "authors", "published", "time", "text")
# trafilatura (like htmldate, which it uses) outputs a day by default: no minute to score.
DAY_ONLY_FIELDS = ("title", "authors", "published", "text")
# Block-level tags whose boundaries become line breaks when a peer returns HTML.
_BLOCK_TAG_NAMES = (
    "address article aside blockquote br dd div dl dt figcaption figure footer h1 h2 h3 h4 h5"
    " h6 header hr li main nav ol p pre section table td th tr ul"
)
_BLOCK_TAGS = frozenset(_BLOCK_TAG_NAMES.split())
# Peers give several authors in one string, e.g. "Ann Lee; Bo Kim" (trafilatura).
_AUTHOR_SEPARATORS = re.compile(r"[;,]")


def html_to_text(markup: str) -> str:
    """Readable text of an HTML fragment, one line per block."""
    import lxml.html

    if not markup.strip():
        return ""
    root = lxml.html.fromstring(markup)
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag in _BLOCK_TAGS:
            element.text = "\n" + (element.text or "")
            element.tail = "\n" + (element.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line)


def split_authors(value: str | None) -> list[str]:
    return [a.strip() for a in _AUTHOR_SEPARATORS.split(value or "") if a.strip()]


def iso(value: Any) -> str | None:
    """A date as ISO text; goose3 sometimes hands back a list of the values it found."""
    if isinstance(value, list):
        return iso(value[0]) if value else None
    if isinstance(value, date):
        return value.isoformat()
    return str(value) if value else None


def names(value: Any) -> list[str]:
    """Author names from what a peer returns: strings, or (goose3) nested lists and JSON-LD
    person objects."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return names(value.get("name"))
    if isinstance(value, (list, tuple)):
        return [name for item in value for name in names(item)]
    return []


def _text_of(make_meta: Callable[[], MetaFn]) -> Callable[[], BodyFn]:
    def make() -> BodyFn:
        meta = make_meta()
        return lambda html, url: meta(html, url).get("text") or ""

    return make


# --- the peers ------------------------------------------------------------------------------


def _trafilatura_body() -> BodyFn:
    import trafilatura

    return lambda html, url: trafilatura.extract(html, url=url) or ""


def _trafilatura_meta() -> MetaFn:
    import trafilatura

    def run(html: str, url: str | None) -> dict[str, Any]:
        doc = trafilatura.bare_extraction(html, url=url, with_metadata=True)
        if doc is None:
            return {}
        return {
            "title": doc.title,
            "authors": split_authors(doc.author),
            "published": doc.date,
            "text": doc.text,
        }

    return run


def _readability_body() -> BodyFn:
    from readability import Document

    return lambda html, url: html_to_text(Document(html, url=url).summary(html_partial=True))


def _newspaper_meta() -> MetaFn:
    # Without this, tldextract tries to download the public suffix list on first use; the
    # snapshot it ships is enough and keeps the benchmark off the network.
    import tldextract.tldextract as tld

    tld.TLD_EXTRACTOR = tld.TLDExtract(suffix_list_urls=())
    import newspaper

    def run(html: str, url: str | None) -> dict[str, Any]:
        article = newspaper.Article(url or "", fetch_images=False)
        article.download(input_html=html)
        article.parse()
        return {
            "title": article.title or None,
            "authors": names(article.authors),
            "published": iso(article.publish_date),
            "text": article.text,
        }

    return run


def _goose_meta() -> MetaFn:
    from goose3 import Goose

    goose = Goose({"enable_image_fetching": False})

    def run(html: str, url: str | None) -> dict[str, Any]:
        article = goose.extract(url=url, raw_html=html)
        return {
            "title": article.title or None,
            "authors": names(article.authors),
            "published": iso(article.publish_datetime_utc) or iso(article.publish_date),
            "text": article.cleaned_text,
        }

    return run


def _resiliparse_body() -> BodyFn:
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.html import HTMLTree

    return lambda html, url: extract_plain_text(HTMLTree.parse(html), main_content=True)


def _htmldate_meta() -> MetaFn:
    from htmldate import find_date

    return lambda html, url: {"published": find_date(html, url=url)}


@dataclass(frozen=True)
class Peer:
    name: str
    dist: str  # the distribution on PyPI, for its version
    make_body: Callable[[], BodyFn] | None
    make_meta: Callable[[], MetaFn] | None
    meta_fields: tuple[str, ...] = META_FIELDS

    @property
    def version(self) -> str | None:
        try:
            return metadata.version(self.dist)
        except metadata.PackageNotFoundError:
            return None


PEERS = {
    peer.name: peer
    for peer in (
        Peer("trafilatura", "trafilatura", _trafilatura_body, _trafilatura_meta, DAY_ONLY_FIELDS),
        Peer("readability", "readability-lxml", _readability_body, None),
        Peer("newspaper4k", "newspaper4k", _text_of(_newspaper_meta), _newspaper_meta),
        Peer("goose3", "goose3", _text_of(_goose_meta), _goose_meta),
        Peer("resiliparse", "resiliparse", _resiliparse_body, None),
        Peer("htmldate", "htmldate", None, _htmldate_meta, ("published",)),
    )
}
BODY_PEERS = tuple(name for name, peer in PEERS.items() if peer.make_body)
META_PEERS = tuple(name for name, peer in PEERS.items() if peer.make_meta)
