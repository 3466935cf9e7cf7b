"""Bytes to text: BOM, caller charset, <meta> prescan, lying declarations, detection."""

from __future__ import annotations

import codecs
import gzip

import pytest

from newsparse import decode, parse
from newsparse.decode import META_PRESCAN_BYTES_LENIENT, decode_html, sniff_meta_charset

# Invented sample prose, long enough for a statistical detector to be confident.
RUSSIAN = (
    "В небольшом городе на берегу реки открылась новая библиотека. Жители давно просили "
    "построить здание, где дети могли бы читать после школы, а взрослые — встречаться по "
    "вечерам. Директор библиотеки рассказала, что фонд уже насчитывает несколько тысяч книг, "
    "и обещала, что к осени появится отдельный зал для редких изданий. Городской совет "
    "выделил средства на ремонт соседнего сквера, чтобы посетители могли отдыхать на "
    "свежем воздухе. "
)
JAPANESE = (
    "川沿いの小さな町で、新しい図書館が開館しました。住民は長い間、子どもたちが放課後に"
    "本を読める場所を求めていました。館長によると、蔵書はすでに数千冊に達しており、"
    "秋までには貴重な資料のための部屋も用意される予定です。町の議会は、隣の公園の"
    "整備にも予算をつけることを決めました。"
)
GERMAN = (
    "In der kleinen Stadt am Fluss hat eine neue Bücherei eröffnet. Die Bürgerinnen und Bürger "
    "hatten sich lange einen Ort gewünscht, an dem Kinder nach der Schule lesen können. Die "
    "Leiterin erklärte, der Bestand umfasse bereits mehrere tausend Bände; bis zum Herbst "
    "soll ein eigener Raum für seltene Ausgaben hinzukommen. Außerdem wird der benachbarte "
    "Park für größere Veranstaltungen umgestaltet. "
)


def page(body: str, head: str = "") -> str:
    return (
        f"<!DOCTYPE html><html><head>{head}<title>t</title></head><body><p>{body}</p></body></html>"
    )


# --- byte order marks -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("bom", "codec", "name"),
    [
        (codecs.BOM_UTF8, "utf-8", "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
    ],
)
def test_bom_decides_and_is_stripped(bom: bytes, codec: str, name: str) -> None:
    text = page(GERMAN)
    decoded = decode_html(bom + text.encode(codec))
    assert decoded.encoding == name
    assert decoded.text == text


def test_bom_beats_caller_charset_and_meta() -> None:
    text = page(RUSSIAN, head='<meta charset="windows-1251">')
    decoded = decode_html(codecs.BOM_UTF8 + text.encode("utf-8"), charset="koi8-r")
    assert (decoded.encoding, decoded.text) == ("utf-8", text)


# --- the caller's charset ---------------------------------------------------------------------


@pytest.mark.parametrize("label", ["windows-1251", "Windows-1251", " cp1251 ", '"windows-1251"'])
def test_caller_charset_is_used(label: str) -> None:
    text = page(RUSSIAN)
    decoded = decode_html(text.encode("cp1251"), charset=label)
    assert (decoded.encoding, decoded.text) == ("cp1251", text)


def test_caller_charset_beats_meta() -> None:
    text = page(RUSSIAN, head='<meta charset="iso-8859-5">')
    decoded = decode_html(text.encode("cp1251"), charset="windows-1251")
    assert (decoded.encoding, decoded.text) == ("cp1251", text)


def test_latin1_label_decodes_as_windows_1252() -> None:
    # WHATWG: "iso-8859-1" means windows-1252, which has curly quotes at 0x93/0x94.
    text = page("„Zitat“ — “quoted” €5")
    decoded = decode_html(text.encode("cp1252"), charset="iso-8859-1")
    assert (decoded.encoding, decoded.text) == ("cp1252", text)


def test_transport_utf16_without_bom_is_little_endian() -> None:
    text = page(GERMAN)
    decoded = decode_html(text.encode("utf-16-le"), charset="utf-16")
    assert (decoded.encoding, decoded.text) == ("utf-16-le", text)


# --- the <meta> prescan -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "meta",
    [
        '<meta charset="windows-1251">',
        "<meta charset='windows-1251'>",
        "<META CHARSET=windows-1251>",
        '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">',
    ],
)
def test_meta_charset_is_used(meta: str) -> None:
    text = page(RUSSIAN, head=meta)
    decoded = decode_html(text.encode("cp1251"))
    assert (decoded.encoding, decoded.text) == ("cp1251", text)


def test_meta_after_the_prescan_window_is_not_read() -> None:
    head = "<!-- " + "x" * META_PRESCAN_BYTES_LENIENT + ' --><meta charset="koi8-r">'
    assert sniff_meta_charset(page("a", head=head).encode("ascii")) is None


@pytest.mark.parametrize("label", ["rot13", "zlib", "base64", "idna", "utf-7", "undefined", "nope"])
def test_unusable_meta_label_is_ignored(label: str) -> None:
    text = page(GERMAN, head=f'<meta charset="{label}">')
    decoded = decode_html(text.encode("utf-8"))
    assert (decoded.encoding, decoded.text) == ("utf-8", text)


@pytest.mark.parametrize("label", ["rot13", "hex", "idna", "\x00", "x" * 200, "", "utf-32"])
def test_unusable_caller_charset_is_ignored(label: str) -> None:
    text = page(GERMAN)
    decoded = decode_html(text.encode("utf-8"), charset=label)
    assert (decoded.encoding, decoded.text) == ("utf-8", text)


# --- declarations that lie --------------------------------------------------------------------


@pytest.mark.parametrize("label", ["iso-8859-1", "windows-1252", "shift_jis", "windows-1251"])
def test_utf8_bytes_win_over_a_lying_meta(label: str) -> None:
    text = page(GERMAN + RUSSIAN, head=f'<meta charset="{label}">')
    decoded = decode_html(text.encode("utf-8"))
    assert (decoded.encoding, decoded.text) == ("utf-8", text)


def test_meta_claiming_utf8_on_cp1251_bytes_is_overruled() -> None:
    text = page(RUSSIAN * 3, head='<meta charset="utf-8">')
    decoded = decode_html(text.encode("cp1251"))
    assert (decoded.encoding, decoded.text) == ("cp1251", text)


def test_caller_claiming_utf8_on_cp1252_bytes_is_overruled() -> None:
    text = page(GERMAN * 3)
    decoded = decode_html(text.encode("cp1252"), charset="utf-8")
    assert decoded.text == text
    assert decoded.encoding in {"cp1252", "iso8859-15", "latin-1", "iso8859-1"}


def test_meta_claiming_utf16_means_utf8() -> None:
    # A meta tag was readable as ASCII, so the page can't be UTF-16 (WHATWG).
    text = page(GERMAN, head='<meta charset="utf-16">')
    decoded = decode_html(text.encode("utf-8"))
    assert (decoded.encoding, decoded.text) == ("utf-8", text)


def test_caller_claiming_utf16_on_ascii_bytes_is_overruled() -> None:
    text = page("plain ascii text")
    decoded = decode_html(text.encode("ascii"), charset="utf-16")
    assert decoded.text == text


def test_meta_claiming_shift_jis_on_cp1251_bytes_is_overruled() -> None:
    text = page(RUSSIAN * 3, head='<meta charset="shift_jis">')
    decoded = decode_html(text.encode("cp1251"))
    assert (decoded.encoding, decoded.text) == ("cp1251", text)


# --- undeclared: statistical detection --------------------------------------------------------


def test_undeclared_cp1251_is_detected() -> None:
    text = page(RUSSIAN * 3)
    decoded = decode_html(text.encode("cp1251"))
    assert (decoded.encoding, decoded.text) == ("cp1251", text)


def test_undeclared_shift_jis_is_detected() -> None:
    text = page(JAPANESE * 3)
    decoded = decode_html(text.encode("shift_jis"))
    assert decoded.text == text
    assert decoded.encoding in {"shift_jis", "cp932"}


def test_undeclared_latin1_is_detected() -> None:
    text = page(GERMAN * 3)
    decoded = decode_html(text.encode("latin-1"))
    assert decoded.text == text
    assert decoded.encoding in {"cp1252", "latin-1", "iso8859-1", "iso8859-15"}


def test_undeclared_utf8_is_utf8() -> None:
    text = page(JAPANESE + RUSSIAN + GERMAN)
    assert decode_html(text.encode("utf-8")) == decode_html(text.encode("utf-8"), None)
    assert decode_html(text.encode("utf-8")).encoding == "utf-8"


# --- invalid UTF-8 --------------------------------------------------------------------------------


def test_a_few_invalid_bytes_keep_utf8() -> None:
    good = page(GERMAN + RUSSIAN).encode("utf-8")
    middle = len(good) // 2
    # Cut at a character boundary: insert the stray bytes between two whole characters.
    while good[middle] & 0xC0 == 0x80:
        middle += 1
    data = good[:middle] + b"\xff\xc3" + good[middle:]
    decoded = decode_html(data)
    assert decoded.encoding == "utf-8"
    assert "Bücherei" in decoded.text and "библиотека" in decoded.text
    assert "\ufffd" in decoded.text


@pytest.mark.parametrize(
    "data",
    [
        b"\xff" * 1000,
        b"\xc3",
        b"<p>\xed\xa0\x80</p>",
        b"<p>\xc0\xaf\xf8\x88\x80\x80\x80</p>",
        bytes(range(256)) * 20,
        b"",
    ],
)
def test_invalid_bytes_never_raise(data: bytes) -> None:
    decoded = decode_html(data)
    assert isinstance(decoded.text, str) and decoded.encoding


def test_parse_records_the_encoding() -> None:
    text = page(RUSSIAN * 2, head='<meta charset="windows-1251">')
    assert parse(text.encode("cp1251")).encoding == "cp1251"
    assert parse(text.encode("cp1251"), charset="windows-1251").encoding == "cp1251"
    assert parse(text).encoding is None


def test_undeclared_western_text_prefers_windows_1252() -> None:
    # cp1250 reads German umlauts like cp1252 but French "à" as "ŕ": the default must be 1252.
    text = page(GERMAN * 2 + "Voilà, à côté du marché, l’été est déjà là. " * 3)
    decoded = decode_html(text.encode("cp1252"))
    assert (decoded.encoding, decoded.text) == ("cp1252", text)


def test_a_gzip_stream_is_inflated_before_decoding() -> None:
    # A response body saved without undoing its Content-Encoding.
    page = f"<html><head><meta charset='windows-1251'></head><body><p>{RUSSIAN}</p></body></html>"
    packed = gzip.compress(page.encode("windows-1251"))
    decoded = decode_html(packed)
    assert decoded.encoding == "cp1251"
    assert RUSSIAN.strip() in decoded.text
    assert parse(packed).text == RUSSIAN.strip()


def test_a_truncated_gzip_stream_gives_what_could_be_read() -> None:
    packed = gzip.compress(f"<html><body><p>{GERMAN}</p></body></html>".encode())
    text = decode_html(packed[: len(packed) // 2]).text
    assert text.startswith("<html><body><p>In der kleinen Stadt")
    assert len(text) < len(GERMAN)


def test_inflating_stops_at_the_size_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(decode, "MAX_INFLATED_BYTES", 1000)
    bomb = gzip.compress(b"<p>" + b"a" * 100_000)
    assert len(decode_html(bomb).text) == 1000
