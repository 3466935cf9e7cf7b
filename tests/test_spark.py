"""newsparse.spark in local mode: the same records as ``parse``, errors as rows, WARC reading."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest

pyspark = pytest.importorskip("pyspark")
pytest.importorskip("pandas")
pytest.importorskip("pyarrow")

from pyspark.sql import SparkSession  # noqa: E402

from newsparse import parse  # noqa: E402
from newsparse.models import Article  # noqa: E402
from newsparse.spark import article_schema, parse_dataframe, read_warc  # noqa: E402
from test_batch import story, write_test_warc  # noqa: E402


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    session = (
        SparkSession.builder.master("local[2]")
        .appName("newsparse-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def _utc_naive(value: Any) -> Any:
    """Spark hands timestamps back naive, in the session time zone (UTC here)."""
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(timezone.utc).replace(tzinfo=None)
    if isinstance(value, dict):
        return {key: _utc_naive(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_utc_naive(item) for item in value]
    return value


def test_article_schema_has_every_model_field() -> None:
    names = article_schema().fieldNames()
    assert names == list(Article.model_fields) + list(Article.model_computed_fields)


def test_parse_dataframe_gives_the_same_records_as_parse(spark: Any) -> None:
    pages = [(f"https://courier.example/{i}", story(i)) for i in range(6)]
    pages.append(("https://courier.example/blank", "   "))
    df = spark.createDataFrame(pages, "url string, html string")
    rows = parse_dataframe(df, url_col="url").orderBy("url").collect()
    assert len(rows) == len(pages)
    by_url = {row["url"]: row for row in rows}
    for url, html in pages[:-1]:
        row = by_url[url]
        assert row["parse_error"] is None
        expected = _utc_naive(parse(html, url=url).model_dump())
        assert row["article"].asDict(recursive=True) == expected
    blank = by_url["https://courier.example/blank"]
    assert blank["article"] is None
    assert blank["parse_error"]["kind"] == "empty"


def test_read_warc_then_parse(spark: Any, tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    write_test_warc(path)
    pages = read_warc(spark, [str(path)])
    assert pages.columns == ["url", "html", "record_id", "charset"]
    articles = parse_dataframe(pages, url_col="url", charset_col="charset").collect()
    by_id = {row["record_id"]: row for row in articles}
    assert sorted(by_id) == ["<urn:uuid:a1>", "<urn:uuid:a3>", "<urn:uuid:a6>"]
    latin = by_id["<urn:uuid:a1>"]
    assert latin["charset"] == "windows-1252"
    assert "Café owners" in latin["article"]["text"]
    assert all(row["article"]["url"] == row["url"] for row in articles)
