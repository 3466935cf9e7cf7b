"""Choosing ``published_at`` and ``updated_at`` from all the evidence on the page, in order of
trust: JSON-LD, meta tags, microdata, ``<time datetime>``, the visible dateline, the URL."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

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

PUBLISHED_META = (
    "article:published_time",
    "og:article:published_time",
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
    fallback_lines: list[str] = field(default_factory=list)
    """Dated lines away from the byline, used only when nothing better says when."""


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

    structured_published = [
        ("json-ld", parse_machine_date(jsonld.first_text(article.get("datePublished")))),
        ("meta", parse_machine_date(first(meta, *PUBLISHED_META))),
        ("json-ld", parse_machine_date(jsonld.first_text(article.get("dateCreated")))),
    ]
    structured_updated = [
        ("json-ld", parse_machine_date(jsonld.first_text(article.get("dateModified")))),
        ("meta", parse_machine_date(first(meta, *UPDATED_META))),
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
    for line in [*evidence.visible_lines, *(text for _, text in evidence.time_elements)]:
        for before, found in find_visible_dates(line):
            if says_updated(before):
                visible_updated = visible_updated or found.value
                continue
            if visible_published is None:
                visible_published, shown = found.value, found.text
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
        elif (late := _first_visible(evidence.fallback_lines)) is not None:
            chosen.published, chosen.provenance["published_at"] = late.value, "visible"
            shown = late.text
        else:
            from_url = date_from_url(evidence.url)
            if from_url is not None:
                chosen.published, chosen.provenance["published_at"] = from_url, "url"

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

    chosen.published_text = shown or next((t for v, t in time_dates if t), None)
    _order(chosen, warnings)
    return chosen


def _first_visible(lines: list[str]) -> FoundDate | None:
    for line in lines:
        for before, found in find_visible_dates(line):
            if not says_updated(before):
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
