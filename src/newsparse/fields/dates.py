"""Timestamps: machine-readable dates (JSON-LD, meta, ``<time datetime>``) and dates as pages
show them ("December 13, 2023 9:51 AM", "13. Dezember 2023, 14:16 Uhr", "13/12/2023 – 14:16").

Parsing is python-dateutil's; this module only finds the spans and teaches dateutil the month
names of several languages."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil import parser as dateparser

from newsparse import vocab
from newsparse.patterns import trie_alternation

# Dates outside this range are typos or placeholders ("0001-01-01", "2099-12-31").
MIN_YEAR = 1990
MAX_YEAR = 2100
# A number above this in a date can only be its day.
MAX_MONTH = 12


class _MultilingualInfo(dateparser.parserinfo):
    """dateutil parserinfo that knows the month names of every language in vocab.MONTHS."""

    MONTHS = [  # noqa: RUF012 - dateutil reads this class attribute
        tuple(sorted({name for lang in vocab.MONTHS.values() for name in lang[i]}))  # type: ignore[misc]
        for i in range(12)
    ]
    JUMP = [  # noqa: RUF012
        *dateparser.parserinfo.JUMP,
        "um",
        "uhr",
        "à",
        "le",
        "de",
        "del",
        "h",
        "den",
        "am",
        "le",
        "às",
        "alle",
        "ore",
        "г",
        "года",
        "в",
    ]


_INFO = _MultilingualInfo()
_MONTH_NAMES = sorted(
    {name for lang in vocab.MONTHS.values() for month in lang for name in month},
    key=len,
    reverse=True,
)
_MONTH = "(?:" + trie_alternation(_MONTH_NAMES) + r")\.?"
_TIME = (
    r"(?:\d{1,2}[:.h]\d{2}(?::\d{2})?\s*(?:[ap]\.?\s?m\.?)?(?:\s*uhr)?|\d{1,2}\s*[ap]\.?\s?m\.?)"
)
_ZONE = (
    r"(?:\s*\(?(?:utc|gmt)\s*[+-]\s*\d{1,2}(?::?\d{2})?\)?"
    r"|\s*(?:utc|gmt|z)\b|\s(?-i:[A-Z]{2,5})\b)?"  # "ET", "CEST": upper case only
)
_SEP = r"[\s,–—|·•/-]*(?:at|um|à|a las|alle|om|в)?[\s,–—|·•/-]*"
# Spans that look like a date with an optional time, in the orders pages use.
# A day and month with a two-digit year ("23.09.22", "26/10/13"), valid numbers only: a
# version such as "1.2.33.4" is no date.
_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_MONTH_NUMBER = r"(?:0?[1-9]|1[0-2])"
_SHORT_YEAR_DMY = rf"(?:{_DAY}\.{_MONTH_NUMBER}\.|{_DAY}/{_MONTH_NUMBER}/)\d{{2}}(?![./]?\d)"
# Year, month and day in Chinese, Japanese ("2023年12月13日") and Korean ("2023년 12월 13일").
_CJK_DATE = r"\d{4}\s?[年년]\s?\d{1,2}\s?[月월]\s?\d{1,2}\s?[日일]?"
VISIBLE_DATE = re.compile(
    rf"(?:(?<!\w){_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"  # December 13, 2023
    # Dates that open with a digit may follow a word they are glued to ("Erstellt am09.02.2022",
    # "Ana Ruiz22. Februar 2020": inline elements read without a space), never a digit or dot.
    rf"|(?<![\d.])(?:"
    # 13. Dezember 2023, 7 de marzo de 2024
    rf"\d{{1,2}}(?:st|nd|rd|th|\.)?\s+(?:de\s+)?{_MONTH}(?:\s+de)?,?\s+\d{{4}}"
    rf"|\d{{4}}-\d{{2}}-\d{{2}}"  # 2023-12-13
    rf"|\d{{4}}([./])\d{{1,2}}\1\d{{1,2}}(?![./]?\d)"  # 2023.12.13, 2023/12/13
    rf"|\d{{1,2}}[./]\d{{1,2}}[./]\d{{4}}"  # 13/12/2023, 13.12.2023
    rf"|{_SHORT_YEAR_DMY}"  # 23.09.22
    rf"))(?:{_SEP}{_TIME}{_ZONE})?(?!\w)"
    # (A CJK date is followed by words with no space between: no word boundary to ask for.)
    rf"|(?<!\d){_CJK_DATE}(?:\s*{_TIME})?",
    re.IGNORECASE,
)
# Every form VISIBLE_DATE knows holds two digits in a row (a year, "23.09.22"): a scan for
# them is a cheap test before the large pattern runs.
_TWO_DIGITS = re.compile(r"\d\d")


def might_hold_date(text: str) -> bool:
    """False when ``text`` cannot hold a VISIBLE_DATE (no two digits in a row)."""
    return _TWO_DIGITS.search(text) is not None


_TIME_CONNECTOR = re.compile(r"(?i)\s(?:a\s+las|a\s+la|alle|um|at|om|à|às|в)\s")
# "10.12.2022", "06-08-2009": dotted dates, and dashed ones that end in the year, are day
# first wherever they are written.
_DOTTED_DAY_FIRST = re.compile(r"^\d{1,2}(?:\.\d{1,2}\.\d{2,4}|-\d{1,2}-\d{4})(?!\d)")
# Dates that open with the year are year-month-day everywhere.
_YEAR_FIRST = re.compile(r"^\d{4}\s?[-./年년]")
_CJK_YEAR_MONTH_MARK = re.compile(r"\s?[年月년월]\s?")
_CJK_DAY_MARK = re.compile(r"\s?[日일]")
_NUMERIC_DMY = re.compile(r"^(\d{1,2})[./](\d{1,2})[./]\d{4}")
_ZONE_OFFSET = re.compile(r"(?:utc|gmt)\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?", re.IGNORECASE)
# A date in a URL path: "/2024/03/15/" (the day a whole segment: "/2024/03/23-191/" is a
# month folder and a slug that starts with a number) or "/2024-03-15-title".
URL_DATE = re.compile(
    r"/((?:19|20)\d{2})(?:/(0?[1-9]|1[0-2])/(0?[1-9]|[12]\d|3[01])(?=/|$|[?#])"
    r"|-(0?[1-9]|1[0-2])-(0?[1-9]|[12]\d|3[01])(?=/|[-_.]|$|[?#]))"
)
# "/meldungen/29-10-2021": a segment that opens with a day, a month and the year. Read only
# when the order is certain (the day past 12, or both equal): a URL gives no other clue.
URL_DAY_FIRST_DATE = re.compile(
    r"/(0?[1-9]|[12]\d|3[01])-(0?[1-9]|1[0-2])-((?:19|20)\d{2})(?=/|[-_.]|$|[?#])"
)


def zone_for_abbreviation(name: str | None, offset: int | None) -> tzinfo | None:
    """dateutil's hook for zone names: an explicit offset, or a well-known abbreviation mapped
    to its region (so "ET" in June is -04:00). Ambiguous names (IST, BST in some regions)
    stay naive: a guessed zone would be a made-up fact."""
    if offset is not None:
        return timezone(timedelta(seconds=offset))
    region = vocab.ZONE_ABBREVIATIONS.get((name or "").upper())
    if region is None:
        return None
    try:
        return ZoneInfo(region)
    except (ZoneInfoNotFoundError, ValueError):
        return None


@dataclass(frozen=True)
class FoundDate:
    value: datetime
    text: str
    ambiguous: bool = False


def parse_machine_date(text: str | None) -> datetime | None:
    """A date from a machine-readable attribute (ISO 8601 and the like)."""
    if not text or not isinstance(text, str):
        return None
    text = text.strip()
    if not text or len(text) > 64:
        return None
    try:
        value = dateparser.isoparse(text)
    except (ValueError, OverflowError):
        try:
            value = dateparser.parse(
                text,
                parserinfo=_INFO,
                dayfirst=_DOTTED_DAY_FIRST.match(text) is not None,
                tzinfos=zone_for_abbreviation,
            )
        except (ValueError, OverflowError, TypeError):
            return None
    return value if _plausible(value) else None


def find_visible_date(text: str, dayfirst: bool = True) -> FoundDate | None:
    """The first date (with its time, if shown) in a line of visible text."""
    return next((found for _, found in find_visible_dates(text, dayfirst)), None)


def find_visible_dates(text: str, dayfirst: bool = True) -> list[tuple[str, FoundDate]]:
    """Every date in a line, each with the text between it and the previous date (where
    words such as "Updated" say what the date is)."""
    results: list[tuple[str, FoundDate]] = []
    if not might_hold_date(text):
        return results
    previous_end = 0
    for match in VISIBLE_DATE.finditer(text):
        found = parse_visible_date(match.group(0), dayfirst)
        if found is not None:
            results.append((text[previous_end : match.start()], found))
            previous_end = match.end()
    return results


def parse_visible_date(span: str, dayfirst: bool = True) -> FoundDate | None:
    span = span.strip(" ,|–—-")
    numeric = _NUMERIC_DMY.match(span)
    ambiguous = bool(
        numeric and int(numeric.group(1)) <= MAX_MONTH and int(numeric.group(2)) <= MAX_MONTH
    )
    ambiguous = ambiguous and numeric is not None and numeric.group(1) != numeric.group(2)
    zone = _ZONE_OFFSET.search(span)
    cleaned = _ZONE_OFFSET.sub("", span) if zone else span
    cleaned = re.sub(r"(?<=\d)\.(?=\s)", "", cleaned)  # "13. Dezember" -> "13 Dezember"
    cleaned = re.sub(r"(?i)\b([ap])\.\s?m\.", r"\1m", cleaned)  # "a.m." -> "am"
    # "4 de mayo 2022 a las 09:01": dateutil reads a lone "a" as a.m. and the year as a time.
    cleaned = _TIME_CONNECTOR.sub(" ", cleaned)
    if _YEAR_FIRST.match(cleaned):
        dayfirst = False
        # "2023年12月13日 10:30" -> "2023-12-13 10:30"
        cleaned = _CJK_DAY_MARK.sub(" ", _CJK_YEAR_MONTH_MARK.sub("-", cleaned))
    try:
        value = dateparser.parse(
            cleaned,
            parserinfo=_INFO,
            dayfirst=dayfirst,
            fuzzy=True,
            tzinfos=zone_for_abbreviation,
        )
    except (ValueError, OverflowError, TypeError):
        return None
    if zone:
        sign = 1 if zone.group(1) == "+" else -1
        offset = timedelta(hours=int(zone.group(2)), minutes=int(zone.group(3) or 0))
        value = value.replace(tzinfo=timezone(sign * offset))
    if not _plausible(value):
        return None
    return FoundDate(value, span, ambiguous)


def date_from_url(url: str | None) -> datetime | None:
    if not url:
        return None
    match = URL_DATE.search(url)
    if match:
        year, month, day = (
            match.group(1),
            match.group(2) or match.group(4),
            match.group(3) or match.group(5),
        )
    else:
        match = URL_DAY_FIRST_DATE.search(url)
        if not match:
            return None
        day, month, year = match.groups()
        if int(day) <= MAX_MONTH and int(day) != int(month):
            return None  # "05-06-2021": May 6 or 5 June
    try:
        value = datetime(int(year), int(month), int(day))
    except ValueError:
        return None
    return value if _plausible(value) else None


def _plausible(value: datetime) -> bool:
    return MIN_YEAR <= value.year <= MAX_YEAR


def same_instant_or_wall_clock(a: datetime, b: datetime) -> bool:
    """Whether two readings of a timestamp agree: equal instants when both are aware, equal
    wall-clock times (to the minute) otherwise."""
    if a.tzinfo is not None and b.tzinfo is not None:
        return a == b
    return a.replace(tzinfo=None, second=0, microsecond=0) == b.replace(
        tzinfo=None, second=0, microsecond=0
    )
