"""``parse_text``: plain-text pages (a browser's "copy all", a reader view) into Article records.

Every page ``tests/fixtures/text/<name>.txt`` comes with ``<name>.expected.json`` in the format
of ``tests/fixtures/pages`` (``{"url", "template", "expect"}``), checked field by field with the
same checkers as the HTML fixtures, plus two text-only keys:

- ``reading_time_minutes``: the reading time the byline line shows;
- ``removed_lines``: ``[kind, line]`` pairs that must each be in ``Article.removed``.

Pages are parsed from their bytes, as a crawler would hand them over. Run one case with
``pytest tests/test_parse_text.py -k "german and authors"``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from newsparse import Article, EmptyDocumentError
from newsparse.chrome import shorten
from newsparse.textpage import looks_like_html, parse_text
from test_fixture_pages import CHECKERS, Checker, _fail_message, _iso, _ws, record_strings

TEXT_DIR = Path(__file__).parent / "fixtures" / "text"
EXPECTED_SUFFIX = ".expected.json"
MIN_TEXT_PAGES = 10
REQUIRED_ARTICLE_KEYS = ("headline", "body")
REQUIRED_LISTING_KEYS = ("page_type", "feed_items")


# --------------------------------------------------------------------------- loading


def _names() -> list[str]:
    return sorted(
        p.name.removesuffix(EXPECTED_SUFFIX) for p in TEXT_DIR.glob(f"*{EXPECTED_SUFFIX}")
    )


@cache
def _spec(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        (TEXT_DIR / f"{name}{EXPECTED_SUFFIX}").read_text(encoding="utf-8")
    )
    return data


def _page_bytes(name: str) -> bytes:
    return (TEXT_DIR / f"{name}.txt").read_bytes()


@cache
def _parsed(name: str) -> Article:
    return parse_text(_page_bytes(name), _spec(name)["url"])


def _lines(name: str) -> list[str]:
    """The page's non-empty lines, whitespace normalised (no-break spaces included)."""
    text = _page_bytes(name).decode("utf-8-sig")
    return [line for line in (_ws(raw) or "" for raw in text.splitlines()) if line]


# --------------------------------------------------------------------------- text-only checkers


def _check_reading_time(name: str, key: str, expected: int | None, article: Article) -> None:
    got = article.reading_time_minutes
    assert got == expected, _fail_message(name, key, expected, got)


def _check_removed_lines(name: str, key: str, expected: list[list[str]], article: Article) -> None:
    removed = [(r.kind, _ws(r.text)) for r in article.removed]
    missing = [[kind, line] for kind, line in expected if (kind, _ws(shorten(line))) not in removed]
    assert not missing, _fail_message(name, key, missing, removed, "missing removals")


TEXT_CHECKERS: dict[str, Checker] = {
    **CHECKERS,
    "reading_time_minutes": _check_reading_time,
    "removed_lines": _check_removed_lines,
}


def _cases() -> list[Any]:
    return [
        pytest.param(name, key, id=f"{name}::{key}")
        for name in _names()
        for key in _spec(name)["expect"]
    ]


@pytest.mark.parametrize(("name", "key"), _cases())
def test_text_fixture_field(name: str, key: str) -> None:
    TEXT_CHECKERS[key](name, key, _spec(name)["expect"][key], _parsed(name))


# --------------------------------------------------------------------------- the fixtures


def test_every_page_has_expectations_and_vice_versa() -> None:
    pages = {p.name.removesuffix(".txt") for p in TEXT_DIR.glob("*.txt")}
    expected = set(_names())
    assert pages == expected, f"unpaired: {sorted(pages ^ expected)}"
    assert len(pages) >= MIN_TEXT_PAGES, f"only {len(pages)} text pages"


@pytest.mark.parametrize("name", _names())
def test_expected_file_is_well_formed(name: str) -> None:
    spec = _spec(name)
    assert set(spec) == {"url", "template", "expect"}, f"{name}: top-level keys {sorted(spec)}"
    expect = spec["expect"]
    unknown = sorted(set(expect) - set(TEXT_CHECKERS))
    assert not unknown, f"{name}: unknown expect keys {unknown}"
    required = (
        REQUIRED_LISTING_KEYS if expect.get("page_type") == "listing" else REQUIRED_ARTICLE_KEYS
    )
    assert not [k for k in required if k not in expect], f"{name}: must check {required}"
    for date_key in ("published_at", "updated_at"):
        if expect.get(date_key) is not None:
            _iso(expect[date_key])


def _visible_strings(expect: dict[str, Any]) -> Iterator[tuple[str, str]]:
    for key in ("headline", "subheadline"):
        if expect.get(key):
            yield key, expect[key]
    for author in expect.get("authors", []):
        yield "authors", author["name"]
    for block in expect.get("body", []):
        yield "body", block["text"]
    yield from record_strings(expect)


@pytest.mark.parametrize("name", _names())
def test_expected_values_are_on_the_page(name: str) -> None:
    """The truth must be on the page, and what must be dropped must be there to drop."""
    expect = _spec(name)["expect"]
    page = " ".join(_lines(name))
    absent = [(k, s) for k, s in _visible_strings(expect) if (_ws(s) or "") not in page]
    assert not absent, f"{name}: expected strings not on the page: {absent}"
    for key in ("body_excludes", "nowhere_but_removed"):
        missing = [s for s in expect.get(key, []) if (_ws(s) or "").lower() not in page.lower()]
        assert not missing, f"{name}: {key} strings not on the page: {missing}"
    lines = set(_lines(name))
    not_lines = [line for _, line in expect.get("removed_lines", []) if _ws(line) not in lines]
    assert not not_lines, f"{name}: removed_lines that are not lines of the page: {not_lines}"


# --------------------------------------------------------------------------- behaviour


@pytest.mark.parametrize("name", _names())
def test_every_line_is_accounted_for_once(name: str) -> None:
    """Each line of the page is the headline, a body block or a removal (with a kind and a
    reason), exactly once: nothing invented, nothing lost. Removals keep page order. (Lines kept
    as records, such as the standfirst, bylines and teasers, are removals too, as in ``parse``.)"""
    article = _parsed(name)
    shown = [_ws(article.headline)] if article.headline else []
    shown += [_ws(block.text) for block in article.body]
    removed = [_ws(r.text) for r in article.removed]
    removed_lines = []
    for line in _lines(name):
        if line in shown:
            shown.remove(line)
        else:
            removed_lines.append(_ws(shorten(line)))
    assert shown == [], f"{name}: shown but not a line of the page: {shown}"
    assert removed_lines == removed, _fail_message(name, "removed", removed_lines, removed)
    assert all(r.reason for r in article.removed)


@pytest.mark.parametrize("name", _names())
def test_body_blocks_are_page_lines_in_order(name: str) -> None:
    lines = _lines(name)
    positions = [lines.index(_ws(block.text) or "") for block in _parsed(name).body]
    assert positions == sorted(positions)


@pytest.mark.parametrize("name", _names())
def test_parse_is_deterministic_and_round_trips_json(name: str) -> None:
    article = parse_text(_page_bytes(name), _spec(name)["url"])
    again = parse_text(_page_bytes(name), _spec(name)["url"])
    assert article.model_dump_json() == again.model_dump_json()
    assert Article.model_validate_json(article.model_dump_json()) == article


def _record_without_encoding(article: Article) -> dict[str, Any]:
    return article.model_dump(mode="json", exclude={"encoding"})


def test_crlf_and_lf_give_the_same_record() -> None:
    data = _page_bytes("windows-crlf")
    assert b"\r\n" in data and data.startswith(b"\xef\xbb\xbf")
    as_lf = data.decode("utf-8-sig").replace("\r\n", "\n")
    as_cr = data.decode("utf-8-sig").replace("\r\n", "\r")
    crlf = _record_without_encoding(parse_text(data))
    assert crlf == _record_without_encoding(parse_text(as_lf))
    assert crlf == _record_without_encoding(parse_text(as_cr))


@pytest.mark.parametrize("name", _names())
def test_pages_without_blank_lines_give_the_same_fields(name: str) -> None:
    """A text dump with one line per paragraph and no blank lines loses the blank-line evidence
    (boxes and cards are glued, paragraphs are not); the words and the order must suffice."""
    dense = "\n".join(_lines(name))
    exclude = {"removed", "encoding"}
    assert parse_text(dense, _spec(name)["url"]).model_dump(exclude=exclude) == _parsed(
        name
    ).model_dump(exclude=exclude)


def test_no_break_spaces_read_as_spaces() -> None:
    text = _page_bytes("nbsp").decode("utf-8")
    assert "\u00a0" in text and "\u202f" in text
    plain = text.replace("\u00a0", " ").replace("\u202f", " ")
    assert _record_without_encoding(parse_text(text)) == _record_without_encoding(parse_text(plain))


GERMAN_HEADLINE = "Müllabfuhr in Süderstraße fährt künftig früher"
GERMAN_PAGE = (
    f"{GERMAN_HEADLINE}\n\n"
    "Ab März holt die Stadt den Müll in der Süderstraße schon um sechs Uhr ab. Anwohner "
    "müssen ihre Tonnen daher künftig am Vorabend an die Straße stellen, heißt es.\n"
)


def test_bytes_are_decoded_and_the_encoding_reported() -> None:
    assert parse_text(GERMAN_PAGE.encode("utf-8")).encoding == "utf-8"
    with_bom = parse_text(b"\xef\xbb\xbf" + GERMAN_PAGE.encode("utf-8"))
    assert (with_bom.encoding, with_bom.headline) == ("utf-8", GERMAN_HEADLINE)
    legacy = parse_text(GERMAN_PAGE.encode("cp1252"))
    assert legacy.encoding not in (None, "utf-8")
    assert legacy.headline == GERMAN_HEADLINE
    assert parse_text("\ufeff" + GERMAN_PAGE).headline == GERMAN_HEADLINE
    assert parse_text(GERMAN_PAGE).encoding is None
    utf16 = parse_text(GERMAN_PAGE.encode("utf-16"))
    assert (utf16.encoding, utf16.headline) == ("utf-16-le", GERMAN_HEADLINE)
    declared = parse_text(GERMAN_PAGE.encode("iso-8859-15"), charset="iso-8859-15")
    assert (declared.encoding, declared.headline) == ("iso8859-15", GERMAN_HEADLINE)


@pytest.mark.parametrize(
    "empty", ["", " ", "\r\n\t \u00a0\n", "\u200b\n\ufeff", b"", b"\xef\xbb\xbf \r\n"]
)
def test_empty_text_raises_empty_document_error(empty: str | bytes) -> None:
    with pytest.raises(EmptyDocumentError):
        parse_text(empty)


@pytest.mark.parametrize("wrong", [42, None, ["a line"], 3.5])
def test_wrong_types_raise_type_error(wrong: object) -> None:
    with pytest.raises(TypeError):
        parse_text(wrong)  # type: ignore[arg-type]


def test_wrong_url_type_raises_type_error() -> None:
    with pytest.raises(TypeError):
        parse_text("Headline\n\nA paragraph of text.", url=5)  # type: ignore[arg-type]


PARAGRAPH = (
    "The council met on Tuesday evening and voted by seven to four to keep the swimming pool "
    "open through the winter, after a petition collected more than 3,000 signatures."
)
SECOND = (
    "Heating the pool will cost about 40,000 euros more than closing it, the treasurer said, "
    "money that will come from the reserve set aside for the library roof."
)


def test_a_masthead_date_is_not_the_byline() -> None:
    page = "\n".join(
        [
            "Tuesday, March 5, 2024",
            "World  Local  Sport",
            "",
            "Council keeps the swimming pool open for the winter",
            "",
            "By Anneke Vos",
            "March 4, 2024 8:02 PM",
            "",
            PARAGRAPH,
            "",
            SECOND,
        ]
    )
    article = parse_text(page)
    assert article.headline == "Council keeps the swimming pool open for the winter"
    assert [a.name for a in article.authors] == ["Anneke Vos"]
    assert article.published_at is not None and article.published_at.day == 4
    assert [b.text for b in article.body] == [PARAGRAPH, SECOND]


@pytest.mark.parametrize(
    "title",
    [
        "Von Kiel bis Flensburg: Bäder bleiben im Winter offen",
        "Von Kiel nach Sylt in drei Stunden",
        "Von der Leyen besucht die Werft in Kiel",
    ],
)
def test_a_headline_that_opens_like_a_byline_stays_the_headline(title: str) -> None:
    page = "\n".join(
        [title, "", "Von Anna Weber und Tom Li", "5. März 2024, 09:30 Uhr", "", PARAGRAPH]
    )
    article = parse_text(page)
    assert article.headline == title
    assert [a.name for a in article.authors] == ["Anna Weber", "Tom Li"]


def test_a_headline_with_a_byline_word_over_a_dateline_stays_the_headline() -> None:
    # Found by the ci-long property run: "el" after "y" was read as a credited name.
    title = "Por jiolion 106.214 sus chifuel Ñueliaclez y el"
    page = "\r\n".join(["Sport World", "", title, "", "1 de enero de 2008 - 00:00", "", PARAGRAPH])
    article = parse_text(page)
    assert article.headline == title
    assert article.authors == []


@pytest.mark.parametrize(
    ("dek", "is_dek"),
    [
        # Found by the ci-long property run: a short Russian standfirst of many short words.
        ("Он и я ушли из клуба.", True),
        ("Mais il a dit non à la fin.", True),
        ("Updated for 2024.", False),
    ],
)
def test_a_short_standfirst_of_many_words_is_the_dek(dek: str, is_dek: bool) -> None:
    title = "Council keeps the swimming pool open for the winter"
    page = "\n".join([title, "", dek, "", "By Anneke Vos", "March 4, 2024", "", PARAGRAPH])
    article = parse_text(page)
    assert article.headline == (title if is_dek else dek)
    assert article.subheadline == (dek if is_dek else None)


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("Von dpa", ["dpa"]),
        ("Von Ursula von der Leyen", ["Ursula von der Leyen"]),
        (
            "by Ann Lee and The Harbor Post news desk May 2, 2024",
            ["Ann Lee", "The Harbor Post news desk"],
        ),
        ("Par Claire Dubreuil et Mathis Lenoir", ["Claire Dubreuil", "Mathis Lenoir"]),
        ("May 2, 2024 · Ann Lee and Tom Sato", ["Ann Lee", "Tom Sato"]),
        ("Updated May 2, 2024", []),
        ("Le 3 mars 2024 à 14h12", []),
        ("By the time the council met", []),
    ],
)
def test_byline_lines(line: str, names: list[str]) -> None:
    page = f"Council keeps the pool open\n\n{line}\n\n{PARAGRAPH}\n"
    assert [a.name for a in parse_text(page).authors] == names


def test_a_headline_that_opens_like_a_related_label_stays_the_headline() -> None:
    title = "More from the harbor: three winters of ice on the quay"
    article = parse_text(f"{title}\n\nJanuary 11, 2024\n\n{PARAGRAPH}\n\n{SECOND}\n")
    assert article.headline == title
    assert article.related_links == []


def test_a_paragraph_opening_with_by_is_not_a_byline() -> None:
    opening = "By the time the council met, the petition had reached 3,000 signatures."
    article = parse_text(f"Council keeps the pool open\n\n{opening}\n\n{PARAGRAPH}\n")
    assert article.authors == []
    assert [b.text for b in article.body] == [opening, PARAGRAPH]


def test_the_story_resumes_after_an_ad_line_and_ends_at_the_footer() -> None:
    page = "\n\n".join(
        ["Council keeps the pool open", PARAGRAPH, "Advertisement", SECOND, "Privacy Policy"]
    )
    article = parse_text(page)
    assert [b.text for b in article.body] == [PARAGRAPH, SECOND]
    kinds = {r.text: r.kind for r in article.removed}
    assert kinds == {"Advertisement": "boilerplate", "Privacy Policy": "footer"}


def test_a_feed_without_a_byline_makes_a_listing() -> None:
    article = _parsed("listing")
    assert article.page_type == "listing" and article.body == []
    assert all(item.time_text for item in article.feed_items)


@pytest.mark.parametrize(
    "data",
    [
        "<!DOCTYPE html><html><head><title>x</title></head><body><p>x</p></body></html>",
        b"\xef\xbb\xbf<!doctype html>\n<html lang=en>",
        "<html>\n<body>",
        "  <!-- saved page -->\n<!DOCTYPE HTML PUBLIC>",
        "<div class='story'><p>First.</p><p>Second.</p></div>",
        '<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml">',
    ],
)
def test_looks_like_html_on_markup(data: str | bytes) -> None:
    assert looks_like_html(data)


@pytest.mark.parametrize(
    "data",
    [
        "Council keeps the pool open\n\nBy Anneke Vos\n\n" + PARAGRAPH,
        "Use <br> to break a line in a forum post, the guide says.\n\nThat is all.",
        "if a < b and c > d then swap them",
        b"Plain bytes, no markup at all.\r\n",
        "",
    ],
)
def test_looks_like_html_on_text(data: str | bytes) -> None:
    assert not looks_like_html(data)


def test_looks_like_html_on_every_text_fixture() -> None:
    assert not [name for name in _names() if looks_like_html(_page_bytes(name))]


def test_a_headline_opening_with_von_and_a_colon_is_no_byline() -> None:
    # Found by the ci-long property run: "Von <Word>: ..." read as a credit of <Word>, so the
    # section links above it became the headline.
    headline = "Von Kielhafen: 36.863 Tonnen Fracht gingen im Mai über die neue Kaje am Nordufer"
    page = (
        f"Kultur Kultur Politik\n\n{headline}\n\n01.01.2008, 00:00 Uhr\n\n"
        "Ab März holt die Stadt den Müll in der Süderstraße schon um sechs Uhr ab. Anwohner "
        "müssen ihre Tonnen daher künftig am Vorabend an die Straße stellen, heißt es.\n"
    )
    article = parse_text(page)
    assert article.headline == headline
    assert article.authors == []
