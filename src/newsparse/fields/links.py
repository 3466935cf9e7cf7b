"""Related links: "Read also:" inserts; the teasers listed under a related label ("Related
stories", "Mehr zum Thema", "More from Business"), kickers and meta lines left out; teaser
cards (a linked headline over a summary that trails off in "…", or one link around a heading
and its summary); and on listing pages, the untimed teasers (timed ones are feed items).

Not related links: tag rows and links to tag, topic or author pages, links to paid content or
a site's home page, and cards that lead to another site."""

from __future__ import annotations

from dataclasses import dataclass, field

from newsparse.blocks import TextBlock, common_depth
from newsparse.chrome_lines import classify_line
from newsparse.dom import Node, absolute_url
from newsparse.fields import byline, cards
from newsparse.fields.feed import is_time_line
from newsparse.fields.related_sections import (
    article_cards_after,
    cards_from_tree,
    listed_under,
    opens_related_section,
    section_is_empty,
)
from newsparse.fields.teaser_parts import (
    MAX_SUMMARY_CHARS,
    MAX_TITLE_CHARS,
    MIN_TITLE_WORDS,
    TITLE_MIN_LINK_DENSITY,
    TRAILS_OFF,
    card_summary,
    has_related_label,
    is_kicker,
    is_meta_line,
    is_related_heading,
    is_summary,
    is_title,
    is_title_text,
    same_site,
    strip_label,
    url_host,
)
from newsparse.models import Link

# A card wrapped in one link holds a label, a headline, a summary and a time at most; more
# blocks or more text under one link is a wrapped section, not a card.
MAX_CARD_BLOCKS = 5
MAX_CARD_CHARS = 800
# Cards are related links in the story and in related boxes; a sidebar's are the site's
# (most read, latest) and a feed's are feed items.
CARD_ZONES = frozenset({None, "related"})
# A page with less story text than this (unlinked prose not under a headline) and at least
# LISTING_MIN_TEASERS linked headlines is a listing: its untimed teasers are related links.
LISTING_MAX_STORY_CHARS = 400
STORY_LINK_DENSITY = 0.3
LISTING_MIN_TEASERS = 6
# A card's time sits within this many blocks of its title.
CARD_SCAN_BLOCKS = 3


@dataclass
class LinksResult:
    links: list[Link] = field(default_factory=list)
    used: set[int] = field(default_factory=set)


def find_related(
    blocks: list[TextBlock],
    skip: set[int],
    base: str | None,
    page_url: str | None,
    root: Node | None = None,
) -> LinksResult:
    """Related links found in the blocks; with ``root`` (the tree the blocks came from), a
    listing page's card lists that the walk skipped are read from the tree too."""
    result = LinksResult()
    seen: set[str] = set()

    def add(index: int | None, title: str, href: str | None, summary: str | None = None) -> None:
        url = absolute_url(href, base)
        key = url or title.casefold()
        if key in seen or (url and page_url and url.rstrip("/") == page_url.rstrip("/")):
            return
        if url and (cards.is_sponsored_url(url) or cards.is_site_root(url)):
            return
        seen.add(key)
        result.links.append(Link(title=title, url=url, summary=summary))
        if index is not None:
            result.used.add(index)

    site = url_host(base)
    few_paragraphs, teasers = _listing_evidence(blocks)
    listing = few_paragraphs and teasers >= LISTING_MIN_TEASERS
    unwalked: list[cards.Card] = []
    if few_paragraphs and root is not None:
        walked = {mem_id for block in blocks for mem_id in block.path}
        unwalked = [
            card
            for found in cards.card_lists(root, walked)
            for card in found
            if same_site(card.href, base, site) and is_title_text(card.title)
        ]
        listing = listing or teasers + len(unwalked) >= LISTING_MIN_TEASERS
    for index, block in enumerate(blocks):
        if index in skip or index in result.used:
            continue
        if opens_related_section(block):
            # "Mehr zum Thema" / "Related stories" over a list of links: each link is a record.
            listed = listed_under(blocks, index, skip)
            if not listed.links and section_is_empty(blocks, index):
                listed = cards_from_tree(block, base)
            if not listed.links and not is_related_heading(block.text):
                continue  # "More in the report" over prose: a subheading, which lists nothing
            for item in listed.links:
                add(max(item.index, index), item.title, item.href, item.summary)
            result.used.update(listed.used)
            result.used.add(index)
            result.used.update(article_cards_after(blocks, index, skip | result.used))
            continue
        card = _anchored_card(blocks, index, skip)
        if card is not None and same_site(card.href, base, site):
            add(index, card.title, card.href, card.summary)
            result.used.update(card.indexes)
            continue
        if not block.links:
            continue
        href = next((h for _, h in block.links if h), None)
        if has_related_label(block.text) and block.link_density >= TITLE_MIN_LINK_DENSITY / 2:
            add(index, strip_label(block.text), href)
            continue
        if not is_title(block):
            continue
        summary_index = index + 1
        if summary_index < len(blocks) and summary_index not in skip:
            teaser = blocks[summary_index]
            same_card = teaser.anchor is not None and teaser.anchor == block.anchor
            # A summary sits in its title's card: never a heading, never across a zone edge
            # (the sidebar's "News Feed" label after the last related card).
            in_card = teaser.tag != "heading" and teaser.zone_id == block.zone_id
            if (
                in_card
                and (is_summary(teaser) or (same_card and not is_time_line(teaser.text)))
                and (
                    TRAILS_OFF.search(teaser.text)
                    or block.zone == "related"
                    or (
                        href is not None
                        and _is_lone_card(blocks, index, summary_index)
                        and same_site(href, base, site)
                    )
                )
            ):
                add(index, block.text, href, teaser.text)
                result.used.add(summary_index)
                continue
        if (
            href is not None
            and _is_kicked_lone_title(blocks, index, skip)
            and same_site(href, base, site)
        ):
            # A card of its own inside the story: a kicker over a linked headline, no summary.
            add(index, block.text, href)
            result.used.add(index - 1)
            continue
        if block.zone == "related":
            add(index, block.text, href)
        elif (
            listing
            and block.zone is None
            and len({h for _, h in block.links}) == 1  # a row of links is a toolbar
            and not _card_is_timed(blocks, index)
        ):
            # A listing page's untimed teasers (the timed ones are feed items): a headline, or
            # a linked line with a summary under it (a lone linked line is a prompt or a menu).
            summary = card_summary(blocks, summary_index, skip)
            if summary is not None or block.tag == "heading":
                add(index, block.text, href, summary)
            if summary is not None:
                result.used.add(summary_index)
    if listing:
        for listed_card in unwalked:
            add(None, listed_card.title, listed_card.href, listed_card.summary)
    return result


def _listing_evidence(blocks: list[TextBlock]) -> tuple[bool, int]:
    """(whether the page has hardly any story text, how many linked headlines it has). Story
    text is unlinked prose that does not sit right under a headline (a teaser's summary does)."""
    story_chars = teasers = 0
    after_title = False
    for block in blocks:
        if block.zone is not None:
            continue
        if is_title(block):
            teasers += 1
            after_title = True
            continue
        if (
            not after_title
            and block.link_density <= STORY_LINK_DENSITY
            and not is_time_line(block.text)
        ):
            story_chars += len(block.text)
            if story_chars >= LISTING_MAX_STORY_CHARS:
                return False, teasers
        after_title = False
    return True, teasers


def _is_lone_card(blocks: list[TextBlock], title: int, summary: int) -> bool:
    """A teaser card without markup cues, <div><div><a>Title</a></div><p>Summary</p></div>:
    the linked title and its summary are the only blocks of the smallest container that
    holds both. (Inside a story, that container holds the story's other paragraphs too.)"""
    first = blocks[title].path
    shared = common_depth(first, blocks[summary].path)
    if shared == 0:
        return False
    card = first[:shared]
    before = blocks[title - 1].path[:shared] if title > 0 else ()
    after = blocks[summary + 1].path[:shared] if summary + 1 < len(blocks) else ()
    return before != card and after != card


def _is_kicked_lone_title(blocks: list[TextBlock], index: int, skip: set[int]) -> bool:
    """A linked title under its kicker, the two alone in the smallest container that holds
    both (a teaser card set between a story's paragraphs)."""
    return (
        index > 0
        and index - 1 not in skip
        and is_kicker(blocks, index - 1)
        and _is_lone_card(blocks, index - 1, index)
    )


def _card_is_timed(blocks: list[TextBlock], index: int) -> bool:
    """Whether the card around a teaser title shows a time ("18 mins ago"): a time line among
    the few blocks beside the title that share its container."""
    block = blocks[index]
    card = block.path if block.tag == "run" else block.path[:-1]
    first = max(0, index - CARD_SCAN_BLOCKS)
    for near in blocks[first : index + CARD_SCAN_BLOCKS + 1]:
        if near.path[: len(card)] == card and is_time_line(near.text):
            return True
    return False


@dataclass
class _Card:
    title: str
    href: str
    summary: str | None
    indexes: set[int]


def _anchored_card(blocks: list[TextBlock], index: int, skip: set[int]) -> _Card | None:
    """A teaser card that is one link around a headline and its summary (a label above them
    is part of the card): the blocks that share the link, when one of them is a heading.
    Blocks already claimed (a date line) stay in the card but are no title or summary."""
    href = blocks[index].anchor
    if href is None or blocks[index].zone not in CARD_ZONES:
        return None
    end = index
    while end + 1 < len(blocks) and blocks[end + 1].anchor == href:
        end += 1
        if end + 1 - index > MAX_CARD_BLOCKS:
            return None  # stop counting: a link around many blocks is a section (and linear)
    members = [i for i in range(index, end + 1) if i not in skip]
    group = [blocks[i] for i in members]
    if sum(len(b.text) for b in group) > MAX_CARD_CHARS or any(
        classify_line(blocks[i].text) is not None for i in range(index, end + 1)
    ):
        return None  # a wrapped section, or a sign-up box ("Sign up for our emails")
    heading = next(
        (
            i
            for i, b in enumerate(group)
            if b.tag == "heading"
            and is_title_text(b.text)
            and not byline.starts_with_prefix(b.text)
        ),
        None,
    )
    if heading is None:
        return None
    if heading + 1 < len(group) and _is_kicker_heading(group[heading], group[heading + 1]):
        heading += 1  # "Internet of Things" over the headline: a section name as kicker
    summary = next(
        (
            b.text
            for b in group[heading + 1 :]
            if len(b.text.split()) >= cards.MIN_SUMMARY_WORDS
            and len(b.text) <= MAX_SUMMARY_CHARS
            and not is_time_line(b.text)
            and not is_meta_line(b.text)
        ),
        None,
    )
    return _Card(group[heading].text, href, summary, set(members))


def _is_kicker_heading(heading: TextBlock, following: TextBlock) -> bool:
    """A short heading over a longer line that reads as a headline (no closing full stop):
    the heading names the section, the line is the card's title."""
    return (
        len(heading.text.split()) <= cards.KICKER_MAX_WORDS
        and len(following.text) > len(heading.text)
        and len(following.text) <= MAX_TITLE_CHARS
        and len(following.text.split()) >= MIN_TITLE_WORDS
        and not cards.ends_sentence(following.text)
    )
