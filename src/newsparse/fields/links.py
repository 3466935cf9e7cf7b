"""Related links: "Read also:" inserts; the teasers listed under a related label ("Related
stories", "Mehr zum Thema", "More from Business"), kickers and meta lines left out; teaser
cards (a linked headline over a summary that trails off in "…", or one link around a heading
and its summary); and on listing pages, the untimed teasers (timed ones are feed items).

Not related links: tag rows and links to tag, topic or author pages, links to paid content or
a site's home page, and cards that lead to another site."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from newsparse import vocab
from newsparse.blocks import TextBlock, common_depth
from newsparse.chrome import classify_line
from newsparse.dom import Node, absolute_url, label_key
from newsparse.fields import byline, cards
from newsparse.fields.dates import VISIBLE_DATE
from newsparse.fields.feed import is_time_line
from newsparse.models import Link
from newsparse.patterns import alternation

# A teaser title is a headline: a few words, mostly or wholly a link.
MIN_TITLE_WORDS = 3
MAX_TITLE_CHARS = 200
TITLE_MIN_LINK_DENSITY = 0.7
# A teaser summary is a sentence or two, and trails off when it is an excerpt.
MAX_SUMMARY_CHARS = 600
# A line this short with a date or a byline in it is a card's meta line, not its summary.
MAX_META_LINE_CHARS = 80
# Links listed under one related heading, at most (a longer run is a link farm or a nav).
MAX_LISTED_LINKS = 12
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
# Zones a related list may sit in whatever zone its label is in (a sidebar list under a
# "Related" label); a comment list or a feed after the label ends the list.
LISTED_ZONES = (None, "related", "sidebar")
# Blocks read after a related heading, at most (titles, summaries and kickers of its cards).
MAX_SECTION_BLOCKS = 3 * MAX_LISTED_LINKS
# "More from Business" names a section; a longer heading that opens so is a sentence.
MAX_NAMED_HEADING_WORDS = 5
# A line of this many links or more, mostly too short for headlines, is a tag row.
TAG_ROW_MIN_LINKS = 3
# Titles in non-spaced scripts (Japanese, Chinese) have no words to count: count characters.
MIN_TITLE_CHARS = 12
_LABELS = frozenset(vocab.RELATED_LABELS)
_TRAILS_OFF = re.compile(r"(?:…|\.\.\.)\s*$")
_LABEL = re.compile(
    r"^\s*(?:"
    + alternation(vocab.RELATED_LABELS, longest_first=True)
    + r")\s*(?:[:\-–—|»>]+\s*|\s+(?=\S))",
    re.IGNORECASE,
)


@dataclass
class LinksResult:
    links: list[Link] = field(default_factory=list)
    used: set[int] = field(default_factory=set)


# "More <adjective or site> stories": "More Great WIRED Stories", "More Top Stories".
_MORE_STORIES = re.compile(r"more(?: [^\s]+){0,3} (?:stories|articles|reads)")


def is_related_heading(text: str) -> bool:
    """A line that is only a related-articles label ("Related", "Mehr zum Thema:", "More
    Great WIRED Stories")."""
    key = label_key(text)
    return key in _LABELS or _MORE_STORIES.fullmatch(key) is not None


def strip_label(text: str) -> str:
    return _LABEL.sub("", text, count=1).strip()


def has_related_label(text: str) -> bool:
    return _LABEL.match(text) is not None


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

    site = _host(base)
    few_paragraphs, teasers = _listing_evidence(blocks)
    listing = few_paragraphs and teasers >= LISTING_MIN_TEASERS
    unwalked: list[cards.Card] = []
    if few_paragraphs and root is not None:
        walked = {mem_id for block in blocks for mem_id in block.path}
        unwalked = [
            card
            for found in cards.card_lists(root, walked)
            for card in found
            if _same_site(card.href, base, site) and _is_title_text(card.title)
        ]
        listing = listing or teasers + len(unwalked) >= LISTING_MIN_TEASERS
    for index, block in enumerate(blocks):
        if index in skip or index in result.used:
            continue
        if _opens_related_section(block):
            # "Mehr zum Thema" / "Related stories" over a list of links: each link is a record.
            listed = _listed_under(blocks, index, skip)
            if not listed.links and _section_is_empty(blocks, index):
                listed = _cards_from_tree(block, base)
            if not listed.links and not is_related_heading(block.text):
                continue  # "More in the report" over prose: a subheading, which lists nothing
            for item in listed.links:
                add(max(item.index, index), item.title, item.href, item.summary)
            result.used.update(listed.used)
            result.used.add(index)
            result.used.update(_article_cards_after(blocks, index, skip | result.used))
            continue
        card = _anchored_card(blocks, index, skip)
        if card is not None and _same_site(card.href, base, site):
            add(index, card.title, card.href, card.summary)
            result.used.update(card.indexes)
            continue
        if not block.links:
            continue
        href = next((h for _, h in block.links if h), None)
        if has_related_label(block.text) and block.link_density >= TITLE_MIN_LINK_DENSITY / 2:
            add(index, strip_label(block.text), href)
            continue
        if not _is_title(block):
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
                and (_is_summary(teaser) or (same_card and not is_time_line(teaser.text)))
                and (
                    _TRAILS_OFF.search(teaser.text)
                    or block.zone == "related"
                    or (
                        href is not None
                        and _is_lone_card(blocks, index, summary_index)
                        and _same_site(href, base, site)
                    )
                )
            ):
                add(index, block.text, href, teaser.text)
                result.used.add(summary_index)
                continue
        if (
            href is not None
            and _is_kicked_lone_title(blocks, index, skip)
            and _same_site(href, base, site)
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
            summary = _card_summary(blocks, summary_index, skip)
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
        if _is_title(block):
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


def _same_site(href: str, base: str | None, site: str) -> bool:
    """Whether a link leads to the page's own site (its subdomains included); a card that
    leads elsewhere is a partner's or an advertiser's."""
    url = absolute_url(href, base)
    if url is None:
        return False
    host = _host(url)
    return not site or host == site or host.endswith("." + site) or site.endswith("." + host)


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
        and _is_kicker(blocks, index - 1)
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
            and _is_title_text(b.text)
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
            and not _is_meta_line(b.text)
        ),
        None,
    )
    return _Card(group[heading].text, href, summary, set(members))


@dataclass
class _Item:
    index: int
    title: str
    href: str | None
    summary: str | None = None


@dataclass
class _Listed:
    links: list[_Item] = field(default_factory=list)
    used: set[int] = field(default_factory=set)


# A paragraph this long right before a related label is the story's: the label is inline.
INLINE_STORY_CHARS = 200
# Blocks read past a related heading for the <article> cards it heads (a card holds a few).
MAX_CARD_SECTION_BLOCKS = 4 * MAX_SECTION_BLOCKS


def _article_cards_after(blocks: list[TextBlock], index: int, skip: set[int]) -> set[int]:
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


def _opens_related_section(block: TextBlock) -> bool:
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


def _listed_under(blocks: list[TextBlock], index: int, skip: set[int]) -> _Listed:
    """The teasers listed in a related heading's section: linked titles, each with the short
    unlinked summary under it, and kickers ("Retail") set above them."""
    listed = _Listed()
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
    pending: _Item | None = None
    follower = index + 1
    while follower < min(len(blocks), index + 1 + MAX_SECTION_BLOCKS):
        block = blocks[follower]
        if (
            follower in skip
            or block.path[: len(section)] != section
            or block.zone not in (zone, *LISTED_ZONES)
            or _is_tag_row(block)
        ):
            break
        linked_items = _linked_items(block) if block.link_density < TITLE_MIN_LINK_DENSITY else None
        if linked_items:
            # Each item is the teaser's title, its link on part of the words.
            listed.links.extend(_Item(follower, t, h) for t, h in linked_items)
            pending = None
        elif block.link_density >= TITLE_MIN_LINK_DENSITY:
            items = [_Item(follower, t, h) for t, h in _listed_titles(block)]
            if not items and listed.links:
                listed.used.add(follower)
                break  # "See all", "Weitere Artikel": the link that closes the list
            listed.links.extend(items)
            pending = items[0] if len(items) == 1 else None
        elif _is_kicker(blocks, follower):
            pending = None
        elif listed.links and (is_time_line(block.text) or _is_meta_line(block.text)):
            pass  # a card's date or byline line
        elif (
            pending is not None
            and not (inline and block.path[:-1] == section)
            and _card_summary(blocks, follower, skip) is not None
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


# A card holds its title and a summary under the kicker.
KICKER_CARD_BLOCKS = 2


def _is_kicker(blocks: list[TextBlock], index: int) -> bool:
    """A word or three of unlinked text set right above a linked title, in the same card
    (a box label such as "Most popular" sits beside its list, not in its cards)."""
    block = blocks[index]
    following = blocks[index + 1] if index + 1 < len(blocks) else None
    if (
        len(block.text.split()) > cards.KICKER_MAX_WORDS
        or len(block.text) > cards.KICKER_MAX_CHARS
        or block.link_density > 0
        or is_time_line(block.text)  # a card's date over its title is no kicker
        or following is None
        or following.link_density < TITLE_MIN_LINK_DENSITY
    ):
        return False
    card = block.path if block.tag == "run" else block.path[:-1]
    if following.path[: len(card)] == card and len(following.path) > len(card):
        return True
    # A loose line in an element of its own ("<div class='topline'>") beside the title's
    # wrapper: a kicker when their shared container is one card (the title, perhaps a
    # summary, then the card ends); a box label beside a list of cards is not.
    card = block.path[:-1]
    if block.tag != "run" or following.path[: len(card)] != card:
        return False
    members = 0
    for near in blocks[index + 1 : index + 1 + KICKER_CARD_BLOCKS + 1]:
        if near.path[: len(card)] != card:
            break
        members += 1
    return members <= KICKER_CARD_BLOCKS


def _is_tag_row(block: TextBlock) -> bool:
    """A row of tag links ("NHS", "Waiting lists"): mostly too short to be headlines, or all
    leading to taxonomy pages."""
    if len(block.links) < TAG_ROW_MIN_LINKS:
        return False
    titled = sum(1 for text, _ in block.links if _is_title_text(text))
    taxonomy = sum(1 for _, href in block.links if href and cards.is_taxonomy_url(href))
    return 2 * titled < len(block.links) or taxonomy == len(block.links)


def _listed_titles(block: TextBlock) -> list[tuple[str, str]]:
    """(title, href) of a listed block's article links, kickers taken off the titles."""
    anchors = []
    if block.node is not None and block.tag != "run" and block.anchor is None:
        node = block.node
        anchors = [node] if node.tag == "a" else node.css("a")
    titles = []
    for position, (text, href) in enumerate(block.links):
        if len(anchors) == len(block.links):
            text = cards.anchor_title(anchors[position])
        if _is_title_text(text) and not (href and cards.is_taxonomy_url(href)):
            titles.append((text, href))
    return titles


def _cards_from_tree(heading: TextBlock, base: str | None) -> _Listed:
    """The cards after a related heading that the block walk did not enter (a list whose
    items a class name made it skip): read from the tree. Only links to the page's own site
    count, so a partner widget's cards are never taken."""
    listed = _Listed()
    if heading.node is None:
        return listed
    site = _host(base)
    for sibling in cards.section_after(heading.node):
        for card in cards.cards_in(sibling):
            if not _same_site(card.href, base, site) or not _is_title_text(card.title):
                continue
            listed.links.append(_Item(-1, card.title, card.href, card.summary))
            if len(listed.links) >= cards.MAX_SECTION_CARDS:
                return listed
    return listed


def _host(url: str | None) -> str:
    try:
        host = urlsplit(url or "").netloc.lower()
    except ValueError:
        return ""
    return host.removeprefix("www.")


def _section_is_empty(blocks: list[TextBlock], index: int) -> bool:
    """No block of the walk sits in the heading's section after it."""
    section = blocks[index].path[:-1]
    following = blocks[index + 1] if index + 1 < len(blocks) else None
    return following is None or following.path[: len(section)] != section


# Kana, CJK ideographs, Hangul and Thai: scripts written without spaces between words.
UNSPACED_SCRIPT = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\u0e00-\u0e7f]")


def _is_title_text(text: str) -> bool:
    """Headline-sized: a few words, or in scripts written without spaces, a few characters.
    Separators ("National News |") are no words."""
    if sum(1 for word in text.split() if any(c.isalnum() for c in word)) >= MIN_TITLE_WORDS:
        return True
    return len(text) >= MIN_TITLE_CHARS and UNSPACED_SCRIPT.search(text) is not None


def _card_summary(blocks: list[TextBlock], index: int, skip: set[int]) -> str | None:
    """The short unlinked text under a listed teaser title, if the next block is one."""
    if index >= len(blocks) or index in skip:
        return None
    block = blocks[index]
    if block.tag == "heading" or is_related_heading(block.text) or not _is_summary(block):
        return None
    return block.text


def _is_title(block: TextBlock) -> bool:
    return (
        block.link_density >= TITLE_MIN_LINK_DENSITY
        and len(block.text) <= MAX_TITLE_CHARS
        and len(block.text.split()) >= MIN_TITLE_WORDS
        and block.tag != "list"
    )


def _is_summary(block: TextBlock) -> bool:
    return (
        len(block.text) <= MAX_SUMMARY_CHARS
        and block.link_density < 0.5
        and not is_time_line(block.text)
        and not _is_meta_line(block.text)
        and classify_line(block.text) is None  # "MORE NEWS" after a card is no summary
    )


def _is_meta_line(text: str) -> bool:
    """A card's date and byline line ("26.04.24 | Politik | Von ..."), no summary."""
    return len(text) <= MAX_META_LINE_CHARS and (
        VISIBLE_DATE.search(text) is not None
        # a credit, not a sentence that opens with a byline word ("Por su parte, ...")
        or (byline.starts_with_prefix(text) and bool(byline.split_names(text)))
    )
