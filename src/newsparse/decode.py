"""Stage 1: bytes to text. Follows the WHATWG order: BOM, the caller's charset, a ``<meta>``
prescan of the first bytes, then a statistical guess, then UTF-8 with replacement."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

# The HTML standard prescans only the first 1024 bytes for <meta charset>.
META_PRESCAN_BYTES = 1024
# Some CMSs emit a long <head> before the charset meta; look a little further than the standard.
META_PRESCAN_BYTES_LENIENT = 4096

_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,512}?charset\s*=\s*["']?\s*([a-zA-Z0-9_:.\-]{1,40})""", re.IGNORECASE
)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# WHATWG maps these labels to other decoders.
_LABEL_ALIASES = {
    "iso-8859-1": "windows-1252",
    "latin1": "windows-1252",
    "latin-1": "windows-1252",
    "us-ascii": "windows-1252",
    "ascii": "windows-1252",
    # A meta tag can't honestly declare UTF-16: the bytes it sits in were readable as ASCII.
    "utf-16": "utf-8",
    "x-user-defined": "windows-1252",
}


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str


def _normalise_label(label: str) -> str | None:
    label = label.strip().lower()
    label = _LABEL_ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _decodes_cleanly(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def sniff_meta_charset(data: bytes) -> str | None:
    """The charset a ``<meta>`` tag near the top of the page declares, if any."""
    match = _META_CHARSET.search(data[:META_PRESCAN_BYTES_LENIENT])
    return _normalise_label(match.group(1).decode("ascii", "replace")) if match else None


def decode_html(data: bytes, charset: str | None = None) -> Decoded:
    """Decode page bytes the way a browser would, and say which encoding was used."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return Decoded(data[len(bom) :].decode(name, errors="replace"), name)
    for label in (charset, sniff_meta_charset(data)):
        encoding = _normalise_label(label) if label else None
        # A declared charset that can't decode the bytes is a lie; UTF-8 pages declaring
        # latin-1 are the common case, so test UTF-8 before trusting the label.
        if (
            encoding
            and encoding != "utf-8"
            and _decodes_cleanly(data, "utf-8")
            and not data.isascii()
        ):
            return Decoded(data.decode("utf-8"), "utf-8")
        if encoding:
            return Decoded(data.decode(encoding, errors="replace"), encoding)
    if _decodes_cleanly(data, "utf-8"):
        return Decoded(data.decode("utf-8"), "utf-8")
    guessed = _guess_encoding(data)
    return Decoded(data.decode(guessed, errors="replace"), guessed)


def _guess_encoding(data: bytes) -> str:
    """A statistical guess for undeclared, non-UTF-8 bytes."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - charset-normalizer is a dependency
        return "windows-1252"
    best = from_bytes(data[:65536]).best()
    return _normalise_label(best.encoding) or "windows-1252" if best else "windows-1252"
