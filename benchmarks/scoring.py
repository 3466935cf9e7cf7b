"""The benchmark metrics as pure functions (no I/O): body shingles, titles, authors, dates and
paragraph boundaries. The definitions follow ../shared/data/README.md."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timezone

from dateutil import parser as dateparser

# The ScrapingHub benchmark tokenises with this regex (Unicode word characters) ...
TOKEN_RE = re.compile(r"\w+")
# ... and compares multisets of 4-token shingles.
SHINGLE_SIZE = 4
# How much of a missed or extra passage a diagnosis quotes.
SNIPPET_CHARS = 80

Shingle = tuple[str, ...]


# --- body text: 4-gram shingles -------------------------------------------------------------


def tokenize(text: str) -> list[str]:
    return TOKEN_RE.findall(text or "")


def shingles(tokens: Sequence[str], size: int = SHINGLE_SIZE) -> Counter[Shingle]:
    """The multiset of ``size``-token shingles. A text shorter than ``size`` tokens is one
    shingle of all its tokens, so a short but correct text still scores."""
    if not tokens:
        return Counter()
    if len(tokens) < size:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1))


@dataclass(frozen=True)
class Counts:
    """True positives, false positives and false negatives of one page (or summed)."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float | None:
        """tp/(tp+fp); 1 when nothing is wrong; None when nothing was predicted."""
        if self.fp == 0 and self.fn == 0:
            return 1.0
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        """tp/(tp+fn); 1 when nothing is wrong; None when nothing was expected."""
        if self.fp == 0 and self.fn == 0:
            return 1.0
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float:
        return f1(self.precision or 0.0, self.recall or 0.0)


def f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def shingle_counts(true: str, pred: str, size: int = SHINGLE_SIZE) -> Counts:
    """Per-page shingle tp/fp/fn of a predicted body against the true one."""
    want = shingles(tokenize(true), size)
    got = shingles(tokenize(pred), size)
    tp = sum((want & got).values())
    return Counts(tp=tp, fp=sum(got.values()) - tp, fn=sum(want.values()) - tp)


@dataclass(frozen=True)
class PRF:
    precision: float
    recall: float
    f1: float


def aggregate_shingles(pages: Iterable[Counts]) -> PRF:
    """The benchmark's macro scores: mean precision over pages that predicted something, mean
    recall over pages that expected something (an empty output is 0 recall), F1 of the two."""
    pages = list(pages)
    precisions = [p for p in (c.precision for c in pages) if p is not None]
    recalls = [r for r in (c.recall for c in pages) if r is not None]
    precision = sum(precisions) / len(precisions) if precisions else 0.0
    recall = sum(recalls) / len(recalls) if recalls else 0.0
    return PRF(precision, recall, f1(precision, recall))


def _spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in TOKEN_RE.finditer(text or "")]


def _first_unmatched(text: str, other: Counter[Shingle]) -> str:
    """The passage of ``text`` starting at its first shingle that ``other`` does not cover."""
    spans = _spans(text)
    tokens = [text[a:b] for a, b in spans]
    if not tokens:
        return ""
    left = Counter(other)
    size = min(SHINGLE_SIZE, len(tokens))
    for i in range(len(tokens) - size + 1):
        shingle = tuple(tokens[i : i + size])
        if left[shingle] > 0:
            left[shingle] -= 1
            continue
        start = spans[i][0]
        snippet = " ".join(text[start : start + SNIPPET_CHARS].split())
        return snippet + ("…" if len(text) - start > SNIPPET_CHARS else "")
    return ""


def miss_reason(true: str, pred: str, error: str | None = None) -> str:
    """A short automatic diagnosis of a page's body score, for the worst-pages list."""
    if error:
        return f"error: {error}"
    if not tokenize(pred):
        return "empty output"
    counts = shingle_counts(true, pred)
    if counts.fp == 0 and counts.fn == 0:
        return "perfect"
    want = shingles(tokenize(true))
    got = shingles(tokenize(pred))
    recall, precision = counts.recall or 0.0, counts.precision or 0.0
    if recall <= precision:
        return (
            f"low recall: missed {counts.fn} of {counts.tp + counts.fn} shingles"
            f" — first missed text: '{_first_unmatched(true, got)}'"
        )
    return (
        f"low precision: {counts.fp} of {counts.tp + counts.fp} shingles extra"
        f" — extra text: '{_first_unmatched(pred, want)}'"
    )


# --- titles ---------------------------------------------------------------------------------

# Typographic variants of one quote mark: pages and labels disagree on these for the same title.
_QUOTES = str.maketrans(
    {
        "“": '"',
        "”": '"',
        "„": '"',
        "‟": '"',
        "«": '"',
        "»": '"',
        "″": '"',
        "‘": "'",
        "’": "'",
        "‚": "'",
        "‛": "'",
        "‹": "'",
        "›": "'",
        "′": "'",
        "`": "'",
        "´": "'",
    }
)
# Invisible characters that some CMSs leave inside titles.
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")


def normalise_space(text: str) -> str:
    return " ".join((text or "").split())


def normalise_title(title: str | None) -> str:
    text = unicodedata.normalize("NFC", title or "")
    return normalise_space(_INVISIBLE.sub("", text).translate(_QUOTES))


def title_exact(expected: str, got: str | None) -> bool:
    return bool(got) and normalise_title(expected) == normalise_title(got)


def title_token_f1(expected: str, got: str | None) -> float:
    """F1 of the case-folded word multisets: partial credit for a title with a site suffix."""
    want = Counter(t.casefold() for t in tokenize(normalise_title(expected)))
    have = Counter(t.casefold() for t in tokenize(normalise_title(got)))
    if not want and not have:
        return 1.0
    common = sum((want & have).values())
    if not common:
        return 0.0
    return f1(common / sum(have.values()), common / sum(want.values()))


# --- body snippets (the trafilatura pages) -------------------------------------------------


@dataclass(frozen=True)
class SnippetCounts:
    """One page's snippet checks: passages the body must hold and passages it must not."""

    found: int
    missed: int
    leaked: int
    kept_out: int

    @property
    def counts(self) -> Counts:
        return Counts(tp=self.found, fp=self.leaked, fn=self.missed)


def snippet_counts(text: str, required: Iterable[str], excluded: Iterable[str]) -> SnippetCounts:
    """Which labelled passages a body holds (compared after the title normalisation: spaces,
    quotes, invisible characters)."""
    body = normalise_title(text)
    have = [normalise_title(s) in body for s in required if normalise_title(s)]
    leak = [normalise_title(s) in body for s in excluded if normalise_title(s)]
    return SnippetCounts(
        found=sum(have),
        missed=len(have) - sum(have),
        leaked=sum(leak),
        kept_out=len(leak) - sum(leak),
    )


def first_snippet_miss(text: str, required: Iterable[str], excluded: Iterable[str]) -> str:
    """The first required passage missing from the body, else the first excluded one in it."""
    body = normalise_title(text)
    for snippet in required:
        if normalise_title(snippet) not in body:
            return f"missed {snippet[:SNIPPET_CHARS]!r}"
    for snippet in excluded:
        if normalise_title(snippet) and normalise_title(snippet) in body:
            return f"kept {snippet[:SNIPPET_CHARS]!r}"
    return ""


# --- authors --------------------------------------------------------------------------------


def normalise_author(name: str) -> str:
    return normalise_space(unicodedata.normalize("NFC", name or "")).casefold()


def author_counts(expected: Iterable[str], got: Iterable[str] | None) -> Counts:
    """Per-page tp/fp/fn of author names compared as case-insensitive sets."""
    want = {n for n in map(normalise_author, expected) if n}
    have = {n for n in map(normalise_author, got or ()) if n}
    return Counts(tp=len(want & have), fp=len(have - want), fn=len(want - have))


def micro_prf(pages: Iterable[Counts]) -> PRF:
    """Micro scores: tp/fp/fn summed over the pages first."""
    tp = fp = fn = 0
    for c in pages:
        tp, fp, fn = tp + c.tp, fp + c.fp, fn + c.fn
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return PRF(precision, recall, f1(precision, recall))


# --- publication dates ----------------------------------------------------------------------

_DAY_ONLY = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_when(value: str | date | None) -> date | datetime | None:
    """A label or prediction as a ``date`` (day only) or ``datetime``; None if unreadable."""
    if value is None or isinstance(value, date):  # datetime is a date too
        return value
    text = value.strip()
    if _DAY_ONLY.fullmatch(text):
        return date.fromisoformat(text)
    try:
        return dateparser.isoparse(text)
    except (ValueError, OverflowError):
        pass
    try:
        return dateparser.parse(text)
    except (ValueError, OverflowError):
        return None


def label_time(label: str | None) -> datetime | None:
    """The label's date and time, or None when the label gives only a day."""
    when = parse_when(label)
    if not isinstance(when, datetime):
        return None
    # A naive midnight is how a day-only value gets serialised as a datetime: no time was given.
    if when.tzinfo is None and when.time() == time(0):
        return None
    return when


def same_day(label: str, got: str | date | None) -> bool:
    """Same calendar day. An aware prediction is moved into an aware label's offset first;
    otherwise each side's day is taken as given."""
    want, have = parse_when(label), parse_when(got)
    if want is None or have is None:
        return False
    want_day = want.date() if isinstance(want, datetime) else want
    if isinstance(have, datetime):
        if have.tzinfo is not None and isinstance(want, datetime) and want.tzinfo is not None:
            have = have.astimezone(want.tzinfo)
        return have.date() == want_day
    return have == want_day


def _to_minute(when: datetime) -> datetime:
    return when.replace(second=0, microsecond=0)


def same_minute(label: str, got: str | date | None) -> bool | None:
    """Same minute in UTC when both sides carry an offset; a naive side is compared by wall
    clock against the other side's wall clock in its own offset. None when the label has no
    time (not scored)."""
    want = label_time(label)
    if want is None:
        return None
    have = parse_when(got)
    if not isinstance(have, datetime):
        return False
    if want.tzinfo is not None and have.tzinfo is not None:
        return _to_minute(want.astimezone(timezone.utc)) == _to_minute(
            have.astimezone(timezone.utc)
        )
    return _to_minute(want.replace(tzinfo=None)) == _to_minute(have.replace(tzinfo=None))


# --- paragraph boundaries -------------------------------------------------------------------


def paragraphs_kept(expected: Iterable[str], blocks: Iterable[str]) -> tuple[int, int]:
    """(kept, total): labelled paragraphs that come out as exactly one predicted block."""
    got = {normalise_space(b) for b in blocks}
    want = [p for p in map(normalise_space, expected) if p]
    return sum(p in got for p in want), len(want)
