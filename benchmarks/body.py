"""Body extraction on the ScrapingHub article-extraction benchmark (181 pages).

    python -m benchmarks.body [--data DIR] [--rounds N] [--peers LIST|all|none] [--no-cache]
                              [--json OUT] [--worst N]

Pages are decoded once up front; every extractor is then timed on the decoded text, one page at
a time in this process. Scores are the benchmark's 4-gram shingle precision, recall and F1.
"""

from __future__ import annotations

import argparse
import logging
import sys
import warnings
from importlib import metadata
from time import perf_counter

from selectolax.lexbor import LexborHTMLParser

import newsparse
from benchmarks.common import (
    DATA_ROOT,
    Run,
    add_common_args,
    cached_runs,
    error_count,
    fmt,
    format_table,
    load_scrapinghub,
    ms_per_page,
    peer_names,
    time_runs,
    write_json,
)
from benchmarks.peers import BODY_PEERS, PEERS
from benchmarks.scoring import Counts, aggregate_shingles, miss_reason, shingle_counts

BASELINE = "trafilatura"
PARSE_ONLY = "selectolax"


def newsparse_text(html: str, url: str | None) -> str:
    return newsparse.parse(html, url).text


def lexbor_parse(html: str, url: str | None) -> str:
    LexborHTMLParser(html)  # timing only: what parsing alone costs
    return ""


def extractor_label(name: str) -> str:
    if name == "newsparse":
        return f"newsparse {newsparse.__version__}"
    if name == PARSE_ONLY:
        return f"selectolax {metadata.version('selectolax')} (parse only)"
    return f"{name} {PEERS[name].version}"


def run_all(args: argparse.Namespace) -> tuple[list, dict[str, dict[str, Run]], list[str]]:
    pages = load_scrapinghub(args.data)
    runs = {
        "newsparse": time_runs(newsparse_text, pages, args.rounds, ""),
        PARSE_ONLY: time_runs(lexbor_parse, pages, args.rounds, ""),
    }
    notes = []
    cached: list[str] = []
    for name in peer_names(args.peers, BODY_PEERS):
        peer = PEERS[name]
        if peer.version is None or peer.make_body is None:
            notes.append(f"{name}: not installed, skipped")
            continue
        # The speed ratio is the figure that counts: the baseline is always timed in this
        # run, beside newsparse, never read back from an earlier (other machine, other load) run.
        use_cache = not args.no_cache and name != BASELINE
        try:
            runs[name] = cached_runs(
                f"body-{name}-{peer.version}", peer.make_body, pages, args.rounds, "", use_cache
            )
            if use_cache:
                cached.append(name)
        except ImportError as exc:
            notes.append(f"{name}: cannot import ({exc}), skipped")
    if cached:
        notes.append(
            f"timings of {', '.join(cached)} come from the cache of an earlier run; "
            "--no-cache times them in this one"
        )
    return pages, runs, notes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    add_common_args(parser, DATA_ROOT / "scrapinghub")
    parser.add_argument("--rounds", type=int, default=1, help="timing rounds (median is shown)")
    parser.add_argument("--worst", type=int, default=10, help="worst newsparse pages to list")
    args = parser.parse_args(argv)
    warnings.filterwarnings("ignore")
    logging.disable(logging.CRITICAL)  # peers log every failed heuristic
    started = perf_counter()

    pages, runs, notes = run_all(args)
    truth = {page.id: page.label["articleBody"] for page in pages}
    counts = {
        name: {pid: shingle_counts(truth[pid], run.out or "") for pid, run in by_page.items()}
        for name, by_page in runs.items()
        if name != PARSE_ONLY
    }
    speed = {name: ms_per_page(by_page, args.rounds) for name, by_page in runs.items()}

    rows = []
    for name, by_page in runs.items():
        scores = aggregate_shingles(counts[name].values()) if name in counts else None
        rows.append(
            [
                extractor_label(name),
                fmt(scores and scores.precision),
                fmt(scores and scores.recall),
                fmt(scores and scores.f1),
                f"{speed[name]:.2f}",
                fmt(speed[name] / speed[BASELINE], 2) if BASELINE in speed else "—",
                fmt(speed[name] / speed[PARSE_ONLY], 1),
                str(error_count(by_page)),
            ]
        )
    print(f"Body extraction, {len(pages)} pages ({args.data}), {args.rounds} timing round(s)\n")
    headers = ["extractor", "P", "R", "F1", "ms/page", "×trafilatura", "×selectolax", "errors"]
    print(format_table(headers, rows))
    for note in notes:
        print(f"  note: {note}")

    print(f"\nWorst {args.worst} pages for newsparse:")
    ours = runs["newsparse"]
    for pid in sorted(counts["newsparse"], key=lambda p: (counts["newsparse"][p].f1, p))[
        : args.worst
    ]:
        c = counts["newsparse"][pid]
        print(f"  {pid}  F1 {c.f1:.3f}  P {fmt(c.precision)}  R {fmt(c.recall)}")
        print(f"      {miss_reason(truth[pid], ours[pid].out or '', ours[pid].error)}")

    if args.json:
        write_json(args.json, {name: page_scores(counts[name], runs[name]) for name in counts})
        print(f"\nper-page scores written to {args.json}")
    print(f"\nruntime {perf_counter() - started:.1f} s")
    return 0


def page_scores(counts: dict[str, Counts], runs: dict[str, Run]) -> dict[str, dict]:
    return {
        pid: {
            "precision": c.precision,
            "recall": c.recall,
            "f1": c.f1,
            "tp": c.tp,
            "fp": c.fp,
            "fn": c.fn,
            "ms": runs[pid].ms,
            "error": runs[pid].error,
        }
        for pid, c in counts.items()
    }


if __name__ == "__main__":
    sys.exit(main())
