"""Feed items: timed lists (a "News Feed" or "Latest" widget, a ticker, live-blog updates)
recognised by structure: three or more repeated groups of a time line, a headline and an
optional summary. Also JSON-LD ``LiveBlogPosting.liveBlogUpdate``."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from newsparse.blocks import TextBlock
from newsparse.chrome import classify_line
from newsparse.dom import absolute_url, attr, normalize_space
from newsparse.fields.dates import VISIBLE_DATE, parse_machine_date
from newsparse.models import FeedItem
from newsparse.structured import jsonld

# Fewer repeated groups than this is a coincidence, not a list.
MIN_FEED_ITEMS = 3
# A headline is a line, not a paragraph.
MAX_HEADLINE_CHARS = 220
# A time line is short: "6:58 PM", "2 hours ago", "Dec 12, 18:40".
MAX_TIME_LINE_CHARS = 40
# A summary under a feed headline is not itself link text.
MAX_SUMMARY_LINK_DENSITY = 0.5

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


def find_feed_items(blocks: list[TextBlock], base: str | None) -> FeedResult:
    """Runs of (time, headline, summary?) groups anywhere on the page."""
    result = FeedResult()
    index = 0
    while index < len(blocks):
        groups = _groups_from(blocks, index)
        if len(groups) >= MIN_FEED_ITEMS:
            for time_index, headline_index, summary_index in groups:
                result.items.append(_item(blocks, time_index, headline_index, summary_index, base))
                result.used.update(
                    i for i in (time_index, headline_index, summary_index) if i is not None
                )
            index = max(result.used) + 1
        else:
            index += 1
    inline = _items_with_leading_times(blocks, base, result.used)
    result.items.extend(inline.items)
    result.used.update(inline.used)
    return result


def _items_with_leading_times(
    blocks: list[TextBlock], base: str | None, skip: set[int]
) -> FeedResult:
    """Lists and runs of lines that each open with a time ("14:05 Man charged ..."), the
    time and the headline in one line."""
    result = FeedResult()
    run: list[int] = []

    def close_run() -> None:
        if len(run) >= MIN_FEED_ITEMS:
            for index in run:
                result.items.append(_leading_time_item(blocks[index].text, blocks[index], base))
                result.used.add(index)
        run.clear()

    for index, block in enumerate(blocks):
        if index in skip:
            close_run()
            continue
        if block.tag == "list":
            close_run()
            items = [LEADING_TIME.match(item) for item in block.items]
            if len(items) >= MIN_FEED_ITEMS and all(items):
                result.items.extend(
                    _leading_time_item(item, block, base, position)
                    for position, item in enumerate(block.items)
                )
                result.used.add(index)
            continue
        if LEADING_TIME.match(block.text):
            run.append(index)
        else:
            close_run()
    close_run()
    return result


def _leading_time_item(
    line: str, block: TextBlock, base: str | None, position: int | None = None
) -> FeedItem:
    match = LEADING_TIME.match(line)
    assert match is not None
    shown, headline = match.group(1), match.group(2).strip()
    href = next((h for text, h in block.links if text and text in headline), None)
    published = None
    if block.node is not None:
        items = [n for n in block.node.iter() if n.tag == "li"] if position is not None else []
        holder = items[position] if position is not None and position < len(items) else block.node
        time_node = holder.css_first("time[datetime]") if holder is not None else None
        if time_node is not None and normalize_space(time_node.text()) == shown:
            published = parse_machine_date(attr(time_node, "datetime"))
    return FeedItem(
        headline=headline,
        url=absolute_url(href, base),
        time_text=shown,
        published_at=published,
    )


def _groups_from(blocks: list[TextBlock], start: int) -> list[tuple[int, int, int | None]]:
    groups: list[tuple[int, int, int | None]] = []
    index = start
    while index + 1 < len(blocks) and is_time_line(blocks[index].text):
        headline = blocks[index + 1]
        if len(headline.text) > MAX_HEADLINE_CHARS or is_time_line(headline.text):
            break
        summary_index: int | None = index + 2
        assert summary_index is not None
        same_card = (
            summary_index < len(blocks)
            and headline.anchor is not None
            and blocks[summary_index].anchor == headline.anchor
        )
        if (summary_index < len(blocks) and _ends_list(blocks[summary_index])) or (
            not same_card
            and (
                summary_index >= len(blocks)
                or is_time_line(blocks[summary_index].text)
                or blocks[summary_index].link_density > MAX_SUMMARY_LINK_DENSITY
            )
        ):
            summary_index = None
        groups.append((index, index + 1, summary_index))
        index = (summary_index if summary_index is not None else index + 1) + 1
    return groups


def _ends_list(block: TextBlock) -> bool:
    """A heading or a chrome line after an item starts the next section, not a summary."""
    return block.tag == "heading" or classify_line(block.text) is not None


def _item(
    blocks: list[TextBlock],
    time_index: int,
    headline_index: int,
    summary_index: int | None,
    base: str | None,
) -> FeedItem:
    time_block, headline = blocks[time_index], blocks[headline_index]
    href = next((h for _, h in headline.links if h), None) or next(
        (h for _, h in time_block.links if h), None
    )
    published = None
    node = time_block.node
    time_node = node.css_first("time[datetime]") if node is not None else None
    if time_node is not None and normalize_space(time_node.text()) == time_block.text:
        published = parse_machine_date(attr(time_node, "datetime"))
    return FeedItem(
        headline=headline.text,
        url=absolute_url(href, base),
        summary=blocks[summary_index].text if summary_index is not None else None,
        time_text=time_block.text,
        published_at=published,
    )


def live_blog_updates(article: dict[str, Any] | None, base: str | None) -> list[FeedItem]:
    """Updates of a JSON-LD LiveBlogPosting, newest first as the page lists them."""
    if not article:
        return []
    items: list[FeedItem] = []
    for update in jsonld.as_list(article.get("liveBlogUpdate")):
        if not isinstance(update, dict):
            continue
        headline = jsonld.first_text(update.get("headline"))
        body = jsonld.first_text(update.get("articleBody"))
        if not headline and not body:
            continue
        shown = jsonld.first_text(update.get("datePublished"))
        items.append(
            FeedItem(
                headline=normalize_space(headline or body or ""),
                url=absolute_url(jsonld.first_text(update.get("url")), base),
                summary=normalize_space(body) if headline and body else None,
                time_text=shown,
                published_at=parse_machine_date(shown),
            )
        )
    return items
