"""Related sections: a related label ("Related stories", "Mehr zum Thema Hafen", "More from
Business") over the teasers it lists, read from the blocks (titles, their summaries and
kickers), from the <article> cards after it, or from the tree when the walk skipped them."""

from __future__ import annotations

from dataclasses import dataclass, field

from newsparse import vocab
from newsparse.blocks import TextBlock
from newsparse.dom import Node
from newsparse.fields import cards
from newsparse.fields.feed import is_time_line
from newsparse.fields.teaser_parts import (
    TITLE_MIN_LINK_DENSITY,
    card_summary,
    has_related_label,
    is_kicker,
    is_meta_line,
    is_related_heading,
    is_tag_row,
    is_title_text,
    listed_titles,
    same_site,
    url_host,
)

# Links listed under one related heading, at most (a longer run is a link farm or a nav).
MAX_LISTED_LINKS = 12
# Zones a related list may sit in whatever zone its label is in (a sidebar list under a
# "Related" label); a comment list or a feed after the label ends the list.
LISTED_ZONES = (None, "related", "sidebar")
# Blocks read after a related heading, at most (titles, summaries and kickers of its cards).
MAX_SECTION_BLOCKS = 3 * MAX_LISTED_LINKS
# "More from Business" names a section; a longer heading that opens so is a sentence.
MAX_NAMED_HEADING_WORDS = 5


@dataclass
class Item:
    index: int
    title: str
    href: str | None
    summary: str | None = None


@dataclass
class Listed:
    links: list[Item] = field(default_factory=list)
    used: set[int] = field(default_factory=set)


# A paragraph this long right before a related label is the story's: the label is inline.
INLINE_STORY_CHARS = 200
# Blocks read past a related heading for the <article> cards it heads (a card holds a few).
MAX_CARD_SECTION_BLOCKS = 4 * MAX_SECTION_BLOCKS


def opens_related_section(block: TextBlock) -> bool:
    """A related label over a list ("Related stories", "More from Business"). A label that is
    a link outside a heading ("Weitere Artikel" under a box) ends a list: it opens none."""
    if block.tag != "heading" and block.link_density >= TITLE_MIN_LINK_DENSITY:
        return False
    return (
        is_related_heading(block.text)
        or _is_named_related_heading(block)
        or _is_topic_related_label(block)
    )


def _is_topic_related_label(block: TextBlock) -> bool:
    """A box label that opens with a related label and names the topic ("Mehr zum Thema
    Hitzeschutz", "Read more about the harbour"): a few unlinked words, no sentence."""
    return (
        block.link_density == 0
        and len(block.text.split()) <= MAX_NAMED_HEADING_WORDS
        and not cards.ends_sentence(block.text)
        and has_related_label(block.text)
    )


def _is_named_related_heading(block: TextBlock) -> bool:
    """A heading such as "More from Business": a related label naming the links' source."""
    if block.tag != "heading" or len(block.text.split()) > MAX_NAMED_HEADING_WORDS:
        return False
    folded = block.text.casefold()
    return not cards.ends_sentence(block.text) and any(
        folded.startswith(prefix + " ") for prefix in vocab.RELATED_HEADING_PREFIXES
    )


def listed_under(blocks: list[TextBlock], index: int, skip: set[int]) -> Listed:
    """The teasers listed in a related heading's section: linked titles, each with the short
    unlinked summary under it, and kickers ("Retail") set above them."""
    listed = Listed()
    section = blocks[index].path[:-1]
    zone = blocks[index].zone
    # A label set among the story's own paragraphs ("Leggi anche" between two of them): the
    # paragraph after its teaser is the story going on, not the teaser's summary.
    before = blocks[index - 1] if index > 0 else None
    inline = (
        before is not None
        and before.tag == "p"
        and before.path[:-1] == section
        and len(before.text) >= INLINE_STORY_CHARS
    )
    pending: Item | None = None
    follower = index + 1
    while follower < min(len(blocks), index + 1 + MAX_SECTION_BLOCKS):
        block = blocks[follower]
        if (
            block.path[: len(section)] != section
            or block.zone not in (zone, *LISTED_ZONES)
            or is_tag_row(block)
        ):
            break
        if follower in skip:
            # Claimed already (a card picture's credit line, a time): the list goes on.
            follower += 1
            continue
        linked_items = _linked_items(block) if block.link_density < TITLE_MIN_LINK_DENSITY else None
        if linked_items:
            # Each item is the teaser's title, its link on part of the words.
            listed.links.extend(Item(follower, t, h) for t, h in linked_items)
            pending = None
        elif block.link_density >= TITLE_MIN_LINK_DENSITY:
            items = [Item(follower, t, h) for t, h in listed_titles(block)]
            if not items and listed.links:
                listed.used.add(follower)
                break  # "See all", "Weitere Artikel": the link that closes the list
            listed.links.extend(items)
            pending = items[0] if len(items) == 1 else None
        elif is_kicker(blocks, follower):
            pending = None
        elif listed.links and (is_time_line(block.text) or is_meta_line(block.text)):
            pass  # a card's date or byline line
        elif (
            pending is not None
            and not (inline and block.path[:-1] == section)
            and card_summary(blocks, follower, skip) is not None
        ):
            pending.summary = block.text
            pending = None
        else:
            break
        listed.used.add(follower)
        follower += 1
    return listed


def _linked_items(block: TextBlock) -> list[tuple[str, str]] | None:
    """(item, href) of a list whose every item links a story on part of its words ("Could an
    astronaut lost in space <a>use gravity to get around</a>?"); None for any other block."""
    if block.tag != "list" or len(block.items) < 2 or len(block.links) < len(block.items):
        return None
    found: list[tuple[str, str]] = []
    links = iter(block.links)
    for item in block.items:
        # The item's first link: the next link in order whose words it holds.
        href = next((h for text, h in links if text and text in item), None)
        if href is None:
            return None
        found.append((item, href))
    return found


def cards_from_tree(heading: TextBlock, base: str | None) -> Listed:
    """The cards after a related heading that the block walk did not enter (a list whose
    items a class name made it skip): read from the tree. Only links to the page's own site
    count, so a partner widget's cards are never taken."""
    listed = Listed()
    if heading.node is None:
        return listed
    site = url_host(base)
    for sibling in cards.section_after(heading.node):
        for card in cards.cards_in(sibling):
            if not same_site(card.href, base, site) or not is_title_text(card.title):
                continue
            listed.links.append(Item(-1, card.title, card.href, card.summary))
            if len(listed.links) >= cards.MAX_SECTION_CARDS:
                return listed
    return listed


def section_is_empty(blocks: list[TextBlock], index: int) -> bool:
    """No block of the walk sits in the heading's section after it."""
    section = blocks[index].path[:-1]
    following = blocks[index + 1] if index + 1 < len(blocks) else None
    return following is None or following.path[: len(section)] != section


def article_cards_after(blocks: list[TextBlock], index: int, skip: set[int]) -> set[int]:
    """Blocks of the <article> elements that follow a related heading in its own container
    ("You may like..." over whole other posts, excerpts and all, whose titles need not be
    links): each is another story, none of it this one's body."""
    heading = blocks[index]
    section = heading.path[:-1]
    if heading.node is None or not section:
        return set()
    claimed: set[int] = set()
    for follower in range(index + 1, min(len(blocks), index + 1 + MAX_CARD_SECTION_BLOCKS)):
        block = blocks[follower]
        if block.path[: len(section)] != section:
            break
        if follower in skip:
            continue
        if _card_element(block, section[-1]) is None:
            break
        claimed.add(follower)
    return claimed


def _card_element(block: TextBlock, section_id: int) -> Node | None:
    """The <article> element, child of the section, that holds ``block``; None if none."""
    node = block.node
    while node is not None:
        parent = node.parent
        if parent is None:
            return None
        if parent.mem_id == section_id:
            return node if node.tag == "article" else None
        node = parent
    return None
