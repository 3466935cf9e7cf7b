"""Feed items: timed lists (a "News Feed" or "Latest" widget, a ticker, live-blog updates,
the dated teasers of a listing page) recognised by structure: three or more repeated sibling
elements ("cards") that each hold a time and a headline, or, without such markup, repeated runs
of a time line, a headline and an optional summary. Also JSON-LD
``LiveBlogPosting.liveBlogUpdate``."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import urljoin

from newsparse import vocab
from newsparse.blocks import TextBlock
from newsparse.chrome import classify_line
from newsparse.dom import BLOCK_TAGS, Node, absolute_url, attr, normalize_space
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
# A card is a teaser or a live-blog update, not a story: an element this large that holds a
# time is a whole article around its dateline, not one item of a list.
MAX_CARD_BLOCKS = 12
MAX_CARD_CHARS = 4000
# A meta line holds the time and a little more ("11:02 a.m. Marcus Bell").
MAX_META_LINE_CHARS = 80
# ... and its <time> is among the first few child elements of its container.
MAX_RUN_CHILDREN = 6
# Between two cards of one list: a section heading, a "See all" link, at most this many blocks.
MAX_CARD_GAP_BLOCKS = 2
# A headline that is not a heading is a link ("<a>Title</a>" in a div), mostly.
CARD_HEADLINE_MIN_LINK_DENSITY = 0.7
# The median headline of a list has at least this many words (or, in scripts written without
# spaces, characters).
MIN_HEADLINE_WORDS = 3
MIN_UNSPACED_HEADLINE_CHARS = 12
# A card's summary is a sentence, not an author's name or a comment count.
MIN_CARD_SUMMARY_CHARS = 25
# Blocks that can carry a card's summary.
_SUMMARY_TAGS = frozenset({"p", "run", "quote", "list"})
# Comment threads repeat a time and a name per comment too: they are not news items. A box
# marked as related articles holds related links, dated or not.
_NO_CARD_ZONES = frozenset({"comments", "related"})
# A label over a list is this short ("More stories like this one", "Related coverage").
MAX_LABEL_CHARS = 60
_RELATED_PREFIXES = tuple(
    sorted({*vocab.RELATED_LABELS, *vocab.RELATED_HEADING_PREFIXES}, key=len, reverse=True)
)
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


def find_feed_items(blocks: list[TextBlock], base: str | None) -> FeedResult:
    """Lists of timed cards, then runs of (time, headline, summary?) groups, then lines that
    open with a time, anywhere on the page."""
    result, declined = _timed_cards(blocks, base)
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


@dataclass(frozen=True)
class _Card:
    """One repeated element of a timed list, as block indexes."""

    element: Node
    first: int
    last: int
    time_index: int
    shown: str
    headline_index: int
    summary_indexes: tuple[int, ...]


def _timed_cards(blocks: list[TextBlock], base: str | None) -> tuple[FeedResult, set[int]]:
    """Teaser cards and live-blog updates: sibling elements that each hold one time, a
    headline and maybe a summary, three or more in a row. Each time's card is the largest
    element around it that holds no other time; the order of time and headline inside the
    card does not matter ("18 mins ago" under its teaser belongs to that teaser).

    Also returns the blocks of card lists judged not to be feeds (related teasers, comment
    threads): the line-by-line finders must not pair their times up differently."""
    times = [
        (index, shown)
        for index, block in enumerate(blocks)
        if (shown := _shown_time(block)) is not None
    ]
    cards: list[_Card] = []
    for position, (index, shown) in enumerate(times):
        # In document order the nearest other time shares the deepest ancestor with this one.
        neighbours = [times[j][0] for j in (position - 1, position + 1) if 0 <= j < len(times)]
        card = _card_around(blocks, index, shown, neighbours)
        if card is not None and (not cards or card.first > cards[-1].last):
            cards.append(card)
    result = FeedResult()
    declined: set[int] = set()
    for run in _card_runs(cards):
        if len(run) < MIN_FEED_ITEMS:
            continue
        blocks_of_run = {i for card in run for i in range(card.first, card.last + 1)}
        if (
            not _headlines_read_as_such(blocks, run)
            or _under_related_label(blocks, run[0].first)
            or _mostly_in_zones(blocks, run, _NO_CARD_ZONES)
        ):
            declined |= blocks_of_run
            continue
        result.items.extend(_card_item(blocks, card, base) for card in run)
        result.used |= blocks_of_run
    return result, declined


def _headlines_read_as_such(blocks: list[TextBlock], run: list[_Card]) -> bool:
    """Headlines are phrases; a run of names ("Bibi", "Nixe": forum posts) or of one-word
    section labels is something else."""
    words = sorted(_word_count(blocks[card.headline_index].text) for card in run)
    return words[len(words) // 2] >= MIN_HEADLINE_WORDS


def _word_count(text: str) -> int:
    if " " not in text and len(text) >= MIN_UNSPACED_HEADLINE_CHARS:
        return MIN_HEADLINE_WORDS  # Japanese and Chinese headlines have no spaces to count
    return len(text.split())


def _mostly_in_zones(blocks: list[TextBlock], run: list[_Card], zones: frozenset[str]) -> bool:
    """Most cards of the run sit in such zones (one opinion card named "comment" in a list of
    news does not make the list a comment thread)."""
    inside = sum(1 for card in run if blocks[card.time_index].zone in zones)
    return 2 * inside > len(run)


def _under_related_label(blocks: list[TextBlock], first: int) -> bool:
    """Dated teasers under "Related" or "More stories like this" are related links."""
    for index in range(max(0, first - MAX_CARD_GAP_BLOCKS), first):
        label = blocks[index].text.strip(" :–—-»>").casefold()
        if len(label) <= MAX_LABEL_CHARS and any(
            label == prefix or label.startswith(prefix + " ") for prefix in _RELATED_PREFIXES
        ):
            return True
    return False


def _shown_time(block: TextBlock) -> str | None:
    """The time a block shows when the block is a time line, or a short meta line that opens
    with a <time> element ("11:02 a.m. Marcus Bell")."""
    text = block.text
    if block.tag == "list":
        return None
    if is_time_line(text):
        return text
    if len(text) > MAX_META_LINE_CHARS or block.node is None:
        return None
    node = _own_time_node(block)
    shown = normalize_space(node.text()) if node is not None else ""
    return shown if shown and text.startswith(shown) and is_time_line(shown) else None


def _own_time_node(block: TextBlock) -> Node | None:
    """The <time> element inside a block. A loose-text run's node is its container, which may
    hold the whole page: only its first few inline children are looked into."""
    node = block.node
    if node is None:
        return None
    if block.tag != "run":
        return node.css_first("time")
    for count, child in enumerate(node.iter()):
        if count >= MAX_RUN_CHILDREN:
            break
        if child.tag in BLOCK_TAGS:
            continue  # its text is a block of its own, not this run
        found = child if child.tag == "time" else child.css_first("time")
        if found is not None:
            return found
    return None


def _common_depth(a: tuple[int, ...], b: tuple[int, ...]) -> int:
    depth = 0
    for left, right in zip(a, b, strict=False):
        if left != right:
            break
        depth += 1
    return depth


def _card_around(
    blocks: list[TextBlock], index: int, shown: str, neighbours: list[int]
) -> _Card | None:
    block = blocks[index]
    path = block.path
    depth = max((_common_depth(path, blocks[n].path) for n in neighbours), default=0)
    if depth >= len(path) or block.node is None:
        return None  # the time's own element holds another time
    element: Node | None = block.node
    for _ in range(len(path) - 1 - depth):
        element = element.parent if element is not None else None
    if element is None or element.mem_id != path[depth]:
        return None
    # Scan out from the time no further than a card can reach: the cost stays bounded on a
    # page of thousands of dated lines.
    first, last = index, index
    while first > 0 and _inside(blocks[first - 1], depth, path[depth]):
        first -= 1
        if last - first >= MAX_CARD_BLOCKS:
            return None
    while last + 1 < len(blocks) and _inside(blocks[last + 1], depth, path[depth]):
        last += 1
        if last - first >= MAX_CARD_BLOCKS:
            return None
    if sum(len(blocks[i].text) for i in range(first, last + 1)) > MAX_CARD_CHARS:
        return None
    members = [i for i in range(first, last + 1) if i != index]
    candidates = [i for i in members if _is_card_headline(blocks[i])]
    # A kicker ("Crónica", "Opinion") can be a heading too: the headline is the longer one.
    headings = [i for i in candidates if blocks[i].tag == "heading"]
    headline = max(headings, key=lambda i: len(blocks[i].text), default=None)
    if headline is None:
        headline = next(iter(candidates), None)
    if headline is None or blocks[headline].level == 1:
        return None  # no headline, or the page's own: not a card
    anchor = blocks[headline].anchor
    summaries = tuple(i for i in members if i > headline and _is_card_summary(blocks[i], anchor))
    return _Card(element, first, last, index, shown, headline, summaries)


def _inside(block: TextBlock, depth: int, element_id: int) -> bool:
    return len(block.path) > depth and block.path[depth] == element_id


def _is_card_headline(block: TextBlock) -> bool:
    text = block.text
    if len(text) > MAX_HEADLINE_CHARS or is_time_line(text) or classify_line(text) is not None:
        return False
    return block.tag == "heading" or (
        block.tag in ("p", "run") and block.link_density >= CARD_HEADLINE_MIN_LINK_DENSITY
    )


def _is_card_summary(block: TextBlock, headline_anchor: str | None) -> bool:
    """Prose under the headline; inside the headline's own link when one <a> wraps both."""
    return (
        block.tag in _SUMMARY_TAGS
        and len(block.text) >= MIN_CARD_SUMMARY_CHARS
        and (
            block.link_density <= MAX_SUMMARY_LINK_DENSITY
            or (headline_anchor is not None and block.anchor == headline_anchor)
        )
        and not is_time_line(block.text)
        and classify_line(block.text) is None
    )


def _card_runs(cards: list[_Card]) -> list[list[_Card]]:
    """Cards in a row that look alike (same tag, a class in common) with little between."""
    runs: list[list[_Card]] = []
    for card in cards:
        if runs and _continues(runs[-1][-1], card):
            runs[-1].append(card)
        else:
            runs.append([card])
    return runs


def _continues(previous: _Card, card: _Card) -> bool:
    if previous.element.tag != card.element.tag:
        return False
    if card.first - previous.last - 1 > MAX_CARD_GAP_BLOCKS:
        return False
    before = set(attr(previous.element, "class").split())
    after = set(attr(card.element, "class").split())
    return before == after or bool(before & after)


def _card_item(blocks: list[TextBlock], card: _Card, base: str | None) -> FeedItem:
    headline, time_block = blocks[card.headline_index], blocks[card.time_index]
    href = next((h for _, h in headline.links if h), None) or next(
        (h for _, h in time_block.links if h), None
    )
    url = absolute_url(href, base) if href and not href.startswith("#") else None
    if url is None:
        # A live-blog update links to itself: "#update-106" on its time or a "Copy link".
        fragment = href if href and href.startswith("#") else _permalink(blocks, card)
        url = urljoin(base, fragment) if fragment and base else None
    summary = "\n\n".join(blocks[i].text for i in card.summary_indexes)
    return FeedItem(
        headline=headline.text,
        url=url,
        summary=summary or None,
        time_text=card.shown,
        published_at=_date_behind(_own_time_node(time_block), card.shown),
    )


def _permalink(blocks: list[TextBlock], card: _Card) -> str | None:
    for index in range(card.first, card.last + 1):
        for _, href in blocks[index].links:
            if len(href) > 1 and href.startswith("#"):
                return href
    return None


def _time_element_date(node: Node | None, shown: str) -> datetime | None:
    return _date_behind(node.css_first("time[datetime]") if node is not None else None, shown)


def _date_behind(time_node: Node | None, shown: str) -> datetime | None:
    """The <time datetime> value behind a shown time, when the element shows exactly that
    text. A bare day behind a clock time ("2024-06-12" behind "11:58 AM") is no full date."""
    if time_node is None or normalize_space(time_node.text()) != shown:
        return None
    value = attr(time_node, "datetime")
    if _DATE_ONLY.fullmatch(value) and TIME_LINE.match(shown):
        return None
    return parse_machine_date(value)


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
    shown, headline = match.group(1).strip(), match.group(2).strip()
    holder = block.node
    if holder is not None and position is not None:
        items = [n for n in holder.iter() if n.tag == "li"]
        holder = items[position] if position < len(items) else None
    # The item's own link: its text is in the line ("<a><time>4:12pm</time>Title</a>" too).
    href = next((h for text, h in _links_of(holder, block) if text and text in line), None)
    published = _time_element_date(holder, shown)
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
    published = _time_element_date(time_block.node, time_block.text)
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
