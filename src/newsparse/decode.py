"""Stage 1: bytes to text. A gzip stream is inflated first (a body whose Content-Encoding was
never undone). Then the WHATWG order: BOM, the caller's charset, a ``<meta>``
prescan of the first bytes, then a statistical guess, then UTF-8 with replacement.

Unlike a browser, a declared charset is checked against the bytes: pages that declare one
encoding and are written in another are common, and the bytes settle it (see ``_fits``).
Decoding never raises: unknown or unusable labels are skipped.
"""

from __future__ import annotations

import codecs
import re
import zlib
from dataclasses import dataclass

# The HTML standard prescans only the first 1024 bytes for <meta charset>.
META_PRESCAN_BYTES = 1024
# Some CMSs emit a long <head> before the charset meta; look a little further than the standard.
META_PRESCAN_BYTES_LENIENT = 4096
# How much of an undeclared page the statistical detector reads: enough text for a confident
# guess, little enough to stay fast on 20 MB pages.
DETECTOR_SAMPLE_BYTES = 65536
# A declared encoding "fits" when decoding with it fails on at most this many byte sequences, or
# on at most this share of the non-ASCII bytes: a few stray bytes in a UTF-8 page (a pasted
# Windows quote, a truncated last character) should not throw away a correct declaration, while
# a cp1251 page declared as UTF-8 fails on nearly every Cyrillic byte.
FIT_MAX_ERRORS = 4
FIT_MAX_ERROR_SHARE = 0.01
# Latin-script pages without a declaration are far more often windows-1252 than a Baltic or
# Central European code page; on short texts the detector's "chaos" scores of these differ by
# noise (0.015 vs 0.038 on a German page with one French line), so windows-1252 wins when it
# scores within this margin of the best guess.
WINDOWS_1252_PRIOR_CHAOS = 0.05
# UTF-16 text of a web page (mostly ASCII markup) has a NUL in about every other byte; bytes
# with far fewer NULs were not written in UTF-16 whatever a header says.
UTF16_MIN_NUL_SHARE = 0.2

# Bytes that open like this are a gzip stream (a response body whose Content-Encoding was
# never undone), not a page: they are inflated first, up to this size, so a small
# "decompression bomb" cannot take the machine's memory.
GZIP_MAGIC = b"\x1f\x8b\x08"
MAX_INFLATED_BYTES = 64 * 1024 * 1024

_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,512}?charset\s*=\s*["']?\s*([a-zA-Z0-9_:.\-]{1,40})""", re.IGNORECASE
)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# WHATWG maps these labels to other decoders (the superset a browser really uses), or to
# encodings Python spells differently.
_LABEL_ALIASES = {
    "iso-8859-1": "windows-1252",
    "iso8859-1": "windows-1252",
    "latin1": "windows-1252",
    "latin-1": "windows-1252",
    "l1": "windows-1252",
    "us-ascii": "windows-1252",
    "ascii": "windows-1252",
    "iso-8859-9": "windows-1254",
    "latin5": "windows-1254",
    "iso-8859-11": "cp874",
    "tis-620": "cp874",
    "windows-874": "cp874",
    "x-mac-cyrillic": "mac-cyrillic",
    "x-mac-roman": "mac-roman",
    "iso-8859-8-i": "iso-8859-8",
    "gb2312": "gbk",
    "x-gbk": "gbk",
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "x-sjis": "cp932",
    "sjis": "cp932",
    "ms_kanji": "cp932",
    "windows-31j": "cp932",
    "euc-kr": "cp949",
    "ks_c_5601-1987": "cp949",
    "big5": "big5hkscs",
    "x-euc-jp": "euc-jp",
    "utf8": "utf-8",
    "unicode-1-1-utf-8": "utf-8",
    "x-user-defined": "windows-1252",
}
# A <meta> tag can't honestly declare UTF-16: the bytes it was read from were ASCII-compatible.
_META_ONLY_ALIASES = {"utf-16": "utf-8", "utf-16le": "utf-8", "utf-16be": "utf-8"}
# A transport "utf-16" without a BOM means little-endian (WHATWG).
_TRANSPORT_ALIASES = {"utf-16": "utf-16-le"}
# Codecs Python has but a web page can't be in: not text encodings, escape codecs, and UTF-7
# (which browsers refuse because it smuggles markup past filters).
_REFUSED_CODECS = frozenset(
    {
        "idna",
        "punycode",
        "unicode-escape",
        "raw-unicode-escape",
        "utf-7",
        "undefined",
        "utf-32",
        "utf-32-le",
        "utf-32-be",
    }
)


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str


def _normalise_label(label: str, *, from_meta: bool = False) -> str | None:
    """The Python codec for a charset label, or None when the label is unknown or unusable."""
    label = label.strip().strip("\"'").strip().lower()
    if from_meta:
        label = _META_ONLY_ALIASES.get(label, label)
    else:
        label = _TRANSPORT_ALIASES.get(label, label)
    label = _LABEL_ALIASES.get(label, label)
    try:
        info = codecs.lookup(label)
    except (LookupError, ValueError):  # ValueError: labels with NUL characters
        return None
    if not info._is_text_encoding or info.name in _REFUSED_CODECS:
        return None
    return info.name


def _decode(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding, errors="replace")
    except (LookupError, UnicodeError):  # pragma: no cover - refused codecs are filtered above
        return data.decode("utf-8", errors="replace")


def _error_count(data: bytes, encoding: str) -> int:
    """How many byte sequences ``encoding`` can't decode (replacement characters it adds)."""
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        pass
    except (LookupError, UnicodeError):
        return len(data)
    else:
        return 0
    replaced = _decode(data, encoding).count("\ufffd")
    if encoding == "utf-8":
        replaced -= data.count(b"\xef\xbf\xbd")  # U+FFFD the page itself contains
    return max(1, replaced)


def _fits(data: bytes, encoding: str) -> bool:
    """Whether the bytes plausibly are in ``encoding`` (see the FIT_* constants)."""
    if encoding.startswith("utf-16"):
        return data.count(0) >= UTF16_MIN_NUL_SHARE * len(data) and len(data) % 2 == 0
    errors = _error_count(data, encoding)
    if errors == 0:
        return True
    non_ascii = len(data) - len(data.translate(None, bytes(range(128))))
    return errors <= max(FIT_MAX_ERRORS, FIT_MAX_ERROR_SHARE * non_ascii)


def sniff_meta_charset(data: bytes) -> str | None:
    """The charset a ``<meta>`` tag near the top of the page declares, if any."""
    match = _META_CHARSET.search(data[:META_PRESCAN_BYTES_LENIENT])
    if not match:
        return None
    return _normalise_label(match.group(1).decode("ascii", "replace"), from_meta=True)


def decode_html(data: bytes, charset: str | None = None) -> Decoded:
    """Decode page bytes the way a browser would, and say which encoding was used."""
    data = inflate_gzip(data)
    for bom, name in _BOMS:
        if data.startswith(bom):
            return Decoded(_decode(data[len(bom) :], name), name)
    declared = [_normalise_label(charset)] if charset else []
    declared.append(sniff_meta_charset(data))
    utf8_errors: int | None = None
    for encoding in declared:
        if encoding is None:
            continue
        # Valid non-ASCII UTF-8 is almost never an accident, so it beats any other label (UTF-8
        # pages declaring latin-1 are the common case).
        if encoding != "utf-8" and not data.isascii():
            utf8_errors = _error_count(data, "utf-8") if utf8_errors is None else utf8_errors
            if utf8_errors == 0:
                return Decoded(data.decode("utf-8"), "utf-8")
        if _fits(data, encoding):
            return Decoded(_decode(data, encoding), encoding)
    if _fits(data, "utf-8"):
        return Decoded(_decode(data, "utf-8"), "utf-8")
    guessed = _guess_encoding(data)
    return Decoded(_decode(data, guessed), guessed)


def inflate_gzip(data: bytes) -> bytes:
    """Bytes that are a gzip stream inflated, cut at MAX_INFLATED_BYTES: what could be read of
    a damaged stream (a truncated download), or the bytes as given when they are no gzip
    stream or not even its header reads."""
    if not data.startswith(GZIP_MAGIC):
        return data
    inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    try:
        inflated = inflater.decompress(data, MAX_INFLATED_BYTES)
    except zlib.error:
        return data
    return inflated or data


def _guess_encoding(data: bytes) -> str:
    """A statistical guess for undeclared, non-UTF-8 bytes."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - charset-normalizer is a dependency
        return "cp1252"
    matches = list(from_bytes(data[:DETECTOR_SAMPLE_BYTES]))
    if not matches:
        return "cp1252"
    best = matches[0]
    for match in matches:
        if (
            "cp1252" in match.could_be_from_charset
            and match.chaos <= best.chaos + WINDOWS_1252_PRIOR_CHAOS
        ):
            return "cp1252"
    return _normalise_label(best.encoding) or "cp1252"
