"""Feed dates (RFC 822, ISO 8601, and what generators really write) to datetimes."""

from __future__ import annotations

import re
import warnings as _warnings
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

from dateutil import parser as _dateparser

# Zone names a feed date may carry, in hours from UTC. RFC 822's own US zones, then abbreviations
# that mean one offset only. Ambiguous ones (IST, BST, AST: several countries) are left out on
# purpose: for them published_at stays None rather than guessed.
ZONE_OFFSETS: dict[str, float] = {
    "UT": 0,
    "UTC": 0,
    "GMT": 0,
    "Z": 0,
    "EST": -5,
    "EDT": -4,
    "CST": -6,
    "CDT": -5,
    "MST": -7,
    "MDT": -6,
    "PST": -8,
    "PDT": -7,
    "AKST": -9,
    "AKDT": -8,
    "HST": -10,
    "WET": 0,
    "WEST": 1,
    "CET": 1,
    "CEST": 2,
    "MET": 1,
    "MEST": 2,
    "EET": 2,
    "EEST": 3,
    "MSK": 3,
    "HKT": 8,
    "SGT": 8,
    "AWST": 8,
    "JST": 9,
    "KST": 9,
    "ACST": 9.5,
    "ACDT": 10.5,
    "AEST": 10,
    "AEDT": 11,
    "NZST": 12,
    "NZDT": 13,
}

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]|$)|\d{8}T")
_RFC822 = re.compile(
    r"""(?:[A-Za-z]{2,9}\.?,?\s*)?\d{1,2}[\s-]+[A-Za-z]{3,9}\.?[\s-]+\d{2,4}\s+
        \d{1,2}:\d{2}(?::\d{2})?(?:\s+(?P<zone>[A-Za-z]{1,5}|[+-]\d{4}))?\s*(?:\(.*\))?$""",
    re.VERBOSE,
)
_NUMERIC_DATE = re.compile(r"(\d{1,2})([./-])(\d{1,2})\2\d{2,4}\b")
_TZINFOS = {name: int(hours * 3600) for name, hours in ZONE_OFFSETS.items()}
# Two defaults that differ in year, month and day: a date parsed to the same value under both
# named all three itself.
_DEFAULTS = (datetime(2001, 1, 1), datetime(2002, 2, 2))


def read_date(text: str) -> tuple[datetime | None, str | None]:
    """A feed date as ``(datetime, None)``, or ``(None, reason)`` when it cannot be read without
    guessing. RFC 822 dates go through ``email.utils``, ISO 8601 through ``dateutil.isoparse``,
    anything else through ``dateutil.parser.parse`` (which must find year, month and day).
    Zones come back as plain ``datetime.timezone`` offsets, whichever parser read them."""
    value, problem = _read_date(" ".join(text.split()))
    offset = value.utcoffset() if value is not None else None
    if value is not None and offset is not None:
        value = value.replace(tzinfo=timezone.utc if not offset else timezone(offset))
    return value, problem


def _read_date(text: str) -> tuple[datetime | None, str | None]:
    if _ISO_DATE.match(text):
        try:
            return _dateparser.isoparse(text), None
        except (ValueError, OverflowError):
            pass  # e.g. "2025-06-02 10:00 +02:00": dateutil's general parser reads it
    rfc = _RFC822.match(text)
    if rfc:
        try:
            value = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError, OverflowError):
            value = None
        if value is not None:
            return _rfc822_zone(value, rfc.group("zone"))
    return _general_date(text)


def _rfc822_zone(value: datetime, zone: str | None) -> tuple[datetime | None, str | None]:
    if value.tzinfo is not None or zone is None:
        return value, None
    if zone == "-0000":
        # RFC 2822: the time is UTC; only the sender's local zone is unknown.
        return value.replace(tzinfo=timezone.utc), None
    hours = ZONE_OFFSETS.get(zone.upper())
    if hours is None:
        return None, "unknown time zone"
    return value.replace(tzinfo=timezone(timedelta(hours=hours))), None


def _general_date(text: str) -> tuple[datetime | None, str | None]:
    dayfirst = False
    numeric = _NUMERIC_DATE.match(text)
    if numeric:
        first, separator, second = int(numeric[1]), numeric[2], int(numeric[3])
        if separator == ".":
            dayfirst = True  # dotted numeric dates are day-first wherever they are written
        elif first <= 12 and second <= 12 and first != second:
            return None, "ambiguous day and month"  # 06/02: June 2 (US) or 6 February?
    results = []
    with _warnings.catch_warnings(record=True) as caught:
        _warnings.simplefilter("always")
        for default in _DEFAULTS:
            try:
                parsed = _dateparser.parse(
                    text, default=default, tzinfos=_TZINFOS, dayfirst=dayfirst
                )
                results.append(parsed)
            except (ValueError, OverflowError):
                return None, "unreadable date"
    if any(issubclass(w.category, _dateparser.UnknownTimezoneWarning) for w in caught):
        return None, "unknown time zone"
    if results[0] != results[1]:
        return None, "incomplete date"
    return results[0], None
