"""newsparse on Spark (``pip install 'newsparse[spark]'``).

>>> from newsparse.spark import parse_dataframe, read_warc
>>> pages = read_warc(spark, ["s3://bucket/crawl/*.warc.gz"])    # url, html, record_id, charset
>>> articles = parse_dataframe(pages, url_col="url", charset_col="charset")
>>> articles.select("url", "article.headline", "parse_error.kind").show()

:func:`parse_dataframe` runs :func:`newsparse.parse` on the executors with ``mapInPandas``: each
row gains an ``article`` struct (the :class:`~newsparse.Article` record; schema derived from the
pydantic models, as for Parquet) and a ``parse_error`` struct (``kind``, ``message``; the same
kinds as ``newsparse batch``), exactly one of them null. The same code runs in local mode and on
a cluster; executors need newsparse installed in their Python.
"""

from __future__ import annotations

import functools
import glob
import importlib
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from newsparse.batch_inputs import PageInput
from newsparse.batch_inputs import read_warc as _read_warc_pages
from newsparse.batch_outputs import (
    FieldSpec,
    ListSpec,
    MapSpec,
    StructSpec,
    TypeSpec,
    model_spec,
)
from newsparse.batch_rows import BatchError, parse_page, run_page
from newsparse.models import Article


def _types() -> Any:
    """``pyspark.sql.types`` (pyspark ships no type information: treat it as Any)."""
    try:
        return importlib.import_module("pyspark.sql.types")
    except ImportError as exc:
        raise ImportError("newsparse.spark needs pyspark: pip install 'newsparse[spark]'") from exc


def spark_type(spec: TypeSpec) -> Any:
    """The Spark SQL type for a spec from :func:`newsparse.batch_outputs.model_spec`."""
    types = _types()
    if isinstance(spec, StructSpec):
        return types.StructType([_spark_field(f) for f in spec.fields])
    if isinstance(spec, ListSpec):
        return types.ArrayType(spark_type(spec.item), containsNull=spec.item_nullable)
    if isinstance(spec, MapSpec):
        return types.MapType(
            spark_type(spec.key), spark_type(spec.value), valueContainsNull=spec.value_nullable
        )
    scalars = {
        "string": types.StringType(),
        "int": types.LongType(),
        "float": types.DoubleType(),
        "bool": types.BooleanType(),
        "timestamp": types.TimestampType(),
    }
    return scalars[spec]


def _spark_field(spec: FieldSpec) -> Any:
    return _types().StructField(spec.name, spark_type(spec.type), spec.nullable)


def article_schema() -> Any:
    """The Spark ``StructType`` of an :class:`~newsparse.Article`."""
    return spark_type(model_spec(Article))


def error_schema() -> Any:
    """The Spark ``StructType`` of a parse error (``kind``, ``message``)."""
    return spark_type(model_spec(BatchError))


def _cell(value: Any) -> Any:
    """A pandas cell as Python: missing values (None, NaN) become None."""
    if value is None or (isinstance(value, float) and value != value):
        return None
    return value


def parse_rows(
    rows: Iterable[tuple[Any, Any, Any]], *, include_comments: bool = False
) -> Iterator[tuple[dict[str, Any] | None, dict[str, Any] | None]]:
    """``(article, error)`` dicts for ``(html, url, charset)`` triples; one of each pair is None.

    The per-row work of :func:`parse_dataframe`, with the same error kinds as ``newsparse
    batch``; kept free of Spark so it can be tested and reused anywhere.
    """
    parser = functools.partial(parse_page, include_comments=include_comments)
    for position, (html, url, charset) in enumerate(rows):
        html, url, charset = _cell(html), _cell(url), _cell(charset)
        if isinstance(html, (bytearray, memoryview)):
            html = bytes(html)
        page = PageInput(
            id=str(position),
            data=html if isinstance(html, (str, bytes)) else None,
            url=url,
            charset=charset,
            problem=None if isinstance(html, (str, bytes)) else "no page in this row",
        )
        row = run_page(position, page, parser, alarm_after=None)
        article = row.article.model_dump() if row.article is not None else None
        error = row.error.model_dump() if row.error is not None else None
        yield article, error


def parse_dataframe(
    df: Any,
    html_col: str = "html",
    url_col: str | None = None,
    output_col: str = "article",
    *,
    charset_col: str | None = None,
    error_col: str = "parse_error",
    include_comments: bool = False,
) -> Any:
    """``df`` with two more columns: ``output_col`` (the article struct) and ``error_col``.

    ``html_col`` holds the page as a string or binary column; ``url_col`` (optional) its URL;
    ``charset_col`` (optional) the transport charset for binary pages (as :func:`read_warc`
    gives). A row whose page fails gets a null article and an error struct (``kind``:
    ``empty``, ``invalid``, ``unreadable`` or ``internal``; ``message``).
    """
    types = _types()
    for name in (output_col, error_col):
        if name in df.columns:
            raise ValueError(f"the DataFrame already has a {name!r} column")
    schema = types.StructType(
        [
            *df.schema.fields,
            types.StructField(output_col, article_schema(), True),
            types.StructField(error_col, error_schema(), True),
        ]
    )

    def parse_batches(batches: Iterator[Any]) -> Iterator[Any]:
        for batch in batches:
            htmls = batch[html_col]
            urls = batch[url_col] if url_col else [None] * len(batch)
            charsets = batch[charset_col] if charset_col else [None] * len(batch)
            triples = zip(htmls, urls, charsets, strict=True)
            results = list(parse_rows(triples, include_comments=include_comments))
            batch[output_col] = [article for article, _ in results]
            batch[error_col] = [error for _, error in results]
            yield batch

    return df.mapInPandas(parse_batches, schema)


def _warc_rows(path: str) -> Iterator[tuple[str | None, bytes | None, str, str | None]]:
    for page in _read_warc_pages(path):
        data = page.data.encode() if isinstance(page.data, str) else page.data
        yield page.url, data, page.id, page.charset


def read_warc(spark: Any, paths: str | Sequence[str]) -> Any:
    """A DataFrame ``(url, html: binary, record_id, charset)`` of the HTML pages in WARC files.

    ``paths`` are WARC / WARC.gz files or glob patterns; one Spark task reads each file (local
    paths, or URLs FastWARC can open through ``fsspec`` on the executors).
    """
    types = _types()
    names = [paths] if isinstance(paths, str) else list(paths)
    files = [match for name in names for match in (sorted(glob.glob(name)) or [name])]
    schema = types.StructType(
        [
            types.StructField("url", types.StringType(), True),
            types.StructField("html", types.BinaryType(), True),
            types.StructField("record_id", types.StringType(), False),
            types.StructField("charset", types.StringType(), True),
        ]
    )
    if not files:
        return spark.createDataFrame([], schema)
    rdd = spark.sparkContext.parallelize(files, len(files)).flatMap(_warc_rows)
    return spark.createDataFrame(rdd, schema)
