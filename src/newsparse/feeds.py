"""RSS and Atom feeds to :class:`~newsparse.models.Feed` records.

Reads RSS 0.91/0.92/2.0, RSS 1.0 (RDF) and Atom 1.0 (and the old Atom 0.3 namespace) with lxml,
configured so that a feed can never make the parser load a DTD, touch the network or the file
system, or expand entities (billion laughs, XXE). A well-formed feed is read as it is. A broken
one is repaired (text before the root, HTML entities XML does not know, bare ``&``) and read again
in lxml's recovery mode; every repair is reported in ``Feed.warnings``.

Text: titles and summaries become plain text with collapsed whitespace. RSS descriptions and Atom
``type="html"`` are HTML; other text is read as HTML only when it looks like markup, because feeds
double-escape far more often than they mean a literal ``<b>``.

Dates: ``time_text`` keeps the feed's own string. ``published_at`` is timezone-aware whenever the
date names a zone (an offset, ``Z``, ``GMT``, or an unambiguous abbreviation from
``ZONE_OFFSETS``). It is naive only when the date carries no zone at all (``2025-06-02``,
``Mon, 02 Jun 2025 10:00:00``): assuming UTC would invent a fact. An unknown or ambiguous zone name
(``IST``) or an incomplete date leaves it ``None``, with a warning.
"""

from __future__ import annotations

import codecs
import re
import warnings as _warnings
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from html.entities import html5 as _HTML5_ENTITIES
from urllib.parse import urljoin, urlsplit

from dateutil import parser as _dateparser
from lxml import etree
from selectolax.lexbor import LexborHTMLParser

from newsparse.errors import FeedError
from newsparse.models import Feed, FeedItem

# --- vocabularies -------------------------------------------------------------------------------

NS_ATOM10 = "http://www.w3.org/2005/Atom"
NS_ATOM03 = "http://purl.org/atom/ns#"
NS_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
NS_RSS10 = "http://purl.org/rss/1.0/"
NS_DC = "http://purl.org/dc/elements/1.1/"
NS_CONTENT = "http://purl.org/rss/1.0/modules/content/"
NS_MEDIA = "http://search.yahoo.com/mrss/"
_XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
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

# Elements that separate words when markup is flattened to text (XHTML content, unescaped HTML).
BLOCK_TAGS = frozenset(
    {
        *("address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt"),
        *("figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header"),
        *("hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "td"),
        *("tfoot", "th", "thead", "tr", "ul"),
    }
)
# HTML elements whose content is never reader-visible text.
NON_TEXT_TAGS = ["script", "style", "template", "noscript", "iframe", "object"]

# Zone names a feed date may carry, in hours from UTC. RFC 822's own US zones, then abbreviations
# that mean one offset only. Ambiguous ones (IST, BST, AST: several countries) are left out on
# purpose: for them published_at stays None rather than guessed.
ZONE_OFFSETS: dict[str, float] = {
    "UT": 0,
    "UTC": 0,
    "GMT": 0,
    "Z": 0,
    "EST": -5,
    "EDT": -4,
    "CST": -6,
    "CDT": -5,
    "MST": -7,
    "MDT": -6,
    "PST": -8,
    "PDT": -7,
    "AKST": -9,
    "AKDT": -8,
    "HST": -10,
    "WET": 0,
    "WEST": 1,
    "CET": 1,
    "CEST": 2,
    "MET": 1,
    "MEST": 2,
    "EET": 2,
    "EEST": 3,
    "MSK": 3,
    "HKT": 8,
    "SGT": 8,
    "AWST": 8,
    "JST": 9,
    "KST": 9,
    "ACST": 9.5,
    "ACDT": 10.5,
    "AEST": 10,
    "AEDT": 11,
    "NZST": 12,
    "NZDT": 13,
}

# Legacy encodings feeds are really served in (Python codec names), for the statistical guess.
LEGACY_WEB_ENCODINGS = frozenset(
    {
        *("cp1250", "cp1251", "cp1252", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257"),
        *("cp1258", "cp874", "koi8-r", "koi8-u", "gb2312", "gbk", "gb18030", "big5"),
        *("shift_jis", "cp932", "euc_jp", "iso2022_jp", "euc_kr", "cp949"),
        *(f"iso8859-{n}" for n in (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 13, 14, 15, 16)),
    }
)

# --- thresholds ---------------------------------------------------------------------------------

# looks_like_feed reads this much: the root element follows at most a declaration, a stylesheet
# PI, a comment or a short DTD, all well inside 4 KB.
SNIFF_BYTES = 4096
# Text before the feed (PHP notices, a stray banner) is cut only when the feed starts this close to
# the top; further down, the input is more likely a page that merely mentions a feed.
LEADING_JUNK_LIMIT = 4096
# An item without a title gets its headline from the start of its summary, cut to this length
# (about one line in a feed reader).
HEADLINE_FALLBACK_CHARS = 100
# A libxml2 error message quoted in a warning is cut to this length.
WARNING_DETAIL_CHARS = 160

# --- the safe parser ----------------------------------------------------------------------------


def _xml_parser(*, recover: bool, encoding: str | None = None) -> etree.XMLParser:
    """A parser that never loads a DTD, never touches the network or files, never expands
    entities (references stay unexpanded nodes, which the text walk skips) and keeps libxml2's
    size and depth limits (``huge_tree=False``)."""
    return etree.XMLParser(
        encoding=encoding,
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        recover=recover,
        remove_comments=True,
        remove_pis=True,
        strip_cdata=True,
        # Not collect_ids=False: with libxml2 2.14 that option makes the parser load external
        # parameter entities (%name; in the internal subset) from disk; tests guard this.
    )


# --- public API ---------------------------------------------------------------------------------


def parse_feed(xml: str | bytes, url: str | None = None) -> Feed:
    """Parse an RSS (0.9x, 1.0/RDF, 2.0) or Atom (1.0, 0.3) feed into a :class:`Feed`.

    ``xml`` is the feed as raw bytes (the XML declaration's encoding is honoured) or as text.
    ``url`` is where the feed came from; it resolves relative links. Broken feeds are recovered
    as far as possible and described in ``Feed.warnings``. Raises ``TypeError`` for a wrong
    argument type and :class:`~newsparse.FeedError` when the input is not a feed (an HTML page,
    plain text, nothing at all).
    """
    if isinstance(xml, (bytearray, memoryview)):
        xml = bytes(xml)
    if not isinstance(xml, (str, bytes)):
        raise TypeError(f"xml must be str or bytes, not {type(xml).__name__}")
    if url is not None and not isinstance(url, str):
        raise TypeError(f"url must be str or None, not {type(url).__name__}")
    notes: list[str] = []
    root = _read_tree(xml, notes)
    return _to_feed(root, url or None, notes)


def looks_like_feed(data: str | bytes) -> bool:
    """Whether ``data`` starts like an RSS, RDF or Atom document (a cheap sniff of its first
    few KB: the first element after any declaration, comments, PIs and DOCTYPE)."""
    if isinstance(data, (bytearray, memoryview)):
        data = bytes(data)
    if isinstance(data, bytes):
        head = _decode_head(data[:SNIFF_BYTES])
    elif isinstance(data, str):
        head = data[:SNIFF_BYTES]
    else:
        raise TypeError(f"data must be str or bytes, not {type(data).__name__}")
    match = _PROLOG_THEN_ROOT.match(head.lstrip("\ufeff"))
    if not match:
        return False
    local = match.group("local")
    if local == "RDF":
        # rdf:RDF is also used for non-feed metadata; RSS 1.0 and 0.90 always declare their own
        # namespace on it.
        return "purl.org/rss/1.0" in head or "rdf/simple/0.9" in head
    return local in _FEED_ROOTS


# Anchored (``\A``: it is only ever matched at the start). Each prolog item ends at its first
# terminator, as XML says it does ("?>", "-->", "]" + ">"): lazy ``.*?`` bodies could also
# stretch over later items, and on a long prolog that is not followed by an element a regex
# tries every way of grouping the items (exponential).
_PROLOG_THEN_ROOT = re.compile(
    r"""\A\s*
        (?:(?:<\?[^?]*(?:\?(?!>)[^?]*)*\?>                      # processing instruction
            |<!--[^-]*(?:-(?!->)[^-]*)*-->                       # comment
            |<!DOCTYPE[^\[>]*(?:\[[^\]]*(?:\](?!\s*>)[^\]]*)*\])?\s*>  # DOCTYPE
        )\s*)*
        <(?:[A-Za-z_][\w.-]*:)?(?P<local>[A-Za-z_][\w.-]*)[\s/>]""",
    re.VERBOSE,
)


def _decode_head(head: bytes) -> str:
    """The sniff window as text. Markup is ASCII, so Latin-1 serves every ASCII-compatible
    encoding; UTF-16 is recognised by its BOM or by the NUL bytes around the first ``<``."""
    encoding = _utf16_encoding(head)
    if encoding:
        return head.decode(encoding, errors="ignore")
    return head.removeprefix(codecs.BOM_UTF8).decode("latin-1")


def _utf16_encoding(data: bytes) -> str | None:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if data.startswith(b"<\x00"):
        return "utf-16-le"
    if data.startswith(b"\x00<"):
        return "utf-16-be"
    return None


# --- input to tree ------------------------------------------------------------------------------


@dataclass
class _Source:
    """The input ready for lxml: ``data`` is either the caller's own bytes (when the declared
    encoding holds, lxml honours it) or UTF-8 that we decoded ourselves (``force_utf8``)."""

    data: bytes
    force_utf8: bool
    encoding: str
    notes: list[str] = field(default_factory=list)

    def text(self) -> str:
        return self.data.decode("utf-8" if self.force_utf8 else self.encoding, errors="replace")


_XML_DECL = re.compile(rb"""<\?xml[^>]*?encoding\s*=\s*["']\s*([A-Za-z0-9._:\-]{1,40})""")


def _read_tree(xml: str | bytes, notes: list[str]) -> etree._Element:
    source = _source_from_bytes(xml) if isinstance(xml, bytes) else _source_from_text(xml)
    notes.extend(source.notes)
    if b"<!ENTITY" in source.data:
        notes.append("the feed declares its own entities; they were left unexpanded")
    try:
        root = etree.fromstring(source.data, _xml_parser(recover=False, encoding=_enc(source)))
    except etree.XMLSyntaxError as exc:
        text = source.text()
        if "<" not in text:
            raise FeedError("not a feed: the input holds no XML markup") from None
        root = _recover(text, _error_detail(exc), notes)
    if root is None:  # pragma: no cover - the strict parser raises instead of returning None
        raise FeedError("not a feed: the input holds no XML element")
    return root


def _enc(source: _Source) -> str | None:
    return "utf-8" if source.force_utf8 else None


def _source_from_text(text: str) -> _Source:
    notes: list[str] = []
    text = _strip_leading_space(text.lstrip("\ufeff"), notes)
    # Lone surrogates cannot be encoded; replacing them keeps the rest of the feed.
    return _Source(text.encode("utf-8", errors="replace"), True, "utf-8", notes)


def _strip_leading_space(text: str, notes: list[str]) -> str:
    stripped = text.lstrip()
    if len(stripped) != len(text) and stripped.startswith("<?xml"):
        notes.append("whitespace before the XML declaration was skipped")
    return stripped


def _source_from_bytes(data: bytes) -> _Source:
    notes: list[str] = []
    bom_encoding, body = _split_bom(data)
    utf16 = _utf16_encoding(body) if bom_encoding is None else None
    if bom_encoding in ("utf-16", "utf-16-le", "utf-16-be") or utf16:
        # Not ASCII-compatible: decode here and hand lxml UTF-8.
        text = body.decode(bom_encoding or utf16 or "utf-16", errors="replace")
        return _source_from_text(text)
    stripped = body.lstrip(b" \t\r\n")
    if len(stripped) != len(body) and stripped.startswith(b"<?xml"):
        notes.append("whitespace before the XML declaration was skipped")
    body = stripped
    declared_match = _XML_DECL.match(body[:200])
    declared = declared_match.group(1).decode("ascii") if declared_match else None
    checked = len(notes)
    encoding = _choose_encoding(body, bom_encoding, declared, notes)
    lxml_would_use = bom_encoding or _codec_name(declared or "utf-8")
    if encoding == lxml_would_use and bom_encoding is None and len(notes) == checked:
        # The declaration (or XML's UTF-8 default) holds: lxml reads the bytes as declared.
        return _Source(body, False, encoding, notes)
    text = body.decode(encoding, errors="replace")
    return _Source(text.encode("utf-8"), True, encoding, notes)


def _split_bom(data: bytes) -> tuple[str | None, bytes]:
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8", data[len(codecs.BOM_UTF8) :]
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", data  # Python's utf-16 codec reads and drops the BOM itself.
    return None, data


def _codec_name(label: str) -> str | None:
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def _choose_encoding(
    data: bytes, bom_encoding: str | None, declared: str | None, notes: list[str]
) -> str:
    """The encoding the bytes really are in: the BOM, else the declaration, else UTF-8, unless
    the bytes prove it wrong."""
    declared_codec = _codec_name(declared) if declared else None
    if bom_encoding:
        if declared_codec and declared_codec != bom_encoding:
            notes.append(f"the byte order mark says {bom_encoding}, the declaration {declared}")
        return bom_encoding
    if declared and declared_codec is None:
        notes.append(f"unknown declared encoding {declared!r}")
    claimed = declared_codec or "utf-8"
    if claimed.startswith(("utf-16", "utf-32")):
        # Wide text starts with a BOM or NUL bytes, and those were handled before: these bytes
        # are 8-bit whatever the declaration says.
        notes.append(f"the declared {declared} does not fit 8-bit bytes")
        claimed = "utf-8"
    if claimed == "utf-8":
        if _decodes(data, "utf-8"):
            return "utf-8"
        if _mostly_utf8(data):
            notes.append("the bytes are not all valid UTF-8; the bad ones were replaced")
            return "utf-8"
        guessed = _guess_encoding(data)
        notes.append(f"the bytes are not valid UTF-8; decoded as {guessed}")
        return guessed
    # A feed declaring a legacy charset while sending valid non-ASCII UTF-8 is a common lie;
    # real legacy text almost never happens to be valid UTF-8.
    if not data.isascii() and _decodes(data, "utf-8"):
        notes.append(f"the bytes are UTF-8, not the declared {declared}; decoded as utf-8")
        return "utf-8"
    if _decodes(data, claimed):
        return claimed
    guessed = _guess_encoding(data)
    notes.append(f"the bytes do not match the declared {declared}; decoded as {guessed}")
    return guessed


def _mostly_utf8(data: bytes) -> bool:
    """UTF-8 with a few stray bytes (a pasted legacy character) rather than legacy text: it
    holds more valid multi-byte characters than invalid bytes. Legacy text almost never forms
    valid multi-byte sequences, so one is strong evidence."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for char in text if char > "\x7f") - bad
    return good > 0 and good >= bad


def _guess_encoding(data: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:65536]).best()
    name = _codec_name(best.encoding) if best else None
    # On short samples the detector can name rare codecs (hp-roman8, mac-*); a feed is far more
    # likely in one of the web's legacy encodings, of which windows-1252 is the most common.
    return name if name in LEGACY_WEB_ENCODINGS else "cp1252"


def _error_detail(exc: etree.XMLSyntaxError) -> str:
    # lxml's message ends with the line and column; the " (<string>, line N)" suffix is noise.
    return str(exc.msg).strip()[:WARNING_DETAIL_CHARS]


def _recover(text: str, detail: str, notes: list[str]) -> etree._Element:
    """Repair what commonly breaks feeds, then let libxml2's recovery mode read the rest."""
    notes.append(f"the feed is not well-formed XML ({detail}); recovered what could be read")
    text = _cut_leading_junk(text, notes)
    # Entities are never expanded anyway, and a broken DTD (or an entity bomb, which libxml2
    # stops at) would end recovery right there.
    text, dropped = _drop_doctype(text)
    if dropped:
        notes.append("dropped the DOCTYPE declaration to read the rest")
    text = _repair_references(text, notes)
    parser = _xml_parser(recover=True, encoding="utf-8")
    try:
        root = etree.fromstring(text.encode("utf-8", errors="replace"), parser)
    except etree.XMLSyntaxError:
        root = None
    if root is None:
        raise FeedError("not a feed: no XML element could be read")
    remaining = len(parser.error_log.filter_from_errors())
    if remaining:
        notes.append(f"{remaining} XML errors remained after repair; some content may be lost")
    return root


_DOCTYPE_OPEN = re.compile(r"<!DOCTYPE\b", re.IGNORECASE)
_DOCTYPE_STOP = re.compile(r"[\[>]")
_SUBSET_END = re.compile(r"\]\s*>")


def _drop_doctype(text: str) -> tuple[str, bool]:
    """Remove the first DOCTYPE declaration: ``<!DOCTYPE`` up to the first ``>``, or, when an
    internal subset ``[`` comes first, up to the first ``]`` + ``>`` after it.

    A scan rather than one regex: a regex search re-reads the rest of the text from every
    ``<!DOCTYPE`` that has no end (quadratic). Here each search starts where the previous one
    stopped."""
    position = 0
    subset_ends = True  # False once no "]>" is left after some "[": none is after a later one
    while (start := _DOCTYPE_OPEN.search(text, position)) is not None:
        stop = _DOCTYPE_STOP.search(text, start.end())
        if stop is None:
            return text, False  # no "[" or ">" after this one, so none after a later one either
        if stop.group() == ">":
            return text[: start.start()] + text[stop.end() :], True
        end = _SUBSET_END.search(text, stop.end()) if subset_ends else None
        if end is not None:
            return text[: start.start()] + text[end.end() :], True
        subset_ends = False
        # Every <!DOCTYPE before this "[" stops at the same "[" and fails the same way.
        position = stop.end()
    return text, False


_FEED_START = re.compile(r"<\?xml\b|<(?:[A-Za-z_][\w.-]*:)?(?:rss|feed|RDF)\b")


def _cut_leading_junk(text: str, notes: list[str]) -> str:
    text = text.lstrip()
    if text.startswith("<"):
        return text
    match = _FEED_START.search(text, 0, LEADING_JUNK_LIMIT)
    if not match:
        return text
    notes.append(f"skipped {match.start()} characters of text before the feed")
    return text[match.start() :]


_CDATA_OPEN = "<![CDATA["
_CDATA_CLOSE = "]]>"
_NAMED_REFERENCE = re.compile(r"&([A-Za-z][A-Za-z0-9]*);")
_BARE_AMPERSAND = re.compile(r"&(?!#[0-9]+;|#[xX][0-9A-Fa-f]+;|[A-Za-z_][\w.-]*;)")
_DECLARED_ENTITY = re.compile(r"<!ENTITY\s+(?:%\s+)?([\w.:-]+)")
_XML_PREDEFINED = frozenset({"amp", "lt", "gt", "quot", "apos"})


def _repair_references(text: str, notes: list[str]) -> str:
    """Turn HTML named entities (RSS 0.91's DTD defined them; XML does not) into numeric
    references and escape bare ``&`` (``AT&T``, query strings), outside CDATA sections."""
    keep = _XML_PREDEFINED | set(_DECLARED_ENTITY.findall(text))
    counts = {"entities": 0, "ampersands": 0}

    def numeric(match: re.Match[str]) -> str:
        name = match.group(1)
        value = _HTML5_ENTITIES.get(name + ";")
        if name in keep or value is None:
            return match.group(0)
        counts["entities"] += 1
        return "".join(f"&#{ord(char)};" for char in value)

    def escape(match: re.Match[str]) -> str:
        counts["ampersands"] += 1
        return "&amp;"

    parts = _split_cdata(text)
    for index in range(0, len(parts), 2):  # odd indexes are the CDATA sections themselves
        parts[index] = _BARE_AMPERSAND.sub(escape, _NAMED_REFERENCE.sub(numeric, parts[index]))
    if counts["entities"]:
        notes.append(f"replaced {counts['entities']} HTML entities that XML does not define")
    if counts["ampersands"]:
        notes.append(f"escaped {counts['ampersands']} bare '&' characters")
    return "".join(parts)


def _split_cdata(text: str) -> list[str]:
    """``text`` split around its CDATA sections, which are kept at the odd indexes (as
    ``re.split`` with a group gives them). A section ends at its first ``]]>``; an opening with
    no ``]]>`` after it ends the search, since no later opening can have one either (a regex
    search would re-read the rest of the text from every such opening: quadratic)."""
    parts: list[str] = []
    position = 0
    while (start := text.find(_CDATA_OPEN, position)) >= 0:
        end = text.find(_CDATA_CLOSE, start + len(_CDATA_OPEN))
        if end < 0:
            break
        end += len(_CDATA_CLOSE)
        parts += [text[position:start], text[start:end]]
        position = end
    parts.append(text[position:])
    return parts


# --- tree to Feed -------------------------------------------------------------------------------


def _split_tag(tag: object) -> tuple[str, str] | None:
    """``(namespace, local name)`` of an element tag; None for comments, PIs and entity nodes."""
    if not isinstance(tag, str):
        return None
    if tag.startswith("{"):
        namespace, _, local = tag[1:].partition("}")
        return namespace, local
    return "", tag


def _children(
    parent: etree._Element, namespaces: frozenset[str], *locals_: str
) -> list[etree._Element]:
    found = []
    for child in parent:
        name = _split_tag(child.tag)
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


def _to_feed(root: etree._Element, url: str | None, notes: list[str]) -> Feed:
    name = _split_tag(root.tag)
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
    top = _Base(url, None)
    link = _resolve(_link_value(link_el), link_el, top) if link_el is not None else None
    if link is None:
        link = _atom_link(channel, frozenset({NS_ATOM10}), top)
    language_el = _either(
        _first(channel, RSS_NAMESPACES, "language"), _first(channel, _DC, "language")
    )
    language = _plain(_raw_text(language_el), html=False) if language_el is not None else None
    # Relative item links in RSS point into the site, so the channel link is their base when it
    # is absolute (it already holds any xml:base of the channel and above); else the feed's URL.
    base = _Base(link, channel) if _is_absolute(link) else _Base(url, None)
    records = []
    for position, item in enumerate(items, start=1):
        record = _rss_item(item, position, base, notes)
        if record is not None:
            records.append(record)
    return Feed(
        title=_text_of(_first(channel, RSS_NAMESPACES, "title"), html=None),
        link=link,
        description=_text_of(_first(channel, RSS_NAMESPACES, "description"), html=True),
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
        if (name := _split_tag(element.tag)) and name[0] in RSS_NAMESPACES and name[1] == "item"
    ]


def _link_value(element: etree._Element) -> str:
    # <link href="..."/> in RSS is a common mistake borrowed from Atom.
    return _raw_text(element).strip() or (element.get("href") or "")


def _rss_item(
    item: etree._Element, position: int, base: _Base, notes: list[str]
) -> FeedItem | None:
    link_el = _first(item, RSS_NAMESPACES, "link")
    url = _resolve(_link_value(link_el), link_el, base) if link_el is not None else None
    if url is None:
        url = _guid_link(item) or _atom_link(item, frozenset({NS_ATOM10}), base)
    summary = (
        _text_of(_first(item, RSS_NAMESPACES, "description"), html=True)
        or _text_of(_first(item, _CONTENT, "encoded"), html=True)
        or _media_description(item)
    )
    date_el = _either(_first(item, RSS_NAMESPACES, "pubDate", "pubdate"), _first(item, _DC, "date"))
    title = _text_of(_first(item, RSS_NAMESPACES, "title"), html=None)
    return _make_item(position, title, url, summary, date_el, notes)


def _guid_link(item: etree._Element) -> str | None:
    guid = _first(item, RSS_NAMESPACES, "guid")
    if guid is None or (guid.get("isPermaLink") or "").strip().lower() == "false":
        return None
    value = _raw_text(guid).strip()
    # A guid is only a link when it is one outright; "12345" or "tag:..." ids are not.
    return value if value.startswith(("http://", "https://")) else None


def _media_description(item: etree._Element) -> str | None:
    for element in item.iter(f"{{{NS_MEDIA}}}description"):
        html = (element.get("type") or "").lower() == "html"
        text = _text_of(element, html=True if html else None)
        if text:
            return text
    return None


# Atom --------------------------------------------------------------------------------------------


def _atom_feed(root: etree._Element, ns: frozenset[str], url: str | None, notes: list[str]) -> Feed:
    link = _atom_link(root, ns, _Base(url, None))
    # Atom resolves against xml:base, then the document's own URL; an absolute feed link stands
    # in for the URL when the caller gave none.
    entry_base = _Base(url or (link if _is_absolute(link) else None), None)
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
    entry: etree._Element, ns: frozenset[str], position: int, base: _Base, notes: list[str]
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


def _atom_link(parent: etree._Element, ns: frozenset[str], base: _Base) -> str | None:
    """The ``rel="alternate"`` link (the default rel), preferring an HTML one."""
    alternates = [
        link
        for link in _children(parent, ns, "link")
        if (link.get("rel") or "alternate").strip().lower() == "alternate" and link.get("href")
    ]
    alternates.sort(key=lambda link: (link.get("type") or "text/html").lower() != "text/html")
    for link in alternates:
        resolved = _resolve(link.get("href"), link, base)
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
        return _text_of(element, html=False)
    if kind in ("html", "text/html") or mode == "escaped":
        return _text_of(element, html=True)
    if kind in ("text", "text/plain"):
        return _text_of(element, html=None)
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
    time_text = " ".join(_raw_text(date_el).split()) if date_el is not None else ""
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


# --- text and links -----------------------------------------------------------------------------


def _raw_text(element: etree._Element | None) -> str:
    """All text inside an element, with a space where a block element or <br> breaks it.

    Entity references stay unexpanded nodes (see ``_xml_parser``). One naming an HTML entity
    (``&eacute;`` in an RSS 0.91 feed whose DTD is not loaded) becomes that character from a fixed
    table; any other (a feed's own entities) contributes nothing.
    """
    if element is None:
        return ""
    parts = [element.text or ""]
    for child in element:
        name = _split_tag(child.tag)
        if name is not None:
            block = name[1].lower() in BLOCK_TAGS
            parts.append(" " if block else "")
            parts.append(_raw_text(child))
            parts.append(" " if block else "")
        else:  # comments and PIs are removed by the parser: this is an entity reference
            parts.append(_HTML5_ENTITIES.get((child.text or "").lstrip("&"), ""))
        parts.append(child.tail or "")
    return "".join(parts)


_MARKUP = re.compile(r"<[A-Za-z/!]|&(?:#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);")


def _text_of(element: etree._Element | None, *, html: bool | None) -> str | None:
    return _plain(_raw_text(element), html=html) if element is not None else None


def _plain(raw: str, *, html: bool | None) -> str | None:
    """Plain text with collapsed whitespace. ``html``: True reads ``raw`` as HTML, False as text,
    None as HTML only when it contains tags or character references."""
    if html or (html is None and _MARKUP.search(raw)):
        raw = html_to_text(raw)
    text = " ".join(raw.split())
    return text or None


def html_to_text(fragment: str) -> str:
    """The text of an HTML fragment, a space at each block boundary and ``<br>``, without
    scripts and styles. Whitespace is not collapsed."""
    if "<" not in fragment and "&" not in fragment:
        return fragment
    tree = LexborHTMLParser(fragment)
    tree.strip_tags(NON_TEXT_TAGS)
    body = tree.body
    if body is None:
        return ""
    parts = []
    for node in body.traverse(include_text=True):
        if node.tag == "-text":
            parts.append(node.text_content or "")
        elif node.tag in BLOCK_TAGS:
            parts.append(" ")
    return "".join(parts)


@dataclass(frozen=True)
class _Base:
    """A base URL and the element it is in force at: xml:base attributes on that element and
    above are already part of ``url``; those below it still apply."""

    url: str | None
    scope: etree._Element | None


def _resolve(href: str | None, element: etree._Element, base: _Base) -> str | None:
    """``href`` found on ``element``, made absolute against the xml:base chain above it, itself
    resolved on top of ``base``."""
    chain = []
    node: etree._Element | None = element
    while node is not None and node is not base.scope:
        value = (node.get(_XML_BASE) or "").strip()
        if value:
            chain.append(value)
        node = node.getparent()
    current = base.url
    for value in reversed(chain):
        current = urljoin(current, value) if current else value
    return _absolute(href, current)


def _is_absolute(url: str | None) -> bool:
    return bool(url) and bool(urlsplit(url or "").scheme)


def _absolute(href: str | None, base: str | None) -> str | None:
    """``href`` resolved against ``base``; None for empty or non-web links (javascript:, data:,
    mailto: ...) - an item link is something a reader opens in a browser."""
    href = (href or "").strip()
    if not href:
        return None
    resolved = urljoin(base, href) if base else href
    return resolved if urlsplit(resolved).scheme.lower() in ("http", "https", "") else None


# --- dates --------------------------------------------------------------------------------------

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]|$)|\d{8}T")
_RFC822 = re.compile(
    r"""(?:[A-Za-z]{2,9}\.?,?\s*)?\d{1,2}[\s-]+[A-Za-z]{3,9}\.?[\s-]+\d{2,4}\s+
        \d{1,2}:\d{2}(?::\d{2})?(?:\s+(?P<zone>[A-Za-z]{1,5}|[+-]\d{4}))?\s*(?:\(.*\))?$""",
    re.VERBOSE,
)
_NUMERIC_DATE = re.compile(r"(\d{1,2})([./-])(\d{1,2})\2\d{2,4}\b")
_TZINFOS = {name: int(hours * 3600) for name, hours in ZONE_OFFSETS.items()}
# Two defaults that differ in year, month and day: a date parsed to the same value under both
# named all three itself.
_DEFAULTS = (datetime(2001, 1, 1), datetime(2002, 2, 2))


def read_date(text: str) -> tuple[datetime | None, str | None]:
    """A feed date as ``(datetime, None)``, or ``(None, reason)`` when it cannot be read without
    guessing. RFC 822 dates go through ``email.utils``, ISO 8601 through ``dateutil.isoparse``,
    anything else through ``dateutil.parser.parse`` (which must find year, month and day).
    Zones come back as plain ``datetime.timezone`` offsets, whichever parser read them."""
    value, problem = _read_date(" ".join(text.split()))
    offset = value.utcoffset() if value is not None else None
    if value is not None and offset is not None:
        value = value.replace(tzinfo=timezone.utc if not offset else timezone(offset))
    return value, problem


def _read_date(text: str) -> tuple[datetime | None, str | None]:
    if _ISO_DATE.match(text):
        try:
            return _dateparser.isoparse(text), None
        except (ValueError, OverflowError):
            pass  # e.g. "2025-06-02 10:00 +02:00": dateutil's general parser reads it
    rfc = _RFC822.match(text)
    if rfc:
        try:
            value = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError, OverflowError):
            value = None
        if value is not None:
            return _rfc822_zone(value, rfc.group("zone"))
    return _general_date(text)


def _rfc822_zone(value: datetime, zone: str | None) -> tuple[datetime | None, str | None]:
    if value.tzinfo is not None or zone is None:
        return value, None
    if zone == "-0000":
        # RFC 2822: the time is UTC; only the sender's local zone is unknown.
        return value.replace(tzinfo=timezone.utc), None
    hours = ZONE_OFFSETS.get(zone.upper())
    if hours is None:
        return None, "unknown time zone"
    return value.replace(tzinfo=timezone(timedelta(hours=hours))), None


def _general_date(text: str) -> tuple[datetime | None, str | None]:
    dayfirst = False
    numeric = _NUMERIC_DATE.match(text)
    if numeric:
        first, separator, second = int(numeric[1]), numeric[2], int(numeric[3])
        if separator == ".":
            dayfirst = True  # dotted numeric dates are day-first wherever they are written
        elif first <= 12 and second <= 12 and first != second:
            return None, "ambiguous day and month"  # 06/02: June 2 (US) or 6 February?
    results = []
    with _warnings.catch_warnings(record=True) as caught:
        _warnings.simplefilter("always")
        for default in _DEFAULTS:
            try:
                parsed = _dateparser.parse(
                    text, default=default, tzinfos=_TZINFOS, dayfirst=dayfirst
                )
                results.append(parsed)
            except (ValueError, OverflowError):
                return None, "unreadable date"
    if any(issubclass(w.category, _dateparser.UnknownTimezoneWarning) for w in caught):
        return None, "unknown time zone"
    if results[0] != results[1]:
        return None, "incomplete date"
    return results[0], None
