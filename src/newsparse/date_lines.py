"""Where a page states its dates, for the date chooser: its <time> elements (the article's
own first), the lines claimed near the headline, and, when those say nothing, dated lines and
labelled dates anywhere outside other stories' teasers."""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import islice

from selectolax.lexbor import LexborHTMLParser

from newsparse import vocab
from newsparse.blocks import TextBlock, Walk
from newsparse.claims import Drops
from newsparse.dom import Node, ancestors, attr, normalize_space
from newsparse.fields import timestamps
from newsparse.fields.dates import VISIBLE_DATE, might_hold_date
from newsparse.patterns import alternation

# <time> elements read per page: the article's own come first, the rest are teasers.
MAX_TIME_ELEMENTS = 10
# Without a dateline near the headline, short dated lines anywhere ("Stand 27.01.2022" under
# the story) or a date opening a paragraph ("27.1.2022 - In Berlin ...") are the evidence.
FALLBACK_DATELINE_CHARS = 80
FALLBACK_LEADING_DATE_CHARS = 25
# ... so a long block is searched this far: the opening, plus room for the longest date form.
FALLBACK_SEARCH_CHARS = FALLBACK_LEADING_DATE_CHARS + 100
# A date followed by a comma opens a sentence ("2017年7月18日，正式加盟…", "On 3 May 2021, the
# council ..."): the story's chronology, not its dateline.
_CLAUSE_COMMAS = (",", "，", "、")


@dataclass
class TimeElement:
    machine: str
    """The datetime attribute."""
    text: str
    """The shown text ("Updated ..." when the page marks it as the update)."""
    container_ids: frozenset[int]
    """mem_ids of the elements holding it, to tell which page zone it sits in."""


def time_elements(tree: LexborHTMLParser) -> list[TimeElement]:
    """The page's <time> elements, article ones first. A <time> marked as the update (class
    or itemprop "updated", "modified", or the word before it) gets its shown text prefixed
    "Updated" so the date chooser files it correctly."""
    nodes = tree.css("article time, main time")
    if not nodes:
        headers: dict[int, bool] = {}
        shown = (node for node in tree.css("time") if not _in_site_header(node, headers))
        nodes = list(islice(shown, MAX_TIME_ELEMENTS))
    found = []
    for node in nodes[:MAX_TIME_ELEMENTS]:
        text = normalize_space(node.text())
        names = f"{attr(node, 'class')} {attr(node, 'itemprop')}".lower()
        before = normalize_space(node.prev.text()) if node.prev is not None else ""
        if "updated" in names or "modified" in names or timestamps.says_updated(before):
            text = f"Updated {text}"
        holders = frozenset(parent.mem_id for parent in ancestors(node))
        found.append(TimeElement(attr(node, "datetime"), text, holders))
    return found


def own_time_elements(elements: list[TimeElement], page: Walk) -> list[tuple[str, str]]:
    """(datetime attribute, shown text) of the <time> elements outside comments, feeds and
    related teasers: a reader's comment stamp or another story's date is not this story's."""
    foreign = {zid for zid, verdict in page.zones.items() if verdict.kind in _FOREIGN_DATE_ZONES}
    return [(e.machine, e.text) for e in elements if foreign.isdisjoint(e.container_ids)]


def _in_site_header(node: Node, headers: dict[int, bool]) -> bool:
    """Whether ``node`` sits in a page header or nav bar that holds no headline: the site's
    "today is ..." widget, not the article's date. ``headers`` caches each header's answer
    (a header may hold thousands of <time>s)."""
    for parent in ancestors(node):
        if parent.tag in ("header", "nav"):
            key = parent.mem_id
            if key not in headers:
                headers[key] = parent.css_first("h1") is None
            return headers[key]
    return False


def date_lines(byline_texts: list[str], claimed: list[str]) -> list[str]:
    """Where to look for the visible date, best first: byline markup beside the headline,
    then the other lines claimed there (in page order), then byline markup elsewhere (a
    teaser card's "author" span may hold its own story's date)."""
    near = {text.casefold() for text in claimed}
    beside = [text for text in byline_texts if text.casefold() in near]
    elsewhere = [text for text in byline_texts if text.casefold() not in near]
    return [*beside, *claimed, *elsewhere]


def _teaser(drop: Drops, index: int) -> bool:
    """Whether a block was claimed as a feed item or a related teaser: its date is another
    story's."""
    return index in drop and drop[index][0] in ("feed", "related")


def fallback_datelines(page: Walk, drop: Drops) -> list[str]:
    blocks = page.blocks
    lines: list[str] = []
    for index, block in enumerate(blocks):
        if block.zone is not None or _teaser(drop, index):
            continue
        # Only a date that opens a long block counts, so only its opening is searched (the
        # date pattern is large; searching whole paragraphs was a fifth of parse time).
        text = block.text
        end = len(text) if len(text) <= FALLBACK_DATELINE_CHARS else FALLBACK_SEARCH_CHARS
        match = VISIBLE_DATE.search(text, 0, end) if might_hold_date(text[:end]) else None
        if match is None:
            continue
        if text[match.end() :].lstrip().startswith(_CLAUSE_COMMAS):
            continue
        if len(text) <= FALLBACK_DATELINE_CHARS or match.start() <= FALLBACK_LEADING_DATE_CHARS:
            lines.append(text[: match.end()])
    footers = [s.text for s in page.skipped if s.kind == "footer"]
    return lines + _labelled_dates(blocks, drop, footers)


# "Erschienen am: 01.11.2023", "Published on 3 May 2021", "Last modified on 4 May 2021": a
# publication or update word, a few connecting characters, then the date, wherever the line
# stands (footers and sidebars too).
_DATE_LABEL = re.compile(
    r"(?<!\w)(?:"
    + alternation((*vocab.PUBLISHED_WORDS, *vocab.UPDATED_WORDS))
    + r")(?!\w)[^\d\n]{0,12}",
    re.IGNORECASE,
)
# Zones whose dates belong to other stories or to readers.
_FOREIGN_DATE_ZONES = ("comments", "feed", "related")


def _labelled_dates(blocks: list[TextBlock], drop: Drops, footers: list[str]) -> list[str]:
    """Dates after a publication or update label anywhere on the page (the page footer too:
    "Erschienen am: 01.11.2023", a wiki's "This page was last modified on ..."), for pages
    that show no dateline near the headline; after the plain fallback lines, which stand in
    the story."""
    lines: list[str] = []
    texts = [
        block.text
        for index, block in enumerate(blocks)
        if block.zone not in _FOREIGN_DATE_ZONES and not _teaser(drop, index)
    ]
    for text in texts + footers:
        if not might_hold_date(text):
            continue
        for label in _DATE_LABEL.finditer(text):
            date = VISIBLE_DATE.match(text, label.end())
            if date is not None:
                lines.append(text[label.start() : date.end()])
                break
    return lines
