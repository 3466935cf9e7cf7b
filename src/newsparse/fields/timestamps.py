"""Choosing ``published_at`` and ``updated_at`` from all the evidence on the page, in order of
trust: JSON-LD, meta tags, microdata, ``<time datetime>``, the visible dateline, the URL."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

from newsparse import vocab
from newsparse.fields.dates import (
    FoundDate,
    date_from_url,
    find_visible_dates,
    parse_machine_date,
    same_instant_or_wall_clock,
)
from newsparse.structured import StructuredData, jsonld
from newsparse.structured.meta import first

# (Some CMSs write the Open Graph names with colons throughout: "article:published:time".)
PUBLISHED_META = (
    "article:published_time",
    "og:article:published_time",
    "article:published:time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "date",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "dcterms.date",
    "sailthru.date",
    "parsely-pub-date",
    "cxenseparse:recs:publishtime",
    "article.published",
)
UPDATED_META = (
    "article:modified_time",
    "article:modified:time",
    "og:updated_time",
    "datemodified",
    "dc.date.modified",
    "dcterms.modified",
    "last-modified",
    "article.updated",
)


@dataclass
class DateEvidence:
    structured: StructuredData
    time_elements: list[tuple[str, str]]
    """(datetime attribute, shown text) of <time> elements."""
    visible_lines: list[str]
    url: str | None
    fallback_lines: Callable[[], list[str]] = list
    """Dated lines away from the byline, used only when nothing better says when: read on
    demand, as searching the page for them costs more than all the other sources."""


@dataclass
class ChosenDates:
    published: datetime | None = None
    updated: datetime | None = None
    published_text: str | None = None
    provenance: dict[str, str] = field(default_factory=dict)


def choose_dates(evidence: DateEvidence, warnings: list[str]) -> ChosenDates:
    article = evidence.structured.article or {}
    meta = evidence.structured.meta
    chosen = ChosenDates()

    marked = evidence.structured.dated_elements
    structured_published = [
        ("json-ld", parse_machine_date(jsonld.first_text(article.get("datePublished")))),
        ("meta", parse_machine_date(first(meta, *PUBLISHED_META))),
        ("json-ld", parse_machine_date(jsonld.first_text(article.get("dateCreated")))),
        ("microdata", _first_marked(marked, "published")),
    ]
    structured_updated = [
        ("json-ld", parse_machine_date(jsonld.first_text(article.get("dateModified")))),
        ("meta", parse_machine_date(first(meta, *UPDATED_META))),
        ("microdata", _first_marked(marked, "updated")),
    ]
    time_dates = [
        (parse_machine_date(dt), text)
        for dt, text in evidence.time_elements
        if not says_updated(text)
    ]
    updated_times = [
        parse_machine_date(dt) for dt, text in evidence.time_elements if says_updated(text)
    ]

    visible_published, visible_updated, shown = None, None, None
    late_updated: FoundDate | None = None  # "Last modified on ..." far from the headline
    dateline: datetime | None = None  # the first publication date shown as a line of its own
    for line in [*evidence.visible_lines, *(text for _, text in evidence.time_elements)]:
        for before, found in find_visible_dates(line):
            if says_updated(before):
                visible_updated = visible_updated or found.value
                continue
            if visible_published is None:
                visible_published, shown = found.value, found.text
                if len(line.strip(" |·•–—-:,")) <= len(found.text) + DATELINE_SLACK_CHARS:
                    dateline = found.value
                if found.ambiguous:
                    warnings.append(
                        f"ambiguous day/month order in {found.text!r}; read as day first"
                    )

    for source, value in structured_published:
        if value is not None:
            chosen.published, chosen.provenance["published_at"] = value, source
            break
    else:
        first_time = next(((v, t) for v, t in time_dates if v is not None), None)
        if first_time is not None:
            chosen.published, chosen.provenance["published_at"] = first_time[0], "time"
        elif visible_published is not None:
            chosen.published, chosen.provenance["published_at"] = visible_published, "visible"
        else:
            fallback = evidence.fallback_lines()
            late = _first_visible(fallback)
            if late is not None:
                chosen.published, chosen.provenance["published_at"] = late.value, "visible"
                shown = late.text
            else:
                late_updated = _first_visible(fallback, updated=True)
                from_url = date_from_url(evidence.url)
                if from_url is not None:
                    chosen.published, chosen.provenance["published_at"] = from_url, "url"

    if chosen.published is not None and chosen.provenance.get("published_at") in (
        "json-ld",
        "meta",
        "microdata",
    ):
        # JSON-LD is written for the article; meta tags are often the CMS's creation time.
        from_meta = chosen.provenance["published_at"] != "json-ld"
        shown_value = _shown_wins(
            chosen.published,
            visible_published,
            [v for _, v in structured_updated],
            (_shown_time_element(evidence.time_elements) or dateline) if from_meta else None,
        )
        if shown_value is not None:
            chosen.published, chosen.provenance["published_at"] = shown_value, "visible"

    # A naive structured date that the visible text shows with an offset gains the offset; an
    # aware structured date keeps its own.
    if (
        chosen.published is not None
        and chosen.published.tzinfo is None
        and visible_published is not None
        and visible_published.tzinfo is not None
        and same_instant_or_wall_clock(chosen.published, visible_published)
    ):
        chosen.published = visible_published

    first_updated_time = next((v for v in updated_times if v is not None), None)
    for source, value in structured_updated:
        if value is not None:
            chosen.updated, chosen.provenance["updated_at"] = value, source
            break
    else:
        if first_updated_time is not None:
            chosen.updated, chosen.provenance["updated_at"] = first_updated_time, "time"
        elif visible_updated is not None:
            chosen.updated, chosen.provenance["updated_at"] = visible_updated, "visible"
        elif late_updated is not None:
            chosen.updated, chosen.provenance["updated_at"] = late_updated.value, "visible"

    if chosen.published is None and chosen.updated is not None:
        # The page states only when it was last updated ("Aktualisiert am 17.01.2021"): the
        # story is of that day at the latest, the best date the page gives.
        chosen.published = chosen.updated
        chosen.provenance["published_at"] = "updated"
    chosen.published_text = shown or next((t for v, t in time_dates if t), None)
    _order(chosen, warnings)
    return chosen


# A line that is a date and at most this many other characters ("am 27.01.2022") is a dateline.
DATELINE_SLACK_CHARS = 4
# Offsets from UTC that exist: a wider gap between two readings is no time-zone difference.
MAX_ZONE_OFFSET = timedelta(hours=14)
# A midnight stamp read in an offset this far from UTC at most: wider would invent a zone.
MAX_MIDNIGHT_OFFSET = timedelta(hours=12)
# Offsets come in quarter hours (UTC+05:45); a gap that is not one is a different time.
ZONE_OFFSET_STEP = timedelta(minutes=15)


def _shown_time_element(time_elements: list[tuple[str, str]]) -> datetime | None:
    """The first publication <time> whose shown text and machine value give the same day: a
    date the page both shows and marks up."""
    for machine, text in time_elements:
        if says_updated(text):
            continue
        value = parse_machine_date(machine)
        shown = find_visible_dates(text)
        if value is not None and shown:
            return value if shown[0][1].value.date() == value.date() else None
    return None


def _shown_wins(
    structured: datetime,
    shown: datetime | None,
    alternatives: list[datetime | None],
    marked_shown: datetime | None = None,
) -> datetime | None:
    """The publication date when the page shows readers another day than its hidden markup
    says (a republished story, a creation time kept by the CMS), else None. The shown day
    wins; a machine-readable reading of the same moment gives its precision and offset:

    - "November 8, 2023 at 11:30 p.m." shown, 2023-11-09T05:30Z in JSON-LD: the same instant
      in the page's local time, so the JSON-LD value moved to UTC-06:00;
    - "5. November 2021" shown, 2021-11-04T23:00Z: a local midnight, moved to UTC+01:00;
    - "12.01.2022" shown, published 2021-11-29 and modified 2022-01-12T14:27Z: the modified
      value, which is of the shown day.

    Another day wins alone only as ``marked_shown`` (a <time> element that marks it up too, or
    a line of its own near the headline; given only against meta tags) and when no dateline
    near the headline says otherwise: a date inside other text is as often a teaser's or a
    comment's."""
    if shown is not None:
        if structured.date() == shown.date():
            return None
        for candidate in (structured, *alternatives):
            if candidate is None:
                continue
            if candidate.date() == shown.date() and (candidate.hour or candidate.minute):
                return candidate
            local = _in_shown_offset(candidate, shown)
            if local is not None:
                return local
    if (
        marked_shown is not None
        and marked_shown.date() != structured.date()
        and (shown is None or shown.date() == marked_shown.date())
    ):
        return marked_shown
    return None


def _in_shown_offset(candidate: datetime, shown: datetime) -> datetime | None:
    """The aware ``candidate`` in the offset that makes it read as ``shown`` (a wall-clock
    time, or a day shown without time for a midnight-stamped candidate), if one exists."""
    if candidate.tzinfo is None:
        return None
    if shown.tzinfo is not None:
        return shown if candidate == shown else None
    utc_wall = candidate.astimezone(timezone.utc).replace(tzinfo=None, second=0, microsecond=0)
    has_time = bool(shown.hour or shown.minute)
    if not has_time and (candidate.minute or candidate.second):
        return None  # only a stamp on the hour can be a local midnight
    gap = shown.replace(second=0, microsecond=0) - utc_wall
    if not has_time and (gap.total_seconds() % 3600 or abs(gap) > MAX_MIDNIGHT_OFFSET):
        return None
    if abs(gap) > MAX_ZONE_OFFSET or gap % ZONE_OFFSET_STEP:
        return None
    return candidate.astimezone(timezone(gap))


def _first_marked(marked: list[tuple[str, str]], kind: str) -> datetime | None:
    return next(
        (d for k, v in marked if k == kind and (d := parse_machine_date(v)) is not None), None
    )


def _first_visible(lines: list[str], updated: bool = False) -> FoundDate | None:
    """The first date in the lines that is a publication date (or, with ``updated``, the
    first labelled as an update)."""
    for line in lines:
        for before, found in find_visible_dates(line):
            if says_updated(before) == updated:
                return found
    return None


# Only words this close before a date label it ("Updated: ...", "Aktualisiert am ...").
UPDATED_LABEL_WINDOW = 40


def says_updated(before: str) -> bool:
    window = before[-UPDATED_LABEL_WINDOW:].casefold()
    return any(word in window for word in vocab.UPDATED_WORDS)


def _order(chosen: ChosenDates, warnings: list[str]) -> None:
    """updated_at is never before published_at; an update equal to publication says nothing."""
    published, updated = chosen.published, chosen.updated
    if published is None or updated is None:
        return
    try:
        earlier = updated < published
    except TypeError:  # one aware, one naive: compare wall clocks
        earlier = updated.replace(tzinfo=None) < published.replace(tzinfo=None)
    if earlier:
        warnings.append("updated time earlier than published time; updated time dropped")
        chosen.updated = None
        chosen.provenance.pop("updated_at", None)
