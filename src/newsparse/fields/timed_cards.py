"""Timed cards: teaser cards and live-blog updates found by structure, three or more repeated
sibling elements that each hold one time and a headline (and maybe a summary). Also tells which
card lists are not feeds (related teasers, comment threads), so the line finders of
:mod:`newsparse.fields.feed` leave their times alone."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urljoin

from newsparse import vocab
from newsparse.blocks import TextBlock, common_depth
from newsparse.chrome_lines import classify_line
from newsparse.dom import BLOCK_TAGS, Node, absolute_url, attr, label_key, normalize_space
from newsparse.fields.feed_parts import (
    MAX_HEADLINE_CHARS,
    MAX_SUMMARY_LINK_DENSITY,
    MIN_FEED_ITEMS,
    FeedResult,
    date_behind,
    is_time_line,
)
from newsparse.models import FeedItem

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


def timed_cards(blocks: list[TextBlock], base: str | None) -> tuple[FeedResult, set[int]]:
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
        label = label_key(blocks[index].text)
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


def _card_around(
    blocks: list[TextBlock], index: int, shown: str, neighbours: list[int]
) -> _Card | None:
    block = blocks[index]
    path = block.path
    depth = max((common_depth(path, blocks[n].path) for n in neighbours), default=0)
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
        published_at=date_behind(_own_time_node(time_block), card.shown),
    )


def _permalink(blocks: list[TextBlock], card: _Card) -> str | None:
    for index in range(card.first, card.last + 1):
        for _, href in blocks[index].links:
            if len(href) > 1 and href.startswith("#"):
                return href
    return None
