"""The ``newsparse`` command line."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from newsparse import __version__
from newsparse.api import parse
from newsparse.cli_batch import batch_command
from newsparse.errors import NewsparseError
from newsparse.feeds import looks_like_feed, parse_feed
from newsparse.models import Article, Feed
from newsparse.textpage import looks_like_html, parse_text


def _read_input(page: str) -> bytes:
    if page == "-":
        return sys.stdin.buffer.read()
    return Path(page).read_bytes()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newsparse")
def main() -> None:
    """Turn news and article pages into clean, typed JSON records."""


@main.command("parse")
@click.argument("page", type=str)
@click.option("--url", default=None, help="The page's URL (resolves relative links).")
@click.option("--charset", default=None, help="The transport charset, if known.")
@click.option("--comments", is_flag=True, help="Also return reader comments as records.")
@click.option("--indent", default=2, show_default=True, help="JSON indentation (0: one line).")
@click.option("--text", "as_text", is_flag=True, help="Read PAGE as plain text (else detected).")
@click.option(
    "--time-budget",
    type=click.FloatRange(min=0),
    default=None,
    help="Seconds to spend after parsing the HTML; past it, return what was read (with a warning).",
)
def parse_command(
    page: str,
    url: str | None,
    charset: str | None,
    comments: bool,
    indent: int,
    as_text: bool,
    time_budget: float | None,
) -> None:
    """Parse PAGE (an HTML page or an RSS/Atom feed; a file path, or - for stdin) and print
    the record as JSON."""
    try:
        data = _read_input(page)
    except OSError as exc:
        raise click.ClickException(f"cannot read {page}: {exc.strerror or exc}") from exc
    try:
        record: Article | Feed
        if as_text or (not looks_like_feed(data) and not looks_like_html(data)):
            record = parse_text(data, url=url, charset=charset)
        elif looks_like_feed(data):
            record = parse_feed(data, url=url)
        else:
            record = parse(
                data,
                url=url,
                charset=charset,
                include_comments=comments,
                time_budget=time_budget,
            )
    except NewsparseError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(record.model_dump_json(indent=indent or None))


@main.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of the Article record."""
    click.echo(json.dumps(Article.model_json_schema(), indent=2))


main.add_command(batch_command)

if __name__ == "__main__":  # pragma: no cover
    main()
