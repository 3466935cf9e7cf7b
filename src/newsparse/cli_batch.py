"""``newsparse batch``: parse many pages on every core into JSONL or Parquet, resumable.

The pool is :mod:`newsparse.batch`, the readers :mod:`newsparse.batch_inputs`, the sinks and the
resume design :mod:`newsparse.batch_outputs`. This module wires them together and reports
progress: a bar on a terminal, a log line every :data:`LOG_EVERY_SECONDS` otherwise, nothing
with ``--quiet``, and a summary at the end.
"""

from __future__ import annotations

import functools
import importlib
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, TextIO

import click

from newsparse.batch import WorkerStartError, default_workers
from newsparse.batch import run_pool as _run_pool
from newsparse.batch_inputs import JsonlKeys, PageInput, check_sources, iter_pages, total_bytes
from newsparse.batch_outputs import (
    DoneRows,
    OutputFormat,
    ResumeMismatch,
    existing_output,
    open_sink,
    output_format,
)
from newsparse.batch_rows import Outcome, Parser, parse_page

# Without a terminal (CI logs, nohup), one progress line this often.
LOG_EVERY_SECONDS = 10.0
# A bar redraws at most this often: more is noise and costs the parent time.
BAR_REFRESH_SECONDS = 0.5
# A page gets this long by default: far beyond any sane page, short enough to notice a hang.
DEFAULT_TIMEOUT = 60.0


@dataclass
class Stats:
    """Counts for the progress line and the summary."""

    started: float = field(default_factory=time.monotonic)
    pages: int = 0
    skipped: int = 0
    errors: Counter[str] = field(default_factory=Counter)
    bytes_done: int = 0

    @property
    def error_count(self) -> int:
        return sum(self.errors.values())

    def rate(self) -> float:
        elapsed = time.monotonic() - self.started
        return self.pages / elapsed if elapsed > 0 else 0.0


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class Progress:
    """Bar on a TTY, periodic log lines otherwise, silence when quiet."""

    def __init__(self, stats: Stats, total: int | None, *, quiet: bool, stream: TextIO) -> None:
        self.stats = stats
        self.total = total or None
        self.quiet = quiet
        self.stream = stream
        self.bar: Any = None
        self.last = time.monotonic()
        # What an earlier run already did does not count towards the ETA of this one.
        self.initial_fraction = min(1.0, stats.bytes_done / self.total) if self.total else 0.0
        self.shown_bytes = 0
        if not quiet and stream.isatty():
            # tqdm ships no type information: hold it as Any.
            tqdm: Any = importlib.import_module("tqdm").tqdm
            self.bar = tqdm(
                total=self.total,
                initial=stats.bytes_done,
                unit="B",
                unit_scale=True,
                file=stream,
                mininterval=BAR_REFRESH_SECONDS,
                bar_format="{percentage:3.0f}%|{bar}| {desc} [{elapsed}<{remaining}]",
            )
            self.shown_bytes = stats.bytes_done

    def _line(self) -> str:
        stats = self.stats
        text = f"{stats.pages:,} pages, {stats.rate():,.0f} pages/s, {stats.error_count:,} errors"
        if self.bar is None and self.total:
            done = min(1.0, stats.bytes_done / self.total)
            text += f", {done:.0%} of input"
            elapsed = time.monotonic() - stats.started
            fresh = done - self.initial_fraction
            if fresh > 0:
                text += f", ETA {_duration(elapsed * (1 - done) / fresh)}"
        return text

    def update(self) -> None:
        if self.quiet:
            return
        now = time.monotonic()
        if self.bar is not None:
            if now - self.last >= BAR_REFRESH_SECONDS:
                self.bar.set_description_str(self._line(), refresh=False)
                self.bar.update(self.stats.bytes_done - self.shown_bytes)
                self.shown_bytes = self.stats.bytes_done
                self.last = now
        elif now - self.last >= LOG_EVERY_SECONDS:
            print(f"newsparse batch: {self._line()}", file=self.stream, flush=True)
            self.last = now

    def close(self) -> None:
        if self.bar is not None:
            self.bar.set_description_str(self._line(), refresh=False)
            self.bar.update(self.stats.bytes_done - self.shown_bytes)
            self.bar.close()


def summary(stats: Stats) -> str:
    """The closing report: counts by outcome and error kind, throughput."""
    elapsed = time.monotonic() - stats.started
    ok = stats.pages - stats.error_count
    text = f"{stats.pages:,} pages in {elapsed:.1f} s ({stats.rate():,.1f} pages/s): {ok:,} ok"
    if stats.errors:
        kinds = ", ".join(f"{kind} {count:,}" for kind, count in stats.errors.most_common())
        text += f", {stats.error_count:,} errors ({kinds})"
    if stats.skipped:
        text += f"; {stats.skipped:,} already done (resumed)"
    return text


def pending_pages(
    pages: Iterable[PageInput], done: DoneRows, stats: Stats
) -> Iterator[tuple[int, PageInput]]:
    """``(position, page)`` for every page not done yet; checks the done ones still match."""
    for position, page in enumerate(pages):
        done.verify(position, page.id)
        if position in done.positions:
            stats.skipped += 1
            stats.bytes_done += page.size
            continue
        yield position, page


@dataclass
class BatchJob:
    """Everything ``newsparse batch`` was asked to do."""

    sources: Sequence[str]
    output: str
    fmt: OutputFormat
    workers: int | None = None
    timeout: float | None = DEFAULT_TIMEOUT
    ordered: bool = True
    resume: bool = False
    quiet: bool = False
    jsonl: JsonlKeys = field(default_factory=JsonlKeys)
    parser: Parser | None = None


def run_job(job: BatchJob, *, stream: TextIO | None = None) -> Stats:
    """Run a batch job to the end; returns its counts. Raises on a setup problem."""
    stream = stream or sys.stderr
    sink = open_sink(job.output, job.fmt, resume=job.resume)
    stats = Stats()
    total = None if job.quiet else total_bytes(job.sources)
    pages = pending_pages(iter_pages(job.sources, jsonl=job.jsonl), sink.done, stats)
    # Skip the done prefix before the clock and the bar start, so pages/s means new pages.
    first = next(pages, None)
    stats.started = time.monotonic()
    progress = Progress(stats, total, quiet=job.quiet, stream=stream)
    todo: Iterable[tuple[int, PageInput]] = [] if first is None else _chain(first, pages)
    outcomes = _run_pool(
        todo,
        workers=job.workers,
        timeout=job.timeout,
        ordered=job.ordered,
        parser=job.parser,
        how=sink.encoding,
    )
    try:
        for outcome in outcomes:
            _record(stats, outcome)
            sink.write(outcome.payload)
            progress.update()
    except BaseException:
        outcomes.close()  # stop the workers first, then keep what is written
        sink.abort()
        progress.close()
        raise
    sink.finish()
    progress.close()
    return stats


def _chain(
    first: tuple[int, PageInput], rest: Iterator[tuple[int, PageInput]]
) -> Iterator[tuple[int, PageInput]]:
    yield first
    yield from rest


def _record(stats: Stats, outcome: Outcome) -> None:
    stats.pages += 1
    stats.bytes_done += outcome.size
    if outcome.error_kind is not None:
        stats.errors[outcome.error_kind] += 1


@click.command("batch")
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", required=True, help="Output file (JSONL or Parquet); - is stdout.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "parquet"]),
    default=None,
    help="Output format [default: from the suffix: .parquet/.pq, else jsonl].",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help=f"Worker processes [default: all cores, here {default_workers()}].",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0),
    default=DEFAULT_TIMEOUT,
    show_default=True,
    help="Seconds per page before it becomes a timeout error (0: no limit).",
)
@click.option("--unordered", is_flag=True, help="Write rows as they finish (faster).")
@click.option("--resume", is_flag=True, help="Continue an interrupted run of the same command.")
@click.option("--overwrite", is_flag=True, help="Replace an existing output.")
@click.option("-q", "--quiet", is_flag=True, help="No progress and no summary.")
@click.option("--comments", is_flag=True, help="Also extract reader comments.")
@click.option("--jsonl-html-key", default="html", show_default=True, help="JSONL key of the page.")
@click.option("--jsonl-url-key", default="url", show_default=True, help="JSONL key of the URL.")
@click.option("--jsonl-id-key", default=None, help="JSONL key of the id [default: file:line].")
def batch_command(
    inputs: tuple[str, ...],
    output: str,
    fmt: str | None,
    workers: int | None,
    timeout: float,
    unordered: bool,
    resume: bool,
    overwrite: bool,
    quiet: bool,
    comments: bool,
    jsonl_html_key: str,
    jsonl_url_key: str,
    jsonl_id_key: str | None,
) -> None:
    """Parse every page in INPUT... into one row per page in OUTPUT.

    INPUT is a page file (.html .htm .txt, optionally .gz), a directory (searched recursively
    for those), a glob pattern, a JSONL file (.jsonl .ndjson, one page per line) or a WARC file
    (.warc .warc.gz; HTML response records). Each row holds the input's id (path, file:line or
    WARC record id), its position, its URL, and an article or an error (kind and message).
    """
    problems = check_sources(inputs)
    if problems:
        raise click.UsageError("\n".join(problems))
    chosen_format = output_format(output, fmt)
    leftovers = existing_output(output, chosen_format)
    if leftovers and not (resume or overwrite):
        names = ", ".join(str(path) for path in leftovers)
        raise click.UsageError(f"{names} exists: add --resume to continue or --overwrite")
    if output == "-" and (resume or chosen_format == "parquet"):
        raise click.UsageError("stdout takes JSONL without --resume")
    job = BatchJob(
        sources=inputs,
        output=output,
        fmt=chosen_format,
        workers=workers,
        timeout=timeout or None,
        ordered=not unordered,
        resume=resume,
        quiet=quiet,
        jsonl=JsonlKeys(html=jsonl_html_key, url=jsonl_url_key or None, id=jsonl_id_key),
        parser=functools.partial(parse_page, include_comments=True) if comments else None,
    )
    try:
        stats = run_job(job)
    except (ResumeMismatch, WorkerStartError) as exc:
        raise click.ClickException(str(exc)) from exc
    except KeyboardInterrupt:
        click.echo("interrupted: rerun the same command with --resume to continue", err=True)
        sys.exit(130)
    if not quiet:
        click.echo(summary(stats), err=True)
