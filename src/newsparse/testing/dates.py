"""Dates as pages show them ("March 7, 2024 4:12 PM", "7. März 2024") and as markup states them."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from newsparse.testing.vocab import LANGUAGES

# Visible formats with a time of day, per language. Placeholders: {d} day, {dd} zero-padded
# day, {month} month name, {month_gen} month name after a day number, {mm} month number,
# {yyyy} year, {h12}/{ampm} 12-hour clock, {HH}:{MM} 24-hour clock.
DATETIME_FORMATS: dict[str, tuple[str, ...]] = {
    "en": (
        "{month} {d}, {yyyy} {h12}:{MM} {ampm}",
        "{month} {d}, {yyyy} at {h12}:{MM} {ampm}",
        "{d} {month} {yyyy}, {HH}:{MM}",
    ),
    "de": (
        "{d}. {month} {yyyy}, {HH}:{MM} Uhr",
        "{dd}.{mm}.{yyyy}, {HH}:{MM} Uhr",
        "{d}. {month} {yyyy} um {HH}:{MM} Uhr",
    ),
    "es": ("{d} de {month} de {yyyy}, {HH}:{MM}", "{d} de {month} de {yyyy} - {HH}:{MM}"),
    "ru": ("{d} {month_gen} {yyyy}, {HH}:{MM}", "{dd}.{mm}.{yyyy} {HH}:{MM}"),
}
# Date-only formats: used only where the markup also states the full time, since a page that
# shows just a day cannot be expected to yield a time.
DATE_FORMATS: dict[str, tuple[str, ...]] = {
    "en": ("{month} {d}, {yyyy}", "{d} {month} {yyyy}"),
    "de": ("{d}. {month} {yyyy}", "{dd}.{mm}.{yyyy}"),
    "es": ("{d} de {month} de {yyyy}",),
    "ru": ("{d} {month_gen} {yyyy}",),
}
# A visible format that states the offset ("13/12/2023 – 14:16 UTC+1"). Day-first slashes are
# only unambiguous when the day is above 12, so it is used only then.
OFFSET_FORMAT = "{dd}/{mm}/{yyyy} – {HH}:{MM} UTC{offset}"


def _fields(moment: datetime, language: str) -> dict[str, str]:
    lang = LANGUAGES.get(language, LANGUAGES["en"])
    return {
        "d": str(moment.day),
        "dd": f"{moment.day:02d}",
        "month": lang.months[moment.month - 1],
        "month_gen": lang.months_genitive[moment.month - 1],
        "mm": f"{moment.month:02d}",
        "yyyy": str(moment.year),
        "h12": str((moment.hour - 1) % 12 + 1),
        "ampm": "AM" if moment.hour < 12 else "PM",
        "HH": f"{moment.hour:02d}",
        "MM": f"{moment.minute:02d}",
    }


def visible_datetime(moment: datetime, language: str, rng: random.Random) -> str:
    """The local wall-clock date and time in one of the language's formats."""
    formats = DATETIME_FORMATS.get(language, DATETIME_FORMATS["en"])
    return rng.choice(formats).format(**_fields(moment, language))


def visible_date(moment: datetime, language: str, rng: random.Random) -> str:
    formats = DATE_FORMATS.get(language, DATE_FORMATS["en"])
    return rng.choice(formats).format(**_fields(moment, language))


def visible_with_offset(moment: datetime) -> str | None:
    """The date with its UTC offset spelled out, or None when that can't be unambiguous."""
    offset = moment.utcoffset()
    if offset is None or moment.day <= 12 or offset % timedelta(hours=1):
        return None
    hours = int(offset / timedelta(hours=1))
    return OFFSET_FORMAT.format(offset=f"{hours:+d}", **_fields(moment, "en"))


def machine(moment: datetime, rng: random.Random) -> str:
    """ISO 8601 as markup writes it: with seconds, an offset when known, sometimes "Z"."""
    text = moment.isoformat()
    if text.endswith("+00:00") and rng.random() < 0.5:
        text = text[:-6] + "Z"
    return text
