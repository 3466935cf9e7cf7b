"""Related links and feed items on the hand-labelled fixture pages.

    python -m benchmarks.records [--pages DIR] [--json OUT]

Every ``tests/fixtures/pages/<name>.expected.json`` that lists ``related_links`` or
``feed_items`` is scored for the kinds it lists (a page that lists only one kind is not scored on
the other). A found record matches an expected one when their URLs are equal, or, for an
expected record without a URL, when their titles (headlines) are equal after whitespace
normalisation and case folding; each record matches at most once. Precision and recall are
micro-averaged over the pages; the field columns are exact-match rates over the matched pairs
(after whitespace normalisation; ``published_at`` as instants, only where the label gives it).
The data is in the repository, so this runs anywhere.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from time import perf_counter
from typing import Any

import newsparse
from benchmarks.common import ERROR_CHARS, REPO_ROOT, fmt, format_table, shorten, write_json
from benchmarks.scoring import Counts

PAGES_DIR = REPO_ROOT / "tests" / "fixtures" / "pages"
EXPECTED_SUFFIX = ".expected.json"

# What each record kind is called in the expected files and on Article, and its title field.
KINDS: dict[str, str] = {"related_links": "title", "feed_items": "headline"}
# Fields compared on matched pairs, per kind. ``published_at`` only where the label gives it.
FIELDS: dict[str, tuple[str, ...]] = {
    "related_links": ("title", "summary"),
    "feed_items": ("headline", "summary", "time_text", "published_at"),
}
# Table columns for the fields; the title and headline share one.
FIELD_COLUMNS: dict[str, str] = {
    "title": "title=",
    "headline": "title=",
    "summary": "summary=",
    "time_text": "time=",
    "published_at": "published=",
}


# --------------------------------------------------------------------------- normalising


def norm_text(value: Any) -> str | None:
    """Whitespace (no-break spaces included) collapsed, as the fixture harness compares."""
    return None if value is None else " ".join(str(value).split())


def norm_url(value: Any) -> str | None:
    text = norm_text(value)
    return text or None


def parse_when(value: Any) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    text = str(value)
    # fromisoformat() only accepts a trailing "Z" from Python 3.11 on.
    return datetime.fromisoformat(text[:-1] + "+00:00" if text.endswith("Z") else text)


def same_when(expected: Any, got: Any) -> bool:
    """Equal instants, and both aware or both naive (a naive guess is not the labelled time)."""
    want, have = parse_when(expected), parse_when(got)
    if want is None or have is None:
        return want is have
    if (want.tzinfo is None) != (have.tzinfo is None):
        return False
    return want == have


def same_field(name: str, expected: Any, got: Any) -> bool:
    if name == "published_at":
        return same_when(expected, got)
    return norm_text(expected) == norm_text(got)


# --------------------------------------------------------------------------- matching


@dataclass
class Mismatch:
    field: str
    expected: Any
    got: Any


@dataclass
class KindScore:
    """One record kind on one page."""

    expected: int = 0
    found: int = 0
    matched: int = 0
    missed: list[dict[str, Any]] = field(default_factory=list)
    extra: list[dict[str, Any]] = field(default_factory=list)
    # field name -> [agreeing pairs, pairs compared]
    fields: dict[str, list[int]] = field(default_factory=dict)
    mismatches: list[Mismatch] = field(default_factory=list)

    @property
    def counts(self) -> Counts:
        return Counts(
            tp=self.matched, fp=self.found - self.matched, fn=self.expected - self.matched
        )


def match_records(
    expected: Sequence[Mapping[str, Any]], got: Sequence[Mapping[str, Any]], title_key: str
) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    """Pairs (expected index, found index), then the unmatched expected and found indexes.

    An expected record with a URL matches an unmatched found record with that URL (the first,
    or the first with the same title too); one without a URL matches the first unmatched found
    record with the same title, case-insensitively. URL matches are made first, so a title match
    cannot take a record another label claims by URL.
    """
    taken: set[int] = set()
    pairs: dict[int, int] = {}
    got_urls = [norm_url(record.get("url")) for record in got]
    got_titles = [_title_key(record, title_key) for record in got]

    def claim(i: int, keys: Sequence[str | None], value: str, title: str) -> None:
        free = [j for j, key in enumerate(keys) if j not in taken and key == value]
        if free:
            # Of several records with this URL, the one with the same title is the match.
            j = next((j for j in free if got_titles[j] == title), free[0])
            taken.add(j)
            pairs[i] = j

    for i, want in enumerate(expected):
        url = norm_url(want.get("url"))
        if url is not None:
            claim(i, got_urls, url, _title_key(want, title_key))
    for i, want in enumerate(expected):
        if norm_url(want.get("url")) is None:
            title = _title_key(want, title_key)
            claim(i, got_titles, title, title)
    missed = [i for i in range(len(expected)) if i not in pairs]
    extra = [j for j in range(len(got)) if j not in taken]
    return sorted(pairs.items()), missed, extra


def _title_key(record: Mapping[str, Any], title_key: str) -> str:
    return (norm_text(record.get(title_key)) or "").casefold()


def score_kind(
    kind: str, expected: Sequence[Mapping[str, Any]], got: Sequence[Mapping[str, Any]]
) -> KindScore:
    title_key = KINDS[kind]
    pairs, missed, extra = match_records(expected, got, title_key)
    score = KindScore(expected=len(expected), found=len(got), matched=len(pairs))
    score.missed = [_brief(expected[i], title_key) for i in missed]
    score.extra = [_brief(got[j], title_key) for j in extra]
    for name in FIELDS[kind]:
        compared = [(expected[i], got[j]) for i, j in pairs if name in expected[i]]
        agree = 0
        for want, have in compared:
            if same_field(name, want[name], have.get(name)):
                agree += 1
            else:
                score.mismatches.append(Mismatch(name, want[name], have.get(name)))
        score.fields[name] = [agree, len(compared)]
    return score


def _brief(record: Mapping[str, Any], title_key: str) -> dict[str, Any]:
    return {"title": record.get(title_key), "url": record.get("url")}


# --------------------------------------------------------------------------- pages


@dataclass
class PageScore:
    name: str
    kinds: dict[str, KindScore]
    error: str | None = None


def labelled_pages(folder: Path) -> list[tuple[str, dict[str, Any]]]:
    """(name, spec) of every fixture page that labels related links or feed items."""
    pages = []
    for path in sorted(folder.glob(f"*{EXPECTED_SUFFIX}")):
        spec = json.loads(path.read_text(encoding="utf-8"))
        if any(kind in spec["expect"] for kind in KINDS):
            pages.append((path.name.removesuffix(EXPECTED_SUFFIX), spec))
    return pages


def article_records(html: bytes, url: str) -> tuple[dict[str, list[dict[str, Any]]], str | None]:
    """The records newsparse finds, as plain dicts; an exception is no records and an error."""
    try:
        article = newsparse.parse(html, url)
    except Exception as exc:  # a crash scores as empty output, and is reported
        return {kind: [] for kind in KINDS}, f"{type(exc).__name__}: {exc}"[:ERROR_CHARS]
    return {
        "related_links": [link.model_dump(mode="json") for link in article.related_links],
        "feed_items": [item.model_dump(mode="json") for item in article.feed_items],
    }, None


def score_page(folder: Path, name: str, spec: Mapping[str, Any]) -> PageScore:
    html = (folder / f"{name}.html").read_bytes()
    got, error = article_records(html, spec["url"])
    expect = spec["expect"]
    kinds = {kind: score_kind(kind, expect[kind], got[kind]) for kind in KINDS if kind in expect}
    return PageScore(name, kinds, error)


# --------------------------------------------------------------------------- report


@dataclass
class Total:
    pages: int = 0
    expected: int = 0
    found: int = 0
    matched: int = 0
    fields: dict[str, list[int]] = field(default_factory=dict)

    def add(self, score: KindScore) -> None:
        self.pages += 1
        self.expected += score.expected
        self.found += score.found
        self.matched += score.matched
        for name, (agree, compared) in score.fields.items():
            column = FIELD_COLUMNS[name]
            tally = self.fields.setdefault(column, [0, 0])
            tally[0] += agree
            tally[1] += compared

    @property
    def counts(self) -> Counts:
        return Counts(
            tp=self.matched, fp=self.found - self.matched, fn=self.expected - self.matched
        )


def totals(scores: Sequence[PageScore]) -> dict[str, Total]:
    """Micro totals per kind, and over both kinds as ``all``."""
    out = {kind: Total() for kind in (*KINDS, "all")}
    for page in scores:
        for kind, score in page.kinds.items():
            out[kind].add(score)
            out["all"].add(score)
    out["all"].pages = len({p.name for p in scores if p.kinds})
    return out


def _rate(tally: list[int] | None) -> str:
    if not tally or not tally[1]:
        return "—"
    return f"{fmt(tally[0] / tally[1])} ({tally[0]}/{tally[1]})"


def table(summary: Mapping[str, Total]) -> str:
    columns = list(dict.fromkeys(FIELD_COLUMNS.values()))
    headers = ["records", "pages", "expected", "found", "matched", "P", "R", "F1", *columns]
    rows = []
    for kind, total in summary.items():
        counts = total.counts
        rows.append(
            [
                kind,
                str(total.pages),
                str(total.expected),
                str(total.found),
                str(total.matched),
                fmt(counts.precision),
                fmt(counts.recall),
                fmt(counts.f1),
                *(_rate(total.fields.get(column)) for column in columns),
            ]
        )
    return format_table(headers, rows)


def miss_lines(scores: Sequence[PageScore]) -> list[str]:
    """Per page and kind: missed and extra records, then fields that differ on matched pairs."""
    lines = []
    for page in scores:
        if page.error:
            lines.append(f"  {page.name}: error: {page.error}")
        for kind, score in page.kinds.items():
            if not (score.missed or score.extra or score.mismatches):
                continue
            lines.append(
                f"  {page.name}::{kind}  expected {score.expected}, found {score.found}, "
                f"matched {score.matched}"
            )
            lines.extend(f"      missed: {_show_record(r)}" for r in score.missed)
            lines.extend(f"      extra:  {_show_record(r)}" for r in score.extra)
            lines.extend(
                f"      {m.field}: expected {shorten(repr(m.expected), 60)}"
                f" got {shorten(repr(m.got), 60)}"
                for m in score.mismatches
            )
    return lines


def _show_record(record: Mapping[str, Any]) -> str:
    return f"{shorten(record['title'], 60)!r} <{record['url']}>"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=Path, default=PAGES_DIR, help="fixture pages folder")
    parser.add_argument("--json", type=Path, help="write every per-page score here")
    args = parser.parse_args(argv)
    started = perf_counter()

    pages = labelled_pages(args.pages)
    scores = [score_page(args.pages, name, spec) for name, spec in pages]
    print(f"Related links and feed items, {len(scores)} labelled pages ({args.pages})\n")
    print(table(totals(scores)))
    misses = miss_lines(scores)
    if misses:
        print(f"\nMisses on {sum(1 for p in scores if _has_miss(p))} pages:")
        print("\n".join(misses))
    else:
        print("\nNo misses.")
    if args.json:
        write_json(args.json, [asdict(page) for page in scores])
        print(f"\nper-page scores written to {args.json}")
    print(f"\nruntime {perf_counter() - started:.1f} s")
    return 0


def _has_miss(page: PageScore) -> bool:
    return bool(page.error) or any(s.missed or s.extra or s.mismatches for s in page.kinds.values())


if __name__ == "__main__":
    raise SystemExit(main())
