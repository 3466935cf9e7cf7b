"""An RSS, RDF or Atom tree to a :class:`~newsparse.models.Feed`."""

from __future__ import annotations

from lxml import etree

from newsparse.errors import FeedError
from newsparse.feeds.dates import read_date
from newsparse.feeds.text import (
    Base,
    is_absolute,
    plain,
    raw_text,
    resolve,
    split_tag,
    text_of,
)
from newsparse.models import Feed, FeedItem

NS_ATOM10 = "http://www.w3.org/2005/Atom"
NS_ATOM03 = "http://purl.org/atom/ns#"
NS_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
NS_RSS10 = "http://purl.org/rss/1.0/"
NS_DC = "http://purl.org/dc/elements/1.1/"
NS_CONTENT = "http://purl.org/rss/1.0/modules/content/"
NS_MEDIA = "http://search.yahoo.com/mrss/"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# RSS core elements: no namespace (0.91-2.0), RSS 1.0, RSS 0.90, and the two namespaces some
# RSS 2.0 generators wrongly put on <rss>. Matching any of them keeps those feeds readable.
RSS_NAMESPACES = frozenset(
    {
        "",
        NS_RSS10,
        "http://my.netscape.com/rdf/simple/0.9/",
        "http://backend.userland.com/rss2",
        "http://blogs.law.harvard.edu/tech/rss",
    }
)
_FEED_ROOTS = frozenset({"rss", "RDF", "feed"})

# An item without a title gets its headline from the start of its summary, cut to this length
# (about one line in a feed reader).
HEADLINE_FALLBACK_CHARS = 100


def _children(
    parent: etree._Element, namespaces: frozenset[str], *locals_: str
) -> list[etree._Element]:
    found = []
    for child in parent:
        name = split_tag(child.tag)
        if name and name[0] in namespaces and name[1] in locals_:
            found.append(child)
    return found


def _first(
    parent: etree._Element, namespaces: frozenset[str], *locals_: str
) -> etree._Element | None:
    """The first child with any of the names, in the order of preference of ``locals_``."""
    for local in locals_:
        found = _children(parent, namespaces, local)
        if found:
            return found[0]
    return None


def _either(
    element: etree._Element | None, fallback: etree._Element | None
) -> etree._Element | None:
    # Not `element or fallback`: an lxml element without children is falsy.
    return element if element is not None else fallback


_DC = frozenset({NS_DC})
_CONTENT = frozenset({NS_CONTENT})


def to_feed(root: etree._Element, url: str | None, notes: list[str]) -> Feed:
    name = split_tag(root.tag)
    if name is None:  # pragma: no cover - lxml's root is always an element
        raise FeedError("not a feed: no root element")
    namespace, local = name
    if local == "rss" and namespace in RSS_NAMESPACES:
        channel = _first(root, RSS_NAMESPACES, "channel")
        if channel is None:
            notes.append("the <rss> element has no <channel>; read its children instead")
            channel = root
        return _rss_feed(channel, _rss_items(root), url, notes)
    if local == "RDF" and namespace == NS_RDF:
        channel = _first(root, RSS_NAMESPACES, "channel")
        channel = channel if channel is not None else root
        return _rss_feed(channel, _rss_items(root), url, notes)
    if local == "feed" and namespace in (NS_ATOM10, NS_ATOM03, ""):
        if not namespace:
            notes.append("the <feed> element has no Atom namespace; read it as Atom")
        return _atom_feed(root, frozenset({namespace}), url, notes)
    shown = f"{root.prefix}:{local}" if root.prefix else local
    raise FeedError(f"not a feed: the root element is <{shown}>, not rss, rdf:RDF or feed")


# RSS ---------------------------------------------------------------------------------------------


def _rss_feed(
    channel: etree._Element,
    items: list[etree._Element],
    url: str | None,
    notes: list[str],
) -> Feed:
    link_el = _first(channel, RSS_NAMESPACES, "link")
    top = Base(url, None)
    link = resolve(_link_value(link_el), link_el, top) if link_el is not None else None
    if link is None:
        link = _atom_link(channel, frozenset({NS_ATOM10}), top)
    language_el = _either(
        _first(channel, RSS_NAMESPACES, "language"), _first(channel, _DC, "language")
    )
    language = plain(raw_text(language_el), html=False) if language_el is not None else None
    # Relative item links in RSS point into the site, so the channel link is their base when it
    # is absolute (it already holds any xml:base of the channel and above); else the feed's URL.
    base = Base(link, channel) if is_absolute(link) else Base(url, None)
    records = []
    for position, item in enumerate(items, start=1):
        record = _rss_item(item, position, base, notes)
        if record is not None:
            records.append(record)
    return Feed(
        title=text_of(_first(channel, RSS_NAMESPACES, "title"), html=None),
        link=link,
        description=text_of(_first(channel, RSS_NAMESPACES, "description"), html=True),
        language=language or _xml_lang(channel),
        items=records,
        warnings=notes,
    )


def _rss_items(root: etree._Element) -> list[etree._Element]:
    """Every <item>, wherever it sits: RSS 2.0 nests items in <channel>, RSS 1.0 beside it, and
    a recovered broken feed may nest one item in the one before."""
    return [
        element
        for element in root.iter()
        if (name := split_tag(element.tag)) and name[0] in RSS_NAMESPACES and name[1] == "item"
    ]


def _link_value(element: etree._Element) -> str:
    # <link href="..."/> in RSS is a common mistake borrowed from Atom.
    return raw_text(element).strip() or (element.get("href") or "")


def _rss_item(item: etree._Element, position: int, base: Base, notes: list[str]) -> FeedItem | None:
    link_el = _first(item, RSS_NAMESPACES, "link")
    url = resolve(_link_value(link_el), link_el, base) if link_el is not None else None
    if url is None:
        url = _guid_link(item) or _atom_link(item, frozenset({NS_ATOM10}), base)
    summary = (
        text_of(_first(item, RSS_NAMESPACES, "description"), html=True)
        or text_of(_first(item, _CONTENT, "encoded"), html=True)
        or _media_description(item)
    )
    date_el = _either(_first(item, RSS_NAMESPACES, "pubDate", "pubdate"), _first(item, _DC, "date"))
    title = text_of(_first(item, RSS_NAMESPACES, "title"), html=None)
    return _make_item(position, title, url, summary, date_el, notes)


def _guid_link(item: etree._Element) -> str | None:
    guid = _first(item, RSS_NAMESPACES, "guid")
    if guid is None or (guid.get("isPermaLink") or "").strip().lower() == "false":
        return None
    value = raw_text(guid).strip()
    # A guid is only a link when it is one outright; "12345" or "tag:..." ids are not.
    return value if value.startswith(("http://", "https://")) else None


def _media_description(item: etree._Element) -> str | None:
    for element in item.iter(f"{{{NS_MEDIA}}}description"):
        html = (element.get("type") or "").lower() == "html"
        text = text_of(element, html=True if html else None)
        if text:
            return text
    return None


# Atom --------------------------------------------------------------------------------------------


def _atom_feed(root: etree._Element, ns: frozenset[str], url: str | None, notes: list[str]) -> Feed:
    link = _atom_link(root, ns, Base(url, None))
    # Atom resolves against xml:base, then the document's own URL; an absolute feed link stands
    # in for the URL when the caller gave none.
    entry_base = Base(url or (link if is_absolute(link) else None), None)
    records = []
    for position, entry in enumerate(_children(root, ns, "entry"), start=1):
        record = _atom_entry(entry, ns, position, entry_base, notes)
        if record is not None:
            records.append(record)
    return Feed(
        title=_atom_text(_first(root, ns, "title")),
        link=link,
        description=_atom_text(_first(root, ns, "subtitle", "tagline")),
        language=_xml_lang(root),
        items=records,
        warnings=notes,
    )


def _atom_entry(
    entry: etree._Element, ns: frozenset[str], position: int, base: Base, notes: list[str]
) -> FeedItem | None:
    summary = (
        _atom_text(_first(entry, ns, "summary"))
        or _atom_text(_first(entry, ns, "content"))
        or _media_description(entry)
    )
    # Atom 1.0 has published/updated; Atom 0.3 had issued/modified/created.
    date_el = _either(
        _first(entry, ns, "published", "issued", "updated", "modified", "created"),
        _first(entry, _DC, "date"),
    )
    title = _atom_text(_first(entry, ns, "title"))
    return _make_item(position, title, _atom_link(entry, ns, base), summary, date_el, notes)


def _atom_link(parent: etree._Element, ns: frozenset[str], base: Base) -> str | None:
    """The ``rel="alternate"`` link (the default rel), preferring an HTML one."""
    alternates = [
        link
        for link in _children(parent, ns, "link")
        if (link.get("rel") or "alternate").strip().lower() == "alternate" and link.get("href")
    ]
    alternates.sort(key=lambda link: (link.get("type") or "text/html").lower() != "text/html")
    for link in alternates:
        resolved = resolve(link.get("href"), link, base)
        if resolved:
            return resolved
    return None


def _atom_text(element: etree._Element | None) -> str | None:
    """An Atom text construct (or Atom 0.3 content) as plain text, by its declared type."""
    if element is None or element.get("src"):
        return None
    kind = (element.get("type") or "text").strip().lower()
    mode = (element.get("mode") or "").strip().lower()  # Atom 0.3 only
    if mode == "base64":
        return None
    if kind in ("xhtml", "application/xhtml+xml") or mode == "xml":
        return text_of(element, html=False)
    if kind in ("html", "text/html") or mode == "escaped":
        return text_of(element, html=True)
    if kind in ("text", "text/plain"):
        return text_of(element, html=None)
    return None  # images, audio and other media types are not text


# Shared ------------------------------------------------------------------------------------------


def _make_item(
    position: int,
    title: str | None,
    url: str | None,
    summary: str | None,
    date_el: etree._Element | None,
    notes: list[str],
) -> FeedItem | None:
    headline = title
    if headline is None and summary:
        headline = _shorten(summary, HEADLINE_FALLBACK_CHARS)
        notes.append(f"item {position} has no title; its headline is the start of its summary")
    if headline is None:
        notes.append(f"item {position} has neither title nor summary; skipped")
        return None
    time_text = " ".join(raw_text(date_el).split()) if date_el is not None else ""
    published_at = None
    if time_text:
        published_at, problem = read_date(time_text)
        if problem:
            notes.append(f"item {position}: {problem} in date {time_text!r}; published_at is empty")
    return FeedItem(
        headline=headline,
        url=url,
        summary=summary,
        time_text=time_text or None,
        published_at=published_at,
    )


def _shorten(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit]
    return cut.rstrip(" ,;:-") + "…"


def _xml_lang(element: etree._Element) -> str | None:
    node: etree._Element | None = element
    while node is not None:
        lang = (node.get(_XML_LANG) or "").strip()
        if lang:
            return lang
        node = node.getparent()
    return None
