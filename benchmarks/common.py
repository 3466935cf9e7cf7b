"""Plumbing shared by the benchmark scripts: where the data is, loading and decoding pages,
timing extractors, the peer-output cache and plain-text tables."""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from time import perf_counter
from typing import Any

from newsparse.decode import decode_html

REPO_ROOT = Path(__file__).resolve().parent.parent
# The benchmark data lives beside the repository, never inside it.
DATA_ROOT = REPO_ROOT.parent / "shared" / "data"
OUT_DIR = REPO_ROOT / "benchmarks" / "out"
# Longest error message kept per page: enough to recognise the failure.
ERROR_CHARS = 160

Extract = Callable[[str, "str | None"], Any]


@dataclass(frozen=True)
class Page:
    id: str
    url: str | None
    html: str
    label: dict[str, Any]


def read_page(path: Path) -> str:
    """A gzipped page decoded once, the way newsparse decodes bytes."""
    return decode_html(gzip.decompress(path.read_bytes())).text


def load_scrapinghub(folder: Path) -> list[Page]:
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    return [
        Page(
            page_id,
            (row.get("url") or "").strip() or None,
            read_page(folder / "html" / f"{page_id}.html.gz"),
            row,
        )
        for page_id, row in sorted(truth.items())
    ]


def load_meta_dev(folder: Path) -> list[Page]:
    with (folder / "labels.jsonl").open(encoding="utf-8") as lines:
        rows = [json.loads(line) for line in lines if line.strip()]
    return [
        Page(
            row["id"],
            (row.get("url") or "").strip() or None,
            read_page(folder / row["html_path"]),
            row,
        )
        for row in rows
    ]


# --- running and timing ---------------------------------------------------------------------


@dataclass
class Run:
    """One extractor's output on one page, with its timing in each round."""

    out: Any
    ms: list[float] = field(default_factory=list)
    error: str | None = None


def time_runs(
    extract: Extract,
    pages: Sequence[Page],
    rounds: int,
    empty: Any,
    runs: dict[str, Run] | None = None,
) -> dict[str, Run]:
    """Run ``extract`` on every page ``rounds`` times (only the rounds ``runs`` lacks), single
    process. The output of the first round is kept; an exception counts as ``empty`` output."""
    runs = dict(runs or {})
    for round_no in range(rounds):
        for page in pages:
            run = runs.get(page.id)
            if run is not None and len(run.ms) > round_no:
                continue
            error = None
            start = perf_counter()
            try:
                out = extract(page.html, page.url)
            except Exception as exc:  # a failing extractor scores as empty, never stops the run
                message = " ".join(f"{type(exc).__name__}: {exc}".split())
                out, error = empty, message[:ERROR_CHARS]
            elapsed = (perf_counter() - start) * 1000
            if run is None:
                runs[page.id] = Run(out, [elapsed], error)
            else:
                run.ms.append(elapsed)
    return runs


def cached_runs(
    cache_name: str,
    make_extract: Callable[[], Extract],
    pages: Sequence[Page],
    rounds: int,
    empty: Any,
    use_cache: bool = True,
) -> dict[str, Run]:
    """Like :func:`time_runs`, but outputs and timings live in ``benchmarks/out/cache`` under
    ``cache_name`` (task, peer and its version), so only missing pages or rounds are run. The
    extractor is built (its library imported) only when something must run."""
    path = OUT_DIR / "cache" / f"{cache_name}.json"
    stored: dict[str, Run] = {}
    if use_cache and path.exists():
        stored = {k: Run(**v) for k, v in json.loads(path.read_text(encoding="utf-8")).items()}
    if any(page.id not in stored or len(stored[page.id].ms) < rounds for page in pages):
        stored = time_runs(make_extract(), pages, rounds, empty, stored)
        path.parent.mkdir(parents=True, exist_ok=True)
        data = {k: asdict(v) for k, v in stored.items()}
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return {page.id: stored[page.id] for page in pages}


def ms_per_page(runs: dict[str, Run], rounds: int) -> float:
    """Median over rounds of the mean time a page took in that round."""
    per_round = [
        statistics.fmean(run.ms[r] for run in runs.values()) for r in range(rounds) if runs
    ]
    return statistics.median(per_round) if per_round else 0.0


def error_count(runs: dict[str, Run]) -> int:
    return sum(run.error is not None for run in runs.values())


# --- command line and output ----------------------------------------------------------------


def add_common_args(parser: argparse.ArgumentParser, data: Path) -> None:
    parser.add_argument("--data", type=Path, default=data, help=f"data folder (default {data})")
    parser.add_argument(
        "--peers",
        default="all",
        help="comma-separated peer names, 'all' (those installed; default) or 'none'",
    )
    parser.add_argument("--no-cache", action="store_true", help="re-run peers, refresh cache")
    parser.add_argument("--json", type=Path, metavar="OUT", help="write per-page scores here")


def peer_names(arg: str, known: Sequence[str]) -> list[str]:
    if arg == "all":
        return list(known)
    if arg == "none":
        return []
    names = [n.strip() for n in arg.split(",") if n.strip()]
    unknown = sorted(set(names) - set(known))
    if unknown:
        raise SystemExit(f"unknown peer(s) {', '.join(unknown)}; known: {', '.join(known)}")
    return names


def fmt(value: float | None, digits: int = 3) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def pct(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.1f}"


def shorten(text: Any, limit: int = 70) -> str:
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def format_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A plain text table: first column left-aligned, the others right-aligned."""
    widths = [max(len(str(r[i])) for r in [headers, *rows]) for i in range(len(headers))]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            str(c).ljust(w) if i == 0 else str(c).rjust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        )

    return "\n".join([line(headers), line(["-" * w for w in widths]), *map(line, rows)])


def write_json(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
