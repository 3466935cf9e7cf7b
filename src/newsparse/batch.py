"""Parse many pages on every core: :func:`parse_many` and the process pool under it.

Why a pool of our own
    ``concurrent.futures.ProcessPoolExecutor`` marks itself broken for good when one worker dies
    (a segfault in a C parser, an ``os._exit``, the OOM killer), failing every queued page.
    Here each worker is a ``multiprocessing`` process with its own duplex pipe, so the parent
    always knows which page each worker is on, and a death costs exactly that page.

How work flows
    The parent sends a *chunk* of pages to an idle worker in one message (file pages travel as
    paths: the worker reads them). The worker answers with one message per page, already encoded
    for the output (JSON bytes for JSONL, a plain dict for Parquet, a :class:`BatchRow` for the
    Python API), so the parent does almost no work per page. Chunks are sized from a running
    average of page time so that one chunk is about :data:`TARGET_CHUNK_SECONDS` of work: big
    enough to make IPC cheap, small enough to balance the tail. A chunk goes only to a worker that
    has answered everything it was sent: neither side ever blocks writing into a full pipe while
    the other does the same.

Failures
    - A page that raises becomes an error row: ``empty`` (:class:`EmptyDocumentError`),
      ``invalid`` (any other :class:`NewsparseError`), ``unreadable`` (its file or record could
      not be read), ``internal`` (any other exception).
    - ``timeout``: the worker arms ``SIGALRM`` for each page, which interrupts Python code and
      keeps the worker alive. A page stuck in C code ignores it, so the parent also watches the
      clock and, :data:`HARD_TIMEOUT_GRACE` later, kills the worker and starts a new one.
    - ``crash``: when a worker dies, the page it was on becomes a ``crash`` row, the rest of its
      chunk goes back to the queue, and a new worker takes its place.

Order and memory
    Results come back out of order; with ``ordered=True`` they wait in a buffer until their turn.
    No page is dispatched more than a *window* of pages ahead of the oldest unfinished one, so
    the buffer (and, for ``--resume``, the set of finished pages) stays bounded however many
    pages stream through, even while one slow page holds up the line.

Workers start with ``forkserver`` where available (a clean, fast fork of a process that has
already imported newsparse; safe in a threaded parent), else ``spawn``. A custom ``parser``
must therefore be picklable: a module-level function, or a ``functools.partial`` of one.
"""

from __future__ import annotations

import contextlib
import math
import os
import pickle
import signal
import time
from collections import deque
from collections.abc import Generator, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing import connection, get_all_start_methods, get_context
from multiprocessing.context import BaseContext
from multiprocessing.process import BaseProcess
from typing import Any, NamedTuple

from newsparse.batch_inputs import PageInput
from newsparse.batch_rows import (
    BatchError,
    BatchRow,
    Encoding,
    ErrorKind,
    IndexSet,
    Outcome,
    Parser,
    encode_row,
    encode_safely,
    on_alarm,
    parse_page,
    run_page,
)

# (Re-exported: the records a caller of parse_many meets, reachable from here as before.)
__all__ = [
    "BatchError",
    "BatchRow",
    "IndexSet",
    "WorkerStartError",
    "default_workers",
    "parse_many",
    "parse_page",
    "run_page",
    "run_pool",
]

# One chunk should hold about this much parsing: IPC per chunk (~0.2 ms) stays under 1%, and
# the last chunks of a run still spread over every worker.
TARGET_CHUNK_SECONDS = 0.05
MAX_CHUNK_PAGES = 64
# The first chunks are small: page time is unknown until some pages come back.
FIRST_CHUNK_PAGES = 2
# A chunk of huge pages is cut short: this many bytes already make IPC cost negligible.
MAX_CHUNK_BYTES = 4 << 20
# Weight of the newest page time in the running average that sizes chunks.
PAGE_TIME_SMOOTHING = 0.1
# How far (in pages) dispatch may run ahead of the oldest unfinished page, per worker and chunk:
# enough that a page stuck until its timeout does not idle the other workers.
WINDOW_CHUNKS_PER_WORKER = 8
MIN_WINDOW_PAGES = 1024
# SIGALRM cannot interrupt a parser stuck in C code; the parent kills the worker this many
# seconds past the timeout (or this fraction of it, if longer).
HARD_TIMEOUT_GRACE = 1.0
HARD_TIMEOUT_GRACE_FRACTION = 0.25
# A finishing worker gets this long to exit on its own before it is killed.
SHUTDOWN_SECONDS = 2.0
# A worker that has not said hello after this long is broken, not slow (start-up takes ms to ~1 s).
STARTUP_SECONDS = 60.0


def default_workers() -> int:
    """The number of cores this process may use."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def _worker_main(
    conn: connection.Connection, parser: Parser, how: Encoding, alarm_after: float | None
) -> None:
    """A worker: parse each chunk it is sent, answer one message per page, stop on ``None``."""
    # Ctrl-C reaches the whole process group; the parent decides what to do about it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if alarm_after is not None:
        signal.signal(signal.SIGALRM, on_alarm)
    try:
        conn.send(None)  # hello: a death after this is a page's fault, not a start-up failure
    except (BrokenPipeError, OSError):
        return
    while True:
        try:
            chunk = conn.recv()
        except (EOFError, OSError):  # the parent is gone
            return
        if chunk is None:
            return
        for index, page in chunk:
            row = run_page(index, page, parser, alarm_after)
            kind = row.error.kind if row.error else None
            try:
                conn.send((index, kind, encode_safely(row, how)))
            except (BrokenPipeError, OSError):
                return


class _Task(NamedTuple):
    seq: int  # dispatch order within this run (the order rows are emitted in)
    position: int  # in the whole input stream (the row's ``index``)
    page: PageInput


@dataclass(eq=False)
class _Worker:
    process: BaseProcess
    conn: connection.Connection
    tasks: deque[_Task] = field(default_factory=deque)  # sent, unanswered; the head is running
    started: float = 0.0  # when the head task started, as far as the parent can tell
    ready: bool = False  # said hello: it imported everything and unpickled the parser
    spawned: float = field(default_factory=time.monotonic)


class WorkerStartError(RuntimeError):
    """Worker processes die before they can parse anything: a setup problem, not a page's."""


def _mp_context() -> BaseContext:
    if "forkserver" in get_all_start_methods():
        ctx = get_context("forkserver")
        # Workers fork from a server that has already imported newsparse: they start in ms.
        ctx.set_forkserver_preload(["newsparse.batch"])
        return ctx
    return get_context("spawn")


def _page_bytes(page: PageInput) -> int:
    data = page.data
    return len(data) if data is not None else 0


class _Pool:
    """The worker processes and the loop that feeds them; see the module docstring."""

    def __init__(
        self,
        size: int,
        parser: Parser,
        how: Encoding,
        timeout: float | None,
        ordered: bool,
    ) -> None:
        self.size = size
        self.parser = parser
        self.how = how
        self.timeout = timeout
        self.ordered = ordered
        self.ctx = _mp_context()
        self.alarm = timeout is not None and hasattr(signal, "setitimer")
        self.hard_limit: float | None = None
        if timeout is not None:
            grace = max(HARD_TIMEOUT_GRACE, HARD_TIMEOUT_GRACE_FRACTION * timeout)
            self.hard_limit = timeout + grace if self.alarm else timeout
        self.window = max(MIN_WINDOW_PAGES, WINDOW_CHUNKS_PER_WORKER * size * MAX_CHUNK_PAGES)
        self.workers: list[_Worker] = []
        self.retry: deque[_Task] = deque()
        self.page_seconds: float | None = None
        self.finished: list[tuple[int, Outcome]] = []  # (seq, outcome) since the last emit
        self.exhausted = False  # the source has no more pages
        self.next_seq = 0

    # -- workers -----------------------------------------------------------------------------

    def _spawn(self) -> _Worker:
        parent_end, child_end = self.ctx.Pipe(duplex=True)
        alarm_after = self.timeout if self.alarm else None
        process = self.ctx.Process(  # type: ignore[attr-defined]
            target=_worker_main,
            args=(child_end, self.parser, self.how, alarm_after),
            daemon=True,
            name="newsparse-batch-worker",
        )
        process.start()
        child_end.close()  # only the worker holds it now: its death reads as EOF here
        worker = _Worker(process, parent_end)
        self.workers.append(worker)
        return worker

    def _retire(self, worker: _Worker, *, kill: bool) -> None:
        self.workers.remove(worker)
        if kill:
            worker.process.kill()
        worker.process.join(SHUTDOWN_SECONDS)
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join()
        worker.conn.close()

    def _fail_head(self, worker: _Worker, kind: ErrorKind, message: str) -> None:
        """The worker is gone: its current page fails with ``kind``; the rest are retried."""
        head = worker.tasks.popleft()
        self.retry.extendleft(reversed(worker.tasks))
        worker.tasks.clear()
        row = BatchRow(
            index=head.position,
            id=head.page.id,
            url=head.page.url,
            error=BatchError(kind=kind, message=message),
        )
        self._finish(head, kind, encode_row(row, self.how))

    def _finish(self, task: _Task, kind: ErrorKind | None, payload: Any) -> None:
        outcome = Outcome(task.position, kind, payload, task.page.size)
        self.finished.append((task.seq, outcome))

    # -- dispatch ----------------------------------------------------------------------------

    def _chunk_pages(self) -> int:
        if self.page_seconds is None:
            return FIRST_CHUNK_PAGES
        wanted = TARGET_CHUNK_SECONDS / max(self.page_seconds, 1e-6)
        return max(1, min(MAX_CHUNK_PAGES, int(wanted)))

    def _take_chunk(self, source: Iterator[tuple[int, PageInput]], floor: int) -> list[_Task]:
        chunk: list[_Task] = []
        limit = self._chunk_pages()
        size = 0
        while self.retry and len(chunk) < limit and size < MAX_CHUNK_BYTES:
            task = self.retry.popleft()
            chunk.append(task)
            size += _page_bytes(task.page)
        while len(chunk) < limit and size < MAX_CHUNK_BYTES and self.next_seq < floor + self.window:
            item = next(source, None)
            if item is None:
                self.exhausted = True
                break
            task = _Task(self.next_seq, item[0], item[1])
            self.next_seq += 1
            chunk.append(task)
            size += _page_bytes(task.page)
        return chunk

    def _dispatch(self, source: Iterator[tuple[int, PageInput]], floor: int) -> None:
        """Give a chunk to every idle worker, starting workers up to the pool size."""
        idle = [worker for worker in self.workers if not worker.tasks]
        while not (self.exhausted and not self.retry):
            if not idle and len(self.workers) < self.size:
                idle.append(self._spawn())
            if not idle:
                return
            chunk = self._take_chunk(source, floor)
            if not chunk:
                return
            worker = idle.pop()
            try:
                worker.conn.send([(task.position, task.page) for task in chunk])
            except (BrokenPipeError, OSError):  # it died while idle: no page is to blame
                self.retry.extendleft(reversed(chunk))
                self._retire(worker, kill=True)
                continue
            worker.tasks.extend(chunk)
            worker.started = time.monotonic()

    # -- collect -----------------------------------------------------------------------------

    def _receive(self, worker: _Worker) -> bool:
        """Read every answer waiting from ``worker``; ``False`` once its pipe is closed."""
        while worker.conn.poll():
            try:
                message = worker.conn.recv()
            except (EOFError, OSError):
                return False
            now = time.monotonic()
            if message is None:
                worker.ready = True
                worker.started = now  # the clock runs from here: start-up is no page's time
                continue
            index, kind, payload = message
            task = worker.tasks.popleft()
            if task.position != index:  # cannot happen: the worker answers in the order sent
                raise RuntimeError(f"worker answered page {index}, expected {task.position}")
            elapsed = now - worker.started
            worker.started = now
            if self.page_seconds is None:
                self.page_seconds = elapsed
            else:
                self.page_seconds += PAGE_TIME_SMOOTHING * (elapsed - self.page_seconds)
            self._finish(task, kind, payload)
        return True

    def _collect(self) -> None:
        busy = [worker for worker in self.workers if worker.tasks]
        if not busy:
            return
        deadline = min(self._deadline(worker) for worker in busy)
        wait_for = None if deadline == math.inf else max(0.0, deadline - time.monotonic())
        handles: list[Any] = [w.conn for w in busy] + [w.process.sentinel for w in busy]
        ready = set(connection.wait(handles, wait_for))
        for worker in busy:
            if worker.conn in ready or worker.process.sentinel in ready:
                alive = self._receive(worker)
                if not alive or worker.process.sentinel in ready:
                    self._bury(worker)
        self._enforce_deadlines()

    def _deadline(self, worker: _Worker) -> float:
        if not worker.ready:
            return worker.spawned + STARTUP_SECONDS
        if self.hard_limit is None:
            return math.inf
        return worker.started + self.hard_limit

    def _bury(self, worker: _Worker) -> None:
        """A worker died (or closed its pipe): blame its current page, requeue the rest."""
        worker.process.join(SHUTDOWN_SECONDS)
        code = worker.process.exitcode
        if code is not None and code < 0:
            try:
                how = signal.Signals(-code).name
            except ValueError:
                how = f"signal {-code}"
        else:
            how = f"exit code {code}"
        if not worker.ready:
            self._retire(worker, kill=True)
            raise WorkerStartError(
                f"a worker process died while starting ({how}). A script that calls "
                "parse_many must guard its entry point with `if __name__ == '__main__':`, "
                "and a custom parser must be importable by the workers."
            )
        if worker.tasks:
            self._fail_head(worker, "crash", f"the worker process died ({how})")
        self._retire(worker, kill=True)

    def _enforce_deadlines(self) -> None:
        now = time.monotonic()
        for worker in [w for w in self.workers if w.tasks]:
            if now <= self._deadline(worker):
                continue
            if not worker.ready:
                self._retire(worker, kill=True)
                raise WorkerStartError(f"a worker process did not start in {STARTUP_SECONDS:g} s")
            message = f"parsing took over {self.timeout:g} s; worker replaced"
            self._fail_head(worker, "timeout", message)
            self._retire(worker, kill=True)

    # -- the loop ----------------------------------------------------------------------------

    def run(self, pages: Iterable[tuple[int, PageInput]]) -> Generator[Outcome, None, None]:
        source = iter(pages)
        next_out = 0  # ordered: the next seq to emit
        waiting: dict[int, Outcome] = {}
        emitted = IndexSet()  # unordered: which seqs are out (its low end is the window floor)
        completed = False
        try:
            while True:
                floor = next_out if self.ordered else emitted.low
                self._dispatch(source, floor)
                if not any(worker.tasks for worker in self.workers):
                    if self.exhausted and not self.retry:
                        break
                    if not self.retry:  # the window is full but nothing runs: cannot happen
                        raise RuntimeError("batch window stalled")
                self._collect()
                finished, self.finished = self.finished, []
                for seq, outcome in finished:
                    if self.ordered:
                        waiting[seq] = outcome
                    else:
                        emitted.add(seq)
                        yield outcome
                while next_out in waiting:
                    yield waiting.pop(next_out)
                    next_out += 1
            completed = True
        finally:
            self._shutdown(graceful=completed)

    def _shutdown(self, *, graceful: bool) -> None:
        for worker in list(self.workers):
            if graceful:
                with contextlib.suppress(OSError):
                    worker.conn.send(None)
            self._retire(worker, kill=not graceful)


def run_pool(
    pages: Iterable[tuple[int, PageInput]],
    *,
    workers: int | None = None,
    timeout: float | None = None,
    ordered: bool = True,
    parser: Parser | None = None,
    how: Encoding = "row",
) -> Generator[Outcome, None, None]:
    """Parse ``(index, page)`` pairs on a pool of processes; one :class:`Outcome` per page.

    The engine under :func:`parse_many` and ``newsparse batch``; ``how`` picks what each
    outcome's payload is (see :func:`encode_row`).
    """
    size = default_workers() if workers is None else workers
    if size < 1:
        raise ValueError("workers must be at least 1")
    if timeout is not None and timeout <= 0:
        raise ValueError("timeout must be positive (or None for no limit)")
    chosen = parser or parse_page
    try:
        pickle.dumps(chosen)
    except Exception as exc:
        raise TypeError(
            "parser must be picklable: a module-level function or a functools.partial of one"
        ) from exc
    return _Pool(size, chosen, how, timeout, ordered).run(pages)


def _as_page(position: int, item: PageInput | str | bytes) -> PageInput:
    if isinstance(item, PageInput):
        return item
    if isinstance(item, (str, bytes)):
        return PageInput(id=str(position), data=item, size=len(item))
    raise TypeError(f"inputs must be PageInput, str or bytes, not {type(item).__name__}")


def parse_many(
    inputs: Iterable[PageInput | str | bytes],
    *,
    workers: int | None = None,
    timeout: float | None = None,
    ordered: bool = True,
    parser: Parser | None = None,
) -> Iterator[BatchRow]:
    """Parse many pages on ``workers`` processes (default: every core), yielding one row each.

    ``inputs`` are :class:`PageInput` items (see :mod:`newsparse.batch_inputs` for readers of
    files, directories, JSONL and WARC) or bare HTML as ``str``/``bytes`` (id: its position).
    Each :class:`BatchRow` carries the input's id and either an ``article`` or an ``error``
    (kinds: ``empty``, ``invalid``, ``unreadable``, ``internal``, ``timeout``, ``crash``).
    Rows come in input order, or as they finish with ``ordered=False``. ``timeout`` is per page,
    in seconds. ``parser`` replaces :func:`parse_page` (e.g. to pass options); it must be
    picklable. Inputs are consumed lazily: memory stays flat on endless streams.
    """
    pages = ((position, _as_page(position, item)) for position, item in enumerate(inputs))
    for outcome in run_pool(
        pages, workers=workers, timeout=timeout, ordered=ordered, parser=parser, how="row"
    ):
        row: BatchRow = outcome.payload
        yield row
