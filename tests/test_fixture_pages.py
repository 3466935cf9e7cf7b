"""Field-by-field checks of ``parse`` against hand-made fixture pages.

Every page ``tests/fixtures/pages/<name>.html`` comes with ``<name>.expected.json``::

    {"url": "...", "template": "...", "expect": {<only the keys to check>}}

The expected values are what a careful reader of the page would mark as the truth. Each
(page, key) pair is its own test case, with an id such as ``wordpress::authors``, so a failure
says exactly which field of which page is wrong. A second group of tests checks the fixtures
themselves: pairing, required keys, and that every expected string really is on the page.

Run one case with ``pytest tests/test_fixture_pages.py -k "wordpress and authors"``.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable, Iterator
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from lxml import html as lxml_html

from newsparse import Article, parse

PAGES_DIR = Path(__file__).parent / "fixtures" / "pages"
EXPECTED_SUFFIX = ".expected.json"

# Keys compared as plain strings after whitespace normalisation.
STRING_KEYS = (
    "headline",
    "subheadline",
    "site_name",
    "language",
    "canonical_url",
    "page_type",
    "description",
)
DATE_KEYS = ("published_at", "updated_at")
# Keys a block of ``body`` may give; only those present in an expected block are compared.
BLOCK_KEYS = ("kind", "text", "level", "items", "ordered", "cite")
# Every page must check these; listing pages have no article, so they check the listing instead.
REQUIRED_ARTICLE_KEYS = ("headline", "body")
REQUIRED_LISTING_KEYS = ("page_type", "feed_items")
# Guards against the fixture set silently shrinking (a glob that stops matching, say).
MIN_FIXTURE_PAGES = 14

# Fields the extractor does not yet get right on these pages, each owned by an open issue.
# strict=True: when one starts passing, the suite says so and the entry must go.
KNOWN_GAPS: dict[str, str] = {}


# --------------------------------------------------------------------------- loading


def _expected_paths() -> list[Path]:
    return sorted(PAGES_DIR.glob(f"*{EXPECTED_SUFFIX}"))


def _name(path: Path) -> str:
    return path.name.removesuffix(EXPECTED_SUFFIX).removesuffix(".html")


@cache
def _spec(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        (PAGES_DIR / f"{name}{EXPECTED_SUFFIX}").read_text(encoding="utf-8")
    )
    return data


@cache
def _parsed(name: str) -> Article:
    """Parse each page once per session, as bytes, the way a crawler would hand it over."""
    return parse((PAGES_DIR / f"{name}.html").read_bytes(), _spec(name)["url"])


def _cases() -> list[Any]:
    cases = []
    for path in _expected_paths():
        name = _name(path)
        for key in _spec(name)["expect"]:
            case_id = f"{name}::{key}"
            marks = []
            if case_id in KNOWN_GAPS:
                marks.append(pytest.mark.xfail(reason=KNOWN_GAPS[case_id], strict=True))
            cases.append(pytest.param(name, key, id=case_id, marks=marks))
    return cases


# --------------------------------------------------------------------------- normalising


def _ws(value: str | None) -> str | None:
    """Collapse runs of whitespace (including no-break spaces) to one space and strip."""
    return None if value is None else " ".join(value.split())


def _pre(value: str) -> str:
    """Preformatted text keeps its line breaks and indentation; only line ends are trimmed."""
    lines = [line.rstrip() for line in value.replace("\r\n", "\n").split("\n")]
    return "\n".join(lines).strip("\n")


def _iso(value: str) -> datetime:
    # fromisoformat() only accepts a trailing "Z" from Python 3.11 on.
    return datetime.fromisoformat(value[:-1] + "+00:00" if value.endswith("Z") else value)


def _show(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1, default=str)


def _fail_message(name: str, key: str, expected: Any, got: Any, note: str = "") -> str:
    head = f"{name}::{key}" + (f" ({note})" if note else "")
    return f"{head}\nexpected: {_show(expected)}\ngot:      {_show(got)}"


# --------------------------------------------------------------------------- checkers


def _check_string(name: str, key: str, expected: str | None, article: Article) -> None:
    got = _ws(getattr(article, key))
    assert got == _ws(expected), _fail_message(name, key, expected, got)


def _check_date(name: str, key: str, expected: str | None, article: Article) -> None:
    got: datetime | None = getattr(article, key)
    if expected is None:
        assert got is None, _fail_message(name, key, None, got)
        return
    want = _iso(expected)
    assert got is not None, _fail_message(name, key, expected, None)
    want_aware, got_aware = want.tzinfo is not None, got.tzinfo is not None
    assert want_aware == got_aware, _fail_message(
        name, key, expected, got.isoformat(), "aware" if want_aware else "naive expected"
    )
    assert got == want, _fail_message(name, key, expected, got.isoformat())


def _check_authors(name: str, key: str, expected: list[dict[str, Any]], article: Article) -> None:
    got = [{"name": _ws(a.name), "url": a.url} for a in article.authors]
    want = [{"name": _ws(a["name"]), "url": a["url"]} for a in expected]
    assert got == want, _fail_message(name, key, want, got)


def _block_view(block: Any, keys: tuple[str, ...]) -> dict[str, Any]:
    """The fields of a block named by ``keys``, normalised for comparison.

    ``block`` is a :class:`~newsparse.Block` or an expected dict; both normalise alike.
    """
    get = block.get if isinstance(block, dict) else lambda k: getattr(block, k)
    kind = get("kind")
    view: dict[str, Any] = {}
    for key in keys:
        value = get(key)
        if key == "text" and value is not None:
            value = _pre(value) if kind == "preformatted" else _ws(value)
        elif key == "items" and value is not None:
            value = [_ws(item) for item in value]
        elif key == "cite":
            value = _ws(value)
        view[key] = value
    return view


def _check_body(name: str, key: str, expected: list[dict[str, Any]], article: Article) -> None:
    want = [_block_view(b, tuple(k for k in BLOCK_KEYS if k in b)) for b in expected]
    got = []
    for i, block in enumerate(article.body):
        keys = tuple(want[i]) if i < len(want) else ("kind", "text")
        got.append(_block_view(block, keys))
    note = f"{len(want)} blocks expected, {len(got)} found"
    assert got == want, _fail_message(name, key, want, got, note)


def _check_body_excludes(name: str, key: str, expected: list[str], article: Article) -> None:
    offenders = []
    for needle in expected:
        target = _ws(needle) or ""
        for i, block in enumerate(article.body):
            texts = [block.text, *block.items]
            if any(target in (_ws(t) or "") for t in texts):
                offenders.append({"string": needle, "block": i, "text": block.text[:200]})
    assert not offenders, _fail_message(
        name, key, "none of the strings in any body block", offenders
    )


def _link_view(link: Any) -> dict[str, Any]:
    get = link.get if isinstance(link, dict) else lambda k: getattr(link, k)
    return {"title": _ws(get("title")), "url": get("url"), "summary": _ws(get("summary"))}


def _check_related(name: str, key: str, expected: list[dict[str, Any]], article: Article) -> None:
    got = [_link_view(link) for link in article.related_links]
    want = [_link_view(link) for link in expected]
    assert got == want, _fail_message(name, key, want, got)


def _feed_view(item: Any) -> dict[str, Any]:
    get = item.get if isinstance(item, dict) else lambda k: getattr(item, k)
    return {
        "headline": _ws(get("headline")),
        "time_text": _ws(get("time_text")),
        "summary": _ws(get("summary")),
        "url": get("url"),
    }


def _check_feed(name: str, key: str, expected: list[dict[str, Any]], article: Article) -> None:
    got = [_feed_view(item) for item in article.feed_items]
    want = [_feed_view(item) for item in expected]
    assert got == want, _fail_message(name, key, want, got)


def _check_images_first(
    name: str, key: str, expected: list[dict[str, Any]], article: Article
) -> None:
    want = [{k: (v if k == "url" else _ws(v)) for k, v in image.items()} for image in expected]
    got = []
    for i, image in enumerate(article.images[: len(want)]):
        got.append(
            {k: (getattr(image, k) if k == "url" else _ws(getattr(image, k))) for k in want[i]}
        )
    note = f"first {len(want)} of {len(article.images)} images"
    assert got == want, _fail_message(name, key, want, got, note)


def _check_tags(name: str, key: str, expected: list[str], article: Article) -> None:
    got = [_ws(tag) for tag in article.tags]
    want = [_ws(tag) for tag in expected]
    assert got == want, _fail_message(name, key, want, got)


def _strings(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """Every string in a JSON-like value (keys included), with where it sits."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(k, f"{path}.{k}(key)")
            yield from _strings(v, f"{path}.{k}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _strings(v, f"{path}[{i}]")


def _check_nowhere(name: str, key: str, expected: list[str], article: Article) -> None:
    record = article.model_copy(update={"removed": []}).model_dump(mode="json")
    found = []
    for needle in expected:
        target = (_ws(needle) or "").lower()
        for where, text in _strings(record):
            if target in (_ws(text) or "").lower():
                found.append({"string": needle, "at": where, "text": text[:200]})
    assert not found, _fail_message(name, key, "none of the strings outside `removed`", found)


def _check_removed_kinds(name: str, key: str, expected: list[str], article: Article) -> None:
    kinds = {removal.kind for removal in article.removed}
    missing = [kind for kind in expected if kind not in kinds]
    assert not missing, _fail_message(name, key, expected, sorted(kinds), f"missing {missing}")


Checker = Callable[[str, str, Any, Article], None]
CHECKERS: dict[str, Checker] = {
    **{key: _check_string for key in STRING_KEYS},
    **{key: _check_date for key in DATE_KEYS},
    "authors": _check_authors,
    "body": _check_body,
    "body_excludes": _check_body_excludes,
    "related_links": _check_related,
    "feed_items": _check_feed,
    "images_first": _check_images_first,
    "tags": _check_tags,
    "nowhere_but_removed": _check_nowhere,
    "removed_kinds": _check_removed_kinds,
}


@pytest.mark.parametrize(("name", "key"), _cases())
def test_fixture_field(name: str, key: str) -> None:
    CHECKERS[key](name, key, _spec(name)["expect"][key], _parsed(name))


# --------------------------------------------------------------------------- the fixtures


def test_every_page_has_expectations_and_vice_versa() -> None:
    pages = {_name(p) for p in PAGES_DIR.glob("*.html")}
    expected = {_name(p) for p in _expected_paths()}
    assert pages - expected == set(), f"pages without {EXPECTED_SUFFIX}: {sorted(pages - expected)}"
    assert expected - pages == set(), f"expectations without a page: {sorted(expected - pages)}"
    assert len(pages) >= MIN_FIXTURE_PAGES, f"only {len(pages)} fixture pages"


def test_known_gaps_name_real_cases() -> None:
    """A gap whose page or key was renamed would otherwise linger unnoticed."""
    ids = {f"{_name(p)}::{key}" for p in _expected_paths() for key in _spec(_name(p))["expect"]}
    assert sorted(set(KNOWN_GAPS) - ids) == []


@pytest.mark.parametrize("name", [_name(p) for p in _expected_paths()])
def test_expected_file_is_well_formed(name: str) -> None:
    spec = _spec(name)
    assert set(spec) == {"url", "template", "expect"}, f"{name}: top-level keys {sorted(spec)}"
    assert urlsplit(spec["url"]).scheme in {"http", "https"}, f"{name}: url must be absolute"
    assert isinstance(spec["template"], str) and spec["template"], f"{name}: template missing"
    expect = spec["expect"]
    unknown = sorted(set(expect) - set(CHECKERS))
    assert not unknown, f"{name}: unknown expect keys {unknown}"
    listing = expect.get("page_type") == "listing"
    required = REQUIRED_LISTING_KEYS if listing else REQUIRED_ARTICLE_KEYS
    missing = [key for key in required if key not in expect]
    assert not missing, f"{name}: must check {missing}"
    for date_key in DATE_KEYS:
        if expect.get(date_key) is not None:
            _iso(expect[date_key])  # raises on a malformed date
    for block in expect.get("body", []):
        assert set(block) <= set(BLOCK_KEYS), f"{name}: unknown block keys {sorted(block)}"
        if block["kind"] == "list" and "text" in block:
            assert block["text"] == "\n".join(block["items"]), f"{name}: list text != items"


def _page_texts(name: str) -> tuple[str, str]:
    """(visible body text, whole unescaped source) of a fixture page, both normalised."""
    doc = lxml_html.document_fromstring((PAGES_DIR / f"{name}.html").read_bytes())
    source = _ws(html.unescape(lxml_html.tostring(doc, encoding="unicode"))) or ""
    body = doc.find("body")
    assert body is not None, f"{name}: no <body>"
    for node in body.xpath(".//script | .//style | .//template | .//noscript"):
        node.drop_tree()
    return _ws(body.text_content()) or "", source


def _visible_strings(expect: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """The expected strings a reader can see on the page, with the key they come from."""
    for key in ("headline", "subheadline"):
        if expect.get(key):
            yield key, expect[key]
    for author in expect.get("authors", []):
        yield "authors", author["name"]
    for block in expect.get("body", []):
        if block["kind"] == "preformatted":
            # Markup such as <br> may carry the line breaks; each line must be there.
            yield from (("body", line.strip()) for line in block["text"].split("\n"))
        elif block["kind"] == "list":
            yield from (("body", item) for item in block["items"])
        else:
            yield "body", block["text"]
        if block.get("cite"):
            yield "body", block["cite"]
    yield from record_strings(expect)


def record_strings(expect: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """The visible strings of the expected related links, feed items and images."""
    for link in expect.get("related_links", []):
        yield "related_links", link["title"]
        if link["summary"]:
            yield "related_links", link["summary"]
    for item in expect.get("feed_items", []):
        for field in ("headline", "time_text", "summary"):
            if item[field]:
                yield "feed_items", item[field]
    for image in expect.get("images_first", []):
        for field in ("caption", "credit"):
            if image.get(field):
                yield "images_first", image[field]


def _urls(expect: dict[str, Any]) -> Iterator[tuple[str, str]]:
    if expect.get("canonical_url"):
        yield "canonical_url", expect["canonical_url"]
    for key, field in (
        ("authors", "url"),
        ("related_links", "url"),
        ("feed_items", "url"),
        ("images_first", "url"),
    ):
        for entry in expect.get(key, []):
            if entry.get(field):
                yield key, entry[field]


@pytest.mark.parametrize("name", [_name(p) for p in _expected_paths()])
def test_expected_values_are_on_the_page(name: str) -> None:
    """Guards the fixtures against typos: the truth must be on the page, and every string that
    must be dropped must really be there to drop (or the check could never fail)."""
    expect = _spec(name)["expect"]
    visible, source = _page_texts(name)
    absent = [(k, s) for k, s in _visible_strings(expect) if _ws(s) not in visible]
    assert not absent, f"{name}: expected strings not visible on the page: {absent}"
    for key in ("body_excludes", "nowhere_but_removed"):
        missing = [s for s in expect.get(key, []) if (_ws(s) or "").lower() not in source.lower()]
        assert not missing, f"{name}: {key} strings not on the page at all: {missing}"
    for key, url in _urls(expect):
        parts = urlsplit(url)
        assert parts.scheme in {"http", "https"}, f"{name}: {key} url not absolute: {url}"
        candidates = [url, parts.path + (f"?{parts.query}" if parts.query else "")]
        if parts.fragment:
            candidates.append(f"#{parts.fragment}")
        assert any(c and c in source for c in candidates), f"{name}: {key} url not on page: {url}"
