"""What the parts of a teaser look like: a headline-sized linked title, a summary, a card's
meta line, a kicker over the title, a row of tag links, a related label ("Read also:",
"Mehr zum Thema"). Shared by the related-link finders of ``links`` and ``related_sections``."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from newsparse import vocab
from newsparse.blocks import TextBlock
from newsparse.chrome_lines import classify_line
from newsparse.dom import absolute_url, label_key
from newsparse.fields import byline, cards
from newsparse.fields.dates import VISIBLE_DATE
from newsparse.fields.feed import is_time_line
from newsparse.patterns import alternation

# A teaser title is a headline: a few words, mostly or wholly a link.
MIN_TITLE_WORDS = 3
MAX_TITLE_CHARS = 200
TITLE_MIN_LINK_DENSITY = 0.7
# A teaser summary is a sentence or two, and trails off when it is an excerpt.
MAX_SUMMARY_CHARS = 600
# A line this short with a date or a byline in it is a card's meta line, not its summary.
MAX_META_LINE_CHARS = 80
# A line of this many links or more, mostly too short for headlines, is a tag row.
TAG_ROW_MIN_LINKS = 3
# Titles in non-spaced scripts (Japanese, Chinese) have no words to count: count characters.
MIN_TITLE_CHARS = 12
_LABELS = frozenset(vocab.RELATED_LABELS)
TRAILS_OFF = re.compile(r"(?:…|\.\.\.)\s*$")
_LABEL = re.compile(
    r"^\s*(?:"
    + alternation(vocab.RELATED_LABELS, longest_first=True)
    + r")\s*(?:[:\-–—|»>]+\s*|\s+(?=\S))",
    re.IGNORECASE,
)
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


def same_site(href: str, base: str | None, site: str) -> bool:
    """Whether a link leads to the page's own site (its subdomains included); a card that
    leads elsewhere is a partner's or an advertiser's."""
    url = absolute_url(href, base)
    if url is None:
        return False
    host = url_host(url)
    return not site or host == site or host.endswith("." + site) or site.endswith("." + host)


def url_host(url: str | None) -> str:
    try:
        host = urlsplit(url or "").netloc.lower()
    except ValueError:
        return ""
    return host.removeprefix("www.")


# A card holds its title and a summary under the kicker.
KICKER_CARD_BLOCKS = 2


def is_kicker(blocks: list[TextBlock], index: int) -> bool:
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


def is_tag_row(block: TextBlock) -> bool:
    """A row of tag links ("NHS", "Waiting lists"): mostly too short to be headlines, or all
    leading to taxonomy pages."""
    if len(block.links) < TAG_ROW_MIN_LINKS:
        return False
    titled = sum(1 for text, _ in block.links if is_title_text(text))
    taxonomy = sum(1 for _, href in block.links if href and cards.is_taxonomy_url(href))
    return 2 * titled < len(block.links) or taxonomy == len(block.links)


def listed_titles(block: TextBlock) -> list[tuple[str, str]]:
    """(title, href) of a listed block's article links, kickers taken off the titles."""
    anchors = []
    if block.node is not None and block.tag != "run" and block.anchor is None:
        node = block.node
        anchors = [node] if node.tag == "a" else node.css("a")
    titles = []
    for position, (text, href) in enumerate(block.links):
        if len(anchors) == len(block.links):
            text = cards.anchor_title(anchors[position])
        if is_title_text(text) and not (href and cards.is_taxonomy_url(href)):
            titles.append((text, href))
    return titles


# Kana, CJK ideographs, Hangul and Thai: scripts written without spaces between words.
UNSPACED_SCRIPT = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\u0e00-\u0e7f]")


def is_title_text(text: str) -> bool:
    """Headline-sized: a few words, or in scripts written without spaces, a few characters.
    Separators ("National News |") are no words."""
    if sum(1 for word in text.split() if any(c.isalnum() for c in word)) >= MIN_TITLE_WORDS:
        return True
    return len(text) >= MIN_TITLE_CHARS and UNSPACED_SCRIPT.search(text) is not None


def card_summary(blocks: list[TextBlock], index: int, skip: set[int]) -> str | None:
    """The short unlinked text under a listed teaser title, if the next block is one."""
    if index >= len(blocks) or index in skip:
        return None
    block = blocks[index]
    if block.tag == "heading" or is_related_heading(block.text) or not is_summary(block):
        return None
    return block.text


def is_title(block: TextBlock) -> bool:
    return (
        block.link_density >= TITLE_MIN_LINK_DENSITY
        and len(block.text) <= MAX_TITLE_CHARS
        and len(block.text.split()) >= MIN_TITLE_WORDS
        and block.tag != "list"
    )


def is_summary(block: TextBlock) -> bool:
    return (
        len(block.text) <= MAX_SUMMARY_CHARS
        and block.link_density < 0.5
        and not is_time_line(block.text)
        and not is_meta_line(block.text)
        and classify_line(block.text) is None  # "MORE NEWS" after a card is no summary
    )


def is_meta_line(text: str) -> bool:
    """A card's date and byline line ("26.04.24 | Politik | Von ..."), no summary."""
    return len(text) <= MAX_META_LINE_CHARS and (
        VISIBLE_DATE.search(text) is not None
        # a credit, not a sentence that opens with a byline word ("Por su parte, ...")
        or (byline.starts_with_prefix(text) and bool(byline.split_names(text)))
    )
