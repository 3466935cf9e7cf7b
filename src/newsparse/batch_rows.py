"""What one input of a batch gives: a :class:`BatchRow` holding its article or the error that
stopped it, made by :func:`run_page` (which turns every failure into an error row, and a page
past its time into a ``timeout`` row by ``SIGALRM``), and the encodings rows travel in.
:mod:`newsparse.batch` runs these on a pool of processes."""

from __future__ import annotations

import signal
from collections.abc import Callable
from typing import Any, Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, Field

from newsparse import api
from newsparse.batch_inputs import InputError, PageInput
from newsparse.decode import decode_html
from newsparse.errors import EmptyDocumentError, NewsparseError
from newsparse.models import Article

ErrorKind = Literal["empty", "invalid", "unreadable", "internal", "timeout", "crash"]
Encoding = Literal["row", "json", "dict"]
Parser = Callable[[PageInput], Article]

# Error messages are for people skimming a summary; tracebacks are not kept.
MAX_MESSAGE_CHARS = 500


class BatchError(BaseModel):
    """Why one input produced no article."""

    model_config = ConfigDict(frozen=True)

    kind: ErrorKind
    message: str


class BatchRow(BaseModel):
    """One input's result: its article, or the error that stopped it. One row per input."""

    index: int = Field(description="The input's position in the input stream, from 0.")
    id: str = Field(description="The input's id: its path, file:line, or WARC record id.")
    url: str | None = None
    article: Article | None = None
    error: BatchError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


class Outcome(NamedTuple):
    """What the pool hands back for one page: the row encoded as asked, plus bookkeeping."""

    position: int  # the row's ``index``
    error_kind: ErrorKind | None
    payload: Any
    size: int


def parse_page(page: PageInput, *, include_comments: bool = False) -> Article:
    """Read ``page`` and parse it with newsparse (``parse_text`` for text pages, when present)."""
    content = page.load()
    if page.kind == "text":
        parse_text: Callable[..., Article] | None = getattr(api, "parse_text", None)
        if parse_text is not None:
            text = content if isinstance(content, str) else decode_html(content).text
            return parse_text(text, url=page.url)
    return api.parse(content, url=page.url, charset=page.charset, include_comments=include_comments)


def _message(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return text[:MAX_MESSAGE_CHARS]


class _PageTimeout(Exception):
    """Raised inside a worker by SIGALRM when a page runs past its timeout."""


class _Alarm:
    """Whether a page's alarm is armed: a signal handled just after disarming is ignored."""

    armed = False


def on_alarm(signum: int, frame: object) -> None:
    if _Alarm.armed:
        _Alarm.armed = False
        raise _PageTimeout


def run_page(index: int, page: PageInput, parser: Parser, alarm_after: float | None) -> BatchRow:
    """Parse one page into a row, turning every failure into an error row."""
    error: BatchError | None = None
    article: Article | None = None
    try:
        if alarm_after is not None:
            _Alarm.armed = True
            signal.setitimer(signal.ITIMER_REAL, alarm_after)
        try:
            article = parser(page)
        finally:
            if alarm_after is not None:
                _Alarm.armed = False
                signal.setitimer(signal.ITIMER_REAL, 0)
        if not isinstance(article, Article):
            raise TypeError(f"the parser returned {type(article).__name__}, not an Article")
    except _PageTimeout:
        error = BatchError(kind="timeout", message=f"parsing took over {alarm_after:g} s")
    except InputError as exc:
        error = BatchError(kind="unreadable", message=_message(exc))
    except EmptyDocumentError as exc:
        error = BatchError(kind="empty", message=_message(exc))
    except NewsparseError as exc:
        error = BatchError(kind="invalid", message=_message(exc))
    except Exception as exc:  # one bad page must not stop the batch; it becomes a row
        error = BatchError(kind="internal", message=f"{type(exc).__name__}: {_message(exc)}")
    if error is not None:
        article = None
    return BatchRow(index=index, id=page.id, url=page.url, article=article, error=error)


def encode_row(row: BatchRow, how: Encoding) -> Any:
    """``row`` as the output wants it: the model, JSON bytes (no newline), or a plain dict."""
    if how == "json":
        return row.model_dump_json().encode()
    if how == "dict":
        return row.model_dump()
    return row


def encode_safely(row: BatchRow, how: Encoding) -> Any:
    try:
        return encode_row(row, how)
    except Exception as exc:  # an article that cannot be serialised is that page's problem only
        error = BatchError(kind="internal", message=f"cannot encode: {_message(exc)}")
        return encode_row(row.model_copy(update={"article": None, "error": error}), how)


class IndexSet:
    """A set of input positions that is mostly a prefix: a count plus a few stragglers above it.

    Finished pages stay within a window of the oldest unfinished one, so ``above`` stays small.
    """

    def __init__(self) -> None:
        self.low = 0  # every position below this is in the set
        self.above: set[int] = set()

    def add(self, index: int) -> None:
        if index < self.low:
            return
        if index != self.low:
            self.above.add(index)
            return
        self.low += 1
        while self.low in self.above:
            self.above.remove(self.low)
            self.low += 1

    def __contains__(self, index: object) -> bool:
        return isinstance(index, int) and (index < self.low or index in self.above)

    def __len__(self) -> int:
        return self.low + len(self.above)
