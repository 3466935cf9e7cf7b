"""Feed items: timed lists (a "News Feed" or "Latest" widget, a ticker, live-blog updates,
the dated teasers of a listing page). Lists of repeated cards that each hold a time and a
headline come from :mod:`newsparse.fields.timed_cards`; without such markup, this module reads
runs of a time line, a headline and an optional summary, and lines that open with a time. Also
JSON-LD ``LiveBlogPosting.liveBlogUpdate``."""

from __future__ import annotations

from typing import Any

from newsparse.blocks import TextBlock
from newsparse.chrome_lines import classify_line
from newsparse.dom import Node, absolute_url, attr, normalize_space
from newsparse.fields.dates import parse_machine_date
from newsparse.fields.feed_parts import (
    LEADING_TIME,
    MAX_HEADLINE_CHARS,
    MAX_SUMMARY_CHARS,
    MAX_SUMMARY_LINK_DENSITY,
    MIN_FEED_ITEMS,
    FeedResult,
    is_time_line,
    time_element_date,
)
from newsparse.fields.timed_cards import timed_cards
from newsparse.models import FeedItem
from newsparse.structured import jsonld

# Names other modules import from here; they are defined in feed_parts.
__all__ = [
    "MIN_FEED_ITEMS",
    "FeedResult",
    "find_feed_items",
    "is_time_line",
    "live_blog_updates",
    "with_live_blog_updates",
]


def find_feed_items(blocks: list[TextBlock], base: str | None) -> FeedResult:
    """Lists of timed cards, then runs of (time, headline, summary?) groups, then lines that
    open with a time, anywhere on the page."""
    result, declined = timed_cards(blocks, base)
    index = 0
    while index < len(blocks):
        if index in result.used or index in declined:
            index += 1
            continue
        groups = _groups_from(blocks, index, result.used | declined)
        if len(groups) >= MIN_FEED_ITEMS:
            for time_index, headline_index, summary_index in groups:
                result.items.append(_item(blocks, time_index, headline_index, summary_index, base))
                result.used.update(
                    i for i in (time_index, headline_index, summary_index) if i is not None
                )
            index = max(i for group in groups for i in group if i is not None) + 1
        else:
            index += 1
    inline = _items_with_leading_times(blocks, base, result.used | declined)
    result.items.extend(inline.items)
    result.used.update(inline.used)
    result.items = _unique(result.items)
    return result


def _unique(items: list[FeedItem]) -> list[FeedItem]:
    """One record per story: carousels and responsive layouts print the same list twice."""
    seen: set[tuple[str | None, str]] = set()
    unique = []
    for item in items:
        key = (item.url, item.headline.casefold())
        if key not in seen:
            seen.add(key)
            unique.append(item)
    return unique


def _items_with_leading_times(
    blocks: list[TextBlock], base: str | None, skip: set[int]
) -> FeedResult:
    """Lists and runs of lines that each open with a time ("14:05 Man charged ..."), the
    time and the headline in one line."""
    result = FeedResult()
    run: list[int] = []
    summaries: dict[int, int] = {}  # run line -> the summary under it

    def close_run() -> None:
        if len(run) >= MIN_FEED_ITEMS:
            for index in run:
                item = _leading_time_item(blocks[index].text, blocks[index], base)
                result.used.add(index)
                if index in summaries:
                    item.summary = blocks[summaries[index]].text
                    result.used.add(summaries[index])
                result.items.append(item)
        run.clear()
        summaries.clear()

    for index, block in enumerate(blocks):
        if index in skip:
            close_run()
            continue
        if run and run[-1] == index - 1 and _summary_under(blocks[run[-1]], block):
            summaries[run[-1]] = index  # "12:20 Title" linked, its teaser text under it
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


def _summary_under(line: TextBlock, block: TextBlock) -> bool:
    """Whether ``block`` is the teaser text of a linked "time + headline" line above it."""
    return (
        bool(line.links)
        and block.tag == "p"
        and len(block.text) <= MAX_SUMMARY_CHARS
        and block.link_density <= MAX_SUMMARY_LINK_DENSITY
        and not LEADING_TIME.match(block.text)
    )


def _leading_time_item(
    line: str, block: TextBlock, base: str | None, position: int | None = None
) -> FeedItem:
    match = LEADING_TIME.match(line)
    assert match is not None
    shown, headline = match.group(1).strip(), match.group(2).strip()
    holder = block.node
    if holder is not None and position is not None:
        items = [n for n in holder.iter() if n.tag == "li"]
        holder = items[position] if position < len(items) else None
    # The item's own link: its text is in the line ("<a><time>4:12pm</time>Title</a>" too).
    href = next((h for text, h in _links_of(holder, block) if text and text in line), None)
    published = time_element_date(holder, shown)
    return FeedItem(
        headline=headline,
        url=absolute_url(href, base),
        time_text=shown,
        published_at=published,
    )


def _links_of(holder: Node | None, block: TextBlock) -> list[tuple[str, str]]:
    if holder is None or holder is block.node:
        return block.links
    return [(normalize_space(a.text()), attr(a, "href")) for a in holder.css("a[href]")]


def _groups_from(
    blocks: list[TextBlock], start: int, skip: set[int]
) -> list[tuple[int, int, int | None]]:
    groups: list[tuple[int, int, int | None]] = []
    index = start
    while (
        index + 1 < len(blocks)
        and not skip.intersection((index, index + 1))
        and is_time_line(blocks[index].text)
    ):
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
        if (
            summary_index in skip
            or (summary_index < len(blocks) and _ends_list(blocks[summary_index]))
        ) or (
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
    published = time_element_date(time_block.node, time_block.text)
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


def with_live_blog_updates(items: list[FeedItem], updates: list[FeedItem]) -> list[FeedItem]:
    """Feed items read from the page, completed from the JSON-LD updates of the same headline
    (the page shows "14:32 Uhr"; JSON-LD has the full date and the permalink). Without items on
    the page, the JSON-LD updates themselves."""
    if not items:
        return updates
    by_headline = {normalize_space(u.headline).casefold(): u for u in updates}
    completed = []
    for item in items:
        update = by_headline.get(normalize_space(item.headline).casefold())
        if update is not None:
            item = item.model_copy(
                update={
                    "published_at": item.published_at or update.published_at,
                    "url": item.url or update.url,
                }
            )
        completed.append(item)
    return completed
