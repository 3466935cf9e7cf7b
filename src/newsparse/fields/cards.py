"""Teaser cards read from the tree: the title a link shows (without its kicker), the links
that lead to taxonomy pages rather than articles, and the cards of a section that the block
walk did not enter."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

from newsparse import chrome, vocab
from newsparse.dom import HEADING_TAGS, Node, attr, normalize_space, url_path_segments

# A kicker ("Ratgeber", "Live", "Analysis") is a word or three set before the title.
KICKER_MAX_WORDS = 3
KICKER_MAX_CHARS = 40
# A taxonomy page's path is short: "/tag/nhs/", "/news/topics/c9mountain".
TAXONOMY_MAX_SEGMENTS = 3
# Sibling elements read after a related heading, at most (the list, a "see all" link...).
MAX_SECTION_SIBLINGS = 4
# Cards read from one section, at most.
MAX_SECTION_CARDS = 12
# A card's summary is a sentence or two; shorter text is a label, longer is story text.
MIN_SUMMARY_WORDS = 4
MAX_SUMMARY_CHARS = 600
# Elements whose children may each be a teaser card.
CARD_LIST_TAGS = frozenset({"ul", "ol", "div", "section"})
# A card list holds at least this many cards (two could be any pair of links).
CARD_LIST_MIN_CARDS = 3
_TAXONOMY = frozenset(vocab.TAXONOMY_PATH_SEGMENTS)
_SPONSORED = frozenset(vocab.SPONSORED_PATH_SEGMENTS)
_SUMMARY_TAGS = frozenset({"p", "div", "span"})
_TERMINAL = re.compile(r"[.!?…]$")


@dataclass(frozen=True)
class Card:
    title: str
    href: str
    summary: str | None


def is_taxonomy_url(href: str) -> bool:
    """A link to a tag, topic, category or author page ("/tag/nhs/"), not to an article."""
    segments = url_path_segments(href)
    if not segments or len(segments) > TAXONOMY_MAX_SEGMENTS:
        return False
    return any(segment in _TAXONOMY for segment in segments[:-1])


def is_sponsored_url(href: str) -> bool:
    """A link to paid content ("/annonse/...", "/sponsored/...")."""
    return any(segment in _SPONSORED for segment in url_path_segments(href))


def is_site_root(url: str) -> bool:
    """A link to a site's home page ("https://site.test/"): the site, not an article."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.path.strip("/") == "" and not parts.query


def _text_parts(node: Node) -> list[tuple[bool, str]]:
    """(is element, text) of a node's children that show text."""
    parts: list[tuple[bool, str]] = []
    for child in node.iter(include_text=True):
        if child.tag in ("img", "picture", "svg"):
            continue
        text = normalize_space((child.text_content or "") if child.tag == "-text" else child.text())
        if text:
            parts.append((child.tag != "-text", text))
    return parts


def anchor_title(anchor: Node) -> str:
    """The headline a link shows: the heading inside it if it has one, else its text without
    a kicker element set before the title ("<span>Ratgeber</span> <span>Title</span>")."""
    heading = next((n for n in anchor.traverse() if n.tag in HEADING_TAGS), None)
    if heading is not None and normalize_space(heading.text()):
        return normalize_space(heading.text())
    node = anchor
    parts = _text_parts(node)
    # Descend through single wrappers (<a><div><span>..</span><span>..</span></div></a>).
    while len(parts) == 1 and parts[0][0]:
        inner = next((c for c in node.iter() if normalize_space(c.text()) == parts[0][1]), None)
        if inner is None:
            break
        node, parts = inner, _text_parts(inner)
    whole = normalize_space(anchor.text())
    if len(parts) < 2 or not all(is_element for is_element, _ in parts):
        return whole
    kicker, rest = parts[0][1], " ".join(text for _, text in parts[1:])
    if (
        len(kicker.split()) <= KICKER_MAX_WORDS
        and len(kicker) <= KICKER_MAX_CHARS
        and len(rest) > len(kicker)
    ):
        return rest
    return whole


def _is_summary(text: str, title: str) -> bool:
    return (
        len(text.split()) >= MIN_SUMMARY_WORDS
        and len(text) <= MAX_SUMMARY_CHARS
        and text != title
        and title not in text
    )


def card_summary(card: Node, title_anchor: Node, title: str) -> str | None:
    """The first sentence-sized text of a card outside its title."""
    title_ids = {n.mem_id for n in title_anchor.traverse()}
    for node in card.traverse():
        if node.mem_id in title_ids or node.tag not in _SUMMARY_TAGS:
            continue
        if any(child.tag in _SUMMARY_TAGS or child.tag in HEADING_TAGS for child in node.iter()):
            continue  # a wrapper: its own leaves are looked at
        text = normalize_space(node.text())
        if _is_summary(text, title):
            return text
    return None


def _card_root(anchor: Node, stop: Node, href: str) -> Node:
    """The largest ancestor of a title link (below ``stop``) that links nowhere else."""
    root = anchor
    parent = anchor.parent
    while parent is not None and parent.mem_id != stop.mem_id:
        hrefs = {attr(a, "href") for a in parent.css("a[href]")}
        if hrefs - {href}:
            break
        root, parent = parent, parent.parent
    return root


def cards_in(container: Node) -> Iterator[Card]:
    """Teaser cards under ``container``: one per distinct article link with a headline."""
    seen: set[str] = set()
    for anchor in container.css("a[href]"):
        href = attr(anchor, "href")
        if not href or href in seen or is_taxonomy_url(href):
            continue
        title = anchor_title(anchor)
        if not title:
            continue
        seen.add(href)
        root = _card_root(anchor, container, href)
        yield Card(title=title, href=href, summary=card_summary(root, anchor, title))


def card_lists(root: Node, walked: set[int]) -> Iterator[list[Card]]:
    """Lists of teaser cards the block walk did not enter: elements whose children are, each,
    one card (a headline link and maybe a summary). ``walked`` holds the mem_ids of the
    elements some block sits in; lists inside page chrome (nav, header, footer, asides) are
    left alone."""
    for node in root.traverse():
        if node.tag not in CARD_LIST_TAGS or node.mem_id in walked:
            continue
        children = list(node.iter())
        if len(children) < CARD_LIST_MIN_CARDS:
            continue  # (most elements: one wrapper in another, read no further)
        items = [child for child in children if _shows_text(child)]
        if len(items) < CARD_LIST_MIN_CARDS or len(items) > MAX_SECTION_CARDS * 2:
            continue
        found = [_single_card(item) for item in items]
        cards = [card for card in found if card is not None]
        if len(cards) == len(items) and not _inside_chrome(node, root):
            yield cards


def _shows_text(node: Node) -> bool:
    """Whether any text under the element is more than white space; stops at the first such
    text (a whole subtree's text() per child made deep, unwalked markup quadratic)."""
    for part in node.traverse(include_text=True):
        if part.tag == "-text":
            text = part.text_content
            if text and not text.isspace():
                return True
    return False


def _single_card(item: Node) -> Card | None:
    """The card an element is: one article link with a headline, no time shown."""
    anchors = [a for a in item.css("a[href]") if not is_taxonomy_url(attr(a, "href"))]
    hrefs = {attr(a, "href") for a in anchors}
    if len(hrefs) != 1 or item.css_first("time") is not None:
        return None
    titled = [(a, anchor_title(a)) for a in anchors]
    anchor, title = max(titled, key=lambda pair: len(pair[1]))
    if not title:
        return None
    return Card(title=title, href=attr(anchor, "href"), summary=card_summary(item, anchor, title))


def _inside_chrome(node: Node, root: Node) -> bool:
    """Whether an element or an ancestor (below ``root``) is page chrome other than an
    advertising class name; ads are told apart by their links (see the callers)."""
    current: Node | None = node
    while current is not None and current.mem_id != root.mem_id:
        verdict = chrome.classify_element(current, current.tag or "")
        if verdict is not None and verdict.kind != "ad":
            return True
        current = current.parent
    return False


def section_after(heading: Node) -> list[Node]:
    """The elements a related heading introduces: its following siblings, up to the next
    heading or a few elements."""
    found: list[Node] = []
    sibling = heading.next
    while sibling is not None and len(found) < MAX_SECTION_SIBLINGS:
        tag = sibling.tag
        if tag in HEADING_TAGS:
            break
        if tag and not tag.startswith("-") and normalize_space(sibling.text()):
            found.append(sibling)
        sibling = sibling.next
    return found


def ends_sentence(text: str) -> bool:
    return _TERMINAL.search(text) is not None
