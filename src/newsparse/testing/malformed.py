"""``malformed_html()``: broken pages, as text or bytes, built by damaging generated ones."""

from __future__ import annotations

import codecs
import random
import re
from collections.abc import Callable, Iterable

from hypothesis import strategies as st

from newsparse.testing.articles import articles
from newsparse.testing.strategies import article_pages

MAX_DEPTH = 3000
"""Default deepest nesting ``malformed_html`` draws; the pathological tests go far deeper."""

# Damage applied to the page as text.
_STRAY_END_TAGS = ("</html>", "</body>", "</head>", "</div></div>", "</table>", "</p>", "</li>")
_BROKEN_ENTITIES = (
    "&amp",
    "&#",
    "&#x;",
    "&#xZZ;",
    "&#1114112;",
    "&#0;",
    "&#xD800;",
    "&nbsp",
    "&;",
    "&notanentity;",
    "&#99999999999999999999;",
    "&&&",
    "&#x110000;",
)
_CONTROL_CHARS = (
    "\x01",
    "\x08",
    "\x0b",
    "\x0c",
    "\x1b",
    "\x7f",
    "\x85",
    "\ufeff",
    "\u202e",
    "\ufffe",
    "\uffff",
)
_LONE_SURROGATES = ("\ud800", "\udfff", "\udbff\udbff")
_UNTERMINATED = (
    "<!--",
    "<script>",
    "<style>",
    "<![CDATA[",
    "<title>",
    "<textarea>",
    "<plaintext>",
    "<",
    "<a href='",
    '<img src="x',
    "<!DOCTYPE",
    "<?xml",
    "<template>",
    "<noscript>",
)
_NESTERS = (
    "<div>",
    "<b><i>",
    "<table><tr><td>",
    "<ul><li>",
    "<span>",
    "<blockquote>",
    "<a>",
    "<p>",
)
_GARBAGE_ATTRIBUTES = (
    '<p a=b=c "x" \'y\'=1 data-x=">">',
    '<div class="a" class="b" id id id>',
    "<span ===>",
    '<img src=javascript:alert(1) onerror="">',
    "<a href=\"&#x0;\" title='\u0000'>",
    '<meta charset="utf-8" charset="latin1">',
    "<div style='display:none' hidden hidden>",
)
# Damage applied to the encoded bytes.
_INVALID_UTF8 = (
    b"\xff",
    b"\xc3",
    b"\xe2\x82",
    b"\xed\xa0\x80",
    b"\xc0\xaf",
    b"\xf8\x88\x80\x80\x80",
    b"\x80",
    b"\xfe\xfe",
)
_CHARSET_LABELS = (
    "shift_jis",
    "utf-16",
    "utf-16be",
    "iso-2022-jp",
    "x-unknown",
    "utf-7",
    "windows-1251",
    "euc-kr",
    "",
    "utf-8",
    "latin1",
    "gb18030",
)
_ENCODINGS = ("utf-8", "cp1252", "cp1251", "utf-16-le", "shift_jis", "latin-1")

TEXT_MALFORMATIONS = (
    "truncated",
    "unclosed_tags",
    "stray_end_tags",
    "nul_bytes",
    "broken_entities",
    "control_chars",
    "lone_surrogates",
    "deep_nesting",
    "unterminated",
    "garbage_attributes",
)
BYTE_MALFORMATIONS = ("invalid_utf8", "misdeclared_charset", "wrong_bom")
MALFORMATIONS = TEXT_MALFORMATIONS + BYTE_MALFORMATIONS
"""Every kind of damage :func:`malformed_html` applies; pass a subset as ``kinds``."""


def _insert(rng: random.Random, text: str, pieces: Iterable[str], count: int) -> str:
    options = tuple(pieces)
    for _ in range(count):
        at = rng.randint(0, len(text))
        text = text[:at] + rng.choice(options) + text[at:]
    return text


def _insert_bytes(rng: random.Random, data: bytes, pieces: tuple[bytes, ...], count: int) -> bytes:
    for _ in range(count):
        at = rng.randint(0, len(data))
        data = data[:at] + rng.choice(pieces) + data[at:]
    return data


def _unclose(rng: random.Random, text: str) -> str:
    return re.sub(
        r"</(?:p|div|li|ul|span|a|section|article|h\d|td|tr|table|figure)>",
        lambda m: "" if rng.random() < 0.5 else m.group(0),
        text,
    )


def _nest(rng: random.Random, text: str, depth: int) -> str:
    opener = rng.choice(_NESTERS)
    closer = "".join(f"</{name}>" for name in reversed(re.findall(r"<(\w+)", opener)))
    closed = rng.random() < 0.5
    nested = opener * depth + "deep text" + (closer * depth if closed else "")
    at = rng.randint(0, len(text))
    return text[:at] + nested + text[at:]


_TEXT_DAMAGE: dict[str, Callable[[random.Random, str, int], str]] = {
    "truncated": lambda rng, text, _: text[: rng.randint(0, len(text))],
    "unclosed_tags": lambda rng, text, _: _unclose(rng, text),
    "stray_end_tags": lambda rng, text, _: _insert(rng, text, _STRAY_END_TAGS, rng.randint(1, 6)),
    "nul_bytes": lambda rng, text, _: _insert(rng, text, ("\x00", "\x00\x00"), rng.randint(1, 20)),
    "broken_entities": lambda rng, text, _: _insert(
        rng, text, _BROKEN_ENTITIES, rng.randint(1, 12)
    ),
    "control_chars": lambda rng, text, _: _insert(rng, text, _CONTROL_CHARS, rng.randint(1, 12)),
    "lone_surrogates": lambda rng, text, _: _insert(rng, text, _LONE_SURROGATES, rng.randint(1, 4)),
    "deep_nesting": lambda rng, text, depth: _nest(rng, text, depth),
    "unterminated": lambda rng, text, _: _insert(rng, text, _UNTERMINATED, rng.randint(1, 3)),
    "garbage_attributes": lambda rng, text, _: _insert(
        rng, text, _GARBAGE_ATTRIBUTES, rng.randint(1, 4)
    ),
}


def _encode(rng: random.Random, text: str, kinds: set[str]) -> bytes:
    encoding = "utf-8"
    if "misdeclared_charset" in kinds:
        label = rng.choice(_CHARSET_LABELS)
        text = re.sub(r'<meta charset="[^"]*">', "", text, count=1)
        text = (
            _insert(rng, text, (f'<meta charset="{label}">',), 1)
            if rng.random() < 0.3
            else (
                f'<meta http-equiv="Content-Type" content="text/html; charset={label}">' + text
                if rng.random() < 0.5
                else f'<meta charset="{label}">' + text
            )
        )
        encoding = rng.choice(_ENCODINGS)
    data = text.encode(
        encoding, errors="surrogatepass" if encoding.startswith("utf") else "replace"
    )
    if "wrong_bom" in kinds:
        bom = rng.choice(
            (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE)
        )
        data = (
            bom + data
            if rng.random() < 0.7
            else data[: len(data) // 2] + bom + data[len(data) // 2 :]
        )
    if "invalid_utf8" in kinds:
        data = _insert_bytes(rng, data, _INVALID_UTF8, rng.randint(1, 20))
    return data


def damage(
    rng: random.Random, page: str, kinds: Iterable[str], depth: int, as_bytes: bool
) -> str | bytes:
    """Apply ``kinds`` of damage to ``page``; bytes when asked or when a byte-level kind is in."""
    chosen = set(kinds)
    for kind in TEXT_MALFORMATIONS:
        if kind in chosen:
            page = _TEXT_DAMAGE[kind](rng, page, depth)
    if as_bytes or chosen & set(BYTE_MALFORMATIONS):
        return _encode(rng, page, chosen)
    return page


def malformed_html(
    base: st.SearchStrategy[str] | None = None,
    kinds: Iterable[str] | None = None,
    max_depth: int = MAX_DEPTH,
) -> st.SearchStrategy[str | bytes]:
    """Broken pages: a generated page (or ``base``) with one to four kinds of damage.

    Damage (see :data:`MALFORMATIONS`): truncation mid-tag, closing tags removed, stray
    ``</html>``/``</body>``, NUL bytes, broken entities (``&#xD800;``, ``&amp``), control
    characters, lone surrogates, nesting up to ``max_depth`` deep, unterminated comments,
    scripts and CDATA, garbage attributes; and on bytes: invalid UTF-8 sequences, a ``<meta>``
    charset that lies about the encoding, a BOM that does not match. Examples are ``str`` or
    ``bytes``; byte-level damage always gives ``bytes``.
    """
    allowed = list(MALFORMATIONS) if kinds is None else list(kinds)
    unknown = sorted(set(allowed) - set(MALFORMATIONS))
    if unknown or not allowed:
        raise ValueError(f"unknown malformations {unknown}; choose from {list(MALFORMATIONS)}")
    pages = (
        base
        if base is not None
        else article_pages(articles(max_blocks=6)).map(lambda page: page[0])
    )

    @st.composite
    def build(draw: st.DrawFn) -> str | bytes:
        page = draw(pages)
        chosen = draw(
            st.lists(st.sampled_from(allowed), min_size=1, max_size=4, unique=True), label="damage"
        )
        depth = (
            draw(st.integers(1, max(1, max_depth)), label="depth")
            if "deep_nesting" in chosen
            else 0
        )
        as_bytes = draw(st.booleans(), label="as bytes")
        rng = random.Random(draw(st.integers(0, 2**32 - 1), label="damage seed"))
        return damage(rng, page, chosen, depth, as_bytes)

    return build()
