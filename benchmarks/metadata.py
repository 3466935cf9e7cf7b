"""Metadata (and, on the fundus pages, body paragraphs) on the meta-dev pages.

    python -m benchmarks.metadata [--data DIR] [--peers LIST|all|none] [--no-cache]
                                  [--json OUT] [--worst N]

Scored separately per label source (fundus / trafilatura); a field listed in a page's
``empty_labels`` was not annotated and is not scored.
"""

from __future__ import annotations

import argparse
import logging
import statistics
import sys
import warnings
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass
from time import perf_counter
from typing import Any

import newsparse
from benchmarks.common import (
    DATA_ROOT,
    Page,
    Run,
    add_common_args,
    cached_runs,
    error_count,
    format_table,
    load_meta_dev,
    ms_per_page,
    pct,
    peer_names,
    shorten,
    time_runs,
    write_json,
)
from benchmarks.peers import META_FIELDS, META_PEERS, PEERS, iso
from benchmarks.scoring import (
    Counts,
    SnippetCounts,
    aggregate_shingles,
    author_counts,
    first_snippet_miss,
    micro_prf,
    miss_reason,
    paragraphs_kept,
    same_day,
    same_minute,
    shingle_counts,
    snippet_counts,
    title_exact,
    title_token_f1,
)

SOURCES = ("fundus", "trafilatura")


def newsparse_meta(html: str, url: str | None) -> dict[str, Any]:
    article = newsparse.parse(html, url)
    return {
        "title": article.headline,
        "authors": [author.name for author in article.authors],
        "published": iso(article.published_at),
        "text": article.text,
        # A list item is a block boundary too, as a line is in a peer's plain text.
        "blocks": [b.text for b in article.body] + [i for b in article.body for i in b.items],
    }


@dataclass
class PageScore:
    """One page's scores; None where the field is not labelled or the extractor lacks it."""

    title_exact: bool | None = None
    title_f1: float | None = None
    authors: Counts | None = None
    day: bool | None = None
    minute: bool | None = None
    body: Counts | None = None
    paragraphs: tuple[int, int] | None = None
    snippets: SnippetCounts | None = None


def score_page(label: dict[str, Any], out: dict[str, Any], fields: Sequence[str]) -> PageScore:
    unlabelled = set(label.get("empty_labels") or ())
    score = PageScore()
    if "title" in fields and "title" not in unlabelled and label.get("title"):
        score.title_exact = title_exact(label["title"], out.get("title"))
        score.title_f1 = title_token_f1(label["title"], out.get("title"))
    if "authors" in fields and "authors" not in unlabelled:
        # A labelled page without authors (null) expects none: any name found is wrong.
        score.authors = author_counts(label.get("authors") or [], out.get("authors"))
    if "published" in fields and "published" not in unlabelled and label.get("published"):
        score.day = same_day(label["published"], out.get("published"))
        if "time" in fields:
            score.minute = same_minute(label["published"], out.get("published"))
    paragraphs = label.get("body_paragraphs") or []
    if "text" in fields and paragraphs:
        text = out.get("text") or ""
        score.body = shingle_counts("\n\n".join(paragraphs), text)
        score.paragraphs = paragraphs_kept(paragraphs, out.get("blocks") or text.splitlines())
    required, excluded = body_snippets(label)
    if "text" in fields and (required or excluded):
        score.snippets = snippet_counts(out.get("text") or "", required, excluded)
    return score


def body_snippets(label: dict[str, Any]) -> tuple[list[str], list[str]]:
    """The trafilatura pages' body checks: passages the body must hold, and must not."""
    extra = label.get("extra") or {}
    return extra.get("body_snippets_with") or [], extra.get("body_snippets_without") or []


def _mean(values: Iterable[float | bool | None]) -> float | None:
    present = [float(v) for v in values if v is not None]
    return statistics.fmean(present) if present else None


def summarise(scores: Sequence[PageScore]) -> dict[str, float | None]:
    authors = [s.authors for s in scores if s.authors is not None]
    bodies = [s.body for s in scores if s.body is not None]
    paragraphs = [s.paragraphs for s in scores if s.paragraphs is not None]
    author_prf = micro_prf(authors) if authors else None
    snippets = [s.snippets for s in scores if s.snippets is not None]
    snippet_prf = micro_prf(c.counts for c in snippets) if snippets else None
    total = sum(t for _, t in paragraphs)
    return {
        "title =": _mean(s.title_exact for s in scores),
        "title F1": _mean(s.title_f1 for s in scores),
        "auth P": author_prf.precision if author_prf else None,
        "auth R": author_prf.recall if author_prf else None,
        "auth F1": author_prf.f1 if author_prf else None,
        "day": _mean(s.day for s in scores),
        "minute": _mean(s.minute for s in scores),
        "body F1": aggregate_shingles(bodies).f1 if bodies else None,
        "paras": sum(k for k, _ in paragraphs) / total if total else None,
        "snip P": snippet_prf.precision if snippet_prf else None,
        "snip R": snippet_prf.recall if snippet_prf else None,
        "snip F1": snippet_prf.f1 if snippet_prf else None,
    }


def run_all(args: argparse.Namespace) -> tuple[list[Page], dict[str, dict[str, Run]], list[str]]:
    pages = load_meta_dev(args.data)
    runs = {"newsparse": time_runs(newsparse_meta, pages, 1, {})}
    notes = []
    for name in peer_names(args.peers, META_PEERS):
        peer = PEERS[name]
        if peer.version is None or peer.make_meta is None:
            notes.append(f"{name}: not installed, skipped")
            continue
        try:
            runs[name] = cached_runs(
                f"meta-{name}-{peer.version}", peer.make_meta, pages, 1, {}, not args.no_cache
            )
        except ImportError as exc:
            notes.append(f"{name}: cannot import ({exc}), skipped")
    return pages, runs, notes


def print_worst(
    pages: Sequence[Page], runs: dict[str, Run], scores: dict[str, PageScore], limit: int
) -> None:
    """The worst misses of newsparse, field by field: id, expected, got."""

    def show(title: str, misses: list[tuple[Any, str, Callable[[], str]]]) -> None:
        if misses:
            print(f"  {title} ({len(misses)} misses):")
        for _, pid, line in sorted(misses, key=lambda m: (m[0], m[1]))[:limit]:
            print(f"    {pid}: {line()}")

    by_id = {page.id: page for page in pages}

    def pair(pid: str, key: str, label_key: str | None = None) -> Callable[[], str]:
        label, got = by_id[pid].label.get(label_key or key), runs[pid].out.get(key)
        return lambda: f"expected {shorten(label, 60)!r} got {shorten(got, 60)!r}"

    show(
        "title",
        [(s.title_f1, p, pair(p, "title")) for p, s in scores.items() if s.title_exact is False],
    )
    show(
        "authors",
        [
            (s.authors.f1, p, pair(p, "authors"))
            for p, s in scores.items()
            if s.authors and (s.authors.fp or s.authors.fn)
        ],
    )
    show(
        "published",
        [
            (bool(s.day), p, pair(p, "published"))
            for p, s in scores.items()
            if s.day is False or s.minute is False
        ],
    )

    def body(pid: str, score: PageScore) -> Callable[[], str]:
        truth = "\n\n".join(by_id[pid].label["body_paragraphs"])
        run = runs[pid]
        kept, total = score.paragraphs or (0, 0)
        reason = miss_reason(truth, run.out.get("text") or "", run.error)
        return lambda: f"F1 {score.body.f1:.3f}, paragraphs {kept}/{total}: {shorten(reason, 110)}"

    show(
        "body", [(s.body.f1, p, body(p, s)) for p, s in scores.items() if s.body and s.body.f1 < 1]
    )

    def snippet_line(pid: str, score: SnippetCounts) -> Callable[[], str]:
        text = runs[pid].out.get("text") or ""
        required, excluded = body_snippets(by_id[pid].label)
        counts = f"{score.missed} missed, {score.leaked} kept of {score.found + score.missed}+"
        counts += f"{score.leaked + score.kept_out}"
        return lambda: f"{counts}: {shorten(first_snippet_miss(text, required, excluded), 100)}"

    show(
        "body snippets",
        [
            (-(s.snippets.missed + s.snippets.leaked), p, snippet_line(p, s.snippets))
            for p, s in scores.items()
            if s.snippets and (s.snippets.missed or s.snippets.leaked)
        ],
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    add_common_args(parser, DATA_ROOT / "meta-dev")
    parser.add_argument("--worst", type=int, default=10, help="worst misses per field to list")
    args = parser.parse_args(argv)
    warnings.filterwarnings("ignore")
    logging.disable(logging.CRITICAL)  # peers log every failed heuristic
    started = perf_counter()

    pages, runs, notes = run_all(args)
    fields = {name: PEERS[name].meta_fields if name in PEERS else META_FIELDS for name in runs}
    scores = {
        name: {p.id: score_page(p.label, by_page[p.id].out or {}, fields[name]) for p in pages}
        for name, by_page in runs.items()
    }
    for source in SOURCES:
        ids = [p.id for p in pages if p.label["source"] == source]
        rows = []
        for name, by_page in runs.items():
            summary = summarise([scores[name][pid] for pid in ids])
            subset = {pid: by_page[pid] for pid in ids}
            rows.append((name, summary, ms_per_page(subset, 1), error_count(subset)))
        # Columns no extractor could be scored on (no such labels in this source) are left out.
        columns = [c for c in rows[0][1] if any(r[1][c] is not None for r in rows)]
        table = [
            [name, *(pct(summary[c]) for c in columns), f"{ms:.1f}", str(errors)]
            for name, summary, ms, errors in rows
        ]
        ours = [scores["newsparse"][pid] for pid in ids]
        print(
            f"\n{source}: {len(ids)} pages; labelled: {sum(s.title_f1 is not None for s in ours)}"
            f" titles, {sum(s.authors is not None for s in ours)} author lists,"
            f" {sum(s.day is not None for s in ours)} dates"
            f" ({sum(s.minute is not None for s in ours)} with a time),"
            f" {sum(s.body is not None for s in ours)} bodies,"
            f" {sum(s.snippets is not None for s in ours)} body snippet sets (percent)\n"
        )
        print(format_table(["extractor", *columns, "ms/page", "errors"], table))
        print(f"\nworst newsparse misses ({source}):")
        print_worst(
            pages, runs["newsparse"], {pid: scores["newsparse"][pid] for pid in ids}, args.worst
        )
    for note in notes:
        print(f"note: {note}")
    if args.json:
        write_json(
            args.json,
            {n: {pid: asdict(s) for pid, s in by_page.items()} for n, by_page in scores.items()},
        )
        print(f"\nper-page scores written to {args.json}")
    print(f"\nruntime {perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
