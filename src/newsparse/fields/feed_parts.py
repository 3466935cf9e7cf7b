"""What the feed finders share: how a shown time reads ("6:58 PM", "2 hours ago", "18h05"),
the machine date behind it, how long a headline and how linked a summary may be, how many items
make a list, and the result type. The card finder (:mod:`newsparse.fields.timed_cards`) and the
line finders (:mod:`newsparse.fields.feed`) both build on it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from newsparse import vocab
from newsparse.dom import Node, attr, label_key, normalize_space
from newsparse.fields.dates import VISIBLE_DATE, parse_machine_date
from newsparse.models import FeedItem

# Fewer repeated groups than this is a coincidence, not a list.
MIN_FEED_ITEMS = 3
# A headline is a line, not a paragraph.
MAX_HEADLINE_CHARS = 220
# A time line is short: "6:58 PM", "2 hours ago", "Dec 12, 18:40".
MAX_TIME_LINE_CHARS = 40
# A summary under a feed headline is not itself link text.
MAX_SUMMARY_LINK_DENSITY = 0.5
# A teaser summary is a sentence or two; longer text under a timed line is a story.
MAX_SUMMARY_CHARS = 600
# A machine date without a time of day; next to a shown clock time it says nothing exact.
_DATE_ONLY = re.compile(r"\d{4}-\d{2}-\d{2}")

# French pages write times as "18h05".
_TIME = (
    r"(?:\d{1,2}[:.h]\d{2}\s?(?:[ap]\.?\s?m\.?)?(?:\s?uhr)?"
    r"|\d{1,2}\s?[ap]\.?\s?m\.?"
    r"|\d{1,3}\s?(?:min(?:ute)?s?|hours?|hrs?|h|days?)\s(?:ago)"
    r"|vor\s\d{1,3}\s?(?:minuten|stunden|tagen)"
    r"|il y a\s\d{1,3}\s?(?:min|minutes|heures?|h)"
    r"|hace\s\d{1,3}\s?(?:minutos|horas?)"
    r"|just now|gerade eben)"
)
TIME_LINE = re.compile(rf"^{_TIME}$", re.IGNORECASE)
# "14:05 Man charged after crash": a time opening a short line, then the headline.
# The separator may be missing: "<span>35 min ago</span><a>Transit ...</a>" has no space.
LEADING_TIME = re.compile(
    rf"^({_TIME})[ \t]?[-–—|·:]?[ \t]?(\S.{{0,{MAX_HEADLINE_CHARS}}})$", re.IGNORECASE
)


def is_time_line(text: str) -> bool:
    text = text.strip()
    if len(text) > MAX_TIME_LINE_CHARS:
        return False
    if TIME_LINE.match(text):
        return True
    match = VISIBLE_DATE.fullmatch(text)
    return match is not None


@dataclass
class FeedResult:
    items: list[FeedItem] = field(default_factory=list)
    used: set[int] = field(default_factory=set)


def time_element_date(node: Node | None, shown: str) -> datetime | None:
    return date_behind(node.css_first("time[datetime]") if node is not None else None, shown)


def date_behind(time_node: Node | None, shown: str) -> datetime | None:
    """The <time datetime> value behind a shown time, when the element shows exactly that
    text. A bare day behind a clock time ("2024-06-12" behind "11:58 AM") is no full date."""
    if time_node is None or normalize_space(time_node.text()) != shown:
        return None
    value = attr(time_node, "datetime")
    if _DATE_ONLY.fullmatch(value) and TIME_LINE.match(shown):
        return None
    return parse_machine_date(value)


_FEED_LABELS = frozenset(vocab.FEED_LABELS)


def is_feed_label(text: str) -> bool:
    """A line that only names a timed list ("News Feed", "Latest news:")."""
    return label_key(text) in _FEED_LABELS
