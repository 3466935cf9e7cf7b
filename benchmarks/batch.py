"""``newsparse batch`` throughput and memory, and the WARC reader choice.

    python -m benchmarks.batch [--data DIR] [--pages 20000] [--workers 1,2] [--every 5000]
    python -m benchmarks.batch --warc [--records 4000]

Throughput: the ScrapingHub pages (``html/*.html.gz``) are linked into a temporary directory
over and over up to ``--pages`` files, and ``newsparse batch DIR -o OUT.jsonl --workers N`` runs
in a child process, exactly as a user would run it (directory walk, gunzip and parse in the
workers, ordered JSONL out). Reported: pages/s over the whole run (wall clock, start-up
included) and, every ``--every`` pages of output, the batch process's peak RSS so far (VmHWM),
its current RSS and the workers' total RSS.

``--warc``: writes a synthetic WARC.gz (HTML responses, a third gzip-encoded, one request record
in ten) and times reading URL, charset and decoded body of every response with FastWARC (what
``newsparse batch`` uses) and warcio (if installed).
"""

from __future__ import annotations

import argparse
import gzip
import io
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.common import DATA_ROOT

# How often the output and the processes are looked at while a batch runs.
POLL_SECONDS = 0.2


def _link_pages(source: Path, target: Path, count: int) -> None:
    pages = sorted(source.glob("*.html.gz"))
    if not pages:
        raise SystemExit(f"no *.html.gz pages in {source}")
    target.mkdir()
    for i in range(count):
        os.symlink(pages[i % len(pages)], target / f"page-{i:06d}.html.gz")


def _status_kb(pid: int, key: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _children(pid: int) -> list[int]:
    try:
        found = []
        for task in Path(f"/proc/{pid}/task").iterdir():
            text = (task / "children").read_text().split()
            found.extend(int(child) for child in text)
        return found
    except OSError:
        return []


def _workers(pid: int) -> list[int]:
    """The batch's worker processes: the children of its forkserver."""
    return [worker for child in _children(pid) for worker in _children(child)]


def _worker_rss_kb(pid: int) -> int:
    return sum(_status_kb(worker, "VmRSS") for worker in _workers(pid))


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of one process so far (Linux /proc)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run_batch(pages_dir: Path, out: Path, workers: int, every: int) -> tuple[float, list[str]]:
    """Run the CLI on ``pages_dir``; pages/s and a memory line per ``every`` pages of output."""
    command = [
        sys.executable,
        "-c",
        "from newsparse.cli_batch import batch_command; batch_command()",
        str(pages_dir),
        "-o",
        str(out),
        "--workers",
        str(workers),
        "--overwrite",
        "-q",
    ]
    started = time.monotonic()
    process = subprocess.Popen(command)
    lines = offset = 0
    next_mark = every
    report = []
    parent_cpu = 0.0
    worker_cpu: dict[int, float] = {}  # last seen CPU time of every worker
    while True:
        # wait4 rather than poll(): it also returns the run's resource usage.
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        finished = pid != 0
        if not finished:
            parent_cpu = _cpu_seconds(process.pid) or parent_cpu
            for worker in _workers(process.pid):
                worker_cpu[worker] = _cpu_seconds(worker) or worker_cpu.get(worker, 0.0)
        if out.exists():
            with open(out, "rb") as handle:
                handle.seek(offset)
                chunk = handle.read()
            offset += len(chunk)
            lines += chunk.count(b"\n")
        while lines >= next_mark and not finished:
            peak = _status_kb(process.pid, "VmHWM") / 1024
            rss = _status_kb(process.pid, "VmRSS") / 1024
            workers_mb = _worker_rss_kb(process.pid) / 1024
            report.append(
                f"  {next_mark:>7,} pages: batch process peak RSS {peak:6.1f} MB, "
                f"current {rss:6.1f} MB; workers {workers_mb:6.1f} MB"
            )
            next_mark += every
        if finished:
            break
        time.sleep(POLL_SECONDS)
    elapsed = time.monotonic() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"batch failed with status {status}")
    # ru_maxrss covers the batch process and every process it waited for (the largest of them).
    report.append(
        f"  {lines:>7,} pages: done in {elapsed:.1f} s; peak RSS of the largest process "
        f"{usage.ru_maxrss / 1024:.1f} MB; load average now {os.getloadavg()[0]:.2f} "
        "(other work on the machine skews pages/s)"
    )
    per_page = 1000 / max(lines, 1)
    report.append(
        f"  CPU: workers {per_page * sum(worker_cpu.values()):.2f} ms/page, batch (parent) "
        f"process {per_page * parent_cpu:.2f} ms/page (sampled every {POLL_SECONDS} s)"
    )
    return lines / elapsed, report


def throughput(data: Path, count: int, workers: list[int], every: int) -> None:
    with tempfile.TemporaryDirectory(prefix="newsparse-batch-") as tmp:
        pages_dir = Path(tmp) / "pages"
        _link_pages(data / "html", pages_dir, count)
        print(f"{count:,} pages ({len(list((data / 'html').glob('*.html.gz')))} distinct)")
        rates = {}
        for n in workers:
            rate, report = run_batch(pages_dir, Path(tmp) / f"out-{n}.jsonl", n, every)
            rates[n] = rate
            print(f"workers={n}: {rate:,.1f} pages/s")
            print("\n".join(report))
        if 1 in rates:
            for n, rate in rates.items():
                if n != 1:
                    print(f"scaling {n} workers / 1: {rate / rates[1]:.2f}x")


def _synthetic_warc(path: Path, records: int) -> None:
    """HTML responses (a third gzip content-coded) and a request record every tenth."""
    with open(path, "wb") as handle:
        for i in range(records):
            text = "".join(
                f"<p>Paragraph {j} of item {i}: the ferry timetable changes again.</p>"
                for j in range(200)
            )
            body = f"<html><head><title>Item {i}</title></head><body>{text}</body></html>".encode()
            headers = "Content-Type: text/html; charset=utf-8\r\n"
            if i % 3 == 0:
                body = gzip.compress(body)
                headers += "Content-Encoding: gzip\r\n"
            http = f"HTTP/1.1 200 OK\r\n{headers}Content-Length: {len(body)}\r\n\r\n".encode()
            kinds = [("response", http + body)]
            if i % 10 == 0:
                kinds.append(("request", b"GET / HTTP/1.1\r\nHost: ferry.example\r\n\r\n"))
            for kind, block in kinds:
                head = (
                    f"WARC/1.0\r\nWARC-Type: {kind}\r\n"
                    f"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{i:012d}>\r\n"
                    "WARC-Date: 2024-03-01T10:00:00Z\r\n"
                    f"WARC-Target-URI: https://ferry.example/{i}\r\n"
                    f"Content-Type: application/http; msgtype={kind}\r\n"
                    f"Content-Length: {len(block)}\r\n\r\n"
                ).encode()
                handle.write(gzip.compress(head + block + b"\r\n\r\n"))


def _read_fastwarc(path: Path) -> tuple[int, int]:
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    count = size = 0
    for record in ArchiveIterator(
        str(path), record_types=WarcRecordType.response, parse_http=True, auto_decode="all"
    ):
        _ = record.headers.get("WARC-Target-URI"), record.http_charset
        size += len(record.reader.read())
        count += 1
    return count, size


def _read_warcio(path: Path) -> tuple[int, int]:
    from warcio.archiveiterator import ArchiveIterator

    count = size = 0
    with open(path, "rb") as handle:
        for record in ArchiveIterator(handle):
            if record.rec_type != "response":
                continue
            _ = record.rec_headers.get_header("WARC-Target-URI")
            _ = record.http_headers.get_header("Content-Type")
            size += len(record.content_stream().read())
            count += 1
    return count, size


def warc_readers(records: int, rounds: int = 3) -> None:
    readers: dict[str, Callable[[Path], tuple[int, int]]] = {
        "fastwarc": _read_fastwarc,
        "warcio": _read_warcio,
    }
    with tempfile.TemporaryDirectory(prefix="newsparse-warc-") as tmp:
        path = Path(tmp) / "synthetic.warc.gz"
        _synthetic_warc(path, records)
        print(f"{records:,} responses, {path.stat().st_size / 1e6:.1f} MB WARC.gz")
        for name, reader in readers.items():
            try:
                best = float("inf")
                for _ in range(rounds):
                    started = time.perf_counter()
                    count, size = reader(path)
                    best = min(best, time.perf_counter() - started)
            except ImportError:
                print(f"{name}: not installed")
                continue
            print(
                f"{name}: {count:,} records, {size / 1e6:.0f} MB of HTML in {best:.3f} s "
                f"({count / best:,.0f} records/s)"
            )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--data", type=Path, default=DATA_ROOT / "scrapinghub")
    parser.add_argument("--pages", type=int, default=20_000)
    parser.add_argument("--workers", default="1,2", help="comma-separated worker counts")
    parser.add_argument("--every", type=int, default=5_000)
    parser.add_argument("--warc", action="store_true", help="compare WARC readers instead")
    parser.add_argument("--records", type=int, default=4_000)
    args = parser.parse_args(argv)
    if args.warc:
        warc_readers(args.records)
        return
    workers = [int(n) for n in args.workers.split(",")]
    throughput(args.data, args.pages, workers, args.every)


if __name__ == "__main__":
    sys.stdout = io.TextIOWrapper(sys.stdout.buffer, line_buffering=True)
    main()
