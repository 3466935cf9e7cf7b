"""The public contract of parse(): types, errors, JSON and schema."""

from __future__ import annotations

import json

import pytest

import newsparse
from newsparse import Article, EmptyDocumentError, NewsparseError

SIMPLE_PAGE = """<!doctype html><html lang="en"><head><title>Harbor ferry returns | Bay Post</title>
<meta property="og:site_name" content="Bay Post"></head><body>
<nav><a href="/">Home</a><a href="/news">News</a></nav>
<article><h1>Harbor ferry returns</h1>
<p class="byline">By Mara Quill</p>
<p>The harbor ferry made its first crossing in two years on Monday, carrying 140 passengers
between the north pier and the island village in just under twenty minutes.</p>
<p>Operators said the refitted vessel, which now runs on batteries charged overnight at the
north pier, will sail every hour from seven in the morning until nine at night.</p>
<p>Island residents, who had relied on a slower bus route around the bay, welcomed the return.
"It gives us back an hour a day," said one commuter, a nurse at the city hospital.</p>
</article><footer>© Bay Post. All rights reserved.</footer></body></html>"""


def test_parse_returns_article_with_fields() -> None:
    article = newsparse.parse(SIMPLE_PAGE, url="https://baypost.test/ferry")
    assert isinstance(article, Article)
    assert article.headline == "Harbor ferry returns"
    assert article.site_name == "Bay Post"
    assert article.language == "en"
    assert [a.name for a in article.authors] == ["Mara Quill"]
    assert len(article.body) == 3
    assert all(block.kind == "paragraph" for block in article.body)
    assert article.body[0].text.startswith("The harbor ferry made its first crossing")
    assert "Home" not in article.text
    assert article.text == "\n\n".join(block.text for block in article.body)


def test_bytes_input_reports_encoding() -> None:
    article = newsparse.parse(
        SIMPLE_PAGE.replace("<head>", '<head><meta charset="utf-8">').encode()
    )
    assert article.encoding == "utf-8"
    assert article.headline == "Harbor ferry returns"


def test_latin1_bytes_are_decoded() -> None:
    page = SIMPLE_PAGE.replace("<head>", '<head><meta charset="iso-8859-1">').replace(
        "Harbor ferry returns</h1>", "Caf\u00e9 ferry returns</h1>"
    )
    article = newsparse.parse(page.encode("latin-1"))
    assert article.headline == "Café ferry returns"
    assert article.encoding == "cp1252"


@pytest.mark.parametrize("bad", [None, 12, ["<p>x</p>"], {"html": "x"}])
def test_wrong_type_raises_type_error(bad: object) -> None:
    with pytest.raises(TypeError):
        newsparse.parse(bad)  # type: ignore[arg-type]


def test_wrong_url_type_raises_type_error() -> None:
    with pytest.raises(TypeError):
        newsparse.parse(SIMPLE_PAGE, url=5)  # type: ignore[arg-type]


@pytest.mark.parametrize("empty", ["", "   \n\t ", b"", b"  \r\n"])
def test_empty_document_raises_documented_error(empty: str | bytes) -> None:
    with pytest.raises(EmptyDocumentError) as info:
        newsparse.parse(empty)
    assert isinstance(info.value, NewsparseError)
    assert isinstance(info.value, ValueError)


def test_json_round_trip() -> None:
    article = newsparse.parse(SIMPLE_PAGE, url="https://baypost.test/ferry")
    data = json.loads(article.model_dump_json())
    assert data["headline"] == "Harbor ferry returns"
    assert data["text"] == article.text
    again = Article.model_validate_json(article.model_dump_json())
    assert again == article


def test_schema_lists_record_fields() -> None:
    schema = Article.model_json_schema()
    for name in ("headline", "authors", "published_at", "body", "removed", "feed_items"):
        assert name in schema["properties"]
    kinds = schema["$defs"]["Removal"]["properties"]["kind"]["enum"]
    assert {"newsletter", "form_marker", "share", "cookie", "navigation"} <= set(kinds)


def test_removed_records_chrome() -> None:
    article = newsparse.parse(SIMPLE_PAGE)
    kinds = {r.kind for r in article.removed}
    assert "navigation" in kinds
    assert all(len(r.text) <= 160 for r in article.removed)


def test_version_is_exposed() -> None:
    assert newsparse.__version__.count(".") == 2


def test_a_caption_that_opens_like_a_byline_credits_no_author() -> None:
    page = (
        "<html lang='de'><body><article><h1>Neue Fähre für den Hafen</h1>"
        "<figure><img src='/f.jpg'><figcaption>Von links: Anna Meier und Tom Berg bei der "
        "Taufe.</figcaption></figure>"
        "<p>Die neue Fähre hat am Montag zum ersten Mal im Hafen angelegt und Gäste gebracht.</p>"
        "<p>Sie fährt ab Juni jede Stunde und ersetzt das alte Schiff aus den Siebzigern.</p>"
        "</article></body></html>"
    )
    article = newsparse.parse(page)
    assert article.authors == []
    assert article.images and article.images[0].caption is not None
