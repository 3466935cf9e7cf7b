"""Feed input to an lxml tree: the safe parser, encodings, and repairs of broken feeds."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from html.entities import html5 as _HTML5_ENTITIES

from lxml import etree

from newsparse.decode import inflate_gzip
from newsparse.errors import FeedError

# Legacy encodings feeds are really served in (Python codec names), for the statistical guess.
LEGACY_WEB_ENCODINGS = frozenset(
    {
        *("cp1250", "cp1251", "cp1252", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257"),
        *("cp1258", "cp874", "koi8-r", "koi8-u", "gb2312", "gbk", "gb18030", "big5"),
        *("shift_jis", "cp932", "euc_jp", "iso2022_jp", "euc_kr", "cp949"),
        *(f"iso8859-{n}" for n in (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 13, 14, 15, 16)),
    }
)

# Text before the feed (PHP notices, a stray banner) is cut only when the feed starts this close to
# the top; further down, the input is more likely a page that merely mentions a feed.
LEADING_JUNK_LIMIT = 4096

# A libxml2 error message quoted in a warning is cut to this length.
WARNING_DETAIL_CHARS = 160


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


def decode_head(head: bytes) -> str:
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


def read_tree(xml: str | bytes, notes: list[str]) -> etree._Element:
    if isinstance(xml, bytes):
        xml = inflate_gzip(xml)  # a feed fetched without undoing its Content-Encoding
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
